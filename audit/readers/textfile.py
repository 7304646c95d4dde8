"""Read a text file strictly: UTF-8 only, no binaries, no directories, never empty."""

from __future__ import annotations

import os

from audit.errors import InputError
from audit.positions import line_and_column

# The size at which a file stops being "an article" and becomes suspicious input.
MAX_BYTES = 512 * 1024 * 1024


def read_text(path: str) -> str:
    """Return the file's text with newlines normalised to ``\\n``, or raise InputError."""
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if b"\x00" in data[:65536]:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]  # the BOM is not text; dropping it keeps error offsets right
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, column = line_and_column(good, len(good))
        raise InputError(path, "not valid UTF-8 text", line, column) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file: nothing to audit")
    return text

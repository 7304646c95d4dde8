"""Read a text file strictly: UTF-8 only, no binaries, no directories, never empty."""

from __future__ import annotations

import os
import stat

from audit.errors import InputError
from audit.positions import line_and_column

# The size at which a file stops being "an article" and becomes suspicious input.
MAX_BYTES = 512 * 1024 * 1024
# Characters in one segment, or in one paragraph of an article (text without a blank line or a
# headline break). Real paragraphs hold a few thousand; sentence splitting and some checks take
# time that grows with the square of this length, so far longer runs are refused up front.
MAX_PARAGRAPH = 100_000
# How much is read before the rest: enough to tell text from a binary file.
_HEAD = 65536


def read_text(path: str) -> str:
    """Return the file's text with newlines normalised to ``\\n``, or raise InputError."""
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
                raise InputError(path, "is a device, not a file")
            # The size is known before anything is read, so an oversized file costs no memory;
            # a pipe has no size, and reading stops one byte past the limit.
            _require_size(path, info.st_size)
            data = handle.read(min(_HEAD, MAX_BYTES + 1))
            if b"\x00" in data:
                raise InputError(path, _binary(data))
            data += handle.read(MAX_BYTES + 1 - len(data))
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
    _require_size(path, len(data))
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


def _require_size(path: str, size: int) -> None:
    if size > MAX_BYTES:
        mib, rest = divmod(MAX_BYTES, 1024 * 1024)
        limit = f"{mib} MiB" if mib and not rest else f"{MAX_BYTES:,} bytes"
        raise InputError(path, f"file is larger than {limit}")


def _binary(head: bytes) -> str:
    """Why a file with NUL bytes is refused; UTF-16 (every other byte NUL) is named as such."""
    message = "binary file (contains NUL bytes), expected UTF-8 text"
    sample = head[:200]
    even, odd = sample[0::2], sample[1::2]
    # Latin-script UTF-16 has a NUL in nearly every high byte (odd bytes in little-endian, even
    # in big-endian) and almost none in the low bytes.
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or any(
        len(high) >= 4 and high.count(0) >= 0.9 * len(high) and low.count(0) <= 0.1 * len(low)
        for high, low in ((odd, even), (even, odd))
    ):
        message += "; it looks like UTF-16 text: save it as UTF-8"
    return message

"""Read a text file strictly: UTF-8 only, no binaries, no directories, never empty."""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from typing import BinaryIO

from audit.errors import InputError
from audit.positions import line_and_column

# The size at which a file stops being "an article" and becomes suspicious input. A run can
# change it (--max-input-size, max-input-size in the configuration) with ``input_limit``.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
MAX_BYTES = DEFAULT_MAX_BYTES
# The limit of a run, set by ``input_limit`` for the files under audit (glossaries and baselines
# are the team's own files and keep the default).
_LIMIT: ContextVar[int | None] = ContextVar("input_limit", default=None)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)
# Characters in one segment, or in one paragraph of an article (text without a blank line or a
# headline break). Real paragraphs hold a few thousand; sentence splitting and some checks take
# time that grows with the square of this length, so far longer runs are refused up front.
MAX_PARAGRAPH = 100_000
# How much is read before the rest: enough to tell text from a binary file.
_HEAD = 65536


def parse_size(text: str) -> int:
    """Bytes in a size such as "512M", "2 GiB", "100k" or "1048576" (units are powers of 1024).

    Raises ValueError for anything else, or for a size below one kilobyte.
    """
    found = _SIZE.fullmatch(text)
    if found is None:
        raise ValueError(f"expected a size such as 512M, 2G or 100000, got {text!r}")
    size = int(float(found.group(1)) * _UNITS[found.group(2).lower()])
    if size < 1024:
        raise ValueError(f"a size limit below 1K would refuse every input, got {text!r}")
    return size


@contextmanager
def input_limit(size: int) -> Iterator[None]:
    """Within the block, refuse files larger than ``size`` bytes instead of ``MAX_BYTES``."""
    token = _LIMIT.set(size)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def _max_bytes() -> int:
    limit = _LIMIT.get()
    return MAX_BYTES if limit is None else limit


def read_text(path: str) -> str:
    """Return the file's text with newlines normalised to ``\\n``, or raise InputError."""
    with _opened(path) as (handle, data):
        # a pipe has no size, and reading stops one byte past the limit
        data += handle.read(_max_bytes() + 1 - len(data))
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


@contextmanager
def _opened(path: str) -> Iterator[tuple[BinaryIO, bytes]]:
    """The file open for reading and its first bytes, once the refusals that need no more
    than those are passed: no file, a directory, a device, too large, binary."""
    if not os.path.exists(path):
        raise InputError(path, "no such file")
    if os.path.isdir(path):
        raise InputError(path, "is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
                raise InputError(path, "is a device, not a file")
            # The size is known before anything is read, so an oversized file costs no memory.
            _require_size(path, info.st_size)
            head = handle.read(min(_HEAD, _max_bytes() + 1))
            if b"\x00" in head:
                raise InputError(path, _binary(head))
            yield handle, head
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None


def _require_size(path: str, size: int) -> None:
    most = _max_bytes()
    if size > most:
        mib, rest = divmod(most, 1024 * 1024)
        limit = f"{mib} MiB" if mib and not rest else f"{most:,} bytes"
        raise InputError(path, f"file is larger than {limit} (see --max-input-size)")


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


def iter_lines(path: str) -> Iterator[tuple[int, str]]:
    """The file's lines, numbered from 1, read one at a time with the checks of ``read_text``.

    Line numbers count ``\\r\\n``, ``\\n`` and a lone ``\\r`` as one break each, as ``read_text``
    does, so positions agree whichever way a file was read. Refusals that need the whole file
    (invalid UTF-8, an empty file) come when the reader reaches them.
    """
    number = 0
    has_text = False
    with _opened(path) as (handle, head):
        read, limit = 0, _max_bytes()
        for raw in _raw_lines(head, handle):
            read += len(raw)
            if read > limit:  # a file that grew, or a pipe
                _require_size(path, read)
            if number == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw[:-1] if raw.endswith(b"\n") else raw
            raw = raw[:-1] if raw.endswith(b"\r") else raw
            for part in raw.split(b"\r") if b"\r" in raw else (raw,):
                number += 1
                try:
                    line = part.decode("utf-8")
                except UnicodeDecodeError as exc:
                    good = part[: exc.start].decode("utf-8", errors="replace")
                    raise InputError(path, "not valid UTF-8 text", number, len(good) + 1) from None
                has_text = has_text or bool(line.strip())
                yield number, line
    if not has_text:
        raise InputError(path, "empty file: nothing to audit")


def iter_chunks(path: str, size: int = _HEAD) -> Iterator[str]:
    """The file's text in pieces of about ``size`` characters, read as it goes, with the
    checks and the newline handling of ``read_text``. Unlike ``iter_lines`` a piece may end
    inside a line, so a file written on one line (machine-made XML) costs one piece of memory,
    not the whole line. Refusals that need the whole file come when the reader reaches them.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    line, column = 1, 1  # where the next character of the file stands
    has_text = False
    after_cr = False  # the last piece ended with "\r": a "\n" opening the next belongs to it
    with _opened(path) as (handle, head):
        read, limit = len(head), _max_bytes()
        raw = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
        while True:
            final = not raw
            try:
                text = decoder.decode(raw, final)
            except UnicodeDecodeError as exc:
                good = _newlines(exc.object[: exc.start].decode("utf-8", errors="replace"))
                where = good.rfind("\n")
                at_line = line + good.count("\n")
                at_column = (column if where < 0 else 1) + len(good) - (where + 1)
                raise InputError(path, "not valid UTF-8 text", at_line, at_column) from None
            if after_cr and text.startswith("\n"):
                text = text[1:]
            if text:
                after_cr = text.endswith("\r")
                text = _newlines(text)
                has_text = has_text or not text.isspace()
                where = text.rfind("\n")
                line += text.count("\n")
                column = (column if where < 0 else 1) + len(text) - (where + 1)
                yield text
            if final:
                break
            raw = handle.read(size)
            read += len(raw)
            if read > limit:  # a file that grew, or a pipe
                _require_size(path, read)
    if not has_text:
        raise InputError(path, "empty file: nothing to audit")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _raw_lines(head: bytes, rest: BinaryIO) -> Iterator[bytes]:
    """Lines (ending in ``\\n`` but the last) of ``head`` followed by what ``rest`` holds: the
    file is read on from where its head ended, so a pipe streams as well as a file."""
    lines = BytesIO(head).readlines()
    tail = lines.pop() if lines and not lines[-1].endswith(b"\n") else b""
    yield from lines
    for raw in rest:
        yield tail + raw if tail else raw
        tail = b""
    if tail:
        yield tail

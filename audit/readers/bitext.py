"""Bitext files: JSONL objects or TSV rows, one segment each (the stable input contract).

Both formats are read line by line (``iter_jsonl``/``iter_tsv`` take numbered lines), so a
translation memory of millions of units can stream through the audit without being held in
memory; ``read_jsonl``/``read_tsv`` are the same readers over a text already in memory.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise

from audit.errors import InputError
from audit.model import Segment

# JSON can escape half of a surrogate pair ("\ud800") on its own: json.loads accepts it, but the
# result is not text and cannot be written as UTF-8, so every report of the file would fail.
_SURROGATE = re.compile("[\ud800-\udfff]")

NumberedLines = Iterable[tuple[int, str]]


def numbered(text: str) -> NumberedLines:
    return enumerate(text.split("\n"), start=1)


def read_jsonl(path: str, text: str) -> list[Segment]:
    """One JSON object per line: ``id``, ``target``, optional ``source`` and ``reference``."""
    return list(iter_jsonl(path, numbered(text)))


def read_tsv(path: str, text: str) -> list[Segment]:
    """``source<TAB>target[<TAB>reference]`` per line, no header; the id is the line number."""
    return list(iter_tsv(path, numbered(text)))


def iter_jsonl(path: str, lines: NumberedLines, ids: IdGuard | None = None) -> Iterator[Segment]:
    """The JSONL reader over numbered lines. Duplicate ids are refused: with ``ids`` given the
    caller checks them (in bounded memory) after the last line, otherwise a set does it here."""
    seen: set[str] | None = set() if ids is None else None
    count = 0
    for number, line in lines:
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"invalid JSON: {exc.msg}", number, exc.colno) from None
        except RecursionError:
            raise InputError(path, "JSON nested too deeply", number, 1) from None
        except ValueError as exc:  # e.g. an integer beyond Python's digit limit
            raise InputError(path, f"invalid JSON value: {exc}", number, 1) from None
        if not isinstance(item, dict):
            raise InputError(path, "expected a JSON object on each line", number, 1)
        target = item.get("target")
        if not isinstance(target, str):
            raise InputError(path, 'missing or non-string "target"', number, 1)
        _require_text(target, "target", path, number)
        segment_id = _identifier(item.get("id", number), path, number)
        if seen is not None:
            if segment_id in seen:
                raise duplicate_id(path, segment_id, number)
            seen.add(segment_id)
        elif ids is not None:
            ids.add(segment_id)
        yield Segment(
            id=segment_id,
            text=target,
            line=number,
            column=1,
            paragraph=count,
            source=_optional_text(item, "source", path, number),
            reference=_optional_text(item, "reference", path, number),
        )
        count += 1


def iter_tsv(path: str, lines: NumberedLines) -> Iterator[Segment]:
    """The TSV reader over numbered lines."""
    count = 0
    for number, line in lines:
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) not in (2, 3):
            raise InputError(
                path, f"expected 2 or 3 tab-separated columns, found {len(cells)}", number, 1
            )
        yield Segment(
            id=str(number),
            text=cells[1],
            line=number,
            column=len(cells[0]) + 2,
            paragraph=count,
            source=cells[0],
            reference=cells[2] if len(cells) == 3 else None,
        )
        count += 1


def duplicate_id(path: str, segment_id: str, line: int) -> InputError:
    return InputError(path, f'duplicate "id" {segment_id!r}', line, 1)


class IdGuard:
    """Finds a repeated segment id among millions in 8 bytes per id.

    Only each id's 64-bit hash is kept. A repeated hash is confirmed (hashes of different ids
    can collide) by ``first_duplicate``, which reads the ids once more and holds only those
    whose hash repeats.
    """

    def __init__(self, hasher: Callable[[str], int] = hash) -> None:
        self._hash = hasher
        self._hashes = array("q")

    def add(self, segment_id: str) -> None:
        self._hashes.append(self._hash(segment_id))

    def first_duplicate(self, reread: Callable[[], Iterable[Segment]]) -> tuple[str, int] | None:
        """(id, line) of the first id that repeats an earlier one, or None."""
        ordered = sorted(self._hashes)
        repeated = {a for a, b in pairwise(ordered) if a == b}
        if not repeated:
            return None
        seen: set[str] = set()
        for segment in reread():
            if self._hash(segment.id) in repeated:
                if segment.id in seen:
                    return segment.id, segment.line
                seen.add(segment.id)
        return None


class _AlreadyChecked(IdGuard):
    """For reading a file again once its ids have been checked: records nothing."""

    def add(self, segment_id: str) -> None:
        pass


ALREADY_CHECKED: IdGuard = _AlreadyChecked()


def _identifier(value: object, path: str, line: int) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(path, '"id" must be a string or a number', line, 1)
    return _require_text(str(value), "id", path, line)


def _optional_text(item: dict[str, object], key: str, path: str, line: int) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return _require_text(value, key, path, line)
    raise InputError(path, f'"{key}" must be a string', line, 1)


def _require_text(value: str, key: str, path: str, line: int) -> str:
    lone = _SURROGATE.search(value)
    if lone is not None:
        code = f"\\u{ord(lone.group()):04x}"
        raise InputError(path, f'"{key}" holds a lone surrogate {code}, which is not text', line, 1)
    return value

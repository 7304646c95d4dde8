"""Bitext files: JSONL objects or TSV rows, one segment each (the stable input contract)."""

from __future__ import annotations

import json
import re

from audit.errors import InputError
from audit.model import Segment

# JSON can escape half of a surrogate pair ("\ud800") on its own: json.loads accepts it, but the
# result is not text and cannot be written as UTF-8, so every report of the file would fail.
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(path: str, text: str) -> list[Segment]:
    """One JSON object per line: ``id``, ``target``, optional ``source`` and ``reference``."""
    segments: list[Segment] = []
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), start=1):
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
        if segment_id in seen:
            raise InputError(path, f'duplicate "id" {segment_id!r}', number, 1)
        seen.add(segment_id)
        segments.append(
            Segment(
                id=segment_id,
                text=target,
                line=number,
                column=1,
                paragraph=len(segments),
                source=_optional_text(item, "source", path, number),
                reference=_optional_text(item, "reference", path, number),
            )
        )
    return segments


def read_tsv(path: str, text: str) -> list[Segment]:
    """``source<TAB>target[<TAB>reference]`` per line, no header; the id is the line number."""
    segments: list[Segment] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) not in (2, 3):
            raise InputError(
                path, f"expected 2 or 3 tab-separated columns, found {len(cells)}", number, 1
            )
        segments.append(
            Segment(
                id=str(number),
                text=cells[1],
                line=number,
                column=len(cells[0]) + 2,
                paragraph=len(segments),
                source=cells[0],
                reference=cells[2] if len(cells) == 3 else None,
            )
        )
    return segments


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

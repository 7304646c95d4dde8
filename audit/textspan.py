"""Small operations on character spans of a text."""

from __future__ import annotations

from collections.abc import Iterable


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the given spans replaced by spaces (line breaks kept, offsets unchanged)."""
    spans = list(spans)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for i in range(start, min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)

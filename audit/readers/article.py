"""Turn an article's text (with its non-prose blanked out) into positioned segments."""

from __future__ import annotations

import re

from audit.model import Segment
from audit.positions import LineIndex
from audit.segmenter import split_article
from audit.textspan import blank

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b")


def url_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)]


def article_segments(raw: str, masked: list[tuple[int, int]], lang: str) -> list[Segment]:
    """Segments of an article; ``masked`` spans of ``raw`` are kept in the text but not audited."""
    masked = sorted(masked)
    plain = blank(raw, masked)
    index = LineIndex(raw)
    segments: list[Segment] = []
    for number, piece in enumerate(split_article(plain, lang), start=1):
        line, column = index.locate(piece.start)
        ignored = tuple(
            (max(s, piece.start) - piece.start, min(e, piece.end) - piece.start)
            for s, e in masked
            if s < piece.end and e > piece.start
        )
        segments.append(
            Segment(
                id=str(number),
                text=raw[piece.start : piece.end],
                line=line,
                column=column,
                paragraph=piece.paragraph,
                ignored=ignored,
                plain=plain[piece.start : piece.end],
            )
        )
    return segments

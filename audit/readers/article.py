"""Turn an article's text (with its non-prose blanked out) into positioned segments."""

from __future__ import annotations

import re

from audit.model import Segment
from audit.positions import LineIndex
from audit.readers import textfile
from audit.segmenter import hard_lines, paragraphs, split_article
from audit.textspan import blank

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b")


class ParagraphTooLong(ValueError):
    """A run of text longer than ``textfile.MAX_PARAGRAPH`` the sentence splitter would get."""

    def __init__(self, offset: int, length: int) -> None:
        super().__init__(f"{length} characters without a paragraph break at offset {offset}")
        self.offset = offset
        self.length = length


def url_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL.finditer(text)]


def article_segments(raw: str, masked: list[tuple[int, int]], lang: str) -> list[Segment]:
    """Segments of an article; ``masked`` spans of ``raw`` are kept in the text but not audited."""
    masked = sorted(masked)
    plain = blank(raw, masked)
    _require_paragraph_breaks(plain)
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


def _require_paragraph_breaks(plain: str) -> None:
    """Refuse text the sentence splitter would take minutes over (see ``MAX_PARAGRAPH``)."""
    limit = textfile.MAX_PARAGRAPH
    for p_start, p_end in paragraphs(plain):
        if p_end - p_start <= limit:
            continue
        for start, end in hard_lines(plain, p_start, p_end):
            if end - start > limit:
                raise ParagraphTooLong(start, end - start)

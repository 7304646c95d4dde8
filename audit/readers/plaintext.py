"""Plain-text articles: paragraphs separated by blank lines; URLs are not audited."""

from __future__ import annotations

from audit.model import Segment
from audit.readers.article import article_segments, url_spans


def read_plaintext(text: str, lang: str) -> list[Segment]:
    return article_segments(text, url_spans(text), lang)

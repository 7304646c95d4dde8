"""Markdown articles: prose is audited; code, HTML, URLs and markup characters are not."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from audit.model import Segment
from audit.readers.article import article_segments, url_spans

_PARSER = MarkdownIt("commonmark").enable("table")
_SKIPPED_BLOCKS = frozenset({"fence", "code_block", "html_block", "hr"})
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# Inline constructs whose characters are markup, not prose.
_INLINE_MARKUP = re.compile(
    r"(?P<code>(`+).*?\2)"
    r"|<!--.*?-->"
    r"|<[A-Za-z/!][^<>\n]*>"
    r"|\]\([^()\s]*(?:\s+\"[^\"]*\")?\)"
    r"|^[ \t]*\[[^\]\n]+\]:[^\n]*"
    r"|^[ \t]{0,3}#{1,6}(?=\s)|[ \t]+#+[ \t]*$"
    r"|^[ \t]*(?:>[ \t]?)+"
    r"|^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])"
    r"|!?\[|\]"
    r"|\*+|(?<![\w])_+|_+(?![\w])|~~|\|",
    re.MULTILINE | re.DOTALL,
)


def read_markdown(text: str, lang: str) -> list[Segment]:
    masked: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    if front:
        masked.append(front.span())
    index = _line_offsets(text)
    for token in _PARSER.parse(text):
        if token.type in _SKIPPED_BLOCKS and token.map:
            first, last = token.map
            masked.append((index[first], index[min(last, len(index) - 1)]))
    masked.extend(m.span() for m in _INLINE_MARKUP.finditer(text))
    masked.extend(url_spans(text))
    return article_segments(text, masked, lang)


def _line_offsets(text: str) -> list[int]:
    """Offset of the start of every line, plus the end of the text."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    starts.append(len(text))
    return starts

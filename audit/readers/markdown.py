"""Markdown articles: prose is audited; code, HTML, URLs and markup characters are not.

HTML comments of the form ``<!-- tqa-disable ... -->`` are suppression directives (see
audit.suppressions); inside code blocks, code spans and front matter they are just text.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from audit.model import Segment
from audit.readers.article import article_segments, url_spans
from audit.suppressions import Directive, apply_directives, parse_directive
from audit.textspan import blank

_PARSER = MarkdownIt("commonmark").enable("table")
_SKIPPED_BLOCKS = frozenset({"fence", "code_block", "html_block", "hr"})
# Blocks whose content is shown verbatim: a directive there is an example, not a directive.
_CODE_BLOCKS = frozenset({"fence", "code_block"})
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
    verbatim: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    if front:
        masked.append(front.span())
        verbatim.append(front.span())
    index = _line_offsets(text)
    for token in _PARSER.parse(text):
        if token.type in _SKIPPED_BLOCKS and token.map:
            first, last = token.map
            span = (index[first], index[min(last, len(index) - 1)])
            masked.append(span)
            if token.type in _CODE_BLOCKS:
                verbatim.append(span)
    directives: list[Directive] = []
    for match in _INLINE_MARKUP.finditer(text):
        masked.append(match.span())
        # A code span is matched as a whole, so a comment match is never inside one.
        comment = match.group()
        if (
            comment.startswith("<!--")
            and comment.endswith("-->")
            and not _inside(match.start(), verbatim)
        ):
            directive = parse_directive(comment[4:-3], match.end())
            if directive is not None:
                directives.append(directive)
    masked.extend(url_spans(text))
    segments = article_segments(text, masked, lang)
    if not directives:
        return segments
    return apply_directives(text, blank(text, sorted(masked)), segments, directives)


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _line_offsets(text: str) -> list[int]:
    """Offset of the start of every line, plus the end of the text."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    starts.append(len(text))
    return starts

"""Copy artefacts: scraping boilerplate, stray punctuation lines, duplicated paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule, whole_span
from audit.model import Document, Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

BOILERPLATE = rule(
    "ART001",
    "scraping-boilerplate",
    "design-and-markup/boilerplate",
    Severity.ERROR,
    """A line left over from scraping or a CMS export ("source site-34", "Read more", "Advertisement").

    Patterns are data (audit/data/artefacts/boilerplate.txt) matched against whole segments.
    Example: a trailing "source site-34" line -> delete it.""",
    supersedes=True,
)
STRAY = rule(
    "ART002",
    "stray-punctuation",
    "design-and-markup/layout",
    Severity.ERROR,
    """A segment with no letters or digits, such as a lone "." line.

    Example: a paragraph consisting of "." -> delete it.""",
    supersedes=True,
)
DUPLICATE = rule(
    "ART003",
    "duplicated-text",
    "accuracy/addition",
    Severity.ERROR,
    """A paragraph or sentence repeats an earlier one (often a headline repeated as title and subtitle).

    Paragraphs are compared by their words, ignoring case, punctuation and line breaks, so a
    headline "A: B" repeated as the two lines "A" and "B" is caught; sentences of four or more
    words are compared the same way. Articles only: a translation file (XLIFF, TMX, PO, JSONL,
    TSV) repeats units by design.
    Example: "No relaxation in sight: Moscow warns NATO" followed by "No relaxation in sight" /
    "Moscow warns NATO" -> delete the repetition.""",
)

_HAS_CONTENT = re.compile(r"[^\W_]")
_WORDS = re.compile(r"[^\W_]+")
_MIN_SENTENCE_WORDS = 4


def _patterns() -> re.Pattern[str]:
    lines = [ln.strip() for ln in data_lines("artefacts", "boilerplate.txt")]
    return re.compile("|".join(f"(?:{ln})" for ln in lines), re.IGNORECASE)


class Boilerplate:
    """ART001 and ART002: segments that are not prose at all."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (BOILERPLATE, STRAY)

    def __init__(self, resources: Resources) -> None:
        self._pattern = _patterns()

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        text = segment.plain.strip()
        start = len(segment.plain) - len(segment.plain.lstrip())
        end = start + len(text)
        if not text:
            return
        if not _HAS_CONTENT.search(text):
            yield finding(
                STRAY,
                segment,
                start,
                end,
                f'stray line "{text}" is not part of the text; delete it',
            )
        elif self._pattern.fullmatch(text):
            yield finding(
                BOILERPLATE,
                segment,
                start,
                end,
                f'"{text}" is scraping boilerplate, not article text; delete it',
            )


class Duplicates:
    """ART003, over the whole document: repeated paragraphs and repeated sentences."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (DUPLICATE,)
    # Translation files have no source article to align, and repeat units by design.
    articles_only: ClassVar[bool] = True

    def __init__(self, resources: Resources) -> None:
        pass

    def check_document(self, document: Document) -> Iterator[Finding]:
        if not document.is_article:
            return  # a translation memory repeats units by design
        paragraphs: dict[int, list[Segment]] = {}
        for segment in document.segments:
            paragraphs.setdefault(segment.paragraph, []).append(segment)
        seen_paragraphs: dict[tuple[str, ...], Segment] = {}
        seen_sentences: dict[tuple[str, ...], Segment] = {}
        for segments in paragraphs.values():
            key = tuple(w for s in segments for w in _key(s))
            first = seen_paragraphs.setdefault(key, segments[0]) if key else segments[0]
            if first is not segments[0]:
                for segment in segments:
                    if _key(segment):
                        yield self._repeat(segment, first, "paragraph")
                continue
            for segment in segments:
                words = _key(segment)
                if len(words) < _MIN_SENTENCE_WORDS:
                    continue
                earlier = seen_sentences.setdefault(words, segment)
                if earlier is not segment:
                    yield self._repeat(segment, earlier, "sentence")

    @staticmethod
    def _repeat(segment: Segment, first: Segment, what: str) -> Finding:
        start, end = whole_span(segment)
        return finding(
            DUPLICATE,
            segment,
            start,
            end,
            f"this {what} repeats line {first.line}; delete the repetition",
            (),
            {"first_segment": first.id},
        )


def _key(segment: Segment) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORDS.findall(segment.plain))

"""Locale conventions of English copy: number format, quotation marks, date order, abbreviations."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

DECIMAL_COMMA = rule(
    "LOC001",
    "decimal-comma",
    "locale-conventions/number-format",
    Severity.ERROR,
    """A German decimal comma in English copy ("3,5 percent").

    English writes the decimal point; "3,5" reads as a list or a typo. Numbers with three digits
    after the comma ("3,500") are English thousands and are left alone.
    Example: "3,5 percent" -> "3.5 percent"; "1.000,5" -> "1,000.5".""",
)
THOUSANDS_DOT = rule(
    "LOC002",
    "thousands-dot",
    "locale-conventions/number-format",
    Severity.ERROR,
    """A German thousands separator (dot) in English copy ("13.000 soldiers").

    Example: "13.000 soldiers" -> "13,000 soldiers".""",
)
GERMAN_QUOTES = rule(
    "LOC003",
    "german-quotes",
    "linguistic-conventions/punctuation",
    Severity.WARNING,
    """German quotation marks („…“, ‚…‘, »…«) in English copy.

    Example: „armed confrontation“ -> “armed confrontation”.""",
)
DATE_ORDER = rule(
    "LOC004",
    "german-date-order",
    "locale-conventions/date-format",
    Severity.ERROR,
    """A German ordinal date ("9. January") in English copy.

    Example: "on 9. January" -> "on January 9" (US) or "on 9 January" (UK).""",
)
ABBREVIATION = rule(
    "LOC005",
    "german-abbreviation",
    "locale-conventions/number-format",
    Severity.ERROR,
    """A German abbreviation left in English copy (Mio., Mrd., z.B., bzw., Uhr).

    The list is data (audit/data/vocabulary/de-en-abbreviations.tsv).
    Example: "5 Mio. euros" -> "5 million euros".""",
)

_NUMBER = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,(?:\d{1,2}|\d{4,}))(?!\w|[.,]\d)"
)
_QUOTES = re.compile(r"„([^„“”\n]{0,300})[“”]|‚([^‚‘’\n]{0,300})[‘’]|»([^»«\n]{0,300})«|[„‚»]")
_ENGLISH_QUOTES = {"„": ("“", "”"), "‚": ("‘", "’"), "»": ("“", "”")}
_MONTHS = "January February March April May June July August September October November December"
_GERMAN_MONTHS = (
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
)
_MONTH_NAMES = dict(zip(_MONTHS.split() + _GERMAN_MONTHS.split(), _MONTHS.split() * 2))
_DATE = re.compile(r"(?<![\w.])(\d{1,2})\.\s+(" + "|".join(_MONTH_NAMES) + r")\b")
# What every match of the patterns above contains; each is found by a quick scan, so the
# patterns themselves run only on the few segments that have it.
_DIGIT_MARK = re.compile(r"\d[.,]")  # in both of the next two
_MAY_NUMBER = re.compile(r"\d[.,]\d")
_MAY_DATE = re.compile(r"\d\.\s")
_QUOTE_OPENERS = ("„", "‚", "»")


def _abbreviations(source_lang: str, target_lang: str) -> dict[str, str]:
    lines = data_lines("vocabulary", f"{source_lang}-{target_lang}-abbreviations.tsv")
    return dict(ln.split("\t") for ln in lines[1:])


class LocaleConventions:
    """LOC001–LOC005 over the target text."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (
        DECIMAL_COMMA,
        THOUSANDS_DOT,
        GERMAN_QUOTES,
        DATE_ORDER,
        ABBREVIATION,
    )

    def __init__(self, resources: Resources) -> None:
        self._abbreviations = _abbreviations(resources.source_lang, resources.target_lang)
        names = sorted(self._abbreviations, key=len, reverse=True)
        self._abbreviation = (
            re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
            if names
            else None
        )
        # The abbreviations alone, without the look-arounds: a plain alternation of literals
        # is scanned for quickly, and text without any of them needs no closer look.
        self._may_abbreviate = re.compile("|".join(re.escape(n) for n in names)) if names else None

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        text = segment.plain
        digit_mark = _DIGIT_MARK.search(text) is not None
        if digit_mark and _MAY_NUMBER.search(text) is not None:
            yield from self._numbers(segment, text)
        if any(map(text.__contains__, _QUOTE_OPENERS)):
            for match in _QUOTES.finditer(text):
                yield self._quote(segment, match)
        if digit_mark and _MAY_DATE.search(text) is not None:
            yield from self._dates(segment, text)
        if self._may_abbreviate is not None and self._may_abbreviate.search(text) is not None:
            yield from self._abbreviations_in(segment, text)

    @staticmethod
    def _numbers(segment: Segment, text: str) -> Iterator[Finding]:
        for match in _NUMBER.finditer(text):
            number = match.group()
            english = number.replace(".", "\0").replace(",", ".").replace("\0", ",")
            meta = DECIMAL_COMMA if "," in number else THOUSANDS_DOT
            yield finding(
                meta,
                segment,
                *match.span(),
                f'German number format "{number}"; in English "{english}"',
                [english],
            )

    @staticmethod
    def _dates(segment: Segment, text: str) -> Iterator[Finding]:
        for match in _DATE.finditer(text):
            day, month = match.group(1), _MONTH_NAMES[match.group(2)]
            yield finding(
                DATE_ORDER,
                segment,
                *match.span(),
                f'German date order "{match.group()}"',
                [f"{month} {day}", f"{day} {month}"],
            )

    def _abbreviations_in(self, segment: Segment, text: str) -> Iterator[Finding]:
        if self._abbreviation:
            for match in self._abbreviation.finditer(text):
                english = self._abbreviations[match.group()]
                yield finding(
                    ABBREVIATION,
                    segment,
                    *match.span(),
                    f'German abbreviation "{match.group()}"; in English "{english}"',
                    [english],
                )

    @staticmethod
    def _quote(segment: Segment, match: re.Match[str]) -> Finding:
        opening = match.group()[0]
        left, right = _ENGLISH_QUOTES[opening]
        inner = next((g for g in match.groups() if g is not None), None)
        suggestion = left if inner is None else f"{left}{inner}{right}"
        return finding(
            GERMAN_QUOTES,
            segment,
            *match.span(),
            "German quotation marks; English uses “…” (or ‘…’ inside a quotation)",
            [suggestion],
        )

"""Capitalisation of whole segments: a lower-case start, all lower case, all capitals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

# Capitalisation is a spelling matter in MQM ("spelling, including capitalisation").
LOWERCASE_START = rule(
    "CASE001",
    "lowercase-start",
    "fluency/spelling",
    Severity.WARNING,
    """The target begins with a lower-case letter where its source begins with a capital.

    An opening quotation mark or bracket before the first letter is skipped. Targets that
    begin with a number, with a word that has a capital inside (iPhone, eBay, al-Assad), with
    a name particle before a name ("de Gaulle") or with a listed lower-case word (data:
    audit/data/punctuation) are fine, and so are list items ("a) ", "2. ") and fragments of
    one or two words.
    Example: "the minister resigned on Monday." -> "The minister resigned on Monday.".""",
)
WHOLE_CASE = rule(
    "CASE002",
    "whole-segment-case",
    "fluency/spelling",
    Severity.WARNING,
    """The whole target is in lower case, or in capitals while its source is not.

    Counted over segments of at least four words (six without a source, where only lower case
    is judged here) that begin with a letter: "5 people died." has no capital by right.
    Capitals on both sides (a headline) are fine, and so are abbreviations the source writes
    in capitals too.
    Example: "the minister resigned in berlin." -> "The minister resigned in Berlin.".""",
)
CAPS_NO_SOURCE = rule(
    "CASE003",
    "all-caps-segment",
    "fluency/spelling",
    Severity.INFO,
    """A target of six or more words entirely in capitals, with no source to compare.

    Capitals may be a deliberate headline style, so without a source this is only worth a look.
    Example: "THE MINISTER RESIGNED ON MONDAY AFTER TALKS" -> "The minister resigned on Monday
    after talks".""",
)

_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?\.?")
_LETTER = re.compile(r"[^\W\d_]")
_LIST_MARKER = re.compile(r"\s*\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s")
_LEAD_IN = frozenset("\"'“‘«»„‚([¿¡")
_MIN_WORDS = 4
_MIN_WORDS_NO_SOURCE = 6
_MIN_WORDS_START = 3


def _lines(name: str) -> frozenset[str]:
    return frozenset(ln.strip() for ln in data_lines("punctuation", name))


def _first_letter(text: str) -> int:
    """Offset of the first letter if the text begins with one (after quotes/brackets), else -1.

    A text that begins with a list marker ("a) ", "iv. ") is a list item, which English may
    begin in lower case: -1.
    """
    if _LIST_MARKER.match(text):
        return -1
    for i, ch in enumerate(text):
        if ch.isspace() or ch in _LEAD_IN:
            continue
        return i if ch.isalpha() else -1
    return -1


class Casing:
    """CASE001–CASE003: capitalisation of a segment as a whole."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (LOWERCASE_START, WHOLE_CASE, CAPS_NO_SOURCE)

    def __init__(self, resources: Resources) -> None:
        self._lower_words = _lines(f"lowercase-initial-{resources.target_lang}.txt")
        self._particles = _lines("name-particles.txt")

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        plain = segment.plain
        first = _first_letter(plain)
        if first < 0:
            return
        source = segment.source
        whole = self._whole_case(segment, first)
        if whole is not None:
            yield whole
        elif (
            source is not None
            and plain[first].islower()
            and len(_WORD.findall(plain)) >= _MIN_WORDS_START
            and _starts_upper(source)
            and not self._may_start_lower(plain, first)
        ):
            match = _WORD.match(plain, first)
            end = match.end() if match else first + 1
            word = segment.text[first:end]
            yield finding(
                LOWERCASE_START,
                segment,
                first,
                end,
                f'the sentence begins with lower-case "{word}"',
                [word[0].upper() + word[1:]],
            )

    def _whole_case(self, segment: Segment, first: int) -> Finding | None:
        plain, source = segment.plain, segment.source
        # Most segments have both cases, the first letter usually a capital and the next a
        # small letter: those two settle it before any scan of the text.
        if (plain[first].isupper() or _has_upper(plain)) and (
            plain[first + 1 : first + 2].islower() or _has_lower(plain)
        ):
            return None
        start, end = first, len(plain.rstrip())
        if not _has_upper(plain):
            lettered = _lettered(plain)
            needed = _MIN_WORDS if source is not None else _MIN_WORDS_NO_SOURCE
            if len(lettered) < needed or self._may_start_lower(plain, first):
                return None
            if source is not None and not any(ch.isupper() for ch in source):
                return None
            text = segment.text[start:end]
            return finding(
                WHOLE_CASE,
                segment,
                start,
                end,
                "the whole segment is in lower case",
                [text[0].upper() + text[1:]],
            )
        if not _has_lower(plain):
            lettered = _lettered(plain)
            if source is None:
                if len(lettered) < _MIN_WORDS_NO_SOURCE:
                    return None
                meta = CAPS_NO_SOURCE
            else:
                # Abbreviations the source writes in capitals too (NATO, EU) are no evidence.
                shared = set(_WORD.findall(source))
                if len([w for w in lettered if w not in shared]) < _MIN_WORDS or not any(
                    ch.islower() for ch in source
                ):
                    return None
                meta = WHOLE_CASE
            # No suggestion: which words keep their capitals (names, abbreviations) is not
            # something letters alone can tell.
            return finding(meta, segment, start, end, "the whole segment is in capitals")
        return None

    def _may_start_lower(self, text: str, first: int) -> bool:
        """Whether the word at ``first`` may begin a sentence in lower case."""
        match = _WORD.match(text, first)
        word = match.group() if match else text[first]
        if any(ch.isupper() for ch in word[1:]) or word.lower() in self._lower_words:
            return True
        if word.rstrip(".").lower().lstrip("'’") in self._lower_words:
            return True
        if word in self._particles and match:
            following = _WORD.search(text, match.end())
            return following is not None and following.group()[0].isupper()
        return False


def _lettered(text: str) -> list[str]:
    """The words of ``text`` that hold a letter."""
    return [w for w in _WORD.findall(text) if _LETTER.search(w)]


def _has_upper(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def _has_lower(text: str) -> bool:
    return any(ch.islower() for ch in text)


def _starts_upper(text: str) -> bool:
    first = _first_letter(text)
    return first >= 0 and text[first].isupper()

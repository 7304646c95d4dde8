"""Proper names: glossary spellings, near misses of them, and German-press transliterations."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import ClassVar

from rapidfuzz import fuzz, process

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.checks.context import ContextGate
from audit.checks.form_screen import FormScreen
from audit.checks.memo import WordMemo, WordSet
from audit.forms import FormMatcher
from audit.glossary import Entry, Kind
from audit.model import Finding, RuleMeta, Segment, Severity

# A capitalised word: a capital not preceded by a word character or hyphen, then lower-case
# letters. The capital comes first in the pattern (the check of what precedes it second), so
# the engine looks for capitals alone, passing over the lower-case text in C.
_NAME_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w-][\s\S])[a-zß-öø-ÿ]{2,}(?![\w])")
_WORD = re.compile(r"\S+")

GLOSSARY_NAME = rule(
    "NAME001",
    "glossary-name-variant",
    "terminology/inconsistent-with-termbase",
    Severity.ERROR,
    """A person or place is spelt the German-press way; the glossary gives the English spelling.

    The reference glossaries list people and places with their English-press spelling and the
    German-press variants machine translation copies from German copy. Each differing word of
    the name is flagged with the English spelling as the suggestion.
    Example: "Dmitri Kosak" -> "Dmitry Kozak" (two findings: Dmitri, Kosak).""",
)
NEAR_MISS = rule(
    "NAME002",
    "name-near-miss",
    "linguistic-conventions/spelling",
    Severity.WARNING,
    """A name is a near miss of a glossary name (a typo or a transliteration variant of it).

    Capitalised words that are rare in English are compared with the glossary's English name
    spellings; a close match (similarity 90+, or any spelling the German-to-English
    transliteration rules turn into the glossary name) is flagged.
    Example: "Stoltenburg" -> "Stoltenberg".""",
)
TRANSLITERATION = rule(
    "NAME003",
    "german-transliteration",
    "linguistic-conventions/spelling",
    Severity.WARNING,
    """A Slavic name keeps its German transliteration (w for v, sch for sh, j for y, -ow for -ov).

    Not limited to the glossary: rewrite rules shipped as data (audit/data/transliteration)
    generate English-press candidates, and wordfreq's English and German word lists decide.
    A warning when a candidate is clearly the English-press form (more frequent in English than
    the original, and the original leans German); the candidate is the suggestion.
    Names spelt the same in both presses (Klitschko, Putin, Miller) have no better candidate and
    are not flagged.
    Example: "Sergej Lawrow" -> "Sergei Lavrov".""",
)

# Frequencies are Zipf values (log10 per billion words) from wordfreq.
_COMMON_ENGLISH = 3.0  # a word this frequent in English is an English word, not a foreign name
_CONFIRMED = 1.0
# Candidates this frequent are common English words ("jury" for Juri), not press spellings.
_COMMON_WORD = 4.0  # a candidate must be at least this frequent in English to be proposed
_CLEAR_MARGIN = 1.0  # candidate this much more frequent in English: clearly the press form
# Smaller margins count only when the original leans German and the candidate clearly English.
_LEAN = 0.2
_CANDIDATE_LEAN = 0.5


class GlossaryNames:
    """NAME001 and NAME002 over the person and place entries of the glossaries."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (GLOSSARY_NAME, NEAR_MISS)

    def __init__(self, resources: Resources) -> None:
        entries = list(resources.glossary.of_kind(Kind.PERSON, Kind.PLACE))
        self._wrong: FormMatcher[Entry] = FormMatcher(
            [(form, True, e) for e in entries for form in e.wrong]
        )
        # German-press spellings are rare in English text: one quick read of a segment tells
        # whether it can hold any (read with case, as the matcher reads these forms).
        self._wrong_screen = FormScreen([form for e in entries for form in e.wrong], 0)
        self._gate = ContextGate(entries)
        self._known = resources.name_words
        # Near misses are sought among people's names only: place names are many and made of
        # ordinary words (Western, Latin, Republic) whose derivatives are not misspellings.
        people = {
            w
            for e in resources.glossary.of_kind(Kind.PERSON)
            for form in e.preferred
            for w in form.split()
        }
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(people):
            if len(word) >= 4:
                self._by_length[len(word)].append(word)
        self._lexicon = resources.target_lexicon
        self._transliterator = resources.transliterator
        # Whether a word is a near miss depends on the word alone: judged once per run, and
        # the words that are none remembered as a set, which most segments' words all are.
        self._near_misses: WordMemo[str, str | None] = WordMemo(self._near_miss)
        self._no_near_miss = WordSet()

    def check(self, segment: Segment, context: SegmentContext) -> Iterable[Finding]:
        plain = segment.plain
        if not self._wrong_screen.may_hold(plain):
            # Nothing reported by the glossary, so every token is judged: when each is known
            # to be no near miss, there is nothing to report.
            if self._no_near_miss.covers(_NAME_TOKEN.findall(plain)):
                return
            yield from self._near_miss_findings(segment, set())
            return
        reported: set[tuple[int, int]] = set()
        for match in self._wrong.finditer(plain):
            if not self._gate.allows(match.payload, segment, context):
                continue
            for start, end, fix in _differing_words(
                segment.plain, match.start, match.end, match.payload
            ):
                if (start, end) in reported:
                    continue
                reported.add((start, end))
                yield finding(
                    GLOSSARY_NAME,
                    segment,
                    start,
                    end,
                    f'"{segment.text[start:end]}" is the German-press spelling; '
                    f'the English press writes "{fix}"',
                    [fix],
                    {
                        "glossary": f"{match.payload.path}:{match.payload.line}",
                        "name": match.payload.preferred[0],
                    },
                )
        yield from self._near_miss_findings(segment, reported)

    def _near_miss_findings(
        self, segment: Segment, reported: set[tuple[int, int]]
    ) -> Iterator[Finding]:
        for token in _NAME_TOKEN.finditer(segment.plain):
            if any(s <= token.start() < e for s, e in reported):
                continue
            word = token.group()
            near = self._near_misses(word)
            if not near:
                self._no_near_miss.add(word)
                continue
            yield finding(
                NEAR_MISS,
                segment,
                token.start(),
                token.end(),
                f'"{word}" looks like a misspelling of the glossary name "{near}"',
                [near],
            )

    def _near_miss(self, word: str) -> str | None:
        if word in self._known or self._lexicon.zipf(word) >= _COMMON_ENGLISH:
            return None
        choices = [
            w for n in range(len(word) - 2, len(word) + 3) for w in self._by_length.get(n, ())
        ]
        best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=75)
        if best is None:
            return None
        candidate = str(best[0])
        if best[1] >= 90 or candidate.casefold() in self._transliterator.variants(word):
            return candidate
        return None


class GermanTransliteration:
    """NAME003: the general detector, not limited to the glossary."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (TRANSLITERATION,)

    def __init__(self, resources: Resources) -> None:
        self._transliterator = resources.transliterator
        self._english = resources.target_lexicon
        self._german = resources.source_lexicon
        self._known = resources.name_words
        # A word's English form depends on the word alone: judged once per run (within a
        # bound), and the words that have none kept as a set, which most segments' words are.
        self._forms: WordMemo[str, str | None] = WordMemo(self._english_form)
        self._no_form = WordSet()

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        if not self._transliterator:
            return
        plain = segment.plain
        if self._no_form.covers(_NAME_TOKEN.findall(plain)):
            return
        for token in _NAME_TOKEN.finditer(plain):
            word = token.group()
            fix = self._forms(word)
            if not fix:
                self._no_form.add(word)
                continue
            yield finding(
                TRANSLITERATION,
                segment,
                token.start(),
                token.end(),
                f'"{word}" looks like a German transliteration; the English press writes "{fix}"',
                [fix],
                {
                    "english_zipf": f"{self._english.zipf(fix):.2f}",
                    "original_zipf": f"{self._english.zipf(word):.2f}",
                },
            )

    def _english_form(self, word: str) -> str | None:
        if word in self._known:
            return None
        en_word = self._english.zipf(word)
        if en_word >= _COMMON_ENGLISH:
            return None
        de_word = self._german.zipf(word)
        best, best_zipf = None, 0.0
        for candidate in self._transliterator.variants(word):
            zipf = self._english.zipf(candidate)
            if best_zipf < zipf < _COMMON_WORD:
                best, best_zipf = candidate, zipf
        if best is None or best_zipf < _CONFIRMED:
            return None
        margin = best_zipf - en_word
        leans = (
            de_word - en_word >= _LEAN and best_zipf - self._german.zipf(best) >= _CANDIDATE_LEAN
        )
        if margin >= _CLEAR_MARGIN or (margin >= _LEAN and leans):
            return best[0].upper() + best[1:]
        return None


def _differing_words(
    text: str, start: int, end: int, entry: Entry
) -> Iterator[tuple[int, int, str]]:
    """Spans of the words in text[start:end] that differ from the entry's English spelling."""
    found = [
        (m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])
    ]
    english = entry.preferred[0].split()
    # Word-by-word fixes suit people (Dmitri Kosak -> Dmitry Kozak); a place whose names differ
    # in shape (Nordkorea -> North Korea) gets its whole English name.
    if len(found) > len(english) or (entry.kind is Kind.PLACE and len(found) != len(english)):
        yield start, end, entry.preferred[0]
        return
    for (s, e, word), fix in zip(found, english[len(english) - len(found) :]):
        if word != fix:
            yield s, e, fix

"""Text left in the source language: whole segments and fragments inside English sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.forms import FormMatcher
from audit.glossary import Kind
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_file

SEGMENT = rule(
    "UNTR001",
    "untranslated-segment",
    "accuracy/untranslated",
    Severity.ERROR,
    """A whole segment is in the source language, or identical to its source.

    Evidence: most words are far more frequent in German than in English (wordfreq lists), or,
    when that is inconclusive, language identification (langdetect, seeded, restricted to the
    two languages in play) is confident the text is German.
    Example: "Keine Entspannung in Sicht" left as the headline of an English article.""",
    supersedes=True,
)
FRAGMENT = rule(
    "UNTR002",
    "untranslated-fragment",
    "accuracy/untranslated",
    Severity.WARNING,
    """German words left inside an English sentence.

    A word counts as German when it is common in German and rare in English (wordfreq); runs of
    such words are one finding. Established loanwords (Bundestag, Realpolitik, Kindergarten;
    list in audit/data/vocabulary) and names are not flagged. When a glossary knows the German
    term, its English rendering is the suggestion.
    Example: "The Bundesregierung said" -> "The German government said".""",
)

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Zipf thresholds (log10 per billion words): a German word is common in German (>= 3) and at
# least 2 Zipf (100 times) rarer in English; if English knows it a little (>= 3) it must be
# 1,000 times rarer, which keeps English words such as "die", "den" and "also" out.
_GERMAN_MIN = 3.0
_GAP = 2.0
_ENGLISH_KNOWN = 3.0
_GAP_IF_KNOWN = 3.0
# A lone word must be clearly German to be flagged on its own: common in German and rare in
# English. Capitalised words with umlauts that English knows a little are German names used in
# English (Düsseldorf, Römer), so they must be rarer still.
_STRONG_SINGLE = 3.5
_SINGLE_ENGLISH_MAX = 2.0
_SINGLE_ENGLISH_MAX_UMLAUT = 1.5
# Rare compounds (Glatteis, Verkehrsminister) are judged by their parts.
_COMPOUND_MIN_LENGTH = 9
_COMPOUND_PART_MIN = 4
_COMPOUND_PART_GERMAN = 3.8
_UMLAUTS = frozenset("äöüßÄÖÜ")
# With a source: a word copied from it, known to the bilingual lexicon and rare in English
# (Zipf below 2: not "Hotel", "Team" or "Labor"), is German left in.
_COPIED_MIN_LENGTH = 4
_COPIED_ENGLISH_MAX = 2.0
# A lexicon word English text does know a little ("Menschen", "Wasser" in quotations) still
# counts when German uses it at least 100 times more often.
_COPIED_LEXICON_LEAD = 2.0
# ... or, lexicon aside, a lower-case word at least 10 times more frequent in German than in
# English and not a common English word, or a compound of two German words that German text
# knows and English text hardly does (names such as Rosenstein or Livingston are used in
# English as well).
_COPIED_GERMAN_LEAD = 1.0
_COPIED_ENGLISH_KNOWN = 3.0
_COPIED_COMPOUND_LENGTH = 8
_COPIED_COMPOUND_ENGLISH = 1.0
_COPIED_COMPOUND_GERMAN = 1.0
_COPIED_PART = 3
_COPIED_PART_GERMAN = 3.0
_LINKS = ("s", "n", "en", "es")
_SEGMENT_SHARE = 0.6
_GUESS_SHARE = 0.3
_GUESS_CONFIDENCE = 0.95


def _place_endings(source_lang: str) -> tuple[str, ...]:
    path = data_file("vocabulary", f"{source_lang}-place-endings.txt")
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _loanwords(source_lang: str, target_lang: str) -> frozenset[str]:
    path = data_file("vocabulary", f"{source_lang}-{target_lang}-loanwords.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().casefold() for ln in lines if ln.strip() and not ln.startswith("#"))


class Untranslated:
    """UNTR001 for whole segments, UNTR002 for runs of German words."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (SEGMENT, FRAGMENT)

    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._german = resources.source_lexicon
        self._english = resources.target_lexicon
        self._loanwords = _loanwords(resources.source_lang, resources.target_lang)
        self._place_endings = _place_endings(resources.source_lang)
        terms = [e for e in resources.glossary.entries if e.kind is not Kind.FALSE_FRIEND]
        self._renderings = FormMatcher([(f, e.case_sensitive, e) for e in terms for f in e.source])
        self._cache: dict[str, float] = {}

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        words = list(_WORD.finditer(segment.plain))
        if not words or not self._german or not self._english:
            return
        if segment.source and segment.plain.strip() == segment.source.strip() and len(words) > 1:
            yield self._whole(segment, "the target is identical to the source")
            return
        scores = [self._german_lean(m.group()) for m in words]
        german = [s > 0 for s in scores]
        share = sum(german) / len(words)
        if len(words) >= 3 and share >= _SEGMENT_SHARE:
            yield self._whole(segment, f"{sum(german)} of {len(words)} words are German")
            return
        if len(words) >= 4 and share >= _GUESS_SHARE:
            probabilities = self._resources.guesser.probabilities(segment.plain)
            if probabilities.get(self._resources.source_lang, 0.0) >= _GUESS_CONFIDENCE:
                yield self._whole(segment, "language identification says German")
                return
        source_words: set[str] = set()
        for token in _WORD.findall(segment.source or ""):
            source_words.add(token.casefold())
            source_words.update(part.casefold() for part in token.split("-"))
        for index, match in enumerate(words):
            if not scores[index] and self._left_from_source(match.group(), source_words):
                scores[index] = _GERMAN_MIN
        yield from self._fragments(segment, words, scores, source_words)

    def _left_from_source(self, word: str, source_words: set[str]) -> bool:
        """A word copied from the source that reads as German rather than as a name.

        Names are copied too, so the word must be German by the lexicon, clearly more German
        than English by frequency, or a long compound no English list knows.
        """
        lower = word.casefold()
        if (
            len(word) < _COPIED_MIN_LENGTH
            or lower not in source_words
            or lower in self._loanwords
            or word.isupper()
        ):
            return False
        de, en = self._german.zipf(word), self._english.zipf(word)
        lexicon = self._resources.bilingual_lexicon
        if lexicon is not None:
            # A reading as a compound counts only when German text knows the word itself:
            # "Radstock" or "Sportsound" split into German words but are names.
            known = lexicon.direct_lemmas(word) or (de >= _COPIED_COMPOUND_GERMAN and en == 0.0)
            if en < _COPIED_ENGLISH_MAX and known and lexicon.translations(word):
                return True
            if de - en >= _COPIED_LEXICON_LEAD and lexicon.direct_lemmas(word):
                return True
        if word.islower() and de - en >= _COPIED_GERMAN_LEAD and en < _COPIED_ENGLISH_KNOWN:
            return True  # lower case: not a name, and German nouns are capitalised anyway
        if word[:1].isupper() and lower.endswith(self._place_endings):
            return False  # Sinsheim, Wolfsburg: place names made of German words
        return (
            en < _COPIED_COMPOUND_ENGLISH
            and de >= _COPIED_COMPOUND_GERMAN
            and len(word) >= _COPIED_COMPOUND_LENGTH
            and word[1:].islower()
            and self._splits_into_german(lower)
        )

    def _splits_into_german(self, lower: str) -> bool:
        """Whether a word is two German words joined (Tür+klingel, Temperatur+regulierung)."""
        for cut in range(_COPIED_PART, len(lower) - _COPIED_PART + 1):
            head, tail = lower[:cut], lower[cut:]
            heads = [head] + [
                head[: -len(link)]
                for link in _LINKS
                if head.endswith(link) and len(head) - len(link) >= _COPIED_PART
            ]
            if self._german.zipf(tail) >= _COPIED_PART_GERMAN and any(
                self._german.zipf(h) >= _COPIED_PART_GERMAN for h in heads
            ):
                return True
        return False

    def _whole(self, segment: Segment, why: str) -> Finding:
        start = len(segment.text) - len(segment.text.lstrip())
        end = len(segment.text.rstrip())
        return finding(SEGMENT, segment, start, end, f"untranslated segment: {why}")

    def _fragments(
        self,
        segment: Segment,
        words: list[re.Match[str]],
        scores: list[float],
        source_words: set[str],
    ) -> Iterator[Finding]:
        run: list[int] = []
        for index in [*range(len(words)), -1]:
            if index >= 0 and scores[index] > 0:
                run.append(index)
                continue
            lone = words[run[0]].group() if run else ""
            if run and (
                len(run) > 1
                or self._clearly_german(lone)
                or self._left_from_source(lone, source_words)
            ):
                start, end = words[run[0]].start(), words[run[-1]].end()
                fragment = segment.text[start:end]
                yield finding(
                    FRAGMENT,
                    segment,
                    start,
                    end,
                    f'"{fragment}" is German left untranslated',
                    self._suggest(fragment),
                )
            run = []

    def _clearly_german(self, word: str) -> bool:
        english = self._english.zipf(word)
        limit = _SINGLE_ENGLISH_MAX_UMLAUT if _UMLAUTS & set(word) else _SINGLE_ENGLISH_MAX
        if self._german.zipf(word) >= _STRONG_SINGLE:
            return english < limit
        return english == 0.0 and self._is_compound(word)

    def _is_compound(self, word: str) -> bool:
        """Whether a rare word splits into two common German words (with an optional linking s)."""
        lower = word.casefold()
        if len(lower) < _COMPOUND_MIN_LENGTH or "-" in lower:
            return False
        for cut in range(_COMPOUND_PART_MIN, len(lower) - _COMPOUND_PART_MIN + 1):
            head, tail = lower[:cut], lower[cut:]
            heads = (head, head[:-1]) if head.endswith("s") else (head,)
            if self._german.zipf(tail) >= _COMPOUND_PART_GERMAN and any(
                self._german.zipf(h) >= _COMPOUND_PART_GERMAN for h in heads
            ):
                return True
        return False

    def _suggest(self, fragment: str) -> list[str]:
        found = [s for m in self._renderings.finditer(fragment) for s in m.payload.preferred]
        lexicon = self._resources.bilingual_lexicon
        if not found and lexicon is not None and " " not in fragment.strip():
            found = list(lexicon.translations(fragment.strip())[:3])
        return found

    def _german_lean(self, word: str) -> float:
        """How clearly German a word is (its German Zipf value), or 0 when it is not."""
        if word in self._cache:
            return self._cache[word]
        score = 0.0
        if not word.isupper() and word.casefold() not in self._loanwords:
            de, en = self._german.zipf(word), self._english.zipf(word)
            gap = _GAP_IF_KNOWN if en >= _ENGLISH_KNOWN else _GAP
            if de >= _GERMAN_MIN and de - en >= gap:
                score = de
            elif en == 0.0 and self._is_compound(word):
                score = _GERMAN_MIN
        self._cache[word] = score
        return score

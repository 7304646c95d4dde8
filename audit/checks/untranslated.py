"""Text left in the source language: whole segments and fragments inside English sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule, whole_span
from audit.checks.memo import LONGEST_WORD, WordMemo, WordSet
from audit.forms import FormMatcher
from audit.glossary import Kind
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

SEGMENT = rule(
    "UNTR001",
    "untranslated-segment",
    "accuracy/untranslated",
    Severity.ERROR,
    """A whole segment is in the source language, or identical to a German source.

    Evidence: most words are far more frequent in German than in English (wordfreq lists), or,
    when that is inconclusive, language identification (langdetect, seeded, restricted to the
    two languages in play) is confident the text is German. A target identical to its source
    is flagged when it has a German word or reads as German: a line of names and scores
    ("Elite League: Dundee Stars 5-3 Belfast Giants") or a quotation in a third language is
    rightly left as it is.
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
    list in audit/data/vocabulary) and names are not flagged, nor are source words the text
    cites as words after a cue ("what is called Berliner, Pfannkuchen or Krapfen"; cues in
    audit/data/vocabulary/en-mention-cues.txt). A name with the German genitive -s and no
    apostrophe ("Kavanaughs nomination") is flagged too, unless a plural word stands before it
    ("both Rosenbergs"). When a glossary knows the German term, its English rendering is the
    suggestion.
    Example: "The Bundesregierung said" -> "The German government said".""",
)

# Words that join cited words into a list ("Berliner, Pfannkuchen or Krapfen").
_JOINERS = frozenset({"and", "or"})
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
# counts when German uses it about 60 times more often (Zipf 1.8).
_COPIED_LEXICON_LEAD = 1.8
# A noun of the German noun list that English word lists lack entirely and German text uses,
# or that English knows a little (Zipf below 2.5) and German uses about 60 times more often.
_COPIED_NOUN_GERMAN = 1.0
_COPIED_NOUN_ENGLISH = 2.5
_COPIED_NOUN_LEAD = 1.8
# Compounds of 12 letters or more that no list knows, ending in a German noun of 4+ letters.
_COPIED_LONG_COMPOUND = 12
# Shorter compounds (Kohlsaft, Urinproben) count when their last noun leans this much more to
# German than to English (Zipf): Sportsound, Werbeclip and Luxusyacht end in English nouns.
_COPIED_SHORT_COMPOUND = 8
_COPIED_TAIL_LEAN = 0.5
# A listed German noun this long that English text never uses is German even when German text
# rarely does either (Urinproben): the list is of common nouns, not names.
_COPIED_LISTED_NOUN = 6
_COPIED_TAIL = 4
# ... or a lower-case word at least 10 times more frequent in German than in English and not a
# common English word. A compound reading of the lexicon counts for a word English lacks only
# when German text knows the word (Zipf 1 or more): "Sportsound" splits but is a name.
_COPIED_GERMAN_LEAD = 1.0
_COPIED_ENGLISH_KNOWN = 3.0
_COPIED_COMPOUND_GERMAN = 1.0
_COPIED_PART = 3
_COPIED_PART_GERMAN = 3.0
_LINKS = ("s", "n", "en", "es")
# A capitalised neighbour this rare in English, beside the word in the source too, makes a
# copied word part of a name; neighbours are compared by their first letters (case endings).
_NAME_NEIGHBOUR_ENGLISH = 4.0
_NAME_STEM = 6
# "Kavanaughs nomination": a name with the German genitive -s, unknown to English text as such
# (Zipf below 2) while the bare name is known 30 times better (Zipf 1.5 more).
_GENITIVE_FORM_MAX = 2.0
_GENITIVE_LEAD = 1.5
_SEGMENT_SHARE = 0.6
_GUESS_SHARE = 0.3
_GUESS_CONFIDENCE = 0.95
# Distinct words whose German lean is remembered at most (a few MB).
_MAX_CACHE = 100_000


def _fold(word: str) -> str:
    return word.casefold().translate(_UMLAUT_SPELLING)


_UMLAUT_SPELLING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})


def _place_endings(source_lang: str) -> tuple[str, ...]:
    return tuple(ln.strip() for ln in data_lines("vocabulary", f"{source_lang}-place-endings.txt"))


def _word_set(name: str) -> frozenset[str]:
    return frozenset(ln.strip().casefold() for ln in data_lines("vocabulary", name))


def _mention_cues(target_lang: str) -> dict[tuple[str, ...], int]:
    """Cue phrases as word tuples, by length (see the data file)."""
    cues = [tuple(cue.split()) for cue in _word_set(f"{target_lang}-mention-cues.txt")]
    return {cue: len(cue) for cue in cues if cue}


def _loanwords(source_lang: str, target_lang: str) -> frozenset[str]:
    lines = data_lines("vocabulary", f"{source_lang}-{target_lang}-loanwords.txt")
    return frozenset(ln.strip().casefold() for ln in lines)


class Untranslated:
    """UNTR001 for whole segments, UNTR002 for runs of German words."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (SEGMENT, FRAGMENT)

    def __init__(self, resources: Resources) -> None:
        self._resources = resources
        self._german = resources.source_lexicon
        self._english = resources.target_lexicon
        self._loanwords = _loanwords(resources.source_lang, resources.target_lang)
        self._place_endings = _place_endings(resources.source_lang)
        self._mention_cues = _mention_cues(resources.target_lang)
        self._plural_determiners = _word_set(f"{resources.target_lang}-plural-determiners.txt")
        terms = [e for e in resources.glossary.entries if e.kind is not Kind.FALSE_FRIEND]
        self._renderings = FormMatcher((f, e.case_sensitive, e) for e in terms for f in e.source)
        # Word -> _german_lean score; emptied when full so a long run cannot grow it forever.
        self._cache: dict[str, float] = {}
        # Word -> whether, when the source has it too, it reads as German copied over.
        # _reads_as_copied, remembered
        self._copied_word: WordMemo[str, bool] = WordMemo(self._reads_as_copied, _MAX_CACHE)
        # Words that can take part in no finding whatever the source: not German, not a
        # German genitive, never read as copied; and whitespace tokens made of such words.
        self._limit = _MAX_CACHE
        self._harmless_words = WordSet(_MAX_CACHE)
        self._harmless_tokens = WordSet(_MAX_CACHE)
        self._seen = WordSet(_MAX_CACHE)  # words the cheap tests left open, seen once

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        # The usual case: every whitespace token of the target is known to be made of
        # harmless words, and the target is not the source.
        spaced = segment.plain.split()
        if self._harmless_tokens.covers(spaced) and not (
            segment.source and segment.plain.strip() == segment.source.strip()
        ):
            return
        # Words as strings first; their positions are only needed when there is a finding.
        tokens: list[str] = _WORD.findall(segment.plain)
        if not tokens or not self._german or not self._english:
            return
        lean, cache = self._german_lean, self._cache
        scores = [cache[w] if w in cache else lean(w) for w in tokens]
        if segment.source and segment.plain.strip() == segment.source.strip() and len(tokens) > 1:
            # Names and scores ("Elite League: Dundee Stars 5-3 Belfast Giants") or a quotation
            # in a third language are rightly kept as they are; a text with a German word is not.
            if any(scores) or self._guessed_source(segment.plain):
                yield self._whole(segment, "the target is identical to the source")
            return
        harmless = self._harmless_words
        if not harmless.covers(tokens):
            self._settle([w for w in tokens if w not in harmless.words])
        if harmless.covers(tokens):
            # No word is German, a genitive or ever copied: nothing to report (the words
            # of the whitespace tokens are the words of the text).
            self._harmless_tokens.add_all(spaced)
            return
        german = sum(1 for s in scores if s > 0)
        share = german / len(tokens)
        if len(tokens) >= 3 and share >= _SEGMENT_SHARE:
            yield self._whole(segment, f"{german} of {len(tokens)} words are German")
            return
        if len(tokens) >= 4 and share >= _GUESS_SHARE and self._guessed_source(segment.plain):
            yield self._whole(segment, "language identification says German")
            return
        source = segment.source or ""
        # Only words of 4 letters or more that the source has too can be copied from it or be
        # a German genitive of a name. Few target words are: a substring test against the
        # casefolded source (casefolding works letter by letter, so a shared word is always a
        # substring) rules most out before the source is split into words at all.
        folded = source.casefold()
        maybe = [
            i
            for i, w in enumerate(tokens)
            if w not in harmless.words and len(w) >= _COPIED_MIN_LENGTH and w.casefold() in folded
        ]
        source_words = self._source_words(source) if maybe else set()
        shared = [i for i in maybe if tokens[i].casefold() in source_words]
        copied = {
            index
            for index in shared
            if self._left_from_source(tokens[index], source_words)
            and not self._in_proper_name(tokens, index, source)
        }
        genitives = {
            index: tokens[index][:-1] + "’s"
            for index in shared
            if index + 1 < len(tokens)
            and self._german_genitive(tokens[index], tokens[index + 1])
            and not (index and tokens[index - 1].casefold() in self._plural_determiners)
        }
        copied.update(genitives)
        for index in copied:
            scores[index] = scores[index] or _GERMAN_MIN
        if not any(scores):
            return  # no German word, nothing copied: no fragment to report
        words = list(_WORD.finditer(segment.plain))
        for index in self._cited(segment.plain, words, source):
            scores[index] = 0.0
            copied.discard(index)
        yield from self._fragments(segment, words, scores, copied, genitives)

    def _cited(self, text: str, words: list[re.Match[str]], source: str) -> Iterator[int]:
        """Indices of source words the text cites as words after a cue ("what is called
        Berliner, Pfannkuchen or Krapfen"): the word right after the cue, then each word
        joined to the one before by a comma, "and" or "or" (see the data file)."""
        cues = self._mention_cues
        if not cues:
            return
        folded = [word.group().casefold() for word in words]
        lengths = set(cues.values())
        source_words: set[str] | None = None
        for index in range(len(words) - 1):
            if not any(tuple(folded[max(0, index - n + 1) : index + 1]) in cues for n in lengths):
                continue
            if source_words is None:
                source_words = self._source_words(source)
            cited = index + 1
            while cited < len(words) and folded[cited] in source_words:
                yield cited
                after = cited + 1
                if after < len(words) and folded[after] in _JOINERS:
                    after += 1
                elif (
                    ","
                    not in text[
                        words[cited].end() : words[after].start()
                        if after < len(words)
                        else len(text)
                    ]
                ):
                    break
                if after >= len(words) or not words[after].group()[:1].isupper():
                    break
                cited = after

    @staticmethod
    def _source_words(source: str) -> set[str]:
        """The source's words, casefolded, with the parts of hyphenated ones."""
        source_words = {token.casefold() for token in _WORD.findall(source)}
        if "-" in source:
            for word in [w for w in source_words if "-" in w]:
                source_words.update(word.split("-"))
        return source_words

    def _settle(self, words: list[str]) -> None:
        """Work out, for words the cheap tests left open, whether they are harmless, when
        they are seen the second time (most rare words are seen once)."""
        for word in words:
            if len(word) > LONGEST_WORD or self._cache.get(word) or self._genitive_form(word):
                continue
            if word not in self._seen:
                self._seen.add(word)
            elif not self._copied_word(word):
                self._harmless_words.add(word)

    def _left_from_source(self, word: str, source_words: set[str]) -> bool:
        """A word copied from the source that reads as German rather than as a name.

        Names are copied too, so the word must be German by the lexicon, clearly more German
        than English by frequency, or a long compound no English list knows.
        """
        return word.casefold() in source_words and self._copied_word(word)

    def _reads_as_copied(self, word: str) -> bool:
        """Whether a word found in the source too reads as German left in (see above); it
        depends on the word alone, so the answer is remembered per word."""
        lower = word.casefold()
        if len(word) < _COPIED_MIN_LENGTH or lower in self._loanwords or word.isupper():
            return False
        nouns = self._resources.source_nouns
        if (
            word[:1].isupper()
            and (nouns is None or word not in nouns)
            and any(lower.endswith(e) and len(lower) > len(e) + 2 for e in self._place_endings)
        ):
            return False  # Sinsheim, Wolfsburg: place names made of German words
        de, en = self._german.zipf(word), self._english.zipf(word)
        if _ordinary_english(de, en):
            return False  # none of the tests below can say yes (and the lexicon is costly)
        lexicon = self._resources.bilingual_lexicon
        if lexicon is not None:
            # A reading as a compound counts only when German text knows the word itself:
            # "Radstock" or "Sportsound" split into German words but are names.
            translations = lexicon.translations(word)
            if any(_fold(t) == _fold(word) for t in translations):
                return False  # a name the lexicon lists as kept (Düsseldorf)
            known = lexicon.direct_lemmas(word) or (de >= _COPIED_COMPOUND_GERMAN and en == 0.0)
            if en < _COPIED_ENGLISH_MAX and known and translations:
                return True
            if de - en >= _COPIED_LEXICON_LEAD and lexicon.direct_lemmas(word):
                return True
            if en == 0.0 and de >= _COPIED_COMPOUND_GERMAN and lexicon.direct_lemmas(lower):
                return True  # a capitalised German adjective or verb form ("Ausgewachsenen")
        if nouns is not None and word in nouns:
            # A German common noun English text lacks (Tuberkulose) or rarely uses (Rudel).
            if en == 0.0 and (de >= _COPIED_NOUN_GERMAN or len(word) >= _COPIED_LISTED_NOUN):
                return True
            if en < _COPIED_NOUN_ENGLISH and de - en >= _COPIED_NOUN_LEAD:
                return True
        if (
            nouns is not None
            and en == 0.0
            and word[1:].islower()
            and (
                (len(word) >= _COPIED_LONG_COMPOUND and self._ends_in_noun(word, nouns))
                or (
                    len(word) >= _COPIED_SHORT_COMPOUND
                    and self._ends_in_noun(word, nouns, _COPIED_TAIL_LEAN)
                )
            )
        ):
            return True  # Plasmastrom, Kohlsaft: too rare for any list, German by build
        # Lower case: not a name (and German nouns, capitalised, were judged above).
        return word.islower() and de - en >= _COPIED_GERMAN_LEAD and en < _COPIED_ENGLISH_KNOWN

    def _german_genitive(self, word: str, following: str) -> bool:
        """A name with the German genitive -s and no apostrophe before a noun ("Kavanaughs
        nomination"): English text knows the name far better than this form."""
        return following[:1].islower() and self._genitive_form(word)

    def _genitive_form(self, word: str) -> bool:
        """Whether a word reads as a name with the German genitive -s (see above)."""
        if len(word) < _COPIED_MIN_LENGTH or not word[:1].isupper() or word[-1:] != "s":
            return False
        form, name = self._english.zipf(word), self._english.zipf(word[:-1])
        return form < _GENITIVE_FORM_MAX and name >= form + _GENITIVE_LEAD

    def _in_proper_name(self, words: list[str], index: int, source: str) -> bool:
        """Whether a capitalised word is copied together with a capitalised neighbour that is
        not common English, as the source has them side by side: a multi-word name such as
        "Süddeutsche Zeitung" or "Annalena Baerbock", not a German word left in."""
        word = words[index]
        if not word[:1].isupper():
            return False
        for i in (index - 1, index + 1):
            if not 0 <= i < len(words):
                continue
            other = words[i]
            if (
                not other[:1].isupper()
                or other.isupper()
                or self._english.zipf(other) >= _NAME_NEIGHBOUR_ENGLISH
            ):
                continue
            stem = re.escape(other[:_NAME_STEM])
            pair = (
                rf"{stem}\w*\s+{re.escape(word)}" if i < index else rf"{re.escape(word)}\s+{stem}"
            )
            if re.search(pair, source):
                return True
        return False

    def _guessed_source(self, text: str) -> bool:
        """Whether language identification is confident the text is in the source language."""
        probabilities = self._resources.guesser.probabilities(text)
        return probabilities.get(self._resources.source_lang, 0.0) >= _GUESS_CONFIDENCE

    def _whole(self, segment: Segment, why: str) -> Finding:
        start, end = whole_span(segment)
        return finding(SEGMENT, segment, start, end, f"untranslated segment: {why}")

    def _fragments(
        self,
        segment: Segment,
        words: list[re.Match[str]],
        scores: list[float],
        copied: set[int],
        genitives: dict[int, str],
    ) -> Iterator[Finding]:
        run: list[int] = []
        for index in [*range(len(words)), -1]:
            if index >= 0 and scores[index] > 0:
                run.append(index)
                continue
            if run and (
                len(run) > 1 or run[0] in copied or self._clearly_german(words[run[0]].group())
            ):
                start, end = words[run[0]].start(), words[run[-1]].end()
                if len(run) == 1 and _mixed_hyphenation(words[run[0]].group()):
                    start, end = self._german_parts(words[run[0]])
                fragment = segment.text[start:end]
                if len(run) == 1 and run[0] in genitives:
                    message = (
                        f'"{fragment}" keeps the German genitive; English writes an apostrophe'
                    )
                    suggestions = [genitives[run[0]]]
                else:
                    message = f'"{fragment}" is German left untranslated'
                    suggestions = self._suggest(fragment)
                yield finding(FRAGMENT, segment, start, end, message, suggestions)
            run = []

    def _clearly_german(self, word: str) -> bool:
        if _mixed_hyphenation(word):
            return any(self._clearly_german(part) for part in word.split("-") if part)
        english = self._english.zipf(word)
        limit = _SINGLE_ENGLISH_MAX_UMLAUT if _UMLAUTS & set(word) else _SINGLE_ENGLISH_MAX
        if self._german.zipf(word) >= _STRONG_SINGLE:
            return english < limit
        return english == 0.0 and self._is_compound(word)

    def _german_parts(self, word: re.Match[str]) -> tuple[int, int]:
        """The span of a hyphenated word's German parts ("Mannschaft" of "semi-Mannschaft"),
        or the whole word when it is German as a whole (a loanword compound, a copied name)."""
        spans: list[tuple[int, int]] = []
        at = word.start()
        for part in word.group().split("-"):
            if part and self._german_lean(part) > 0:
                spans.append((at, at + len(part)))
            at += len(part) + 1
        return (spans[0][0], spans[-1][1]) if spans else word.span()

    def _ends_in_noun(self, word: str, nouns: frozenset[str], lean: float | None = None) -> bool:
        """Whether the word is a German word followed by a German noun (Wasser|pegels); with
        ``lean``, a noun that leans that much more to German than to English by Zipf."""
        lower = word.casefold()
        for cut in range(_COPIED_PART, len(word) - _COPIED_TAIL + 1):
            head, tail = lower[:cut], word[cut:].capitalize()
            if lean is not None and self._german.zipf(tail) - self._english.zipf(tail) < lean:
                continue
            heads = [head] + [
                head[: -len(link)]
                for link in _LINKS
                if head.endswith(link) and len(head) - len(link) >= _COPIED_PART
            ]
            if tail in nouns and any(
                h.capitalize() in nouns or self._german.zipf(h) >= _COPIED_PART_GERMAN
                for h in heads
            ):
                return True
        return False

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
        # Whether the word never reads as copied over (see _reads_as_copied), from its
        # frequencies; so far as that settles it.
        ordinary = True
        if _mixed_hyphenation(word) and word.casefold() not in self._loanwords:
            # A German part makes a hyphenated word German: "semi-Mannschaft", "first-Minuten".
            score = max(self._german_lean(part) for part in word.split("-") if part)
            ordinary = not score
        elif not word.isupper() and word.casefold() not in self._loanwords:
            de, en = self._german.zipf(word), self._english.zipf(word)
            gap = _GAP_IF_KNOWN if en >= _ENGLISH_KNOWN else _GAP
            if de >= _GERMAN_MIN and de - en >= gap:
                score = de
            elif en == 0.0 and self._is_compound(word):
                score = _GERMAN_MIN
            ordinary = len(word) < _COPIED_MIN_LENGTH or _ordinary_english(de, en)
        if len(self._cache) >= _MAX_CACHE:
            self._cache.clear()
        self._cache[word] = score
        if ordinary and not score and len(word) <= LONGEST_WORD and not self._genitive_form(word):
            # Harmless: not German, not a genitive, never copied.
            self._harmless_words.add(word)
        return score


def _mixed_hyphenation(word: str) -> bool:
    """Whether a hyphenated word joins parts of which some are lower case ("semi-Mannschaft"):
    its parts are judged one by one. One of capitalised parts only is a name as a whole
    (Rheinland-Pfalz, Rhein-Neckar), judged as one word."""
    parts = [part for part in word.split("-") if part]
    return len(parts) > 1 and not all(part[0].isupper() for part in parts)


def _ordinary_english(de: float, en: float) -> bool:
    """Whether a word's frequencies alone rule out its reading as German copied over: every
    way of _reads_as_copied to say so needs English not to know it, or to know it less than
    _COPIED_ENGLISH_MAX, or German to use it more (by the smallest of the leads)."""
    return en >= _COPIED_ENGLISH_MAX and de - en < _SMALLEST_LEAD


_SMALLEST_LEAD = min(_COPIED_LEXICON_LEAD, _COPIED_NOUN_LEAD, _COPIED_GERMAN_LEAD)

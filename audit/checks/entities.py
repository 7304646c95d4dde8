"""Names in the source must reach the translation: dropped or swapped people, places, bodies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from anyascii import anyascii
from rapidfuzz import fuzz

from audit.checks.base import Resources, SegmentContext, finding, rule, whole_span
from audit.checks.form_screen import FormScreen
from audit.checks.memo import LONGEST_WORD, WordMemo, WordSet
from audit.checks.name_text import (
    APOSTROPHES,
    CAPITALISED_RUN,
    DOTTED,
    MIN_LENGTH,
    POSSESSIVE,
    TOKEN,
    after_break,
    cognate,
    contains,
    folded_words,
    run_at,
    spelling_of,
    titles_of,
    verbatim_token,
)
from audit.forms import FormMatcher
from audit.glossary import Entry, Kind
from audit.model import Finding, RuleMeta, Segment, Severity

NAME_MISSING = rule(
    "ENT001",
    "name-not-preserved",
    "accuracy/mistranslation",
    Severity.ERROR,
    """A glossary name in the source (person, place, body) is missing from the translation.

    The source names a person or place the reference glossaries know (Moskau, Sergej Lawrow),
    and neither the English rendering nor the German form appears in the translation.
    Example: source "Lawrow traf Blinken in Genf." -> "The foreign minister met Blinken in
    Geneva." (Lavrov dropped).""",
)
NAME_POSSIBLY_MISSING = rule(
    "ENT002",
    "name-possibly-missing",
    "accuracy/mistranslation",
    Severity.INFO,
    """A word of the source that looks like a name is not found in the translation.

    A source word counts as a name when it is capitalised away from the start of the sentence
    (or, at a start, English uses it at least as often as German), is not an acronym, is not a
    common word of the source language (the bilingual lexicon or, for German, the Wiktionary
    noun list of the german-nouns package knows it), is not a very common English word (Time,
    State), and is used about as often in English as in German (wordfreq) or is unknown to both
    and splits into no German word and German noun (Anbau-art is a compound). It is present in
    the translation when it appears there as written, in a glossary rendering (Moskau ->
    Moscow), in an English transliteration (Lawrow -> Lavrov), without a German case ending
    (Merkels -> Merkel), without accents (Sané -> Sane), or as a close spelling. When the
    translation also has one name of its own the source lacks, ENT003 reports the swap instead.
    Example: source "Kanzler Scholz traf Macron in Paris." -> "Chancellor Scholz met the
    president in Paris." (Macron left out).
    Information only: German capitalises every noun, and telling names from nouns without a
    full dictionary is unreliable; translators also drop names on purpose (a first name, a
    city after a club). On 3,009 professional German-English pairs this rule fires on about
    1.4 %, while with ENT003 it finds about 83 % of names removed and 90 % of names replaced.
    Raise it to a warning (--severity ENT002=warning) for copy where names matter most.""",
)
NAME_REPLACED = rule(
    "ENT003",
    "name-replaced",
    "accuracy/mistranslation",
    Severity.WARNING,
    """A name of the source is missing from the translation, which has a name the source lacks.

    The same tests as ENT002 find a source word that looks like a name and is not in the
    translation; the translation also holds a capitalised word that looks like a name, stands
    nowhere in the source and is no spelling of the missing name (Sané -> Sane). One name
    swapped for another is the likeliest reading. The span is the stranger; the suggestion is
    the source's name.
    A source word German also uses as a common noun (Microsoft, Yoga) counts here when
    English uses it about as often as German: missing alone it would say little, but with a
    stranger in its place it was swapped.
    Example: source "Kanzler Scholz traf Macron in Paris." -> "Chancellor Scholz met Biden in
    Paris." (Macron replaced by Biden).
    On 3,009 professional German-English pairs this rule fires on 0.4 % (names the translator
    rendered otherwise: Cheops -> Khufu, Harington -> Kit); it finds about 85 % of names
    replaced by another.""",
)

# A source word is name-like when English uses it at least this often relative to German
# (Zipf difference), or when neither language's word list knows it.
_ENGLISH_SHARE = -1.0
_UNKNOWN = 1.0
_FUZZY = 80.0
_SHORT_FORM = 4  # the shortest capitalised beginning of a name that stands for it (Livi)
_WEAK_ENGLISH = 2.0
_WEAK_SHARE = 0.5
_GERMAN_ENDINGS = ("s", "es", "n", "ns")
# A word the German noun list knows is still a name when English uses it this much (Zipf) more
# often than German: Microsoft, Reuters, Rangers.
_NOUN_OVERRIDE = 1.0
_COMPOUND_PART = 3.0  # a rare word splitting into two German words this common is a compound
_COMPOUND_HEAD = 3  # the shortest first part of a compound (Öko-region, Ski-wandern)
# A capitalised source word this common in English once lowercased (Time, State, University)
# is an ordinary word quoted in English, or a title, more often than a name.
_COMMON_ENGLISH = 4.5
# Words neither language knows are names only when short: long ones are German compounds
# (Nationalversammlungsmitglieder), which the translation renders in words of its own.
_UNKNOWN_MAX_LENGTH = 10
# A target word sharing this much of its beginning with a source word renders it
# (Transport -> transportation, Diabetes -> diabetic).
_SHARED_PREFIX = 5
_SHARED_SHARE = 0.7


class NamePreservation:
    """ENT001: every name-like word of the source must be found in the target."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (NAME_MISSING, NAME_POSSIBLY_MISSING, NAME_REPLACED)

    def __init__(self, resources: Resources) -> None:
        self._source_lexicon = resources.source_lexicon
        self._target_lexicon = resources.target_lexicon
        self._transliterator = resources.transliterator
        self._bilingual = resources.bilingual_lexicon
        self._common_nouns = resources.source_nouns
        # Only names and institutions count; the other entries' forms need not be searched.
        entries = [e for e in resources.glossary.entries if _names_something(e)]
        forms = [(form, False, e) for e in entries for form in e.source]
        self._glossary_sources: FormMatcher[Entry] = FormMatcher(forms)
        # Most sources hold none of these forms: one quick read tells so (case-insensitive,
        # as the matcher reads forms it is given with case_sensitive False).
        self._glossary_screen = FormScreen([form for form, _, _ in forms], re.IGNORECASE)
        # Whether a word looks like a name depends on the word alone: judged once per run.
        self._source_name_like: WordMemo[str, bool] = WordMemo(self._source_name)
        self._target_name_like: WordMemo[str, bool] = WordMemo(self._target_name)
        self._source_no_names = WordSet()
        # Source words that are not even possibly names of the weaker kind (_noun_like_name).
        self._noun_names: WordMemo[str, bool] = WordMemo(self._noun_like_name)
        self._not_noun_names = WordSet()
        self._last_runs: tuple[str | None, list[str]] = (None, [])
        # Abbreviations whose full stop ends no sentence (Mr., Dr., Gen.), of either language.
        self._titles = titles_of(resources.source_lang) | titles_of(resources.target_lang)
        # Target words that can stand for no missing name, wherever they stand (a common
        # English word, an acronym, no name by its frequencies): see _stranger_candidates.
        self._never_named_strangers = WordSet()
        self._target_no_names = WordSet()
        self._source_names = WordSet()
        self._target_names = WordSet()
        # The English spellings of a name that transliteration rules allow, case-folded.
        self._spellings: WordMemo[str, frozenset[str]] = WordMemo(self._transliterations)

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        source = segment.source
        if not source or not segment.plain.strip():
            return
        target = segment.plain
        rendered = self._glossary_renderings(source)
        # Glossary names count wherever they stand; other words must look like names.
        glossary_names = [w for w in rendered if w[:1].isupper() and len(w) >= MIN_LENGTH]
        names = [*glossary_names, *self._names(source)]
        if not names:
            yield from self._swapped_noun(segment, source, target)
            return
        missing = self._missing(names, target, rendered)
        if not missing:
            yield from self._swapped_noun(segment, source, target)
            return
        known = [n for n in missing if n in rendered]
        if known:
            missing = [n for n in missing if n not in known]
            fix = rendered[known[0]][0]
            yield self._report(NAME_MISSING, segment, known, source, target, fix)
        if missing:
            yield self._report(NAME_POSSIBLY_MISSING, segment, missing, source, target, missing[0])

    def _swapped_noun(self, segment: Segment, source: str, target: str) -> Iterator[Finding]:
        """A capitalised source word that German also uses as a common word, but English about
        as often (Microsoft, Yoga, Highway), missing from the translation, where one name the
        source lacks stands: a swap, though neither sign alone would say so."""
        words = self._runs(source)
        no_names = self._not_noun_names
        if no_names.covers(words):
            return  # the usual case: no such word at all
        candidates: set[str] = set()
        for word in set(words).difference(no_names.words):
            if self._noun_names(word):
                candidates.add(word)
            else:
                no_names.add(word)
        # Each must stand somewhere a capital says something (not only after a break).
        # In the order they stand, so that the report is the same on every run.
        meaningful = dict.fromkeys(
            m.group()
            for m in CAPITALISED_RUN.finditer(source)
            if m.group() in candidates and not after_break(source, m.start(), self._titles)
        )
        if not meaningful:
            return
        # Without a name of its own in the translation there is no swap to report: that
        # cheap test first, the presence of each word after.
        source_words = folded_words(source)
        strangers = self._stranger_candidates(source_words, target, named=True)
        if not strangers:
            return
        missing = self._missing(list(meaningful), target, {})
        if not missing:
            return
        named = {m[2] for m in self._unexplained(strangers, source_words, missing)}
        if len(named) == 1:
            yield self._report(NAME_POSSIBLY_MISSING, segment, missing, source, target, missing[0])

    def _missing(
        self, names: list[str], target: str, rendered: dict[str, tuple[str, ...]]
    ) -> list[str]:
        """The names (in their order, each once) that are not present in the target."""
        # The target's folded tokens, read only when a name does not stand in it as written.
        target_words: set[str] | None = None
        folded = ""  # the target for substring tests, made only when a name is not a word of it
        missing: list[str] = []
        for name in names:
            if name in missing or verbatim_token(target, name):
                continue  # the commonest case
            if target_words is None:
                target_words = folded_words(target)
            if name.casefold() in target_words:
                continue  # _present's first test
            if not folded:
                # "U.K." and "U.S." are written UK and US in glossaries.
                folded = POSSESSIVE.sub("", DOTTED.sub(r"\1\2", target.casefold()))
            if not self._present(name, target, folded, target_words, rendered):
                missing.append(name)
        return missing

    def _runs(self, text: str) -> list[str]:
        """The capitalised runs of ``text``; the last text's are kept, as the name search and
        the swap search both read the same source."""
        if self._last_runs[0] is not text:
            self._last_runs = (text, CAPITALISED_RUN.findall(text))
        return self._last_runs[1]

    def _noun_like_name(self, word: str) -> bool:
        """Whether a capitalised source word that is no name by its frequencies may still be
        one: English uses it about as often as German, and not as a very common word."""
        if word.isupper() or len(word) > LONGEST_WORD:
            return False
        here, there = self._source_lexicon.zipf(word), self._target_lexicon.zipf(word)
        if not _WEAK_ENGLISH <= there <= _COMMON_ENGLISH or there < here - _WEAK_SHARE:
            return False
        if self._common_nouns is not None and word in self._common_nouns:
            return True
        return self._bilingual is not None and bool(self._bilingual.translations(word))

    def _report(
        self,
        meta: RuleMeta,
        segment: Segment,
        missing: list[str],
        source: str,
        target: str,
        fix: str,
    ) -> Finding:
        intruders = self._strangers(source, target, missing)
        if len(intruders) > 1:
            # Of several, the one that also looks like a name by its frequencies (Dennis
            # beside Advisor) is the likely stand-in.
            named = [m for m in intruders if self._is_name(m[2], False)]
            intruders = named if len({m[2] for m in named}) == 1 else intruders
        names = ", ".join(f'"{n}"' for n in missing)
        noun = "name" if len(missing) == 1 else "names"
        if len(intruders) == 1 and meta is NAME_POSSIBLY_MISSING:
            meta = NAME_REPLACED
        verb = "is" if len(missing) == 1 else "are"
        if len(intruders) == 1:
            start, end, word = intruders[0]
            return finding(
                meta,
                segment,
                start,
                end,
                f'the source {noun} {names} {verb} missing from the translation, and "{word}" is '
                "not in the source: a name was replaced",
                [fix],
                {"source_names": ",".join(missing)},
            )
        start, end = whole_span(segment)
        return finding(
            meta,
            segment,
            start,
            end,
            f"the source {noun} {names} {verb} missing from the translation",
            (),
            {"source_names": ",".join(missing)},
        )

    def _strangers(
        self, source: str, target: str, missing: list[str]
    ) -> list[tuple[int, int, str]]:
        """The target's capitalised words that may stand for a missing name: not where any
        word is capitalised, not in the source, not a common English word (Time, State), no
        spelling of a missing name (Sane for Sané, Livi for Livingston) and no translation of
        a source word (Monday for Montag, Court for Gerichtshof)."""
        source_words = folded_words(source)
        candidates = self._stranger_candidates(source_words, target, named=False)
        return self._unexplained(candidates, source_words, missing)

    def _stranger_candidates(
        self, source_words: set[str], target: str, named: bool
    ) -> list[tuple[int, int, str, str]]:
        """The tests of _strangers that need neither the missing names nor word lists: each
        candidate with its span and its case-folded bare form."""
        candidates: list[tuple[int, int, str, str]] = []
        # Without an apostrophe the capitalised tokens are the capitalised runs, which one
        # search finds without visiting every word.
        apostrophe = APOSTROPHES[0] in target or APOSTROPHES[1] in target
        never = self._never_named_strangers.words
        for match in (TOKEN if apostrophe else CAPITALISED_RUN).finditer(target):
            word = match.group()
            if not word[0].isupper() or (named and word in never):
                continue
            # Corbyn's and Corbyns (German genitive), FAQs and FAQ: one word each.
            bare = POSSESSIVE.sub("", word)
            bare = bare[:-1] if bare.endswith("s") and bare[:-1].isupper() else bare
            if (
                len(bare) < MIN_LENGTH
                or bare.isupper()
                or self._target_lexicon.zipf(word) > _COMMON_ENGLISH
                or (named and not self._is_name(word, False))
            ):
                if named:
                    self._never_named_strangers.add(word)
                continue
            folded = bare.casefold()
            if (
                folded in source_words
                or folded + "s" in source_words
                or after_break(target, match.start(), self._titles)
            ):
                continue
            candidates.append((match.start(), match.end(), word, folded))
        return candidates

    def _unexplained(
        self,
        candidates: list[tuple[int, int, str, str]],
        source_words: set[str],
        missing: list[str],
    ) -> list[tuple[int, int, str]]:
        """The candidates that are no spelling of a missing name, and no short form, cognate
        or translation of another source word."""
        lost = [n.casefold() for n in missing]
        candidates = [c for c in candidates if not any(spelling_of(c[3], n) for n in lost)]
        if not candidates:
            return []
        content = [w for w in source_words if w not in lost and len(w) >= MIN_LENGTH]
        latin = [(w, anyascii(w)) for w in content]
        found: list[tuple[int, int, str]] = []
        for start, end, word, folded in candidates:
            # Its source word's short form (Insp for Inspektor), cognate (Eurosceptics for
            # Euroskeptiker, Congolese for kongolesischen) or translation (Monday for Montag).
            plain = anyascii(folded)
            if any(cognate(folded, plain, w, w_plain) for w, w_plain in latin):
                continue
            if self._bilingual is not None and self._bilingual.translated_by(content, folded):
                continue
            found.append((start, end, word))
        return found

    # --- which source words are names ---------------------------------------------------

    def _names(self, text: str) -> list[str]:
        return [word for _start, _end, word in self._names_with_spans(text, source=True)]

    def _names_with_spans(self, text: str, source: bool = False) -> list[tuple[int, int, str]]:
        # Most capitalised words (every German noun) are no names, wherever they stand: once
        # judged, a set says so at once, and a text of such words only has no name at all.
        known = (self._source_no_names if source else self._target_no_names).words
        found: list[tuple[int, int, str]] = []
        if APOSTROPHES[0] in text or APOSTROPHES[1] in text:
            # An apostrophe may join two runs of letters into one token (l'Europe), or not
            # (a'b'C: "a'b", then "C"): such texts are read token by token, as defined.
            for match in TOKEN.finditer(text):
                word = match.group()
                if word in known or len(word) < MIN_LENGTH or not word[0].isupper():
                    continue
                if self._is_name(word, source) and (
                    not after_break(text, match.start(), self._titles)
                    or self._opens_as_name(word, source)
                ):
                    found.append((match.start(), match.end(), word))
            return found
        words = self._runs(text)
        if known.issuperset(words):
            return found
        names = {
            word
            for word in set(words).difference(known)
            if word[0].isupper() and self._is_name(word, source)
        }
        if not names:
            return found
        # Only the names need their places, found by a substring search each. Every
        # occurrence of a name is a name, so each one's place is the first run of it past the
        # one before.
        end = 0
        for word in words:
            if word not in names:
                continue
            start = run_at(text, word, end)
            end = start + len(word)
            if not after_break(text, start, self._titles) or self._opens_as_name(word, source):
                found.append((start, end, word))
        return found

    def _opens_as_name(self, word: str, source: bool) -> bool:
        """Whether a name-like word standing where any word is capitalised (a sentence's or
        a quotation's start) is still a name: in the source, when English uses it at least as
        often as German. German words capitalised only for their place (Analog, Gerade) lean
        German; the bilingual lexicon has already ruled out the function words."""
        return source and self._target_lexicon.zipf(word) >= self._source_lexicon.zipf(word)

    def _is_name(self, word: str, source: bool) -> bool:
        """Whether a capitalised word looks like a name (judged once, then remembered)."""
        names, no_names = (
            (self._source_names, self._source_no_names)
            if source
            else (self._target_names, self._target_no_names)
        )
        if word in names.words:
            return True
        if len(word) > LONGEST_WORD:
            return self._name_like(word, source)
        if (self._source_name_like if source else self._target_name_like)(word):
            names.add(word)
            return True
        no_names.add(word)
        return False

    def _source_name(self, word: str) -> bool:
        return self._name_like(word, True)

    def _target_name(self, word: str) -> bool:
        return self._name_like(word, False)

    def _name_like(self, word: str, source: bool) -> bool:
        if word.isupper():
            # Acronyms are often translated (PTBS -> PTSD, WLAN -> Wi-Fi): glossary ones only.
            return False
        own = self._source_lexicon if source else self._target_lexicon
        other = self._target_lexicon if source else self._source_lexicon
        here, there = own.zipf(word), other.zipf(word)
        if source and there > _COMMON_ENGLISH:
            return False
        if (
            source
            and self._common_nouns is not None
            and word in self._common_nouns
            and here + _NOUN_OVERRIDE > there
        ):
            return False  # a German noun, unless English uses it clearly more (Microsoft)
        if here < _UNKNOWN and there < _UNKNOWN:
            looks = not source or (len(word) <= _UNKNOWN_MAX_LENGTH and not self._is_compound(word))
        else:
            looks = there >= here + _ENGLISH_SHARE if source else here <= there + 1.0
        # A source word the bilingual lexicon translates is a common word, not a name. That
        # look-up is the costliest test (inflection, compounds), so it comes last.
        return looks and not (
            source and self._bilingual is not None and self._bilingual.translations(word)
        )

    def _transliterations(self, name: str) -> frozenset[str]:
        return frozenset(v.casefold() for v in self._transliterator.variants(name))

    def _is_compound(self, word: str) -> bool:
        """Whether a word neither language knows splits into a German word and a German noun
        (Anbau-art, Öko-region, Bast-tasche): a compound, which translations render in words
        of their own, not a name."""
        lower = word.casefold()
        for cut in range(_COMPOUND_HEAD, len(lower) - 2):
            head, tail = lower[:cut], lower[cut:]
            if not self._german_word(head) and not (
                head.endswith("s") and self._german_word(head[:-1])
            ):
                continue  # no word begins the compound here, whatever follows
            # The last part as written, or without an ending (-s, -e, -en, -er, -es).
            parts = (p for p in (tail, tail[:-1], tail[:-2]) if len(p) > _COMPOUND_HEAD)
            if self._german_noun(tail) or any(
                self._source_lexicon.zipf(part) >= _COMPOUND_PART for part in parts
            ):
                return True
        return False

    def _german_word(self, lower: str) -> bool:
        return len(lower) >= _COMPOUND_HEAD and (
            self._source_lexicon.zipf(lower) >= _COMPOUND_PART or self._german_noun(lower)
        )

    def _german_noun(self, lower: str) -> bool:
        return (
            self._common_nouns is not None and lower[:1].upper() + lower[1:] in self._common_nouns
        )

    # --- is a name present in the target ------------------------------------------------

    def _glossary_renderings(self, source: str) -> dict[str, tuple[str, ...]]:
        """Source word -> the English forms its glossary entries allow."""
        found: dict[str, tuple[str, ...]] = {}
        if not self._glossary_screen.may_hold(source):
            return found
        for match in self._glossary_sources.finditer(source):
            forms = (*match.payload.preferred, *match.payload.wrong)
            for word in TOKEN.findall(source[match.start : match.end]):
                found[word] = found.get(word, ()) + forms
        return found

    def _present(
        self,
        name: str,
        target: str,
        folded: str,
        target_words: set[str],
        rendered: dict[str, tuple[str, ...]],
    ) -> bool:
        lower = name.casefold()
        if lower in target_words or contains(folded, lower):
            return True
        for form in rendered.get(name, ()):
            form = form.casefold()
            if contains(folded, form):
                return True
            # The adjective of a place stands for it: Rome -> Roman, Russia -> Russian.
            stem = form[: max(3, len(form) - 1)]
            if (
                " " not in form
                and len(form) >= 4
                and any(w.startswith(stem) and len(w) <= len(form) + 3 for w in target_words)
            ):
                return True
        if _written_apart(lower, folded):
            return True
        stems = [lower[: -len(e)] for e in _GERMAN_ENDINGS if lower.endswith(e)]
        if lower.endswith("ies"):
            stems.append(lower[:-3] + "y")  # an English plural the translation has singular
        if any(s in target_words for s in stems if len(s) >= MIN_LENGTH):
            return True
        spellings = self._spellings(name)
        if not spellings.isdisjoint(target_words):
            return True
        if self._bilingual is not None and self._bilingual.covers(name, target_words):
            return True
        # Abbreviated titles: Captain -> Capt., Senator -> Sen., Inspector -> Insp.
        if any(f"{w}." in folded for w in target_words if len(w) >= 3 and lower.startswith(w)):
            return True
        # A short form the press uses, capitalised: Livingston -> Livi, Inspector -> Insp.
        if any(
            len(w) >= _SHORT_FORM
            and w[0].isupper()
            and len(w) < len(lower)
            and lower.startswith(w.casefold())
            for w in TOKEN.findall(target)
        ):
            return True
        prefix = lower[: max(_SHARED_PREFIX, round(len(lower) * _SHARED_SHARE))]
        if len(prefix) < len(lower) and any(w.startswith(prefix) for w in target_words):
            return True
        if any(
            fuzz.ratio(lower, w) >= _FUZZY for w in target_words if abs(len(w) - len(lower)) <= 3
        ):
            return True
        # Written without its accents, or in another alphabet's Latin letters: Sané -> Sane,
        # Bjørn -> Bjorn, Kischinau -> Chişinău.
        plain = anyascii(lower)
        return any(
            fuzz.ratio(plain, anyascii(w)) >= _FUZZY
            for w in target_words
            if not w.isascii() or not lower.isascii()
            if abs(len(w) - len(lower)) <= 3
        )


def _names_something(entry: Entry) -> bool:
    return entry.kind.is_name or entry.kind is Kind.INSTITUTION


# The shortest part of a compound that English writes as two words.
_APART_PART = 3


def _written_apart(lower: str, folded: str) -> bool:
    """Whether the translation writes the word as two, with a space or hyphen between
    (Greencards -> green cards, Showrunner -> show runner)."""
    return any(
        f"{lower[:cut]}{gap}{lower[cut:]}" in folded
        for cut in range(_APART_PART, len(lower) - _APART_PART + 1)
        for gap in " -"
    )

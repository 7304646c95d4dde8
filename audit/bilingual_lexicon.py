"""A core bilingual word list (source lemma -> target words) and a translation-coverage score.

The data lives in ``audit/data/lexicon/<src>-<tgt>.tsv`` (one lemma per line, ``word<TAB>a|b|c``)
with closed-class word lists ``<lang>-function-words.txt`` beside it. The loader reduces inflected
source words to lemmas by stripping endings (German: case, number, person and participle
endings, umlaut plurals, compounds) and compares target words by a crude stem, so "Regierungen"
meets "governments" and "gestiegen" meets "rose".

Coverage of a sentence pair counts the source's content words that have a counterpart in the
target: a listed translation, the word itself, a close cognate ("Präsident"/"president"), or
the same number. Content words are the tokens that are neither in the source function-word list
nor translated only by target function words ("jetzt" -> "now"); numbers count, single letters
do not. Function words are left out because every English sentence has "the", "is" and "of":
they would cover any source equally and blur true pairs with mismatched ones.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import compress
from typing import TypeVar

from rapidfuzz import fuzz, process

from audit.resources import data_file

_WORD_PATTERN = r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?"
_WORD = re.compile(_WORD_PATTERN)
# The same tokens of an ASCII text, found quicker (no Unicode classes to consult).
_ASCII_WORD = re.compile(_WORD_PATTERN, re.ASCII)
_NUMBER = re.compile(r"\d")


def _words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


# German inflectional endings, shortest first (the smallest change is the likeliest lemma:
# "Ländern" -> "Länder"); a stem keeps at least MIN_STEM letters.
_DE_ENDINGS = ("e", "n", "s", "t", "en", "er", "es", "em", "et", "st", "te", "ern", "est", "ens",
               "ten", "sten")
# Separable verb prefixes, for "angekündigt" -> "ankündigen" and "anzukündigen".
_DE_PREFIXES = ("zurück", "zusammen", "weiter", "wieder", "heraus", "hinaus", "vorbei", "statt",
                "fest", "nach", "fort", "teil", "frei", "hoch", "auf", "aus", "bei", "ein", "mit",
                "vor", "weg", "her", "hin", "los", "dar", "ab", "an", "um", "zu")
# Linking elements between the parts of a German compound ("Bundes|regierung").
_DE_LINKS = ("", "s", "es", "n", "en", "e", "er")
_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"})
# Letters whose case and umlauts the readings above change predictably (a word is looked up
# with "ß" spelled "ss").
_PLAIN_GERMAN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜ"
# Rough German -> English spelling correspondences for cognates (Präsident/president).
_COGNATE_SPELLING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "k": "c", "z": "c"})
_EN_ENDINGS = ("ing", "ies", "ied", "est", "ed", "es", "er", "ly", "s")
MIN_STEM = 3
MIN_COMPOUND_PART = 4
COGNATE_RATIO = 82.0
MIN_COGNATE_LENGTH = 4
MAX_CACHE = 200_000
_V = TypeVar("_V")


def _fold(word: str) -> str:
    """Spelling-insensitive key: "ß" and "ss" alike (Swiss and reformed spelling)."""
    return word.replace("ß", "ss")


@lru_cache(maxsize=65536)
def english_stem(word: str) -> str:
    """Crude English stem: "governments" -> "government", "rising"/"rises" -> "ris"."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for ending in _EN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            word = word[: -len(ending)]
            if ending in ("ies", "ied"):
                word += "y"
            break
    if len(word) > MIN_STEM and word.endswith("e"):
        word = word[:-1]
    if word.endswith("y"):
        word = word[:-1] + "i"
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # "stopp(ed)" -> "stop", "bigg(er)" -> "big"
    return word


def _form(word: str) -> tuple[bool, str]:
    """How a source word is looked for in the target: (True, its digits) for a number,
    else (False, its spelling-insensitive lower case)."""
    if _NUMBER.search(word):
        return True, _number_key(word)
    return False, _fold(word.casefold())


def _number_key(token: str) -> str:
    """Digits only, so that "1.000"/"1,000" and "3,5"/"3.5" agree."""
    return "".join(ch for ch in token if ch.isdigit())


def _read_words(name: str) -> frozenset[str]:
    path = data_file("lexicon", name)
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(ln.strip().casefold()) for ln in lines if ln.strip() and ln[0] != "#")


def read_entries(text: str) -> dict[str, tuple[str, ...]]:
    """Parse the TSV format: ``lemma<TAB>t1|t2|...``; ``#`` starts a comment line."""
    entries: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line[0] == "#":
            continue
        lemma, sep, targets = line.partition("\t")
        if not sep:
            raise ValueError(f"line {number}: no tab: {line!r}")
        entries[lemma] = tuple(t for t in targets.split("|") if t)
    return entries


class BilingualLexicon:
    """Source lemma -> target translations, with inflection-tolerant lookup on both sides."""

    def __init__(
        self,
        entries: Mapping[str, tuple[str, ...]],
        source_function_words: Iterable[str] = (),
        target_function_words: Iterable[str] = (),
        german_morphology: bool = True,
    ) -> None:
        # The ending, participle, particle-verb and compound rules below are German; a lexicon
        # for another source language is looked up by exact (case-insensitive) spelling only.
        self._morphology = german_morphology
        self._entries: dict[str, tuple[str, ...]] = {}
        self._spelling: dict[str, str] = {}  # folded key -> the lemma as the data spells it
        for lemma, targets in entries.items():
            key = _fold(lemma)
            self._entries[key] = self._entries.get(key, ()) + tuple(targets)
            self._spelling.setdefault(key, lemma)
        # Lower-case index for words whose capital says nothing (sentence starts, headlines).
        self._by_lower: dict[str, list[str]] = {}
        for key in self._entries:
            self._by_lower.setdefault(key.casefold(), []).append(key)
        # The first three letters of every entry (casefolded). Every reading _lemmas_of tries
        # keeps the first three letters of the word, of its part after "ge-" or of its
        # umlaut-free spelling, so a word none of whose beginnings is here is not listed.
        self._beginnings = frozenset(key[:3] for key in self._by_lower)
        self.source_function_words = frozenset(_fold(w.casefold()) for w in source_function_words)
        self.target_function_words = frozenset(w.casefold() for w in target_function_words)
        # Per lemma, the target evidence as stems: single words, and multi-word phrases whose
        # words must all be present. Translations made only of function words prove nothing.
        self._evidence: dict[str, tuple[frozenset[str], tuple[tuple[str, ...], ...]]] = {}
        for key, targets in self._entries.items():
            singles: set[str] = set()
            phrases: list[tuple[str, ...]] = []
            for target in targets:
                words = [w for w in _WORD.findall(target.casefold())
                         if w not in self.target_function_words]
                if len(words) == 1:
                    singles.add(english_stem(words[0]))
                elif words:
                    phrases.append(tuple(english_stem(w) for w in words))
            self._evidence[key] = (frozenset(singles), tuple(phrases))
        self._lemma_cache: dict[str, tuple[str, ...]] = {}
        # Per source token: whether it counts for coverage, and the target evidence of all its
        # lemmas together. Both depend on the token alone and are asked for again and again.
        self._counts_cache: dict[str, bool] = {}
        self._evidence_cache: dict[str, tuple[frozenset[str], tuple[tuple[str, ...], ...]]] = {}
        self._head_cache: dict[str, list[str]] = {}
        self._forms: dict[str, tuple[bool, str]] = {}  # source word -> _form
        # Entries no target word can cover (each translation a function word): their first
        # three letters, and the short verb particles that begin some of them.
        empty = [key for key, (one, more) in self._evidence.items() if not (one or more)]
        self._empty_starts = frozenset(key.casefold()[:3] for key in empty)
        self._empty_particles = tuple(
            particle
            for particle in _DE_PREFIXES
            if len(particle) < MIN_STEM
            and any(k.casefold().startswith(particle) and len(k) > len(particle) for k in empty)
        )

    def __len__(self) -> int:
        return len(self._entries)

    # -- lookup -----------------------------------------------------------------------------

    def _exact(self, word: str) -> list[str]:
        """Lemmas spelled like ``word``: same case first, then any case."""
        if word in self._entries:
            return [word]
        return list(self._by_lower.get(word.casefold(), ()))

    def _stems(self, word: str) -> Iterator[str]:
        """Candidate base forms of an inflected German word, most plausible first."""
        lower = word.casefold()
        for ending in _DE_ENDINGS:
            if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
                stem = word[: len(word) - len(ending)]
                yield stem
                # Verbs are listed by infinitive: "mach(t)" -> "machen", "sammel(t)" -> "sammeln".
                yield stem + ("n" if stem.endswith(("el", "er")) else "en")
        # Participles: ge-mach-t -> machen, ge-geb-en -> geben.
        if lower.startswith("ge") and len(lower) > 5:
            core = word[2:]
            for ending in ("et", "t", "en"):
                if lower.endswith(ending) and len(core) - len(ending) >= MIN_STEM:
                    yield core[: -len(ending)] + "en"
                    yield core[: -len(ending)] + "n"
            yield core
        # Umlaut plurals of nouns: Männer -> Mann, Städte -> Stadt, Häuser -> Haus.
        if word[:1].isupper() and word != word.translate(_UMLAUTS):
            plain = word.translate(_UMLAUTS)
            yield plain
            for ending in ("er", "e", "en", "n"):
                if plain.endswith(ending) and len(plain) - len(ending) >= MIN_STEM:
                    yield plain[: -len(ending)]

    def _may_be_listed(self, word: str) -> bool:
        """False only when no reading of ``word`` can be an entry (see ``_beginnings``)."""
        lower = word.casefold()
        if len(lower) != len(word):
            return True  # a letter that casefolds to several: no shortcut
        beginnings = self._beginnings
        if lower[:3] in beginnings or lower.translate(_UMLAUTS)[:3] in beginnings:
            return True
        return lower.startswith("ge") and len(lower) > 5 and lower[2:5] in beginnings

    def _lemmas_of(self, word: str) -> list[str]:
        if not self._may_be_listed(word):
            return []
        found = self._exact(word)
        if found:
            return found
        for stem in self._stems(word):
            found = self._exact(stem)
            if found:
                return found
        return []

    def _separable(self, word: str) -> list[str]:
        """Particle verbs: "angekündigt" -> "ankündigen", "anzukündigen" -> "ankündigen"."""
        lower = word.casefold()
        if not lower.startswith(_DE_PREFIXES):
            return []  # most words: no particle to try
        for prefix in _DE_PREFIXES:
            if not lower.startswith(prefix) or len(lower) - len(prefix) < 5:
                continue
            rest = word[len(prefix):]
            if rest.casefold().startswith("zu"):
                rest = rest[2:]
            for lemma in self._lemmas_of(rest):
                found = self._exact(prefix + lemma)
                if found:
                    return found
            for stem in self._stems(rest):
                found = self._exact(prefix + stem)
                if found:
                    return found
        return []

    def _modifier(self, modifier: str) -> list[str]:
        """The lemma of a compound's first part, linking element removed ("Bundes" -> Bund)."""
        lower = modifier.casefold()
        for link in _DE_LINKS:
            if not lower.endswith(link) or len(lower) - len(link) < MIN_STEM:
                continue
            base = lower[: len(lower) - len(link)]
            if base in self.source_function_words:
                continue
            found = self._exact(base) or self._exact(base.capitalize())
            if not found and len(base) > MIN_STEM:  # verb stems: "Wohn|ort" -> wohnen
                found = self._exact(base + "en")
            if found:
                return found
        return []

    def _compound(self, word: str) -> list[str]:
        """Head and modifier of a noun compound: "Bundesregierung" -> Regierung + Bund.

        Only capitalised words are split, the head must be a noun of the lexicon and the first
        part must be a known word too, so "Pyramiden" is not read as "Pyram" + "Ideen".
        """
        if not word[:1].isupper():
            return []
        for start in range(MIN_STEM, len(word) - MIN_COMPOUND_PART + 1):
            head_lemmas = self._head(word[start:].capitalize())
            if not head_lemmas:
                continue
            mod_lemmas = self._modifier(word[:start])
            if mod_lemmas:
                return head_lemmas + mod_lemmas
        return []

    def _head(self, part: str) -> list[str]:
        """The noun lemmas ``part`` may be a form of, as the head of a compound. Compounds
        share their heads (-regierung, -sprecher), so the answer is remembered per part."""
        known = self._head_cache.get(part)
        if known is None:
            known = [lemma for lemma in self._lemmas_of(part) if lemma[:1].isupper()]
            _remember(self._head_cache, part, known)
        return known

    def direct_lemmas(self, word: str) -> tuple[str, ...]:
        """Entries ``word`` inflects, without reading it as a compound (names such as
        "Sinsheim" split into known words; inflections do not)."""
        word = _fold(word)
        found = self._exact(word)
        if not found and self._morphology:
            found = self._lemmas_of(word) or self._separable(word)
        return tuple(dict.fromkeys(found))

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The lexicon entries ``word`` is taken to be a form of (empty when unknown)."""
        return tuple(self._spelling[key] for key in self._keys(word))

    def _keys(self, word: str) -> tuple[str, ...]:
        word = _fold(word)
        cached = self._lemma_cache.get(word)
        if cached is not None:
            return cached
        if not self._morphology:
            found = self._exact(word)
        else:
            found = self._lemmas_of(word) or self._separable(word)
            if not found and len(word) >= 2 * MIN_COMPOUND_PART - 1:
                found = self._compound(word)
        return self._store_keys(word, found)

    def _store_keys(self, word: str, found: list[str]) -> tuple[str, ...]:
        result = tuple(dict.fromkeys(found))
        if len(self._lemma_cache) >= MAX_CACHE:  # a run over a huge corpus: start afresh
            self._lemma_cache.clear()
        self._lemma_cache[word] = result
        return result

    def translations(self, word: str) -> tuple[str, ...]:
        """Target-language translations of ``word``'s lemma(s), in data order."""
        seen: dict[str, None] = {}
        for key in self._keys(word):
            seen.update(dict.fromkeys(self._entries[key]))
        return tuple(seen)

    # -- coverage ---------------------------------------------------------------------------

    def is_function_word(self, word: str) -> bool:
        return _fold(word.casefold()) in self.source_function_words

    def _has_evidence(self, word: str) -> bool:
        """Whether any translation of ``word`` is more than target function words."""
        return any(self._evidence[key][0] or self._evidence[key][1] for key in self._keys(word))

    def _covered_by_stems(self, word: str, stems: frozenset[str] | set[str]) -> bool:
        singles, phrases = self._evidence_of(word)
        if not singles.isdisjoint(stems):
            return True
        return any(all(part in stems for part in phrase) for phrase in phrases)

    def _evidence_of(self, word: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
        """The target evidence of every lemma of ``word`` together: a stem of any lemma's
        single-word translations, or all stems of any of its phrases, covers the word."""
        known = self._evidence_cache.get(word)
        if known is None:
            evidence = [self._evidence[key] for key in self._keys(word)]
            known = (
                frozenset().union(*(singles for singles, _ in evidence)),
                tuple(phrase for _, phrases in evidence for phrase in phrases),
            )
            _remember(self._evidence_cache, word, known)
        return known

    def covers(self, source_word: str, target_words: Iterable[str]) -> bool:
        """Whether the target words contain a translation of ``source_word`` (stems compared)."""
        stems = {english_stem(w) for w in target_words}
        return self._covered_by_stems(source_word, stems)

    def translated_by(self, source_words: Iterable[str], target_word: str) -> bool:
        """Whether any of ``source_words`` has ``target_word`` among its translations."""
        stems = {english_stem(target_word)}
        return any(self._covered_by_stems(word, stems) for word in source_words)

    def content_words(self, text: str) -> list[str]:
        """The source text's tokens that count for coverage: numbers and non-function words.

        A word whose every listed translation is a target function word ("jetzt" -> "now") is
        a function word too: no target word could ever cover it.
        """
        tokens: list[str] = _words(text)
        cache = self._counts_cache
        counts = list(map(cache.get, tokens))
        if None in counts:
            for index, token in enumerate(tokens):
                if counts[index] is None:
                    counts[index] = known = self._counts(token)
                    _remember(cache, token, known)
        return list(compress(tokens, counts))

    def _counts(self, token: str) -> bool:
        """Whether a source token is a content word (see ``content_words``)."""
        if _NUMBER.search(token):
            return True
        if len(token) <= 1 or self.is_function_word(token):
            return False
        word = _fold(token)
        if (
            self._morphology
            and token.casefold() not in self.target_function_words
            and self._never_empty(word)
        ):
            return True  # read as anything, it counts (see _never_empty)
        if self._morphology and word not in self._lemma_cache:
            # The readings one by one, as _keys tries them; the costliest, as a compound, is
            # left out where it cannot change the answer.
            found = self._lemmas_of(word) or self._separable(word)
            if not found and len(word) >= 2 * MIN_COMPOUND_PART - 1:
                # A compound is only made of entries no target word covers if its first
                # part, which begins the word, is one (see _never_empty).
                if (
                    token.casefold() not in self.target_function_words
                    and not word.strip(_PLAIN_GERMAN)
                    and word.casefold()[:3] not in self._empty_starts
                ):
                    return True
                found = self._compound(word)
            self._store_keys(word, found)
        if self._keys(token):
            return self._has_evidence(token)
        return token.casefold() not in self.target_function_words  # "of" in an English title

    def _never_empty(self, word: str) -> bool:
        """Whether no reading of ``word`` can consist only of entries no target word covers,
        so that it counts however it is read.

        Every candidate _keys looks up for a lemma keeps three letters of the word: its
        first three, those after "ge-", or the first three without umlauts; one for a verb
        particle begins with the particle; and a compound is only made of such entries if
        its first part, which begins the word, is one. So an entry of those can be reached
        only where its first three letters stand there. Only words of plain German letters
        (which casefolding leaves as long) are judged.
        """
        if len(word) < MIN_STEM or word.strip(_PLAIN_GERMAN):
            return False
        lower = word.casefold()
        starts = self._empty_starts
        if lower[:3] in starts or word.translate(_UMLAUTS).casefold()[:3] in starts:
            return False
        if lower.startswith("ge") and lower[2:5] in starts:
            return False
        return not lower.startswith(self._empty_particles)

    @staticmethod
    def _cognate(word: str, candidates: list[str]) -> bool:
        """Whether a target word looks like ``word`` respelled: "Präsident"/"president".

        Same first letter, similar length and a high similarity after the usual German -> English
        spelling shifts; "Stadt"/"state" (80) and "Wochen"/"when" stay apart.
        """
        if len(word) < MIN_COGNATE_LENGTH:
            return False
        spelled = word.translate(_COGNATE_SPELLING)
        near = [c for c in candidates if c[0] == spelled[0]
                and 4 * min(len(c), len(spelled)) >= 3 * max(len(c), len(spelled))]
        return bool(near) and process.extractOne(
            spelled, near, scorer=fuzz.ratio, score_cutoff=COGNATE_RATIO) is not None

    def coverage(self, source_text: str, target_text: str) -> tuple[int, int]:
        """(content words of the source with a counterpart in the target, content words)."""
        sources = self.content_words(source_text)
        if not sources:
            return 0, 0
        return self.covered(sources, target_text), len(sources)

    def covered(self, sources: Sequence[str], target_text: str, enough: float = math.inf) -> int:
        """How many of the content words ``sources`` have a counterpart in the target.

        Counting stops as soon as more than ``enough`` are covered: a caller that only asks
        whether coverage is low learns it from the first few words of a true translation.
        Equal numbers and the word itself are looked for first; translations and cognates,
        which need the target's stems, only for the words still uncovered after that.
        """
        target = _Target(set(map(str.casefold, _words(target_text))),
                         self.target_function_words)
        covered = 0
        rest: list[tuple[str, str]] = []
        forms = self._forms
        for word in sources:
            form = forms.get(word)
            if form is None:
                form = _form(word)
                _remember(forms, word, form)
            number, key = form
            if number:
                covered += key in target.numbers()
            elif key in target.lower:
                covered += 1
            else:
                rest.append((word, key))
            if covered > enough:
                return covered
        for word, lower in rest:
            covered += (self._covered_by_stems(word, target.stems())
                        or self._cognate(lower, target.candidates()))
            if covered > enough:
                break
        return covered


class _Target:
    """The words of a target sentence in the forms coverage compares; each form is only worked
    out when a source word first needs it."""

    __slots__ = ("_candidates", "_function_words", "_numbers", "_stems", "lower")

    def __init__(self, lower: set[str], function_words: frozenset[str]) -> None:
        self.lower = lower  # the words, casefolded
        self._function_words = function_words
        self._stems: set[str] | None = None
        self._numbers: set[str] | None = None
        self._candidates: list[str] | None = None

    def stems(self) -> set[str]:
        if self._stems is None:
            self._stems = {english_stem(t) for t in self.lower}
        return self._stems

    def numbers(self) -> set[str]:
        if self._numbers is None:
            # Casefolding leaves a number as it is.
            self._numbers = {_number_key(t) for t in self.lower if _NUMBER.search(t)}
        return self._numbers

    def candidates(self) -> list[str]:
        if self._candidates is None:
            self._candidates = [t for t in self.lower
                                if len(t) >= MIN_COGNATE_LENGTH and t not in self._function_words]
        return self._candidates


def _remember(cache: dict[str, _V], key: str, value: _V) -> None:
    """Store in a per-word cache, starting afresh when it is full: a run over millions of
    segments keeps meeting new words, and memory must not grow with them."""
    if len(cache) >= MAX_CACHE:
        cache.clear()
    cache[key] = value


def coverage_score(covered: int, considered: int) -> float:
    """Coverage with one pseudo-count each way, (covered + 1) / (considered + 2).

    A raw ratio swings wildly on short sentences (0/1 and 1/1); the smoothed score needs
    several uncovered words before it gets low, so one threshold serves all lengths.
    """
    return (covered + 1) / (considered + 2)


def load(source_lang: str, target_lang: str) -> BilingualLexicon | None:
    """The shipped lexicon for the language pair, or None when there is none."""
    path = data_file("lexicon", f"{source_lang}-{target_lang}.tsv")
    if not path.is_file():
        return None
    entries = read_entries(path.read_text(encoding="utf-8"))
    return BilingualLexicon(
        entries,
        _read_words(f"{source_lang}-function-words.txt"),
        _read_words(f"{target_lang}-function-words.txt"),
        german_morphology=source_lang == "de",
    )

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

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from rapidfuzz import fuzz, process

from audit.resources import data_file

_WORD = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?")
_NUMBER = re.compile(r"\d")

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
# Rough German -> English spelling correspondences for cognates (Präsident/president).
_COGNATE_SPELLING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "k": "c", "z": "c"})
_EN_ENDINGS = ("ing", "ies", "ied", "est", "ed", "es", "er", "ly", "s")
MIN_STEM = 3
MIN_COMPOUND_PART = 4
COGNATE_RATIO = 82.0
MIN_COGNATE_LENGTH = 4
MAX_CACHE = 200_000


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

    def _lemmas_of(self, word: str) -> list[str]:
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
            head_lemmas = [lemma for lemma in self._lemmas_of(word[start:].capitalize())
                           if lemma[:1].isupper()]
            if not head_lemmas:
                continue
            mod_lemmas = self._modifier(word[:start])
            if mod_lemmas:
                return head_lemmas + mod_lemmas
        return []

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
        for key in self._keys(word):
            singles, phrases = self._evidence[key]
            if not singles.isdisjoint(stems):
                return True
            if any(all(part in stems for part in phrase) for phrase in phrases):
                return True
        return False

    def covers(self, source_word: str, target_words: Iterable[str]) -> bool:
        """Whether the target words contain a translation of ``source_word`` (stems compared)."""
        stems = {english_stem(w) for w in target_words}
        return self._covered_by_stems(source_word, stems)

    def content_words(self, text: str) -> list[str]:
        """The source text's tokens that count for coverage: numbers and non-function words.

        A word whose every listed translation is a target function word ("jetzt" -> "now") is
        a function word too: no target word could ever cover it.
        """
        words: list[str] = []
        for token in _WORD.findall(text):
            if _NUMBER.search(token):
                words.append(token)
            elif len(token) > 1 and not self.is_function_word(token):
                if self._keys(token):
                    if not self._has_evidence(token):
                        continue
                elif token.casefold() in self.target_function_words:
                    continue  # "of", "the" in a quoted English title
                words.append(token)
        return words

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
        target_tokens = _WORD.findall(target_text)
        target_lower = {t.casefold() for t in target_tokens}
        stems = {english_stem(t) for t in target_lower}
        numbers = {_number_key(t) for t in target_tokens if _NUMBER.search(t)}
        candidates = [t for t in target_lower
                      if len(t) >= MIN_COGNATE_LENGTH and t not in self.target_function_words]
        covered = 0
        for word in sources:
            if _NUMBER.search(word):
                covered += _number_key(word) in numbers
                continue
            lower = _fold(word.casefold())
            covered += (lower in target_lower or self._covered_by_stems(word, stems)
                        or self._cognate(lower, candidates))
        return covered, len(sources)


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

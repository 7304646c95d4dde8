"""English spelling: words no dictionary knows, and the other side's British/American spelling."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from rapidfuzz import process
from rapidfuzz.distance import OSA

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.checks.memo import LONGEST_WORD, WordMemo, WordSet
from audit.checks.name_text import titles_of
from audit.lexicon import Lexicon
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

MISSPELLING = rule(
    "SPELL001",
    "misspelling",
    "fluency/spelling",
    Severity.WARNING,
    """A word that is not an English word (a typo such as "goverment" or "recieve").

    A lower-case word is checked against pyspellchecker's English dictionary and wordfreq's
    English word list. Words wordfreq knows are accepted unless they are a one-letter slip from
    a far more frequent word (common misspellings such as "recieve" are on the web too). Not
    checked: capitalised words (names; at the start of a sentence only a word no list knows
    that is one edit from a very common word, "Tehre"), acronyms, words with digits, URLs,
    e-mail addresses, handles and hashtags, ignored spans, words that also occur in the source
    or in the glossaries, frequent German words (the untranslated rule reports those), common
    words of French, Spanish, Italian, Portuguese, Catalan and Dutch (quotations), compounds,
    prefixed and suffixed words built from words ("reinjecting", "cinemagoing", "right-hander"),
    possessives and contractions. A word nothing resembles (no dictionary word within two edits)
    is taken for a rare real word and left alone. Accepted extra words, affixes and title
    abbreviations are data (audit/data/spelling).
    Suggestions: dictionary words one edit away (else two), most frequent first, at most three;
    in a text with --variant, in that variant's spelling.
    Example: "the goverment said" -> "government".""",
)
VARIANT = rule(
    "SPELL002",
    "spelling-variant",
    "fluency/spelling",
    Severity.WARNING,
    """A British spelling in an en-US text, or an American one in an en-GB text (--variant).

    Only when a variant is chosen; without one both spellings pass. The pairs are data
    (audit/data/spelling/en-variants.tsv): -our/-or, -re/-er, -ence/-ense, -ogue/-og, -yse/-yze,
    doubled/single l, -ae-/-e- and single words, each checked against word frequencies so that
    only established spellings are proposed. In en-GB texts -ize is accepted (Oxford spelling),
    as are spellings Britain shares with America in some senses (program, license, meter).
    Capitalised words pass, even at a sentence start: they begin names as often as not
    (Ministry of Defence, "Labour leader Keir Starmer said", Labor Party, World Trade Center).
    A warning because the variant was asked for explicitly: a form of the other one is a slip
    against the requested house style, though never an error of meaning.
    Example (en-US): "the colour of the centre" -> "color", "center".""",
)

# Word frequencies are Zipf values (log10 per billion words, wordfreq's English list).
# Shorter words are mostly abbreviations, units or interjections; typos in them are rarely
# detectable without context.
_MIN_LENGTH = 3
# A word this frequent on the web is a word, whatever the dictionary says (centre, covid).
_COMMON = 3.5
# A web word rarer than that is a misspelling only if a dictionary word one edit away is this
# much more frequent (recieve 2.8 vs receive 4.8); rare real words sit near words of similar
# frequency or have no close neighbour at all.
_GAP = 1.5
# Parts of compounds ("fourballs", "cinemagoing") must be this common and this long.
_PART_ZIPF = 3.0
_PART_LENGTH = 3
# A capitalised word at a sentence start is flagged only when one slip from a word this
# common (Tehre -> There); names unknown to every list (Gendon, Menga) sit near rarer words.
_INITIAL_NEAREST = 5.5
# Words this common in these languages are quotations, not slips ("bien élevé", "carro").
_FOREIGN_LANGUAGES = ("fr", "es", "it", "pt", "ca", "nl")
_FOREIGN_ZIPF = 4.0
# A word this frequent in German and this much rarer in English is German left in: the
# untranslated rule's business (same thresholds as that rule).
_GERMAN = 3.0
_GERMAN_LEAN = 2.0
_MAX_DISTANCE = 2
_MAX_SUGGESTIONS = 3
# A spelling variant must be an established word, and not far rarer than the form it replaces.
_VARIANT_WORD = 1.0
_VARIANT_MIN = 1.5
_VARIANT_GAP = 1.5

_CHUNK = re.compile(r"\S+")
# Whole whitespace-delimited chunks that are addresses, handles, hashtags, code or markup.
_SKIP_CHUNK = re.compile(r"://|www\.|@|[_\\=<>{}|~^`]|^\W*#")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")  # no hyphen, no apostrophe
_TITLE_WINDOW = 12  # longer than any title abbreviation
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SEPARATOR = "\n"
_CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")
# Characters that may stand between a sentence end and the first word of the next sentence.
_OPENERS = frozenset(" \t\"'“‘«‹([{*•–—-")
_SENTENCE_END = frozenset(".!?:…")
_BRACKETS = frozenset("[]")
_LANGUAGES = frozenset({"en"})


@dataclass(frozen=True, slots=True)
class _Verdict:
    """Why a word looks misspelt: its suggestions, their edit distance, and its own frequency."""

    suggestions: tuple[str, ...]  # empty: not yet known (see ``pending``)
    distance: int
    zipf: float
    nearest_zipf: float  # frequency of the first suggestion

    @property
    def pending(self) -> bool:
        """A slip if any word lies two edits away: that scan is made only if it is reported."""
        return not self.suggestions


@dataclass(frozen=True, slots=True)
class _Draft:
    """What one word or hyphen part reports, before it is placed in a segment: a misspelling
    (``verdict``) or, without one, the requested variant's spelling (``other``)."""

    core: str  # the part without a clitic, as written: the span to report
    capital: bool  # capitalised at a sentence start: suggestions are capitalised too
    verdict: _Verdict | None
    other: str | None


@dataclass(frozen=True, slots=True)
class _Part:
    """A hyphen part of a word (at ``offset`` in it) with what it reports inside a sentence
    and as a sentence's first word; the same object twice when the position changes nothing."""

    offset: int
    plain: _Draft | None
    initial: _Draft | None


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One row of the variant table: gb and us stems, their endings, and where it applies."""

    gb: str
    us: str
    endings: tuple[tuple[str, str], ...]  # (gb ending, us ending); empty: any ending
    flag: str  # both | en-US | en-GB
    strict: bool


def _load_patterns(lang: str) -> tuple[_Pattern, ...]:
    patterns: list[_Pattern] = []
    for line in data_lines("spelling", f"{lang}-variants.tsv")[1:]:
        gb, us, endings, flag, guard, *_note = line.split("\t")
        pairs: list[tuple[str, str]] = []
        if endings != "*":
            for item in endings.split("|"):
                left, _, right = item.partition(">")
                pair = (left, right if right else left)
                pairs.append((pair[0].replace("_", ""), pair[1].replace("_", "")))
        patterns.append(_Pattern(gb, us, tuple(pairs), flag, guard == "strict"))
    return tuple(patterns)


def _load_affixes(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = [ln.split("\t") for ln in data_lines("spelling", f"{lang}-affixes.tsv")[1:]]
    return (
        tuple(affix for kind, affix in rows if kind == "prefix"),
        tuple(affix for kind, affix in rows if kind == "suffix"),
    )


@lru_cache(maxsize=2)
def _dictionary(lang: str) -> frozenset[str]:
    """pyspellchecker's word list for ``lang`` (loaded once per process; it is read-only)."""
    from spellchecker import SpellChecker

    words = SpellChecker(language=lang, distance=1).word_frequency.dictionary
    return frozenset(w for w in words if w.isalpha())


def _rewrite(word: str, pattern: _Pattern, to_us: bool) -> list[tuple[str, str]]:
    """Every spelling the pattern turns ``word`` into (gb to us or back), each with the letters
    that precede the stem."""
    stem, other = (pattern.gb, pattern.us) if to_us else (pattern.us, pattern.gb)
    if stem not in word:
        return []
    results: list[tuple[str, str]] = []
    if not pattern.endings:
        at = word.find(stem)
        while at >= 0:
            results.append((word[:at], word[:at] + other + word[at + len(stem) :]))
            at = word.find(stem, at + 1)
        return results
    for gb_end, us_end in pattern.endings:
        end, other_end = (gb_end, us_end) if to_us else (us_end, gb_end)
        tail = stem + end
        if word.endswith(tail):
            prefix = word[: len(word) - len(tail)]
            results.append((prefix, prefix + other + other_end))
    return results


# Words longer than this are not judged: one-edit candidates grow with the square of the
# length, and no English word comes close (a base64 blob would exhaust memory).
_LONGEST_WORD = 40


class _Vocabulary:
    """What counts as an English word: dictionary, accepted words, frequencies, derivation."""

    def __init__(self, lang: str, lexicon: Lexicon) -> None:
        self.dictionary = _dictionary(lang)
        self.lexicon = lexicon
        self.accept = frozenset(
            ln.strip().replace("’", "'") for ln in data_lines("spelling", f"{lang}-accept.txt")
        )
        self.prefixes, self.suffixes = _load_affixes(lang)
        # Candidate corrections by length, so a look-up scans only words of similar length.
        self._pool = frozenset(
            w for w in self.dictionary | self.accept if w.isalpha() and w.isascii() and w.islower()
        )
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self._pool):
            self._by_length.setdefault(len(word), []).append(word)

    def zipf(self, word: str) -> float:
        return self.lexicon.zipf(word)

    def listed(self, word: str) -> bool:
        return word in self.dictionary or word in self.accept

    def strong(self, word: str) -> bool:
        """A word common enough to vouch for a compound or a prefixed form built on it."""
        return len(word) >= _PART_LENGTH and (
            word in self.accept or (word in self.dictionary and self.zipf(word) >= _PART_ZIPF)
        )

    def bases(self, word: str) -> list[frozenset[str]]:
        """The words ``word`` is built from: a prefix or suffix plus a word, or two common words
        run together ("reinjecting" -> {injecting}, "fourballs" -> {four, balls})."""
        found: list[frozenset[str]] = []
        for prefix in self.prefixes:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= _PART_LENGTH and self.listed(rest):
                found.append(frozenset({rest}))
        for suffix in self.suffixes:
            rest = word[: -len(suffix)]
            if word.endswith(suffix) and len(rest) >= _PART_LENGTH and self.listed(rest):
                found.append(frozenset({rest}))
        for cut in range(_PART_LENGTH, len(word) - _PART_LENGTH + 1):
            head, tail = word[:cut], word[cut:]
            if self.strong(head) and self.strong(tail):
                found.append(frozenset({head, tail}))
        return found

    def near(self, word: str) -> list[tuple[str, int]]:
        """Dictionary words one edit away (an adjacent swap is one edit), commonest first."""
        found = [(w, 1) for w in self._pool.intersection(_one_edit(word)) if w != word]
        found.sort(key=self._rank)
        return found

    def far(self, word: str) -> list[tuple[str, int]]:
        """Dictionary words within two edits, nearest then commonest first: a scan of every
        word of similar length, by far the costliest look-up, so it is made only for a word
        with nothing one edit away that is about to be reported."""
        found: list[tuple[str, int]] = []
        for length in range(len(word) - _MAX_DISTANCE, len(word) + _MAX_DISTANCE + 1):
            bucket = self._by_length.get(length, [])
            matches = process.extract(
                word, bucket, scorer=OSA.distance, score_cutoff=_MAX_DISTANCE, limit=None
            )
            found.extend((choice, int(distance)) for choice, distance, _ in matches)
        found.sort(key=self._rank)
        return found

    def _rank(self, candidate: tuple[str, int]) -> tuple[int, float, str]:
        return candidate[1], -self.zipf(candidate[0]), candidate[0]


def _one_edit(word: str) -> list[str]:
    """Every string one deletion, adjacent swap, replacement or insertion away from ``word``,
    some more than once and ``word`` itself among them (the caller keeps the known words).

    The 26 replacements or insertions at one place are made by one join and split over a
    separator no word holds, not by 26 concatenations: a word's edits cost a third less.
    """
    if _SEPARATOR in word:
        return _one_edit_plain(word)
    size = len(word)
    edits = [word[:i] + word[i + 1 :] for i in range(size)]
    edits += [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(size - 1)]
    runs: list[str] = []
    for i in range(size + 1):
        head, tail = word[:i], word[i:]
        runs.append(head + (tail + _SEPARATOR + head).join(_LETTERS) + tail)  # insertions
        if tail:
            rest = tail[1:]
            runs.append(head + (rest + _SEPARATOR + head).join(_LETTERS) + rest)  # replacements
    edits += _SEPARATOR.join(runs).split(_SEPARATOR)
    return edits


def _one_edit_plain(word: str) -> list[str]:
    """``_one_edit`` made string by string, for a word that holds the separator."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = [a + b[1:] for a, b in splits if b]
    edits += [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    edits += [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    edits += [a + c + b for a, b in splits for c in _LETTERS]
    return edits


class _Variants:
    """British/American spelling pairs from data, checked against the vocabulary."""

    def __init__(self, patterns: tuple[_Pattern, ...], vocabulary: _Vocabulary) -> None:
        self._patterns = patterns
        self._vocabulary = vocabulary
        self._memo: WordMemo[tuple[str, str], str | None] = WordMemo(self._find_pair)

    def counterpart(self, word: str, variant: str) -> str | None:
        """``word`` spelt the ``variant`` way, when ``word`` is the other variant's spelling."""
        if len(word) > LONGEST_WORD:
            return self._find(word, variant)
        return self._memo((word, variant))

    def _find_pair(self, key: tuple[str, str]) -> str | None:
        return self._find(*key)

    def _find(self, word: str, variant: str) -> str | None:
        to_us = variant == "en-US"
        if not to_us and variant != "en-GB":
            return None
        # Rows apply one after another, so "anaesthetise" becomes "anesthetize" (-ise, then ae).
        current = word
        for pattern in self._patterns:
            if pattern.flag not in ("both", variant):
                continue
            strict = pattern.strict and to_us
            for prefix, other in _rewrite(current, pattern, to_us):
                if self._prefix_ok(prefix, strict) and self._established(current, other, strict):
                    current = other
                    break
        return current if current != word else None

    def _prefix_ok(self, prefix: str, strict: bool) -> bool:
        """What may precede a stem: a word or an affix ("water" + colour, "dis" + colour); for
        the broad -ise pattern, at least three letters of stem ("organ" + ise, not "pr" + ise)."""
        vocab = self._vocabulary
        if strict:
            return len(prefix) >= _MIN_LENGTH
        return (
            not prefix
            or prefix in vocab.prefixes
            or (len(prefix) >= _MIN_LENGTH and vocab.listed(prefix))
        )

    def _established(self, word: str, other: str, strict: bool) -> bool:
        vocab = self._vocabulary
        word_zipf, other_zipf = vocab.zipf(word), vocab.zipf(other)
        if strict and (word in vocab.dictionary or other not in vocab.dictionary):
            return False
        return (
            (word_zipf >= _VARIANT_WORD or word in vocab.dictionary)
            and (other_zipf >= _VARIANT_MIN or other in vocab.dictionary)
            and other_zipf >= word_zipf - _VARIANT_GAP
        )

    def related(self, word: str, other: str) -> bool:
        """Whether some row turns one spelling into the other (in either direction)."""
        # A row rewrites only words holding its stem: the few that do are found by substring
        # tests alone, and only they are rewritten.
        british = [p for p in self._patterns if p.gb in word]
        american = [p for p in self._patterns if p.us in word]
        return any(
            other == result for p in british for _, result in _rewrite(word, p, True)
        ) or any(other == result for p in american for _, result in _rewrite(word, p, False))


def _sentence_start(text: str, start: int, titles: frozenset[str]) -> bool:
    at = start - 1
    while at >= 0 and text[at] in _OPENERS:
        at -= 1
    if at >= 0 and text[at] == ".":
        before = _LAST_WORD.search(text, max(0, at - _TITLE_WINDOW), at)
        if before is not None and before.group() in titles:
            return False  # "Mr. Gendon" starts no sentence
    return at < 0 or text[at] in _SENTENCE_END or text[at] == "\n"


@lru_cache(maxsize=1)
def _foreign_words(languages: tuple[str, ...]) -> frozenset[str]:
    import wordfreq

    words: set[str] = set()
    threshold = 10 ** (_FOREIGN_ZIPF - 9)  # wordfreq stores frequencies, not Zipf values
    for lang in languages:
        try:
            table = wordfreq.get_frequency_dict(lang, wordlist="small")
        except LookupError:
            continue
        words.update(w for w, f in table.items() if f >= threshold)
    return frozenset(words)


def _skip_word(chunk: str, start: int, end: int) -> bool:
    """Words glued to digits (5th, km2), brackets ([w]hile) or dots (e.g., example.com)."""
    before = chunk[start - 1] if start > 0 else ""
    after = chunk[end] if end < len(chunk) else ""
    if before.isdigit() or after.isdigit() or before in _BRACKETS or after in _BRACKETS:
        return True
    if after == "." and end + 1 < len(chunk) and chunk[end + 1].isalpha():
        return True
    return before == "." and start >= 2 and chunk[start - 2].isalpha()


def _words(text: str) -> set[str]:
    """Case-folded words and word parts of a text (for the source and glossary exemptions)."""
    words = [word.replace("’", "'").casefold() for word in _WORD.findall(text)]
    found = set(words)
    for word in words:
        if "-" in word or "'" in word:  # else its parts are the word itself
            for part in word.split("-"):
                found.add(part)
                found.add(part.split("'")[0])
    return found


class Spelling:
    """SPELL001 (misspellings) and SPELL002 (the other regional variant) for English targets."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (MISSPELLING, VARIANT)

    def __init__(self, resources: Resources) -> None:
        self._enabled = resources.target_lang in _LANGUAGES
        self._variant = resources.variant
        if not self._enabled:
            return
        lang = resources.target_lang
        self._vocabulary = _Vocabulary(lang, resources.target_lexicon)
        self._variants = _Variants(_load_patterns(lang), self._vocabulary)
        self._german = (
            resources.source_lexicon if resources.source_lang != resources.target_lang else None
        )
        glossary_text = " ".join(
            form
            for entry in resources.glossary.entries
            for form in (*entry.source, *entry.preferred, *entry.wrong)
        )
        self._protected = frozenset(
            _words(glossary_text) | {w.casefold() for w in resources.name_words}
        )
        self._foreign_words: frozenset[str] | None = None
        self._titles = titles_of(lang)
        # What a word is and what it would report depend on the word alone, not the segment:
        # judged once per run (within a bound), so a segment costs a look-up per word.
        self._verdicts: WordMemo[str, _Verdict | None] = WordMemo(self._judge)
        self._scans: WordMemo[str, _Verdict | None] = WordMemo(self._scan)
        self._outcomes: WordMemo[str, tuple[_Part, ...]] = WordMemo(self._outcome)
        # Words that report nothing wherever they stand: most segments consist of these only.
        self._harmless = WordSet()
        # Whitespace-separated chunks of text ("said," "(Reuters)") made of such words only.
        self._harmless_chunks = WordSet()

    def _foreign(self) -> frozenset[str]:
        """Common words of other languages, loaded on the first would-be finding."""
        if self._foreign_words is None:
            self._foreign_words = _foreign_words(_FOREIGN_LANGUAGES)
        return self._foreign_words

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        if not self._enabled:
            return
        text = segment.plain
        # A text made of chunks (between spaces, which no word holds) known to hold harmless
        # words only is harmless (see below): splitting costs far less than reading words.
        chunks = text.split()
        if self._harmless_chunks.covers(chunks):
            return
        # Every word the full reading below looks at is one of these (it reads the same
        # pattern, chunk by chunk, and chunks split only at spaces, which no word holds), and
        # what it skips or exempts only removes findings: when no word can report anything in
        # any position, the segment has nothing to report.
        words = _WORD.findall(text)
        if self._harmless.covers(words):
            # Familiar words only: the chunks are remembered for next time (not those of
            # every text, which would cost more than it saves on text read once).
            known = self._harmless_chunks.words
            for chunk in chunks:
                if chunk not in known:
                    self._harmless_chunks.add(chunk)
            return
        if self._all_harmless(words):
            return
        yield from self._findings(segment, text)

    def _all_harmless(self, words: list[str]) -> bool:
        harmless = True
        for word in words:
            if word in self._harmless:
                continue
            if self._parts_of(word):
                harmless = False
            else:
                self._harmless.add(word)
        return harmless

    def _parts_of(self, word: str) -> tuple[_Part, ...]:
        return self._outcomes(word)

    def _findings(self, segment: Segment, text: str) -> Iterator[Finding]:
        source_words: set[str] | None = None
        for chunk_match in _CHUNK.finditer(text):
            chunk = chunk_match.group()
            if _SKIP_CHUNK.search(chunk):
                continue
            for match in _WORD.finditer(chunk):
                word = match.group()
                parts = self._parts_of(word)
                if not parts or _skip_word(chunk, match.start(), match.end()):
                    continue
                if source_words is None:
                    source_words = _words(segment.source) if segment.source else set()
                if "-" in word and _in_source_compound(word, source_words):
                    continue
                offset = chunk_match.start() + match.start()
                for part in parts:
                    start = offset + part.offset
                    draft = part.plain
                    if part.initial is not draft and _sentence_start(text, start, self._titles):
                        draft = part.initial
                    if draft is None:
                        continue
                    end = start + len(draft.core)
                    if segment.text[start:end].casefold() in source_words:
                        continue  # the source has it too: a name or a quotation
                    found = self._place(segment, draft, start, end)
                    if found is not None:
                        yield found

    def _outcome(self, word: str) -> tuple[_Part, ...]:
        """What each hyphen part of a word reports inside a sentence and at its start; only
        the parts that report something in either position."""
        if (
            self._variant is None
            and word.islower()
            and _PLAIN_WORD.fullmatch(word)
            and self._vocabulary.listed(word)
        ):
            # A dictionary word in small letters, in one piece, reports nothing anywhere
            # without a variant to hold it to (see _draft): the commonest new word of a text.
            return ()
        parts: list[_Part] = []
        for part, at in _parts(word, 0, self._vocabulary):
            bound = at != 0  # a later part of a compound
            plain = self._draft(part, False, bound)
            initial = plain if bound else self._draft(part, True, False)
            if plain is None and initial is None:
                continue
            parts.append(_Part(at, plain, plain if initial == plain else initial))
        return tuple(parts)

    def _draft(self, part: str, initial: bool, bound: bool) -> _Draft | None:
        """What one word or hyphen part reports; ``bound``: not the first part of a compound."""
        core = _without_clitic(part, self._vocabulary.accept)
        if core is None or len(core) < _MIN_LENGTH:
            return None
        if core.islower():
            capital = False
        elif initial and core[0].isupper() and core[1:].islower():
            capital = True
        else:  # a name inside a sentence, an acronym or a brand (iPhone)
            return None
        word = core.lower()
        if not word.isascii() or word in self._protected:
            return None
        if capital and self._vocabulary.zipf(word) > 0:
            # Reported only as a clear slip, which the web does not know (_clear_slip): most
            # capitalised words are names, and judging each in full would cost far more.
            return None
        verdict = self._verdict(word)
        if verdict is None:
            # Capitalised variants start names even at a sentence start (Labour Party leader…).
            if capital or self._variant is None:
                return None
            other = self._variants.counterpart(word, self._variant)
            return None if other is None else _Draft(core, False, None, other)
        if capital and not _clear_slip(verdict):
            return None  # a capitalised word at a sentence start is most likely a name
        if word in self._foreign():
            return None  # a word quoted from another language (bien, carro)
        if bound and verdict.zipf > 0:
            return None  # later parts of compounds are often bound forms (right-hander)
        if self._german is not None:
            german = self._german.zipf(word)
            if german >= _GERMAN and german - verdict.zipf >= _GERMAN_LEAN:
                return None
        return _Draft(core, capital, verdict, None)

    def _place(self, segment: Segment, draft: _Draft, start: int, end: int) -> Finding | None:
        """The finding for ``draft`` at ``start``; None when a slip awaiting its two-edit scan
        turns out to resemble no word at all."""
        if draft.verdict is None:
            other = draft.other or ""
            spelt = "British" if self._variant == "en-US" else "American"
            return finding(
                VARIANT,
                segment,
                start,
                end,
                f'{spelt} spelling "{segment.text[start:end]}" in an {self._variant} text; '
                f'use "{other}"',
                [other],
                {"variant": self._variant or ""},
            )
        verdict = draft.verdict
        if verdict.pending:
            scanned = self._scans(draft.core.lower())
            if scanned is None:
                return None
            verdict = scanned
        suggestions = [self._in_variant(s) for s in verdict.suggestions]
        if draft.capital:
            suggestions = [s[:1].upper() + s[1:] for s in suggestions]
        return finding(
            MISSPELLING,
            segment,
            start,
            end,
            f'"{draft.core}" is not an English word; did you mean "{suggestions[0]}"?',
            suggestions,
            {"zipf": f"{verdict.zipf:.2f}"},
        )

    def _verdict(self, word: str) -> _Verdict | None:
        if len(word) > _LONGEST_WORD:
            return None  # no English word is this long (a blob or an identifier): not judged
        return self._verdicts(word)

    def _judge(self, word: str) -> _Verdict | None:
        vocab = self._vocabulary
        if vocab.listed(word):
            return None
        zipf = vocab.zipf(word)
        if zipf >= _COMMON:
            return None
        candidates = vocab.near(word)
        if not candidates:
            # Nothing one edit away. A web word is then no slip (see below), nor is an unknown
            # word built from words; any other is a slip if a word lies two edits away. That
            # scan is costly and its answer matters only where the word is reported, so it
            # waits (see _place) -- unless, resembling nothing, the word would be reported
            # as the other variant's spelling instead, which needs the answer now.
            if zipf > 0 or vocab.bases(word):
                return None
            if self._variant is None or self._variants.counterpart(word, self._variant) is None:
                return _Verdict((), _MAX_DISTANCE, zipf, 0.0)
            return self._scans(word)
        # Whether a word one edit away is common enough to make this one a slip -- and is no
        # other spelling of the same word (colour, color); frequency first, as it is cheaper.
        threshold = zipf + _GAP if zipf > 0 else _PART_ZIPF
        common_near = any(
            distance == 1 and vocab.zipf(c) >= threshold and not self._variants.related(word, c)
            for c, distance in candidates
        )
        if zipf > 0:
            # Known on the web (where common misspellings live too): a slip only if a far
            # commoner word is one edit away and the word is no regular formation of words
            # ("corporates", "upsize", "fundraised" are; "recieve", "thier" are not).
            if not common_near or vocab.bases(word):
                return None
        elif not common_near and vocab.bases(word):
            # Unknown everywhere but built from words ("reinjecting"), and no common word is
            # one slip away ("resluts" is results, not re + sluts).
            return None
        suggestions = tuple(c for c, _ in candidates[:_MAX_SUGGESTIONS])
        return _Verdict(suggestions, candidates[0][1], zipf, vocab.zipf(suggestions[0]))

    def _scan(self, word: str) -> _Verdict | None:
        """The verdict on a word with nothing one edit away: the words two edits away."""
        vocab = self._vocabulary
        candidates = vocab.far(word)
        if not candidates:
            return None  # nothing resembles it: a rare word rather than a slip
        suggestions = tuple(c for c, _ in candidates[:_MAX_SUGGESTIONS])
        return _Verdict(suggestions, candidates[0][1], vocab.zipf(word), vocab.zipf(suggestions[0]))

    def _in_variant(self, word: str) -> str:
        if self._variant is None:
            return word
        return self._variants.counterpart(word, self._variant) or word


def _clear_slip(verdict: _Verdict) -> bool:
    """Whether a misspelling is clear enough to flag even where a name could stand: one edit
    from a very common word and unknown on the web, where names are listed too (Tehre -> There;
    not Nad, a name and a web word, though one edit from And)."""
    return verdict.distance == 1 and verdict.nearest_zipf >= _INITIAL_NEAREST and verdict.zipf == 0


def _in_source_compound(word: str, source_words: set[str]) -> bool:
    """Whether a hyphenated word, hyphens dropped, begins a source word (boda-boda, Bodabodas)."""
    joined = word.replace("-", "").casefold()
    return any(w.startswith(joined) for w in source_words)


def _parts(word: str, offset: int, vocabulary: _Vocabulary) -> Iterator[tuple[str, int]]:
    """The hyphen-separated parts of a word with their offsets in the text; only the first when
    it is a capitalised non-word, a name whose later parts are names too (Byeong-seug)."""
    parts = word.split("-")
    first = parts[0]
    if len(parts) > 1 and first[:1].isupper() and not vocabulary.listed(first.lower()):
        parts = parts[:1]
    at = offset
    for part in parts:
        yield part, at
        at += len(part) + 1


def _without_clitic(part: str, accept: frozenset[str]) -> str | None:
    """The word without a possessive or contraction ending; None for an accepted contraction."""
    if "'" not in part and "’" not in part:
        return part  # every clitic begins with an apostrophe
    normal = part.replace("’", "'")
    lower = normal.lower()
    if lower in accept and "'" in lower:
        return None
    for clitic in _CLITICS:
        if lower.endswith(clitic) and len(lower) > len(clitic):
            normal = normal[: -len(clitic)]
            break
    return None if "'" in normal else normal

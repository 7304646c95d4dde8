"""Glossary form syntax (words, ``*`` suffix wildcard, ``...`` gap) compiled to matchers.

Forms are literal text, never user regular expressions: every pattern built here is a chain of
escaped words, so matching stays linear and a glossary cannot slow a run down.

A matcher does not try every form on every text. Each form is indexed by its leading one or two
words (``\\w`` runs, folded the way ``re.IGNORECASE`` compares letters); a text is split into
words once, and only the forms whose leading words occur there, side by side, reach their
regular expression. The index only narrows the choice: the expression alone decides a match,
so a text costs the same whether the glossary holds a thousand forms or a hundred thousand.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise
from operator import itemgetter, not_
from typing import Generic, TypeVar, cast

Payload = TypeVar("Payload")

GAP = "..."
_GAP_PATTERN = r"(?:\s+[^\s.!?;:]+){0,4}?"
_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"\w+", re.ASCII)
# Finds come out grouped by the first three letters of each form's first word, as they always
# have: reports list a segment's findings in this order.
_ORDER_LENGTH = 3

# re.IGNORECASE compares characters by their simple lowercase, and also holds a few pairs equal
# that lowercasing keeps apart (dotless ı and i, long ſ and s, final ς and σ, ...). fold() maps
# every character to one character shared by all its IGNORECASE equals and keeps word
# characters word characters, so a folded text has its words where the text has them.
# İ lowercases to two characters, and Σ to σ or ς by its neighbours: both are settled first.
_BEFORE_LOWER = str.maketrans({"\u0130": "i", "\u03a3": "\u03c3"})
_AFTER_LOWER = str.maketrans(
    "\u0131\u017f\u00b5\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1fbe\u1e9b\u1fd3\u1fe3"
    "\ufb05\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88",
    "is\u03bc\u03c3\u03b2\u03b8\u03c6\u03c0\u03ba\u03c1\u03b5\u03b9\u1e61\u0390\u03b0"
    "\ufb06\u0432\u0434\u043e\u0441\u0442\u0442\u044a\u0463\ua64b",
)
# The characters either table changes, none of them a lowercase of another character.
_UNUSUAL = re.compile("[" + re.escape("".join(map(chr, {**_BEFORE_LOWER, **_AFTER_LOWER}))) + "]")
# The one exception: the Greek iota subscript equals ι under IGNORECASE but is no word
# character, so a text's words do not show where a form's ι may match it. Forms holding the
# subscript are tried on every text, forms holding ι on every text holding the subscript
# (decomposed polytonic Greek: rare). Elsewhere in a text it separates words, as in a pattern.
_IOTA_SUBSCRIPT = "\u0345"
_IOTAS = "\u0399\u03b9\u1fbe"  # ι and its IGNORECASE equals that are letters
_IOTA = re.compile(f"[{_IOTAS}]")
# A '*' before more of its word, or with no word before it: the forms without one (or a gap)
# are valid, and most forms are; the others are examined word by word to name the error.
_BAD_STAR = re.compile(r"\*(?:\S|(?<!\S\*))")
# A blank form among forms joined by line breaks, with one more at each end. (Expressions
# here begin with a literal character, which the engine looks for before trying the rest.)
_BLANK = re.compile(r"\n[^\S\n]*\n")


# A leading word of a form: its folded letters, and whether it is a stem (``Bundes*``) that any
# longer word of the text may continue.
_Lead = tuple[str, bool]
# Several checks index the same glossary forms (every entry's German forms, for one): each
# form is analysed once per run, not once per check. The memory is emptied when full, which a
# run's glossaries (at most 100,000 entries) do not reach in practice.
_MEMORY = 1 << 19
_KEYS: dict[str, str] = {}
# An index key is a string, the table's letter and then a word, or two joined by _JOIN (no
# word character): strings, unlike tuples, are no work for the cycle collector.
_WORD_KEY, _PAIR, _STEM, _STEM_PAIR, _ALWAYS = "wpsqa"
_JOIN = "\x00"
# _index_key() for forms without gaps, one form a line: the first word and its '*', then the
# second word unless a '*' comes first (after a non-word character: a new word) or after it.
_LEADS = re.compile(r"^[^\w\n*]*(?:(\w+)(\*?)(?:[^\w\n*]+(\w+)(?![\w*]))?)?[^\n]*", re.MULTILINE)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while a glossary or an index is built.

    Such builds make hundreds of thousands of small objects and no cycles; the collector,
    triggered every few hundred of them, would walk the whole growing heap again and again
    to free nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class FormError(ValueError):
    """A form that does not follow the syntax."""


def validate_form(form: str) -> None:
    if form.strip() and GAP not in form and ("*" not in form or _BAD_STAR.search(form) is None):
        return  # the common case, settled by one search; errors are named below
    words = form.split()
    if not words:
        raise FormError("empty form")
    if words[0] == GAP or words[-1] == GAP:
        raise FormError(f"{form!r}: '...' must stand between two words")
    for word in words:
        if word != GAP and "*" in word[:-1]:
            raise FormError(f"{form!r}: '*' is allowed only at the end of a word")
        if word == "*":
            raise FormError(f"{form!r}: '*' needs a word before it")


def validate_forms(forms: Sequence[str]) -> None:
    """``validate_form`` for each form; forms without a gap are cleared together by a search."""
    joined = "\n".join(forms)
    if GAP in joined or _BAD_STAR.search(joined) or _BLANK.search(f"\n{joined}\n"):
        for form in forms:
            validate_form(form)


def form_regex(form: str) -> str:
    parts: list[str] = []
    for word in form.split():
        if word == GAP:
            parts.append(_GAP_PATTERN)
            continue
        stem = word[:-1] if word.endswith("*") else word
        piece = re.escape(stem) + (r"\w*" if word.endswith("*") else "")
        parts.append(piece if not parts or parts[-1] == _GAP_PATTERN else r"\s+" + piece)
    body = "".join(p if p != _GAP_PATTERN else p + r"\s+" for p in parts)
    return r"(?<!\w)" + body + r"(?!\w)"


def fold(text: str) -> str:
    """``text`` with every character replaced by the one its IGNORECASE equals share."""
    if text.isascii() or _UNUSUAL.search(text) is None:
        return text.lower()  # translating looks up every character: only when it must
    return text.translate(_BEFORE_LOWER).lower().translate(_AFTER_LOWER)


def leading_words(form: str) -> tuple[_Lead, ...]:
    """The first one or two words every text matching ``form`` has side by side, folded.

    Empty when the form has no word to index it by (``→``): such forms are tried on every text.
    Words here are ``\\w`` runs, so "Secretary-General" leads with "secretary", "general". A
    text word that matches a plain form word is exactly that word, since the form's word ends
    where the pattern asks for a non-word character, a space or the end; a stem's ``\\w*``
    runs to the end of the text word. Between two words the pattern allows only non-word
    characters, so the text has no other word between them, except across a ``...`` gap or
    after a stem such as ``Bundes-*`` whose ``*`` may start a new word: indexing stops there.
    """
    if _IOTA_SUBSCRIPT in form:
        return ()
    if GAP in form:
        words = form.split()
        if GAP in words:
            form = " ".join(words[: words.index(GAP)])
    folded = fold(form)
    if "*" not in form:
        words = _WORD.findall(folded)
        if len(words) > 1:
            return (words[0], False), (words[1], False)
        return ((words[0], False),) if words else ()
    if folded[-1] == "*" and _WORD.fullmatch(folded, 0, len(folded) - 1):
        return ((folded[:-1], True),)  # one stem, the commonest shape of a German source form
    found: list[_Lead] = []
    position = 0
    for run in _WORD.finditer(folded):
        if "*" in folded[position : run.start()]:
            break  # a '*' after a non-word character may begin a word of its own
        starred = folded.startswith("*", run.end())
        found.append((run.group(), starred))
        if len(found) == 2:
            break
        position = run.end() + starred
    return tuple(found)


def _index_key(form: str) -> str:
    """The table of an index that holds ``form`` (one letter), then the word or words."""
    found = _KEYS.get(form)
    if found is None:
        leads = leading_words(form)
        if not leads:
            found = _ALWAYS
        elif len(leads) == 2 and not leads[1][1]:  # a stem second would need prefixes of both
            found = (_STEM_PAIR if leads[0][1] else _PAIR) + leads[0][0] + _JOIN + leads[1][0]
        else:
            found = (_STEM if leads[0][1] else _WORD_KEY) + leads[0][0]
        if len(_KEYS) >= _MEMORY:
            _KEYS.clear()
        _KEYS[form] = found
    return found


def _index_keys(forms: Sequence[str]) -> list[str]:
    """``_index_key`` of every form; forms not seen before are read together, in one pass of
    one expression over all of them (but those with a gap, an iota subscript or a line break)."""
    known = list(map(_KEYS.get, forms))
    if None not in known:
        return cast(list[str], known)
    fresh = list(dict.fromkeys(compress(forms, map(not_, known))))
    joined = "\n".join(fresh)
    odd = [mark for mark in (GAP, _IOTA_SUBSCRIPT) if mark in joined]
    if joined.count("\n") != len(fresh) - 1:
        odd.append("\n")
    apart: set[str] = set()
    for mark in odd:  # a pass for each mark the forms have at all
        apart.update(form for form in fresh if mark in form)
    if apart:
        fresh = [form for form in fresh if form not in apart]
        joined = "\n".join(fresh)
    found = {form: _index_key(form) for form in apart}
    if fresh:
        codes = [
            _ALWAYS
            if not first
            else ((_STEM_PAIR if star else _PAIR) + first + _JOIN + second)
            if second
            else ((_STEM if star else _WORD_KEY) + first)
            for first, star, second in _LEADS.findall(fold(joined))
        ]
        found.update(zip(fresh, codes, strict=True))
    if len(_KEYS) + len(found) > _MEMORY:
        _KEYS.clear()
    _KEYS.update(found)
    if known.count(None) == len(known):  # the usual case: a matcher's first look
        return list(map(found.__getitem__, forms))
    return [code or found[form] for form, code in zip(forms, known, strict=True)]


class _Words:
    """The folded words of one text as index keys (see _index_key): each word and (made when a
    matcher first asks) each pair of neighbours and the stem keys that begin its words."""

    __slots__ = ("_pairs", "_stems", "_stems_version", "neighbours", "words")

    def __init__(self, folded: str) -> None:
        # On ASCII text the ASCII \w is the same class, and quicker to match.
        sequence = (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)
        self.words = frozenset(sequence)
        self.neighbours = tuple(pairwise(sequence))
        self._pairs: frozenset[tuple[str, str]] | None = None
        self._stems: frozenset[str] = frozenset()
        self._stems_version = -1

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """Each pair of neighbouring words (made when a matcher first asks)."""
        if self._pairs is None:
            self._pairs = frozenset(self.neighbours)
        return self._pairs

    @property
    def stems(self) -> frozenset[str]:
        """The stem keys of any index built so far that begin a word of the text."""
        if self._stems_version != _STEMS.version:
            self._stems = _STEMS.of(self.words)
            self._stems_version = _STEMS.version
        return self._stems


class _StemRegistry:
    """Every stem key of every index built in this run, and, per word, the ones beginning it.

    A word is looked up once by its beginnings of the lengths stems have, whichever matcher
    asks; a text's stem keys are then the union over its words, and each index intersects them
    with its table. Building another index with new stems starts the word memory afresh.
    """

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.lengths: list[int] = []
        self.version = 0
        self._words: dict[str, tuple[str, ...]] = {}

    def register(self, keys: Iterable[str]) -> None:
        fresh = set(keys) - self.keys
        if fresh:
            self.keys |= fresh
            self.lengths = sorted({len(key) - 1 for key in self.keys})
            self.version += 1
            self._words.clear()

    def of(self, words: Iterable[str]) -> frozenset[str]:
        found: set[str] = set()
        memory, keys, lengths = self._words, self.keys, self.lengths
        for word in words:
            hits = memory.get(word)
            if hits is None:
                hits = tuple(
                    key
                    for key in (_STEM + word[:n] for n in lengths if n <= len(word))
                    if key in keys
                )
                if len(memory) >= _WORD_MEMORY:
                    memory.clear()
                memory[word] = hits
            if hits:
                found.update(hits)
        return frozenset(found)


_STEMS = _StemRegistry()


_SCANNED_TEXTS = 512
# Words whose stem keys an index remembers at most (emptied when full).
_WORD_MEMORY = 100_000  # texts whose words are kept: a segment, its source, its predecessor


@lru_cache(maxsize=_SCANNED_TEXTS)
def scan(text: str) -> _Words:
    """The words of ``text``, read once and shared by every matcher and check that asks."""
    return _Words(fold(text))


@dataclass(frozen=True, slots=True)
class FormMatch(Generic[Payload]):
    start: int
    end: int
    payload: Payload


# The forms under one key: a rank, or a list of ranks when there are more (most keys hold one
# form, and an int is no work for the cycle collector).
_Ranks = int | list[int]


class _Index:
    """Forms by their index keys; the values are the forms' ranks in their matcher."""

    __slots__ = (
        "always",
        "by_pair",
        "by_word",
        "has_pairs",
        "has_stems",
        "iota",
        "stem_pairs",
        "stemmed",
        "table",
    )

    def __init__(self, forms: Sequence[str]) -> None:
        codes = _index_keys(forms)
        # Most keys belong to one form: one pass in C, and a second only for shared keys.
        self.table: dict[str, _Ranks] = dict(zip(codes, range(len(codes)), strict=True))
        if len(self.table) < len(codes):
            shared = {code for code, count in Counter(codes).items() if count > 1}
            for code in shared:
                self.table[code] = []
            for rank, code in enumerate(codes):
                if code in shared:
                    cast(list[int], self.table[code]).append(rank)
        kinds = set(map(itemgetter(0), codes))
        # Forms led by one plain word, by that word: a text's own words are the keys to look
        # up, with no key to build for each of them.
        self.by_word: dict[str, _Ranks] = {
            code[1:]: self.table.pop(code)
            for code in [code for code in self.table if code[0] == _WORD_KEY]
        }
        self.stemmed = _STEM in kinds
        # stem -> the word after it -> ranks: looked up by the stems a text has
        self.stem_pairs: dict[str, dict[str, _Ranks]] = {}
        if _STEM_PAIR in kinds:
            for code in [code for code in self.table if code[0] == _STEM_PAIR]:
                stem, _, following = code[1:].partition(_JOIN)
                after = self.stem_pairs.setdefault(_STEM + stem, {})
                after[following] = self.table.pop(code)
        # Forms led by two plain words, by that pair of words.
        self.by_pair: dict[tuple[str, str], _Ranks] = {}
        for code in [code for code in self.table if code[0] == _PAIR]:
            first, _, second = code[1:].partition(_JOIN)
            self.by_pair[first, second] = self.table.pop(code)
        self.has_pairs = _PAIR in kinds
        stems = [code for code in self.table if code[0] == _STEM] + list(self.stem_pairs)
        self.has_stems = bool(stems)
        _STEMS.register(stems)
        always = self.table.pop(_ALWAYS, [])
        self.always: list[int] = [always] if isinstance(always, int) else always
        self.iota: list[int] = []
        joined = "\n".join(forms)
        if any(iota in joined for iota in _IOTAS):  # a substring search each: quicker than re
            self.iota = [rank for rank, form in enumerate(forms) if _IOTA.search(form)]

    def candidates(self, text: str) -> set[int]:
        """Ranks of the forms whose leading words ``text`` has; a superset of those it matches."""
        found = set(self.always)
        if self.iota and _IOTA_SUBSCRIPT in text:
            found.update(self.iota)
        words = scan(text)
        table = self.table
        # dict views intersect by walking the smaller side: a text's few words, not the index
        by_word = self.by_word
        for word in by_word.keys() & words.words:
            _add(found, by_word[word])
        if self.has_pairs:
            by_pair = self.by_pair
            for pair in by_pair.keys() & words.pairs:
                _add(found, by_pair[pair])
        if self.has_stems:
            stems = words.stems
            if self.stemmed:
                for code in table.keys() & stems:
                    _add(found, table[code])
            if self.stem_pairs:
                for code in self.stem_pairs.keys() & stems:
                    after, stem = self.stem_pairs[code], code[1:]
                    for word, following in words.neighbours:
                        if following in after and word.startswith(stem):
                            _add(found, after[following])
        return found


def _add(found: set[int], ranks: _Ranks) -> None:
    if isinstance(ranks, int):
        found.add(ranks)
    else:
        found.update(ranks)


class FormMatcher(Generic[Payload]):
    """Finds many forms in a text; built once per run, used for every segment.

    Forms are validated here; the index is built on first use and each pattern compiled the
    first time a text could hold its form, so a check may hold matchers that a run never
    consults at little cost. The forms are kept column by column (texts, flags, payloads), not
    as the caller's (form, case_sensitive, payload) tuples: a glossary's 100,000 tuples held
    for the whole run would be walked by every sweep of the cycle collector.
    """

    __slots__ = ("_cased", "_index", "_order", "_patterns", "_payloads", "_texts")

    def __init__(self, forms: Iterable[tuple[str, bool, Payload]]) -> None:
        # forms: (form, case_sensitive, payload); a generator of them is read as it goes, so
        # that a glossary's worth of tuples never lives at once
        texts: list[str] = []
        cased: list[bool] = []
        payloads: list[Payload] = []
        for form, case_sensitive, payload in forms:
            texts.append(form)
            cased.append(case_sensitive)
            payloads.append(payload)
        validate_forms(texts)
        self._texts = tuple(texts)
        self._cased = tuple(cased)
        self._payloads = tuple(payloads)
        self._index: _Index | None = None

    def __bool__(self) -> bool:
        return bool(self._texts)

    def candidates(self, text: str) -> list[str]:
        """The forms whose regular expressions are run on ``text``, in the order they are run."""
        return [self._texts[rank] for rank in self._ordered(text)]

    def finditer(self, text: str) -> Iterator[FormMatch[Payload]]:
        for rank in self._ordered(text):
            payload = self._payloads[rank]
            for match in self._pattern(rank).finditer(text):
                yield FormMatch(match.start(), match.end(), payload)

    def search(self, text: str) -> bool:
        return any(self._pattern(rank).search(text) for rank in self._candidates(text))

    def _ordered(self, text: str) -> list[int]:
        return sorted(self._candidates(text), key=self._order_of)

    def _candidates(self, text: str) -> set[int]:
        if not self._texts:
            return set()
        if self._index is None:
            with collector_paused():
                self._index = _Index(self._texts)
            self._patterns: dict[int, re.Pattern[str]] = {}
            self._order: dict[int, tuple[str, int]] = {}
        return self._index.candidates(text)

    def _pattern(self, rank: int) -> re.Pattern[str]:
        pattern = self._patterns.get(rank)
        if pattern is None:
            flags = 0 if self._cased[rank] else re.IGNORECASE
            pattern = self._patterns[rank] = re.compile(form_regex(self._texts[rank]), flags)
        return pattern

    def _order_of(self, rank: int) -> tuple[str, int]:
        order = self._order.get(rank)
        if order is None:
            first = _WORD.search(self._texts[rank])
            order = (first.group()[:_ORDER_LENGTH].casefold() if first else "", rank)
            self._order[rank] = order
        return order

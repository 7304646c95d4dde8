"""How names stand in a text: its tokens and capitalised runs, where a capital says nothing
(a sentence's start) and when one written word is a spelling, short form or cognate of another.

Shared by the name checks; every function here is a pure function of its arguments (and of
shipped data for ``titles_of``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from audit.resources import data_lines

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
APOSTROPHES = ("'", "’")
# A capitalised word right after one of these (and spaces) may just begin a sentence or quote.
_SENTENCE_BREAK = frozenset('.:!?„“"»«‚‘([–—-')
_QUOTE_MARKS = frozenset('„“”"»«‚‘')
_SENTENCE_END = frozenset(".:!?…")
MIN_LENGTH = 3
DOTTED = re.compile(r"\b(\w)\.(\w)\.")
POSSESSIVE = re.compile(r"['’]s\b")

# A stranger in the translation this close to a missing name is its spelling (Varela for
# Valero, Plitvice for Plitwitzer), not another name.
_SPELLING = 65.0
_SAME_START = 0.85
_COGNATE = 70.0
_COGNATE_STEM = 75.0
_COGNATE_LENGTH = 5


# The tokens (TOKEN) of an apostrophe-free text that may be names: runs of at least
# MIN_LENGTH letters, not preceded by a letter (greedy, so whole runs), beginning with a
# Latin-1 capital or any letter past Latin-1 (str.isupper decides those). The first
# character comes first in the pattern, so the engine looks for it alone, passing over the
# lower-case words in C, before trying the rest.
CAPITALISED_RUN = re.compile(
    "["
    + "".join(c for c in map(chr, range(0x100)) if c.isupper() and c.isalpha())
    + "\u0100-\U0010ffff]"
    + r"(?<=[^\W\d_])(?<![^\W\d_][\s\S])[^\W\d_]{"
    + str(MIN_LENGTH - 1)
    + ",}"
)


def run_at(text: str, word: str, start: int) -> int:
    """Where the first run of letters (CAPITALISED_RUN) that is ``word`` begins, from
    ``start`` on: ``word`` may also stand inside a longer run (Berlin in Berliner)."""
    at = text.find(word, start)
    while at >= 0:
        match = CAPITALISED_RUN.match(text, at)
        if match is not None and match.end() == at + len(word):
            return at
        at = text.find(word, at + 1)
    raise ValueError(f"{word!r} is no run of letters of {text!r} from {start} on")


def verbatim_token(text: str, name: str) -> bool:
    """Whether ``name`` (a token) stands in ``text`` as a whole token, as written: then its
    case folding is one of the text's folded tokens. False also when unsure (a digit or an
    apostrophe next to it): the caller then reads the text's tokens."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        # A character no word character is, is no letter of a token either.
        if not (before.isalnum() or before in APOSTROPHES) and not (
            after.isalnum() or after in APOSTROPHES
        ):
            return True
        at = text.find(name, at + 1)
    return False


def folded_words(text: str) -> set[str]:
    """The case-folded tokens of ``text``: ``{w.casefold() for w in TOKEN.findall(text)}``.

    Folding the whole text first and reading its tokens gives the same set when folding turns
    every character into one character of the same kind (letter, apostrophe, other): then the
    tokens fall where they fell, folded. ASCII text always qualifies; other text when all its
    characters are among those known to (see _same_kind_when_folded).
    """
    if text.isascii() or _same_kind_when_folded().issuperset(text):
        return set(TOKEN.findall(text.casefold()))
    return {w.casefold() for w in TOKEN.findall(text)}


# The blocks whose characters are examined: Latin, Greek and Cyrillic letters, and the
# punctuation and currency signs of Western text. Texts with others take the longer way.
_FOLD_CHECKED = ((0x0000, 0x0530), (0x1E00, 0x2100))


@lru_cache(maxsize=1)
def _same_kind_when_folded() -> frozenset[str]:
    """Characters of _FOLD_CHECKED whose case fold is one character of the same kind."""
    letter = re.compile(r"[^\W\d_]")

    def kind(char: str) -> int:
        return 2 if char in APOSTROPHES else 1 if letter.match(char) else 0

    chars = [chr(code) for first, end in _FOLD_CHECKED for code in range(first, end)]
    return frozenset(
        char
        for char in chars
        if (folded := char.casefold()) == char or (len(folded) == 1 and kind(folded) == kind(char))
    )


def spelling_of(word: str, name: str) -> bool:
    """Whether a case-folded target word may be a spelling of a case-folded name: close once
    both are in Latin letters, or a shortening of it (Insp for Inspector, Livi for Livingston)."""
    if len(word) >= MIN_LENGTH and (name.startswith(word) or word.startswith(name)):
        return True
    plain, other = anyascii(word), anyascii(name)
    # Jaro-Winkler forgives letters swapped within a name's beginning (Varela, Valero).
    return (
        fuzz.ratio(plain, other) >= _SPELLING or JaroWinkler.similarity(plain, other) >= _SAME_START
    )


def cognate(word: str, plain: str, source_word: str, source_plain: str) -> bool:
    """Whether a case-folded target word is a source word's short form or cognate: its
    beginning, or close to it once both are in Latin letters (``plain``, ``source_plain``), as
    a whole or as far as the target word goes (the German ending left out)."""
    if source_word.startswith(word):
        return True
    if len(word) < _COGNATE_LENGTH or len(source_word) < _COGNATE_LENGTH:
        return False  # short words look alike by chance (Essie, sie)
    if word in source_word:
        return True  # a part of a compound (Korea in Nordkoreas, Nobel in Nobelpreis)
    return fuzz.ratio(plain, source_plain) >= _COGNATE or (
        len(source_plain) > len(plain)
        and fuzz.ratio(plain, source_plain[: len(plain)]) >= _COGNATE_STEM
    )


@lru_cache(maxsize=8)
def titles_of(lang: str) -> frozenset[str]:
    """Abbreviations written with a full stop before a name (Mr., Gen.): the capitalised word
    after them starts no sentence."""
    return frozenset(line.strip() for line in data_lines("spelling", f"{lang}-titles.txt"))


def after_break(text: str, start: int, titles: frozenset[str] = frozenset()) -> bool:
    """Whether only spaces, or a sentence break and spaces, stand before ``start``: a word
    there may be capitalised for its position alone. The full stop of an initial or of one of
    ``titles`` (Mr., Dr.) ends no sentence."""
    at = start - 1
    while at >= 0 and text[at].isspace():
        at -= 1
    if at < 0:
        return True
    char = text[at]
    if char in _QUOTE_MARKS and at > 0 and not text[at - 1].isspace():
        # A closing quotation mark: what stands before it decides ('," Smith said' is no
        # break, '." Then' is).
        return text[at - 1] in _SENTENCE_END
    if char == "." and (_after_initial(text, at) or _after_title(text, at, titles)):
        return False  # George W. Bush, U.S. President, Mr. Smith
    return char in _SENTENCE_BREAK


def _after_title(text: str, dot: int, titles: frozenset[str]) -> bool:
    """Whether the full stop at ``dot`` ends one of ``titles`` written as a word of its own."""
    begin = dot
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    return (begin == 0 or not text[begin - 1].isalnum()) and text[begin:dot] in titles


def _after_initial(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an initial: one capital letter after a space, a
    full stop or the start of the text."""
    return (
        dot >= 1
        and text[dot - 1].isupper()
        and (dot == 1 or text[dot - 2].isspace() or text[dot - 2] == ".")
    )


def contains(haystack: str, needle: str) -> bool:
    at = haystack.find(needle)
    while at >= 0:
        before = haystack[at - 1] if at else " "
        after = haystack[at + len(needle)] if at + len(needle) < len(haystack) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        at = haystack.find(needle, at + 1)
    return False

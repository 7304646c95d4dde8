"""Inject one known translation error into a clean (source, target) pair.

Used to measure what the checks catch: take pairs whose translation is right, break each in one
known way, and count how often the tool notices. Every error class is a pure function of the
pair, a seeded ``random.Random`` and a ``Pool`` (material drawn from the other pairs), so the
same seed always yields the same corrupted text, and no state is kept between calls. A class
returns ``None`` when the pair offers nothing to break (no number, no name, ...), never the
unchanged target.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from audit.lexicon import lexicon
from audit.resources import data_lines

KINDS: tuple[str, ...] = (
    "empty",
    "numbers",
    "german-left-in",
    "repeats",
    "tokenised",
    "casing",
    "end-punctuation",
    "names-replaced",
    "names-removed",
    "other-sentence",
    "misspelling",
    "dropped-chars",
)

_LETTERS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+")
_SPACES = re.compile(r" {2,}")

# A misspelt or shortened word that happens to be a real word ("form" for "from") is a
# different error class that no spelling check can see; such edits are retried.
_REAL_WORD_ZIPF = 3.0
# A capitalised token whose lowercase form is this common in the target language is more likely
# an ordinary word (a title, a weekday, a nationality) than a name.
_NAME_MAX_ZIPF = 4.5
# A German word this common in English ("Hotel", "Team") would not read as left untranslated.
_GERMAN_MAX_ENGLISH_ZIPF = 3.0
_ATTEMPTS = 8

_END_MARKS = ".!?"
_SPLIT_BEFORE = ",.;:?!"
_OPENERS = "([{“‘„«"
_STRAIGHT_QUOTES = "\"'"
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

_Spot = tuple[re.Match[str], int]


@dataclass(frozen=True, slots=True)
class Pool:
    """What an error may borrow from other pairs: their targets and their names."""

    targets: tuple[str, ...]
    names: tuple[str, ...]
    source_lang: str = "de"
    target_lang: str = "en"


def build_pool(
    pairs: Iterable[tuple[str, str]], source_lang: str = "de", target_lang: str = "en"
) -> Pool:
    """A pool from (source, target) pairs: every target, and every name (first-seen order)."""
    targets: list[str] = []
    found: dict[str, None] = {}
    for source, target in pairs:
        targets.append(target)
        found.update(dict.fromkeys(names(source, target, target_lang)))
    return Pool(tuple(targets), tuple(found), source_lang, target_lang)


def names(source: str, target: str, target_lang: str = "en") -> tuple[str, ...]:
    """Names the translation carries over verbatim, each occurring once in the target.

    A name is a capitalised token of three or more letters found in both texts, not the first
    word of either (sentence-initial capitals say nothing), not an all-capitals abbreviation
    ("CEO" is a title as often as a name) and not a common word of the target language once
    lowercased.
    """
    source_words = _LETTERS.findall(source)
    target_words = _LETTERS.findall(target)
    if not source_words or not target_words:
        return ()
    first = {source_words[0], target_words[0]}
    in_source = set(source_words)
    counts: dict[str, int] = {}
    for word in target_words:
        counts[word] = counts.get(word, 0) + 1
    common = lexicon(target_lang)
    return tuple(
        word
        for word, count in counts.items()
        if count == 1
        and len(word) >= 3
        and word[0].isupper()
        and not word.isupper()
        and word not in first
        and word in in_source
        and common.zipf(word.lower()) <= _NAME_MAX_ZIPF
    )


def perturb(kind: str, source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    """The target with one error of ``kind`` injected, or None when the pair has no room for it."""
    try:
        make = _MAKERS[kind]
    except KeyError:
        expected = ", ".join(KINDS)
        raise ValueError(f"unknown error class {kind!r} (expected one of {expected})") from None
    result = make(source, target, rng, pool)
    return None if result is None or result == target else result


@lru_cache(maxsize=8)
def _word_list(*parts: str) -> frozenset[str]:
    """A shipped one-word-per-line list, lowercased; empty when the language has none."""
    return frozenset(ln.strip().casefold() for ln in data_lines(*parts))


def _keyboard_neighbours() -> dict[str, str]:
    """Keys adjacent on a QWERTY keyboard; each row sits half a key right of the one above."""
    near: dict[str, str] = {}
    rows = _KEYBOARD_ROWS
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            keys = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            if r > 0:
                keys += [rows[r - 1][j] for j in (i, i + 1) if j < len(rows[r - 1])]
            if r + 1 < len(rows):
                keys += [rows[r + 1][j] for j in (i - 1, i) if 0 <= j < len(rows[r + 1])]
            near[key] = "".join(keys)
    return near


_NEIGHBOURS = _keyboard_neighbours()


def _is_real_word(word: str, lang: str) -> bool:
    return lexicon(lang).zipf(word.lower()) >= _REAL_WORD_ZIPF


def _empty(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    return "" if target.strip() else None


def _numbers(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    spans = [m.span() for m in _NUMBER.finditer(target)]
    if not spans:
        return None
    _, end = rng.choice(spans)
    digit = str((int(target[end - 1]) + 1) % 10)
    return target[: end - 1] + digit + target[end:]


def _german_left_in(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    function_words = _word_list("perturb", f"function-words-{pool.target_lang}.txt")
    loanwords = _word_list("vocabulary", f"{pool.source_lang}-{pool.target_lang}-loanwords.txt")
    english = lexicon(pool.target_lang)
    in_target = {w.casefold() for w in _LETTERS.findall(target)}
    german: list[str] = list(
        dict.fromkeys(
            word
            for word in _LETTERS.findall(source)[1:]
            if len(word) >= 5
            and word[0].isupper()
            and not word.isupper()
            and word.casefold() not in in_target
            and word.casefold() not in loanwords
            and english.zipf(word.lower()) < _GERMAN_MAX_ENGLISH_ZIPF
        )
    )
    slots = [
        m.span()
        for m in _LETTERS.finditer(target)
        if len(m.group()) >= 4 and m.group().islower() and m.group() not in function_words
    ]
    if not german or not slots:
        return None
    start, end = rng.choice(slots)
    return target[:start] + rng.choice(german) + target[end:]


def _repeats(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    # Not the first word: "The The" reads as a title, MT stutter repeats words mid-sentence.
    words = list(_WORD.finditer(target))[1:]
    if not words:
        return None
    word = rng.choice(words)
    return target[: word.end()] + " " + word.group() + target[word.end() :]


def _tokenised(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    """Spaces around punctuation as in tokenised MT output: "word ," and "( word"."""
    out: list[str] = []
    for i, char in enumerate(target):
        before = target[i - 1] if i else ""
        after = target[i + 1] if i + 1 < len(target) else ""
        # Marks inside a token stay: 3.5, 1,000, 10:30, U.S, e.g; a run like "?!" splits once.
        inside = before.isalnum() and after.isalnum()
        if (
            char in _SPLIT_BEFORE
            and before
            and not before.isspace()
            and before not in _SPLIT_BEFORE
            and not inside
        ):
            out.append(" ")
        out.append(char)
        opening = char in _OPENERS or (
            char in _STRAIGHT_QUOTES and (not before or before.isspace())
        )
        if opening and after and not after.isspace():
            out.append(" ")
    return "".join(out)


def _casing(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    return target.lower()


def _end_punctuation(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    body = target.rstrip()
    cut = body.rstrip(_END_MARKS)
    if cut == body or not _LETTERS.search(cut):
        return None
    return cut + target[len(body) :]


def _name_span(source: str, target: str, rng: random.Random, pool: Pool) -> tuple[int, int] | None:
    found = names(source, target, pool.target_lang)
    if not found:
        return None
    name = rng.choice(found)
    for match in _LETTERS.finditer(target):
        if match.group() == name:
            return match.span()
    return None  # unreachable: names() only returns tokens of the target


def _names_replaced(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    span = _name_span(source, target, rng, pool)
    if span is None or not pool.names:
        return None
    present = set(_LETTERS.findall(source)) | set(_LETTERS.findall(target))
    for _ in range(_ATTEMPTS):
        other = rng.choice(pool.names)
        if other not in present:
            return target[: span[0]] + other + target[span[1] :]
    return None


def _names_removed(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    span = _name_span(source, target, rng, pool)
    if span is None:
        return None
    start, end = span
    # Take one neighbouring space with the name so "by Smith, who" becomes "by, who".
    if start > 0 and target[start - 1] == " ":
        start -= 1
    elif end < len(target) and target[end] == " ":
        end += 1
    return _SPACES.sub(" ", target[:start] + target[end:])


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _other_sentence(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    if not pool.targets:
        return None
    own = _normal(target)
    for _ in range(_ATTEMPTS):
        other = rng.choice(pool.targets)
        if other.strip() and _normal(other) != own:
            return other
    return None


def _inner_spots(words: list[re.Match[str]], margin: int, rng: random.Random) -> list[_Spot]:
    """Every (word, inner position) in random order, so a failed edit moves on to another."""
    spots = [(m, at) for m in words for at in range(1, len(m.group()) - margin)]
    rng.shuffle(spots)
    return spots


def _misspelling(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    words = [m for m in _LETTERS.finditer(target) if len(m.group()) >= 5 and m.group().islower()]
    swap = rng.random() < 0.5
    # Inner letters only: the first and last letters of a word are rarely mistyped.
    for match, at in _inner_spots(words, 2 if swap else 1, rng):
        word = match.group()
        if swap:
            wrong = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        else:
            keys = _NEIGHBOURS.get(word[at], "")
            if not keys:
                continue
            wrong = word[:at] + rng.choice(keys) + word[at + 1 :]
        if wrong != word and not _is_real_word(wrong, pool.target_lang):
            return target[: match.start()] + wrong + target[match.end() :]
    return None


def _dropped_chars(source: str, target: str, rng: random.Random, pool: Pool) -> str | None:
    words = [m for m in _LETTERS.finditer(target) if len(m.group()) >= 5]
    for match, at in _inner_spots(words, 1, rng):
        word = match.group()
        shorter = word[:at] + word[at + 1 :]
        if not _is_real_word(shorter, pool.target_lang):
            return target[: match.start()] + shorter + target[match.end() :]
    return None


_Maker = Callable[[str, str, random.Random, Pool], "str | None"]
_MAKERS: dict[str, _Maker] = {
    "empty": _empty,
    "numbers": _numbers,
    "german-left-in": _german_left_in,
    "repeats": _repeats,
    "tokenised": _tokenised,
    "casing": _casing,
    "end-punctuation": _end_punctuation,
    "names-replaced": _names_replaced,
    "names-removed": _names_removed,
    "other-sentence": _other_sentence,
    "misspelling": _misspelling,
    "dropped-chars": _dropped_chars,
}

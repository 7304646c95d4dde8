"""Bounded per-run memory of word-level results, for checks that judge the same words again.

A run's vocabulary is Zipfian: a few thousand words make up most of the text, and what a check
concludes about a word alone (is it English, is it a name) does not depend on the segment. So
checks remember such results; but a run may read millions of segments, and the long tail of
words (names, numbers glued to letters, junk) must not grow memory without limit.

Both classes keep two generations. New results go into the recent one; when it is full it
becomes the older one and the previous older one is dropped. A hit in the older generation is
copied back into the recent one, so frequent words survive every turnover while words not seen
for a whole generation are forgotten: least-recently-used in effect, with no bookkeeping on a
hit in the recent generation (the common case).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")

# Entries kept per memo (both generations together): a few hundred thousand words cost tens
# of megabytes at most, and hold the working vocabulary of any realistic text.
DEFAULT_LIMIT = 200_000
# Memories are bounded in entries, not bytes: callers do not remember words longer than this
# (a run of letters thousands long is a blob, not a word, and is cheap to judge anyway).
LONGEST_WORD = 64


class WordMemo(Generic[Key, Value]):
    """``compute(key)``, remembered for at most ``limit`` keys; ``compute`` must be pure."""

    __slots__ = ("_compute", "_half", "_older", "_recent")

    def __init__(self, compute: Callable[[Key], Value], limit: int | None = None) -> None:
        limit = DEFAULT_LIMIT if limit is None else limit
        if limit < 2:
            raise ValueError("a memo needs room for at least two entries")
        self._compute = compute
        self._half = limit // 2
        self._recent: dict[Key, Value] = {}
        self._older: dict[Key, Value] = {}

    def __call__(self, key: Key) -> Value:
        recent = self._recent
        if key in recent:
            return recent[key]
        if isinstance(key, str) and len(key) > LONGEST_WORD:
            return self._compute(key)  # a blob, not a word: judged, never remembered
        older = self._older
        value = older[key] if key in older else self._compute(key)
        if len(recent) >= self._half:
            self._older, self._recent = recent, {}
        self._recent[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._recent or key in self._older

    def __len__(self) -> int:
        return len(self._recent) + len(self._older)


class WordSet:
    """A set of words with a fixed capacity: when full it starts afresh.

    For the fast path of a check ("every word here is known to be harmless"): losing the set
    costs only a look-up per word in the check's memo, which still holds the results.
    """

    __slots__ = ("_limit", "words")

    def __init__(self, limit: int | None = None) -> None:
        limit = DEFAULT_LIMIT if limit is None else limit
        if limit < 1:
            raise ValueError("a word set needs room for at least one word")
        self._limit = limit
        self.words: set[str] = set()

    def add(self, word: str) -> None:
        if len(word) > LONGEST_WORD:
            return  # a blob, not a word: not remembered
        if len(self.words) >= self._limit:
            self.words = set()
        self.words.add(word)

    def add_all(self, words: Iterable[str]) -> None:
        """``add`` for each word; in one step when there is room for them all."""
        fitting = [word for word in words if len(word) <= LONGEST_WORD]
        if len(self.words) + len(fitting) <= self._limit:
            self.words.update(fitting)
        else:
            for word in fitting:
                self.add(word)

    def covers(self, words: Iterable[str]) -> bool:
        return self.words.issuperset(words)

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

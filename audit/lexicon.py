"""Word frequencies per language (wordfreq's shipped lists), loaded once per run."""

from __future__ import annotations

import math
from functools import lru_cache

import wordfreq


class Lexicon:
    """Zipf frequency of a word in one language: log10 of occurrences per billion words."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        try:
            self._freq: dict[str, float] = wordfreq.get_frequency_dict(lang)
        except LookupError:  # a language wordfreq does not know: every word is unknown
            self._freq = {}

    def __bool__(self) -> bool:
        return bool(self._freq)

    def zipf(self, word: str) -> float:
        freq = self._freq.get(word.casefold(), 0.0)
        return math.log10(freq) + 9.0 if freq > 0 else 0.0


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    """One shared lexicon per language for the whole process (they are read-only)."""
    return Lexicon(lang)

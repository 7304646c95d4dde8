"""Candidate English-press spellings of a German-press name, from data-driven rewrite rules."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from audit.resources import data_lines

_VOWELS = frozenset("aeiouy")
MAX_VARIANTS = 512


@dataclass(frozen=True, slots=True)
class RewriteRule:
    german: str
    english: tuple[str, ...]
    where: str  # any | initial | final | between-vowels


def load_rules(source_lang: str, target_lang: str) -> tuple[RewriteRule, ...]:
    """Rules shipped in ``audit/data/transliteration/<src>-<tgt>.tsv``; none for other pairs."""
    rules: list[RewriteRule] = []
    for line in data_lines("transliteration", f"{source_lang}-{target_lang}.tsv")[1:]:
        german, english, where, _note = line.split("\t")
        rules.append(RewriteRule(german, tuple(english.split("|")), where))
    # Longest patterns first so that "tsch" wins over "sch" at the same position.
    return tuple(sorted(rules, key=lambda r: -len(r.german)))


def _applies(rule: RewriteRule, word: str, at: int) -> bool:
    end = at + len(rule.german)
    if not word.startswith(rule.german, at):
        return False
    if rule.where == "initial":
        return at == 0
    if rule.where == "final":
        return end == len(word)
    if rule.where == "between-vowels":
        return at > 0 and end < len(word) and word[at - 1] in _VOWELS and word[end] in _VOWELS
    return True


class Transliterator:
    """Generates every spelling reachable by applying any subset of the rewrite rules."""

    def __init__(self, rules: tuple[RewriteRule, ...]) -> None:
        self._rules = rules

    def __bool__(self) -> bool:
        return bool(self._rules)

    def variants(self, word: str) -> list[str]:
        """Lower-case candidate spellings of ``word`` (not including the word itself)."""
        lower = word.casefold()
        pieces: list[tuple[str, ...]] = []
        at = 0
        while at < len(lower):
            options: list[str] = []
            width = 1
            for rule in self._rules:
                if _applies(rule, lower, at) and (not options or len(rule.german) == width):
                    width = len(rule.german)
                    options.extend(o for o in rule.english if o not in options)
            pieces.append((lower[at : at + width], *options))
            at += width
        results: list[str] = []
        for combo in itertools.islice(itertools.product(*pieces), MAX_VARIANTS):
            candidate = "".join(combo)
            if candidate != lower:
                results.append(candidate)
        return results

    def has_marker(self, word: str) -> bool:
        """Whether any rule applies somewhere in the word."""
        lower = word.casefold()
        return any(_applies(r, lower, i) for i in range(len(lower)) for r in self._rules)

"""Glossary form syntax (words, ``*`` suffix wildcard, ``...`` gap) compiled to matchers.

Forms are literal text, never user regular expressions: every pattern built here is a chain of
escaped words, so matching stays linear and a glossary cannot slow a run down.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Payload = TypeVar("Payload")

GAP = "..."
_GAP_PATTERN = r"(?:\s+[^\s.!?;:]+){0,4}?"
_WORD = re.compile(r"\w+")
_KEY_LENGTH = 3


class FormError(ValueError):
    """A form that does not follow the syntax."""


def validate_form(form: str) -> None:
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


def form_key(form: str) -> str:
    """The first letters of the form's first word: a cheap filter before running its regex."""
    first = _WORD.search(form)
    return first.group()[:_KEY_LENGTH].casefold() if first else ""


def text_keys(text: str) -> set[str]:
    return {m.group()[:_KEY_LENGTH].casefold() for m in _WORD.finditer(text)}


@dataclass(frozen=True, slots=True)
class FormMatch(Generic[Payload]):
    start: int
    end: int
    payload: Payload


class _Form(Generic[Payload]):
    """One form of a matcher; its pattern is compiled the first time a text could hold it."""

    __slots__ = ("_pattern", "flags", "form", "payload")

    def __init__(self, form: str, flags: int, payload: Payload) -> None:
        self.form = form
        self.flags = flags
        self.payload = payload
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = re.compile(form_regex(self.form), self.flags)
        return self._pattern


class FormMatcher(Generic[Payload]):
    """Finds many forms in a text; built once per run, used for every segment.

    Forms are validated here but compiled on first use: a run reads only the forms whose key
    occurs in its text, and compiling every form of a glossary with hundreds of thousands of
    entries up front (in every check that holds a matcher) would take minutes. Each form is
    still compiled at most once per matcher.
    """

    def __init__(self, forms: Sequence[tuple[str, bool, Payload]]) -> None:
        # forms: (form, case_sensitive, payload)
        self._by_key: dict[str, list[_Form[Payload]]] = defaultdict(list)
        for form, case_sensitive, payload in forms:
            validate_form(form)
            flags = 0 if case_sensitive else re.IGNORECASE
            self._by_key[form_key(form)].append(_Form(form, flags, payload))

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def finditer(self, text: str, keys: set[str] | None = None) -> Iterator[FormMatch[Payload]]:
        wanted = (keys if keys is not None else text_keys(text)) & self._by_key.keys()
        if "" in self._by_key:
            wanted.add("")  # forms of symbols only ("→", "‰") have no letters to key them by
        for key in sorted(wanted):
            for entry in self._by_key[key]:
                for match in entry.pattern.finditer(text):
                    yield FormMatch(match.start(), match.end(), entry.payload)

    def search(self, text: str, keys: set[str] | None = None) -> bool:
        return next(self.finditer(text, keys), None) is not None

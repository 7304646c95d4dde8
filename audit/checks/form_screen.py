"""A quick, exact test whether a text can hold any of many glossary forms.

A glossary matcher reads a text once per candidate form. Most texts hold none of the forms a
check cares about (a sentence names a glossary place or person now and then), so a check may
ask this screen first: one regular expression made of the forms' own expressions
(``audit.forms.form_regex``), merged where they begin alike, so a text is read once. A text the
screen rejects matches no form, since every form's expression is one path through it; a text
it passes goes to the matcher, which alone decides what matches where.

Forms read regardless of case are screened in folded text (``audit.forms.fold``) by the folded
forms' expressions, read with case: fold gives every character the one character shared by all
its case-insensitive equals, in place, and word characters stay word characters, so a text
matches a form regardless of case exactly where its folding matches the form's folding. The
engine settles a letter of a case-sensitive expression by one comparison, where a letter read
regardless of case costs far more: the screen reads a text in about half the time. The one
equality folding misses, of the Greek iota subscript (a mark, not a word character) with iota,
is left to the matcher: texts holding the subscript pass, and forms holding it leave the
screen unbuilt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audit.forms import fold, form_regex

# Every form expression begins by asking that no word character precede it.
_START = r"(?<!\w)"
_SPACE = r"\s+"
_STEM_TAIL = r"\w*"
_END = r"(?!\w)"
# Compiling an expression costs time in proportion to its length: past this many forms (a
# huge name glossary) the screen would cost more at start-up than it saves, and is not built.
MAX_FORMS = 10_000
_IOTA_SUBSCRIPT = "\u0345"

_Trie = dict[str, "_Trie"]


class FormScreen:
    """``may_hold(text)`` is False only for texts that match none of the forms."""

    __slots__ = ("_folded", "_pattern")

    def __init__(self, forms: Sequence[str], flags: int) -> None:
        self._pattern: re.Pattern[str] | None = None
        self._folded = bool(flags & re.IGNORECASE)
        if not forms or len(forms) > MAX_FORMS:
            return  # nothing to screen, or too much: every text passes
        if self._folded:
            if any(_IOTA_SUBSCRIPT in form for form in forms):
                return
            forms = [fold(form) for form in forms]
            flags &= ~re.IGNORECASE
        trie: _Trie = {}
        for form in forms:
            node = trie
            for piece in _pieces(form):
                node = node.setdefault(piece, {})
            node[""] = {}  # the form ends here
        self._pattern = re.compile(_alternatives(trie), flags)

    def may_hold(self, text: str) -> bool:
        if self._pattern is None:
            return True
        if self._folded:
            if _IOTA_SUBSCRIPT in text:
                return True
            text = fold(text)
        return self._pattern.search(text) is not None


def _pieces(form: str) -> list[str]:
    """The form's expression cut into pieces that other forms may share (one per letter of
    a word, the spaces between words); the whole expression as one piece when it is not built
    the way this cutting expects (a ``...`` gap, or a change in how forms are written)."""
    expression = form_regex(form)
    words = form.split()
    if "..." in words:
        return [expression]
    pieces = [_START]
    for number, word in enumerate(words):
        if number:
            pieces.append(_SPACE)
        starred = word.endswith("*")
        pieces.extend(re.escape(char) for char in (word[:-1] if starred else word))
        if starred:
            pieces.append(_STEM_TAIL)
    pieces.append(_END)
    return pieces if "".join(pieces) == expression else [expression]


def _alternatives(node: _Trie) -> str:
    """The expression for a trie node: its branches one after another, as alternatives.

    A branch shared by several forms is written once; the expression still matches at a
    position exactly when one of the forms' expressions does, since a regular expression
    tries every way through its alternatives before giving up at a position.
    """
    branches = [piece + _alternatives(child) for piece, child in node.items() if piece]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"

"""Word-level differences between a machine translation and its reference or post-edit.

Both texts are cut into tokens (words, numbers, punctuation marks) and aligned by the longest
common subsequence of tokens. The result reads like ``difflib``: ``delete`` is text found only in
the hypothesis, ``insert`` text found only in the reference, ``replace`` both. Neighbouring
changes are merged into one ``replace``, and a word that merely moved past a few others
("General Secretary" -> "Secretary General") becomes one ``replace`` instead of an insertion and
a deletion, because that is how an editor reads the change.

Every operation carries character offsets into both texts. The spans of one side partition its
text: joining the ``hyp_text`` of all operations gives the hypothesis back, joining ``ref_text``
gives the reference. Whitespace between tokens belongs to the neighbouring ``equal`` operation,
so changed spans are tight around their words (except for whitespace at the very start or end
of a text). ``equal`` means "the same tokens": the spacing between them may differ.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import click
from rapidfuzz.distance import Indel

Tag = Literal["equal", "replace", "insert", "delete"]
_TAGS: dict[str, Tag] = {
    "equal": "equal",
    "replace": "replace",
    "insert": "insert",
    "delete": "delete",
}

# Numbers keep their separators (3,000 / 2.5 / 10:30), words keep inner hyphens, a clitic after
# a word ('s, n't's tail) is its own token so "Kosak's" and "Kosak" share the word "Kosak";
# every other non-space character is a token of its own.
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|(?<=\w)['’]\w+|\w+(?:[-‐]\w+)*|[^\w\s]")

# A moved word may jump over at most this many unchanged tokens and still read as one edit.
_MAX_MOVE_GAP = 3


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return any(c.isalnum() for c in self.text)


@dataclass(frozen=True, slots=True)
class TokenOp:
    """One alignment step over token indices: ``hyp[hyp_from:hyp_to]`` vs ``ref[ref_from:ref_to]``."""

    tag: Tag
    hyp_from: int
    hyp_to: int
    ref_from: int
    ref_to: int


@dataclass(frozen=True)
class DiffOp:
    tag: Tag
    hyp_start: int
    hyp_end: int
    ref_start: int
    ref_end: int
    hyp_text: str
    ref_text: str


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def token_diff(
    hyp: Sequence[Token], ref: Sequence[Token], *, fold_case: bool = False
) -> list[TokenOp]:
    """Align two token lists; adjacent changes merged, short moves folded into one replace.

    ``fold_case`` makes tokens that differ only in case count as equal.
    """

    def keys(tokens: Sequence[Token]) -> list[str]:
        return [t.text.casefold() if fold_case else t.text for t in tokens]

    raw = Indel.opcodes(keys(hyp), keys(ref))
    ops = _merge_adjacent(
        [TokenOp(_TAGS[o.tag], o.src_start, o.src_end, o.dest_start, o.dest_end) for o in raw]
    )
    return _fold_moves(ops, hyp, ref)


def word_diff(hypothesis: str, reference: str) -> list[DiffOp]:
    """The word-level differences between ``hypothesis`` and ``reference``, both sides covered."""
    hyp, ref = tokenize(hypothesis), tokenize(reference)
    if not hyp and not ref:
        if not hypothesis and not reference:
            return []
        return [DiffOp("equal", 0, len(hypothesis), 0, len(reference), hypothesis, reference)]
    ops = token_diff(hyp, ref)
    hyp_spans = _spans(hypothesis, hyp, [(o.hyp_from, o.hyp_to, o.tag) for o in ops])
    ref_spans = _spans(reference, ref, [(o.ref_from, o.ref_to, o.tag) for o in ops])
    return [
        DiffOp(o.tag, hs, he, rs, re_, hypothesis[hs:he], reference[rs:re_])
        for o, (hs, he), (rs, re_) in zip(ops, hyp_spans, ref_spans)
    ]


def _tag_for(hyp_from: int, hyp_to: int, ref_from: int, ref_to: int) -> Tag:
    if hyp_from == hyp_to:
        return "insert"
    if ref_from == ref_to:
        return "delete"
    return "replace"


def _merge_adjacent(ops: list[TokenOp]) -> list[TokenOp]:
    merged: list[TokenOp] = []
    for op in ops:
        if op.hyp_from == op.hyp_to and op.ref_from == op.ref_to:
            continue
        last = merged[-1] if merged else None
        if last is not None and last.tag != "equal" and op.tag != "equal":
            tag = _tag_for(last.hyp_from, op.hyp_to, last.ref_from, op.ref_to)
            merged[-1] = TokenOp(tag, last.hyp_from, op.hyp_to, last.ref_from, op.ref_to)
        else:
            merged.append(op)
    return merged


def _fold_moves(ops: list[TokenOp], hyp: Sequence[Token], ref: Sequence[Token]) -> list[TokenOp]:
    """Turn insert-X, short equal run, delete-X (or the mirror) into one replace."""

    def words(tokens: Sequence[Token], start: int, end: int) -> list[str]:
        return [t.text.casefold() for t in tokens[start:end]]

    def is_move(first: TokenOp, second: TokenOp) -> bool:
        if first.tag == "insert" and second.tag == "delete":
            return words(ref, first.ref_from, first.ref_to) == words(
                hyp, second.hyp_from, second.hyp_to
            )
        if first.tag == "delete" and second.tag == "insert":
            return words(hyp, first.hyp_from, first.hyp_to) == words(
                ref, second.ref_from, second.ref_to
            )
        return False

    result = list(ops)
    i = 0
    while i + 2 < len(result):
        first, between, second = result[i], result[i + 1], result[i + 2]
        gap = between.hyp_to - between.hyp_from
        if between.tag == "equal" and gap <= _MAX_MOVE_GAP and is_move(first, second):
            result[i : i + 3] = [
                TokenOp("replace", first.hyp_from, second.hyp_to, first.ref_from, second.ref_to)
            ]
        else:
            i += 1
    return result


def _spans(
    text: str, tokens: Sequence[Token], ranges: Sequence[tuple[int, int, Tag]]
) -> list[tuple[int, int]]:
    """Character spans of each operation on one side, partitioning ``text``.

    The whitespace between two operations goes to the earlier one when it is ``equal``, else to
    the later one; an operation with no tokens on this side sits where the previous one ends.
    """
    if not tokens:
        # Only whitespace on this side: the first operation holds it all.
        return [(0, len(text)) if i == 0 else (len(text), len(text)) for i in range(len(ranges))]
    spans: list[tuple[int, int]] = []
    filled = [i for i, (start, end, _) in enumerate(ranges) if start < end]
    bounds: dict[int, tuple[int, int]] = {}
    for position, index in enumerate(filled):
        _, end, tag = ranges[index]
        begin = 0 if position == 0 else bounds[filled[position - 1]][1]
        if position == len(filled) - 1:
            finish = len(text)
        else:
            following = ranges[filled[position + 1]][0]
            finish = tokens[following].start if tag == "equal" else tokens[end - 1].end
        bounds[index] = (begin, finish)
    cursor = 0
    for index in range(len(ranges)):
        span = bounds.get(index, (cursor, cursor))
        spans.append(span)
        cursor = span[1]
    return spans


def _boundary_space(previous: DiffOp, current: DiffOp) -> bool:
    """Whether either text has whitespace where ``previous`` ends and ``current`` begins."""
    return any(
        before[-1:].isspace() or after[:1].isspace()
        for before, after in (
            (previous.hyp_text, current.hyp_text),
            (previous.ref_text, current.ref_text),
        )
    )


def _render_op(op: DiffOp, colour: bool) -> tuple[str, str]:
    """(plain text, displayed text) of one operation."""
    if op.tag == "equal":
        return op.hyp_text, op.hyp_text
    removed, added = op.hyp_text.strip(), op.ref_text.strip()
    plain = (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")
    if not colour:
        return plain, plain
    shown = (click.style(removed, fg="red") if removed else "") + (
        click.style(added, fg="green") if added else ""
    )
    return plain, shown


def render_diff(ops: Sequence[DiffOp], colour: bool = False) -> str:
    """The hypothesis with its changes marked: ``[-removed-]{+added+}``, or red/green."""
    pieces: list[str] = []
    last_plain = ""
    previous: DiffOp | None = None
    for op in ops:
        plain, shown = _render_op(op, colour)
        if (
            previous is not None
            and plain
            and last_plain
            and not last_plain[-1].isspace()
            and not plain[0].isspace()
            and _boundary_space(previous, op)
        ):
            pieces.append(" ")
        pieces.append(shown)
        if plain:
            last_plain = plain
        previous = op
    return "".join(pieces)


def diff_dict(ops: Sequence[DiffOp]) -> list[dict[str, Any]]:
    """Operations as JSON-ready dictionaries, ``equal`` ones included so both sides rebuild."""
    return [
        {
            "op": op.tag,
            "hypothesis": op.hyp_text,
            "reference": op.ref_text,
            "hyp_start": op.hyp_start,
            "hyp_end": op.hyp_end,
            "ref_start": op.ref_start,
            "ref_end": op.ref_end,
        }
        for op in ops
    ]

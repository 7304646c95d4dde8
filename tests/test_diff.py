"""Word-level diffs: operations, their character spans, rendering and the JSON form."""

from __future__ import annotations

import itertools

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.diff import DiffOp, diff_dict, render_diff, tokenize, word_diff

PAIRS = [
    (
        "The General Secretary said the talks were good.",
        "The Secretary General said that talks went well!",
    ),
    (
        "Kremlin envoy Dmitri Kosak met his counterpart.",
        "Kremlin envoy Dmitry Kozak met his counterpart.",
    ),
    ("is good", "is very good"),
    ("is very good", "is good"),
    ("  leading and trailing  ", "leading and  trailing"),
    ("„Wir sind bereit“, sagte er.", "“We are ready,” he said."),
    ("", "Something new."),
    ("Something old.", ""),
    ("same words", "same   words"),
    ("Zürich's 3,000 year-on-year", "Zurich's 3.000 year on year"),
]


def _changes(ops: list[DiffOp]) -> list[tuple[str, str, str]]:
    return [(op.tag, op.hyp_text, op.ref_text) for op in ops if op.tag != "equal"]


@pytest.mark.parametrize(("hyp", "ref"), PAIRS)
def test_spans_point_at_their_text(hyp: str, ref: str) -> None:
    for op in word_diff(hyp, ref):
        assert hyp[op.hyp_start : op.hyp_end] == op.hyp_text
        assert ref[op.ref_start : op.ref_end] == op.ref_text


@pytest.mark.parametrize(("hyp", "ref"), PAIRS)
def test_operations_rebuild_both_sides(hyp: str, ref: str) -> None:
    ops = word_diff(hyp, ref)
    assert "".join(op.hyp_text for op in ops) == hyp
    assert "".join(op.ref_text for op in ops) == ref
    # Consecutive spans touch: no character is skipped or counted twice.
    for before, after in itertools.pairwise(ops):
        assert before.hyp_end == after.hyp_start
        assert before.ref_end == after.ref_start


def test_swapped_words_are_one_replace() -> None:
    ops = word_diff(
        "The General Secretary said the talks were good.",
        "The Secretary General said that talks went well!",
    )
    assert _changes(ops) == [
        ("replace", "General Secretary", "Secretary General"),
        ("replace", "the", "that"),
        ("replace", "were good.", "went well!"),
    ]
    assert [op.tag for op in ops] == [
        "equal", "replace", "equal", "replace", "equal", "replace",
    ]  # fmt: skip


def test_adjacent_changes_merge_into_one_replace() -> None:
    ops = word_diff("Dmitri Kosak met him.", "Dmitry Kozak met him.")
    assert _changes(ops) == [("replace", "Dmitri Kosak", "Dmitry Kozak")]
    assert (ops[0].hyp_start, ops[0].hyp_end, ops[0].ref_start, ops[0].ref_end) == (0, 12, 0, 12)


def test_insert_is_reference_only_and_delete_hypothesis_only() -> None:
    inserted = word_diff("is good", "is very good")
    assert _changes(inserted) == [("insert", "", "very")]
    assert inserted[1].hyp_start == inserted[1].hyp_end == 3
    deleted = word_diff("is very good", "is good")
    assert _changes(deleted) == [("delete", "very", "")]
    assert deleted[1].ref_start == deleted[1].ref_end == 3


def test_a_word_moved_far_is_not_folded() -> None:
    ops = word_diff(
        "yesterday the minister spoke at length in Berlin",
        "the minister spoke at length in Berlin yesterday",
    )
    assert _changes(ops) == [("delete", "yesterday", ""), ("insert", "", "yesterday")]


def test_case_change_is_a_replace_and_spacing_is_not() -> None:
    assert _changes(word_diff("German chancellor Scholz", "German Chancellor Scholz")) == [
        ("replace", "chancellor", "Chancellor")
    ]
    assert [op.tag for op in word_diff("same words", "same   words")] == ["equal"]


def test_identical_and_empty_texts() -> None:
    assert word_diff("", "") == []
    assert [op.tag for op in word_diff("A text.", "A text.")] == ["equal"]
    assert _changes(word_diff("", "New.")) == [("insert", "", "New.")]
    assert _changes(word_diff("Old.", "")) == [("delete", "Old.", "")]


def test_tokens_are_words_numbers_and_punctuation() -> None:
    assert [t.text for t in tokenize("Kozak's 3,000 talks, year-on-year „quoted“.")] == [
        "Kozak", "'s", "3,000", "talks", ",", "year-on-year", "„", "quoted", "“", ".",
    ]  # fmt: skip


def test_render_marks_changes_like_wdiff() -> None:
    ops = word_diff(
        "The General Secretary said the talks were good.",
        "The Secretary General said that talks went well!",
    )
    assert render_diff(ops, colour=False) == (
        "The [-General Secretary-]{+Secretary General+} said [-the-]{+that+} talks "
        "[-were good.-]{+went well!+}"
    )
    assert render_diff(word_diff("is good", "is very good")) == "is {+very+} good"
    assert render_diff(word_diff("is very good", "is good")) == "is [-very-] good"
    assert render_diff(word_diff("He left.", "He left!")) == "He left[-.-]{+!+}"


def test_render_in_colour_uses_red_and_green() -> None:
    ops = word_diff("Dmitri Kosak met him.", "Dmitry Kozak met him.")
    shown = render_diff(ops, colour=True)
    assert click.style("Dmitri Kosak", fg="red") in shown
    assert click.style("Dmitry Kozak", fg="green") in shown
    assert click.unstyle(shown) == "Dmitri KosakDmitry Kozak met him."


def test_diff_dict_keeps_every_operation() -> None:
    hyp, ref = "is very good", "is fairly good"
    rows = diff_dict(word_diff(hyp, ref))
    assert rows == [
        {"op": "equal", "hypothesis": "is ", "reference": "is ",
         "hyp_start": 0, "hyp_end": 3, "ref_start": 0, "ref_end": 3},
        {"op": "replace", "hypothesis": "very", "reference": "fairly",
         "hyp_start": 3, "hyp_end": 7, "ref_start": 3, "ref_end": 9},
        {"op": "equal", "hypothesis": " good", "reference": " good",
         "hyp_start": 7, "hyp_end": 12, "ref_start": 9, "ref_end": 14},
    ]  # fmt: skip
    assert "".join(r["hypothesis"] for r in rows) == hyp
    assert "".join(r["reference"] for r in rows) == ref


_TEXT = st.text(alphabet=st.sampled_from(list("ab cé,.„“\n'-1")), max_size=30)


@given(_TEXT, _TEXT)
def test_any_pair_rebuilds_with_exact_spans(hyp: str, ref: str) -> None:
    ops = word_diff(hyp, ref)
    assert "".join(op.hyp_text for op in ops) == hyp
    assert "".join(op.ref_text for op in ops) == ref
    for op in ops:
        assert hyp[op.hyp_start : op.hyp_end] == op.hyp_text
        assert ref[op.ref_start : op.ref_end] == op.ref_text
        if op.tag == "insert":
            assert not op.hyp_text.strip()
        if op.tag == "delete":
            assert not op.ref_text.strip()
    tags = [op.tag for op in ops]
    # Changes never touch: an equal run always separates two of them.
    assert all("equal" in (a, b) for a, b in itertools.pairwise(tags))

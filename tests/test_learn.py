"""``tqa learn``: recurring post-edit corrections become glossary proposals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from hypothesis import given
from hypothesis import strategies as st

from audit.cli import main
from audit.glossary import Kind, parse_glossary
from audit.learn import Proposal, propose, to_glossary_tsv
from audit.learn_command import learn

if "learn" not in main.commands:
    main.add_command(learn)

CORPUS = REPO / "corpora" / "post-edit"
MT, PE, SRC = CORPUS / "mt.en.txt", CORPUS / "pe.en.txt", CORPUS / "src.de.txt"

EXPECTED = {
    ("General Secretary", "Secretary General"): 3,
    ("Dmitri Kosak", "Dmitry Kozak"): 2,
    ("Kiev", "Kyiv"): 2,
    ("relaxation", "easing of tensions"): 2,
}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _corpus(with_source: bool = True) -> list[tuple[str, str, str | None]]:
    sources: list[str | None] = list(_lines(SRC)) if with_source else [None] * len(_lines(MT))
    return list(zip(_lines(MT), _lines(PE), sources))


@pytest.fixture(scope="module")
def proposals() -> list[Proposal]:
    return propose(_corpus())


def _edits(found: list[Proposal]) -> dict[tuple[str, str], int]:
    return {(p.wrong, p.preferred): p.count for p in found}


# --- the shipped post-edit corpus ---------------------------------------------------------


def test_corpus_files_are_line_aligned() -> None:
    assert len(_lines(MT)) == len(_lines(PE)) == len(_lines(SRC)) >= 30


def test_recurring_corrections_are_proposed_with_their_counts(proposals: list[Proposal]) -> None:
    assert _edits(proposals) == EXPECTED
    assert proposals[0].wrong == "General Secretary"  # most frequent first


def test_examples_name_the_corrected_segments(proposals: list[Proposal]) -> None:
    first = proposals[0]
    assert [e.segment_id for e in first.examples] == ["1", "8", "17"]
    machine, post_edit = _lines(MT), _lines(PE)
    for example in first.examples:
        index = int(example.segment_id) - 1
        assert (example.machine, example.post_edit) == (machine[index], post_edit[index])


def test_one_off_and_ignored_edits_are_not_proposed() -> None:
    every_edit = _edits(propose(_corpus(), min_count=1))
    # One-off corrections exist, but only the recurring ones reach the default threshold.
    assert every_edit[("Kosak", "Kozak")] == 1
    assert every_edit[("law", "bill")] == 1
    # A function-word change is widened by a word each side, so "the" -> "a" (made twice,
    # in different phrases) never stands alone.
    assert every_edit[("present the compromise", "present a compromise")] == 1
    assert every_edit[("examining the solution", "examining a solution")] == 1
    assert not [e for e in every_edit if e[0].casefold() in {"the", "a"}]
    # Case-only (chancellor -> Chancellor, twice), punctuation-only (German quotes, twice) and
    # pure deletions ("The police" -> "Police", twice) are not edits at all.
    assert not [e for e in every_edit if "chancellor" in e[0].casefold()]
    assert not [e for e in every_edit if not any(c.isalnum() for c in e[0] + e[1])]
    assert not [e for e in every_edit if "police" in e[0].casefold()]
    # "ceasefire" -> "truce" was made twice, but editors kept "ceasefire" twice elsewhere.
    assert ("ceasefire", "truce") not in every_edit


def test_source_words_behind_each_edit(proposals: list[Proposal]) -> None:
    hints = {p.wrong: p.source for p in proposals}
    assert hints == {
        "General Secretary": "Generalsekretär*",  # Generalsekretär, Generalsekretärs
        "Dmitri Kosak": "Dmitri Kosak",
        "Kiev": "Kiew",
        "relaxation": "Entspannung",
    }


def test_without_sources_there_is_no_hint() -> None:
    found = propose(_corpus(with_source=False))
    assert _edits(found) == EXPECTED
    assert all(p.source is None for p in found)


# --- handwritten pairs ----------------------------------------------------------------------


def test_min_count_threshold() -> None:
    pairs: list[tuple[str, str, str | None]] = [
        ("He met the General Secretary.", "He met the Secretary General.", None),
        ("The General Secretary spoke.", "The Secretary General spoke.", None),
        ("A new law passed.", "A new bill passed.", None),
    ]
    assert _edits(propose(pairs)) == {("General Secretary", "Secretary General"): 2}
    assert _edits(propose(pairs, min_count=3)) == {}
    assert ("law", "bill") in _edits(propose(pairs, min_count=1))


def test_an_edit_counts_once_per_segment() -> None:
    pairs: list[tuple[str, str, str | None]] = [
        ("Kiev and Kiev again.", "Kyiv and Kyiv again.", None),
        ("Nothing here.", "Nothing here.", None),
    ]
    assert _edits(propose(pairs, min_count=1)) == {("Kiev", "Kyiv"): 1}


def test_a_function_word_change_in_one_phrase_recurs_widened() -> None:
    pairs: list[tuple[str, str, str | None]] = [
        ("They signed the deal on Monday.", "They signed a deal on Monday.", None),
        ("Both sides signed the deal.", "Both sides signed a deal.", None),
        ("The talks in Geneva.", "A talks in Geneva.", None),
    ]
    assert _edits(propose(pairs)) == {("signed the deal", "signed a deal"): 2}


def test_edits_kept_by_other_editors_are_not_proposed() -> None:
    fixed = ("The ceasefire holds.", "The truce holds.", None)
    kept = ("The ceasefire broke.", "The ceasefire broke.", None)
    assert _edits(propose([fixed, fixed, kept])) == {("ceasefire", "truce"): 2}
    assert propose([fixed, fixed, kept])[0].kept == 1
    assert propose([fixed, fixed, kept, kept]) == []


def test_wrong_form_inside_the_preferred_one_is_not_proposed() -> None:
    # The entry would flag its own preferred form: "talks" matches inside "peace-talks".
    pairs: list[tuple[str, str, str | None]] = [
        ("The talks began.", "The peace-talks began.", None)
    ]
    assert _edits(propose(pairs, min_count=1)) == {}
    assert _edits(propose([("The talks began.", "The negotiations began.", None)], 1)) == {
        ("talks", "negotiations"): 1
    }


def test_omissions_and_additions_are_not_proposed() -> None:
    pairs: list[tuple[str, str, str | None]] = [
        ("The Kremlin said no.", "The Kremlin spokesman said no.", None),
        ("The police came.", "Police came.", None),
    ] * 3
    assert propose(pairs, min_count=1) == []


def test_ids_name_the_examples() -> None:
    pair = ("Kiev", "Kyiv", None)
    found = propose([pair] * 5, ids=["a", "b", "c", "d", "e"])
    assert found[0].count == 5
    assert [e.segment_id for e in found[0].examples] == ["a", "b", "c"]
    with pytest.raises(ValueError):
        propose([pair], ids=["a", "b"])


# --- the glossary file ----------------------------------------------------------------------


def test_tsv_parses_as_a_glossary_without_problems(proposals: list[Proposal]) -> None:
    entries, problems = parse_glossary("learned.tsv", to_glossary_tsv(proposals))
    assert problems == []
    assert [(e.wrong, e.preferred, e.source) for e in entries] == [
        (("General Secretary",), ("Secretary General",), ("Generalsekretär*",)),
        (("Dmitri Kosak",), ("Dmitry Kozak",), ("Dmitri Kosak",)),
        (("Kiev",), ("Kyiv",), ("Kiew",)),
        (("relaxation",), ("easing of tensions",), ("Entspannung",)),
    ]
    assert all(e.kind is Kind.TERM for e in entries)
    assert entries[0].note == "learned from 3 post-edits, e.g. segments 1, 8, 17"


def test_tsv_without_sources_and_with_awkward_ids() -> None:
    found = propose([("Kiev", "Kyiv", None)] * 2, ids=["x\t1", "x 2"])
    entries, problems = parse_glossary("learned.tsv", to_glossary_tsv(found))
    assert problems == []
    assert entries[0].source == ()
    assert entries[0].note == "learned from 2 post-edits, e.g. segments x 1, x 2"


def test_tsv_of_no_proposals_is_still_a_glossary() -> None:
    entries, problems = parse_glossary("learned.tsv", to_glossary_tsv([]))
    assert (entries, problems) == ([], [])


# --- the command ----------------------------------------------------------------------------


def test_cli_prints_the_glossary_and_a_summary() -> None:
    result = run_cli(["learn", MT, "--post-edit", PE, "--source", SRC])
    assert result.exit_code == 0, result.stderr
    entries, problems = parse_glossary("stdout", result.stdout)
    assert problems == []
    assert {(e.wrong[0], e.preferred[0]) for e in entries} == set(EXPECTED)
    assert result.stderr == "tqa learn: 4 proposals from 36 segments\n"


def test_cli_writes_the_output_file_that_glossary_check_accepts(tmp_path: Path) -> None:
    target = tmp_path / "out" / "learned.tsv"
    result = run_cli(["learn", MT, "--post-edit", PE, "--min-count", "3", "--output", target])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "1 proposal from 36 segments" in result.stderr
    checked = run_cli(["glossary", "check", target])
    assert checked.exit_code == 0, checked.output
    assert "1 entries, no problems" in checked.stdout


def test_cli_reads_jsonl_references_as_post_edits(tmp_path: Path) -> None:
    rows = [
        {"id": f"s{n}", "source": src, "target": mt, "reference": pe}
        for n, (mt, pe, src) in enumerate(_corpus(), start=1)
    ]
    path = tmp_path / "mt.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = run_cli(["learn", path])
    assert result.exit_code == 0, result.stderr
    entries, _ = parse_glossary("stdout", result.stdout)
    assert entries[0].note == "learned from 3 post-edits, e.g. segments s1, s8, s17"
    assert entries[0].source == ("Generalsekretär*",)


def test_cli_reads_tsv_bitext_with_a_plain_post_edit(tmp_path: Path) -> None:
    path = tmp_path / "mt.tsv"
    path.write_text("\n".join(f"{src}\t{mt}" for mt, _, src in _corpus()) + "\n", encoding="utf-8")
    result = run_cli(["learn", path, "--post-edit", PE])
    assert result.exit_code == 0, result.stderr
    entries, _ = parse_glossary("stdout", result.stdout)
    assert {e.source for e in entries} == {
        ("Generalsekretär*",),
        ("Dmitri Kosak",),
        ("Kiew",),
        ("Entspannung",),
    }


def _one_line_error(args: list[object]) -> str:
    result = run_cli(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tqa: error: "), result.stderr
    return lines[0]


def test_cli_rejects_misaligned_files(tmp_path: Path) -> None:
    short = tmp_path / "pe.txt"
    short.write_text("\n".join(_lines(PE)[:-1]) + "\n", encoding="utf-8")
    line = _one_line_error(["learn", MT, "--post-edit", short])
    assert str(short) in line and str(MT) in line and "35 lines" in line and "36" in line
    line = _one_line_error(["learn", MT, "--post-edit", PE, "--source", short])
    assert str(short) in line and str(MT) in line


def test_cli_rejects_missing_and_empty_files(tmp_path: Path) -> None:
    missing = tmp_path / "absent.txt"
    assert str(missing) in _one_line_error(["learn", MT, "--post-edit", missing])
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    line = _one_line_error(["learn", empty, "--post-edit", PE])
    assert str(empty) in line and "empty" in line


def test_cli_needs_a_post_edit(tmp_path: Path) -> None:
    assert "--post-edit" in _one_line_error(["learn", MT])
    path = tmp_path / "mt.jsonl"
    path.write_text('{"id": "a", "target": "Kiev"}\n', encoding="utf-8")
    line = _one_line_error(["learn", path])
    assert "'a' has no reference" in line


def test_cli_rejects_translation_unit_formats(tmp_path: Path) -> None:
    path = tmp_path / "mt.xlf"
    path.write_text("<xliff/>", encoding="utf-8")
    assert "plain text" in _one_line_error(["learn", path, "--post-edit", PE])


_WORDS = st.sampled_from(
    ["Kiev", "Kyiv", "the", "a", "*", "x*", "...", "|", "#", "„", ",", "\t", "ab-c"]
)
_SENTENCE = st.lists(_WORDS, max_size=8).map(" ".join)


@given(st.lists(st.tuples(_SENTENCE, _SENTENCE, st.none() | _SENTENCE), max_size=6))
def test_any_proposals_make_a_clean_glossary(
    pairs: list[tuple[str, str, str | None]],
) -> None:
    found = propose(pairs, min_count=1)
    entries, problems = parse_glossary("learned.tsv", to_glossary_tsv(found))
    assert problems == []
    assert len(entries) == len(found)

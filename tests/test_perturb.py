"""Error injection (audit.perturb) and the evaluation that runs on it (audit.evaluation_perturbed)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from audit import evaluation_perturbed
from audit.perturb import KINDS, Pool, build_pool, names, perturb

SOURCE = "Am Montag sagte Angela Merkel in Berlin, die Regierung werde 25 neue Schulen bauen."
TARGET = "On Monday, Angela Merkel said in Berlin that the government would build 25 new schools."
POOL = Pool(
    targets=(TARGET, "The weather was mild.", "Prices rose by 3.5 percent."),
    names=("Merkel", "Schröder", "Berlin", "Dresden"),
)

EXPECTED = {
    "empty": "",
    "numbers": "On Monday, Angela Merkel said in Berlin that the government would build 26 new schools.",
    "german-left-in": "On Monday, Angela Merkel said in Berlin that the government would Montag 25 new schools.",
    "repeats": "On Monday, Angela Merkel said in Berlin Berlin that the government would build 25 new schools.",
    "tokenised": "On Monday , Angela Merkel said in Berlin that the government would build 25 new schools .",
    "casing": "on monday, angela merkel said in berlin that the government would build 25 new schools.",
    "end-punctuation": "On Monday, Angela Merkel said in Berlin that the government would build 25 new schools",
    "names-replaced": "On Monday, Angela Schröder said in Berlin that the government would build 25 new schools.",
    "names-removed": "On Monday, Angela said in Berlin that the government would build 25 new schools.",
    "other-sentence": "The weather was mild.",
    "misspelling": "On Monday, Angela Merkel said in Berlin that the govenrment would build 25 new schools.",
    "dropped-chars": "On Monday, Agela Merkel said in Berlin that the government would build 25 new schools.",
}


def test_every_class_has_an_expected_output() -> None:
    assert tuple(EXPECTED) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_each_class_injects_its_error(kind: str) -> None:
    assert perturb(kind, SOURCE, TARGET, random.Random(7), POOL) == EXPECTED[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_same_output(kind: str) -> None:
    outputs = {perturb(kind, SOURCE, TARGET, random.Random(seed), POOL) for seed in (3, 3, 3)}
    assert len(outputs) == 1


def test_the_seed_chooses_the_span() -> None:
    target = "Of 12 boats, 34 sank and 56 were saved in 1978."
    outputs = {perturb("numbers", "", target, random.Random(seed), POOL) for seed in range(30)}
    assert outputs == {
        "Of 13 boats, 34 sank and 56 were saved in 1978.",
        "Of 12 boats, 35 sank and 56 were saved in 1978.",
        "Of 12 boats, 34 sank and 57 were saved in 1978.",
        "Of 12 boats, 34 sank and 56 were saved in 1979.",
    }


def test_only_the_given_generator_is_used() -> None:
    before = random.getstate()
    for kind in KINDS:
        perturb(kind, SOURCE, TARGET, random.Random(1), POOL)
    assert random.getstate() == before


@pytest.mark.parametrize(
    ("kind", "source", "target", "pool"),
    [
        ("empty", "Hallo.", "", POOL),
        ("numbers", "Es regnet.", "It is raining.", POOL),
        # every capitalised source word is in the target, or too short, or common English
        (
            "german-left-in",
            "Er kam mit dem Team ins Hotel.",
            "He came to the hotel with the team.",
            POOL,
        ),
        ("german-left-in", "Die Regierung sagte das.", "The Regierung said so.", POOL),
        ("repeats", "Ja.", "Yes.", POOL),
        ("tokenised", "Ja", "Yes", POOL),
        ("casing", "ja", "yes", POOL),
        ("end-punctuation", "Kommt er", "Is he coming", POOL),
        ("end-punctuation", "…", "...", POOL),
        ("names-replaced", SOURCE, "He spoke about the new schools.", POOL),
        ("names-replaced", SOURCE, TARGET, Pool(targets=(), names=())),
        ("names-removed", "Es regnet in Berlin.", "It is raining in Munich.", POOL),
        ("other-sentence", "Ja.", "Yes.", Pool(targets=("Yes.", " yes. "), names=())),
        ("other-sentence", "Ja.", "Yes.", Pool(targets=(), names=())),
        ("misspelling", "Er sagt Ja.", "He Says Yes to it.", POOL),
        ("dropped-chars", "Er sagt Ja.", "He says yes.", POOL),
    ],
)
def test_none_when_the_pair_has_nothing_to_break(
    kind: str, source: str, target: str, pool: Pool
) -> None:
    assert perturb(kind, source, target, random.Random(0), pool) is None


def test_unknown_class_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown error class"):
        perturb("typos", SOURCE, TARGET, random.Random(0), POOL)


def test_names_are_shared_capitalised_non_initial_and_uncommon() -> None:
    source = "Merkel traf die NATO und Smith in Paris; Federer und Schmidt fehlten, Schmidt auch."
    target = "Merkel met NATO and Smith in Paris; Federer and Schmidt were missing, Schmidt too."
    # Merkel is sentence-initial, NATO all capitals, Smith and Paris common English words once
    # lowercased, Schmidt occurs twice in the target: only Federer is a name to break.
    assert names(source, target) == ("Federer",)


def test_tokenised_keeps_numbers_and_abbreviations_whole() -> None:
    target = 'The minister (CDU) said: "That is good", and 1,000 people backed the 3.5 U.S. plan.'
    assert perturb("tokenised", "", target, random.Random(0), POOL) == (
        'The minister ( CDU) said : " That is good" , and 1,000 people backed the 3.5 U.S . plan .'
    )


def test_end_punctuation_removes_the_whole_final_run() -> None:
    assert perturb("end-punctuation", "", "Really?! ", random.Random(0), POOL) == "Really "


def test_names_removed_tidies_the_space() -> None:
    source = "Ein Sprecher von Siemens sagte das."
    target = "A spokesman for Siemens, said so."
    assert perturb("names-removed", source, target, random.Random(0), POOL) == (
        "A spokesman for, said so."
    )


def test_misspellings_and_dropped_characters_are_not_real_words() -> None:
    # Swapping inner letters of "from" would give "form"; words shorter than five letters are
    # never touched, and inner edits of "trail" that spell words ("tail", "trial") are retried.
    target = "The trail goes from here."
    for seed in range(40):
        for kind in ("misspelling", "dropped-chars"):
            out = perturb(kind, "", target, random.Random(seed), POOL)
            assert out is not None
            changed = set(out.split()) - set(target.split())
            assert len(changed) == 1
            assert changed.pop() not in {"tail", "trial"}


def test_build_pool_collects_targets_and_names_once() -> None:
    pool = build_pool([(SOURCE, TARGET), (SOURCE, TARGET), ("Es regnet.", "It rains.")])
    assert pool.targets == (TARGET, TARGET, "It rains.")
    assert pool.names == ("Angela", "Merkel", "Berlin")


def _write_pairs(folder: Path, german: list[str], english: list[str]) -> None:
    for _name, de, en in evaluation_perturbed.CORPORA:
        (folder / de).parent.mkdir(parents=True, exist_ok=True)
        (folder / de).write_text("\n".join(german) + "\n", encoding="utf-8")
        (folder / en).write_text("\n".join(english) + "\n", encoding="utf-8")


def test_load_pairs_refuses_misaligned_files(tmp_path: Path) -> None:
    _write_pairs(tmp_path, ["Eins.", "Zwei."], ["One."])
    with pytest.raises(ValueError, match="2 German lines but 1 English lines"):
        evaluation_perturbed.load_pairs(tmp_path)


def test_load_pairs_numbers_lines_per_corpus(tmp_path: Path) -> None:
    _write_pairs(tmp_path, ["Eins.", "", "Drei."], ["One.", "", "Three."])
    pairs = evaluation_perturbed.load_pairs(tmp_path)
    assert [p.id for p in pairs] == ["flores-1", "flores-3", "ntrex-1", "ntrex-3"]
    assert (pairs[1].source, pairs[1].target) == ("Drei.", "Three.")


def test_evaluation_without_data_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "out.json"
    code = evaluation_perturbed.main(["--shared", str(tmp_path), "--output", str(output)])
    assert code == 0
    assert "not found" in capsys.readouterr().err
    assert not output.exists()


def test_evaluation_on_real_pairs(shared: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    args = ["--shared", str(shared), "--limit", "40", "--output", str(output)]
    code = evaluation_perturbed.main(args)
    result = json.loads(output.read_text(encoding="utf-8"))
    assert code == (0 if result["pass"] else 1)
    assert result["pairs"] == 40
    assert set(result["classes"]) == set(KINDS)
    clean = result["clean"]
    assert clean["items"] == 40
    assert 0 <= clean["flagged"] <= 40
    assert set(clean["by_rule"]) <= set(result["rules"])
    for kind, numbers in result["classes"].items():
        assert 0 <= numbers["flagged_by_new_rule"] <= numbers["flagged"] <= numbers["items"] <= 40
        assert numbers["floor"] == evaluation_perturbed.FLOORS[kind]
        assert set(numbers["by_rule"]) <= set(result["rules"])
    # every pair has a target to empty and another sentence to swap in
    assert result["classes"]["empty"]["items"] == 40
    assert result["classes"]["other-sentence"]["items"] == 40
    assert result["failed"] == [k for k in (*KINDS, "clean") if not _passed(result, k)]
    # the run is reproducible: same items, same numbers
    again = tmp_path / "again.json"
    evaluation_perturbed.main([*args[:-1], str(again)])
    assert json.loads(again.read_text(encoding="utf-8")) == result


def _passed(result: dict[str, Any], kind: str) -> bool:
    numbers = result["clean"] if kind == "clean" else result["classes"][kind]
    return bool(numbers["pass"])

"""Source-dependent rules end to end: article pairs, bitext with empty and outlying targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

GERMAN = """Fomin erinnerte an die Forderungen Russlands an die NATO nach Sicherheitsgarantien und einem Ende der Osterweiterung. Erneut warnte er vor einer möglichen NATO-Mitgliedschaft der Ukraine. Präsident Wladimir Putin hatte zuletzt mit Konsequenzen gedroht, sollte die NATO noch näher an Russland vordringen.

Ein Termin steht noch nicht fest.
"""
ENGLISH = """Fomin recalled Russia’s demands on NATO for security guarantees and an end to eastward expansion. President Vladimir Putin recently threatened consequences if NATO moved closer to Russia.

A date has not been set. The ministry did not respond to requests for comment on Sunday evening.
"""


def _check(*args: object) -> tuple[int, dict[str, Any]]:
    result = run_cli(["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dropped_and_added_sentences_are_findings(tmp_path: Path) -> None:
    target = _write(tmp_path, "a.en.txt", ENGLISH)
    source = _write(tmp_path, "a.de.txt", GERMAN)
    code, report = _check(target, "--source", source)
    assert code == 1
    file = report["files"][0]
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for item in file["findings"]:
        by_rule.setdefault(item["rule"], []).append(item)
    [missing] = by_rule["ALIGN001"]
    assert missing["severity"] == "error"
    assert "Erneut warnte er" in missing["message"]
    assert missing["text"].startswith("Fomin recalled")
    assert missing["evidence"]["source_lines"] == "1"
    [added] = by_rule["ALIGN002"]
    assert added["text"].startswith("The ministry did not respond")
    assert (added["line"], added["column"]) == (3, 26)
    assert file["unaligned_source_segments"] == ["2"]
    assert file["unaligned_target_segments"] == [added["segment"]]


def test_the_sample_article_pair_has_no_alignment_findings(sample: Path, sample_de: Path) -> None:
    _, report = _check(sample, "--source", sample_de)
    rules = {f["rule"] for f in report["files"][0]["findings"]}
    assert not rules & {"ALIGN001", "ALIGN002", "LEN001", "LEN002", "CONS001", "CONS002"}


def test_bitext_empty_target_and_length_outliers(tmp_path: Path) -> None:
    rows = [
        {"id": "empty", "source": "Ein Termin steht noch nicht fest.", "target": ""},
        {
            "id": "short",
            "source": "Russland verstärkt seit Monaten seine Truppen an der ukrainischen Grenze, "
            "und der Kreml verschärft seine Drohungen gegenüber dem Westen.",
            "target": "Russia has been increasing its troops.",
        },
        {
            "id": "fine",
            "source": "Ein Termin steht noch nicht fest.",
            "target": "A date has not yet been set.",
        },
    ]
    path = _write(tmp_path, "b.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    code, report = _check(path)
    assert code == 1
    found = {(f["segment"], f["rule"]) for f in report["files"][0]["findings"]}
    assert ("empty", "SEG001") in found
    assert ("short", "LEN001") in found
    assert not [f for f in report["files"][0]["findings"] if f["segment"] == "fine"]


def test_consistency_points_at_every_variant(tmp_path: Path) -> None:
    text = (
        "Kremlin envoy Dmitry Kozak met the adviser.\n\nKozak said little.\n\n"
        "Later Kosak denied the report.\n"
    )
    path = _write(tmp_path, "c.txt", text)
    _, report = _check(path, "--select", "CONS002")
    [item] = report["files"][0]["findings"]
    assert item["text"] == "Kosak"
    assert (item["line"], item["column"]) == (5, 7)
    assert item["suggestions"] == ["Kozak"]
    assert item["evidence"]["variants"] == "Kozak@1:22,3:1; Kosak@5:7"


def test_distinct_names_are_not_variants(tmp_path: Path) -> None:
    text = "Boris Johnson met Mr Johnston.\n\nZelensky thanked Zelenskyy's aides.\n"
    path = _write(tmp_path, "d.txt", text)
    _, report = _check(path, "--select", "CONS002")
    texts = [f["text"] for f in report["files"][0]["findings"]]
    assert texts == ["Zelenskyy"]


def _untranslated(tmp_path: Path, source: str, target: str) -> list[dict[str, Any]]:
    row = {"id": "1", "source": source, "target": target}
    path = _write(tmp_path, "u.jsonl", json.dumps(row) + "\n")
    _, report = _check(path, "--select", "UNTR002")
    return list(report["files"][0]["findings"])


def test_german_noun_copied_from_the_source_is_untranslated(tmp_path: Path) -> None:
    [item] = _untranslated(
        tmp_path,
        "Die Ärzte warnten vor einem Anstieg der Tuberkulose in der Region.",
        "Doctors warned of a rise in Tuberkulose in the region.",
    )
    assert item["text"] == "Tuberkulose"


def test_common_german_word_left_in_gets_the_lexicon_translation(tmp_path: Path) -> None:
    [item] = _untranslated(
        tmp_path,
        "Die Stadt hat einen neuen Bürgermeister gewählt.",
        "The Stadt has elected a new mayor.",
    )
    assert item["text"] == "Stadt"
    assert item["suggestions"][:2] == ["city", "town"]


def test_german_genitive_of_a_name_is_flagged(tmp_path: Path) -> None:
    [item] = _untranslated(
        tmp_path,
        "Der Senat stimmte über Kavanaughs Nominierung ab.",
        "The Senate voted on Kavanaughs nomination.",
    )
    assert item["text"] == "Kavanaughs"
    assert item["suggestions"] == ["Kavanaugh’s"]


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        # short compounds ending in a noun German has and English lacks
        ("Er trinkt Kohlsaft am Morgen.", "He drinks Kohlsaft in the morning.", "Kohlsaft"),
        ("Die Urinproben waren sauber.", "The Urinproben were clean.", "Urinproben"),
        # the same length of name, made of no German noun, is kept
        ("Er kam aus Wellingborough.", "He came from Wellingborough.", None),
    ],
)
def test_short_german_compounds_copied_from_the_source(
    tmp_path: Path, source: str, target: str, flagged: str | None
) -> None:
    found = [item["text"] for item in _untranslated(tmp_path, source, target)]
    assert found == ([flagged] if flagged else [])


def test_a_family_name_in_the_plural_is_no_genitive(tmp_path: Path) -> None:
    source = "Beide Rosenbergs wurden am 19. Juni 1953 hingerichtet."
    assert _untranslated(tmp_path, source, "Both Rosenbergs were put to death in 1953.") == []
    # "the" says nothing: "the Kavanaughs nomination" is the genitive left in all the same.
    [item] = _untranslated(
        tmp_path,
        "Der Senat stimmte über Kavanaughs Nominierung ab.",
        "The Senate voted on the Kavanaughs nomination.",
    )
    assert item["text"] == "Kavanaughs"


def test_source_words_cited_after_a_cue_are_kept_on_purpose(tmp_path: Path) -> None:
    source = "Probieren Sie, was je nach Region Berliner, Pfannkuchen oder Krapfen heißt."
    cited = "Try what depending on region are called Berliner, Pfannkuchen or Krapfen."
    assert _untranslated(tmp_path, source, cited) == []
    # The same words outside a citation are German left in; so is a German word after the
    # cue that the source does not have (it cannot be a citation of it).
    [item] = _untranslated(tmp_path, source, "Try the Pfannkuchen, depending on the region.")
    assert item["text"] == "Pfannkuchen"
    [item] = _untranslated(
        tmp_path,
        "Löwen leben in großen Rudeln.",
        "Lions live in large groups called Gruppen.",
    )
    assert item["text"] == "Gruppen"


def test_copied_names_are_not_untranslated(tmp_path: Path) -> None:
    for source, target in [
        (
            "Außenministerin Annalena Baerbock reiste nach Kiew.",
            "Foreign Minister Annalena Baerbock travelled to Kyiv.",
        ),
        (
            "Der Kritiker der „Süddeutschen Zeitung“ lobte die Inszenierung.",
            "The critic for the “Süddeutsche Zeitung” praised the production.",
        ),
        ("Der Zug kam pünktlich in Düsseldorf an.", "The train arrived in Düsseldorf on time."),
        ("Das Spiel fand in Sinsheim statt.", "The match was played in Sinsheim."),
    ]:
        assert _untranslated(tmp_path, source, target) == [], target


def test_repeated_units_of_a_translation_memory_are_not_duplicates(tmp_path: Path) -> None:
    rows = [
        {
            "id": str(i),
            "source": "Ein Termin steht noch nicht fest.",
            "target": "A date has not been set.",
        }
        for i in range(3)
    ]
    path = _write(tmp_path, "tm.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    _, report = _check(path, "--select", "ART003")
    assert report["files"][0]["findings"] == []
    article = _write(
        tmp_path,
        "a.txt",
        "A date has not been set for the talks.\n\nA date has not been set for the talks.\n",
    )
    _, report = _check(article, "--select", "ART003")
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["ART003"]

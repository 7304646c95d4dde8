"""The labelled evaluation (``nox -s evaluate``): its counting, and its refusal of bad sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit import evaluation

REPO = Path(__file__).resolve().parent.parent


def _write(path: Path, items: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", "utf-8")
    return path


def test_caught_right_and_flagged_are_counted(tmp_path: Path) -> None:
    target = "NATO General Secretary Jens Stoltenberg spoke in Brussels."
    labelled = _write(
        tmp_path / "set.jsonl",
        [
            {
                "id": "e1",
                "kind": "terminology",
                "source": "NATO-Generalsekretär Jens Stoltenberg sprach in Brüssel.",
                "target": target,
                "errors": [{"text": "General Secretary", "fix": ["Secretary General"]}],
            },
            {
                "id": "c1",
                "kind": "clean",
                "source": "Die Gespräche gehen weiter.",
                "target": "The talks continue.",
                "errors": [],
            },
        ],
    )
    output = tmp_path / "numbers.json"
    assert evaluation.main([str(labelled), "--output", str(output)]) == 0
    numbers = json.loads(output.read_text("utf-8"))[str(labelled)]["bilingual"]
    assert (numbers["errors"], numbers["caught"], numbers["right_suggestion"]) == (1, 1, 1)
    assert (numbers["clean_items"], numbers["clean_flagged"]) == (1, 0)


@pytest.mark.parametrize(
    ("content", "where", "why"),
    [
        ('{"id": 1, "kind": "x", "target": "A.", "errors": []}\n{bad\n', ":2:2:", "not JSON"),
        ('{"id": 1, "target": "A."}\n', ":1:1:", "needs kind, errors"),
        ("[1, 2]\n", ":1:1:", "needs id"),
    ],
)
def test_a_bad_set_is_one_line_naming_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, where: str, why: str
) -> None:
    labelled = tmp_path / "bad.jsonl"
    labelled.write_text(content, encoding="utf-8")
    output = tmp_path / "numbers.json"
    assert evaluation.main([str(labelled), "--output", str(output)]) == 2
    error = capsys.readouterr().err
    assert f"bad.jsonl{where}" in error and why in error
    assert error.count("\n") == 1 and "Traceback" not in error
    assert not output.exists()


def test_a_missing_set_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluation.main([str(tmp_path / "none.jsonl"), "--output", str(tmp_path / "o")]) == 2
    assert "none.jsonl: no such file" in capsys.readouterr().err

"""The JSON report written in pieces is byte for byte what one json.dumps call writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit import __version__
from audit.engine import Auditor, summarise
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import RunResult
from audit.readers import load_document
from audit.reporters.json import file_dict, iter_json, render_json, summary_dict
from audit.selection import RuleSelection

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpora" / "samples"


def _whole(result: RunResult) -> str:
    report = {
        "tool": {"name": "tqa", "version": __version__},
        "files": [file_dict(f) for f in result.files],
        "summary": summary_dict(result),
        "signature": dict(result.signature),
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _run(*documents: tuple[str, str | None], select: tuple[str, ...] = ()) -> RunResult:
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    auditor = Auditor.build(glossary, "de", "en", RuleSelection(select, (), {}))
    loaded = [
        load_document(path, source_lang="de", target_lang="en", source_path=source)
        for path, source in documents
    ]
    return summarise((auditor.audit(d) for d in loaded), auditor, glossary)


@pytest.mark.parametrize(
    "documents",
    [
        ((str(REPO / "corpora" / "eval" / "deen.jsonl"), None),),
        ((str(SAMPLES / "article.en.txt"), str(SAMPLES / "article.de.txt")),),
        (
            (str(SAMPLES / "article.en.txt"), None),
            (str(REPO / "corpora" / "eval" / "deen.jsonl"), None),
        ),
    ],
)
def test_pieces_join_to_the_single_dump(documents: tuple[tuple[str, str | None], ...]) -> None:
    result = _run(*documents)
    assert result.total > 0
    assert render_json(result) == _whole(result)
    assert len(list(iter_json(result))) > result.total  # findings really come one by one


def test_a_file_without_findings_keeps_an_empty_list(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("The talks continue.\n", encoding="utf-8")
    result = _run((str(clean), None), select=("ART001",))
    assert result.total == 0
    text = render_json(result)
    assert text == _whole(result) and '"findings": []' in text


def test_text_that_looks_like_the_placeholder_is_kept_as_text(tmp_path: Path) -> None:
    # A finding whose own text holds what the skeleton uses as a placeholder must not be cut.
    odd = tmp_path / "odd.jsonl"
    target = "The the tqa-findings-0 \\u0000tqa-findings-0 placeholder."
    odd.write_text(
        json.dumps({"id": 1, "source": "Der Platzhalter.", "target": target}) + "\n",
        encoding="utf-8",
    )
    result = _run((str(odd), None))
    assert result.total > 0
    assert render_json(result) == _whole(result)
    assert json.loads(render_json(result))["files"][0]["findings"][0]["segment"] == "1"

"""References on `tqa check`: attached to articles and bitext, metrics reported, bad input refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sacrebleu

from audit.readers import load_document
from audit.references import attach_references
from tests.conftest import SAMPLES, run_cli

REFERENCE = SAMPLES / "article.ref.en.txt"


def _json(*args: object) -> dict[str, Any]:
    result = run_cli(["check", "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_sample_reference_pairs_the_article_and_skips_the_scraped_lines(sample: Path) -> None:
    document = load_document(str(sample), source_lang="de", target_lang="en")
    with_refs = attach_references(document, [str(REFERENCE)], article=True)
    paired = {s.text: s.reference for s in with_refs.segments}
    assert paired[
        "Accordingly, among the 105 attendees were representatives from 14 NATO countries."
    ] == (
        "According to the ministry, the 105 attendees included representatives from 14 NATO "
        "countries."
    )
    assert paired["source site-34"] is None
    assert paired["."] is None
    headline = next(s for s in with_refs.segments if s.line == 1)
    assert headline.reference is not None
    assert headline.reference.startswith("No easing of tensions in sight")
    repeated = [s for s in with_refs.segments if s.line in (3, 4)]
    assert repeated and all(s.reference is None for s in repeated)


def test_check_reports_metrics_equal_to_sacrebleu(sample: Path) -> None:
    report = _json(sample, "--reference", REFERENCE)
    (file,) = report["files"]
    assert set(file["metrics"]) == {"bleu", "chrf", "ter"}
    document = attach_references(
        load_document(str(sample), source_lang="de", target_lang="en"), [str(REFERENCE)], True
    )
    pairs = [(s.text, s.reference) for s in document.segments if s.reference is not None]
    hyps = [h for h, _ in pairs]
    refs = [[r or "" for _, r in pairs]]
    bleu = sacrebleu.metrics.BLEU()
    assert file["metrics"]["bleu"]["score"] == bleu.corpus_score(hyps, refs).score
    assert file["metrics"]["bleu"]["signature"] == str(bleu.get_signature())
    assert 0 < file["metrics"]["ter"]["score"] < 20
    assert "score" in file


def test_bitext_reference_lines(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a",
            "source": "Ein Termin steht noch nicht fest.",
            "target": "A date has not been set.",
        },
        {"id": "b", "source": "Keine Entspannung in Sicht.", "target": "No relaxation in sight."},
    ]
    path = tmp_path / "b.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    ref = tmp_path / "ref.txt"
    ref.write_text("A date has not been set yet.\nNo easing of tensions in sight.\n", "utf-8")
    report = _json(path, "--reference", ref, "--select", "REF001")
    findings = report["files"][0]["findings"]
    assert [f["segment"] for f in findings] == ["b"]
    assert findings[0]["severity"] == "info"
    assert float(findings[0]["evidence"]["chrf"]) < 50
    assert report["files"][0]["metrics"]["chrf"]["score"] > 0


def test_bad_references_exit_2(tmp_path: Path, sample: Path) -> None:
    path = tmp_path / "b.tsv"
    path.write_text("Eins.\tOne.\nZwei.\tTwo.\n", encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text("One.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run_cli(["check", path, "--reference", short])
    assert result.exit_code == 2
    assert "1 segments" in result.stderr and "has 2" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    result = run_cli(["check", path, "--reference", empty])
    assert result.exit_code == 2 and "empty" in result.stderr
    result = run_cli(["check", sample, "--reference", empty])
    assert result.exit_code == 2 and "empty" in result.stderr


def test_diff_in_text_and_json(sample: Path) -> None:
    result = run_cli(["check", sample, "--reference", REFERENCE, "--diff", "--fail-on", "never"])
    assert result.exit_code == 0
    assert f"{sample}:1:1 diff No [-relaxation-]{{+easing of tensions+}} in sight" in result.stdout
    report = _json(sample, "--reference", REFERENCE)
    diffs = {d["segment"]: d["ops"] for d in report["files"][0]["diffs"]}
    headline = diffs["1"]
    assert "".join(op["hypothesis"] for op in headline).startswith("No relaxation in sight")
    assert "".join(op["reference"] for op in headline).startswith("No easing of tensions")
    assert {
        "op": "replace",
        "hypothesis": "relaxation",
        "reference": "easing of tensions",
    }.items() <= next(op for op in headline if op["op"] != "equal").items()

"""A newsroom repository of incoming copy, audited the way CI runs tqa: as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

CONFIG = """\
source-lang = "de"
target-lang = "en"
fail-on = "error"
ignore = ["TYPO003"]
exclude = ["drafts/*"]

[[pairs]]
source = "{stem}.{src}.md"
target = "{stem}.{tgt}.md"

[severity]
SPELL001 = "error"
"""

FILES = {
    "incoming/budget.de.md": "Die Regierung hat am Montag 3,5 Millionen Euro bewilligt.\n",
    "incoming/budget.en.md": "The government approved 3,5 million euros on Monday.\n",
    "incoming/talks.de.md": "Der Generalsekretär der NATO traf Lawrow in Genf.\n",
    "incoming/talks.en.md": "The NATO General Secretary met Lavrov in Geneva.\n",
    "incoming/lone.en.md": "The ministry did not recieve the letter.\n",
    "incoming/drafts/wip.en.md": "This draft has teh typo.\n",
}


def _tqa(repo: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    completed = subprocess.run(
        [sys.executable, "-m", "audit", "check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=repo,
        timeout=300,
        check=False,
    )
    report = json.loads(completed.stdout) if completed.stdout.startswith("{") else {}
    return completed.returncode, report, completed.stderr


def _by_file(report: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    return {
        Path(f["path"]).name: [(x["rule"], x["text"]) for x in f["findings"]]
        for f in report["files"]
    }


def test_incoming_copy_with_config_pairs_and_baseline(tmp_path: Path) -> None:
    repo = tmp_path / "newsroom"
    for name, text in {**FILES, "tqa.toml": CONFIG}.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    code, report, stderr = _tqa(repo, "incoming", "--format", "json")
    assert code == 1, stderr
    files = _by_file(report)
    assert set(files) == {"budget.en.md", "talks.en.md", "lone.en.md"}  # drafts excluded
    assert ("LOC001", "3,5") in files["budget.en.md"]
    assert ("TERM001", "General Secretary") in files["talks.en.md"]
    # The config raised SPELL001 to an error; the lone target was audited without a source.
    assert ("SPELL001", "recieve") in files["lone.en.md"]
    spelling = next(x for f in report["files"] for x in f["findings"] if x["rule"] == "SPELL001")
    assert spelling["severity"] == "error"
    assert "lone.en.md: no source file found; audited without one" in stderr
    sources = {Path(f["path"]).name: f.get("source") for f in report["files"]}
    assert sources["budget.en.md"] == str(Path("incoming") / "budget.de.md")
    total = report["summary"]["findings"]

    # Accept today's findings, then edit: an unrelated paragraph above, and one new error.
    code, _, _ = _tqa(repo, "incoming", "--format", "json", "--write-baseline", "baseline.json")
    assert code == 1
    baseline = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    assert len(baseline["findings"]) == total
    talks = repo / "incoming" / "talks.en.md"
    talks.write_text(
        "The delegations arrived in Geneva on Sunday evening.\n\n"
        + talks.read_text(encoding="utf-8")
        + "\nThe talks cost 1,5 billion euros.\n",
        encoding="utf-8",
    )
    (repo / "incoming" / "talks.de.md").write_text(
        "Die Delegationen trafen am Sonntagabend in Genf ein.\n\n"
        + FILES["incoming/talks.de.md"]
        + "\nDie Gespräche kosteten 1,5 Milliarden Euro.\n",
        encoding="utf-8",
    )
    code, report, stderr = _tqa(repo, "incoming", "--format", "json", "--baseline", "baseline.json")
    assert code == 1, stderr
    files = _by_file(report)
    assert files["budget.en.md"] == [] and files["lone.en.md"] == []
    assert files["talks.en.md"] == [("LOC001", "1,5")]  # the baselined title stays hidden
    assert f"{total} findings in the baseline not reported" in stderr

    # Fixing the new error makes the run pass.
    talks.write_text(
        talks.read_text(encoding="utf-8").replace("1,5 billion", "1.5 billion"), encoding="utf-8"
    )
    code, report, _ = _tqa(repo, "incoming", "--format", "json", "--baseline", "baseline.json")
    assert code == 0
    assert report["summary"]["findings"] == 0


def test_config_errors_name_the_file_and_key(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.en.md").write_text("Fine copy.\n", encoding="utf-8")
    for text, expected in [
        ('fial-on = "error"\n', "fial-on"),
        ('min-score = "high"\n', "min-score"),
        ('select = ["NOPE999"]\n', "NOPE999"),
    ]:
        (repo / "tqa.toml").write_text(text, encoding="utf-8")
        code, _, stderr = _tqa(repo, "a.en.md")
        assert code == 2
        assert stderr.count("\n") == 1
        assert "tqa.toml" in stderr and expected in stderr

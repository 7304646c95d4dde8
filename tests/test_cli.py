"""The ``tqa`` command line: what it finds in the sample, its JSON and HTML contracts, exit codes."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_cli

from audit import __version__
from audit.checks import ALL_RULES
from audit.glossary import default_glossary_paths
from audit.readers import load_document

# --- what the sample article yields -------------------------------------------------------


def _report(*args: object) -> dict[str, Any]:
    result = run_cli(["check", *args, "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


@pytest.fixture(scope="module")
def findings(sample: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = _report(sample)["files"][0]["findings"]
    return items


@pytest.fixture(scope="module")
def bilingual_findings(sample: Path, sample_de: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = _report(sample, "--source", sample_de)["files"][0]["findings"]
    return items


def _find(items: list[dict[str, Any]], text: str, line: int | None = None) -> dict[str, Any]:
    hits = [f for f in items if text in f["text"] and (line is None or f["line"] == line)]
    assert hits, f"nothing flagged containing {text!r}" + (f" on line {line}" if line else "")
    return hits[0]


@pytest.mark.parametrize(
    ("text", "line", "suggestion"),
    [
        ("General Secretary", 22, "Secretary General"),
        ("Kosak", 24, "Kozak"),
        ("Dmitri", 24, "Dmitry"),
        ("relaxation", 1, "easing of tensions"),
        ("Accordingly", 10, "according to"),
        ("tighten its threats", 6, "step up"),
    ],
)
def test_sample_errors_with_suggestions(
    findings: list[dict[str, Any]], text: str, line: int, suggestion: str
) -> None:
    found = _find(findings, text, line)
    assert found["suggestions"][0] == suggestion
    assert found["severity"] in ("warning", "error")


@pytest.mark.parametrize(
    ("text", "line", "rule"),
    [
        ("source site-34", 27, "ART001"),
        (".", 26, "ART002"),
        ("No relaxation in sight", 3, "ART003"),
        ("Moscow warns NATO of armed conflict", 4, "ART003"),
    ],
)
def test_sample_artefacts(findings: list[dict[str, Any]], text: str, line: int, rule: str) -> None:
    found = [f for f in findings if f["line"] == line and f["rule"] == rule]
    assert [f["text"] for f in found] == [text]
    assert found[0]["severity"] == "error"


@pytest.mark.parametrize(
    "name",
    ["Stoltenberg", "Scholz", "Plötner", "Putin", "Biden", "Fomin", "NATO-Russia Council"],
)
@pytest.mark.parametrize("mode", ["findings", "bilingual_findings"])
def test_sample_correct_names_are_not_flagged(
    name: str, mode: str, request: pytest.FixtureRequest
) -> None:
    items: list[dict[str, Any]] = request.getfixturevalue(mode)
    assert items
    flagged = [f for f in items if f["severity"] in ("warning", "error") and name in f["text"]]
    assert flagged == []


def test_calques_are_warnings_without_a_source(findings: list[dict[str, Any]]) -> None:
    for text, line in (("Accordingly", 10), ("relaxation", 1)):
        found = _find(findings, text, line)
        assert (found["rule"], found["severity"]) == ("FF001", "warning")


def test_calques_are_errors_with_the_german_source(
    bilingual_findings: list[dict[str, Any]],
) -> None:
    for text, line in (("Accordingly", 10), ("relaxation", 1)):
        found = _find(bilingual_findings, text, line)
        assert (found["rule"], found["severity"]) == ("FF002", "error")


def test_source_confirms_tighten_its_threats(bilingual_findings: list[dict[str, Any]]) -> None:
    # needs the duplicated headline (lines 3-4) kept out of the alignment: otherwise every
    # sentence of the next paragraph gets its neighbour's source
    found = _find(bilingual_findings, "tighten its threats", 6)
    assert (found["rule"], found["severity"]) == ("FF002", "error")
    assert [f for f in bilingual_findings if f["rule"] == "TERM002"] == []


# --- JSON contract ------------------------------------------------------------------------

FINDING_KEYS = {
    "rule",
    "name",
    "category",
    "severity",
    "segment",
    "line",
    "column",
    "start",
    "end",
    "text",
    "message",
    "suggestions",
    "evidence",
}


def test_json_contract(sample: Path) -> None:
    report = _report(sample)
    assert set(report) == {"tool", "files", "summary", "signature"}
    assert report["tool"] == {"name": "tqa", "version": __version__}
    (file,) = report["files"]
    assert set(file) == {
        "path",
        "source_lang",
        "target_lang",
        "segments",
        "words",
        "findings",
        "score",
    }
    assert (file["path"], file["source_lang"], file["target_lang"]) == (str(sample), "de", "en")
    weights = {"error": 25, "warning": 5, "info": 1}
    penalty = sum(weights[f["severity"]] for f in file["findings"])
    assert file["score"]["penalty"] == penalty
    assert file["score"]["words"] == file["words"]
    assert file["score"]["mqm"] == round(100 - penalty * 1000 / file["words"], 2)
    segments = load_document(str(sample), source_lang="de", target_lang="en").segments
    assert file["segments"] == len(segments) > 30 and file["words"] > 500
    for finding in file["findings"]:
        assert set(finding) == FINDING_KEYS
        assert isinstance(finding["suggestions"], list)
        assert finding["rule"] in {m.code for m in ALL_RULES}
    summary = report["summary"]
    assert set(summary) == {"findings", "error", "warning", "info"}
    assert summary["findings"] == len(file["findings"])
    assert summary["findings"] == summary["error"] + summary["warning"] + summary["info"]
    assert summary["error"] == sum(f["severity"] == "error" for f in file["findings"])
    assert report["signature"]["tool"] == f"tqa {__version__}"
    glossary_names = {Path(p).name for p in default_glossary_paths("de", "en")}
    assert {g.split("#")[0] for g in report["signature"]["glossaries"].split(",")} == glossary_names


def test_json_with_source_adds_alignment(sample: Path, sample_de: Path) -> None:
    (file,) = _report(sample, "--source", sample_de)["files"]
    assert set(file) >= {"alignment", "unaligned_source_segments"}
    assert len(file["alignment"]) == file["segments"]
    assert file["alignment"][0] == {"segment": "1", "source_segments": ["1"]}


def test_json_is_byte_identical_across_runs(sample: Path, tmp_path: Path) -> None:
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"report{n}.json"
        result = run_cli(["check", sample, "--format", "json", "--output", out])
        assert result.exit_code == 1
        assert result.stdout == ""
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["findings"] > 0


def test_text_report_lines_look_like_a_linter(sample: Path) -> None:
    result = run_cli(["check", sample])
    lines = result.stdout.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(sample))}:22:\d+ error TERM001 .*→ Secretary General.*",
        next(ln for ln in lines if "TERM001" in ln),
    )
    assert re.fullmatch(r"\d+ findings \(\d+ error, \d+ warning, \d+ info\) in 1 file", lines[-1])


# --- exit codes ---------------------------------------------------------------------------


def test_exit_one_with_errors_and_zero_with_fail_on_never(sample: Path) -> None:
    assert run_cli(["check", sample]).exit_code == 1
    assert run_cli(["check", sample, "--fail-on", "never"]).exit_code == 0


def test_fail_on_threshold(tmp_path: Path) -> None:
    article = tmp_path / "warn.txt"
    article.write_text(
        "Accordingly, the talks will resume on Monday.\n", encoding="utf-8"
    )
    assert run_cli(["check", article]).exit_code == 0  # a warning only
    assert run_cli(["check", article, "--fail-on", "warning"]).exit_code == 1
    assert run_cli(["check", article, "--fail-on", "warning", "--ignore", "FF001"]).exit_code == 0
    assert run_cli(["check", article, "--severity", "FF001=error"]).exit_code == 1


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[object], str]]:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Die Straße in Köln\n".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\n\n")
    jsonl = tmp_path / "bitext.jsonl"
    jsonl.write_text(
        '{"id": 1, "target": "Moscow warns NATO."}\n\n{"id": 2, "target": \n', encoding="utf-8"
    )
    glossary = tmp_path / "mine.tsv"
    glossary.write_text(
        "# my terms\nkind\tsource\tpreferred\nterm\tKreml\tKremlin\n", encoding="utf-8"
    )
    sample = REPO / "corpora" / "samples" / "article.en.txt"
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "notes.pdf").write_bytes(b"%PDF")
    return {
        "missing file": ([tmp_path / "nope.txt"], "no such file"),
        "folder without copy": ([nothing], "no files to audit"),
        "binary file": ([binary], "binary file"),
        "non-UTF-8 text": ([latin1], f"{latin1}:1:9: not valid UTF-8"),
        "empty file": ([empty], "empty file"),
        "malformed JSONL": ([jsonl], f"{jsonl}:3:"),
        "glossary missing column": ([sample, "--glossary", glossary], f"{glossary}:2:"),
        "missing source": ([sample, "--source", tmp_path / "nope.de.txt"], "no such file"),
        "unknown rule": ([sample, "--select", "XYZ001"], "unknown rule 'XYZ001'"),
        "bad severity": ([sample, "--severity", "FF001=fatal"], "--severity expects"),
    }


BAD_INPUTS = [
    "missing file",
    "folder without copy",
    "binary file",
    "non-UTF-8 text",
    "empty file",
    "malformed JSONL",
    "glossary missing column",
    "missing source",
    "unknown rule",
    "bad severity",
]


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_2_with_one_clean_line(case: str, tmp_path: Path) -> None:
    args, expected = _bad_inputs(tmp_path)[case]
    output, page = tmp_path / "out" / "report.json", tmp_path / "out" / "report.html"
    result = run_cli(["check", *args, "--format", "json", "--output", output, "--html", page])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    message = result.stderr
    assert message.endswith("\n") and message.count("\n") == 1
    assert message.startswith("tqa: error: ")
    assert expected in message
    assert not output.exists() and not page.exists()


def test_deeply_nested_jsonl_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "\n", encoding="utf-8")
    result = run_cli(["check", path])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tqa: error: {path}:1:")


# --- HTML report --------------------------------------------------------------------------

REMOTE = re.compile(
    r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.I,
)


def test_html_report_is_self_contained(sample: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = run_cli(["check", sample, "--html", page])
    assert result.exit_code == 1
    assert result.stdout.strip()  # the text report still goes to stdout
    content = page.read_text(encoding="utf-8")
    assert content.count("<mark") >= 10
    assert '<meta http-equiv="Content-Security-Policy"' in content
    # Only the page's own script and its (inert) JSON data block.
    assert re.findall(r"<script\b[^>]*>", content, re.I) == [
        '<script type="application/json" id="tqa-data">',
        "<script>",
    ]
    assert not REMOTE.search(content)
    assert 'style="' not in content  # inline style attributes would be blocked by the CSP


def test_html_style_hash_matches_the_csp(sample: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    run_cli(["check", sample, "--html", page])
    content = page.read_text(encoding="utf-8")
    css = re.search(r"<style>(.*?)</style>", content, re.S)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', content)
    assert css and csp
    digest = base64.b64encode(hashlib.sha256(css.group(1).encode()).digest()).decode()
    policy = html.unescape(csp.group(1))
    assert f"style-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy


def test_html_escapes_the_audited_text(tmp_path: Path) -> None:
    article = tmp_path / "xss.txt"
    article.write_text(
        "The Bundesregierung said <script>alert(1)</script> on Tuesday.\n\n"
        'See <img src="https://evil.example/x.png"> and https://example.org/page now.\n',
        encoding="utf-8",
    )
    page = tmp_path / "report.html"
    result = run_cli(["check", article, "--html", page, "--fail-on", "never"])
    assert result.exit_code == 0
    content = page.read_text(encoding="utf-8")
    assert "<script>alert" not in content.lower()
    assert len(re.findall(r"<script\b", content, re.I)) == 2  # the page's own two
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<img" not in content
    assert not REMOTE.search(content)
    assert "<mark" in content


def test_html_format_on_stdout(sample: Path) -> None:
    result = run_cli(["check", sample, "--format", "html"])
    assert result.exit_code == 1
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "Secretary General" in result.stdout


# --- other commands -----------------------------------------------------------------------


def test_rules_lists_every_code() -> None:
    result = run_cli(["rules"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.strip()]
    assert listed == [m.code for m in ALL_RULES]
    rows = json.loads(run_cli(["rules", "--format", "json"]).stdout)
    assert [r["code"] for r in rows] == [m.code for m in ALL_RULES]
    assert all(r["summary"] and r["severity"] in ("error", "warning", "info") for r in rows)


def test_glossary_check_reports_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "kind\tsource\tpreferred\twrong\tcontext\tnote\n"
        "term\tKreml\tKremlin\t\t\tAP\n"
        "term\tKreml\tKremlin\t\t\t\n"
        "thing\tKreml\tKremlin\t\t\tAP\n",
        encoding="utf-8",
    )
    result = run_cli(["glossary", "check", path])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:3:") and "note" in lines[0]
    assert lines[1].startswith(f"{path}:4:") and "unknown kind" in lines[1]


def test_glossary_check_passes_on_the_shipped_glossaries() -> None:
    paths = default_glossary_paths("de", "en")
    assert paths
    result = run_cli(["glossary", "check", *paths])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("no problems") == len(paths)


def test_glossary_check_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_cli(["glossary", "check", tmp_path / "nope.tsv"])
    assert result.exit_code == 2
    assert "no such file" in result.stderr and "Traceback" not in result.output


def test_version() -> None:
    result = run_cli(["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_real_subprocess_prints_json_and_exits_1(sample: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "audit", "check", str(sample), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    report = json.loads(completed.stdout)
    assert report["summary"]["error"] > 0
    assert completed.stderr == ""


def test_min_score_fails_the_run_below_the_threshold(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The ministry did not recieve the letter until Monday.\n", encoding="utf-8")
    # One warning (5) over 10 words: 100 - 500 = -400.
    assert run_cli(["check", path, "--fail-on", "never"]).exit_code == 0
    assert run_cli(["check", path, "--fail-on", "never", "--min-score", "-500"]).exit_code == 0
    assert run_cli(["check", path, "--fail-on", "never", "--min-score", "50"]).exit_code == 1
    weights = ["check", path, "--fail-on", "never", "--score-weights", "warning=0"]
    assert run_cli([*weights, "--min-score", "100"]).exit_code == 0
    bad = run_cli(["check", path, "--score-weights", "fatal=3"])
    assert bad.exit_code == 2
    assert "fatal=3" in bad.stderr


def test_html_dir_writes_a_report_per_file_and_an_index(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "a.en.md").write_text("The ministry did not recieve the letter.\n", encoding="utf-8")
    (copy / "b.en.md").write_text("A date has not yet been set.\n", encoding="utf-8")
    out = tmp_path / "reports"
    result = run_cli(["check", copy, "--html-dir", out, "--fail-on", "never", "--quiet"])
    assert result.exit_code == 0, result.output
    pages = sorted(p.name for p in out.iterdir())
    assert "index.html" in pages and len(pages) == 3
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in pages:
        if page != "index.html":
            assert f'href="{page}"' in index

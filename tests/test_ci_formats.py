"""CI output formats: SARIF, JUnit XML, GitHub workflow commands and GitLab Code Quality."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES

from audit import __version__
from audit.checks.base import finding, rule
from audit.engine import Auditor, run
from audit.fingerprint import fingerprints
from audit.glossary import Glossary, default_glossary_paths, load_glossaries
from audit.model import Document, FileResult, RunResult, Segment, Severity, Skipped
from audit.readers import load_document
from audit.reporters.github import (
    ERROR_LIMIT,
    NOTICE_LIMIT,
    WARNING_LIMIT,
    escape_data,
    escape_property,
    render_github,
)
from audit.reporters.gitlab import render_gitlab
from audit.reporters.junit import render_junit
from audit.reporters.sarif import FINGERPRINT_KEY, render_sarif
from audit.selection import RuleSelection

RENDERERS: dict[str, Callable[[RunResult], str]] = {
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
    "gitlab": render_gitlab,
}

ARTICLE = SAMPLES / "article.en.txt"
SOURCE = SAMPLES / "article.de.txt"

# --- runs to render -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(default_glossary_paths("de", "en"))


@pytest.fixture(scope="module")
def auditor(glossary: Glossary) -> Auditor:
    return Auditor.build(glossary, "de", "en", RuleSelection())


def _audit(auditor: Auditor, glossary: Glossary, path: Path, source: Path | None) -> RunResult:
    document = load_document(
        str(path),
        source_lang="de",
        target_lang="en",
        source_path=None if source is None else str(source),
    )
    return run([document], auditor, glossary)


@pytest.fixture(scope="module")
def sample_run(auditor: Auditor, glossary: Glossary) -> RunResult:
    result = _audit(auditor, glossary, ARTICLE, SOURCE)
    assert result.total > 5, "the sample article should yield findings to render"
    return result


# Everything a report format can choke on: its own delimiters, markup, CDATA ends, a NUL and
# a bell, an emoji (one code point, two UTF-16 units) and a line break inside the segment.
HOSTILE_TEXT = 'Price: 100%, "a,b" <script>alert(1)</script> ]]>\n\x00\x07 bell 😀 end'
HOSTILE_PATH = "docs/we ird,na:me%.txt"
HOSTILE_MESSAGE = "bad: 50% off,\nnext <script>]]>\x00 😀"
HOSTILE_RULES = (
    rule("HOS001", "hostile-error", "fluency/punctuation", Severity.ERROR, "Summary.\nLonger."),
    rule("HOS002", "hostile-warning", "fluency/grammar", Severity.WARNING, "Summary only."),
    rule("HOS003", "hostile-info", "style/awkward", Severity.INFO, "Info <b>&</b>."),
)


def _hostile_run(copies: int = 1, lines_above: int = 0) -> RunResult:
    segment = Segment(id="s1", text=HOSTILE_TEXT, line=3 + lines_above, column=5)
    error, warning, info = HOSTILE_RULES
    newline = HOSTILE_TEXT.index("\n")
    emoji = HOSTILE_TEXT.index("😀")
    findings = []
    for _ in range(copies):
        findings += [
            # "100%, " — on the first line, after a colon and with a comma.
            finding(error, segment, 7, 13, HOSTILE_MESSAGE, ["a,b", "c:d%"]),
            # Across the line break.
            finding(warning, segment, newline - 3, newline + 3, HOSTILE_MESSAGE),
            finding(info, segment, emoji, emoji + 1, "emoji 😀 here"),
        ]
    document = Document(HOSTILE_PATH, (segment,))
    return RunResult((FileResult(document, tuple(findings), words=9),), HOSTILE_RULES)


@pytest.fixture(scope="module")
def hostile_run() -> RunResult:
    return _hostile_run()


def _clean_run() -> RunResult:
    document = Document(
        "clean.po",
        (Segment("1", "All good."),),
        skipped=(Skipped("7", line=12, column=1, reason="fuzzy"),),
    )
    return RunResult((FileResult(document, (), words=2),), ())


# --- all formats --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_output_is_byte_identical_across_runs(
    name: str, auditor: Auditor, glossary: Glossary, sample_run: RunResult
) -> None:
    render = RENDERERS[name]
    again = _audit(auditor, glossary, ARTICLE, SOURCE)
    assert render(sample_run) == render(again)
    assert render(_hostile_run()) == render(_hostile_run())


# --- SARIF --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator(shared: Path) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = shared / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"SARIF schema not found: {schema_path}")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("which", ["sample", "hostile", "clean"])
def test_sarif_validates_against_the_official_schema(
    which: str, sarif_validator: Any, sample_run: RunResult, hostile_run: RunResult
) -> None:
    result = {"sample": sample_run, "hostile": hostile_run, "clean": _clean_run()}[which]
    log = json.loads(render_sarif(result))
    errors = sorted(sarif_validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_validator_rejects_a_broken_log(sarif_validator: Any, hostile_run: RunResult) -> None:
    # The schema check above must be able to fail: a region with a line 0 is not SARIF.
    log = json.loads(render_sarif(hostile_run))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(sarif_validator.iter_errors(log))


def test_sarif_driver_rules_and_levels(sample_run: RunResult) -> None:
    run_ = json.loads(render_sarif(sample_run))["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("tqa", __version__)
    assert "informationUri" not in driver
    rules = driver["rules"]
    assert [r["id"] for r in rules] == [m.code for m in sample_run.rules]
    meta = sample_run.rules[0]
    assert rules[0]["name"] == meta.name
    assert rules[0]["shortDescription"]["text"] == meta.summary
    assert rules[0]["fullDescription"]["text"] == meta.explanation
    assert rules[0]["properties"]["category"] == meta.category
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for r, m in zip(rules, sample_run.rules):
        assert r["defaultConfiguration"]["level"] == levels[m.severity.value]
    findings = sample_run.files[0].findings
    assert len(run_["results"]) == len(findings)
    for item, res in zip(findings, run_["results"]):
        assert res["ruleId"] == item.rule
        assert rules[res["ruleIndex"]]["id"] == item.rule
        assert res["level"] == levels[item.severity.value]
        assert res["message"]["text"].startswith(item.message)
        if item.suggestions:
            assert f"→ {item.suggestions[0]}" in res["message"]["text"]


def test_sarif_regions_point_at_the_flagged_text_in_the_file(sample_run: RunResult) -> None:
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    results = json.loads(render_sarif(sample_run))["runs"][0]["results"]
    for item, res in zip(sample_run.files[0].findings, results):
        location = res["locations"][0]["physicalLocation"]
        # The sample was audited by its absolute path: a file URI, no base to resolve against.
        assert location["artifactLocation"] == {"uri": ARTICLE.as_uri(), "index": 0}
        region = location["region"]
        assert region["startLine"] == region["endLine"] == item.line
        line = lines[region["startLine"] - 1]
        # Columns are 1-based, the end exclusive, counted in characters.
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == item.text


def test_sarif_multiline_region_and_code_point_columns(hostile_run: RunResult) -> None:
    results = json.loads(render_sarif(hostile_run))["runs"][0]["results"]
    error, across, emoji = (r["locations"][0]["physicalLocation"] for r in results)
    # Segment starts at line 3, column 5; "100%, " is at offset 7.
    assert error["region"] == {
        "startLine": 3,
        "startColumn": 12,
        "endLine": 3,
        "endColumn": 18,
        "snippet": {"text": "100%, "},
    }
    # "]]>", the line break, then NUL and bell: it ends on line 4 before column 3.
    assert (across["region"]["startLine"], across["region"]["endLine"]) == (3, 4)
    assert across["region"]["endColumn"] == 3
    # The emoji is one code point: a one-column region.
    width = emoji["region"]["endColumn"] - emoji["region"]["startColumn"]
    assert (emoji["region"]["startLine"], width) == (4, 1)
    assert emoji["region"]["snippet"]["text"] == "😀"
    # A relative path becomes a forward-slash URI reference under %SRCROOT%, percent-encoded.
    assert error["artifactLocation"] == {
        "uri": "docs/we%20ird%2Cna%3Ame%25.txt",
        "uriBaseId": "%SRCROOT%",
        "index": 0,
    }
    message = results[0]["message"]["text"]
    assert message == HOSTILE_MESSAGE + " → a,b | c:d%"


def test_sarif_absolute_path_is_a_file_uri(tmp_path: Path) -> None:
    document = Document(str(tmp_path / "a b.txt"), (Segment("1", "x"),))
    log = json.loads(render_sarif(RunResult((FileResult(document, (), words=1),), ())))
    location = log["runs"][0]["artifacts"][0]["location"]
    assert location == {"uri": (tmp_path / "a b.txt").as_uri()}
    assert location["uri"].startswith("file:///") and "%20" in location["uri"]


def _sarif_fingerprints(result: RunResult) -> dict[str, int]:
    results = json.loads(render_sarif(result))["runs"][0]["results"]
    return {
        r["partialFingerprints"][FINGERPRINT_KEY]: r["locations"][0]["physicalLocation"]["region"][
            "startLine"
        ]
        for r in results
    }


def test_fingerprints_survive_a_paragraph_inserted_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, auditor: Auditor, glossary: Glossary
) -> None:
    monkeypatch.chdir(tmp_path)
    article = Path("article.en.txt")
    original = ARTICLE.read_text(encoding="utf-8")
    article.write_text(original, encoding="utf-8")
    before = _sarif_fingerprints(_audit(auditor, glossary, article, None))
    assert before == _sarif_fingerprints(_audit(auditor, glossary, article, None))

    # A plain new paragraph after the lead (line 6), so every later finding moves down two lines.
    lines = original.split("\n")
    inserted = [*lines[:7], "The weather in the capital was mild on Tuesday.", "", *lines[7:]]
    article.write_text("\n".join(inserted), encoding="utf-8")
    after = _sarif_fingerprints(_audit(auditor, glossary, article, None))

    moved = {fp: line for fp, line in before.items() if line > 7}
    assert moved, "the sample should have findings below the insertion"
    for fp, line in before.items():
        assert fp in after, f"finding on line {line} got a new fingerprint"
        assert after[fp] == (line + 2 if line > 7 else line)


def test_sarif_fingerprints_are_the_shared_fingerprints(sample_run: RunResult) -> None:
    expected = [digest for _, digest in fingerprints(sample_run.files[0])]
    results = json.loads(render_sarif(sample_run))["runs"][0]["results"]
    assert [r["partialFingerprints"][FINGERPRINT_KEY] for r in results] == expected
    assert len(set(expected)) == len(expected)


# --- JUnit XML ----------------------------------------------------------------------------


def test_junit_counts_match_the_findings(sample_run: RunResult) -> None:
    junitparser = pytest.importorskip("junitparser")
    text = render_junit(sample_run)
    xml = junitparser.JUnitXml.fromstring(text.encode("utf-8"))
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    findings = sample_run.files[0].findings
    failing = [f for f in findings if f.severity is not Severity.INFO]
    assert suite.name == sample_run.files[0].document.path
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (
        len(findings),
        len(failing),
        0,
        0,
    )
    cases = list(suite)
    assert [c.name for c in cases] == [f"{f.rule} {f.line}:{f.column}" for f in findings]
    first = cases[0].result[0]
    assert isinstance(first, junitparser.Failure)
    assert first.type == findings[0].severity.value
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    assert root.get("tests") == str(len(findings))
    assert root.get("failures") == str(len(failing))


def test_junit_survives_hostile_text(hostile_run: RunResult) -> None:
    junitparser = pytest.importorskip("junitparser")
    text = render_junit(hostile_run)
    assert "\x00" not in text and "\x07" not in text
    root = ET.fromstring(text)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == HOSTILE_PATH
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "2", "0")
    cases = suite.findall("testcase")
    failure = cases[0].find("failure")
    assert failure is not None
    # Markup, CDATA ends and the line break come back verbatim; only the NUL is gone.
    assert failure.get("message") == "bad: 50% off,\nnext <script>]]> 😀 → a,b | c:d%"
    assert failure.get("type") == "error"
    assert failure.text is not None and "flagged: 100%, " in failure.text
    # The info finding passes, with its note kept as output.
    assert cases[2].find("failure") is None
    out = cases[2].find("system-out")
    assert out is not None and out.text is not None and "emoji 😀 here" in out.text
    parsed = next(iter(junitparser.JUnitXml.fromstring(text.encode("utf-8"))))
    assert parsed.tests == 3 and parsed.failures == 2


def test_junit_clean_file_has_one_passing_case_and_skipped_units() -> None:
    root = ET.fromstring(render_junit(_clean_run()))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["unit 7 12:1", "no findings"]
    skipped = cases[0].find("skipped")
    assert skipped is not None and skipped.get("message") == "fuzzy"
    assert len(cases[1]) == 0
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("2", "0", "1")


def test_junit_repeated_case_names_are_numbered() -> None:
    result = _hostile_run(copies=2)
    suite = ET.fromstring(render_junit(result)).find("testsuite")
    assert suite is not None
    names = [c.get("name") for c in suite.findall("testcase")]
    assert len(set(names)) == len(names) == 6
    assert "HOS001 3:12 #2" in names


# --- GitHub workflow commands -------------------------------------------------------------


def test_github_escaping_rules() -> None:
    assert escape_data("100% a:b,c\r\nnext") == "100%25 a:b,c%0D%0Anext"
    assert escape_property("100% a:b,c\r\nnext") == "100%25 a%3Ab%2Cc%0D%0Anext"
    # A literal "%0A" in the text must not turn into a line break when GitHub decodes it.
    assert escape_data("%0A") == "%250A"


def test_github_annotation_lines(hostile_run: RunResult) -> None:
    lines = render_github(hostile_run).splitlines()
    assert lines[:3] == [
        "::error file=docs/we ird%2Cna%3Ame%25.txt,line=3,col=12,endColumn=17,"
        "title=HOS001 hostile-error::bad: 50%25 off,%0Anext <script>]]> 😀 → a,b | c:d%25",
        "::warning file=docs/we ird%2Cna%3Ame%25.txt,line=3,endLine=4,"
        "title=HOS002 hostile-warning::bad: 50%25 off,%0Anext <script>]]> 😀",
        "::notice file=docs/we ird%2Cna%3Ame%25.txt,line=4,col=9,endColumn=9,"
        "title=HOS003 hostile-info::emoji 😀 here",
    ]
    assert lines[3] == "tqa: 3 findings (1 error, 1 warning, 1 info) in 1 file"
    assert len(lines) == 4


def test_github_sample_columns_cover_the_flagged_text(sample_run: RunResult) -> None:
    lines = render_github(sample_run).splitlines()
    limits = dict(zip(Severity, (NOTICE_LIMIT, WARNING_LIMIT, ERROR_LIMIT)))
    shown = [
        item
        for severity in sorted(Severity, key=lambda s: -s.rank)
        for item in [f for f in sample_run.files[0].findings if f.severity is severity][
            : limits[severity]
        ]
    ]
    assert len(lines) == len(shown) + 1
    commands = {
        Severity.ERROR: "::error ",
        Severity.WARNING: "::warning ",
        Severity.INFO: "::notice ",
    }
    for item, line in zip(shown, lines):
        assert line.startswith(commands[item.severity])
        assert f",line={item.line},col={item.column}," in line
        assert f",endColumn={item.column + len(item.text) - 1}," in line
    hidden = sample_run.total - len(shown)
    assert lines[-1].startswith(f"tqa: {sample_run.total} findings (")
    assert (f"; {hidden} not annotated" in lines[-1]) == (hidden > 0)


def test_github_limits_annotate_the_most_severe_first_and_keep_the_summary() -> None:
    # 4 copies of the hostile findings, plus extra errors: 14 errors, 4 warnings, 4 notices.
    base = _hostile_run(copies=4)
    file = base.files[0]
    errors = [f for f in file.findings if f.severity is Severity.ERROR]
    extra = (*errors, *errors, *errors[:2])
    result = RunResult((FileResult(file.document, extra + file.findings, words=9),), base.rules)
    assert (result.count(Severity.ERROR), result.count(Severity.WARNING)) == (14, 4)
    lines = render_github(result).splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert kinds == ["::error"] * ERROR_LIMIT + ["::warning"] * 4 + ["::notice"] * 4
    assert ERROR_LIMIT == WARNING_LIMIT == NOTICE_LIMIT == 10
    summary = lines[-1]
    assert not summary.startswith("::")
    assert summary.startswith(
        "tqa: 22 findings (14 error, 4 warning, 4 info) in 1 file; 4 not annotated"
    )


def test_github_caps_every_kind() -> None:
    result = _hostile_run(copies=12)
    lines = render_github(result).splitlines()
    assert len(lines) == ERROR_LIMIT + WARNING_LIMIT + NOTICE_LIMIT + 1
    assert "; 6 not annotated" in lines[-1]
    # Every line is a whole command or the summary: no finding text leaks onto a line of its own.
    assert all(line.startswith(("::error ", "::warning ", "::notice ", "tqa: ")) for line in lines)


# --- GitLab Code Quality ------------------------------------------------------------------


def test_gitlab_code_quality_fields(sample_run: RunResult, hostile_run: RunResult) -> None:
    issues = json.loads(render_gitlab(sample_run))
    findings = sample_run.files[0].findings
    assert isinstance(issues, list) and len(issues) == len(findings)
    expected = [digest for _, digest in fingerprints(sample_run.files[0])]
    assert [i["fingerprint"] for i in issues] == expected
    severities = {"error": "major", "warning": "minor", "info": "info"}
    for item, issue in zip(findings, issues):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == item.rule
        assert issue["severity"] == severities[item.severity.value]
        assert issue["location"]["path"] == ARTICLE.as_posix()
        assert issue["location"]["lines"]["begin"] == item.line
        assert item.message in issue["description"]

    hostile = json.loads(render_gitlab(hostile_run))
    assert [i["severity"] for i in hostile] == ["major", "minor", "info"]
    assert hostile[1]["location"] == {"path": HOSTILE_PATH, "lines": {"begin": 3, "end": 4}}
    assert "\x00" in hostile[0]["description"]  # JSON carries any character, escaped

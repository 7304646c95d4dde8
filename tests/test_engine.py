"""The engine: spans and positions of findings, ordering, same-span dedupe, rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.checks import ALL_RULES
from audit.engine import Auditor, run
from audit.glossary import Glossary, default_glossary_paths, load_glossaries
from audit.model import Document, FileResult, Segment, Severity
from audit.readers import load_document
from audit.selection import RuleSelection, SelectionError, parse_severity_overrides


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(default_glossary_paths("de", "en"))


@pytest.fixture(scope="module")
def auditor(glossary: Glossary) -> Auditor:
    return Auditor.build(glossary, "de", "en", RuleSelection())


@pytest.fixture(scope="module")
def sample_result(auditor: Auditor, sample: Path) -> FileResult:
    return auditor.audit(load_document(str(sample), source_lang="de", target_lang="en"))


@pytest.fixture(scope="module")
def bilingual_result(auditor: Auditor, sample: Path, sample_de: Path) -> FileResult:
    document = load_document(
        str(sample), source_lang="de", target_lang="en", source_path=str(sample_de)
    )
    return auditor.audit(document)


def test_every_finding_span_is_its_text(sample_result: FileResult) -> None:
    segments = {s.id: s for s in sample_result.document.segments}
    assert len(sample_result.findings) >= 10
    for finding in sample_result.findings:
        segment = segments[finding.segment]
        assert 0 <= finding.start < finding.end <= len(segment.text)
        assert segment.text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize("which", ["sample_result", "bilingual_result"])
def test_line_and_column_point_at_the_text_in_the_file(
    which: str, request: pytest.FixtureRequest, sample: Path
) -> None:
    result: FileResult = request.getfixturevalue(which)
    lines = sample.read_text(encoding="utf-8").split("\n")
    for finding in result.findings:
        first_line = finding.text.split("\n")[0]
        assert lines[finding.line - 1][finding.column - 1 :].startswith(first_line), finding


def test_findings_are_sorted_by_position(sample_result: FileResult) -> None:
    order = {s.id: i for i, s in enumerate(sample_result.document.segments)}
    keys = [(order[f.segment], f.start, f.end) for f in sample_result.findings]
    assert keys == sorted(keys)
    positions = [(f.line, f.column) for f in sample_result.findings]
    assert positions == sorted(positions)


def test_audit_is_deterministic(auditor: Auditor, sample: Path, sample_result: FileResult) -> None:
    again = auditor.audit(load_document(str(sample), source_lang="de", target_lang="en"))
    assert again.findings == sample_result.findings
    assert again.words == sample_result.words > 500


def test_same_span_keeps_only_the_higher_priority_rule(glossary: Glossary) -> None:
    # "Kosak" is both a glossary variant (NAME001) and a transliteration (NAME003).
    segment = Segment("1", "Russian Ukraine representative Dmitri Kosak was invited.")
    doc = Document("a.txt", (segment,))
    name3 = Auditor.build(glossary, "de", "en", RuleSelection(select=("NAME003",)))
    assert [(f.rule, f.text) for f in name3.audit(doc).findings] == [("NAME003", "Kosak")]
    both = Auditor.build(glossary, "de", "en", RuleSelection(select=("NAME",)))
    findings = both.audit(doc).findings
    assert [(f.rule, f.text) for f in findings] == [("NAME001", "Dmitri"), ("NAME001", "Kosak")]


def test_overlapping_but_different_spans_are_both_kept(auditor: Auditor) -> None:
    doc = Document(
        "a.txt",
        (
            Segment(
                "1", "No relaxation in sight: Moscow warns NATO of armed conflict", paragraph=0
            ),
            Segment("2", "No relaxation in sight", paragraph=1),
            Segment("3", "Moscow warns NATO of armed conflict", paragraph=1),
        ),
    )
    findings = [(f.rule, f.text) for f in auditor.audit(doc).findings if f.segment == "2"]
    assert ("ART003", "No relaxation in sight") in findings
    assert ("FF001", "relaxation in sight") in findings


def test_blank_segments_are_not_audited(auditor: Auditor) -> None:
    doc = Document(
        "a.txt", (Segment("1", "   ", plain="   "), Segment("2", "`code`", ignored=((0, 6),)))
    )
    assert auditor.audit(doc).findings == ()


# --- selection ----------------------------------------------------------------------------

LOCALE_TEXT = "Some 13.000 soldiers and a „deterrent“ arrived on 9. January at 3,5 percent."


def _codes(glossary: Glossary, selection: RuleSelection, text: str = LOCALE_TEXT) -> list[str]:
    auditor = Auditor.build(glossary, "de", "en", selection)
    return [f.rule for f in auditor.audit(Document("a.txt", (Segment("1", text),))).findings]


def test_select_by_code_prefix_and_name(glossary: Glossary) -> None:
    assert _codes(glossary, RuleSelection()) == ["LOC002", "LOC003", "LOC004", "LOC001"]
    assert _codes(glossary, RuleSelection(select=("LOC002",))) == ["LOC002"]
    assert _codes(glossary, RuleSelection(select=("german-quotes", "LOC004"))) == [
        "LOC003",
        "LOC004",
    ]
    assert _codes(glossary, RuleSelection(select=("loc00",))) == [
        "LOC002",
        "LOC003",
        "LOC004",
        "LOC001",
    ]


def test_ignore_wins_over_select(glossary: Glossary) -> None:
    assert _codes(glossary, RuleSelection(ignore=("LOC003", "decimal-comma"))) == [
        "LOC002",
        "LOC004",
    ]
    assert _codes(glossary, RuleSelection(select=("LOC",), ignore=("LOC",))) == []


def test_selection_limits_the_rules_of_the_run(glossary: Glossary) -> None:
    auditor = Auditor.build(glossary, "de", "en", RuleSelection(select=("ART",)))
    assert [m.code for m in auditor.rules] == ["ART001", "ART002", "ART003"]
    result = run([Document("a.txt", (Segment("1", "."),))], auditor, glossary)
    assert result.signature["rules"] == "ART001,ART002,ART003"
    assert result.count(Severity.ERROR) == 1


def test_severity_override(glossary: Glossary) -> None:
    overrides = parse_severity_overrides(["LOC002=info", "german-quotes = error"])
    auditor = Auditor.build(glossary, "de", "en", RuleSelection(severities=overrides))
    findings = auditor.audit(Document("a.txt", (Segment("1", LOCALE_TEXT),))).findings
    severities = {f.rule: f.severity for f in findings}
    assert severities == {
        "LOC002": Severity.INFO,
        "LOC003": Severity.ERROR,
        "LOC004": Severity.ERROR,
        "LOC001": Severity.ERROR,
    }


@pytest.mark.parametrize(
    "selection",
    [
        RuleSelection(select=("XYZ001",)),
        RuleSelection(ignore=("no-such-rule",)),
        RuleSelection(severities={"TERM999": Severity.INFO}),
    ],
)
def test_unknown_rule_reference_raises(glossary: Glossary, selection: RuleSelection) -> None:
    with pytest.raises(SelectionError, match="unknown rule"):
        Auditor.build(glossary, "de", "en", selection)


@pytest.mark.parametrize("item", ["LOC002", "LOC002=fatal", "=error", "LOC002:error"])
def test_bad_severity_override_raises(item: str) -> None:
    with pytest.raises(SelectionError, match="--severity expects"):
        parse_severity_overrides([item])


def test_rule_codes_and_names_are_unique() -> None:
    codes = [m.code for m in ALL_RULES]
    names = [m.name for m in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert all(m.summary and m.category for m in ALL_RULES)

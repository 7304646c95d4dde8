"""Baselines (accepted findings by fingerprint) and inline suppression directives."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from audit.baseline import (
    apply_baseline,
    load_baseline,
    stale_entries,
    write_baseline,
)
from audit.engine import Auditor, run
from audit.errors import InputError
from audit.glossary import Glossary, default_glossary_paths, load_glossaries
from audit.model import FileResult, RuleMeta, RunResult
from audit.readers import load_document
from audit.selection import RuleSelection
from audit.suppressions import filter_suppressed, note_suppressions, parse_selectors

DECIMAL = "Inflation rose by 3,5 percent last year."
TITLE = "The General Secretary of NATO met the ministers in Brussels."
OTHER_DECIMAL = "Exports fell by 2,7 percent."
OTHER_TITLE = "NATO's General Secretary spoke on Tuesday."


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(default_glossary_paths("de", "en"))


@pytest.fixture(scope="module")
def auditor(glossary: Glossary) -> Auditor:
    return Auditor.build(glossary, "de", "en", RuleSelection())


@pytest.fixture(scope="module")
def rules(auditor: Auditor) -> dict[str, RuleMeta]:
    return {m.code: m for m in auditor.rules}


def _run(auditor: Auditor, glossary: Glossary, *paths: Path) -> RunResult:
    documents = [load_document(str(p), source_lang="de", target_lang="en") for p in paths]
    return run(documents, auditor, glossary)


def _codes(result: RunResult | FileResult) -> list[tuple[str, str]]:
    files = result.files if isinstance(result, RunResult) else (result,)
    return [(f.rule, f.text) for file in files for f in file.findings]


def _write(path: Path, *paragraphs: str) -> Path:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


# --- baseline -----------------------------------------------------------------------------


def test_baselined_findings_stay_hidden_after_unrelated_edits(
    tmp_path: Path, auditor: Auditor, glossary: Glossary
) -> None:
    article = _write(tmp_path / "report.md", "# Report", DECIMAL, TITLE)
    before = _run(auditor, glossary, article)
    assert _codes(before) == [("LOC001", "3,5"), ("TERM001", "General Secretary")]
    baseline_path = tmp_path / "baseline.json"
    write_baseline(str(baseline_path), before)

    same, hidden = apply_baseline(before, load_baseline(str(baseline_path)))
    assert (_codes(same), hidden) == ([], 2)

    # A paragraph inserted above both findings moves their lines; a new slip is added below.
    _write(
        article,
        "# Report",
        "A paragraph written later, above everything else.",
        DECIMAL,
        TITLE,
        "Exports fell by 2,7 percent.",
    )
    after = _run(auditor, glossary, article)
    assert [f.line for f in after.files[0].findings][:2] == [5, 7]
    shown, hidden = apply_baseline(after, load_baseline(str(baseline_path)))
    assert _codes(shown) == [("LOC001", "2,7")]
    assert hidden == 2
    # Everything but the findings is the run's own.
    assert shown.files[0].document is after.files[0].document
    assert shown.rules == after.rules and shown.signature == after.signature


def test_a_changed_sentence_is_a_new_finding(
    tmp_path: Path, auditor: Auditor, glossary: Glossary
) -> None:
    article = _write(tmp_path / "a.md", DECIMAL)
    baseline_path = tmp_path / "b.json"
    write_baseline(str(baseline_path), _run(auditor, glossary, article))
    _write(article, "Inflation rose by 3,5 percent in the last year.")
    changed = _run(auditor, glossary, article)
    baseline = load_baseline(str(baseline_path))
    shown, hidden = apply_baseline(changed, baseline)
    assert (_codes(shown), hidden) == ([("LOC001", "3,5")], 0)
    assert [e.text for e in stale_entries(changed, baseline)] == ["3,5"]


def test_baseline_file_format_is_sorted_and_byte_stable(
    tmp_path: Path, auditor: Auditor, glossary: Glossary
) -> None:
    first = _write(tmp_path / "b.md", TITLE, DECIMAL)
    second = _write(tmp_path / "a.md", DECIMAL)
    result = _run(auditor, glossary, first, second)
    path = tmp_path / "baseline.json"
    write_baseline(str(path), result)
    content = path.read_text(encoding="utf-8")
    data = json.loads(content)
    assert data["version"] == 1 and data["tool"] == "tqa"
    rows = [(f["path"], f["rule"], f["text"]) for f in data["findings"]]
    assert rows == [
        (str(second), "LOC001", "3,5"),
        (str(first), "LOC001", "3,5"),
        (str(first), "TERM001", "General Secretary"),
    ]
    for row in data["findings"]:
        assert set(row) == {"fingerprint", "rule", "path", "text", "message", "justification"}
        assert len(row["fingerprint"]) == 32 and row["justification"] == ""
    # The same run written again (files in another order) gives the same bytes.
    write_baseline(str(path), _run(auditor, glossary, second, first))
    assert path.read_text(encoding="utf-8") == content
    assert not list(tmp_path.glob(".baseline.json.*"))  # no temporary file left behind


def test_rewriting_keeps_justifications_of_surviving_findings(
    tmp_path: Path, auditor: Auditor, glossary: Glossary
) -> None:
    article = _write(tmp_path / "a.md", DECIMAL, TITLE)
    path = tmp_path / "baseline.json"
    write_baseline(str(path), _run(auditor, glossary, article))
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["findings"]:
        row["justification"] = f"accepted: {row['rule']}"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")

    # TERM001 is fixed, a new decimal comma appears; the baseline is written again.
    fixed = TITLE.replace("General Secretary", "Secretary General")
    _write(article, DECIMAL, fixed, OTHER_DECIMAL)
    write_baseline(str(path), _run(auditor, glossary, article))
    rows = {
        (f["rule"], f["text"]): f["justification"]
        for f in json.loads(path.read_text(encoding="utf-8"))["findings"]
    }
    assert rows == {("LOC001", "3,5"): "accepted: LOC001", ("LOC001", "2,7"): ""}


def _bad_baselines() -> dict[str, tuple[str, str]]:
    good = '{\n  "version": 1,\n  "tool": "tqa",\n  "findings": [\n'
    return {
        "syntax": ('{\n  "version": 1,\n  "tool": "tqa"\n  "findings": []\n}', ":4:3: malformed"),
        "version": (
            '{\n  "tool": "tqa",\n  "version": 2,\n  "findings": []\n}',
            ":3:14: unsupported baseline version 2",
        ),
        "version-string": (
            '{"version": "1", "tool": "tqa", "findings": []}',
            ":1:13: unsupported baseline version '1'",
        ),
        "tool": ('{"version": 1, "tool": "other", "findings": []}', ":1:24: not a tqa baseline"),
        "not-an-object": ("[1, 2]", ":1:1: a baseline must be a JSON object"),
        "findings-type": (
            '{"version": 1, "tool": "tqa", "findings": {}}',
            ':1:43: "findings" must be a list',
        ),
        "entry-type": (good + '    {"fingerprint": "a"},\n    "b"\n  ]\n}', ":6:5: finding 2"),
        "field-type": (
            good + '    {\n      "fingerprint": "a",\n      "rule": 7\n    }\n  ]\n}',
            ':7:15: finding 1: "rule" must be a string',
        ),
        "no-fingerprint": (good + '    {"rule": "LOC001"}\n  ]\n}', ":5:5: finding 1 has no"),
    }


@pytest.mark.parametrize("case", sorted(_bad_baselines()))
def test_malformed_baseline_is_one_line_input_error(case: str, tmp_path: Path) -> None:
    content, expected = _bad_baselines()[case]
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_baseline(str(path))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path) + expected), message


def test_writing_over_a_malformed_baseline_refuses(
    tmp_path: Path, auditor: Auditor, glossary: Glossary
) -> None:
    path = tmp_path / "baseline.json"
    path.write_text('{"version": 1, "tool": "tqa", "findings": [', encoding="utf-8")
    with pytest.raises(InputError):
        write_baseline(str(path), _run(auditor, glossary, _write(tmp_path / "a.md", DECIMAL)))
    assert path.read_text(encoding="utf-8").endswith("[")


def test_missing_baseline_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_baseline(str(tmp_path / "absent.json"))


# --- Markdown directives ------------------------------------------------------------------


def _audit_md(
    tmp_path: Path, auditor: Auditor, rules: dict[str, RuleMeta], text: str
) -> tuple[FileResult, FileResult, int]:
    """(findings without the directives, what the engine reports, how many it held back).

    The engine applies directives itself; ``filter_suppressed`` on its result drops nothing
    more, and on the unsuppressed result drops exactly the difference.
    """
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    document = load_document(str(path), source_lang="de", target_lang="en")
    kept = auditor.audit(document)
    assert filter_suppressed(kept, rules)[1] == 0
    plain = replace(document, segments=tuple(replace(s, suppressed=()) for s in document.segments))
    raw = auditor.audit(plain)
    filtered, dropped = filter_suppressed(replace(raw, document=document), rules)
    assert [(f.rule, f.text) for f in filtered.findings] == [
        (f.rule, f.text) for f in kept.findings
    ]
    return raw, kept, dropped


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        ("<!-- tqa-disable LOC001 -->", [("TERM001", "General Secretary")]),
        ("<!-- tqa-disable decimal-comma -->", [("TERM001", "General Secretary")]),
        ("<!-- tqa-disable LOC -->", [("TERM001", "General Secretary")]),
        ("<!-- tqa-disable TERM001, LOC001 -- both quoted verbatim -->", []),
        ("<!-- tqa-disable -->", []),
        ("<!-- tqa-disable * -->", []),
        ("<!-- tqa-disable -->\n<!-- tqa-enable LOC001 -->", [("LOC001", "3,5")]),
        ("<!-- tqa-disable-next-line LOC001 -->", [("TERM001", "General Secretary")]),
        ("<!-- tqa-disable-next-line -->", [("TERM001", "General Secretary")]),
        # The title sentence is on the line after next: out of reach.
        (
            "<!-- tqa-disable-next-line TERM001 -->",
            [("LOC001", "3,5"), ("TERM001", "General Secretary")],
        ),
    ],
)
def test_markdown_directives(
    directive: str,
    expected: list[tuple[str, str]],
    tmp_path: Path,
    auditor: Auditor,
    rules: dict[str, RuleMeta],
) -> None:
    # The next-line directives reach only the decimal sentence; regions reach both.
    text = f"# Report\n\n{directive}\n{DECIMAL}\n{TITLE}\n"
    raw, kept, dropped = _audit_md(tmp_path, auditor, rules, text)
    assert _codes(raw) == [("LOC001", "3,5"), ("TERM001", "General Secretary")]
    assert _codes(kept) == expected
    assert dropped == 2 - len(expected)


def test_enable_ends_the_region(
    tmp_path: Path, auditor: Auditor, rules: dict[str, RuleMeta]
) -> None:
    text = (
        f"<!-- tqa-disable LOC001 -->\n\n{DECIMAL}\n\n<!-- tqa-enable LOC001 -->\n\n"
        f"{OTHER_DECIMAL}\n\n<!-- tqa-disable -->\n\n{TITLE}\n\n<!-- tqa-enable -->\n\n"
        f"{OTHER_TITLE} Wages rose by 1,5 percent.\n"
    )
    raw, kept, dropped = _audit_md(tmp_path, auditor, rules, text)
    assert len(raw.findings) == 5
    assert [(f.rule, f.line) for f in kept.findings] == [
        ("LOC001", 7),
        ("TERM001", 15),
        ("LOC001", 15),
    ]
    assert dropped == 2


def test_stacked_next_line_directives_reach_the_same_line(
    tmp_path: Path, auditor: Auditor, rules: dict[str, RuleMeta]
) -> None:
    text = (
        "<!-- tqa-disable-next-line LOC001 -->\n<!-- tqa-disable-next-line TERM001 -->\n\n"
        f"{TITLE} {DECIMAL}\n\n{OTHER_TITLE}\n"
    )
    _, kept, dropped = _audit_md(tmp_path, auditor, rules, text)
    assert [(f.rule, f.line) for f in kept.findings] == [("TERM001", 6)]
    assert dropped == 2


def test_directives_in_code_are_examples_not_directives(
    tmp_path: Path, auditor: Auditor, rules: dict[str, RuleMeta]
) -> None:
    text = (
        "Write `<!-- tqa-disable -->` to switch every rule off.\n\n"
        "```markdown\n<!-- tqa-disable LOC001 -->\n```\n\n"
        f"{DECIMAL}\n\n    <!-- tqa-disable -->\n\n{TITLE}\n"
    )
    raw, kept, dropped = _audit_md(tmp_path, auditor, rules, text)
    assert dropped == 0
    assert _codes(kept) == [("LOC001", "3,5"), ("TERM001", "General Secretary")]
    assert all(not s.suppressed for s in raw.document.segments)


def test_directives_keep_offsets_and_positions(
    tmp_path: Path, auditor: Auditor, rules: dict[str, RuleMeta]
) -> None:
    text = (
        "# Report <!-- tqa-disable TERM001 -->\n\n"
        f"<!-- tqa-disable-next-line LOC002 -->\n{DECIMAL} <!-- a comment --> {TITLE}\n\n"
        f"Wages rose by 1,5 percent. <!-- tqa-enable -->{OTHER_TITLE}\n"
    )
    raw, kept, dropped = _audit_md(tmp_path, auditor, rules, text)
    lines = text.split("\n")
    segments = {s.id: s for s in raw.document.segments}
    assert [s.text for s in segments.values()] == [
        "Report",
        DECIMAL,
        TITLE,
        "Wages rose by 1,5 percent.",
        OTHER_TITLE,
    ]
    assert len(raw.findings) == 4
    for finding in raw.findings:
        segment = segments[finding.segment]
        assert segment.text[finding.start : finding.end] == finding.text
        assert lines[finding.line - 1][finding.column - 1 :].startswith(finding.text)
    # The TERM001 region ends at the enable directive in the middle of line 6.
    assert [(f.rule, f.line) for f in kept.findings] == [
        ("LOC001", 4),
        ("LOC001", 6),
        ("TERM001", 6),
    ]
    assert dropped == 1


# --- XLIFF notes --------------------------------------------------------------------------

_XLIFF_12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="de" target-language="en" datatype="plaintext" original="a">
    <body>
      <trans-unit id="quoted">
        <source>Die Inflation stieg um 3,5 Prozent.</source>
        <target>Inflation rose by 3,5 percent.</target>
        <note from="editor">Figure kept as in the statute. tqa-disable LOC001 -- verbatim</note>
      </trans-unit>
      <trans-unit id="plain">
        <source>Die Exporte fielen um 2,7 Prozent.</source>
        <target>Exports fell by 2,7 percent.</target>
        <note>Checked by the editor.</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

_XLIFF_20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="de" trgLang="en">
  <file id="f1">
    <unit id="all">
      <notes><note>tqa-disable</note></notes>
      <segment>
        <source>Der Generalsekretär der NATO traf die Minister.</source>
        <target>The General Secretary of NATO met the ministers.</target>
      </segment>
      <segment>
        <source>Die Inflation stieg um 3,5 Prozent.</source>
        <target>Inflation rose by 3,5 percent.</target>
      </segment>
    </unit>
    <unit id="open">
      <segment>
        <source>Die Exporte fielen um 2,7 Prozent.</source>
        <target>Exports fell by 2,7 percent.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""


@pytest.mark.parametrize(
    ("content", "suppressed", "kept"),
    [
        (_XLIFF_12, {"quoted": ("LOC001",)}, [("plain", "LOC001")]),
        (_XLIFF_20, {"all#1": ("*",), "all#2": ("*",)}, [("open", "LOC001")]),
    ],
)
def test_xliff_unit_notes_suppress(
    content: str,
    suppressed: dict[str, tuple[str, ...]],
    kept: list[tuple[str, str]],
    tmp_path: Path,
    auditor: Auditor,
    rules: dict[str, RuleMeta],
) -> None:
    path = tmp_path / "file.xlf"
    path.write_text(content, encoding="utf-8")
    document = load_document(str(path), source_lang="de", target_lang="en")
    assert {s.id: s.suppressed for s in document.segments if s.suppressed} == suppressed
    result = auditor.audit(document)
    assert [(f.segment, f.rule) for f in result.findings] == kept
    plain = replace(document, segments=tuple(replace(s, suppressed=()) for s in document.segments))
    raw = auditor.audit(plain)
    filtered, dropped = filter_suppressed(replace(raw, document=document), rules)
    assert [(f.segment, f.rule) for f in filtered.findings] == kept
    assert dropped == len(raw.findings) - len(kept) > 0


# --- parsing and matching -----------------------------------------------------------------


def test_selector_and_note_parsing() -> None:
    assert parse_selectors(" LOC001, TERM001  NAME -- because, reasons ") == (
        "LOC001",
        "TERM001",
        "NAME",
    )
    assert parse_selectors("  ") == ()
    assert parse_selectors("LOC001 *") == ()
    assert note_suppressions(["no directive here", "tqa-disabled LOC001"]) == ()
    assert note_suppressions(["tqa-disable LOC001\nsecond line", "x tqa-disable TERM"]) == (
        "LOC001",
        "TERM",
    )
    assert note_suppressions(["tqa-disable LOC001", "tqa-disable"]) == ("*",)

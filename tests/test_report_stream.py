"""Every report but HTML is written in pieces, and the pieces join to the documented format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from audit.engine import Auditor, summarise
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import RunResult
from audit.readers import load_document
from audit.reporters.github import ANNOTATION_LIMITS, iter_github
from audit.reporters.gitlab import iter_gitlab, iter_issues
from audit.reporters.json import json_array
from audit.reporters.junit import iter_junit
from audit.reporters.text import iter_text
from audit.selection import RuleSelection

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "corpora" / "eval" / "deen.jsonl"
ARTICLE = REPO / "corpora" / "samples" / "article.en.txt"


@pytest.fixture(scope="module")
def result() -> RunResult:
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    auditor = Auditor.build(glossary, "de", "en", RuleSelection())
    documents = [
        load_document(str(path), source_lang="de", target_lang="en") for path in (EVAL, ARTICLE)
    ]
    return summarise((auditor.audit(d) for d in documents), auditor, glossary)


@pytest.mark.parametrize("depth", [0, 1, 3])
@pytest.mark.parametrize(
    "items",
    [[], [1], [{"a": [1, {"b": "ü\n"}], "c": {}}, [], "x"], [{"nested": {"deep": [[], [2]]}}]],
)
def test_a_json_array_in_pieces_is_what_one_dump_writes(items: list[Any], depth: int) -> None:
    whole = json.dumps({"k": items} if depth == 1 else items, ensure_ascii=False, indent=2)
    pieces = "".join(json_array(iter(items), depth))
    if depth == 1:
        assert whole == '{\n  "k": ' + pieces + "\n}"
    elif depth == 0:
        assert whole == pieces
    else:
        assert json.loads(pieces) == items and (not items or pieces.endswith("\n      ]"))


def test_gitlab_pieces_join_to_the_whole_array(result: RunResult) -> None:
    pieces = list(iter_gitlab(result))
    issues = list(iter_issues(result))
    assert len(issues) == result.total > 0
    assert "".join(pieces) == json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
    assert len(pieces) > result.total  # one issue at a time


def test_text_comes_line_by_line(result: RunResult) -> None:
    pieces = list(iter_text(result))
    assert all(piece.endswith("\n") and piece.count("\n") == 1 for piece in pieces)
    assert len(pieces) == result.total + 1 + sum(f.score is not None for f in result.files)


def test_junit_totals_written_first_agree_with_the_cases(result: RunResult) -> None:
    pieces = list(iter_junit(result))
    assert len(pieces) > result.total
    root = ET.fromstring("".join(pieces))
    suites = root.findall("testsuite")
    assert len(suites) == len(result.files)
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(c.find("failure") is not None for c in cases)
    assert int(root.get("tests", "-1")) == sum(len(s.findall("testcase")) for s in suites)
    assert int(root.get("failures", "-1")) == len(root.findall(".//failure"))


def test_github_makes_no_command_past_its_limits(result: RunResult) -> None:
    lines = "".join(iter_github(result)).splitlines()
    by_kind = {
        severity: sum(line.startswith(f"::{name} ") for line in lines)
        for severity, name in (("error", "error"), ("warning", "warning"), ("info", "notice"))
    }
    for severity, limit in ANNOTATION_LIMITS.items():
        assert by_kind[severity.value] == min(limit, result.count(severity))
    assert "not annotated" in lines[-1]  # the eval corpus has more findings than GitHub shows

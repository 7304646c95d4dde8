"""SARIF 2.1.0: the static-analysis exchange format code-scanning services read.

One run, one result per finding. Columns count characters (``columnKind`` unicodeCodePoints),
as the rest of tqa does; a region's end is exclusive, so ``endColumn`` is the column just after
the flagged text. Each result carries the finding's stable fingerprint, so a service can tell
an old problem that moved from a new one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from audit import __version__
from audit.fingerprint import fingerprints
from audit.model import FileResult, Finding, RuleMeta, RunResult, Severity

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "tqaFindingHash/v1"
# A relative path is resolved against the checkout root, which the consumer knows and we do not.
SOURCE_ROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# How many suggestions a one-line message shows (the text reporter shows as many).
SHOWN_SUGGESTIONS = 3


def finding_message(item: Finding) -> str:
    """The finding's message with its first suggestions, as the text reporter prints it."""
    if not item.suggestions:
        return item.message
    return f"{item.message} → {' | '.join(item.suggestions[:SHOWN_SUGGESTIONS])}"


def end_position(result: FileResult, item: Finding) -> tuple[int, int]:
    """File line and column (1-based) just after the finding's text.

    The finding's start position plus its own text say how far it reaches, exactly as its
    segment's ``position(end)`` would, without looking the segment up.
    """
    newlines = item.text.count("\n")
    if newlines == 0:
        return item.line, item.column + len(item.text)
    return item.line + newlines, len(item.text) - item.text.rfind("\n")


def _artifact_location(path: str) -> dict[str, str]:
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SOURCE_ROOT}


def _rule(meta: RuleMeta) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": meta.code, "name": meta.name}
    if meta.summary:
        rule["shortDescription"] = {"text": meta.summary}
    if meta.explanation:
        rule["fullDescription"] = {"text": meta.explanation}
    rule["defaultConfiguration"] = {"level": LEVELS[meta.severity]}
    rule["properties"] = {"category": meta.category, "tags": [meta.category]}
    return rule


def _result(
    file: FileResult, index: int, item: Finding, digest: str, rule_index: dict[str, int]
) -> dict[str, Any]:
    end_line, end_column = end_position(file, item)
    region = {
        "startLine": item.line,
        "startColumn": item.column,
        "endLine": end_line,
        "endColumn": end_column,
        "snippet": {"text": item.text},
    }
    location = {**_artifact_location(file.document.path), "index": index}
    result: dict[str, Any] = {"ruleId": item.rule}
    if item.rule in rule_index:
        result["ruleIndex"] = rule_index[item.rule]
    result.update(
        {
            "level": LEVELS[item.severity],
            "message": {"text": finding_message(item)},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: digest},
            "properties": {"category": item.category, "segment": item.segment},
        }
    )
    return result


def _rule_index(result: RunResult) -> dict[str, int]:
    rule_index: dict[str, int] = {}
    for position, meta in enumerate(result.rules):
        rule_index.setdefault(meta.code, position)
    return rule_index


def _results(result: RunResult) -> Iterator[dict[str, Any]]:
    rule_index = _rule_index(result)
    for index, file in enumerate(result.files):
        for item, digest in fingerprints(file):
            yield _result(file, index, item, digest, rule_index)


def sarif_log(result: RunResult) -> dict[str, Any]:
    """The SARIF log as plain data (what ``render_sarif`` serialises)."""
    return _log(result, list(_results(result)))


def _log(result: RunResult, results: Any) -> dict[str, Any]:
    driver = {
        "name": "tqa",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(meta) for meta in result.rules],
    }
    run = {
        "tool": {"driver": driver},
        "artifacts": [{"location": _artifact_location(f.document.path)} for f in result.files],
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(result: RunResult) -> str:
    return "".join(iter_sarif(result))


# Where the results go in the encoded skeleton, and how deep they sit in it: the log, its
# "runs" list, the run and its "results" list each indent by two spaces.
_RESULTS = "\x00results\x00"
_ITEM_INDENT = " " * 8
_CLOSE_INDENT = " " * 6


def iter_sarif(result: RunResult) -> Iterator[str]:
    """The SARIF log in pieces, identical to ``json.dumps(log, indent=2)`` once joined: the
    skeleton is encoded around a placeholder and the results one by one, so a long file's
    results never stand in memory all at once."""
    skeleton = json.dumps(_log(result, _RESULTS), ensure_ascii=False, indent=2)
    before, after = skeleton.split(json.dumps(_RESULTS), 1)
    yield before
    empty = True
    for item in _results(result):
        text = json.dumps(item, ensure_ascii=False, indent=2)
        yield ("[\n" if empty else ",\n") + _ITEM_INDENT
        yield text.replace("\n", "\n" + _ITEM_INDENT)
        empty = False
    yield "[]" if empty else "\n" + _CLOSE_INDENT + "]"
    yield after + "\n"

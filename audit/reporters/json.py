"""The JSON report: a documented, stable contract (keys are added, never renamed)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from audit import __version__
from audit.diff import diff_dict
from audit.model import FileResult, Finding, RunResult, Severity


def finding_dict(item: Finding) -> dict[str, Any]:
    return {
        "rule": item.rule,
        "name": item.name,
        "category": item.category,
        "severity": item.severity.value,
        "segment": item.segment,
        "line": item.line,
        "column": item.column,
        "start": item.start,
        "end": item.end,
        "text": item.text,
        "message": item.message,
        "suggestions": list(item.suggestions),
        "evidence": dict(sorted(item.evidence.items())),
    }


def file_dict(result: FileResult, with_findings: bool = True) -> dict[str, Any]:
    document = result.document
    data: dict[str, Any] = {
        "path": document.path,
        "source_lang": document.source_lang,
        "target_lang": document.target_lang,
        "segments": result.segment_count,
        "words": result.words,
        "findings": [finding_dict(f) for f in result.findings] if with_findings else [],
    }
    if result.diffs:
        data["diffs"] = [
            {"segment": segment_id, "ops": diff_dict(ops)}
            for segment_id, ops in result.diffs.items()
        ]
    if result.metrics:
        data["metrics"] = {
            name: {"score": m.score, "signature": m.signature} for name, m in result.metrics.items()
        }
    if result.score is not None:
        data["score"] = {
            "mqm": result.score.mqm,
            "penalty": result.score.penalty,
            "words": result.score.words,
        }
    if document.source_path:
        data["source"] = document.source_path
    if document.has_source and document.source_segments:
        data["alignment"] = [
            {"segment": s.id, "source_segments": list(s.source_ids)} for s in document.segments
        ]
        data["unaligned_source_segments"] = list(document.unaligned_source)
        data["unaligned_target_segments"] = list(document.unaligned_target)
    if document.skipped:
        data["skipped"] = [
            {"segment": s.id, "line": s.line, "column": s.column, "reason": s.reason}
            for s in document.skipped
        ]
    return data


def summary_dict(result: RunResult) -> dict[str, int]:
    return {
        "findings": result.total,
        **{severity.value: result.count(severity) for severity in reversed(Severity)},
    }


def render_json(result: RunResult) -> str:
    return "".join(iter_json(result))


# Where a file's findings go in the report's skeleton (a string no finding can make: it holds
# a NUL, which the encoder writes as an escape).
_PLACE = "\x00tqa-findings-{}"
# The findings list sits at depth 3 (report > files > file > findings).
_FINDINGS_DEPTH = 3


def iter_json(result: RunResult) -> Iterator[str]:
    """The JSON report in pieces, identical to ``json.dumps(report, indent=2)`` once joined.

    The pure-Python encoder that ``indent`` needs holds every fragment of the report at once;
    here the report's skeleton is encoded with a placeholder for each file's findings, and the
    findings are encoded one by one as they are written.
    """
    files = []
    for index, file in enumerate(result.files):
        data = file_dict(file, with_findings=False)
        data["findings"] = _PLACE.format(index)
        files.append(data)
    report = {
        "tool": {"name": "tqa", "version": __version__},
        "files": files,
        "summary": summary_dict(result),
        "signature": dict(result.signature),
    }
    rest = json.dumps(report, ensure_ascii=False, indent=2)
    for index, file in enumerate(result.files):
        place = json.dumps(_PLACE.format(index), ensure_ascii=False)
        before, rest = rest.split(place, 1)
        yield before
        yield from json_array(map(finding_dict, file.findings), _FINDINGS_DEPTH)
    yield rest + "\n"


def json_array(items: Iterable[Any], depth: int = 0) -> Iterator[str]:
    """A JSON array encoded item by item, as ``json.dumps(list(items), indent=2)`` writes it
    when the array sits ``depth`` levels deep: only one item is ever encoded at a time."""
    inner, close = "  " * (depth + 1), "  " * depth
    opened = False
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2)
        yield ("[\n" if not opened else ",\n") + inner
        yield text.replace("\n", "\n" + inner)
        opened = True
    yield "\n" + close + "]" if opened else "[]"

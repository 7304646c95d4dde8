"""The JSON report: a documented, stable contract (keys are added, never renamed)."""

from __future__ import annotations

import json
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


def file_dict(result: FileResult) -> dict[str, Any]:
    document = result.document
    data: dict[str, Any] = {
        "path": document.path,
        "source_lang": document.source_lang,
        "target_lang": document.target_lang,
        "segments": result.segment_count,
        "words": result.words,
        "findings": [finding_dict(f) for f in result.findings],
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
    report = {
        "tool": {"name": "tqa", "version": __version__},
        "files": [file_dict(f) for f in result.files],
        "summary": summary_dict(result),
        "signature": dict(result.signature),
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"

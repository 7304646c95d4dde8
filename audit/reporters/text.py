"""Terminal output that reads like a linter: path:line:col severity CODE message -> suggestion."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import click

from audit.diff import render_diff
from audit.model import FileResult, RunResult, Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render_text(result: RunResult, colour: bool = False, diff: bool = False) -> str:
    return "".join(iter_text(result, colour, diff))


def iter_text(result: RunResult, colour: bool = False, diff: bool = False) -> Iterator[str]:
    """Findings as linter lines, one piece per line (a large report is never whole); with
    ``diff``, each segment's word diff against its reference."""
    for file in result.files:
        if diff:
            for line in _diff_lines(file, colour):
                yield line + "\n"
        for item in file.findings:
            severity = item.severity.value
            if colour:
                severity = click.style(severity, fg=_COLOURS[item.severity], bold=True)
            line = f"{file.document.path}:{item.line}:{item.column} {severity} {item.rule} {item.message}"
            if item.suggestions:
                line += f" → {' | '.join(item.suggestions[:3])}"
            yield line + "\n"
        if file.score is not None:
            yield (
                f"{file.document.path}: MQM-style score {file.score.mqm:.1f} "
                f"(penalty {file.score.penalty:g} over {file.score.words} words)\n"
            )
        for metric in file.metrics.values():
            yield (
                f"{file.document.path}: {metric.label or metric.name} = {metric.score:.2f}  "
                f"{metric.signature}\n"
            )
        skipped = file.document.skipped
        if skipped:
            reasons = ", ".join(
                f"{count} {reason}" for reason, count in _count(s.reason for s in skipped)
            )
            yield f"{file.document.path}: {len(skipped)} units not audited ({reasons})\n"
    yield summary_line(result) + "\n"


def _diff_lines(file: FileResult, colour: bool) -> list[str]:
    segments = {s.id: s for s in file.document.segments}
    lines: list[str] = []
    for segment_id, ops in file.diffs.items():
        if all(op.tag == "equal" for op in ops):
            continue
        segment = segments[segment_id]
        lines.append(
            f"{file.document.path}:{segment.line}:{segment.column} diff {render_diff(ops, colour)}"
        )
    return lines


def _count(reasons: Iterable[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for reason in reasons:
        counts[reason] = counts.get(reason, 0) + 1
    return sorted(counts.items())


def summary_line(result: RunResult) -> str:
    files = len(result.files)
    counts = ", ".join(f"{result.count(s)} {s.value}" for s in reversed(Severity))
    noun = "finding" if result.total == 1 else "findings"
    return f"{result.total} {noun} ({counts}) in {files} file{'s' if files != 1 else ''}"

"""Terminal output that reads like a linter: path:line:col severity CODE message -> suggestion."""

from __future__ import annotations

import click

from audit.model import RunResult, Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render_text(result: RunResult, colour: bool = False) -> str:
    lines: list[str] = []
    for file in result.files:
        for item in file.findings:
            severity = item.severity.value
            if colour:
                severity = click.style(severity, fg=_COLOURS[item.severity], bold=True)
            line = f"{file.document.path}:{item.line}:{item.column} {severity} {item.rule} {item.message}"
            if item.suggestions:
                line += f" → {' | '.join(item.suggestions[:3])}"
            lines.append(line)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def summary_line(result: RunResult) -> str:
    files = len(result.files)
    counts = ", ".join(f"{result.count(s)} {s.value}" for s in reversed(Severity))
    noun = "finding" if result.total == 1 else "findings"
    return f"{result.total} {noun} ({counts}) in {files} file{'s' if files != 1 else ''}"

"""GitHub Actions workflow commands: findings become annotations on the pull request's diff.

GitHub shows only so many annotations of each kind per step (and 50 per job), so the most
severe findings are annotated first, up to ``ANNOTATION_LIMITS``; a closing plain-text line
always gives the totals and says how many findings were left unannotated.

Columns: ``col`` is the first flagged character and ``endColumn`` the last one (inclusive);
GitHub accepts columns only when the annotation starts and ends on one line, so a finding that
spans lines is annotated by its lines alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from audit.model import FileResult, Finding, RunResult, Severity
from audit.reporters.sarif import end_position, finding_message

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

# Annotations GitHub displays per step, by kind; more are accepted but silently not shown.
ERROR_LIMIT = 10
WARNING_LIMIT = 10
NOTICE_LIMIT = 10
ANNOTATION_LIMITS = {
    Severity.ERROR: ERROR_LIMIT,
    Severity.WARNING: WARNING_LIMIT,
    Severity.INFO: NOTICE_LIMIT,
}

# Control characters other than tab, LF and CR carry nothing a reader needs in a log line.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_data(text: str) -> str:
    """The message part of a command: ``%`` and line breaks are percent-encoded."""
    text = _CONTROL.sub("", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property: as the message, and ``:`` and ``,`` too (they delimit)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(file: FileResult, item: Finding) -> str:
    """One workflow command for a finding."""
    end_line, end_column = end_position(file, item)
    properties = [("file", PurePath(file.document.path).as_posix()), ("line", str(item.line))]
    if end_line == item.line:
        # end_position is exclusive; GitHub's endColumn names the last character.
        last = max(item.column, end_column - 1)
        properties += [("col", str(item.column)), ("endColumn", str(last))]
    else:
        properties.append(("endLine", str(end_line)))
    properties.append(("title", f"{item.rule} {item.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[item.severity]} {rendered}::{escape_data(finding_message(item))}"


def render_github(result: RunResult) -> str:
    return "".join(iter_github(result))


def iter_github(result: RunResult) -> Iterator[str]:
    """The annotations, most severe kind first, each kind up to its limit, then the summary.

    Findings are read once per kind and only until its limit is reached: the commands GitHub
    would not show are never made.
    """
    shown: Counter[Severity] = Counter()
    for severity in sorted(ANNOTATION_LIMITS, key=lambda s: -s.rank):
        limit = ANNOTATION_LIMITS[severity]
        for file in result.files:
            if shown[severity] >= limit:
                break
            for item in file.findings:
                if item.severity is severity:
                    yield annotation(file, item) + "\n"
                    shown[severity] += 1
                    if shown[severity] >= limit:
                        break
    yield summary(result, shown) + "\n"


def summary(result: RunResult, shown: Counter[Severity]) -> str:
    """The closing line: plain text (never a command), so it is shown whatever the limits."""
    order = sorted(ANNOTATION_LIMITS, key=lambda s: -s.rank)
    counts = ", ".join(f"{result.count(s)} {s.value}" for s in order)
    files = len(result.files)
    noun = "finding" if result.total == 1 else "findings"
    line = f"tqa: {result.total} {noun} ({counts}) in {files} file{'s' if files != 1 else ''}"
    hidden = result.total - sum(shown.values())
    if hidden:
        line += (
            f"; {hidden} not annotated (GitHub shows at most {ERROR_LIMIT} errors, "
            f"{WARNING_LIMIT} warnings and {NOTICE_LIMIT} notices per step); "
            "run with --format text to see them all"
        )
    return line

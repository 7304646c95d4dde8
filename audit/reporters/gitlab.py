"""GitLab Code Quality: the JSON array GitLab reads from a ``codequality`` report artifact.

GitLab knows five severities (info, minor, major, critical, blocker); tqa's three map to the
lower ones, info -> info, warning -> minor, error -> major, leaving critical and blocker for
problems that break a build rather than a sentence. The fingerprint is the finding's stable
one, so GitLab can tell which findings a merge request introduced and which it fixed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from audit.fingerprint import fingerprints
from audit.model import RunResult, Severity
from audit.reporters.json import json_array
from audit.reporters.sarif import end_position, finding_message

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def iter_issues(result: RunResult) -> Iterator[dict[str, Any]]:
    """The report's issues as plain data, one by one."""
    for file in result.files:
        path = PurePath(file.document.path).as_posix()
        for item, digest in fingerprints(file):
            end_line, _ = end_position(file, item)
            yield {
                "description": f"{item.rule} {item.name}: {finding_message(item)}",
                "check_name": item.rule,
                "fingerprint": digest,
                "severity": SEVERITIES[item.severity],
                "location": {"path": path, "lines": {"begin": item.line, "end": end_line}},
            }


def render_gitlab(result: RunResult) -> str:
    return "".join(iter_gitlab(result))


def iter_gitlab(result: RunResult) -> Iterator[str]:
    """The JSON array issue by issue: a large report is never whole."""
    yield from json_array(iter_issues(result))
    yield "\n"

"""Baselines: accept the findings a project already has, so that only new ones are reported.

A baseline is a JSON file listing findings by fingerprint (audit.fingerprint: rule, file path,
normalised segment text, flagged text and occurrence; no line numbers, so edits elsewhere in
the file do not revive an accepted finding)::

    {
      "version": 1,
      "tool": "tqa",
      "findings": [
        {
          "fingerprint": "3f2a...",       32 hex digits; the only field used for matching
          "rule": "LOC001",               the rest is there for the people reviewing the file
          "path": "docs/report.md",
          "text": "3,5",
          "message": "German number format ...",
          "justification": ""             why the finding is accepted; kept on rewrites
        }
      ]
    }

Entries are sorted by path, rule, text and fingerprint, so a rewritten baseline differs from
the old one only where findings changed. Paths are compared as the run saw them: audit the
same paths (relative to the same directory) that the baseline was written from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audit.errors import InputError
from audit.fingerprint import fingerprints
from audit.model import RunResult
from audit.output import write_atomic
from audit.positions import line_and_column
from audit.readers.textfile import read_text

VERSION = 1
TOOL = "tqa"
_FIELDS = ("fingerprint", "rule", "path", "text", "message", "justification")


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    fingerprint: str
    rule: str = ""
    path: str = ""
    text: str = ""
    message: str = ""
    justification: str = ""


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings, looked up by fingerprint."""

    entries: tuple[BaselineEntry, ...] = ()

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


def baseline_entries(result: RunResult, previous: Baseline | None = None) -> list[BaselineEntry]:
    """One entry per finding of ``result``, sorted, with ``previous`` justifications kept."""
    kept = {e.fingerprint: e.justification for e in (previous.entries if previous else ())}
    entries = [
        BaselineEntry(
            digest,
            item.rule,
            file.document.path,
            item.text,
            item.message,
            kept.get(digest, ""),
        )
        for file in result.files
        for item, digest in fingerprints(file)
    ]
    return sorted(entries, key=lambda e: (e.path, e.rule, e.text, e.fingerprint))


def render_baseline(entries: Iterable[BaselineEntry]) -> str:
    document = {
        "version": VERSION,
        "tool": TOOL,
        "findings": [{name: getattr(e, name) for name in _FIELDS} for e in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str, result: RunResult) -> None:
    """Write every finding of ``result`` as accepted, atomically.

    Pass the result before any baseline was applied to it, or the findings the old baseline
    hid would drop out of the new one. Justifications written into an existing baseline at
    ``path`` are kept for findings that still occur; a malformed existing file is an error
    rather than something to overwrite, since it may hold those justifications.
    """
    previous = load_baseline(path) if Path(path).exists() else None
    write_atomic(path, render_baseline(baseline_entries(result, previous)))


def load_baseline(path: str) -> Baseline:
    """Read a baseline file, or raise InputError naming the line and column of the problem."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc.msg}", exc.lineno, exc.colno) from None
    return Baseline(tuple(_entries(path, text, data)))


def _entries(path: str, text: str, data: Any) -> Iterable[BaselineEntry]:
    def fail(message: str, *where: str | int) -> InputError:
        line, column = line_and_column(text, _locate(text, where))
        return InputError(path, message, line, column)

    if not isinstance(data, dict):
        raise fail("a baseline must be a JSON object with version, tool and findings")
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        where = ("version",) if "version" in data else ()
        raise fail(f"unsupported baseline version {version!r} (expected {VERSION})", *where)
    if data.get("tool") != TOOL:
        where = ("tool",) if "tool" in data else ()
        raise fail(f'not a tqa baseline ("tool" is {data.get("tool")!r})', *where)
    findings = data.get("findings")
    if not isinstance(findings, list):
        where = ("findings",) if "findings" in data else ()
        raise fail('"findings" must be a list', *where)
    for number, item in enumerate(findings):
        if not isinstance(item, dict):
            raise fail(f"finding {number + 1} must be an object", "findings", number)
        values: dict[str, str] = {}
        for name in _FIELDS:
            value = item.get(name, "")
            if not isinstance(value, str):
                raise fail(
                    f'finding {number + 1}: "{name}" must be a string', "findings", number, name
                )
            values[name] = value
        if not values["fingerprint"]:
            raise fail(f'finding {number + 1} has no "fingerprint"', "findings", number)
        yield BaselineEntry(**values)


def _locate(text: str, steps: tuple[str | int, ...]) -> int:
    """Offset in ``text`` (valid JSON) of the value reached by object keys and list indexes.

    Only used to point an error at its place; for a repeated key, the last one (the one
    json.loads keeps) is found.
    """
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    for step in steps:
        pos = _skip(text, pos + 1)  # past "{" or "["
        found = pos
        index = 0
        while text[pos] not in "}]":
            if isinstance(step, str):
                key, pos = decoder.raw_decode(text, pos)
                pos = _skip(text, _skip(text, pos) + 1)  # past ":"
                if key == step:
                    found = pos
            elif index == step:
                found = pos
            _, pos = decoder.raw_decode(text, pos)
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
            index += 1
        pos = found
    return pos


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def apply_baseline(result: RunResult, baseline: Baseline) -> tuple[RunResult, int]:
    """The result without the findings the baseline accepts, and how many were hidden.

    Only each file's findings change; scores, metrics and diffs are left as they were, so the
    caller recomputes the scores (audit.scoring.mqm_score) if hidden findings must not count.
    """
    accepted = baseline.fingerprints
    files = []
    hidden = 0
    for file in result.files:
        kept = tuple(item for item, digest in fingerprints(file) if digest not in accepted)
        hidden += len(file.findings) - len(kept)
        files.append(file if len(kept) == len(file.findings) else replace(file, findings=kept))
    return replace(result, files=tuple(files)), hidden


def stale_entries(result: RunResult, baseline: Baseline) -> tuple[BaselineEntry, ...]:
    """Baseline entries no finding of ``result`` matches any more (fixed, or text changed)."""
    seen = {digest for file in result.files for _, digest in fingerprints(file)}
    return tuple(e for e in baseline.entries if e.fingerprint not in seen)

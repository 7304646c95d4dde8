"""Reporters: pure functions from a RunResult to text; they never judge the text audited.

Each format is written in pieces, so a report on a large corpus is never held whole, except
HTML: the editor's report is one page with its data and the hash of its script inline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from audit.model import RunResult
from audit.reporters.github import iter_github
from audit.reporters.gitlab import iter_gitlab
from audit.reporters.html import render_html
from audit.reporters.json import iter_json
from audit.reporters.junit import iter_junit
from audit.reporters.sarif import iter_sarif
from audit.reporters.text import iter_text

# (result, colour) -> the report's pieces, in order
Reporter = Callable[[RunResult, bool], Iterable[str]]

REPORTERS: dict[str, Reporter] = {
    "text": lambda result, colour: iter_text(result, colour),
    "json": lambda result, _colour: iter_json(result),
    "html": lambda result, _colour: (render_html(result),),
    "sarif": lambda result, _colour: iter_sarif(result),
    "junit": lambda result, _colour: iter_junit(result),
    "github": lambda result, _colour: iter_github(result),
    "gitlab": lambda result, _colour: iter_gitlab(result),
}

"""Reporters: pure functions from a RunResult to text; they never judge the text audited."""

from __future__ import annotations

from collections.abc import Callable

from audit.model import RunResult
from audit.reporters.github import render_github
from audit.reporters.gitlab import render_gitlab
from audit.reporters.html import render_html
from audit.reporters.json import render_json
from audit.reporters.junit import render_junit
from audit.reporters.sarif import render_sarif
from audit.reporters.text import render_text

Reporter = Callable[[RunResult, bool], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": lambda result, _colour: render_json(result),
    "html": lambda result, _colour: render_html(result),
    "sarif": lambda result, _colour: render_sarif(result),
    "junit": lambda result, _colour: render_junit(result),
    "github": lambda result, _colour: render_github(result),
    "gitlab": lambda result, _colour: render_gitlab(result),
}

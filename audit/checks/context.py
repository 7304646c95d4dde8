"""Context conditions of glossary entries (``near:``/``not-near:``), compiled once per run."""

from __future__ import annotations

from audit.checks.base import SegmentContext
from audit.forms import FormMatcher
from audit.glossary import Entry
from audit.model import Segment


class ContextGate:
    """Decides whether an entry's wrong form is wrong in a given segment."""

    def __init__(self, entries: list[Entry]) -> None:
        self._matchers: dict[tuple[str, int], FormMatcher[None]] = {}
        for entry in entries:
            if entry.context:
                self._matchers[(entry.path, entry.line)] = FormMatcher(
                    [(form, entry.case_sensitive, None) for form in entry.context.forms]
                )

    def allows(self, entry: Entry, segment: Segment, context: SegmentContext) -> bool:
        if entry.context is None:
            return True
        matcher = self._matchers[(entry.path, entry.line)]
        near = matcher.search(segment.plain)
        previous = context.previous
        if not near and previous is not None and previous.paragraph == segment.paragraph:
            near = matcher.search(previous.plain)
        return near if entry.context.near else not near


def source_matcher(entries: list[Entry]) -> FormMatcher[Entry]:
    """One matcher over every entry's German source forms."""
    return FormMatcher(
        (form, entry.case_sensitive, entry) for entry in entries for form in entry.source
    )


def triggered(matcher: FormMatcher[Entry], source: str) -> dict[tuple[str, int], str]:
    """The entries whose German forms occur in ``source``, with the German text found."""
    found: dict[tuple[str, int], str] = {}
    for match in matcher.finditer(source):
        found.setdefault(identity(match.payload), source[match.start : match.end])
    return found


def identity(entry: Entry) -> tuple[str, int]:
    return entry.path, entry.line

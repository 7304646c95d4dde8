"""Terms, titles and institutions: wrong renderings, and required renderings missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.checks.context import ContextGate, identity, source_matcher
from audit.forms import FormMatcher
from audit.glossary import Entry, Kind
from audit.model import Finding, RuleMeta, Segment, Severity

FORBIDDEN = rule(
    "TERM001",
    "forbidden-term",
    "terminology/wrong-term",
    Severity.ERROR,
    """A term, title or institution is rendered in a way the glossary marks as wrong.

    The glossary's `wrong` renderings are flagged where their `context` condition holds (for
    instance "General Secretary" is wrong beside NATO, the UN or the OSCE, whose title is
    Secretary General, but right for a communist party's leader). With a German source, the
    rendering is flagged only when the aligned sentence contains the German term.
    Example: "NATO General Secretary Jens Stoltenberg" -> "NATO Secretary General".""",
)
MISSING = rule(
    "TERM002",
    "missing-term",
    "terminology/inconsistent-with-termbase",
    Severity.WARNING,
    """The German source has a glossary term but the aligned target has none of its renderings.

    Needs a source. The target may paraphrase correctly, hence a warning; the suggestion is the
    glossary's preferred rendering.
    Example: source "Bundesverfassungsgericht", target "the highest court" ->
    "Federal Constitutional Court".""",
)


class Terminology:
    """TERM001 and TERM002 over term, title and institution entries."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (FORBIDDEN, MISSING)

    def __init__(self, resources: Resources) -> None:
        entries = list(resources.glossary.of_kind(Kind.TERM, Kind.TITLE, Kind.INSTITUTION))
        self._wrong: FormMatcher[Entry] = FormMatcher(
            (form, False, e) for e in entries for form in e.wrong
        )
        # An entry's renderings are sought only when a source has its term: the matcher for
        # them is made then, once (a large glossary's entries mostly never come up).
        self._preferred: dict[tuple[str, int], FormMatcher[None]] = {}
        self._source = source_matcher(entries)
        self._gate = ContextGate(entries)

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        # The source is searched once: what it holds gates TERM001 and drives TERM002.
        source = segment.source or ""
        source_matches = list(self._source.finditer(source)) if source else []
        in_source: dict[tuple[str, int], str] = {}
        for match in source_matches:
            in_source.setdefault(identity(match.payload), source[match.start : match.end])
        flagged: set[tuple[str, int]] = set()
        for match in self._wrong.finditer(segment.plain):
            entry = match.payload
            if segment.source is not None and entry.source and identity(entry) not in in_source:
                continue  # the German has no such term: the English words mean something else
            if not self._gate.allows(entry, segment, context):
                continue
            flagged.add(identity(entry))
            yield finding(
                FORBIDDEN,
                segment,
                match.start,
                match.end,
                f'"{segment.text[match.start : match.end]}" is the wrong {entry.kind.value} here; '
                f'use "{entry.preferred[0]}"',
                entry.preferred,
                {"glossary": f"{entry.path}:{entry.line}", "note": entry.note},
            )
        for match in source_matches:
            entry = match.payload
            key = identity(entry)
            if key in flagged or self._renders(entry, segment.plain):
                continue
            if not self._gate.allows(entry, segment, context):
                continue  # the rendering is required only where the entry's context holds
            flagged.add(key)
            german = source[match.start : match.end]
            yield finding(
                MISSING,
                segment,
                0,
                len(segment.text),
                f'the source has "{german}" but the target has none of its renderings '
                f"({', '.join(entry.preferred)})",
                entry.preferred,
                {"glossary": f"{entry.path}:{entry.line}", "source_term": german},
            )

    def _renders(self, entry: Entry, text: str) -> bool:
        """Whether ``text`` has one of the entry's preferred renderings."""
        matcher = self._preferred.get(identity(entry))
        if matcher is None:
            matcher = FormMatcher((form, False, None) for form in entry.preferred)
            self._preferred[identity(entry)] = matcher
        return matcher.search(text)

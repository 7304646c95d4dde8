"""Sentences the aligner could not pair: a source sentence left out, a target sentence added."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, clip, finding, rule, whole_span
from audit.model import Document, Finding, RuleMeta, Segment, Severity

UNTRANSLATED_SOURCE = rule(
    "ALIGN001",
    "source-sentence-missing",
    "accuracy/omission",
    Severity.ERROR,
    """A sentence of the source article has no counterpart in the translation.

    When a source article is given, its sentences are aligned with the translation's (lengths,
    numbers and names as evidence). A source sentence left unaligned was probably dropped. The
    finding sits on the target sentence after which the missing one belongs and quotes it.
    Example: source "Erneut warnte er vor einer möglichen NATO-Mitgliedschaft der Ukraine."
    with no English sentence saying so.""",
)
UNMATCHED_TARGET = rule(
    "ALIGN002",
    "target-sentence-added",
    "accuracy/addition",
    Severity.WARNING,
    """A sentence of the translation has no counterpart in the source article.

    It may have been added (an editor's note, text from another article) or its source may be
    missing from the file given as source. Repeated paragraphs and stray punctuation lines are
    reported by the artefact rules instead.
    Example: "The ministry did not respond to requests for comment." with nothing like it in
    the German source.""",
)


class Alignment:
    """ALIGN001/ALIGN002 over an aligned article pair."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (UNTRANSLATED_SOURCE, UNMATCHED_TARGET)
    # Translation files have no source article to align, and repeat units by design.
    articles_only: ClassVar[bool] = True

    def __init__(self, resources: Resources) -> None:
        pass

    def check_document(self, document: Document) -> Iterator[Finding]:
        if not document.has_source or not document.source_segments:
            return
        targets = [s for s in document.segments if s.text.strip()]
        if not targets:
            return
        added = set(document.unaligned_target)
        for segment in targets:
            if segment.id in added:
                yield _whole(
                    UNMATCHED_TARGET,
                    segment,
                    "this sentence has no counterpart in the source article: was it added?",
                    {},
                )
        missing = set(document.unaligned_source)
        if not missing:
            return
        # Where each source sentence went: the last target sentence aligned with it.
        home: dict[str, Segment] = {}
        for segment in targets:
            for source_id in segment.source_ids:
                home[source_id] = segment
        # Each missing sentence belongs after the target of the source sentence before it.
        gaps: dict[str, tuple[Segment, bool, list[Segment]]] = {}
        anchor: Segment | None = None
        for source in document.source_segments:
            if source.id in home:
                anchor = home[source.id]
            elif source.id in missing:
                where = anchor or targets[0]
                gaps.setdefault(where.id, (where, anchor is not None, []))[2].append(source)
        for where, after, sources in gaps.values():
            quoted = "; ".join(f'"{clip(s.text)}" (line {s.line})' for s in sources)
            noun = "sentence" if len(sources) == 1 else f"{len(sources)} sentences"
            place = "after" if after else "before"
            yield _whole(
                UNTRANSLATED_SOURCE,
                where,
                f"the source {noun} {quoted} has no translation; it belongs {place} this sentence",
                {
                    "source_segments": ",".join(s.id for s in sources),
                    "source_lines": ",".join(str(s.line) for s in sources),
                },
            )


def _whole(meta: RuleMeta, segment: Segment, message: str, evidence: dict[str, str]) -> Finding:
    start, end = whole_span(segment)
    return finding(meta, segment, start, end, message, (), evidence)

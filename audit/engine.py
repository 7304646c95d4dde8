"""Run the selected checks over documents: read -> check -> sort -> summarise."""

from __future__ import annotations

import gc
import heapq
import re
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import groupby, islice
from operator import attrgetter
from typing import cast

from audit import __version__
from audit.checks import CHECKS, is_document_check
from audit.checks.base import (
    DocumentCheck,
    IncrementalCheck,
    Resources,
    SegmentCheck,
    SegmentContext,
)
from audit.glossary import Glossary
from audit.model import Document, FileResult, Finding, RuleMeta, RunResult, Segment, Severity
from audit.scoring import DEFAULT_WEIGHTS, score_file
from audit.selection import RuleSelection
from audit.spool import FindingSpool
from audit.suppressions import is_suppressed

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Auditor:
    """The checks of one run, set up once and applied to every document."""

    segment_checks: tuple[SegmentCheck, ...]
    document_checks: tuple[DocumentCheck, ...]
    rules: tuple[RuleMeta, ...]
    selection: RuleSelection
    priority: dict[str, int]
    index: dict[str, RuleMeta]
    # The configured severity of each enabled rule, and for each segment check whether its
    # findings can be taken as they come (every rule enabled, no severity changed).
    severity_of: dict[str, Severity]
    as_found: tuple[bool, ...]

    @classmethod
    def build(
        cls,
        glossary: Glossary,
        source_lang: str,
        target_lang: str,
        selection: RuleSelection,
        variant: str | None = None,
        options: Mapping[str, float] | None = None,
    ) -> Auditor:
        resources = Resources(glossary, source_lang, target_lang, variant, options)
        selection.validate(meta for check in CHECKS for meta in check.rules)
        active = [c for c in CHECKS if any(selection.enabled(m) for m in c.rules)]
        rules = tuple(m for c in active for m in c.rules if selection.enabled(m))
        severity_of = {m.code: selection.severity(m) for m in rules}
        segment_classes = [c for c in active if not is_document_check(c)]
        auditor = cls(
            segment_checks=tuple(cast(SegmentCheck, c(resources)) for c in segment_classes),
            document_checks=tuple(
                cast(DocumentCheck, c(resources)) for c in active if is_document_check(c)
            ),
            rules=rules,
            selection=selection,
            priority={m.code: i for i, m in enumerate(rules)},
            index={m.code: m for m in rules},
            severity_of=severity_of,
            as_found=tuple(
                all(severity_of.get(m.code) is m.severity for m in c.rules) for c in segment_classes
            ),
        )
        # Word lists, lexicons and glossary indexes live as long as the run: moved out of the
        # cycle collector's sight, they are not walked again by every collection it makes.
        gc.collect()
        gc.freeze()
        return auditor

    def audit(
        self, document: Document, segment_findings: Iterable[list[Finding]] | None = None
    ) -> FileResult:
        """All findings of a document, its segments read once, in order.

        ``segment_findings``, when given, holds the segment checks' findings for each segment
        in order, computed elsewhere (in worker processes, see audit.parallel). A streamed
        document (``document.stream``) is not held in memory: only findings are kept.
        """
        collected = FileAudit(self, document)
        if segment_findings is None:
            previous: Segment | None = None
            for segment in document:
                context = SegmentContext(previous, document.has_source)
                collected.add(segment, self._segment_findings(segment, context))
                previous = segment
        else:
            for segment, found in zip(document, segment_findings, strict=True):
                collected.add(segment, found)
        return collected.finish()

    def segment_findings_each(
        self, segments: Iterable[Segment], previous: Segment | None, has_source: bool
    ) -> list[list[Finding]]:
        """The segment checks' findings for each of a run of segments (``previous``: the one
        before the run)."""
        found: list[list[Finding]] = []
        for segment in segments:
            found.append(self._segment_findings(segment, SegmentContext(previous, has_source)))
            previous = segment
        return found

    def _segment_findings(self, segment: Segment, context: SegmentContext) -> list[Finding]:
        empty = not segment.plain.strip()
        found: list[Finding] = []
        for check, as_found in zip(self.segment_checks, self.as_found, strict=True):
            if empty and not getattr(check, "audits_empty", False):
                continue  # nothing for target checks to read in an empty unit
            produced = check.check(segment, context)
            found.extend(produced if as_found else self._adjust(produced))
        if segment.suppressed:
            # An inline directive switches a rule off for this segment, as --ignore would.
            found = [f for f in found if not is_suppressed(f, segment, self.index)]
        superseding = [f for f in found if self._meta(f.rule).supersedes]
        return superseding[:1] if superseding else found

    def _adjust(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """Drop findings of disabled rules and apply configured severities."""
        for item in findings:
            severity = self.severity_of.get(item.rule)
            if severity is None:
                continue
            yield item if severity is item.severity else replace(item, severity=severity)

    def _meta(self, code: str) -> RuleMeta:
        return self.rules[self.priority[code]]

    def supersedes(self, item: Finding) -> bool:
        return self._meta(item.rule).supersedes


class FileAudit:
    """One document's audit as its segments go past: findings are kept, segments are not.

    Segment checks' findings arrive with their segment; document-level checks either see each
    segment as it passes (a ``collector``, holding only what the check needs) or, for checks
    that read the whole document (alignment, repeated paragraphs), get the document at the end.
    Findings wait in a spool (audit.spool) that goes to disk past a bound, so memory does not
    grow with a long file's findings either.
    """

    def __init__(self, auditor: Auditor, document: Document) -> None:
        self._auditor = auditor
        self._document = document
        self._collectors = [
            check.collector(document)
            for check in auditor.document_checks
            if isinstance(check, IncrementalCheck)
        ]
        self._whole = [
            check
            for check in auditor.document_checks
            if not isinstance(check, IncrementalCheck)
            and (document.is_article or not getattr(check, "articles_only", False))
        ]
        # Whole-document checks on a streamed document need its segments after all.
        self._held: list[Segment] | None = (
            [] if self._whole and document.stream is not None else None
        )
        # The segment checks' findings in arrival order, and for each segment that has any
        # its place in the document and how many (16 bytes a segment, not a dict entry).
        self._spool = FindingSpool()
        self._groups = array("q")
        self._index: dict[str, int] = {}  # filled only for whole-document checks
        self._suppressing: dict[str, Segment] = {}
        self._count = 0
        self._words = 0

    def add(self, segment: Segment, findings: Iterable[Finding]) -> None:
        index = self._count
        self._count += 1
        self._words += len(_WORD.findall(segment.plain))
        before = len(self._spool)
        for item in findings:
            self._spool.add(item, segment.text)
        if len(self._spool) > before:
            self._groups.extend((index, len(self._spool) - before))
        for collector in self._collectors:
            collector.add(index, segment)
        if segment.suppressed:
            self._suppressing[segment.id] = segment
        if self._whole:
            self._index[segment.id] = index
            if self._held is not None:
                self._held.append(segment)

    def finish(self) -> FileResult:
        found = FindingSpool()
        for group in self._merged():
            found.add_all(self._settle(group))
        streamed = self._document.stream is not None
        found.finish()
        return FileResult(
            self._document,
            found,
            self._words,
            counted=self._count if streamed else None,
            texts=found.texts(),
        )

    def _document_findings(self) -> list[_Pending]:
        """The document-level checks' findings, by their segments' places."""
        auditor = self._auditor
        kept: list[_Pending] = []
        for collector in self._collectors:
            for index, text, item in collector.findings():
                if item.rule in auditor.priority:
                    kept.append(_Pending(index, text, next(auditor._adjust((item,)))))
        if self._whole:
            document = self._document
            if self._held is not None:
                document = replace(document, segments=tuple(self._held), stream=None)
            texts = {s.id: s.text for s in document.segments}
            for check in self._whole:
                for item in auditor._adjust(check.check_document(document)):
                    kept.append(_Pending(self._index[item.segment], texts[item.segment], item))
        kept.sort(key=attrgetter("index"))
        return kept

    def _merged(self) -> Iterator[list[_Pending]]:
        """Each segment's findings, segment checks' and document-level ones together, in
        document order (segment checks' first within a segment, as they came)."""
        spooled = self._spool.finish().pairs()
        groups = iter(self._groups)
        segment_level = (
            _Pending(index, text, item)
            for index, count in zip(groups, groups)
            for item, text in islice(spooled, count)
        )
        by_index = attrgetter("index")
        merged = heapq.merge(segment_level, self._document_findings(), key=by_index)
        for _index, group in groupby(merged, key=by_index):
            yield list(group)

    def _settle(self, group: list[_Pending]) -> Iterator[tuple[Finding, str]]:
        """One segment's findings as reported: suppressed ones dropped, moot ones dropped, in
        order of position, one per span."""
        auditor = self._auditor
        group = [p for p in group if not _suppressed(p.finding, self._suppressing, auditor.index)]
        # A superseding finding (segment untranslated, line not article text) makes every
        # other finding on its segment moot, document-level ones included.
        moot = next((p.finding for p in group if auditor.supersedes(p.finding)), None)
        if moot is not None:
            group = [p for p in group if p.finding is moot]
        group.sort(
            key=lambda p: (
                p.finding.start,
                p.finding.end,
                -p.finding.severity.rank,  # on one span the more severe finding wins
                auditor.priority[p.finding.rule],
            )
        )
        return _deduplicate(group)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A finding waiting for its segment's others, with its segment's text."""

    index: int  # its segment's place in the document
    text: str  # its segment's text
    finding: Finding


def _suppressed(
    item: Finding, segments: Mapping[str, Segment], rules: Mapping[str, RuleMeta]
) -> bool:
    segment = segments.get(item.segment)
    return segment is not None and is_suppressed(item, segment, rules)


def _deduplicate(group: list[_Pending]) -> Iterator[tuple[Finding, str]]:
    """One finding per span: when two rules flag the same characters the more severe wins, and
    between equally severe ones the rule listed first in the registry.

    Findings on a whole segment are kept side by side: "part may be missing", "a name is
    missing" and "all lower case" are different things to fix, not one span seen twice.
    """
    seen: set[tuple[int, int, str]] = set()
    for entry in group:
        item = entry.finding
        whole = item.text.strip() == entry.text.strip()
        key = (item.start, item.end, item.rule if whole else "")
        if key not in seen:
            seen.add(key)
            yield item, entry.text


def run(
    documents: Iterable[Document],
    auditor: Auditor,
    glossary: Glossary,
    weights: Mapping[Severity, float] = DEFAULT_WEIGHTS,
) -> RunResult:
    return summarise((auditor.audit(d) for d in documents), auditor, glossary, weights)


def summarise(
    results: Iterable[FileResult],
    auditor: Auditor,
    glossary: Glossary,
    weights: Mapping[Severity, float] = DEFAULT_WEIGHTS,
) -> RunResult:
    """Score each file's result and sign the run (tool version, rules, glossary hashes)."""
    files = tuple(score_file(result, weights) for result in results)
    signature = {
        "tool": f"tqa {__version__}",
        "rules": ",".join(m.code for m in auditor.rules),
        "glossaries": ",".join(f"{name}#{digest}" for name, digest in glossary.digests),
    }
    return RunResult(files, auditor.rules, signature)

"""Run the selected checks over documents: read -> check -> sort -> summarise."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import cast

from audit import __version__
from audit.checks import CHECKS, is_document_check
from audit.checks.base import DocumentCheck, Resources, SegmentCheck, SegmentContext
from audit.glossary import Glossary
from audit.model import Document, FileResult, Finding, RuleMeta, RunResult, Segment, Severity
from audit.scoring import DEFAULT_WEIGHTS, score_file
from audit.selection import RuleSelection
from audit.suppressions import drop_suppressed, is_suppressed

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
        return cls(
            segment_checks=tuple(
                cast(SegmentCheck, c(resources)) for c in active if not is_document_check(c)
            ),
            document_checks=tuple(
                cast(DocumentCheck, c(resources)) for c in active if is_document_check(c)
            ),
            rules=rules,
            selection=selection,
            priority={m.code: i for i, m in enumerate(rules)},
            index={m.code: m for m in rules},
        )

    def audit(
        self, document: Document, segment_findings: Sequence[Finding] | None = None
    ) -> FileResult:
        """All findings of a document. ``segment_findings``, when given, are the segment checks'
        findings computed elsewhere (in worker processes, see audit.parallel)."""
        findings = (
            list(segment_findings)
            if segment_findings is not None
            else self.segment_findings(document.segments, None, document.has_source)
        )
        for check in self.document_checks:
            findings.extend(self._adjust(check.check_document(document)))
        findings, _suppressed = drop_suppressed(findings, document, self.index)
        # A superseding finding (segment untranslated, line not article text) makes every
        # other finding on its segment moot, document-level ones included.
        moot = {f.segment: f for f in findings if self._meta(f.rule).supersedes}
        findings = [f for f in findings if moot.get(f.segment, f) is f]
        order = {s.id: i for i, s in enumerate(document.segments)}
        findings = _deduplicate(
            sorted(
                findings,
                key=lambda f: (
                    order[f.segment],
                    f.start,
                    f.end,
                    -f.severity.rank,  # on one span the more severe finding wins
                    self.priority[f.rule],
                ),
            ),
            {s.id: s.text for s in document.segments},
        )
        words = sum(len(_WORD.findall(s.plain)) for s in document.segments)
        return FileResult(document, tuple(findings), words)

    def segment_findings(
        self, segments: Sequence[Segment], previous: Segment | None, has_source: bool
    ) -> list[Finding]:
        """The segment checks' findings for a run of segments (``previous``: the one before)."""
        findings: list[Finding] = []
        for segment in segments:
            findings.extend(self._segment_findings(segment, SegmentContext(previous, has_source)))
            previous = segment
        return findings

    def _segment_findings(self, segment: Segment, context: SegmentContext) -> list[Finding]:
        empty = not segment.plain.strip()
        found: list[Finding] = []
        for check in self.segment_checks:
            if empty and not getattr(check, "audits_empty", False):
                continue  # nothing for target checks to read in an empty unit
            found.extend(self._adjust(check.check(segment, context)))
        if segment.suppressed:
            # An inline directive switches a rule off for this segment, as --ignore would.
            found = [f for f in found if not is_suppressed(f, segment, self.index)]
        superseding = [f for f in found if self._meta(f.rule).supersedes]
        return superseding[:1] if superseding else found

    def _adjust(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """Drop findings of disabled rules and apply configured severities."""
        for item in findings:
            if item.rule not in self.priority:
                continue
            severity = self.selection.severity(self._meta(item.rule))
            yield item if severity is item.severity else replace(item, severity=severity)

    def _meta(self, code: str) -> RuleMeta:
        return self.rules[self.priority[code]]


def _deduplicate(findings: list[Finding], texts: dict[str, str]) -> list[Finding]:
    """One finding per span: when two rules flag the same characters the more severe wins, and
    between equally severe ones the rule listed first in the registry.

    Findings on a whole segment are kept side by side: "part may be missing", "a name is
    missing" and "all lower case" are different things to fix, not one span seen twice.
    """
    kept: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for item in findings:
        whole = item.text.strip() == texts[item.segment].strip()
        key = (item.segment, item.start, item.end, item.rule if whole else "")
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


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

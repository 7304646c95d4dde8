"""Cost of each check class alone, in process: where a run's time goes, rule by rule.

Every class of the registry is built once over one shared ``Resources`` (warmed first, so the
first check to touch a word list is not charged for loading it) and run over the same
segments the way the engine runs it: segment checks one segment at a time with the previous
segment as context, empty targets only to checks that ask for them; document checks on
documents of a few hundred segments. Times are CPU seconds of this process
(``time.process_time``), so other work on the machine does not inflate them.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from audit.checks import CHECKS, is_document_check
from audit.checks.base import DocumentCheck, Resources, SegmentCheck, SegmentContext
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import Document, Segment
from benchmarks.corpus import Record

# The lazily built resources, in the order checks usually first touch them.
_RESOURCES = (
    "source_lexicon",
    "target_lexicon",
    "transliterator",
    "name_words",
    "bilingual_lexicon",
    "source_nouns",
    "guesser",
)


@dataclass(frozen=True, slots=True)
class RuleCost:
    check: str
    rules: str  # the codes it reports
    kind: str  # "segment" or "document"
    setup: float  # seconds to build the check
    seconds: float  # seconds over all segments
    segments: int
    findings: int

    @property
    def micros_per_segment(self) -> float:
        return self.seconds / self.segments * 1e6 if self.segments else 0.0


def segments_of(items: Sequence[Record]) -> list[Segment]:
    return [
        Segment(id=r.id, text=r.target, line=n, paragraph=n - 1, source=r.source)
        for n, r in enumerate(items, start=1)
    ]


def load_resources() -> tuple[Resources, dict[str, float]]:
    """The default run's resources with every lazy part loaded, and what each load took."""
    started = time.process_time()
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    loads = {"glossaries": time.process_time() - started}
    resources = Resources(glossary, "de", "en")
    for name in _RESOURCES:
        started = time.process_time()
        getattr(resources, name)
        loads[name] = time.process_time() - started
    return resources, loads


def profile(
    segments: Sequence[Segment], document_size: int, resources: Resources
) -> list[RuleCost]:
    """Each registered check timed over ``segments``; slowest first."""
    costs: list[RuleCost] = []
    for check_class in CHECKS:
        started = time.process_time()
        check = check_class(resources)
        setup = time.process_time() - started
        codes = ",".join(m.code for m in check_class.rules)
        if is_document_check(check_class):
            seconds, found = _time_documents(cast(DocumentCheck, check), segments, document_size)
            kind = "document"
        else:
            seconds, found = _time_segments(cast(SegmentCheck, check), segments)
            kind = "segment"
        costs.append(
            RuleCost(check_class.__name__, codes, kind, setup, seconds, len(segments), found)
        )
    return sorted(costs, key=lambda c: c.seconds, reverse=True)


def _time_segments(check: SegmentCheck, segments: Sequence[Segment]) -> tuple[float, int]:
    audits_empty = getattr(check, "audits_empty", False)
    found = 0
    previous: Segment | None = None
    started = time.process_time()
    for segment in segments:
        if audits_empty or segment.plain.strip():
            found += len(list(check.check(segment, SegmentContext(previous, True))))
        previous = segment
    return time.process_time() - started, found


def _time_documents(
    check: DocumentCheck, segments: Sequence[Segment], size: int
) -> tuple[float, int]:
    documents = [
        Document(f"doc{i}.jsonl", tuple(segments[i : i + size]), "de", "en", True)
        for i in range(0, len(segments), size)
    ]
    found = 0
    started = time.process_time()
    for document in documents:
        found += len(list(check.check_document(document)))
    return time.process_time() - started, found

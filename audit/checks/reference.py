"""Segments far from their reference translation (when one is given)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, clip, finding, rule, whole_span
from audit.metrics import DEFAULT_FAR_THRESHOLD, sentence_scorer
from audit.model import Finding, RuleMeta, Segment, Severity

FAR = rule(
    "REF001",
    "far-from-reference",
    "accuracy/mistranslation",
    Severity.INFO,
    """The segment is far from its reference translation (sentence chrF++ below a threshold).

    Only when a reference is given (--reference, or the reference field of a bitext file). The
    default threshold, chrF++ below 50, suits references close to the machine output such as
    post-edits: on 9,000 post-edited machine translations (MLQE-PE) it marks the worst 5 %,
    whose edit rate is four times the rest's. Against an independent human reference sentence
    chrF++ is far lower for good translations too; lower the threshold to about 30 there
    (--reference-threshold). Information only: a metric is evidence, not a verdict.
    Example: "No relaxation in sight" against the reference "No easing of tensions in sight".""",
)


class ReferenceDistance:
    """REF001: per-segment chrF++ against the segment's references."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (FAR,)

    def __init__(self, resources: Resources) -> None:
        self._threshold = resources.options.get("reference_threshold", DEFAULT_FAR_THRESHOLD)
        self._score = sentence_scorer("chrf")

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        if segment.reference is None:
            return
        references = [segment.reference, *segment.extra_references]
        score = self._score(segment.text, references)
        if score >= self._threshold:
            return
        start, end = whole_span(segment)
        yield finding(
            FAR,
            segment,
            start,
            end,
            f"chrF++ {score:.1f} against the reference (threshold {self._threshold:g}): "
            f'the reference reads "{clip(segment.reference)}"',
            (),
            {"chrf": f"{score:.2f}", "reference": segment.reference},
        )

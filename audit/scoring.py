"""An MQM-style quality score per document, computed from its typed findings.

penalty = sum of the severity weights of the findings; normalised per 1,000 words of target
text; score = 100 - normalised penalty. The default weights follow MQM's minor/major/critical
scale (1/5/25), mapped onto tqa's severities: info 1, warning 5, error 25. A score can fall
below zero when a short text has many errors; it is reported as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from audit.diff import DiffOp, word_diff
from audit.metrics import MetricScore, corpus_metrics
from audit.model import FileResult, Finding, Score, Segment, Severity

DEFAULT_WEIGHTS: Mapping[Severity, float] = MappingProxyType(
    {Severity.INFO: 1.0, Severity.WARNING: 5.0, Severity.ERROR: 25.0}
)
PER_WORDS = 1000


def mqm_score(
    findings: Iterable[Finding], words: int, weights: Mapping[Severity, float] = DEFAULT_WEIGHTS
) -> Score:
    penalty = sum(weights[f.severity] for f in findings)
    normalised = penalty * PER_WORDS / max(words, 1)
    return Score(mqm=round(100.0 - normalised, 2), penalty=penalty, words=words)


def parse_weights(text: str) -> dict[Severity, float]:
    """``error=25,warning=5,info=1`` (any subset) -> weights; unknown or bad parts raise."""
    weights = dict(DEFAULT_WEIGHTS)
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        try:
            severity = Severity(name.strip())
            weight = float(value)
        except ValueError:
            raise ValueError(
                f"bad score weight {part!r}: expected SEVERITY=NUMBER with SEVERITY one of "
                "error, warning, info"
            ) from None
        if not sep or weight < 0:
            raise ValueError(f"bad score weight {part!r}: the weight must be a number >= 0")
        weights[severity] = weight
    return weights


def score_file(
    result: FileResult, weights: Mapping[Severity, float] = DEFAULT_WEIGHTS
) -> FileResult:
    """The file's result with its score, and its metrics when its segments have references."""
    return replace(
        result,
        score=mqm_score(result.findings, result.words, weights),
        metrics=reference_metrics(result.document.segments),
        diffs=reference_diffs(result.document.segments),
    )


def reference_diffs(segments: Sequence[Segment]) -> Mapping[str, list[DiffOp]]:
    """Word diff of each segment against its first reference (segment id -> operations)."""
    return MappingProxyType(
        {s.id: word_diff(s.text, s.reference) for s in segments if s.reference is not None}
    )


def reference_metrics(segments: Sequence[Segment]) -> Mapping[str, MetricScore]:
    """Corpus BLEU, chrF++ and TER over the segments that have references (none: empty).

    Segments without a reference (a repeated headline the editor deleted, say) are left out
    of the corpus, as sacrebleu would need a reference for every hypothesis.
    """
    scored = [s for s in segments if s.reference is not None]
    if not scored:
        return MappingProxyType({})
    streams = 1 + min(len(s.extra_references) for s in scored)
    references = [
        [([s.reference, *s.extra_references])[k] or "" for s in scored] for k in range(streams)
    ]
    return MappingProxyType(corpus_metrics([s.text for s in scored], references))

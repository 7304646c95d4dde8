"""Reference-based metrics (BLEU, chrF++, TER): thin wrappers over sacrebleu's own API.

The numbers are sacrebleu's, never re-derived here, so a score reported by ``tqa score`` is the
score sacrebleu prints for the same files, and the signature string says how it was computed.

``"chrf"`` means chrF++ (character n-grams up to 6 plus word n-grams up to 2) at both the
corpus and the segment level, so the name denotes one configuration everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sacrebleu.metrics.base import Metric
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

METRICS = ("bleu", "chrf", "ter")

# Segment-level chrF++ below this counts as far from the reference. Measured on the 9,000
# English-German MLQE-PE segments (MT output scored against its professional post-edit):
# percentiles 1% 34.7, 2% 40.8, 5% 49.7, 10% 57.7, 25% 71.4, median 86.3 (a third are
# untouched, 100). Below 50 lie 5.2% of the segments, with mean HTER 0.63 against 0.15 for
# the rest, and every one of them had at least 30% of its words edited. The cut-off assumes
# a post-edit-like reference: against an independent human translation scores sit far lower
# (TED MQM English-German system output against the human reference: 5% 28.9, median
# 55.8), so 50 would mark a third of fine segments there; use about 30 for such references.
DEFAULT_FAR_THRESHOLD = 50.0


@dataclass(frozen=True)
class MetricScore:
    """One corpus score: our metric key, sacrebleu's label, the score and its signature."""

    name: str
    score: float
    signature: str
    label: str = ""


def _bleu(sentence: bool) -> Metric:
    # Sentence BLEU without effective order is zero for most short segments; sacrebleu
    # itself recommends effective order at the sentence level.
    return BLEU(effective_order=True) if sentence else BLEU()


def _chrf(sentence: bool) -> Metric:
    return CHRF(word_order=2)


def _ter(sentence: bool) -> Metric:
    return TER()


_FACTORIES: dict[str, Callable[[bool], Metric]] = {"bleu": _bleu, "chrf": _chrf, "ter": _ter}
# The names sacrebleu gives these scores (its ``Score.name``), for labelling segment lines.
LABELS = {"bleu": "BLEU", "chrf": "chrF2++", "ter": "TER"}


def check_names(names: Sequence[str]) -> tuple[str, ...]:
    """Return ``names`` without duplicates, or raise ValueError naming the unknown ones."""
    unknown = [n for n in names if n not in _FACTORIES]
    if unknown:
        raise ValueError(
            f"unknown metric {', '.join(repr(n) for n in unknown)}; known: {', '.join(METRICS)}"
        )
    if not names:
        raise ValueError(f"no metric chosen; known: {', '.join(METRICS)}")
    return tuple(dict.fromkeys(names))


def _check_streams(hypotheses: Sequence[str], references: Sequence[Sequence[str]]) -> None:
    if not references:
        raise ValueError("no reference stream given")
    for number, stream in enumerate(references, 1):
        if len(stream) != len(hypotheses):
            raise ValueError(
                f"reference {number} has {len(stream)} segments, "
                f"the hypothesis has {len(hypotheses)}"
            )


def corpus_metrics(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    names: Sequence[str] = METRICS,
) -> dict[str, MetricScore]:
    """Score a system output against one or more reference streams, each parallel to it.

    ``references`` has sacrebleu's layout: ``references[k][i]`` is the k-th reference of
    hypothesis ``i``. Raises ValueError for an unknown metric or a stream of the wrong length.
    """
    chosen = check_names(names)
    _check_streams(hypotheses, references)
    hyps = list(hypotheses)
    refs = [list(stream) for stream in references]
    scores: dict[str, MetricScore] = {}
    for name in chosen:
        metric = _FACTORIES[name](False)
        result = metric.corpus_score(hyps, refs)
        scores[name] = MetricScore(
            name, float(result.score), str(metric.get_signature()), result.name
        )
    return scores


def segment_scores(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str]],
    name: str = "chrf",
) -> list[float]:
    """Score each hypothesis against its own references (same layout as ``corpus_metrics``).

    The default is chrF++ per segment; ``"bleu"`` uses sacrebleu's sentence BLEU with
    effective order, ``"ter"`` sentence TER.
    """
    (chosen,) = check_names([name])
    _check_streams(hypotheses, references)
    metric = _FACTORIES[chosen](True)
    return [
        float(metric.sentence_score(hyp, [stream[i] for stream in references]).score)
        for i, hyp in enumerate(hypotheses)
    ]


def sentence_scorer(name: str = "chrf") -> Callable[[str, Sequence[str]], float]:
    """A scorer for one segment against its references, with the metric built once."""
    (chosen,) = check_names([name])
    metric = _FACTORIES[chosen](True)

    def score(hypothesis: str, references: Sequence[str]) -> float:
        return float(metric.sentence_score(hypothesis, list(references)).score)

    return score


def far_from_reference(score: float, threshold: float = DEFAULT_FAR_THRESHOLD) -> bool:
    """Whether a segment-level chrF++ score marks a segment far from its reference.

    See ``DEFAULT_FAR_THRESHOLD`` for how the default was measured and when to lower it.
    """
    return score < threshold

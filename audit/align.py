"""Align a source article with its translation: paragraphs first, then sentences inside them.

A length-based dynamic programme in the spirit of Gale & Church (1993): each bead (1-1, 1-2,
2-1, 2-2, 1-0, 0-1) costs the improbability of its length ratio plus a prior for its shape,
lowered when numbers and names are shared. Unmatched sentences become 1-0 or 0-1 beads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from audit.model import Segment

# English characters per German character and the variance per character of that ratio,
# estimated on FLORES-200 devtest and NTREX-128 German-English (3,009 sentence pairs: 0.845 and
# 1.62). tests/test_align.py re-checks both against that data.
_RATIO = 0.845
_VARIANCE = 1.62
# -log prior probability of each bead shape (Gale & Church's estimates, 2-2 and 0-1 rarer).
_SHAPES: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099),
    (0, 1): -math.log(0.0099),
    (2, 1): -math.log(0.089 / 2),
    (1, 2): -math.log(0.089 / 2),
    (2, 2): -math.log(0.011),
}
_ANCHOR_WEIGHT = 4.0
_UNMATCHED = 4.0  # an unmatched unit also loses the anchors it might have shared
_ORPHAN_PART = 6.0
_NUMBER = re.compile(r"\d[\d.,]*")
_WORDS = re.compile(r"[^\W_]+")
_NAME = re.compile(r"(?<![\w-])[A-ZÀ-Þ][\w-]{2,}")


@dataclass(frozen=True, slots=True)
class Unit:
    """Something to align: its length in characters and its anchors (numbers, names)."""

    length: int
    anchors: frozenset[str]


def unit(text: str) -> Unit:
    numbers = {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}
    names = {n for n in _NAME.findall(text)}
    return Unit(len(text), frozenset(numbers | names))


def _length_cost(source: int, target: int, ratio: float, variance: float) -> float:
    if source == 0 and target == 0:
        return 0.0
    mean = (source + target / ratio) / 2
    delta = (target - source * ratio) / math.sqrt(max(mean, 1.0) * variance)
    tail = math.erfc(abs(delta) / math.sqrt(2))  # two-sided normal tail probability
    return -math.log(max(tail, 1e-12))


def _anchor_bonus(source: frozenset[str], target: frozenset[str]) -> float:
    if not source or not target:
        return 0.0
    return _ANCHOR_WEIGHT * len(source & target) / min(len(source), len(target))


def _merge_penalty(parts: Sequence[Unit], other: frozenset[str]) -> float:
    """A merged part with anchors of its own, none shared, probably belongs elsewhere."""
    return sum(_ORPHAN_PART for u in parts if u.anchors and not u.anchors & other)


def align(
    source: Sequence[Unit],
    target: Sequence[Unit],
    ratio: float = _RATIO,
    variance: float = _VARIANCE,
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Beads (source indices, target indices) covering both sequences in order."""
    n, m = len(source), len(target)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for (di, dj), prior in _SHAPES.items():
                if i + di > n or j + dj > m:
                    continue
                src = source[i : i + di]
                tgt = target[j : j + dj]
                step = prior
                if di and dj:
                    # A unit aligned with nothing has no length ratio to judge: its cost is the
                    # bead's prior and the anchors it gives up.
                    step += _length_cost(
                        sum(u.length for u in src), sum(u.length for u in tgt), ratio, variance
                    )
                    src_anchors = frozenset().union(*(u.anchors for u in src))
                    tgt_anchors = frozenset().union(*(u.anchors for u in tgt))
                    step -= _anchor_bonus(src_anchors, tgt_anchors)
                    if di + dj > 2:
                        step += _merge_penalty(src, tgt_anchors) + _merge_penalty(tgt, src_anchors)
                else:
                    step += _UNMATCHED
                total = cost[i][j] + step
                if total < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = total
                    back[i + di][j + dj] = (di, dj)
    beads: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


@dataclass(frozen=True, slots=True)
class ArticleAlignment:
    """Target segments with their sources attached, and what stayed unpaired on either side."""

    targets: list[Segment]
    unaligned_source: list[Segment]
    unaligned_target: list[Segment]


def attach_source(
    target: Sequence[Segment], source: Sequence[Segment]
) -> tuple[list[Segment], list[Segment]]:
    """Give each target segment its aligned source text; return (targets, unaligned sources)."""
    result = align_article(target, source)
    return result.targets, result.unaligned_source


def align_article(
    target: Sequence[Segment],
    source: Sequence[Segment],
    ratio: float = _RATIO,
    variance: float = _VARIANCE,
) -> ArticleAlignment:
    """Align two articles paragraph by paragraph, then sentence by sentence.

    ``ratio`` and ``variance`` are the pair's length model (audit.lengthmodel); the defaults
    are German-English.
    """
    t_pars = _alignable(_group(target))
    s_pars = _alignable(_group(source))
    par_beads = align(
        [unit(" ".join(s.text for s in par)) for par in s_pars],
        [unit(" ".join(t.text for t in par)) for par in t_pars],
        ratio,
        variance,
    )
    result: dict[str, Segment] = {}
    unaligned: list[Segment] = []
    added: list[Segment] = []
    for s_idx, t_idx in par_beads:
        src = [seg for i in s_idx for seg in s_pars[i] if _WORDS.search(seg.plain)]
        tgt = [seg for i in t_idx for seg in t_pars[i] if _WORDS.search(seg.plain)]
        for s_beads, t_beads in align(
            [unit(s.text) for s in src], [unit(t.text) for t in tgt], ratio, variance
        ):
            sources = [src[i] for i in s_beads]
            if not t_beads:
                unaligned.extend(sources)
            if not sources:
                added.extend(tgt[i] for i in t_beads)
                continue
            for i in t_beads:
                result[tgt[i].id] = replace(
                    tgt[i],
                    source=" ".join(s.text for s in sources),
                    source_ids=tuple(s.id for s in sources),
                )
    return ArticleAlignment([result.get(t.id, t) for t in target], unaligned, added)


def _alignable(paragraphs: list[list[Segment]]) -> list[list[Segment]]:
    """Paragraphs worth aligning: with letters, and not a repetition of an earlier paragraph.

    A lone "." or a headline repeated by a scraper has no source of its own; letting it take
    part would pull a neighbour's source sentence onto it.
    """
    kept: list[list[Segment]] = []
    seen: set[tuple[str, ...]] = set()
    for paragraph in paragraphs:
        words = tuple(w.casefold() for s in paragraph for w in _WORDS.findall(s.plain))
        if words and words not in seen:
            kept.append(paragraph)
        seen.add(words)
    return kept


def _group(segments: Sequence[Segment]) -> list[list[Segment]]:
    groups: dict[int, list[Segment]] = {}
    for segment in segments:
        groups.setdefault(segment.paragraph, []).append(segment)
    return list(groups.values())

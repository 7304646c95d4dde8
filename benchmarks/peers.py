"""Reference points measured in the same run: what a bare pass over the text costs, and what
a well-known per-sentence metric costs, so tqa's rate can be read against this machine.
Times are CPU seconds of this process, like the rule profile's."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path

from sacrebleu.metrics.chrf import CHRF

from benchmarks.corpus import WORD


def read_and_tokenise(path: Path) -> tuple[float, int, int]:
    """Seconds, segments and target words for reading a JSONL bitext and splitting every
    target into words (json.loads per line plus the engine's word pattern): a floor for any
    tool that reads the same file."""
    started = time.process_time()
    segments = words = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            words += len(WORD.findall(item["target"]))
            segments += 1
    return time.process_time() - started, segments, words


def sentence_chrf(pairs: Sequence[tuple[str, str]]) -> float:
    """Seconds for sacrebleu's sentence-level chrF of each target against its own clean
    counterpart (the hypothesis/reference pairing matters little to the cost)."""
    metric = CHRF()
    started = time.process_time()
    for hypothesis, reference in pairs:
        metric.sentence_score(hypothesis, [reference])
    return time.process_time() - started

"""Length models per language pair: how long a translation is expected to be.

Shared by the aligner (which pairs sentences by length) and the omission/addition rules. The
numbers are data (audit/data/length/<source>-<target>.tsv, documented in the README there).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from audit.resources import data_file


@dataclass(frozen=True, slots=True)
class LengthModel:
    """Target characters per source character, its variance, and the report thresholds."""

    ratio: float
    variance: float
    omission_z: float
    addition_z: float
    min_difference: int

    def z(self, source_length: int, target_length: int) -> float:
        expected = self.ratio * source_length
        return (target_length - expected) / math.sqrt(self.variance * max(source_length, 1))


def load_length_model(source_lang: str, target_lang: str) -> LengthModel | None:
    path = data_file("length", f"{source_lang}-{target_lang}.tsv")
    if not path.is_file():
        return None
    values = dict(
        line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if line
    )
    return LengthModel(
        ratio=float(values["ratio"]),
        variance=float(values["variance"]),
        omission_z=float(values["omission_z"]),
        addition_z=float(values["addition_z"]),
        min_difference=int(values["min_difference"]),
    )


# Gale & Church's (1993) values, for pairs without a measured model: equal lengths, wide spread.
GENERIC = LengthModel(ratio=1.0, variance=6.8, omission_z=-4.0, addition_z=4.0, min_difference=20)
# A reference or post-edited version of the same English text: equal lengths, little spread.
SAME_LANGUAGE = LengthModel(
    ratio=1.0, variance=2.0, omission_z=-4.0, addition_z=4.0, min_difference=20
)


def alignment_model(source_lang: str, target_lang: str) -> LengthModel:
    """The model to align with: measured for the pair, else the generic one."""
    if source_lang == target_lang:
        return SAME_LANGUAGE
    return load_length_model(source_lang, target_lang) or GENERIC

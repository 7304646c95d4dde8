"""The MQM-style score: weights, normalisation per 1,000 words, parsing of custom weights."""

from __future__ import annotations

import pytest

from audit.model import Finding, Severity
from audit.scoring import DEFAULT_WEIGHTS, mqm_score, parse_weights


def _finding(severity: Severity) -> Finding:
    return Finding("X001", "x", "fluency", severity, "1", 1, 1, 0, 1, "x", "m")


def test_score_is_100_minus_penalty_per_thousand_words() -> None:
    findings = [_finding(Severity.ERROR), _finding(Severity.WARNING), _finding(Severity.INFO)]
    score = mqm_score(findings, 2000)
    assert score.penalty == 31
    assert score.mqm == 100 - 31 * 1000 / 2000
    assert score.words == 2000


def test_clean_text_scores_100_and_empty_text_does_not_divide_by_zero() -> None:
    assert mqm_score([], 500).mqm == 100
    assert mqm_score([_finding(Severity.ERROR)], 0).mqm == 100 - 25_000


def test_custom_weights() -> None:
    weights = parse_weights("error=10, info=0")
    assert weights[Severity.ERROR] == 10
    assert weights[Severity.WARNING] == DEFAULT_WEIGHTS[Severity.WARNING]
    assert weights[Severity.INFO] == 0
    assert mqm_score([_finding(Severity.INFO)], 100, weights).mqm == 100


@pytest.mark.parametrize("text", ["fatal=3", "error", "error=x", "error=-1"])
def test_bad_weights_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_weights(text)

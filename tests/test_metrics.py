"""Reference-based metrics: the numbers must be exactly sacrebleu's, and bad input must exit 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from audit.cli import main
from audit.metrics import (
    DEFAULT_FAR_THRESHOLD,
    LABELS,
    METRICS,
    MetricScore,
    corpus_metrics,
    far_from_reference,
    segment_scores,
)
from audit.score_command import score
from tests.conftest import run_cli

# The command is registered by cli.py; adding it here too keeps these tests independent of
# that line (add_command under the same name is idempotent).
main.add_command(score)

FLORES_EN = ("external", "flores-ntrex-deen", "flores200", "eng_Latn.devtest")
LINE = re.compile(r"^(BLEU|chrF2\+\+|TER) = \d+\.\d\d  nrefs:\d\|\S+\|version:\S+$")


def drop_every(line: str, step: int) -> str:
    """A deterministic degraded copy: remove every ``step``-th word."""
    words = line.split(" ")
    return " ".join(w for i, w in enumerate(words, 1) if i % step)


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def sacrebleu_reference(hyps: list[str], refs: list[list[str]]) -> dict[str, tuple[float, str]]:
    """What sacrebleu's own API says for these streams, keyed like ``tqa score`` JSON."""
    out: dict[str, tuple[float, str]] = {}
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF(word_order=2)), ("ter", TER())):
        result = metric.corpus_score(hyps, refs)
        out[name] = (result.score, str(metric.get_signature()))
    return out


def one_line_error(result: object) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, stderr  # type: ignore[attr-defined]
    assert stderr.startswith("tqa: error: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    return stderr


# --- on the FLORES English side ------------------------------------------------------------


@pytest.fixture
def flores(shared: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """(hypothesis, reference, second reference): two perturbations of the FLORES English."""
    ref = shared.joinpath(*FLORES_EN)
    lines = read_lines(ref)
    hyp = write_lines(tmp_path / "hyp.txt", [drop_every(x, 7) for x in lines])
    ref2 = write_lines(tmp_path / "ref2.txt", [drop_every(x, 4) for x in lines])
    return hyp, ref, ref2


@pytest.mark.parametrize("nrefs", [1, 2])
def test_corpus_scores_equal_sacrebleu(flores: tuple[Path, Path, Path], nrefs: int) -> None:
    hyp, ref, ref2 = flores
    refs = [ref, ref2][:nrefs]
    args: list[object] = ["score", hyp, "--format", "json"]
    for path in refs:
        args += ["--reference", path]
    result = run_cli(args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    expected = sacrebleu_reference(read_lines(hyp), [read_lines(p) for p in refs])
    assert set(report["metrics"]) == {"bleu", "chrf", "ter"}
    for name, (value, signature) in expected.items():
        assert report["metrics"][name] == {"score": value, "signature": signature}
        assert f"nrefs:{nrefs}" in signature
    assert report["hypotheses"] == 1012
    assert report["references"] == nrefs
    assert "segments" not in report
    # The perturbation is visible: neither perfect nor nonsense.
    assert 40 < report["metrics"]["bleu"]["score"] < 100
    assert 0 < report["metrics"]["ter"]["score"] < 30


def test_segment_scores_equal_sentence_chrf(flores: tuple[Path, Path, Path]) -> None:
    hyp, ref, ref2 = flores
    result = run_cli(
        ["score", hyp, "--reference", ref, "--reference", ref2, "--segments", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    segments = json.loads(result.stdout)["segments"]
    hyps, refs, refs2 = read_lines(hyp), read_lines(ref), read_lines(ref2)
    metric = CHRF(word_order=2)
    expected = [metric.sentence_score(h, [r, r2]).score for h, r, r2 in zip(hyps, refs, refs2)]
    assert [s["segment"] for s in segments] == [str(n) for n in range(1, 1013)]
    assert [s["chrf"] for s in segments] == expected


def test_text_output(flores: tuple[Path, Path, Path]) -> None:
    hyp, ref, _ = flores
    result = run_cli(["score", hyp, "--reference", ref, "--segments"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 3 + 1012
    assert all(LINE.match(line) for line in lines[:3]), lines[:3]
    assert [line.split(" = ")[0] for line in lines[:3]] == ["BLEU", "chrF2++", "TER"]
    bleu = BLEU()
    value = bleu.corpus_score(read_lines(hyp), [read_lines(ref)]).score
    assert lines[0] == f"BLEU = {value:.2f}  {bleu.get_signature()}"
    first = CHRF(word_order=2).sentence_score(read_lines(hyp)[0], [read_lines(ref)[0]]).score
    assert lines[3] == f"segment 1: chrF2++ = {first:.2f}"
    assert lines[-1].startswith("segment 1012: chrF2++ = ")


def test_metric_selection_and_output_file(flores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    hyp, ref, _ = flores
    out = tmp_path / "scores" / "s.json"
    result = run_cli(
        ["score", hyp, "--reference", ref, "--metrics", "ter, BLEU", "--format", "json",
         "--output", out]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert list(json.loads(out.read_text(encoding="utf-8"))["metrics"]) == ["ter", "bleu"]


def test_reference_count_mismatch(flores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    hyp, ref, _ = flores
    short = write_lines(tmp_path / "short.txt", read_lines(ref)[:-1])
    out = tmp_path / "out.json"
    result = run_cli(["score", hyp, "--reference", short, "--output", out])
    message = one_line_error(result)
    assert f"{hyp} has 1012 segments" in message
    assert f"{short} has 1011" in message
    assert not out.exists()


def test_second_reference_mismatch_named(flores: tuple[Path, Path, Path], tmp_path: Path) -> None:
    hyp, ref, _ = flores
    longer = write_lines(tmp_path / "long.txt", [*read_lines(ref), "extra"])
    message = one_line_error(run_cli(["score", hyp, "--reference", ref, "--reference", longer]))
    assert f"{longer} has 1013" in message and "1012" in message


# --- handwritten, no shared data -----------------------------------------------------------

HYPS = ["The cat sat on the mat.", "It was raining in Berlin today.", "A short one."]
REFS = ["The cat sat on the mat.", "Today it rained in Berlin.", "A brief one."]
REFS2 = ["A cat was sitting on the mat.", "It was raining in Berlin today.", "Short."]


def test_corpus_metrics_match_sacrebleu_api() -> None:
    scores = corpus_metrics(HYPS, [REFS, REFS2])
    assert list(scores) == list(METRICS)
    expected = sacrebleu_reference(HYPS, [REFS, REFS2])
    for name, (value, signature) in expected.items():
        assert scores[name] == MetricScore(name, value, signature, LABELS[name])


def test_identical_text_is_perfect() -> None:
    scores = corpus_metrics(REFS, [REFS])
    assert scores["bleu"].score == pytest.approx(100.0)
    assert scores["chrf"].score == 100.0
    assert scores["ter"].score == 0.0


def test_labels_are_sacrebleus_names() -> None:
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF(word_order=2)), ("ter", TER())):
        assert metric.corpus_score(HYPS, [REFS]).name == LABELS[name]


def test_unknown_metric_lists_known_names() -> None:
    with pytest.raises(ValueError, match=r"unknown metric 'meteor'.*bleu, chrf, ter"):
        corpus_metrics(HYPS, [REFS], ["bleu", "meteor"])


def test_stream_length_mismatch_names_counts() -> None:
    with pytest.raises(ValueError, match="reference 2 has 2 segments, the hypothesis has 3"):
        corpus_metrics(HYPS, [REFS, REFS2[:2]])
    with pytest.raises(ValueError, match="has 4 segments"):
        segment_scores(HYPS, [[*REFS, "x"]])


def test_segment_scores_are_sentence_scores() -> None:
    chrf = CHRF(word_order=2)
    assert segment_scores(HYPS, [REFS, REFS2]) == [
        chrf.sentence_score(h, [r, r2]).score for h, r, r2 in zip(HYPS, REFS, REFS2)
    ]
    bleu = BLEU(effective_order=True)
    assert segment_scores(HYPS, [REFS], "bleu") == [
        bleu.sentence_score(h, [r]).score for h, r in zip(HYPS, REFS)
    ]
    ter = TER()
    assert segment_scores(HYPS, [REFS], "ter") == [
        ter.sentence_score(h, [r]).score for h, r in zip(HYPS, REFS)
    ]


def test_far_from_reference() -> None:
    assert DEFAULT_FAR_THRESHOLD == 50.0
    near, far = segment_scores(["The cat sat on the mat.", "Completely unrelated words here."],
                               [["The cat sat on the mat.", "The cat sat on the mat."]])  # fmt: skip
    assert not far_from_reference(near)
    assert far_from_reference(far)
    assert far_from_reference(45.0) and not far_from_reference(45.0, threshold=40.0)


def test_final_newline_adds_no_segment(tmp_path: Path) -> None:
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("one\n\nthree", encoding="utf-8")  # a blank line is a segment; no final \n
    ref = tmp_path / "ref.txt"
    ref.write_text("one\ntwo\nthree\n", encoding="utf-8")
    result = run_cli(["score", hyp, "--reference", ref, "--format", "json", "--segments"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["hypotheses"] == 3
    assert [s["segment"] for s in report["segments"]] == ["1", "2", "3"]
    assert report["segments"][1]["chrf"] == 0.0
    assert report["segments"][0]["chrf"] == 100.0


def test_bitext_hypothesis_uses_carried_references(tmp_path: Path) -> None:
    hyp = tmp_path / "mt.jsonl"
    rows = [
        {"id": f"s{i}", "source": "x", "target": h, "reference": r}
        for i, (h, r) in enumerate(zip(HYPS, REFS))
    ]
    hyp.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run_cli(["score", hyp, "--format", "json", "--segments"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["metrics"]["bleu"]["score"] == BLEU().corpus_score(HYPS, [REFS]).score
    assert [s["segment"] for s in report["segments"]] == ["s0", "s1", "s2"]
    assert report["references"] == 1


def test_bitext_reference_file_contributes_targets(tmp_path: Path) -> None:
    hyp = write_lines(tmp_path / "hyp.txt", HYPS)
    ref = tmp_path / "ref.tsv"
    ref.write_text("".join(f"Quelle\t{r}\n" for r in REFS2), encoding="utf-8")
    result = run_cli(["score", hyp, "--reference", ref, "--metrics", "chrf", "--format", "json"])
    assert result.exit_code == 0, result.output
    expected = CHRF(word_order=2).corpus_score(HYPS, [REFS2]).score
    assert json.loads(result.stdout)["metrics"]["chrf"]["score"] == expected


def test_bitext_with_partial_references_needs_reference_option(tmp_path: Path) -> None:
    hyp = tmp_path / "mt.tsv"
    hyp.write_text("a\tThe cat.\tThe cat.\nb\tA dog.\n", encoding="utf-8")
    message = one_line_error(run_cli(["score", hyp]))
    assert str(hyp) in message and "only 1 of 2 segments carry a reference" in message


def test_plain_hypothesis_without_reference(tmp_path: Path) -> None:
    hyp = write_lines(tmp_path / "hyp.txt", HYPS)
    message = one_line_error(run_cli(["score", hyp]))
    assert "--reference" in message


def test_empty_reference_file(tmp_path: Path) -> None:
    hyp = write_lines(tmp_path / "hyp.txt", HYPS)
    ref = tmp_path / "ref.txt"
    ref.write_text("\n", encoding="utf-8")
    message = one_line_error(run_cli(["score", hyp, "--reference", ref]))
    assert message == f"tqa: error: {ref}: empty reference file: no segments to score\n"


def test_empty_hypothesis_file(tmp_path: Path) -> None:
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("", encoding="utf-8")
    ref = write_lines(tmp_path / "ref.txt", REFS)
    message = one_line_error(run_cli(["score", hyp, "--reference", ref]))
    assert message == f"tqa: error: {hyp}: empty hypothesis file: no segments to score\n"


def test_unknown_metric_on_command_line(tmp_path: Path) -> None:
    hyp = write_lines(tmp_path / "hyp.txt", HYPS)
    ref = write_lines(tmp_path / "ref.txt", REFS)
    out = tmp_path / "out.txt"
    message = one_line_error(
        run_cli(["score", hyp, "--reference", ref, "--metrics", "bleu,comet", "--output", out])
    )
    assert "'comet'" in message and "bleu, chrf, ter" in message
    assert not out.exists()


def test_missing_files(tmp_path: Path) -> None:
    ref = write_lines(tmp_path / "ref.txt", REFS)
    missing = tmp_path / "nope.txt"
    assert f"{missing}: no such file" in one_line_error(
        run_cli(["score", missing, "--reference", ref])
    )
    assert f"{missing}: no such file" in one_line_error(
        run_cli(["score", ref, "--reference", missing])
    )

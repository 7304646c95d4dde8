"""``tqa score``: corpus BLEU, chrF++ and TER of a translation against reference translations."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from audit.cli_errors import clean_errors
from audit.cli_options import language_options
from audit.errors import InputError
from audit.metrics import LABELS, METRICS, MetricScore, check_names, corpus_metrics, segment_scores
from audit.output import write_atomic
from audit.readers import BITEXT_READERS, UNIT_READERS, format_of, load_document
from audit.readers.textfile import read_text

F = TypeVar("F", bound=Callable[..., Any])

# Per-segment scores use this metric (chrF++, the same configuration as the corpus "chrf").
SEGMENT_METRIC = "chrf"


@dataclass(frozen=True)
class Stream:
    """The segments of one file, in order, with the ids reports show for them."""

    path: str
    ids: tuple[str, ...]
    texts: tuple[str, ...]
    references: tuple[str | None, ...] = ()


def _is_bitext(path: str) -> bool:
    fmt = format_of(path)
    return fmt in BITEXT_READERS or fmt in UNIT_READERS


def read_stream(path: str, role: str, source_lang: str, target_lang: str) -> Stream:
    """Read a file's target segments: one per line, or the targets of a bitext file."""
    if _is_bitext(path):
        document = load_document(path, source_lang=source_lang, target_lang=target_lang)
        segments = document.segments
        if not segments:
            raise InputError(path, f"empty {role} file: no segments to score")
        return Stream(
            path,
            tuple(s.id for s in segments),
            tuple(s.text for s in segments),
            tuple(s.reference for s in segments),
        )
    try:
        text = read_text(path)
    except InputError as exc:
        # read_text's wording speaks of auditing; say what is missing for scoring instead.
        if exc.line is None and exc.message.startswith("empty file"):
            raise InputError(path, f"empty {role} file: no segments to score") from None
        raise
    # One segment per line; a final newline ends the last line rather than adding an empty one.
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return Stream(path, tuple(str(n) for n in range(1, len(lines) + 1)), tuple(lines))


def _reference_streams(hyp: Stream, references: list[Stream]) -> list[tuple[str, ...]]:
    if references:
        for ref in references:
            if len(ref.texts) != len(hyp.texts):
                raise InputError(
                    ref.path,
                    f"{hyp.path} has {len(hyp.texts)} segments, "
                    f"{ref.path} has {len(ref.texts)}; references must be line-parallel",
                )
        return [ref.texts for ref in references]
    carried = [r for r in hyp.references if r is not None]
    if hyp.references and len(carried) == len(hyp.texts):
        return [tuple(carried)]
    if hyp.references:
        raise InputError(
            hyp.path,
            f"only {len(carried)} of {len(hyp.texts)} segments carry a reference; "
            "pass --reference FILE",
        )
    raise InputError(hyp.path, "no reference to score against; pass --reference FILE")


def _parse_metrics(option: str) -> tuple[str, ...]:
    names = [n.strip().lower() for n in option.split(",") if n.strip()]
    try:
        return check_names(names)
    except ValueError as exc:
        raise InputError("--metrics", str(exc)) from None


def render_text(scores: dict[str, MetricScore], segments: list[tuple[str, float]] | None) -> str:
    # Two decimals: the precision sacrebleu itself prints by default.
    lines = [f"{s.label} = {s.score:.2f}  {s.signature}" for s in scores.values()]
    label = LABELS[SEGMENT_METRIC]
    lines += [f"segment {sid}: {label} = {value:.2f}" for sid, value in segments or ()]
    return "\n".join(lines) + "\n"


def render_json(
    scores: dict[str, MetricScore],
    segments: list[tuple[str, float]] | None,
    hypotheses: int,
    references: int,
) -> str:
    report: dict[str, object] = {
        "metrics": {
            name: {"score": s.score, "signature": s.signature} for name, s in scores.items()
        }
    }
    if segments is not None:
        report["segments"] = [{"segment": sid, SEGMENT_METRIC: value} for sid, value in segments]
    report["hypotheses"] = hypotheses
    report["references"] = references
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


@click.command("score")
@click.argument("hypothesis", type=click.Path())
@click.option(
    "--reference",
    "references",
    multiple=True,
    type=click.Path(),
    help="Reference translation, line-parallel to HYPOTHESIS (repeatable).",
)
@click.option(
    "--metrics",
    "metrics_option",
    default=",".join(METRICS),
    show_default=True,
    help="Comma-separated metrics to compute (chrf is chrF++).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--segments", "with_segments", is_flag=True, help="Add per-segment chrF++ scores.")
@click.option(
    "--output", type=click.Path(dir_okay=False), help="Write the scores here instead of stdout."
)
@language_options(defaults=True)
@clean_errors
def score(
    hypothesis: str,
    references: tuple[str, ...],
    metrics_option: str,
    output_format: str,
    with_segments: bool,
    output: str | None,
    source_lang: str,
    target_lang: str,
) -> None:
    """Score HYPOTHESIS against reference translations with sacrebleu (BLEU, chrF++, TER).

    Plain-text files hold one segment per line. Bitext files (JSONL, TSV, XLIFF, TMX, PO)
    contribute their target texts; a bitext HYPOTHESIS whose every segment carries a
    reference needs no --reference.
    """
    names = _parse_metrics(metrics_option)
    hyp = read_stream(hypothesis, "hypothesis", source_lang, target_lang)
    refs = [read_stream(p, "reference", source_lang, target_lang) for p in references]
    streams = _reference_streams(hyp, refs)
    scores = corpus_metrics(hyp.texts, streams, names)
    segments = (
        list(zip(hyp.ids, segment_scores(hyp.texts, streams, SEGMENT_METRIC)))
        if with_segments
        else None
    )
    if output_format == "json":
        report = render_json(scores, segments, len(hyp.texts), len(streams))
    else:
        report = render_text(scores, segments)
    if output:
        write_atomic(output, report)
    else:
        click.echo(report, nl=False)

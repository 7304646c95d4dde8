"""The ``tqa`` command line: thin glue from flags to the engine, a reporter and an exit code."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import click

from audit import __version__
from audit.baseline import apply_baseline, load_baseline, write_baseline
from audit.checks import ALL_RULES
from audit.cli_errors import clean_errors
from audit.cli_options import language_options
from audit.config import load_config, resolve, size_option
from audit.config_command import config
from audit.discovery import DEFAULT_PAIRS, collect, compile_patterns
from audit.engine import Auditor, summarise
from audit.glossary import default_glossary_paths, load_glossaries, parse_glossary
from audit.learn_command import learn
from audit.metrics import DEFAULT_FAR_THRESHOLD
from audit.model import ExitCode, RunResult, Severity
from audit.output import write_atomic
from audit.parallel import AuditorSpec, audit_all, audit_all_dask
from audit.progress import track, wanted
from audit.readers import ARTICLE_READERS, FORMATS, format_of, load_document
from audit.readers.textfile import input_limit, read_text
from audit.references import attach_references
from audit.reporters import REPORTERS
from audit.reporters.html import render_html, write_html_dir
from audit.reporters.text import iter_text
from audit.score_command import score
from audit.scoring import score_file

FAIL_LEVELS = ("error", "warning", "info", "never")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tqa")
def main() -> None:
    """Audit translated copy: terminology, names, false friends, untranslated text, locale."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--source", "source_path", type=click.Path(), help="Source article for a single target article."
)
@click.option(
    "--reference",
    "references",
    multiple=True,
    type=click.Path(),
    help="Reference translation (repeatable): one line per segment for translation files, "
    "an article for an article. Adds metrics, diffs and REF001.",
)
@click.option(
    "--reference-threshold",
    type=float,
    help="REF001 reports segments whose chrF++ against the reference is below this "
    f"[default: {DEFAULT_FAR_THRESHOLD:g}].",
)
@language_options(defaults=False)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: tqa.toml or [tool.tqa] in pyproject.toml, found upward).",
)
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(),
    help="Extra glossary TSV (repeatable).",
)
@click.option("--no-default-glossaries", is_flag=True, help="Do not load the shipped glossaries.")
@click.option(
    "--variant",
    type=click.Choice(["en-US", "en-GB"]),
    help="Regional spelling the target must follow (default: accept both).",
)
@click.option(
    "--max-input-size",
    callback=size_option,
    help="Refuse input files larger than this (e.g. 2G, 800M) [default: 512M].",
)
@click.option(
    "--include-fuzzy",
    is_flag=True,
    help="Audit PO entries marked fuzzy (by default they are listed as skipped).",
)
@click.option(
    "--input-format", type=click.Choice(FORMATS), help="Override the format chosen by extension."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(REPORTERS)),
    default="text",
    show_default=True,
)
@click.option(
    "--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout."
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Text output: show each segment's word diff against its reference.",
)
@click.option(
    "--html", "html_path", type=click.Path(dir_okay=False), help="Also write an HTML report here."
)
@click.option(
    "--html-dir",
    type=click.Path(file_okay=False),
    help="Also write one HTML report per file and an index page linking them into this folder.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_LEVELS),
    help="Exit 1 when a finding is at least this severe [default: error].",
)
@click.option(
    "--min-score",
    type=float,
    help="Exit 1 when a file's MQM-style score is below this (0-100).",
)
@click.option(
    "--score-weights",
    help="Penalty per finding by severity for the MQM-style score "
    "[default: error=25,warning=5,info=1].",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False),
    help="Record every finding of this run in a baseline file (justifications are kept).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes to spread the segment checks over (output identical to --jobs 1).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where segment checks run: local processes (--jobs) or a Dask cluster "
    "(pip install 'translation-audit[dask]').",
)
@click.option(
    "--scheduler",
    help="Address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local "
    "cluster of --jobs worker processes).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no notices on stderr.")
@click.option(
    "--select", multiple=True, help="Run only these rules (code, code prefix or name; repeatable)."
)
@click.option(
    "--ignore", multiple=True, help="Skip these rules (code, code prefix or name; repeatable)."
)
@click.option(
    "--severity",
    "severities",
    multiple=True,
    metavar="RULE=LEVEL",
    help="Change a rule's severity (repeatable).",
)
@clean_errors
def check(
    files: tuple[str, ...],
    source_path: str | None,
    references: tuple[str, ...],
    reference_threshold: float | None,
    source_lang: str | None,
    target_lang: str | None,
    config_path: str | None,
    glossaries: tuple[str, ...],
    no_default_glossaries: bool,
    variant: str | None,
    max_input_size: int | None,
    include_fuzzy: bool,
    input_format: str | None,
    output_format: str,
    output: str | None,
    show_diff: bool,
    html_path: str | None,
    html_dir: str | None,
    fail_on: str | None,
    min_score: float | None,
    score_weights: str | None,
    baseline_path: str | None,
    write_baseline_path: str | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    quiet: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severities: tuple[str, ...],
) -> None:
    """Audit FILES and report every suspect span.

    FILES are articles (plain text, Markdown; pair one with its source by --source) or
    translation files that carry their source (XLIFF 1.2/2.0, TMX, PO, JSONL, TSV).
    """
    if source_path and len(files) > 1:
        raise click.UsageError("--source pairs with exactly one target file")
    settings = resolve(
        load_config(Path(config_path) if config_path else None),
        source_lang=source_lang,
        target_lang=target_lang,
        glossaries=glossaries,
        default_glossaries=False if no_default_glossaries else None,
        variant=variant,
        include_fuzzy=True if include_fuzzy else None,
        select=select,
        ignore=ignore,
        severities=severities,
        reference_threshold=reference_threshold,
        fail_on=fail_on,
        min_score=min_score,
        score_weights=score_weights,
        max_input_size=max_input_size,
    )
    source_lang, target_lang = settings.source_lang, settings.target_lang
    baseline = load_baseline(baseline_path) if baseline_path else None
    paths = (
        default_glossary_paths(source_lang, target_lang) if settings.default_glossaries else []
    ) + list(settings.glossaries)
    glossary = load_glossaries(paths)
    auditor = Auditor.build(
        glossary,
        source_lang,
        target_lang,
        settings.selection,
        settings.variant,
        {"reference_threshold": settings.reference_threshold},
    )
    # The limit guards against the copy under audit; glossaries and baselines (read above) are
    # the team's own files and keep the default.
    with input_limit(settings.max_input_size):
        pairs = [(p.source, p.target) for p in settings.pairs] or list(DEFAULT_PAIRS)
        work = collect(
            files, compile_patterns(pairs, source_lang, target_lang), settings.exclude, source_path
        )
        if not work:
            raise click.UsageError("no files to audit in " + ", ".join(files))
        if references and len(work) > 1:
            raise click.UsageError("--reference pairs with exactly one target file")
        for job in work:
            if job.unpaired and not quiet:
                click.echo(
                    f"tqa: {job.target}: no source file found; audited without one", err=True
                )
        # Large bitext files stream through the audit unless a report needs every segment's text
        # (the HTML page, word diffs) or references have to be attached to the segments.
        stream = not (references or show_diff or html_path or html_dir or output_format == "html")
        documents = (
            attach_references(
                load_document(
                    job.target,
                    source_lang=source_lang,
                    target_lang=target_lang,
                    source_path=job.source,
                    input_format=input_format,
                    include_fuzzy=settings.include_fuzzy,
                    stream=stream,
                ),
                references,
                article=(input_format or format_of(job.target)) in ARTICLE_READERS,
            )
            for job in track(work, len(work), "auditing", wanted(quiet))
        )
        spec = AuditorSpec(
            glossary,
            source_lang,
            target_lang,
            settings.selection,
            settings.variant,
            {"reference_threshold": settings.reference_threshold},
        )
        if engine == "dask":
            if importlib.util.find_spec("dask") is None:
                raise click.UsageError(
                    "--engine dask needs Dask: pip install 'translation-audit[dask]'"
                )
            results = audit_all_dask(documents, auditor, spec, scheduler, jobs)
        else:
            results = audit_all(documents, auditor, spec, jobs)
        result = summarise(results, auditor, glossary, settings.score_weights)
    if write_baseline_path:
        write_baseline(write_baseline_path, result)
    if baseline is not None:
        result, hidden = apply_baseline(result, baseline)
        result = replace(
            result, files=tuple(score_file(f, settings.score_weights) for f in result.files)
        )
        if hidden and not quiet:
            click.echo(f"tqa: {hidden} findings in the baseline not reported", err=True)
    colour = output is None and sys.stdout.isatty()
    report: Iterable[str]
    if output_format == "text":
        report = iter_text(result, colour, diff=show_diff)
    else:
        report = REPORTERS[output_format](result, colour)
    if html_path:
        write_atomic(html_path, render_html(result))
    if html_dir:
        write_html_dir(result, html_dir)
    if output:
        write_atomic(output, report)
    else:
        for piece in report:
            sys.stdout.write(piece)
        sys.stdout.flush()
    sys.exit(exit_code(result, settings.fail_on, settings.min_score))


def exit_code(result: RunResult, fail_on: str, min_score: float | None = None) -> ExitCode:
    """1 when a finding reaches ``fail_on`` or a file scores below ``min_score``, else 0."""
    low = min_score is not None and any(
        f.score is not None and f.score.mqm < min_score for f in result.files
    )
    if low:
        return ExitCode.FINDINGS
    if fail_on == "never":
        return ExitCode.CLEAN
    threshold = Severity(fail_on).rank
    failing = any(f.severity.rank >= threshold for file in result.files for f in file.findings)
    return ExitCode.FINDINGS if failing else ExitCode.CLEAN


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def rules(output_format: str) -> None:
    """List every rule: code, name, default severity, category and summary."""
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "category": r.category,
                "summary": r.summary,
                "explanation": r.explanation,
            }
            for r in ALL_RULES
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in ALL_RULES:
        click.echo(f"{r.code:8} {r.name:24} {r.severity.value:8} {r.category:40} {r.summary}")


@main.group()
def glossary() -> None:
    """Work with glossary files."""


@glossary.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@clean_errors
def glossary_check(files: tuple[str, ...]) -> None:
    """Validate glossary TSV files; print every problem as file:line: message."""
    problems = 0
    for path in files:
        entries, found = parse_glossary(path, read_text(path))
        for problem in found:
            click.echo(str(problem))
        problems += len(found)
        if not found:
            click.echo(f"{path}: {len(entries)} entries, no problems")
    sys.exit(ExitCode.FINDINGS if problems else ExitCode.CLEAN)


main.add_command(score)
main.add_command(learn)
main.add_command(config)

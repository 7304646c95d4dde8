"""``tqa learn``: propose glossary entries from machine translations and their post-edits."""

from __future__ import annotations

from dataclasses import dataclass

import click

from audit.cli_errors import clean_errors
from audit.cli_options import language_options
from audit.errors import InputError
from audit.learn import propose, to_glossary_tsv
from audit.output import write_atomic
from audit.readers import BITEXT_READERS, UNIT_READERS, format_of
from audit.readers.textfile import read_text


@dataclass(frozen=True, slots=True)
class _Side:
    """One input file as segments: plain text line by line, or the units of a bitext file."""

    path: str
    bitext: bool
    ids: tuple[str, ...]
    targets: tuple[str, ...]
    sources: tuple[str | None, ...]
    references: tuple[str | None, ...]


def _read(path: str) -> _Side:
    fmt = format_of(path)
    if fmt in UNIT_READERS:
        raise InputError(path, "tqa learn reads plain text (one segment per line), JSONL or TSV")
    text = read_text(path)
    if fmt in BITEXT_READERS:
        segments = BITEXT_READERS[fmt](path, text)
        if not segments:
            raise InputError(path, "no segments")
        return _Side(
            path,
            True,
            tuple(s.id for s in segments),
            tuple(s.text for s in segments),
            tuple(s.source for s in segments),
            tuple(s.reference for s in segments),
        )
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the newline ending the last line starts no segment
    count = len(lines)
    return _Side(
        path,
        False,
        tuple(str(n) for n in range(1, count + 1)),
        tuple(lines),
        (None,) * count,
        (None,) * count,
    )


def _require_aligned(machine: _Side, other: _Side) -> None:
    if len(other.targets) == len(machine.targets):
        return
    unit = "segments" if machine.bitext or other.bitext else "lines"
    raise InputError(
        other.path,
        f"has {len(other.targets)} {unit} but {machine.path} has {len(machine.targets)}; "
        f"the files must be aligned {unit[:-1]} by {unit[:-1]}",
    )


def _post_edits(machine: _Side, post_edit_path: str | None) -> tuple[str, ...]:
    if post_edit_path is not None:
        post_edit = _read(post_edit_path)
        _require_aligned(machine, post_edit)
        return post_edit.targets
    if not machine.bitext:
        raise InputError(machine.path, "no post-edit: pass --post-edit PE")
    references: list[str] = []
    for segment_id, reference in zip(machine.ids, machine.references):
        if reference is None:
            raise InputError(
                machine.path,
                f"segment {segment_id!r} has no reference; pass --post-edit PE "
                "or give every segment a reference",
            )
        references.append(reference)
    return tuple(references)


def _sources(machine: _Side, source_path: str | None) -> tuple[str | None, ...]:
    if source_path is None:
        return machine.sources
    source = _read(source_path)
    _require_aligned(machine, source)
    # A bitext file given as the source contributes its source-language column.
    return source.sources if source.bitext else source.targets


@click.command()
@click.argument("machine_path", metavar="MT", type=click.Path())
@click.option(
    "--post-edit",
    "post_edit_path",
    metavar="PE",
    type=click.Path(),
    help="The post-edited translation, aligned with MT (default: the references in MT).",
)
@click.option(
    "--source",
    "source_path",
    metavar="SRC",
    type=click.Path(),
    help="The source text, aligned with MT: names the source words behind each edit.",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Propose a correction only when made in at least this many segments.",
)
@language_options(defaults=True)
@click.option(
    "--output", type=click.Path(dir_okay=False), help="Write the glossary here instead of stdout."
)
@clean_errors
def learn(
    machine_path: str,
    post_edit_path: str | None,
    source_path: str | None,
    min_count: int,
    source_lang: str,
    target_lang: str,
    output: str | None,
) -> None:
    """Propose glossary entries from corrections post-editors made repeatedly.

    MT, PE and SRC are plain text with one segment per line, or JSONL/TSV bitext files: of MT
    and PE the target text is used, of SRC the source text; without --post-edit, the
    references in MT are the post-edits, and without --source, the sources in MT name the
    source words. The proposals are a glossary TSV to review, valid for `tqa glossary check`.
    """
    machine = _read(machine_path)
    post_edits = _post_edits(machine, post_edit_path)
    sources = _sources(machine, source_path)
    proposals = propose(
        zip(machine.targets, post_edits, sources),
        min_count,
        ids=machine.ids,
        source_lang=source_lang,
        target_lang=target_lang,
    )
    tsv = to_glossary_tsv(proposals)
    if output:
        write_atomic(output, tsv)
    else:
        click.echo(tsv, nl=False)
    noun = "proposal" if len(proposals) == 1 else "proposals"
    count = len(machine.targets)
    click.echo(
        f"tqa learn: {len(proposals)} {noun} from {count} segment{'s' * (count != 1)}", err=True
    )

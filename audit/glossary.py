"""Reference glossaries: the TSV format, its validation, and where the shipped ones live."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from audit.errors import InputError
from audit.forms import FormError, validate_form
from audit.readers.textfile import read_text
from audit.resources import data_file

COLUMNS = ("kind", "source", "preferred", "wrong", "context", "note")
REQUIRED_COLUMNS = ("kind", "preferred", "note")
# Glossaries are curated lists of hundreds or a few thousand entries. Every check that indexes
# them pays per entry at start-up (about 0.1 ms each), so far beyond that a run would sit
# silent for minutes: it is refused up front instead, naming the line where the limit is passed.
MAX_ENTRIES = 100_000


class Kind(str, Enum):
    TERM = "term"
    TITLE = "title"
    INSTITUTION = "institution"
    PERSON = "person"
    PLACE = "place"
    FALSE_FRIEND = "false-friend"

    @property
    def is_name(self) -> bool:
        return self in (Kind.PERSON, Kind.PLACE)

    @property
    def is_term(self) -> bool:
        return self in (Kind.TERM, Kind.TITLE, Kind.INSTITUTION)


@dataclass(frozen=True, slots=True)
class Context:
    """``near``: the wrong form is wrong only near one of ``forms``; else wrong unless near one."""

    near: bool
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    source: tuple[str, ...]
    preferred: tuple[str, ...]
    wrong: tuple[str, ...]
    context: Context | None
    note: str
    path: str
    line: int

    @property
    def case_sensitive(self) -> bool:
        return self.kind.is_name


@dataclass(frozen=True, slots=True)
class Glossary:
    entries: tuple[Entry, ...]
    digests: tuple[tuple[str, str], ...]  # (file name, sha256 prefix) for the run signature

    def of_kind(self, *kinds: Kind) -> Iterator[Entry]:
        return (e for e in self.entries if e.kind in kinds)


def _alternatives(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _parse_context(cell: str) -> Context | None:
    if not cell:
        return None
    mode, sep, forms = cell.partition(":")
    if not sep or mode not in ("near", "not-near") or not _alternatives(forms):
        raise ValueError("context must be 'near:A|B' or 'not-near:A|B'")
    return Context(near=mode == "near", forms=_alternatives(forms))


def parse_glossary(path: str, text: str) -> tuple[list[Entry], list[InputError]]:
    """All entries of a glossary file and every problem found, each naming its line."""
    entries: list[Entry] = []
    problems: list[InputError] = []
    lines = text.split("\n")
    header_at = next(
        (i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")), None
    )
    if header_at is None:
        return [], [InputError(path, "no header line", 1, 1)]
    header = [cell.strip() for cell in lines[header_at].split("\t")]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        what = f"missing column(s) {', '.join(missing)}" if missing else ""
        what += ("; " if what else "") + (
            f"unknown column(s) {', '.join(unknown)}" if unknown else ""
        )
        return [], [InputError(path, f"header: {what}", header_at + 1, 1)]
    for number, raw in enumerate(lines[header_at + 1 :], start=header_at + 2):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) != len(header):
            problems.append(
                InputError(path, f"expected {len(header)} columns, found {len(cells)}", number, 1)
            )
            continue
        row = dict(zip(header, (c.strip() for c in cells)))
        try:
            entries.append(_entry(row, path, number))
        except ValueError as exc:
            problems.append(InputError(path, str(exc), number, 1))
    return entries, problems


def _entry(row: dict[str, str], path: str, line: int) -> Entry:
    try:
        kind = Kind(row["kind"])
    except ValueError:
        allowed = ", ".join(k.value for k in Kind)
        raise ValueError(f"unknown kind {row['kind']!r} (expected one of: {allowed})") from None
    entry = Entry(
        kind=kind,
        source=_alternatives(row.get("source", "")),
        preferred=_alternatives(row["preferred"]),
        wrong=_alternatives(row.get("wrong", "")),
        context=_parse_context(row.get("context", "")),
        note=row["note"],
        path=path,
        line=line,
    )
    if not entry.preferred:
        raise ValueError("empty 'preferred' column")
    if not entry.note:
        raise ValueError("empty 'note' column: say where the entry's truth comes from")
    if kind is Kind.FALSE_FRIEND and not (entry.source and entry.wrong):
        raise ValueError("a false-friend entry needs 'source' triggers and 'wrong' renderings")
    forms = (
        entry.source
        + entry.preferred
        + entry.wrong
        + (entry.context.forms if entry.context else ())
    )
    try:
        for form in forms:
            validate_form(form)
    except FormError as exc:
        raise ValueError(str(exc)) from None
    return entry


def load_glossaries(paths: Iterable[str]) -> Glossary:
    """Load and validate glossary files; the first problem stops the run (exit code 2)."""
    entries: list[Entry] = []
    digests: list[tuple[str, str]] = []
    for path in paths:
        text = read_text(path)
        _require_room(path, text, MAX_ENTRIES - len(entries))
        found, problems = parse_glossary(path, text)
        if problems:
            raise problems[0]
        entries.extend(found)
        digests.append((Path(path).name, hashlib.sha256(text.encode()).hexdigest()[:12]))
    return Glossary(tuple(entries), tuple(digests))


def _require_room(path: str, text: str, room: int) -> None:
    """Refuse a file that would take the run past ``MAX_ENTRIES``, before parsing any of it."""
    header_seen = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        room -= 1
        if room < 0:
            raise InputError(
                path,
                f"too many glossary entries: the glossaries of a run hold at most "
                f"{MAX_ENTRIES:,} together; keep the entries this copy needs",
                number,
                1,
            )


def default_glossary_paths(source_lang: str, target_lang: str) -> list[str]:
    """Shipped glossaries for a language pair: inside the wheel, or in ``corpora/`` in a checkout."""
    pair = f"{source_lang}-{target_lang}"
    shipped = data_file("glossaries", pair)
    folder = Path(str(shipped))
    if not folder.is_dir():
        folder = Path(__file__).resolve().parent.parent / "corpora" / "glossaries" / pair
    if not folder.is_dir():
        return []
    return [str(p) for p in sorted(folder.glob("*.tsv"))]

"""Reference glossaries: the TSV format, its validation, and where the shipped ones live."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from audit.errors import InputError
from audit.forms import GAP, FormError, collector_paused, validate_form
from audit.readers.textfile import read_text
from audit.resources import data_file

COLUMNS = ("kind", "source", "preferred", "wrong", "context", "note")
REQUIRED_COLUMNS = ("kind", "preferred", "note")
# Glossaries are curated lists of hundreds or a few thousand entries. Lookups cost the same
# however many there are, but loading and indexing them does not (50,000 entries add about a
# second to a run): a file far beyond any curated list, a whole dictionary pasted in, is
# refused up front instead, naming the line where the limit is passed.
MAX_ENTRIES = 100_000


# Where a form could break the syntax ('*' inside a word or alone, a '...' gap at an end),
# seen in a whole file: a '*' before more of its word, or after a cell's start, a space, a '|'
# between forms or the ':' of a context. A file with none (and no '...') has only valid
# forms, and its forms are not examined one by one.
_SUSPECT_STAR = re.compile(r"\*(?:[^\s|]|(?<![^\s|:]\*))")


class Kind(str, Enum):
    TERM = "term"
    TITLE = "title"
    INSTITUTION = "institution"
    PERSON = "person"
    PLACE = "place"
    FALSE_FRIEND = "false-friend"

    @property
    def is_name(self) -> bool:
        return self._name_ in _NAME_KINDS

    @property
    def is_term(self) -> bool:
        return self._name_ in _TERM_KINDS


# By name, not by member: members hash and compare through Python code, their names in C, and
# checks ask for every entry of a glossary whether its forms are case-sensitive.
_NAME_KINDS = frozenset({Kind.PERSON.name, Kind.PLACE.name})
_TERM_KINDS = frozenset({Kind.TERM.name, Kind.TITLE.name, Kind.INSTITUTION.name})
_KINDS = {kind.value: kind for kind in Kind}


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
    if "|" not in cell:  # most cells hold one form; cells arrive stripped
        return (cell,) if cell else ()
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
    examine = GAP in text or _SUSPECT_STAR.search(text) is not None
    for number, raw in enumerate(lines[header_at + 1 :], start=header_at + 2):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if len(cells) != len(header):
            problems.append(
                InputError(path, f"expected {len(header)} columns, found {len(cells)}", number, 1)
            )
            continue
        row = dict(zip(header, map(str.strip, cells)))
        try:
            entries.append(_entry(row, path, number, examine))
        except ValueError as exc:
            problems.append(InputError(path, str(exc), number, 1))
    return entries, problems


def _entry(row: dict[str, str], path: str, line: int, examine: bool = True) -> Entry:
    kind = _KINDS.get(row["kind"])
    if kind is None:
        allowed = ", ".join(k.value for k in Kind)
        raise ValueError(f"unknown kind {row['kind']!r} (expected one of: {allowed})") from None
    entry = Entry(  # by position: a frozen dataclass sets keywords one by one, and slower
        kind,
        _alternatives(row.get("source", "")),
        _alternatives(row["preferred"]),
        _alternatives(row.get("wrong", "")),
        _parse_context(row.get("context", "")),
        row["note"],
        path,
        line,
    )
    if not entry.preferred:
        raise ValueError("empty 'preferred' column")
    if not entry.note:
        raise ValueError("empty 'note' column: say where the entry's truth comes from")
    if kind is Kind.FALSE_FRIEND and not (entry.source and entry.wrong):
        raise ValueError("a false-friend entry needs 'source' triggers and 'wrong' renderings")
    if not examine:
        return entry
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
        with collector_paused():
            found, problems = parse_glossary(path, text)
        if problems:
            raise problems[0]
        entries.extend(found)
        digests.append((Path(path).name, hashlib.sha256(text.encode()).hexdigest()[:12]))
    return Glossary(tuple(entries), tuple(digests))


def _require_room(path: str, text: str, room: int) -> None:
    """Refuse a file that would take the run past ``MAX_ENTRIES``, before parsing any of it."""
    if text.count("\n") <= room:
        return  # fewer lines after the first than there is room for: no need to count entries
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

"""Glossary TSV files: parsing, every problem reported on its line, and the shipped glossaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.errors import InputError
from audit.glossary import Kind, default_glossary_paths, load_glossaries, parse_glossary

GLOSSARY_DIR = Path(__file__).resolve().parents[1] / "corpora" / "glossaries"
HEADER = "kind\tsource\tpreferred\twrong\tcontext\tnote"


def _good() -> str:
    return "\n".join(
        [
            "# a comment before the header",
            "",
            HEADER,
            "# a comment between entries",
            "title\tGeneralsekretär*\tSecretary General|Secretary-General\tGeneral Secretary"
            "\tnear:NATO|UN\tnato.int usage",
            "person\tDmitri Kosak\tDmitry Kozak\tDmitri Kosak|Kosak\t\tReuters/AP spelling",
            "",
            "false-friend\taktuell*\tcurrent|currently\tactual|actually\t\tDuden; Oxford",
            "institution\tKreml\tKremlin\t\t\tAP/Reuters",
            "",
        ]
    )


def test_parse_good_glossary() -> None:
    entries, problems = parse_glossary("g.tsv", _good())
    assert problems == []
    assert [(e.kind, e.line) for e in entries] == [
        (Kind.TITLE, 5),
        (Kind.PERSON, 6),
        (Kind.FALSE_FRIEND, 8),
        (Kind.INSTITUTION, 9),
    ]
    title, person, false_friend, institution = entries
    assert title.preferred == ("Secretary General", "Secretary-General")
    assert title.wrong == ("General Secretary",)
    assert (
        title.context is not None and title.context.near and title.context.forms == ("NATO", "UN")
    )
    assert person.case_sensitive and not title.case_sensitive
    assert false_friend.source == ("aktuell*",)
    assert institution.wrong == () and institution.context is None
    assert all(e.path == "g.tsv" and e.note for e in entries)


def test_columns_may_come_in_any_order_and_optional_ones_may_be_absent() -> None:
    text = "note\tpreferred\tkind\nAP/Reuters\tKremlin\tinstitution\n"
    (entry,), problems = parse_glossary("g.tsv", text)
    assert problems == []
    assert (entry.kind, entry.preferred, entry.note, entry.source) == (
        Kind.INSTITUTION,
        ("Kremlin",),
        "AP/Reuters",
        (),
    )


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        ("kind\tsource\tpreferred\twrong", 1, "missing column(s) note"),
        ("# glossary\n\nkind\tsource\twrong\tnote", 3, "missing column(s) preferred"),
        ("kind\tpreferred\tnote\tcolour", 1, "unknown column(s) colour"),
    ],
)
def test_bad_header_is_a_problem_on_the_header_line(header: str, line: int, message: str) -> None:
    entries, problems = parse_glossary("g.tsv", header + "\nterm\tx\ty\tz\n")
    assert entries == []
    assert len(problems) == 1
    assert problems[0].line == line
    assert message in problems[0].message


def test_no_header_at_all() -> None:
    entries, problems = parse_glossary("g.tsv", "# only a comment\n\n")
    assert entries == []
    assert [(p.line, p.message) for p in problems] == [(1, "no header line")]


BAD_ROWS = [
    # (row, expected message fragment)
    ("term\tKreml\tKremlin\t\tAP", "expected 6 columns, found 5"),
    ("term\tKreml\tKremlin\t\t\tAP\textra", "expected 6 columns, found 7"),
    ("thing\tKreml\tKremlin\t\t\tAP", "unknown kind 'thing'"),
    ("term\tKreml\tKremlin\t\t\t", "empty 'note' column"),
    ("term\tKreml\t\t\t\tAP", "empty 'preferred' column"),
    ("false-friend\t\tcurrent\tactual\t\tDuden", "needs 'source' triggers and 'wrong'"),
    ("false-friend\taktuell*\tcurrent\t\t\tDuden", "needs 'source' triggers and 'wrong'"),
    ("term\tKreml\tKremlin\tKrem*lin\t\tAP", "only at the end of a word"),
    ("term\tKreml\tKremlin\t... Kreml\t\tAP", "must stand between two words"),
    ("term\tKreml\tKremlin\tKreml\tnearby:Moscow\tAP", "context must be"),
    ("term\tKreml\tKremlin\tKreml\tnear:\tAP", "context must be"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_bad_row_is_a_problem_on_its_line(row: str, message: str) -> None:
    text = f"{HEADER}\ninstitution\tKreml\tKremlin\t\t\tAP/Reuters\n\n{row}\n"
    entries, problems = parse_glossary("g.tsv", text)
    assert len(entries) == 1
    assert len(problems) == 1
    assert problems[0].line == 4
    assert message in problems[0].message
    assert str(problems[0]).startswith("g.tsv:4:")


def test_every_bad_row_is_reported_not_just_the_first() -> None:
    rows = [row for row, _ in BAD_ROWS]
    text = HEADER + "\n" + "\n".join(rows) + "\n"
    _, problems = parse_glossary("g.tsv", text)
    assert [p.line for p in problems] == list(range(2, 2 + len(rows)))


def test_load_glossaries_raises_the_first_problem(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(f"{HEADER}\nterm\tKreml\tKremlin\t\t\t\nthing\tx\ty\t\t\tz\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_glossaries([str(path)])
    assert caught.value.line == 2
    assert "note" in caught.value.message


def test_load_glossaries_records_a_digest_per_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(f"{HEADER}\ninstitution\tKreml\tKremlin\t\t\tAP\n", encoding="utf-8")
    glossary = load_glossaries([str(path)])
    assert len(glossary.entries) == 1
    ((name, digest),) = glossary.digests
    assert name == "mine.tsv" and len(digest) == 12


# --- the shipped glossaries ---------------------------------------------------------------


def _shipped() -> list[Path]:
    return sorted(GLOSSARY_DIR.glob("**/*.tsv"))


def test_there_are_shipped_glossaries() -> None:
    assert _shipped(), f"no *.tsv under {GLOSSARY_DIR}"


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: str(p.relative_to(GLOSSARY_DIR)))
def test_shipped_glossary_parses_cleanly(path: Path) -> None:
    entries, problems = parse_glossary(str(path), path.read_text(encoding="utf-8"))
    assert [str(p) for p in problems] == []
    assert entries
    assert all(e.note.strip() for e in entries)
    assert all(e.preferred for e in entries)


def test_every_shipped_glossary_is_loaded_by_default() -> None:
    defaults = {Path(p).resolve() for p in default_glossary_paths("de", "en")}
    assert defaults
    assert {p.resolve() for p in _shipped()} <= defaults


def test_default_glossaries_load_with_every_kind() -> None:
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    kinds = {e.kind for e in glossary.entries}
    assert {Kind.PERSON, Kind.FALSE_FRIEND, Kind.TITLE} <= kinds
    assert len(glossary.digests) == len(default_glossary_paths("de", "en"))
    assert default_glossary_paths("xx", "yy") == []

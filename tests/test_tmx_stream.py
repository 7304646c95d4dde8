"""A translation memory in TMX streams through the audit like a bitext: same segments, same
report, never the whole tree in memory."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from audit.errors import InputError
from audit.readers import load_document
from audit.readers.bitext import read_jsonl
from audit.readers.textfile import read_text
from audit.readers.tmx import read_tmx
from tests.conftest import run_cli, streamed_peak, streamed_report

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "corpora" / "eval" / "deen.jsonl"


def _unit(tuid: str | None, source: str, target: str | None) -> str:
    ident = "" if tuid is None else f" tuid={quoteattr(tuid)}"
    english = "" if target is None else f'<tuv xml:lang="en-GB"><seg>{escape(target)}</seg></tuv>'
    return (
        f'  <tu{ident}>\n    <tuv xml:lang="de-DE"><seg>{escape(source)}</seg></tuv>\n'
        f"    {english}\n  </tu>\n"
    )


def _tmx(path: Path, units: list[str]) -> Path:
    header = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header srclang="de-DE" datatype="plaintext"><prop type="x-note">a</prop></header>\n'
        "<body>\n"
    )
    path.write_text(header + "".join(units) + "</body>\n</tmx>\n", encoding="utf-8")
    return path


def _memory(path: Path) -> Path:
    """The labelled evaluation pairs as a TMX file, with what real memories have: units without
    an id, a unit without English (skipped), repeated ids and ids with an "@" in them."""
    segments = read_jsonl(str(EVAL), read_text(str(EVAL)))
    units = []
    for number, segment in enumerate(segments):
        tuid = [segment.id, None, "dup", "dup@9", segment.id][number % 5]
        units.append(_unit(tuid, segment.source or "", segment.text))
    units.insert(3, _unit("only-german", "Nur Deutsch.", None))
    return _tmx(path, units)


def test_a_streamed_memory_yields_what_reading_it_whole_yields(tmp_path: Path) -> None:
    path = _memory(tmp_path / "memory.tmx")
    streamed = load_document(str(path), source_lang="de", target_lang="en", stream=True)
    held = load_document(str(path), source_lang="de", target_lang="en")
    assert streamed.segments == () and streamed.stream is not None
    assert len(held.segments) > 100
    assert list(streamed) == list(held.segments)
    assert list(streamed) == list(held.segments)  # a second pass reads the file again
    ids = [s.id for s in held.segments]
    assert len(set(ids)) == len(ids) and "dup@9" in ids and any(i.startswith("dup@") for i in ids)
    assert (streamed.skipped, streamed.source_lang, streamed.target_lang, streamed.is_article) == (
        held.skipped,
        held.source_lang,
        held.target_lang,
        held.is_article,
    )
    assert [s.id for s in held.skipped] == ["only-german"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # The second "a" (its target on line 11) becomes "a@11", which the file uses next.
        (["a", "a", "a@11", "a@11"], ["a", "a@11", "a@11@15", "a@11@19"]),
        # The file used "a@15" once, before the second "a" (target on line 15) needs it.
        (["a@15", "a", "a"], ["a@15", "a", "a@15@15"]),
    ],
)
def test_renamed_ids_stay_unique_when_a_file_already_has_the_new_name(
    tmp_path: Path, given: list[str], expected: list[str]
) -> None:
    path = _tmx(tmp_path / "ids.tmx", [_unit(i, "Ein Satz.", "A sentence.") for i in given])
    streamed = load_document(str(path), source_lang="de", target_lang="en", stream=True)
    whole = read_tmx(str(path), read_text(str(path)), source_lang="de", target_lang="en")
    assert [s.id for s in whole.segments] == expected
    assert [s.id for s in streamed] == expected


def test_streamed_report_is_byte_for_byte_the_held_one(tmp_path: Path) -> None:
    report = streamed_report(_memory(tmp_path / "memory.tmx"), tmp_path)
    assert report["summary"]["findings"] > 50
    assert report["files"][0]["skipped"][0]["segment"] == "only-german"


def test_bad_xml_deep_in_a_memory_fails_before_anything_is_written(tmp_path: Path) -> None:
    units = [_unit(f"u{i}", "Der Brief kam an.", "The letter arrived.") for i in range(3000)]
    units.append('  <tu tuid="late"><tuv xml:lang="de"><seg>kaputt</tuv></tu>\n')
    path = _tmx(tmp_path / "broken.tmx", units)
    out = tmp_path / "report.json"
    result = run_cli(["check", path, "--format", "json", "--output", out])
    assert result.exit_code == 2
    line = 4 + 4 * 3000 + 1
    assert f"broken.tmx:{line}:" in result.stderr and "malformed XML" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_streamed_memory_without_the_pair_names_the_languages_it_has(tmp_path: Path) -> None:
    path = _tmx(tmp_path / "fr.tmx", [_unit("1", "Ein Satz.", "A sentence.")])
    with pytest.raises(InputError, match=r"languages in file: de-DE, en-GB"):
        load_document(str(path), source_lang="de", target_lang="fr", stream=True)


def test_memory_of_a_streamed_memory_does_not_grow_with_it(tmp_path: Path) -> None:
    def peak(count: int) -> int:
        units = [_unit(f"u{i}", "Der Brief kam an.", "The letter arrived.") for i in range(count)]
        return streamed_peak(_tmx(tmp_path / f"tm{count}.tmx", units), count)

    small, large = peak(1_000), peak(20_000)
    # Twenty times the units; a parsed tree would need about twenty times the memory.
    assert large < 2 * small + 512 * 1024, (small, large)

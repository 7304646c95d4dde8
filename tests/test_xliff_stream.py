"""XLIFF streams through the audit like a translation memory: same segments, same report,
never the whole tree in memory."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from audit.errors import InputError
from audit.readers import load_document
from tests.conftest import run_cli, streamed_peak, streamed_report

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"


def _same(path: Path) -> list[object]:
    streamed = load_document(str(path), source_lang="de", target_lang="en", stream=True)
    held = load_document(str(path), source_lang="de", target_lang="en")
    assert streamed.segments == () and streamed.stream is not None
    assert list(streamed) == list(held.segments)
    assert list(streamed) == list(held.segments)  # a second pass reads the file again
    assert (streamed.skipped, streamed.source_lang, streamed.target_lang, streamed.is_article) == (
        held.skipped,
        held.source_lang,
        held.target_lang,
        held.is_article,
    )
    return list(held.segments)


@pytest.mark.parametrize("name", ["news-1.2.xlf", "news-2.0.xlf"])
def test_the_fixtures_stream_as_they_read_whole(name: str) -> None:
    assert len(_same(FIXTURES / name)) >= 3


def _xliff_12(path: Path, count: int) -> Path:
    """Units in groups, some not to be translated (by group or unit), notes that switch rules
    off, segmented units, repeated ids: what large XLIFF exports hold."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="a.html" source-language="de-DE" target-language="en-US" datatype="html">'
        "\n<header><note>export</note></header>\n<body>\n"
    ]
    for i in range(count):
        group = ' translate="no"' if i % 50 == 7 else ""
        unit = ' translate="no"' if i % 31 == 3 else ""
        ident = f"u{i % 97}" if i % 11 == 0 else f"u{i}"
        note = "<note>tqa-disable TYPO</note>" if i % 13 == 0 else ""
        source = escape(f"Die Zahl {i} steigt  weiter.")
        target = escape(f"The number {i} keeps rising .")
        parts.append(
            f'<group id="g{i}"{group}>\n  <trans-unit id="{ident}"{unit}>\n'
            f"    <source>{source}</source>\n    <target>{target}</target>{note}\n"
            "  </trans-unit>\n</group>\n"
        )
    parts.append("</body>\n</file>\n</xliff>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_a_large_export_streams_as_it_reads_whole(tmp_path: Path) -> None:
    segments = _same(_xliff_12(tmp_path / "big.xlf", 3000))
    ids = [s.id for s in segments]
    assert len(ids) == len(set(ids)) and any("@" in i for i in ids)
    assert any(s.suppressed for s in segments)


def test_streamed_report_is_byte_for_byte_the_held_one(tmp_path: Path) -> None:
    report = streamed_report(_xliff_12(tmp_path / "big.xlf", 600), tmp_path)
    assert report["summary"]["findings"] > 100 and report["files"][0]["skipped"]


def test_bad_xml_deep_in_an_export_fails_before_anything_is_written(tmp_path: Path) -> None:
    path = _xliff_12(tmp_path / "broken.xlf", 2000)
    text = path.read_text(encoding="utf-8").replace("</body>", "<trans-unit></body>", 1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "report.json"
    result = run_cli(["check", path, "--format", "json", "--output", out])
    assert result.exit_code == 2
    assert "broken.xlf:" in result.stderr and "malformed XML" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_streamed_file_without_units_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlf"
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="x" source-language="de"><body/></file></xliff>\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no translation units found"):
        load_document(str(path), source_lang="de", target_lang="en", stream=True)


@pytest.mark.parametrize("newline", ["\n", ""], ids=["a unit a line", "all on one line"])
def test_memory_of_a_streamed_export_does_not_grow_with_it(tmp_path: Path, newline: str) -> None:
    def peak(count: int) -> int:
        path = tmp_path / f"x{count}.xlf"
        units = "".join(
            f'<trans-unit id="u{i}"><source>Der Brief kam an.</source>'
            f"<target>The letter arrived.</target></trans-unit>{newline}"
            for i in range(count)
        )
        path.write_text(
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file original="x" source-language="de" target-language="en"><body>{units}'
            "</body></file></xliff>\n",
            encoding="utf-8",
        )
        assert _same(path)[-1].id == f"u{count - 1}"
        return streamed_peak(path, count)

    small, large = peak(1_000), peak(20_000)
    # Twenty times the units; a parsed tree would need about twenty times the memory.
    assert large < 2 * small + 512 * 1024, (small, large)

"""Large bitext files stream through the audit: same findings, no segments held."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.engine import Auditor
from audit.errors import InputError
from audit.glossary import Glossary
from audit.readers import load_document
from audit.readers.bitext import ALREADY_CHECKED, IdGuard, iter_jsonl, numbered, read_jsonl
from audit.readers.textfile import iter_chunks, iter_lines, read_text
from audit.selection import RuleSelection
from tests.conftest import run_cli, streamed_peak, streamed_report

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "corpora" / "eval" / "deen.jsonl"


def _jsonl(
    path: Path, count: int, target: str = "The ministry did not recieve the letter."
) -> Path:
    rows = (
        json.dumps(
            {
                "id": f"s{i}",
                "source": "Das Ministerium hat den Brief nicht erhalten.",
                "target": target,
            }
        )
        for i in range(count)
    )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_streamed_run_reports_exactly_what_an_in_memory_run_reports(tmp_path: Path) -> None:
    assert streamed_report(EVAL, tmp_path)["summary"]["findings"] > 50


def test_a_streamed_document_holds_no_segments_and_reads_them_again_on_demand() -> None:
    document = load_document(str(EVAL), source_lang="de", target_lang="en", stream=True)
    assert document.segments == () and document.stream is not None
    assert document.has_source
    expected = read_jsonl(str(EVAL), read_text(str(EVAL)))
    assert list(document) == expected
    assert list(document) == expected  # a second pass reads the file again


def test_the_audit_of_a_streamed_file_keeps_only_counts_and_findings(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "tm.jsonl", 300)
    document = load_document(str(path), source_lang="de", target_lang="en", stream=True)
    auditor = Auditor.build(Glossary((), ()), "de", "en", RuleSelection(("SPELL",), (), {}))
    result = auditor.audit(document)
    assert result.document.segments == ()
    assert result.segment_count == 300
    assert len(result.findings) == 300 and {f.rule for f in result.findings} == {"SPELL001"}
    # Fingerprints need the text of segments with findings, and only of those.
    assert result.texts is not None and len(result.texts) == 300


def test_memory_does_not_grow_with_the_number_of_streamed_segments(tmp_path: Path) -> None:
    def peak(count: int) -> int:
        path = _jsonl(tmp_path / f"tm{count}.jsonl", count, "The letter arrived on time.")
        return streamed_peak(path, count)

    small, large = peak(1_000), peak(20_000)
    # Twenty times the segments; held segments would need about twenty times the memory.
    assert large < 2 * small + 256 * 1024, (small, large)


def test_bad_input_deep_in_a_streamed_file_fails_before_anything_is_written(
    tmp_path: Path,
) -> None:
    path = _jsonl(tmp_path / "tm.jsonl", 2000)
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "late", "target": 5}\n')
    out = tmp_path / "report.json"
    result = run_cli(["check", path, "--format", "json", "--output", out])
    assert result.exit_code == 2
    assert "tm.jsonl:2001:1" in result.stderr and "target" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_repeated_id_in_a_streamed_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "tm.jsonl", 1500)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "s700", "target": "Again."}) + "\n")
    result = run_cli(["check", path, "--format", "json"])
    assert result.exit_code == 2
    assert "tm.jsonl:1501:1" in result.stderr and "duplicate \"id\" 's700'" in result.stderr


@pytest.mark.parametrize("collide", [False, True])
def test_id_guard_finds_the_first_repeat_even_when_hashes_collide(collide: bool) -> None:
    lines = [json.dumps({"id": i, "target": "x"}) for i in ("a", "b", "c", "b", "a")]
    guard = IdGuard(hasher=(lambda _: 7) if collide else hash)
    segments = list(iter_jsonl("f.jsonl", numbered("\n".join(lines)), guard))
    assert len(segments) == 5  # the guard only records; it decides at the end
    found = guard.first_duplicate(
        lambda: iter_jsonl("f.jsonl", numbered("\n".join(lines)), ALREADY_CHECKED)
    )
    assert found == ("b", 4)


def test_id_guard_reports_nothing_for_distinct_ids_whose_hashes_collide() -> None:
    lines = [json.dumps({"id": i, "target": "x"}) for i in ("a", "b", "c")]
    guard = IdGuard(hasher=lambda _: 7)
    list(iter_jsonl("f.jsonl", numbered("\n".join(lines)), guard))
    reread = lambda: iter_jsonl("f.jsonl", numbered("\n".join(lines)), ALREADY_CHECKED)  # noqa: E731
    assert guard.first_duplicate(reread) is None


@pytest.mark.parametrize(
    "data",
    [b"a\nb\n", b"a\r\nb\r\n", b"a\rb\r", b"a\r\r\nb", b"\xef\xbb\xbfx\n\ny", b"x\r\n\r\n\rz"],
)
def test_lines_read_one_by_one_are_numbered_as_the_whole_text_is(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    whole = [(n, line) for n, line in numbered(read_text(str(path))) if line.strip()]
    assert [(n, line) for n, line in iter_lines(str(path)) if line.strip()] == whole


def test_invalid_utf8_read_line_by_line_is_placed_as_in_the_whole_text(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"target": "ok"}\n{"target": "bad \xff"}\n')
    with pytest.raises(Exception) as whole:
        read_text(str(path))
    with pytest.raises(Exception) as streamed:
        list(iter_lines(str(path)))
    assert str(whole.value) == str(streamed.value) == f"{path}:2:17: not valid UTF-8 text"


def test_a_line_across_the_end_of_the_first_read_block_is_read_whole(tmp_path: Path) -> None:
    # The first 64 KiB are read to tell text from binary; the lines go on from there.
    path = tmp_path / "long.txt"
    lines = [f"line {n} " + "x" * (n % 997) for n in range(1000)]
    path.write_text("\r\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 2 * 65536
    assert list(iter_lines(str(path))) == list(numbered(read_text(str(path))))[:-1]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 65536])
@pytest.mark.parametrize(
    "data",
    [
        b"a\nb\n",
        b"a\r\nb\r\n",
        b"a\rb\r",
        b"a\r\r\nb",
        b"\xef\xbb\xbfx\n\ny",
        "Grüße\r\naus Köln €\r".encode(),  # characters of several bytes cut anywhere
    ],
)
def test_chunks_join_to_the_whole_text_wherever_they_are_cut(
    tmp_path: Path, data: bytes, size: int
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    chunks = list(iter_chunks(str(path), size))
    assert "".join(chunks) == read_text(str(path))
    assert all(chunk for chunk in chunks)


@pytest.mark.parametrize("size", [1, 5, 65536])
def test_invalid_utf8_read_in_chunks_is_placed_as_in_the_whole_text(
    tmp_path: Path, size: int
) -> None:
    path = tmp_path / "f.xml"
    path.write_bytes("<a>\r\n  <b>Köln</b>\r\n  <c>bad ".encode() + b"\xff</c></a>\n")
    with pytest.raises(InputError) as whole:
        read_text(str(path))
    with pytest.raises(InputError) as chunked:
        list(iter_chunks(str(path), size))
    assert str(whole.value) == str(chunked.value) == f"{path}:3:10: not valid UTF-8 text"


def test_one_long_line_comes_in_pieces(tmp_path: Path) -> None:
    path = tmp_path / "one-line.xml"
    path.write_text("<a>" + "<b>x</b>" * 50_000 + "</a>", encoding="utf-8")
    chunks = list(iter_chunks(str(path)))
    assert len(chunks) > 5 and max(map(len, chunks)) <= 65536
    assert "".join(chunks) == read_text(str(path))


def test_an_empty_file_read_in_chunks_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.xml"
    path.write_bytes(b"\xef\xbb\xbf \r\n\t")
    with pytest.raises(InputError, match="empty file"):
        list(iter_chunks(str(path)))


def test_a_named_pipe_streams(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    rows = "".join(json.dumps({"id": i, "target": f"Line {i}."}) + "\n" for i in range(5000))

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as handle:
            handle.write(rows)

    writer = threading.Thread(target=write)
    writer.start()
    read = list(iter_lines(str(fifo)))
    writer.join()
    assert len(read) == 5000 and read[-1] == (
        5000,
        json.dumps({"id": 4999, "target": "Line 4999."}),
    )

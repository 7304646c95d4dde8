"""Readers: positions of plain-text segments, Markdown masking, bitext contracts, strict file reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.errors import InputError
from audit.model import Segment
from audit.readers import format_of, load_document
from audit.readers.bitext import read_jsonl, read_tsv
from audit.readers.markdown import read_markdown
from audit.readers.plaintext import read_plaintext
from audit.readers.textfile import read_text


def _at(lines: list[str], line: int, column: int) -> str:
    """The file text from 1-based (line, column) onwards on that line."""
    return lines[line - 1][column - 1 :]


# --- plain text ---------------------------------------------------------------------------


def test_plaintext_positions_point_at_the_segment_in_the_sample(sample: Path) -> None:
    document = load_document(str(sample), source_lang="de", target_lang="en")
    lines = sample.read_text(encoding="utf-8").split("\n")
    assert len(document.segments) > 30
    for segment in document.segments:
        first_line = segment.text.split("\n")[0]
        assert _at(lines, segment.line, segment.column).startswith(first_line), segment


def test_plaintext_positions_after_indent_crlf_and_several_sentences(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(
        b"  Headline here\r\n\r\nFirst sentence. Visit https://example.org/a.b now. Third one.\r\n"
    )
    segments = load_document(str(path), source_lang="de", target_lang="en").segments
    assert [(s.text, s.line, s.column) for s in segments] == [
        ("Headline here", 1, 3),
        ("First sentence.", 3, 1),
        ("Visit https://example.org/a.b now.", 3, 17),
        ("Third one.", 3, 52),
    ]
    lines = read_text(str(path)).split("\n")
    for segment in segments:
        assert _at(lines, segment.line, segment.column).startswith(segment.text)


def test_plaintext_urls_are_kept_in_text_but_not_audited() -> None:
    (segment,) = read_plaintext("Read the report at https://example.org/report.pdf today.", "en")
    url = "https://example.org/report.pdf"
    assert url in segment.text
    assert url not in segment.plain
    assert len(segment.plain) == len(segment.text)
    start = segment.text.index(url)
    assert segment.ignored == ((start, start + len(url)),)
    assert segment.plain[start : start + len(url)].strip() == ""


def test_segment_position_of_an_offset_after_a_line_break() -> None:
    (first, second) = read_plaintext("No relaxation in sight\nMoscow warns NATO", "en")
    assert (first.line, first.column, second.line, second.column) == (1, 1, 2, 1)
    segment = Segment(id="1", text="the General\nSecretary said", line=5, column=3)
    assert segment.position(4) == (5, 7)
    assert segment.position(12) == (6, 1)
    assert segment.position(22) == (6, 11)


def test_sample_is_the_seed_article_as_scraped(sample: Path, shared: Path) -> None:
    assert sample.read_bytes() == (shared / "seed" / "article.en.txt").read_bytes()


# --- Markdown -----------------------------------------------------------------------------

MARKDOWN = """---
title: Die Bundesregierung hat am Dienstag neue Sanktionen beschlossen
---
# Moscow warns NATO

Use `tqa check --select TERM` and see [the docs](https://example.org/docs). Then stop.

- First list item
- Second **bold** item

```
Die Bundesregierung hat am Dienstag neue Sanktionen beschlossen.
```

After the code.
"""


def test_markdown_headings_and_list_items_become_segments() -> None:
    segments = read_markdown(MARKDOWN, "en")
    assert [(s.text, s.line, s.column) for s in segments] == [
        ("Moscow warns NATO", 4, 3),
        ("Use `tqa check --select TERM` and see [the docs](https://example.org/docs).", 6, 1),
        ("Then stop.", 6, 77),
        ("First list item", 8, 3),
        ("Second **bold** item", 9, 3),
        ("After the code.", 15, 1),
    ]


def test_markdown_fenced_code_and_front_matter_are_not_audited() -> None:
    segments = read_markdown(MARKDOWN, "en")
    assert all("Bundesregierung" not in s.plain for s in segments)
    assert all("Sanktionen" not in s.text for s in segments)


def test_markdown_inline_code_and_urls_are_blanked_in_plain_only() -> None:
    segment = read_markdown(MARKDOWN, "en")[1]
    assert "`tqa check --select TERM`" in segment.text
    assert "https://example.org/docs" in segment.text
    assert "tqa" not in segment.plain
    assert "https" not in segment.plain
    assert "the docs" in segment.plain
    assert len(segment.plain) == len(segment.text)
    for start, end in segment.ignored:
        assert segment.plain[start:end].strip() == ""


def test_markdown_is_chosen_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text("# Title line\n\nBody with `code` here.\n", encoding="utf-8")
    assert format_of(str(path)) == "markdown"
    assert format_of("x.JSONL") == "jsonl"
    assert format_of("x.txt") == "text"
    segments = load_document(str(path), source_lang="de", target_lang="en").segments
    assert [s.plain for s in segments] == ["Title line", "Body with        here."]


# --- JSONL --------------------------------------------------------------------------------


def test_jsonl_ids_may_be_strings_or_numbers_and_source_is_optional() -> None:
    text = (
        '{"id": "a-1", "target": "Moscow warns NATO."}\n'
        "\n"
        '{"id": 7, "target": "The Kremlin.", "source": "Der Kreml.", "reference": "The Kremlin."}\n'
        '{"target": "No id here."}\n'
    )
    segments = read_jsonl("f.jsonl", text)
    assert [(s.id, s.text, s.source, s.reference, s.line) for s in segments] == [
        ("a-1", "Moscow warns NATO.", None, None, 1),
        ("7", "The Kremlin.", "Der Kreml.", "The Kremlin.", 3),
        ("4", "No id here.", None, None, 4),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '{"id": 1, "target": "x"}\n\n{"id": 2, "source": "y"}',
            3,
            'missing or non-string "target"',
        ),
        ('{"id": 1, "target": "x"}\n{"id": 2, "target": 5}', 2, 'missing or non-string "target"'),
        ('{"target": "x"}\n[1, 2]', 2, "expected a JSON object"),
        ('{"target": "x"}\n"just a string"', 2, "expected a JSON object"),
        ('{"target": "x"}\n{"target": "y",}', 2, "invalid JSON"),
        ('{"target": "x"}\n{"target": "y"\n', 2, "invalid JSON"),
        ('{"id": 1, "target": "x"}\n{"id": "1", "target": "y"}', 2, 'duplicate "id"'),
        ('{"id": true, "target": "x"}', 1, '"id" must be a string or a number'),
        ('{"id": [1], "target": "x"}', 1, '"id" must be a string or a number'),
        ('{"target": "x", "source": 5}', 1, '"source" must be a string'),
    ],
)
def test_jsonl_bad_lines_raise_input_error_naming_the_line(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_jsonl("f.jsonl", text)
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"f.jsonl:{line}:")


def test_jsonl_invalid_json_reports_the_column() -> None:
    with pytest.raises(InputError) as caught:
        read_jsonl("f.jsonl", '{"target": "x"}\n{"target": "y",}')
    assert (caught.value.line, caught.value.column) == (2, 16)


def test_jsonl_deeply_nested_line_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        read_jsonl("f.jsonl", '{"target": "x"}\n' + "[" * 100_000)
    assert caught.value.line == 2


def test_jsonl_huge_integer_id_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        read_jsonl("f.jsonl", '{"target": "x", "id": ' + "9" * 5000 + "}")
    assert caught.value.line == 1


# --- TSV ----------------------------------------------------------------------------------


def test_tsv_two_and_three_columns() -> None:
    text = "Der Kreml warnt.\tThe Kremlin warns.\n\nMoskau\tMoscow\tMoscow\n"
    segments = read_tsv("f.tsv", text)
    assert [(s.id, s.source, s.text, s.reference, s.line, s.column) for s in segments] == [
        ("1", "Der Kreml warnt.", "The Kremlin warns.", None, 1, 18),
        ("3", "Moskau", "Moscow", "Moscow", 3, 8),
    ]
    lines = text.split("\n")
    for segment in segments:
        assert _at(lines, segment.line, segment.column).startswith(segment.text)


@pytest.mark.parametrize(
    ("text", "line", "found"),
    [
        ("Hallo\tHello\nnur eine Spalte\n", 2, 1),
        ("a\tb\tc\td\n", 1, 4),
        ("a\tb\nc\td\n\ne\tf\tg\th\ti\n", 4, 5),
    ],
)
def test_tsv_ragged_row_names_its_line(text: str, line: int, found: int) -> None:
    with pytest.raises(InputError) as caught:
        read_tsv("f.tsv", text)
    assert caught.value.line == line
    assert f"found {found}" in caught.value.message


def test_bitext_rejects_a_separate_source(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_text('{"target": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="--source applies to articles"):
        load_document(str(path), source_lang="de", target_lang="en", source_path=str(path))


# --- strict file reading ------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as caught:
        read_text(str(path))
    assert caught.value.message == "no such file"
    assert str(caught.value) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_text(str(tmp_path))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary file"):
        read_text(str(path))


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        (b"Hello\nwor\xffld\n", 2, 4),
        (b"\xff at the start", 1, 1),
        ("Café crème\nNaïve ".encode() + b"\xc3(", 2, 7),
        ("Stra\u00dfe\n\n".encode() + b"end \xe2\x82", 3, 5),
    ],
)
def test_invalid_utf8_names_line_and_column_of_the_bad_byte(
    tmp_path: Path, data: bytes, line: int, column: int
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_text(str(path))
    assert caught.value.message == "not valid UTF-8 text"
    assert (caught.value.line, caught.value.column) == (line, column)


def test_invalid_utf8_after_a_bom_names_the_right_position(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfone\nab\xffc\n")
    with pytest.raises(InputError) as caught:
        read_text(str(path))
    assert (caught.value.line, caught.value.column) == (2, 3)


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHello BOM\r\nSecond line\rThird\r\n")
    assert read_text(str(path)) == "Hello BOM\nSecond line\nThird\n"


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_text(str(path))
    assert "empty file" in caught.value.message
    assert caught.value.line is None

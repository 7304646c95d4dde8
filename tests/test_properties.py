"""Property tests: spans stay inside their text, audits never crash, readers fail only cleanly."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.engine import Auditor
from audit.errors import InputError
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import Document, Segment
from audit.readers.bitext import read_jsonl, read_tsv
from audit.readers.markdown import read_markdown
from audit.readers.plaintext import read_plaintext
from audit.readers.textfile import read_text
from audit.segmenter import split_article
from audit.selection import RuleSelection

# Derandomized and without an example database: CI sees the same examples on every run and
# nothing is written outside tests/.
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Text that looks like news copy often enough to trigger rules: words the rules know, German
# words, numbers, quotes, abbreviations and line breaks, mixed with arbitrary Unicode.
VOCABULARY = [
    "NATO",
    "General",
    "Secretary",
    "Dmitri",
    "Kosak",
    "Lawrow",
    "Stoltenburg",
    "actual",
    "Accordingly",
    "relaxation",
    "in",
    "sight",
    "tighten",
    "its",
    "threats",
    "Bundesregierung",
    "die",
    "und",
    "der",
    "nicht",
    "13.000",
    "3,5",
    "9.",
    "January",
    "„",
    "“",
    "Mio.",
    "z. B.",
    "source",
    "site-34",
    ".",
    "the",
    "said",
    "Moscow",
    "\n",
    "\n\n",
    " ",
    ",",
    "https://x.org/a",
    "`code`",
    "Juri",
    "Uschakow",
    "Wladimir",
    "Putin",
    "Demnach",
    "Entspannung",
]
NEWSY = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6)), max_size=40).map(
    " ".join
)
TEXT = st.one_of(st.text(max_size=300), NEWSY)


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    return Auditor.build(glossary, "de", "en", RuleSelection())


@SETTINGS
@given(text=TEXT, lang=st.sampled_from(["en", "de", "xx"]))
def test_split_article_pieces_lie_inside_the_text_without_overlap(text: str, lang: str) -> None:
    pieces = split_article(text, lang)
    last_end = 0
    last_paragraph = 0
    for piece in pieces:
        assert last_end <= piece.start < piece.end <= len(text)
        assert piece.paragraph >= last_paragraph
        chunk = text[piece.start : piece.end]
        assert chunk.strip() == chunk and chunk
        last_end, last_paragraph = piece.end, piece.paragraph


@SETTINGS
@given(text=TEXT)
def test_split_article_loses_no_visible_character(text: str) -> None:
    pieces = split_article(text, "en")
    covered = "".join(text[p.start : p.end] for p in pieces)
    assert "".join(covered.split()) == "".join(text.split())


@SETTINGS
@given(
    targets=st.lists(TEXT, min_size=1, max_size=4),
    source=st.one_of(st.none(), TEXT),
)
def test_audit_of_arbitrary_segments_never_raises(
    auditor: Auditor, targets: list[str], source: str | None
) -> None:
    # Readers never put a blank segment into a paragraph with others (articles are trimmed,
    # bitext lines are paragraphs of their own); see test_checks for what happens if one does.
    segments = tuple(
        Segment(id=str(i), text=t, paragraph=i // 2 if t.strip() else 100 + i, source=source)
        for i, t in enumerate(targets, start=1)
    )
    by_id = {s.id: s for s in segments}
    result = auditor.audit(Document("p.txt", segments, has_source=source is not None))
    for finding in result.findings:
        target = by_id[finding.segment].text
        assert 0 <= finding.start <= finding.end <= len(target)
        assert finding.text == target[finding.start : finding.end]
        assert finding.line >= 1 and finding.column >= 1
    assert auditor.audit(Document("p.txt", segments, has_source=source is not None)) == result


@SETTINGS
@given(text=TEXT)
def test_article_readers_keep_offsets(auditor: Auditor, text: str) -> None:
    for segments in (read_plaintext(text, "en"), read_markdown(text, "en")):
        lines = text.split("\n")
        for segment in segments:
            assert len(segment.plain) == len(segment.text)
            first = segment.text.split("\n")[0]
            assert lines[segment.line - 1][segment.column - 1 :].startswith(first)
        result = auditor.audit(Document("p.md", tuple(segments)))
        for finding in result.findings:
            assert lines[finding.line - 1][finding.column - 1 :].startswith(
                finding.text.split("\n")[0]
            )


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
JSON_OBJECTS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=5), st.integers(), st.booleans(), st.none(), st.floats()),
        "target": st.one_of(st.text(max_size=20), st.integers(), st.none()),
        "source": st.one_of(st.text(max_size=20), st.integers(), st.none()),
        "reference": st.one_of(st.text(max_size=20), st.lists(st.integers(), max_size=2)),
    },
)
JSONL_LINES = st.lists(
    st.one_of(JSON_OBJECTS.map(json.dumps), JSON_VALUES.map(json.dumps), st.text(max_size=20)),
    max_size=6,
).map("\n".join)
BYTES_TEXT = st.binary(max_size=200).map(lambda b: b.decode("utf-8", errors="replace"))


@SETTINGS
@given(text=st.one_of(BYTES_TEXT, JSONL_LINES, st.text(max_size=200)))
def test_jsonl_reader_raises_only_input_error(text: str) -> None:
    try:
        segments = read_jsonl("p.jsonl", text)
    except InputError as exc:
        assert exc.path == "p.jsonl"
        assert exc.line is not None and 1 <= exc.line <= text.count("\n") + 1
        return
    lines = text.split("\n")
    assert len({s.id for s in segments}) == len(segments)
    for segment in segments:
        assert json.loads(lines[segment.line - 1])["target"] == segment.text


@SETTINGS
@given(text=st.one_of(BYTES_TEXT, st.text(alphabet=st.sampled_from("ab \t\n"), max_size=60)))
def test_tsv_reader_raises_only_input_error(text: str) -> None:
    try:
        segments = read_tsv("p.tsv", text)
    except InputError as exc:
        assert exc.line is not None and "columns" in exc.message
        return
    for segment in segments:
        assert text.split("\n")[segment.line - 1].split("\t")[1] == segment.text


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@SETTINGS
@given(data=st.binary(max_size=300))
def test_read_text_of_arbitrary_bytes_raises_only_input_error(scratch: Path, data: bytes) -> None:
    path = scratch / "any.txt"
    path.write_bytes(data)
    try:
        text = read_text(str(path))
    except InputError as exc:
        assert exc.path == str(path)
        return
    assert text.strip()
    assert "\r" not in text

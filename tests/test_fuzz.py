"""Fuzzing: readers fail only with InputError, checks keep their spans, reports stay parseable.

- Every reader, through ``load_document``, on arbitrary bytes, arbitrary Unicode text, tag and
  keyword soup, and mutated copies of the real fixture files, written under every extension.
- Every check, through one ``Auditor`` with the shipped glossaries, on documents of random
  segments (random sources, markup spans and paragraphs): each finding's span lies inside its
  segment and shows its text; a second audit gives the same result.
- Every reporter on findings whose text, message, suggestions, evidence and file path are
  arbitrary Unicode or known injection strings: JSON, SARIF and GitLab parse as JSON, JUnit as
  XML, GitHub stays one workflow command per line, and HTML gets no markup from the text.

Examples are derandomised and no example database is kept, so every run sees the same examples.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape, unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.checks import ALL_RULES
from audit.engine import Auditor
from audit.errors import InputError
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import Document, FileResult, Finding, RunResult, Segment, Severity
from audit.readers import EXTENSIONS, load_document
from audit.reporters import REPORTERS
from audit.scoring import score_file
from audit.selection import RuleSelection

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
SAMPLES = Path(__file__).resolve().parents[1] / "corpora" / "samples"

FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Built once: the checks of a default run (shipped glossaries, every rule).
AUDITOR = Auditor.build(
    load_glossaries(default_glossary_paths("de", "en")), "de", "en", RuleSelection()
)

# --- readers -----------------------------------------------------------------------------

SUFFIXES = sorted({*EXTENSIONS, ".txt"})
TEXT = st.text(max_size=300)
# Pieces of every format the readers know, so that random joins reach past the first check.
PIECES = st.sampled_from(
    [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="de">',
        '<file original="a" source-language="de" target-language="en">',
        "<file>",
        "<body>",
        "<unit id='u'>",
        "<segment>",
        '<trans-unit id="1">',
        '<trans-unit id="1" translate="no">',
        "<source>",
        "</source>",
        "<target>",
        "</target>",
        '<target xml:space="preserve">',
        '<g id="1">',
        "</g>",
        '<x id="2"/>',
        '<ph id="3">&lt;br/&gt;</ph>',
        '<pc id="1">',
        "</pc>",
        '<mrk mtype="seg" mid="1">',
        "</mrk>",
        "<note>tqa-disable TYPO</note>",
        '<tmx version="1.4">',
        "<header/>",
        "<tu>",
        '<tuv xml:lang="de">',
        '<tuv xml:lang="en-GB">',
        "<seg>",
        "</seg>",
        '<bpt i="1">&lt;b&gt;</bpt>',
        "&amp;",
        "&#0;",
        "&#x1F600;",
        "&undefined;",
        "<![CDATA[x]]>",
        "<!-- c -->",
        "</xliff>",
        "</tmx>",
        'msgid ""',
        'msgstr ""',
        'msgid "Haus"',
        'msgid_plural "Häuser"',
        'msgstr "house"',
        'msgstr[0] "house"',
        'msgstr[1] "houses"',
        "msgstr[",
        'msgctxt "c"',
        "#, fuzzy",
        "#~ ",
        '"continued"',
        '"',
        '{"id": "1", "source": "Haus", "target": "house"}',
        '{"target": ',
        "[1]",
        "\\ud800",
        "Haus\thouse",
        "\t",
        "# Heading",
        "```",
        "<!-- tqa-disable TYPO003 -->",
        "[link](http://x.org)",
        "The talks  continue.",
        "Die Gespräche gehen weiter.",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\u2028",
        "\ufeff",
    ]
)
SOUP = st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join)


def _fixtures() -> list[bytes]:
    found = [*sorted(FIXTURES.glob("*")), SAMPLES / "article.en.txt"]
    return [p.read_bytes() for p in found if p.is_file()]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real fixture file with a few slices deleted, duplicated or replaced by random bytes."""
    data = bytearray(draw(st.sampled_from(_fixtures())))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 40)))
        action = draw(st.sampled_from(["delete", "duplicate", "replace"]))
        if action == "delete":
            del data[start:end]
        elif action == "duplicate":
            data[start:start] = data[start:end]
        else:
            data[start:end] = draw(st.binary(max_size=8))
    return bytes(data)


# Text for inside a well-formed skeleton: escaped Unicode, and sometimes raw inline markup.
INNER = st.one_of(
    st.text(max_size=40).map(escape),
    st.lists(st.one_of(PIECES, st.text(max_size=4).map(escape)), max_size=6).map("".join),
)


JSON_ESCAPES = st.lists(
    st.one_of(
        st.sampled_from(["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\n", '\\"', "\\"]),
        st.text(max_size=4),
    ),
    max_size=6,
).map("".join)


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def structured(draw: st.DrawFn) -> bytes:
    """A well-formed file of one format holding random text: reaches past the parsers."""
    kind = draw(st.sampled_from(["xliff1", "xliff2", "tmx", "po", "jsonl", "raw-jsonl", "tsv"]))
    pairs = draw(st.lists(st.tuples(INNER, INNER), min_size=1, max_size=3))
    if kind == "xliff1":
        units = "".join(
            f'<trans-unit id="u{n}"><source>{a}</source><target>{b}</target></trans-unit>'
            for n, (a, b) in enumerate(pairs)
        )
        text = (
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file original="f" source-language="de" target-language="en"><body>{units}'
            "</body></file></xliff>"
        )
    elif kind == "xliff2":
        units = "".join(
            f'<unit id="u{n}"><segment><source>{a}</source><target>{b}</target></segment></unit>'
            for n, (a, b) in enumerate(pairs)
        )
        text = (
            '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="de"'
            f' trgLang="en"><file id="f">{units}</file></xliff>'
        )
    elif kind == "tmx":
        units = "".join(
            f'<tu><tuv xml:lang="de"><seg>{a}</seg></tuv><tuv xml:lang="en"><seg>{b}</seg></tuv>'
            "</tu>"
            for a, b in pairs
        )
        text = f'<tmx version="1.4"><header srclang="de"/><body>{units}</body></tmx>'
    else:
        raw = [(unescape(a), unescape(b)) for a, b in pairs]
        if kind == "po":
            text = "".join(f"msgid {_po_string(a)}\nmsgstr {_po_string(b)}\n\n" for a, b in raw)
        elif kind == "raw-jsonl":  # JSON escapes as written, "\\ud800" and broken ones included
            rows = draw(st.lists(JSON_ESCAPES, min_size=1, max_size=3))
            text = "".join(f'{{"id": {n}, "target": "{b}"}}\n' for n, b in enumerate(rows))
        elif kind == "jsonl":
            text = "".join(
                json.dumps({"id": n, "source": a, "target": b}) + "\n"
                for n, (a, b) in enumerate(raw)
            )
        else:
            text = "".join(f"{a}\t{b}\n" for a, b in raw)
    return text.encode("utf-8")


CONTENT = st.one_of(
    st.binary(max_size=300),
    TEXT.map(lambda t: t.encode("utf-8")),
    SOUP.map(lambda t: t.encode("utf-8")),
    mutated(),
    structured(),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _assert_document(document: Document, path: Path) -> None:
    ids = [s.id for s in document.segments]
    assert len(ids) == len(set(ids))
    for segment in document.segments:
        # Everything read is text that every report can write as UTF-8 (no lone surrogate).
        for value in (segment.id, segment.text, segment.source or "", segment.reference or ""):
            value.encode("utf-8")
        assert len(segment.plain) == len(segment.text)
        assert segment.line >= 1 and segment.column >= 1
        for start, end in segment.ignored:
            assert 0 <= start <= end <= len(segment.text)
        # Plain text, Markdown and TSV give the file position of the segment's first character.
        if path.suffix in (".txt", ".md", ".tsv") and segment.text:
            at = _lines(path)[segment.line - 1][segment.column - 1 :]
            assert at.startswith(segment.text.split("\n")[0]), (segment, at[:40])


def _load(path: Path, source_path: Path | None = None) -> Document | None:
    source = str(source_path) if source_path else None
    try:
        return load_document(str(path), source_lang="de", target_lang="en", source_path=source)
    except InputError as exc:
        assert exc.path in (str(path), source)
        assert exc.line is None or exc.line >= 1
        assert exc.column is None or exc.column >= 1
        assert "\n" not in str(exc)
        return None


@FUZZ
@given(data=CONTENT)
def test_every_reader_raises_only_input_error(scratch: Path, data: bytes) -> None:
    for suffix in SUFFIXES:
        path = scratch / f"input{suffix}"
        path.write_bytes(data)
        document = _load(path)
        if document is not None:
            _assert_document(document, path)


def _outcome(path: Path, stream: bool) -> object:
    """What reading gives: the segments and what else is known, or a refusal. A file with
    several faults may be refused for another one when streamed (the first met in reading
    order, where a whole read decodes the whole file first): refusals compare equal."""
    try:
        document = load_document(str(path), source_lang="de", target_lang="en", stream=stream)
    except InputError:
        return "refused"
    return list(document), document.skipped, document.source_lang, document.has_source


@FUZZ
@given(data=CONTENT)
def test_a_streamed_read_gives_what_a_whole_read_gives(scratch: Path, data: bytes) -> None:
    for suffix in (".tmx", ".xlf", ".jsonl", ".tsv"):
        path = scratch / f"streamed{suffix}"
        path.write_bytes(data)
        assert _outcome(path, stream=True) == _outcome(path, stream=False), suffix


TUIDS = st.one_of(st.none(), st.sampled_from(["a", "b", "a@5", "a@9", "1", "2"]))
_CODES = st.sampled_from(['xml:lang="de"', 'xml:lang="en-GB"', 'lang="DE-de"', 'xml:lang="fr"'])
# Most units have the pair (and maybe more variants), some lack one side.
LANGS = st.one_of(
    st.lists(_CODES, max_size=3).map(lambda more: ['xml:lang="de"', 'xml:lang="en"', *more]),
    st.lists(_CODES, max_size=3),
)
SEG_TEXT = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12).map(escape),
        st.sampled_from(
            ['<ph x="1"/>', '<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1"/>', "<hi>x</hi>"]
        ),
    ),
    max_size=5,
).map("".join)


@st.composite
def memories(draw: st.DrawFn) -> bytes:
    """A TMX file of units with ids that repeat or hold an "@", languages missing or in
    odd spellings, and text with inline codes, one unit per line or all on one."""
    units = []
    for tuid, languages, texts in draw(
        st.lists(
            st.tuples(TUIDS, LANGS, st.lists(SEG_TEXT, min_size=5, max_size=5)),
            max_size=8,
        )
    ):
        ident = "" if tuid is None else f' tuid="{tuid}"'
        variants = "".join(
            f"<tuv {lang}><seg>{text}</seg></tuv>" for lang, text in zip(languages, texts)
        )
        units.append(f"<tu{ident}>{variants}</tu>")
    gap = draw(st.sampled_from(["", "\n", "\n  "]))
    return (
        '<tmx version="1.4"><header srclang="de"><prop type="x">p</prop></header><body>'
        + gap
        + gap.join(units)
        + "</body></tmx>"
    ).encode("utf-8")


@FUZZ
@given(data=memories())
def test_a_streamed_memory_reads_as_a_whole_one(scratch: Path, data: bytes) -> None:
    path = scratch / "memory.tmx"
    path.write_bytes(data)
    assert _outcome(path, stream=True) == _outcome(path, stream=False)


@FUZZ
@given(target=CONTENT, source=CONTENT, markdown=st.booleans())
def test_article_with_a_source_raises_only_input_error(
    scratch: Path, target: bytes, source: bytes, markdown: bool
) -> None:
    suffix = ".md" if markdown else ".txt"
    target_path, source_path = scratch / f"t{suffix}", scratch / f"s{suffix}"
    target_path.write_bytes(target)
    source_path.write_bytes(source)
    document = _load(target_path, source_path)
    if document is not None:
        _assert_document(document, target_path)


# --- checks ------------------------------------------------------------------------------

VOCABULARY = [
    "NATO",
    "actual",
    "Accordingly",
    "relaxation in sight",
    "Bundesregierung",
    "die",
    "und",
    "13.000",
    "3,5",
    "9.",
    "January",
    "„",
    "“",
    "Mio.",
    "Moscow",
    "Moskau",
    "Lawrow",
    "the",
    "said",
    "  ",
    "\n",
    "https://x.org/a",
    "%s",
    "{name}",
    "<x/>",
    "café",
    "cafe\u0301",
    "team\u200dwork",
    "\u200f",
    "\u200e",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f600",
    "Z\u0351\u0308\u0301a",
    "\u0301",
    "\ufeff",
    "\u2028",
]
SEGMENT_TEXT = st.one_of(
    st.text(max_size=120),
    st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=6)), max_size=25).map(
        " ".join
    ),
)


@st.composite
def segments(draw: st.DrawFn) -> tuple[Segment, ...]:
    found: list[Segment] = []
    paragraph = 0
    for number in range(draw(st.integers(1, 4))):
        text = draw(SEGMENT_TEXT)
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
        ignored = tuple(
            (cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]
        )
        if draw(st.booleans()) or not text.strip():
            paragraph += 1  # a blank segment stands alone, as the readers make it
        found.append(
            Segment(
                id=f"s{number}",
                text=text,
                line=draw(st.integers(1, 50)),
                column=draw(st.integers(1, 20)),
                paragraph=paragraph,
                source=draw(st.one_of(st.none(), SEGMENT_TEXT)),
                ignored=ignored,
            )
        )
        if not text.strip():
            paragraph += 1
    return tuple(found)


@FUZZ
@given(parts=segments())
def test_findings_lie_inside_their_segment_and_reruns_agree(parts: tuple[Segment, ...]) -> None:
    has_source = any(s.source is not None for s in parts)
    document = Document("fuzz.jsonl", parts, "de", "en", has_source)
    result = AUDITOR.audit(document)
    texts = {s.id: s.text for s in parts}
    for item in result.findings:
        assert 0 <= item.start <= item.end <= len(texts[item.segment]), item
        assert item.text == texts[item.segment][item.start : item.end], item
        assert item.line >= 1 and item.column >= 1, item
    assert AUDITOR.audit(document) == result


# --- reporters ---------------------------------------------------------------------------

INJECTIONS = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "]]>",
    "<!--",
    "-->",
    "&amp;",
    "&#0;",
    '"',
    "'",
    "::error file=x::boom",
    "%0A::warning::",
    "\r\n",
    "\n",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\U0001f600",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "${x}",
    "\\",
    "%s",
]
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=4)), max_size=6).map("".join),
)
PATHS = st.sampled_from(["a.md", "news/b.en.txt", "c,d:e.po", "x y.xlf", "ä/ß.jsonl", "<p>.tsv"])


@st.composite
def run_results(draw: st.DrawFn) -> RunResult:
    files: list[FileResult] = []
    for path in draw(st.lists(PATHS, min_size=1, max_size=2, unique=True)):
        parts: list[Segment] = []
        findings: list[Finding] = []
        for number in range(draw(st.integers(1, 3))):
            text = draw(HOSTILE)
            segment = Segment(id=f"{number}{draw(HOSTILE)}", text=text, line=number + 1)
            parts.append(segment)
            for _ in range(draw(st.integers(0, 3))):
                start = draw(st.integers(0, len(text)))
                end = draw(st.integers(start, len(text)))
                meta = draw(st.sampled_from(ALL_RULES))
                line, column = segment.position(start)
                findings.append(
                    Finding(
                        rule=meta.code,
                        name=meta.name,
                        category=meta.category,
                        severity=draw(st.sampled_from(list(Severity))),
                        segment=segment.id,
                        line=line,
                        column=column,
                        start=start,
                        end=end,
                        text=text[start:end],
                        message=draw(HOSTILE),
                        suggestions=tuple(draw(st.lists(HOSTILE, max_size=2))),
                        evidence=draw(st.dictionaries(HOSTILE, HOSTILE, max_size=2)),
                    )
                )
        document = Document(path, tuple(parts), "de", "en", True)
        words = sum(len(s.text.split()) for s in parts)
        files.append(score_file(FileResult(document, tuple(findings), words)))
    used = {f.rule for file in files for f in file.findings}
    rules = tuple(meta for meta in ALL_RULES if meta.code in used)
    return RunResult(tuple(files), rules, {"tool": "tqa fuzz", "rules": "", "glossaries": ""})


class _Tags(HTMLParser):
    """Counts the start tags of a page; the content of script and style elements is data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1


def _tags(page: str) -> Counter[str]:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


def _tame(text: str) -> str:
    """The same text with every character made harmless: line breaks and spaces kept."""
    return "".join(c if c in "\n" else " " if c.isspace() else "a" for c in text)


def _tamed(result: RunResult) -> RunResult:
    files = []
    for file in result.files:
        document = file.document
        ids = {s.id: f"{_tame(s.id)}{n}" for n, s in enumerate(document.segments)}  # unique
        parts = tuple(
            Segment(id=ids[s.id], text=_tame(s.text), line=s.line) for s in document.segments
        )
        findings = tuple(
            Finding(
                rule=f.rule,
                name=f.name,
                category=f.category,
                severity=f.severity,
                segment=ids[f.segment],
                line=f.line,
                column=f.column,
                start=f.start,
                end=f.end,
                text=_tame(f.text),
                message=_tame(f.message),
                suggestions=tuple(_tame(s) for s in f.suggestions),
                evidence={_tame(k): _tame(v) for k, v in f.evidence.items()},
            )
            for f in file.findings
        )
        tamed = Document(_tame(document.path), parts, "de", "en", True)
        files.append(score_file(FileResult(tamed, findings, file.words)))
    return RunResult(tuple(files), result.rules, result.signature)


def _findings(result: RunResult) -> Iterator[Finding]:
    return (f for file in result.files for f in file.findings)


def _report(output_format: str, result: RunResult) -> str:
    return "".join(REPORTERS[output_format](result, False))


@FUZZ
@given(result=run_results())
def test_reports_stay_well_formed_whatever_the_text(result: RunResult) -> None:
    total = result.total
    report = json.loads(_report("json", result))
    texts = [f["text"] for file in report["files"] for f in file["findings"]]
    assert sorted(texts) == sorted(f.text for f in _findings(result))

    sarif = json.loads(_report("sarif", result))
    assert sum(len(run["results"]) for run in sarif["runs"]) == total

    gitlab = json.loads(_report("gitlab", result))
    assert len(gitlab) == total

    junit = ET.fromstring(_report("junit", result))
    assert junit.tag == "testsuites"

    github = _report("github", result)
    lines = github.split("\n")
    assert lines[-1] == "" and "\r" not in github
    commands = [line for line in lines[:-2] if line]
    assert len(commands) == len(lines) - 2  # one line per annotation, then the summary
    for line in commands:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
        assert line.count("::") >= 2, line
    assert not lines[-2].startswith("::")

    page = _report("html", result)
    page.encode("utf-8")
    assert _tags(page) == _tags(_report("html", _tamed(result)))

    _report("text", result).encode("utf-8")

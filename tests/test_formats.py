"""Translation file formats: XLIFF 1.2/2.0, TMX and PO readers, and hostile XML and PO input."""

from __future__ import annotations

import json
import re
import socket
import urllib.request
import xml.sax.saxutils
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.errors import InputError
from audit.model import Document, Segment, Skipped
from audit.readers import FORMATS, format_of, load_document
from audit.readers.po import read_po
from audit.readers.xmlsafe import MAX_DEPTH, parse
from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "formats"
XLIFF_12 = FIXTURES / "news-1.2.xlf"
XLIFF_20 = FIXTURES / "news-2.0.xlf"
TMX = FIXTURES / "news.tmx"
PO = FIXTURES / "news.po"
# The canonical placeholder syntax the readers promise to tag checks.
TOKENS = re.compile(r'(?:</?[a-z]+(?: id="[^"]*")?/?>)+')


def _load(
    path: Path | str, input_format: str | None = None, include_fuzzy: bool = False
) -> Document:
    return load_document(
        str(path),
        source_lang="de",
        target_lang="en",
        input_format=input_format,
        include_fuzzy=include_fuzzy,
    )


def _by_id(document: Document) -> dict[str, Segment]:
    return {s.id: s for s in document.segments}


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def _assert_positions_point_into_the_file(path: Path, document: Document) -> None:
    """Each non-empty target's first word (or placeholder) is in the file at its position."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for segment in document.segments:
        if not segment.text:
            continue
        first = re.match(r"<[^>]*>|[^\s<]+", segment.text)
        assert first is not None
        assert lines[segment.line - 1][segment.column - 1 :].startswith(first.group()), segment


def _tokens_only(segment: Segment) -> None:
    for start, end in segment.ignored:
        assert TOKENS.fullmatch(segment.text[start:end]), (segment.id, segment.text[start:end])


# --- format table -------------------------------------------------------------------------


def test_extensions_choose_the_translation_formats() -> None:
    assert [format_of(n) for n in ("a.xlf", "a.XLIFF", "a.xlf2", "a.tmx", "a.po", "a.pot")] == [
        "xliff",
        "xliff",
        "xliff",
        "tmx",
        "po",
        "po",
    ]
    assert {"xliff", "tmx", "po", "jsonl", "tsv", "text", "markdown"} <= set(FORMATS)


def test_input_format_overrides_the_extension(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(TMX.read_bytes())
    assert format_of(str(path)) == "text"
    document = _load(path, input_format="tmx")
    assert [s.id for s in document.segments] == ["wetter-1", "2", "boerse"]


@pytest.mark.parametrize("fixture", [XLIFF_12, XLIFF_20, TMX, PO])
def test_translation_files_reject_a_separate_source(fixture: Path) -> None:
    with pytest.raises(InputError, match="--source applies to articles"):
        load_document(str(fixture), source_lang="de", target_lang="en", source_path=str(fixture))


def test_article_with_a_translation_file_as_source_is_an_input_error(tmp_path: Path) -> None:
    article = _write(tmp_path, "a.txt", "The euro fell.\n")
    with pytest.raises(InputError, match="--source must be an article"):
        load_document(str(article), source_lang="de", target_lang="en", source_path=str(PO))


# --- XLIFF 1.2 ----------------------------------------------------------------------------


def test_xliff_12_segments_texts_sources_and_ids() -> None:
    document = _load(XLIFF_12)
    assert document.has_source
    assert [(s.id, s.text, s.source) for s in document.segments] == [
        (
            "headline",
            'Inflation rises to <g id="1">2.9 percent</g>',
            'Inflation steigt auf <g id="1">2,9 Prozent</g>',
        ),
        (
            "lead",
            'The Bundesbank<x id="2"/> expects <ph id="3"/>further rate rises.',
            'Die Bundesbank<x id="2"/> rechnet mit <ph id="3"/>weiteren Zinserhöhungen.',
        ),
        ("p1/1", "Prices rose in March.", "Die Preise stiegen im März."),
        ("p1/2", "The euro fell by 0,4 percent.", "Der Euro fiel um 0,4 Prozent."),
        ("p2", "", "Die Regierung schweigt."),
        (
            "p3",
            "From Monday a Tempo 30 limit applies in the city centre. ",
            "Ab Montag gilt Tempo 30 in der Innenstadt.",
        ),
    ]


def test_xliff_12_placeholders_are_ignored_spans() -> None:
    segments = _by_id(_load(XLIFF_12))
    headline, lead = segments["headline"], segments["lead"]
    assert headline.ignored == ((19, 29), (40, 44))
    assert headline.plain == "Inflation rises to " + " " * 10 + "2.9 percent" + " " * 4
    assert [lead.text[a:b] for a, b in lead.ignored] == ['<x id="2"/>', '<ph id="3"/>']
    assert "br" not in lead.text  # the native code inside <ph> is dropped
    _tokens_only(headline)
    _tokens_only(lead)


def test_xliff_12_protected_mrk_text_is_kept_but_not_audited() -> None:
    p3 = _by_id(_load(XLIFF_12))["p3"]
    start = p3.text.index("Tempo 30")
    assert p3.ignored == ((start, start + len("Tempo 30")),)
    assert "Tempo" not in p3.plain and "limit applies" in p3.plain


def test_xliff_12_positions_are_where_the_target_text_starts() -> None:
    document = _load(XLIFF_12)
    lines = XLIFF_12.read_text(encoding="utf-8").split("\n")
    positions = {s.id: (s.line, s.column) for s in document.segments}
    assert positions == {
        "headline": (7, 36),
        "lead": (11, 17),
        "p1/1": (21, 44),
        "p1/2": (21, lines[20].index("The euro fell") + 1),
        "p2": (23, 9),  # no target: the unit's start
        "p3": (28, 40),
    }
    assert lines[22][8:].startswith('<trans-unit id="p2">')
    _assert_positions_point_into_the_file(XLIFF_12, document)


def test_xliff_12_translate_no_is_skipped_and_file_languages_win() -> None:
    document = _load(XLIFF_12)
    assert document.skipped == (Skipped("byline", 13, 7, "translate=no"),)
    assert "byline" not in _by_id(document)
    assert (document.source_lang, document.target_lang) == ("de-DE", "en-GB")
    other = load_document(str(XLIFF_12), source_lang="fr", target_lang="it")
    assert (other.source_lang, other.target_lang) == ("de-DE", "en-GB")


def test_xliff_12_translate_no_on_a_group_applies_to_its_units(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "g.xlf",
        '<xliff version="1.2"><file source-language="de" target-language="en"><body>\n'
        '<group translate="no"><trans-unit id="a"><source>x</source></trans-unit></group>\n'
        '<trans-unit id="b"><source>Ja</source><target>Yes</target></trans-unit>\n'
        "</body></file></xliff>\n",
    )
    document = _load(path)
    assert [s.id for s in document.segments] == ["b"]
    assert document.skipped == (Skipped("a", 2, 23, "translate=no"),)


def test_xliff_12_unsegmented_target_with_seg_source_is_one_segment(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "s.xlf",
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>'
        '<trans-unit id="t"><source>A. B.</source><seg-source><mrk mtype="seg" mid="1">A.</mrk> '
        '<mrk mtype="seg" mid="2">B.</mrk></seg-source><target>One. Two.</target></trans-unit>'
        "</body></file></xliff>",
    )
    (segment,) = _load(path).segments
    assert (segment.id, segment.text, segment.source) == ("t", "One. Two.", "A. B.")


def test_xliff_12_all_inline_codes_render_canonically(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "codes.xlf",
        '<xliff version="1.2"><file><body><trans-unit id="c"><source>s</source><target>'
        'a<g id=\'1\' ctype=\'bold\'>b</g><x id="2" ctype="lb"/><bx id="3"/>c<ex id="3"/>'
        '<ph id="4">{0}</ph><bpt id="5">&lt;i&gt;</bpt>d<ept id="5">&lt;/i&gt;</ept>'
        '<it id="6" pos="open">&lt;u&gt;</it><mrk mtype="term">e</mrk><x/>'
        "</target></trans-unit></body></file></xliff>",
    )
    (segment,) = _load(path).segments
    assert segment.text == (
        'a<g id="1">b</g><x id="2"/><bx id="3"/>c<ex id="3"/><ph id="4"/>'
        '<bpt id="5"/>d<ept id="5"/><it id="6"/>e<x/>'
    )
    assert segment.plain.split() == ["a", "b", "c", "d", "e"]
    _tokens_only(segment)


def test_xliff_target_text_position_counts_characters_not_bytes(tmp_path: Path) -> None:
    line = "<source>Größe</source><target>Größe: 3,5 percent</target>"
    path = _write(
        tmp_path,
        "u.xlf",
        '<xliff version="1.2"><file><body><trans-unit id="1">\n' + line + "\n"
        "</trans-unit></body></file></xliff>\n",
    )
    (segment,) = _load(path).segments
    assert (segment.line, segment.column) == (2, line.index("Größe:") + 1)
    assert segment.position(segment.text.index("3,5")) == (2, line.index("3,5") + 1)


def test_xliff_pretty_printed_target_starts_at_its_first_character(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "p.xlf",
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>Hallo</source>\n'
        "<target>\n"
        "      Hello there\n"
        "</target></trans-unit></body></file></xliff>\n",
    )
    (segment,) = _load(path).segments
    assert (segment.text, segment.line, segment.column) == ("Hello there", 3, 7)


def test_xliff_unit_ids_repeated_across_files_stay_unique(tmp_path: Path) -> None:
    unit = '<trans-unit id="1"><source>Ja</source><target>Yes</target></trans-unit>'
    path = _write(
        tmp_path,
        "two.xlf",
        f'<xliff version="1.2">\n<file><body>{unit}</body></file>\n'
        f"<file><body>{unit}</body></file>\n</xliff>",
    )
    assert [s.id for s in _load(path).segments] == ["1", "1@3"]


# --- XLIFF 2.0 ----------------------------------------------------------------------------


def test_xliff_20_segments_ids_sources_and_placeholders() -> None:
    document = _load(XLIFF_20)
    assert [(s.id, s.text, s.source) for s in document.segments] == [
        (
            "u1/s1",
            'The chancellor travels to <pc id="1">Paris</pc>.',
            'Der Kanzler reist nach <pc id="1">Paris</pc>.',
        ),
        (
            "u1/s2",
            'There he meets<ph id="2"/> the president.',
            'Dort trifft er<ph id="2"/> den Präsidenten.',
        ),
        (
            "u2#1",
            '<sc id="3"/>Breaking news:<ec id="3"/> rail strike',
            '<sc id="3"/>Eilmeldung:<ec id="3"/> Streik bei der Bahn',
        ),
        ("u2#2", "", "Züge fallen aus."),
        # <mrk> keeps its text, <sm/> shows nothing
        ("u4", "The weather stays changeable.", "Das Wetter bleibt wechselhaft."),
    ]
    segments = _by_id(document)
    assert segments["u1/s1"].ignored == ((26, 37), (42, 47))
    assert segments["u2#1"].ignored == ((0, 12), (26, 38))
    assert segments["u4"].ignored == ()
    for segment in document.segments:
        _tokens_only(segment)


def test_xliff_20_positions_skipped_units_and_languages() -> None:
    document = _load(XLIFF_20)
    assert [(s.id, s.line, s.column) for s in document.segments] == [
        ("u1/s1", 7, 17),
        ("u1/s2", 14, 17),
        ("u2#1", 20, 17),
        ("u2#2", 24, 9),  # an empty <target/>: the target element itself
        ("u4", 36, 17),
    ]
    _assert_positions_point_into_the_file(XLIFF_20, document)
    assert document.skipped == (Skipped("u3", 27, 5, "translate=no"),)
    assert (document.source_lang, document.target_lang) == ("de", "en-US")


def test_xliff_20_ignorable_content_is_not_a_segment(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "i.xlf",
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de">'
        '<file id="f"><unit id="u"><ignorable><source>Zwischen</source><target>Between</target>'
        "</ignorable><segment><source>Ja.</source><target>Yes.</target></segment></unit>"
        "</file></xliff>",
    )
    document = _load(path)
    assert [(s.id, s.text) for s in document.segments] == [("u", "Yes.")]
    assert (document.source_lang, document.target_lang) == ("de", "en")


def test_xliff_20_do_not_translate_marker_is_kept_but_not_audited(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "m.xlf",
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de">'
        '<file id="f"><unit id="u"><segment><source>Die Bundesliga startet.</source><target>'
        'The <mrk id="m" translate="no">Bundesliga</mrk> kicks off.</target></segment></unit>'
        "</file></xliff>",
    )
    (segment,) = _load(path).segments
    assert segment.text == "The Bundesliga kicks off."
    assert segment.ignored == ((4, 14),)


@pytest.mark.parametrize(
    ("root", "message"),
    [
        ('<xliff version="3.0">', "unsupported XLIFF version '3.0'"),
        ("<xliff>", "XLIFF version not declared"),
        (
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:2.0">',
            "does not match namespace",
        ),
    ],
)
def test_xliff_unknown_or_inconsistent_version_is_an_input_error(
    tmp_path: Path, root: str, message: str
) -> None:
    path = _write(tmp_path, "v.xlf", f'<?xml version="1.0"?>\n{root}<file/></xliff>\n')
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        _load(path)
    assert (caught.value.path, caught.value.line, caught.value.column) == (str(path), 2, 1)


def test_xliff_that_is_not_xliff_or_empty_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an XLIFF file"):
        _load(_write(tmp_path, "h.xlf", "<html><body/></html>"))
    with pytest.raises(InputError, match="no translation units"):
        _load(_write(tmp_path, "e.xlf", '<xliff version="2.0"><file id="f"/></xliff>'))


# --- TMX ----------------------------------------------------------------------------------


def test_tmx_picks_the_requested_pair_among_several_languages() -> None:
    document = _load(TMX)
    assert [(s.id, s.text, s.source) for s in document.segments] == [
        (
            "wetter-1",
            'The weekend will be <bpt id="1"/>stormy<ept id="1"/>.',
            'Am Wochenende wird es <bpt id="1"/>stürmisch<ept id="1"/>.',
        ),
        # no tuid: the unit's ordinal; the German variant says lang="DE-de"
        (
            "2",
            'The train is <ph id="1"/> minutes late.',
            'Der Zug hat <ph id="1"/> Minuten Verspätung.',
        ),
        # <hi> keeps its text
        (
            "boerse",
            "The stock exchange closed 1.2 percent higher.",
            "Die Börse schloss 1,2 Prozent im Plus.",
        ),
    ]
    assert [(s.line, s.column) for s in document.segments] == [(8, 34), (12, 34), (20, 34)]
    _assert_positions_point_into_the_file(TMX, document)
    segments = _by_id(document)
    assert segments["wetter-1"].ignored == ((20, 33), (39, 52))
    assert segments["2"].ignored == ((13, 25),)
    assert document.skipped == (Skipped("nur-fr", 14, 5, "no en variant"),)
    assert (document.source_lang, document.target_lang) == ("de-DE", "en-GB")


def test_tmx_other_direction_and_case_insensitive_codes() -> None:
    document = load_document(str(TMX), source_lang="EN", target_lang="fr")
    assert [(s.id, s.text, s.source) for s in document.segments] == [
        (
            "wetter-1",
            "Le week-end sera orageux.",
            'The weekend will be <bpt id="1"/>stormy<ept id="1"/>.',
        )
    ]
    assert [k.id for k in document.skipped] == ["2", "nur-fr", "boerse"]
    assert document.skipped[0].reason == "no fr variant"


def test_tmx_prefers_the_exact_regional_variant(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "r.tmx",
        '<tmx version="1.4"><header/><body><tu>'
        '<tuv xml:lang="en-US"><seg>color</seg></tuv>'
        '<tuv xml:lang="de"><seg>Farbe</seg></tuv>'
        '<tuv xml:lang="en-GB"><seg>colour</seg></tuv>'
        "</tu></body></tmx>",
    )
    assert load_document(str(path), source_lang="de", target_lang="en-GB").segments[0].text == (
        "colour"
    )
    assert load_document(str(path), source_lang="de", target_lang="en").segments[0].text == "color"


def test_tmx_without_the_requested_languages_names_those_it_has(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "x.tmx",
        '<tmx version="1.4"><header/><body>\n'
        '<tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="fr-FR"><seg>Salut</seg>'
        "</tuv></tu>\n"
        '<tu><tuv xml:lang="EN-us"><seg>Bye</seg></tuv></tu>\n'
        "</body></tmx>",
    )
    with pytest.raises(InputError) as caught:
        _load(path)
    assert caught.value.message == (
        "no translation units with both de and en (languages in file: en-US, fr-FR)"
    )
    assert str(caught.value).startswith(f"{path}:1:1: ")


# --- PO -----------------------------------------------------------------------------------


def test_po_entries_plurals_context_and_untranslated() -> None:
    document = _load(PO)
    assert [(s.id, s.text, s.source) for s in document.segments] == [
        (
            "Die Börse schließt um 17:30 Uhr.",
            "The stock exchange closes at 5.30pm.",
            "Die Börse schließt um 17:30 Uhr.",
        ),
        ("%(count)s neue Meldung[0]", "%(count)s new report", "%(count)s neue Meldung"),
        ("%(count)s neue Meldung[1]", "%(count)s new reports", "%(count)s neue Meldungen"),
        ("button|Teilen", "Share", "Teilen"),
        ("Weitere Nachrichten", "", "Weitere Nachrichten"),
        (
            "Die Arbeitslosigkeit liegt bei {rate} Prozent.",
            "Unemployment stands at {rate} percent.",
            "Die Arbeitslosigkeit liegt bei {rate} Prozent.",
        ),
    ]
    # header and obsolete entries are not audited; placeholders are plain text
    assert all("Old report" not in s.text and "Project-Id" not in s.text for s in document.segments)
    assert all(s.ignored == () for s in document.segments)


def test_po_positions_are_where_each_msgstr_text_starts() -> None:
    document = _load(PO)
    assert [(s.line, s.column) for s in document.segments] == [
        (11, 9),
        (17, 12),
        (18, 12),
        (22, 9),
        (29, 9),  # empty msgstr: just inside its quotes
        (33, 2),  # msgstr "" continued: the first non-empty continuation line
    ]
    _assert_positions_point_into_the_file(PO, document)


def test_po_fuzzy_entries_are_skipped_unless_included() -> None:
    document = _load(PO)
    assert document.skipped == (Skipped("Der Kanzler äußerte sich nicht.", 26, 9, "fuzzy"),)
    included = _load(PO, include_fuzzy=True)
    assert included.skipped == ()
    fuzzy = _by_id(included)["Der Kanzler äußerte sich nicht."]
    assert (fuzzy.text, fuzzy.line, fuzzy.column) == ("The chancellor did not comment.", 26, 9)
    assert len(included.segments) == len(document.segments) + 1


def test_po_duplicate_entries_keep_unique_ids(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.po", 'msgid "Ja"\nmsgstr "Yes"\n\nmsgid "Ja"\nmsgstr "Yeah"\n')
    assert [s.id for s in _load(path).segments] == ["Ja", "Ja@4"]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d " e"\n', 5),
        ('msgid "a"\nmsgstr "b"\nthis is not PO\n', 3),
        ('"orphan continuation"\n', 1),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[x] "b"\n', 3),
        ('msgid "a"\nmsgstr[\n', 2),
        # polib also splits lines at U+2028; the error still names the file's line
        ('msgid "x"\nmsgstr "a\u2028b"\n\nmsgid "y"\n', 2),
    ],
)
def test_broken_po_is_an_input_error_with_its_line(tmp_path: Path, content: str, line: int) -> None:
    path = _write(tmp_path, "bad.po", content)
    with pytest.raises(InputError) as caught:
        _load(path)
    assert "PO syntax error" in caught.value.message
    assert caught.value.line == line


def test_po_whose_content_names_a_file_does_not_read_that_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "path.po", str(PO))
    with pytest.raises(InputError, match="PO syntax error"):
        _load(path)


def test_po_with_only_a_header_has_nothing_to_audit(tmp_path: Path) -> None:
    path = _write(tmp_path, "h.po", 'msgid ""\nmsgstr "Language: en\\n"\n')
    with pytest.raises(InputError, match="no translation entries"):
        _load(path)


_PO_PIECES = st.sampled_from(
    ['msgid ', 'msgstr ', "msgstr[0] ", "msgstr[", "msgid_plural ", "msgctxt ", '"', '"a"', '""',
     "#", "#, fuzzy", "#~ ", "#| ", "\\", "\n", " ", "x", "\u2028", "\t"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PO_PIECES, max_size=40).map("".join))
def test_any_po_text_gives_a_document_or_an_input_error(text: str) -> None:
    try:
        document = read_po("f.po", text, source_lang="de", target_lang="en")
    except InputError:
        return
    for segment in document.segments:
        assert segment.line >= 1 and segment.column >= 1


# --- hostile XML --------------------------------------------------------------------------


@pytest.fixture
def no_network_or_fetch(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record any attempt to open a URL, resolve an external source or connect a socket."""
    attempts: list[str] = []

    def record(name: str) -> object:
        def refuse(*args: object, **kwargs: object) -> None:
            attempts.append(name)
            raise AssertionError(f"{name} called while parsing")

        return refuse

    monkeypatch.setattr(urllib.request, "urlopen", record("urlopen"))
    monkeypatch.setattr(xml.sax.saxutils, "prepare_input_source", record("prepare_input_source"))
    monkeypatch.setattr(socket.socket, "connect", record("connect"))
    return attempts


def test_malformed_xml_names_file_line_and_column(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.xlf",
        '<xliff version="1.2">\n  <file>\n    <trans-unit id="1"><source>a</source></target>\n',
    )
    with pytest.raises(InputError) as caught:
        _load(path)
    assert caught.value.message == "malformed XML: mismatched tag"
    assert (caught.value.path, caught.value.line, caught.value.column) == (str(path), 3, 44)


def test_doctype_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "d.xlf",
        '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY co "Acme">]>\n'
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>&co;</source>'
        "</trans-unit></body></file></xliff>\n",
    )
    with pytest.raises(InputError, match="DOCTYPE is refused") as caught:
        _load(path)
    assert caught.value.line == 2


def test_billion_laughs_is_refused_before_any_expansion(
    tmp_path: Path, no_network_or_fetch: list[str]
) -> None:
    entities = "".join(f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10))
    path = _write(
        tmp_path,
        "lol.tmx",
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [\n <!ENTITY lol0 "lol">\n'
        + entities
        + ']>\n<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu>'
        "</body></tmx>\n",
    )
    with pytest.raises(InputError, match="DOCTYPE is refused") as caught:
        _load(path)
    assert caught.value.line == 2
    assert no_network_or_fetch == []


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/secret"])
def test_external_entities_are_refused_and_nothing_is_read(
    tmp_path: Path, no_network_or_fetch: list[str], url: str
) -> None:
    path = _write(
        tmp_path,
        "xxe.xlf",
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "{url}">]>\n'
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>a</source>'
        "<target>&xxe;</target></trans-unit></body></file></xliff>\n",
    )
    with pytest.raises(InputError, match="refused") as caught:
        _load(path)
    assert "root:" not in str(caught.value)
    assert no_network_or_fetch == []


def test_external_dtd_is_refused_and_not_fetched(
    tmp_path: Path, no_network_or_fetch: list[str]
) -> None:
    path = _write(
        tmp_path,
        "dtd.xlf",
        '<!DOCTYPE xliff SYSTEM "http://127.0.0.1:9/xliff.dtd">\n<xliff version="1.2"/>\n',
    )
    with pytest.raises(InputError, match="DOCTYPE is refused"):
        _load(path)
    assert no_network_or_fetch == []


def test_undeclared_entity_is_malformed_xml(tmp_path: Path) -> None:
    path = _write(tmp_path, "u.xlf", '<xliff version="1.2">\n<file>&xxe;</file></xliff>')
    with pytest.raises(InputError, match="undefined entity") as caught:
        _load(path)
    assert (caught.value.line, caught.value.column) == (2, 7)


def test_xinclude_is_refused_not_followed(tmp_path: Path, no_network_or_fetch: list[str]) -> None:
    path = _write(
        tmp_path,
        "xi.xlf",
        '<xliff version="1.2" xmlns:xi="http://www.w3.org/2001/XInclude">\n'
        '  <xi:include href="file:///etc/passwd" parse="text"/>\n</xliff>\n',
    )
    with pytest.raises(InputError, match="XInclude is refused") as caught:
        _load(path)
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert no_network_or_fetch == []


def test_deep_nesting_is_refused_at_the_limit(tmp_path: Path) -> None:
    depth = 100_000
    path = _write(tmp_path, "deep.xlf", "<a>" * depth + "</a>" * depth)
    with pytest.raises(InputError, match=f"deeper than {MAX_DEPTH}") as caught:
        _load(path)
    assert (caught.value.line, caught.value.column) == (1, MAX_DEPTH * 3 + 1)


def test_nesting_below_the_limit_renders_without_trouble(tmp_path: Path) -> None:
    levels = MAX_DEPTH - 10
    path = _write(
        tmp_path,
        "g.xlf",
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>s</source><target>'
        + '<g id="1">' * levels
        + "x"
        + "</g>" * levels
        + "</target></trans-unit></body></file></xliff>",
    )
    (segment,) = _load(path).segments
    assert segment.plain.strip() == "x"
    assert segment.text.count('<g id="1">') == levels


def test_parse_keeps_positions_and_attributes() -> None:
    root = parse("f.xml", '<r xml:lang="de">\n  <c a="1">Grüße</c></r>')
    (child,) = root.elements("c")
    assert (root.get("xml:lang"), child.get("a"), child.line, child.column) == ("de", "1", 2, 3)
    assert (child.end_line, child.end_column) == (2, 17)  # the </c>


# --- through the command line -------------------------------------------------------------


def test_cli_finding_in_xliff_points_at_the_number_in_the_file() -> None:
    result = run_cli(["check", XLIFF_12, "--format", "json", "--select", "LOC001"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    (file_report,) = report["files"]
    (item,) = file_report["findings"]
    lines = XLIFF_12.read_text(encoding="utf-8").split("\n")
    assert (item["rule"], item["segment"], item["text"]) == ("LOC001", "p1/2", "0,4")
    assert (item["line"], item["column"]) == (21, lines[20].index("0,4 percent") + 1)
    assert file_report["skipped"] == [
        {"segment": "byline", "line": 13, "column": 7, "reason": "translate=no"}
    ]


def test_cli_finding_in_po_points_at_the_number_in_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "n.po",
        '#: a.py:1\nmsgid "Die Inflation lag bei 3,5 Prozent."\n'
        'msgstr "Inflation stood at 3,5 percent."\n',
    )
    result = run_cli(["check", path, "--format", "json", "--select", "LOC001"])
    assert result.exit_code == 1, result.output
    (item,) = json.loads(result.stdout)["files"][0]["findings"]
    assert (item["line"], item["column"]) == (3, len('msgstr "Inflation stood at ') + 1)


def test_cli_clean_tmx_exits_zero() -> None:
    result = run_cli(["check", TMX, "--format", "json", "--select", "LOC001"])
    assert result.exit_code == 0, result.output
    (file_report,) = json.loads(result.stdout)["files"]
    assert file_report["findings"] == []
    assert (file_report["segments"], file_report["target_lang"]) == (3, "en-GB")


def test_cli_bad_xml_exits_2_with_one_line_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.xlf", '<xliff version="1.2">\n<file>\n</xliff>\n')
    result = run_cli(["check", path])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"tqa: error: {path}:3:")
    assert "mismatched tag" in result.stderr
    assert "Traceback" not in result.output

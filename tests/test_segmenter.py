"""Sentence and headline splitting: abbreviations, dates, initials, quotes, line breaks, offsets."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from audit.segmenter import Piece, hard_lines, paragraphs, split_article


def texts(text: str, lang: str) -> list[str]:
    return [text[p.start : p.end] for p in split_article(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Er kam z. B. am Montag nach Berlin. Dr. Müller sagte das.",
            "de",
            ["Er kam z. B. am Montag nach Berlin.", "Dr. Müller sagte das."],
        ),
        (
            "Prof. Dr. Schmidt sprach mit der Presse. Danach reiste er ab.",
            "de",
            ["Prof. Dr. Schmidt sprach mit der Presse.", "Danach reiste er ab."],
        ),
        (
            "The U.S. said Mr. Smith met Dr. Jones in Geneva. Then he left.",
            "en",
            ["The U.S. said Mr. Smith met Dr. Jones in Geneva.", "Then he left."],
        ),
        (
            "Ms. Baerbock arrived at 5 p.m. on Monday. She left early.",
            "en",
            ["Ms. Baerbock arrived at 5 p.m. on Monday.", "She left early."],
        ),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, lang: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Neujahrspause endet am 9. Januar. Danach beginnt der Dialog.",
        "Am 12. Januar 2022 beginnt das Treffen. Es dauert zwei Tage.",
    ],
)
def test_german_ordinal_dates_are_not_sentence_ends(text: str) -> None:
    pieces = texts(text, "de")
    assert len(pieces) == 2
    assert pieces[0].endswith(("Januar.", "Treffen."))
    assert "Januar" in pieces[0]


def test_initials_stay_with_the_name() -> None:
    text = "J. R. R. Tolkien wrote the books in Oxford. He died in 1973."
    assert texts(text, "en") == ["J. R. R. Tolkien wrote the books in Oxford.", "He died in 1973."]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "“We are ready,” Fomin said. The talks begin on Monday.",
            "en",
            ["“We are ready,” Fomin said.", "The talks begin on Monday."],
        ),
        (
            'He said: "We will not give in." Then he left.',
            "en",
            ['He said: "We will not give in."', "Then he left."],
        ),
        (
            "Er sagte: „Wir geben nicht auf.“ Dann ging er.",
            "de",
            ["Er sagte: „Wir geben nicht auf.“", "Dann ging er."],
        ),
    ],
)
def test_closing_quote_stays_with_its_sentence(text: str, lang: str, expected: list[str]) -> None:
    assert texts(text, lang) == expected


@pytest.mark.xfail(
    reason="pysbd's German rules split before a straight closing quote: the second sentence "
    "starts with '\"' (segmenter passes the split through)",
    strict=True,
)
def test_german_straight_closing_quote_stays_with_its_sentence() -> None:
    text = 'Er sagte: "Wir geben nicht auf." Dann ging er.'
    assert texts(text, "de") == ['Er sagte: "Wir geben nicht auf."', "Dann ging er."]


def test_headline_lines_are_split_at_short_line_breaks() -> None:
    text = "No relaxation in sight\nMoscow warns NATO of armed conflict"
    assert texts(text, "en") == ["No relaxation in sight", "Moscow warns NATO of armed conflict"]


def test_short_line_before_long_paragraph_is_its_own_piece() -> None:
    body = (
        "Russia has been increasing its troops on the Ukrainian border for months, "
        "and the Kremlin continues to step up its threats against the alliance."
    )
    text = "Putin warns of Ukraine joining NATO\n" + body
    assert texts(text, "en") == ["Putin warns of Ukraine joining NATO", body]


WRAPPED = textwrap.fill(
    "Russia has been increasing its troops on the Ukrainian border for months. "
    "One military exercise follows another. And the Kremlin continues to tighten its "
    "threats. Now the Russian Defense Ministry is gathering Western diplomats to warn "
    "them of an armed confrontation.",
    width=72,
)


def test_hard_wrapped_paragraph_is_one_block_of_lines() -> None:
    assert "\n" in WRAPPED
    assert hard_lines(WRAPPED, 0, len(WRAPPED)) == [(0, len(WRAPPED))]


def test_hard_wrapped_paragraph_splits_only_at_sentence_ends() -> None:
    pieces = [" ".join(t.split()) for t in texts(WRAPPED, "en")]
    assert pieces == [
        "Russia has been increasing its troops on the Ukrainian border for months.",
        "One military exercise follows another.",
        "And the Kremlin continues to tighten its threats.",
        "Now the Russian Defense Ministry is gathering Western diplomats to warn them of an "
        "armed confrontation.",
    ]


def test_paragraphs_are_numbered_by_blank_lines() -> None:
    text = "First headline\n\nOne sentence here. Another one.\n \t\nLast paragraph."
    pieces = split_article(text, "en")
    assert [(text[p.start : p.end], p.paragraph) for p in pieces] == [
        ("First headline", 0),
        ("One sentence here.", 1),
        ("Another one.", 1),
        ("Last paragraph.", 2),
    ]
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "First headline",
        "One sentence here. Another one.",
        "Last paragraph.",
    ]


def _assert_pieces_cover(text: str, pieces: list[Piece]) -> None:
    last_end = 0
    for piece in pieces:
        assert last_end <= piece.start < piece.end <= len(text)
        chunk = text[piece.start : piece.end]
        assert chunk == chunk.strip()
        last_end = piece.end
    covered = "".join(text[p.start : p.end] for p in pieces)
    assert "".join(covered.split()) == "".join(text.split())


def test_every_piece_reproduces_the_sample_text(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    pieces = split_article(text, "en")
    _assert_pieces_cover(text, pieces)
    assert texts(text, "en")[0] == "No relaxation in sight: Moscow warns NATO of armed conflict"
    assert texts(text, "en")[-2:] == [".", "source site-34"]


def test_every_piece_reproduces_the_german_sample(sample_de: Path) -> None:
    text = sample_de.read_text(encoding="utf-8")
    pieces = split_article(text, "de")
    _assert_pieces_cover(text, pieces)
    joined = texts(text, "de")
    assert (
        "Am 12. Januar beginnt in Brüssel auch ein zweitägiges Treffen der NATO-Verteidigungsminister."
        in joined
    )

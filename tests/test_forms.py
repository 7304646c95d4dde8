"""Glossary form syntax: words, ``*`` suffix, ``...`` gap, whitespace, case, and its validation."""

from __future__ import annotations

import pytest

from audit.forms import FormError, FormMatcher, validate_form


def spans(form: str, text: str, case_sensitive: bool = False) -> list[str]:
    matcher: FormMatcher[str] = FormMatcher([(form, case_sensitive, form)])
    return [text[m.start : m.end] for m in matcher.finditer(text)]


def test_plain_words_match_whole_words_only() -> None:
    assert spans("Kreml", "Der Kreml warnt.") == ["Kreml"]
    assert spans("Kreml", "Die Kremlsprecher warnen.") == []
    assert spans("NATO", "die NATO-Staaten") == ["NATO"]


def test_star_matches_any_word_starting_with_the_stem() -> None:
    assert spans("aktuell*", "die aktuellen Zahlen") == ["aktuellen"]
    assert spans("aktuell*", "aktuell ist das so") == ["aktuell"]
    assert spans("aktuell*", "die inaktuellen Zahlen") == []
    assert spans("shooter tank*", "two shooter tanks arrived") == ["shooter tanks"]


def test_gap_matches_up_to_four_words_in_the_same_sentence() -> None:
    form = "find* ... statt"
    assert spans(form, "Das Treffen findet statt.") == ["findet statt"]
    assert spans(form, "Das Treffen findet am Montag in Berlin statt.") == [
        "findet am Montag in Berlin statt"
    ]
    assert spans(form, "Das Treffen findet am Montag in der Stadt Berlin statt.") == []
    assert spans(form, "Er findet es gut. Statt dessen ging er.") == []


def test_line_breaks_and_runs_of_spaces_separate_words() -> None:
    assert spans("General Secretary", "the General\nSecretary said") == ["General\nSecretary"]
    assert spans("General Secretary", "the General   \t Secretary said") == [
        "General   \t Secretary"
    ]
    assert spans("tighten* ... threat*", "to tighten\nits threats") == ["tighten\nits threats"]


def test_case_sensitivity_is_chosen_per_form() -> None:
    assert spans("Kosak", "Dmitri Kosak", case_sensitive=True) == ["Kosak"]
    assert spans("Kosak", "a kosak dance", case_sensitive=True) == []
    assert spans("General Secretary", "the general secretary", case_sensitive=False) == [
        "general secretary"
    ]
    assert spans("General Secretary", "the general secretary", case_sensitive=True) == []


def test_forms_are_literal_text_not_regular_expressions() -> None:
    assert spans("Rat?", "Welcher Rat? Der NATO-Rat.") == ["Rat?"]
    assert spans("Rat?", "Der Rat tagt.") == []
    assert spans("Bund+Tag", "Bund+Tag") == ["Bund+Tag"]
    assert spans("Bund+Tag", "BunddTag") == []
    assert spans("Amts.gericht", "Amtsxgericht") == []


@pytest.mark.parametrize(
    ("form", "text", "expected"),
    [
        ("U-Haft", "Der Verdächtige kam in U-Haft.", "U-Haft"),
        ("E-Rezept*", "Das E-Rezept kommt 2024.", "E-Rezept"),
        ("U.K.", "the U.K. government said", "U.K."),
    ],
)
def test_forms_with_punctuation_near_the_start_match(form: str, text: str, expected: str) -> None:
    assert spans(form, text) == [expected]


def test_matcher_finds_many_forms_with_payloads() -> None:
    matcher: FormMatcher[int] = FormMatcher(
        [("actual", False, 1), ("Accordingly", False, 2), ("relaxation in sight", False, 3)]
    )
    text = "No relaxation in sight. Accordingly, the actual figures rose."
    found = sorted((m.start, m.payload) for m in matcher.finditer(text))
    assert [p for _, p in found] == [3, 2, 1]
    assert matcher.search(text)
    assert not matcher.search("Nothing here matches.")
    assert not FormMatcher([])


@pytest.mark.parametrize("form", ["aktuell*", "find* ... statt", "General Secretary", "U.S.", "a"])
def test_valid_forms(form: str) -> None:
    validate_form(form)
    assert FormMatcher([(form, False, None)])


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ("", "empty form"),
        ("   ", "empty form"),
        ("... statt", "must stand between two words"),
        ("find* ...", "must stand between two words"),
        ("ak*tuell", "only at the end of a word"),
        ("**", "only at the end of a word"),
        ("*", "needs a word before it"),
        ("find * statt", "needs a word before it"),
    ],
)
def test_invalid_forms(form: str, message: str) -> None:
    with pytest.raises(FormError, match=message):
        validate_form(form)
    with pytest.raises(FormError):
        FormMatcher([(form, False, None)])

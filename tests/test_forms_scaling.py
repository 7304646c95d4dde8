"""The index of a form matcher: which forms a text puts to the test, and that it loses nothing.

A matcher runs a form's regular expression only on texts that hold the form's leading words;
these tests pin down that choice (exact words, stems, gaps, case, hyphens, symbols), that it
never drops a match the expression alone would find, and that the number of expressions run
on a text depends on the text, not on how many unrelated forms the glossary holds.
"""

from __future__ import annotations

import re
from contextlib import nullcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.forms import (
    GAP,
    FormError,
    FormMatcher,
    fold,
    form_regex,
    validate_form,
    validate_forms,
)
from audit.glossary import parse_glossary


def matcher(*forms: str, case_sensitive: bool = False) -> FormMatcher[str]:
    return FormMatcher([(form, case_sensitive, form) for form in forms])


def found(m: FormMatcher[str], text: str) -> list[tuple[str, str]]:
    return [(match.payload, text[match.start : match.end]) for match in m.finditer(text)]


def test_exact_words_are_tried_only_where_the_text_has_them() -> None:
    m = matcher("Kreml", "Bundestag", "NATO")
    assert m.candidates("Der Kreml warnt die NATO.") == ["Kreml", "NATO"]
    assert found(m, "Der Kreml warnt die NATO.") == [("Kreml", "Kreml"), ("NATO", "NATO")]
    # "Kremlsprecher" starts like "Kreml" but is another word: not even tried.
    assert m.candidates("Die Kremlsprecher warnen.") == []
    assert found(m, "die NATO-Staaten") == [("NATO", "NATO")]


def test_a_stem_is_tried_on_every_word_it_begins() -> None:
    m = matcher("Bundes*", "shooter tank*", "aktuell* Zahl*", "Landes* Amt")
    assert m.candidates("Der Bundesrat tagt.") == ["Bundes*"]
    assert found(m, "Der BUNDESRAT tagt.") == [("Bundes*", "BUNDESRAT")]
    assert found(m, "Die Bundes Republik") == [("Bundes*", "Bundes")]
    assert m.candidates("Der Landesbundesrat tagt.") == []
    assert found(m, "two shooter tanks arrived") == [("shooter tank*", "shooter tanks")]
    assert m.candidates("two tanks arrived") == []
    assert found(m, "die aktuellen Zahlen") == [("aktuell* Zahl*", "aktuellen Zahlen")]
    # a stem and the word after it are looked up together
    assert found(m, "das Landesamt und das Landes Amt") == [("Landes* Amt", "Landes Amt")]
    assert m.candidates("das Landesamt, kein Amt") == []


def test_a_stem_ending_in_punctuation_may_begin_a_new_word() -> None:
    m = matcher("Bundes-*", "E-Rezept*")
    assert found(m, "das Bundes-Land") == [("Bundes-*", "Bundes-Land")]
    assert found(m, "Das E-Rezepte-System") == [("E-Rezept*", "E-Rezepte")]
    assert m.candidates("Rezepte ohne Euro") == []


def test_a_gap_form_is_found_by_the_words_before_its_gap() -> None:
    m = matcher("find* ... statt")
    text = "Das Treffen findet am Montag in Berlin statt."
    assert m.candidates(text) == ["find* ... statt"]
    assert found(m, text) == [("find* ... statt", "findet am Montag in Berlin statt")]
    assert m.candidates("Statt dessen ging er.") == []
    assert found(m, "Das Treffen findet am Montag in der Stadt Berlin statt.") == []


def test_case_sensitive_forms_are_tried_but_match_only_their_case() -> None:
    sensitive = matcher("Kosak", case_sensitive=True)
    assert sensitive.candidates("a kosak dance") == ["Kosak"]  # the index folds case
    assert found(sensitive, "a kosak dance") == []
    assert found(sensitive, "Dmitri Kosak") == [("Kosak", "Kosak")]
    assert found(matcher("General Secretary"), "the general secretary") == [
        ("General Secretary", "general secretary")
    ]


def test_hyphenated_and_apostrophe_forms_are_indexed_by_their_word_parts() -> None:
    m = matcher("Secretary-General", "women's rights")
    assert found(m, "the UN Secretary-General said") == [("Secretary-General", "Secretary-General")]
    assert m.candidates("the Secretary General said") == ["Secretary-General"]
    assert found(m, "the Secretary General said") == []  # the hyphen is part of the form
    assert m.candidates("the General Secretary said") == []
    assert found(m, "for women's rights") == [("women's rights", "women's rights")]
    assert found(m, "for women’s rights") == []  # another apostrophe is another form


def test_forms_of_symbols_only_are_tried_on_every_text() -> None:
    m = matcher("→", "‰", "Kreml")
    assert m.candidates("nothing here") == ["→", "‰"]
    assert found(m, "A → B, 5 ‰") == [("→", "→"), ("‰", "‰")]


def test_letters_ignorecase_holds_equal_are_indexed_together() -> None:
    # re.IGNORECASE equates these pairs though casefold() or lower() keeps them apart
    pairs = [("İstanbul", "istanbul"), ("ıstanbul", "ISTANBUL"), ("ſo", "SO"), ("µm", "ΜM")]
    pairs += [("Straße", "STRAẞE"), ("Kelvin", "\u212aelvin"), ("ΟΔΟΣ", "οδος"), ("θ", "ϑ")]
    for form, text in pairs:
        assert re.fullmatch(form_regex(form), text, re.IGNORECASE), (form, text)
        assert fold(form) == fold(text)
        assert found(matcher(form), text) == [(form, text)]
    # ß and ss are no IGNORECASE equals: "Strasse" is another spelling, not found
    assert found(matcher("Straße"), "STRASSE") == []


def test_the_greek_iota_subscript_is_not_lost() -> None:
    # U+0345 equals ι under IGNORECASE but is no word character: both directions still match
    assert found(matcher("αι"), "α\u0345") == [("αι", "α\u0345")]
    assert found(matcher("α\u0345"), "αι") == [("α\u0345", "αι")]


def test_finds_come_in_the_order_of_the_forms_first_letters() -> None:
    m = matcher("zebra", "apple", "apricot")
    text = "apricot zebra apple"
    assert found(m, text) == [("apple", "apple"), ("apricot", "apricot"), ("zebra", "zebra")]


def test_forms_tried_do_not_grow_with_unrelated_forms() -> None:
    text = "The council adjustment was approved by the federal office."
    related = ["council adjustment", "federal office", "Bundes*", "→"]
    unrelated_few = [f"council term{i}" for i in range(10)]
    unrelated_many = [f"council term{i}" for i in range(10_000)]
    unrelated_many += [f"word{i}" for i in range(10_000)] + [f"Stem{i}*" for i in range(10_000)]
    few = matcher(*related, *unrelated_few)
    many = matcher(*related, *unrelated_many)
    expected = ["→", "council adjustment", "federal office"]
    assert few.candidates(text) == expected
    assert many.candidates(text) == expected
    assert found(many, text) == found(few, text)


def test_a_text_seen_again_by_another_matcher_gives_the_same_answer() -> None:
    text = "The Secretary-General met the council."
    first = matcher("Secretary-General")
    second = matcher("council")
    for _ in range(2):
        assert found(first, text) == [("Secretary-General", "Secretary-General")]
        assert found(second, text) == [("council", "council")]


def test_forms_may_come_from_a_generator() -> None:
    m: FormMatcher[int] = FormMatcher((form, False, n) for n, form in enumerate(["a b", "c"]))
    assert [x.payload for x in m.finditer("c a b")] == [0, 1]
    with pytest.raises(FormError, match="only at the end"):
        FormMatcher((form, False, None) for form in ["ok", "ak*tuell"])


def test_an_empty_matcher_tries_nothing() -> None:
    empty: FormMatcher[str] = FormMatcher([])
    assert not empty
    assert empty.candidates("any text") == []
    assert not empty.search("any text")


# --- the index never drops a match --------------------------------------------------------

_LETTERS = "abAB" + "ßẞıİſ" + "ιͅΙ" + "ςΣσµμK\u212a" + "1_²"
_FORM_WORDS = st.text(alphabet=_LETTERS + "-'.→", min_size=1, max_size=4).map(
    lambda w: w.strip(".") or "a"
)
_FORMS = st.lists(
    st.tuples(_FORM_WORDS, st.booleans()).map(lambda ws: ws[0] + ("*" if ws[1] else "")),
    min_size=1,
    max_size=3,
).map(lambda words: " ".join(words))
_TEXTS = st.text(alphabet=_LETTERS + " -'.→\n\u00a0()", max_size=30)


def _brute_force(forms: list[tuple[str, bool]], text: str) -> set[tuple[int, int, int]]:
    """Every match of every form, each expression run on the whole text."""
    spans = set()
    for rank, (form, case_sensitive) in enumerate(forms):
        flags = 0 if case_sensitive else re.IGNORECASE
        for match in re.finditer(form_regex(form), text, flags):
            spans.add((match.start(), match.end(), rank))
    return spans


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(_FORMS, st.booleans()), min_size=1, max_size=6),
    _TEXTS,
    st.booleans(),
)
def test_the_index_finds_whatever_the_expressions_find(
    forms: list[tuple[str, bool]], text: str, with_gap: bool
) -> None:
    if with_gap:
        first, case_sensitive = forms[0]
        forms[0] = (f"{first} {GAP} a", case_sensitive)
    forms = [(form, cs) for form, cs in forms if _valid(form)]
    m: FormMatcher[int] = FormMatcher([(f, cs, rank) for rank, (f, cs) in enumerate(forms)])
    assert {(x.start, x.end, x.payload) for x in m.finditer(text)} == _brute_force(forms, text)
    assert m.search(text) == bool(_brute_force(forms, text))


def _valid(form: str) -> bool:
    try:
        validate_form(form)
    except FormError:
        return False
    return True


# --- validation: the one-search shortcut agrees with the word-by-word rules --------------


def _reference_error(form: str) -> str | None:
    words = form.split()
    if not words:
        return "empty form"
    if words[0] == GAP or words[-1] == GAP:
        return "must stand between two words"
    for word in words:
        if word != GAP and "*" in word[:-1]:
            return "only at the end of a word"
        if word == "*":
            return "needs a word before it"
    return None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab *.\t\u00a0", max_size=10))
def test_validation_agrees_with_the_rules(form: str) -> None:
    expected = _reference_error(form)
    try:
        validate_form(form)
    except FormError as exc:
        assert expected is not None and expected in str(exc)
    else:
        assert expected is None


_FORM_TEXT = st.text(alphabet="ab *.\t\u00a0", max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FORM_TEXT, max_size=5))
def test_forms_validated_together_fail_as_the_first_one_alone(forms: list[str]) -> None:
    first = next((error for form in forms if (error := _reference_error(form))), None)
    try:
        validate_forms(forms)
    except FormError as exc:
        assert first is not None and first in str(exc)
    else:
        assert first is None
    with pytest.raises(FormError) if first else nullcontext():
        FormMatcher([(form, False, None) for form in forms])


# A glossary file whose text shows no sign of a bad form skips examining its forms one by one.
_CELL = st.text(alphabet="ab *.|:\u00a0", max_size=9)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL), min_size=1, max_size=4))
def test_a_glossary_reports_every_bad_form_however_its_file_looks(
    rows: list[tuple[str, str, str, str]],
) -> None:
    lines = [f"term\t{s}\tpref{p}\t{w}\tnear:x{c}\tnote" for s, p, w, c in rows]
    text = "kind\tsource\tpreferred\twrong\tcontext\tnote\n" + "\n".join(lines)
    entries, problems = parse_glossary("g.tsv", text)
    bad_lines = {problem.line for problem in problems}
    for number, (source, preferred, wrong, context) in enumerate(rows, start=2):
        forms = [*_cells(source), *_cells("pref" + preferred), *_cells(wrong)]
        forms += _cells("x" + context)
        if any(_reference_error(form) for form in forms):
            assert number in bad_lines
        else:
            assert number not in bad_lines
    for entry in entries:
        for form in (*entry.source, *entry.preferred, *entry.wrong):
            assert _reference_error(form) is None


def _cells(cell: str) -> list[str]:
    return [part.strip() for part in cell.strip().split("|") if part.strip()]

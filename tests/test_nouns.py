"""The German common-noun list that keeps nouns from being taken for names."""

from __future__ import annotations

from audit.nouns import common_nouns


def test_german_common_nouns_and_their_forms_are_listed() -> None:
    nouns = common_nouns("de")
    assert nouns is not None
    for word in ("Marine", "Hut", "Fund", "Regierung", "Regierungen", "Häuser"):
        assert word in nouns, word


def test_proper_names_are_not_common_nouns() -> None:
    nouns = common_nouns("de")
    assert nouns is not None
    for word in ("Merkel", "Berlin", "Siminoff", "Kavanaugh"):
        assert word not in nouns, word


def test_languages_without_a_list() -> None:
    assert common_nouns("fr") is None

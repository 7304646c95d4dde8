"""Names of the source missing from the translation: which words count as names (ENT002),
when a name counts as present, and when a missing name was swapped for another (ENT003)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.checks.base import Resources, SegmentContext
from audit.checks.entities import NamePreservation
from audit.glossary import Glossary, default_glossary_paths, load_glossaries
from audit.model import Segment

EMPTY = Glossary(entries=(), digests=())


@pytest.fixture(scope="module")
def check() -> NamePreservation:
    return NamePreservation(Resources(EMPTY, "de", "en"))


def found(check: NamePreservation, source: str, target: str) -> list[tuple[str, str, str]]:
    segment = Segment(id="1", text=target, source=source)
    return [
        (f.rule, f.text, f.evidence.get("source_names", ""))
        for f in check.check(segment, SegmentContext(None, True))
    ]


def rules(check: NamePreservation, source: str, target: str) -> list[str]:
    return [rule for rule, _, _ in found(check, source, target)]


# --- which source words are names ---------------------------------------------------------


@pytest.mark.parametrize("word", ["Anbauart", "Ökoregion", "Basttasche", "Kaproute"])
def test_a_rare_german_compound_is_no_name(check: NamePreservation, word: str) -> None:
    assert not check._name_like(word, True)
    source = f"Die {word} wurde gestern im Bericht beschrieben."
    assert found(check, source, "The report described it yesterday.") == []


@pytest.mark.parametrize("word", ["Siminoff", "Johndroe", "Morowali"])
def test_an_unknown_word_that_splits_into_no_german_words_is_a_name(
    check: NamePreservation, word: str
) -> None:
    assert check._name_like(word, True)


@pytest.mark.parametrize("word", ["University", "State", "Time"])
def test_a_very_common_english_word_in_a_german_source_is_no_name(
    check: NamePreservation, word: str
) -> None:
    assert not check._name_like(word, True)


def test_a_name_at_the_start_of_a_quotation_counts_when_english_knows_it_as_well(
    check: NamePreservation,
) -> None:
    # Sanders leans no more German than English; Analog (an adverb here) leans German.
    assert rules(check, "Er sagte: Sanders kommt bald.", "He said he would come soon.") == [
        "ENT002"
    ]
    assert rules(check, "Er sagte: Analog dazu kommt es.", "He said it comes likewise.") == []


def test_a_word_only_capitalised_for_its_place_in_a_target_is_no_stranger(
    check: NamePreservation,
) -> None:
    # "Biden" opens the sentence: nothing says it is a name standing for Macron.
    assert rules(check, "Kanzler Scholz traf Macron.", "Biden met Chancellor Scholz.") == ["ENT002"]


# --- when a name counts as present --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "written"), [("Sané", "Sane"), ("Bjørn", "Bjorn"), ("Łukasz", "Lukasz")]
)
def test_a_name_written_without_its_accents_is_present(
    check: NamePreservation, name: str, written: str
) -> None:
    source = f"Das Tor schoss gestern {name} Kowalczyk."
    assert found(check, source, f"{written} Kowalczyk scored the goal yesterday.") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (
            "Er sagte, Forscher sollten Greencards bekommen, so Neal Baer.",
            "He said researchers should get green cards, said Neal Baer.",
        ),
        ("Der Showrunner Neal Baer sprach.", "Show-runner Neal Baer spoke."),
    ],
)
def test_a_word_english_writes_as_two_is_present(
    check: NamePreservation, source: str, target: str
) -> None:
    assert found(check, source, target) == []


def test_the_parts_of_a_compound_far_apart_are_not_the_compound(check: NamePreservation) -> None:
    source = "Er sagte, Forscher sollten Greencards bekommen, so Neal Baer."
    target = "He said researchers should get green and red cards, said Neal Baer."
    assert rules(check, source, target) == ["ENT002"]


# --- a name swapped for another -----------------------------------------------------------


def test_one_missing_name_and_one_stranger_is_a_swap(check: NamePreservation) -> None:
    result = found(
        check, "Kanzler Scholz traf Macron in Paris.", "Chancellor Scholz met Biden in Paris."
    )
    assert result == [("ENT003", "Biden", "Macron")]


def test_a_missing_name_without_a_stranger_is_only_possibly_missing(
    check: NamePreservation,
) -> None:
    result = found(
        check, "Kanzler Scholz traf Macron in Paris.", "Chancellor Scholz met him in Paris."
    )
    assert [rule for rule, _, _ in result] == ["ENT002"]


def test_several_strangers_are_a_rewording_not_a_swap(check: NamePreservation) -> None:
    source = "Kanzler Scholz traf Macron in Paris."
    target = "Chancellor Scholz met Biden and Trudeau in Paris."
    assert rules(check, source, target) == ["ENT002"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a shortening of the missing name
        (
            "Trainer Holt lobte Livingston nach dem Spiel.",
            "Coach Holt praised Livi after the game.",
        ),
        # the same name spelt otherwise
        ("Der Stürmer Sané traf Walczak im Hotel.", "The forward Sane met Walczak at the hotel."),
        # a cognate of a source word: the adjective, not a name
        (
            "Die Regierung kritisierte die Euroskeptiker und Farage scharf.",
            "The government sharply criticised the Eurosceptics.",
        ),
        # an acronym's plural and a possessive of a source name
        ("Die Kampagne von Jeremy Corbyns Partei", "The campaign of Corbyn's party and its FAQs"),
    ],
)
def test_no_swap_when_the_stranger_is_explained(
    check: NamePreservation, source: str, target: str
) -> None:
    assert "ENT003" not in rules(check, source, target)


def test_a_stranger_that_translates_a_source_word_is_no_swap() -> None:
    # The bilingual lexicon knows Montag -> Monday, whatever the name rules think of Monday.
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    check = NamePreservation(Resources(glossary, "de", "en"))
    source = "Am Montag traf Walczak den Minister in Warschau."
    target = "On the day the minister met his Monday visitor in Warsaw."
    assert "ENT003" not in rules(check, source, target)


def test_real_pairs_keep_names_they_carry(shared: Path) -> None:
    """On professional translations the swap rule stays rare: at most 1 % of pairs."""
    folder = shared / "external" / "flores-ntrex-deen" / "flores200"
    sources = (folder / "deu_Latn.devtest").read_text(encoding="utf-8").splitlines()
    targets = (folder / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    check = NamePreservation(Resources(glossary, "de", "en"))
    swaps = sum("ENT003" in rules(check, s, t) for s, t in zip(sources, targets))
    assert swaps <= len(sources) // 100


def test_a_word_german_also_uses_as_a_noun_counts_when_a_name_stands_in_its_place(
    check: NamePreservation,
) -> None:
    # Microsoft is in the German noun list: missing alone it says nothing, but with a name
    # the source lacks in the translation it was swapped.
    source = "Der Konzern Microsoft meldete am Montag hohe Gewinne."
    assert found(check, source, "The company Siminoff reported high profits on Monday.") == [
        ("ENT003", "Siminoff", "Microsoft")
    ]
    assert found(check, source, "The company reported high profits on Monday.") == []
    assert found(check, source, "The company Microsoft reported high profits on Monday.") == []


def test_swaps_are_reported_the_same_whatever_the_order_of_words_in_memory(
    check: NamePreservation,
) -> None:
    source = "Die Firmen Microsoft und Yoga meldeten am Montag hohe Gewinne."
    target = "The firms Siminoff and Yoga reported high profits on Monday."
    first = found(check, source, target)
    assert first == found(NamePreservation(Resources(EMPTY, "de", "en")), source, target)
    assert [rule for rule, _, _ in first] == ["ENT003"]


def test_a_name_after_a_title_stands_where_its_capital_means_a_name(
    check: NamePreservation,
) -> None:
    # "Mr." ends no sentence: "Puffy" after it is a stranger in the source's name's place.
    source = "„Es gab an jeder Ecke eine Bar“, sagte Herr Siminoff am Dienstag."
    target = '"There was a bar on every corner," Mr. Walczak said on Tuesday.'
    assert found(check, source, target) == [("ENT003", "Walczak", "Siminoff")]


def test_one_stranger_for_several_missing_names_is_pointed_at(check: NamePreservation) -> None:
    source = "Kanzler Scholz traf Macron und Siminoff in Paris."
    target = "Chancellor Scholz met Biden in Paris."
    segment = Segment(id="1", text=target, source=source)
    (item,) = check.check(segment, SegmentContext(None, True))
    assert (item.rule, item.text, item.evidence["source_names"]) == (
        "ENT003",
        "Biden",
        "Macron,Siminoff",
    )
    assert item.message.startswith('the source names "Macron", "Siminoff" are missing')

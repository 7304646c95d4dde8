"""The shipped place-name glossary: well-formed, not overlapping names.tsv, and precise on English."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from audit.engine import Auditor
from audit.glossary import (
    Entry,
    Glossary,
    Kind,
    default_glossary_paths,
    load_glossaries,
    parse_glossary,
)
from audit.lexicon import lexicon
from audit.model import Document, Finding, Segment
from audit.selection import RuleSelection

FOLDER = Path(__file__).resolve().parents[1] / "corpora" / "glossaries" / "de-en"
PLACES = FOLDER / "places.tsv"
NAMES = FOLDER / "names.tsv"

# A single-word German form this frequent in English text is an English word or name too; only a
# `context` condition may make it a wrong form.
COMMON_ENGLISH = 3.0


def entries(path: Path) -> list[Entry]:
    found, problems = parse_glossary(str(path), path.read_text(encoding="utf-8"))
    assert problems == []
    return found


@pytest.fixture(scope="module")
def places() -> list[Entry]:
    return entries(PLACES)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(default_glossary_paths("de", "en"))


@pytest.fixture(scope="module")
def auditor(glossary: Glossary) -> Auditor:
    return Auditor.build(glossary, "de", "en", RuleSelection(select=("NAME",)))


def audit(auditor: Auditor, *sentences: str) -> list[Finding]:
    segments = tuple(Segment(id=str(i), text=s, paragraph=i) for i, s in enumerate(sentences))
    return list(auditor.audit(Document("test.txt", segments)).findings)


def german_example(form: str) -> str:
    """A text the form matches: a trailing ``*`` stands for an inflection ending."""
    return " ".join(word[:-1] + "n" if word.endswith("*") else word for word in form.split())


def test_places_parse_without_problems_and_are_all_places(places: list[Entry]) -> None:
    assert len(places) >= 250
    assert {e.kind for e in places} == {Kind.PLACE}


def test_the_shipped_folder_loads_the_places_file() -> None:
    assert PLACES.name in [Path(p).name for p in default_glossary_paths("de", "en")]


def test_no_source_form_is_listed_twice_across_places_and_names(places: list[Entry]) -> None:
    forms = [form for e in places + entries(NAMES) for form in e.source]
    repeated = sorted({f for f in forms if forms.count(f) > 1})
    assert repeated == []


def test_no_wrong_form_is_a_preferred_english_name(glossary: Glossary, places: list[Entry]) -> None:
    preferred = {form for e in glossary.entries for form in e.preferred}
    assert sorted({w for e in places for w in e.wrong} & preferred) == []


def test_single_word_wrong_forms_are_rare_in_english(places: list[Entry]) -> None:
    english = lexicon("en")
    common = [
        (w, round(english.zipf(w), 2))
        for e in places
        if e.context is None
        for w in e.wrong
        if " " not in w and "*" not in w and english.zipf(w) >= COMMON_ENGLISH
    ]
    assert common == []


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("Moskau", "Moscow"),
        ("Peking", "Beijing"),
        ("München", "Munich"),
        ("Köln", "Cologne"),
        ("Den Haag", "The Hague"),
        ("Elfenbeinküste", "Ivory Coast"),
        ("Vereinigte* Staaten", "United States"),
    ],
)
def test_representative_rows(glossary: Glossary, german: str, english: str) -> None:
    (entry,) = [e for e in glossary.entries if german in e.source]
    assert entry.preferred[0] == english
    assert german in entry.wrong


def test_german_exonym_in_english_copy_is_flagged_with_the_english_name(auditor: Auditor) -> None:
    findings = audit(auditor, "The talks in Moskau ended.")
    assert [(f.rule, f.text, f.suggestions[0]) for f in findings] == [
        ("NAME001", "Moskau", "Moscow")
    ]


def test_english_name_is_clean(auditor: Auditor) -> None:
    assert audit(auditor, "The talks in Moscow ended.") == []


def test_places_rows_flag_their_forms(auditor: Auditor) -> None:
    findings = audit(
        auditor,
        "Ministers from Frankreich met in Mailand.",
        "The summit in Den Haag ended.",
        "Ships crossed the Schwarzen Meer.",
    )
    assert [(f.text, f.suggestions[0]) for f in findings] == [
        ("Frankreich", "France"),
        ("Mailand", "Milan"),
        ("Den", "The"),
        ("Haag", "Hague"),
        ("Schwarzen", "Black"),
        ("Meer", "Sea"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bayern Munich beat Hannover 96 in Berlin on Saturday.",
        "Officials in Zürich, Odessa and Rome said the island was safe.",
        "Iran, Israel, Belarus and Chile sent delegations to Paris.",
        "The Roma and Rom communities of Texas held a festival.",
        "Wallis and Franken were among the speakers in Danzig and Breslau's old towns.",
    ],
)
def test_names_spelt_alike_or_english_words_are_not_flagged(
    auditor: Auditor, sentence: str
) -> None:
    assert [f.text for f in audit(auditor, sentence) if f.rule == "NAME001"] == []


def test_every_wrong_form_is_flagged_once_per_word(auditor: Auditor, places: list[Entry]) -> None:
    for entry in places:
        for form in entry.wrong:
            example = german_example(form)
            text = f"Officials said that {example} would take part."
            start = text.index(example)
            spans = sorted((f.start, f.end) for f in audit(auditor, text) if f.rule == "NAME001")
            assert spans, form
            assert all(start <= s and e <= start + len(example) for s, e in spans), form
            assert all(a[1] <= b[0] for a, b in pairwise(spans)), f"overlap: {form}"


def test_clean_english_news_has_no_place_findings(shared: Path, auditor: Auditor) -> None:
    folder = shared / "external" / "flores-ntrex-deen"
    lines = [
        line
        for name in ("flores200/eng_Latn.devtest", "ntrex128/newstest2019-src.eng.txt")
        for line in (folder / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    flagged = [
        f.text
        for f in audit(auditor, *lines)
        if f.rule == "NAME001"
        and Path(f.evidence["glossary"].rsplit(":", 1)[0]).name == PLACES.name
    ]
    assert flagged == []

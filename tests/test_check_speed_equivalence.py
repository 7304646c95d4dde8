"""Spelling and name checks remember word-level results: bounded, and never changing a finding.

What a word is (English, a slip, a name) is judged once per run and remembered; segments made
only of harmless words are passed over; the costly two-edit suggestion scan waits until a word
is reported. These tests hold that the memory stays within its bound, that a remembered answer
is the answer a fresh check gives, and that no shortcut hides a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.checks import form_screen, memo
from audit.checks.base import Resources, SegmentContext
from audit.checks.entities import NamePreservation
from audit.checks.form_screen import FormScreen
from audit.checks.memo import LONGEST_WORD, WordMemo, WordSet
from audit.checks.spelling import Spelling
from audit.forms import FormMatcher
from audit.glossary import Glossary, Kind, default_glossary_paths, load_glossaries
from audit.model import Finding, Segment

EMPTY = Glossary(entries=(), digests=())
Check = Spelling | NamePreservation


def run(check: Check, text: str, source: str | None = "x") -> list[tuple[object, ...]]:
    segment = Segment(id="1", text=text, source=source)
    return [_key(f) for f in check.check(segment, SegmentContext(None, source is not None))]


def _key(f: Finding) -> tuple[object, ...]:
    return (f.rule, f.start, f.end, f.text, f.message, f.suggestions, dict(f.evidence))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(default_glossary_paths("de", "en"))


# --- the memory itself ---------------------------------------------------------------------


def test_memo_stays_within_its_limit_and_answers_right() -> None:
    calls: list[int] = []

    def square(n: int) -> int:
        calls.append(n)
        return n * n

    remembered = WordMemo(square, limit=10)
    for n in range(1000):
        assert remembered(n) == n * n
        assert len(remembered) <= 10
    assert remembered(3) == 9  # long forgotten: computed again, to the same value
    assert calls.count(3) == 2


def test_memo_keeps_a_frequent_key_through_turnovers() -> None:
    calls: list[str] = []

    def upper(word: str) -> str:
        calls.append(word)
        return word.upper()

    remembered = WordMemo(upper, limit=10)
    for n in range(500):
        assert remembered("the") == "THE"
        remembered(f"rare{n}")
    assert calls.count("the") == 1
    assert calls.count("rare7") == 1


def test_word_set_stays_within_its_limit() -> None:
    words = WordSet(limit=5)
    for n in range(100):
        words.add(f"w{n}")
        assert len(words) <= 5
    assert "w99" in words
    assert words.covers(["w99", "w99"])
    assert not words.covers(["w99", "w0"])


def test_blobs_are_judged_but_never_remembered() -> None:
    calls: list[str] = []

    def judge(word: str) -> int:
        calls.append(word)
        return len(word)

    remembered = WordMemo(judge, limit=10)
    blob = "x" * (LONGEST_WORD + 1)
    assert remembered(blob) == remembered(blob) == LONGEST_WORD + 1
    assert calls == [blob, blob] and blob not in remembered
    assert remembered("word") == remembered("word") == 4 and calls.count("word") == 1
    words = WordSet(limit=5)
    words.add(blob)
    words.add_all([blob, "a", "b"])
    assert len(words) == 2 and blob not in words


def test_adding_many_words_at_once_keeps_the_limit() -> None:
    words = WordSet(limit=5)
    words.add_all(["a", "b", "c"])
    assert len(words) == 3
    words.add_all(["d", "e", "f", "g"])  # no room for all: added one by one, starting afresh
    assert len(words) <= 5 and "g" in words


def test_limits_below_the_minimum_are_refused() -> None:
    with pytest.raises(ValueError):
        WordMemo(str, limit=1)
    with pytest.raises(ValueError):
        WordSet(limit=0)


# --- spelling ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources(EMPTY, "de", "en")


def test_a_remembered_misspelling_reports_as_a_fresh_check_does(resources: Resources) -> None:
    text = "The goverment said it would recieve the comittee."
    warm = Spelling(resources)
    first = run(warm, text)
    assert [f[3] for f in first] == ["goverment", "recieve", "comittee"]
    assert run(warm, text) == first
    assert run(Spelling(resources), text) == first


def test_harmless_words_do_not_hide_a_misspelling(resources: Resources) -> None:
    check = Spelling(resources)
    assert run(check, "The report said the plan would work.") == []
    found = run(check, "The report said the plan would wrok.")
    assert [(f[0], f[3], f[5]) for f in found] == [("SPELL001", "wrok", ("work", "wok"))]


def test_a_word_is_judged_again_at_each_position(resources: Resources) -> None:
    # A capitalised slip is reported only at a sentence start; seen inside a sentence first,
    # it must not be remembered as harmless everywhere.
    check = Spelling(resources)
    assert run(check, "He said Tehre is far.") == []
    found = run(check, "Tehre was a man.")
    assert [(f[3], f[5]) for f in found] == [("Tehre", ("There",))]
    assert run(check, "He said Tehre is far.") == []


def test_the_two_edit_scan_waits_for_the_source(resources: Resources) -> None:
    # "cailaber" has no dictionary word one edit away: its suggestions need the full scan,
    # which is skipped while the source excuses the word, and made once it does not.
    check = Spelling(resources)
    assert run(check, "The cailaber was wrong.", source="Das cailaber war falsch.") == []
    found = run(check, "The cailaber was wrong.")
    assert [(f[3], f[5]) for f in found] == [("cailaber", ("caliber", "calabar"))]
    assert found == run(Spelling(resources), "The cailaber was wrong.")


def test_a_word_nothing_resembles_stays_unreported(resources: Resources) -> None:
    check = Spelling(resources)
    assert run(check, "A scotturb stood there.") == []
    assert run(check, "The scotturb stood there.") == []


def test_the_other_variant_is_reported_every_time() -> None:
    check = Spelling(Resources(EMPTY, "de", "en", "en-US"))
    for text in ("The colour is red.", "The colour-blind man.", "Its colour faded."):
        found = run(check, text)
        assert [(f[0], f[3], f[5]) for f in found] == [("SPELL002", "colour", ("color",))]


# --- names ---------------------------------------------------------------------------------


def test_a_glossary_name_missing_is_reported_each_time(glossary: Glossary) -> None:
    check = NamePreservation(Resources(glossary, "de", "en"))
    source = "Der Minister reiste nach Moskau."
    for _ in range(2):
        found = run(check, "The minister travelled to the capital.", source)
        assert [(f[0], f[6]) for f in found] == [("ENT001", {"source_names": "Moskau"})]
        assert run(check, "The minister travelled to Moscow.", source) == []


def test_a_name_found_elsewhere_does_not_excuse_a_missing_one(glossary: Glossary) -> None:
    check = NamePreservation(Resources(glossary, "de", "en"))
    source = "Kanzler Scholz traf Macron in Paris."
    assert run(check, "Chancellor Scholz met Macron in Paris.", source) == []
    found = run(check, "Chancellor Scholz met Biden in Paris.", source)
    assert [(f[0], f[3]) for f in found] == [("ENT003", "Biden")]


def test_a_word_after_a_sentence_break_is_not_taken_for_a_name() -> None:
    check = NamePreservation(Resources(EMPTY, "de", "en"))
    for source in ("Er sagte: Macron kommt.", "Er sagte „Macron kommt.", "Macron kommt."):
        assert run(check, "He said he comes.", source) == []
    found = run(check, "He said he comes.", "Er sagte, Macron kommt.")
    assert [f[6] for f in found] == [{"source_names": "Macron"}]


# --- the glossary screen in front of the name matcher --------------------------------------

SCREENED = [
    "Moskau",
    "Bundes*",
    "Sankt Petersburg",
    "Baden ... Württemberg",
    "St. Gallen",
    "Côte d'Ivoire",
    "İzmir",
    "Straße",
]


# Forms whose letters change under case folding (Kelvin sign, long s, capital sharp s,
# dotless i, final sigma, iota subscript).
FOLDED_SCREENED = [
    "Moskau",
    "Kiew",
    "Bundes*",
    "Sankt Petersburg",
    "Straße",
    "İzmir",
    "Σίσυφος",
    "Baden ... Württemberg",
    "Côte d'Ivoire",
    "Ἀθῆναι",
]


@pytest.mark.parametrize(
    ("forms", "text"),
    [
        (SCREENED, text)
        for text in [
            "Er flog nach MOSKAU.",
            "Die Moskauer Zeitung.",  # no form: the word goes on
            "Die Bundesregierung tagt.",
            "Von Sankt  Petersburg aus.",
            "Von Sankt\nPetersburg aus.",
            "Von Sankt-Petersburg aus.",
            "In Baden und in Württemberg.",
            "Baden-Württemberg",
            "In St. Gallen.",
            "In St Gallen.",
            "Aus der côte d'ivoire.",
            "In IZMIR und izmir.",
            "In der STRASSE.",
            "In der straße.",
            "xMoskau",
            "",
        ]
    ]
    + [
        (FOLDED_SCREENED, text)
        for text in [
            "Er flog nach MOSKAU.",
            "Er flog nach \u212aiew.",  # Kelvin sign: a K regardless of case
            "Die BUNDESREGIERUNG tagt.",
            "Von ſankt Petersburg aus.",  # long s
            "In der STRAẞE.",  # capital sharp s
            "In der STRASSE.",
            "In IZMIR und ızmır.",
            "ΣΊΣΥΦΟΣ und σίσυφοσ",
            "In Baden und in WÜRTTEMBERG.",
            "Aus der CÔTE D'IVOIRE.",
            "ἈΘΗ͂ΝΑΙ",
            "Die Moskauer Zeitung.",
            "xMoskau",
            "",
        ]
    ],
)
def test_the_screen_passes_exactly_the_texts_a_form_matches(forms: list[str], text: str) -> None:
    matcher = FormMatcher([(form, False, form) for form in forms])
    screen = FormScreen(forms, re.IGNORECASE)
    assert screen.may_hold(text) == any(True for _ in matcher.finditer(text))


def test_the_screen_agrees_with_the_matcher_on_real_sources(
    shared: Path, glossary: Glossary
) -> None:
    forms = [
        form
        for entry in glossary.entries
        if entry.kind.is_name or entry.kind is Kind.INSTITUTION
        for form in entry.source
    ]
    matcher = FormMatcher([(form, False, form) for form in forms])
    screen = FormScreen(forms, re.IGNORECASE)
    sources = [de for de, _ in _pairs(shared, 1012)]
    held = [any(True for _ in matcher.finditer(text)) for text in sources]
    assert [screen.may_hold(text) for text in sources] == held
    assert 0 < sum(held) < len(sources) / 2  # the screen has work to do, both ways


def test_a_screen_over_too_many_forms_passes_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(form_screen, "MAX_FORMS", 2)
    screen = FormScreen(["Moskau", "Kiew", "Genf"], re.IGNORECASE)
    assert screen.may_hold("Nichts davon.")
    assert not FormScreen(["Moskau", "Kiew"], re.IGNORECASE).may_hold("Nichts davon.")


# --- the real pairs: a small memory and a warm one change nothing ----------------------------


def _pairs(shared: Path, count: int) -> list[tuple[str, str]]:
    folder = shared / "external" / "flores-ntrex-deen" / "flores200"
    german = (folder / "deu_Latn.devtest").read_text(encoding="utf-8").splitlines()
    english = (folder / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    return list(zip(german, english, strict=True))[:count]


def _slipped(text: str, n: int) -> str:
    """The text with one word's two middle letters swapped, so that some words are slips."""
    words = text.split(" ")
    at = n % len(words)
    word = words[at]
    if len(word) >= 5 and word.isalpha():
        middle = len(word) // 2
        words[at] = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
    return " ".join(words)


def _segments(shared: Path) -> list[Segment]:
    pairs = _pairs(shared, 400)
    plain = [Segment(id=f"p{n}", text=en, source=de) for n, (de, en) in enumerate(pairs)]
    slipped = [
        Segment(id=f"s{n}", text=_slipped(en, n), source=de) for n, (de, en) in enumerate(pairs)
    ]
    return plain + slipped


def _audit(check: Check, segments: list[Segment]) -> Iterator[tuple[object, ...]]:
    for segment in segments:
        for found in check.check(segment, SegmentContext(None, True)):
            yield (segment.id, *_key(found))


@pytest.mark.parametrize("kind", ["spelling", "names"])
def test_a_tiny_memory_and_a_second_pass_change_no_finding(
    shared: Path, glossary: Glossary, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = Resources(glossary, "de", "en", "en-US")
    build = Spelling if kind == "spelling" else NamePreservation
    segments = _segments(shared)
    roomy = build(resources)
    expected = list(_audit(roomy, segments))
    assert expected, "the slipped copies must give findings to compare"
    assert list(_audit(roomy, segments)) == expected  # everything remembered now
    monkeypatch.setattr(memo, "DEFAULT_LIMIT", 6)
    cramped = build(resources)
    assert list(_audit(cramped, segments)) == expected
    memories = [v for v in vars(cramped).values() if isinstance(v, WordMemo | WordSet)]
    assert memories and all(len(m) <= 6 for m in memories)


def test_a_blob_of_letters_is_judged_but_not_remembered(resources: Resources) -> None:
    spelling = Spelling(Resources(EMPTY, "de", "en", "en-GB"))
    names = NamePreservation(resources)
    blob = "Qx" + "ab" * 3000
    assert run(spelling, f"The {blob.lower()} and {blob}-colour were sent.") == []
    # Long and known to no word list: a compound, not a name (so nothing is missing).
    assert run(names, "It came from Bonn.", f"Es kam von {blob} aus Bonn.") == []
    for check in (spelling, names):
        memories = [m for m in vars(check).values() if isinstance(m, WordMemo | WordSet)]
        assert memories
        for memory in memories:
            assert not any(key in memory for key in (blob, blob.lower(), f"{blob}-colour"))
    assert "sent" in spelling._verdicts  # short words are remembered as usual

"""One failing and one passing news sentence per rule, plus the rules' documented edge cases."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from audit.align import align_article
from audit.checks import ALL_RULES
from audit.engine import Auditor
from audit.glossary import Glossary, default_glossary_paths, load_glossaries
from audit.model import Document, Finding, Segment
from audit.selection import RuleSelection
from tests import test_mechanics

RULES = {meta.code: meta for meta in ALL_RULES}


@dataclass(frozen=True)
class Case:
    """A target sentence (optionally with its German source and earlier sentences).

    For a failing case ``span`` is the text the first finding must cover and ``suggestion`` its
    first suggestion (``None``: the rule offers none).
    """

    target: str
    source: str | None = None
    before: tuple[str, ...] = ()
    same_paragraph: bool = True
    span: str | None = None
    suggestion: str | None = None
    # Sentences of a German source article (one paragraph) to align ``before`` + ``target`` with.
    source_article: tuple[str, ...] = ()
    reference: str | None = None


_FOMIN_DE = (
    "Fomin erinnerte an die Forderungen Russlands an die NATO nach Sicherheitsgarantien und "
    "einem Ende der Osterweiterung."
)
_FOMIN_EN = (
    "Fomin recalled Russia’s demands on NATO for security guarantees and an end to eastward "
    "expansion."
)


def fails(
    target: str,
    span: str,
    suggestion: str | None = None,
    *,
    source: str | None = None,
    before: tuple[str, ...] = (),
    same_paragraph: bool = True,
    source_article: tuple[str, ...] = (),
    reference: str | None = None,
) -> Case:
    return Case(
        target,
        source,
        before,
        same_paragraph,
        span=span,
        suggestion=suggestion,
        source_article=source_article,
        reference=reference,
    )


EXAMPLES: dict[str, tuple[Case, Case]] = {
    "SEG001": (
        fails("", "", source="Keine Entspannung in Sicht"),
        Case("No easing of tensions in sight", source="Keine Entspannung in Sicht"),
    ),
    "LEN001": (
        fails(
            "Russia has been increasing its troops.",
            "Russia has been increasing its troops.",
            source="Russland verstärkt seit Monaten seine Truppen an der ukrainischen Grenze, "
            "und der Kreml verschärft seine Drohungen gegenüber dem Westen.",
        ),
        Case(
            "Russia has been reinforcing its troops on the Ukrainian border for months, and the "
            "Kremlin is stepping up its threats against the West.",
            source="Russland verstärkt seit Monaten seine Truppen an der ukrainischen Grenze, "
            "und der Kreml verschärft seine Drohungen gegenüber dem Westen.",
        ),
    ),
    "LEN002": (
        fails(
            "A date has not been set yet, and the spokesman refused to say when the ministers "
            "would meet or who would attend the talks.",
            "A date has not been set yet, and the spokesman refused to say when the ministers "
            "would meet or who would attend the talks.",
            source="Ein Termin steht noch nicht fest.",
        ),
        Case("A date has not yet been set.", source="Ein Termin steht noch nicht fest."),
    ),
    "ALIGN001": (
        fails(
            _FOMIN_EN,
            _FOMIN_EN,
            source_article=(
                _FOMIN_DE,
                "Erneut warnte er vor einer möglichen NATO-Mitgliedschaft der Ukraine.",
            ),
        ),
        Case(_FOMIN_EN, source_article=(_FOMIN_DE,)),
    ),
    "ALIGN002": (
        fails(
            "The ministry did not respond to requests for comment.",
            "The ministry did not respond to requests for comment.",
            before=(_FOMIN_EN,),
            source_article=(_FOMIN_DE,),
        ),
        Case(
            "He again warned of Ukraine’s possible membership of NATO.",
            before=(_FOMIN_EN,),
            source_article=(
                _FOMIN_DE,
                "Erneut warnte er vor einer möglichen NATO-Mitgliedschaft der Ukraine.",
            ),
        ),
    ),
    "NUM001": (
        fails(
            "In 2020 alone, the number of flights rose from 436 to 701.",
            "701",
            "710",
            source="Allein 2020 sei die Zahl der Flüge von 436 auf 710 gestiegen.",
        ),
        Case(
            "In 2020 alone, the number of flights rose from 436 to 710.",
            source="Allein 2020 sei die Zahl der Flüge von 436 auf 710 gestiegen.",
        ),
    ),
    "NUM002": (
        fails(
            "Every year NATO holds 30 major maneuvers with 5,000 troops.",
            "5,000",
            source="Jedes Jahr halte die NATO 30 große Manöver ab.",
        ),
        Case(
            "Every year NATO holds 30 major maneuvers.",
            source="Jedes Jahr halte die NATO 30 große Manöver ab.",
        ),
    ),
    "MIS001": (
        fails(
            "The Kremlin expects a dialogue with NATO after the Russian New Year break.",
            "The Kremlin expects a dialogue with NATO after the Russian New Year break.",
            source="Der Wetterdienst warnt vor Glatteis auf den Straßen im Süden des Landes.",
        ),
        Case(
            "The weather service is warning of black ice on roads in the south of the country.",
            source="Der Wetterdienst warnt vor Glatteis auf den Straßen im Süden des Landes.",
        ),
    ),
    "ENT001": (
        fails(
            "The foreign minister met Blinken in Geneva on Friday.",
            "The foreign minister met Blinken in Geneva on Friday.",
            source="Sergej Lawrow traf Blinken am Freitag in Genf.",
        ),
        Case(
            "Sergei Lavrov met Blinken in Geneva on Friday.",
            source="Sergej Lawrow traf Blinken am Freitag in Genf.",
        ),
    ),
    "ENT002": (
        fails(
            "Chancellor Scholz met the president in Paris on Tuesday.",
            "Chancellor Scholz met the president in Paris on Tuesday.",
            source="Kanzler Scholz traf Macron am Dienstag in Paris.",
        ),
        Case(
            "Chancellor Scholz met Macron in Paris on Tuesday.",
            source="Kanzler Scholz traf Macron am Dienstag in Paris.",
        ),
    ),
    "ENT003": (
        fails(
            "Chancellor Scholz met Biden in Paris on Tuesday.",
            "Biden",
            "Macron",
            source="Kanzler Scholz traf Macron am Dienstag in Paris.",
        ),
        Case(
            "Chancellor Scholz met Macron in Paris on Tuesday.",
            source="Kanzler Scholz traf Macron am Dienstag in Paris.",
        ),
    ),
    "SPELL001": (
        fails(
            "The ministry did not recieve the letter until Monday.",
            "recieve",
            "receive",
        ),
        Case("The ministry did not receive the letter until Monday."),
    ),
    "SPELL002": (
        fails(
            "The party changed the colour of its logo before the vote.",
            "colour",
            "color",
        ),
        Case("The party changed the color of its logo before the vote."),
    ),
    "REF001": (
        fails(
            "No relaxation in sight for the alliance",
            "No relaxation in sight for the alliance",
            reference="Tensions show no sign of easing",
        ),
        Case(
            "No easing of tensions in sight",
            reference="No easing of tensions in sight",
        ),
    ),
    "CONS001": (
        fails(
            "The cease-fire held until dawn.",
            "cease-fire",
            "ceasefire",
            before=("The ceasefire began at midnight.",),
        ),
        Case("The ceasefire held until dawn.", before=("The ceasefire began at midnight.",)),
    ),
    "CONS002": (
        fails(
            "Kosak later denied the report.",
            "Kosak",
            "Kozak",
            before=("Kremlin envoy Dmitry Kozak met Plötner.", "Kozak said little."),
        ),
        Case(
            "Kozak later denied the report.",
            before=("Kremlin envoy Dmitry Kozak met Plötner.", "Kozak said little."),
        ),
    ),
    "TERM001": (
        fails(
            "The Alliance’s General Secretary, Jens Stoltenberg, has now proposed January 12 "
            "as the date.",
            "General Secretary",
            "Secretary General",
        ),
        Case("NATO Secretary General Jens Stoltenberg has now proposed January 12 as the date."),
    ),
    "TERM002": (
        fails(
            "The country’s highest court struck down the law on Tuesday.",
            "The country’s highest court struck down the law on Tuesday.",
            "Federal Constitutional Court",
            source="Das Bundesverfassungsgericht hat das Gesetz am Dienstag gekippt.",
        ),
        Case(
            "The Federal Constitutional Court struck down the law on Tuesday.",
            source="Das Bundesverfassungsgericht hat das Gesetz am Dienstag gekippt.",
        ),
    ),
    "NAME001": (
        fails(
            "Foreign Minister Sergej Lawrow met his US counterpart in Geneva on Friday.",
            "Sergej",
            "Sergei",
        ),
        Case("Foreign Minister Sergei Lavrov met his US counterpart in Geneva on Friday."),
    ),
    "NAME002": (
        fails(
            "NATO Secretary General Jens Stoltenburg arrived in Brussels on Monday.",
            "Stoltenburg",
            "Stoltenberg",
        ),
        Case("NATO Secretary General Jens Stoltenberg arrived in Brussels on Monday."),
    ),
    "NAME003": (
        fails(
            "Kremlin foreign policy aide Yuri Uschakow said the talks had been constructive.",
            "Uschakow",
            "Ushakov",
        ),
        Case("Kremlin foreign policy aide Yuri Ushakov said the talks had been constructive."),
    ),
    "FF001": (
        fails(
            "Accordingly, the talks will resume on Monday.",
            "Accordingly",
            "according to",
        ),
        Case("As a result, the talks will resume on Monday."),
    ),
    "FF003": (
        fails(
            "The actual figures show a sharp rise in military flights near the border.",
            "actual",
            "current",
        ),
        Case("The current figures show a sharp rise in military flights near the border."),
    ),
    "FF002": (
        fails(
            "The actual figures show a sharp rise in military flights near the border.",
            "actual",
            "current",
            source="Die aktuellen Zahlen zeigen einen starken Anstieg der Militärflüge an der "
            "Grenze.",
        ),
        Case(
            "The actual figures show a sharp rise in military flights near the border.",
            source="Die tatsächlichen Zahlen zeigen einen starken Anstieg der Militärflüge an "
            "der Grenze.",
        ),
    ),
    "LOC001": (
        fails("Inflation in the euro zone rose to 3,5 percent in December.", "3,5", "3.5"),
        Case("Inflation in the euro zone rose to 3.5 percent in December."),
    ),
    "LOC002": (
        fails(
            "In Eastern Europe alone, 13.000 soldiers from NATO countries are stationed.",
            "13.000",
            "13,000",
        ),
        Case("In Eastern Europe alone, 13,000 soldiers from NATO countries are stationed."),
    ),
    "LOC003": (
        fails(
            "Moscow warned of an „armed confrontation“ with the alliance.",
            "„armed confrontation“",
            "“armed confrontation”",
        ),
        Case("Moscow warned of an “armed confrontation” with the alliance."),
    ),
    "LOC004": (
        fails(
            "The Russian New Year break ends on 9. January, the Kremlin said.",
            "9. January",
            "January 9",
        ),
        Case("The Russian New Year break ends on January 9, the Kremlin said."),
    ),
    "LOC005": (
        fails(
            "The government approved an aid package worth 5 Mio. euros on Wednesday.",
            "Mio.",
            "million",
        ),
        Case("The government approved an aid package worth 5 million euros on Wednesday."),
    ),
    "ART001": (
        fails("source site-34", "source site-34"),
        Case("Sources in Moscow said the talks would continue next week."),
    ),
    "ART002": (
        fails(".", "."),
        Case("A date has not been set."),
    ),
    "ART003": (
        fails(
            "Fomin accused the alliance of a massive increase in military activities.",
            "Fomin accused the alliance of a massive increase in military activities.",
            before=("Fomin accused the alliance of a massive increase in military activities.",),
            same_paragraph=False,
        ),
        Case(
            "Fomin recalled Russia’s demands on NATO for security guarantees.",
            before=("Fomin accused the alliance of a massive increase in military activities.",),
            same_paragraph=False,
        ),
    ),
    "UNTR001": (
        fails(
            "Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen.",
            "Die Bundesregierung hat am Dienstag neue Sanktionen gegen Russland beschlossen.",
        ),
        Case("The German government adopted new sanctions against Russia on Tuesday."),
    ),
    "UNTR002": (
        fails(
            "The Bundesverfassungsgericht ruled on Tuesday that the law was void.",
            "Bundesverfassungsgericht",
            "Federal Constitutional Court",
        ),
        Case("The Federal Constitutional Court ruled on Tuesday that the law was void."),
    ),
}


# Rules that only run for a chosen regional variant of English.
VARIANTS = {"SPELL002": "en-US"}


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(default_glossary_paths("de", "en"))


@pytest.fixture(scope="module")
def auditor_for(glossary: Glossary) -> Callable[[str], Auditor]:
    built: dict[str, Auditor] = {}

    def get(reference: str) -> Auditor:
        if reference not in built:
            built[reference] = Auditor.build(
                glossary,
                "de",
                "en",
                RuleSelection(select=(reference,)),
                VARIANTS.get(reference),
            )
        return built[reference]

    return get


def document(case: Case) -> Document:
    segments = [Segment(id=str(i), text=t, paragraph=0) for i, t in enumerate(case.before, start=1)]
    segments.append(
        Segment(
            id=str(len(segments) + 1),
            text=case.target,
            paragraph=0 if case.same_paragraph else 1,
            source=case.source,
            reference=case.reference,
        )
    )
    if case.source_article:
        german = [Segment(id=f"s{i}", text=t) for i, t in enumerate(case.source_article, 1)]
        aligned = align_article(segments, german)
        return Document(
            "case.txt",
            tuple(aligned.targets),
            has_source=True,
            source_segments=tuple(german),
            unaligned_source=tuple(s.id for s in aligned.unaligned_source),
            unaligned_target=tuple(s.id for s in aligned.unaligned_target),
        )
    return Document("case.txt", tuple(segments), has_source=case.source is not None)


def audit(auditor: Auditor, case: Case) -> list[Finding]:
    doc = document(case)
    target_id = doc.segments[-1].id
    return [f for f in auditor.audit(doc).findings if f.segment == target_id]


def audit_text(
    auditor: Auditor, target: str, source: str | None = None, before: Sequence[str] = ()
) -> list[Finding]:
    return audit(auditor, Case(target, source=source, before=tuple(before)))


def _covered(module: Any) -> set[str]:
    """Rules with both a failing and a passing case in a family's own test module."""
    return {case[0] for case in module.FAILING} & {case[0] for case in module.PASSING}


def test_every_rule_has_a_failing_and_a_passing_example() -> None:
    elsewhere = _covered(test_mechanics)
    assert not set(EXAMPLES) & elsewhere
    assert set(EXAMPLES) | elsewhere == set(RULES)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_failing_example(code: str, auditor_for: Callable[[str], Auditor]) -> None:
    failing, _ = EXAMPLES[code]
    findings = [f for f in audit(auditor_for(code), failing) if f.rule == code]
    assert findings, f"{code} did not fire on {failing.target!r}"
    first = findings[0]
    assert first.text == failing.span
    assert first.text == failing.target[first.start : first.end]
    assert first.severity is RULES[code].severity
    assert first.name == RULES[code].name
    if failing.suggestion is None:
        assert first.suggestions == ()
    else:
        assert first.suggestions[0] == failing.suggestion
    assert first.message


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_passing_example(code: str, auditor_for: Callable[[str], Auditor]) -> None:
    _, passing = EXAMPLES[code]
    assert [f for f in audit(auditor_for(code), passing) if f.rule == code] == []


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv Mayor Vitali Klitschko called for more air defense systems.",
        "President Vladimir Putin recently threatened consequences.",
        "White House adviser Stephen Miller defended the new policy on Monday.",
        "NATO Secretary General Jens Stoltenberg proposed January 12 as the date.",
        "Chancellor Olaf Scholz’s foreign policy advisor, Jens Plötner, traveled to Moscow.",
    ],
)
def test_transliteration_is_silent_on_names_spelt_alike(
    sentence: str, auditor_for: Callable[[str], Auditor]
) -> None:
    assert audit_text(auditor_for("NAME"), sentence) == []


def test_transliteration_fires_on_names_outside_the_glossary(
    auditor_for: Callable[[str], Auditor],
) -> None:
    findings = audit_text(
        auditor_for("NAME003"),
        "Deputy Foreign Minister Sergej Rjabkow said the talks with Washington had failed.",
    )
    by_text = {f.text: f.suggestions[0] for f in findings}
    assert by_text.get("Rjabkow") == "Ryabkov"


def test_transliteration_suggests_yuri_for_juri(auditor_for: Callable[[str], Auditor]) -> None:
    findings = audit_text(
        auditor_for("NAME003"),
        "Kremlin foreign policy aide Juri Uschakow said the talks had been constructive.",
    )
    by_text = {f.text: f.suggestions[0] for f in findings}
    assert by_text == {"Juri": "Yuri", "Uschakow": "Ushakov"}


def test_glossary_name_flags_each_differing_word(auditor_for: Callable[[str], Auditor]) -> None:
    findings = audit_text(
        auditor_for("NAME001"),
        "Government circles in Berlin said a meeting with Russian Ukraine representative "
        "Dmitri Kosak was planned.",
    )
    assert [(f.text, f.suggestions[0]) for f in findings] == [
        ("Dmitri", "Dmitry"),
        ("Kosak", "Kozak"),
    ]


# --- false friends ------------------------------------------------------------------------

ACCORDINGLY = "Accordingly, among the 105 attendees were representatives from 14 NATO countries."


def test_false_friend_without_source_is_a_warning(auditor_for: Callable[[str], Auditor]) -> None:
    (finding,) = audit_text(auditor_for("FF"), ACCORDINGLY)
    assert (finding.rule, finding.severity.value, finding.text) == (
        "FF001",
        "warning",
        "Accordingly",
    )
    assert finding.suggestions[0] == "according to"


def test_false_friend_with_trigger_in_source_is_an_error(
    auditor_for: Callable[[str], Auditor],
) -> None:
    source = "Demnach waren unter den 105 Teilnehmern Vertreter aus 14 NATO-Staaten."
    (finding,) = audit_text(auditor_for("FF"), ACCORDINGLY, source=source)
    assert (finding.rule, finding.severity.value, finding.text) == ("FF002", "error", "Accordingly")


def test_false_friend_with_source_lacking_the_trigger_is_silent(
    auditor_for: Callable[[str], Auditor],
) -> None:
    source = "Folglich waren unter den 105 Teilnehmern Vertreter aus 14 NATO-Staaten."
    assert audit_text(auditor_for("FF"), ACCORDINGLY, source=source) == []
    assert (
        audit_text(
            auditor_for("FF"),
            "The actual number of victims is higher, the ministry said.",
            source="Die tatsächliche Zahl der Opfer ist höher, teilte das Ministerium mit.",
        )
        == []
    )


def test_false_friend_gap_form_spans_the_whole_collocation(
    auditor_for: Callable[[str], Auditor],
) -> None:
    (finding,) = audit_text(
        auditor_for("FF001"), "And the Kremlin continues to tighten its threats."
    )
    assert finding.text == "tighten its threats"
    assert finding.suggestions[0] == "step up"


@pytest.mark.parametrize(
    ("target", "rule", "text"),
    [
        # everyday words: right far more often than not, so only a note without a source
        ("The swimmer became world champion at the age of 17.", "FF003", "became"),
        ("The project eventually failed.", "FF003", "eventually"),
        # a rarer lookalike stays a warning
        ("The minister called the plan sensible.", "FF001", "sensible"),
        # an everyday word with the words its entry wants near it is evidence enough
        ("The national debt reached 2 billion euros, a fifth of GDP.", "FF001", "billion"),
    ],
)
def test_everyday_false_friends_are_notes_unless_the_context_says_more(
    auditor_for: Callable[[str], Auditor], target: str, rule: str, text: str
) -> None:
    found = [(f.rule, f.text) for f in audit_text(auditor_for("FF"), target)]
    assert found == [(rule, text)]
    german = "Der Schwimmer bekam mit 17 Jahren eine Medaille."
    if rule == "FF003" and text == "became":
        # With the German trigger in the source it is an error all the same.
        confirmed = audit_text(auditor_for("FF"), target, source=german)
        assert [(f.rule, f.text) for f in confirmed] == [("FF002", "became")]


def test_a_glossary_place_that_is_also_a_common_noun_is_present_as_its_translation(
    auditor_for: Callable[[str], Auditor],
) -> None:
    # "Posen" is Poznan, and the plural of "Pose": rendered "postures", nothing is missing.
    source = "Die Energie wird durch Yoga-Posen und Atemübungen erweckt."
    target = "The energy is awakened through yoga postures and breathing exercises."
    assert audit_text(auditor_for("ENT001"), target, source=source) == []
    moved = audit_text(
        auditor_for("ENT001"), "The train goes to Warsaw.", source="Der Zug fährt nach Posen."
    )
    assert [(f.rule, f.suggestions[0]) for f in moved] == [("ENT001", "Poznan")]


# --- terminology --------------------------------------------------------------------------


def test_general_secretary_near_nato_is_wrong(auditor_for: Callable[[str], Auditor]) -> None:
    (finding,) = audit_text(
        auditor_for("TERM001"), "NATO General Secretary Jens Stoltenberg arrived in Brussels."
    )
    assert (finding.text, finding.suggestions[0]) == ("General Secretary", "Secretary General")


def test_general_secretary_of_a_party_is_right(auditor_for: Callable[[str], Auditor]) -> None:
    assert (
        audit_text(
            auditor_for("TERM"),
            "Xi Jinping was confirmed as General Secretary of the Communist Party on Sunday.",
        )
        == []
    )


def test_context_looks_at_the_previous_sentence_of_the_same_paragraph(
    auditor_for: Callable[[str], Auditor],
) -> None:
    before = "NATO defense ministers will meet in Brussels on January 12."
    target = "The General Secretary has proposed talks with Russia."
    near = audit(auditor_for("TERM001"), Case(target, before=(before,)))
    assert [f.text for f in near] == ["General Secretary"]
    apart = audit(auditor_for("TERM001"), Case(target, before=(before,), same_paragraph=False))
    assert apart == []


def test_wrong_term_needs_the_german_term_when_a_source_is_given(
    auditor_for: Callable[[str], Auditor],
) -> None:
    target = "NATO General Secretary Jens Stoltenberg arrived in Brussels."
    with_term = "NATO-Generalsekretär Jens Stoltenberg traf in Brüssel ein."
    without = "Der NATO-Chef Jens Stoltenberg traf in Brüssel ein."
    assert [f.rule for f in audit_text(auditor_for("TERM001"), target, source=with_term)] == [
        "TERM001"
    ]
    assert audit_text(auditor_for("TERM001"), target, source=without) == []


def test_missing_term_needs_a_source(auditor_for: Callable[[str], Auditor]) -> None:
    failing, _ = EXAMPLES["TERM002"]
    assert audit_text(auditor_for("TERM002"), failing.target) == []


# --- untranslated -------------------------------------------------------------------------


def test_untranslated_fragment_in_english_sentence(auditor_for: Callable[[str], Auditor]) -> None:
    (finding,) = audit_text(
        auditor_for("UNTR"), "The Bundesregierung said on Tuesday that talks would continue."
    )
    assert (finding.rule, finding.text) == ("UNTR002", "Bundesregierung")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Bundestag approved the defense budget on Thursday.",
        "Critics called the deal a piece of Realpolitik.",
        "The Kremlin and the Ministry of Foreign Affairs in Moscow expect a dialogue with NATO.",
    ],
)
def test_loanwords_and_english_are_not_untranslated(
    sentence: str, auditor_for: Callable[[str], Auditor]
) -> None:
    assert audit_text(auditor_for("UNTR"), sentence) == []


def test_untranslated_segment_supersedes_other_findings(
    glossary: Glossary, auditor_for: Callable[[str], Auditor]
) -> None:
    german = "Allein in Osteuropa sind inzwischen 13.000 Soldaten aus NATO-Staaten stationiert."
    everything = Auditor.build(glossary, "de", "en", RuleSelection())
    findings = audit_text(everything, german)
    assert [f.rule for f in findings] == ["UNTR001"]
    assert [f.rule for f in audit_text(auditor_for("LOC"), german)] == ["LOC002"]


def test_target_identical_to_source_is_untranslated(auditor_for: Callable[[str], Auditor]) -> None:
    text = "NATO-Russland-Rat soll wiederbelebt werden"
    (finding,) = audit_text(auditor_for("UNTR001"), text, source=text)
    assert "identical to the source" in finding.message


# --- locale and artefacts -----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2020 alone, the number of flights rose from 436 to 710.",
        "In Eastern Europe alone, 13,000 soldiers and 1,000.5 tonnes of supplies arrived.",
        "Version 2.0 of the plan was approved on 12 January.",
        "Turnout was 61.4 percent, up from 3,500 voters in 2018.",
    ],
)
def test_english_numbers_and_dates_are_not_flagged(
    sentence: str, auditor_for: Callable[[str], Auditor]
) -> None:
    assert audit_text(auditor_for("LOC"), sentence) == []


def test_german_number_with_both_separators(auditor_for: Callable[[str], Auditor]) -> None:
    (finding,) = audit_text(auditor_for("LOC"), "The fund holds 1.000,5 million euros.")
    assert (finding.rule, finding.text, finding.suggestions[0]) == ("LOC001", "1.000,5", "1,000.5")


def test_repeated_headline_split_over_two_lines_is_a_duplicate(
    auditor_for: Callable[[str], Auditor],
) -> None:
    doc = Document(
        "a.txt",
        (
            Segment(
                "1", "No relaxation in sight: Moscow warns NATO of armed conflict", paragraph=0
            ),
            Segment("2", "No relaxation in sight", line=3, paragraph=1),
            Segment("3", "Moscow warns NATO of armed conflict", line=4, paragraph=1),
            Segment(
                "4", "Russia has been increasing its troops on the border.", line=6, paragraph=2
            ),
        ),
    )
    findings = auditor_for("ART003").audit(doc).findings
    assert [(f.segment, f.text) for f in findings] == [
        ("2", "No relaxation in sight"),
        ("3", "Moscow warns NATO of armed conflict"),
    ]
    assert findings[0].evidence["first_segment"] == "1"


def test_short_repeated_sentences_are_not_duplicates(auditor_for: Callable[[str], Auditor]) -> None:
    doc = Document(
        "a.txt",
        (
            Segment("1", "He declined to comment. The talks went on.", paragraph=0),
            Segment("2", "Officials met again on Monday. He declined.", paragraph=1),
            Segment("3", "No comment.", paragraph=2),
            Segment("4", "No comment.", paragraph=3),
        ),
    )
    findings = auditor_for("ART003").audit(doc).findings
    assert [f.segment for f in findings] == ["4"]  # a whole repeated paragraph, however short


def test_duplicate_paragraph_with_a_blank_segment_has_valid_spans(
    auditor_for: Callable[[str], Auditor],
) -> None:
    doc = Document(
        "a.txt",
        (
            Segment("1", "Moscow warns NATO of armed conflict", paragraph=0),
            Segment("2", "Moscow warns NATO of armed conflict", paragraph=1),
            Segment("3", "\t", paragraph=1),
        ),
    )
    findings = auditor_for("ART003").audit(doc).findings
    assert [f.segment for f in findings] == ["2"]
    assert all(f.start <= f.end for f in findings)


@pytest.mark.parametrize(
    "text",
    ["Elite League: Dundee Stars 5-3 Belfast Giants", "Il faut bien le faire."],
)
def test_a_copy_of_names_scores_or_a_third_language_is_not_untranslated(
    auditor_for: Callable[[str], Auditor], text: str
) -> None:
    auditor = auditor_for("UNTR001")
    assert not [f for f in audit(auditor, Case(text, source=text)) if f.rule == "UNTR001"]
    german = "Keine Entspannung in Sicht"
    assert [f.rule for f in audit(auditor, Case(german, source=german))] == ["UNTR001"]


def test_a_common_word_shared_by_false_friend_calques_is_no_false_friend_alone(
    auditor_for: Callable[[str], Auditor],
) -> None:
    auditor = auditor_for("FF002")
    source = "Das Urteil kam sechs Monate nach dem Plädoyer, nach Ansicht von Experten."
    fine = "The ruling came six months after the closing arguments, in the view of experts."
    assert [f.rule for f in audit(auditor, Case(fine, source=source))] == []
    calque = "The ruling came quickly, after their opinion."
    assert [f.text for f in audit(auditor, Case(calque, source=source))] == ["after their opinion"]


def test_a_german_word_inside_a_hyphenated_english_word_is_untranslated(
    auditor_for: Callable[[str], Auditor],
) -> None:
    auditor = auditor_for("UNTR002")
    source = "Die Mannschaft zog ins Halbfinale ein, sagte der Trainer in Rheinland-Pfalz."
    target = "The team swept into the cup semi-Mannschaft, the coach said in Rheinland-Pfalz."
    found = audit(auditor, Case(target, source=source))
    assert [(f.rule, f.text) for f in found] == [("UNTR002", "Mannschaft")]
    fine = "The team swept into the semi-final, the well-known coach said in Rheinland-Pfalz."
    assert audit(auditor, Case(fine, source=source)) == []

"""Mechanical checks: punctuation, casing, typography and verbatim markup (PUNC, CASE, TYPO, MARK)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from audit.checks.base import Resources, SegmentContext
from audit.checks.casing import Casing
from audit.checks.markup import Markup
from audit.checks.punctuation import Punctuation
from audit.checks.typography import Typography
from audit.glossary import Glossary
from audit.model import Finding, Segment, Severity

RESOURCES = Resources(Glossary(entries=(), digests=()), "de", "en")
CHECKS = (Punctuation(RESOURCES), Casing(RESOURCES), Typography(RESOURCES), Markup(RESOURCES))


def audit(
    target: str,
    source: str | None = None,
    *,
    ignored: tuple[tuple[int, int], ...] = (),
    previous: Segment | None = None,
    source_ids: tuple[str, ...] = (),
) -> list[Finding]:
    segment = Segment(id="2", text=target, source=source, ignored=ignored, source_ids=source_ids)
    context = SegmentContext(previous, source is not None)
    found = [f for check in CHECKS for f in check.check(segment, context)]
    for f in found:
        assert f.end > f.start
        assert f.text == target[f.start : f.end]
    return found


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def first(findings: list[Finding], rule: str) -> Finding:
    return next(f for f in findings if f.rule == rule)


# (rule, target, source, span, first suggestion or None for none)
FAILING = [
    # PUNC001: a question turned into a statement, and the reverse without an indirect question
    ("PUNC001", "Who pays the bill.", "Wer zahlt die Rechnung?", "bill.", "bill?"),
    ("PUNC001", "Is he coming?", "Er kommt.", "coming?", "coming."),
    (
        "PUNC001",
        "The minister said on Monday that the talks with the unions had failed once again",
        "Der Minister sagte am Montag, die Gespräche mit den Gewerkschaften seien erneut "
        "gescheitert.",
        "again",
        "again.",
    ),
    (
        "PUNC001",
        "The minister said on Monday that the talks with the unions had “failed once more”",
        "Der Minister sagte am Montag, die Gespräche mit den Gewerkschaften seien „erneut "
        "gescheitert.“",
        "more”",
        "more.”",
    ),
    ("PUNC004", "The volcano is active again", "Der Vulkan ist wieder aktiv.", "again", "again."),
    ("PUNC004", "He went (to town)", "Er ging (in die Stadt).", "town)", "town)."),
    ("PUNC004", "He said so[3]", "Er sagte das.", "so[3]", "so.[3]"),
    # PUNC002: brackets and quotation marks that do not pair up
    (
        "PUNC002",
        "The company (founded in 1998 said it would close the plant.",
        "Das Unternehmen (gegründet 1998) sagte, es werde das Werk schließen.",
        "(",
        None,
    ),
    ("PUNC002", 'He asked about the Lakers" schedule.', "Er fragte nach dem Zeitplan.", '"', None),
    ("PUNC002", "He called it “super and left", "Er nannte es „super“ und ging", "“", None),
    ("PUNC002", "He called it ‘super and left", "Er nannte es ‚super‘ und ging", "‘", None),
    # PUNC003: a source parenthesis run into the preceding name
    (
        "PUNC003",
        "The Alternative for Germany AfD said no.",
        "Die Alternative für Deutschland (AfD) sagte nein.",
        "AfD",
        "(AfD)",
    ),
    # CASE001 and CASE002
    (
        "CASE001",
        "the minister resigned on Monday.",
        "Der Minister trat am Montag zurück.",
        "the",
        "The",
    ),
    ("CASE001", "“we will go,” he told Reuters.", "„Wir gehen“, sagte er Reuters.", "we", "We"),
    (
        "CASE002",
        "the minister resigned in berlin today.",
        "Der Minister trat heute in Berlin zurück.",
        "the minister resigned in berlin today.",
        "The minister resigned in berlin today.",
    ),
    (
        "CASE002",
        "THE MINISTER RESIGNED IN BERLIN",
        "Der Minister trat in Berlin zurück",
        "THE MINISTER RESIGNED IN BERLIN",
        None,
    ),
    # TYPO001
    (
        "TYPO001",
        "He said that the the talks failed.",
        "Er sagte, die Gespräche seien gescheitert.",
        "the the",
        "the",
    ),
    ("TYPO001", "In in the end it failed.", None, "In in", "In"),
    ("TYPO001", "A a former policeman was held.", None, "A a", "A"),
    (
        "TYPO001",
        "They met in Berlin Berlin on Monday.",
        "Sie trafen sich in Berlin.",
        "Berlin Berlin",
        "Berlin",
    ),
    # TYPO002
    ("TYPO002", "The talks , he said, failed.", None, " ,", ","),
    ("TYPO002", "The talks failed .", None, " .", "."),
    ("TYPO002", "Was it over ?", None, " ?", "?"),
    ("TYPO002", "The vote ( a first ) passed.", None, "( ", "("),
    ("TYPO002", "He do n't know.", None, " n't", "n't"),
    ("TYPO002", "He don ' t know.", None, " ' ", "'"),
    ("TYPO002", "It' s over.", None, "' ", "'"),
    # TYPO003
    ("TYPO003", "The  talks failed.", None, "  ", " "),
    # MARK001
    (
        "MARK001",
        "More at www.bund.com/help.",
        "Mehr unter www.bund.de/hilfe.",
        "www.bund.com/help",
        "www.bund.de/hilfe",
    ),
    (
        "MARK001",
        "More on the website.",
        "Mehr unter https://www.bund.de/hilfe.",
        "More on the website.",
        None,
    ),
    (
        "MARK001",
        "Write to info@bund.com.",
        "Schreiben Sie an info@bund.de.",
        "info@bund.com",
        "info@bund.de",
    ),
    ("MARK001", "Follow #climate now.", "Folgen Sie #Klima.", "#climate", "#Klima"),
    ("MARK001", "Ask @bund today.", "Fragen Sie heute.", "@bund", None),
    # MARK002
    ("MARK002", "Deleted files", "%d Dateien gelöscht", "Deleted files", None),
    ("MARK002", "{1} files deleted", "{0} Dateien gelöscht", "{1}", "{0}"),
    ("MARK002", "%(count)d files for %s", "%(n)d Dateien für %s", "%(count)d", "%(n)d"),
    (
        "MARK002",
        'Click <g id="1">here now.',
        'Klicken Sie <g id="1">hier</g> jetzt.',
        'Click <g id="1">here now.',
        None,
    ),
    ("MARK002", 'Done<x id="3"/>.', "Fertig.", '<x id="3"/>', None),
    ("CASE003", "ALL OF THIS IS UPPER CASE HERE", None, "ALL OF THIS IS UPPER CASE HERE", None),
]


@pytest.mark.parametrize(("rule", "target", "source", "span", "suggestion"), FAILING)
def test_failing(
    rule: str, target: str, source: str | None, span: str, suggestion: str | None
) -> None:
    found = first(audit(target, source), rule)
    assert found.text == span
    if suggestion is None:
        assert found.suggestions == ()
    else:
        assert found.suggestions[0] == suggestion


# (rule that must stay silent, target, source)
PASSING = [
    ("CASE003", "ALL OF THIS IS UPPER", None),
    ("CASE003", "NATO AND THE EU MET IN BRUSSELS", "NATO UND EU TRAFEN SICH IN BRÜSSEL"),
    ("PUNC001", "Who pays the bill?", "Wer zahlt die Rechnung?"),
    ("PUNC001", "He waited...", "Er wartete…"),
    ("PUNC001", "He said the following.", "Er sagte Folgendes:"),
    ("PUNC001", "He said the following", "Er sagte Folgendes:"),
    ("PUNC001", "Stop it.", "Hör auf!"),
    ("PUNC001", "I wonder whether he will come?", "Ich frage mich, ob er kommt."),
    ("PUNC001", "Volcano spews ash on Mexico City", "Vulkan speit Asche auf Mexiko-Stadt"),
    ("PUNC001", "It ends in “quotes.”", "Es endet in „Anführungszeichen.“"),
    ("PUNC001", "He said so.[3]", "Er sagte das."),
    ("PUNC004", "Visit https://example.com/x.", "Besuchen Sie https://example.com/x."),
    # PUNC002: the source has the same imbalance; a quotation running over several sentences
    ("PUNC002", "The company (founded in 1998 said so.", "Das Unternehmen (gegründet 1998 sagte."),
    ("PUNC002", '"We are happy.', "„Wir sind froh."),
    ("PUNC002", '"We are happy.', "Wir sind froh."),
    ("PUNC002", 'We will go," he said.', "Wir gehen, sagte er."),
    ("PUNC002", "“We are happy. We will go.", "Wir sind froh."),
    ("PUNC002", "He called it „super“ and left.", "Er nannte es „super“ und ging."),
    ("PUNC002", 'A 12" screen was sold.', "Ein 12-Zoll-Bildschirm wurde verkauft."),
    ("PUNC002", "Choose a) apples or b) pears, or smile :) now.", "Wähle a) Äpfel oder b) Birnen."),
    ("PUNC002", "The students’ books are old.", "Die Bücher der Schüler sind alt."),
    ("PUNC002", "Saturday (September 29) was sunny.", "Samstag (29. September) war sonnig."),
    ("PUNC003", "Cuomo, 53, began his term.", "Cuomo (53) begann seine Amtszeit."),
    ("PUNC003", "A player at LSU was shot.", "Ein Spieler der Louisiana State University (LSU)."),
    ("CASE001", "iPhone sales rose sharply.", "Die iPhone-Verkäufe stiegen stark."),
    ("CASE001", "de Maizière said so.", "De Maizière sagte das."),
    ("CASE001", "5 people died in the fire.", "Fünf Menschen starben bei dem Brand."),
    ("CASE001", "... and then he left.", "… und dann ging er."),
    ("CASE001", "a) apples and pears for all", "a) Äpfel und Birnen für alle"),
    ("CASE001", "the end", "Das Ende"),
    ("CASE002", "5 people died in the fire.", "Fünf Menschen starben bei dem Brand."),
    ("CASE002", "THE MINISTER RESIGNED IN BERLIN", "DER MINISTER TRAT IN BERLIN ZURÜCK"),
    ("CASE002", "NATO, EU AND UN", "NATO, EU und UN"),
    ("TYPO001", "He had had enough.", None),
    ("TYPO001", "He said that that was it.", None),
    ("TYPO001", "The score was 10 10 at half time.", None),
    ("TYPO001", "Deputy Inspector General D D K Arya spoke.", None),
    ("TYPO001", "The Roa Roa Hotel collapsed.", "Das Roa-Roa-Hotel stürzte ein."),
    ("TYPO001", "the well-well known", None),
    ("TYPO002", "And so on ... and so forth. And . . . more.", None),
    ("TYPO002", "It rose by .5 percent - a record at example .com", None),
    ("TYPO002", "The ratio was 3 : 1 today, smile :) or ;-)", None),
    ("TYPO002", "Tick the box [ ] now.", None),
    ("TYPO002", "They called to 're-elect' him and rock 'n' roll.", None),
    ("TYPO003", "The talks failed.  Then they left.", None),
    ("TYPO003", "The talks failed. Then they left.", None),
    ("MARK001", "More at www.bund.de/hilfe.", "Mehr unter www.bund.de/hilfe"),
    ("MARK001", "Mail INFO@bund.de or #metoo @Bund.", "Mail info@bund.de oder #MeToo @bund."),
    ("MARK001", "He was #1 in C# at 5 @ noon.", "Er war die Nr. 1 in C#."),
    (
        "MARK002",
        "A 50% rise, see http://x.de/a%20b",
        "Ein Anstieg um 50 %, siehe http://x.de/a%20b",
    ),
    ("MARK002", "%(name)s has %1$s and 100%% of %s", "%(name)s hat %1$s und 100%% von %s"),
    (
        "MARK002",
        'Click <g id="1">here</g> now<x id="2"/>.',
        'Klicken Sie <g id="1">hier</g> jetzt<x id="2" />.',
    ),
    (
        "MARK002",
        "{count, plural, one {# file} other {# files}}",
        "{count, plural, one {# Datei} other {# Dateien}}",
    ),
    ("MARK002", "The 5%-share and a <b and c> d.", "Der 5%-Anteil."),
]


@pytest.mark.parametrize(("rule", "target", "source"), PASSING)
def test_passing(rule: str, target: str, source: str | None) -> None:
    assert rule not in rules(audit(target, source))


def test_severities_and_categories() -> None:
    metas = {m.code: m for check in CHECKS for m in check.rules}
    assert metas["PUNC001"].severity is Severity.WARNING
    assert metas["PUNC004"].severity is Severity.INFO
    assert metas["TYPO003"].severity is Severity.INFO
    assert metas["MARK001"].severity is Severity.ERROR
    assert metas["MARK002"].category == "design-and-markup/markup"
    assert all(m.summary and m.explanation for m in metas.values())


def test_source_rules_need_a_source() -> None:
    for target in ("Who pays the bill.", "the minister resigned on Monday.", "Deleted files"):
        assert not rules(audit(target)) & {
            "PUNC001",
            "PUNC003",
            "PUNC004",
            "CASE001",
            "MARK001",
            "MARK002",
        }


def test_without_source_lower_case_needs_six_words() -> None:
    assert "CASE002" in rules(audit("all of this is lower case here"))
    assert "CASE002" not in rules(audit("all of this is lower"))
    assert "CASE002" in rules(audit("all of this is lower", "Alles klein hier jetzt so."))


def test_without_source_capitals_are_only_info() -> None:
    found = audit("ALL OF THIS IS UPPER CASE HERE")
    assert rules(found) == {"CASE003"}
    assert audit("ALL OF THIS IS UPPER") == []


def test_whole_lower_case_is_one_finding_not_two() -> None:
    found = audit("the minister resigned today.", "Der Minister trat heute zurück.")
    assert rules(found) == {"CASE002"}


def test_without_source_brackets_are_checked_and_open_quotations_are_not() -> None:
    assert "PUNC002" in rules(audit("The plant (built in 1998 will close."))
    assert "PUNC002" not in rules(audit('He said: "We will go.'))
    assert "PUNC002" in rules(audit('The Lakers" schedule is out.'))


def test_split_source_sentence_is_not_an_end_mismatch() -> None:
    previous = Segment(id="1", text="What now?", source="Was nun? Wir gehen.", source_ids=("s1",))
    found = audit("We leave.", "Wer zahlt? Wir gehen?", previous=previous, source_ids=("s1",))
    assert "PUNC001" not in rules(found)
    assert "PUNC001" in rules(audit("We leave.", "Wir gehen?"))


def test_many_to_one_source_with_matching_inner_sentence() -> None:
    assert "PUNC001" not in rules(audit("What now?", "Was nun? Wir gehen."))


def test_markup_hides_nothing_from_spacing_and_repeats() -> None:
    # "the **the** end": the second "the" is wrapped in blanked emphasis marks.
    assert audit("the **the** end", ignored=((4, 6), (9, 11))) == []
    # A Markdown table: cell padding next to blanked pipes is not a double space.
    assert audit("| a   | b |", ignored=((0, 1), (6, 7), (10, 11))) == []
    # A space before a full stop right after a blanked URL is left alone.
    text = "See https://example.com/x ."
    assert "TYPO002" not in rules(audit(text, ignored=((4, 25),)))


def test_placeholders_are_read_from_the_raw_text() -> None:
    target = '<g id="1">Hello</g> {name}'
    source = '<g id="1">Hallo</g>'
    found = audit(target, source, ignored=((0, 10), (15, 19), (20, 26)))
    assert first(found, "MARK002").text == "{name}"


def test_hashtag_suggestion_and_message_name_the_source_token() -> None:
    found = first(audit("Follow #climate now.", "Folgen Sie #Klima."), "MARK001")
    assert "#Klima" in found.message


def test_german_quotes_are_left_to_loc003() -> None:
    assert "PUNC002" not in rules(audit("He called it „super and left", "Er nannte es super"))


# ----------------------------------------------------------------------------------------
# Real clean pairs: German source, professional English target (FLORES-200 and NTREX-128).


def _pairs(shared: Path) -> list[tuple[str, str]]:
    base = shared / "external" / "flores-ntrex-deen"
    files = [
        ("flores200/deu_Latn.devtest", "flores200/eng_Latn.devtest"),
        ("ntrex128/newstest2019-ref.deu.txt", "ntrex128/newstest2019-src.eng.txt"),
    ]
    pairs: list[tuple[str, str]] = []
    for de, en in files:
        german = (base / de).read_text("utf-8").split("\n")
        english = (base / en).read_text("utf-8").split("\n")
        pairs.extend((s, t) for s, t in zip(german, english) if s.strip() and t.strip())
    return pairs


def _flags(pairs: list[tuple[str, str]], with_source: bool) -> dict[str, set[int]]:
    flagged: dict[str, set[int]] = {}
    previous: Segment | None = None
    for i, (source, target) in enumerate(pairs):
        segment = Segment(id=str(i), text=target, source=source if with_source else None)
        for check in CHECKS:
            for f in check.check(segment, SegmentContext(previous, with_source)):
                if f.severity is not Severity.INFO:
                    flagged.setdefault(f.rule, set()).add(i)
        previous = segment
    return flagged


@pytest.mark.parametrize("with_source", [True, False])
def test_clean_pairs_are_rarely_flagged(shared: Path, with_source: bool) -> None:
    pairs = _pairs(shared)
    assert len(pairs) > 2900
    flagged = _flags(pairs, with_source)
    # Measured at most 0.47% per rule (mostly real slips in the English side: "the the",
    # "Lakers" six-game", a dropped full stop); 0.6% leaves a margin. PUNC001 measures 0.63%:
    # besides real slips, these sets were translated English -> German, and the German
    # translators added full stops to English headlines of 7 words or more; 0.8% for it.
    for rule, segments in flagged.items():
        bound = 0.008 if rule == "PUNC001" else 0.006
        assert len(segments) / len(pairs) <= bound, (rule, sorted(segments)[:20])
    every = set().union(*flagged.values()) if flagged else set()
    assert len(every) / len(pairs) <= 0.015


_RNG_SEED = 7
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?![\w'’-])")
_END = re.compile(r"[.!?…:]+(?=[\"'”’)\]]*\s*$)")


def _repeat(rng: random.Random, text: str) -> str | None:
    words = list(_WORD.finditer(text))
    if not words:
        return None
    word = rng.choice(words)
    return f"{text[: word.end()]} {word.group()}{text[word.end() :]}"


def _tokenise(rng: random.Random, text: str) -> str | None:
    spaced = re.sub(r"(?<=\w)([,.;:!?])(?=\s|$)", r" \1", text)
    return spaced if spaced != text else None


def _lower_all(rng: random.Random, text: str) -> str | None:
    return text.lower() if text.lower() != text else None


def _lower_first(rng: random.Random, text: str) -> str | None:
    letter = next((i for i, ch in enumerate(text) if ch.isalpha()), None)
    if letter is None or not text[letter].isupper():
        return None
    return text[:letter] + text[letter].lower() + text[letter + 1 :]


def _drop_end(rng: random.Random, text: str) -> str | None:
    match = _END.search(text.rstrip())
    return None if match is None else text[: match.start()] + text.rstrip()[match.end() :]


PERTURBATIONS: dict[str, tuple[Callable[[random.Random, str], str | None], set[str]]] = {
    "repeat": (_repeat, {"TYPO001"}),
    "tokenise": (_tokenise, {"TYPO002"}),
    "lower_all": (_lower_all, {"CASE001", "CASE002"}),
    "lower_first": (_lower_first, {"CASE001", "CASE002"}),
    "drop_end": (_drop_end, {"PUNC001", "PUNC004"}),
}


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_perturbed_pairs_are_caught(shared: Path, name: str) -> None:
    perturb, wanted = PERTURBATIONS[name]
    rng = random.Random(_RNG_SEED)
    tried = caught = 0
    for source, target in _pairs(shared):
        changed = perturb(rng, target)
        if changed is None:
            continue
        tried += 1
        segment = Segment(id="1", text=changed, source=source)
        found = {
            f.rule for check in CHECKS for f in check.check(segment, SegmentContext(None, True))
        }
        caught += bool(found & wanted)
    # Measured 97.5% (repeat), 100% (tokenise), 99.4% / 97.6% (lower case), 99.2% (end).
    assert tried > 2700
    assert caught / tried >= 0.95, (name, caught, tried)

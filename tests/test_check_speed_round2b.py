"""Shortcuts in the name, spelling, markup and casing checks must change no finding.

The glossary screens read folded text, or read with case; names are looked for among the
capitalised runs of letters only, and found by substring search; a target's folded tokens are
read only when a name does not stand in it as written; spelling passes over texts made of
chunks known to be harmless and makes a word's one-edit strings in bulk; markup and casing
settle the common case by substring and character tests. Each shortcut is held here against
the plain definition it replaces, on made-up edge cases and on the real shared pairs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.checks import form_screen, memo, name_text, spelling
from audit.checks.base import Resources, SegmentContext
from audit.checks.casing import Casing
from audit.checks.entities import NamePreservation
from audit.checks.form_screen import FormScreen
from audit.checks.markup import Markup
from audit.checks.memo import WordMemo, WordSet
from audit.checks.names import GermanTransliteration, GlossaryNames
from audit.checks.spelling import Spelling
from audit.forms import FormMatcher, fold
from audit.glossary import Glossary, Kind, default_glossary_paths, load_glossaries
from audit.model import Finding, Segment

EMPTY = Glossary(entries=(), digests=())


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossaries(default_glossary_paths("de", "en"))


def _key(f: Finding) -> tuple[object, ...]:
    return (f.rule, f.start, f.end, f.text, f.message, f.suggestions, dict(f.evidence))


def _run(check: object, text: str, source: str | None = None) -> list[tuple[object, ...]]:
    segment = Segment(id="1", text=text, source=source)
    found = check.check(segment, SegmentContext(None, source is not None))  # type: ignore[attr-defined]
    return [_key(f) for f in found]


def _pairs(shared: Path) -> list[tuple[str, str]]:
    folder = shared / "external" / "flores-ntrex-deen" / "flores200"
    german = (folder / "deu_Latn.devtest").read_text(encoding="utf-8").splitlines()
    english = (folder / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    return list(zip(german, english, strict=True))


# --- the folded screen ---------------------------------------------------------------------


def test_folding_keeps_every_case_insensitive_class_together() -> None:
    # The folded screen is exact if fold() gives all characters the engine holds equal
    # regardless of case one character, in place, and keeps word and space characters so.
    sre = pytest.importorskip("_sre")
    casefix = pytest.importorskip("re._casefix")
    codes = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    text = "".join(map(chr, codes))
    folded = fold(text)
    assert len(folded) == len(text)
    word, space = re.compile(r"\w"), re.compile(r"\s")
    changed = [(a, b) for a, b in zip(text, folded, strict=True) if a != b]
    assert all(
        bool(word.match(a)) == bool(word.match(b)) and bool(space.match(a)) == bool(space.match(b))
        for a, b in changed
    )
    by_lower: dict[int, set[str]] = {}
    for code, char in zip(codes, folded, strict=True):
        by_lower.setdefault(sre.unicode_tolower(code), set()).add(char)
    assert all(len(chars) == 1 for chars in by_lower.values())
    subscript = 0x345  # the one exception, which the screen leaves to the matcher
    for code, equals in casefix._EXTRA_CASES.items():
        for other in equals:
            if subscript not in (code, other):
                assert fold(chr(code)) == fold(chr(other))


def test_the_iota_subscript_is_left_to_the_matcher() -> None:
    # U+0345 equals iota regardless of case, but fold keeps it apart: such texts pass.
    screen = FormScreen(["Ἀθῆναι"], re.IGNORECASE)
    assert screen.may_hold("α\u0345")
    assert FormScreen(["x\u0345"], re.IGNORECASE).may_hold("nothing here")
    assert not screen.may_hold("nothing here")


def test_a_screen_read_with_case_passes_exactly_the_texts_a_form_matches() -> None:
    forms = ["Kosak", "Lawrow", "Dmitri Kosak", "Selenskyj*"]
    matcher = FormMatcher([(form, True, form) for form in forms])
    screen = FormScreen(forms, 0)
    for text in ("Kosak met Lavrov.", "KOSAK", "kosak", "Selenskyjs Amt", "Dmitri  Kosak", "x"):
        assert screen.may_hold(text) == any(True for _ in matcher.finditer(text)), text


# --- names of the source ---------------------------------------------------------------------


def _reference_names(
    check: NamePreservation, text: str, source: bool
) -> list[tuple[int, int, str]]:
    """The definition: every token of three letters or more that begins with a capital, is
    not after a sentence break (in a source: unless English uses it at least as often as
    German), and looks like a name."""
    found = []
    for match in name_text.TOKEN.finditer(text):
        word = match.group()
        if len(word) < name_text.MIN_LENGTH or not word[0].isupper():
            continue
        if name_text.after_break(text, match.start(), check._titles) and not (
            source and check._target_lexicon.zipf(word) >= check._source_lexicon.zipf(word)
        ):
            continue
        if check._name_like(word, source):
            found.append((match.start(), match.end(), word))
    return found


NAME_TEXTS = [
    "Kanzler Scholz traf Macron in Paris, dann Macron und Scholz.",
    "Er sah l'Europe und O'Neill, dann a'b'Cdefg.",
    "Die Berliner sprachen in Berlin über Berlin mit xBerlin.",
    "Die Macronisten, xMacron und Macron trafen Scholzens Scholz, dann Macron.",
    "Ωmega traf Łukasz Şahin und Ǆemal in Ἀθῆναι.",
    "Sie sagte: Lawrow kommt. „Selenskyj“ antwortete (Kuleba).",
    "Straße²Berlin und 3Berlin Berlin3 und Berlin_Mitte.",
    "İstanbul und ǅemal und ÄRGER mit Über-Mann.",
    "   Macron   kam.",
    "Macron",
    "",
]


@pytest.mark.parametrize("text", NAME_TEXTS)
@pytest.mark.parametrize("source", [True, False])
def test_names_are_the_capitalised_tokens_that_look_like_names(text: str, source: bool) -> None:
    check = NamePreservation(Resources(EMPTY, "de", "en"))
    expected = _reference_names(check, text, source)
    assert check._names_with_spans(text, source) == expected
    assert check._names_with_spans(text, source) == expected  # with every word remembered


def test_names_of_real_sources_and_targets_follow_the_definition(shared: Path) -> None:
    check = NamePreservation(Resources(EMPTY, "de", "en"))
    pairs = _pairs(shared)[:300]
    for german, english in pairs:
        assert check._names_with_spans(german, True) == _reference_names(check, german, True)
        assert check._names_with_spans(english, False) == _reference_names(check, english, False)


FOLD_TEXTS = [
    "Straße, STRASSE und straße",
    "İstanbul ıstanbul",
    "ΣΊΣΥΦΟΣ σίσυφος",
    "ﬁnal ǅemal Ǆ ǆ",
    "O’Neill's l'Europe",
    "α\u0345 ἈΘΗ͂ΝΑΙ",
    "plain ascii words, and Numbers 42",
    "Müller – “quoted” — €5",
]


@pytest.mark.parametrize("text", FOLD_TEXTS)
def test_folded_words_are_the_folded_tokens(text: str) -> None:
    expected = {w.casefold() for w in name_text.TOKEN.findall(text)}
    assert name_text.folded_words(text) == expected


@pytest.mark.parametrize("text", FOLD_TEXTS + NAME_TEXTS)
def test_a_name_standing_as_written_is_one_of_the_folded_tokens(text: str) -> None:
    tokens = {w.casefold() for w in name_text.TOKEN.findall(text)}
    candidates = set(name_text.TOKEN.findall(text)) | {"Berlin", "Neill", "Europe", "Macron"}
    for name in candidates:
        if name_text.verbatim_token(text, name):
            assert name.casefold() in tokens, name
    assert name_text.verbatim_token("Er traf Macron.", "Macron")
    assert not name_text.verbatim_token("Er traf Macrons Frau.", "Macron")
    assert not name_text.verbatim_token("Merkel's plan", "Merkel")  # the token is Merkel's


def _slipped(words: list[str], rng: random.Random) -> str:
    """The words, some with a name or a capital changed, joined again."""
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.05:
            word = word.upper()
        elif roll < 0.1:
            word = word.lower()
        elif roll < 0.13:
            word = rng.choice(["Biden", "Lawrow", "Kosak", "Moskau", "O'Neill", "Ǆemal"])
        elif roll < 0.15:
            word += rng.choice(["'s", "’s", "s"])
        out.append(word)
    return " ".join(out)


def _changed_pairs(shared: Path, count: int) -> Iterator[tuple[str, str]]:
    rng = random.Random(20240601)
    for german, english in _pairs(shared)[:count]:
        yield german, english
        yield _slipped(german.split(" "), rng), _slipped(english.split(" "), rng)


def test_name_findings_survive_a_tiny_memory(
    shared: Path, glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = Resources(glossary, "de", "en")
    pairs = list(_changed_pairs(shared, 250))
    roomy = NamePreservation(resources)
    expected = [_run(roomy, en, de) for de, en in pairs]
    assert any(expected), "the changed pairs must give findings to compare"
    monkeypatch.setattr(memo, "DEFAULT_LIMIT", 4)
    cramped = NamePreservation(resources)
    assert [_run(cramped, en, de) for de, en in pairs] == expected
    memories = [v for v in vars(cramped).values() if isinstance(v, WordMemo | WordSet)]
    assert len(memories) >= 6 and all(len(m) <= 4 for m in memories)


# --- glossary names and transliterations -----------------------------------------------------


def test_the_press_spelling_screen_hides_no_finding(
    shared: Path, glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = Resources(glossary, "de", "en")
    wrong = [
        form
        for entry in glossary.of_kind(Kind.PERSON, Kind.PLACE)
        for form in entry.wrong
        if "*" not in form
    ]
    rng = random.Random(7)
    texts = [en for _, en in _pairs(shared)[:200]]
    texts += [f"{text} {rng.choice(wrong)} said so." for text in texts[:100]]
    texts += ["Stoltenburg met Dmitri Kosak.", "Sergej Lawrow in Kiew.", "Lawrows Besuch"]
    screened = GlossaryNames(resources)
    monkeypatch.setattr(form_screen, "MAX_FORMS", 0)  # no screen: every text to the matcher
    unscreened = GlossaryNames(resources)
    assert unscreened._wrong_screen.may_hold("anything")
    found = [_run(screened, text) for text in texts]
    assert sum(map(len, found)) >= 100
    assert found == [_run(unscreened, text) for text in texts]
    # The screen has work to do: most plain English sentences hold no press spelling.
    assert sum(screened._wrong_screen.may_hold(text) for text in texts[:200]) < 20


@pytest.mark.parametrize("build", [GlossaryNames, GermanTransliteration])
def test_name_memories_are_bounded_and_change_nothing(
    glossary: Glossary,
    build: type[GlossaryNames] | type[GermanTransliteration],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resources = Resources(glossary, "de", "en")
    texts = [
        "Sergej Lawrow met Dmitri Kosak and Stoltenburg in Moskau.",
        "Wladimir Selenskyj and Juri Gagarin spoke; Lawrow left.",
        "The Minister met Stoltenberg, Lavrov and Kozak.",
    ] * 3
    roomy = build(resources)
    expected = [_run(roomy, text) for text in texts]
    assert any(expected)
    monkeypatch.setattr(memo, "DEFAULT_LIMIT", 3)
    cramped = build(resources)
    assert [_run(cramped, text) for text in texts] == expected
    memories = [v for v in vars(cramped).values() if isinstance(v, WordMemo | WordSet)]
    assert len(memories) == 2 and all(len(m) <= 3 for m in memories)


# --- spelling --------------------------------------------------------------------------------


def _reference_edits(word: str) -> set[str]:
    letters = spelling._LETTERS
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in letters}
    edits |= {a + c + b for a, b in splits for c in letters}
    return edits - {word}


@pytest.mark.parametrize("word", ["", "a", "ab", "goverment", "it's", "naïve", "x\ny", "\n"])
def test_one_edit_strings_are_every_string_one_edit_away(word: str) -> None:
    assert set(spelling._one_edit(word)) - {word} == _reference_edits(word)


def test_harmless_chunks_hide_no_slip() -> None:
    check = Spelling(Resources(EMPTY, "de", "en"))
    assert _run(check, "The report said, plainly, the plan would work.") == []
    assert "said," not in check._harmless_chunks  # new words: judged, not yet remembered
    assert _run(check, "The report said, plainly, the plan would work.") == []
    assert "said," in check._harmless_chunks
    # Same chunks but one: the slip is found, wherever the known chunks stand.
    found = _run(check, "The plan would wrok, the report said, plainly.")
    assert [(f[0], f[3]) for f in found] == [("SPELL001", "wrok")]
    found = _run(check, "The report said, plainly, the plan would work (goverment).")
    assert [(f[0], f[3]) for f in found] == [("SPELL001", "goverment")]


def test_spelling_findings_survive_a_tiny_memory(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = Resources(EMPTY, "de", "en", "en-GB")
    rng = random.Random(3)
    texts = []
    for _, english in _pairs(shared)[:200]:
        words = english.split(" ")
        at = rng.randrange(len(words))
        if len(words[at]) > 4:
            word = words[at]
            words[at] = word[0] + word[2] + word[1] + word[3:]
        texts += [english, " ".join(words), english.replace("ize", "ise")]
    roomy = Spelling(resources)
    expected = [_run(roomy, text) for text in texts]
    assert sum(map(len, expected)) >= 50
    assert [_run(roomy, text) for text in texts] == expected  # every chunk remembered now
    monkeypatch.setattr(memo, "DEFAULT_LIMIT", 5)
    cramped = Spelling(resources)
    assert [_run(cramped, text) for text in texts] == expected
    assert len(cramped._harmless_chunks) <= 5


# --- markup and casing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "rules"),
    [
        ("See the website.", "Siehe www.bund.de.", ["MARK001"]),
        ("See www.bund.de.", "Siehe die Seite.", ["MARK001"]),
        ("Write to them.", "Schreiben Sie an a@b.de.", ["MARK001"]),
        ("Files deleted.", "%d Dateien gelöscht.", ["MARK002"]),
        ("Deleted {0} files.", "Dateien gelöscht.", ["MARK002"]),
        ("A <b>bold</b> word.", "Ein fettes Wort.", ["MARK002", "MARK002"]),
        ("100% sure, {0} files.", "100% sicher, {0} Dateien.", []),
        ("Nothing to see here.", "Hier gibt es nichts.", []),
    ],
)
def test_markup_looks_wherever_either_side_has_a_trigger(
    text: str, source: str, rules: list[str]
) -> None:
    assert [f[0] for f in _run(Markup(Resources(EMPTY, "de", "en")), text, source)] == rules


@pytest.mark.parametrize(
    ("text", "source", "rules"),
    [
        ("The minister resigned on Monday.", "Der Minister trat zurück.", []),
        ("the minister resigned on Monday.", "Der Minister trat zurück.", ["CASE001"]),
        ("the minister resigned on monday.", "Der Minister trat zurück.", ["CASE002"]),
        ("THE MINISTER RESIGNED ON MONDAY.", "Der Minister trat zurück.", ["CASE002"]),
        ("THE MINISTER RESIGNED ON MONDAY AFTER TALKS", None, ["CASE003"]),
        ("A", "B", []),
        ("\u201cthe minister said so on Monday.", "\u201eDer Minister sagte es.", ["CASE001"]),
        ("Ǆemal resigned on monday today.", "Ǆemal trat zurück.", []),
        # A title-case letter is neither capital nor small: the text counts as lower case.
        ("ǅemal resigned on monday today.", "Der Minister trat zurück.", ["CASE002"]),
        ("ǅemal resigned on monday today.", "ǅemal trat zurück.", []),
    ],
)
def test_casing_settles_mixed_case_quickly_and_the_rest_in_full(
    text: str, source: str | None, rules: list[str]
) -> None:
    assert [f[0] for f in _run(Casing(Resources(EMPTY, "de", "en")), text, source)] == rules

"""Second round of quick paths in NUM, MIS and UNTR: what they remember must never change a finding.

NUM remembers whitespace tokens of texts without a number (and reads tokens that may begin
"and a half" again with their neighbours), and skips the "a mile" pattern where no unit follows
an article. MIS decides most new source words to be content words without reading them as
compounds. UNTR remembers words and whitespace tokens that can take part in no finding.
Each is checked against the plain computation it replaces.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import audit.bilingual_lexicon as bilingual
import audit.checks.numbers as numbers
import audit.checks.untranslated as untranslated
from audit.checks.base import Resources, SegmentCheck, SegmentContext
from audit.checks.correspondence import Correspondence
from audit.checks.numbers import NumberAgreement, NumberLanguage
from audit.checks.untranslated import Untranslated
from audit.glossary import Glossary
from audit.model import Finding, Segment

_RESOURCES = Resources(Glossary(entries=(), digests=()), "de", "en")
_CONTEXT = SegmentContext(None, True)


def _texts(pieces: list[str], max_size: int = 14) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def _plain_trigger(language: NumberLanguage, text: str) -> bool:
    """The test for numbers as written before any memory: a digit or a strong number word."""
    return re.search(r"\d", text) is not None or language._trigger.search(text) is not None


def _found(findings: list[Finding]) -> list[tuple[str, int, int, str, tuple[str, ...]]]:
    return [(f.rule, f.start, f.end, f.message, tuple(f.suggestions)) for f in findings]


_Found = list[tuple[str, int, int, str, tuple[str, ...]]]


def _run(check: SegmentCheck, target: str, source: str | None) -> _Found:
    return _found(list(check.check(Segment(id="1", text=target, source=source), _CONTEXT)))


# -- NUM: remembered quiet tokens -------------------------------------------------------------

_NUMBER_PIECES = [
    "and",
    "And",
    "AND",
    "a",
    "A",
    " ",
    "  ",
    "\t",
    "\n",
    "\u00a0",
    "half",
    "Half",
    "(",
    ",",
    ".",
    "two",
    "one",
    "three",
    "bread",
    "butter",
    "drei",
    "zwei",
    "und",
    "einund",
    "zwanzig",
    "ein",
    "Mai",
    "Januar",
    "7",
    "x",
    "_",
    "İ",
    "ſ",
    "K",
    "’",
]


def _fresh(lang: str) -> NumberLanguage:
    """A language of its own (not the shared one), with empty memories."""
    language = numbers.number_language.__wrapped__(lang, "de" if lang == "en" else None)
    assert language is not None
    return language


@pytest.mark.parametrize("lang", ["en", "de"])
@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_texts(_NUMBER_PIECES), min_size=1, max_size=12))
def test_remembered_tokens_answer_as_the_plain_search(lang: str, texts: list[str]) -> None:
    language = _fresh(lang)
    for _ in range(2):  # the second round answers from what the first one remembered
        for text in texts:
            assert language.triggered(text) == _plain_trigger(language, text), text


def test_a_strong_form_of_several_words_is_found_among_quiet_tokens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(numbers, "_KNOWN_SHARE", 1)  # every text is read token by token
    language = _fresh("en")
    # Each token alone is quiet, and is remembered so.
    for text in ("bread and butter", "a cat", "half time", "(and so on"):
        assert not language.triggered(text)
    assert language._quiet.covers(["and", "a", "half"])
    assert language.triggered("and a half")
    assert language.triggered("It took (and a\thalf")
    assert not language.triggered("and half a loaf")


def test_forgetting_maybe_tokens_forgets_quiet_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "_MAX_CACHE", 2)
    monkeypatch.setattr(numbers, "_KNOWN_SHARE", 1)
    language = _fresh("en")
    for text in ("bread and butter", "(and so on", "And then", "a cat", "half time"):
        assert not language.triggered(text)
        assert len(language._maybe) <= 2
    assert language.triggered("and a half") and language.triggered("(and a half")


def test_numbers_still_reported_after_their_words_were_quiet() -> None:
    check = NumberAgreement(_RESOURCES)
    assert _run(check, "He said it was late.", "Er sagte, es sei spät.") == []
    found = _run(check, "He said it was 5 hours late.", "Er sagte, es sei spät.")
    assert [rule for rule, *_ in found] == ["NUM002"]
    found = _run(check, "He said it was late.", "Er sagte, es sei dreißig Minuten spät.")
    assert [rule for rule, *_ in found] == ["NUM001"]


# -- NUM: the "a mile" pattern's quick test -----------------------------------------------------

_ARTICLE_PIECES = [
    "a",
    "an",
    "A",
    " ",
    "\t",
    "\n",
    "mile",
    "miles",
    "miles per hour",
    "km",
    "m",
    "foot",
    "feet",
    "degrees",
    "Fahrenheit",
    "(",
    ")",
    ",",
    ".",
    "x",
    "man",
    "per",
    "hour",
    "_",
    "é",
]


@pytest.mark.parametrize("lang", ["en", "de"])
@settings(max_examples=400, deadline=None)
@given(text=_texts(_ARTICLE_PIECES))
def test_article_unit_test_hides_no_match(lang: str, text: str) -> None:
    language = numbers.number_language(lang, "de" if lang == "en" else None)
    assert language is not None
    if language._article_unit.search(text):
        assert language._may_have_article_unit(text)


def test_a_mile_is_still_read() -> None:
    language = _fresh("en")
    found = language.quantities("The hotel is about a mile away.")
    assert [(q.text, q.value, bool(q.units)) for q in found] == [("mile", 1.0, True)]


# -- MIS: content words decided without reading compounds ---------------------------------------

_TRICKY = [
    "Diesesmine",
    "Welchermine",
    "Diesmai",
    "Goldmine",
    "Bergmine",
    "Maischolle",
    "Kriminalität",
    "Ministerium",
    "Termin",
    "Gewinn",
    "Gewalt",
    "Unternehmen",
    "unterhalb",
    "anzukündigen",
    "zumal",
    "umso",
    "Umsonst",
    "zurück",
    "Einwohner",
    "einige",
    "Bundesregierung",
    "Verkehrsminister",
    "Mai",
    "Maibaum",
    "Hauptmine",
    "Auftakt",
    "aufeinander",
    "Aussicht",
    "ausserhalb",
    "Welt",
    "welche",
    "Gegner",
    "gegen",
    "Zumba",
    "Anspruch",
    "Ansbach",
    "Abend",
    "aber",
    "Straße",
    "STRASSE",
    "Hälfte",
    "Äpfel",
    "ﬆrasse",
    "İstanbul",
    "Kaiserin",
    "mitmachen",
    "Mitmenschen",
    "of",
    "the",
    "Of",
]


def _full_counts(lexicon: bilingual.BilingualLexicon, token: str) -> bool:
    """Whether a token counts, every reading worked out (the plain computation)."""
    if bilingual._NUMBER.search(token):
        return True
    if len(token) <= 1 or lexicon.is_function_word(token):
        return False
    if lexicon._keys(token):
        return lexicon._has_evidence(token)
    return token.casefold() not in lexicon.target_function_words


@pytest.fixture(scope="module")
def reference() -> bilingual.BilingualLexicon:
    loaded = bilingual.load("de", "en")
    assert loaded is not None
    return loaded


def test_counting_words_needs_no_compound_reading(reference: bilingual.BilingualLexicon) -> None:
    quick = bilingual.load("de", "en")
    assert quick is not None
    for word in _TRICKY:
        assert quick._counts(word) == _full_counts(reference, word), word
    # Words that may reach an entry no target word covers are read in full: a compound of
    # two ("Diesesmine": diesen + Mine), a particle verb, a word outside plain German spelling.
    assert not quick._counts("Diesesmine")
    for word in ("Diesesmine", "anzukündigen", "ﬆrasse", "Gewinn"):
        assert not quick._never_empty(word), word
    assert quick._never_empty("Bundesregierung") and quick._never_empty("Goldmine")


_SYLLABLES = [
    "ge",
    "mai",
    "min",
    "ein",
    "an",
    "zu",
    "um",
    "auf",
    "haus",
    "berg",
    "mine",
    "regier",
    "ung",
    "en",
    "er",
    "s",
    "t",
    "ä",
    "ö",
    "ü",
    "ß",
    "ab",
    "wel",
    "t",
    "K",
    "G",
    "M",
    "B",
]


@pytest.fixture(scope="module")
def quick(de_en_lexicon: bilingual.BilingualLexicon) -> bilingual.BilingualLexicon:
    return de_en_lexicon


@settings(max_examples=500, deadline=None)
@given(word=_texts(_SYLLABLES, max_size=6))
def test_counting_made_up_words_matches_the_full_reading(
    reference: bilingual.BilingualLexicon, quick: bilingual.BilingualLexicon, word: str
) -> None:
    quick._lemma_cache.clear()  # each word read afresh, as a new word is
    assert quick._counts(word) == _full_counts(reference, word)


# -- UNTR: harmless words and tokens ------------------------------------------------------------

_UNTR_PAIRS = [
    (
        "Angela Merkel met Emmanuel Macron in Berlin.",
        "Angela Merkel traf Emmanuel Macron in Berlin.",
    ),
    (
        "The Bundesregierung said on Monday that taxes would rise.",
        "Die Bundesregierung sagte am Montag, dass die Steuern steigen würden.",
    ),
    ("Critics of Kavanaughs nomination spoke.", "Kritiker von Kavanaughs Nominierung sprachen."),
    ("The Pandemie hit hard.", "Die Corona-Pandemie traf hart."),
    ("Merkel traf Macron in Berlin.", "Merkel traf Macron in Berlin."),
    ("Keine Entspannung in Sicht", None),
    ("The government said on Monday that taxes would rise.", "Die Regierung sagte es."),
]


def test_untranslated_findings_survive_the_memories() -> None:
    memory = Untranslated(_RESOURCES)
    for _ in range(3):  # later rounds take the quick paths
        for target, source in _UNTR_PAIRS:
            assert _run(memory, target, source) == _run(Untranslated(_RESOURCES), target, source)
    found = [_run(memory, target, source) for target, source in _UNTR_PAIRS]
    assert [[rule for rule, *_ in f] for f in found] == [
        [],
        ["UNTR002"],
        ["UNTR002"],
        ["UNTR002"],
        ["UNTR001"],
        ["UNTR001"],
        [],
    ]


def test_copied_words_are_never_harmless() -> None:
    check = Untranslated(_RESOURCES)
    for _ in range(2):
        _run(check, "The Bundesregierung said so.", "Die Bundesregierung sagte es.")
        _run(check, "The Pandemie hit.", "Die Pandemie traf.")
    assert "Bundesregierung" not in check._harmless_words
    assert "Pandemie" not in check._harmless_words
    assert "said" in check._harmless_words and "The" in check._harmless_words


def test_ordinary_english_words_never_read_as_copied() -> None:
    check = Untranslated(_RESOURCES)
    german, english = _RESOURCES.source_lexicon, _RESOURCES.target_lexicon
    words = [
        "government",
        "Berlin",
        "Monday",
        "Hotel",
        "Team",
        "Kindergarten",
        "also",
        "Rudel",
        "Menschen",
        "Wasser",
        "Tuberkulose",
        "Sinsheim",
        "Kavanaugh",
        "die",
        "den",
        "Bank",
    ]
    settled = [w for w in words if untranslated._ordinary_english(german.zipf(w), english.zipf(w))]
    assert settled  # the shortcut does apply to common English words
    for word in settled:
        assert not check._reads_as_copied(word), word


def test_untranslated_memories_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [_run(Untranslated(_RESOURCES), t, s) for t, s in _UNTR_PAIRS]
    monkeypatch.setattr(untranslated, "_MAX_CACHE", 3)
    small = Untranslated(_RESOURCES)
    for _ in range(3):
        assert [_run(small, t, s) for t, s in _UNTR_PAIRS] == expected
        for memory in (small._harmless_words, small._harmless_tokens, small._seen):
            assert len(memory) <= 3


# -- all three on real pairs: a run with memories finds what fresh checks find ------------------


def _pairs(shared: Path, limit: int) -> list[tuple[str, str]]:
    base = shared / "external" / "flores-ntrex-deen" / "flores200"
    german = (base / "deu_Latn.devtest").read_text(encoding="utf-8").splitlines()
    english = (base / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines()
    return list(zip(german, english))[:limit]


def test_real_pairs_give_the_same_findings_with_memories(shared: Path) -> None:
    pairs = _pairs(shared, 150)
    # Shifted pairs too, so that MIS and NUM have something to report.
    pairs += [(s, pairs[(i + 1) % len(pairs)][1]) for i, (s, _) in enumerate(pairs[:60])]
    for kind in (NumberAgreement, Correspondence, Untranslated):
        reused = kind(_RESOURCES)
        for _ in range(2):
            for source, target in pairs:
                assert _run(reused, target, source) == _run(kind(_RESOURCES), target, source)


def test_real_texts_trigger_as_the_plain_search(shared: Path) -> None:
    for lang, index in (("de", 0), ("en", 1)):
        language = _fresh(lang)
        texts = [pair[index] for pair in _pairs(shared, 1012)]
        for _ in range(2):
            for text in texts:
                assert language.triggered(text) == _plain_trigger(language, text)


def test_real_source_words_count_as_in_full(
    shared: Path, reference: bilingual.BilingualLexicon
) -> None:
    quick = bilingual.load("de", "en")
    assert quick is not None
    words = {w for source, _ in _pairs(shared, 1012) for w in bilingual._WORD.findall(source)}
    assert sorted(w for w in words if quick._counts(w) != _full_counts(reference, w)) == []

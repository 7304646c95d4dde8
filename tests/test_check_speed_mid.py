"""The quick paths of the mid-cost checks (MIS, UNTR, NUM, TYPO, PUNC, LOC, CONS).

Each quick path skips work only where no finding can be: a guard or pre-test must never hide a
match of the full pattern, and a finding must survive every early exit. Each per-word memory
must stay within its bound and answer as a fresh lookup does.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import audit.bilingual_lexicon as bilingual
import audit.checks.consistency as consistency
import audit.checks.numbers as numbers
import audit.checks.untranslated as untranslated
from audit.checks import locale, punctuation, typography
from audit.checks.base import Resources, SegmentCheck, SegmentContext
from audit.checks.consistency import Consistency
from audit.checks.correspondence import Correspondence
from audit.checks.locale import LocaleConventions
from audit.checks.numbers import NumberAgreement, NumberLanguage
from audit.checks.punctuation import Punctuation
from audit.checks.typography import Typography
from audit.checks.untranslated import Untranslated
from audit.glossary import Glossary
from audit.model import Document, Finding, Segment

_RESOURCES = Resources(Glossary(entries=(), digests=()), "de", "en")
_CONTEXT = SegmentContext(None, True)


def _texts(pieces: list[str], max_size: int = 30) -> st.SearchStrategy[str]:
    """Texts glued from pieces chosen to meet the patterns' edge cases often."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


def _found(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.rule, f.text, f.message) for f in findings]


def _run(check: SegmentCheck, target: str, source: str | None = None) -> list[tuple[str, str, str]]:
    segment = Segment(id="1", text=target, source=source)
    return _found(list(check.check(segment, _CONTEXT)))


# -- TYPO: the repeat pattern and the spacing guard ------------------------------------------

_TYPO_PIECES = [
    "the", "The", "THE", "s", "a", "A", " ", "  ", "\t", "\n", "'", "’", "'s", "’s", "-", "1",
    "_", ",", ".", ";", ":", "?", "!", "(", ")", "[", "]", "{", "}", '"', "n't", "n’t", "do",
    "it", "t", "re", "ll", "İ", "ı", "ſ", "K", "ß",
]
# The repeat pattern as first written: look-behind first, greedy quantifiers.
_PLAIN_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]+(?:['’]s)?)(\s+)(\1)(?![\w'’])", re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(_texts(_TYPO_PIECES))
def test_repeat_pattern_finds_what_the_plain_pattern_finds(text: str) -> None:
    ours = [(m.span(), m.groups()) for m in typography._REPEAT.finditer(text)]
    assert ours == [(m.span(), m.groups()) for m in _PLAIN_REPEAT.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_texts(_TYPO_PIECES))
def test_spacing_guards_hide_no_match(text: str) -> None:
    check = Typography(_RESOURCES)
    plain = re.compile("|".join(check.spacing_alternatives))
    assert _spans(check._spacing, text) == _spans(plain, text)
    if plain.search(text):
        assert check._suspect.search(text)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("the talks , he said , failed .", [" ,", " ,", " ."]),
        ("( see above) it failed", ["( "]),
        ("they do n't care", [" n't"]),
        ("it' s over", ["' "]),
        ("don ' t go", [" ' "]),
        ("it's the boys' toys and Mr. O'Neil's dog", []),
    ],
)
def test_spacing_findings_survive_the_quick_test(target: str, expected: list[str]) -> None:
    found = _run(Typography(_RESOURCES), target)
    assert [text for rule, text, _ in found if rule == "TYPO002"] == expected


def test_repeated_words_are_still_found() -> None:
    check = Typography(_RESOURCES)
    assert _run(check, "He said that the the talks failed.")[0][:2] == ("TYPO001", "the the")
    assert _run(check, "Obama's Obama's plan")[0][:2] == ("TYPO001", "Obama's Obama's")


# -- NUM: the guarded master pattern, the word memory, the rounding shortcut -----------------

_NUMBER_PIECES = [
    "3", "14", "2022", "19", "1.000", "3,5", " ", "  ", ".", ",", ":", "/", "-", "–", "$", "US$",
    "us$", "€", "£", "¥", "II", "XIV", "MCM", "I", "drei", "Drei", "zwanzig", "und", "ein",
    "einundzwanzig", "Uhr", "Januar", "Jan.", "twenty", "one", "first", "a", "an", "m", "bn",
    "Mrd.", "percent", "Prozent", "km", "miles", "x", "SS", "FY", "_", "é", "’", "half",
    "Hälfte", "p.m.", "a.m.", "s", "er", "th", "rd",
]


@pytest.mark.parametrize("lang", ["de", "en"])
@settings(max_examples=300, deadline=None)
@given(text=_texts(_NUMBER_PIECES))
def test_master_pattern_matches_as_the_plain_alternation(lang: str, text: str) -> None:
    language = numbers.number_language(lang, "de" if lang == "en" else None)
    assert language is not None
    plain = re.compile("|".join(language.alternatives), re.IGNORECASE)
    assert _spans(language._pattern, text) == _spans(plain, text)


@given(st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=False)))
def test_whole_numbers_skip_rounding_with_the_same_key(value: float) -> None:
    key = numbers._key("n", value)
    expected = ("n", round(value, numbers._PRECISION))
    assert key == expected
    assert type(key[1]) is type(expected[1])


def test_number_findings_survive_the_quick_reject() -> None:
    check = NumberAgreement(_RESOURCES)
    # A digit only in the target, a number word only in the source.
    assert _run(check, "The plan costs 5 billion.", "Der Plan kostet viel.") == [
        ("NUM002", "5 billion", '"5 billion" has no equal number in the source')
    ]
    assert _run(check, "Twelve people came.", "Dreizehn Menschen kamen.") == [
        ("NUM001", "Twelve", 'source has "Dreizehn", target has "Twelve"')
    ]
    assert _run(check, "World War II ended in 1945.", "Der Zweite Weltkrieg endete 1945.") == []
    source = "Es kostete 5 US-Dollar im Geschäftsjahr 2022."
    assert _run(check, "It cost US$5 in FY22.", source) == []


_NUMBER_TEXTS = [
    "Es sprachen einundzwanzig Mitglieder am 3. Oktober um 14.30 Uhr, zwei Drittel davon.",
    "Die dreijährige Studie kostete 2,5 Mrd. Euro und dauerte sieben Wochen.",
    "Der siebtgrößte Konzern hat 1.200 Mitarbeiter in zwölf Ländern.",
    "Zweihundertfünf Menschen und ein Hund, drei Katzen und zwanzig Pferde.",
]


def test_word_memory_is_bounded_and_answers_as_a_fresh_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = numbers._rows("de")
    assert rows is not None
    fresh = [NumberLanguage(rows).quantities(text) for text in _NUMBER_TEXTS]
    monkeypatch.setattr(numbers, "_MAX_CACHE", 3)
    small = NumberLanguage(rows)
    for _ in range(2):  # the second round reads from (and refills) the small memory
        assert [small.quantities(text) for text in _NUMBER_TEXTS] == fresh
        assert len(small._looked_up) <= 3


# -- LOC: quick pre-tests ---------------------------------------------------------------------

_LOCALE_PIECES = [
    "3", "13", "000", "5", ".", ",", " ", "\n", "„", "“", "”", "‚", "‘", "»", "«", "x", "Mio.",
    "Mrd.", "z.B.", "z. B.", "Uhr", "Nr.", "v. Chr.", "January", "Januar", "Mai", "9", "_",
]


@settings(max_examples=400, deadline=None)
@given(_texts(_LOCALE_PIECES))
def test_locale_pre_tests_hide_no_match(text: str) -> None:
    check = LocaleConventions(_RESOURCES)
    if locale._NUMBER.search(text):
        assert locale._DIGIT_MARK.search(text) and locale._MAY_NUMBER.search(text)
    if locale._DATE.search(text):
        assert locale._DIGIT_MARK.search(text) and locale._MAY_DATE.search(text)
    if locale._QUOTES.search(text):
        assert any(q in text for q in locale._QUOTE_OPENERS)
    assert check._abbreviation is not None and check._may_abbreviate is not None
    if check._abbreviation.search(text):
        assert check._may_abbreviate.search(text)


@pytest.mark.parametrize(
    ("target", "rule", "span"),
    [
        ("It rose 3,5 percent.", "LOC001", "3,5"),
        ("13.000 soldiers came.", "LOC002", "13.000"),
        ("He called it „armed confrontation“.", "LOC003", "„armed confrontation“"),
        ("It starts on 9. January.", "LOC004", "9. January"),
        ("It cost 5 Mio. euros.", "LOC005", "Mio."),
    ],
)
def test_locale_findings_survive_the_pre_tests(target: str, rule: str, span: str) -> None:
    assert [(r, t) for r, t, _ in _run(LocaleConventions(_RESOURCES), target)] == [(rule, span)]


# -- PUNC: footnotes and paired marks ----------------------------------------------------------

_PUNCTUATION_PIECES = ["[", "]", "3", "a", "12", "ab", ".", " ", "\n", "\t", "(", ")", "x"]


@settings(max_examples=400, deadline=None)
@given(_texts(_PUNCTUATION_PIECES, max_size=12))
def test_footnotes_always_end_in_a_bracket(text: str) -> None:
    end = len(text.rstrip())
    if punctuation._FOOTNOTES.search(text, 0, end):
        assert text[end - 1 : end] == "]"


def test_punctuation_findings_survive_the_quick_exits() -> None:
    check = Punctuation(_RESOURCES)
    assert _run(check, "He said so.[3]", "Er sagte es.") == []
    assert _run(check, "He said so[3]", "Er sagte es.")[0][0] == "PUNC004"
    assert _run(check, "Who pays the bill.", "Wer zahlt die Rechnung?")[0][:2] == (
        "PUNC001",
        "bill.",
    )
    source = "Die Firma gegründet 1998 sagte, sie sei gewachsen."
    assert _run(check, "The company (founded in 1998 said it grew.", source)[0][:2] == (
        "PUNC002",
        "(",
    )
    assert _run(check, "The company founded in 1998) said it grew.", source)[0][:2] == (
        "PUNC002",
        ")",
    )
    assert _run(check, "The company founded in 1998 said it grew.", source) == []


# -- UNTR: copied words found after the quick tests; bounded memories ------------------------

_UNTRANSLATED = [
    (
        "The Bundesregierung said on Monday that taxes would rise.",
        "Die Bundesregierung sagte am Montag, dass die Steuern steigen würden.",
        [("UNTR002", "Bundesregierung")],
    ),
    (
        "Critics of Kavanaughs nomination spoke.",
        "Kritiker von Kavanaughs Nominierung sprachen.",
        [("UNTR002", "Kavanaughs")],
    ),
    # The part of a hyphenated source word counts as copied too.
    ("The Pandemie hit hard.", "Die Corona-Pandemie traf hart.", [("UNTR002", "Pandemie")]),
    ("The pandemic hit hard.", "Die Corona-Pandemie traf hart.", []),
    ("Keine Entspannung in Sicht", None, [("UNTR001", "Keine Entspannung in Sicht")]),
    ("Angela Merkel met Emmanuel Macron in Berlin.", "Angela Merkel traf Emmanuel Macron.", []),
]


@pytest.mark.parametrize(("target", "source", "expected"), _UNTRANSLATED)
def test_untranslated_findings_survive_the_quick_tests(
    target: str, source: str | None, expected: list[tuple[str, str]]
) -> None:
    assert [(r, t) for r, t, _ in _run(Untranslated(_RESOURCES), target, source)] == expected


def test_untranslated_memories_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = Untranslated(_RESOURCES)
    expected = [_run(fresh, target, source) for target, source, _ in _UNTRANSLATED]
    monkeypatch.setattr(untranslated, "_MAX_CACHE", 3)
    small = Untranslated(_RESOURCES)
    for _ in range(2):
        assert [_run(small, target, source) for target, source, _ in _UNTRANSLATED] == expected
        assert len(small._cache) <= 3
        assert len(small._copied_word) <= 3


# -- MIS: counting stops early, and only where the answer is already known -------------------

_PAIRS = [
    (
        "Ein Termin für das Treffen der Minister steht noch nicht fest, sagte der Sprecher.",
        "A date for the ministers' meeting has not yet been set, the spokesman said.",
    ),
    (
        "Die Bundesregierung hat am Montag neue Steuern angekündigt.",
        "The federal government announced new taxes on Monday.",
    ),
    (
        "Der Präsident nannte 1.000 Namen in seiner Rede vor dem Parlament.",
        "The president named 1,000 names in his speech to parliament.",
    ),
    (
        "Ein Termin für das Treffen der Minister steht noch nicht fest, sagte der Sprecher.",
        "The Kremlin expects a dialogue with NATO after the Russian New Year break.",
    ),
]


@pytest.fixture(scope="module")
def lexicon(de_en_lexicon: bilingual.BilingualLexicon) -> bilingual.BilingualLexicon:
    return de_en_lexicon


@pytest.mark.parametrize(("source", "target"), _PAIRS)
def test_counting_stops_only_past_the_limit(
    lexicon: bilingual.BilingualLexicon, source: str, target: str
) -> None:
    sources = lexicon.content_words(source)
    full = lexicon.covered(sources, target)
    assert lexicon.coverage(source, target) == (full, len(sources))
    # Word by word, the same count.
    assert full == sum(lexicon.covered([word], target) for word in sources)
    for limit in range(len(sources) + 1):
        early = lexicon.covered(sources, target, enough=limit)
        assert (early > limit) == (full > limit)
        if full <= limit:
            assert early == full


def test_mismatch_is_still_reported_with_its_full_count() -> None:
    check = Correspondence(_RESOURCES)
    source, target = _PAIRS[3]
    assert _run(check, target, source) == [
        (
            "MIS001",
            target,
            "only 0 of 7 content words of the source have a counterpart here: "
            "is this the translation of another sentence?",
        )
    ]
    assert _run(check, _PAIRS[0][1], _PAIRS[0][0]) == []


def test_lexicon_memories_are_bounded(
    monkeypatch: pytest.MonkeyPatch, lexicon: bilingual.BilingualLexicon
) -> None:
    expected = [
        (lexicon.content_words(s), lexicon.coverage(s, t), lexicon.lemmas("Bundesregierung"))
        for s, t in _PAIRS
    ]
    monkeypatch.setattr(bilingual, "MAX_CACHE", 4)
    small = bilingual.load("de", "en")
    assert small is not None
    for _ in range(2):
        got = [
            (small.content_words(s), small.coverage(s, t), small.lemmas("Bundesregierung"))
            for s, t in _PAIRS
        ]
        assert got == expected
        for cache in (small._counts_cache, small._evidence_cache, small._head_cache):
            assert len(cache) <= 4


# -- CONS: two passes over hyphenated words; the name pattern; bounded keys ------------------

_PLAIN_NAME = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][^\W\d_]{3,}(?![\w-])")
_NAME_PIECES = ["Kozak", "kozak", "KOZAK", "Ö", "é", "ab", " ", "-", "'", "’", "1", "_", "Ab"]


@settings(max_examples=400, deadline=None)
@given(_texts(_NAME_PIECES, max_size=12))
def test_name_pattern_matches_as_the_plain_one(text: str) -> None:
    assert _spans(consistency._NAME, text) == _spans(_PLAIN_NAME, text)


def _document(*targets: str) -> Document:
    segments = tuple(
        Segment(id=str(i), text=t, line=i, paragraph=i) for i, t in enumerate(targets, 1)
    )
    return Document("doc.txt", segments, "de", "en", False)


def test_a_closed_form_before_the_first_hyphen_is_still_found() -> None:
    check = Consistency(_RESOURCES)
    document = _document(
        "The ceasefire began at midnight.",
        "Talks went on all day.",
        "The cease-fire held until dawn.",
    )
    found = list(check.check_document(document))
    assert [(f.rule, f.text) for f in found] == [("CONS001", "cease-fire")]
    assert found[0].suggestions == ("ceasefire",)
    assert list(check.check_document(_document("The ceasefire began.", "It held."))) == []


def test_name_keys_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    document = _document(
        "Dmitry Kozak spoke in Kyiv on Monday.",
        "Zelensky met Kosak later, and Zelenskyy said so.",
    )
    expected = _found(list(Consistency(_RESOURCES).check_document(document)))
    assert [rule for rule, _, _ in expected] == ["CONS002", "CONS002"]
    monkeypatch.setattr(consistency, "_MAX_CACHE", 2)
    small = Consistency(_RESOURCES)
    for _ in range(2):
        assert _found(list(small.check_document(document))) == expected
        assert len(small.name_key) <= 2

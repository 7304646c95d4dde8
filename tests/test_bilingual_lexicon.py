"""The German -> English core lexicon: data format, lookup of inflected forms, coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.bilingual_lexicon import (
    BilingualLexicon,
    coverage_score,
    english_stem,
    load,
    read_entries,
)
from audit.resources import data_file

LEXICON_DIR = Path(str(data_file("lexicon")))


@pytest.fixture(scope="module")
def lexicon() -> BilingualLexicon:
    loaded = load("de", "en")
    assert loaded is not None
    return loaded


# -- data files -------------------------------------------------------------------------------


def _data_lines(name: str) -> list[tuple[int, str]]:
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and ln[0] != "#"]


def test_lexicon_lines_have_two_columns_and_clean_translations() -> None:
    lines = _data_lines("de-en.tsv")
    assert len(lines) >= 2500
    for number, line in lines:
        columns = line.split("\t")
        assert len(columns) == 2, f"line {number}: {line!r}"
        german, english = columns
        assert german and german == german.strip() and " " not in german, f"line {number}"
        translations = english.split("|")
        assert all(t and t == t.strip() for t in translations), f"line {number}: empty item"
        assert len(translations) == len(set(translations)), f"line {number}: repeated item"
        assert len(translations) <= 10, f"line {number}: more than ten translations"


def test_lexicon_has_no_duplicate_keys() -> None:
    # "ß" and "ss" are one key for the loader, so they must not both be listed.
    keys = [line.split("\t")[0].replace("ß", "ss") for _, line in _data_lines("de-en.tsv")]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert duplicates == []


def test_function_word_lists_are_lower_case_words() -> None:
    for name in ("de-function-words.txt", "en-function-words.txt"):
        words = [line for _, line in _data_lines(name)]
        assert len(words) > 100
        assert all(w == w.strip().lower() and " " not in w for w in words), name


def test_known_false_friends_are_not_listed(lexicon: BilingualLexicon) -> None:
    assert "eventual" not in lexicon.translations("eventuell")
    assert "actual" not in lexicon.translations("aktuell")
    assert "become" not in lexicon.translations("bekommen")
    assert "boss" in lexicon.translations("Chef")


def test_read_entries_rejects_a_line_without_tab() -> None:
    assert read_entries("# c\nHaus\thouse|home\n") == {"Haus": ("house", "home")}
    with pytest.raises(ValueError, match="line 2"):
        read_entries("Haus\thouse\nBaum tree\n")


def test_no_lexicon_for_an_unknown_pair() -> None:
    assert load("xx", "yy") is None


# -- lookup -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "lemma", "translation"),
    [
        ("Regierungen", "Regierung", "government"),  # plural ending
        ("Kindern", "Kinder", "children"),  # dative plural
        ("Töchter", "Tochter", "daughter"),  # umlaut plural
        ("macht", "machen", "make"),  # present tense -> infinitive
        ("wichtigsten", "wichtigste", "most important"),  # superlative ending
        ("gefressen", "fressen", "eat"),  # strong participle ge-...-en
        ("gespielt", "spielen", "play"),  # weak participle ge-...-t
        ("geschenkt", "geschenkt", "given"),  # listed participle
        ("anzukündigen", "ankündigen", "announce"),  # zu-infinitive of a particle verb
        ("ging", "ging", "went"),  # irregular past tense is listed
        ("Straße", "Straße", "street"),
        ("Strasse", "Straße", "street"),  # Swiss spelling
        ("Die", "die", "the"),  # sentence-initial capital
        ("REGIERUNG", "Regierung", "government"),  # headline capitals
    ],
)
def test_inflected_forms_find_their_lemma(
    lexicon: BilingualLexicon, word: str, lemma: str, translation: str
) -> None:
    assert lemma in lexicon.lemmas(word)
    assert translation in lexicon.translations(word)


def test_capital_distinguishes_homographs(lexicon: BilingualLexicon) -> None:
    assert "way" in lexicon.translations("Weg")
    assert "away" in lexicon.translations("weg")


def test_compound_nouns_give_head_and_modifier(lexicon: BilingualLexicon) -> None:
    assert lexicon.lemmas("Polizeisprecher") == ("Sprecher", "Polizei")
    assert "spokesman" in lexicon.translations("Polizeisprecher")
    # A known word at the end is not enough: "Pyram" is no word, so no "Ideen".
    assert lexicon.lemmas("Pyramiden") == ()


def test_other_source_languages_are_looked_up_verbatim() -> None:
    lexicon = BilingualLexicon({"casa": ("house",)}, german_morphology=False)
    assert lexicon.translations("Casa") == ("house",)
    assert lexicon.translations("casas") == ()


def test_unknown_word_has_no_translation(lexicon: BilingualLexicon) -> None:
    assert lexicon.translations("Xyzqwort") == ()


@pytest.mark.parametrize(
    ("word", "stem"),
    [("governments", "government"), ("rising", "ris"), ("rises", "ris"), ("studies", "studi"),
     ("study", "studi"), ("stopped", "stop"), ("quickly", "quick"), ("President's", "president")],
)
def test_english_stem(word: str, stem: str) -> None:
    assert english_stem(word) == stem


def test_covers_compares_stems(lexicon: BilingualLexicon) -> None:
    assert lexicon.covers("Regierungen", {"the", "governments"})
    assert lexicon.covers("gestiegen", ["prices", "rose"])
    assert lexicon.covers("Bundesregierung", ["federal", "government"])
    assert not lexicon.covers("Regierung", {"the", "cat"})
    # A translation made only of function words is no evidence ("gibt" -> "there is").
    assert not lexicon.covers("gibt", {"there", "is"})


# -- coverage -------------------------------------------------------------------------------------

SOURCE = "Die Regierung hat am Montag neue Steuern angekündigt."


def test_coverage_of_a_true_pair(lexicon: BilingualLexicon) -> None:
    assert lexicon.content_words(SOURCE) == ["Regierung", "Montag", "neue", "Steuern", "angekündigt"]
    assert lexicon.coverage(SOURCE, "The government announced new taxes on Monday.") == (5, 5)


def test_coverage_of_a_target_from_another_sentence(lexicon: BilingualLexicon) -> None:
    assert lexicon.coverage(SOURCE, "The cat slept in the garden all afternoon.") == (0, 5)


def test_coverage_of_an_omission(lexicon: BilingualLexicon) -> None:
    assert lexicon.coverage(SOURCE, "The government announced new taxes.") == (4, 5)


def test_numbers_and_cognates_count(lexicon: BilingualLexicon) -> None:
    source = "Der Präsident nannte 1.000 Namen."
    assert lexicon.coverage(source, "The president named 1,000 names.") == (4, 4)
    assert lexicon.coverage(source, "The president named 2,000 names.") == (3, 4)
    # "Stadt" and "state" are similar (ratio 80) but not a cognate pair.
    assert lexicon.coverage("Die Stadt", "The state") == (0, 1)


def test_function_words_are_not_counted(lexicon: BilingualLexicon) -> None:
    assert lexicon.coverage("und der die von", "and the of") == (0, 0)
    # English words quoted in a German sentence are not German content words either.
    assert lexicon.content_words("Das Album heißt „The Best of“") == ["Album", "heißt", "Best"]


def test_coverage_score_smooths_short_sentences() -> None:
    assert coverage_score(0, 1) == pytest.approx(1 / 3)
    assert coverage_score(0, 10) == pytest.approx(1 / 12)
    assert coverage_score(5, 5) == pytest.approx(6 / 7)
    assert coverage_score(0, 0) == pytest.approx(0.5)


# -- measured separation on real sentence pairs ----------------------------------------------------

PAIRS = (
    ("flores200/deu_Latn.devtest", "flores200/eng_Latn.devtest"),
    ("ntrex128/newstest2019-ref.deu.txt", "ntrex128/newstest2019-src.eng.txt"),
)
THRESHOLD = 0.22  # coverage_score below this: target probably belongs to another sentence


def test_true_and_mismatched_pairs_separate(lexicon: BilingualLexicon, shared: Path) -> None:
    base = shared / "external" / "flores-ntrex-deen"
    if not (base / PAIRS[0][0]).is_file():
        pytest.skip("flores/ntrex pairs are absent")
    true_scores: list[float] = []
    mismatched_scores: list[float] = []
    for de_name, en_name in PAIRS:
        german = (base / de_name).read_text(encoding="utf-8").splitlines()
        english = (base / en_name).read_text(encoding="utf-8").splitlines()
        assert len(german) == len(english)
        n = len(german)
        for i in range(n):
            true_scores.append(coverage_score(*lexicon.coverage(german[i], english[i])))
            wrong = lexicon.coverage(german[(i + 7) % n], english[i])
            mismatched_scores.append(coverage_score(*wrong))
    false_alarms = sum(s < THRESHOLD for s in true_scores) / len(true_scores)
    detected = sum(s < THRESHOLD for s in mismatched_scores) / len(mismatched_scores)
    # Measured: 0.43% false alarms, 86% detected (3009 pairs each).
    assert false_alarms <= 0.008
    assert detected >= 0.82
    true_scores.sort()
    mismatched_scores.sort()
    assert true_scores[len(true_scores) // 2] >= 0.6
    assert mismatched_scores[len(mismatched_scores) // 2] <= 0.2

"""Source-target alignment: the sample article pair, small synthetic cases, and the length model."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from audit import align as align_module
from audit.align import align, attach_source, unit
from audit.model import Document, Segment
from audit.readers import load_document


@pytest.fixture(scope="module")
def aligned(sample: Path, sample_de: Path) -> Document:
    return load_document(
        str(sample), source_lang="de", target_lang="en", source_path=str(sample_de)
    )


def _at_line(document: Document, line: int, start: str = "") -> Segment:
    hits = [s for s in document.segments if s.line == line and s.text.startswith(start)]
    assert len(hits) == 1, (line, start, hits)
    return hits[0]


def test_headline_aligns_to_the_german_headline(aligned: Document) -> None:
    headline = _at_line(aligned, 1)
    assert headline.source_ids == ("1",)
    assert (
        headline.source == "Keine Entspannung in Sicht: Moskau warnt NATO vor bewaffnetem Konflikt"
    )
    assert aligned.has_source


@pytest.mark.parametrize(("line", "start"), [(3, "No relaxation"), (4, "Moscow warns"), (26, ".")])
def test_duplicated_headline_and_stray_dot_have_no_source(
    aligned: Document, line: int, start: str
) -> None:
    segment = _at_line(aligned, line, start)
    assert segment.source is None
    assert segment.source_ids == ()


def test_scraped_source_line_has_no_source(aligned: Document) -> None:
    segment = _at_line(aligned, 27, "source site-34")
    assert segment.source is None


def test_calque_sentence_aligns_to_its_german_sentence(aligned: Document) -> None:
    segment = _at_line(aligned, 10, "Accordingly, among the 105 attendees")
    assert segment.source is not None
    assert segment.source.startswith("Demnach waren unter den 105 Teilnehmern")
    assert len(segment.source_ids) == 1


@pytest.mark.parametrize(
    ("line", "start", "german"),
    [
        (6, "And the Kremlin continues", "Und der Kreml verschärft weiter seine Drohungen."),
        (12, "Putin warns", "Putin warnt vor NATO-Beitritt der Ukraine"),
        (22, "The Alliance’s General Secretary", "Bündnis-Generalsekretär Jens Stoltenberg"),
        (24, "Government circles", "Aus Regierungskreisen in Berlin"),
    ],
)
def test_other_sentences_align_one_to_one(
    aligned: Document, line: int, start: str, german: str
) -> None:
    segment = _at_line(aligned, line, start)
    assert segment.source is not None and segment.source.startswith(german)


def test_alignment_is_monotonic_and_covers_the_source(aligned: Document) -> None:
    order = {s.id: i for i, s in enumerate(aligned.source_segments)}
    used = [order[i] for s in aligned.segments for i in s.source_ids]
    assert used == sorted(used)
    covered = set(used) | {order[i] for i in aligned.unaligned_source}
    assert covered == set(range(len(aligned.source_segments)))


def test_segments_keep_their_text_and_position(aligned: Document, sample: Path) -> None:
    plain = load_document(str(sample), source_lang="de", target_lang="en")
    assert [(s.id, s.text, s.line, s.column) for s in aligned.segments] == [
        (s.id, s.text, s.line, s.column) for s in plain.segments
    ]


# --- synthetic paragraphs -----------------------------------------------------------------

GERMAN = [
    "Russland kritisiert, dass die NATO seit dem Zerfall der Sowjetunion vor 30 Jahren "
    "Militärstützpunkte immer näher an Russland heranrückt.",
    "Allein in Osteuropa sind inzwischen 13.000 Soldaten aus NATO-Staaten dauerhaft stationiert.",
    "Hinzu kommen 200 Panzer sowie 30 Flugzeuge und Hubschrauber.",
    "Die NATO sieht darin eine Abschreckung gegen eine aggressive russische Politik.",
    "Zudem kritisiert das Militärbündnis aktuell einen russischen Truppenaufmarsch nahe der "
    "ukrainischen Grenze.",
]
ENGLISH = [
    "Russia criticizes the fact that since the collapse of the Soviet Union 30 years ago, NATO "
    "has been moving military bases ever closer to Russia.",
    "In Eastern Europe alone, 13,000 soldiers from NATO countries, including 200 tanks and 30 "
    "planes and helicopters, are now permanently stationed.",
    "NATO sees this as a deterrent against aggressive Russian policies.",
    "In addition, the military alliance is currently criticizing a Russian troop build-up near "
    "the Ukrainian border.",
]


def _attach(german: list[str], english: list[str]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    source = [Segment(f"d{i}", t, paragraph=0) for i, t in enumerate(german, start=1)]
    target = [Segment(f"e{i}", t, paragraph=0) for i, t in enumerate(english, start=1)]
    result, unaligned = attach_source(target, source)
    return {s.id: s.source_ids for s in result}, [s.id for s in unaligned]


def test_two_german_sentences_merged_into_one() -> None:
    beads, unaligned = _attach(GERMAN, ENGLISH)
    assert beads == {"e1": ("d1",), "e2": ("d2", "d3"), "e3": ("d4",), "e4": ("d5",)}
    assert unaligned == []


def test_merge_and_dropped_last_sentence() -> None:
    beads, unaligned = _attach(GERMAN, ENGLISH[:3])
    assert beads == {"e1": ("d1",), "e2": ("d2", "d3"), "e3": ("d4",)}
    assert unaligned == ["d5"]


def test_dropped_middle_sentence() -> None:
    german = [
        "Fomin erinnerte an die Forderungen Russlands an die NATO nach Sicherheitsgarantien und "
        "einem Ende der Osterweiterung.",
        "Erneut warnte er vor einer möglichen NATO-Mitgliedschaft der Ukraine.",
        "Präsident Wladimir Putin hatte zuletzt mit Konsequenzen gedroht, sollte die NATO noch "
        "näher an Russland vordringen.",
    ]
    english = [
        "Fomin recalled Russia’s demands on NATO for security guarantees and an end to eastward "
        "expansion.",
        "President Vladimir Putin recently threatened consequences if NATO should penetrate "
        "closer to Russia.",
    ]
    beads, unaligned = _attach(german, english)
    assert beads == {"e1": ("d1",), "e2": ("d3",)}
    assert unaligned == ["d2"]


def test_align_covers_both_sequences_in_order() -> None:
    source = [unit(t) for t in GERMAN]
    target = [unit(t) for t in ENGLISH]
    beads = align(source, target)
    assert [i for s, _ in beads for i in s] == list(range(len(source)))
    assert [j for _, t in beads for j in t] == list(range(len(target)))
    assert align([], []) == []
    assert align([unit("Nur Deutsch.")], []) == [((0,), ())]


# --- the length model, re-checked on real parallel text -----------------------------------


def _pairs(shared: Path) -> list[tuple[str, str]]:
    base = shared / "external" / "flores-ntrex-deen"
    pairs: list[tuple[str, str]] = []
    for german, english in [
        ("flores200/deu_Latn.devtest", "flores200/eng_Latn.devtest"),
        ("ntrex128/newstest2019-ref.deu.txt", "ntrex128/newstest2019-src.eng.txt"),
    ]:
        de = (base / german).read_text(encoding="utf-8").splitlines()
        en = (base / english).read_text(encoding="utf-8").splitlines()
        assert len(de) == len(en) > 1000
        pairs.extend(zip(de, en))
    return pairs


def test_parallel_test_sets_align_one_to_one(shared: Path) -> None:
    pairs = _pairs(shared)[:60]
    source = [Segment(f"d{i}", de, paragraph=0) for i, (de, _) in enumerate(pairs)]
    target = [Segment(f"e{i}", en, paragraph=0) for i, (_, en) in enumerate(pairs)]
    result, unaligned = attach_source(target, source)
    right = sum(s.source_ids == (f"d{i}",) for i, s in enumerate(result))
    assert right >= 0.9 * len(pairs)
    assert len(unaligned) <= 0.1 * len(pairs)


def test_length_model_matches_flores_and_ntrex(shared: Path) -> None:
    pairs = _pairs(shared)
    ratio = sum(len(en) for _, en in pairs) / sum(len(de) for de, _ in pairs)
    variance = statistics.mean((len(en) - ratio * len(de)) ** 2 / len(de) for de, en in pairs)
    assert abs(ratio - align_module._RATIO) < 0.03
    assert align_module._VARIANCE / 1.5 < variance < align_module._VARIANCE * 1.5

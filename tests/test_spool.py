"""Findings spooled to disk past a bound: same findings, same order, same reports."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

import pytest

from audit import spool
from audit.engine import Auditor, run
from audit.fingerprint import fingerprints
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import Finding, RunResult, Severity
from audit.readers import load_document
from audit.reporters.json import render_json
from audit.reporters.sarif import iter_sarif, sarif_log
from audit.selection import RuleSelection
from audit.spool import FindingSpool

REPO = Path(__file__).resolve().parents[1]


def _finding(n: int) -> Finding:
    return Finding(
        rule=f"R{n % 7:03d}",
        name="rule",
        category="accuracy/omission",
        severity=list(Severity)[n % 3],
        segment=f"s{n // 3}",
        line=n + 1,
        column=1,
        start=n % 5,
        end=n % 5 + 2,
        text="ab",
        message=f"finding {n}",
        suggestions=(f"fix {n}",) if n % 2 else (),
        evidence=MappingProxyType({"n": str(n)}) if n % 4 else MappingProxyType({}),
    )


@pytest.mark.parametrize(("limit", "batch"), [(0, 1), (3, 2), (10, 4), (1000, 8)])
def test_a_spool_gives_back_what_was_added_in_order(
    limit: int, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spool, "BATCH", batch)
    items = [_finding(n) for n in range(25)]
    kept = FindingSpool(memory_limit=limit)
    for item in items:
        kept.add(item, f"text of {item.segment}")
    kept.finish()
    assert len(kept) == 25
    assert kept.spilled == max(0, 25 - limit)
    for _ in range(2):  # read twice: the disk part is read again
        assert list(kept) == items
    assert kept == items
    assert [kept[i] for i in (0, 4, 24, -1)] == [items[0], items[4], items[24], items[-1]]
    assert kept[3:6] == items[3:6]
    with pytest.raises(IndexError):
        kept[25]
    assert dict(kept.texts()) == {f.segment: f"text of {f.segment}" for f in items}
    # Evidence comes back read-only, as findings are made.
    assert all(type(a.evidence) is type(b.evidence) for a, b in zip(kept, items, strict=True))
    with pytest.raises(ValueError):
        kept.add(items[0], "")


def _filled(count: int, offset: int = 0) -> tuple[FindingSpool, list[Finding]]:
    items = [_finding(offset + n) for n in range(count)]
    kept = FindingSpool()
    for item in items:
        kept.add(item, f"text of {item.segment}")
    return kept.finish(), items


def test_the_spools_of_a_process_hold_a_bounded_number_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A folder of files: each spool is under its own limit, but together they hold only
    # HELD_IN_ALL findings as objects; the rest of every one of them waits on disk.
    monkeypatch.setattr(spool, "BATCH", 3)
    monkeypatch.setattr(spool, "HELD_IN_ALL", spool._HELD.taken + 12)
    filled = [_filled(7, 100 * n) for n in range(6)]
    assert sum(len(kept) - kept.spilled for kept, _ in filled) == 12
    assert sum(kept.spilled for kept, _ in filled) == 6 * 7 - 12
    # Read back one after another, and two at once: each gives its own findings in order.
    for kept, items in filled:
        assert list(kept) == items
    first, second = filled[-1], filled[-2]
    assert list(zip(first[0], second[0])) == list(zip(first[1], second[1]))
    # Gone spools give their share back.
    del filled, first, second
    import gc

    gc.collect()
    kept, items = _filled(5, 900)
    assert kept.spilled == 0 and list(kept) == items


def test_a_spool_keeps_its_order_when_memory_is_given_back_while_it_spills(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    gc.collect()
    monkeypatch.setattr(spool, "HELD_IN_ALL", spool._HELD.taken + 3)
    other, _ = _filled(3)  # takes what is left
    items = [_finding(500 + n) for n in range(6)]
    kept = FindingSpool()
    for item in items[:3]:
        kept.add(item, "text")  # on disk: no memory left
    del other
    gc.collect()  # memory is given back while the spool is being filled
    for item in items[3:]:
        kept.add(item, "text")
    assert list(kept.finish()) == items


def test_every_spool_of_a_process_writes_to_one_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc
    import os

    monkeypatch.setattr(spool, "BATCH", 2)
    gc.collect()

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip("open files are counted through /proc (Linux)")

    def open_spill_files() -> int:
        count = 0
        for fd in os.listdir("/proc/self/fd"):
            try:
                count += "tqa-findings-" in os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue  # the descriptor that listed the folder, closed since
        return count

    before = open_spill_files()
    spools = []
    for n in range(300):
        kept = FindingSpool(memory_limit=0)
        for item in (_finding(n), _finding(n + 1)):
            kept.add(item, "text")
        spools.append(kept.finish())
    assert all(kept.spilled == 2 for kept in spools)
    assert open_spill_files() <= max(before, 1)
    assert [list(kept) for kept in spools[:3]] == [[_finding(n), _finding(n + 1)] for n in range(3)]
    # When the last spool that wrote to it is gone, the file is emptied.
    spill = spool._SPILL
    del spools, kept
    gc.collect()
    assert spill.writers == 0
    assert spill._file is not None and os.fstat(spill._file.fileno()).st_size == 0


def test_an_empty_spool_is_empty() -> None:
    kept = FindingSpool().finish()
    assert len(kept) == 0 and not kept and list(kept) == [] and dict(kept.texts()) == {}


def _report(path: Path, source: Path | None = None) -> str:
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    auditor = Auditor.build(glossary, "de", "en", RuleSelection())
    document = load_document(
        str(path), source_path=str(source) if source else None, source_lang="de", target_lang="en"
    )
    return render_json(run([document], auditor, glossary))


@pytest.mark.parametrize(
    ("target", "source"),
    [
        ("corpora/eval/deen.jsonl", None),
        ("corpora/samples/article.en.txt", "corpora/samples/article.de.txt"),
        ("corpora/samples/article.en.txt", None),
    ],
)
def test_a_report_is_the_same_whether_findings_stay_in_memory_or_go_to_disk(
    target: str, source: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target_path = REPO / target
    source_path = REPO / source if source else None
    in_memory = _report(target_path, source_path)
    monkeypatch.setattr(spool, "MEMORY_LIMIT", 2)
    monkeypatch.setattr(spool, "BATCH", 3)
    assert _report(target_path, source_path) == in_memory


def test_sarif_is_written_in_pieces_that_join_to_the_whole_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    auditor = Auditor.build(glossary, "de", "en", RuleSelection())

    def result() -> RunResult:
        document = load_document(
            str(REPO / "corpora/eval/deen.jsonl"), source_lang="de", target_lang="en"
        )
        return run([document], auditor, glossary)

    whole = json.dumps(sarif_log(result()), ensure_ascii=False, indent=2) + "\n"
    assert "".join(iter_sarif(result())) == whole
    prints = [digest for file in result().files for _, digest in fingerprints(file)]
    # Spilled to disk, the findings and their fingerprints come back the same.
    monkeypatch.setattr(spool, "MEMORY_LIMIT", 5)
    monkeypatch.setattr(spool, "BATCH", 7)
    assert "".join(iter_sarif(result())) == whole
    assert [digest for file in result().files for _, digest in fingerprints(file)] == prints
    assert "".join(iter_sarif(run([], auditor, glossary))) == (
        json.dumps(sarif_log(run([], auditor, glossary)), ensure_ascii=False, indent=2) + "\n"
    )

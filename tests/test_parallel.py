"""--jobs N: the same findings, in the same order, as a single process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.model import Document, Segment
from audit.parallel import chunks
from tests.conftest import run_cli


def test_jobs_give_output_identical_to_one_process(tmp_path: Path) -> None:
    rows = []
    for i in range(1200):  # more than two chunks
        target = [
            "The government approved 3,5 million euros on Monday.",
            "The NATO General Secretary met the the ministers.",
            "The ministry did not recieve the letter.",
            "A date has not yet been set.",
        ][i % 4]
        source = [
            "Die Regierung hat am Montag 3,5 Millionen Euro bewilligt.",
            "Der NATO-Generalsekretär traf die Minister.",
            "Das Ministerium hat den Brief nicht erhalten.",
            "Ein Termin steht noch nicht fest.",
        ][i % 4]
        rows.append(json.dumps({"id": f"s{i}", "source": source, "target": target}))
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    one = run_cli(["check", path, "--format", "json", "--fail-on", "never"])
    two = run_cli(["check", path, "--format", "json", "--fail-on", "never", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["summary"]["findings"] >= 1200


def test_chunks_carry_the_previous_segment() -> None:
    segments = tuple(Segment(str(i), f"Sentence {i}.") for i in range(1001))
    parts = list(chunks(Document("d", segments), size=500))
    assert [len(p[0]) for p in parts] == [500, 500, 1]
    assert parts[0][1] is None
    assert parts[1][1] is segments[499] and parts[2][1] is segments[999]


def test_dask_engine_gives_the_same_output(tmp_path: Path, sample: Path, sample_de: Path) -> None:
    pytest.importorskip("dask.bag", reason="the optional dask extra is not installed")
    args = ["check", sample, "--source", sample_de, "--format", "json", "--fail-on", "never"]
    one = run_cli(args)
    dask = run_cli([*args, "--engine", "dask"])
    assert one.exit_code == dask.exit_code == 0, dask.output
    assert one.stdout == dask.stdout

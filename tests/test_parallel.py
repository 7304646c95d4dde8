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


EVAL = Path(__file__).resolve().parent.parent / "corpora" / "eval" / "deen.jsonl"


def test_jobs_and_dask_give_byte_identical_json_on_the_evaluation_corpus() -> None:
    pytest.importorskip("distributed", reason="the optional dask extra is not installed")
    args = ["check", EVAL, "--format", "json", "--fail-on", "never"]
    one = run_cli(args)
    two = run_cli([*args, "--jobs", "2"])
    dask = run_cli([*args, "--engine", "dask", "--jobs", "2"])
    assert one.exit_code == two.exit_code == dask.exit_code == 0, dask.output
    assert one.stdout == two.stdout == dask.stdout
    assert json.loads(one.stdout)["summary"]["findings"] > 50


def test_dask_engine_runs_on_an_existing_cluster_by_its_address() -> None:
    distributed = pytest.importorskip("distributed", reason="the optional dask extra is absent")
    args = ["check", EVAL, "--format", "json", "--fail-on", "never"]
    one = run_cli(args)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = run_cli([*args, "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == one.stdout


def test_a_worker_builds_a_new_auditor_when_the_rules_of_a_run_differ() -> None:
    from audit.glossary import Glossary
    from audit.parallel import AuditorSpec, _spec_key
    from audit.selection import RuleSelection

    def spec(select: tuple[str, ...], options: dict[str, float]) -> AuditorSpec:
        return AuditorSpec(
            Glossary((), ()), "de", "en", RuleSelection(select, (), {}), None, options
        )

    base = _spec_key(spec((), {}))
    assert base == _spec_key(spec((), {}))
    assert base != _spec_key(spec(("SPELL",), {}))
    assert base != _spec_key(spec((), {"reference_threshold": 30.0}))

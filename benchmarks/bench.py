"""``nox -s bench``: how fast and how large a ``tqa check`` run is, beside peers on this machine.

Steps (all inputs generated into a temporary folder from ../shared, never into the repository):

1. throughput: ``tqa check`` with the default rules on a 100,000-segment German->English bitext
   (real pairs cycled, 30 % with an injected error of every class), as a subprocess;
2. pofilter (translate-toolkit) with its defaults and with ``--language=en`` on the same units
   as a PO file;
3. glossary scaling: the same command on 2,000 segments with 1,000- and 50,000-term glossaries;
4. memory: peak RSS of reading and of auditing 250,000 and 1,000,000 segments;
5. the cost of each check class alone, in process, on distinct and on cycled segments;
6. peers: a bare read-and-tokenise pass, and sacrebleu's sentence chrF.

``--quick`` divides every size by ten. Results are printed and written to reports/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from benchmarks import corpus, peers, profile_rules
from benchmarks.glossaries import write_glossary
from benchmarks.measure import Measurement, measure
from benchmarks.report import number, table

REPO = Path(__file__).resolve().parent.parent
# A rule that costs next to nothing per segment: with only it selected, a run's memory is that
# of reading, holding and reporting the segments, whatever the rules add on top.
CHEAP_RULE = "ART001"
STARTUP_SEGMENTS = 20
REPEATS = 3
WARM_UP = 200


@dataclass(frozen=True, slots=True)
class Sizes:
    bitext: int
    glossary_segments: int
    glossary_terms: tuple[int, int]
    memory: tuple[int, int]
    profile: int
    document: int
    chrf: int

    @classmethod
    def of(cls, quick: bool) -> Sizes:
        # The glossary runs use a tenth of the bitext: enough segments that the run, not the
        # start-up, is measured, while three more runs stay within the bench's budget.
        full = cls(100_000, 10_000, (1_000, 50_000), (250_000, 1_000_000), 20_000, 200, 20_000)
        if not quick:
            return full
        return cls(
            full.bitext // 10,
            full.glossary_segments // 10,
            (full.glossary_terms[0] // 10, full.glossary_terms[1] // 10),
            (full.memory[0] // 10, full.memory[1] // 10),
            full.profile // 10,
            full.document,
            full.chrf // 10,
        )


class Bench:
    """One benchmark run: a scratch folder, the generated inputs and every result so far."""

    def __init__(self, sizes: Sizes, scratch: Path) -> None:
        self.sizes = sizes
        self.scratch = scratch
        self.results: dict[str, Any] = {}
        self.pairs = corpus.load_pairs(corpus.shared_folder(REPO))
        self.records = list(corpus.records(self.pairs, sizes.bitext))

    def tqa(self, name: str, path: Path, *options: str) -> tuple[Measurement, dict[str, Any]]:
        """``tqa check`` on ``path`` as a separate process; its measurement and JSON report
        (with the report's size in bytes added under ``report_bytes``)."""
        out = self.scratch / f"{name}.json"
        command = [sys.executable, "-m", "audit", "check", str(path), "--format", "json"]
        command += ["--output", str(out), "--fail-on", "never", "--quiet", *options]
        measured = measure(command, self.scratch, self.scratch / f"{name}.log")
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        report["report_bytes"] = out.stat().st_size
        out.unlink()  # reports of a million segments are large; only the numbers are kept
        return measured, report

    def tqa_setup(self, name: str, *options: str, repeats: int = REPEATS) -> Measurement:
        """The fastest of ``repeats`` runs on a few segments: what a run costs before its first
        segment (imports, word lists, glossaries, compiling patterns). Short runs are noisy,
        so the minimum is taken."""
        small = self.scratch / "startup.jsonl"
        if not small.exists():
            corpus.write_jsonl(small, self.records[:STARTUP_SEGMENTS])
        runs = [self.tqa(f"{name}-{i}", small, *options)[0] for i in range(repeats)]
        return min(runs, key=lambda m: m.wall)

    def jsonl(self, name: str, items: Sequence[corpus.Record]) -> Path:
        path = self.scratch / f"{name}.jsonl"
        corpus.write_jsonl(path, items)
        return path


def _step(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _rates(measured: Measurement, segments: int, words: int) -> dict[str, Any]:
    """Rates per wall-clock second, and per CPU second (less sensitive to other work on a
    shared machine; both tools run on one core)."""
    return {
        **asdict(measured),
        "segments": segments,
        "words": words,
        "segments_per_s": segments / measured.wall,
        "words_per_s": words / measured.wall,
        "segments_per_cpu_s": segments / measured.cpu,
    }


def throughput(bench: Bench) -> None:
    _step(f"tqa check, default rules, {len(bench.records):,} segments")
    startup = bench.tqa_setup("startup")
    path = bench.jsonl("bitext", bench.records)
    measured, report = bench.tqa("bitext", path)
    words = sum(f["words"] for f in report["files"])
    findings = [x for f in report["files"] for x in f["findings"]]
    flagged = {x["segment"] for x in findings}
    by_rule = Counter(x["rule"] for x in findings)
    longest = max(findings, key=lambda x: len(x["message"]), default=None)
    bench.results["input"] = {
        "segments": len(bench.records),
        "distinct_pairs": len(bench.pairs),
        "target_words": words,
        "source_words": corpus.word_count([r.source for r in bench.records]),
        "bytes": path.stat().st_size,
        "injected": dict(Counter(r.kind or "clean" for r in bench.records).most_common()),
    }
    bench.results["tqa"] = {
        **_rates(measured, len(bench.records), words),
        "startup": asdict(startup),
        "steady_segments_per_s": len(bench.records) / (measured.wall - startup.wall),
        "steady_cpu_us_per_segment": (measured.cpu - startup.cpu) / len(bench.records) * 1e6,
        "findings": report["summary"],
        "flagged_segments": len(flagged),
        "findings_by_rule": dict(by_rule.most_common()),
        "report_bytes": report["report_bytes"],
        "longest_message": {
            "rule": longest["rule"] if longest else "",
            "chars": len(longest["message"]) if longest else 0,
        },
    }


def parallel(bench: Bench) -> None:
    """The same run with --jobs 2 (this machine has two cores): the speed-up over one process."""
    _step(f"tqa check --jobs 2, {len(bench.records):,} segments")
    path = bench.scratch / "bitext.jsonl"
    measured, report = bench.tqa("bitext-jobs2", path, "--jobs", "2")
    one = bench.results["tqa"]
    bench.results["jobs2"] = {
        **_rates(measured, len(bench.records), one["words"]),
        "speedup": one["wall"] / measured.wall,
        "same_findings": report["summary"] == one["findings"],
    }


def pofilter(bench: Bench) -> None:
    _step("pofilter on the same units")
    po = bench.scratch / "bitext.po"
    corpus.write_po(po, bench.records)
    tool = Path(sys.executable).parent / "pofilter"
    program = str(tool) if tool.exists() else shutil.which("pofilter")
    if program is None:
        bench.results["pofilter"] = {"error": "pofilter not installed (nox -s bench installs it)"}
        return
    words = bench.results["tqa"]["words"]
    runs: dict[str, Any] = {}
    for name, options in (("defaults", []), ("language_en", ["--language=en"])):
        out = bench.scratch / f"pofilter-{name}.po"
        command = [program, "--progress=none", *options, "-i", str(po), "-o", str(out)]
        measured = measure(command, bench.scratch, bench.scratch / f"pofilter-{name}.log")
        text = out.read_text(encoding="utf-8")
        runs[name] = {
            **_rates(measured, len(bench.records), words),
            # each failing unit is written out with its msgctxt (the header has none)
            "flagged_units": text.count("\nmsgctxt "),
            "ratio_tqa_to_pofilter": bench.results["tqa"]["segments_per_s"]
            / (len(bench.records) / measured.wall),
            "ratio_tqa_to_pofilter_cpu": bench.results["tqa"]["segments_per_cpu_s"]
            / (len(bench.records) / measured.cpu),
        }
    runs["spellcheck"] = _spellcheck_status()
    runs["version"] = _version("translate-toolkit")
    bench.results["pofilter"] = runs


def _spellcheck_status() -> str:
    """Whether pofilter's spell check (pyenchant + the Enchant C library + an English
    dictionary) can run here; without it the spellcheck filter silently checks nothing."""
    try:
        import enchant  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        reason = " ".join(str(exc).split())
        return f"not available ({reason}); pofilter's spellcheck filter checked nothing"
    try:
        has_english = bool(enchant.dict_exists("en"))
    except Exception as exc:  # any Enchant failure means no spell check
        return f"not available (Enchant error: {exc}); spellcheck checked nothing"
    if not has_english:
        return "Enchant present but no English dictionary; spellcheck checked nothing"
    return "available (Enchant with an English dictionary)"


def glossary_scaling(bench: Bench) -> None:
    count = bench.sizes.glossary_segments
    _step(f"glossary scaling on {count:,} segments")
    path = bench.jsonl("glossary-bitext", bench.records[:count])
    runs: dict[str, Any] = {}
    for terms in (0, *bench.sizes.glossary_terms):
        options: list[str] = []
        if terms:
            tsv = bench.scratch / f"glossary-{terms}.tsv"
            write_glossary(tsv, terms)
            options = ["--glossary", str(tsv)]
        setup = bench.tqa_setup(f"glossary-{terms}-setup", *options, repeats=2)
        measured, report = bench.tqa(f"glossary-{terms}", path, *options)
        words = sum(f["words"] for f in report["files"])
        runs[str(terms)] = {
            **_rates(measured, count, words),
            "setup_wall": setup.wall,
            "setup_cpu": setup.cpu,
            # CPU time past the setup, per segment: the matching cost the glossary adds
            "per_segment_cpu_ms": (measured.cpu - setup.cpu) / count * 1000,
            "findings": report["summary"]["findings"],
        }
    low, high = (str(t) for t in bench.sizes.glossary_terms)
    runs["ratio_time"] = runs[high]["wall"] / runs[low]["wall"]
    runs["ratio_cpu"] = runs[high]["cpu"] / runs[low]["cpu"]
    runs["ratio_per_segment"] = runs[high]["per_segment_cpu_ms"] / runs[low]["per_segment_cpu_ms"]
    runs["ratio_setup"] = runs[high]["setup_cpu"] / runs[low]["setup_cpu"]
    bench.results["glossary"] = runs


def memory(bench: Bench) -> None:
    runs: dict[str, Any] = {}
    for count in bench.sizes.memory:
        _step(f"memory, {count:,} segments streamed to disk")
        path = bench.scratch / f"memory-{count}.jsonl"
        corpus.write_jsonl_cycled(path, bench.records, count)
        reader = [
            sys.executable,
            "-c",
            "import sys\n"
            "from audit.readers import load_document\n"
            "d = load_document(sys.argv[1], source_lang='de', target_lang='en', stream=True)\n"
            "print(sum(1 for _ in d))",
            str(path),
        ]
        read = measure(reader, bench.scratch, bench.scratch / f"memory-{count}-read.log")
        checked, report = bench.tqa(f"memory-{count}", path, "--select", CHEAP_RULE)
        runs[str(count)] = {
            "bytes": path.stat().st_size,
            "read_only": asdict(read),
            "check_one_rule": {**asdict(checked), "rule": CHEAP_RULE},
            "segments_seen": sum(f["segments"] for f in report["files"]),
        }
        if count == bench.sizes.memory[0]:
            _step(f"memory, {count:,} segments, every rule")
            every, report = bench.tqa(f"memory-{count}-all", path)
            runs[str(count)]["check_all_rules"] = {
                **asdict(every),
                "findings": report["summary"]["findings"],
            }
        path.unlink()
    low, high = bench.sizes.memory
    span = high - low
    for key in ("read_only", "check_one_rule"):
        grow = runs[str(high)][key]["peak_rss_mib"] - runs[str(low)][key]["peak_rss_mib"]
        runs[f"{key}_kib_per_segment"] = grow * 1024 / span
    # Every rule on: the main run and the all-rules memory run differ only in their number of
    # segments (the same kind of text, the same share of injected errors).
    tqa, every = bench.results["tqa"], runs[str(low)]["check_all_rules"]
    full_grow = (every["peak_rss_mib"] - tqa["peak_rss_mib"]) / (low - tqa["segments"])
    runs["all_rules_kib_per_segment"] = full_grow * 1024
    runs["all_rules_projected_mib"] = every["peak_rss_mib"] + full_grow * (high - low)
    runs["note"] = (
        f"every rule on {high:,} segments would take about "
        f"{high / tqa['steady_segments_per_s'] / 60:.0f} minutes here (the whole bench has a "
        f"15-minute budget), so the {high:,}-segment run selects only {CHEAP_RULE}; with every "
        f"rule, the growth from {tqa['segments']:,} to {low:,} segments is projected to "
        f"{high:,}: segments stream and are not kept, and findings (about "
        f"{every['findings'] / low:.2f} per segment in this corpus, with 30% injected errors) "
        "past the first 20,000 wait on disk for the report, so what grows is bounded word "
        "memories filling up (a linear projection overstates it)"
    )
    bench.results["memory"] = runs


def rule_profile(bench: Bench) -> None:
    count = bench.sizes.profile
    _step(f"cost per check class, {count:,} segments in process")
    resources, loads = profile_rules.load_resources()
    # Checks that remember verdicts per word (spelling) look cheaper on cycled text than on
    # text that never repeats, so the profile runs twice: over one pass of the distinct
    # pairs, and over the cycled segments the CLI run saw.
    distinct = min(count, len(bench.pairs))
    passes = {
        "distinct": profile_rules.segments_of(bench.records[:distinct]),
        "cycled": profile_rules.segments_of(bench.records[:count]),
    }
    results: dict[str, Any] = {"document_size": bench.sizes.document, "resource_loads": loads}
    # A short pass first, not counted: lazy loads and module-level caches fill on first use,
    # which would otherwise be charged to whichever pass came first.
    profile_rules.profile(passes["distinct"][:WARM_UP], bench.sizes.document, resources)
    for name, segments in passes.items():
        costs = profile_rules.profile(segments, bench.sizes.document, resources)
        results[name] = {
            "segments": len(segments),
            "checks": [{**asdict(c), "us_per_segment": c.micros_per_segment} for c in costs],
            "total_us_per_segment": sum(c.micros_per_segment for c in costs),
        }
    bench.results["rules"] = results


def reference_peers(bench: Bench) -> None:
    _step("peers: read-and-tokenise, sacrebleu sentence chrF")
    seconds, segments, words = peers.read_and_tokenise(bench.scratch / "bitext.jsonl")
    count = min(bench.sizes.chrf, len(bench.records))
    clean = [bench.pairs[i % len(bench.pairs)][1] for i in range(count)]
    pairs = [(r.target, ref) for r, ref in zip(bench.records[:count], clean)]
    chrf = peers.sentence_chrf(pairs)
    bench.results["peers"] = {
        "read_tokenise": {
            "seconds": seconds,
            "segments_per_s": segments / seconds,
            "words_per_s": words / seconds,
        },
        "sacrebleu_chrf": {
            "seconds": chrf,
            "pairs": count,
            "pairs_per_s": count / chrf,
            "version": _version("sacrebleu"),
        },
    }


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def summary(results: dict[str, Any]) -> str:
    tqa, po, gl = results["tqa"], results["pofilter"], results["glossary"]
    mem, rules, peer = results["memory"], results["rules"], results["peers"]
    out: list[str] = []
    rows: list[list[str]] = []
    runs = [("tqa check (all rules)", tqa)]
    runs += [(f"pofilter {n}", po[n]) for n in ("defaults", "language_en") if n in po]
    for label, run in runs:
        rows.append(
            [
                label,
                number(run["segments_per_s"]),
                number(run["segments_per_cpu_s"]),
                number(run["words_per_s"]),
                number(run["wall"], 1),
                number(run["cpu"], 1),
                number(run["peak_rss_mib"]),
            ]
        )
    tokenise, chrf = peer["read_tokenise"], peer["sacrebleu_chrf"]
    rows.append(
        [
            "read + tokenise (peer)",
            "-",
            number(tokenise["segments_per_s"]),
            f"{number(tokenise['words_per_s'])}*",
            "-",
            number(tokenise["seconds"], 1),
            "-",
        ]
    )
    chrf_rate, chrf_seconds = number(chrf["pairs_per_s"]), number(chrf["seconds"], 1)
    rows.append(["sacrebleu chrF (peer)", "-", chrf_rate, "-", "-", chrf_seconds, "-"])
    out.append(
        table(
            f"Throughput on {tqa['segments']:,} segments ({tqa['words']:,} target words)",
            ["run", "seg/s", "seg/CPU s", "words/s", "wall s", "CPU s", "peak RSS MiB"],
            rows,
        )
    )
    out.append(
        "tqa and pofilter run as separate processes (wall clock from start to exit); the peers"
        " run in process and are timed in CPU seconds (* words per CPU second)."
    )
    notes = [
        f"tqa startup ({STARTUP_SEGMENTS} segments): {tqa['startup']['wall']:.2f} s; "
        f"rate without it: {tqa['steady_segments_per_s']:,.0f} segments/s",
        f"tqa findings: {tqa['findings']['findings']:,} on {tqa['flagged_segments']:,} segments;"
        " most by rule: "
        + ", ".join(f"{k} {v:,}" for k, v in list(tqa["findings_by_rule"].items())[:5]),
        f"tqa JSON report: {tqa['report_bytes'] / 2**20:,.1f} MiB; longest message "
        f"{tqa['longest_message']['chars']:,} characters ({tqa['longest_message']['rule']})",
    ]
    for name in ("defaults", "language_en"):
        if name in po:
            notes.append(
                f"tqa/pofilter {name} segments per second: {po[name]['ratio_tqa_to_pofilter']:.2f}"
                f" wall, {po[name]['ratio_tqa_to_pofilter_cpu']:.2f} CPU"
                f" (pofilter flagged {po[name]['flagged_units']:,} units)"
            )
    notes.append(f"pofilter spell check: {po.get('spellcheck', po.get('error'))}")
    if "jobs2" in results:
        jobs = results["jobs2"]
        notes.append(
            f"tqa --jobs 2: {jobs['segments_per_s']:,.0f} segments/s, {jobs['speedup']:.2f}x one "
            f"process; same findings: {jobs['same_findings']}; peak RSS of the main process "
            f"{jobs['peak_rss_mib']:,.0f} MiB"
        )
    out.append("\n".join(notes) + "\n")
    gl_rows = [
        [
            f"{int(k):,} terms" if k != "0" else "shipped only",
            number(v["wall"], 1),
            number(v["cpu"], 1),
            number(v["setup_cpu"], 2),
            number(v["per_segment_cpu_ms"], 2),
            number(v["peak_rss_mib"]),
        ]
        for k, v in gl.items()
        if isinstance(v, dict)
    ]
    out.append(
        table(
            f"Glossary scaling on {results['sizes']['glossary_segments']:,} segments",
            ["extra glossary", "wall s", "CPU s", "setup CPU s", "CPU ms/segment", "peak RSS MiB"],
            gl_rows,
        )
    )
    out.append(
        f"ratio large/small glossary: wall {gl['ratio_time']:.2f}x, CPU {gl['ratio_cpu']:.2f}x, "
        f"per segment {gl['ratio_per_segment']:.2f}x, setup {gl['ratio_setup']:.2f}x "
        "(setup = fastest of 2 runs on 20 segments)\n"
    )
    mem_rows = [
        [
            f"{int(k):,}",
            number(v["bytes"] / 2**20),
            number(v["read_only"]["peak_rss_mib"]),
            number(v["read_only"]["wall"], 1),
            number(v["check_one_rule"]["peak_rss_mib"]),
            number(v["check_one_rule"]["wall"], 1),
        ]
        for k, v in mem.items()
        if isinstance(v, dict)
    ]
    out.append(
        table(
            "Memory: segments streamed from a JSONL file on disk",
            ["segments", "file MiB", "read RSS MiB", "read s", f"{CHEAP_RULE} RSS MiB", "check s"],
            mem_rows,
        )
    )
    out.append(
        f"growth per segment: reading {mem['read_only_kib_per_segment']:.2f} KiB, "
        f"checking with {CHEAP_RULE} {mem['check_one_rule_kib_per_segment']:.2f} KiB, "
        f"all rules {mem['all_rules_kib_per_segment']:.2f} KiB (peak "
        f"{mem[str(results['sizes']['memory'][0])]['check_all_rules']['peak_rss_mib']:,.0f} MiB "
        f"at {results['sizes']['memory'][0]:,}) "
        f"(projected {mem['all_rules_projected_mib']:,.0f} MiB at "
        f"{results['sizes']['memory'][1]:,} segments)\n{mem['note']}\n"
    )
    distinct, cycled = rules["distinct"], rules["cycled"]
    by_check = {c["check"]: c for c in distinct["checks"]}
    rule_rows = [
        [
            c["check"],
            c["kind"],
            number(c["setup"], 3),
            number(c["seconds"], 2),
            number(c["us_per_segment"], 1),
            number(by_check[c["check"]]["us_per_segment"], 1),
            number(c["findings"]),
        ]
        for c in cycled["checks"]
    ]
    out.append(
        table(
            f"Cost per check class, in process ({cycled['segments']:,} cycled segments, and "
            f"one pass of {distinct['segments']:,} distinct ones; document checks on documents "
            f"of {rules['document_size']})",
            ["check", "kind", "setup CPU s", "CPU s", "CPU µs/seg", "distinct µs/seg", "findings"],
            rule_rows,
        )
    )
    out.append(
        f"sum over checks: {cycled['total_us_per_segment']:,.0f} CPU µs/segment cycled, "
        f"{distinct['total_us_per_segment']:,.0f} on distinct text; the whole CLI run past its "
        f"startup: {tqa['steady_cpu_us_per_segment']:,.0f} CPU µs/segment (cycled text; "
        "reading, engine, scoring and the report included; all segments in one document)\n"
    )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="every size divided by ten")
    parser.add_argument("--output", type=Path, default=REPO / "reports" / "bench.json")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    if not corpus.shared_folder(REPO).is_dir():
        print(f"bench: {corpus.shared_folder(REPO)} is missing; nothing to measure")
        return 2
    sizes = Sizes.of(args.quick)
    scratch = Path(tempfile.mkdtemp(prefix="tqa-bench-"))
    started = time.perf_counter()
    try:
        _step(f"building {sizes.bitext:,} segments in {scratch}")
        bench = Bench(sizes, scratch)
        bench.results["sizes"] = asdict(sizes)
        bench.results["load_average_at_start"] = list(os.getloadavg())
        for stage in (throughput, parallel, pofilter, glossary_scaling, memory, rule_profile):
            stage(bench)
        reference_peers(bench)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    bench.results["machine"] = {
        "load_average_at_end": list(os.getloadavg()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": _cpus(),
        "tqa": _version("translation-audit"),
        "quick": args.quick,
        "total_seconds": time.perf_counter() - started,
    }
    text = summary(bench.results)
    print("\n" + text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(bench.results, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.output} in {bench.results['machine']['total_seconds']:.0f} s")
    return 0


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())

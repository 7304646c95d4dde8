"""Detection per injected error class, and false alarms, on clean real German→English pairs.

``python -m audit.evaluation_perturbed [--shared PATH] [--limit N] [--output PATH] [-v]``

The pairs are the professional translations of FLORES-200 devtest and NTREX-128 in the
workplace's shared folder (never copied into the repository). Each pair is audited as it is
(false alarms) and once per error class of ``audit.perturb`` with that error injected
(detection). Every item is audited as its own one-segment bitext document: document-level rules
(repeated sentences) and neighbour-aware checks would otherwise let items influence each other.
An item counts as flagged when any finding on it is a warning or an error. The exit status is 1
when a class misses its floor or the clean pairs are flagged too often, so CI can gate on it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from audit.engine import Auditor
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import Document, Finding, Segment, Severity
from audit.output import write_atomic
from audit.perturb import KINDS, Pool, build_pool, perturb
from audit.selection import RuleSelection

SOURCE_LANG, TARGET_LANG = "de", "en"
DATASET = Path("external") / "flores-ntrex-deen"
# (name, German file, English file) inside the data set; line n of one file translates line n
# of the other.
CORPORA = (
    ("flores", "flores200/deu_Latn.devtest", "flores200/eng_Latn.devtest"),
    ("ntrex", "ntrex128/newstest2019-ref.deu.txt", "ntrex128/newstest2019-src.eng.txt"),
)
# The least share of items of each class the tool must flag.
FLOORS: dict[str, float] = {
    "empty": 0.95,
    "numbers": 0.95,
    "german-left-in": 0.95,
    "repeats": 0.95,
    "tokenised": 0.95,
    "casing": 0.95,
    "end-punctuation": 0.95,
    "names-replaced": 0.80,
    "names-removed": 0.80,
    "other-sentence": 0.80,
    "misspelling": 0.50,
    "dropped-chars": 0.50,
}
CLEAN_CEILING = 0.03  # the most clean pairs the tool may flag
SEED = "tqa-perturbed-1"
EXAMPLES = 5  # examples per class printed with -v
REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    source: str
    target: str


@dataclass
class Tally:
    """Results for one class (or for the clean pairs)."""

    items: int = 0
    flagged: int = 0
    # Flagged by a rule that stays silent on the unperturbed pair: caught for the right reason.
    beyond_clean: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    noise_only: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.flagged / self.items if self.items else None


def load_pairs(folder: Path) -> list[Pair]:
    """The line-aligned pairs of every corpus, ids like ``flores-17`` (1-based line)."""
    pairs: list[Pair] = []
    for name, german, english in CORPORA:
        sources = (folder / german).read_text(encoding="utf-8").splitlines()
        targets = (folder / english).read_text(encoding="utf-8").splitlines()
        if len(sources) != len(targets):
            raise ValueError(
                f"{name}: {len(sources)} German lines but {len(targets)} English lines"
            )
        pairs.extend(
            Pair(f"{name}-{n}", s, t)
            for n, (s, t) in enumerate(zip(sources, targets), start=1)
            if s.strip() and t.strip()
        )
    return pairs


def serious(auditor: Auditor, pair_id: str, source: str, target: str) -> list[Finding]:
    """Warnings and errors on one pair, audited alone as a bitext document."""
    segment = Segment(id=pair_id, text=target, source=source)
    document = Document(pair_id, (segment,), SOURCE_LANG, TARGET_LANG, has_source=True)
    return [f for f in auditor.audit(document).findings if f.severity is not Severity.INFO]


def _describe(findings: Sequence[Finding]) -> str:
    return ", ".join(f"{f.rule} {f.text[:40]!r}" for f in findings)


def _short(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def evaluate(pairs: Sequence[Pair], pool: Pool, auditor: Auditor) -> tuple[Tally, dict[str, Tally]]:
    """Audit every pair clean and with each error class injected."""
    clean = Tally()
    clean_rules: dict[str, set[str]] = {}
    for pair in pairs:
        found = serious(auditor, pair.id, pair.source, pair.target)
        rules = {f.rule for f in found}
        clean_rules[pair.id] = rules
        clean.items += 1
        clean.by_rule.update(rules)
        if found:
            clean.flagged += 1
            clean.false_alarms.append(f"{pair.id}: {_describe(found)}  | {_short(pair.target)}")
    classes: dict[str, Tally] = {}
    for kind in KINDS:
        tally = classes[kind] = Tally()
        for pair in pairs:
            rng = random.Random(f"{SEED}:{kind}:{pair.id}")
            target = perturb(kind, pair.source, pair.target, rng, pool)
            if target is None:
                continue
            found = serious(auditor, pair.id, pair.source, target)
            rules = {f.rule for f in found}
            tally.items += 1
            tally.by_rule.update(rules)
            if not found:
                tally.misses.append(f"{pair.id}: {_short(target)!r}")
                continue
            tally.flagged += 1
            if rules - clean_rules[pair.id]:
                tally.beyond_clean += 1
            else:
                tally.noise_only.append(f"{pair.id}: {_describe(found)}  | {_short(target)!r}")
    return clean, classes


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{100 * share:.1f}%"


def _passes(share: float | None, bound: float, ceiling: bool = False) -> bool:
    if share is None:  # nothing measured, nothing failed
        return True
    return share <= bound if ceiling else share >= bound


def report(clean: Tally, classes: dict[str, Tally], verbose: bool) -> dict[str, object]:
    """Print the table (and examples with ``verbose``); return the numbers for the JSON file."""
    print(f"{'class':16} {'n':>5} {'flagged':>8} {'new rule':>8} {'floor':>7}  result")
    numbers: dict[str, object] = {}
    failed: list[str] = []
    for kind, tally in classes.items():
        floor = FLOORS[kind]
        ok = _passes(tally.share, floor)
        failed += [] if ok else [kind]
        new = tally.beyond_clean / tally.items if tally.items else None
        print(
            f"{kind:16} {tally.items:5} {_percent(tally.share):>8} {_percent(new):>8}"
            f" {'≥' + format(100 * floor, '.0f') + '%':>7}  {'pass' if ok else 'FAIL'}"
        )
        if verbose:
            for line in tally.misses[:EXAMPLES]:
                print(f"    missed  {line}")
            for line in tally.noise_only[:EXAMPLES]:
                print(f"    flagged only by rules that fire on the clean pair too: {line}")
        numbers[kind] = {
            "items": tally.items,
            "flagged": tally.flagged,
            "share": tally.share,
            "flagged_by_new_rule": tally.beyond_clean,
            "floor": floor,
            "pass": ok,
            "by_rule": dict(sorted(tally.by_rule.items())),
        }
    clean_ok = _passes(clean.share, CLEAN_CEILING, ceiling=True)
    print(
        f"{'clean':16} {clean.items:5} {_percent(clean.share):>8} {'':>8}"
        f" {'≤' + format(100 * CLEAN_CEILING, '.0f') + '%':>7}  {'pass' if clean_ok else 'FAIL'}"
    )
    if clean.by_rule:
        print("rules firing (warning/error) on clean pairs:")
        for code, count in clean.by_rule.most_common():
            print(f"    {code:10} {count:5}  {_percent(count / clean.items)}")
    if verbose:
        for line in clean.false_alarms[:EXAMPLES]:
            print(f"    false alarm  {line}")
    return {
        "classes": numbers,
        "clean": {
            "items": clean.items,
            "flagged": clean.flagged,
            "share": clean.share,
            "ceiling": CLEAN_CEILING,
            "pass": clean_ok,
            "by_rule": dict(sorted(clean.by_rule.items())),
        },
        "failed": failed + ([] if clean_ok else ["clean"]),
        "pass": clean_ok and not failed,
    }


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m audit.evaluation_perturbed",
        description="Detection per injected error class and false alarms on clean pairs.",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared data folder holding external/flores-ntrex-deen (default: ../shared)",
    )
    parser.add_argument("--limit", type=int, default=None, help="audit only the first N pairs")
    parser.add_argument(
        "--output",
        default="reports/evaluation-perturbed.json",
        help="where to write the numbers (default: reports/evaluation-perturbed.json)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print examples")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str]) -> int:
    args = _arguments(argv)
    folder = args.shared / DATASET
    if not folder.is_dir():
        print(f"skipped: clean pairs not found at {folder} (pass --shared PATH)", file=sys.stderr)
        return 0
    started = time.perf_counter()
    pairs = load_pairs(folder)
    # The pool comes from every pair, so --limit changes how many items run, not what they are.
    pool = build_pool(((p.source, p.target) for p in pairs), SOURCE_LANG, TARGET_LANG)
    if args.limit is not None:
        pairs = pairs[: args.limit]
    glossary = load_glossaries(default_glossary_paths(SOURCE_LANG, TARGET_LANG))
    auditor = Auditor.build(glossary, SOURCE_LANG, TARGET_LANG, RuleSelection())
    clean, classes = evaluate(pairs, pool, auditor)
    print(f"# {len(pairs)} clean {SOURCE_LANG}→{TARGET_LANG} pairs from {folder}")
    summary = report(clean, classes, args.verbose)
    summary = {
        "pairs": len(pairs),
        "seed": SEED,
        "rules": [m.code for m in auditor.rules],
        **summary,
    }
    write_atomic(args.output, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(f"({time.perf_counter() - started:.1f} s; numbers in {args.output})")
    return 0 if summary["pass"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

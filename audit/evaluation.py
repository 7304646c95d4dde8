"""Measure detection and false alarms on a labelled evaluation set (``nox -s evaluate``).

The set is JSONL: ``id``, ``kind``, ``source``, ``target`` and ``errors`` (a list of
``{"text": span of target, "fix": [acceptable corrections]}``; empty for clean items). Each
item is audited twice: with its German source (bilingual) and without it (target only).
An error counts as caught when a warning or error overlaps its span; its suggestion is right
when applying the overlapping findings' first suggestions turns the span into one of the fixes.
A clean item counts as flagged when it gets any warning or error.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from audit.engine import Auditor
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import Document, Finding, Segment, Severity
from audit.selection import RuleSelection


@dataclass
class Tally:
    items: int = 0
    errors: int = 0
    caught: int = 0
    info_only: int = 0
    assessable: int = 0
    right: int = 0
    flagged: int = 0
    missed: list[str] = field(default_factory=list)


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _corrected(target: str, start: int, end: int, findings: Sequence[Finding]) -> str:
    """The error span's region after applying each overlapping finding's first suggestion."""
    usable = sorted((f for f in findings if f.suggestions), key=lambda f: f.start)
    lo = min([start, *(f.start for f in usable)])
    hi = max([end, *(f.end for f in usable)])
    out, pos = [], lo
    for item in usable:
        if item.start < pos:
            continue
        out.append(target[pos : item.start])
        out.append(item.suggestions[0])
        pos = item.end
    out.append(target[pos:hi])
    return "".join(out)


def evaluate(path: str, auditor: Auditor) -> dict[str, dict[str, Tally]]:
    results: dict[str, dict[str, Tally]] = {
        "bilingual": defaultdict(Tally),
        "target-only": defaultdict(Tally),
    }
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        for mode, source in (("bilingual", item.get("source")), ("target-only", None)):
            segment = Segment(id=item["id"], text=item["target"], source=source)
            document = Document(path, (segment,), has_source=source is not None)
            audited = auditor.audit(document).findings
            findings = [f for f in audited if f.severity is not Severity.INFO]
            infos = [f for f in audited if f.severity is Severity.INFO]
            tally = results[mode][item["kind"]]
            tally.items += 1
            if not item["errors"]:
                tally.flagged += bool(findings)
                if findings:
                    tally.missed.append(
                        f"{item['id']}: {', '.join(f'{f.rule} {f.text!r}' for f in findings)}"
                    )
                continue
            for error in item["errors"]:
                start = item["target"].find(error["text"])
                end = start + len(error["text"])
                hits = [f for f in findings if f.start < end and start < f.end]
                tally.errors += 1
                tally.caught += bool(hits)
                tally.info_only += bool(
                    not hits and any(f.start < end and start < f.end for f in infos)
                )
                if not hits:
                    tally.missed.append(f"{item['id']}: {error['text']!r}")
                if error["fix"]:
                    tally.assessable += 1
                    fixed = _normal(_corrected(item["target"], start, end, hits))
                    tally.right += any(_normal(fix) in fixed for fix in error["fix"]) and bool(hits)
    return results


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "    n/a"


def report(results: dict[str, dict[str, Tally]], verbose: bool) -> dict[str, object]:
    summary: dict[str, object] = {}
    for mode, kinds in results.items():
        print(f"\n== {mode} ==")
        print(f"{'kind':14} {'caught':>18} {'right suggestion':>18} {'clean flagged':>18}")
        total = Tally()
        for kind in sorted(kinds):
            t = kinds[kind]
            print(
                f"{kind:14} {_rate(t.caught, t.errors):>18} {_rate(t.right, t.assessable):>18} {_rate(t.flagged, t.items if kind == 'clean' else 0):>18}"
            )
            for attr in ("errors", "caught", "info_only", "assessable", "right"):
                setattr(total, attr, getattr(total, attr) + getattr(t, attr))
            if verbose and t.missed:
                print("   " + "\n   ".join(t.missed))
        clean = kinds.get("clean", Tally())
        print(
            f"{'ALL ERRORS':14} {_rate(total.caught, total.errors):>18} {_rate(total.right, total.assessable):>18} {_rate(clean.flagged, clean.items):>18}"
        )
        print(f"  (errors seen only at info severity: {total.info_only})")
        summary[mode] = {
            "errors": total.errors,
            "caught": total.caught,
            "assessable": total.assessable,
            "right_suggestion": total.right,
            "clean_items": clean.items,
            "clean_flagged": clean.flagged,
            "by_kind": {
                k: {
                    "errors": t.errors,
                    "caught": t.caught,
                    "right": t.right,
                    "assessable": t.assessable,
                    "items": t.items,
                    "flagged": t.flagged,
                }
                for k, t in sorted(kinds.items())
            },
        }
    return summary


def main(argv: Sequence[str]) -> int:
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"] or ["corpora/eval/deen.jsonl"]
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    auditor = Auditor.build(glossary, "de", "en", RuleSelection())
    summary = {}
    for path in paths:
        print(f"# {path}")
        summary[path] = report(evaluate(path, auditor), verbose)
    Path("reports").mkdir(exist_ok=True)
    Path("reports/evaluation.json").write_text(
        json.dumps(summary, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Measure detection and false alarms on a labelled evaluation set (``nox -s evaluate``).

The set is JSONL: ``id``, ``kind``, ``source``, ``target`` and ``errors`` (a list of
``{"text": span of target, "fix": [acceptable corrections]}``; empty for clean items). Each
item is audited twice: with its German source (bilingual) and without it (target only).
An error counts as caught when a warning or error overlaps its span; its suggestion is right
when applying the overlapping findings' first suggestions turns the span into one of the fixes.
A clean item counts as flagged when it gets any warning or error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from audit.engine import Auditor
from audit.errors import InputError
from audit.glossary import default_glossary_paths, load_glossaries
from audit.model import Document, Finding, Segment, Severity
from audit.output import write_atomic
from audit.readers.textfile import read_text
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


_FIELDS = ("id", "kind", "target", "errors")


def _items(path: str) -> Iterator[dict[str, Any]]:
    """The labelled items of ``path``; a line that is not one is an InputError at its place."""
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"not JSON: {exc.msg}", number, exc.colno) from None
        missing = [key for key in _FIELDS if not isinstance(item, dict) or key not in item]
        if missing:
            raise InputError(path, f"a labelled item needs {', '.join(missing)}", number, 1)
        yield item


def evaluate(path: str, auditor: Auditor) -> dict[str, dict[str, Tally]]:
    results: dict[str, dict[str, Tally]] = {
        "bilingual": defaultdict(Tally),
        "target-only": defaultdict(Tally),
    }
    for item in _items(path):
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


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m audit.evaluation",
        description="Detection, right suggestions and false alarms on labelled JSONL sets.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        default=["corpora/eval/deen.jsonl"],
        help="labelled sets (default: corpora/eval/deen.jsonl)",
    )
    parser.add_argument(
        "--output",
        default="reports/evaluation.json",
        help="where to write the numbers (default: reports/evaluation.json)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list the missed errors")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str]) -> int:
    args = _arguments(argv)
    glossary = load_glossaries(default_glossary_paths("de", "en"))
    auditor = Auditor.build(glossary, "de", "en", RuleSelection())
    summary = {}
    try:
        for path in args.paths:
            print(f"# {path}")
            summary[path] = report(evaluate(path, auditor), args.verbose)
    except InputError as exc:
        print(f"python -m audit.evaluation: {exc}", file=sys.stderr)
        return 2
    write_atomic(args.output, json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

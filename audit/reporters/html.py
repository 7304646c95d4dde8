"""The HTML report editors read: one self-contained page per run, or a folder of pages.

A page carries its CSS and its script inline and a Content-Security-Policy that allows exactly
those two, by hash, and nothing else: it works from file://, loads nothing, and nothing that came
in with the audited text can run. Text reaches the markup only through Jinja2's autoescaping; the
script's data travels as JSON in a ``<script type="application/json">`` block, escaped so that no
``</script>`` or ``<!--`` inside the audited text can end the block early.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from audit import __version__
from audit.diff import DiffOp
from audit.fingerprint import fingerprint_map
from audit.model import FileResult, Finding, RuleMeta, RunResult, Segment, Severity
from audit.output import write_atomic

_ENV = Environment(
    loader=PackageLoader("audit", "reporters/templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES = resources.files("audit").joinpath("reporters/templates")
_CSS = _TEMPLATES.joinpath("report.css").read_text("utf-8")
_JS = _TEMPLATES.joinpath("report.js").read_text("utf-8")

# Severities worst first: the order of counts, filters and chart segments.
SEVERITIES = tuple(s.value for s in sorted(Severity, key=lambda s: -s.rank))

# Characters that could end or confuse a <script> block, as JSON escapes (still valid JSON).
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


# Only the page's own style and script; base-uri and form-action keep injected markup (were any
# to get through) from redirecting links or posting anywhere.
REPORT_CSP = (
    f"default-src 'none'; style-src '{_sha256(_CSS)}'; script-src '{_sha256(_JS)}'; "
    "base-uri 'none'; form-action 'none'"
)
INDEX_CSP = f"default-src 'none'; style-src '{_sha256(_CSS)}'; base-uri 'none'; form-action 'none'"


def script_json(data: object) -> Markup:
    """``data`` as JSON that can sit verbatim inside a ``<script>`` element."""
    return Markup(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)
    )


# --- the article: segment text cut into highlighted pieces ---------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of segment text and the findings (by number) that cover it.

    A finding with an empty span becomes a ``point``: a piece with no text, drawn as a caret.
    """

    text: str
    findings: tuple[int, ...]
    severity: str
    starts: tuple[int, ...]  # findings whose span begins here: link targets
    point: bool = False


def _worst(items: Iterable[Finding]) -> str:
    worst = max((f.severity for f in items), key=lambda s: s.rank, default=None)
    return worst.value if worst else ""


def _pieces(segment: Segment, numbered: Sequence[tuple[int, Finding]]) -> list[Piece]:
    """Non-overlapping pieces of the segment: nested and overlapping spans come out flat."""
    size = len(segment.text)
    spans = [(n, f, min(max(f.start, 0), size), min(max(f.end, 0), size)) for n, f in numbered]
    cuts = sorted({0, size, *(s for *_, s, _ in spans), *(e for *_, e in spans)})
    points: dict[int, list[tuple[int, Finding]]] = {}
    for n, item, start, end in spans:
        if end <= start:
            points.setdefault(start, []).append((n, item))
    pieces: list[Piece] = []

    def add_points(at: int) -> None:
        for n, item in points.get(at, []):
            pieces.append(Piece("", (n,), item.severity.value, (n,), point=True))

    for start, end in itertools.pairwise(cuts):
        add_points(start)
        covering = [(n, f) for n, f, s, e in spans if s <= start and end <= e and s < e]
        pieces.append(
            Piece(
                segment.text[start:end],
                tuple(n for n, _ in covering),
                _worst(f for _, f in covering),
                tuple(n for n, f, s, e in spans if s == start and s < e),
            )
        )
    add_points(size)
    return pieces


# --- side by side: target sentences with the source sentences aligned to them ---------------


@dataclass(frozen=True, slots=True)
class Pair:
    """One row of the side-by-side view.

    ``kind`` is "aligned", "unaligned-source" (a source sentence nothing translates),
    "added" (a target sentence with no counterpart) or "unpaired" (a target sentence the
    aligner skipped, such as a repeated headline).
    """

    kind: str
    target_id: str
    source_ids: str
    source: str
    target: tuple[Piece, ...]
    line: int


def _pairs(result: FileResult, pieces: Mapping[str, list[Piece]]) -> list[Pair]:
    document = result.document
    if document.source_segments:
        return _article_pairs(result, pieces)
    if not any(s.source is not None for s in document.segments):
        return []
    return [
        Pair(
            "aligned" if s.source is not None else "unpaired",
            s.id,
            s.id if s.source is not None else "",
            s.source or "",
            tuple(pieces[s.id]),
            s.line,
        )
        for s in document.segments
    ]


def _article_pairs(result: FileResult, pieces: Mapping[str, list[Piece]]) -> list[Pair]:
    """Rows in target order; each untranslated source sentence follows the row of the
    source sentence before it, which is where its translation would belong."""
    document = result.document
    sources = {s.id: s for s in document.source_segments}
    home: dict[str, int] = {}
    for index, segment in enumerate(document.segments):
        for source_id in segment.source_ids:
            home[source_id] = index
    orphans: dict[int, list[Segment]] = {}
    anchor = -1
    for source in document.source_segments:
        if source.id in home:
            anchor = home[source.id]
        else:
            orphans.setdefault(anchor, []).append(source)

    def lost(index: int) -> list[Pair]:
        return [
            Pair("unaligned-source", "", s.id, s.text, (), s.line) for s in orphans.get(index, [])
        ]

    added = set(document.unaligned_target)
    rows = lost(-1)
    for index, segment in enumerate(document.segments):
        ids = [i for i in segment.source_ids if i in sources]
        kind = "aligned" if ids else "added" if segment.id in added else "unpaired"
        text = " ".join(sources[i].text for i in ids)
        rows.append(
            Pair(kind, segment.id, "+".join(ids), text, tuple(pieces[segment.id]), segment.line)
        )
        rows.extend(lost(index))
    return rows


# --- the word diff against the reference ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One diff operation as shown: unchanged text, or removed and/or added words."""

    tag: str
    same: str
    removed: str
    added: str
    space: bool  # a space must be shown before it (the texts had one at this boundary)


@dataclass(frozen=True, slots=True)
class DiffRow:
    segment: str
    line: int
    changes: tuple[Change, ...]


def _changes(ops: Sequence[DiffOp]) -> tuple[Change, ...]:
    """Operations as shown. Changed words are trimmed, so a space is put back wherever either
    text had one at a boundary (the same reading as audit.diff.render_diff)."""
    changes: list[Change] = []
    shown = ""
    previous: DiffOp | None = None
    for op in ops:
        if op.tag == "equal":
            change = Change("equal", op.hyp_text, "", "", False)
            text = op.hyp_text
        else:
            removed, added = op.hyp_text.strip(), op.ref_text.strip()
            change = Change(op.tag, "", removed, added, False)
            text = removed or added
        if previous is not None and text and shown and not shown[-1].isspace():
            edges = (
                (previous.hyp_text, op.hyp_text),
                (previous.ref_text, op.ref_text),
            )
            if not text[0].isspace() and any(a[-1:].isspace() or b[:1].isspace() for a, b in edges):
                change = replace(change, space=True)
        changes.append(change)
        if text:
            shown = text
        previous = op
    return tuple(changes)


def _diff_rows(result: FileResult) -> list[DiffRow]:
    segments = {s.id: s for s in result.document.segments}
    rows: list[DiffRow] = []
    for segment_id, ops in result.diffs.items():
        if not any(op.tag != "equal" for op in ops):
            continue
        segment = segments.get(segment_id)
        rows.append(
            DiffRow(
                segment_id,
                segment.line if segment else 0,
                _changes(ops),
            )
        )
    return rows


# --- summary: counts and the category chart --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    total: int
    y: float
    parts: tuple[tuple[str, int, float, float], ...]  # severity, count, x, width
    end: float  # where the last part ends: the total is written just after


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]


def _chart(findings: Sequence[Finding]) -> Chart | None:
    """Findings by category, one horizontal bar each, stacked by severity (worst first)."""
    counts: Counter[tuple[str, str]] = Counter((f.category, f.severity.value) for f in findings)
    totals = Counter(f.category for f in findings)
    if not totals:
        return None
    width, label_width, count_width, row, bar = 640, 270, 40, 24, 16
    scale = (width - label_width - count_width) / max(totals.values())
    bars = []
    for index, (category, total) in enumerate(sorted(totals.items(), key=lambda c: (-c[1], c[0]))):
        x, parts = float(label_width), []
        for severity in SEVERITIES:
            n = counts[(category, severity)]
            if n:
                parts.append((severity, n, round(x, 2), round(n * scale, 2)))
                x += n * scale
        bars.append(Bar(category, total, index * row + 4, tuple(parts), round(x, 2)))
    return Chart(width, len(bars) * row + 8, label_width, bar, tuple(bars))


@dataclass(frozen=True, slots=True)
class Metric:
    label: str
    score: float
    signature: str


def _metrics(result: FileResult) -> list[Metric]:
    shown = []
    for name, metric in result.metrics.items():
        score = getattr(metric, "score", None)
        if isinstance(score, int | float):
            label = getattr(metric, "label", "") or name.upper()
            shown.append(Metric(str(label), float(score), str(getattr(metric, "signature", ""))))
    return shown


@dataclass(frozen=True, slots=True)
class FileView:
    """Everything the template shows for one file."""

    index: int
    result: FileResult
    paragraphs: list[list[tuple[Segment, list[Piece]]]]
    numbered: list[tuple[int, Finding]]
    by_number: dict[int, Finding]
    counts: dict[str, int]
    categories: list[tuple[str, int]]
    chart: Chart | None
    metrics: list[Metric]
    pairs: list[Pair]
    diffs: list[DiffRow]
    fingerprints: dict[int, str]  # finding number -> fingerprint: links that survive a rerun


def _file_view(
    index: int, result: FileResult, numbers: Mapping[int, int], prints: Mapping[int, str]
) -> FileView:
    numbered = [(numbers[id(f)], f) for f in result.findings]
    by_segment: dict[str, list[tuple[int, Finding]]] = {}
    for n, item in numbered:
        by_segment.setdefault(item.segment, []).append((n, item))
    pieces = {s.id: _pieces(s, by_segment.get(s.id, [])) for s in result.document.segments}
    paragraphs: dict[int, list[tuple[Segment, list[Piece]]]] = {}
    for segment in result.document.segments:
        paragraphs.setdefault(segment.paragraph, []).append((segment, pieces[segment.id]))
    counts = Counter(f.severity.value for f in result.findings)
    return FileView(
        index=index,
        result=result,
        paragraphs=list(paragraphs.values()),
        numbered=numbered,
        by_number=dict(numbered),
        counts={s: counts[s] for s in SEVERITIES},
        categories=sorted(Counter(f.category for f in result.findings).items()),
        chart=_chart(result.findings),
        metrics=_metrics(result),
        pairs=_pairs(result, pieces),
        diffs=_diff_rows(result),
        fingerprints={n: prints.get(id(f), "") for n, f in numbered},
    )


def _rules(result: RunResult) -> tuple[list[RuleMeta], list[RuleMeta]]:
    """(rules with findings, the other rules run), each in the run's rule order."""
    known = {m.code: m for m in result.rules}
    fired: dict[str, RuleMeta] = {}
    for file in result.files:
        for f in file.findings:
            fired.setdefault(
                f.rule, known.get(f.rule) or RuleMeta(f.rule, f.name, f.category, f.severity, "")
            )
    order = {code: i for i, code in enumerate(known)}
    used = sorted(fired.values(), key=lambda m: (order.get(m.code, len(order)), m.code))
    return used, [m for m in result.rules if m.code not in fired]


def _finding_data(n: int, file: int, item: Finding, fingerprint: str) -> dict[str, Any]:
    return {
        "n": n,
        "file": file,
        "fp": fingerprint,
        "severity": item.severity.value,
        "category": item.category,
        "rule": item.rule,
        "name": item.name,
        "segment": item.segment,
        "line": item.line,
        "column": item.column,
        "text": item.text,
        "message": item.message,
        "suggestions": list(item.suggestions),
    }


def render_html(result: RunResult, *, index: str | None = None) -> str:
    """The report page for every file of ``result``; ``index`` links back to a folder index."""
    numbers: dict[int, int] = {}
    for file in result.files:
        for item in file.findings:
            numbers[id(item)] = len(numbers) + 1
    prints = fingerprint_map(result.files)
    views = [_file_view(i, f, numbers, prints) for i, f in enumerate(result.files)]
    data = {
        "version": __version__,
        "findings": [
            _finding_data(n, view.index, item, view.fingerprints[n])
            for view in views
            for n, item in view.numbered
        ],
    }
    everything = [f for file in result.files for f in file.findings]
    fired, others = _rules(result)
    return _ENV.get_template("report.html.j2").render(
        files=views,
        result=result,
        severities=SEVERITIES,
        counts={s: result.count(Severity(s)) for s in SEVERITIES},
        categories=sorted(Counter(f.category for f in everything).items()),
        rule_counts=sorted(Counter((f.rule, f.name) for f in everything).items()),
        fired=fired,
        other_rules=others,
        css=Markup(_CSS),
        js=Markup(_JS),
        data=script_json(data),
        csp=REPORT_CSP,
        version=__version__,
        index=index,
    )


# --- a folder of reports ----------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{i}" for d in ("com", "lpt") for i in range(10)}
_MAX_NAME = 96


def _parts(path: str) -> list[str]:
    """The path's meaningful components: no root, drive, ".", ".." or empty parts."""
    parts = re.split(r"[\\/]+", path)
    return [p for p in parts if p not in ("", ".", "..") and not re.fullmatch(r"[A-Za-z]:", p)]


def _safe_stem(parts: Sequence[str], path: str) -> str:
    """ASCII letters, digits, dot, dash and underscore only; never hidden, never reserved."""
    text = unicodedata.normalize("NFKD", "__".join(parts))
    text = "".join(c for c in text if not unicodedata.combining(c))
    stem = _UNSAFE.sub("_", text).strip("._-")
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    if not any(c.isalnum() for c in stem):
        return f"file-{digest}"
    if len(stem) > _MAX_NAME:
        stem = f"{stem[:_MAX_NAME].rstrip('._-')}-{digest}"
    head, dot, tail = stem.partition(".")
    if head.lower() in _RESERVED:
        stem = f"{head}_{dot}{tail}"
    return stem


def report_names(paths: Sequence[str]) -> list[str]:
    """A distinct, safe ``.html`` file name for each path (and never ``index.html``).

    Directories all the paths share are dropped ("docs/a.md", "docs/b.md" -> "a.md.html",
    "b.md.html"), the rest joined with "__"; names are compared case-insensitively because
    some file systems do.
    """
    split = [_parts(p) for p in paths]
    shared = 0
    if len(split) > 1:
        for column in zip(*(parts[:-1] for parts in split)):
            if len(set(column)) != 1:
                break
            shared += 1
    else:
        shared = max(len(split[0]) - 1, 0) if split else 0
    taken = {"index.html"}
    names = []
    for path, parts in zip(paths, split):
        stem = _safe_stem(parts[shared:] or parts, path)
        name, counter = f"{stem}.html", 1
        while name.lower() in taken:
            counter += 1
            name = f"{stem}-{counter}.html"
        taken.add(name.lower())
        names.append(name)
    return names


def render_index(result: RunResult, names: Sequence[str]) -> str:
    """The folder's index page: each file's report linked with its counts and score."""
    rows = []
    for file, name in zip(result.files, names):
        counts = Counter(f.severity.value for f in file.findings)
        rows.append(
            {
                "name": name,
                "result": file,
                "counts": {s: counts[s] for s in SEVERITIES},
                "metrics": _metrics(file),
            }
        )
    return _ENV.get_template("index.html.j2").render(
        rows=rows,
        result=result,
        severities=SEVERITIES,
        counts={s: result.count(Severity(s)) for s in SEVERITIES},
        overview=_chart([f for file in result.files for f in file.findings]),
        css=Markup(_CSS),
        csp=INDEX_CSP,
        version=__version__,
    )


def write_html_dir(result: RunResult, directory: str) -> list[str]:
    """One report per file plus ``index.html`` linking them; returns the paths written.

    Every file is written atomically; the index comes last, so it never links a report that
    is not there yet.
    """
    names = report_names([f.document.path for f in result.files])
    written = []
    for file, name in zip(result.files, names):
        path = os.path.join(directory, name)
        write_atomic(path, render_html(replace(result, files=(file,)), index="index.html"))
        written.append(path)
    index = os.path.join(directory, "index.html")
    write_atomic(index, render_index(result, names))
    written.append(index)
    return written

"""The HTML report: one self-contained file (inline CSS, no script, no network) for editors."""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections import Counter
from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape

from audit import __version__
from audit.model import FileResult, Finding, RunResult, Segment, Severity

_ENV = Environment(
    loader=PackageLoader("audit", "reporters/templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_CSS = resources.files("audit").joinpath("reporters/templates/report.css").read_text("utf-8")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of segment text and the findings (by number) that cover it."""

    text: str
    findings: tuple[int, ...]
    severity: str
    starts: tuple[int, ...]  # findings whose span begins here: link targets


def _pieces(segment: Segment, numbered: list[tuple[int, Finding]]) -> list[Piece]:
    cuts = {0, len(segment.text)}
    for _, item in numbered:
        cuts.update((item.start, item.end))
    bounds = sorted(cuts)
    pieces: list[Piece] = []
    for start, end in itertools.pairwise(bounds):
        covering = [
            (n, f) for n, f in numbered if f.start <= start and end <= f.end and f.start < f.end
        ]
        worst = max((f.severity for _, f in covering), key=lambda s: s.rank, default=None)
        pieces.append(
            Piece(
                segment.text[start:end],
                tuple(n for n, _ in covering),
                worst.value if worst else "",
                tuple(n for n, f in covering if f.start == start),
            )
        )
    return pieces


def _paragraphs(
    result: FileResult, numbers: dict[int, int]
) -> list[list[tuple[Segment, list[Piece]]]]:
    by_segment: dict[str, list[tuple[int, Finding]]] = {}
    for item in result.findings:
        by_segment.setdefault(item.segment, []).append((numbers[id(item)], item))
    paragraphs: dict[int, list[tuple[Segment, list[Piece]]]] = {}
    for segment in result.document.segments:
        paragraphs.setdefault(segment.paragraph, []).append(
            (segment, _pieces(segment, by_segment.get(segment.id, [])))
        )
    return list(paragraphs.values())


def render_html(result: RunResult) -> str:
    numbers: dict[int, int] = {}
    files = []
    for file in result.files:
        for item in file.findings:
            numbers[id(item)] = len(numbers) + 1
        files.append(
            {
                "result": file,
                "paragraphs": _paragraphs(file, numbers),
                "numbered": [(numbers[id(f)], f) for f in file.findings],
                "by_number": {numbers[id(f)]: f for f in file.findings},
                "categories": sorted(Counter(f.category for f in file.findings).items()),
            }
        )
    digest = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()
    return _ENV.get_template("report.html.j2").render(
        files=files,
        result=result,
        severities=[s.value for s in reversed(Severity)],
        counts={s.value: result.count(s) for s in Severity},
        css=_CSS,
        csp=f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:",
        version=__version__,
        rules={m.code: m for m in result.rules},
    )

"""Inline suppressions: directives in the audited file that switch rules off for some segments.

Markdown (HTML comments, which no renderer shows)::

    <!-- tqa-disable LOC001,TERM001 -->   rules off from here on (no selectors: every rule)
    <!-- tqa-enable LOC001 -->            back on (no selectors: every rule back on)
    <!-- tqa-disable-next-line LOC001 --> off for the next line that has text to audit

XLIFF: a ``<note>`` of the unit (1.2 ``<trans-unit><note>``, 2.0 ``<unit><notes><note>``)
containing ``tqa-disable LOC001`` switches those rules off for all of the unit's segments.

Selectors are what ``--select``/``--ignore`` take: a rule code, a code prefix (``LOC``) or a
rule name (``decimal-comma``), separated by commas or spaces; ``*`` means every rule. Anything
after `` -- `` is a reason for the reader and is not parsed (``tqa-disable LOC001 -- quoted
from the statute``). Plain text has no comment syntax, so it has no inline suppressions: a
baseline file (audit.baseline) is the way to accept known findings there and in other formats.

A region directive governs the segments that *begin* after it, so directives belong between
paragraphs or before a sentence; a next-line directive governs every segment that touches the
line it points at. The result is stored on ``Segment.suppressed`` as an ordered list of
entries, ``SEL`` (off) or ``!SEL`` (back on); the last entry that matches a rule decides.
That keeps "everything off except LOC001" expressible without knowing the rules in the reader.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from audit.model import Document, FileResult, Finding, RuleMeta, Segment
from audit.selection import _matches

ALL = "*"
_REASON = re.compile(r"\s--(?:\s|$)")
_SEPARATORS = re.compile(r"[\s,]+")
# The body of an HTML comment that is a directive (the comment's own <!-- --> stripped).
_DIRECTIVE = re.compile(r"\s*tqa-(disable-next-line|disable|enable)(?![\w-])(.*)", re.DOTALL)
# A directive anywhere in a free-text note (XLIFF); only disabling makes sense there.
_NOTE_DIRECTIVE = re.compile(r"(?<![\w-])tqa-disable(?![\w-])([^\n]*)")


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive found in a file: what it does, to which selectors, and where it ends."""

    kind: str  # "disable", "enable" or "disable-next-line"
    selectors: tuple[str, ...]  # empty: every rule
    end: int  # offset just after the comment in the file's text


def parse_selectors(text: str) -> tuple[str, ...]:
    """Selectors of a directive (``LOC001, TERM -- reason``); empty means every rule."""
    reason = _REASON.search(text)
    if reason:
        text = text[: reason.start()]
    selectors = tuple(s for s in _SEPARATORS.split(text) if s)
    return () if ALL in selectors else selectors


def parse_directive(body: str, end: int) -> Directive | None:
    """The directive in an HTML comment's body, or None when the comment is not one."""
    match = _DIRECTIVE.fullmatch(body)
    if match is None:
        return None
    return Directive(match.group(1), parse_selectors(match.group(2)), end)


def note_suppressions(notes: Iterable[str]) -> tuple[str, ...]:
    """Entries for ``Segment.suppressed`` from a translation unit's notes."""
    entries: list[str] = []
    for note in notes:
        for match in _NOTE_DIRECTIVE.finditer(note):
            entries = _disable(entries, parse_selectors(match.group(1)))
    return tuple(entries)


def _disable(entries: list[str], selectors: tuple[str, ...]) -> list[str]:
    if not selectors:
        return [ALL]
    for selector in selectors:
        # A later entry for the same selector overrides an earlier one for every rule.
        entries = [e for e in entries if e not in (selector, "!" + selector)]
        entries.append(selector)
    return entries


def _enable(entries: list[str], selectors: tuple[str, ...]) -> list[str]:
    if not selectors:
        return []
    for selector in selectors:
        entries = [e for e in entries if e not in (selector, "!" + selector)]
        if any(not e.startswith("!") for e in entries):
            entries.append("!" + selector)  # only worth keeping while something is off
    return entries


def apply_directives(
    raw: str, plain: str, segments: Sequence[Segment], directives: Sequence[Directive]
) -> list[Segment]:
    """Segments of an article with ``suppressed`` set from the file's directives.

    ``raw`` is the file's text (segment positions point into it), ``plain`` the same text with
    everything that is not prose blanked (same length), used to find a next-line directive's
    target: the first following line with text to audit, so directives can be stacked.
    """
    if not directives:
        return list(segments)
    starts = [0, *(m.end() for m in re.finditer("\n", raw))]
    # Region state after each disable/enable, in file order; state () holds before the first.
    changes: list[int] = [0]
    states: list[tuple[str, ...]] = [()]
    targets: list[tuple[int, int, tuple[str, ...]]] = []
    for directive in sorted(directives, key=lambda d: d.end):
        current = list(states[-1])
        if directive.kind == "disable":
            changes.append(directive.end)
            states.append(tuple(_disable(current, directive.selectors)))
        elif directive.kind == "enable":
            changes.append(directive.end)
            states.append(tuple(_enable(current, directive.selectors)))
        else:
            line = _next_text_line(plain, directive.end)
            if line is not None:
                targets.append((*line, directive.selectors))
    marked: list[Segment] = []
    for segment in segments:
        start = starts[segment.line - 1] + segment.column - 1
        end = start + len(segment.text)
        entries = list(states[bisect_right(changes, start) - 1])
        for first, last, selectors in targets:
            if start < last and end > first:
                entries = _disable(entries, selectors)
        marked.append(replace(segment, suppressed=tuple(entries)) if entries else segment)
    return marked


def _next_text_line(plain: str, offset: int) -> tuple[int, int] | None:
    """Span of the first line after the one holding ``offset`` that has auditable text."""
    newline = plain.find("\n", offset)
    while newline != -1:
        begin = newline + 1
        newline = plain.find("\n", begin)
        finish = len(plain) if newline == -1 else newline
        if plain[begin:finish].strip():
            return begin, finish
    return None


def is_suppressed(finding: Finding, segment: Segment, rules: Mapping[str, RuleMeta]) -> bool:
    """Whether an inline directive switched the finding's rule off for its segment.

    Selectors match as in ``--select``: rule name, or code / code prefix (any case). ``rules``
    maps codes to their metadata; a code missing from it is matched by the finding's own code
    and name.
    """
    if not segment.suppressed:
        return False
    meta = rules.get(finding.rule)
    verdict = False
    for entry in segment.suppressed:
        negated = entry.startswith("!")
        selector = entry[1:] if negated else entry
        if selector == ALL:
            hit = True
        elif meta is not None:
            hit = _matches(meta, selector)
        else:
            hit = finding.name == selector or finding.rule.upper().startswith(selector.upper())
        if hit:
            verdict = not negated
    return verdict


def drop_suppressed(
    findings: Iterable[Finding], document: Document, rules: Mapping[str, RuleMeta]
) -> tuple[list[Finding], int]:
    """The findings no directive suppresses, and how many were dropped."""
    segments = {s.id: s for s in document.segments if s.suppressed}
    kept: list[Finding] = []
    dropped = 0
    for item in findings:
        segment = segments.get(item.segment)
        if segment is not None and is_suppressed(item, segment, rules):
            dropped += 1
        else:
            kept.append(item)
    return kept, dropped


def filter_suppressed(result: FileResult, rules: Mapping[str, RuleMeta]) -> tuple[FileResult, int]:
    """The file's result without suppressed findings, and how many were dropped."""
    kept, dropped = drop_suppressed(result.findings, result.document, rules)
    if not dropped:
        return result, 0
    return replace(result, findings=tuple(kept)), dropped

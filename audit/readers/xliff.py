"""XLIFF 1.2 and 2.0: each translation unit (or each of its segments) becomes a Segment.

Inline codes become canonical placeholder tokens inside the text (``<g id="1">``…``</g>``,
``<x id="2"/>``, ``<pc id="1">``…``</pc>``, ``<ec id="3"/>``…) and every token is an ignored span,
so text checks never read markup while tag checks can compare tokens between source and target.
Units marked ``translate="no"`` (on the unit or inherited from a group or file) are recorded as
skipped, not audited. A unit note containing ``tqa-disable CODE...`` switches those rules off
for the unit's segments (audit.suppressions).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from audit.errors import InputError
from audit.model import Document, Segment, Skipped
from audit.readers.xmlsafe import Element, SpanBuilder, Text, UniqueIds, parse, placeholder
from audit.suppressions import note_suppressions

# XLIFF 1.1 shares 1.2's unit structure; 2.1 keeps the 2.0 namespace and core.
_VERSIONS = {"1.1": 1, "1.2": 1, "2.0": 2, "2.1": 2}
_NAMESPACES = {
    "urn:oasis:names:tc:xliff:document:1.1": 1,
    "urn:oasis:names:tc:xliff:document:1.2": 1,
    "urn:oasis:names:tc:xliff:document:2.0": 2,
}

# How each inline element is shown: "pair" keeps its content between an opening and a closing
# token; "code" is one empty token and its content (native code) is dropped; "text" keeps the
# content and shows no token; "drop" shows nothing. Unknown elements count as "text".
_INLINE_1 = {
    "g": "pair",
    "x": "code",
    "bx": "code",
    "ex": "code",
    "ph": "code",
    "bpt": "code",
    "ept": "code",
    "it": "code",
    "mrk": "text",
}
_INLINE_2 = {
    "pc": "pair",
    "ph": "code",
    "sc": "code",
    "ec": "code",
    "mrk": "text",
    "sm": "drop",
    "em": "drop",
}


@dataclass(frozen=True, slots=True)
class _Unit:
    """One segment to build: its target and source elements, and where to point without a target."""

    id: str
    target: Element | None
    source: Element | None
    fallback_line: int
    fallback_column: int
    suppressed: tuple[str, ...] = ()


def read_xliff(
    path: str, text: str, *, source_lang: str, target_lang: str, include_fuzzy: bool = False
) -> Document:
    """Read an XLIFF file into a Document.

    The languages declared in the file (``source-language``/``target-language`` of the first
    ``<file>`` in 1.2, ``srcLang``/``trgLang`` in 2.0) replace the requested ones in the Document
    when present: the file knows what it contains. ``include_fuzzy`` has no meaning here.
    """
    root = parse(path, text)
    if root.name != "xliff":
        raise InputError(
            path, f"not an XLIFF file (root element <{root.name}>)", root.line, root.column
        )
    major = _major_version(path, root)
    if major == 1:
        units, skipped, languages = _units_1(root)
        inline = _INLINE_1
    else:
        units, skipped, languages = _units_2(root)
        inline = _INLINE_2
    if not units and not skipped:
        raise InputError(path, "no translation units found", root.line, root.column)
    unique = UniqueIds()
    segments = [
        replace(segment, id=unique(segment.id, segment.line))
        for segment in (_segment(unit, index, inline) for index, unit in enumerate(units))
    ]
    return Document(
        path,
        tuple(segments),
        languages[0] or source_lang,
        languages[1] or target_lang,
        True,
        skipped=tuple(skipped),
    )


def _major_version(path: str, root: Element) -> int:
    version = root.get("version")
    by_namespace = _NAMESPACES.get(root.namespace)
    if version is None:
        if by_namespace is None:
            raise InputError(path, "XLIFF version not declared", root.line, root.column)
        return by_namespace
    major = _VERSIONS.get(version.strip())
    if major is None:
        raise InputError(
            path,
            f"unsupported XLIFF version {version!r} (supported: 1.1, 1.2, 2.0, 2.1)",
            root.line,
            root.column,
        )
    if by_namespace is not None and by_namespace != major:
        raise InputError(
            path,
            f"XLIFF version {version!r} does not match namespace {root.namespace}",
            root.line,
            root.column,
        )
    return major


def _translatable(element: Element, inherited: bool) -> bool:
    value = element.get("translate")
    return inherited if value is None else value.strip().lower() != "no"


def _containers(
    element: Element, unit_name: str, translatable: bool
) -> Iterator[tuple[Element, bool]]:
    """Units below ``element`` in document order (through files and groups), with translate."""
    for child in element.elements():
        allowed = _translatable(child, translatable)
        if child.name == unit_name:
            yield child, allowed
        elif child.name in ("file", "body", "group"):
            yield from _containers(child, unit_name, allowed)


def _skip(unit_id: str, element: Element) -> Skipped:
    return Skipped(unit_id, element.line, element.column, "translate=no")


# --- XLIFF 1.2 ----------------------------------------------------------------------------


def _units_1(root: Element) -> tuple[list[_Unit], list[Skipped], tuple[str | None, str | None]]:
    languages: tuple[str | None, str | None] = (None, None)
    for file in root.elements("file"):
        languages = (file.get("source-language"), file.get("target-language"))
        break
    units: list[_Unit] = []
    skipped: list[Skipped] = []
    for ordinal, (unit, translatable) in enumerate(_containers(root, "trans-unit", True), 1):
        unit_id = unit.get("id") or str(ordinal)
        if not translatable:
            skipped.append(_skip(unit_id, unit))
            continue
        units.extend(_suppress(_segments_1(unit, unit_id), unit.elements("note")))
    return units, skipped, languages


def _segments_1(unit: Element, unit_id: str) -> list[_Unit]:
    source, target = unit.first("source"), unit.first("target")
    seg_source = unit.first("seg-source")
    source_marks = _seg_marks(seg_source) if seg_source is not None else []
    target_marks = {m.get("mid"): m for m in _seg_marks(target)} if target is not None else {}
    if not source_marks or (target is not None and _has_text(target) and not target_marks):
        # Unsegmented, or a target written as one piece: the unit is one segment.
        return [_Unit(unit_id, target, source, unit.line, unit.column)]
    several = len(source_marks) > 1
    found: list[_Unit] = []
    for number, mark in enumerate(source_marks, 1):
        mid = mark.get("mid")
        ident = unit_id
        if several:
            ident = f"{unit_id}/{mid}" if mid else f"{unit_id}#{number}"
        if target is None:
            found.append(_Unit(ident, None, mark, unit.line, unit.column))
        else:
            # A segment missing from an existing target is empty there: point at the target.
            target_mark = target_marks.get(mid)
            found.append(_Unit(ident, target_mark, mark, target.line, target.column))
    return found


def _seg_marks(element: Element) -> list[Element]:
    """``<mrk mtype="seg">`` below ``element`` (also inside ``<g>``), in order, not nested."""
    marks: list[Element] = []
    for child in element.elements():
        if child.name == "mrk" and child.get("mtype") == "seg":
            marks.append(child)
        else:
            marks.extend(_seg_marks(child))
    return marks


def _has_text(element: Element) -> bool:
    return any(
        (isinstance(c, Text) and c.value.strip()) or isinstance(c, Element)
        for c in element.children
    )


# --- XLIFF 2.0 ----------------------------------------------------------------------------


def _units_2(root: Element) -> tuple[list[_Unit], list[Skipped], tuple[str | None, str | None]]:
    units: list[_Unit] = []
    skipped: list[Skipped] = []
    for ordinal, (unit, translatable) in enumerate(_containers(root, "unit", True), 1):
        unit_id = unit.get("id") or str(ordinal)
        if not translatable:
            skipped.append(_skip(unit_id, unit))
            continue
        segments = list(unit.elements("segment"))  # <ignorable> is left out on purpose
        notes = unit.first("notes")
        found: list[_Unit] = []
        for number, segment in enumerate(segments, 1):
            ident = unit_id
            if len(segments) > 1:
                segment_id = segment.get("id")
                ident = f"{unit_id}/{segment_id}" if segment_id else f"{unit_id}#{number}"
            found.append(
                _Unit(
                    ident,
                    segment.first("target"),
                    segment.first("source"),
                    segment.line,
                    segment.column,
                )
            )
        units.extend(_suppress(found, notes.elements("note") if notes is not None else ()))
    return units, skipped, (root.get("srcLang"), root.get("trgLang"))


# --- notes --------------------------------------------------------------------------------


def _suppress(units: list[_Unit], notes: Iterable[Element]) -> list[_Unit]:
    """The unit's segments with the rules its notes switch off (1.2 and 2.0 alike)."""
    suppressed = note_suppressions(_text(note) for note in notes)
    if not suppressed:
        return units
    return [replace(unit, suppressed=suppressed) for unit in units]


def _text(element: Element) -> str:
    return "".join(
        child.value if isinstance(child, Text) else _text(child) for child in element.children
    )


# --- rendering ----------------------------------------------------------------------------


def _segment(unit: _Unit, index: int, inline: dict[str, str]) -> Segment:
    source: str | None = None
    if unit.source is not None:
        source = _render(unit.source, inline).build(
            not unit.source.preserve_space, unit.source.line, unit.source.column
        )[0]
    if unit.target is None:
        text: str = ""
        spans: tuple[tuple[int, int], ...] = ()
        line, column = unit.fallback_line, unit.fallback_column
    else:
        target = unit.target
        text, spans, line, column = _render(target, inline).build(
            not target.preserve_space, target.line, target.column
        )
    return Segment(
        id=unit.id,
        text=text,
        line=line,
        column=column,
        paragraph=index,
        source=source if source is not None else "",
        ignored=spans,
        suppressed=unit.suppressed,
    )


def _render(element: Element, inline: dict[str, str]) -> SpanBuilder:
    builder = SpanBuilder()
    _render_into(builder, element, inline, False)
    return builder


def _render_into(
    builder: SpanBuilder, element: Element, inline: dict[str, str], protected: bool
) -> None:
    for child in element.children:
        if isinstance(child, Text):
            builder.text(child, protected)
            continue
        kind = inline.get(child.name, "text")
        if kind == "drop":
            continue
        if kind == "code":
            ident = child.get("id")
            if child.name == "ec":
                ident = child.get("startRef") or ident  # 2.0 pairs <ec> with <sc> by startRef
            builder.token(placeholder(child.name, ident, "empty"), child.line, child.column)
        elif kind == "pair":
            ident = child.get("id")
            builder.token(placeholder(child.name, ident, "open"), child.line, child.column)
            _render_into(builder, child, inline, protected)
            builder.token(placeholder(child.name, ident, "close"), child.end_line, child.end_column)
        else:
            # Text kept; content marked "do not translate" is kept but not audited.
            _render_into(builder, child, inline, protected or _protected(child))


def _protected(element: Element) -> bool:
    if element.name != "mrk":
        return False
    return element.get("translate") == "no" or element.get("mtype") == "protected"

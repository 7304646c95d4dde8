"""XLIFF 1.2 and 2.0: each translation unit (or each of its segments) becomes a Segment.

Inline codes become canonical placeholder tokens inside the text (``<g id="1">``…``</g>``,
``<x id="2"/>``, ``<pc id="1">``…``</pc>``, ``<ec id="3"/>``…) and every token is an ignored span,
so text checks never read markup while tag checks can compare tokens between source and target.
Units marked ``translate="no"`` (on the unit or inherited from a group or file) are recorded as
skipped, not audited. A unit note containing ``tqa-disable CODE...`` switches those rules off
for the unit's segments (audit.suppressions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from audit.errors import InputError
from audit.model import Document, Segment, Skipped
from audit.readers.xmlsafe import (
    Element,
    Renamer,
    SpanBuilder,
    Text,
    UniqueIds,
    iter_detached,
    placeholder,
    stream_passes,
)
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
    reading = _Reading(path)
    segments = tuple(reading.segments((text,), UniqueIds()))
    return reading.document(segments, source_lang, target_lang)


def stream_xliff(
    path: str, *, source_lang: str, target_lang: str, check: Callable[[Segment], None]
) -> Document:
    """A Document that reads a large XLIFF file again each time it is iterated, as
    ``read_xliff`` would read it, holding a piece of the file and one unit at a time (see
    ``tmx.stream_tmx``, which streams the same way)."""
    first, segments = stream_passes(path, lambda: _Reading(path), check)
    return replace(first.document((), source_lang, target_lang), stream=segments)


# Units are taken out of the parse as they end; files and groups stay, without their units.
_UNIT_NAMES = frozenset({"trans-unit", "unit"})
_CONTAINERS = frozenset({"file", "body", "group"})


class _Reading:
    """One pass over an XLIFF file: its segments in order, and what the pass learned on the
    way (the root, the units skipped, how many units there were)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.root: Element | None = None
        self.major = 0
        self.skipped: list[Skipped] = []
        self.units = 0

    def segments(self, text: Iterable[str], unique: Renamer) -> Iterator[Segment]:
        path = self.path
        parsed = iter_detached(path, text, _UNIT_NAMES)
        root = next(parsed)
        assert isinstance(root, Element)  # the root always comes first
        self.root = root
        if root.name != "xliff":
            raise InputError(
                path, f"not an XLIFF file (root element <{root.name}>)", root.line, root.column
            )
        self.major = _major_version(path, root)
        unit_name, inline = ("trans-unit", _INLINE_1) if self.major == 1 else ("unit", _INLINE_2)
        index = 0
        for item in parsed:
            assert isinstance(item, tuple)
            ancestors, unit = item
            translatable = _placed(ancestors, unit, unit_name)
            if translatable is None:
                continue
            self.units += 1
            unit_id = unit.get("id") or str(self.units)
            if not translatable:
                self.skipped.append(_skip(unit_id, unit))
                continue
            built = _units_1(unit, unit_id) if self.major == 1 else _units_2(unit, unit_id)
            for each in built:
                segment = _segment(each, index, inline)
                index += 1
                yield replace(segment, id=unique(segment.id, segment.line))

    def document(
        self, segments: tuple[Segment, ...], source_lang: str, target_lang: str
    ) -> Document:
        """The Document of a finished pass (refused when the file had no unit at all)."""
        root = self.root
        assert root is not None  # a pass that raised nothing has read the root
        if not self.units:
            raise InputError(self.path, "no translation units found", root.line, root.column)
        languages = (
            _languages(root) if self.major == 1 else (root.get("srcLang"), root.get("trgLang"))
        )
        return Document(
            self.path,
            segments,
            languages[0] or source_lang,
            languages[1] or target_lang,
            True,
            skipped=tuple(self.skipped),
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


def _placed(ancestors: tuple[Element, ...], unit: Element, unit_name: str) -> bool | None:
    """Whether a unit is to be translated (``translate`` inherited from its files and
    groups); None when it is no unit of this version where units stand: below the root only
    through files, bodies and groups, all in the root's namespace."""
    root = ancestors[0]
    if unit.name != unit_name or unit.namespace != root.namespace:
        return None
    translatable = True
    for element in ancestors[1:]:
        if element.name not in _CONTAINERS or element.namespace != root.namespace:
            return None
        translatable = _translatable(element, translatable)
    return _translatable(unit, translatable)


def _skip(unit_id: str, element: Element) -> Skipped:
    return Skipped(unit_id, element.line, element.column, "translate=no")


# --- XLIFF 1.2 ----------------------------------------------------------------------------


def _languages(root: Element) -> tuple[str | None, str | None]:
    """The languages the first <file> declares (1.2)."""
    for file in root.elements("file"):
        return file.get("source-language"), file.get("target-language")
    return None, None


def _units_1(unit: Element, unit_id: str) -> list[_Unit]:
    return _suppress(_segments_1(unit, unit_id), unit.elements("note"))


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


def _units_2(unit: Element, unit_id: str) -> list[_Unit]:
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
    return _suppress(found, notes.elements("note") if notes is not None else ())


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

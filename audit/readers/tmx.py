"""TMX 1.4 translation memories: the requested language pair of each ``<tu>`` becomes a Segment.

A TMX file may hold many languages; the source and target variants (``<tuv>``) are chosen by
the requested languages, matching the primary subtag case-insensitively ("de" matches "de-DE"
and "DE-de"), an exact match preferred. Inline codes become placeholder tokens
(``<bpt id="1"/>``, ``<ept id="1"/>``, ``<ph id="2"/>``, ``<it id="3"/>``, ``<ut/>``) whose native
code is dropped; ``<hi>`` keeps its text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

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

# Inline code element -> the attribute that identifies it (bpt/ept pair by "i"; ph/it use "x").
_CODES = {"bpt": "i", "ept": "i", "ph": "x", "it": "x", "ut": "x"}


def read_tmx(
    path: str, text: str, *, source_lang: str, target_lang: str, include_fuzzy: bool = False
) -> Document:
    """Read a TMX file into a Document for the pair ``source_lang`` -> ``target_lang``.

    The Document's languages are the codes of the first translation unit used (``de-DE``,
    ``en-GB``), which are more specific than the requested ones. ``include_fuzzy`` has no
    meaning here.
    """
    reading = _Reading(path, source_lang, target_lang)
    segments = tuple(reading.segments((text,), UniqueIds()))
    return reading.document(segments)


def stream_tmx(
    path: str, *, source_lang: str, target_lang: str, check: Callable[[Segment], None]
) -> Document:
    """A Document that reads a large TMX file again each time it is iterated, as ``read_tmx``
    would read it, never holding more than a piece of the file and one unit at a time.

    The file is read through once here, each segment passed to ``check`` (see
    ``xmlsafe.stream_passes``).
    """
    first, segments = stream_passes(path, lambda: _Reading(path, source_lang, target_lang), check)
    return replace(first.document(()), stream=segments)


class _Reading:
    """One pass over a TMX file: its segments in order, and what the pass learned on the way
    (the units skipped, the languages seen and used)."""

    def __init__(self, path: str, source_lang: str, target_lang: str) -> None:
        self.path = path
        self.source_lang, self.target_lang = source_lang, target_lang
        self.root: Element | None = None
        self.seen: dict[str, str] = {}  # casefolded code -> code as first written
        self.skipped: list[Skipped] = []
        self.languages: tuple[str, str] | None = None
        self.count = 0

    def segments(self, text: Iterable[str], unique: Renamer) -> Iterator[Segment]:
        path, source_lang, target_lang = self.path, self.source_lang, self.target_lang
        parsed = iter_detached(path, text, _UNIT)
        root = next(parsed)
        assert isinstance(root, Element)  # the root always comes first
        self.root = root
        if root.name != "tmx":
            raise InputError(
                path, f"not a TMX file (root element <{root.name}>)", root.line, root.column
            )
        ordinal = 0
        for item in parsed:
            assert isinstance(item, tuple)
            ancestors, unit = item
            if not _is_unit(ancestors, unit):
                continue
            ordinal += 1
            unit_id = unit.get("tuid") or str(ordinal)
            variants = [(_language(tuv), tuv) for tuv in unit.elements("tuv")]
            for code, _ in variants:
                if code:
                    self.seen.setdefault(code.casefold(), code)
            source = _pick(variants, source_lang, None)
            target = _pick(variants, target_lang, source)
            if source is None or target is None:
                missing = " and ".join(
                    lang
                    for lang, found in ((source_lang, source), (target_lang, target))
                    if found is None
                )
                self.skipped.append(
                    Skipped(unit_id, unit.line, unit.column, f"no {missing} variant")
                )
                continue
            if self.languages is None:
                self.languages = (
                    _language(source) or source_lang,
                    _language(target) or target_lang,
                )
            segment = _segment(unit_id, source, target, self.count)
            self.count += 1
            yield replace(segment, id=unique(segment.id, segment.line))

    def document(self, segments: tuple[Segment, ...]) -> Document:
        """The Document of a finished pass (refused when no unit had both languages)."""
        if not self.count:
            found = ", ".join(self.seen.values()) or "none"
            root = self.root
            raise InputError(
                self.path,
                f"no translation units with both {self.source_lang} and {self.target_lang} "
                f"(languages in file: {found})",
                root.line if root else None,
                root.column if root else None,
            )
        source_code, target_code = self.languages or (self.source_lang, self.target_lang)
        return Document(
            self.path, segments, source_code, target_code, True, skipped=tuple(self.skipped)
        )


_UNIT = frozenset({"tu"})


def _is_unit(ancestors: tuple[Element, ...], unit: Element) -> bool:
    """A <tu> of the <body>, right below it (<tmx> <body> <tu>), in the file's namespace."""
    if len(ancestors) != 2:
        return False
    root, body = ancestors
    return body.name == "body" and body.namespace == unit.namespace == root.namespace


def _language(tuv: Element) -> str:
    # TMX 1.4 uses xml:lang; TMX 1.1 and some exporters still write lang.
    return (tuv.get("xml:lang") or tuv.get("lang") or "").strip()


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-", 1)[0].casefold()


def _pick(
    variants: list[tuple[str, Element]], wanted: str, taken: Element | None
) -> Element | None:
    """The variant in language ``wanted``: exact code first, else same primary subtag."""
    candidates = [(code, tuv) for code, tuv in variants if tuv is not taken and code]
    folded = wanted.replace("_", "-").casefold()
    for code, tuv in candidates:
        if code.replace("_", "-").casefold() == folded:
            return tuv
    primary = _primary(wanted)
    for code, tuv in candidates:
        if _primary(code) == primary:
            return tuv
    return None


def _segment(unit_id: str, source: Element, target: Element, index: int) -> Segment:
    text, spans, line, column = _seg_text(target)
    return Segment(
        id=unit_id,
        text=text,
        line=line,
        column=column,
        paragraph=index,
        source=_seg_text(source)[0],
        ignored=spans,
    )


def _seg_text(tuv: Element) -> tuple[str, tuple[tuple[int, int], ...], int, int]:
    """A variant's text, placeholder spans and where its first character is (the tuv if empty)."""
    seg = tuv.first("seg")
    if seg is None:
        return "", (), tuv.line, tuv.column
    builder = SpanBuilder()
    _render_into(builder, seg)
    return builder.build(not seg.preserve_space, seg.line, seg.column)


def _render_into(builder: SpanBuilder, element: Element) -> None:
    for child in element.children:
        if isinstance(child, Text):
            builder.text(child)
        elif child.name in _CODES:
            ident = child.get(_CODES[child.name]) or child.get("i") or child.get("x")
            builder.token(placeholder(child.name, ident, "empty"), child.line, child.column)
        else:  # <hi> and anything unknown: the text counts
            _render_into(builder, child)

"""TMX 1.4 translation memories: the requested language pair of each ``<tu>`` becomes a Segment.

A TMX file may hold many languages; the source and target variants (``<tuv>``) are chosen by
the requested languages, matching the primary subtag case-insensitively ("de" matches "de-DE"
and "DE-de"), an exact match preferred. Inline codes become placeholder tokens
(``<bpt id="1"/>``, ``<ept id="1"/>``, ``<ph id="2"/>``, ``<it id="3"/>``, ``<ut/>``) whose native
code is dropped; ``<hi>`` keeps its text.
"""

from __future__ import annotations

from dataclasses import replace

from audit.errors import InputError
from audit.model import Document, Segment, Skipped
from audit.readers.xmlsafe import Element, SpanBuilder, Text, UniqueIds, parse, placeholder

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
    root = parse(path, text)
    if root.name != "tmx":
        raise InputError(
            path, f"not a TMX file (root element <{root.name}>)", root.line, root.column
        )
    body = root.first("body")
    units = list(body.elements("tu")) if body is not None else []
    seen: dict[str, str] = {}  # casefolded code -> code as first written
    segments: list[Segment] = []
    skipped: list[Skipped] = []
    languages: tuple[str, str] | None = None
    unique = UniqueIds()
    for ordinal, unit in enumerate(units, 1):
        unit_id = unit.get("tuid") or str(ordinal)
        variants = [(_language(tuv), tuv) for tuv in unit.elements("tuv")]
        for code, _ in variants:
            if code:
                seen.setdefault(code.casefold(), code)
        source = _pick(variants, source_lang, None)
        target = _pick(variants, target_lang, source)
        if source is None or target is None:
            missing = " and ".join(
                lang
                for lang, found in ((source_lang, source), (target_lang, target))
                if found is None
            )
            skipped.append(Skipped(unit_id, unit.line, unit.column, f"no {missing} variant"))
            continue
        if languages is None:
            languages = (_language(source) or source_lang, _language(target) or target_lang)
        segment = _segment(unit_id, source, target, len(segments))
        segments.append(replace(segment, id=unique(segment.id, segment.line)))
    if not segments:
        found = ", ".join(seen.values()) or "none"
        raise InputError(
            path,
            f"no translation units with both {source_lang} and {target_lang} "
            f"(languages in file: {found})",
            root.line,
            root.column,
        )
    source_code, target_code = languages or (source_lang, target_lang)
    return Document(path, tuple(segments), source_code, target_code, True, skipped=tuple(skipped))


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

"""Parse untrusted XML into a light tree that remembers where every element and text run sits.

Translation files arrive from vendors and tools we do not control, so the parser refuses
everything that makes XML dangerous rather than trying to make it harmless: a DOCTYPE (and so
any DTD, entity declaration or "billion laughs" expansion), external entity references, and
XInclude elements all stop the parse with an InputError. Nothing is ever fetched or expanded.
Parsing is expat's (linear); the tree keeps 1-based line and column numbers so that readers can
report where a target's text starts in the file.

``SpanBuilder`` assembles a segment's text from text runs and placeholder tokens and records
which character spans are placeholders (not to be audited).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol, TypeVar
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import AttributesNSImpl

from defusedxml.common import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.expatreader import DefusedExpatParser

from audit.errors import InputError
from audit.model import Segment
from audit.readers.textfile import iter_chunks

XML_NS = "http://www.w3.org/XML/1998/namespace"
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
# Real translation files nest a handful of levels; far deeper nesting is an attack or a bug,
# and the readers walk the tree recursively.
MAX_DEPTH = 200


@dataclass(slots=True)
class Text:
    """A run of character data exactly as expat reported it, with its position in the file."""

    value: str
    line: int
    column: int


@dataclass(slots=True, eq=False)
class Element:
    """One element: local name, namespace, attributes and children in document order.

    Attribute keys are the local name for unqualified attributes, ``xml:NAME`` for the XML
    namespace (``xml:lang``, ``xml:space``) and ``{uri}NAME`` for any other namespace.
    ``line``/``column`` locate the ``<`` of the start tag, ``end_line``/``end_column`` the end
    tag (for an empty-element tag, the point just after it).
    """

    name: str
    namespace: str
    attributes: dict[str, str]
    line: int
    column: int
    preserve_space: bool = False
    children: list[Element | Text] = field(default_factory=list)
    end_line: int = 0
    end_column: int = 0

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attributes.get(key, default)

    def elements(self, name: str | None = None) -> Iterator[Element]:
        """Direct child elements in this element's namespace, optionally of one local name."""
        for child in self.children:
            if (
                isinstance(child, Element)
                and child.namespace == self.namespace
                and (name is None or child.name == name)
            ):
                yield child

    def first(self, name: str) -> Element | None:
        return next(self.elements(name), None)


class _TreeBuilder(ContentHandler):
    """SAX events to Elements; positions come from the reader, which is its own locator."""

    def __init__(
        self, path: str, reader: DefusedExpatParser, detach: frozenset[str] | None = None
    ) -> None:
        super().__init__()
        self._path = path
        self._reader = reader
        self._stack: list[Element] = []
        self.root: Element | None = None
        # With ``detach``, each element of one of those local names (the outermost, if they
        # nest) leaves the tree when it ends, for ``detached`` with its ancestors, and text
        # outside such elements is not kept.
        self._detach = detach
        self._inside = 0  # detachable elements open around the current point
        self.detached: list[tuple[tuple[Element, ...], Element]] = []

    def position(self) -> tuple[int, int]:
        """1-based line and column of the event being handled (expat counts columns from 0)."""
        return self._reader.getLineNumber(), (self._reader.getColumnNumber() or 0) + 1

    def startElementNS(
        self, name: tuple[str | None, str], qname: str | None, attrs: AttributesNSImpl
    ) -> None:
        line, column = self.position()
        namespace = name[0] or ""
        if namespace == XINCLUDE_NS:
            raise InputError(
                self._path, "XInclude is refused (it would read other files)", line, column
            )
        if len(self._stack) >= MAX_DEPTH:
            raise InputError(
                self._path, f"elements nested deeper than {MAX_DEPTH} levels", line, column
            )
        attributes: dict[str, str] = {}
        for (uri, local), value in attrs.items():
            if not uri:
                attributes[local] = value
            elif uri == XML_NS:
                attributes["xml:" + local] = value
            else:
                attributes["{" + uri + "}" + local] = value
        parent = self._stack[-1] if self._stack else None
        space = attributes.get("xml:space")
        preserve = space == "preserve" if space else parent is not None and parent.preserve_space
        element = Element(name[1], namespace, attributes, line, column, preserve)
        if parent is None:
            self.root = element
        else:
            parent.children.append(element)
        self._stack.append(element)
        if self._detach is not None and element.name in self._detach:
            self._inside += 1

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        line, column = self.position()
        element = self._stack.pop()
        element.end_line, element.end_column = line, column
        if self._detach is not None and element.name in self._detach:
            self._inside -= 1
            if not self._inside and self._stack:
                self._stack[-1].children.pop()  # the element just ended is the last child
                self.detached.append((tuple(self._stack), element))

    def characters(self, content: str) -> None:
        if not self._stack or (self._detach is not None and not self._inside):
            return
        line, column = self.position()
        self._stack[-1].children.append(Text(content, line, column))


def parse(path: str, text: str) -> Element:
    """Parse ``text`` (the content of ``path``) into its root Element, or raise InputError."""
    reader, builder = _parser(path, None)
    with _refusals(path, builder):
        # A str goes to expat as UTF-8 whatever the XML declaration says: the file was already
        # decoded strictly as UTF-8 by read_text.
        reader.feed(text)
        reader.close()
    if builder.root is None:
        raise InputError(path, "no XML root element")
    return builder.root


def iter_detached(
    path: str, pieces: Iterable[str], names: frozenset[str]
) -> Iterator[Element | tuple[tuple[Element, ...], Element]]:
    """Parse text given in pieces as it comes: first the root Element, then, as each ends,
    every element named one of ``names`` (not inside another such), with its ancestors from
    the root down, as (ancestors, element).

    Those elements are taken out of the tree, and text outside them is not kept, so a file
    of a million translation units is read holding one piece, the units it completed and
    what stands outside units (headers, files, groups), never the whole tree. The refusals
    and errors are those of ``parse``.
    """
    reader, builder = _parser(path, names)
    root_given = False
    with _refusals(path, builder):
        for piece in pieces:
            reader.feed(piece)
            if builder.root is not None and not root_given:
                root_given = True
                yield builder.root
            yield from builder.detached
            builder.detached.clear()
        reader.close()
    if builder.root is None:
        raise InputError(path, "no XML root element")
    if not root_given:
        yield builder.root
    yield from builder.detached


def _parser(path: str, detach: frozenset[str] | None) -> tuple[DefusedExpatParser, _TreeBuilder]:
    reader = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    reader.setFeature(feature_namespaces, True)
    builder = _TreeBuilder(path, reader, detach)
    reader.setContentHandler(builder)
    return reader, builder


@contextmanager
def _refusals(path: str, builder: _TreeBuilder) -> Iterator[None]:
    """Parse errors and refused constructs as InputErrors at their position."""
    try:
        yield
    except SAXParseException as exc:
        raise InputError(
            path,
            f"malformed XML: {exc.getMessage()}",
            exc.getLineNumber(),
            (exc.getColumnNumber() or 0) + 1,
        ) from None
    except DefusedXmlException as exc:
        line, column = builder.position()
        raise InputError(path, _refusal(exc), line, column) from None


def _refusal(exc: DefusedXmlException) -> str:
    if isinstance(exc, DTDForbidden):
        return (
            "XML with a DOCTYPE is refused (a DTD can declare entities that expand or fetch);"
            " remove the <!DOCTYPE ...> declaration to audit this file"
        )
    if isinstance(exc, EntitiesForbidden):
        return "XML entity declarations are refused"
    if isinstance(exc, ExternalReferenceForbidden):
        return "XML external entity references are refused"
    return "unsafe XML construct refused"


class UniqueIds:
    """Segment ids must be unique in a document; files may repeat theirs (unit ids restart in
    each ``<file>`` of an XLIFF, TMX tuids are not checked by their tools).

    A repeated id gets ``@line`` appended. With ``may_repeat``, only the ids it says may come
    again are remembered, and those with an "@" (an appended id could equal them): a reader
    that has counted a large file's ids once holds a handful instead of every one.
    """

    def __init__(self, may_repeat: Callable[[str], bool] | None = None) -> None:
        self._used: set[str] = set()
        self._may_repeat = may_repeat

    def __call__(self, ident: str, line: int) -> str:
        while ident in self._used:
            ident = f"{ident}@{line}"
        if self._may_repeat is None or "@" in ident or self._may_repeat(ident):
            self._used.add(ident)
        return ident


# (id, line) -> the id the segment gets: a UniqueIds, or the id as given
Renamer = Callable[[str, int], str]


class UnitPass(Protocol):
    """One reading of a file of translation units (see tmx._Reading, xliff._Reading)."""

    def segments(self, text: Iterable[str], unique: Renamer) -> Iterator[Segment]: ...


Pass = TypeVar("Pass", bound=UnitPass)


def stream_passes(
    path: str, new_pass: Callable[[], Pass], check: Callable[[Segment], None]
) -> tuple[Pass, Callable[[], Iterator[Segment]]]:
    """Stream an XML file of units: the first pass, read through here with each segment
    passed to ``check`` (so bad input fails before any auditing), and what reads the segments
    again for the audit, as often as asked.

    The text comes in pieces of about 64 KiB, so what the units of one piece take is bounded
    however the file is laid out in lines. The first pass keeps ids as given and learns from
    their hashes (8 bytes each) which repeat; later passes make ids unique as a whole read
    does, remembering only those (see UniqueIds).
    """
    first = new_pass()
    hashes = array("q")
    for segment in first.segments(iter_chunks(path), lambda ident, _line: ident):
        check(segment)
        hashes.append(hash(segment.id))
    ordered = sorted(hashes)
    repeated = frozenset(a for a, b in pairwise(ordered) if a == b)
    del hashes, ordered

    def segments() -> Iterator[Segment]:
        # A rare collision of hashes only makes an id remembered that need not be.
        unique = UniqueIds(lambda ident: hash(ident) in repeated)
        return new_pass().segments(iter_chunks(path), unique)

    return first, segments


def placeholder(name: str, ident: str | None, kind: str) -> str:
    """The canonical token for an inline code: ``open`` ``<g id="1">``, ``close`` ``</g>``,
    ``empty`` ``<x id="2"/>``; the id is left out when the file gives none."""
    if kind == "close":
        return f"</{name}>"
    attribute = "" if ident is None else f' id="{_escape(ident)}"'
    return f"<{name}{attribute}{'/' if kind == 'empty' else ''}>"


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@dataclass(slots=True)
class _Piece:
    value: str
    line: int
    column: int
    ignored: bool


class SpanBuilder:
    """Collect a segment's text runs and placeholder tokens, then join them into a segment."""

    def __init__(self) -> None:
        self._pieces: list[_Piece] = []

    def text(self, run: Text, ignored: bool = False) -> None:
        if run.value:
            self._pieces.append(_Piece(run.value, run.line, run.column, ignored))

    def token(self, value: str, line: int, column: int) -> None:
        self._pieces.append(_Piece(value, line, column, True))

    def build(
        self, strip: bool, line: int, column: int
    ) -> tuple[str, tuple[tuple[int, int], ...], int, int]:
        """Text, ignored spans, and the file position of the text's first character.

        ``strip`` drops leading and trailing whitespace (pretty-printed XML); ``line``/``column``
        are used when nothing is left.
        """
        pieces = self._pieces
        if strip:
            pieces = _strip(pieces)
        if pieces:
            line, column = pieces[0].line, pieces[0].column
        text = "".join(p.value for p in pieces)
        spans: list[tuple[int, int]] = []
        offset = 0
        for piece in pieces:
            end = offset + len(piece.value)
            if piece.ignored:
                if spans and spans[-1][1] == offset:
                    spans[-1] = (spans[-1][0], end)  # adjacent tokens form one span
                else:
                    spans.append((offset, end))
            offset = end
        return text, tuple(spans), line, column


def _strip(pieces: list[_Piece]) -> list[_Piece]:
    def blank(piece: _Piece) -> bool:
        return not piece.ignored and not piece.value.strip()

    start, end = 0, len(pieces)
    while start < end and blank(pieces[start]):
        start += 1
    while end > start and blank(pieces[end - 1]):
        end -= 1
    pieces = pieces[start:end]
    if pieces and not pieces[0].ignored:
        first = pieces[0]
        kept = first.value.lstrip()
        dropped = first.value[: len(first.value) - len(kept)]
        line, column = first.line, first.column + len(dropped)
        if "\n" in dropped:
            line += dropped.count("\n")
            column = len(dropped) - dropped.rfind("\n")
        pieces[0] = _Piece(kept, line, column, False)
    if pieces and not pieces[-1].ignored:
        last = pieces[-1]
        pieces[-1] = _Piece(last.value.rstrip(), last.line, last.column, False)
    return pieces

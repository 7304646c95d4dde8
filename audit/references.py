"""Reference translations: attach one or more references to a document's segments.

A reference for a translation file (bitext) is a plain-text file with one segment per line in
the file's segment order, as sacrebleu reads references; its line count must match. A
reference for an article is another article (an edited version): its sentences are aligned
with the target's like a source, with a same-language length model, and a target sentence the
aligner cannot pair gets no reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from audit.align import align_article
from audit.errors import InputError
from audit.lengthmodel import SAME_LANGUAGE
from audit.model import Document, Segment
from audit.readers import ARTICLE_READERS, format_of, read_article
from audit.readers.textfile import MAX_PARAGRAPH, read_text


def attach_references(document: Document, paths: Sequence[str], article: bool) -> Document:
    """The document with ``reference`` (first path) and ``extra_references`` (the others)."""
    if not paths:
        return document
    streams = [
        _article_reference(document, path) if article else _line_reference(document, path)
        for path in paths
    ]
    segments = []
    for index, segment in enumerate(document.segments):
        refs = [stream[index] for stream in streams]
        if any(r is None for r in refs):
            segments.append(segment)
            continue
        texts = [r for r in refs if r is not None]
        segments.append(
            replace(segment, reference=texts[0], extra_references=tuple(texts[1:]))
        )
    return replace(document, segments=tuple(segments))


def _line_reference(document: Document, path: str) -> list[str | None]:
    text = read_text(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline ends the last segment; it does not add one
    if not any(line.strip() for line in lines):
        raise InputError(path, "the reference is empty")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_PARAGRAPH:
            raise InputError(
                path,
                f"{len(line):,} characters in one reference segment (at most {MAX_PARAGRAPH:,})",
                number,
                1,
            )
    if len(lines) != len(document.segments):
        raise InputError(
            path,
            f"the reference has {len(lines)} segments but {document.path} has "
            f"{len(document.segments)}",
        )
    return list(lines)


def _article_reference(document: Document, path: str) -> list[str | None]:
    fmt = format_of(path)
    if fmt not in ARTICLE_READERS:
        raise InputError(path, "a reference for an article must be plain text or Markdown")
    segments = read_article(path, fmt, read_text(path), document.target_lang)
    if not segments:
        raise InputError(path, "the reference is empty")
    alignment = align_article(
        document.segments, segments, SAME_LANGUAGE.ratio, SAME_LANGUAGE.variance
    )
    # align_article puts the aligned reference text in ``source``; read it back from there.
    by_id: dict[str, Segment] = {s.id: s for s in alignment.targets}
    return [
        by_id[s.id].source if by_id[s.id].source_ids else None for s in document.segments
    ]

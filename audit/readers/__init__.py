"""Readers: one module per input format; this table picks one by file extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from audit.align import ArticleAlignment, align_article
from audit.errors import InputError
from audit.lengthmodel import alignment_model
from audit.model import Document, Segment
from audit.positions import line_and_column
from audit.readers import textfile
from audit.readers.article import ParagraphTooLong
from audit.readers.bitext import (
    ALREADY_CHECKED,
    IdGuard,
    NumberedLines,
    duplicate_id,
    iter_jsonl,
    iter_tsv,
    read_jsonl,
    read_tsv,
)
from audit.readers.markdown import read_markdown
from audit.readers.plaintext import read_plaintext
from audit.readers.po import read_po
from audit.readers.textfile import read_text
from audit.readers.tmx import read_tmx, stream_tmx
from audit.readers.xliff import read_xliff, stream_xliff

ArticleReader = Callable[[str, str], list[Segment]]
BitextReader = Callable[[str, str], list[Segment]]
StreamedReader = Callable[[str, NumberedLines, "IdGuard | None"], Iterator[Segment]]


class TranslationFileReader(Protocol):
    """A reader for files of translation units (XLIFF, TMX, PO): it builds the whole Document."""

    def __call__(
        self, path: str, text: str, *, source_lang: str, target_lang: str, include_fuzzy: bool
    ) -> Document: ...


ARTICLE_READERS: dict[str, ArticleReader] = {"text": read_plaintext, "markdown": read_markdown}
BITEXT_READERS: dict[str, BitextReader] = {"jsonl": read_jsonl, "tsv": read_tsv}
STREAMED_READERS: dict[str, StreamedReader] = {
    "jsonl": iter_jsonl,
    "tsv": lambda path, lines, _ids: iter_tsv(path, lines),  # ids are line numbers: unique
}


class StreamedUnitReader(Protocol):
    """A reader that checks a file of translation units once, then streams it (XLIFF, TMX)."""

    def __call__(
        self, path: str, *, source_lang: str, target_lang: str, check: Callable[[Segment], None]
    ) -> Document: ...


UNIT_READERS: dict[str, TranslationFileReader] = {
    "xliff": read_xliff,
    "tmx": read_tmx,
    "po": read_po,
}
STREAMED_UNIT_READERS: dict[str, StreamedUnitReader] = {"xliff": stream_xliff, "tmx": stream_tmx}
EXTENSIONS = {
    ".jsonl": "jsonl",
    ".tsv": "tsv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".xlf2": "xliff",
    ".tmx": "tmx",
    ".po": "po",
    ".pot": "po",
}
FORMATS = tuple(sorted({*ARTICLE_READERS, *BITEXT_READERS, *UNIT_READERS}))


def format_of(path: str) -> str:
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def load_document(
    path: str,
    *,
    source_lang: str,
    target_lang: str,
    source_path: str | None = None,
    input_format: str | None = None,
    include_fuzzy: bool = False,
    stream: bool = False,
) -> Document:
    """Read a target file (and, for articles, its optional source article) into a Document.

    Bitext and translation files (JSONL, TSV, XLIFF, TMX, PO) carry their own source, so a
    separate ``source_path`` is an error for them. For XLIFF the languages the file declares
    replace ``source_lang``/``target_lang`` in the Document, since the file knows what it
    holds; TMX reports the codes of the variants it used (``en-GB`` for a requested ``en``).
    ``include_fuzzy`` audits fuzzy PO entries instead of listing them as skipped.

    With ``stream``, a JSONL, TSV, XLIFF or TMX file is checked from end to end here but not
    held: the Document's ``stream`` reads its segments again, one at a time, while they are
    audited.
    """
    fmt = input_format or format_of(path)
    if source_path and (fmt in BITEXT_READERS or fmt in UNIT_READERS):
        raise InputError(path, "--source applies to articles; bitext files carry their source")
    if stream and fmt in STREAMED_READERS:
        return _streamed_bitext(path, fmt, source_lang, target_lang)
    if stream and fmt in STREAMED_UNIT_READERS:
        # A translation memory or a large XLIFF can hold millions of units: read as it goes.
        document = STREAMED_UNIT_READERS[fmt](
            path,
            source_lang=source_lang,
            target_lang=target_lang,
            check=lambda segment: _require_short_segments(path, (segment,)),
        )
        return replace(document, is_article=False)
    text = read_text(path)
    if fmt in UNIT_READERS:
        document = UNIT_READERS[fmt](
            path,
            text,
            source_lang=source_lang,
            target_lang=target_lang,
            include_fuzzy=include_fuzzy,
        )
        _require_short_segments(path, document.segments)
        return replace(document, is_article=False)
    if fmt in BITEXT_READERS:
        segments = BITEXT_READERS[fmt](path, text)
        _require_short_segments(path, segments)
        has_source = any(s.source is not None for s in segments)
        return Document(
            path, tuple(segments), source_lang, target_lang, has_source, is_article=False
        )
    segments = read_article(path, fmt, text, target_lang)
    if not segments:
        raise InputError(path, "no text to audit")
    if not source_path:
        return Document(path, tuple(segments), source_lang, target_lang)
    source_format = input_format or format_of(source_path)
    if source_format not in ARTICLE_READERS:
        raise InputError(source_path, "--source must be an article (plain text or Markdown)")
    source_text = read_text(source_path)
    source_segments = read_article(source_path, source_format, source_text, source_lang)
    if not source_segments:
        raise InputError(source_path, "no text to align the translation with")
    model = alignment_model(source_lang, target_lang)
    alignment = align_article(segments, source_segments, model.ratio, model.variance)
    _require_alignment(path, source_path, alignment)
    return Document(
        path,
        tuple(alignment.targets),
        source_lang,
        target_lang,
        True,
        tuple(source_segments),
        tuple(s.id for s in alignment.unaligned_source),
        tuple(s.id for s in alignment.unaligned_target),
        source_path=source_path,
    )


def _streamed_bitext(path: str, fmt: str, source_lang: str, target_lang: str) -> Document:
    reader = STREAMED_READERS[fmt]

    def segments(ids: IdGuard | None = None) -> Iterator[Segment]:
        return reader(path, textfile.iter_lines(path), ids)

    # Everything is checked before any auditing starts, so bad input fails fast and a run
    # never reports on half a file; only 8 bytes per segment id are held while checking.
    guard = IdGuard()
    has_source = False
    for segment in segments(guard):
        _require_short_segments(path, (segment,))
        has_source = has_source or segment.source is not None
    repeated = guard.first_duplicate(lambda: segments(ALREADY_CHECKED))
    if repeated is not None:
        raise duplicate_id(path, *repeated)
    return Document(
        path,
        (),
        source_lang,
        target_lang,
        has_source,
        is_article=False,
        stream=lambda: segments(ALREADY_CHECKED),
    )


def read_article(path: str, fmt: str, text: str, lang: str) -> list[Segment]:
    """An article's segments; a paragraph too long to be one is an error at its position."""
    try:
        return ARTICLE_READERS[fmt](text, lang)
    except ParagraphTooLong as exc:
        line, column = line_and_column(text, exc.offset)
        raise InputError(
            path,
            f"{exc.length:,} characters without a paragraph break"
            f" (at most {textfile.MAX_PARAGRAPH:,}): is this an article?",
            line,
            column,
        ) from None


def _require_short_segments(path: str, segments: Iterable[Segment]) -> None:
    """Refuse segments far longer than any sentence or paragraph (see ``MAX_PARAGRAPH``)."""
    limit = textfile.MAX_PARAGRAPH
    for segment in segments:
        for what, value in (
            ("target", segment.text),
            ("source", segment.source),
            ("reference", segment.reference),
        ):
            if value is not None and len(value) > limit:
                ident = segment.id if len(segment.id) <= 40 else segment.id[:40] + "..."
                raise InputError(
                    path,
                    f"segment {ident!r}: the {what} has {len(value):,} characters"
                    f" (at most {limit:,} in one segment)",
                    segment.line,
                    segment.column,
                )


# Below this share of paired sentences the two files are not a translation pair: auditing them
# would bury the reader in omission and addition findings.
_MIN_ALIGNED_SHARE = 0.5


def _require_alignment(path: str, source_path: str, alignment: ArticleAlignment) -> None:
    paired = sum(1 for s in alignment.targets if s.source_ids)
    considered = paired + len(alignment.unaligned_target)
    if considered and paired / considered < _MIN_ALIGNED_SHARE:
        raise InputError(
            path,
            f"cannot be aligned with {source_path}: only {paired} of {considered} sentences "
            "have a counterpart (is it the source of this article?)",
        )

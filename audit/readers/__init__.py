"""Readers: one module per input format; this table picks one by file extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audit.align import attach_source
from audit.errors import InputError
from audit.model import Document, Segment
from audit.readers.bitext import read_jsonl, read_tsv
from audit.readers.markdown import read_markdown
from audit.readers.plaintext import read_plaintext
from audit.readers.textfile import read_text

ArticleReader = Callable[[str, str], list[Segment]]
BitextReader = Callable[[str, str], list[Segment]]

ARTICLE_READERS: dict[str, ArticleReader] = {"text": read_plaintext, "markdown": read_markdown}
BITEXT_READERS: dict[str, BitextReader] = {"jsonl": read_jsonl, "tsv": read_tsv}
EXTENSIONS = {".jsonl": "jsonl", ".tsv": "tsv", ".md": "markdown", ".markdown": "markdown"}
FORMATS = tuple(sorted({*ARTICLE_READERS, *BITEXT_READERS}))


def format_of(path: str) -> str:
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def load_document(
    path: str,
    *,
    source_lang: str,
    target_lang: str,
    source_path: str | None = None,
    input_format: str | None = None,
) -> Document:
    """Read a target file (and, for articles, its optional source article) into a Document."""
    fmt = input_format or format_of(path)
    text = read_text(path)
    if fmt in BITEXT_READERS:
        if source_path:
            raise InputError(path, "--source applies to articles; bitext files carry their source")
        segments = BITEXT_READERS[fmt](path, text)
        has_source = any(s.source is not None for s in segments)
        return Document(path, tuple(segments), source_lang, target_lang, has_source)
    segments = ARTICLE_READERS[fmt](text, target_lang)
    if not segments:
        raise InputError(path, "no text to audit")
    if not source_path:
        return Document(path, tuple(segments), source_lang, target_lang)
    source_text = read_text(source_path)
    source_segments = ARTICLE_READERS[input_format or format_of(source_path)](
        source_text, source_lang
    )
    aligned, unaligned = attach_source(segments, source_segments)
    return Document(
        path,
        tuple(aligned),
        source_lang,
        target_lang,
        True,
        tuple(source_segments),
        tuple(s.id for s in unaligned),
    )

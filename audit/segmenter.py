"""Split article text into paragraphs and sentences, keeping every character offset."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pysbd

# pysbd's rule sets for the languages it knows; others fall back to English rules.
_PYSBD_LANGUAGES = frozenset(
    [
        "en",
        "hi",
        "mr",
        "zh",
        "es",
        "am",
        "ar",
        "hy",
        "bg",
        "ur",
        "ru",
        "pl",
        "fa",
        "nl",
        "da",
        "fr",
        "my",
        "el",
        "it",
        "ja",
        "de",
        "kk",
        "sk",
    ]
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A line this short is a headline or a list line, not part of a wrapped paragraph.
_SHORT_LINE = 50


@dataclass(frozen=True, slots=True)
class Piece:
    """A sentence or headline: offsets into the file text and its paragraph number."""

    start: int
    end: int
    paragraph: int


@lru_cache(maxsize=8)
def _pysbd(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang if lang in _PYSBD_LANGUAGES else "en", clean=False)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each blank-line-separated block, without surrounding space."""
    pos = 0
    for match in _BLANK_LINE.finditer(text):
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def hard_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a block at line breaks that end a headline or list line, not at wrapping breaks."""
    lines: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        lines.append((pos, stop))
        pos = stop + 1
    if len(lines) == 1:
        return lines
    longest = max(e - s for s, e in lines)
    all_short = longest < _SHORT_LINE
    groups: list[tuple[int, int]] = []
    group_start = lines[0][0]
    for (s, e), _next in itertools.pairwise(lines):
        if all_short or (e - s) < 0.6 * longest:
            groups.append((group_start, e))
            group_start = _next[0]
    groups.append((group_start, lines[-1][1]))
    return [span for s, e in groups for span in _trimmed(text, s, e)]


def sentences(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end] found by pysbd, mapped back to exact offsets."""
    # pysbd ends a sentence at every line break; a wrapped line is not a sentence end, and
    # hard_lines has already cut at the breaks that are. Same length, so offsets hold.
    chunk = text[start:end].replace("\n", " ")
    spans: list[tuple[int, int]] = []
    pos = 0
    for sentence in _pysbd(lang).segment(chunk):
        stripped = sentence.strip()
        if not stripped:
            continue
        found = chunk.find(stripped, pos)
        if found == -1:  # pysbd changed the text: keep the rest as one sentence
            break
        spans.append((start + found, start + found + len(stripped)))
        pos = found + len(stripped)
    rest = chunk[pos:]
    if rest.strip():
        spans.extend(_trimmed(text, start + pos, end))
    return spans


def split_article(text: str, lang: str) -> list[Piece]:
    """Every sentence or headline of an article, in order, with its paragraph number."""
    pieces: list[Piece] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        for l_start, l_end in hard_lines(text, p_start, p_end):
            pieces.extend(Piece(s, e, number) for s, e in sentences(text, l_start, l_end, lang))
    return pieces

"""One thing, one spelling per document: names and compounds written two ways in one article."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from audit.checks.base import Resources, finding, rule
from audit.checks.memo import WordMemo
from audit.lexicon import Lexicon
from audit.model import Document, Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

TERM_VARIANTS = rule(
    "CONS001",
    "inconsistent-compound",
    "terminology/inconsistent-use",
    Severity.WARNING,
    """One word written both hyphenated and closed in the same document.

    "ceasefire" in one paragraph and "cease-fire" in the next reads as carelessness; pick one
    (house style decides which). Open forms ("well known" beside "well-known") are not compared:
    English hyphenates some compounds only before a noun.
    Example: "The cease-fire held." after "The ceasefire began at midnight." -> "ceasefire".""",
)
NAME_VARIANTS = rule(
    "CONS002",
    "inconsistent-name",
    "terminology/inconsistent-use",
    Severity.WARNING,
    """The same name spelt two ways in one document (Kozak/Kosak, Zelensky/Zelenskyy).

    Names are compared by a spelling key that ignores the differences transliteration produces
    (z/s, y/i/j, w/v, k/c, doubled letters, umlaut spellings; table in audit/data/names/). The
    finding sits on the first occurrence of the rarer spelling and lists every occurrence of
    each; the more frequent spelling is the suggestion.
    Example: "Dmitry Kozak" early in an article and "Kosak" later -> "Kozak".""",
)

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# A capitalised word of four letters or more, not glued to a word before it. The capital is
# matched first and the look-behind checks the character before it: a pattern that opens with
# a character class is scanned for quickly.
_CAPITAL = "[A-ZÀ-ÖØ-Þ]"
_NAME = re.compile(_CAPITAL + r"(?<![\w'’-]" + _CAPITAL + r")[^\W\d_]{3,}(?![\w-])")
_REPEATS = re.compile(r"(.)\1+")
# Distinct name candidates whose spelling key is remembered at most.
_MAX_CACHE = 50_000
# A name candidate must not be a common English word in lower case ("Recently", "Defense").
_COMMON_WORD = 4.0


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where one spelling occurs. Only the first occurrence of a spelling keeps its segment
    (a finding is built on it); the others keep their position alone."""

    index: int  # the segment's place in the document
    line: int
    column: int
    start: int
    end: int
    text: str
    segment: Segment | None


def _record(
    spellings: dict[str, list[Occurrence]],
    word: str,
    index: int,
    segment: Segment,
    match: re.Match[str],
) -> None:
    """Note one occurrence of ``word``; the first of each spelling keeps its segment."""
    line, column = segment.position(match.start())
    kept = segment if word not in spellings else None
    occurrence = Occurrence(index, line, column, match.start(), match.end(), match.group(), kept)
    spellings.setdefault(word, []).append(occurrence)


def _key_rules(target_lang: str) -> tuple[tuple[str, str], ...]:
    rows = [line.split("\t") for line in data_lines("names", f"{target_lang}-spelling-key.tsv")]
    return tuple((row[0], row[1] if len(row) > 1 else "") for row in rows)


class Consistency:
    """CONS001 and CONS002 over the whole document."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (TERM_VARIANTS, NAME_VARIANTS)

    def __init__(self, resources: Resources) -> None:
        self.rewrites = _key_rules(resources.target_lang)
        self._lexicon: Lexicon = resources.target_lexicon
        self._glossary_words = resources.name_words
        # Word -> its spelling key, or None when it is no name candidate (a common word).
        self.name_key: WordMemo[str, str | None] = WordMemo(self._candidate_key, _MAX_CACHE)

    def check_document(self, document: Document) -> Iterator[Finding]:
        collector = self.collector(document)
        for index, segment in enumerate(document):
            collector.add(index, segment)
        for _index, _text, item in collector.findings():
            yield item

    def collector(self, document: Document) -> _Collector:
        return _Collector(self, document)

    def _candidate_key(self, word: str) -> str | None:
        """The spelling key of a name candidate; None for acronyms and common words."""
        if word.isupper():
            return None  # acronyms
        if word not in self._glossary_words and self._lexicon.zipf(word) >= _COMMON_WORD:
            return None
        return self._key(word)

    def _key(self, word: str) -> str:
        key = word.casefold()
        for old, new in self.rewrites:
            key = key.replace(old, new)
        return _REPEATS.sub(r"\1", key)


class _Collector:
    """Consistency over a document whose segments go past one by one.

    The first pass notes only which words the document hyphenates and which spellings each
    name key has; once every segment is in, a second reading of the document collects the
    occurrences of the words that really vary. Memory grows with the vocabulary of names and
    hyphenated words, not with the number of segments.
    """

    def __init__(self, check: Consistency, document: Document) -> None:
        self._check = check
        self._document = document
        self._hyphenated: set[str] = set()
        self._names: dict[str, set[str]] = {}

    def add(self, index: int, segment: Segment) -> None:
        plain = segment.plain
        if "-" in plain:
            for word in _TOKEN.findall(plain):
                if "-" in word:
                    self._hyphenated.add(word.casefold().replace("-", ""))
        if self._check.rewrites:
            for word in _NAME.findall(plain):
                key = self._check.name_key(word)
                if key is not None:
                    self._names.setdefault(key, set()).add(word.casefold())

    def findings(self) -> Iterator[tuple[int, str, Finding]]:
        varied = {key for key, spellings in self._names.items() if len(spellings) > 1}
        if not self._hyphenated and not varied:
            return
        forms: dict[str, dict[str, list[Occurrence]]] = defaultdict(dict)
        names: dict[str, dict[str, list[Occurrence]]] = defaultdict(dict)
        for index, segment in enumerate(self._document):
            self._compounds(index, segment, forms)
            if varied:
                self._varied_names(index, segment, varied, names)
        found: list[tuple[int, str, Finding]] = []
        for spellings in forms.values():
            if any("-" in w for w in spellings) and any("-" not in w for w in spellings):
                found.append(_variant_finding(TERM_VARIANTS, spellings, "word"))
        for spellings in names.values():
            if len({w.casefold() for w in spellings}) > 1:
                found.append(_variant_finding(NAME_VARIANTS, spellings, "name"))
        yield from found

    def _compounds(
        self, index: int, segment: Segment, forms: dict[str, dict[str, list[Occurrence]]]
    ) -> None:
        keys = self._hyphenated
        if not keys:
            return
        words = _TOKEN.findall(segment.plain)
        if keys.isdisjoint([w.casefold().replace("-", "") for w in words]):
            return  # the usual case: positions are only worked out where needed
        for match in _TOKEN.finditer(segment.plain):
            word = match.group().casefold()
            key = word.replace("-", "")
            if key in keys:
                _record(forms[key], word, index, segment, match)

    def _varied_names(
        self,
        index: int,
        segment: Segment,
        varied: set[str],
        names: dict[str, dict[str, list[Occurrence]]],
    ) -> None:
        for match in _NAME.finditer(segment.plain):
            word = match.group()
            key = self._check.name_key(word)
            if key in varied:
                _record(names[key], word, index, segment, match)


def _variant_finding(
    meta: RuleMeta, spellings: dict[str, list[Occurrence]], what: str
) -> tuple[int, str, Finding]:
    order = list(spellings)  # first-seen order
    counts = Counter({w: len(o) for w, o in spellings.items()})
    # The most frequent spelling wins; on a tie, the one used first.
    preferred = max(order, key=lambda w: (counts[w], -order.index(w)))
    other = next(w for w in order if w != preferred)
    at = spellings[other][0]
    assert at.segment is not None, "the first occurrence of a spelling keeps its segment"
    listing = "; ".join(
        f'"{spellings[w][0].text}" (line{"s" if len(spellings[w]) > 1 else ""} '
        f"{', '.join(str(o.line) for o in spellings[w])})"
        for w in order
    )
    fix = spellings[preferred][0].text
    if at.text[:1].isupper() and not fix[:1].isupper():
        fix = fix[:1].upper() + fix[1:]
    item = finding(
        meta,
        at.segment,
        at.start,
        at.end,
        f"the same {what} is spelt {len(order)} ways in this document: {listing}",
        [fix],
        {
            "variants": "; ".join(
                f"{spellings[w][0].text}@" + ",".join(f"{o.line}:{o.column}" for o in spellings[w])
                for w in order
            )
        },
    )
    return at.index, at.segment.text, item

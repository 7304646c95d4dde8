"""One thing, one spelling per document: names and compounds written two ways in one article."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from audit.checks.base import Resources, finding, rule
from audit.lexicon import Lexicon
from audit.model import Document, Finding, RuleMeta, Segment, Severity
from audit.resources import data_file

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
_NAME = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][^\W\d_]{3,}(?![\w-])")
# A name candidate must not be a common English word in lower case ("Recently", "Defense").
_COMMON_WORD = 4.0


@dataclass(frozen=True, slots=True)
class Occurrence:
    segment: Segment
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.segment.text[self.start : self.end]


def _key_rules(target_lang: str) -> tuple[tuple[str, str], ...]:
    path = data_file("names", f"{target_lang}-spelling-key.tsv")
    if not path.is_file():
        return ()
    rows = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return tuple((row[0], row[1] if len(row) > 1 else "") for row in rows)


class Consistency:
    """CONS001 and CONS002 over the whole document."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (TERM_VARIANTS, NAME_VARIANTS)

    def __init__(self, resources: Resources) -> None:
        self._rewrites = _key_rules(resources.target_lang)
        self._lexicon: Lexicon = resources.target_lexicon
        self._glossary_words = resources.name_words

    def check_document(self, document: Document) -> Iterator[Finding]:
        yield from self._compounds(document.segments)
        if self._rewrites:
            yield from self._names(document.segments)

    def _compounds(self, segments: Sequence[Segment]) -> Iterator[Finding]:
        forms: dict[str, dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
        for segment in segments:
            for match in _TOKEN.finditer(segment.plain):
                word = match.group().casefold()
                forms[word.replace("-", "")][word].append(
                    Occurrence(segment, match.start(), match.end())
                )
        for spellings in forms.values():
            hyphenated = [w for w in spellings if "-" in w]
            closed = [w for w in spellings if "-" not in w]
            if hyphenated and closed:
                yield _variant_finding(TERM_VARIANTS, spellings, "word")

    def _names(self, segments: Sequence[Segment]) -> Iterator[Finding]:
        keyed: dict[str, dict[str, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
        for segment in segments:
            for match in _NAME.finditer(segment.plain):
                word = match.group()
                if word.isupper():
                    continue  # acronyms
                if word not in self._glossary_words and self._lexicon.zipf(word) >= _COMMON_WORD:
                    continue
                keyed[self._key(word)][word].append(
                    Occurrence(segment, match.start(), match.end())
                )
        for spellings in keyed.values():
            if len({w.casefold() for w in spellings}) > 1:
                yield _variant_finding(NAME_VARIANTS, spellings, "name")

    def _key(self, word: str) -> str:
        key = word.casefold()
        for old, new in self._rewrites:
            key = key.replace(old, new)
        return re.sub(r"(.)\1+", r"\1", key)


def _variant_finding(
    meta: RuleMeta, spellings: dict[str, list[Occurrence]], what: str
) -> Finding:
    order = list(spellings)  # first-seen order
    counts = Counter({w: len(o) for w, o in spellings.items()})
    # The most frequent spelling wins; on a tie, the one used first.
    preferred = max(order, key=lambda w: (counts[w], -order.index(w)))
    other = next(w for w in order if w != preferred)
    at = spellings[other][0]
    listing = "; ".join(
        f'"{spellings[w][0].text}" (line{"s" if len(spellings[w]) > 1 else ""} '
        f"{', '.join(str(o.segment.position(o.start)[0]) for o in spellings[w])})"
        for w in order
    )
    fix = spellings[preferred][0].text
    if at.text[:1].isupper() and not fix[:1].isupper():
        fix = fix[:1].upper() + fix[1:]
    return finding(
        meta,
        at.segment,
        at.start,
        at.end,
        f"the same {what} is spelt {len(order)} ways in this document: {listing}",
        [fix],
        {
            "variants": "; ".join(
                f"{spellings[w][0].text}@"
                + ",".join(
                    "{}:{}".format(*o.segment.position(o.start)) for o in spellings[w]
                )
                for w in order
            )
        },
    )

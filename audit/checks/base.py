"""What a check is: static rule metadata plus a function from segments to findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from audit.glossary import Glossary, Kind
from audit.langid import LanguageGuesser
from audit.lexicon import Lexicon, lexicon
from audit.model import Document, Finding, RuleMeta, Segment, Severity
from audit.nouns import common_nouns
from audit.transliteration import Transliterator, load_rules

if TYPE_CHECKING:
    from audit.bilingual_lexicon import BilingualLexicon


@dataclass(frozen=True, slots=True)
class SegmentContext:
    """What a segment check may know beyond the segment: its neighbour and the document mode."""

    previous: Segment | None
    has_source: bool


def primary_language(tag: str) -> str:
    """The language subtag of a language tag, lower case: "de-AT" -> "de", "en_GB" -> "en"."""
    return tag.replace("_", "-").split("-")[0].lower()


class Resources:
    """Per-run setup shared by checks (glossary, word lists, language guesser), built lazily once."""

    def __init__(
        self,
        glossary: Glossary,
        source_lang: str,
        target_lang: str,
        variant: str | None = None,
        options: Mapping[str, float] | None = None,
    ) -> None:
        self.glossary = glossary
        # Numeric rule options by name (thresholds), e.g. "reference_threshold".
        self.options: Mapping[str, float] = dict(options or {})
        # Checks and their data are per language ("de", "en"): a regional tag ("de-AT",
        # "en_GB") reads the language's data. Regional spelling is the variant's business.
        self.source_lang = primary_language(source_lang)
        self.target_lang = primary_language(target_lang)
        # Regional variant of the target language ("en-US", "en-GB"); None accepts every variant.
        self.variant = variant

    @cached_property
    def source_lexicon(self) -> Lexicon:
        return lexicon(self.source_lang)

    @cached_property
    def target_lexicon(self) -> Lexicon:
        return lexicon(self.target_lang)

    @cached_property
    def transliterator(self) -> Transliterator:
        return Transliterator(load_rules(self.source_lang, self.target_lang))

    @cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of the glossaries' English-press person and place spellings."""
        entries = self.glossary.of_kind(Kind.PERSON, Kind.PLACE)
        return frozenset(w for e in entries for form in e.preferred for w in form.split())

    @cached_property
    def bilingual_lexicon(self) -> BilingualLexicon | None:
        """Common source words with their translations (None: no lexicon for this pair)."""
        from audit.bilingual_lexicon import load

        return load(self.source_lang, self.target_lang)

    @cached_property
    def source_nouns(self) -> frozenset[str] | None:
        """Common nouns of the source language with their forms (None: no list)."""
        return common_nouns(self.source_lang)

    @cached_property
    def guesser(self) -> LanguageGuesser:
        return LanguageGuesser((self.source_lang, self.target_lang))


class SegmentCheck(Protocol):
    # A check may also set ``audits_empty = True`` (class attribute): the engine hands empty
    # targets only to such checks.
    rules: ClassVar[tuple[RuleMeta, ...]]

    def __init__(self, resources: Resources) -> None: ...

    def check(self, segment: Segment, context: SegmentContext) -> Iterable[Finding]: ...


class DocumentCheck(Protocol):
    # A check that reads only articles may set ``articles_only = True`` (class attribute): a
    # streamed translation file then need not be held in memory for it.
    rules: ClassVar[tuple[RuleMeta, ...]]

    def __init__(self, resources: Resources) -> None: ...

    def check_document(self, document: Document) -> Iterable[Finding]: ...


class DocumentCollector(Protocol):
    """What a document-level check keeps while a document's segments go past."""

    def add(self, index: int, segment: Segment) -> None: ...

    def findings(self) -> Iterable[tuple[int, str, Finding]]:
        """(segment index, segment text, finding) for each finding, once every segment is in."""
        ...


@runtime_checkable
class IncrementalCheck(Protocol):
    """A document-level check that needs only a little of each segment: the engine hands it
    the segments one by one instead of the whole document, so nothing else is held."""

    def collector(self, document: Document) -> DocumentCollector: ...


def finding(
    rule: RuleMeta,
    segment: Segment,
    start: int,
    end: int,
    message: str,
    suggestions: Sequence[str] = (),
    evidence: Mapping[str, str] | None = None,
) -> Finding:
    """A finding for ``segment.text[start:end]`` at the rule's default severity."""
    line, column = segment.position(start)
    return Finding(
        rule=rule.code,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        segment=segment.id,
        line=line,
        column=column,
        start=start,
        end=end,
        text=segment.text[start:end],
        message=message,
        suggestions=tuple(dict.fromkeys(s for s in suggestions if s)),
        evidence=MappingProxyType(dict(evidence or {})),
    )


def rule(
    code: str, name: str, category: str, severity: Severity, doc: str, *, supersedes: bool = False
) -> RuleMeta:
    """Rule metadata; the first line of ``doc`` is the summary, the rest its explanation."""
    summary, _, explanation = doc.strip().partition("\n")
    return RuleMeta(
        code, name, category, severity, summary.strip(), _dedent(explanation), supersedes
    )


def _dedent(text: str) -> str:
    lines = text.split("\n")
    indents = [len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    return "\n".join(ln[cut:] for ln in lines).strip()


def whole_span(segment: Segment) -> tuple[int, int]:
    """The segment's text without leading and trailing whitespace, as (start, end) offsets."""
    return len(segment.text) - len(segment.text.lstrip()), len(segment.text.rstrip())


def clip(text: str, limit: int = 100) -> str:
    """Text for a message: whitespace collapsed, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Value types shared by every stage: segments, documents, findings, rule metadata."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any

from audit.textspan import blank


class Severity(str, Enum):
    """How bad a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class ExitCode(int, Enum):
    """Process exit codes: the contract CI scripts rely on."""

    CLEAN = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


def _frozen_map(values: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(values or {}))


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of translated text (usually a sentence) and where it sits in its file.

    ``text`` is the target text exactly as in the file; ``ignored`` lists character spans of it
    that must not be audited (Markdown code, URLs, markup); ``plain`` is ``text`` with those spans
    blanked out, so offsets in ``plain`` are offsets in ``text``.
    """

    id: str
    text: str
    line: int = 1
    column: int = 1
    paragraph: int = 0
    source: str | None = None
    reference: str | None = None
    # Further references beyond the first (several --reference files).
    extra_references: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    ignored: tuple[tuple[int, int], ...] = ()
    plain: str = ""
    # Rule selectors (code, code prefix or rule name) switched off for this segment by an
    # inline directive in the file; "*" means every rule and "!SEL" re-enables, the last entry
    # that matches a rule deciding (see audit.suppressions).
    suppressed: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.plain or len(self.plain) != len(self.text):
            object.__setattr__(self, "plain", blank(self.text, self.ignored))

    def position(self, offset: int) -> tuple[int, int]:
        """File line and column (1-based) of a character offset in ``text``."""
        before = self.text[:offset]
        newlines = before.count("\n")
        if newlines == 0:
            return self.line, self.column + offset
        return self.line + newlines, offset - before.rfind("\n")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A unit a reader saw but did not hand on for auditing (a fuzzy PO entry, say), and why."""

    id: str
    line: int
    column: int
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """A file to audit: its segments in order plus what is known about it."""

    path: str
    segments: tuple[Segment, ...]
    source_lang: str = "de"
    target_lang: str = "en"
    has_source: bool = False
    source_segments: tuple[Segment, ...] = ()
    unaligned_source: tuple[str, ...] = ()
    # Target segments the aligner paired with no source sentence (possible additions); repeated
    # and content-free paragraphs are not aligned at all and are not listed here.
    unaligned_target: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    # The separate source article it was aligned with, if any.
    source_path: str | None = None
    # False for translation files (XLIFF, TMX, PO, JSONL, TSV): units, not running text.
    is_article: bool = True
    # A large bitext file is not held in memory: ``segments`` stays empty and this reads the
    # file's segments afresh each time it is called (see audit.readers.load_document).
    stream: Callable[[], Iterator[Segment]] | None = field(default=None, compare=False)

    def __iter__(self) -> Iterator[Segment]:
        return self.stream() if self.stream is not None else iter(self.segments)


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Static description of a rule: what ``tqa rules`` prints and reports cite."""

    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    explanation: str = ""
    # A finding of this rule makes every other finding on the same segment moot (for example
    # a segment left entirely untranslated).
    supersedes: bool = False


@dataclass(frozen=True, slots=True)
class Finding:
    """One suspect span: everything a reporter needs, and nothing about how to show it."""

    rule: str
    name: str
    category: str
    severity: Severity
    segment: str
    line: int
    column: int
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    evidence: Mapping[str, str] = field(default_factory=_frozen_map)


@dataclass(frozen=True, slots=True)
class Score:
    """A document's MQM-style score, its raw penalty and the words it was normalised by."""

    mqm: float
    penalty: float
    words: int


@dataclass(frozen=True, slots=True)
class FileResult:
    """Findings for one document, sorted by position, and what was measured on it."""

    document: Document
    # A tuple, or for long files a spool that keeps most of them on disk (audit.spool).
    findings: Sequence[Finding]
    words: int
    # Filled by the scoring stage: the MQM-style score, metrics against references (name ->
    # audit.metrics.MetricScore) and word diffs per segment id (audit.diff.DiffOp lists).
    score: Score | None = None
    metrics: Mapping[str, Any] = field(default_factory=_frozen_map)
    diffs: Mapping[str, Any] = field(default_factory=_frozen_map)
    # Segments audited; set when the document streamed past and kept none of them.
    counted: int | None = None
    # Text of each segment that has a finding (fingerprints hash it); None: read the document's.
    texts: Mapping[str, str] | None = None

    @property
    def segment_count(self) -> int:
        return self.counted if self.counted is not None else len(self.document.segments)

    def segment_texts(self) -> Mapping[str, str]:
        if self.texts is not None:
            return self.texts
        return {s.id: s.text for s in self.document.segments}


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything one run produced, handed to reporters and to the exit-code policy."""

    files: tuple[FileResult, ...]
    rules: tuple[RuleMeta, ...]
    signature: Mapping[str, str] = field(default_factory=_frozen_map)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.files for x in f.findings if x.severity is severity)

    @property
    def total(self) -> int:
        return sum(len(f.findings) for f in self.files)

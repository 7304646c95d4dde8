"""Punctuation: sentence endings against the source, paired brackets and quotation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

END_PUNCTUATION = rule(
    "PUNC001",
    "end-punctuation",
    "fluency/punctuation",
    Severity.WARNING,
    """A sentence ends differently from its source: a question turned into a statement (or the
    reverse), or a full sentence without the final mark its source has.

    Closing quotation marks and brackets after the mark are skipped on both sides. A full stop,
    an ellipsis ("…" or "..."), a colon and an exclamation mark are compatible; a question mark
    only matches a question mark (classes and compatible pairs: audit/data/punctuation). A
    source without a final mark (a headline) is not checked, nor a target question whose
    source is an indirect question ("ob er kommt."). A target under 7 words that merely
    lacks the mark is left to PUNC004 (info): it may be a headline.
    Example: source "Wer zahlt die Rechnung?", target "Who pays the bill." -> "Who pays the bill?".""",
)
END_PUNCTUATION_SHORT = rule(
    "PUNC004",
    "end-punctuation-short",
    "fluency/punctuation",
    Severity.INFO,
    """A short target (under 7 words) lacks the final mark its source has.

    Short lines are often headlines, captions or list items, which English sets without a full
    stop even where a source does not, so this is only worth a look.
    Example: source "Der Vulkan ist wieder aktiv.", target "The volcano is active again" ->
    "The volcano is active again.".""",
)
UNBALANCED = rule(
    "PUNC002",
    "unbalanced-brackets-or-quotes",
    "fluency/punctuation",
    Severity.WARNING,
    """A bracket or quotation mark opens and never closes, or closes without opening.

    Pairs are data per language (audit/data/punctuation/pairs.tsv). A quotation may run over
    several sentences, so an opening mark whose quotation runs to the end of the sentence and a
    closing mark right after the final punctuation of a quoted sentence are accepted. When the
    source has the same kind of imbalance, the target is not flagged either.
    Example: "The company (founded in 1998 said" -> close the parenthesis; "the Lakers" six-game
    schedule" -> "the Lakers' six-game schedule".""",
)
BRACKETS = rule(
    "PUNC003",
    "brackets-mismatch",
    "fluency/punctuation",
    Severity.INFO,
    """A parenthesis of the source (an abbreviation, a number, a name) is run into the preceding
    name in the target without parentheses or commas.

    Only short parentheses with a capital or a digit are compared, and only when the target
    has no parentheses; set off by commas ("Cuomo, 53,") or used alone ("at LSU") is fine.
    Example: source "die Alternative für Deutschland (AfD)", target "the Alternative for
    Germany AfD" -> "the Alternative for Germany (AfD)".""",
)

# Words a target must have to count as a sentence that needs its final mark (PUNC001); below
# that, headlines and captions make a missing mark too common to warn about (PUNC004).
_SENTENCE_WORDS = 7
_PARENTHESIS = re.compile(r"\(([^()\n]{1,60})\)")
_PARENTHESIS_MAX_WORDS = 3
# The word right before a position, when only a space separates them.
_WORD_BEFORE = re.compile(r"(\S+) $")
_WORD = re.compile(r"[^\W_]+")
_INCH_MARK = re.compile(r"(?<=\d)\"")
# A closing bracket that pairs with nothing by design: a list marker ("a)", "2)", "iv)") or an
# emoticon (":)", ";-)").
_DECORATIVE = re.compile(r"(?<!\S)(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})\)|[:;=]-?\)")
# Footnote markers after the final mark ("said.[3]") are not part of the sentence.
_FOOTNOTES = re.compile(r"(?:\[\w{1,3}\])+\s*$")
_QUOTE_FAMILIES = frozenset({"double", "single"})


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a punctuation data file, without comments and header."""
    return [ln.split("\t") for ln in data_lines("punctuation", name)][1:]


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in data_lines("punctuation", name)]


@dataclass(frozen=True, slots=True)
class _Ending:
    """Where a text's final mark sits: marks text[start:stop], closing quotes and brackets
    text[stop:closed], footnote markers text[closed:end]."""

    start: int
    stop: int
    closed: int
    end: int
    classes: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Pair:
    family: str
    open: str
    close: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Issue:
    family: str
    offset: int
    message: str
    # "open": an opening mark never closed; "close": a closing mark never opened; "" unknown.
    side: str


class Punctuation:
    """PUNC001–PUNC004: sentence endings and paired punctuation."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (
        END_PUNCTUATION,
        UNBALANCED,
        BRACKETS,
        END_PUNCTUATION_SHORT,
    )

    def __init__(self, resources: Resources) -> None:
        self._mark_class = {mark: cls for mark, cls in _rows("end-marks.tsv")}
        self._compatible = {(s, t) for s, t in _rows("compatible-ends.tsv")}
        self._closers = frozenset("".join(_lines("closers.txt")))
        self._indirect = frozenset(_lines(f"indirect-questions-{resources.source_lang}.txt"))
        pairs = [(lang, _Pair(fam, o, c, kind)) for lang, fam, o, c, kind in _rows("pairs.tsv")]
        self._target_pairs = tuple(p for lang, p in pairs if lang in ("*", resources.target_lang))
        self._source_pairs = tuple(p for lang, p in pairs if lang in ("*", resources.source_lang))
        # Quotation marks some language uses but the target language does not: their presence
        # hands the family to LOC003 (German quotation marks in English copy).
        own = {ch for p in self._target_pairs for ch in (p.open, p.close)}
        foreign: dict[str, set[str]] = {}
        for lang, p in pairs:
            if lang != "*":
                foreign.setdefault(p.family, set()).update({p.open, p.close} - own)
        self._foreign = {family: frozenset(chars) for family, chars in foreign.items()}
        self._source_families = frozenset(p.family for p in self._source_pairs)
        self._pair_chars = frozenset(own)
        self._family_chars: dict[str, frozenset[str]] = {}
        for p in self._target_pairs:
            chars = self._family_chars.get(p.family, frozenset())
            self._family_chars[p.family] = chars | {p.open, p.close}
        # What may end a quoted sentence right before its closing quotation mark.
        self._quote_enders = frozenset(self._mark_class) | {","}

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        if segment.source is not None:
            yield from self._end_punctuation(segment, context)
            if "(" in segment.source and "(" not in segment.plain:
                yield from self._brackets(segment)
        if not self._pair_chars.isdisjoint(segment.plain):
            yield from self._unbalanced(segment)

    # PUNC001 and PUNC004 ---------------------------------------------------------------

    def _ending(self, text: str) -> _Ending:
        end = len(text.rstrip())
        # Footnote markers end in "]": without one at the end there is nothing to search for.
        footnotes = _FOOTNOTES.search(text, 0, end) if text[end - 1 : end] == "]" else None
        closed = stop = footnotes.start() if footnotes else end
        while stop > 0 and text[stop - 1] in self._closers:
            stop -= 1
        start = stop
        while start > 0 and text[start - 1] in self._mark_class:
            start -= 1
        classes = frozenset(self._mark_class[ch] for ch in text[start:stop])
        return _Ending(start, stop, closed, end, classes)

    def _end_punctuation(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        source_text = segment.source or ""
        source = self._ending(source_text)
        text, plain = segment.text, segment.plain
        if not source.classes or len(text.rstrip()) != len(plain.rstrip()):
            return  # a headline source, or a target ending inside markup or a URL
        previous = context.previous
        if (
            previous is not None
            and segment.source_ids
            and (previous.source_ids == segment.source_ids)
        ):
            return  # one source sentence split into several targets
        target = self._ending(plain)
        if _WORD.search(plain) is None:
            return
        meta = END_PUNCTUATION
        if target.classes:
            if self._compatible_ending(source.classes, target.classes):
                return
            if self._inner_ending(source_text, target.classes):
                return  # the source holds a sentence that ends as the target does
            if "question" in target.classes and self._indirect & {
                w.lower() for w in _WORD.findall(source_text)
            }:
                return  # an indirect question rendered as a direct one
        elif source.classes == {"colon"}:
            return  # a trailing colon introduces what follows; losing it is a style matter
        elif len(_WORD.findall(plain)) < _SENTENCE_WORDS:
            meta = END_PUNCTUATION_SHORT
        word_start = max(plain.rfind(ch, 0, target.start) for ch in " \t\n") + 1
        marks = source_text[source.start : source.stop]
        if "..." in plain and "…" not in plain:
            marks = marks.replace("…", "...")  # the target's own way of writing an ellipsis
        closers = text[target.stop : target.closed]
        core = text[word_start : target.start]
        # A mark the source sets after its closing bracket goes after the target's bracket;
        # otherwise inside, as English sets it inside closing quotation marks.
        if closers and closers[-1] in ")]}" and source.stop == source.closed:
            suggestion = core + closers + marks
        else:
            suggestion = core + marks + closers
        suggestion += text[target.closed : target.end]
        found = text[target.start : target.stop]
        message = (
            f'the source ends with "{marks}", the target with "{found}"'
            if found
            else f'the source ends with "{marks}", the target has no final punctuation'
        )
        yield finding(
            meta, segment, word_start, target.end, message, [suggestion], {"source_end": marks}
        )

    def _compatible_ending(self, source: frozenset[str], target: frozenset[str]) -> bool:
        return bool(source & target) or any(
            (s, t) in self._compatible for s in source for t in target
        )

    def _inner_ending(self, source: str, classes: frozenset[str]) -> bool:
        """Whether the source has a sentence inside it that ends with one of ``classes``."""
        return any(
            self._mark_class.get(ch) in classes and source[i + 1].isspace()
            for i, ch in enumerate(source[:-1])
        )

    # PUNC002 ---------------------------------------------------------------------------

    def _unbalanced(self, segment: Segment) -> Iterator[Finding]:
        plain = segment.plain
        issues = _issues(plain, self._target_pairs)
        if not issues:
            return
        if plain != segment.text:
            # Markup can hide one half of a pair (a Markdown link target with brackets in its
            # URL): a family counts only if the raw text is unbalanced too.
            raw = {i.family for i in _issues(segment.text, self._target_pairs)}
            issues = [i for i in issues if i.family in raw]
        skip = {fam for fam, chars in self._foreign.items() if any(ch in plain for ch in chars)}
        if segment.source is not None:
            # A family the source language has no rows for cannot be compared.
            skip |= {p.family for p in self._target_pairs} - self._source_families
            skip |= {i.family for i in _issues(segment.source, self._source_pairs)}
        reported: set[str] = set()
        for issue in issues:
            if issue.family in skip or issue.family in reported:
                continue
            if issue.family in _QUOTE_FAMILIES and self._spans_boundary(plain, issue):
                continue
            reported.add(issue.family)
            yield finding(
                UNBALANCED,
                segment,
                issue.offset,
                issue.offset + 1,
                issue.message,
                evidence={"family": issue.family},
            )

    def _spans_boundary(self, text: str, issue: _Issue) -> bool:
        """Whether an unpaired quotation mark belongs to a quotation of several sentences.

        Such a quotation opens in one segment and runs to its end, or closes right after the
        final punctuation of a quoted sentence that began in an earlier segment.
        """
        at = issue.offset
        side = issue.side or _guess_side(text, at)
        marks = self._family_chars[issue.family]
        if side == "open":
            return bool(self._ending(text).classes) and not any(
                ch in marks for ch in text[at + 1 :]
            )
        return (
            side == "close"
            and text[at - 1 : at] in self._quote_enders
            and not any(ch in marks for ch in text[:at])
        )

    # PUNC003 ---------------------------------------------------------------------------

    def _brackets(self, segment: Segment) -> Iterator[Finding]:
        source = segment.source or ""
        for match in _PARENTHESIS.finditer(source):
            inner = match.group(1).strip()
            # Worth finding verbatim: an abbreviation, a name or a number.
            if len(inner.split()) > _PARENTHESIS_MAX_WORDS or not any(
                ch.isupper() or ch.isdigit() for ch in inner
            ):
                continue
            found = re.search(r"(?<![\w(])" + re.escape(inner) + r"(?![\w)])", segment.plain)
            if found is None:
                continue
            before = _WORD_BEFORE.search(segment.plain, 0, found.start())
            if before is None or not _is_name(before.group(1)):
                continue
            yield finding(
                BRACKETS,
                segment,
                *found.span(),
                f'the source has "({inner})" in parentheses; the target runs it into the text',
                [f"({inner})"],
            )
            return


def _is_name(word: str) -> bool:
    """A capitalised word or number that is not a possessive ("Scotland's NHS" is fine)."""
    return (
        (word[0].isupper() or word[0].isdigit())
        and word[-1].isalnum()
        and not (word.endswith(("'s", "’s")))
    )


def _guess_side(text: str, at: int) -> str:
    """Whether a straight quotation mark opens or closes, from its neighbours."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if (before.isspace() or before in "([{") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return ""


def _issues(text: str, pairs: tuple[_Pair, ...]) -> list[_Issue]:
    """Every unpaired mark of ``text`` under the given pair rows, in text order."""
    issues: list[_Issue] = []
    parity: dict[str, set[str]] = {}
    for pair in pairs:
        if pair.kind == "strict":
            issues.extend(_strict(text, pair))
        elif pair.kind == "opener":
            issues.extend(_opener(text, pair))
        else:
            parity.setdefault(pair.family, set()).update((pair.open, pair.close))
    for family, chars in parity.items():
        if chars.isdisjoint(text):
            continue  # no mark of the family at all
        marks = [i for i, ch in enumerate(text) if ch in chars]
        inches = [i for i in marks if _INCH_MARK.match(text, i)]
        if len(marks) % 2 and (len(marks) - len(inches)) % 2:
            odd = _odd_one(text, [i for i in marks if i not in inches])
            issues.append(_Issue(family, odd, f"odd number of {text[odd]} quotation marks", ""))
    return sorted(issues, key=lambda i: i.offset)


def _odd_one(text: str, marks: list[int]) -> int:
    """The mark of an odd set most likely unpaired: a leading closer, else the last mark."""
    if _guess_side(text, marks[0]) == "close":
        return marks[0]
    return marks[-1]


def _strict(text: str, pair: _Pair) -> Iterator[_Issue]:
    if pair.open not in text and pair.close not in text:
        return
    depth: list[int] = []
    decorative = {m.end() - 1 for m in _DECORATIVE.finditer(text)} if ")" in text else set()
    for i, ch in enumerate(text):
        if ch == pair.open:
            depth.append(i)
        elif ch == pair.close:
            if depth:
                depth.pop()
            elif i not in decorative:
                yield _Issue(
                    pair.family, i, f'"{ch}" closes without an opening "{pair.open}"', "close"
                )
    for i in depth:
        yield _Issue(pair.family, i, f'"{pair.open}" opens and is never closed', "open")


def _opener(text: str, pair: _Pair) -> Iterator[_Issue]:
    """An opening mark (at a word start) with no closing character anywhere after it."""
    if pair.open not in text:
        return
    for i, ch in enumerate(text):
        if (
            ch == pair.open
            and (i == 0 or not text[i - 1].isalnum())
            and pair.close not in text[i + 1 :]
        ):
            yield _Issue(pair.family, i, f'"{ch}" opens and is never closed', "open")
            return

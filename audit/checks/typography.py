"""Typing slips: a word typed twice, spaces around punctuation, runs of spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

REPEATED_WORD = rule(
    "TYPO001",
    "repeated-word",
    "fluency/typography",
    Severity.WARNING,
    """The same word twice in a row ("the the", "in in"), ignoring case.

    Doublings that English allows ("had had", "that that", "Bora Bora"; data:
    audit/data/punctuation) and doublings the source has too are not flagged, nor numbers or
    words separated by markup.
    Example: "He said that the the talks failed." -> "He said that the talks failed.".""",
)
SPACING = rule(
    "TYPO002",
    "space-around-punctuation",
    "fluency/typography",
    Severity.WARNING,
    """A space before a comma, full stop, colon, question mark or closing bracket, after an
    opening bracket, or inside a contraction: the marks of tokenised text.

    Which marks take no space is data per target language (audit/data/punctuation/spacing.tsv);
    an ellipsis, a spaced dash, a decimal (".5"), a file extension (".com"), a ratio ("3 : 1")
    and marks next to URLs or code are left alone.
    Example: "the talks , he said , failed ." -> "the talks, he said, failed."; "do n't" ->
    "don't".""",
)
DOUBLE_SPACE = rule(
    "TYPO003",
    "double-space",
    "fluency/typography",
    Severity.INFO,
    """Two or more spaces between words.

    Not flagged: indentation at a line start, spaces next to markup or URLs, and two spaces
    after a sentence's final mark (an old typewriter convention).
    Example: "the  talks failed" -> "the talks failed".""",
)

# A word of letters only, not glued to a neighbouring word by an apostrophe or hyphen.
# A word (with a possessive ending) said twice; the second may open a hyphenated compound.
# The leading \b is implied by what follows (no word character before, a letter after) but
# is far cheaper to test at every position than the look-behind. The quantifiers are
# possessive because giving letters or spaces back can never let the repeat match: the space
# run must follow the whole word, and the repeat must start with a letter.
_REPEAT = re.compile(r"\b(?<![\w'’-])([^\W\d_]++(?:['’]s)?+)(\s++)(\1)(?![\w'’])", re.IGNORECASE)
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_SENTENCE_END = frozenset(".!?…:")


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in data_lines("punctuation", name)]


def _spacing(lang: str) -> tuple[str, str]:
    rows = [ln.split("\t") for ln in _lines("spacing.tsv")[1:]]
    table = {row[0]: (row[1], row[2]) for row in rows}
    return table.get(lang, table["*"])


class Typography:
    """TYPO001–TYPO003: repeated words and spacing."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (REPEATED_WORD, SPACING, DOUBLE_SPACE)

    def __init__(self, resources: Resources) -> None:
        # "pair" or "pair<TAB>source phrase|source phrase": with a source, a doubling that has
        # source phrases is legitimate only when one of them is there ("that that" needs
        # German "dass das"); without a source every listed doubling passes.
        self._repeats: dict[str, tuple[str, ...]] = {}
        for line in _lines(f"repeats-{resources.target_lang}.txt"):
            pair, _, conditions = line.partition("\t")
            self._repeats[pair.strip()] = tuple(
                c.strip().casefold() for c in conditions.split("|") if c.strip()
            )
        before, after = _spacing(resources.target_lang)
        before_class = "[" + re.escape(before) + "]"
        parts = [
            # A space run before a mark that takes none; the mark must end a word, so ".5",
            # ".com", "..." and emoticons such as ":)" do not qualify.
            r"(?<=\S)(?P<before>[ \t]+)(?P<mark>" + before_class + r")(?=\s|$|[\"'”’)\]}])",
            r"(?P<open>[" + re.escape(after) + r"])(?P<after>[ \t]+)(?=[^\W_])",
        ]
        # A cheap test for what every match contains, tried first: a space right before a
        # mark (or, with contractions, before a clitic or an apostrophe), or an opening mark
        # (or an apostrophe) right before a space. Most text has none of these.
        starts, after_space, before_space = " \t" + after, before_class, after
        clitics = _lines(f"contractions-{resources.target_lang}.txt")
        if clitics:
            # "do n't", "it 's": a space before the clitic; "don ' t", "it' s": around the
            # apostrophe inside it.
            attached = "|".join(re.escape(c).replace("'", "['’]") for c in clitics)
            parts.append(r"(?<=[^\W\d_])(?P<clitic>[ \t]+)(?:" + attached + r")(?![\w'’-])")
            for clitic in clitics:
                head, _, tail = clitic.partition("'")
                parts.append(
                    r"(?<=[^\W\d_]" + re.escape(head) + r")(?:[ \t]+['’][ \t]*|['’][ \t]+)"
                    r"(?=" + re.escape(tail) + r"(?![\w'’-]))"
                )
            starts += "'’"
            after_space += "|" + attached + "|['’]"
            before_space += "'’"
        # Every match starts with one of ``starts``: a look-ahead for those lets the engine
        # skip all other positions fast (the alternatives all open with a look-behind).
        start_class = "[" + re.escape(starts) + "]"
        self.spacing_alternatives = tuple(parts)
        self._spacing = re.compile("(?=" + start_class + ")(?:" + "|".join(parts) + ")")
        # Opening with a character class, the test is scanned for in one quick pass.
        self._suspect = re.compile(
            start_class + "(?:(?<=[ \t])(?:" + after_space + ")"
            "|(?<=[" + re.escape(before_space) + "])[ \t])"
        )

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        if " " not in segment.plain and "\t" not in segment.plain:
            return
        yield from self._repeated(segment)
        if self._suspect.search(segment.plain):
            yield from self._spaced_marks(segment)
        if "  " in segment.text:
            yield from self._double_spaces(segment)

    def _repeated(self, segment: Segment) -> Iterator[Finding]:
        text, plain = segment.text, segment.plain
        source = (segment.source or "").casefold()
        for match in _REPEAT.finditer(plain):
            first, gap, second = match.group(1), match.group(2), match.group(3)
            if not text[match.start(2) : match.end(2)].isspace():
                continue  # the words are separated by markup, not by space
            pair = f"{first} {second}".casefold()
            if self._legitimate(pair, source) or (
                source and _has_doubling(source, first.casefold())
            ):
                continue
            if len(first) == 1 and first.isupper() and second.isupper():
                continue  # initials ("D D K Arya") and grades ("Type A A")
            yield finding(
                REPEATED_WORD,
                segment,
                match.start(),
                match.end(),
                f'"{first}" is repeated',
                [first],
                {"gap": gap},
            )

    def _legitimate(self, pair: str, source: str) -> bool:
        if pair not in self._repeats:
            return False
        conditions = self._repeats[pair]
        if not source or not conditions:
            return True
        return any(re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", source) for c in conditions)

    def _spaced_marks(self, segment: Segment) -> Iterator[Finding]:
        text, plain = segment.text, segment.plain
        for match in self._spacing.finditer(plain):
            start, end = match.span()
            if not _real(text, plain, start, end) or _beside_markup(text, plain, start, end):
                continue
            if match.group("mark") is not None and _exempt_before(plain, match):
                continue
            fixed = re.sub(r"[ \t]+", "", text[start:end])
            if match.group("mark") is not None:
                message = f'space before "{fixed}"'
            elif match.group("open") is not None:
                message = f'space after "{fixed}"'
            else:
                message = f'contraction split by a space ("{text[start:end].strip()}")'
            yield finding(SPACING, segment, start, end, message, [fixed])

    def _double_spaces(self, segment: Segment) -> Iterator[Finding]:
        text, plain = segment.text, segment.plain
        for match in _SPACES.finditer(plain):
            start, end = match.span()
            if text[start:end] != plain[start:end]:
                continue  # part of the run is blanked markup
            before, after = text[start - 1], text[end]
            if plain[start - 1] != before or plain[end] != after or before in _SENTENCE_END:
                continue
            yield finding(
                DOUBLE_SPACE,
                segment,
                start,
                end,
                f"{end - start} spaces between words",
                [" "],
            )


def _has_doubling(source: str, word: str) -> bool:
    """Whether the source has the word twice in a row too (a name such as "Roa-Roa")."""
    pattern = r"(?<!\w)" + re.escape(word) + r"[\s-]+" + re.escape(word) + r"(?!\w)"
    return re.search(pattern, source) is not None


def _real(text: str, plain: str, start: int, end: int) -> bool:
    """Whether text[start:end] is audited text, not blanked markup."""
    return text[start:end] == plain[start:end]


def _beside_markup(text: str, plain: str, start: int, end: int) -> bool:
    """Whether the characters right around the span are markup or a URL."""
    before = start - 1
    if before >= 0 and text[before] != plain[before]:
        return True
    return end < len(text) and text[end] != plain[end]


def _exempt_before(plain: str, match: re.Match[str]) -> bool:
    mark, at = match.group("mark"), match.start("mark")
    before = plain[match.start() - 1] if match.start() > 0 else ""
    if mark == "." and (plain[at + 1 : at + 3] == " ." or before == "."):
        return True  # a spaced ellipsis ". . ."
    if mark in ":;" and plain[at + 1 : at + 2] in (")", "-"):
        return True  # an emoticon ":)", ";-)"
    if mark in ":;" and before.isdigit() and plain[at + 1 :].lstrip()[:1].isdigit():
        return True  # a ratio or score: "3 : 1"
    # An emoticon ": )" or empty brackets (a checkbox "[ ]").
    return mark in ")]}" and before in ":;([{"

"""Numbers and quantities: every number of the source must come back, with its value, in the target.

Each side is read under its own language's conventions (audit/data/numbers/<lang>.tsv): digits
with their separators ("1.000,5" / "1,000.5"), scale words ("2,5 Mrd." / "2.5bn"), number words
("drei" / "three"), ordinals ("3." / "3rd" / "third"), dates, times, decades and units. The
quantities of source and target are then paired by value; what is left over is reported.
Format is not judged here (LOC001/LOC002 do that): a German-formatted "3,5" in the target is read
as 3.5, so it agrees with a source "3,5".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import ClassVar

from audit.checks.base import Resources, SegmentContext, finding, rule
from audit.checks.memo import LONGEST_WORD, WordMemo, WordSet
from audit.model import Finding, RuleMeta, Segment, Severity
from audit.resources import data_lines

NUMBER_MISMATCH = rule(
    "NUM001",
    "number-mismatch",
    "accuracy/mistranslation",
    Severity.ERROR,
    """A number of the source is missing from the target or has a different value.

    Numbers are compared by value after reading each side under its own conventions: "1.000,5"
    equals "1,000.5", "2,5 Milliarden" equals "2.5 billion" and "2,500 million", "drei" equals
    "3" and "three", "9. Januar" equals "January 9", "14.30 Uhr" equals "2:30 p.m."; German
    "Billion" is an English trillion. A measurement converted to other units ("25 Zentimeter",
    "10 inches") agrees within 5 percent. Words for one ("ein", "one", "first") and vague plurals
    ("Tausende", "hundreds") are never reported on their own.
    Example: source "12 Menschen", target "13 people" -> "12 people".""",
)
NUMBER_ADDED = rule(
    "NUM002",
    "number-added",
    "accuracy/addition",
    Severity.ERROR,
    """A number in the target has no equal in the source.

    A conversion given in parentheses ("50 kilometers (31 miles)") is not counted as added.
    Example: source "Der Plan kostet Milliarden", target "The plan costs 5 billion" -> the
    "5 billion" is not in the source.""",
)

Key = tuple[str, float]
# (dimension, factor, offset): a measurement v is (v + offset) * factor in the base unit.
Unit = tuple[str, float, float]

# Separators that group thousands in every language ("13 000", Swiss "1'000").
_ALWAYS_GROUP = "'’\u00a0\u202f\u2009"
_NUMBER_CLASS = "n"
_TIME_CLASS = "t"
_MONTH_CLASS = "m"
_OPENERS = ".!?:;\"“”„«»‘’'(–—-"
_DIGIT = re.compile(r"\d")
_DIGIT_BEFORE = re.compile(r"\d\.?,?\s{0,2}$")
_DIGIT_AFTER = re.compile(r"\.?,?\s{0,2}\d")
_PHRASE_GAP = re.compile(r"[\s\-‐–]*")
_HOUR_MINUTE = re.compile(r"(\d{1,2})[.:](\d{2})")
_CENTURY_RANGE = re.compile(r"(?<!\d)(\d\d)\d\d\s?[-–/]\s?$")
# A number in parentheses right after another, with at most a few unit words between:
# "50 kilometers (31 miles)", "€3.1bn ($3.6bn)".
_CONVERSION_GAP = re.compile(r"(?:\s*[^\W\d_][^\s()\d]*){0,3}\s*\(\s*\S?")
# Upper-case roman numerals of two letters or more ("II", "XIV"); "I" alone is a pronoun.
_ROMAN = (
    r"(?P<roman>(?-i:(?=[IVXLCDM]{2})(?<![^\W_])"
    r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?![^\W_])))"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_YEAR_MIN, _YEAR_MAX = 1000, 2100
_MINUTES_PER_HOUR = 60
_HALF_DAY = 12
_DAYS_IN_MONTH = 31
_MONTHS = 12
# An ordinal stem ("siebt" in "siebtgrößte") needs a real word after it.
_STEM_REST = 3
# A converted measurement ("136 km/h" / "85 mph") agrees within this share; a temperature
# within this many degrees (of the base unit, Celsius).
_CONVERSION_TOLERANCE = 0.05
_TEMPERATURE_TOLERANCE = 1.5
# A conversion given in parentheses is often rounded hard: "six meters (18 feet)".
_ASIDE_TOLERANCE = 0.15
# Number words below this are only reported when replaced by another number, never as missing
# or added on their own.
_WORD_ALONE_MIN = 20
# Values are compared after rounding, so 1.1 * 10^6 equals 1,100,000.
_PRECISION = 6
# Distinct words whose reading is remembered at most (then the memory starts afresh).
_MAX_CACHE = 50_000
# Texts are tried token by token while at least one in _KNOWN_SHARE of the last _RECENT or so
# is known that way (and the first _FIRST_TRIES always); otherwise one in _SAMPLE is.
_KNOWN_SHARE = 4
_SAMPLE = 4
_RECENT = 256
_FIRST_TRIES = 32


def _key(cls: str, value: float) -> Key:
    if isinstance(value, int) or value.is_integer():
        return (cls, value)  # rounding leaves whole numbers as they are, and costs a lot
    return (cls, round(value, _PRECISION))


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    value: float
    flags: frozenset[str] = frozenset()

    @property
    def weak(self) -> bool:
        return "weak" in self.flags


_TAIL = _Entry("tail", 0.0, frozenset({"weak"}))
_STRONG_TAIL = _Entry("tail", 0.0)
_STOP = _Entry("stop", 0.0)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number as written in a sentence, with every value it may stand for."""

    cls: str
    value: float
    keys: frozenset[Key]
    start: int
    end: int
    text: str
    strong: bool
    style: str
    int_digits: str = ""
    frac_digits: str = ""
    grouped: bool = False
    scale: float = 1.0
    scale_text: str = ""
    meridiem: bool = False
    capital: bool = False
    units: tuple[Unit, ...] = ()
    money: bool = False

    @property
    def mantissa(self) -> float:
        return self.value / self.scale


@dataclass
class _Phrase:
    """Number words being gathered into one value ("two hundred and five thousand")."""

    start: int = -1
    end: int = -1
    total: float = 0.0
    current: float = 0.0
    strong: bool = False
    after_joiner: bool = False
    words: int = 0

    @property
    def open(self) -> bool:
        return self.words > 0

    @property
    def value(self) -> float:
        return self.total + self.current

    def add(self, start: int, end: int) -> None:
        if not self.open:
            self.start = start
        self.end = end
        self.words += 1

    def takes(self, value: float) -> bool:
        """Whether a cardinal continues the number: "twenty" + "one", "hundred" + "five"."""
        if value < 1:
            return True
        if self.current == 0 and self.total > 0:
            return value < 1000
        if self.current > 0 and self.current % 100 == 0:
            return value < 100
        if 20 <= self.current < 100 and self.current % 10 == 0 and value < 10:
            return True
        # German written apart: "ein und zwanzig".
        return self.after_joiner and self.current < 10 and 20 <= value < 100 and value % 10 == 0


def _alternation(forms: Sequence[str]) -> str:
    """A regex matching any of the literal forms (a space matches any whitespace).

    The forms are merged into a prefix tree: Python's regex engine tries the alternatives of
    a plain "a|b|c" one by one at every position, which is slow for hundreds of words.
    """
    if not forms:
        return "(?!)"
    trie: _Trie = {}
    # Both spellings of a casefolded form: "dreissig" must still find "dreißig".
    for form in {v for f in forms for v in (f.lower(), f.casefold())}:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


_Trie = dict[str, "_Trie"]


def _trie_pattern(node: _Trie) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Longer forms first: the optional tail is tried before the form ends here.
    return f"(?:{body})?" if "" in node else body


def _fold(form: str) -> str:
    return " ".join(form.casefold().replace("-", " ").split())


_Rows = dict[str, list[tuple[str, str, frozenset[str]]]]


def _rows(lang: str) -> _Rows | None:
    lines = data_lines("numbers", f"{lang}.tsv")
    if not lines:
        return None
    by_kind: _Rows = {}
    for line in lines:
        kind, form, value, flags = [*line.split("\t"), "", "", ""][:4]
        by_kind.setdefault(kind, []).append((form, value, frozenset(flags.split())))
    return by_kind


class NumberLanguage:
    """One language's number conventions and vocabulary, compiled once."""

    def __init__(self, by_kind: _Rows) -> None:
        def forms(kind: str, flag: str | None = None) -> list[str]:
            return [f for f, _, fl in by_kind.get(kind, []) if flag is None or flag in fl]

        self.decimal = (forms("decimal") or ["."])[0]
        self.group = (forms("group") or [","])[0]
        self._groups = "".join(forms("group")) + _ALWAYS_GROUP
        self._ordinal_suffixes = [
            (f, {int(v) for v in value.split()})
            for f, value, _ in by_kind.get("ordinal-suffix", [])
        ]
        self._compounds = "yes" in forms("compounds")
        self._tails = tuple(f.casefold() for f in forms("tail"))
        self._strong_tails = tuple(f.casefold() for f in forms("tail", "strong"))
        self._meridiem = {_fold(f): int(v or 0) for f, v, _ in by_kind.get("meridiem", [])}
        self._units: dict[str, list[Unit]] = {}
        for form, value, flags in by_kind.get("unit", []):
            factor, _, offset = value.partition(" ")
            unit = (" ".join(sorted(flags)), float(factor), float(offset or 0))
            self._units.setdefault(_fold(form), []).append(unit)
        self._words, self._render, self._stems = self._vocabulary(by_kind)
        self._pieces = {
            f: e for f, e in self._words.items() if "compound" in e.flags or e.kind == "joiner"
        }
        self._piece_lengths = sorted({len(f) for f in self._pieces}, reverse=True)
        multi = [f for f in self._words if " " in f]
        self._multi_first = {f.split()[0] for f in multi}
        self._multi = re.compile(
            "(?:" + _alternation(multi).replace(r"\s+", r"[\s\-]+") + r")(?![^\W_])",
            re.IGNORECASE,
        )
        self._unit_after = re.compile(
            r"[\s\-‐]?(?:" + _alternation(forms("unit")) + r")(?![^\W_])", re.IGNORECASE
        )
        self._subunits = {_fold(f): float(v) for f, v, _ in by_kind.get("subunit", [])}
        self._article_unit = re.compile(
            r"(?<![^\W_])(?:"
            + _alternation(forms("article"))
            + r")\s+("
            + _alternation(forms("unit"))
            + r")(?![^\W_])",
            re.IGNORECASE,
        )
        # Its quick test on whitespace tokens: one that ends in an article, then one that
        # begins with (the first word of) a unit. None where the language has no article.
        self._article_end: re.Pattern[str] | None = None
        if forms("article"):
            self._article_end = re.compile(
                r"(?<![^\W_])(?:" + _alternation(forms("article")) + r")\Z", re.IGNORECASE
            )
        heads = [f.split()[0] for f in forms("unit") if f.strip()]
        self._unit_head = re.compile("(?:" + _alternation(heads) + r")(?![^\W_])", re.IGNORECASE)
        self._article_by_token = not any(ch.isspace() for f in forms("article") for ch in f)
        self._range_gap = re.compile(r"\s*(?:" + _alternation(forms("range")) + r")\s*", re.I)
        self._currency_after = re.compile(
            r"\s?(?:" + _alternation(forms("currency")) + r")(?![^\W_])", re.IGNORECASE
        )
        self._month_after = re.compile(
            r"\s*(?:" + _alternation(forms("month")) + r")(?![^\W_])", re.IGNORECASE
        )
        self._dates: dict[str, list[str]] = {}
        # Casefolded word -> _meaning; words recur, and compounds are costly to split.
        self._looked_up: WordMemo[str, tuple[_Entry | None, int]] = WordMemo(
            self._meaning, _MAX_CACHE
        )
        self.alternatives: tuple[str, ...] = ()  # set by _master
        self._pattern = self._master(by_kind, forms)
        # Only these can be reported without a digit nearby: scale words alone, fractions and
        # weak words never are.
        strong = [
            f for f, e in self._words.items() if e.kind in ("cardinal", "ordinal") and not e.weak
        ]
        strong += [f for f, _, fl in by_kind.get("month", []) if "needs-date" not in fl]
        # In a compound language a strong word may follow weak parts: "einundzwanzig".
        lead = "(?:" + _alternation(list(self._pieces)) + ")*" if self._compounds else ""
        end = "" if self._compounds else r"(?![^\W_])"
        self._trigger = re.compile(
            r"(?<![^\W_])" + lead + "(?:" + _alternation(strong) + ")" + end, re.IGNORECASE
        )
        # What is remembered about whitespace tokens (see triggered). A number word lies
        # inside one token, unless its weak parts hold whitespace (then no token is
        # remembered) or it is a strong form of several words: a token that ends with the
        # first word of one ("and" of "and a half") is read again with the tokens after it.
        self._by_token = self._compounds is False or not any(
            ch.isspace() for f in self._pieces for ch in f
        )
        spanning = [f for f in strong if " " in f]
        self._span = max((len(f.split()) for f in spanning), default=1)
        self._spanning_head: re.Pattern[str] | None = None
        self._spanning: re.Pattern[str] | None = None
        if spanning:
            firsts = _alternation([f.split()[0] for f in spanning])
            self._spanning_head = re.compile(
                r"(?<![^\W_])" + lead + rf"(?:{firsts})(?=\s|\Z)", re.IGNORECASE
            )
            self._spanning = re.compile(
                r"(?<![^\W_])" + lead + f"(?:{_alternation(spanning)})" + end, re.IGNORECASE
            )
        self._limit = _MAX_CACHE
        # Recent texts tried token by token, and how many of them were known (see triggered).
        self._tried = self._known = self._skipped = 0
        self._quiet = WordSet(_MAX_CACHE)  # tokens of texts without a number
        self._maybe = WordSet(_MAX_CACHE)  # quiet tokens to read with the tokens after them
        self._no_unit = WordSet(_MAX_CACHE)  # tokens that begin with no unit

    @staticmethod
    def _vocabulary(
        by_kind: _Rows,
    ) -> tuple[dict[str, _Entry], dict[tuple[str, float], str], list[tuple[str, _Entry]]]:
        """Word forms (casefolded) with their meaning, suggestion forms, and ordinal stems."""
        words: dict[str, _Entry] = {}
        render: dict[tuple[str, float], str] = {}
        stems: list[tuple[str, _Entry]] = []
        endings = [f for f, _, _ in by_kind.get("ordinal-ending", [])]
        for form, _, _ in by_kind.get("stop", []):
            words[_fold(form)] = _STOP
        for kind in ("cardinal", "scale", "joiner", "ordinal", "fraction", "month"):
            for form, value, flags in by_kind.get(kind, []):
                entry = _Entry(kind, float(value or 0), flags)
                full = [form]
                if kind == "ordinal" and endings and "whole" not in flags:
                    full = [form + e for e in endings]
                    stems.append((form.casefold(), entry))
                for f in full:
                    words.setdefault(_fold(f), entry)
                render.setdefault((kind, entry.value), full[0])
        for kind in ("meridiem", "decade-suffix"):
            for form, value, _ in by_kind.get(kind, []):
                render.setdefault((kind, float(value or 0)), form)
        stems.sort(key=lambda s: len(s[0]), reverse=True)
        return words, render, stems

    def _master(self, by_kind: _Rows, forms: Callable[..., list[str]]) -> re.Pattern[str]:
        word_end = r"(?![^\W_])"
        parts = [self._date_pattern(i, *row) for i, row in enumerate(by_kind.get("date", []))]
        clock, meridiem = _alternation(forms("clock")), _alternation(forms("meridiem"))
        parts.append(
            rf"(?P<time>(?<!\d)(?:(?P<hour>\d{{1,2}})"
            rf"(?:(?:[:.](?P<minute>\d{{2}}))?\s?(?:(?P<clock>{clock})|(?P<mer>{meridiem})){word_end}"
            rf"|:(?P<minute2>\d{{2}})(?![\d]|[.,]\d))"
            rf"|(?P<mhour>[01]\d|2[0-3])(?P<mminute>[0-5]\d)\s?"
            rf"(?P<zone>{_alternation(forms('clock', 'zone'))}){word_end}))"
        )
        separators = re.escape(self._groups + self.decimal + ",.")
        # Currency signs go before the digits ("$5", "US$5"), words after ("5 Euro").
        signs = [f for f in forms("currency") if not f[-1:].isalpha()]
        parts.append(
            rf"(?P<number>(?P<cur>(?:{_alternation(signs)})\s?)?(?<!\d)"
            rf"(?P<num>\d+(?:[{separators}]\d+)*)"
            rf"(?:(?P<ord>{_alternation([f for f, _ in self._ordinal_suffixes])}){word_end}"
            rf"|(?P<dec>{_alternation(forms('decade-suffix'))}){word_end}"
            rf"|(?P<mark>{_alternation(forms('ordinal-mark'))})(?!\d))?"
            rf"(?:(?P<ssp>\s?)(?P<scale>{_alternation(forms('scale'))}){word_end})?"
            rf"(?:\s?(?P<pct>{_alternation(forms('percent'))}){word_end})?)"
        )
        # Words and roman numerals begin where no letter or digit precedes.
        lettered = [_ROMAN] if "yes" in forms("roman") else []
        # Only words that begin like a number word are looked at; the rest is skipped in C.
        starts = {f.split()[0] for f in self._words} | set(self._pieces)
        starts |= {stem for stem, _ in self._stems}
        lettered.append(
            rf"(?P<word>(?<![^\W_])(?:{_alternation(sorted(starts))})[^\W\d_]*"
            r"(?:['’][^\W\d_]+)*\.?)"
        )
        # Dates, times and numbers begin with a digit or a currency sign. Each kind is put
        # behind a test of where it can start, so the engine passes over the inside of words
        # (most positions) after one test instead of trying every alternative there; the
        # order of the alternatives, and so which one wins, is unchanged.
        firsts = {v[:1] for f in signs for v in (f, f.lower(), f.casefold())}
        digital = r"(?=[\d" + re.escape("".join(sorted(firsts))) + "])"
        # The alternatives in order of preference, as one plain alternation would try them.
        self.alternatives = (*parts, *lettered)
        return re.compile(
            f"{digital}(?:{'|'.join(parts)})|(?<![^\\W_])(?:{'|'.join(lettered)})",
            re.IGNORECASE,
        )

    def _date_pattern(self, index: int, sep: str, orders: str, flags: frozenset[str]) -> str:
        """A numeric date ("9.1.2022", "1/9/2022", "2022-01-09") as one named group."""
        name = f"d{index}"
        self._dates[name] = orders.split()
        order = self._dates[name][0]
        fields = []
        for position, letter in enumerate(order):
            digits = r"\d{1,2}"
            if letter == "y":
                digits = r"\d{4}" if position == 0 else r"\d{4}|\d{2}(?!\d)"
            fields.append(f"(?P<{name}_{position}>{digits})")
        s = re.escape(sep)
        if order[0] == "y":
            body = f"{fields[0]}{s}{fields[1]}{s}{fields[2]}"
        elif "trailing" in flags:
            body = f"{fields[0]}{s}{fields[1]}{s}(?:{fields[2]})?"
        else:
            body = f"{fields[0]}{s}{fields[1]}(?:{s}(?:{fields[2]}))?"
        return rf"(?P<{name}>(?<![\d{s}]){body}(?!\d|{s}\d))"

    def triggered(self, text: str) -> bool:
        """Whether the text may hold a number worth reporting (a digit or a strong word).

        A digit or a number word lies inside one whitespace token, so a text all of whose
        tokens were seen in texts without a number has none either, but for a strong form
        of several words: a token that ends with the first word of one is read again with
        the tokens after it. Other texts are searched, and the tokens of those without a
        number remembered. While few texts are known that way (a new kind of text), most
        are only searched, for splitting them into tokens would be wasted.
        """
        if not self._by_token:
            return self._searched(text)
        if self._tried >= _FIRST_TRIES and self._known * _KNOWN_SHARE < self._tried:
            self._skipped += 1
            if self._skipped % _SAMPLE:
                return self._searched(text)
        self._tried += 1
        if self._tried >= _RECENT:
            self._tried, self._known = self._tried // 2, self._known // 2
        tokens = text.split()
        if not self._quiet.covers(tokens):
            if self._searched(text):
                return True
            self._remember_quiet(tokens)
            return False
        self._known += 1
        if self._spanning is None or self._maybe.words.isdisjoint(tokens):
            return False
        unsure, search, span = self._maybe.words, self._spanning.search, self._span
        return any(
            search(" ".join(tokens[index : index + span])) is not None
            for index, token in enumerate(tokens)
            if token in unsure
        )

    def _searched(self, text: str) -> bool:
        return _DIGIT.search(text) is not None or self._trigger.search(text) is not None

    def _remember_quiet(self, tokens: list[str]) -> None:
        """Remember the new tokens of a text without a number as quiet, and those that end
        with the first word of a strong form of several words as maybe too."""
        known = self._quiet.words
        new = [token for token in tokens if token not in known and len(token) <= LONGEST_WORD]
        if self._spanning_head is not None:
            joined = " ".join(new)
            for match in self._spanning_head.finditer(joined):
                if len(self._maybe) >= self._limit:
                    # The maybe memory starts afresh: so must the quiet one, as a quiet
                    # token is only known not to be a maybe one while both remember it.
                    self._quiet = WordSet(self._limit)
                # The head ends its token; the token begins after the space before it.
                self._maybe.add(joined[joined.rfind(" ", 0, match.start()) + 1 : match.end()])
        self._quiet.add_all(new)

    # -- reading -----------------------------------------------------------------------------

    def quantities(self, text: str) -> list[Quantity]:
        """Every quantity of ``text`` in order of position, with units where written."""
        found: list[Quantity] = []
        words: list[tuple[int, int, _Entry | None, bool]] = []
        skip_until = -1
        for match in self._pattern.finditer(text):
            kind = match.lastgroup
            if kind == "word":
                start, end = match.span()
                if start < skip_until:
                    continue
                entry, end = self._lookup(text, match.group(), start, end)
                skip_until = end
                # A word that means no number only ends a phrase of number words, and the
                # letters it leaves between its neighbours end that phrase just the same.
                if entry is not None:
                    words.append((start, end, entry, _mid_capital(text, start)))
            elif kind == "time":
                found.extend(self._time(match))
            elif kind == "number":
                found.extend(self._number(match))
            elif kind == "roman":
                # "World War II", "Henry VIII": pairs, never reported (a roman "CD" is a disc).
                found.append(_word(text, *match.span(), _roman(match.group()), "roman", False))
            elif kind is not None:
                found.extend(self._date(match, kind))
        if words:
            found.extend(self._phrases(text, words))
        found.sort(key=lambda q: q.start)
        return self._with_units(text, found)

    def _may_have_article_unit(self, text: str) -> bool:
        """False only where the "a mile" pattern cannot match: no token that begins with a
        unit follows one that ends in an article."""
        if self._article_end is None:
            return False
        if not self._article_by_token:
            return True
        tokens = text.split()
        no_unit = self._no_unit
        if no_unit.covers(tokens):
            return False
        for index, token in enumerate(tokens):
            if token in no_unit.words:
                continue
            if self._unit_head.match(token) is None:
                no_unit.add(token)
            elif index and self._article_end.search(tokens[index - 1]):
                return True
        return False

    def _with_units(self, text: str, found: list[Quantity]) -> list[Quantity]:
        if not self._units:
            return found
        measured: list[Quantity] = []
        skip_to = -1
        for index, quantity in enumerate(found):
            if quantity.start < skip_to:
                continue
            unit = self._unit_after.match(text, quantity.end)
            if unit and quantity.cls == _NUMBER_CLASS:
                name = _fold(unit.group().lstrip(" -‐"))
                quantity = replace(quantity, units=tuple(self._units.get(name, ())))
                parts = self._subunits.get(name)
                small = found[index + 1] if index + 1 < len(found) else None
                if (
                    parts
                    and small
                    and small.value < parts
                    and _PHRASE_GAP.fullmatch(text, unit.end(), small.start)
                ):
                    # "6-foot-6": six feet six inches.
                    value = quantity.value + small.value / parts
                    quantity = replace(
                        quantity,
                        value=value,
                        keys=frozenset({_key(_NUMBER_CLASS, value)}),
                        end=small.end,
                        text=text[quantity.start : small.end],
                    )
                    skip_to = small.end
            measured.append(quantity)
        articles = self._may_have_article_unit(text)
        for match in self._article_unit.finditer(text) if articles else ():
            # "about a mile away"
            one = _word(text, match.start(1), match.end(1), 1.0, "word", False)
            measured.append(replace(one, units=tuple(self._units.get(_fold(match.group(1)), ()))))
        measured.sort(key=lambda q: q.start)
        # "5 bis 10 Zentimeter": the first number of a range has the second one's unit.
        for i in range(len(measured) - 2, -1, -1):
            first, second = measured[i], measured[i + 1]
            if (
                not first.units
                and second.units
                and first.cls == _NUMBER_CLASS
                and self._range_gap.fullmatch(text, first.end, second.start)
            ):
                measured[i] = replace(first, units=second.units)
        return measured

    def _lookup(self, text: str, form: str, start: int, end: int) -> tuple[_Entry | None, int]:
        folded = form.casefold()
        if folded.rstrip(".") in self._multi_first:
            multi = self._multi.match(text, start)
            if multi:
                entry = self._words.get(_fold(multi.group()))
                if entry:
                    return entry, multi.end()
        entry, trimmed = self._looked_up(folded)
        return entry, end - trimmed

    def _meaning(self, folded: str) -> tuple[_Entry | None, int]:
        """What a single word means, and whether its final full stop is left out (0 or 1)."""
        if folded in self._words:
            return self._words[folded], 0
        trimmed = 0
        if folded.endswith("."):
            folded, trimmed = folded[:-1], 1
        entry = self._words.get(folded)
        if entry is None and self._compounds:
            entry = self._compound(folded)
        return entry, trimmed

    def _compound(self, word: str) -> _Entry | None:
        """A number written as one word ("einundzwanzig", "dreijährige", "siebtgrößte")."""
        pieces = self._segment(word, 0)
        if not pieces or len(pieces) < 2:
            for stem, entry in self._stems:
                if word.startswith(stem) and len(word) - len(stem) >= _STEM_REST:
                    return _Entry("ordinal", entry.value, frozenset({"weak"}))
            return None
        total = current = 0.0
        kind, value = "cardinal", 0.0
        weak = all(p.weak for p in pieces if p.kind in ("cardinal", "scale", "ordinal"))
        for piece in pieces:
            if piece.kind == "cardinal":
                current += piece.value
            elif piece.kind == "scale":
                if piece.value == 100:
                    current = (current or 1) * 100
                else:
                    total, current = total + (current or 1) * piece.value, 0.0
            elif piece.kind == "ordinal":
                kind, value = "ordinal", total + current + piece.value
                total = current = 0.0
            elif piece.kind == "tail":
                weak = weak or piece.weak
        if kind == "cardinal":
            value = total + current
        if value == 0:
            return None
        return _Entry(kind, value, frozenset({"weak"} if weak else ()))

    def _segment(self, word: str, at: int) -> list[_Entry] | None:
        """Split ``word[at:]`` into number pieces, longest first; a tail may end it."""
        if at == len(word):
            return []
        for length in self._piece_lengths:
            piece = self._pieces.get(word[at : at + length])
            if piece is None:
                continue
            rest = self._segment(word, at + length)
            if rest is not None and (
                piece.kind != "ordinal" or not rest or (len(rest) == 1 and rest[0].kind == "tail")
            ):
                return [piece, *rest]
        if at > 0 and word.startswith(self._tails, at):
            return [_STRONG_TAIL if word.startswith(self._strong_tails, at) else _TAIL]
        return None

    def _number(self, match: re.Match[str]) -> list[Quantity]:
        raw = match.group("num")
        start, end = match.span("num")
        readings = self._readings(raw)
        if not readings:
            # A list such as "1,2,3": each run of digits on its own.
            return [_digits(start + m.start(), m.group()) for m in re.finditer(r"\d+", raw)]
        value, int_digits, frac_digits, grouped = readings[0]
        keys = {_key(_NUMBER_CLASS, v) for v, *_ in readings}
        if len(raw) == 2:
            century = _CENTURY_RANGE.search(match.string, max(0, start - 8), start)
            if century:
                # "1950-53": the second year of a range written short.
                keys.add(_key(_NUMBER_CLASS, int(century[1] + raw)))
            elif match.string[start - 1 : start].isalpha():
                # "SS19", "FY22": a year in a code.
                keys |= {_key(_NUMBER_CLASS, c + value) for c in (1900, 2000)}
        style, scale, scale_text = "digits", 1.0, ""
        strong = True
        if match.group("ord") or match.group("mark"):
            style = "ordinal"
            end = match.end("ord") if match.group("ord") else end
            # Like "first": "1. Bundesliga" is often just "the Bundesliga"; a date stays strong.
            strong = value != 1 or bool(self._month_after.match(match.string, match.end()))
        elif match.group("dec"):
            style, end = "decade", match.end("dec")
            if len(raw) == 2:
                keys |= {_key(_NUMBER_CLASS, c + value) for c in (1900, 2000)}
        word = match.group("scale")
        entry = self._words.get(_fold(word)) if word else None
        if word and entry and not ("attached" in entry.flags and match.group("ssp")):
            scale, scale_text = entry.value, match.group("ssp") + word
            end = match.end("scale")
            scaled = {_key(_NUMBER_CLASS, k[1] * scale) for k in keys}
            ambiguous = "ambiguous" in entry.flags and not match.group("cur")
            keys = scaled | keys if ambiguous else scaled
            value *= scale
        hour_minute = _HOUR_MINUTE.fullmatch(raw)
        if hour_minute and style == "digits" and scale == 1:
            keys |= _clock_keys(int(hour_minute[1]), int(hour_minute[2]), None)
        shown_end = match.end("pct") if match.group("pct") else end
        return [
            Quantity(
                _NUMBER_CLASS,
                value,
                frozenset(keys),
                start,
                end,
                match.string[start:shown_end],
                strong,
                style,
                int_digits,
                frac_digits,
                grouped,
                scale,
                scale_text,
                money=bool(
                    match.group("cur") or self._currency_after.match(match.string, shown_end)
                ),
            )
        ]

    def _readings(self, raw: str) -> list[tuple[float, str, str, bool]]:
        """Values of a digit string: this language's reading first, then the other convention's."""
        readings: list[tuple[float, str, str, bool]] = []
        other = "." if self.decimal == "," else ","
        for decimal, groups in (
            (self.decimal, self._groups),
            (other, self.decimal + _ALWAYS_GROUP),
        ):
            parsed = _parse(raw, decimal, groups)
            # "13.000" in English copy may be German 13,000; "7.000" is never 7.0.
            if parsed and (not readings or parsed[0] > readings[0][0]):
                readings.append(parsed)
        return readings

    def _time(self, match: re.Match[str]) -> list[Quantity]:
        if match.group("mhour"):
            hour, minute = int(match.group("mhour")), int(match.group("mminute"))
            start = match.start("mhour")
        else:
            hour = int(match.group("hour"))
            minute = int(match.group("minute") or match.group("minute2") or 0)
            start = match.start("hour")
        meridiem = None
        if match.group("mer"):
            meridiem = self._meridiem.get(_fold(match.group("mer")), 0)
        keys = _clock_keys(hour, minute, meridiem)
        if not keys:
            # "38:17" is a score, not a time.
            return [
                _digits(match.start() + m.start(), m.group())
                for m in re.finditer(r"\d+", match.group())
            ]
        if minute == 0 and meridiem is None:
            # "6 Uhr" / "six in the morning".
            keys |= {_key(_NUMBER_CLASS, hour), _key(_NUMBER_CLASS, hour % _HALF_DAY or _HALF_DAY)}
        end = match.end()
        return [
            Quantity(
                _TIME_CLASS,
                min(k[1] for k in keys if k[0] == _TIME_CLASS),
                frozenset(keys),
                start,
                end,
                match.string[start:end],
                True,
                "time",
                meridiem=meridiem is not None,
            )
        ]

    def _date(self, match: re.Match[str], name: str) -> list[Quantity]:
        present = [
            (match.start(f"{name}_{i}"), match.group(f"{name}_{i}"))
            for i in range(3)
            if match.group(f"{name}_{i}") is not None
        ]
        roles: list[set[str]] = [set() for _ in present]
        for letters in self._dates[name]:
            values = {letter: int(text) for letter, (_, text) in zip(letters, present)}
            if 1 <= values.get("d", 1) <= _DAYS_IN_MONTH and 1 <= values.get("m", 1) <= _MONTHS:
                for i, letter in enumerate(letters[: len(present)]):
                    roles[i].add(letter)
        if not any(roles):
            return [_digits(pos, text) for pos, text in present]
        quantities = []
        for (pos, text), role in zip(present, roles):
            keys = set()
            if role & {"d", "y"}:
                keys.add(_key(_NUMBER_CLASS, int(text)))
            if "m" in role:
                keys.add(_key(_MONTH_CLASS, int(text)))
            month_only = role == {"m"}
            quantities.append(
                Quantity(
                    _MONTH_CLASS if month_only else _NUMBER_CLASS,
                    float(text),
                    frozenset(keys),
                    pos,
                    pos + len(text),
                    text,
                    not month_only,
                    "digits",
                    text,
                )
            )
        return quantities

    def _phrases(
        self, text: str, words: list[tuple[int, int, _Entry | None, bool]]
    ) -> list[Quantity]:
        """Number words gathered into values, plus months, fractions and ordinals."""
        found: list[Quantity] = []
        phrase = _Phrase()
        previous_end = -1

        def close() -> None:
            nonlocal phrase
            if phrase.open:  # a phrase never opened is as good as a new one
                if phrase.value > 0:
                    found.append(
                        _word(text, phrase.start, phrase.end, phrase.value, "word", phrase.strong)
                    )
                phrase = _Phrase()

        for start, end, entry, capital in words:
            adjacent = previous_end >= 0 and _PHRASE_GAP.fullmatch(text, previous_end, start)
            previous_end = end
            if not adjacent or entry is None or entry.kind == "stop":
                close()
            if entry is None or entry.kind == "stop":
                continue
            strong = not entry.weak and not capital
            if entry.kind == "cardinal":
                if phrase.open and not phrase.takes(entry.value):
                    close()
                phrase.add(start, end)
                phrase.current += entry.value
                phrase.strong |= strong
                phrase.after_joiner = False
            elif entry.kind == "scale":
                if phrase.open:
                    phrase.add(start, end)
                    if entry.value == 100:
                        phrase.current = (phrase.current or 1) * 100
                    else:
                        phrase.total += (phrase.current or 1) * entry.value
                        phrase.current = 0
                elif "single" in entry.flags:
                    found.append(_word(text, start, end, entry.value, "word", False))
            elif entry.kind == "joiner":
                phrase.after_joiner = phrase.open
            elif entry.kind == "ordinal":
                found.extend(self._ordinal(text, phrase, start, end, entry, strong))
                phrase = _Phrase()
            elif entry.kind == "fraction":
                found.extend(self._fraction(text, phrase, start, end, entry))
                phrase = _Phrase()
            elif entry.kind == "month":
                close()
                if "needs-date" not in entry.flags or _near_digit(text, start, end):
                    found.append(_word(text, start, end, entry.value, "month", False, _MONTH_CLASS))
        close()
        return found

    @staticmethod
    def _ordinal(
        text: str, phrase: _Phrase, start: int, end: int, entry: _Entry, strong: bool
    ) -> Iterator[Quantity]:
        value = entry.value
        if phrase.open and phrase.strong and 1 <= phrase.value < value and value >= 3:
            # "two third": a fraction, never reported on its own.
            yield _fraction_word(text, phrase.start, end, phrase.value / value)
            return
        if phrase.open and phrase.takes(value):
            # "twenty-first"
            yield _word(text, phrase.start, end, phrase.value + value, "ordinal-word", strong)
            return
        if phrase.open and phrase.value > 0:
            yield _word(text, phrase.start, phrase.end, phrase.value, "word", phrase.strong)
        quantity = _word(text, start, end, value, "ordinal-word", strong)
        if value >= 3:
            # "the final third" may be "das letzte Drittel".
            fraction = _fraction_word(text, start, end, 1 / value)
            quantity = replace(quantity, keys=quantity.keys | fraction.keys)
        yield quantity

    @staticmethod
    def _fraction(
        text: str, phrase: _Phrase, start: int, end: int, entry: _Entry
    ) -> Iterator[Quantity]:
        numerator = phrase.value if phrase.open else 1.0
        if numerator >= entry.value:
            # "seven halves" are seven drawn matches, not three and a half.
            yield _word(text, phrase.start, phrase.end, numerator, "word", phrase.strong)
            return
        first = phrase.start if phrase.open else start
        yield _fraction_word(text, first, end, numerator / entry.value)

    # -- writing -----------------------------------------------------------------------------

    def render(self, source: Quantity, target: Quantity) -> str:
        """``source``'s value written the way ``target`` is written, in this language."""
        if source.cls == _MONTH_CLASS:
            month = self._render.get(("month", source.value))
            text = month if month and target.style == "month" else _plain(source.value)
        elif source.cls == _TIME_CLASS:
            text = self._clock(source.value, target.meridiem)
        elif target.style in ("ordinal", "ordinal-word"):
            word = self._render.get(("ordinal", source.value))
            suffix = self._ordinal_suffix(int(source.value))
            text = (
                word if word and target.style == "ordinal-word" else _plain(source.value) + suffix
            )
        elif target.style == "word" and ("cardinal", source.value) in self._render:
            text = self._render[("cardinal", source.value)]
        elif target.style == "decade":
            text = self._digits(source) + self._render.get(("decade-suffix", 0.0), "")
        else:
            text = self._scaled(source, target)
        if target.capital and text[:1].islower():
            text = text[0].upper() + text[1:]
        return text

    def _scaled(self, source: Quantity, target: Quantity) -> str:
        if source.scale > 1:
            if target.scale == source.scale:
                return self._digits(source) + target.scale_text
            word = self._render.get(("scale", source.scale))
            return f"{self._digits(source)} {word}" if word else self._format(source.value)
        if target.scale > 1:
            mantissa = round(source.value / target.scale, 3)
            if mantissa >= 1 and mantissa * target.scale == source.value:
                return self._format(mantissa) + target.scale_text
        return self._digits(source)

    def _digits(self, quantity: Quantity) -> str:
        """The mantissa as digits in this language's format, grouped if the source grouped it."""
        if not quantity.int_digits:
            return self._format(quantity.mantissa)
        whole = quantity.int_digits
        if quantity.grouped:
            whole = _group(whole, self.group)
        return whole + (self.decimal + quantity.frac_digits if quantity.frac_digits else "")

    def _format(self, value: float) -> str:
        whole, _, fraction = f"{value:.6f}".rstrip("0").rstrip(".").partition(".")
        if len(whole) > 4:
            whole = _group(whole, self.group)
        return whole + (self.decimal + fraction if fraction else "")

    def _ordinal_suffix(self, number: int) -> str:
        for last in (number % 100, number % 10):
            for suffix, endings in self._ordinal_suffixes:
                if last in endings:
                    return suffix
        return ""

    def _clock(self, minutes: float, meridiem: bool) -> str:
        hour, minute = divmod(int(minutes), _MINUTES_PER_HOUR)
        if not meridiem:
            return f"{hour}:{minute:02d}"
        half = _HALF_DAY if hour >= _HALF_DAY else 0
        shown = hour - half or _HALF_DAY
        mark = self._render.get(("meridiem", float(half)), "")
        clock = f"{shown}:{minute:02d}" if minute else str(shown)
        return f"{clock} {mark}".strip()


def _parse(raw: str, decimal: str, groups: str) -> tuple[float, str, str, bool] | None:
    """(value, integer digits, fraction digits, grouped) under one convention, or None."""
    whole, dot, fraction = raw.partition(decimal)
    if dot and (not fraction.isdigit()):
        return None
    parts = re.split("[" + re.escape(groups) + "]", whole)
    if len(parts) > 1 and (not 1 <= len(parts[0]) <= 3 or any(len(p) != 3 for p in parts[1:])):
        return None
    if not all(p.isdigit() for p in parts):
        return None
    digits = "".join(parts)
    return float(digits + ("." + fraction if fraction else "")), digits, fraction, len(parts) > 1


def _roman(numeral: str) -> float:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return float(sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0])))


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    return separator.join(
        [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    )


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _clock_keys(hour: int, minute: int, meridiem: int | None) -> set[Key]:
    """Minutes after midnight the written time may mean (a 12-hour time without a.m./p.m. two)."""
    if minute >= _MINUTES_PER_HOUR or hour > 2 * _HALF_DAY:
        return set()
    if meridiem is not None:
        hours = {hour % _HALF_DAY + meridiem}
    elif hour <= _HALF_DAY:
        hours = {hour % (2 * _HALF_DAY), hour % _HALF_DAY + _HALF_DAY}
    else:
        hours = {hour}
    return {_key(_TIME_CLASS, h * _MINUTES_PER_HOUR + minute) for h in hours}


def _digits(start: int, text: str) -> Quantity:
    value = float(text)
    return Quantity(
        _NUMBER_CLASS,
        value,
        frozenset({_key(_NUMBER_CLASS, value)}),
        start,
        start + len(text),
        text,
        True,
        "digits",
        text,
    )


def _word(
    text: str,
    start: int,
    end: int,
    value: float,
    style: str,
    strong: bool,
    cls: str = _NUMBER_CLASS,
) -> Quantity:
    return Quantity(
        cls,
        value,
        frozenset({_key(cls, value)}),
        start,
        end,
        text[start:end],
        strong,
        style,
        capital=text[start : start + 1].isupper(),
    )


def _fraction_word(text: str, start: int, end: int, value: float) -> Quantity:
    """A fraction ("zwei Drittel", "half"): never reported, and also a percentage ("Hälfte" /
    "50 percent")."""
    quantity = _word(text, start, end, value, "fraction", False)
    percent = round(value * 100, _PRECISION)
    if percent == int(percent):
        quantity = replace(quantity, keys=quantity.keys | {_key(_NUMBER_CLASS, percent)})
    return quantity


def _mid_capital(text: str, start: int) -> bool:
    """A number word capitalised inside a sentence: too often a name or a noun ("the Big Four",
    "Drei-Nationen-Turnier", "die Infektion Dritter") to be reported on its own."""
    if not text[start : start + 1].isupper():
        return False
    before = text[max(0, start - 8) : start].rstrip()
    return bool(before) and before[-1] not in _OPENERS and not before[-1].isdigit()


def _near_digit(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 6) : start]
    return bool(_DIGIT_BEFORE.search(before) or _DIGIT_AFTER.match(text, end, end + 6))


@cache
def number_language(lang: str, foreign: str | None = None) -> NumberLanguage | None:
    """The compiled vocabulary of ``lang``, or None when no data file exists for it.

    With ``foreign``, that language's scale words are read too where ``lang`` has no word of
    the same spelling: a German "5 Mio." left in English copy keeps its value (LOC005 reports
    the abbreviation), while English "billion" keeps its English value.
    """
    rows = _rows(lang)
    if rows is None:
        return None
    other = _rows(foreign) if foreign else None
    if other:
        own = {_fold(form) for form, _, _ in rows.get("scale", [])}
        rows["scale"] = rows.get("scale", []) + [
            row for row in other.get("scale", []) if _fold(row[0]) not in own
        ]
    return NumberLanguage(rows)


# -- pairing ----------------------------------------------------------------------------------


def _equal(s: Quantity, t: Quantity) -> bool:
    return bool(s.keys & t.keys)


def _converted(s: Quantity, t: Quantity, tolerance: float = _CONVERSION_TOLERANCE) -> bool:
    """The same measurement in other units ("25 Zentimeter" / "10 inches"), give or take."""
    for dimension, factor, offset in s.units:
        for other, factor2, offset2 in t.units:
            if dimension != other or (factor, offset) == (factor2, offset2):
                continue
            a, b = s.value * factor, t.value * factor2
            if offset or offset2:
                # Temperatures: as readings ("27 Grad" / "80 degrees") or as differences
                # ("6 Grad wärmer" / "10 degrees warmer").
                absolute = abs((s.value + offset) * factor - (t.value + offset2) * factor2)
                if min(absolute, abs(a - b)) <= _TEMPERATURE_TOLERANCE:
                    return True
            elif abs(a - b) <= tolerance * max(abs(a), abs(b)):
                return True
    return False


@dataclass
class _Pairing:
    """Which source and target quantities found an equal on the other side."""

    source: Sequence[Quantity]
    target: Sequence[Quantity]
    source_text: str
    target_text: str
    source_left: list[int] = field(default_factory=list)
    target_left: set[int] = field(default_factory=set)

    def run(self) -> None:
        used: set[int] = set()
        # Strong source numbers choose first, so an article "ein" cannot take the target's "1"
        # (nor the "a" of "a mile" that converts a source "1,6 Kilometer").
        every_strong = [i for i, q in enumerate(self.source) if q.strong]
        weak = [i for i, q in enumerate(self.source) if not q.strong]
        strong = self._pass(self._pass(every_strong, used, _equal), used, self._same_mantissa)
        paired_source = set(every_strong) - set(strong)
        strong = [
            i for i in strong if not _companion(self.source, i, paired_source, self.source_text)
        ]
        paired_target = set(used)
        for j in range(len(self.target)):
            if j not in used and _companion(self.target, j, paired_target, self.target_text):
                used.add(j)
        left = self._pass(strong, used, _converted)
        for equal in (_equal, self._same_mantissa, _converted):
            weak = self._pass(weak, used, equal)
        self.source_left = sorted(left + weak, key=lambda i: self.source[i].start)
        self.target_left = set(range(len(self.target))) - used

    def _pass(
        self, left: list[int], used: set[int], equal: Callable[[Quantity, Quantity], bool]
    ) -> list[int]:
        still = []
        for i in left:
            j = self._best(self.source[i], used, equal)
            if j is None:
                still.append(i)
            else:
                used.add(j)
        return still

    def _same_mantissa(self, s: Quantity, t: Quantity) -> bool:
        """ "2 bis 3 Millionen" / "2 million to 3 million": a bare number for a scaled one's
        mantissa, when its own side uses that scale too."""
        if (s.scale > 1) == (t.scale > 1):
            return False
        scaled, bare, bare_side = (s, t, self.target) if s.scale > 1 else (t, s, self.source)
        if not any(q.scale == scaled.scale for q in bare_side):
            return False
        return _key(_NUMBER_CLASS, scaled.mantissa) in bare.keys

    def _best(
        self, s: Quantity, used: set[int], equal: Callable[[Quantity, Quantity], bool]
    ) -> int | None:
        best: tuple[tuple[bool, float], int] | None = None
        where = s.start / max(1, len(self.source_text))
        for j, t in enumerate(self.target):
            if j in used or not equal(s, t):
                continue
            rank = (t.strong != s.strong, abs(where - t.start / max(1, len(self.target_text))))
            if best is None or rank < best[0]:
                best = (rank, j)
        return None if best is None else best[1]


def _companion(side: Sequence[Quantity], i: int, paired: set[int], text: str) -> bool:
    """A conversion in parentheses next to a paired number: "50 kilometers (31 miles)",
    "€3.1bn ($3.6bn)"."""
    here = side[i]
    for j, (a, b) in ((i - 1, (i - 1, i)), (i + 1, (i, i + 1))):
        if j not in paired or not 0 <= j < len(side):
            continue
        if not _CONVERSION_GAP.fullmatch(text, side[a].end, side[b].start):
            continue
        if _converted(side[j], here, _ASIDE_TOLERANCE) or (side[j].money and here.money):
            return True
    return False


def _family(q: Quantity) -> str:
    if q.style in ("ordinal", "ordinal-word"):
        return "ordinal"
    if q.style == "digits" and q.scale == 1 and _YEAR_MIN <= q.value <= _YEAR_MAX:
        return "year"
    return "number"


def _distance(s: Quantity, t: Quantity) -> tuple[bool, float]:
    """How far apart two differing numbers are, for choosing which target number replaced which."""
    relative = abs(s.value - t.value) / max(abs(s.value), abs(t.value), 1e-9)
    return (_family(s) != _family(t), relative)


class NumberAgreement:
    """NUM001 (source number missing or changed) and NUM002 (number added) on aligned pairs."""

    rules: ClassVar[tuple[RuleMeta, ...]] = (NUMBER_MISMATCH, NUMBER_ADDED)

    def __init__(self, resources: Resources) -> None:
        # "de-DE" and "en-GB" read like "de" and "en".
        source_lang, target_lang = (
            lang.split("-")[0].lower() for lang in (resources.source_lang, resources.target_lang)
        )
        self._source = number_language(source_lang)
        self._target = number_language(target_lang, source_lang)

    def check(self, segment: Segment, context: SegmentContext) -> Iterator[Finding]:
        source, target = self._source, self._target
        if segment.source is None or not segment.source.strip() or source is None or target is None:
            return
        text = segment.plain
        # The usual case, a pair without any number, is settled here; a side whose every
        # token was seen in texts without a number is not searched at all.
        if not (source.triggered(segment.source) or target.triggered(text)):
            return
        pairing = _Pairing(
            source.quantities(segment.source), target.quantities(text), segment.source, text
        )
        pairing.run()
        yield from self._report(segment, target, pairing)

    def _report(
        self, segment: Segment, language: NumberLanguage, pairing: _Pairing
    ) -> Iterator[Finding]:
        src, tgt = pairing.source, pairing.target
        reportable = [i for i in pairing.source_left if src[i].strong or src[i].cls == _MONTH_CLASS]
        candidates = sorted(
            (_distance(src[i], tgt[j]), i, j)
            for i in reportable
            for j in pairing.target_left
            if src[i].cls == tgt[j].cls and (tgt[j].strong or tgt[j].cls == _MONTH_CLASS)
        )
        replaced: dict[int, int] = {}
        for _, i, j in candidates:
            if i not in replaced and j not in replaced.values():
                replaced[i] = j
        findings: list[Finding] = []
        for i, j in replaced.items():
            s, t = src[i], tgt[j]
            findings.append(
                finding(
                    NUMBER_MISMATCH,
                    segment,
                    t.start,
                    t.end,
                    f'source has "{s.text}", target has "{t.text}"',
                    # Across units ("10 Kilometer" / "7 miles") the source value is no fix.
                    [] if _other_units(s, t) else [language.render(s, t)],
                    {"source": s.text},
                )
            )
        missing = [src[i] for i in reportable if i not in replaced and _alone(src[i])]
        if missing:
            start, end = _trimmed(segment.text)
            shown = ", ".join(f'"{q.text}"' for q in missing)
            findings.append(
                finding(
                    NUMBER_MISMATCH,
                    segment,
                    start,
                    end,
                    f"source has {shown}; the target has no equal number",
                    (),
                    {"source": "; ".join(q.text for q in missing)},
                )
            )
        for j in sorted(pairing.target_left - set(replaced.values())):
            t = tgt[j]
            if _alone(t):
                findings.append(
                    finding(
                        NUMBER_ADDED,
                        segment,
                        t.start,
                        t.end,
                        f'"{t.text}" has no equal number in the source',
                    )
                )
        yield from sorted(findings, key=lambda f: (f.start, f.rule))


def _other_units(s: Quantity, t: Quantity) -> bool:
    return bool(s.units and t.units and not set(s.units) & set(t.units))


def _alone(q: Quantity) -> bool:
    """Whether a number with no counterpart is worth reporting on its own.

    Small numbers written as words are often rendered freely ("in zwei Sätzen" / "in straight
    sets", "zwei Wochen" / "a fortnight"), so such a word is only reported when the other side
    has a different number in its place; digits and larger number words are reported alone too.
    """
    if not q.strong or q.cls == _MONTH_CLASS:
        return False
    return q.style not in ("word", "ordinal-word") or q.value >= _WORD_ALONE_MIN


def _trimmed(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, max(start, len(text.rstrip()))

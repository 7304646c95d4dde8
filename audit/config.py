"""Project configuration: ``tqa.toml``, or a ``[tool.tqa]`` table in ``pyproject.toml``.

Discovery walks upward from the working directory; in each directory a ``tqa.toml`` wins, else a
``pyproject.toml`` that has a ``[tool.tqa]`` table (one without it is skipped and the walk goes
on). The walk ends at the filesystem root. ``--config FILE`` names the file explicitly.

In ``tqa.toml`` the settings sit at the top level; in ``pyproject.toml`` under ``[tool.tqa]``
(sub-tables become ``[tool.tqa.severity]`` and so on). Keys are kebab-case::

    source-lang = "de"                  # language tags, as --source-lang / --target-lang
    target-lang = "en"
    glossaries = ["terms/house.tsv"]    # relative to the configuration file's directory
    default-glossaries = true           # false = --no-default-glossaries
    variant = "en-GB"                   # "en-US" or "en-GB"; absent = accept both
    include-fuzzy = false
    select = ["TERM", "false-friend"]   # rule code, code prefix or name, as --select
    ignore = ["TYP"]
    fail-on = "warning"                 # error | warning | info | never
    min-score = 95                      # 0-100
    score-weights = { error = 25, warning = 5, info = 1 }   # any subset
    exclude = ["drafts", "*/old/*"]     # glob patterns (fnmatch) skipped in a folder walk
    max-input-size = "2G"               # largest input file read; default 512M

    [[pairs]]                           # how a source file names its translation
    source = "{stem}.de.md"
    target = "{stem}.en.md"

    [[pairs]]
    source = "de/{path}"
    target = "en/{path}"

    [severity]                          # as --severity RULE=LEVEL
    FF001 = "info"

    [options]                           # numeric rule options
    reference-threshold = 40

Every list must be a TOML array, even with one item: ``select = "TERM"`` is an error rather than
a guess, because ``"TERM, FF"`` would otherwise read as one unknown rule. Unknown keys, wrong
types, values out of range and unknown rules are errors naming the file, the dotted key and its
line, so a typo never silently turns a setting off.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn, TypeVar

import click

from audit.checks import ALL_RULES
from audit.errors import InputError
from audit.metrics import DEFAULT_FAR_THRESHOLD
from audit.model import Severity
from audit.readers.textfile import DEFAULT_MAX_BYTES, parse_size
from audit.scoring import DEFAULT_WEIGHTS, parse_weights
from audit.selection import RuleSelection, SelectionError, parse_severity_overrides

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 has no tomllib; tomli is the same parser under another name
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

CONFIG_NAME = "tqa.toml"
PYPROJECT_NAME = "pyproject.toml"
FAIL_LEVELS = ("error", "warning", "info", "never")
VARIANTS = ("en-US", "en-GB")
# In pairing patterns these stand for the run's language codes, not for a part of the path.
LANGUAGE_FIELDS = frozenset({"src", "tgt"})

# Numeric rule options: file key -> (key the checks read, default, lowest, highest).
KNOWN_OPTIONS: Mapping[str, tuple[str, float, float, float]] = MappingProxyType(
    {"reference-threshold": ("reference_threshold", DEFAULT_FAR_THRESHOLD, 0.0, 100.0)}
)

# A language tag as the readers and glossary folders use it: "de", "en", "pt-BR", "zh-Hant".
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def size_option(_ctx: object, _param: object, value: str | None) -> int | None:
    """Click callback for --max-input-size: bytes, or a usage error."""
    try:
        return None if value is None else parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def language_option(_ctx: object, param: object, value: str | None) -> str | None:
    """Click callback for --source-lang/--target-lang: a language tag or a usage error."""
    if value is not None and not _LANGUAGE_TAG.fullmatch(value):
        raise click.BadParameter(f"expected a language tag such as de, en or en-GB, got {value!r}")
    return value


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_GLOB_CHARACTERS = frozenset("*?[]")
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


@dataclass(frozen=True, slots=True)
class PairPattern:
    """How a source file's path names its translation's path, in a folder walk.

    ``source`` and ``target`` are POSIX-style relative paths holding the same single placeholder
    ``{name}`` (a Python identifier in braces). The placeholder stands for any non-empty run of
    characters, ``/`` included, so ``de/{path}`` covers ``de/a/b.md``; the target is the target
    pattern with the placeholder replaced by what it matched in the source. ``{src}`` and
    ``{tgt}`` are not placeholders but the run's source and target language codes, so
    ``{stem}.{src}.md`` / ``{stem}.{tgt}.md`` serves every language pair. Glob characters
    (``* ? [ ]``) and other braces are not allowed: the target must follow from the source
    without guessing.
    """

    source: str
    target: str
    placeholder: str


@dataclass(frozen=True, slots=True)
class Config:
    """What a configuration file says; ``None``, an empty tuple or mapping mean "not set"."""

    path: Path | None = None
    source_lang: str | None = None
    target_lang: str | None = None
    glossaries: tuple[Path, ...] = ()
    default_glossaries: bool | None = None
    variant: str | None = None
    include_fuzzy: bool | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    # Keys as the checks read them (snake_case), e.g. "reference_threshold".
    options: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: str | None = None
    min_score: float | None = None
    score_weights: Mapping[Severity, float] = field(default_factory=lambda: MappingProxyType({}))
    pairs: tuple[PairPattern, ...] = ()
    exclude: tuple[str, ...] = ()
    max_input_size: int | None = None


def _default_options() -> Mapping[str, float]:
    return MappingProxyType({key: default for key, default, _, _ in KNOWN_OPTIONS.values()})


@dataclass(frozen=True, slots=True)
class Settings:
    """The final values of a run: command line over configuration file over defaults."""

    source_lang: str = "de"
    target_lang: str = "en"
    glossaries: tuple[str, ...] = ()
    default_glossaries: bool = True
    variant: str | None = None
    include_fuzzy: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    options: Mapping[str, float] = field(default_factory=_default_options)
    fail_on: str = "error"
    min_score: float | None = None
    score_weights: Mapping[Severity, float] = field(default_factory=lambda: DEFAULT_WEIGHTS)
    pairs: tuple[PairPattern, ...] = ()
    exclude: tuple[str, ...] = ()
    config_path: Path | None = None
    max_input_size: int = DEFAULT_MAX_BYTES

    @property
    def selection(self) -> RuleSelection:
        return RuleSelection(self.select, self.ignore, self.severity)

    @property
    def reference_threshold(self) -> float:
        return self.options["reference_threshold"]


# --- discovery and loading ---------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest ``tqa.toml``, or ``pyproject.toml`` with ``[tool.tqa]``, at or above ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT_NAME
        if pyproject.is_file() and _has_tqa_table(pyproject):
            return pyproject
    return None


def _has_tqa_table(pyproject: Path) -> bool:
    text = _read(pyproject, str(pyproject))
    # Most projects never mention tqa; not parsing their pyproject keeps a broken one of theirs
    # from stopping an audit that has nothing to do with it.
    if "tqa" not in text:
        return False
    tool = _parse_toml(text, str(pyproject)).get("tool")
    return isinstance(tool, dict) and "tqa" in tool


def load_config(path: Path | None = None, cwd: Path | None = None) -> Config:
    """Load ``path`` (``--config``), else the file ``find_config`` finds from ``cwd``.

    No file at all gives ``Config()``: every setting unset. An explicit path that is missing, a
    ``pyproject.toml`` given explicitly without ``[tool.tqa]``, malformed TOML and every invalid
    setting raise ``InputError`` naming the file (and the line where it can be found).
    """
    cwd = (cwd or Path.cwd()).resolve()
    if path is not None:
        shown = str(path)
        found = Path(os.path.abspath(cwd / path))  # absolute and without ".." parts
        if not found.exists():
            raise InputError(shown, "no such configuration file")
        if found.is_dir():
            raise InputError(shown, "is a directory, not a configuration file")
    else:
        located = find_config(cwd)
        if located is None:
            return Config()
        found = located
        shown = os.path.relpath(located, cwd) if located.is_relative_to(cwd) else str(located)
    text = _read(found, shown)
    document = _parse_toml(text, shown)
    prefix: tuple[str, ...] = ()
    if found.name == PYPROJECT_NAME:
        prefix = ("tool", "tqa")
        tool = document.get("tool")
        table = tool.get("tqa") if isinstance(tool, dict) else None
        if table is None:
            raise InputError(shown, "has no [tool.tqa] table")
        document = table
    # Glossary paths are relative to the file as the user sees it, symlinks and all.
    reader = _Reader(shown, text, prefix, found.parent)
    if not isinstance(document, dict):
        reader.fail((), f"expected a table, got {_shown(document)}")
    return reader.config(document, found)


def _read(path: Path, shown: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, f"cannot read file: {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(shown, "not valid UTF-8 text", line) from None


def _parse_toml(text: str, shown: str) -> dict[str, Any]:
    try:
        document: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line: int | None = None
        column: int | None = None
        if position:
            message = message[: position.start()]
            if position.group(1):
                line, column = int(position.group(1)), int(position.group(2))
            else:
                line = max(1, len(text.splitlines()))
        raise InputError(shown, f"invalid TOML: {message}", line, column) from None
    return document


# --- validation ----------------------------------------------------------------------------

_Keys = tuple[str | int, ...]


class _Reader:
    """Turns the parsed table into a Config, failing with file, dotted key and line."""

    def __init__(self, shown: str, text: str, prefix: tuple[str, ...], base: Path) -> None:
        self.shown = shown
        self.lines = text.splitlines()
        self.prefix = prefix
        self.base = base
        self.headers = _headers(self.lines)

    def fail(self, keys: _Keys, message: str) -> NoReturn:
        full = (*self.prefix, *keys)
        name = _dotted(full)
        line = _line_of(self.lines, self.headers, full)
        raise InputError(self.shown, f"{name}: {message}" if name else message, line)

    def config(self, table: dict[str, Any], path: Path) -> Config:
        values: dict[str, Any] = {"path": path}
        for key, value in table.items():
            handler = _HANDLERS.get(key)
            if handler is None:
                self.unknown((key,), _HANDLERS)
            else:
                values[key.replace("-", "_")] = handler(self, (key,), value)
        return Config(**values)

    def unknown(self, keys: _Keys, known: Mapping[str, object]) -> NoReturn:
        name = str(keys[-1])
        close = difflib.get_close_matches(name, list(known), n=1)
        if not self.prefix and name == "tool":
            hint = f"in {CONFIG_NAME} the settings sit at the top level, without [tool.tqa]"
        elif close:
            hint = f"did you mean {close[0]!r}?"
        else:
            hint = f"known keys: {', '.join(known)}"
        self.fail(keys, f"unknown key ({hint})")

    # --- value types ---

    def string(self, keys: _Keys, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(keys, f"expected a non-empty string, got {_shown(value)}")
        return str(value).strip()

    def strings(self, keys: _Keys, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            example = json.dumps(value) if isinstance(value, str) else '"..."'
            self.fail(keys, f"expected a list of strings such as [{example}], got {_shown(value)}")
        return tuple(self.string((*keys, i), item) for i, item in enumerate(value))

    def boolean(self, keys: _Keys, value: object) -> bool:
        if not isinstance(value, bool):
            self.fail(keys, f"expected true or false, got {_shown(value)}")
        return bool(value)

    def number(self, keys: _Keys, value: object, low: float, high: float) -> float:
        # bool is an int in Python but never a sensible threshold
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(keys, f"expected a number, got {_shown(value)}")
        number = float(value)
        if math.isnan(number) or not low <= number <= high:
            self.fail(keys, f"expected a number from {low:g} to {high:g}, got {value}")
        return number

    def choice(self, keys: _Keys, value: object, choices: Sequence[str]) -> str:
        if value not in choices:
            self.fail(keys, f"expected one of {', '.join(choices)}, got {_shown(value)}")
        return str(value)

    def table(self, keys: _Keys, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(keys, f"expected a table, got {_shown(value)}")
        return value

    def rule(self, keys: _Keys, reference: str) -> str:
        try:
            RuleSelection(select=(reference,)).validate(ALL_RULES)
        except SelectionError as exc:
            self.fail(keys, str(exc))
        return reference

    # --- the settings ---

    def language(self, keys: _Keys, value: object) -> str:
        tag = self.string(keys, value)
        if not _LANGUAGE_TAG.fullmatch(tag):
            self.fail(keys, f'expected a language tag such as "de" or "en", got {tag!r}')
        return tag

    def glossaries(self, keys: _Keys, value: object) -> tuple[Path, ...]:
        paths = []
        for i, item in enumerate(self.strings(keys, value)):
            path = self.base / Path(item).expanduser()
            if not path.is_file():
                self.fail((*keys, i), f"no such glossary file: {path}")
            paths.append(path)
        return tuple(paths)

    def rules(self, keys: _Keys, value: object) -> tuple[str, ...]:
        return tuple(
            self.rule((*keys, i), item) for i, item in enumerate(self.strings(keys, value))
        )

    def severity(self, keys: _Keys, value: object) -> Mapping[str, Severity]:
        levels = [s.value for s in Severity]
        result = {}
        for reference, level in self.table(keys, value).items():
            here = (*keys, reference)
            self.rule(here, reference)
            result[reference] = Severity(self.choice(here, level, levels))
        return MappingProxyType(result)

    def options(self, keys: _Keys, value: object) -> Mapping[str, float]:
        result = {}
        for name, number in self.table(keys, value).items():
            known = KNOWN_OPTIONS.get(name)
            if known is None:
                self.unknown((*keys, name), KNOWN_OPTIONS)
                continue
            option, _, low, high = known
            result[option] = self.number((*keys, name), number, low, high)
        return MappingProxyType(result)

    def weights(self, keys: _Keys, value: object) -> Mapping[Severity, float]:
        levels = {s.value: s for s in Severity}
        result = {}
        for name, number in self.table(keys, value).items():
            if name not in levels:
                self.unknown((*keys, name), levels)
            result[levels[name]] = self.number((*keys, name), number, 0.0, math.inf)
        return MappingProxyType(result)

    def pairs(self, keys: _Keys, value: object) -> tuple[PairPattern, ...]:
        if not isinstance(value, list):
            self.fail(keys, "expected [[pairs]] tables with source and target patterns")
        return tuple(self.pair((*keys, i), item) for i, item in enumerate(value))

    def pair(self, keys: _Keys, value: object) -> PairPattern:
        table = self.table(keys, value)
        sides = {"source": "", "target": ""}
        for side in table:
            if side not in sides:
                self.unknown((*keys, side), sides)
        for side in sides:
            if side not in table:
                self.fail(keys, f"missing {side!r}: each pair needs a source and a target pattern")
            sides[side] = self.string((*keys, side), table[side])
        names = {side: self.placeholder((*keys, side), sides[side]) for side in sides}
        if names["source"] != names["target"]:
            self.fail(
                keys,
                f"source uses {{{names['source']}}} but target uses {{{names['target']}}}; "
                "both must use the same placeholder",
            )
        if sides["source"] == sides["target"]:
            self.fail(keys, "source and target patterns are the same")
        return PairPattern(sides["source"], sides["target"], names["source"])

    def placeholder(self, keys: _Keys, pattern: str) -> str:
        found = [name for name in _PLACEHOLDER.findall(pattern) if name not in LANGUAGE_FIELDS]
        if len(found) != 1:
            self.fail(
                keys,
                f"{pattern!r} must contain exactly one placeholder such as {{stem}}, "
                f"found {len(found)}",
            )
        rest = _PLACEHOLDER.sub("", pattern)
        if "{" in rest or "}" in rest:
            self.fail(keys, f"{pattern!r}: a placeholder is a name in braces, such as {{stem}}")
        if _GLOB_CHARACTERS & set(rest):
            self.fail(keys, f"{pattern!r}: glob characters (* ? [ ]) cannot be mapped to a target")
        if "\\" in pattern:
            self.fail(keys, f"{pattern!r}: use / as the folder separator")
        if pattern.startswith("/") or re.match(r"[A-Za-z]:", pattern):
            self.fail(keys, f"{pattern!r}: patterns are relative paths")
        return str(found[0])

    def exclude(self, keys: _Keys, value: object) -> tuple[str, ...]:
        return self.strings(keys, value)

    def size(self, keys: _Keys, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.fail(
                keys, f'expected a size such as "512M" or a number of bytes, got {_shown(value)}'
            )
        try:
            return parse_size(str(value))
        except ValueError as exc:
            self.fail(keys, str(exc))


_Handler = Callable[[_Reader, _Keys, object], object]

_HANDLERS: Mapping[str, _Handler] = MappingProxyType(
    {
        "source-lang": _Reader.language,
        "target-lang": _Reader.language,
        "glossaries": _Reader.glossaries,
        "default-glossaries": _Reader.boolean,
        "variant": lambda r, k, v: r.choice(k, v, VARIANTS),
        "include-fuzzy": _Reader.boolean,
        "select": _Reader.rules,
        "ignore": _Reader.rules,
        "severity": _Reader.severity,
        "options": _Reader.options,
        "fail-on": lambda r, k, v: r.choice(k, v, FAIL_LEVELS),
        "min-score": lambda r, k, v: r.number(k, v, 0.0, 100.0),
        "score-weights": _Reader.weights,
        "pairs": _Reader.pairs,
        "exclude": _Reader.exclude,
        "max-input-size": _Reader.size,
    }
)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _dotted(keys: _Keys) -> str:
    """``tool.tqa.severity.FF001``; list items as ``select[2]`` (counted from 1, like lines)."""
    text = ""
    for key in keys:
        if isinstance(key, int):
            text += f"[{key + 1}]"
        else:
            bare = re.fullmatch(r"[A-Za-z0-9_-]+", key)
            text += ("." if text else "") + (key if bare else json.dumps(key))
    return text


# --- finding a key's line in the raw text (good enough: TOML keeps keys at line starts) -------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?")


def _headers(lines: Sequence[str]) -> list[tuple[int, tuple[str, ...], bool]]:
    """(line number, table path, is an array of tables) for every table header."""
    found = []
    for number, line in enumerate(lines, 1):
        match = _HEADER.match(line)
        if match:
            path = tuple(p.strip().strip("\"'") for p in match.group(2).split("."))
            found.append((number, path, match.group(1) == "[["))
    return found


def _line_of(
    lines: Sequence[str], headers: Sequence[tuple[int, tuple[str, ...], bool]], keys: _Keys
) -> int | None:
    """The line that sets ``keys``, else the nearest enclosing key's line, else None."""
    while keys:
        names = tuple(k for k in keys if isinstance(k, str))
        index = next((k for k in reversed(keys) if isinstance(k, int)), None)
        # A table header for the whole path: [severity], or the n-th [[pairs]].
        matching = [(n, array) for n, path, array in headers if path == names]
        if matching:
            if isinstance(keys[-1], int) and all(a for _, a in matching):
                if keys[-1] < len(matching):
                    return matching[keys[-1]][0]
            elif not isinstance(keys[-1], int):
                return matching[0][0]
        if isinstance(keys[-1], str):
            # `key = ...` inside its table's section, or a dotted key in an enclosing one.
            for split in range(len(names) - 1, -1, -1):
                line = _key_line(lines, headers, names[:split], names[split:], index)
                if line is not None:
                    return line
            # Only a deeper table names it: [tool.tqa] for the key "tool".
            deeper = [n for n, path, _ in headers if path[: len(names)] == names]
            if deeper:
                return deeper[0]
        keys = keys[:-1]
    return None


def _key_line(
    lines: Sequence[str],
    headers: Sequence[tuple[int, tuple[str, ...], bool]],
    table: tuple[str, ...],
    key: tuple[str, ...],
    index: int | None,
) -> int | None:
    sections = _sections(len(lines), headers, table)
    if index is not None and len(sections) > 1:
        # An item of an array of tables: look only in that item's section.
        sections = sections[index : index + 1]
    parts = [rf"(?:{re.escape(k)}|\"{re.escape(k)}\"|'{re.escape(k)}')" for k in key]
    pattern = re.compile(r"^\s*" + r"\s*\.\s*".join(parts) + r"\s*=")
    for first, last in sections:
        for number in range(first, last + 1):
            if pattern.match(lines[number - 1]):
                return number
    return None


def _sections(
    count: int, headers: Sequence[tuple[int, tuple[str, ...], bool]], table: tuple[str, ...]
) -> list[tuple[int, int]]:
    """Line ranges (first, last) that belong directly to ``table``; () is the top level."""
    starts = [0] + [n for n, _, _ in headers]
    paths: list[tuple[str, ...]] = [(), *(p for _, p, _ in headers)]
    ends = [n - 1 for n, _, _ in headers] + [count]
    return [
        (start + 1, end)
        for start, path, end in zip(starts, paths, ends)
        if path == table and end >= start + 1
    ]


# --- precedence -----------------------------------------------------------------------------


def resolve(
    config: Config,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    glossaries: Sequence[str] = (),
    default_glossaries: bool | None = None,
    variant: str | None = None,
    include_fuzzy: bool | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severities: Sequence[str] = (),
    reference_threshold: float | None = None,
    fail_on: str | None = None,
    min_score: float | None = None,
    score_weights: str | None = None,
    max_input_size: int | None = None,
) -> Settings:
    """Final settings: command line over configuration file over built-in defaults.

    Pass command-line values exactly as click delivers them, but with click's defaults removed:
    ``None`` (scalars, flags) or an empty sequence (repeatable options) means "not given on the
    command line". A flag that can only switch one way is passed as ``True``/``False`` when
    given and ``None`` when not: ``--no-default-glossaries`` as ``default_glossaries=False``,
    ``--include-fuzzy`` as ``include_fuzzy=True``.

    - Scalars and lists: a value given on the command line replaces the file's (``--select X``
      replaces the file's ``select``; ``--glossary`` replaces its ``glossaries``).
    - ``severities`` (``RULE=LEVEL`` strings, as ``--severity``), ``score_weights`` (the
      ``--score-weights`` text) and ``reference_threshold`` merge per key: the command line
      sets the keys it names and the file's other keys stay. Command-line severity overrides
      come first so that they win where a file's override names an overlapping code prefix.

    Raises ``SelectionError`` for a malformed ``--severity`` and ``click.BadParameter`` for a
    malformed ``--score-weights`` (both exit 2). Rule references from the command line are
    validated later, when the auditor is built.
    """
    cli_severity = parse_severity_overrides(severities)
    severity = {
        **cli_severity,
        **{k: v for k, v in config.severity.items() if k not in cli_severity},
    }
    options = {**_default_options(), **config.options}
    if reference_threshold is not None:
        options["reference_threshold"] = reference_threshold
    weights = {**DEFAULT_WEIGHTS, **config.score_weights, **_weight_overrides(score_weights)}
    return Settings(
        source_lang=_first(source_lang, config.source_lang, "de"),
        target_lang=_first(target_lang, config.target_lang, "en"),
        glossaries=tuple(glossaries) or tuple(str(p) for p in config.glossaries),
        default_glossaries=_first(default_glossaries, config.default_glossaries, True),
        variant=variant or config.variant,
        include_fuzzy=_first(include_fuzzy, config.include_fuzzy, False),
        select=tuple(select) or config.select,
        ignore=tuple(ignore) or config.ignore,
        severity=MappingProxyType(severity),
        options=MappingProxyType(options),
        fail_on=_first(fail_on, config.fail_on, "error"),
        min_score=min_score if min_score is not None else config.min_score,
        score_weights=MappingProxyType(weights),
        pairs=config.pairs,
        exclude=config.exclude,
        config_path=config.path,
        max_input_size=_first(max_input_size, config.max_input_size, DEFAULT_MAX_BYTES),
    )


_T = TypeVar("_T")


def _first(cli: _T | None, configured: _T | None, default: _T) -> _T:
    if cli is not None:
        return cli
    return configured if configured is not None else default


def _weight_overrides(text: str | None) -> dict[Severity, float]:
    """Only the weights the ``--score-weights`` text names (``parse_weights`` fills the rest)."""
    if text is None:
        return {}
    try:
        weights = parse_weights(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--score-weights") from None
    named = {Severity(p.partition("=")[0].strip()) for p in text.split(",") if p.strip()}
    return {severity: weights[severity] for severity in named}

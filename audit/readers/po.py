"""Gettext PO files (read with polib): each msgstr, or each plural form, becomes a Segment.

The header and obsolete (``#~``) entries are not audited. Fuzzy entries are recorded as skipped
unless asked for: their translation is a guess the translator has not confirmed. Placeholders
such as ``%s``, ``%(name)s`` and ``{name}`` stay in the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NoReturn

import polib  # type: ignore[import-untyped]

from audit.errors import InputError
from audit.model import Document, Segment, Skipped

# polib's message: "Syntax error in po file (line 7): unescaped double quote found".
_SYNTAX = re.compile(r"\(line (\d+)\)(?::\s*(.+))?")
# What polib does not check itself: it reads `msgstr "abc` as "ab", `msgstr[123]` as form 1 and
# keeps only the last of two msgstr[0], so these are checked before it parses.
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[([0-9]+)\])?[ \t]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"[ \t]*')


@dataclass(frozen=True, slots=True)
class _Line:
    """One of polib's lines (``str.splitlines``) and where it begins in the file."""

    text: str
    line: int
    offset: int  # characters before it on its file line (non-zero after a U+2028 and the like)
    ending: str = ""  # the line break that ends it: "\n", or U+2028 and the like inside a line


def read_po(
    path: str, text: str, *, source_lang: str, target_lang: str, include_fuzzy: bool = False
) -> Document:
    """Read a PO or POT file into a Document (the requested languages are kept)."""
    lines = _lines(text)
    _check_syntax(path, lines)
    entries = _parse(path, text, lines)
    segments: list[Segment] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    for position, entry in enumerate(entries):
        if entry.obsolete or (entry.msgid == "" and not entry.msgctxt):
            continue
        first = _index(lines, entry.linenum)
        # The entry's lines end where the next entry's begin; bounding the msgstr search keeps
        # the reader linear even when polib's line numbers surprise us.
        stop = len(lines)
        if position + 1 < len(entries):
            stop = max(_index(lines, entries[position + 1].linenum), first + 1)
        key = (f"{entry.msgctxt}|" if entry.msgctxt else "") + entry.msgid
        forms = _forms(entry)
        if "fuzzy" in entry.flags and not include_fuzzy:
            number, _, target = forms[0]
            line, column = _msgstr_position(lines, first, stop, number, target)
            skipped.append(Skipped(key, line, column, "fuzzy"))
            continue
        for number, source, target in forms:
            line, column = _msgstr_position(lines, first, stop, number, target)
            ident = key if number is None else f"{key}[{number}]"
            while ident in used:  # gettext forbids duplicates, polib does not: keep ids unique
                ident = f"{ident}@{lines[first].line}"
            used.add(ident)
            segments.append(
                Segment(
                    id=ident,
                    text=target,
                    line=line,
                    column=column,
                    paragraph=len(segments),
                    source=source,
                )
            )
    if not segments and not skipped:
        raise InputError(path, "no translation entries found")
    return Document(path, tuple(segments), source_lang, target_lang, True, skipped=tuple(skipped))


def _parse(path: str, text: str, lines: list[_Line]) -> list[Any]:
    # polib opens a file when handed a string naming one; content always holding a line break
    # cannot be mistaken for a path.
    content = text if "\n" in text else text + "\n"
    try:
        return list(polib.pofile(content, encoding="utf-8"))
    except OSError as exc:
        match = _SYNTAX.search(str(exc))
        if match is None:
            raise InputError(path, "PO syntax error", 1) from None
        reason = f": {match.group(2)}" if match.group(2) else ""
        line = lines[_index(lines, int(match.group(1)))].line
        raise InputError(path, f"PO syntax error{reason}", line) from None
    except Exception as exc:  # polib is not hardened: any failure on bad input is bad input
        raise InputError(path, f"cannot parse PO file: {type(exc).__name__}", 1) from None


def _check_syntax(path: str, lines: list[_Line]) -> None:
    """Refuse what polib would misread: broken strings and misnumbered plural forms."""
    entry: list[tuple[str, int | None, _Line]] = []
    for line in lines:
        stripped = line.text.lstrip()
        if not stripped or stripped.startswith("#"):
            continue  # comments, flags and obsolete (#~) entries are not audited
        indent = len(line.text) - len(stripped)
        keyword = _KEYWORD.match(stripped)
        if keyword is None and not stripped.startswith('"'):
            _syntax_error(path, line, indent, "expected msgid, msgstr or a quoted string")
        if keyword is None and not entry:
            _syntax_error(path, line, indent, "quoted string without a keyword before it")
        start = keyword.end() if keyword else 0
        string = _STRING.match(stripped, start)
        if string is None:
            problem = "expected a quoted string"
            if stripped.startswith('"', start):
                problem = "unterminated string"
                if line.ending not in ("", "\n"):  # polib also ends lines at U+2028 and the like
                    problem += f" (cut by the line separator U+{ord(line.ending[0]):04X})"
            _syntax_error(path, line, indent + start, problem)
        if string.end() != len(stripped):
            _syntax_error(path, line, indent + string.end(), "text after the closing quote")
        if keyword is None:
            continue
        name, number = keyword.group(1), keyword.group(2)
        if name in ("msgctxt", "msgid") and any(k == "msgstr" for k, _, _ in entry):
            _check_plurals(path, entry)
            entry = []
        entry.append((name, None if number is None else int(number), line))
    _check_plurals(path, entry)


def _check_plurals(path: str, entry: list[tuple[str, int | None, _Line]]) -> None:
    """An entry with msgid_plural has msgstr[0], msgstr[1], ... in order; one without has msgstr."""
    plural = any(name == "msgid_plural" for name, _, _ in entry)
    expected = 0
    for name, number, line in entry:
        if name != "msgstr":
            continue
        indent = len(line.text) - len(line.text.lstrip())
        if plural and number != expected:
            found = "msgstr" if number is None else f"msgstr[{number}]"
            _syntax_error(path, line, indent, f"{found} where msgstr[{expected}] belongs")
        if not plural and number is not None:
            problem = f"msgstr[{number}] in an entry without msgid_plural"
            _syntax_error(path, line, indent, problem)
        expected += 1


def _syntax_error(path: str, line: _Line, index: int, problem: str) -> NoReturn:
    """``index`` is where the problem starts in ``line.text``."""
    raise InputError(path, f"PO syntax error: {problem}", line.line, line.offset + index + 1)


def _forms(entry: Any) -> list[tuple[int | None, str, str]]:
    """(plural number or None, source, target) for each translation the entry holds."""
    if not entry.msgid_plural:
        return [(None, entry.msgid, entry.msgstr)]
    plural: dict[int, str] = dict(entry.msgstr_plural) or {0: "", 1: ""}
    return [(n, entry.msgid if n == 0 else entry.msgid_plural, plural[n]) for n in sorted(plural)]


def _lines(text: str) -> list[_Line]:
    """polib's lines with their file positions (it splits on every Unicode line break)."""
    found: list[_Line] = []
    line, offset = 1, 0
    for piece in text.splitlines(keepends=True):
        text = piece.rstrip("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
        found.append(_Line(text, line, offset, piece[len(text) :]))
        if piece.endswith("\n"):
            line, offset = line + 1, 0
        else:
            offset += len(piece)
    return found or [_Line("", 1, 0)]


def _index(lines: list[_Line], linenum: int | None) -> int:
    """polib's 1-based line number as an index into ``lines``."""
    return min(max((linenum or 1) - 1, 0), len(lines) - 1)


def _msgstr_position(
    lines: list[_Line], first: int, stop: int, number: int | None, value: str
) -> tuple[int, int]:
    """File line and column of the first character of an entry's msgstr (or msgstr[n]).

    The entry spans ``lines[first:stop]``; when its msgstr opens with ``""`` and continues on
    the following lines, the first non-empty continuation is where the text starts.
    """
    keyword = "msgstr" if number is None else f"msgstr[{number}]"
    for index in range(first, stop):
        stripped = lines[index].text.lstrip()
        if not stripped.startswith(keyword):
            continue
        rest = stripped[len(keyword) :]
        if number is None and rest[:1] not in (" ", "\t"):
            continue  # msgstr[0] when looking for a plain msgstr
        start = _quoted_start(lines[index])
        if value and lines[index].text[start:].startswith('"'):
            for following in range(index + 1, stop):
                if not lines[following].text.lstrip().startswith('"'):
                    break
                candidate = _quoted_start(lines[following])
                if lines[following].text[candidate:].rstrip() != '"':
                    return _file_position(lines[following], candidate)
        return _file_position(lines[index], start)
    return lines[first].line, lines[first].offset + 1


def _quoted_start(line: _Line) -> int:
    """Index in ``line.text`` just after the opening quote (the start of the string's text)."""
    quote = line.text.find('"')
    return quote + 1 if quote >= 0 else len(line.text)


def _file_position(line: _Line, index: int) -> tuple[int, int]:
    return line.line, line.offset + index + 1

"""Which files a run audits: the paths given, folders walked, articles paired with their sources.

Pairing patterns are two templates, source and target, sharing one placeholder in braces:
``{stem}.de.md`` / ``{stem}.en.md`` pairs ``news/a.de.md`` with ``news/a.en.md``;
``de/{path}`` / ``en/{path}`` pairs ``de/x.md`` with ``en/x.md``. A placeholder matches any
run of characters (slashes included); the rest is literal. ``{src}`` and ``{tgt}`` in a
template stand for the run's source and target language codes. Translation files (XLIFF, TMX,
PO, JSONL, TSV) carry their source and are never paired.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from audit.errors import InputError
from audit.readers import ARTICLE_READERS, EXTENSIONS, format_of

DEFAULT_PAIRS: tuple[tuple[str, str], ...] = (
    ("{stem}.{src}.md", "{stem}.{tgt}.md"),
    ("{stem}.{src}.markdown", "{stem}.{tgt}.markdown"),
    ("{stem}.{src}.txt", "{stem}.{tgt}.txt"),
    ("{src}/{path}", "{tgt}/{path}"),
)
# Extensions a folder walk picks up: every reader's, plus plain text.
AUDITED = frozenset({*EXTENSIONS, ".txt"})
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Job:
    """One target file to audit and, for an article, the source it was paired with."""

    target: str
    source: str | None = None
    # An article found in a folder walk with no source file matching any pattern.
    unpaired: bool = False


@dataclass(frozen=True, slots=True)
class Pattern:
    source: re.Pattern[str]
    target: re.Pattern[str]
    source_template: str
    target_template: str


def compile_patterns(
    pairs: Sequence[tuple[str, str]], source_lang: str, target_lang: str
) -> list[Pattern]:
    compiled = []
    for source, target in pairs:
        source = source.replace("{src}", source_lang).replace("{tgt}", target_lang)
        target = target.replace("{src}", source_lang).replace("{tgt}", target_lang)
        compiled.append(Pattern(_regex(source), _regex(target), source, target))
    return compiled


def _regex(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        parts.append(f"(?P<{match.group(1)}>.+)")
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts))


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def collect(
    paths: Sequence[str],
    patterns: Sequence[Pattern],
    exclude: Sequence[str] = (),
    source_path: str | None = None,
) -> list[Job]:
    """The jobs for the command line's paths: files as given, folders walked and paired."""
    jobs: list[Job] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = list(_walk(path, patterns, exclude))
            if not found:
                raise InputError(given, "no files to audit in this folder")
            jobs.extend(found)
        elif not path.exists():
            raise InputError(given, "no such file or directory")
        else:
            jobs.append(Job(given, source_path))
    return jobs


def _walk(root: Path, patterns: Sequence[Pattern], exclude: Sequence[str]) -> Iterator[Job]:
    files = sorted(_files(root, exclude))
    relative = {f: f.relative_to(root).as_posix() for f in files}
    present = set(relative.values())
    sources = {rel for rel in present for p in patterns if p.source.fullmatch(rel)}
    for file in files:
        rel = relative[file]
        if format_of(str(file)) not in ARTICLE_READERS:
            yield Job(str(file))
            continue
        source = _source_of(rel, patterns, present)
        if source is not None:
            yield Job(str(file), str(root / source))
        elif rel not in sources:
            yield Job(str(file), None, unpaired=True)


def _source_of(rel: str, patterns: Sequence[Pattern], present: set[str]) -> str | None:
    for pattern in patterns:
        match = pattern.target.fullmatch(rel)
        if match:
            candidate = _fill(pattern.source_template, match.groupdict())
            if candidate in present and candidate != rel:
                return candidate
    return None


def _files(root: Path, exclude: Sequence[str]) -> Iterator[Path]:
    for folder, subfolders, names in os.walk(root):
        base = Path(folder)
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".") and not _excluded((base / d).relative_to(root), exclude)
        )
        for name in names:
            file = base / name
            if name.startswith(".") or file.suffix.lower() not in AUDITED:
                continue
            if not _excluded(file.relative_to(root), exclude):
                yield file


def _excluded(relative: Path, exclude: Sequence[str]) -> bool:
    text = relative.as_posix()
    return any(fnmatch.fnmatch(text, pattern) for pattern in exclude)

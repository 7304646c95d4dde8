"""Stable identities for findings: the same problem keeps its fingerprint across unrelated edits.

A fingerprint hashes the rule, the file's path, the whitespace-normalised text of the segment
and the flagged text, plus how many identical findings came before it in the file (so two
identical slips in one file stay distinct). Line numbers are left out on purpose: inserting a
paragraph above a finding must not make it new. SARIF's partialFingerprints, the baseline file
and suppression matching all use this one function.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator

from audit.model import FileResult, Finding
from audit.spool import FindingSpool

VERSION = "tqa/v1"


def _normalise(text: str) -> str:
    return " ".join(text.split())


def finding_key(path: str, segment_text: str, item: Finding) -> str:
    """The parts a fingerprint is made of, before the occurrence counter.

    The path is normalised ("./docs/a.md" and "docs/a.md" are one file; separators are "/").
    """
    clean = os.path.normpath(path).replace(os.sep, "/")
    return "\x1f".join((item.rule, clean, _normalise(segment_text), _normalise(item.text)))


def fingerprints(result: FileResult) -> Iterator[tuple[Finding, str]]:
    """Each finding of a file with its fingerprint, in report order."""
    # Occurrences are counted by a digest of the key, not the key (which holds the whole
    # segment): a long file's counter stays small.
    seen: Counter[bytes] = Counter()
    for item, text in _with_texts(result):
        key = finding_key(result.document.path, text, item)
        counted = hashlib.blake2b(key.encode(), digest_size=16).digest()
        seen[counted] += 1
        digest = hashlib.sha256(f"{key}\x1f{seen[counted]}".encode()).hexdigest()
        yield item, digest[:32]


def _with_texts(result: FileResult) -> Iterator[tuple[Finding, str]]:
    """Each finding with its segment's text: from the spool that carries both when there is
    one, so that no mapping of every segment's text is built."""
    if isinstance(result.findings, FindingSpool):
        yield from result.findings.pairs()
        return
    texts = result.segment_texts()
    for item in result.findings:
        yield item, texts.get(item.segment, "")


def fingerprint_map(results: Iterable[FileResult]) -> dict[int, str]:
    """id(finding) -> fingerprint, for reporters that look findings up while rendering."""
    return {id(item): digest for result in results for item, digest in fingerprints(result)}

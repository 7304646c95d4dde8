"""Shared fixtures: the sample article pair, the shared data folder, the German-English
lexicon, and a CLI runner."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from audit import bilingual_lexicon
from audit.cli import main
from audit.engine import Auditor
from audit.glossary import Glossary
from audit.readers import load_document
from audit.selection import RuleSelection

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "corpora" / "samples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The workplace's shared data folder (``../shared`` next to the repository)."""
    path = Path(__file__).resolve().parents[2] / "shared"
    if not path.is_dir():
        pytest.skip(f"../shared is absent (fresh clone): {path} not found")
    return path


@pytest.fixture(scope="session")
def sample() -> Path:
    return SAMPLES / "article.en.txt"


@pytest.fixture(scope="session")
def sample_de() -> Path:
    return SAMPLES / "article.de.txt"


@pytest.fixture(scope="session")
def de_en_lexicon() -> bilingual_lexicon.BilingualLexicon:
    """The shipped German-English lexicon, as the checks load it."""
    loaded = bilingual_lexicon.load("de", "en")
    assert loaded is not None
    return loaded


def run_cli(args: Sequence[object]) -> Result:
    """Invoke ``tqa`` in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


@lru_cache(maxsize=1)
def _cheap_auditor() -> Auditor:
    # A rule that costs next to nothing: what a run holds is then what streaming holds.
    return Auditor.build(Glossary((), ()), "de", "en", RuleSelection(("ART001",), (), {}))


def streamed_peak(path: Path, count: int) -> int:
    """Peak traced memory while auditing ``path`` streamed: a file of ``count`` clean segments."""
    document = load_document(str(path), source_lang="de", target_lang="en", stream=True)
    tracemalloc.start()
    result = _cheap_auditor().audit(document)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.segment_count == count and not result.findings
    return top


def streamed_report(path: Path, scratch: Path) -> dict[str, Any]:
    """The JSON report of ``path`` streamed, checked byte for byte against a run that holds
    the file (--html needs every segment's text, so that run reads it whole)."""
    streamed = run_cli(["check", path, "--format", "json", "--fail-on", "never"])
    held = run_cli(
        ["check", path, "--format", "json", "--fail-on", "never", "--html", scratch / "r.html"]
    )
    assert streamed.exit_code == held.exit_code == 0, streamed.output
    assert streamed.stdout == held.stdout
    report: dict[str, Any] = json.loads(streamed.stdout)
    return report

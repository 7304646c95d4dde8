"""Shared fixtures: the sample article pair, the shared data folder, the German-English
lexicon, and a CLI runner."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from audit import bilingual_lexicon
from audit.cli import main

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

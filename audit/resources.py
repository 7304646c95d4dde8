"""Locate data files shipped inside the package (``audit/data/...``)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def data_file(*parts: str) -> Traversable:
    """The shipped data file at ``audit/data/<parts...>`` (it may not exist)."""
    path = resources.files("audit").joinpath("data")
    for part in parts:
        path = path.joinpath(part)
    return path


def data_lines(*parts: str) -> list[str]:
    """The lines of a shipped data file that are neither blank nor comments (``#``), as written;
    none when the file does not exist (a language without that data)."""
    path = data_file(*parts)
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]

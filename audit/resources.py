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

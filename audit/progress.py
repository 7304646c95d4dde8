"""A progress bar on stderr for long runs, shown only to a person watching a terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")


def wanted(quiet: bool) -> bool:
    """A bar only on an interactive stderr, never under --quiet or in CI (``CI`` set)."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


def track(items: Iterable[T], total: int, label: str, show: bool) -> Iterator[T]:
    if not show or total < 2:
        yield from items
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, redirect_stdout=False) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


"""How every command fails on bad input: one line on stderr naming the problem, exit code 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from audit.errors import InputError
from audit.model import ExitCode
from audit.selection import SelectionError

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> None:
    click.echo(f"tqa: error: {message}", err=True)
    sys.exit(ExitCode.USAGE)


def clean_errors(command: F) -> F:
    """Turn input problems into one line on stderr and exit code 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (InputError, SelectionError) as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        return None

    return wrapper  # type: ignore[return-value]

"""How every command fails on bad input: one line on stderr naming the problem, exit code 2."""

from __future__ import annotations

import os
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
    """Turn input problems into one line on stderr and exit code 2, never a traceback.

    Anything else that goes wrong is a bug in tqa: one line and exit code 3, so CI tells a
    broken tool from broken copy (``TQA_DEBUG=1`` shows the traceback).
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (InputError, SelectionError) as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("TQA_DEBUG"):
                raise
            message = " ".join(str(exc).split())[:300]
            click.echo(
                f"tqa: internal error: {type(exc).__name__}: {message} "
                "(set TQA_DEBUG=1 to see where; please report it)",
                err=True,
            )
            sys.exit(ExitCode.INTERNAL)
        return None

    return wrapper  # type: ignore[return-value]

"""Command-line options that several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from audit.config import language_option

Command = TypeVar("Command", bound=Callable[..., object])


def language_options(defaults: bool) -> Callable[[Command], Command]:
    """``--source-lang`` and ``--target-lang``, each checked to be a language tag.

    With ``defaults`` they are ``de`` and ``en`` when not given; without, they are None, so
    that a configuration file can set them (``tqa check``), and the help names the default.
    """

    def apply(command: Command) -> Command:
        # click lists options in the order their decorators stand, so the last is applied first
        for name, default, what in (
            ("--target-lang", "en", "Language of the translation"),
            ("--source-lang", "de", "Language of the source text"),
        ):
            command = click.option(
                name,
                callback=language_option,
                default=default if defaults else None,
                show_default=defaults,
                help=f"{what}." if defaults else f"{what} [default: {default}].",
            )(command)
        return command

    return apply

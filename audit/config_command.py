"""``tqa config``: the settings ``tqa check`` would use, defaults filled in, and their file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click

from audit.cli_errors import clean_errors
from audit.config import KNOWN_OPTIONS, Settings, load_config, resolve

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def settings_table(settings: Settings) -> dict[str, Any]:
    """The settings under the configuration file's own keys; unset values are ``None``."""
    option_keys = {option: name for name, (option, _, _, _) in KNOWN_OPTIONS.items()}
    return {
        "source-lang": settings.source_lang,
        "target-lang": settings.target_lang,
        "glossaries": list(settings.glossaries),
        "default-glossaries": settings.default_glossaries,
        "variant": settings.variant,
        "include-fuzzy": settings.include_fuzzy,
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "fail-on": settings.fail_on,
        "min-score": _number(settings.min_score),
        "exclude": list(settings.exclude),
        "max-input-size": settings.max_input_size,
        "score-weights": {
            s.value: _number(w)
            for s, w in sorted(settings.score_weights.items(), key=lambda i: -i[0].rank)
        },
        "options": {option_keys.get(k, k): _number(v) for k, v in settings.options.items()},
        "severity": {rule: level.value for rule, level in settings.severity.items()},
        "pairs": [{"source": p.source, "target": p.target} for p in settings.pairs],
    }


def _number(value: float | None) -> float | int | None:
    # 25 reads better than 25.0 and means the same in TOML and JSON
    if value is not None and value.is_integer():
        return int(value)
    return value


def render_toml(table: dict[str, Any], origin: str) -> str:
    """``table`` as a ``tqa.toml`` that loads back to the same settings."""
    lines = [f"# {origin}"]
    tables: list[str] = []
    for key, value in table.items():
        if value is None:
            lines.append(f"# {key}: not set")
        elif isinstance(value, dict):
            tables += ["", f"[{key}]", *(f"{_key(k)} = {_value(v)}" for k, v in value.items())]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                tables += ["", f"[[{key}]]", *(f"{_key(k)} = {_value(v)}" for k, v in item.items())]
        else:
            lines.append(f"{key} = {_value(value)}")
    return "\n".join([*lines, *tables]) + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _value(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # A JSON string is a valid TOML basic string: same quotes, same escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return repr(value)


@click.command()
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: the nearest tqa.toml or pyproject.toml with [tool.tqa]).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["toml", "json"]),
    default="toml",
    show_default=True,
)
@clean_errors
def config(config_path: str | None, output_format: str) -> None:
    """Show the settings 'tqa check' would use, with defaults filled in, and their file.

    The TOML output is itself a valid tqa.toml.
    """
    settings = resolve(load_config(Path(config_path) if config_path else None))
    table = settings_table(settings)
    source = str(settings.config_path) if settings.config_path else None
    if output_format == "json":
        click.echo(json.dumps({"config": source, "settings": table}, ensure_ascii=False, indent=2))
        return
    origin = f"configuration file: {source}" if source else "no configuration file found: defaults"
    click.echo(render_toml(table, origin), nl=False)

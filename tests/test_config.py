"""Project configuration: discovery, every key, precedence, and one-line errors with the line."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click
import pytest

from audit.checks import ALL_RULES
from audit.cli import main
from audit.config import (
    Config,
    PairPattern,
    Settings,
    find_config,
    load_config,
    resolve,
)
from audit.config_command import config
from audit.errors import InputError
from audit.model import Severity
from audit.selection import SelectionError
from tests.conftest import run_cli

if "config" not in main.commands:
    main.add_command(config)

RULES = {r.code: r for r in ALL_RULES}

FULL = """\
source-lang = "de"
target-lang = "en"
glossaries = ["terms/house.tsv"]
default-glossaries = false
variant = "en-GB"
include-fuzzy = true
select = ["TERM", "false-friend"]
ignore = ["TYPO003"]
fail-on = "warning"
min-score = 95
score-weights = { error = 30, info = 0.5 }
exclude = ["drafts", "*/old/*"]

[[pairs]]
source = "{stem}.{src}.md"
target = "{stem}.{tgt}.md"

[[pairs]]
source = "de/{path}"
target = "en/{path}"

[severity]
FF001 = "info"
spelling-variant = "error"

[options]
reference-threshold = 40
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _glossary(folder: Path) -> Path:
    return _write(folder, "house.tsv", "kind\tsource\tpreferred\twrong\tcontext\tnote\n")


# --- discovery ------------------------------------------------------------------------------


def test_tqa_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[tool.tqa]\nfail-on = "info"\n')
    own = _write(tmp_path, "tqa.toml", 'fail-on = "warning"\n')
    assert find_config(tmp_path) == own.resolve()
    assert load_config(cwd=tmp_path).fail_on == "warning"


def test_the_walk_goes_up_to_the_nearest_configuration(tmp_path: Path) -> None:
    _write(tmp_path, "tqa.toml", 'fail-on = "never"\n')
    nearer = _write(tmp_path / "a", "tqa.toml", 'fail-on = "info"\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config(deep) == nearer.resolve()
    loaded = load_config(cwd=deep)
    assert (loaded.fail_on, loaded.path) == ("info", nearer.resolve())


def test_a_pyproject_without_tool_tqa_is_skipped(tmp_path: Path) -> None:
    outer = _write(tmp_path, "tqa.toml", "min-score = 80\n")
    _write(tmp_path / "pkg", "pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nfix = true\n')
    assert find_config(tmp_path / "pkg") == outer.resolve()
    assert load_config(cwd=tmp_path / "pkg").min_score == 80.0


def test_a_pyproject_with_tool_tqa_is_used(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.tqa]\nvariant = "en-US"\n\n'
        '[tool.tqa.severity]\nTERM002 = "error"\n',
    )
    loaded = load_config(cwd=tmp_path)
    assert loaded.path == path.resolve()
    assert loaded.variant == "en-US"
    assert dict(loaded.severity) == {"TERM002": Severity.ERROR}


def test_an_unrelated_broken_pyproject_does_not_stop_the_walk(tmp_path: Path) -> None:
    outer = _write(tmp_path, "tqa.toml", "")
    _write(tmp_path / "pkg", "pyproject.toml", "[project\nname = \n")
    assert find_config(tmp_path / "pkg") == outer.resolve()


def test_no_file_means_nothing_set(tmp_path: Path) -> None:
    if find_config(tmp_path) is not None:
        pytest.skip("a configuration file sits above the temporary folder")
    assert load_config(cwd=tmp_path) == Config()
    assert resolve(Config()) == Settings()


def test_an_explicit_file_wins_over_discovery(tmp_path: Path) -> None:
    _write(tmp_path, "tqa.toml", 'fail-on = "info"\n')
    other = _write(tmp_path / "ci", "strict.toml", 'fail-on = "warning"\n')
    loaded = load_config(Path("ci/strict.toml"), cwd=tmp_path)
    assert (loaded.fail_on, loaded.path) == ("warning", other.resolve())


def test_a_missing_explicit_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such configuration file") as caught:
        load_config(Path("absent.toml"), cwd=tmp_path)
    assert caught.value.path == "absent.toml"


def test_an_explicit_pyproject_needs_a_tool_tqa_table(tmp_path: Path) -> None:
    _write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(InputError, match=r"no \[tool.tqa\] table"):
        load_config(Path("pyproject.toml"), cwd=tmp_path)


# --- every key ------------------------------------------------------------------------------


def test_every_key_is_read(tmp_path: Path) -> None:
    glossary = _glossary(tmp_path / "terms")
    path = _write(tmp_path, "tqa.toml", FULL)
    assert load_config(cwd=tmp_path) == Config(
        path=path.resolve(),
        source_lang="de",
        target_lang="en",
        glossaries=(glossary.resolve(),),
        default_glossaries=False,
        variant="en-GB",
        include_fuzzy=True,
        select=("TERM", "false-friend"),
        ignore=("TYPO003",),
        severity={"FF001": Severity.INFO, "spelling-variant": Severity.ERROR},
        options={"reference_threshold": 40.0},
        fail_on="warning",
        min_score=95.0,
        score_weights={Severity.ERROR: 30.0, Severity.INFO: 0.5},
        pairs=(
            PairPattern("{stem}.{src}.md", "{stem}.{tgt}.md", "stem"),
            PairPattern("de/{path}", "en/{path}", "path"),
        ),
        exclude=("drafts", "*/old/*"),
    )


def test_glossaries_are_relative_to_the_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    glossary = _glossary(tmp_path / "project" / "terms")
    _write(tmp_path / "project", "tqa.toml", 'glossaries = ["terms/house.tsv"]\n')
    work = tmp_path / "project" / "docs" / "de"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert load_config().glossaries == (glossary.resolve(),)
    settings = resolve(load_config(Path("../../tqa.toml")))
    assert settings.glossaries == (str(glossary.resolve()),)


def test_pairs_may_be_an_inline_array(tmp_path: Path) -> None:
    _write(tmp_path, "tqa.toml", 'pairs = [{ source = "src/{p}", target = "out/{p}" }]\n')
    assert load_config(cwd=tmp_path).pairs == (PairPattern("src/{p}", "out/{p}", "p"),)


# --- precedence -----------------------------------------------------------------------------


def _configured(tmp_path: Path) -> Config:
    _glossary(tmp_path / "terms")
    _write(tmp_path, "tqa.toml", FULL)
    return load_config(cwd=tmp_path)


def test_the_file_overrides_the_defaults(tmp_path: Path) -> None:
    settings = resolve(_configured(tmp_path))
    assert settings.fail_on == "warning"
    assert settings.min_score == 95.0
    assert settings.default_glossaries is False
    assert settings.include_fuzzy is True
    assert settings.reference_threshold == 40.0
    # weights the file leaves out keep their defaults
    assert dict(settings.score_weights) == {
        Severity.ERROR: 30.0,
        Severity.WARNING: 5.0,
        Severity.INFO: 0.5,
    }
    assert settings.selection.severity(RULES["FF001"]) is Severity.INFO
    assert not settings.selection.enabled(RULES["TYPO003"])
    assert not settings.selection.enabled(RULES["LOC001"])  # not in select


def test_the_command_line_overrides_the_file(tmp_path: Path) -> None:
    settings = resolve(
        _configured(tmp_path),
        source_lang="fr",
        target_lang="de",
        glossaries=("cli.tsv",),
        default_glossaries=True,
        variant="en-US",
        include_fuzzy=False,
        select=("LOC",),
        ignore=("LOC003",),
        severities=("FF=error",),
        reference_threshold=30.0,
        fail_on="never",
        min_score=50.0,
        score_weights="info=2",
    )
    assert (settings.source_lang, settings.target_lang) == ("fr", "de")
    assert settings.glossaries == ("cli.tsv",)
    assert settings.default_glossaries is True
    assert settings.variant == "en-US"
    assert settings.include_fuzzy is False
    assert (settings.select, settings.ignore) == (("LOC",), ("LOC003",))
    assert (settings.fail_on, settings.min_score) == ("never", 50.0)
    assert settings.reference_threshold == 30.0
    # per key: the command line's info weight, the file's error weight
    assert settings.score_weights[Severity.INFO] == 2.0
    assert settings.score_weights[Severity.ERROR] == 30.0
    # the command line's prefix beats the file's exact code; the file's other override stays
    assert settings.selection.severity(RULES["FF001"]) is Severity.ERROR
    assert settings.selection.severity(RULES["SPELL002"]) is Severity.ERROR
    assert settings.pairs == load_config(cwd=tmp_path).pairs


def test_values_not_given_on_the_command_line_leave_the_file_alone(tmp_path: Path) -> None:
    loaded = _configured(tmp_path)
    assert resolve(loaded) == resolve(
        loaded,
        source_lang=None,
        glossaries=(),
        default_glossaries=None,
        include_fuzzy=None,
        select=(),
        severities=(),
        reference_threshold=None,
        fail_on=None,
        min_score=None,
        score_weights=None,
    )


def test_bad_command_line_values_are_usage_errors() -> None:
    with pytest.raises(click.BadParameter, match="bad score weight"):
        resolve(Config(), score_weights="fatal=3")
    with pytest.raises(SelectionError):
        resolve(Config(), severities=("FF001",))


# --- errors: one line, the file, the dotted key, the line -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('fail-on = "error"\nfial-on = "warning"\n', "tqa.toml:2: fial-on: unknown key"),
        ('fail-on = "sometimes"\n', "tqa.toml:1: fail-on: expected one of error, warning"),
        ('\nmin-score = "high"\n', "tqa.toml:2: min-score: expected a number"),
        ("min-score = 101\n", "tqa.toml:1: min-score: expected a number from 0 to 100"),
        ('select = "TERM"\n', 'tqa.toml:1: select: expected a list of strings such as ["TERM"]'),
        ('ignore = ["TERM", "TYPO999"]\n', "tqa.toml:1: ignore[2]: unknown rule 'TYPO999'"),
        ("include-fuzzy = 1\n", "tqa.toml:1: include-fuzzy: expected true or false"),
        ('variant = "en-AU"\n', "tqa.toml:1: variant: expected one of en-US, en-GB"),
        ('source-lang = "German"\n', "tqa.toml:1: source-lang: expected a language tag"),
        ('glossaries = ["none.tsv"]\n', "tqa.toml:1: glossaries[1]: no such glossary file"),
        (
            '[severity]\nFF001 = "info"\nXX001 = "info"\n',
            "tqa.toml:3: severity.XX001: unknown rule",
        ),
        ('[severity]\n\nFF001 = "fatal"\n', "tqa.toml:3: severity.FF001: expected one of info"),
        ('severity = "FF001=info"\n', "tqa.toml:1: severity: expected a table"),
        ("[options]\nreference-treshold = 40\n", "tqa.toml:2: options.reference-treshold: unknown"),
        ("[options]\nreference-threshold = 140\n", "tqa.toml:2: options.reference-threshold:"),
        ("score-weights = { error = -1 }\n", "tqa.toml:1: score-weights.error: expected a number"),
        ("score-weights = { fatal = 1 }\n", "tqa.toml:1: score-weights.fatal: unknown key"),
        ('[tool.tqa]\nfail-on = "info"\n', "tqa.toml:1: tool: unknown key (in tqa.toml"),
        (
            '[[pairs]]\nsource = "{a}.de"\ntarget = "{a}.en"\n\n[[pairs]]\nsource = "de/{p}"\n'
            'target = "en/{q}"\n',
            "tqa.toml:5: pairs[2]: source uses {p} but target uses {q}",
        ),
        (
            '[[pairs]]\nsource = "{a}/{b}.md"\ntarget = "x/{a}"\n',
            "tqa.toml:2: pairs[1].source: '{a}/{b}.md' must contain exactly one placeholder",
        ),
        (
            '[[pairs]]\nsource = "de/*.md"\ntarget = "en/{name}"\n',
            "tqa.toml:2: pairs[1].source: 'de/*.md' must contain exactly one placeholder",
        ),
        (
            '[[pairs]]\nsource = "de/{n}*.md"\ntarget = "en/{n}"\n',
            "tqa.toml:2: pairs[1].source: 'de/{n}*.md': glob characters",
        ),
        ('[[pairs]]\nsource = "de/{n}"\n', "tqa.toml:1: pairs[1]: missing 'target'"),
        (
            '[[pairs]]\nsource = "{n}.de"\ntarget = "{n}.en"\nlang = "en"\n',
            "tqa.toml:4: pairs[1].lang: unknown key",
        ),
        ('exclude = ["drafts", 3]\n', "tqa.toml:1: exclude[2]: expected a non-empty string"),
        ('fail-on = "warning"\nselect = ["TERM",\n', "tqa.toml:2: invalid TOML"),
        ('fail-on = "warning"\nmin-score = \n', "tqa.toml:2:13: invalid TOML: Invalid value"),
    ],
)
def test_problems_are_one_line_naming_file_key_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    _write(tmp_path, "tqa.toml", text)
    monkeypatch.chdir(tmp_path)
    result = run_cli(["config"])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.rstrip("\n")]
    assert result.stderr.startswith(f"tqa: error: {expected}"), result.stderr


def test_pyproject_problems_name_the_full_dotted_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.tqa]\nfail-on = "info"\n\n'
        '[tool.tqa.severity]\nFF001 = "loud"\n',
    )
    monkeypatch.chdir(tmp_path)
    result = run_cli(["config"])
    assert result.exit_code == 2
    assert result.stderr.startswith("tqa: error: pyproject.toml:8: tool.tqa.severity.FF001:")


def test_a_file_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "tqa.toml").write_bytes(b'fail-on = "info"\n# caf\xe9\n')
    with pytest.raises(InputError, match="not valid UTF-8") as caught:
        load_config(cwd=tmp_path)
    assert caught.value.line == 2


# --- tqa config -----------------------------------------------------------------------------


def test_config_prints_a_file_that_loads_back_to_the_same_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _glossary(tmp_path / "terms")
    _write(tmp_path, "tqa.toml", FULL)
    monkeypatch.chdir(tmp_path)
    result = run_cli(["config"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"# configuration file: {(tmp_path / 'tqa.toml').resolve()}")
    assert "\n[score-weights]\nerror = 30\nwarning = 5\ninfo = 0.5\n" in result.stdout
    assert "\n# min-score" not in result.stdout and "\n# variant: not set" not in result.stdout
    copy = _write(tmp_path / "elsewhere", "copy.toml", result.stdout)
    again = resolve(load_config(copy))
    original = resolve(load_config())
    assert again == replace(original, config_path=copy.resolve())


def test_config_json_names_the_file_and_fills_in_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "ci", "strict.toml", 'fail-on = "info"\n')
    monkeypatch.chdir(tmp_path)
    result = run_cli(["config", "--config", "ci/strict.toml", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["config"] == str(path.resolve())
    settings = shown["settings"]
    assert settings["fail-on"] == "info"
    assert settings["source-lang"] == "de"
    assert settings["variant"] is None
    assert settings["options"] == {"reference-threshold": 50}


def test_config_with_a_missing_file_fails_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(["config", "--config", "nope.toml"])
    assert result.exit_code == 2
    assert result.stderr == "tqa: error: nope.toml: no such configuration file\n"

"""Run-level limits and language options: refused with a one-line error and exit 2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.checks.base import Resources, primary_language
from audit.glossary import Glossary
from audit.readers import textfile
from audit.readers.textfile import parse_size
from tests.conftest import run_cli

ARTICLE = "The talks continue. The ministers met on Monday in Brussels.\n"


@pytest.fixture(autouse=True)
def _restore_limit() -> Iterator[None]:
    # --max-input-size holds only for its run: after it the default is back.
    yield
    assert textfile._max_bytes() == textfile.DEFAULT_MAX_BYTES


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1048576", 1048576),
        ("512M", 512 * 1024**2),
        ("2 GiB", 2 * 1024**3),
        ("100k", 102400),
        ("1.5G", int(1.5 * 1024**3)),
        ("3mb", 3 * 1024**2),
    ],
)
def test_sizes_are_read_in_powers_of_1024(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "12x", "-5M", "M", "1e9", "100"])
def test_malformed_or_useless_sizes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_the_size_limit_from_the_command_line_refuses_a_larger_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 40, encoding="utf-8")  # about 2.4 kB
    out = tmp_path / "report.json"
    refused = run_cli(["check", article, "--max-input-size", "1K", "--output", out])
    assert refused.exit_code == 2
    assert refused.stderr.strip() == (
        f"tqa: error: {article}: file is larger than 1,024 bytes (see --max-input-size)"
    )
    assert not out.exists()
    allowed = run_cli(["check", article, "--max-input-size", "4K", "--fail-on", "never"])
    assert allowed.exit_code == 0, allowed.output


def test_the_size_limit_from_the_configuration_applies_and_the_command_line_wins(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 40, encoding="utf-8")
    config = tmp_path / "tqa.toml"
    config.write_text('max-input-size = "2K"\n', encoding="utf-8")
    refused = run_cli(["check", article, "--config", config])
    assert refused.exit_code == 2 and "larger than 2,048 bytes" in refused.stderr
    allowed = run_cli(
        ["check", article, "--config", config, "--max-input-size", "1M", "--fail-on", "never"]
    )
    assert allowed.exit_code == 0, allowed.output
    shown = run_cli(["config", "--config", config])
    assert "2048" in shown.stdout


def test_the_size_limit_does_not_apply_to_the_shipped_glossaries(tmp_path: Path) -> None:
    # The shipped glossaries are larger than 2 kB; only the copy under audit is limited.
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli(["check", article, "--max-input-size", "2K", "--fail-on", "never"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", ['"huge"', "true", '"0"'])
def test_a_bad_size_in_the_configuration_names_file_and_line(tmp_path: Path, value: str) -> None:
    config = tmp_path / "tqa.toml"
    config.write_text(f'select = ["TERM"]\nmax-input-size = {value}\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli(["check", article, "--config", config])
    assert result.exit_code == 2
    assert f"{config}:2: max-input-size:" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("option", ["--source-lang", "--target-lang"])
@pytest.mark.parametrize("value", ["", "e n", "../x", "english!"])
def test_a_malformed_language_tag_is_a_usage_error(tmp_path: Path, option: str, value: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli(["check", article, option, value])
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr and "language tag" in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output


@pytest.mark.parametrize("command", ["score", "learn"])
def test_other_commands_check_language_tags_too(tmp_path: Path, command: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli([command, article, "--target-lang", "e n"])
    assert result.exit_code == 2 and "language tag" in result.stderr


def test_regional_tags_read_their_language_data() -> None:
    assert primary_language("de-AT") == "de" and primary_language("en_GB") == "en"
    resources = Resources(Glossary((), ()), "de-CH", "EN-us")
    assert (resources.source_lang, resources.target_lang) == ("de", "en")
    assert resources.target_lexicon.zipf("the") > 6


def test_a_reference_article_without_paragraph_breaks_is_refused_with_its_position(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    reference = tmp_path / "ref.txt"
    reference.write_text("word " * 60_000, encoding="utf-8")
    result = run_cli(["check", article, "--reference", reference])
    assert result.exit_code == 2
    assert f"{reference}:1:1:" in result.stderr and "without a paragraph break" in result.stderr
    assert "internal error" not in result.output


def test_an_overlong_line_reference_segment_is_refused_with_its_line(tmp_path: Path) -> None:
    bitext = tmp_path / "b.jsonl"
    bitext.write_text('{"id": 1, "source": "Hallo", "target": "Hello"}\n', encoding="utf-8")
    reference = tmp_path / "ref.txt"
    reference.write_text("word " * 30_000 + "\n", encoding="utf-8")
    result = run_cli(["check", bitext, "--reference", reference])
    assert result.exit_code == 2
    assert f"{reference}:1:1:" in result.stderr and "one reference segment" in result.stderr

"""Folders and pairs: which files a run audits and which source each article is paired with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.discovery import DEFAULT_PAIRS, collect, compile_patterns
from audit.errors import InputError
from tests.conftest import run_cli

PATTERNS = compile_patterns(DEFAULT_PAIRS, "de", "en")


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_pairs_by_suffix_and_by_language_folder(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "news/a.de.md": "Ein Satz.\n",
            "news/a.en.md": "A sentence.\n",
            "de/sport/b.txt": "Ein Tor.\n",
            "en/sport/b.txt": "A goal.\n",
            "lone.en.txt": "Alone.\n",
            "memory.tmx": "<tmx/>",
            "notes.pdf": "%PDF",
            ".hidden/x.en.md": "Hidden.\n",
        },
    )
    jobs = {
        Path(j.target).relative_to(tmp_path).as_posix(): j
        for j in collect([str(tmp_path)], PATTERNS)
    }
    assert set(jobs) == {"news/a.en.md", "en/sport/b.txt", "lone.en.txt", "memory.tmx"}
    assert jobs["news/a.en.md"].source == str(tmp_path / "news/a.de.md")
    assert jobs["en/sport/b.txt"].source == str(tmp_path / "de/sport/b.txt")
    assert jobs["lone.en.txt"].source is None and jobs["lone.en.txt"].unpaired
    assert jobs["memory.tmx"].source is None and not jobs["memory.tmx"].unpaired


def test_custom_patterns_and_exclusions(tmp_path: Path) -> None:
    _tree(tmp_path, {"src/x.md": "Quelle.\n", "out/x.md": "Target.\n", "out/drafts/y.md": "Y.\n"})
    patterns = compile_patterns([("src/{name}", "out/{name}")], "de", "en")
    jobs = collect([str(tmp_path)], patterns, exclude=["out/drafts/*"])
    assert [(Path(j.target).name, j.source) for j in jobs] == [("x.md", str(tmp_path / "src/x.md"))]


def test_missing_path_and_empty_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        collect([str(tmp_path / "nope")], PATTERNS)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no files to audit"):
        collect([str(tmp_path / "empty")], PATTERNS)


def test_check_on_a_folder_audits_pairs_and_says_which_are_unpaired(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "de/budget.md": "Die Regierung hat am Montag 3,5 Millionen Euro bewilligt.\n",
            "en/budget.md": "The government approved 3.5 million euros on Monday.\n",
            "lone.en.md": "The ministry did not recieve the letter.\n",
        },
    )
    result = run_cli(["check", tmp_path, "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["budget.md"]["source"] == str(tmp_path / "de" / "budget.md")
    assert "source" not in files["lone.en.md"]
    assert "lone.en.md: no source file found; audited without one" in result.stderr
    quiet = run_cli(["check", tmp_path, "--quiet", "--format", "json", "--fail-on", "never"])
    assert quiet.stderr == ""


def test_an_internal_error_exits_3_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A sentence.\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated failure\nin two lines")

    monkeypatch.setattr("audit.cli.summarise", broken)
    monkeypatch.delenv("TQA_DEBUG", raising=False)
    result = run_cli(["check", path])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert "internal error: RuntimeError: simulated failure in two lines" in result.stderr

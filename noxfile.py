"""Developer sessions: tests, lint, typecheck, evaluate."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite (tests needing ../shared skip without it)."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", "audit", "tests", "benchmarks", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".", "mypy", "types-defusedxml")
    session.run("mypy", "audit")


@nox.session
def evaluate(session: nox.Session) -> None:
    """Detection and false-alarm rates: the labelled set (or files given after --), then injected
    errors on clean real pairs from ../shared (skipped when absent; fails below a class floor)."""
    session.install("-e", ".")
    session.run("python", "-m", "audit.evaluation", *session.posargs)
    session.run("python", "-m", "audit.evaluation_perturbed")


@nox.session
def bench(session: nox.Session) -> None:
    """Throughput, peak memory and cost per rule on 100,000 real German->English pairs from
    ../shared, beside pofilter and sacrebleu run on the same pairs; `-- --quick` is 10x smaller.
    Prints a table and writes reports/bench.json."""
    # translate-toolkit (pofilter, GPL) and pyenchant (its spell check, which also needs the
    # Enchant C library) are peers measured here, never dependencies of the project: they are
    # installed only into this session's environment.
    session.install("-e", ".", "translate-toolkit", "pyenchant")
    session.run("python", "-m", "benchmarks.bench", *session.posargs)

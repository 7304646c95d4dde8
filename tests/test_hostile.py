"""Hostile and broken input through the command line: every case ends cleanly, in time, and
touches nothing but the files it names.

Small bad files live in ``tests/hostile/``; large ones (a 20 MB line, a million empty lines, a
million-entry glossary, 100,000 nested elements) are generated into ``tmp_path`` at test time and
never committed. Each case runs ``python -m audit check --quiet --format json --output out.json
--html out.html ...`` as a subprocess in a folder of its own holding only its inputs, with

- a timeout (``TIMEOUT``): a run that hangs fails the case instead of the suite;
- a 3 GiB address-space limit: a runaway allocation ends as MemoryError (exit 3, a failure here)
  instead of exhausting the machine;
- ``strace -f`` recording every file opened and every network call (when strace is installed and
  allowed to trace; otherwise a Python audit hook records ``open`` and ``socket.*`` events).

For every case the test asserts the exit code of ``CASES``; for exit 2 exactly one stderr line
``tqa: error: FILE[:LINE[:COLUMN]]: ...`` (position and message as in the table) and no report
written; for exit 0 or 1 a JSON report whose findings each show the text found at their position
(checked against the input file), plus the findings the table names. Always: no traceback, no
network connection or IP socket, and no file opened except the case's own, the Python
installation, the package (``audit/``, ``corpora/glossaries/``) and system libraries; nothing
written outside the case's folder.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from audit import glossary
from audit.errors import InputError
from audit.readers import load_document, textfile

REPO = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "hostile"
TIMEOUT = 60.0  # seconds per case: a harness limit for hangs, far above any expected run
MEMORY = 3 << 30  # bytes of address space per run; a normal run peaks near 250 MB resident
OUT, HTML, CONFIG = "out.json", "out.html", "tqa.toml"

# --- generated inputs (too large to commit) ------------------------------------------------

TWENTY_MB = 20 * 1024 * 1024


def _line_20mb_txt(path: Path) -> None:
    sentence = "The talks continue next week. "
    path.write_text((sentence * (TWENTY_MB // len(sentence) + 1))[:TWENTY_MB] + "\n", "utf-8")


def _line_20mb_jsonl(path: Path) -> None:
    row = {"id": "1", "source": "Die Gespräche gehen weiter.", "target": "a" * TWENTY_MB}
    path.write_text(json.dumps(row) + "\n", "utf-8")


def _empty_lines(path: Path) -> None:
    path.write_text("\n" * 1_000_000, "utf-8")


def _empty_lines_then_text(path: Path) -> None:
    path.write_text("\n" * 1_000_000 + "The talks  continue next week.\n", "utf-8")


def _deep_nesting(path: Path) -> None:
    depth = 100_000
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="a" source-language="de" target-language="en" datatype="plaintext">\n'
        "<body>\n"
        '<trans-unit id="1">\n'
        "<source>Hallo Welt.</source>\n"
        "<target>" + '<g id="1">' * depth + "Hello world." + "</g>" * depth + "</target>\n"
        "</trans-unit>\n</body>\n</file>\n</xliff>\n",
        "utf-8",
    )


def _glossary_1m(path: Path) -> None:
    rows = (f"term\tpreferred{i}\twrong{i}\tgenerated entry {i}\n" for i in range(1_000_000))
    with path.open("w", encoding="utf-8") as stream:
        stream.write("kind\tpreferred\twrong\tnote\n")
        stream.writelines(rows)


def _long_token(path: Path) -> None:
    path.write_text("The talks continue. The code " + "q" * 30_000 + " was sent.\n", "utf-8")


def _walk(path: Path) -> None:
    path.mkdir()
    (path / ("a" * 200 + ".txt")).write_text("The talks  continue next week.\n", "utf-8")


GENERATED: dict[str, Callable[[Path], None]] = {
    "walk": _walk,
    "line-20mb.txt": _line_20mb_txt,
    "line-20mb.jsonl": _line_20mb_jsonl,
    "empty-lines-1m.txt": _empty_lines,
    "empty-lines-1m-then-text.md": _empty_lines_then_text,
    "deep-nesting.xlf": _deep_nesting,
    "glossary-1m.tsv": _glossary_1m,
    "long-token.txt": _long_token,
}

# --- the cases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One run: the arguments after ``check`` (input files by name), what must happen.

    ``where`` is what the error line names right after ``tqa: error: `` (file, line, column)
    and ``says`` a fragment of the message after it; ``findings`` are (rule, line, column,
    text) that a successful run must report. Every input named in ``args`` comes from
    ``tests/hostile/`` or from ``GENERATED``; ``--config tqa.toml`` (an empty file) is added
    unless the case brings its own configuration.
    """

    name: str
    args: tuple[str, ...]
    exit: frozenset[int]
    where: str = ""
    says: str = ""
    findings: tuple[tuple[str, int, int, str], ...] = ()
    xfail: str = ""


FAILS = frozenset({2})
READS = frozenset({0, 1})
DOCTYPE = "XML with a DOCTYPE is refused"

# case | input | expected exit | error position | message fragment (or findings that must appear)
CASES: tuple[Case, ...] = (
    Case("empty", ("empty.txt",), FAILS, "empty.txt: ", "empty file: nothing to audit"),
    Case("png header", ("png-header.txt",), FAILS, "png-header.txt: ", "binary file"),
    Case("gzip", ("gzip.md",), FAILS, "gzip.md: ", "binary file"),
    Case("NUL bytes", ("nul-bytes.txt",), FAILS, "nul-bytes.txt: ", "binary file"),
    Case("UTF-16 no BOM", ("utf16-no-bom.txt",), FAILS, "utf16-no-bom.txt: ", "UTF-16"),
    Case("Latin-1", ("latin1.txt",), FAILS, "latin1.txt:1:26: ", "not valid UTF-8 text"),
    Case(
        "bad UTF-8 mid-file",
        ("invalid-utf8-middle.md",),
        FAILS,
        "invalid-utf8-middle.md:5:8: ",
        "not valid UTF-8 text",
    ),
    Case(
        "20 MB single line",
        ("line-20mb.txt",),
        FAILS,
        "line-20mb.txt:1:1: ",
        "characters without a paragraph break (at most 100,000)",
    ),
    Case(
        "20 MB JSONL target",
        ("line-20mb.jsonl",),
        FAILS,
        "line-20mb.jsonl:1:1: ",
        "segment '1': the target has 20,971,520 characters",
    ),
    Case("1M empty lines", ("empty-lines-1m.txt",), FAILS, "empty-lines-1m.txt: ", "empty file"),
    Case(
        "1M empty lines, then text",
        ("empty-lines-1m-then-text.md",),
        READS,
        findings=(("TYPO003", 1_000_001, 10, "  "),),
    ),
    Case("ragged TSV", ("ragged.tsv",), FAILS, "ragged.tsv:3:1: ", "found 1"),
    Case(
        "JSONL non-object",
        ("non-object.jsonl",),
        FAILS,
        "non-object.jsonl:2:1: ",
        "expected a JSON object",
    ),
    Case(
        "JSON unterminated string",
        ("unterminated-string.jsonl",),
        FAILS,
        "unterminated-string.jsonl:2:23: ",
        "invalid JSON: Unterminated string",
    ),
    Case("truncated XML", ("truncated.xlf",), FAILS, "truncated.xlf:10:18: ", "malformed XML"),
    Case("XML with DTD", ("doctype.xlf",), FAILS, "doctype.xlf:2:54: ", DOCTYPE),
    Case("billion laughs", ("billion-laughs.xlf",), FAILS, "billion-laughs.xlf:2:17: ", DOCTYPE),
    Case(
        "entity to /etc/passwd",
        ("external-entity-file.xlf",),
        FAILS,
        "external-entity-file.xlf:2:17: ",
        DOCTYPE,
    ),
    Case(
        "entity to http://127.0.0.1:9/",
        ("external-entity-http.tmx",),
        FAILS,
        "external-entity-http.tmx:2:15: ",
        DOCTYPE,
    ),
    Case("XInclude", ("xinclude.xlf",), FAILS, "xinclude.xlf:7:15: ", "XInclude is refused"),
    Case(
        "100,000 nested elements",
        ("deep-nesting.xlf",),
        FAILS,
        "deep-nesting.xlf:7:1959: ",
        "elements nested deeper than 200 levels",
    ),
    Case(
        "XLIFF unknown version",
        ("unknown-version.xlf",),
        FAILS,
        "unknown-version.xlf:2:1: ",
        "unsupported XLIFF version '3.0'",
    ),
    Case(
        "TMX without de/en",
        ("other-languages.tmx",),
        FAILS,
        "other-languages.tmx:2:1: ",
        "no translation units with both de and en (languages in file: fr, it)",
    ),
    Case(
        "PO plural gap",
        ("plural-gap.po",),
        FAILS,
        "plural-gap.po:9:1: ",
        "PO syntax error: msgstr[5] where msgstr[1] belongs",
    ),
    Case(
        "PO plural without index",
        ("plural-without-index.po",),
        FAILS,
        "plural-without-index.po:8:1: ",
        "PO syntax error: msgstr where msgstr[0] belongs",
    ),
    Case(
        "PO unterminated plural",
        ("unterminated.po",),
        FAILS,
        "unterminated.po:9:11: ",
        "PO syntax error: unterminated string",
    ),
    Case(
        "glossary forms like regexes",
        ("--glossary", "regex-forms.tsv", "regex-forms.txt"),
        READS,
        findings=(("TERM001", 1, 14, "(a+)+$"), ("TERM001", 1, 25, "(x+x+)+y")),
    ),
    Case(
        "glossary form with inner *",
        ("--glossary", "regex-star.tsv", "clean.txt"),
        FAILS,
        "regex-star.tsv:2:1: ",
        "'*' is allowed only at the end of a word",
    ),
    Case(
        "glossary of 1,000,000 entries",
        ("--no-default-glossaries", "--glossary", "glossary-1m.tsv", "clean.txt"),
        FAILS,
        "glossary-1m.tsv:100002:1: ",
        "too many glossary entries",
    ),
    Case(
        "Unicode glossary terms",
        ("--glossary", "unicode-terms.tsv", "unicode-terms.txt"),
        READS,
        findings=(
            ("TERM001", 1, 15, "cafe\u0301"),
            ("TERM001", 1, 25, "team\u200dwork"),
            ("TERM001", 3, 5, "\U0001f469\u200d\U0001f4bb"),
            ("TERM001", 3, 23, "\u200f\u05ea\u05dc \u05d0\u05d1\u05d9\u05d1"),
        ),
    ),
    Case(
        "Unicode JSONL",
        ("unicode.jsonl",),
        READS,
        findings=(("TYPO003", 1, 10, "  "), ("TYPO003", 4, 8, "  ")),
    ),
    Case(
        "JSON lone surrogate",
        ("lone-surrogate.jsonl",),
        FAILS,
        "lone-surrogate.jsonl:2:1: ",
        '"target" holds a lone surrogate \\ud800',
    ),
    Case(
        "Unicode Markdown",
        ("unicode.md",),
        READS,
        findings=(("TYPO003", 3, 10, "  "), ("TYPO003", 5, 14, "  "), ("TYPO003", 7, 12, "  ")),
    ),
    Case("CRLF Markdown", ("crlf.md",), READS, findings=(("TYPO003", 5, 10, "  "),)),
    Case("CR text", ("cr.txt",), READS, findings=(("TYPO003", 6, 10, "  "),)),
    Case("CRLF JSONL", ("crlf.jsonl",), READS, findings=(("TYPO003", 2, 10, "  "),)),
    Case("CRLF XLIFF", ("crlf.xlf",), READS, findings=(("TYPO003", 7, 18, "  "),)),
    Case(
        "config with bad keys",
        ("--config", "bad-keys.toml", "clean.txt"),
        FAILS,
        "bad-keys.toml:2: ",
        "colour: unknown key",
    ),
    Case(
        "exclude globs like catastrophic patterns",
        ("--config", "exclude-globs.toml", "walk"),
        READS,
        findings=(("TYPO003", 1, 10, "  "),),
    ),
    Case(
        "30,000-letter word",
        ("long-token.txt",),
        READS,
    ),
)

# --- running a case ----------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    opened: tuple[tuple[str, bool], ...]  # (absolute path, opened for writing)
    network: tuple[str, ...]  # calls that reach for the network


def _strace() -> tuple[str, ...]:
    """The strace command line, if strace is installed and may trace here (containers often
    forbid it); with seccomp-bpf where it works, which stops the tracee only at the traced calls
    and so costs little time."""
    found = shutil.which("strace")
    if found is None:
        return ()
    for command in ((found, "-f", "-qq", "--seccomp-bpf"), (found, "-f", "-qq")):
        probe = [*command, "-e", "trace=openat", "-o", os.devnull, "true"]
        if subprocess.run(probe, capture_output=True, check=False).returncode == 0:
            return command
    return ()


STRACE = _strace()

# Stands in for strace: records the Python-level events for opening files and using sockets.
_HOOK = """
import os, sys
log = open(sys.argv.pop(1), "w", encoding="utf-8", buffering=1)
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        path = os.fsdecode(args[0])
        mode, flags = args[1] or "", args[2] or 0
        write = any(c in mode for c in "wax+") or bool(flags & WRITE)
        log.write("open\\t" + path.replace("\\n", " ") + "\\t" + ("w" if write else "r") + "\\n")
    elif event.startswith("socket.") or event.startswith("urllib."):
        log.write(event + "\\t" + repr(args).replace("\\n", " ") + "\\t-\\n")
sys.addaudithook(hook)
import runpy
sys.argv[0] = "tqa"
runpy.run_module("audit", run_name="__main__", alter_sys=True)
"""

_STRACE_OPEN = re.compile(r'^(?:\d+ +)?(open|openat|creat)\((?:AT_FDCWD, )?"((?:[^"\\]|\\.)*)"(.*)')
_STRACE_NET = re.compile(r"^(?:\d+ +)?(connect|sendto|sendmsg)\(|socket\(AF_INET6?,")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_tqa(folder: Path, args: list[str], trace: Path, tracer: tuple[str, ...] = STRACE) -> Run:
    """Run ``tqa check`` in ``folder`` under the tracer, killing it after ``TIMEOUT``."""
    env = dict(os.environ)
    env.pop("TQA_DEBUG", None)
    env.update(
        PYTHONPATH=str(REPO),
        PYTHONDONTWRITEBYTECODE="1",  # no .pyc written into the package during the run
        TMPDIR=str(folder / "tmp"),  # where tempfile probes; inside the case's folder
        NO_COLOR="1",
    )
    (folder / "tmp").mkdir(exist_ok=True)
    tqa = ["check", "--quiet", "--format", "json", "--output", OUT, "--html", HTML, *args]
    if tracer:
        command = [*tracer, "-e", "trace=open,openat,creat,network", "-o", str(trace)]
        command += [sys.executable, "-m", "audit", *tqa]
    else:
        command = [sys.executable, "-c", _HOOK, str(trace), *tqa]
    started = time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        preexec_fn=_limits,
        start_new_session=True,  # its own process group, so a timeout ends the tracee too
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"tqa did not finish within {TIMEOUT:.0f} s: {' '.join(args)}")
    seconds = time.monotonic() - started
    opened, network = _read_trace(trace, folder, bool(tracer))
    return Run(process.returncode, stdout, stderr, seconds, opened, network)


def _read_trace(
    trace: Path, folder: Path, from_strace: bool
) -> tuple[tuple[tuple[str, bool], ...], tuple[str, ...]]:
    opened: list[tuple[str, bool]] = []
    network: list[str] = []
    for line in trace.read_text("utf-8", errors="replace").splitlines():
        if from_strace:
            if _STRACE_NET.search(line):
                network.append(line)
                continue
            match = _STRACE_OPEN.match(line)
            if match is None:
                continue
            path, rest = match.group(2), match.group(3)
            write = match.group(1) == "creat" or any(
                flag in rest for flag in ("O_WRONLY", "O_RDWR", "O_CREAT")
            )
        else:
            event, path, mode = [*line.split("\t"), "", ""][:3]
            if event != "open":
                network.append(line)
                continue
            write = mode == "w"
        opened.append((os.path.normpath(folder / path), write))
    return tuple(opened), tuple(network)


# --- what a run may touch ----------------------------------------------------------------

# The interpreter's installation and import path; not the repository (pytest puts tests/ on
# sys.path), of which only the package and its glossaries may be read.
_PYTHON = tuple(
    {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    | {
        os.path.realpath(p)
        for p in sys.path
        if p and os.path.isdir(p) and not Path(p).resolve().is_relative_to(REPO)
    }
)
_PACKAGE = (str(REPO / "audit"), str(REPO / "corpora" / "glossaries"))
# Dynamic libraries, locale and time-zone data, OpenSSL's configuration (read when ssl is
# imported) and the kernel's pseudo-files.
_SYSTEM = (
    "/etc/ld.so.cache",
    "/etc/ld.so.preload",
    "/etc/localtime",
    "/etc/ssl/",
    "/lib/",
    "/lib32/",
    "/lib64/",
    "/usr/lib/",
    "/usr/lib32/",
    "/usr/lib64/",
    "/usr/share/locale/",
    "/usr/share/zoneinfo/",
    "/dev/",
    "/proc/",
    "/sys/",
)


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def forbidden(run: Run, folder: Path, named: set[str]) -> list[str]:
    """Every file the run opened that it had no business opening, or wrote outside its folder."""
    own = str(folder)
    given = (*(str(folder / n) for n in named), str(folder / "tmp"))  # a folder: all inside it
    wrong: list[str] = []
    for path, write in run.opened:
        real = os.path.realpath(path)
        if _inside(path, (own,)):
            base = os.path.basename(path)
            temporary = base.startswith((f".{OUT}.", f".{HTML}."))  # write_atomic's files
            if path != own and not temporary and not _inside(path, given):
                wrong.append(f"{path} (a file the run was not given)")
        elif write and not path.startswith("/dev/"):
            wrong.append(f"{path} (written outside the case's folder)")
        elif not (
            _inside(real, _PYTHON)
            or _inside(path, _PYTHON)
            or _inside(real, _PACKAGE)
            or path == str(REPO)
            or _inside(path, _SYSTEM)
        ):
            wrong.append(path)
    return wrong


# --- checking a report -------------------------------------------------------------------


def _text_lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def check_report(folder: Path, case: Case) -> None:
    report = json.loads((folder / OUT).read_text("utf-8"))
    found: set[tuple[str, int, int, str]] = set()
    for file in report["files"]:
        path = folder / file["path"]
        lines = _text_lines(path)
        targets: dict[str, str] = {}
        if path.suffix == ".jsonl":
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    targets[str(row["id"])] = row["target"]
        for item in file["findings"]:
            assert 0 <= item["start"] <= item["end"], item
            assert item["line"] >= 1 and item["column"] >= 1, item
            found.add((item["rule"], item["line"], item["column"], item["text"]))
            if path.suffix in (".txt", ".md"):
                at = lines[item["line"] - 1][item["column"] - 1 :]
                assert at.startswith(item["text"].split("\n")[0]), (item, at[:40])
            elif path.suffix == ".jsonl":
                target = targets[item["segment"]]
                assert target[item["start"] : item["end"]] == item["text"], item
    missing = [f for f in case.findings if f not in found]
    assert not missing, f"expected findings not reported: {missing}; found {sorted(found)}"
    html = (folder / HTML).read_text("utf-8")
    assert html.lstrip().lower().startswith("<!doctype html"), html[:80]


# --- the test ----------------------------------------------------------------------------


def _params() -> list[object]:
    return [
        pytest.param(
            case,
            id=case.name.replace(" ", "-"),
            marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [],
        )
        for case in CASES
    ]


def prepare(case: Case, folder: Path) -> set[str]:
    """Copy or generate the case's inputs into ``folder``; return the names it may open."""
    folder.mkdir(parents=True, exist_ok=True)
    named = {CONFIG}
    (folder / CONFIG).write_text("", "utf-8")
    for arg in case.args:
        if arg.startswith("--"):
            continue
        if arg in GENERATED:
            GENERATED[arg](folder / arg)
        elif (HOSTILE / arg).is_file():
            shutil.copyfile(HOSTILE / arg, folder / arg)
        else:
            raise AssertionError(f"no input named {arg}")
        named.add(arg)
    return named


@pytest.mark.parametrize("case", _params())
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    named = prepare(case, folder)
    args = list(case.args) if "--config" in case.args else ["--config", CONFIG, *case.args]
    run = run_tqa(folder, args, tmp_path / "trace.log")

    assert "Traceback" not in run.stderr
    assert run.code in case.exit, f"exit {run.code} after {run.seconds:.1f} s: {run.stderr[:500]}"
    if run.code == 2:
        lines = run.stderr.splitlines()
        assert len(lines) == 1, run.stderr[:500]
        assert lines[0].startswith("tqa: error: " + case.where), lines[0]
        assert case.says in lines[0][len("tqa: error: " + case.where) :], lines[0]
        assert not (folder / OUT).exists() and not (folder / HTML).exists()
    else:
        assert run.stdout == "" and run.stderr == "", (run.stdout[:300], run.stderr[:300])
        check_report(folder, case)
    assert not run.network, run.network
    assert not forbidden(run, folder, named), forbidden(run, folder, named)
    assert not any(path == "/etc/passwd" for path, _ in run.opened)
    # The tracer saw the run: the file the error names, or the audited file(s), was opened.
    read = folder / (case.where.split(":")[0] if run.code == 2 else case.args[-1])
    assert any(_inside(path, (str(read),)) for path, _ in run.opened), f"{read} not in trace"


# --- the harness itself ------------------------------------------------------------------


def test_trace_check_flags_what_a_run_must_not_touch(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    trace = tmp_path / "trace.log"
    trace.write_text(
        f'9 openat(AT_FDCWD, "{REPO / "audit" / "cli.py"}", O_RDONLY|O_CLOEXEC) = 3\n'
        '9 openat(AT_FDCWD, "clean.txt", O_RDONLY|O_CLOEXEC) = 3\n'
        '9 openat(AT_FDCWD, ".out.json.k2j3", O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, 0600) = 4\n'
        '9 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = -1 EACCES (Permission denied)\n'
        f'9 openat(AT_FDCWD, "{REPO / "README.md"}", O_RDONLY|O_CLOEXEC <unfinished ...>\n'
        '9 openat(AT_FDCWD, "other.txt", O_RDONLY|O_CLOEXEC) = 3\n'
        '9 open("/home/someone/notes", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 5\n'
        "9 socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 6\n"
        "9 socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 7\n"
        '9 connect(7, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}'
        ", 16) = -1 ECONNREFUSED (Connection refused)\n",
        "utf-8",
    )
    opened, network = _read_trace(trace, folder, from_strace=True)
    run = Run(0, "", "", 0.0, opened, network)
    assert forbidden(run, folder, {"clean.txt"}) == [
        "/etc/passwd",
        str(REPO / "README.md"),
        f"{folder / 'other.txt'} (a file the run was not given)",
        "/home/someone/notes (written outside the case's folder)",
    ]
    assert [line.split()[1].split("(")[0] for line in network] == ["socket", "connect"]


def test_audit_hook_stands_in_for_strace(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "CRLF Markdown")
    folder = tmp_path / "case"
    named = prepare(case, folder)
    run = run_tqa(folder, ["--config", CONFIG, *case.args], tmp_path / "hook.log", tracer=())
    assert run.code in case.exit, run.stderr
    check_report(folder, case)
    assert (str(folder / "crlf.md"), False) in run.opened
    assert (str(folder / OUT), False) not in run.opened  # reports are written, never read
    assert any(write for path, write in run.opened if Path(path).name.startswith(f".{OUT}."))
    assert not run.network
    assert not forbidden(run, folder, named), forbidden(run, folder, named)


# --- resource limits, in process with small caps -------------------------------------------


class _CountingFile:
    """Wraps a binary file and counts the bytes its reads return."""

    def __init__(self, path: str, mode: str, counts: list[int]) -> None:
        assert mode == "rb"
        self._file = open(path, "rb")  # noqa: SIM115 - closed by __exit__
        self._counts = counts

    def fileno(self) -> int:
        return self._file.fileno()

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self._counts.append(len(data))
        return data

    def __enter__(self) -> _CountingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``MAX_BYTES`` of 1,000 and a record of every read's size."""
    counts: list[int] = []
    monkeypatch.setattr(textfile, "MAX_BYTES", 1000)
    monkeypatch.setattr(textfile, "open", lambda p, m: _CountingFile(p, m, counts), raising=False)
    return counts


def test_oversized_file_is_refused_before_anything_is_read(
    tmp_path: Path, small_cap: list[int]
) -> None:
    path = tmp_path / "big.txt"
    path.write_text("The talks continue. " * 60, "utf-8")  # 1,200 bytes
    with pytest.raises(InputError) as caught:
        textfile.read_text(str(path))
    assert caught.value.message == "file is larger than 1,000 bytes (see --max-input-size)"
    assert small_cap == []


def test_a_file_at_the_cap_is_read(tmp_path: Path, small_cap: list[int]) -> None:
    path = tmp_path / "fits.txt"
    path.write_text("x" * 999 + "\n", "utf-8")
    assert textfile.read_text(str(path)) == "x" * 999 + "\n"
    assert sum(small_cap) == 1000


def test_a_pipe_is_read_one_byte_past_the_cap_and_no_further(small_cap: list[int]) -> None:
    reader, writer = os.pipe()
    os.write(writer, b"The talks continue. " * 500)  # 10,000 bytes, within the pipe buffer
    os.close(writer)
    try:
        with pytest.raises(InputError, match="larger than 1,000 bytes"):
            textfile.read_text(f"/dev/fd/{reader}")
    finally:
        os.close(reader)
    assert sum(small_cap) == 1001


def test_long_paragraphs_and_segments_are_refused_with_their_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(textfile, "MAX_PARAGRAPH", 60)
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nShort one.\n\n" + "The talks go on. " * 5 + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_document(str(article), source_lang="de", target_lang="en")
    assert (caught.value.line, caught.value.column) == (5, 1)
    assert caught.value.message.startswith("84 characters without a paragraph break")
    bitext = tmp_path / "b.jsonl"
    rows = [{"id": "ok", "target": "Fine."}, {"id": "long", "target": "Fine.", "source": "x" * 61}]
    bitext.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_document(str(bitext), source_lang="de", target_lang="en")
    assert caught.value.line == 2
    assert (
        caught.value.message
        == "segment 'long': the source has 61 characters (at most 60 in one segment)"
    )


def test_glossaries_past_the_entry_cap_are_refused_at_the_first_entry_too_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(glossary, "MAX_ENTRIES", 3)
    first, second = tmp_path / "one.tsv", tmp_path / "two.tsv"
    header = "# comment\nkind\tpreferred\twrong\tnote\n"
    first.write_text(header + "term\ta\tb\tn\n\nterm\tc\td\tn\n", "utf-8")
    second.write_text(header + "# skipped\nterm\te\tf\tn\nterm\tg\th\tn\n", "utf-8")
    assert len(glossary.load_glossaries([str(first)]).entries) == 2
    with pytest.raises(InputError) as caught:
        glossary.load_glossaries([str(first), str(second)])
    assert (caught.value.path, caught.value.line) == (str(second), 5)
    assert "too many glossary entries" in caught.value.message

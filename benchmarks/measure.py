"""Time and peak memory of one command, each in a fresh launcher process.

``getrusage(RUSAGE_CHILDREN)`` adds up every child a process has waited for, so the parent
benchmark cannot read one run's peak from it. Each command therefore runs under this file as a
tiny launcher: a new Python process whose only child is the measured command, so its
``RUSAGE_CHILDREN`` is exactly that command's. The launcher prints one JSON line.

Run as a script (``python measure.py OUT -- CMD...``); it imports nothing but the standard
library so that the launcher itself stays small and outside the measurement.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Measurement:
    wall: float  # seconds, from start to exit of the command
    cpu: float  # user + system seconds of the command and its children
    peak_rss_mib: float
    returncode: int


def measure(command: list[str], cwd: Path, log: Path) -> Measurement:
    """Run ``command`` in ``cwd`` under a fresh launcher; its output and errors go to ``log``."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), str(log), "--", *command],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(done.stdout.strip().splitlines()[-1])
    result = Measurement(data["wall"], data["cpu"], data["peak_rss_mib"], data["returncode"])
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(command[:4])} ... exited {result.returncode}:\n{tail}")
    return result


def _launch(log: str, command: list[str]) -> None:
    with open(log, "wb") as out:
        start = time.perf_counter()
        code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT).returncode
        wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": usage.ru_utime + usage.ru_stime,
                # Linux reports ru_maxrss in KiB.
                "peak_rss_mib": usage.ru_maxrss / 1024,
                "returncode": code,
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: measure.py LOG -- COMMAND...")
    _launch(sys.argv[1], sys.argv[3:])

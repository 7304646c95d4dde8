"""The benchmark bitext: real German->English pairs cycled to any size, some with injected errors.

Everything is a pure function of the shared data and a seed, so two runs audit the same bytes.
Files go to a temporary folder chosen by the caller, never into the repository.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib  # type: ignore[import-untyped]

from audit.perturb import KINDS, build_pool, perturb

# (German file, English file) under the shared folder; both line-aligned.
SOURCES = (
    ("flores200/deu_Latn.devtest", "flores200/eng_Latn.devtest"),
    ("ntrex128/newstest2019-ref.deu.txt", "ntrex128/newstest2019-src.eng.txt"),
)
PERTURBED_SHARE = 0.30
SEED = 20240601

# The engine's own word pattern (audit.engine), so words/s means the words tqa counts.
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    source: str
    target: str
    kind: str  # "" for a clean pair, else the injected error class


def shared_folder(repo: Path) -> Path:
    return repo.parent / "shared" / "external" / "flores-ntrex-deen"


def load_pairs(folder: Path) -> list[tuple[str, str]]:
    """Every line-aligned (German, English) pair of the shared corpora, both sides non-empty."""
    pairs: list[tuple[str, str]] = []
    for german, english in SOURCES:
        de = (folder / german).read_text(encoding="utf-8").splitlines()
        en = (folder / english).read_text(encoding="utf-8").splitlines()
        if len(de) != len(en):
            raise ValueError(f"{german} and {english} are not line-aligned")
        pairs.extend((s.strip(), t.strip()) for s, t in zip(de, en) if s.strip() and t.strip())
    return pairs


def records(pairs: Sequence[tuple[str, str]], count: int, seed: int = SEED) -> Iterator[Record]:
    """``count`` records cycling through ``pairs``; PERTURBED_SHARE of them carry one error.

    Error classes are taken in turn; a class with no room in the pair (no number to change,
    say) hands over to the next one, so every class appears and the share stays fixed.
    """
    rng = random.Random(seed)
    pool = build_pool(pairs)
    turn = 0
    for index in range(count):
        source, target = pairs[index % len(pairs)]
        kind = ""
        if rng.random() < PERTURBED_SHARE:
            for step in range(len(KINDS)):
                candidate = KINDS[(turn + step) % len(KINDS)]
                broken = perturb(candidate, source, target, rng, pool)
                if broken is not None:
                    kind, target = candidate, broken
                    turn += step + 1
                    break
        yield Record(f"s{index}", source, target, kind)


def write_jsonl(path: Path, items: Sequence[Record]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(_json_line(item.id, item.source, item.target))


def write_jsonl_cycled(path: Path, base: Sequence[Record], count: int, chunk: int = 50_000) -> None:
    """``count`` lines made by cycling ``base`` with fresh ids, written a chunk at a time so the
    writer itself never holds more than one chunk (the file may be far larger than memory)."""
    with path.open("w", encoding="utf-8") as out:
        for first in range(0, count, chunk):
            lines = [
                _json_line(f"m{i}", base[i % len(base)].source, base[i % len(base)].target)
                for i in range(first, min(first + chunk, count))
            ]
            out.write("".join(lines))


def _json_line(segment_id: str, source: str, target: str) -> str:
    item = {"id": segment_id, "source": source, "target": target}
    return json.dumps(item, ensure_ascii=False) + "\n"


def write_po(path: Path, items: Sequence[Record], target_lang: str = "en") -> None:
    """The same units as a PO file: msgid = source, msgstr = target, msgctxt = the segment id
    (cycled sentences repeat, and a PO file may not hold one msgid twice without a context)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "tqa-bench",
        "Language": target_lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for item in items:
        po.append(polib.POEntry(msgctxt=item.id, msgid=item.source, msgstr=item.target))
    po.save(str(path))


def word_count(texts: Sequence[str]) -> int:
    return sum(len(WORD.findall(t)) for t in texts)

"""Findings kept on disk past a bound, so that a long run's report does not grow in memory.

A million-segment translation memory yields hundreds of thousands of findings; held as objects
they would cost far more than the segments they came from. A spool keeps the first
``memory_limit`` findings as objects and writes the rest, in batches, to disk. Reading it back
gives the findings in the order they were added, as often as a reporter needs.

A run over a folder has one spool per file, all alive until the report is written: together
they hold at most ``HELD_IN_ALL`` findings as objects, and every spool of a process writes to
one anonymous temporary file (deleted by the operating system when the process ends), so a
folder of thousands of files opens one file, not thousands.

Each finding travels with the text of its segment: fingerprints hash it, and a streamed
document keeps no segments to look it up in.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import IO, overload

from audit.model import Finding, Severity

# Findings held as objects before the spool starts writing to disk: small files never touch
# it, and a spilled file costs a few tens of megabytes at most.
MEMORY_LIMIT = 20_000
# Findings held as objects by all the spools alive in a process together (a folder of files).
HELD_IN_ALL = 50_000
BATCH = 4_096  # findings per record written: large enough for pickle to be quick

_Record = tuple[
    str, str, str, str, str, int, int, int, int, str, str, tuple[str, ...], dict[str, str], str
]


def _record(item: Finding, text: str) -> _Record:
    # Plain values only: a Finding's evidence is a read-only mapping proxy, which pickle refuses.
    return (
        item.rule,
        item.name,
        item.category,
        item.severity.value,
        item.segment,
        item.line,
        item.column,
        item.start,
        item.end,
        item.text,
        item.message,
        item.suggestions,
        dict(item.evidence),
        text,
    )


def _finding(record: _Record) -> tuple[Finding, str]:
    (rule, name, category, severity, segment, line, column, start, end, text, message,
     suggestions, evidence, segment_text) = record  # fmt: skip
    item = Finding(
        rule,
        name,
        category,
        Severity(severity),
        segment,
        line,
        column,
        start,
        end,
        text,
        message,
        suggestions,
        MappingProxyType(evidence),
    )
    return item, segment_text


class _Held:
    """How many findings the spools of this process hold as objects (HELD_IN_ALL at most)."""

    def __init__(self) -> None:
        self.taken = 0

    def give_back(self, count: list[int]) -> None:
        self.taken -= count[0]


class _SpillFile:
    """One anonymous temporary file for every spool of the process: batches are appended and
    read back by position, so spools never disturb one another's reading. It is emptied when
    no spool that wrote to it is alive."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self.writers = 0

    def write(self, batch: list[_Record]) -> tuple[int, int]:
        if self._file is None:
            # Lives as long as the process (the system deletes it), so no context manager.
            self._file = tempfile.TemporaryFile(prefix="tqa-findings-", buffering=0)  # noqa: SIM115
        data = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.seek(0, os.SEEK_END)
        view = memoryview(data)
        while view:
            written = self._file.write(view)
            view = view[written or 0 :]
        return offset, len(data)

    def read(self, offset: int, length: int) -> list[_Record]:
        # Seek and read at once, nothing in between: a spool being read while another one
        # writes or reads is not disturbed.
        assert self._file is not None, "a batch was read before any was written"
        self._file.seek(offset)
        data = b""
        while len(data) < length:
            more = self._file.read(length - len(data))
            if not more:
                raise OSError("the findings spill file ended early")
            data += more
        batch: list[_Record] = pickle.loads(data)
        return batch

    def release(self) -> None:
        """A spool that wrote here is gone; the last one empties the file."""
        self.writers -= 1
        if not self.writers and self._file is not None:
            self._file.truncate(0)


_HELD = _Held()
_SPILL = _SpillFile()


def _fresh_in_child() -> None:
    # A forked worker must not append to its parent's spill file (they share its offset).
    global _HELD, _SPILL
    _HELD, _SPILL = _Held(), _SpillFile()


os.register_at_fork(after_in_child=_fresh_in_child)


class FindingSpool(Sequence[Finding]):
    """An append-only sequence of findings (each with its segment's text), on disk past a
    bound. Iterating reads the disk part again each time; indexing is sequential and meant for
    the rare caller, not for loops."""

    def __init__(self, memory_limit: int | None = None) -> None:
        self._limit = MEMORY_LIMIT if memory_limit is None else memory_limit
        self._held: list[tuple[Finding, str]] = []
        # How many of the process's held findings are this spool's (given back when it goes).
        self._count = [0]
        weakref.finalize(self, _HELD.give_back, self._count)
        self._batch: list[_Record] = []
        self._places: list[tuple[int, int]] = []  # where each written batch is in the spill file
        self._spilled = 0
        self._spilling = False
        self._closed = False

    def add(self, item: Finding, text: str) -> None:
        if self._closed:
            raise ValueError("a finished spool takes no more findings")
        # Once a spool has written to disk it holds no more, even when others give memory
        # back: what it holds must come before what it wrote.
        if not self._spilling and len(self._held) < self._limit and _HELD.taken < HELD_IN_ALL:
            self._held.append((item, text))
            self._count[0] += 1
            _HELD.taken += 1
            return
        self._spilling = True
        self._batch.append(_record(item, text))
        if len(self._batch) >= BATCH:
            self._flush()

    def add_all(self, pairs: Iterable[tuple[Finding, str]]) -> None:
        for item, text in pairs:
            self.add(item, text)

    def finish(self) -> FindingSpool:
        """No more findings: the last batch goes to disk. Returns the spool itself."""
        self._flush()
        self._closed = True
        return self

    @property
    def spilled(self) -> int:
        """How many findings live on disk."""
        return self._spilled + len(self._batch)

    def pairs(self) -> Iterator[tuple[Finding, str]]:
        """Every finding with its segment's text, in the order added."""
        yield from self._held
        for offset, length in list(self._places):
            for record in _SPILL.read(offset, length):
                yield _finding(record)
        for record in list(self._batch):
            yield _finding(record)

    def texts(self) -> Mapping[str, str]:
        """Segment id -> text for every segment with a finding (read from disk when asked)."""
        return _Texts(self)

    def __iter__(self) -> Iterator[Finding]:
        for item, _text in self.pairs():
            yield item

    def __len__(self) -> int:
        return len(self._held) + self._spilled + len(self._batch)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | Sequence[Finding]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("spool index out of range")
        if index < len(self._held):
            return self._held[index][0]
        for position, item in enumerate(self):
            if position == index:
                return item
        raise IndexError("spool index out of range")  # unreachable: the length was checked

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"FindingSpool({len(self)} findings, {self.spilled} on disk)"

    def _flush(self) -> None:
        if not self._batch:
            return
        if not self._places:
            _SPILL.writers += 1
            weakref.finalize(self, _SPILL.release)
        self._places.append(_SPILL.write(self._batch))
        self._spilled += len(self._batch)
        self._batch = []


class _Texts(Mapping[str, str]):
    """The segment texts of a spool's findings, gathered on first use."""

    def __init__(self, spool: FindingSpool) -> None:
        self._spool = spool
        self._texts: dict[str, str] | None = None

    def _all(self) -> dict[str, str]:
        if self._texts is None:
            self._texts = {item.segment: text for item, text in self._spool.pairs()}
        return self._texts

    def __getitem__(self, key: str) -> str:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

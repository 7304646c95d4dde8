"""Audit large documents on several processes: chunks of segments, merged in order.

Segment checks look at one segment (and the one before it), so a document's segments can be
split into chunks and checked in worker processes; document-level checks, suppressions,
deduplication and sorting then run once in the main process on the merged findings, so the
result is identical to a single-process run. Each worker builds its own Auditor once, from the
same settings, when it starts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from types import MappingProxyType

from audit.engine import Auditor, FileAudit
from audit.glossary import Glossary
from audit.model import Document, FileResult, Finding, Segment
from audit.selection import RuleSelection

# Segments per task: large enough that pickling costs little next to the checks.
CHUNK = 500


@dataclass(frozen=True, slots=True)
class AuditorSpec:
    """What a worker needs to build the same Auditor as the main process."""

    glossary: Glossary
    source_lang: str
    target_lang: str
    selection: RuleSelection
    variant: str | None
    options: Mapping[str, float]

    def __post_init__(self) -> None:
        # Read-only mapping proxies cannot be pickled; workers get plain dicts.
        plain = replace(self.selection, severities=dict(self.selection.severities))
        object.__setattr__(self, "selection", plain)
        object.__setattr__(self, "options", dict(self.options))

    def build(self) -> Auditor:
        return Auditor.build(
            self.glossary,
            self.source_lang,
            self.target_lang,
            self.selection,
            self.variant,
            dict(self.options),
        )


_WORKER: Auditor | None = None


def _start(spec: AuditorSpec) -> None:
    global _WORKER
    _WORKER = spec.build()


Chunk = tuple[Sequence[Segment], Segment | None, bool]


def _check_chunk(task: Chunk) -> list[list[Finding]]:
    segments, previous, has_source = task
    assert _WORKER is not None, "worker started without an auditor"
    return _plain(_WORKER.segment_findings_each(segments, previous, has_source))


def _plain(found: list[list[Finding]]) -> list[list[Finding]]:
    # Evidence is a read-only mapping proxy, which cannot be pickled: send plain dicts back.
    return [[replace(f, evidence=dict(f.evidence)) for f in part] for part in found]


def _proxied(found: list[list[Finding]]) -> list[list[Finding]]:
    return [
        [replace(f, evidence=MappingProxyType(dict(f.evidence))) for f in part] for part in found
    ]


def chunks(document: Document, size: int = CHUNK) -> Iterator[Chunk]:
    """The document's segments in runs of ``size``, each with the segment before it; read
    lazily, so a streamed document is never held whole."""
    previous: Segment | None = None
    run: list[Segment] = []
    for segment in document:
        run.append(segment)
        if len(run) == size:
            yield tuple(run), previous, document.has_source
            previous, run = run[-1], []
    if run:
        yield tuple(run), previous, document.has_source


def audit_all(
    documents: Iterable[Document], auditor: Auditor, spec: AuditorSpec, jobs: int
) -> Iterator[FileResult]:
    """FileResults in input order, the segment checks spread over ``jobs`` processes.

    At most ``2 * jobs`` chunks are in flight, so a streamed document stays streamed.
    """
    if jobs <= 1:
        for document in documents:
            yield auditor.audit(document)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start, initargs=(spec,)) as pool:
        for document in documents:
            collected = FileAudit(auditor, document)
            waiting: deque[tuple[Chunk, Future[list[list[Finding]]]]] = deque()
            for task in chunks(document):
                waiting.append((task, pool.submit(_check_chunk, task)))
                if len(waiting) >= 2 * jobs:
                    _merge(collected, *waiting.popleft())
            while waiting:
                _merge(collected, *waiting.popleft())
            yield collected.finish()


def _merge(collected: FileAudit, task: Chunk, future: Future[list[list[Finding]]]) -> None:
    for segment, found in zip(task[0], _proxied(future.result()), strict=True):
        collected.add(segment, found)


_DASK_AUDITORS: dict[int, Auditor] = {}


def _dask_chunk(
    task: tuple[AuditorSpec, Sequence[Segment], Segment | None, bool],
) -> list[list[Finding]]:
    """One chunk on a Dask worker; the worker keeps one Auditor per spec for its lifetime."""
    spec, segments, previous, has_source = task
    key = hash((spec.source_lang, spec.target_lang, spec.variant, tuple(spec.glossary.digests)))
    auditor = _DASK_AUDITORS.get(key)
    if auditor is None:
        auditor = _DASK_AUDITORS[key] = spec.build()
    return _plain(auditor.segment_findings_each(segments, previous, has_source))


def audit_all_dask(
    documents: Iterable[Document], auditor: Auditor, spec: AuditorSpec, scheduler: str | None
) -> Iterator[FileResult]:
    """The same audit as a Dask bag over chunks of segments, on an existing cluster
    (``scheduler`` = its address) or, without one, Dask's local process scheduler.

    Needs the optional extra: pip install translation-audit[dask].
    """
    # The optional extra; the command line checks it is installed.
    import dask.bag as db  # type: ignore[import-not-found, unused-ignore]

    client = None
    if scheduler:
        from distributed import Client  # type: ignore[import-not-found, unused-ignore]

        client = Client(scheduler)  # type: ignore[no-untyped-call, unused-ignore]
    try:
        for document in documents:
            tasks = [(spec, *task) for task in chunks(document)]
            bag = db.from_sequence(tasks, npartitions=max(1, len(tasks)))  # type: ignore[no-untyped-call, unused-ignore]
            compute_kwargs = {} if client is not None else {"scheduler": "processes"}
            parts = bag.map(_dask_chunk).compute(**compute_kwargs)
            collected = FileAudit(auditor, document)
            for (_spec, segments, _previous, _has_source), found in zip(tasks, parts, strict=True):
                for segment, each in zip(segments, _proxied(found), strict=True):
                    collected.add(segment, each)
            yield collected.finish()
    finally:
        if client is not None:
            client.close()  # type: ignore[no-untyped-call, unused-ignore]

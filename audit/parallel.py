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


_DASK_AUDITORS: dict[str, Auditor] = {}
# Chunks sent to the cluster at a time: enough to keep many workers busy, few enough that a
# streamed document is never held whole.
DASK_BATCH = 64


def batched(items: Iterable[Chunk], size: int) -> Iterator[list[Chunk]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily."""
    batch: list[Chunk] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _spec_key(spec: AuditorSpec) -> str:
    """Everything that makes two specs build different auditors (a worker outlives runs)."""
    selection = spec.selection
    return repr(
        (
            spec.source_lang,
            spec.target_lang,
            spec.variant,
            tuple(spec.glossary.digests),
            tuple(selection.select),
            tuple(selection.ignore),
            sorted((k, v.value) for k, v in selection.severities.items()),
            sorted(spec.options.items()),
        )
    )


def _dask_chunk(
    task: tuple[AuditorSpec, Sequence[Segment], Segment | None, bool],
) -> list[list[Finding]]:
    """One chunk on a Dask worker; the worker keeps one Auditor per spec for its lifetime."""
    spec, segments, previous, has_source = task
    key = _spec_key(spec)
    auditor = _DASK_AUDITORS.get(key)
    if auditor is None:
        auditor = _DASK_AUDITORS[key] = spec.build()
    return _plain(auditor.segment_findings_each(segments, previous, has_source))


def audit_all_dask(
    documents: Iterable[Document],
    auditor: Auditor,
    spec: AuditorSpec,
    scheduler: str | None,
    workers: int = 1,
) -> Iterator[FileResult]:
    """The same audit as a Dask bag over chunks of segments, on an existing cluster
    (``scheduler`` = its address) or, without one, a LocalCluster of ``workers`` processes.

    The main process reads the documents, sends their segments in batches of chunks and runs
    the document-level checks on the merged findings, as audit_all does, so the output is
    identical to a single-process run. Needs the optional extra: pip install
    translation-audit[dask].
    """
    # The optional extra; the command line checks it is installed.
    import dask.bag as db  # type: ignore[import-not-found, unused-ignore]
    from distributed import Client, LocalCluster  # type: ignore[import-not-found, unused-ignore]

    cluster = None
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call, unused-ignore]
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call, unused-ignore]
            n_workers=max(1, workers),
            threads_per_worker=1,  # the checks are pure Python: processes, not threads
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)  # type: ignore[no-untyped-call, unused-ignore]
    try:
        for document in documents:
            collected = FileAudit(auditor, document)
            for batch in batched(chunks(document), DASK_BATCH):
                tasks = [(spec, *task) for task in batch]
                bag = db.from_sequence(tasks, npartitions=len(tasks))  # type: ignore[no-untyped-call, unused-ignore]
                parts = bag.map(_dask_chunk).compute()
                for (_spec, segments, _prev, _source), found in zip(tasks, parts, strict=True):
                    for segment, each in zip(segments, _proxied(found), strict=True):
                        collected.add(segment, each)
            yield collected.finish()
    finally:
        client.close()  # type: ignore[no-untyped-call, unused-ignore]
        if cluster is not None:
            cluster.close()  # type: ignore[no-untyped-call, unused-ignore]

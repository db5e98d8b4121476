"""The per-page work and the local engine that spreads it over processes.

`render_page` is the unit any engine runs: a pure function of the page, the glossary and
the settings (plus the run's site-level repeated lines) that returns the document and a
small `Outcome` without touching the disk, so a remote worker can send it back for the
driver to write. `process_page` renders and writes the document atomically where the worker
shares the output folder (the local engine). One bad page never stops the run: every
exception becomes a failure with a reason.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.forkserver
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path

from .context import Context, Settings
from .glossary import Glossary, load_glossary, parse_glossary
from .inputs import failure_reason
from .page_summary import summarize, summary_path
from .pages import build_doc
from .read import RawPage
from .write import write_json


@dataclass(frozen=True, slots=True)
class Job:
    page: RawPage
    doc_id: str
    key: str


@dataclass(frozen=True, slots=True)
class Outcome:
    doc_id: str
    key: str
    path: str
    record: str | None
    error: str | None = None  # None: the document was written
    source: dict[str, object] | None = None  # the written document's `source`, for the manifest

    @classmethod
    def of(cls, job: Job, *, error: str | None = None, source: dict[str, object] | None = None) -> Outcome:
        return cls(job.doc_id, job.key, job.page.path, job.page.record, error, source)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A processed page before it is written: its outcome and, unless it failed, its document
    and its summary for the corpus-wide files (page_summary)."""

    outcome: Outcome
    document: dict[str, object] | None = None
    summary: dict[str, object] | None = None


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What every worker loads once: the glossary (checked by hash), the settings, the run's signal."""

    glossary_path: Path
    glossary_sha256: str
    settings: Settings
    repeated_lines: frozenset[str]
    out: Path
    glossary_data: bytes | None = None  # the glossary file itself, for workers that cannot read its path

    def context(self) -> Context:
        glossary = self._glossary()
        if glossary.sha256 != self.glossary_sha256:
            raise RuntimeError(f"{self.glossary_path} changed during the run")
        return Context(glossary=glossary, settings=self.settings, repeated_lines=self.repeated_lines)

    def _glossary(self) -> Glossary:
        if self.glossary_data is None:
            return load_glossary(self.glossary_path)
        return parse_glossary(self.glossary_data.decode("utf-8"), self.glossary_path)


def render_page(job: Job, ctx: Context) -> Rendered:
    """Build and process one page's document in memory; any failure is returned, not raised."""
    from .process import process_doc  # spaCy & co: loaded by the processes that process pages only

    try:
        doc = process_doc(build_doc(job.page, job.doc_id), ctx)
        data, summary = doc.to_json(), summarize(doc)
    except Exception as err:  # noqa: BLE001 - one bad page must not stop the others
        return Rendered(Outcome.of(job, error=failure_reason(err)))
    return Rendered(Outcome.of(job, source=data["source"]), data, summary)


def write_document(rendered: Rendered, out: Path) -> Outcome:
    """Write a rendered page's document and summary atomically; a write that fails fails that page only."""
    outcome = rendered.outcome
    if rendered.document is None:
        return outcome
    try:
        # durable once the run flushes all its files, before it records the page as done
        write_json(summary_path(out, outcome.doc_id), rendered.summary, durable=False)
        write_json(out / "docs" / f"{outcome.doc_id}.json", rendered.document, durable=False)
    except Exception as err:  # noqa: BLE001 - one page that cannot be written must not stop the others
        return replace(outcome, error=failure_reason(err), source=None)
    return outcome


def process_page(job: Job, ctx: Context, out: Path) -> Outcome:
    """Build, process and write one page's document; any failure is returned, not raised."""
    return write_document(render_page(job, ctx), out)


def run_local(jobs: Iterable[Job], setup: WorkerSetup, workers: int) -> Iterator[Outcome]:
    """Run jobs in this process (workers == 1) or in a pool; outcomes arrive as pages finish.

    At most two jobs per worker are in flight, so pages are read lazily and memory stays
    flat whatever the number of pages.
    """
    if workers <= 1:
        ctx = setup.context()
        for job in jobs:
            yield process_page(job, ctx, setup.out)
        return
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_forkserver_context(),
                               initializer=_init_worker, initargs=(setup,))
    pending: set[Future[Outcome]] = set()
    try:
        for job in jobs:
            pending.add(pool.submit(_run_in_worker, job))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def start_forkserver() -> None:
    """Start the process that forks the workers now: it loads what every worker needs (`preload`)
    while the run reads its inputs, instead of after."""
    _forkserver_context()
    multiprocessing.forkserver.ensure_running()


def _forkserver_context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.preload"])  # spaCy, jieba & co loaded once, not per worker
    return context


_WORKER: tuple[Context, Path] | None = None
COLLECT_EVERY = 10_000  # net container allocations between two young collections in a worker


def _init_worker(setup: WorkerSetup) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    # a page makes tens of thousands of small containers that die with it: a young collection
    # every 700 net container allocations (the default) cost ~1 ms a page, every 10,000 ~0.1 ms
    gc.set_threshold(COLLECT_EVERY, *gc.get_threshold()[1:])
    _WORKER = (setup.context(), setup.out)


def _run_in_worker(job: Job) -> Outcome:
    assert _WORKER is not None, "worker used before its initializer ran"
    ctx, out = _WORKER
    return process_page(job, ctx, out)

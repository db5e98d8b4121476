"""The dask engine: a run's pages processed on a Dask distributed cluster.

Imported only for `--engine dask` (it needs the `cluster` extra). How a run maps onto the
cluster, and why:

- The run's `WorkerSetup`, with the glossary file's bytes (the workers need not see the
  driver's disk), is registered as a WorkerPlugin under a name unique to the run. Each
  worker builds its `Context` from it once, when it joins the run (a worker that joins or
  is restarted later does too), so the glossary and the lexicons are loaded once per
  worker, not per page.
- Pages travel as bytes inside their `Job`. A worker returns the document instead of
  writing it, and the driver writes it atomically: the workers need not share the output
  folder, and a worker that dies leaves nothing half-written. The driver writes several
  documents at once (each write waits for fsync), so that it keeps up with many workers.
- At most two pages per worker thread are in flight and the input is read lazily, so the
  driver and the scheduler hold a bounded number of pages whatever the size of the run.
- A worker that dies mid-page: the scheduler reruns its pages on the others. A page on
  which more than `distributed.scheduler.allowed-failures` workers died (3 by default) is
  reported failed, as is any page the cluster lost; the run goes on with the rest.
"""
from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path
from typing import Any

from distributed import (
    Client,
    Future,
    KilledWorker,
    LocalCluster,
    Worker,
    WorkerPlugin,
    as_completed,
    get_worker,
)
from distributed.comm import get_address_host_port

from . import __version__
from .context import Context
from .engines import EngineUnavailable
from .workers import Job, Outcome, Rendered, WorkerSetup, render_page, write_document

WORKER_WAIT = 120.0  # seconds a scheduler may take to get its first worker (an autoscaler starting one)
WINDOW_REFRESH = 100  # pages submitted between two looks at the cluster's size, which may change
WRITERS = 8  # documents the driver writes at once: a write mostly waits for fsync, and a cluster is fast
KEPT_DYING = "dask: the workers processing this page kept dying"  # the failure of a page Dask gave up on


@dataclass(frozen=True)
class DaskEngine:
    """Runs on the scheduler at `address`, or without one on a LocalCluster of `workers` processes."""

    address: str | None = None

    def __post_init__(self) -> None:
        """A malformed address is bad usage, found before the run takes the output folder."""
        if self.address is not None:
            try:
                get_address_host_port(self.address)
            except ValueError as err:
                raise EngineUnavailable(f"--address {self.address}: {err}") from None

    def prepare(self, workers: int) -> None:
        """Nothing ahead: the cluster's workers load their tables when they join the run."""

    def run(self, jobs: Iterable[Job], setup: WorkerSetup, workers: int) -> Iterator[Outcome]:
        with _client(self.address, workers) as client:
            plugin = f"kbnorm-{uuid.uuid4().hex[:12]}"
            shipped = replace(setup, glossary_data=setup.glossary_path.read_bytes())
            try:
                client.register_plugin(RunOnWorker(shipped), name=plugin)
                yield from _stream(client, jobs, plugin, setup.out)
            except VersionMismatch as err:
                raise EngineUnavailable(str(err)) from None
            finally:
                with suppress(OSError):  # a lost scheduler forgets the plugin anyway
                    client.unregister_worker_plugin(plugin)


class VersionMismatch(Exception):
    """A worker runs another kbnorm than the driver: its documents would not be this version's."""


class RunOnWorker(WorkerPlugin):
    """One run's state on one worker: the context its pages share."""

    def __init__(self, run_setup: WorkerSetup) -> None:
        self.run_setup = run_setup
        self.version = __version__  # the driver's, compared on each worker with its own
        self.ctx: Context | None = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Worker) -> None:
        if self.version != __version__:
            raise VersionMismatch(f"the dask worker {worker.address} runs kbnorm {__version__}, "
                                  f"this run kbnorm {self.version}: install the same version everywhere")
        self.ctx = self.run_setup.context()
        # The steps keep module-level caches not meant for concurrent use, and threads would only
        # contend for the GIL: a worker started with several threads still does one page at a time.
        self.lock = threading.Lock()

    def render(self, job: Job) -> Rendered:
        if self.ctx is None or self.lock is None:  # a worker keeps a plugin whose setup failed
            raise RuntimeError("this dask worker could not set up the run: its log says why")
        with self.lock:
            return render_page(job, self.ctx)


def _render(job: Job, plugin: str) -> Rendered:
    """The task a worker runs for one page."""
    return get_worker().plugins[plugin].render(job)


def local_cluster(workers: int, **options: Any) -> LocalCluster:
    """A cluster on this machine of `workers` single-threaded processes (the steps use one core each).

    Quiet but for errors, so a run still prints one summary line; its scheduler's HTTP port is
    any free one on the loopback, so that runs (and tests) may overlap.
    """
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR, **options)


@contextmanager
def _client(address: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a LocalCluster started for this run alone."""
    if address is None:
        with local_cluster(workers) as cluster, Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        client = Client(address, set_as_default=False)
    except OSError as err:
        raise EngineUnavailable(f"cannot reach the dask scheduler at {address}: {err}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError:
            raise EngineUnavailable(f"the dask scheduler at {address} has no worker "
                                    f"(waited {WORKER_WAIT:.0f}s)") from None
        yield client


def _stream(client: Client, jobs: Iterable[Job], plugin: str, out: Path) -> Iterator[Outcome]:
    """Submit the pages a window at a time; write and yield them as they come back."""
    in_flight: dict[Future, Job] = {}
    finished = as_completed(loop=client.loop)
    window = 0
    with ThreadPoolExecutor(WRITERS, thread_name_prefix="kbnorm-write") as writer:
        for count, job in enumerate(jobs):
            if count % WINDOW_REFRESH == 0:
                window = 2 * max(1, sum(client.nthreads().values()))
            future = client.submit(_render, job, plugin, key=f"{plugin}-{job.doc_id}")
            in_flight[future] = job
            finished.add(future)
            while len(in_flight) >= window:
                yield from _write(client, finished.next_batch(block=True), in_flight, out, writer)
        for batch in finished.batches():
            yield from _write(client, batch, in_flight, out, writer)


def _write(client: Client, batch: list[Future], in_flight: dict[Future, Job], out: Path,
           writer: ThreadPoolExecutor) -> Iterator[Outcome]:
    """Finished pages: their documents fetched together and written several at once, or their failures.

    The more pages finish while the driver is busy, the larger the batch, so the driver's
    cost per page falls as the cluster gets ahead of it.
    """
    documents = _gather(client, [future for future in batch if future.status == "finished"])
    rendered = [documents.get(future) or _rendered(future, in_flight[future]) for future in batch]
    for future in batch:
        del in_flight[future]
        future.release()
    return writer.map(write_document, rendered, repeat(out))


def _gather(client: Client, futures: list[Future]) -> dict[Future, Rendered]:
    """The documents of finished pages in one exchange; none if that fails, to be fetched one by one."""
    try:
        return dict(zip(futures, client.gather(futures), strict=True))
    except Exception:  # noqa: BLE001 - e.g. a worker holding one died: each page is then fetched alone
        return {}


def _rendered(future: Future, job: Job) -> Rendered:
    """A page's document, or why the cluster could not process it."""
    try:
        return future.result()
    except KilledWorker:
        return Rendered(Outcome.of(job, error=KEPT_DYING))
    except Exception as err:  # noqa: BLE001 - a page the cluster lost fails alone; the run goes on
        return Rendered(Outcome.of(job, error=f"dask: {type(err).__name__}: {err}"))

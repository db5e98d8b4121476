"""Engines: where a run's per-page work happens.

The runner hands an engine the pages to redo (as `Job`s, each carrying its page's bytes)
and the run's `WorkerSetup`, and receives an `Outcome` per page as pages finish, in any
order; it records them, and builds the corpus-wide files once at the end. Every engine
runs the same per-page unit (`workers.render_page`), so the documents are the same bytes
whichever engine made them.

- `local`: a process pool on this machine (`workers.run_local`), the default;
- `dask`: a Dask distributed cluster (`engine_dask`), an optional extra
  (`pip install 'kbnorm[cluster]'`) so that the default install stays lean. This module
  imports neither dask nor the pipeline's steps, so `kbnorm --help` stays fast and kbnorm
  works where dask is not installed.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .workers import Job, Outcome, WorkerSetup

ENGINES = ("local", "dask")
_DASK_MODULES = {"dask", "distributed"}


class EngineUnavailable(Exception):
    """The chosen engine cannot run (not installed, scheduler unreachable): bad configuration, exit 2."""


class Engine(Protocol):
    def prepare(self, workers: int) -> None:
        """Pages will come: start loading what processing them needs, while the run reads its inputs."""
        ...

    def run(self, jobs: Iterable[Job], setup: WorkerSetup, workers: int) -> Iterator[Outcome]:
        """Process `jobs`, yielding each page's outcome as it finishes; documents are written on return."""
        ...


class LocalEngine:
    """Processes on this machine; they share the output folder, so each writes its own documents."""

    def prepare(self, workers: int) -> None:
        if workers > 1:
            from .workers import start_forkserver

            start_forkserver()

    def run(self, jobs: Iterable[Job], setup: WorkerSetup, workers: int) -> Iterator[Outcome]:
        from .workers import run_local

        return run_local(jobs, setup, workers)


def engine_from(name: str, address: str | None = None) -> Engine:
    """The engine the command line asked for; raises EngineUnavailable with what to do about it."""
    if name == "local":
        if address is not None:
            raise EngineUnavailable("--address needs --engine dask")
        return LocalEngine()
    if name == "dask":
        try:
            from .engine_dask import DaskEngine
        except ModuleNotFoundError as err:
            if (err.name or "").partition(".")[0] not in _DASK_MODULES:
                raise
            raise EngineUnavailable(f"--engine dask needs Dask distributed, and {err.name} is not installed: "
                                    "pip install 'kbnorm[cluster]'") from None
        return DaskEngine(address)
    raise EngineUnavailable(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")

"""Engines compared on this machine: pages/s and per-page overhead of `--engine dask` against local.

    .venv/bin/python bench/engine.py [--pages 200] [--small 20] [--workers 2] [--repeat 1]

Needs the cluster extra (pip install -e '.[cluster]'). The pages are the tests' generated
ones (tests/test_engine.py: short text, Markdown and HTML pages spliced from raw/ lines with
a seeded RNG). Every run is a `kbnorm run --force` in its own process, as a user runs it, in
three set-ups with the same number of worker processes:

- local: the default process pool;
- dask: `--engine dask` without an address, so the run starts (and stops) a LocalCluster;
- dask, warm cluster: `--address` of a LocalCluster this script started and warmed with one
  run, as on a real cluster that outlives the runs.

Each set-up runs a small and a large corpus; the line through the two (medians over
--repeat) splits a run's time into a fixed part (start-up, worker imports, first pass) and a
part per page. The dask engine's per-page overhead is its seconds per page less local's;
on a shared machine that difference drowns in noise, so it is also measured directly:

- dask engine alone: `DaskEngine.run` on the warm cluster, in this process, with workers
  that return a ready document instead of processing the page (a bench WorkerPlugin swaps
  their `render_page`): what is left is the engine's own work per page (submitting the
  page's bytes, scheduling, sending the document back, the driver's atomic write).
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from distributed import WorkerPlugin

ROOT = Path(__file__).resolve().parent.parent
KBNORM = str(Path(sys.executable).with_name("kbnorm"))


@dataclass
class Fit:
    name: str
    small: float  # seconds for the small corpus
    large: float  # seconds for the large one
    fixed: float  # seconds a run costs whatever its size
    per_page: float  # seconds each page adds

    @classmethod
    def through(cls, name: str, sizes: tuple[int, int], small: float, large: float) -> Fit:
        per_page = (large - small) / (sizes[1] - sizes[0])
        return cls(name, small, large, small - per_page * sizes[0], per_page)


def timed_run(pages: Path, out: Path, *engine: str) -> float:
    """Wall seconds of one `kbnorm run --force` in its own process."""
    start = time.perf_counter()
    result = subprocess.run([KBNORM, "run", str(pages), "--out", str(out), "--force", *engine],
                            capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"kbnorm run {' '.join(engine)} failed ({result.returncode}):\n"
                         f"{result.stderr[-2000:]}")
    return seconds


def measure(name: str, corpora: dict[int, Path], work: Path, repeat: int, engine: list[str]) -> Fit:
    """Median seconds of each corpus under one set-up, and the line through them."""
    medians = {}
    for size, pages in corpora.items():
        medians[size] = statistics.median(timed_run(pages, work / f"{name}-{size}", *engine)
                                          for _ in range(repeat))
        print(f"  {name}: {size} pages in {medians[size]:.1f}s", file=sys.stderr, flush=True)
    small, large = sorted(corpora)
    return Fit.through(name, (small, large), medians[small], medians[large])


def engine_alone(address: str, corpora: dict[int, Path], work: Path, workers: int, repeat: int) -> Fit:
    """The dask engine's own seconds per page: the workers return a ready document."""
    from distributed import Client

    with Client(address, set_as_default=False) as client:
        document = json.loads(next((work / "warm-up" / "docs").glob("*.json")).read_text(encoding="utf-8"))
        client.register_plugin(CannedDocument(document), name="bench-canned-document")
        try:
            medians = {size: statistics.median(engine_seconds(address, pages, work / "alone", workers)
                                               for _ in range(repeat)) for size, pages in corpora.items()}
        finally:
            client.unregister_worker_plugin("bench-canned-document")
    small, large = sorted(corpora)
    return Fit.through("dask engine alone", (small, large), medians[small], medians[large])


def engine_seconds(address: str, pages: Path, out: Path, workers: int) -> float:
    """Seconds for DaskEngine.run to return every page of `pages`."""
    from pipeline.context import Settings
    from pipeline.engine_dask import DaskEngine
    from pipeline.glossary import default_glossary_path, load_glossary
    from pipeline.inputs import iter_pages
    from pipeline.workers import Job, WorkerSetup

    glossary = load_glossary(default_glossary_path())
    setup = WorkerSetup(glossary_path=glossary.path, glossary_sha256=glossary.sha256, settings=Settings(),
                        repeated_lines=frozenset(), out=out)
    jobs = (Job(page, page.name, "bench") for page in iter_pages([str(pages)], Counter()))
    start = time.perf_counter()
    done = sum(1 for _ in DaskEngine(address).run(jobs, setup, workers))
    seconds = time.perf_counter() - start
    print(f"  dask engine alone: {done} pages in {seconds:.1f}s", file=sys.stderr, flush=True)
    return seconds


class CannedDocument(WorkerPlugin):
    """Bench hook: a worker's `render_page` returns this document without processing the page."""

    def __init__(self, document: dict[str, object]) -> None:
        self.document = document

    def setup(self, worker: object) -> None:
        import pipeline.engine_dask as engine
        from pipeline.workers import Outcome, Rendered

        def canned(job: object, ctx: object) -> Rendered:
            return Rendered(Outcome.of(job, source=self.document["source"]), self.document)

        engine.render_page = canned

    def teardown(self, worker: object) -> None:
        import pipeline.engine_dask as engine
        from pipeline.workers import render_page

        engine.render_page = render_page


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="the large corpus (default: %(default)s)")
    parser.add_argument("--small", type=int, default=20, help="the small corpus (default: %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="runs per measure, their median kept (default: %(default)s)")
    return parser.parse_args()


def main() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # the tests' page generator
    from distributed import Client

    from pipeline.engine_dask import local_cluster
    from tests.test_engine import varied_pages

    args = arguments()
    workers = ["--workers", str(args.workers)]
    with tempfile.TemporaryDirectory(prefix="kbnorm-bench-engine-") as folder:
        work = Path(folder)
        corpora = {size: varied_pages(work / f"pages-{size}", size) for size in (args.small, args.pages)}
        fits = [measure("local", corpora, work, args.repeat, workers),
                measure("dask", corpora, work, args.repeat, [*workers, "--engine", "dask"])]
        with local_cluster(args.workers) as cluster, Client(cluster, set_as_default=False):
            address = ["--engine", "dask", "--address", cluster.scheduler_address]
            timed_run(corpora[args.small], work / "warm-up", *address)
            fits.append(measure("dask, warm cluster", corpora, work, args.repeat, address))
            alone = engine_alone(cluster.scheduler_address, corpora, work, args.workers, args.repeat)
    report(fits, alone, args.pages, args.workers)


def report(fits: list[Fit], alone: Fit, pages: int, workers: int) -> None:
    local = fits[0]
    print(f"\n{pages} pages, {workers} worker processes, this machine\n")
    print("| engine | pages/s | fixed s | ms per page | overhead ms per page vs local |")
    print("| --- | --- | --- | --- | --- |")
    for fit in fits:
        overhead = (fit.per_page - local.per_page) * 1000
        print(f"| {fit.name} | {pages / fit.large:.2f} | {fit.fixed:.1f} | {fit.per_page * 1000:.0f} | "
              f"{'-' if fit is local else f'{overhead:+.0f}'} |")
    print(f"\ndask engine alone (workers return a ready document): {pages / alone.large:.1f} pages/s, "
          f"{alone.per_page * 1000:.1f} ms per page, {alone.fixed:.1f}s per run")


if __name__ == "__main__":
    main()

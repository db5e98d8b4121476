"""The inputs of a run, in one fixed order: page files, folders, crawl containers.

Folders are walked in sorted order, following symlinked folders but never twice (a
symlink loop or a second link to a visited folder is named, not followed). Every problem
is yielded in place as an `InputProblem` so the run can name it and go on.
"""
from __future__ import annotations

import errno
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .read import RawPage, ReadError, file_stem, is_container, page_format, safe_stem

DEFAULT_MAX_PAGE_BYTES = 20 * 1024 * 1024


@dataclass(slots=True)
class InputProblem:
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


def iter_pages(inputs: Iterable[str], skipped: Counter[str],
               max_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Iterator[RawPage | InputProblem]:
    """Every page under `inputs`; records a container skips are counted into `skipped`."""
    for shown, path, problem in _walk_inputs(inputs):
        if problem is not None or path is None:
            yield InputProblem(shown, problem or "unreadable")
        elif is_container(path):
            yield from _container_pages(shown, path, skipped, max_bytes)
        else:
            yield _file_page(shown, path, max_bytes)


def _file_page(shown: str, path: Path, max_bytes: int) -> RawPage | InputProblem:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputProblem(shown, f"page too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB)")
        data = path.read_bytes()
    except OSError as err:
        return InputProblem(shown, _os_reason(err))
    return RawPage(path=shown, data=data, format=page_format(path) or "text", name=safe_stem(file_stem(path)))


def _container_pages(shown: str, path: Path, skipped: Counter[str],
                     max_bytes: int) -> Iterator[RawPage | InputProblem]:
    from .crawl import CrawlProblem, CrawlStats, container_doc_id, container_stem, iter_jsonl, iter_warc

    stats = CrawlStats()
    reader = iter_jsonl if path.name.lower().endswith(".jsonl") else iter_warc
    stem = safe_stem(container_stem(path))
    try:
        for item in reader(path, stats):
            if isinstance(item, CrawlProblem):
                yield InputProblem(shown, item.reason, item.record)
            elif len(item.data) > max_bytes:
                yield InputProblem(shown, f"page too large ({len(item.data) / 1e6:.1f} MB)", item.record)
            else:
                yield RawPage(path=shown, data=item.data, format=item.format, url=item.url,
                              record=item.record, charset=item.charset,
                              name=container_doc_id(stem, item.url, item.record))
    except OSError as err:
        yield InputProblem(shown, _os_reason(err))
    skipped.update({kind: n for kind, n in stats.to_json().items() if n})


def failure_reason(err: Exception) -> str:
    """What to tell the user about a page that could not be processed."""
    if isinstance(err, ReadError):
        return str(err)
    if isinstance(err, RecursionError):
        return "structure nested too deeply"
    return f"internal error: {type(err).__name__}: {err}"


def _walk_inputs(inputs: Iterable[str]) -> Iterator[tuple[str, Path | None, str | None]]:
    visited: set[tuple[int, int]] = set()
    for given in inputs:
        root = Path(given)
        if root.is_dir():
            yield from _walk_folder(root, visited)
        elif root.is_file():
            yield str(given), root, None
        else:
            yield str(given), None, _missing_reason(root)


def _walk_folder(folder: Path, visited: set[tuple[int, int]]
                 ) -> Iterator[tuple[str, Path | None, str | None]]:
    try:
        stat = folder.stat()
        key = (stat.st_dev, stat.st_ino)
        if key in visited:
            yield str(folder), None, "symlink loop: this folder was already read through another path"
            return
        visited.add(key)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield str(folder), None, _os_reason(err)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if _is_dir(entry):
            yield from _walk_folder(path, visited)
        elif entry.is_symlink() and not path.exists():
            yield str(path), None, _missing_reason(path)
        elif page_format(path) or is_container(path):
            yield str(path), path, None


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=True)
    except OSError:
        return False


def _missing_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as err:
        return _os_reason(err)
    return "not a page file or folder"


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop"
    if err.errno == errno.ENOENT:
        return "no such file or folder" if not os.path.islink(err.filename or "") else "broken symlink"
    if err.errno == errno.EACCES:
        return "permission denied"
    return f"cannot read: {err.strerror or err}"

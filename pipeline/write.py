"""Files written whole or not at all, with bytes that depend only on their content.

Every output goes to a temporary name in the same folder, then is renamed over the target,
so a process killed at any moment leaves either the old file or the new one. A file is
fsynced before its rename unless the caller makes the folder durable later in one go
(`durable=False`, then `flush_deferred_writes`): a run writes thousands of documents and records them
as done only after one sync, which costs one system call instead of one per file.
JSON is serialised one canonical way (UTF-8 characters kept, two-space indentation or none)
by orjson, some fifteen times faster than json.dumps and byte-for-byte what it gives with
those options, but for exponents of floats under 1e-4 ('1e-7', not '1e-07'; kbnorm rounds
its shares and confidences to three places, so never writes one). Two runs on the same
input give byte-identical files.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import orjson

FILE_MODE = 0o644


def dump_bytes(obj: Any, *, indented: bool = True) -> bytes:
    """The one JSON form kbnorm writes, as UTF-8: characters kept, no trailing spaces, and either
    two-space indentation or the compact form of JSON Lines."""
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2 if indented else 0)


def dumps(obj: Any, *, indented: bool = True) -> str:
    return dump_bytes(obj, indented=indented).decode("utf-8")


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to `path` whole or not at all; `durable` also fsyncs the file and its folder."""
    with atomic_writer(path, durable=durable) as handle:
        handle.write(data)


@contextmanager
def atomic_writer(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without error, for outputs written
    piece by piece (a corpus of thousands of pages need not be held in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600; outputs are for everyone who may read the folder
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


def write_json(path: Path, obj: Any, *, durable: bool = True) -> None:
    write_atomic(path, dump_bytes(obj) + b"\n", durable=durable)


def flush_deferred_writes() -> None:
    """Make every file written with `durable=False` durable: os.sync flushes all file systems
    (the standard library has no syncfs for one), once, instead of one fsync per file."""
    os.sync()


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX: the directory entry lives in the folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

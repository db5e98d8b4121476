"""Files written whole or not at all, with bytes that depend only on their content.

Every output goes to a temporary name in the same folder, is fsynced, then renamed over
the target, so a run killed at any moment leaves either the old file or the new one.
JSON is serialised one canonical way (sorted where order carries no meaning, UTF-8,
fixed indentation) so that two runs on the same input give byte-identical files.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FILE_MODE = 0o644


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """The one JSON form kbnorm writes: UTF-8 characters kept, no trailing spaces."""
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=separators)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600; outputs are for everyone who may read the folder
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_json(path: Path, obj: Any) -> None:
    write_atomic(path, (dumps(obj) + "\n").encode("utf-8"))


def write_jsonl(path: Path, objs: Iterable[Any]) -> None:
    write_atomic(path, "".join(dumps(o, indent=None) + "\n" for o in objs).encode("utf-8"))


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

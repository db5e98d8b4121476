"""One run per output folder: an flock on `<out>/.kbnorm/lock`.

The kernel drops an flock when its holder dies, even by SIGKILL, so a crashed run never
leaves a stale lock behind. The file's content names the holder (pid, host, start time)
for the message a second run prints.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from pathlib import Path
from types import TracebackType


class LockedError(Exception):
    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path.parent.parent} is being written by another kbnorm run ({holder})")
        self.holder = holder


class OutputLock:
    """Exclusive lock on an output folder; `wait` seconds to get it before giving up."""

    def __init__(self, out: Path, wait: float = 0.0, poll: float = 0.2) -> None:
        self.path = out / ".kbnorm" / "lock"
        self.wait = wait
        self.poll = poll
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _describe_holder(fd)
                    os.close(fd)
                    raise LockedError(self.path, holder) from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                  "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _describe_holder(fd: int) -> str:
    try:
        holder = json.loads(os.pread(fd, 4096, 0) or b"{}")
    except (OSError, ValueError):
        holder = {}
    if not holder:
        return "holder unknown"
    return f"pid {holder.get('pid')} on {holder.get('host')} since {holder.get('since')}"

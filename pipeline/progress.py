"""What a run tells the person or the log collector watching it.

On a terminal: a progress bar redrawn in place. In a pipe or under cron: nothing while
working, one summary line at the end. With --log-json: one JSON object per line on stderr
for every page and for the summary, so log collectors need no parsing of prose.
"""
from __future__ import annotations

import json
import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, *, log_json: bool = False,
                 bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.log_json = log_json
        self.bar = (not log_json and self.stream.isatty()) if bar is None else bar
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def start(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()
        self.event("start", pages=total)

    def page(self, doc_id: str, status: str) -> None:
        """One page finished: `status` is written, reused (unchanged) or failed."""
        self.done += 1
        if self.log_json:
            self.event("page", doc_id=doc_id, status=status)
        elif self.bar and (time.monotonic() - self._drawn > 0.1 or self.done == self.total):
            self._draw()

    def problem(self, message: str) -> None:
        if self.log_json:
            self.event("problem", message=message)
        else:
            self._clear()
            print(f"kbnorm: {message}", file=self.stream)

    def finish(self, summary: str, **fields: object) -> None:
        if self.log_json:
            self.event("summary", message=summary, **fields)
        else:
            self._clear()
            print(summary, file=self.stream)

    def event(self, kind: str, **fields: object) -> None:
        if self.log_json:
            record = {"event": kind, "time": round(time.time(), 3), **fields}
            print(json.dumps(record, ensure_ascii=False), file=self.stream, flush=True)

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        width = 30
        share = self.done / self.total if self.total else 1.0
        filled = int(share * width)
        rate = self.done / max(self._drawn - self.started, 1e-6)
        left = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} pages "
                          f"{rate:.1f}/s, {left:.0f}s left ")
        self.stream.flush()

    def _clear(self) -> None:
        if self.bar and self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()

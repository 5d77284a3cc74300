"""The one progress bar: long work (a survey of cards, hashing a folder) shows it on a terminal,
and stays quiet when stderr is piped or captured.

`Progress` is called as `progress(done, total)`, the callback shape `survey.run` and
`folders.scan` take, so the library reports progress without knowing how it is shown.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """A one-line bar on `stream` (stderr by default), redrawn at most every `interval` seconds
    and once more at the end: `label [#####.....] done/total rate unit/s`."""

    def __init__(self, label: str = "", unit: str = "items", stream: TextIO | None = None,
                 width: int = 30, interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.label = f"{label} " if label else ""
        self.unit = unit
        self.width = width
        self.interval = interval
        self.start = time.perf_counter()
        self.last = float("-inf")  # the first call draws

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done != total and now - self.last < self.interval:
            return
        self.last = now
        filled = int(self.width * done / total) if total else self.width
        rate = done / max(now - self.start, 1e-9)
        self.stream.write(f"\r{self.label}[{'#' * filled}{'.' * (self.width - filled)}] "
                          f"{done}/{total} {rate:.0f} {self.unit}/s")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()

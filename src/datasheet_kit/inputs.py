"""One door for every input a command accepts: a datasheet now, platform cards as readers arrive.

`load_document` decides what a file is (by name and content) and returns a Sheet; commands never
open files themselves.
"""

from __future__ import annotations

from pathlib import Path

from .sheet import Sheet, load


def load_document(path: str | Path) -> Sheet:
    return load(path)

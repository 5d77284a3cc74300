"""How datasheet-kit writes files: all or nothing, and JSON documents in one layout.

Every command that writes a file (generate, provenance --write-hashes) goes through
`write_atomic`, so an interrupted run or a full disk never leaves half a file where a good one
was. `json_text` is the one layout of every JSON document the package prints or writes
(reports, scores, Croissant, Kaggle metadata), so they stay alike and diff well.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_atomic(path: str | Path, text: str) -> None:
    """Write all of `text` or nothing: a temporary file in the same folder, then os.replace.

    The same folder, because a rename is only atomic within one file system. An existing
    file's permissions are kept; a new file gets the usual ones (0666 less the umask), not
    mkstemp's private 0600.
    """
    import tempfile  # only commands that write pay for it

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def json_text(value: Any) -> str:
    """A JSON document as datasheet-kit writes it: indented, non-ASCII kept, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"

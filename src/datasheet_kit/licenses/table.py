"""The vendored licence table (``data/licenses.json``): loading it once, and looking spellings up.

Everything that reads a licence goes through :func:`_tables`; it is its own module so that the
one place that knows the file's layout, and the order in which spellings win, is easy to find.
The file is read on first use, not at import, so importing the package costs nothing.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

# The table stays in the package's data/ folder (shipped with the wheel), one level up from here.
_DATA = Path(__file__).parent.with_name("data") / "licenses.json"
# The internal value classes of the package (here and in creative_commons) are NamedTuples: lint
# imports the package on a cold start, and a NamedTuple costs a quarter of a frozen dataclass to
# define.


_NOT_KEY = re.compile(r"[^0-9a-z+]+")


def _key(text: str) -> str:
    """Fold case and punctuation so "CC BY-NC 4.0" and "cc-by-nc-4.0" meet.

    '+' survives because it carries meaning ("GPL-2.0+" is "or later",
    "openrail++" is a different licence from "openrail").
    """
    if not text.isascii():  # NFKC leaves ASCII as it is; skipping it halves the table build
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold().replace("©", " copyright ")
    return _NOT_KEY.sub("-", text).strip("-")


class _Tables(NamedTuple):
    spdx: dict  # SPDX id -> {"name", "deprecated"?}
    named: dict  # named key -> {"kind", "label", "conditions", "hf"?, "kaggle"?}
    conditions: dict  # SPDX id (not CC) -> "by sa" ...
    labels: dict  # SPDX id -> short label
    spellings: dict  # normalised spelling -> target (SPDX id or named key)
    hf_ids: dict  # HF id -> target
    kaggle_names: dict  # Kaggle create name -> target
    hf_for: dict  # target -> HF id
    kaggle_for: dict  # target -> Kaggle create name


@functools.lru_cache(maxsize=1)
def _raw() -> dict:
    loaded: dict = json.loads(_DATA.read_text(encoding="utf-8"))
    return loaded


def is_spdx_id(text: str) -> bool:
    """Whether `text` is a current (not deprecated) SPDX licence id exactly as SPDX writes it.

    Such a text reads as that licence (normalize(text).spdx == text; a test checks every id of
    the table), so a caller that only needs to know "this is an SPDX licence, spelt right" can
    ask here without building the table of spellings."""
    entry = _raw()["spdx"]["licenses"].get(text)
    return entry is not None and not entry.get("deprecated")


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = _raw()
    spdx = raw["spdx"]["licenses"]
    hf_ids = raw["hf"]["ids"]
    kaggle = raw["kaggle"]["names"]
    display = raw["kaggle"]["display_names"]
    named = raw["named"]["terms"]

    # Earlier sources win when two spellings fold to the same key: a hand-written
    # alias beats a platform name, which beats an SPDX id, which beats an SPDX
    # full name. Among SPDX names, the current id beats the deprecated one.
    spellings: dict[str, str] = {}
    sources = [
        raw["aliases"]["spellings"].items(),
        display.items(),
        kaggle.items(),
        hf_ids.items(),
        ((i, i) for i in spdx),
        ((entry["label"], k) for k, entry in named.items()),
        ((k, k) for k in named),
        ((e["name"], i) for i, e in spdx.items() if not e.get("deprecated")),
        ((e["name"], i) for i, e in spdx.items() if e.get("deprecated")),
    ]
    for pairs in sources:
        for spelling, target in pairs:
            spellings.setdefault(_key(spelling), target)

    hf_for = {target: hf_id for hf_id, target in hf_ids.items()}
    kaggle_for = {target: name for name, target in kaggle.items()}
    return _Tables(
        spdx=spdx,
        named=named,
        conditions=raw["conditions"]["ids"],
        labels=raw["labels"]["ids"],
        spellings=spellings,
        hf_ids=hf_ids,
        kaggle_names=kaggle,
        hf_for=hf_for,
        kaggle_for=kaggle_for,
    )


def _lookup_spdx(candidate: str) -> str | None:
    target = _tables().spellings.get(_key(candidate))
    return target if target in _tables().spdx else None

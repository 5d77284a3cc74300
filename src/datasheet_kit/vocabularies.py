"""The platforms' closed lists other than licences (task categories, size bins, Kaggle's limits),
vendored in data/hf_lists.json and data/kaggle_lists.json with their source and date. Readers and
writers both read them here."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


@cache
def platform_lists(name: str) -> dict:
    """The vendored lists of `name` ("hf" or "kaggle")."""
    return json.loads((_DATA / f"{name}_lists.json").read_text(encoding="utf-8"))

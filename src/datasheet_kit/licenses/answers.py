"""A datasheet's licence answers ({name, spdx, url} or a gap), as the lint rule DS704 and the
provenance command read them.

They live in the licence package, not in provenance, so that lint does not import the copy finder
to judge one licence.
"""

from __future__ import annotations

from typing import Any

from .copies import compatibility
from .reading import normalize


def license_answer(value: Any) -> dict:
    """The name and SPDX id of a licence answer; {} for a gap (a status with a reason)."""
    if isinstance(value, dict):
        return {k: value[k] for k in ("name", "spdx") if isinstance(value.get(k), str)}
    return {"name": value} if isinstance(value, str) and value.strip() else {}


def license_text(value: dict) -> str:
    """How a licence answer is read: its SPDX id when it has one, else its name."""
    return value.get("spdx") or value.get("name") or ""


def license_compatibility(source: dict, copy: dict, *, modified: bool = False
                          ) -> tuple[str, list[str]]:
    """:func:`compatibility` of two licence answers: ("compatible" | "incompatible" |
    "unknown", reasons). `modified`: the copy changed the files (resized, re-split ...)."""
    result = compatibility(normalize(license_text(source)), normalize(license_text(copy)),
                           modified=modified)
    return result.verdict, list(result.reasons)

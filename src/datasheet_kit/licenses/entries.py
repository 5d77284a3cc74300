"""Building `License` values from what a statement resolved to: an SPDX id, a named entry of the
table, a Creative Commons reading, or free text.

Reading words and reading URLs both end here, so the rules for labels and condition flags are
written once.
"""

from __future__ import annotations

from .creative_commons import _CC, _cc_from_spdx_id
from .model import License
from .table import _lookup_spdx, _tables


def _flags(conditions: str | None) -> dict:
    if conditions is None:
        return {"terms_known": False}
    words = set(conditions.split())
    return {
        "attribution": "by" in words,
        "noncommercial": "nc" in words,
        "no_derivatives": "nd" in words,
        "share_alike": "sa" in words,
        "terms_known": True,
    }


def _cc_conditions(cc: _CC) -> str:
    return " ".join(e.lower() for e in cc.elements if e != "ZERO")


def _from_spdx(spdx_id: str) -> License:
    t = _tables()
    entry = t.spdx[spdx_id]
    cc = _cc_from_spdx_id(spdx_id)
    if cc is not None:
        conditions: str | None = _cc_conditions(cc)
        label = t.labels.get(spdx_id, cc.label)
    else:
        conditions = t.conditions.get(spdx_id)
        label = t.labels.get(spdx_id, entry["name"])
    return License(
        spdx=spdx_id,
        kind="spdx",
        as_stated="",
        label=label,
        key=spdx_id,
        deprecated=bool(entry.get("deprecated")),
        **_flags(conditions),
    )


def _from_named(name: str) -> License:
    entry = _tables().named[name]
    return License(
        spdx=None, kind=entry["kind"], as_stated="", label=entry["label"], key=name,
        **_flags(entry.get("conditions")),
    )


def _resolve(target: str) -> License:
    return _from_spdx(target) if target in _tables().spdx else _from_named(target)


def _from_cc(cc: _CC) -> License:
    spdx_id = _lookup_spdx(cc.spdx_shape)
    if spdx_id is not None:
        return _from_spdx(spdx_id)
    kind = "family" if cc.version is None else "custom"
    label = cc.label + (" (version not stated)" if cc.version is None else " (not an SPDX id)")
    return License(
        spdx=None, kind=kind, as_stated="", label=label, key=cc.spdx_shape,
        **_flags(_cc_conditions(cc)),
    )


def _free(kind: str, text: str, conditions: str | None = None) -> License:
    label = " ".join(text.split())
    if len(label) > 80:
        label = label[:77] + "..."
    return License(spdx=None, kind=kind, as_stated="", label=label, **_flags(conditions))

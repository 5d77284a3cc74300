"""The licence, as each platform wants it, from the datasheet's `distribution.license`.

This is the one place where writers translate a licence. It works from the SPDX id the datasheet
states (`distribution.license.spdx`) and the vendored platform lists. When the shared licences
module (licenses.py: normalize, hf_id, kaggle_name, spdx_url) lands, these functions should call
it instead of matching ids themselves.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..answers import Status, status_of

_DATA = Path(__file__).resolve().parent.parent / "data"
# SPDX ids the platforms spell differently from SPDX (platforms.md sections 3 and 7).
_HF_NOT_SPDX = {"odc-by-1.0": "odc-by", "odbl-1.0": "odbl", "pddl-1.0": "pddl"}
_KAGGLE_NOT_SPDX = {"pddl-1.0": "PDDL", "gfdl-1.3": "FDL-1.3", "gfdl-1.3-only": "FDL-1.3",
                    "gfdl-1.3-or-later": "FDL-1.3"}


@lru_cache(maxsize=None)
def platform_lists(name: str) -> dict:
    """A vendored closed list (data/hf_lists.json or data/kaggle_lists.json)."""
    return json.loads((_DATA / f"{name}_lists.json").read_text(encoding="utf-8"))


def hf_licenses() -> list[str]:
    groups = platform_lists("hf")["licenses"]
    return [lic for group in groups.values() for lic in group]


def spdx_of(license_value: Any) -> str | None:
    """The SPDX id the datasheet states, or None (no licence, a gap, or terms that are not SPDX)."""
    if isinstance(license_value, dict) and status_of(license_value) is Status.ANSWERED:
        spdx = license_value.get("spdx")
        return spdx.strip() if isinstance(spdx, str) and spdx.strip() else None
    return None


def spdx_url(spdx: str) -> str | None:
    """The SPDX page of a single licence id; expressions (A OR B) have no single page."""
    return None if " " in spdx else f"https://spdx.org/licenses/{spdx}.html"


def _base(spdx: str) -> str:
    """GPL-3.0-only and GPL-3.0-or-later are GPL-3.0 on platforms that lack the suffix."""
    return re.sub(r"-(only|or-later)$", "", spdx.lower())


def hf_license(license_value: Any) -> dict[str, str]:
    """HF front-matter keys: `license` from HF's closed list, with `license_name`/`license_link`
    when it must be `other`. A datasheet without a licence gets `unknown`, HF's own gap."""
    spdx = spdx_of(license_value)
    if spdx is None:
        if isinstance(license_value, dict) and status_of(license_value) is Status.ANSWERED:
            return _hf_other(license_value, license_value.get("name", ""))
        return {"license": "unknown"}
    known = set(hf_licenses())
    for candidate in (spdx.lower(), _HF_NOT_SPDX.get(spdx.lower()), _base(spdx)):
        if candidate and candidate in known and candidate not in ("other", "unknown"):
            return {"license": candidate}
    return _hf_other(license_value, spdx)


def _hf_other(license_value: dict, name: str) -> dict[str, str]:
    # HF wants an id-like name with `other` (e.g. my-license-1.0), and a link to the terms.
    slug = re.sub(r"[^a-z0-9.+-]+", "-", name.lower()).strip("-") or "custom"
    keys = {"license": "other", "license_name": slug}
    link = license_value.get("url") or (spdx_url(license_value["spdx"])
                                       if license_value.get("spdx") else None)
    if link:
        keys["license_link"] = link
    return keys


def kaggle_license(license_value: Any) -> tuple[str, str | None]:
    """(Kaggle licence name, warning or None). Kaggle takes only names from its list of 28."""
    names = platform_lists("kaggle")["licenses"]
    by_lower = {n.lower(): n for n in names}
    spdx = spdx_of(license_value)
    if spdx is None:
        if isinstance(license_value, dict) and status_of(license_value) is Status.ANSWERED:
            return "other", ("the licence has no SPDX id; Kaggle gets 'other', so name the terms "
                             "in the description")
        return "unknown", "the datasheet states no licence; Kaggle gets 'unknown'"
    for candidate in (spdx.lower(), _base(spdx)):
        if candidate in by_lower:
            return by_lower[candidate], None
        if candidate in _KAGGLE_NOT_SPDX:
            return _KAGGLE_NOT_SPDX[candidate], None
    return "other", f"{spdx} is not on Kaggle's licence list; Kaggle gets 'other'"

"""The licence, as each platform wants it, from the datasheet's `distribution.license`.

This is the one place where writers translate a licence. What an SPDX id is called on each
platform, and which ids a platform accepts, is the licences module's knowledge (its table in
data/licenses.json, with source and date); this module only decides what to write when a
platform has no name for the licence.
"""

from __future__ import annotations

import re
from typing import Any

from .. import licenses
from ..answers import Status, status_of
from ..vocabularies import platform_lists  # noqa: F401 (writers take the lists from here too)


def hf_licenses() -> list[str]:
    """The licence ids a HF card may carry."""
    return licenses.hf_ids()


def kaggle_licenses() -> list[str]:
    """The licence names Kaggle's dataset-metadata.json accepts."""
    return licenses.kaggle_names()


def spdx_of(license_value: Any) -> str | None:
    """The SPDX id the datasheet states, or None (no licence, a gap, or terms that are not SPDX)."""
    if isinstance(license_value, dict) and status_of(license_value) is Status.ANSWERED:
        spdx = license_value.get("spdx")
        return spdx.strip() if isinstance(spdx, str) and spdx.strip() else None
    return None


def spdx_page(license_value: Any) -> str | None:
    """The SPDX page of the stated licence, when it is one SPDX licence (an expression such as
    "A OR B" has no single page, and a sentinel such as "other" has none at all)."""
    spdx = spdx_of(license_value)
    read = licenses.normalize(spdx) if spdx else None
    return licenses.spdx_url(read.spdx) if read and read.kind == "spdx" and read.spdx else None


def hf_license(license_value: Any) -> dict[str, str]:
    """HF front-matter keys: `license` from HF's closed list, with `license_name`/`license_link`
    when it must be `other`. A datasheet without a licence gets `unknown`, HF's own gap."""
    spdx = spdx_of(license_value)
    if spdx is None:
        if isinstance(license_value, dict) and status_of(license_value) is Status.ANSWERED:
            return _hf_other(license_value, license_value.get("name", ""))
        return {"license": "unknown"}
    hf = licenses.hf_id(licenses.normalize(spdx))
    # A stated "other" or "unknown" still needs the name and link that HF asks for with them.
    if hf and hf not in ("other", "unknown"):
        return {"license": hf}
    return _hf_other(license_value, spdx)


def _hf_other(license_value: dict, name: str) -> dict[str, str]:
    # HF wants an id-like name with `other` (e.g. my-license-1.0), and a link to the terms.
    slug = re.sub(r"[^a-z0-9.+-]+", "-", name.lower()).strip("-") or "custom"
    keys = {"license": "other", "license_name": slug}
    link = license_value.get("url") or spdx_page(license_value)
    if link:
        keys["license_link"] = link
    return keys


def kaggle_license(license_value: Any) -> tuple[str, str | None]:
    """(Kaggle licence name, warning or None). Kaggle takes only names from its list of 28."""
    spdx = spdx_of(license_value)
    if spdx is None:
        if isinstance(license_value, dict) and status_of(license_value) is Status.ANSWERED:
            return "other", ("the licence has no SPDX id; Kaggle gets 'other', so name the terms "
                             "in the description")
        return "unknown", "the datasheet states no licence; Kaggle gets 'unknown'"
    name = licenses.kaggle_name(licenses.normalize(spdx))
    if name:
        return name, None
    return "other", f"{spdx} is not on Kaggle's licence list; Kaggle gets 'other'"

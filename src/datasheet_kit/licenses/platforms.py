"""Licence ids as each platform spells them: SPDX (current ids, canonical URLs), Hugging Face's
``license:`` ids and Kaggle's licence names.

Writers need these to put a normalised licence back into a document; they are separate from
reading because they go the other way (a `License` in, a platform's id out).
"""

from __future__ import annotations

import re

from .model import License
from .reading import normalize
from .table import _tables

# SPDX deprecated the bare GNU ids because they did not say "only" or "or later"; its full names
# for them do ("v3.0 only", "v3.0 or later"), so the replacement follows from the suffix.
_GNU_DEPRECATED = re.compile(r"((?:A|L)?GPL|GFDL)-(\d\.\d)(\+)?")


def current_id(spdx_id: str) -> str | None:
    """The SPDX id that replaces a deprecated one (GPL-3.0 -> GPL-3.0-only), or None when
    the id is current or SPDX names no single replacement (wxWindows, Nunit ...)."""
    t = _tables()
    if not t.spdx.get(spdx_id, {}).get("deprecated"):
        return None
    m = _GNU_DEPRECATED.fullmatch(spdx_id)
    if m is None:
        return None
    successor = f"{m.group(1)}-{m.group(2)}-{'or-later' if m.group(3) else 'only'}"
    return successor if successor in t.spdx and not t.spdx[successor].get("deprecated") else None


def current_spdx(text: str) -> str | None:
    """The current SPDX id a licence statement stands for ("cc-by-nc 4.0" -> CC-BY-NC-4.0,
    "GPL-3.0" -> GPL-3.0-only), or None when it names no single SPDX licence."""
    found = normalize(text)
    if found.kind != "spdx" or found.spdx is None:
        return None
    return current_id(found.spdx) or found.spdx


def spdx_url(spdx_id: str) -> str:
    """The canonical SPDX page of an id, as Croissant's ``license`` wants it."""
    return f"https://spdx.org/licenses/{spdx_id}.html"


def _base_gnu_id(spdx_id: str) -> str:
    # HF and Kaggle only know the bare GNU ids, which do not say only/or-later.
    return re.sub(r"(-only|-or-later|\+)$", "", spdx_id)


def _platform_id(license: License, by_spdx: dict, platform: str) -> str | None:
    """The id a platform's closed licence list uses for a normalised licence, or None."""
    if license.kind in ("none", "unknown"):
        return "unknown"
    if license.kind == "other":
        return "other"
    if license.spdx:
        return by_spdx.get(license.spdx) or by_spdx.get(_base_gnu_id(license.spdx))
    entry = _tables().named.get(license.key)
    return entry.get(platform) if entry else None


def hf_ids() -> list[str]:
    """Every licence id Hugging Face accepts in a card's ``license:`` (its closed list)."""
    return list(_tables().hf_ids)


def kaggle_names() -> list[str]:
    """Every licence name Kaggle accepts in ``dataset-metadata.json`` (its closed list)."""
    return list(_tables().kaggle_names)


def hf_id(license: License) -> str | None:
    """The Hugging Face ``license:`` id for a normalised licence.

    None means HF has no id for it: write ``license: other`` with
    ``license_name`` (and ``license_link``). Nothing stated is written as
    ``unknown``, which is what HF's own card template does.
    """
    return _platform_id(license, _tables().hf_for, "hf")


def kaggle_name(license: License) -> str | None:
    """The licence name for Kaggle's ``dataset-metadata.json`` (one of its 28).

    None means Kaggle has no name for it (MIT is one such): write ``other``
    and state the licence in the description.
    """
    return _platform_id(license, _tables().kaggle_for, "kaggle")

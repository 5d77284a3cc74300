"""Licence strings in, one normalised :class:`License` out; and whether a copy's
licence honours the licence of the dataset it copies.

Dataset documents name licences in many ways: Hugging Face ids (``cc-by-nc-4.0``),
Kaggle names (``CC0-1.0``) and Kaggle display names ("CC0: Public Domain"), SPDX or
Creative Commons URLs, prose ("Creative Commons Attribution 4.0 International") and
the research-use agreements of medical hosts ("PhysioNet Credentialed Health Data
License 1.5.0"). :func:`normalize` maps all of them onto one table, vendored in
``data/licenses.json`` (each table there names its source and date), and never raises.

The package is pure: no network, standard library only, and the table is read on
first use, so importing it costs nothing.

Kinds (``License.kind``), a closed set:

=================  ==========================================================
``spdx``           an SPDX licence; ``spdx`` holds the canonical id
``family``         a licence family without a version ("GPL", "CC BY-NC")
``custom``         named terms with no SPDX id (model licences, a terms URL)
``research_only``  research-use or data-use agreements (PhysioNet, TCIA ...)
``proprietary``    all rights reserved ("Data files © Original Authors")
``public_domain``  public domain without an SPDX dedication (US Gov. works)
``other``          the platform sentinel "other": the terms are stated elsewhere
``unknown``        the author says the licence is unknown or unspecified
``none``           nothing stated: empty, or a placeholder such as "N/A"
``unrecognized``   text this package could not read (the only failure kind)
=================  ==========================================================

The package, one job per module:

- ``model``: the values (``License``, ``Compatibility``, ``KINDS``);
- ``table``: loading ``data/licenses.json`` and looking spellings up;
- ``creative_commons``: CC names read from their words;
- ``entries``: building ``License`` values from what a statement resolved to;
- ``reading``: :func:`normalize`, words and URLs;
- ``platforms``: SPDX current ids and URLs, Hugging Face ids, Kaggle names;
- ``copies``: :func:`compatibility` of a copy's licence with its source's;
- ``answers``: a datasheet's licence answers, as lint and provenance read them.

Everything public is reachable here (``from datasheet_kit.licenses import normalize``), and each
name loads its module on first use: `datasheet lint` on a datasheet whose licence is written as a
current SPDX id (``is_spdx_id``) reads only the SPDX list, not the readers or the copy rules. """

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .answers import license_answer, license_compatibility, license_text
    from .copies import COMPATIBLE, INCOMPATIBLE, UNKNOWN, compatibility
    from .model import KINDS, Compatibility, License
    from .platforms import (
        current_id,
        current_spdx,
        hf_id,
        hf_ids,
        kaggle_name,
        kaggle_names,
        spdx_url,
    )
    from .reading import normalize
    from .table import is_spdx_id

# Name -> the module that defines it. The rule tables stay reachable as `licenses._GATES` ...:
# tests check every row's shape.
_HOME = {
    "license_answer": "answers", "license_compatibility": "answers", "license_text": "answers",
    "COMPATIBLE": "copies", "INCOMPATIBLE": "copies", "UNKNOWN": "copies",
    "compatibility": "copies", "_GATES": "copies", "_CONDITIONS": "copies", "_NOTES": "copies",
    "KINDS": "model", "Compatibility": "model", "License": "model",
    "current_id": "platforms", "current_spdx": "platforms", "hf_id": "platforms",
    "hf_ids": "platforms", "kaggle_name": "platforms", "kaggle_names": "platforms",
    "spdx_url": "platforms", "normalize": "reading", "is_spdx_id": "table",
}

__all__ = ["COMPATIBLE", "INCOMPATIBLE", "KINDS", "UNKNOWN", "Compatibility", "License",
           "compatibility", "current_id", "current_spdx", "hf_id", "hf_ids", "is_spdx_id",
           "kaggle_name", "kaggle_names", "license_answer", "license_compatibility",
           "license_text", "normalize", "spdx_url"]


def __getattr__(name: str) -> Any:
    """Load the module that defines `name` (PEP 562), and keep the name here."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})

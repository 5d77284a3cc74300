"""Licence: is there one, is it an SPDX id (spelt as SPDX spells it), or a custom licence with a link.

The form of an SPDX expression is checked by the schema (DS105). The licence knowledge here is
deliberately small and isolated in `normalise_license` and `NOT_SPDX`, so that they can be
swapped for the shared licences module (datasheet_kit.licenses, with the full SPDX list) without
touching the rules.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..answers import Status, status_of
from ..sheet import Sheet
from . import Hit, rule

LICENSE = "distribution.license"

# Licences datasets commonly use, as SPDX spells them. Lookups are case-insensitive.
_CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")
_CC_KINDS = ("BY", "BY-SA", "BY-ND", "BY-NC", "BY-NC-SA", "BY-NC-ND")
_CANONICAL = [f"CC-{kind}-{v}" for kind in _CC_KINDS for v in _CC_VERSIONS] + [
    "CC0-1.0", "CC-PDDC", "PDDL-1.0", "ODbL-1.0", "ODC-By-1.0", "CDLA-Permissive-1.0",
    "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "MIT", "MIT-0", "Apache-2.0", "BSD-2-Clause",
    "BSD-3-Clause", "BSD-3-Clause-Clear", "ISC", "MPL-2.0", "Unlicense", "Zlib", "PostgreSQL",
    "NCSA", "OFL-1.1", "OSL-3.0", "AFL-3.0", "Artistic-2.0", "BSL-1.0", "ECL-2.0", "EPL-1.0",
    "EPL-2.0", "EUPL-1.1", "EUPL-1.2", "LPPL-1.3c", "WTFPL", "Etalab-2.0", "OGL-UK-3.0",
    "DL-DE-BY-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later",
    "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later",
    "AGPL-3.0-only", "AGPL-3.0-or-later", "GFDL-1.3-only", "GFDL-1.3-or-later",
]
_BY_LOWER = {spdx.lower(): spdx for spdx in _CANONICAL}
# Hugging Face and Kaggle spellings that are not the SPDX id (hub-docs licence list; Kaggle
# dataset-metadata licence names; deprecated SPDX ids the platforms still offer).
_PLATFORM_SPELLINGS = {
    "odc-by": "ODC-By-1.0", "odbl": "ODbL-1.0", "pddl": "PDDL-1.0", "cc0": "CC0-1.0",
    "gpl-2.0": "GPL-2.0-only", "gpl-3.0": "GPL-3.0-only", "lgpl-2.1": "LGPL-2.1-only",
    "lgpl-3.0": "LGPL-3.0-only", "agpl-3.0": "AGPL-3.0-only", "fdl-1.3": "GFDL-1.3-only",
    "apache license 2.0": "Apache-2.0", "mit license": "MIT",
}
# Platform values that are no licence at all, or a family rather than one licence.
NOT_SPDX = frozenset({
    "unknown", "other", "none", "cc", "bsd", "gpl", "lgpl", "gfdl", "openrail", "openrail++",
    "bigscience-openrail-m", "creativeml-openrail-m", "bigcode-openrail-m", "bigscience-bloom-rail-1.0",
    "c-uda", "lgpl-lr", "dbcl-1.0", "copyright-authors", "us-government-works",
    "eu-odp-legal-notice", "other (specified in description)", "unspecified",
})


def normalise_license(text: str) -> str | None:
    """The SPDX id a licence spelling stands for ("cc-by-nc 4.0" -> CC-BY-NC-4.0), or None."""
    key = " ".join(text.strip().lower().split())
    if key in _PLATFORM_SPELLINGS:
        return _PLATFORM_SPELLINGS[key]
    key = re.sub(r"^(creative commons|cc)[ -]+(by)", r"cc-\2", key)
    key = re.sub(r"[ _]+", "-", key)
    return _PLATFORM_SPELLINGS.get(key) or _BY_LOWER.get(key)


def license_of(sheet: Sheet, path: str = LICENSE) -> dict[str, Any] | None:
    value = sheet.get(path)
    return value if isinstance(value, dict) and "status" not in value else None


@rule("DS401", "license-unknown", "distribution", "warning", 2)
def license_unknown(sheet: Sheet) -> Iterator[Hit]:
    """The licence is declared unknown or still to do.

    Why: without a licence nobody may lawfully reuse the data, whatever the hosting platform
    suggests. Saying "unknown" with a reason is honest and keeps the datasheet valid, but a
    reader should see it as a warning.

    Failing:

        distribution:
          license: {status: unknown, reason: The upload names no licence.}

    Passing:

        distribution:
          license: {name: CC BY 4.0, spdx: CC-BY-4.0}
    """
    status = status_of(sheet.get(LICENSE))
    if status in (Status.UNKNOWN, Status.TODO, Status.NOT_APPLICABLE):
        yield Hit(LICENSE, f"the licence is {status}: nobody may lawfully reuse the data "
                           "until it is known")


@rule("DS402", "license-not-spdx", "distribution", "error", 2)
def license_not_spdx(sheet: Sheet) -> Iterator[Hit]:
    """`license.spdx` holds a platform value that is not an SPDX licence ("other", "unknown", "cc").

    Why: Hugging Face and Kaggle offer choices such as `other`, `unknown` or a whole family
    (`cc`, `bsd`, `openrail`) that name no particular licence. For terms that are not an SPDX
    licence, leave `spdx` out and give the terms' `name` and `url`.

    Failing:

        distribution:
          license: {name: Other, spdx: other}

    Passing:

        distribution:
          license: {name: ISIC terms of use, url: https://www.isic-archive.com/terms}
    """
    found = license_of(sheet)
    spdx = found.get("spdx") if found else None
    if isinstance(spdx, str) and spdx.strip().lower() in NOT_SPDX:
        yield Hit(f"{LICENSE}.spdx", f"{spdx!r} is not an SPDX licence id; for custom terms "
                                     "leave spdx out and give their name and url")


@rule("DS403", "license-spelling", "distribution", "warning", 1)
def license_spelling(sheet: Sheet) -> Iterator[Hit]:
    """A licence is spelt the platform way rather than as its SPDX id, or its SPDX id is missing.

    Why: tools match licences by SPDX id, exactly. `cc-by-nc-4.0` (Hugging Face), `GPL-3.0`
    (deprecated, Kaggle) and `CC BY 4.0` are the same licences as `CC-BY-NC-4.0`,
    `GPL-3.0-only` and `CC-BY-4.0`, but only the last spellings are understood everywhere.

    Failing:

        distribution:
          license: {name: CC BY-NC 4.0, spdx: cc-by-nc-4.0}

    Passing:

        distribution:
          license: {name: CC BY-NC 4.0, spdx: CC-BY-NC-4.0}
    """
    found = license_of(sheet)
    if not found:
        return
    spdx, name = found.get("spdx"), found.get("name")
    if isinstance(spdx, str):
        canonical = normalise_license(spdx)
        if canonical and canonical != spdx.strip():
            yield Hit(f"{LICENSE}.spdx", f"write the SPDX id {canonical!r} instead of {spdx!r}")
    elif isinstance(name, str) and (canonical := normalise_license(name)):
        yield Hit(LICENSE, f"the licence {name!r} is the SPDX licence {canonical}; "
                           f"add `spdx: {canonical}`")


@rule("DS404", "custom-license-without-link", "distribution", "error", 2)
def custom_license_without_link(sheet: Sheet) -> Iterator[Hit]:
    """A licence that is not an SPDX licence has no link to its text.

    Why: custom terms ("for non-commercial research only", a data use agreement) can only be
    followed when a reader can read them. Give `url` (or an SPDX id when the terms are one).

    Failing:

        distribution:
          license: {name: Research use only}

    Passing:

        distribution:
          license: {name: Research use only, url: https://example.org/terms}
    """
    found = license_of(sheet)
    if not found or found.get("url") or found.get("spdx"):
        return
    name = found.get("name")
    if isinstance(name, str) and not normalise_license(name):
        yield Hit(LICENSE, f"the licence {name.strip()!r} is not an SPDX licence and has no url; "
                           "add a link to the terms")

"""Licence: is there one, is it an SPDX id (spelt as SPDX spells it), or a custom licence with a
link.

The form of an SPDX expression is checked by the schema (DS105). What a licence string means
(which SPDX id, whether it is a platform sentinel such as "other", whether the id is deprecated)
is the shared licences module's knowledge; these rules only decide what to tell the author.
The module is imported inside the rules, not here, so that listing the rules stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..answers import Status, status_of
from ..findings import clip
from ..sheet import Sheet
from . import Context, Hit, rule

LICENSE = "distribution.license"
# What the licences module calls a value that names no SPDX licence. "unrecognized" is not
# among them: text nobody can read is left to the schema's form check (DS105).
_NOT_SPDX_KINDS = frozenset({"family", "custom", "research_only", "proprietary", "public_domain",
                             "other", "unknown", "none"})


def license_of(sheet: Sheet, path: str = LICENSE) -> dict[str, Any] | None:
    value = sheet.get(path)
    return value if isinstance(value, dict) and "status" not in value else None


@rule("DS401", "license-unknown", "distribution", "warning", 2)
def license_unknown(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
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
def license_not_spdx(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
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
    from .. import licenses

    found = license_of(sheet)
    spdx = found.get("spdx") if found else None
    # SPDX's own way to name custom terms (LicenseRef-...) is valid SPDX, whatever it says.
    if not isinstance(spdx, str) or spdx.strip().startswith(("LicenseRef-", "DocumentRef-")):
        return
    if licenses.is_spdx_id(spdx):  # the usual case, answered without the table of spellings
        return
    read = licenses.normalize(spdx)
    if read.kind in _NOT_SPDX_KINDS and not read.is_expression:
        yield Hit(f"{LICENSE}.spdx", f"{clip(spdx)!r} is not an SPDX licence id; for custom terms "
                                     "leave spdx out and give their name and url")


@rule("DS403", "license-spelling", "distribution", "warning", 1)
def license_spelling(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """A licence is spelt the platform way rather than as its SPDX id, or its SPDX id is missing.

    Why: tools match licences by SPDX id, exactly. `cc-by-nc-4.0` (Hugging Face), `GPL-3.0`
    (deprecated, Kaggle) and `CC BY 4.0` are the same licences as `CC-BY-NC-4.0`,
    `GPL-3.0-only` and `CC-BY-4.0`, but only the last spellings are understood everywhere.

    The advice is in the file's own terms: a datasheet gets `spdx:`; a Hugging Face card the
    Hub's id (`license: cc-by-4.0`; a card that already uses one is not reported), Kaggle
    metadata Kaggle's name (`"licenses": [{"name": "CC-BY-4.0"}]`), a Croissant file the SPDX
    licence URL.

    Failing:

        distribution:
          license: {name: CC BY-NC 4.0, spdx: cc-by-nc-4.0}

    Passing:

        distribution:
          license: {name: CC BY-NC 4.0, spdx: CC-BY-NC-4.0}
    """
    from .. import licenses

    found = license_of(sheet)
    if not found:
        return
    spdx, name = found.get("spdx"), found.get("name")
    if isinstance(spdx, str):
        if licenses.is_spdx_id(spdx):  # a current id, spelt as SPDX spells it
            return
        read = licenses.normalize(spdx)
        if read.kind != "spdx" or read.spdx is None:
            return
        canonical = licenses.current_id(read.spdx) or read.spdx
        if read.deprecated and canonical == read.spdx:
            yield Hit(f"{LICENSE}.spdx", f"{clip(spdx)!r} is a deprecated SPDX id; SPDX names no "
                                         "single replacement, so check which licence is meant")
        elif canonical != spdx.strip():
            why = f" ({read.spdx} is deprecated)" if read.deprecated else ""
            yield Hit(f"{LICENSE}.spdx",
                      f"write the SPDX id {canonical!r} instead of {clip(spdx)!r}{why}")
    elif isinstance(name, str) and (current := licenses.current_spdx(name)):
        advice = platform_advice(sheet, name, current)
        if advice:
            yield Hit(LICENSE, f"the licence {clip(name)!r} is the SPDX licence {current}; "
                               f"{advice}")


def _key_of(sheet: Sheet, default: str) -> str:
    """The key the file itself spells the licence with (`license` or the legacy `licenses` of
    an HF card), for advice in the file's own terms."""
    key = sheet.origin(LICENSE).key.removeprefix("yaml:")
    return key if key in ("license", "licenses") else default


def platform_advice(sheet: Sheet, name: str, spdx: str) -> str | None:
    """What to write, in the file's own format, so that the licence `name` reads as the SPDX
    licence `spdx`; None when the file already says it the way its platform wants.

    A datasheet has `spdx:`. A Hugging Face card has only the Hub's closed list of ids
    (`license: cc0-1.0`), Kaggle metadata only Kaggle's names (`licenses: [{name: CC0-1.0}]`),
    Croissant a licence URL (the spec recommends an SPDX one)."""
    from .. import licenses

    read = licenses.normalize(spdx)
    if sheet.kind == "hf":
        hub = licenses.hf_id(read)
        key = _key_of(sheet, "license")
        if hub and name.strip() == hub:
            return None  # the Hub's own id: the platform's way of naming the SPDX licence
        if hub:
            return f"write `{key}: {hub}`, the Hub's id for it"
        return (f"the Hub has no id for it: write `license: other` with "
                f"`license_name: {spdx.lower()}` and `license_link: {licenses.spdx_url(spdx)}`")
    if sheet.kind == "kaggle":
        if sheet.presence and sheet.presence.get("variant") in ("api", "info"):
            return None  # metadata Kaggle wrote itself, in its display names
        kaggle = licenses.kaggle_name(read)
        if kaggle and name.strip() == kaggle:
            return None
        if kaggle:
            return f"write `\"licenses\": [{{\"name\": \"{kaggle}\"}}]`, Kaggle's name for it"
        return ('Kaggle has no name for it: write `"licenses": [{"name": "other"}]` and state '
                "the licence in the description")
    if sheet.kind == "croissant":
        if name.strip().lower().startswith(("http://", "https://")):
            return None  # a licence URL, as the spec asks
        return f'write `"license": "{licenses.spdx_url(spdx)}"`'
    return f"add `spdx: {spdx}`"


@rule("DS404", "custom-license-without-link", "distribution", "error", 2)
def custom_license_without_link(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
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
    from .. import licenses

    found = license_of(sheet)
    if not found or found.get("url") or found.get("spdx"):
        return
    name = found.get("name")
    # An SPDX licence or expression has a public text; anything else needs its own link.
    if isinstance(name, str) and not (licenses.current_spdx(name)
                                      or licenses.normalize(name).is_expression):
        yield Hit(LICENSE, f"the licence {clip(name.strip())!r} is not an SPDX licence and has "
                           f"no link to its terms; {_link_advice(sheet)}")


def _link_advice(sheet: Sheet) -> str:
    """Where the file's own format keeps a link to licence terms."""
    if sheet.kind == "hf":
        return "add `license_link:` with the address of the terms"
    if sheet.kind == "kaggle":
        return "Kaggle metadata has no place for a link: give the terms' address in the description"
    if sheet.kind == "croissant":
        return 'give `"license"` as the address of the terms'
    return "add `url:` with the address of the terms"

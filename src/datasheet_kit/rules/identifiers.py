"""Persistent identifiers: a DOI, Handle or ARK is given, and each one is well formed.

Syntax only, offline (croissant_fair.md §5); whether an identifier resolves needs the network and
is not a lint question. What counts as a DOI, Handle or ARK is datasheet_kit.identifiers'
knowledge, shared with the FAIR checks, provenance and the Croissant writer; these rules only
decide what to tell the author.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import identifiers
from ..findings import clip
from ..sheet import Sheet, join
from . import Context, Hit, rule

PID_SCHEMES = ("doi", "handle", "ark")
_EXAMPLES = {"doi": "10.5281/zenodo.1234567", "handle": "20.500.12345/678",
             "ark": "ark:/13030/tf5p30086k"}


def _identifiers(sheet: Sheet) -> Iterator[tuple[str, str, str]]:
    """(path, scheme, value) of each identifier the dataset itself declares."""
    items = sheet.get("dataset.identifiers")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("value"), str):
            yield join("dataset.identifiers", index), str(item.get("scheme", "")), item["value"]


def _mislabelled(scheme: str, value: str) -> str | None:
    """The PID scheme of an identifier declared as a URL or "other", if it is a PID.

    A bare "123/abc" has the form of a Handle by accident, so identifiers.pid_scheme trusts a
    Handle only behind hdl:, a hdl.handle.net link or the 20.500 prefix.
    """
    return identifiers.pid_scheme(value) if scheme in ("url", "other") else None


def _is_pid(value: str) -> bool:
    """Whether a value given where only a PID belongs (source_pid) is one. A bare Handle counts
    here: in a field that must hold a PID, "1721.1/123" is not "anything"."""
    return (identifiers.pid_scheme(value) is not None
            or identifiers.validate("handle", value) is None)


@rule("DS501", "no-persistent-identifier", "dataset", "warning", 2)
def no_persistent_identifier(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """The dataset has no persistent identifier (DOI, Handle or ARK).

    Why: a persistent identifier keeps pointing at the data when a web page moves, and lets
    others cite exactly this dataset. A Kaggle or Hugging Face URL is an address, not a
    persistent identifier (FAIR principle F1).

    Failing:

        dataset:
          identifiers:
            - {scheme: url, value: https://www.kaggle.com/datasets/someone/skin-cancer}

    Passing:

        dataset:
          identifiers:
            - {scheme: doi, value: 10.7910/DVN/DBW86T}
    """
    # A PID declared under the wrong scheme is still a PID: DS503 reports the scheme.
    if not any(scheme in PID_SCHEMES or _mislabelled(scheme, value)
               for _, scheme, value in _identifiers(sheet)):
        yield Hit("dataset.identifiers", "the dataset has no persistent identifier (DOI, Handle "
                                         "or ARK); a web address can change or disappear")


@rule("DS502", "malformed-identifier", "dataset", "error", 2)
def malformed_identifier(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """A DOI, Handle or ARK is not well formed (also the `source_pid` of a copy's original).

    Why: a mistyped identifier resolves to nothing, or to someone else's data. A DOI is
    `10.<registrant>/<suffix>`, a Handle `<prefix>/<suffix>`, an ARK `ark:/<NAAN>/<name>`;
    resolver prefixes such as https://doi.org/ or doi: are accepted.

    Failing:

        dataset:
          identifiers:
            - {scheme: doi, value: zenodo.1234567}

    Passing:

        dataset:
          identifiers:
            - {scheme: doi, value: 10.5281/zenodo.1234567}
    """
    for path, scheme, value in _identifiers(sheet):
        reason = identifiers.validate(scheme, value) if scheme in PID_SCHEMES else None
        if reason:
            yield Hit(join(path, "value"),
                      f"{clip(value)!r} is not a well-formed {scheme.upper()}: "
                      f"{reason} (for example {_EXAMPLES[scheme]})")
    sources = sheet.get("provenance.derived_from")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        pid = source.get("source_pid") if isinstance(source, dict) else None
        if isinstance(pid, str) and not _is_pid(pid):
            yield Hit(f"provenance.derived_from[{index}].source_pid",
                      f"{clip(pid)!r} is not a DOI, Handle or ARK (for example "
                      f"doi:{_EXAMPLES['doi']}); put a web address in source_url")


@rule("DS503", "identifier-scheme-mismatch", "dataset", "warning", 1)
def identifier_scheme_mismatch(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """An identifier is a DOI, Handle or ARK but is declared as a URL or "other".

    Why: declared as a URL, https://doi.org/10.5281/zenodo.1234567 counts as an address and the
    dataset looks as if it had no persistent identifier.

    Failing:

        dataset:
          identifiers:
            - {scheme: url, value: https://doi.org/10.5281/zenodo.1234567}

    Passing:

        dataset:
          identifiers:
            - {scheme: doi, value: 10.5281/zenodo.1234567}
    """
    for path, scheme, value in _identifiers(sheet):
        if found := _mislabelled(scheme, value):
            yield Hit(join(path, "scheme"), f"{clip(value)!r} is a {found.upper()}; write "
                                            f"`scheme: {found}` and the bare identifier")

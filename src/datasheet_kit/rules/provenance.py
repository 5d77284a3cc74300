"""Provenance of copies: a copy names its original, the original's licence, and what it kept.

Only for datasheets with `provenance.derived_from` (a copy, a subset, a conversion, a merge).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..answers import Status, status_of
from ..findings import clip
from ..sheet import Sheet, join
from . import Context, Hit, rule
from .license import LICENSE

SOURCES = "provenance.derived_from"


def _sources(sheet: Sheet) -> Iterator[tuple[str, dict]]:
    items = sheet.get(SOURCES)
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield join(SOURCES, index), item


def _name(source: dict) -> str:
    name = source.get("source_dataset")
    return repr(name) if isinstance(name, str) else "the original"


@rule("DS701", "source-unidentified", "provenance", "error", 2)
def source_unidentified(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """A copy names its original without an identifier or address.

    Why: "from ISIC" does not say which of a dozen ISIC releases; a DOI (or at least a URL) of
    the original lets a reader check what was copied, and credit it.

    Failing:

        provenance:
          derived_from:
            - {source_dataset: HAM10000, relationship: derives_from}

    Passing:

        provenance:
          derived_from:
            - source_dataset: HAM10000
              relationship: derives_from
              source_pid: doi:10.7910/DVN/DBW86T
    """
    for path, source in _sources(sheet):
        if not source.get("source_pid") and not source.get("source_url"):
            yield Hit(path, f"{_name(source)} is named without source_pid or source_url")


@rule("DS702", "source-without-pid", "provenance", "warning", 1)
def source_without_pid(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """A copy points at its original by web address only, without a persistent identifier.

    Why: landing pages move and challenge sites close; a DOI, Handle or ARK of the original
    stays. Give it when the original has one.

    Failing:

        provenance:
          derived_from:
            - {source_dataset: HAM10000, relationship: derives_from,
               source_url: https://example.org/ham10000}

    Passing:

        provenance:
          derived_from:
            - {source_dataset: HAM10000, relationship: derives_from,
               source_pid: doi:10.7910/DVN/DBW86T}
    """
    for path, source in _sources(sheet):
        if source.get("source_url") and not source.get("source_pid"):
            yield Hit(join(path, "source_url"),
                      f"{_name(source)} has a URL but no source_pid (DOI, Handle or ARK)")


@rule("DS703", "source-license-missing", "provenance", "error", 2)
def source_license_missing(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """A copy does not state the licence of its original.

    Why: a copy may only be shared on the terms of its original; without them neither the
    uploader nor a reader can tell whether the copy is lawful.

    Failing:

        provenance:
          derived_from:
            - {source_dataset: HAM10000, relationship: derives_from,
               source_pid: doi:10.7910/DVN/DBW86T}

    Passing:

        provenance:
          derived_from:
            - source_dataset: HAM10000
              relationship: derives_from
              source_pid: doi:10.7910/DVN/DBW86T
              source_license: {name: CC BY-NC 4.0, spdx: CC-BY-NC-4.0}

    An explicit gap (`source_license: {status: unknown, reason: ...}`) says the terms were looked
    for and not found; it passes this rule, and the compatibility rule then says "unknown".
    """
    for path, source in _sources(sheet):
        if "source_license" not in source:
            yield Hit(path, f"the licence of {_name(source)} is not stated (source_license)")


@rule("DS704", "license-incompatible", "provenance", "error", 3)
def license_incompatible(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """The copy's licence breaks the terms of its original's licence.

    Why: a non-commercial original cannot become a commercially usable copy by re-uploading it
    under CC0; a no-derivatives original cannot be resized or relabelled and shared; a
    share-alike original must be shared under the same licence. Copies on Kaggle and Hugging
    Face often break these terms, and their users inherit the problem. The verdict is the one
    `datasheet provenance` gives (DS902): attribution, non-commercial, no-derivatives and
    share-alike conditions are judged; terms nobody has summarised are left to a human.

    Failing:

        distribution:
          license: {name: CC0 1.0, spdx: CC0-1.0}
        provenance:
          derived_from:
            - source_dataset: HAM10000
              relationship: derives_from
              source_license: {name: CC BY-NC 4.0, spdx: CC-BY-NC-4.0}

    Passing:

        distribution:
          license: {name: CC BY-NC 4.0, spdx: CC-BY-NC-4.0}
        provenance:
          derived_from:
            - source_dataset: HAM10000
              relationship: derives_from
              source_license: {name: CC BY-NC 4.0, spdx: CC-BY-NC-4.0}
    """
    sources = list(_sources(sheet))
    if not sources:  # not a copy: no need to load the licence table
        return
    from .. import licenses

    copy = licenses.license_answer(sheet.get(LICENSE))
    if not copy:
        return
    for path, source in sources:
        original = licenses.license_answer(source.get("source_license"))
        if not original:
            continue
        changes = source.get("changes")
        changed = [c for c in changes if isinstance(c, str)] if isinstance(changes, list) else []
        verdict, reasons = licenses.license_compatibility(original, copy, modified=bool(changed))
        # Only a contradiction is this rule's business; "unknown" needs a person, not an error.
        if verdict == "incompatible":
            yield Hit(join(path, "source_license"),
                      f"the copy's licence {clip(licenses.license_text(copy), 60)!r} breaks the "
                      f"terms of the original's {clip(licenses.license_text(original), 60)!r}: "
                      + " ".join(reasons))


@rule("DS705", "split-preservation-unstated", "provenance", "warning", 1)
def split_preservation_unstated(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """A copy does not say whether it kept the original's official train/validation/test splits.

    Why: results on a re-split copy cannot be compared with published results on the original,
    and a re-split done per image rather than per patient leaks patients into the test set.

    Failing:

        provenance:
          derived_from:
            - {source_dataset: HAM10000, relationship: derives_from}

    Passing:

        provenance:
          derived_from:
            - {source_dataset: HAM10000, relationship: derives_from, split_preserved: false}
    """
    for path, source in _sources(sheet):
        status = status_of(source.get("split_preserved"))
        if status in (Status.MISSING, Status.TODO, Status.PLACEHOLDER):
            yield Hit(path, f"say whether the official splits of {_name(source)} were kept "
                            "(split_preserved)")

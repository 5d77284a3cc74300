"""Targets: the evidence a copy carries, whatever it was read from (a datasheet or card read into a
Sheet, a local folder, one row of a platform listing).

Each kind of input has its own reader here, and all of them end in the same `Target`, so the
matching never needs to know where a copy came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..answers import count_of, text_of
from ..licenses import license_answer
from ..sheet import Sheet, strings
from .references import _own_links, _split_counts

_BYTES_UNITS = {"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12}


@dataclass
class Target:
    """The evidence a copy carries, whatever it was read from."""

    file: str
    kind: str  # datasheet | hf | kaggle | croissant | folder | listing
    title: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # field -> text (subtitle, summary...)
    keywords: list[str] = field(default_factory=list)
    declared: list[dict] = field(default_factory=list)  # provenance.derived_from entries
    license: dict = field(default_factory=dict)
    num_images: int | None = None
    split_counts: dict[str, int] = field(default_factory=dict)
    size_bytes: int | None = None
    file_names: list[str] = field(default_factory=list)  # relative paths of the images
    patterns: list[str] = field(default_factory=list)
    links: set[str] = field(default_factory=set)  # its own landing page and identifiers
    cited: str = ""  # every text of the target, searched for the original's DOI or page
    same_file: str | None = None  # the target's own path, to skip it among the references
    sheet: Sheet | None = None  # where the answers came from, for the line of a finding

    def at(self, *paths: str) -> dict:
        """File, line and column of the first of `paths` the target's sheet has."""
        if self.sheet is None:
            return {"file": self.file}
        for path in paths:
            if self.sheet.get(path) is not None:
                origin = self.sheet.origin(path)
                return {"file": self.file, "line": origin.line, "column": origin.column}
        return {"file": self.file}


def target_from_sheet(sheet: Sheet) -> Target:
    """Any input that `inputs.load_document` turns into a Sheet: datasheets now, cards later."""
    texts = {}
    for path in ("dataset.summary", "motivation.purpose", "composition.instance_count",
                 "collection.direct_or_third_party", "dataset.citation"):
        text = text_of(sheet.get(path))
        if text:
            texts[path] = text
    aliases = [a for a in sheet.get("dataset.aliases") or [] if isinstance(a, str)]
    if aliases:
        texts["dataset.aliases"] = "; ".join(aliases)
    keywords = [k for k in sheet.get("dataset.keywords") or [] if isinstance(k, str)]
    declared = [d for d in sheet.get("provenance.derived_from") or [] if isinstance(d, dict)]
    return Target(
        file=sheet.file, kind=sheet.kind, title=str(sheet.get("dataset.title") or ""),
        texts=texts, keywords=keywords, declared=declared,
        license=license_answer(sheet.get("distribution.license")),
        # A card reader may only have a total count (HF dataset_info) for composition.
        num_images=count_of(sheet.get("medical_imaging.num_images"))
        or count_of(sheet.get("composition.instance_count")),
        split_counts=_split_counts(sheet.get("medical_imaging.split_counts")),
        size_bytes=count_of(sheet.get("dataset.size_bytes")),
        patterns=[p for p in sheet.get("dataset.file_patterns") or [] if isinstance(p, str)],
        links=set().union(*_own_links(sheet)), same_file=str(Path(sheet.file).resolve()),
        # A reader may put the original's DOI in any answer, so every text is searched.
        sheet=sheet, cited=" ".join([*(text for _, text in strings(sheet.data)),
                                     *(str(u.get("text", "")) for u in sheet.unmapped)]))


def target_from_folder(scan: Any, sheet: Sheet | None = None) -> Target:
    """A local copy: its folder name, file names, image counts per split folder and total size,
    plus what its own datasheet declares when it ships one."""
    target = target_from_sheet(sheet) if sheet is not None else Target(scan.root, "folder")
    target.file, target.kind, target.sheet = scan.root, "folder", None
    target.texts["folder name"] = Path(scan.root).name
    images = scan.images
    target.file_names = [e.path for e in images]
    target.num_images = len(images)
    target.split_counts = scan.split_counts()
    target.size_bytes = scan.total_bytes
    return target


# Kaggle licence display names that say nothing about the terms.
NO_LICENSE = frozenset({"unknown", "other (specified in description)", ""})


def target_from_listing(row: dict, file: str = "") -> Target:
    """One row of a platform listing table in the flattened Croissant-like form of the
    duplicate-datasets project (name, alternateName, keywords, license.name, contentSize in MB)."""
    license_name = (row.get("license.name") or "").strip()
    keywords = [k.strip() for k in (row.get("keywords") or "").split(";") if k.strip()]
    texts = {"subtitle": row["alternateName"]} if (row.get("alternateName") or "").strip() else {}
    if (row.get("description") or "").strip():
        texts["description"] = row["description"]
    return Target(
        file=file or row.get("url", ""), kind="listing", title=(row.get("name") or "").strip(),
        texts=texts, keywords=keywords,
        license={} if license_name.lower() in NO_LICENSE else {"name": license_name},
        size_bytes=parse_size(row.get("contentSize") or "", "mb"))


def parse_size(text: str, default_unit: str = "b") -> int | None:
    """'75776.0' (in `default_unit`), '1.2 GB', '595 MB' -> bytes (decimal units)."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([kmgt]?b)?\s*", str(text).lower())
    if not match:
        return None
    try:
        return int(float(match.group(1)) * _BYTES_UNITS[match.group(2) or default_unit])
    except ValueError:
        return None

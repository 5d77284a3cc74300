"""The reference datasheets of well-known originals: where they are, how they are loaded, and what
each offers for recognising its copies (`Reference`: names, family and year, file patterns,
counts, size, licence, pages and identifiers).

Loading references is separate from matching so that the matching code only ever sees the
compact `Reference` values, never a datasheet.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import identifiers
from ..answers import count_of
from ..copycats import canonical_split
from ..findings import Finding
from ..licenses import license_answer
from ..sheet import Sheet, load
from .names import _YEAR_WORD, compact


@dataclass(frozen=True)
class Reference:
    """What a reference datasheet offers for recognising copies of its dataset."""

    id: str
    file: str
    title: str
    names: tuple[str, ...]
    family: str | None  # the name without its year ("isic"), when the names carry a year
    year: str | None
    keywords: frozenset[str]
    patterns: tuple[str, ...]
    num_images: int | None
    split_counts: dict[str, int]
    size_bytes: int | None
    license: dict
    links: frozenset[str]
    pids: frozenset[str]


def _link(url: str) -> str:
    """A URL as compared: no scheme, no www., no query or fragment, no trailing slash."""
    url = url.strip().lower()
    url = re.sub(r"^[a-z]+://", "", url)
    url = re.sub(r"^www\.", "", url)
    return re.split(r"[?#]", url)[0].rstrip("/")


def _split_counts(entries: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("images"), int):
            name = canonical_split(str(entry.get("name", "")))
            counts[name] = counts.get(name, 0) + entry["images"]
    return counts


def _pid(text: str) -> str:
    """A persistent identifier as compared: the shared parser's bare value (no label or
    resolver; a DOI in lower case), else the text as written, in lower case."""
    found = identifiers.parse(text)
    return (found.value if found is not None and found.scheme != "url" else text.strip()).lower()


def _own_links(sheet: Sheet) -> tuple[set[str], set[str]]:
    """Landing page and URL identifiers (compared as links), and persistent identifiers."""
    links, pids = set(), set()
    if isinstance(sheet.get("dataset.landing_page"), str):
        links.add(_link(sheet.get("dataset.landing_page")))
    for ident in sheet.get("dataset.identifiers") or []:
        if isinstance(ident, dict) and isinstance(ident.get("value"), str):
            if ident.get("scheme") in ("url", "other"):
                links.add(_link(ident["value"]))
            else:
                pids.add(_pid(ident["value"]))
    return links, pids


def reference_from_sheet(sheet: Sheet) -> Reference:
    data_id = Path(sheet.file).stem
    title = str(sheet.get("dataset.title") or data_id)
    aliases = [a for a in sheet.get("dataset.aliases") or [] if isinstance(a, str)]
    names = [title, *aliases]
    # The file name ("isic-2019") is a name too, unless it only repeats one in lower case:
    # "drive" must not turn the case-sensitive acronym DRIVE into the everyday word.
    if compact(data_id)[0] not in {compact(n)[0] for n in names}:
        names.append(data_id)
    names = list(dict.fromkeys(names))
    family, year = None, None
    for name in names:
        years = _YEAR_WORD.findall(name)
        rest = compact(_YEAR_WORD.sub(" ", name))[0]
        if len(years) == 1 and rest and (family is None or len(rest) < len(family)):
            family, year = rest, years[0]
    keywords = frozenset(compact(k)[0] for k in sheet.get("dataset.keywords") or []
                         if isinstance(k, str))
    links, pids = _own_links(sheet)
    patterns = tuple(p for p in sheet.get("dataset.file_patterns") or [] if isinstance(p, str))
    return Reference(
        id=data_id, file=sheet.file, title=title, names=tuple(names), family=family, year=year,
        keywords=keywords, patterns=patterns,
        num_images=count_of(sheet.get("medical_imaging.num_images")),
        split_counts=_split_counts(sheet.get("medical_imaging.split_counts")),
        size_bytes=count_of(sheet.get("dataset.size_bytes")),
        license=license_answer(sheet.get("distribution.license")),
        links=frozenset(links), pids=frozenset(pids))


def default_references() -> Path | None:
    """The reference datasheets: $DATASHEET_REFERENCES, else the copy bundled in the wheel, else
    the project's datasheets/ folder (an editable install from the source tree)."""
    # datasheet_kit/, where the wheel puts datasheets/
    here = Path(__file__).resolve().parent.parent
    for candidate in (os.environ.get("DATASHEET_REFERENCES"), here / "datasheets",
                      here.parent.parent / "datasheets"):
        if candidate and any(Path(candidate).glob("*.yaml")):
            return Path(candidate)
    return None


def load_references(folder: str | Path) -> tuple[list[Reference], list[Finding]]:
    """Every readable datasheet in `folder`; the load problems of the others as findings."""
    references, problems = [], []
    for path in sorted(Path(folder).glob("*.y*ml")):
        sheet = load(path)
        if sheet.fatal:
            problems.extend(sheet.findings)
        else:
            references.append(reference_from_sheet(sheet))
    return references, problems

"""Schema records (creators, identifiers, release files) from what a card says.

Every reader goes through `RECORDS` (called by the crosswalk walk), so lint, score, FAIR and the
import draft all see the same records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..answers import is_placeholder
from ..sheet import Sheet
from .values import render

_CREATOR_KEYS = ("name", "kind", "affiliation", "orcid", "ror", "email", "url")


def creator_records(values: Iterable[Any]) -> list[dict]:
    """Creator records ({name, kind, affiliation, orcid, ror, email, url}) from what a card says.

    A reader that knows more than a name (Croissant's typed `creator` objects) hands over records
    already; plain text is a name, and "; " separates names because that is how our own cards
    list several creators (writers/_text.brief). Other free text stays one name: "A and B, Lab"
    cannot be split safely.
    """
    out: list[dict] = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                record = {k: item[k] for k in _CREATOR_KEYS if item.get(k)}
                if record.get("name", "").strip():
                    record["name"] = record["name"].strip()
                    out.append(record)
                continue
            for name in render(item).split(";"):
                if name.strip() and not is_placeholder(name):
                    out.append({"name": name.strip()})
    return _unique(out)


def identifier_records(values: Iterable[Any]) -> list[dict]:
    """Identifier records ({scheme, value}) from what a card says, read by `identifiers`.

    A value that is one identifier (a Croissant `identifier`, a bullet holding a DOI link) is
    taken as declared, plain web addresses included. From prose (a "Dataset Sources" section, a
    citation) only identifiers that name data are taken: a paper's DOI there is not the dataset's
    (the same line FAIR-F1-PID draws, through identifiers.names_data).
    """
    from .. import identifiers

    out: list[dict] = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and {"scheme", "value"} <= set(item):
                out.append({"scheme": item["scheme"], "value": item["value"]})
                continue
            text = item.get("@id") or item.get("value") if isinstance(item, dict) else item
            if not isinstance(text, str):
                continue
            one = identifiers.parse(text)
            found = [one] if one is not None else [
                i for i in identifiers.find_all(text) if identifiers.names_data(i)]
            out += [{"scheme": i.scheme, "value": i.value} for i in found]
    return _unique(out)


_FILE_KEYS = ("name", "content_url", "encoding_format", "sha256", "md5", "size_bytes")


def file_records(values: Iterable[Any]) -> list[dict]:
    """ReleaseFile records ({name, content_url, encoding_format, sha256, md5, size_bytes}) that a
    reader built from the card's file descriptions; anything else (a set of files given by a
    glob, a bare name) is not one downloadable file and is left out."""
    out = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"]:
                out.append({k: item[k] for k in _FILE_KEYS if item.get(k) not in (None, "")})
    return _unique(out)


def _unique(records: list[dict]) -> list[dict]:
    seen: list[dict] = []
    for record in records:
        if record not in seen:
            seen.append(record)
    return seen


# Questions whose answers the schema types as lists of records, and how a card's values become
# them.
RECORDS: dict[str, Callable[[Iterable[Any]], list[dict]]] = {
    "dataset.creators": creator_records,
    "dataset.identifiers": identifier_records,
    "dataset.files": file_records,
}


def identifiers_from_citation(sheet: Sheet) -> None:
    """When a card declares no identifier, take those its citation gives for the data.

    For a card format with no identifier field of its own (a Hugging Face README), the citation
    is where a dataset's DOI is written; the origin stays the citation's, so a finding on the
    identifier points at the BibTeX that holds it.
    """
    dataset = sheet.data.get("dataset", {})
    if dataset.get("identifiers") or "dataset.citation" not in sheet.origins:
        return
    found = identifier_records([render(dataset.get("citation"))])
    if found:
        dataset["identifiers"] = found
        sheet.origins["dataset.identifiers"] = sheet.origins["dataset.citation"]

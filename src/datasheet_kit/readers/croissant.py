"""Croissant JSON-LD (0.8, 1.0, 1.1), core and Responsible-AI (`rai:`) properties.

We read the JSON as written rather than expanding it as RDF: the crosswalk names properties as
the spec's examples spell them, so the only work is to bring the spellings people use to one form
(`sc:name`, `schema:name`, `https://schema.org/name` -> `name`; `cr:dataBiases`, which the Hub's
generated context uses for RAI terms, -> `rai:dataBiases`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..findings import Severity
from ..jsonld import PREFIXES as _PREFIXES
from ..jsontext import open_json
from ..sheet import Origin, Sheet
from . import (
    Place,
    add_finding,
    crosswalk_names,
    fill,
    key_lines,
    norm,
    platform_crosswalk,
    presence,
    question_labels,
    split_labelled,
)

_VERSION = re.compile(r"mlcommons\.org/croissant/(\d+\.\d+)/?$")
KNOWN_VERSIONS = ("1.0", "1.1")


def read(source: str | bytes | Path, file: str | None = None) -> Sheet:
    sheet, text, document, depth = open_json(source, file, "croissant")
    if document is None:
        return sheet
    mapping = platform_crosswalk("croissant")
    rai = {name.split(":", 1)[1] for name in crosswalk_names(mapping) if name.startswith("rai:")}
    spelled = {}
    lines = key_lines(text, depth)
    for raw in document:
        spelled.setdefault(normal_key(raw, rai), raw)
    data = normalise(document, rai)
    version = _version(sheet, data, lines.get(spelled.get("conformsTo", ""), (1, 1)))
    places: dict[str, list[Place]] = {}
    labels = question_labels(mapping)
    for name in crosswalk_names(mapping):
        top = name.split(".")[0]
        if top not in data:
            continue
        found = find(data[top], name.split(".")[1:])
        if not found:
            continue
        raw = spelled.get(top, top)
        line, column = lines.get(raw, (1, 1))
        value = found[0] if len(found) == 1 else found
        if name == "license":
            value = {"name" if not _is_url(value) else "url": value}
            if "url" in value:
                value["name"] = value["url"]
        if name == "creator":
            value = [_creator(v) for v in (value if isinstance(value, list) else [value])]
        elif name == "distribution":
            value = [f for f in map(_release_file, _as_list(value)) if f]
        origin = Origin(sheet.file, line, column, raw)
        value = _claim_labelled(name, value, labels.get(norm(name), {}), origin, places)
        if value is not None:
            places.setdefault(norm(name), []).append(Place(name, value, origin, _prose(value)))
    fill(sheet, [mapping], places)
    core = dict.fromkeys(n.split(".")[0] for n in crosswalk_names(mapping) if ":" not in n)
    sheet.presence = presence({f: [data.get(f)] for f in core}, version)
    return sheet


def _prose(value: Any) -> bool:
    """Text, a list of texts, or organisations given only by their description read as prose;
    other values read better with their property in front."""
    items = value if isinstance(value, list) else [value]
    return all(isinstance(v, str) or (isinstance(v, dict) and "name" not in v
                                      and isinstance(v.get("description"), str)) for v in items)


def _claim_labelled(name: str, value: Any, labels: dict[str, str], origin: Origin,
                    places: dict[str, list[Place]]) -> Any:
    """Give each labelled part of a shared property ("**Retention.** ...", as our writer
    separates several answers) to its question; return what is left for the property itself."""
    if not labels or not _prose(value):
        return value
    if isinstance(value, str):
        rest, claimed = split_labelled(value.split("\n\n"), labels)
        left: Any = "\n\n".join(rest) if rest else None
    else:
        items = value if isinstance(value, list) else [value]
        texts = [v if isinstance(v, str) else v["description"] for v in items]
        rest, claimed = split_labelled(texts, labels)
        left = [v for v, t in zip(items, texts) if t in rest] or None
        if isinstance(left, list) and len(left) == 1:
            left = left[0]
    for qid, text in claimed:
        places.setdefault(norm(name), []).append(Place(name, text, origin, True, qid))
    return left


_ORCID = re.compile(r"(?:orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
_ROR = re.compile(r"^https://ror\.org/0[a-z0-9]{6}\d{2}$")


def _creator(item: Any) -> Any:
    """A schema.org Person or Organization as a Creator record (the inverse of what
    writers/croissant.py writes); anything without a name is left as it is, to be read as text.
    Only values the schema's patterns accept are kept, so an imported draft still validates."""
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        return item
    record: dict[str, Any] = {"name": item["name"]}
    types = {_type_name(t) for t in _as_list(item.get("@type"))}
    if "Person" in types:
        record["kind"] = "person"
    elif types & {"Organization", "Organisation"}:
        record["kind"] = "organization"
    affiliation = next(iter(_as_list(item.get("affiliation"))), None)
    affiliation = affiliation.get("name") if isinstance(affiliation, dict) else affiliation
    if isinstance(affiliation, str) and affiliation.strip():
        record["affiliation"] = affiliation.strip()
    # An ORCID or ROR may sit in identifier (a string or a PropertyValue), @id or sameAs.
    ids = [*_as_list(item.get("identifier")), item.get("@id"), *_as_list(item.get("sameAs"))]
    for ident in ids:
        text = (ident.get("value") or ident.get("@id")) if isinstance(ident, dict) else ident
        if not isinstance(text, str):
            continue
        orcid = _ORCID.search(text.strip())
        if orcid and record.get("kind") != "organization":
            record.setdefault("orcid", orcid.group(1))
        elif _ROR.match(text.strip()) and record.get("kind") != "person":
            record.setdefault("ror", text.strip())
    if isinstance(item.get("email"), str) and item["email"].strip():
        record["email"] = item["email"].strip().removeprefix("mailto:")
    if _is_url(item.get("url")):
        record["url"] = item["url"]
    return record


_SIZE = re.compile(r"^\s*(\d+)\s*(?:B|bytes?)?\s*$", re.IGNORECASE)


def _release_file(item: Any) -> dict | None:
    """A FileObject as a ReleaseFile record (the inverse of writers/croissant._file_object).
    A FileSet is files matched by a glob, not one download, so it is not one; values the
    schema would refuse (a relative URL, a checksum of the wrong length) are left out."""
    if not isinstance(item, dict):
        return None
    if "FileObject" not in map(_type_name, _as_list(item.get("@type"))):
        return None
    name = item.get("name") or item.get("@id")
    if not isinstance(name, str) or not name.strip():
        return None
    record: dict[str, Any] = {"name": name}
    if _is_url(item.get("contentUrl")):
        record["content_url"] = item["contentUrl"]
    if isinstance(item.get("encodingFormat"), str) and item["encodingFormat"].strip():
        record["encoding_format"] = item["encodingFormat"].strip()
    for key, length in (("sha256", 64), ("md5", 32)):
        digest = item.get(key)
        if isinstance(digest, str) and re.fullmatch(rf"[0-9a-fA-F]{{{length}}}", digest):
            record[key] = digest.lower()
    size = _SIZE.match(str(item.get("contentSize", "")))
    if size:
        record["size_bytes"] = int(size.group(1))
    return record


def _type_name(value: Any) -> str:
    """`sc:Person`, `https://schema.org/Person` and `Person` are all Person."""
    return value.rsplit(":", 1)[-1].rsplit("/", 1)[-1] if isinstance(value, str) else ""


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def normal_key(key: str, rai: set[str]) -> str:
    if key.startswith("@"):
        return key
    for prefix, replacement in _PREFIXES:
        if key.startswith(prefix):
            key = replacement + key[len(prefix):]
            break
    return "rai:" + key if key in rai else key


def normalise(value: Any, rai: set[str]) -> Any:
    if isinstance(value, dict):
        return {normal_key(k, rai): normalise(v, rai) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, rai) for v in value]
    return value


def find(value: Any, parts: list[str]) -> list[Any]:
    """Values at a crosswalk path; a part such as `cr:Split` keeps the items of that data type
    (splits are the record sets whose dataType is cr:Split)."""
    if not parts:
        return [value] if value is not None else []
    if isinstance(value, list):
        return [found for item in value for found in find(item, parts)]
    if not isinstance(value, dict):
        return []
    head = parts[0]
    if ":" in head and head.split(":", 1)[1][:1].isupper():
        term = head.split(":", 1)[1]
        matched = any(_type_name(t) == term
                      for t in _as_list(value.get("dataType", value.get("@type", ""))))
        return find(value, parts[1:]) if matched else []
    return find(value[head], parts[1:]) if head in value else []


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def _version(sheet: Sheet, data: dict, where: tuple[int, int]) -> str:
    """The spec version from conformsTo; files without it are read with 0.8 meaning."""
    declared = data.get("conformsTo")
    uris = declared if isinstance(declared, list) else [declared] if declared else []
    versions = [m.group(1) for u in uris if isinstance(u, str) for m in [_VERSION.search(u)] if m]
    if not uris:
        add_finding(sheet, "DS015", 1, 1,
                    "no conformsTo: this is a pre-1.0 (0.8) Croissant file; add "
                    '"conformsTo": "http://mlcommons.org/croissant/1.1"', Severity.WARNING)
        return "0.8"
    known = [v for v in versions if v in KNOWN_VERSIONS]
    if not known:
        add_finding(sheet, "DS015", where[0], where[1],
                    f"conformsTo names no known Croissant version ({', '.join(map(str, uris))})",
                    Severity.WARNING)
        return versions[0] if versions else "unknown"
    return max(known)

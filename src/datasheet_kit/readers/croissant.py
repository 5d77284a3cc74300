"""Croissant JSON-LD (0.8, 1.0, 1.1), core and Responsible-AI (`rai:`) properties.

We read the JSON as written rather than expanding it as RDF: the crosswalk names properties as
the spec's examples spell them, so the only work is to bring the spellings people use to one form
(`sc:name`, `schema:name`, `https://schema.org/name` -> `name`; `cr:dataBiases`, which the Hub's
generated context uses for RAI terms, -> `rai:dataBiases`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..catalogue import Question
from ..findings import Severity
from ..jsonld import PREFIXES as _PREFIXES
from ..jsontext import open_json
from ..sheet import Origin, Sheet
from ..vocabularies import platform_lists
from . import shapes
from .crosswalk import (
    Layout,
    fill,
    platform_crosswalk,
    platform_layout,
    question_labels,
    split_labelled,
)
from .positions import add_finding
from .values import Found, Place, norm, presence

_VERSION = re.compile(r"mlcommons\.org/croissant/(\d+\.\d+)/?$")
KNOWN_VERSIONS = ("1.0", "1.1")


def layout() -> Layout:
    return platform_layout("croissant")


def read(source: str | bytes | Path, file: str | None = None,
         answers_only: bool = False) -> Sheet:
    """The Croissant file as a Sheet (`answers_only`: see inputs.read_document)."""
    sheet, found = places_of(source, file, rules=not answers_only)
    if found is not None:
        fill(sheet, layout(), found.places, convert=_convert, loose=found.loose,
             answers_only=answers_only)
    return sheet


def places_of(source: str | bytes | Path, file: str | None = None,
              rules: bool = True) -> tuple[Sheet, Found | None]:
    """The document's places before any question is answered (None when it cannot be read).
    `rules`: check what mlcroissant needs and the spec requires (DS023)."""
    sheet, text, document, depth = open_json(source, file, "croissant")
    if document is None:
        return sheet, None
    if rules:
        shapes.croissant(sheet, document, "[0]" if depth == 2 else "")
    mapping = platform_crosswalk("croissant")
    names = [n for group in (*mapping.values(), *platform_crosswalk("croissant_hint").values())
             for n in group]
    rai = {name.split(":", 1)[1] for name in names if name.startswith("rai:")}
    spelled: dict[str, str] = {}
    lines = sheet.parsed.keys_at(depth)
    for raw in document:
        spelled.setdefault(normal_key(raw, rai), raw)
    data = normalise(document, rai)
    version = _version(sheet, data, lines.get(spelled.get("conformsTo", ""), (1, 1)))
    places: dict[str, list[Place]] = {}
    labels = question_labels(mapping)
    walk = layout()
    for name in walk.names():
        spelt = next((n for n in names if norm(n) == name), name)
        top = spelt.split(".")[0]
        if top not in data:
            continue
        found = find(data[top], spelt.split(".")[1:])
        if not found:
            continue
        raw = spelled.get(top, top)
        line, column = lines.get(raw, (1, 1))
        value = found[0] if len(found) == 1 else found
        if spelt == "license":
            value = {"name" if not _is_url(value) else "url": value}
            if "url" in value:
                value["name"] = value["url"]
        if spelt == "creator":
            value = [_creator(v) for v in (value if isinstance(value, list) else [value])]
        elif spelt == "distribution":
            value = [f for f in map(_release_file, _as_list(value)) if f]
        origin = Origin(sheet.file, line, column, raw)
        value = _claim_labelled(spelt, value, labels.get(name, {}), origin, places)
        if value is not None:
            prose = _prose(value) and spelt != "keywords"  # tags, not sentences
            places.setdefault(name, []).append(
                Place(spelt, value, origin, prose, same_line=True))
    core = dict.fromkeys(n.split(".")[0] for n in names if ":" not in n)
    sheet.presence = presence({f: [data.get(f)] for f in core}, version)
    loose = _descriptions(sheet, data, lambda key: lines.get(spelled.get(key, key), (1, 1)))
    return sheet, Found(places, loose)


def _descriptions(sheet: Sheet, data: dict[str, Any],
                  line_of: Callable[[str], tuple[int, int]]) -> list[Place]:
    """The descriptions of record sets, fields and files, as prose the passage reader reads: a
    field's description often says how its values were measured or where they come from."""
    out = []
    for top in ("recordSet", "distribution"):
        if top not in data:
            continue
        line, column = line_of(top)
        texts = [t for t in _nested_descriptions(data[top]) if t.strip()]
        for text in dict.fromkeys(texts):
            out.append(Place(f"{top} description", text, Origin(sheet.file, line, column, top),
                             same_line=True))
    return out


def _nested_descriptions(value: Any) -> list[str]:
    if isinstance(value, list):
        return [t for item in value for t in _nested_descriptions(item)]
    if isinstance(value, dict):
        own = [value["description"]] if isinstance(value.get("description"), str) else []
        return own + [t for k, v in value.items() if k != "description"
                      for t in _nested_descriptions(v)]
    return []


def _convert(question: Question, found: list[Place]) -> Any:
    if question.id == "distribution.method":
        return _downloads(found)
    if question.id == "uses.other_tasks":
        return _keywords(found, _is_task)
    if question.id == "composition.instance_count":
        return _keywords(found, _is_size)
    return None


# Keywords that name a task: the Hub's task categories (its Croissant export lists them among
# the keywords) and Kaggle's "task > ..." tags.
_KAGGLE_TASK = re.compile(r"^\s*task\s*>\s*\S")


# The Hub's size bins as its Croissant export writes them among the keywords ("1K - 10K").
_SIZE_BIN = re.compile(r"^\s*(?:n\s*[<>]\s*)?\d+(?:\.\d+)?[KMBT]?"
                       r"(?:\s*(?:-|<n<)\s*\d+(?:\.\d+)?[KMBT]?)?\s*$")


def _is_task(keyword: str) -> bool:
    return (keyword.strip().lower() in platform_lists("hf")["task_categories"]
            or bool(_KAGGLE_TASK.match(keyword)))


def _is_size(keyword: str) -> bool:
    return bool(_SIZE_BIN.match(keyword)) and any(c in keyword for c in "KMBT<>-")


def _keywords(found: list[Place], keep) -> list[Place]:
    """The keywords answer a question only where they are the platform's closed-list words for
    it, as on a card: a task category says which task the data serves (`task_categories`), a
    size bin how big it is (`size_categories`); a topic or a file format says neither."""
    out = []
    for place in found:
        if place.name != "keywords":
            out.append(place)
            continue
        named = [k for k in _as_list(place.value) if isinstance(k, str) and keep(k)]
        if named:
            out.append(Place(place.name, named, place.origin, False))
    return out


def _downloads(found: list[Place]) -> tuple[Any, list[Place]] | None:
    """How the data is distributed, from the files' download addresses: a FileObject without
    a web address (a relative path, a test fixture) does not say where the data can be had."""
    files = [p for p in found if p.name == "distribution"]
    urls = [f["content_url"] for p in files for f in p.value if f.get("content_url")]
    if not urls:
        return ("", files[:1]) if files else None
    return "Files to download: " + ", ".join(urls), files[:1]


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
        left = [v for v, t in zip(items, texts, strict=True) if t in rest] or None
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

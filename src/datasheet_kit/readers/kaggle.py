"""Kaggle dataset metadata: the upload file and the two shapes the API hands back.

1. `dataset-metadata.json` as written for `kaggle datasets create/version` (Data Package style);
2. the flat API object of older clients (camelCase, `titleNullable`, `licenseName`, `tags`);
3. `{"info": {...}}` as written by `kaggle datasets metadata OWNER/SLUG` (2.x).

All three are brought to the upload file's keys, which are the ones the crosswalk names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..catalogue import Question
from ..jsontext import open_json
from ..sheet import Origin, Sheet
from . import shapes
from .crosswalk import Layout, fill, platform_crosswalk, platform_layout
from .values import Found, Place, norm, pluck, presence, render

SITE = "https://www.kaggle.com/datasets/"


def layout() -> Layout:
    return platform_layout("kaggle")


def read(source: str | bytes | Path, file: str | None = None,
         answers_only: bool = False) -> Sheet:
    """The metadata as a Sheet (`answers_only`: see inputs.read_document)."""
    sheet, found = places_of(source, file, rules=not answers_only)
    if found is not None:
        fill(sheet, layout(), found.places, convert=_landing_page, loose=found.loose,
             answers_only=answers_only)
    return sheet


def places_of(source: str | bytes | Path, file: str | None = None,
              rules: bool = True) -> tuple[Sheet, Found | None]:
    """The document's places before any question is answered (None when it cannot be read).
    `rules`: check the keys against what the Kaggle API accepts (DS020)."""
    sheet, text, document, depth = open_json(source, file, "kaggle")
    if document is None:
        return sheet, None
    lines = sheet.parsed.keys_at(depth)
    variant = "upload"
    prefix = "[0]" if depth == 2 else ""
    if isinstance(document.get("info"), dict):
        variant, document = "info", document["info"]
        lines = sheet.parsed.keys_at(depth + 1)
        prefix = f"{prefix}.info" if prefix else "info"
    elif any(key.endswith("Nullable") for key in document) or "ref" in document:
        variant = "api"
    if rules:
        shapes.kaggle(sheet, document, variant, prefix)
    upload, spelled = normalise(document)
    places: dict[str, list[Place]] = {}
    raw = platform_crosswalk_names() + [n for names in platform_crosswalk("kaggle_hint").values()
                                        for n in names]
    for name in dict.fromkeys(raw):
        top = name.split(".")[0]
        if top not in upload:
            continue
        found = pluck(upload[top], name.split(".")[1:])
        if not found:
            continue
        line, column = lines.get(spelled.get(top, top), (1, 1))
        value = found[0] if len(found) == 1 else found
        if top == "licenses":  # exactly one licence is allowed; only its name is read
            first = found[0][0] if isinstance(found[0], list) and found[0] else found[0]
            value = _licence(render(first.get("name") if isinstance(first, dict) else first))
        prose = isinstance(value, str) or (isinstance(value, list)
                                           and all(isinstance(v, str) for v in value))
        places.setdefault(norm(name), []).append(
            Place(name, value, Origin(sheet.file, line, column, spelled.get(top, top)),
                  prose=prose, same_line=True))
    fields = dict.fromkeys(name.split(".")[0] for name in platform_crosswalk_names())
    sheet.presence = presence({f: [upload.get(f)] for f in fields}, variant)
    return sheet, Found(places, [])


def platform_crosswalk_names() -> list[str]:
    return list(dict.fromkeys(n for names in platform_crosswalk("kaggle").values()
                              for n in names))


def _licence(name: str) -> dict:
    """Kaggle's licence name as a License; its "unknown" is a deliberate gap and a bare
    "other" says only that the terms are elsewhere (a placeholder until they are given)."""
    key = name.strip().lower()
    if key == "unknown":
        return {"status": "unknown", "reason": "the Kaggle metadata names the licence unknown"}
    if key == "other":
        return {"name": name, "status": "placeholder"}
    return {"name": name}


def normalise(document: dict) -> tuple[dict, dict[str, str]]:
    """The document with upload-file keys, and for each key the spelling the file used."""
    upload: dict[str, Any] = {}
    spelled: dict[str, str] = {}

    def put(key: str, value: Any, original: str) -> None:
        if value in (None, "", [], {}) and key in upload:
            return
        upload[key] = value
        spelled[key] = original

    for original, value in document.items():
        key = original.removesuffix("Nullable")
        put(key, value, original)
    # API spellings of the same facts.
    if "id" not in upload:
        owner = upload.get("ownerUser") or upload.get("ownerRef") or upload.get("creatorName")
        slug = upload.get("datasetSlug")
        if isinstance(upload.get("ref"), str):
            put("id", upload["ref"], spelled["ref"])
        elif owner and slug:
            put("id", f"{owner}/{slug}", spelled.get("datasetSlug", "datasetSlug"))
    if "licenses" not in upload and upload.get("licenseName"):
        put("licenses", [{"name": upload["licenseName"]}], spelled["licenseName"])
    if "keywords" not in upload and isinstance(upload.get("tags"), list):
        put("keywords", [t.get("name") if isinstance(t, dict) else t for t in upload["tags"]],
            spelled["tags"])
    if isinstance(upload.get("collaborators"), list):
        upload["collaborators"] = [_collaborator(c) for c in upload["collaborators"]]
    if "resources" not in upload and isinstance(upload.get("data"), list):
        put("resources", _resources(upload["data"]), spelled["data"])
    return upload, spelled


def _collaborator(item: Any) -> Any:
    """A collaborator as a user name or an API object ({username, role}), as a Creator-like
    record with a name."""
    if isinstance(item, dict):
        name = item.get("name") or item.get("displayName") or item.get("username")
        if name:
            return {"name": name}
    return item


def _resources(data: list) -> list[dict]:
    """Update-style files describe files as data[{name, description, columns}]."""
    out = []
    for item in data:
        if isinstance(item, dict):
            resource = {"path": item.get("name"), "description": item.get("description")}
            if isinstance(item.get("columns"), list):
                resource["schema"] = {"fields": item["columns"]}
            out.append(resource)
    return out


def _landing_page(question: Question, found: list[Place]) -> tuple[Any, list[Place]] | None:
    """`id` is OWNER/SLUG: the landing page is built from it (and nothing else is: the owner
    is who uploaded the data, not who made it)."""
    ids = [p for p in found if p.name == "id" and isinstance(p.value, str) and "/" in p.value]
    if question.shape != "uri" or not ids:
        return None
    return SITE + ids[0].value, ids[:1]

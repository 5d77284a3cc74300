"""Kaggle `dataset-metadata.json`, within the limits the kaggle client enforces.

Keys and the questions that fill them come from the crosswalk (`kaggle`); lengths and slug
characters come from the vendored data/kaggle_lists.json, licence names from data/licenses.json.
Whatever had to be shortened or left out is returned as a warning, never hidden.

The owner part of `id` is a Kaggle user name that a datasheet does not hold. Without
--kaggle-owner the file is written without `id` (and a warning says how to add it): `kaggle
datasets create` then fails at once with a clear error, which is better than a placeholder owner
that fails only after a long upload (kaggle-cli #321, #381).
"""

from __future__ import annotations

import re
from typing import Any

from ..answer_text import describe, fold
from ..answers import Status, status_of
from ..catalogue import crosswalk
from ..files import json_text
from . import Output, answers
from ._license import kaggle_license, kaggle_licenses, platform_lists

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary (never mid-word)."""
    text = fold(text)
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut[:limit].rstrip(" ,;:-(")


def short_title(title: str, limit: int, low: int = 1) -> str:
    """A title within `limit`: first without a trailing "(...)" or ": subtitle", which keeps the
    name whole (HAM10000 rather than "HAM10000 (Human Against Machine with 10000"), else cut."""
    title = fold(title)
    if len(title) <= limit:
        return title
    for pattern in (r"\s*\([^()]*\)\s*$", r"\s*[:\u2013\u2014-]\s.*$"):
        shorter = re.sub(pattern, "", title).strip()
        if low <= len(shorter) <= limit and shorter != title:
            return shorter
    return shorten(title, limit)


def slugify(title: str, low: int, high: int) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()
    slug = shorten(slug.replace("-", " "), high).replace(" ", "-")
    return slug if len(slug) >= low else ""


def _texts(values: dict[str, Any], qids: list[str]) -> list[str]:
    return [describe(values[q]).strip() for q in qids
            if status_of(values.get(q)) is Status.ANSWERED]


def build(data: dict, owner: str | None = None) -> tuple[dict, list[str]]:
    """The Kaggle metadata of a datasheet, and what could not be written into it."""
    limits = platform_lists("kaggle")
    values = answers(data)
    warnings: list[str] = []
    # key -> the questions the crosswalk sends there, in schema order.
    by_key: dict[str, list[str]] = {}
    for qid, keys in crosswalk("kaggle").items():
        for key in keys:
            by_key.setdefault(key.split(".")[0], []).append(qid)
    out: dict[str, Any] = {}
    _add_title(out, _texts(values, by_key.get("title", [])), owner, limits, warnings)
    _add_subtitle(out, _texts(values, by_key.get("subtitle", [])), limits, warnings)
    _add_rest(out, values, by_key, warnings)
    return out, warnings


def _add_title(out: dict[str, Any], titles: list[str], owner: str | None,
               limits: dict[str, Any], warnings: list[str]) -> None:
    """The title, cut to Kaggle's length, and the id made from it when the owner is known."""
    if not titles:
        warnings.append("the datasheet has no title; Kaggle requires one")
        return
    low, high = limits["title"]["min"], limits["title"]["max"]
    title = short_title(titles[0], high, low)
    if title != fold(titles[0]):
        warnings.append(f"title shortened to Kaggle's {high} characters: {title!r}")
    if len(title) < low:
        warnings.append(f"title {title!r} is shorter than Kaggle's {low} characters")
    out["title"] = title
    slug_limits = limits["slug"]
    slug = slugify(title, slug_limits["min"], slug_limits["max"])
    if owner and slug:
        out["id"] = f"{owner}/{slug}"
    elif slug:
        warnings.append(f"no --kaggle-owner: 'id' left out; add \"id\": \"<owner>/{slug}\"")
    else:
        warnings.append("no slug of 6-50 letters, digits or dashes can be made from the title; "
                        "'id' left out")


def _add_subtitle(out: dict[str, Any], texts: list[str], limits: dict[str, Any],
                  warnings: list[str]) -> None:
    """The first sentence of the first summary that is long enough once cut to Kaggle's size."""
    low, high = limits["subtitle"]["min"], limits["subtitle"]["max"]
    for text in texts:
        first = _SENTENCE_END.split(fold(text))[0]
        subtitle = shorten(first, high)
        if len(subtitle) >= low:  # a first sentence cut at a word: expected, so not reported
            out["subtitle"] = subtitle
            break
    else:
        warnings.append(f"no summary of {low}-{high} characters for the subtitle; left out")


def _add_rest(out: dict[str, Any], values: dict[str, Any], by_key: dict[str, list[str]],
              warnings: list[str]) -> None:
    """The description, the licence, the keywords and the sources."""
    description = []
    for qid in by_key.get("description", []):
        if status_of(values.get(qid)) is Status.ANSWERED:
            description.append(describe(values[qid]).strip())
    if description:
        out["description"] = "\n\n".join(description)

    name, warning = kaggle_license(values.get("distribution.license"))
    out["licenses"] = [{"name": name}]
    if warning:
        warnings.append(warning)

    keywords = values.get("dataset.keywords")
    if isinstance(keywords, list):
        words = [k for k in keywords if isinstance(k, str) and status_of(k) is Status.ANSWERED]
        if words:
            # Kaggle keeps only tags it already knows and drops the rest silently.
            out["keywords"] = words
    sources = _texts(values, by_key.get("userSpecifiedSources", []))
    if sources:
        out["userSpecifiedSources"] = "\n\n".join(sources)
    # resources[] need real file paths and columns, which a datasheet does not record; they are
    # left out rather than guessed.


def check(meta: dict) -> list[str]:
    """Kaggle's client-side limits (platforms.md §7)."""
    limits = platform_lists("kaggle")
    problems = []
    for key in ("title", "subtitle"):
        if key in meta:
            low, high = limits[key]["min"], limits[key]["max"]
            if not low <= len(meta[key]) <= high:
                problems.append(f"{key} has {len(meta[key])} characters; Kaggle wants {low}-{high}")
    if "title" not in meta:
        problems.append("title is missing")
    if "id" in meta:
        owner, _, slug = str(meta["id"]).partition("/")
        pattern = limits["slug"]["pattern"]
        if not owner or not re.match(pattern, slug) or not (
                limits["slug"]["min"] <= len(slug) <= limits["slug"]["max"]):
            problems.append(f"id {meta['id']!r} is not OWNER/slug with a slug of 6-50 [A-Za-z0-9-]")
    licenses = meta.get("licenses")
    if not (isinstance(licenses, list) and len(licenses) == 1
            and licenses[0].get("name") in kaggle_licenses()):
        problems.append("licenses must be exactly one name from Kaggle's list")
    return problems


def write(data: dict, owner: str | None = None) -> Output:
    meta, warnings = build(data, owner)
    warnings.extend(p for p in check(meta) if p not in warnings)
    return Output(json_text(meta), warnings)

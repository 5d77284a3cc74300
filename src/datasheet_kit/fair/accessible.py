"""Accessible: access conditions are stated, and data is reached over a standard protocol."""

from __future__ import annotations

import re

from ..answers import text_of
from .model import (
    FAIL,
    PARTIAL,
    PASS,
    Evidence,
    Result,
    Target,
    answered,
    as_list,
    check,
    graded,
    identifier_items,
    make_result,
)

# Machine-readable access terms: Data Use Ontology and COAR access rights.
_ACCESS_TERMS = re.compile(r"\bDUO[_:]\d{7}\b|purl\.obolibrary\.org/obo/DUO_"
                           r"|coar-repositories\.org/access_right", re.IGNORECASE)
_ACCESS_PATHS = ("distribution.method", "distribution.third_parties", "distribution.license.terms",
                 "distribution.export_regulatory")


@check("FAIR-A1-ACCESS", "A", "FsF-A1-01M", "RDA-A1-01M", "Access conditions are stated",
       "access-conditions", 2)
def access_conditions(t: Target) -> Result:
    stated = [p for p in _ACCESS_PATHS if answered(t.value(p))]
    for path in stated:
        term = _ACCESS_TERMS.search(text_of(t.value(path)) or str(t.value(path)))
        if term:
            return make_result("FAIR-A1-ACCESS", PASS,
                               "access is stated with a machine-readable term",
                               [t.at(path, f"access term {term.group()}")])
    if stated:
        return make_result("FAIR-A1-ACCESS", PARTIAL,
                           "access is described in prose only; add a DUO or COAR term for "
                           "full marks",
                           [t.at(p, "access statement") for p in stated])
    return make_result("FAIR-A1-ACCESS", FAIL, "nothing says how the data can be obtained",
                       [t.at("distribution.method", "no access statement", True)])


_STANDARD_SCHEMES = ("http", "https")


@check("FAIR-A1-PROTO", "A", "FsF-A1-03D", "RDA-A1-04D",
       "Data and metadata are reached over a standard protocol (http/https)", "open-protocol", 1,
       needs="either")
def open_protocol(t: Target) -> Result:
    # FsF-A1-03D asks how the *data* is reached. Where a Croissant file lists its files, their
    # contentUrls are the answer; the addresses a sheet holds (landing page, licence text,
    # URL identifiers) stand in only when no file is listed, as for a datasheet. Read through
    # the Croissant reader they are the same file's `url` and `license`, and would otherwise
    # hide data that is only on s3:// behind an https landing page.
    urls: list[tuple[Evidence, str]] = []
    if t.doc and t.doc.root is not None:
        for index, item in enumerate(as_list(t.doc.get("distribution"))):
            if isinstance(item, dict) and isinstance(item.get("contentUrl"), str):
                path = f"distribution[{index}].contentUrl"
                urls.append((t.at_json(path, item["contentUrl"]), item["contentUrl"]))
    if t.sheet and not urls:
        for path in ("dataset.landing_page", "distribution.license.url"):
            if isinstance(t.value(path), str):
                urls.append((t.at(path, t.value(path)), t.value(path)))
        for path, item in identifier_items(t):
            if item.get("scheme") == "url" and isinstance(item.get("value"), str):
                urls.append((t.at(path + ".value", item["value"]), item["value"]))
    if not urls:
        return make_result("FAIR-A1-PROTO", FAIL, "no URL to reach the data or its metadata",
                           [t.at("dataset", "no URL", True) if t.sheet
                        else t.at_json("distribution", "no contentUrl", True)])
    evidence, good = [], 0
    for ev, url in urls:
        scheme = url.split(":", 1)[0].lower() if "://" in url else ""
        # A relative contentUrl is resolved against the document's own (http) address.
        ok = scheme in _STANDARD_SCHEMES or not scheme
        good += ok
        evidence.append(ev if ok else Evidence(ev.path, f"{url}: scheme {scheme!r} is not http(s)",
                                               ev.origin, True))
    return graded("FAIR-A1-PROTO", good, len(urls), (
        "every URL uses http(s)", "{good} of {total} URLs use http(s)", "no URL uses http(s)"),
        evidence)

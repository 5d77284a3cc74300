"""Findable: persistent and unique identifiers, core metadata, data files named in the metadata."""

from __future__ import annotations

from collections.abc import Iterator

from .. import identifiers, jsonld
from ..answers import status_of
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
    is_http_iri,
    make_result,
    texts,
    type_is,
)


def _declared_identifier(t: Target, path: str, item: dict) -> tuple[Evidence, bool]:
    """What one declared identifier is, and whether it is a well-formed persistent one."""
    scheme, value = str(item.get("scheme", "")), str(item.get("value", ""))
    if scheme in ("doi", "handle", "ark"):
        reason = identifiers.validate(scheme, value)
        if reason:
            return t.at(path, f"{scheme} {value!r} is malformed: {reason}", True), False
        return t.at(path, f"{scheme}: {value}"), True
    ident = identifiers.parse(value)
    if ident is not None and ident.scheme != "url":
        return t.at(path, f"{ident} (written as {scheme})"), True
    if ident is None:
        return t.at(path, f"{value!r} ({scheme}) is not a DOI, Handle or ARK"), False
    host = identifiers.platform_of(value)
    where = f"a {host} address" if host else "a web address"
    return t.at(path, f"{value} is {where}, not a persistent identifier"), False


@check("FAIR-F1-PID", "F", "FsF-F1-02D-1", "RDA-F1-01M, RDA-F1-01D",
       "Persistent identifier (DOI, Handle, ARK)", "persistent-identifier", 3)
def persistent_identifier(t: Target) -> Result:
    declared: list[Evidence] = []
    evidence: list[Evidence] = []
    for path, item in identifier_items(t):
        said, is_pid = _declared_identifier(t, path + ".value", item)
        (declared if is_pid else evidence).append(said)
    landing = t.value("dataset.landing_page")
    if identifiers.is_persistent(str(landing or "")):
        declared.append(t.at("dataset.landing_page",
                             f"{identifiers.parse(landing)} (landing page)"))
    if declared:
        return make_result("FAIR-F1-PID", PASS, "the dataset has a persistent identifier",
                           declared + evidence)

    # Nothing declared: look in the citation and the prose. Only the citation speaks for this
    # dataset: prose often mentions the originals' DOIs. A DOI registered by a data repository
    # (Zenodo, Dataverse, PhysioNet...) or any Handle or ARK names data; other DOIs usually name the
    # paper about the dataset, which does not make the data findable.
    sources = {str(identifiers.parse(str(item.get("source_pid", ""))) or "")
               for item in t.value("provenance.derived_from") or [] if isinstance(item, dict)}
    in_citation: list[Evidence] = []
    for path, text in texts(t.data):
        for ident in identifiers.find_all(text):
            names_data = identifiers.names_data(ident)
            if path == "dataset.citation" and names_data and str(ident) not in sources:
                in_citation.append(t.at(path, f"{ident} is cited but not declared in "
                                              "dataset.identifiers", True))
            elif names_data:
                evidence.append(t.at(path, f"{ident} is mentioned; declare it in "
                                           "dataset.identifiers if it identifies this dataset"))
            else:
                evidence.append(t.at(path, f"{ident} names a publication (registrant "
                                           f"{ident.value.split('/')[0]}), not the data"))
    if in_citation:
        return make_result("FAIR-F1-PID", PARTIAL,
                           "the citation gives a persistent identifier; declare it in "
                           "dataset.identifiers", in_citation + evidence)
    return make_result("FAIR-F1-PID", FAIL,
                       "no DOI, Handle or ARK identifies the data "
                       "(a platform URL is not persistent)",
                       [t.at("dataset.identifiers", "no DOI, Handle or ARK is declared", True)]
                       + evidence)


@check("FAIR-F1-UID", "F", "FsF-F1-01D", "RDA-F1-02D",
       "Globally unique identifier (absolute http(s) IRI)", "unique-identifier", 2)
def unique_identifier(t: Target) -> Result:
    landing = t.value("dataset.landing_page")
    if isinstance(landing, str) and is_http_iri(landing):
        return make_result("FAIR-F1-UID", PASS, "the landing page is an absolute http(s) IRI",
                           [t.at("dataset.landing_page", landing)])
    bad = t.at("dataset.landing_page" if landing is not None else "dataset",
               f"{landing!r} is not an absolute http(s) IRI" if landing is not None
               else "no landing page is given", True)
    # Without a usable landing page, an identifier that resolves over http(s) still names the data.
    for path, item in identifier_items(t):
        ident = identifiers.parse(str(item.get("value", "")))
        if ident is not None:
            return make_result("FAIR-F1-UID", PARTIAL,
                               "no usable landing page, but an identifier gives an http(s) IRI",
                               [bad, t.at(path + ".value", ident.url)])
    return make_result("FAIR-F1-UID", FAIL,
                       "nothing gives the dataset an absolute http(s) IRI", [bad])


# Croissant's core discovery properties and where the datasheet keeps each.
CORE_FIELDS = (
    ("name", "dataset.title"),
    ("description", "dataset.summary"),
    ("creator", "dataset.creators"),
    ("publisher", "maintenance.host"),
    ("datePublished", "dataset.date_published"),
    ("keywords", "dataset.keywords"),
    ("identifier", "dataset.identifiers"),
)


@check("FAIR-F2-CORE", "F", "FsF-F2-01M-2, FsF-F2-01M-3", "RDA-F2-01M",
       "Core descriptive metadata", "core-metadata", 2)
def core_metadata(t: Target) -> Result:
    evidence, good = [], 0
    for prop, path in CORE_FIELDS:
        value = t.value(path)
        if answered(value):
            good += 1
            evidence.append(t.at(path, f"{prop}: given"))
        else:
            state = "missing" if value is None else str(status_of(value))
            evidence.append(t.at(path, f"{prop}: {state}", True))
    missing = ", ".join(e.text.split(":")[0] for e in evidence if e.problem)
    return graded("FAIR-F2-CORE", good, len(CORE_FIELDS), (
        "all core properties are given",
        f"{{good}} of {{total}} core properties are given; missing: {missing}",
        "no core property is given"), evidence)


def file_objects(doc: jsonld.Document) -> Iterator[tuple[str, dict]]:
    """Top-level FileObjects: those not contained in another file (an archive or repository)."""
    for index, item in enumerate(as_list(doc.get("distribution"))):
        if isinstance(item, dict) and type_is(item, "FileObject") and "containedIn" not in item:
            yield f"distribution[{index}]", item


@check("FAIR-F3-DATAID", "F", "FsF-F3-01M", "RDA-F3-01M",
       "Metadata names the data files (contentUrl, encodingFormat, contentSize)",
       "data-identifier", 1, needs="jsonld")
def data_identifier(t: Target) -> Result:
    evidence, complete, sized, total = [], 0, 0, 0
    for path, item in file_objects(t.document):
        total += 1
        missing = [k for k in ("contentUrl", "encodingFormat") if not item.get(k)]
        if missing:
            evidence.append(t.at_json(path, f"{item.get('@id', path)}: no {', '.join(missing)}",
                                            True))
            continue
        complete += 1
        sized += bool(item.get("contentSize"))
        evidence.append(t.at_json(path, f"{item.get('@id', path)}: {item['contentUrl']}"
                                  + ("" if item.get("contentSize") else " (no contentSize)")))
    if total == 0:
        return make_result("FAIR-F3-DATAID", FAIL, "the distribution lists no top-level FileObject",
                           [t.at_json("distribution", "no FileObject outside a container", True)])
    if complete < total:
        return make_result("FAIR-F3-DATAID", FAIL,
                           f"{total - complete} of {total} FileObjects lack contentUrl or "
                           "encodingFormat",
                           evidence)
    if sized < total:
        return make_result("FAIR-F3-DATAID", PARTIAL,
                           f"every FileObject has a URL and format; {total - sized} of {total} "
                           "have no contentSize",
                           evidence)
    return make_result("FAIR-F3-DATAID", PASS, "every FileObject has URL, format and size",
                       evidence)

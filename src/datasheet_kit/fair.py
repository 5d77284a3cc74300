"""Offline FAIR checks: is the dataset Findable, Accessible, Interoperable and Reusable?

Each check is a small function with its metadata beside it (our id, the principle, the F-UJI and
RDA indicators it traces to, a weight). It looks at a `Target` and returns a `Result`: pass,
partial, fail or not_applicable, with evidence that points at the field and line it is about.

Where the data comes from:
- Everything the datasheet shape has a place for (identifiers, landing page, creators, licence,
  provenance...) is read from the Sheet, so the checks work alike for a datasheet and for any card
  a reader turns into a Sheet.
- What the datasheet shape has no place for (FileObjects and their checksums, `conformsTo`, the
  namespaces of `@context`, `rai:` names, typed record-set fields) is read from the raw JSON-LD, so
  those checks apply to Croissant files only and are `not_applicable` for other inputs.

Results become Findings (code = check id) so that every reporter prints them; scores are weighted
means of the results (pass 1, partial 0.5, fail 0; not_applicable left out), per principle and
overall, on 0-100. The reference for the checks is shared/reference/croissant_fair.md §4.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from . import identifiers, jsonld, licenses
from .answers import Status, status_of, text_of
from .findings import Finding, Severity
from .sheet import FATAL, Origin, Sheet, join

PASS, PARTIAL, FAIL, NOT_APPLICABLE = "pass", "partial", "fail", "not_applicable"
STATUS_SCORE = {PASS: 1.0, PARTIAL: 0.5, FAIL: 0.0}
PRINCIPLES = {"F": "Findable", "A": "Accessible", "I": "Interoperable", "R": "Reusable"}
# A failed check is a warning and a partial one an info: FAIR gaps are advice, not broken files.
# `datasheet fair` fails on them only when asked (--fail-on warning, --fail-under N).
SEVERITY = {FAIL: Severity.WARNING, PARTIAL: Severity.INFO}


@dataclass(frozen=True)
class Check:
    id: str
    principle: str  # F, A, I or R
    fuji: str
    rda: str
    title: str
    name: str  # the finding name, a slug
    weight: int
    needs: str  # "sheet", "jsonld" or "either": what the check reads
    run: Callable[["Target"], "Result"] | None  # None for the online check
    online: bool = False


@dataclass(frozen=True)
class Evidence:
    """One observation: the field (dotted path), what was seen, and where. `problem` marks the
    observation a finding should point at."""

    path: str
    text: str
    origin: Origin
    problem: bool = False


@dataclass
class Result:
    check: Check
    status: str
    message: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Target:
    """What the checks look at: the Sheet (None when no reader handles this kind of file yet) and
    the raw JSON-LD document (None unless the file is Croissant)."""

    file: str
    kind: str
    sheet: Sheet | None = None
    doc: jsonld.Document | None = None
    load_findings: list[Finding] = field(default_factory=list)
    note: str = ""  # why the sheet checks could not run, if they could not

    def at(self, path: str, text: str, problem: bool = False) -> Evidence:
        """Evidence about a Sheet path."""
        origin = self.sheet.origin(path) if self.sheet else Origin(self.file, 1, 1)
        return Evidence(path, text, origin, problem)

    def at_json(self, path: str, text: str, problem: bool = False) -> Evidence:
        """Evidence about a JSON-LD key path."""
        return Evidence(path, text, self.doc.origin(path), problem)

    def value(self, path: str) -> Any:
        return self.sheet.get(path) if self.sheet else None


CHECKS: dict[str, Check] = {}


def check(id: str, principle: str, fuji: str, rda: str, title: str, name: str, weight: int,
          needs: str = "sheet", online: bool = False):
    """Register a check function under its id, with the metadata the reports print."""

    def register(fn: Callable[[Target], Result]) -> Callable[[Target], Result]:
        CHECKS[id] = Check(id, principle, fuji, rda, title, name, weight, needs, fn, online)
        return fn

    return register


def _result(check_id: str, status: str, message: str, evidence: list[Evidence] | None = None
            ) -> Result:
    return Result(CHECKS[check_id], status, message, evidence or [])


def _graded(check_id: str, good: int, total: int, messages: tuple[str, str, str],
            evidence: list[Evidence]) -> Result:
    """pass when all `total` parts are good, fail when none is, partial in between."""
    status = PASS if good == total else FAIL if good == 0 else PARTIAL
    message = messages[(PASS, PARTIAL, FAIL).index(status)]
    return _result(check_id, status, message.format(good=good, total=total), evidence)


def _answered(value: Any) -> bool:
    return status_of(value) == Status.ANSWERED


# ---------------------------------------------------------------------------
# Walking the Sheet

# Subtrees whose identifiers are not this dataset's: `sources` cite evidence for an answer,
# `provenance` names the originals a copy was made from.
_NOT_SELF = {"sources", "provenance", "source_pid", "source_url"}


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in the sheet with its path, skipping the subtrees that name other datasets."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, child in node.items():
            if key not in _NOT_SELF:
                yield from _texts(child, join(path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _texts(child, join(path, index))


def _identifier_items(t: Target) -> Iterator[tuple[str, dict]]:
    for index, item in enumerate(t.value("dataset.identifiers") or []):
        if isinstance(item, dict):
            yield f"dataset.identifiers[{index}]", item


# ---------------------------------------------------------------------------
# Findable


@check("FAIR-F1-PID", "F", "FsF-F1-02D", "RDA-F1-01M, RDA-F1-01D",
       "Persistent identifier (DOI, Handle, ARK)", "persistent-identifier", 3)
def persistent_identifier(t: Target) -> Result:
    declared: list[Evidence] = []
    evidence: list[Evidence] = []
    for path, item in _identifier_items(t):
        scheme, value = str(item.get("scheme", "")), str(item.get("value", ""))
        if scheme in ("doi", "handle", "ark"):
            reason = identifiers.validate(scheme, value)
            if reason:
                evidence.append(t.at(path + ".value", f"{scheme} {value!r} is malformed: {reason}", True))
            else:
                declared.append(t.at(path + ".value", f"{scheme}: {value}"))
            continue
        ident = identifiers.parse(value)
        if ident is not None and ident.scheme != "url":
            declared.append(t.at(path + ".value", f"{ident} (written as {scheme})"))
        else:
            host = identifiers.platform_of(value)
            where = f"a {host} address" if host else "a web address"
            evidence.append(t.at(path + ".value", f"{value} is {where}, not a persistent identifier"))
    landing = t.value("dataset.landing_page")
    if identifiers.is_persistent(str(landing or "")):
        declared.append(t.at("dataset.landing_page", f"{identifiers.parse(landing)} (landing page)"))
    if declared:
        return _result("FAIR-F1-PID", PASS, "the dataset has a persistent identifier",
                       declared + evidence)

    # Nothing declared: look in the citation and the prose. Only the citation speaks for this
    # dataset: prose often mentions the originals' DOIs. A DOI registered by a data repository
    # (Zenodo, Dataverse, PhysioNet...) or any Handle or ARK names data; other DOIs usually name the
    # paper about the dataset, which does not make the data findable.
    sources = {str(identifiers.parse(str(item.get("source_pid", ""))) or "")
               for item in t.value("provenance.derived_from") or [] if isinstance(item, dict)}
    in_citation: list[Evidence] = []
    for path, text in _texts(t.sheet.data):
        for ident in identifiers.find_all(text):
            names_data = ident.scheme != "doi" or identifiers.platform_of(ident.url)
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
        return _result("FAIR-F1-PID", PARTIAL,
                       "the citation gives a persistent identifier; declare it in "
                       "dataset.identifiers", in_citation + evidence)
    return _result("FAIR-F1-PID", FAIL,
                   "no DOI, Handle or ARK identifies the data (a platform URL is not persistent)",
                   [t.at("dataset.identifiers", "no DOI, Handle or ARK is declared", True)]
                   + evidence)


def _is_http_iri(text: str) -> bool:
    """An absolute http(s) IRI with a host."""
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and " " not in text.strip()


@check("FAIR-F1-UID", "F", "FsF-F1-01D", "RDA-F1-02D",
       "Globally unique identifier (absolute http(s) IRI)", "unique-identifier", 2)
def unique_identifier(t: Target) -> Result:
    landing = t.value("dataset.landing_page")
    if isinstance(landing, str) and _is_http_iri(landing):
        return _result("FAIR-F1-UID", PASS, "the landing page is an absolute http(s) IRI",
                       [t.at("dataset.landing_page", landing)])
    bad = t.at("dataset.landing_page" if landing is not None else "dataset",
               f"{landing!r} is not an absolute http(s) IRI" if landing is not None
               else "no landing page is given", True)
    # Without a usable landing page, an identifier that resolves over http(s) still names the data.
    for path, item in _identifier_items(t):
        ident = identifiers.parse(str(item.get("value", "")))
        if ident is not None:
            return _result("FAIR-F1-UID", PARTIAL,
                           "no usable landing page, but an identifier gives an http(s) IRI",
                           [bad, t.at(path + ".value", ident.url)])
    return _result("FAIR-F1-UID", FAIL, "nothing gives the dataset an absolute http(s) IRI", [bad])


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


@check("FAIR-F2-CORE", "F", "FsF-F2-01M", "RDA-F2-01M", "Core descriptive metadata",
       "core-metadata", 2)
def core_metadata(t: Target) -> Result:
    evidence, good = [], 0
    for prop, path in CORE_FIELDS:
        value = t.value(path)
        if _answered(value):
            good += 1
            evidence.append(t.at(path, f"{prop}: given"))
        else:
            state = "missing" if value is None else str(status_of(value))
            evidence.append(t.at(path, f"{prop}: {state}", True))
    missing = ", ".join(e.text.split(":")[0] for e in evidence if e.problem)
    return _graded("FAIR-F2-CORE", good, len(CORE_FIELDS), (
        "all core properties are given",
        f"{{good}} of {{total}} core properties are given; missing: {missing}",
        "no core property is given"), evidence)


def _file_objects(doc: jsonld.Document) -> Iterator[tuple[str, dict]]:
    """Top-level FileObjects: those not contained in another file (an archive or repository)."""
    for index, item in enumerate(_as_list(doc.get("distribution"))):
        if isinstance(item, dict) and _type_is(item, "FileObject") and "containedIn" not in item:
            yield f"distribution[{index}]", item


@check("FAIR-F3-DATAID", "F", "FsF-F3-01M", "RDA-F3-01M",
       "Metadata names the data files (contentUrl, encodingFormat, contentSize)",
       "data-identifier", 1, needs="jsonld")
def data_identifier(t: Target) -> Result:
    evidence, complete, sized, total = [], 0, 0, 0
    for path, item in _file_objects(t.doc):
        total += 1
        missing = [k for k in ("contentUrl", "encodingFormat") if not item.get(k)]
        if missing:
            evidence.append(t.at_json(path, f"{item.get('@id', path)}: no {', '.join(missing)}", True))
            continue
        complete += 1
        sized += bool(item.get("contentSize"))
        evidence.append(t.at_json(path, f"{item.get('@id', path)}: {item['contentUrl']}"
                                  + ("" if item.get("contentSize") else " (no contentSize)")))
    if total == 0:
        return _result("FAIR-F3-DATAID", FAIL, "the distribution lists no top-level FileObject",
                       [t.at_json("distribution", "no FileObject outside a container", True)])
    if complete < total:
        return _result("FAIR-F3-DATAID", FAIL,
                       f"{total - complete} of {total} FileObjects lack contentUrl or encodingFormat",
                       evidence)
    if sized < total:
        return _result("FAIR-F3-DATAID", PARTIAL,
                       f"every FileObject has a URL and format; {total - sized} of {total} have no contentSize",
                       evidence)
    return _result("FAIR-F3-DATAID", PASS, "every FileObject has URL, format and size", evidence)


# ---------------------------------------------------------------------------
# Accessible

# Machine-readable access terms: Data Use Ontology and COAR access rights.
_ACCESS_TERMS = re.compile(r"\bDUO[_:]\d{7}\b|purl\.obolibrary\.org/obo/DUO_"
                           r"|coar-repositories\.org/access_right", re.IGNORECASE)
_ACCESS_PATHS = ("distribution.method", "distribution.third_parties", "distribution.license.terms",
                 "distribution.export_regulatory")


@check("FAIR-A1-ACCESS", "A", "FsF-A1-01M", "RDA-A1-01M", "Access conditions are stated",
       "access-conditions", 2)
def access_conditions(t: Target) -> Result:
    stated = [p for p in _ACCESS_PATHS if _answered(t.value(p))]
    for path in stated:
        term = _ACCESS_TERMS.search(text_of(t.value(path)) or str(t.value(path)))
        if term:
            return _result("FAIR-A1-ACCESS", PASS, "access is stated with a machine-readable term",
                           [t.at(path, f"access term {term.group()}")])
    if stated:
        return _result("FAIR-A1-ACCESS", PARTIAL,
                       "access is described in prose only; add a DUO or COAR term for full marks",
                       [t.at(p, "access statement") for p in stated])
    return _result("FAIR-A1-ACCESS", FAIL, "nothing says how the data can be obtained",
                   [t.at("distribution.method", "no access statement", True)])


_STANDARD_SCHEMES = ("http", "https")


@check("FAIR-A1-PROTO", "A", "FsF-A1-03D", "RDA-A1-04D",
       "Data and metadata are reached over a standard protocol (http/https)", "open-protocol", 1,
       needs="either")
def open_protocol(t: Target) -> Result:
    urls: list[tuple[Evidence, str]] = []
    if t.sheet:
        for path in ("dataset.landing_page", "distribution.license.url"):
            if isinstance(t.value(path), str):
                urls.append((t.at(path, t.value(path)), t.value(path)))
        for path, item in _identifier_items(t):
            if item.get("scheme") == "url" and isinstance(item.get("value"), str):
                urls.append((t.at(path + ".value", item["value"]), item["value"]))
    if t.doc and t.doc.root is not None:
        for index, item in enumerate(_as_list(t.doc.get("distribution"))):
            if isinstance(item, dict) and isinstance(item.get("contentUrl"), str):
                path = f"distribution[{index}].contentUrl"
                urls.append((t.at_json(path, item["contentUrl"]), item["contentUrl"]))
    if not urls:
        return _result("FAIR-A1-PROTO", FAIL, "no URL to reach the data or its metadata",
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
    return _graded("FAIR-A1-PROTO", good, len(urls), (
        "every URL uses http(s)", "{good} of {total} URLs use http(s)", "no URL uses http(s)"),
        evidence)


# ---------------------------------------------------------------------------
# Interoperable


def _type_is(item: dict, name: str) -> bool:
    types = _as_list(item.get("@type"))
    return any(isinstance(x, str) and re.split(r"[:/#]", x)[-1] == name for x in types)


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


@check("FAIR-I1-KR", "I", "FsF-I1-01M", "RDA-I1-01M, RDA-I1-02M",
       "Metadata is formal JSON-LD that parses to RDF", "knowledge-representation", 2,
       needs="jsonld")
def knowledge_representation(t: Target) -> Result:
    doc = t.doc
    if doc.root is None:
        line, column = doc.error_at
        return _result("FAIR-I1-KR", FAIL, f"the document is not JSON-LD: {doc.error}",
                       [Evidence("", doc.error, Origin(doc.file, line, column), True)])
    context = doc.root.get("@context")
    if not context:
        return _result("FAIR-I1-KR", FAIL, "there is no @context, so the JSON is not linked data",
                       [t.at_json("", "no @context", True)])
    if not _type_is(doc.root, "Dataset"):
        return _result("FAIR-I1-KR", FAIL, "the @type is not schema.org Dataset",
                       [t.at_json("@type", f"@type is {doc.root.get('@type')!r}", True)])
    remote = [c for c in _as_list(context) if not isinstance(c, dict)]
    if remote:
        # Parsing would fetch the remote context; the offline checks never touch the network.
        return _result("FAIR-I1-KR", PARTIAL, "the @context is remote; the RDF parse was skipped",
                       [t.at_json("@context", f"remote context {remote[0]!r}")])
    try:
        import rdflib  # optional: datasheet-kit[fair]
    except ImportError:
        return _result("FAIR-I1-KR", PARTIAL,
                       "JSON-LD shape is right; install datasheet-kit[fair] (rdflib) to parse it",
                       [t.at_json("@context", "inline context")])
    try:
        import json
        import warnings

        with warnings.catch_warnings():  # rdflib's own deprecations are not the user's problem
            warnings.simplefilter("ignore", DeprecationWarning)
            graph = rdflib.Graph().parse(data=json.dumps(doc.root), format="json-ld")
    except Exception as exc:  # rdflib raises many types for bad JSON-LD; all mean "does not parse"
        return _result("FAIR-I1-KR", FAIL, "the JSON-LD does not parse to RDF",
                       [t.at_json("@context", f"{type(exc).__name__}: {exc}"[:200], True)])
    return _result("FAIR-I1-KR", PASS, f"parses to {len(graph)} RDF triples",
                   [t.at_json("@context", f"{len(graph)} triples")])


# Vocabularies a Croissant file may use and every FAIR assessor knows. http and https are both
# accepted for schema.org: mlcroissant wants https, FAIR-Checker expects http.
VOCABULARIES = (
    "http://schema.org/", "https://schema.org/",
    "http://mlcommons.org/croissant/",  # cr, rai and the GeoCroissant extension
    "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/prov#",
    "http://purl.obolibrary.org/obo/DUO_",
    "http://www.wikidata.org/", "https://www.wikidata.org/",
    "http://www.w3.org/2001/XMLSchema#",
)
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*):(?!//)")


def _expand(term: str, context: dict, depth: int = 0) -> str:
    """A compact IRI or term expanded through the context (enough of JSON-LD for namespaces)."""
    if depth > 8 or term.startswith(("http://", "https://")):
        return term
    m = _PREFIXED.match(term)
    if m and isinstance(context.get(m.group(1)), str):
        return _expand(context[m.group(1)], context, depth + 1) + term[m.end():]
    return term


@check("FAIR-I2-VOCAB", "I", "FsF-I2-01M", "RDA-I2-01M", "Metadata uses known FAIR vocabularies",
       "known-vocabularies", 1, needs="jsonld")
def known_vocabularies(t: Target) -> Result:
    context = t.doc.context
    if not context:
        return _result("FAIR-I2-VOCAB", FAIL, "there is no inline @context to read namespaces from",
                       [t.at_json("@context", "no inline @context", True)])
    evidence, good, total = [], 0, 0
    for key, value in context.items():
        iri = value.get("@id") if isinstance(value, dict) else value
        if key.startswith("@") and key != "@vocab" or not isinstance(iri, str):
            continue
        full = _expand(iri, context)
        if not full.startswith(("http://", "https://")):
            if _PREFIXED.match(full):  # a term whose prefix the context never declares
                total += 1
                evidence.append(t.at_json(f"@context.{key}", f"{key} -> {iri}: prefix undeclared", True))
            continue
        total += 1
        if full.startswith(VOCABULARIES):
            good += 1
        else:
            evidence.append(t.at_json(f"@context.{key}", f"{key} -> {full}: not a known vocabulary",
                                      True))
    if total == 0:
        return _result("FAIR-I2-VOCAB", FAIL, "the @context maps no term to a vocabulary",
                       [t.at_json("@context", "no namespace", True)])
    return _graded("FAIR-I2-VOCAB", good, total, (
        "every namespace is a known vocabulary",
        "{good} of {total} context terms use known vocabularies",
        "no context term uses a known vocabulary"), evidence)


@check("FAIR-I3-LINKS", "I", "FsF-I3-01M", "RDA-I3-01M, RDA-I3-03M",
       "Qualified links to related data (sources, sameAs, citation)", "qualified-links", 1)
def qualified_links(t: Target) -> Result:
    links: list[Evidence] = []
    items = list(_identifier_items(t))
    if len(items) > 1:  # more than one identifier: the others act as sameAs links
        links.append(t.at("dataset.identifiers", f"{len(items)} identifiers (sameAs)"))
    citation = text_of(t.value("dataset.citation"))
    if identifiers.find_all(citation) or "http" in citation:
        links.append(t.at("dataset.citation", "the citation links a publication"))
    external = t.value("composition.external_resources")
    if _answered(external) and "http" in text_of(external):
        links.append(t.at("composition.external_resources", "links external resources"))

    derived = t.value("provenance.derived_from")
    if not (isinstance(derived, list) and derived):
        if links:
            return _result("FAIR-I3-LINKS", PASS, "the metadata links related resources", links)
        return _result("FAIR-I3-LINKS", FAIL, "no qualified link (sameAs, citation, source)",
                       [t.at("dataset.citation", "no linked citation or related identifier", True)])
    # A copy must link each original it names (croissant_fair.md §4: required then).
    unlinked = []
    for index, item in enumerate(derived):
        path = f"provenance.derived_from[{index}]"
        item = item if isinstance(item, dict) else {}
        link = item.get("source_pid") or item.get("source_url")
        name = item.get("source_dataset", path)
        if link:
            links.append(t.at(path, f"{name}: {link}"))
        else:
            unlinked.append(t.at(path, f"{name}: named without a PID or URL", True))
    if not unlinked:
        return _result("FAIR-I3-LINKS", PASS, "every original is linked by PID or URL", links)
    if links:
        return _result("FAIR-I3-LINKS", PARTIAL,
                       f"{len(unlinked)} of {len(derived)} originals are named without a link",
                       unlinked + links)
    return _result("FAIR-I3-LINKS", FAIL, "the originals are named but not linked", unlinked)


# ---------------------------------------------------------------------------
# Reusable


@check("FAIR-R1-CONTENT", "R", "FsF-R1-01MD", "RDA-R1-01M",
       "The content is described (typed fields, or file types and sizes)", "content-described", 1,
       needs="either")
def content_described(t: Target) -> Result:
    if t.doc is not None and t.doc.root is not None:
        typed, total, evidence = 0, 0, []
        for r, record in enumerate(_as_list(t.doc.get("recordSet"))):
            if not isinstance(record, dict):
                continue
            for f, fld in enumerate(_as_list(record.get("field"))):
                if isinstance(fld, dict):
                    total += 1
                    typed += bool(fld.get("dataType") or record.get("dataType"))
        if total:
            evidence.append(t.at_json("recordSet", f"{typed} of {total} fields have a dataType",
                                      typed < total))
            return _graded("FAIR-R1-CONTENT", typed, total, (
                "every record-set field is typed", "{good} of {total} fields are typed",
                "no record-set field is typed"), evidence)
        formats = [i for i in _as_list(t.doc.get("distribution"))
                   if isinstance(i, dict) and i.get("encodingFormat")]
        if formats:
            return _result("FAIR-R1-CONTENT", PARTIAL, "no record set; files have formats only",
                           [t.at_json("recordSet", "no typed fields", True)])
        return _result("FAIR-R1-CONTENT", FAIL, "neither record sets nor file formats",
                       [t.at_json("recordSet", "no record set", True)])
    if t.sheet is None:
        return _result("FAIR-R1-CONTENT", NOT_APPLICABLE, t.note)
    parts = [("composition.instance_content", "what an instance holds"),
             ("medical_imaging.file_format", "file formats"),
             ("dataset.size_bytes", "size")]
    evidence = [t.at(p, f"{label}: {'given' if _answered(t.value(p)) else 'missing'}",
                     not _answered(t.value(p))) for p, label in parts]
    good = sum(not e.problem for e in evidence)
    return _graded("FAIR-R1-CONTENT", good, len(parts), (
        "content, formats and size are described", "{good} of {total} content facts are given",
        "the content is not described"), evidence)


def _spdx_expression(lic: licenses.License) -> str | None:
    """The expression when the licence is an SPDX expression of known ids ("CC0-1.0 AND MIT")."""
    parts = re.split(r"\s+(AND|OR|WITH)\s+", lic.key) if lic.kind == "custom" else []
    operands = [p for i, p in enumerate(parts) if i % 2 == 0 and (i == 0 or parts[i - 1] != "WITH")]
    if len(parts) > 1 and all(licenses.normalize(p).kind == "spdx" for p in operands):
        return lic.key
    return None


@check("FAIR-R1.1-LIC", "R", "FsF-R1.1-01M", "RDA-R1.1-01M, RDA-R1.1-02M, RDA-R1.1-03M",
       "A licence, as an SPDX id or URL", "license", 3)
def license_stated(t: Target) -> Result:
    path = "distribution.license"
    value = t.value(path)
    if not isinstance(value, dict) or "status" in value:
        reason = value.get("reason", "") if isinstance(value, dict) else ""
        return _result("FAIR-R1.1-LIC", FAIL, "no licence is stated",
                       [t.at(path, f"licence {status_of(value)}" + (f": {reason.strip()[:120]}"
                                                                    if reason else ""), True)])
    spdx, name, url = (value.get(k) if isinstance(value.get(k), str) else "" for k in
                       ("spdx", "name", "url"))
    lic = licenses.normalize(spdx or name or url)
    shown = spdx or name or url
    if lic.kind in ("none", "unknown", "unrecognized") or (lic.kind == "other" and not url):
        return _result("FAIR-R1.1-LIC", FAIL, f"the licence {shown!r} says nothing usable",
                       [t.at(path, f"{shown!r} reads as {lic.kind}", True)])
    expression = _spdx_expression(lic)
    if expression:
        return _result("FAIR-R1.1-LIC", PASS, f"licensed {expression}",
                       [t.at(path, f"SPDX expression {expression}")])
    if lic.kind != "spdx":
        return _result("FAIR-R1.1-LIC", PARTIAL,
                       f"the terms are named ({lic.kind.replace('_', ' ')}) but have no SPDX id",
                       [t.at(path, f"{shown!r}: {lic.label}" + (f", {url}" if url else ""), True)])
    if lic.deprecated:
        return _result("FAIR-R1.1-LIC", PARTIAL, f"{lic.spdx} is a deprecated SPDX id",
                       [t.at(path, f"{shown!r} -> deprecated {lic.spdx}", True)])
    as_id = bool(spdx) or name.strip().lower() == lic.spdx.lower()
    if not (as_id or url):
        return _result("FAIR-R1.1-LIC", PARTIAL,
                       f"the licence reads as {lic.spdx}; state the SPDX id or its URL",
                       [t.at(path, f"{name!r} -> {lic.spdx}", True)])
    return _result("FAIR-R1.1-LIC", PASS, f"licensed {lic.spdx}",
                   [t.at(path, f"{lic.spdx} ({licenses.spdx_url(lic.spdx)})")])


@check("FAIR-R1.2-PROV", "R", "FsF-R1.2-01M", "RDA-R1.2-01M, RDA-R1.2-02M",
       "Provenance: who made it, when, and how it was collected", "provenance", 2)
def provenance(t: Target) -> Result:
    date = next((p for p in ("dataset.date_published", "dataset.date_created",
                             "collection.timeframe") if _answered(t.value(p))), None)
    parts = [
        ("dataset.creators", "creators", _answered(t.value("dataset.creators"))),
        (date or "dataset.date_published", "a date", date is not None),
        ("collection.acquisition", "how it was collected", _answered(t.value("collection.acquisition"))),
    ]
    evidence = [t.at(p, f"{label}: {'given' if ok else 'missing'}", not ok) for p, label, ok in parts]
    derived = t.value("provenance.derived_from")
    if isinstance(derived, list):
        for index, item in enumerate(derived):
            if not (isinstance(item, dict) and item.get("relationship")):
                evidence.append(t.at(f"provenance.derived_from[{index}]",
                                     "a source without its relationship", True))
    good = sum(not e.problem for e in evidence)
    return _graded("FAIR-R1.2-PROV", good, len(evidence), (
        "creators, dates, collection and sources are recorded",
        "{good} of {total} provenance facts are recorded", "no provenance is recorded"), evidence)


_CROISSANT_SPEC = re.compile(r"^https?://mlcommons\.org/croissant/(1\.[01])/?$")
_RAI_SPEC = re.compile(r"^https?://mlcommons\.org/croissant/RAI/1\.0/?$")


@check("FAIR-R1.3-STD", "R", "FsF-R1.3-01M", "RDA-R1.3-01M, RDA-R1.3-02M",
       "Declares the Croissant version it conforms to", "conforms-to", 1, needs="jsonld")
def conforms_to(t: Target) -> Result:
    declared = [v for v in _as_list(t.doc.get("conformsTo")) if isinstance(v, str)]
    key = next((k for k in ("conformsTo", "dct:conformsTo") if k in t.doc.root), "conformsTo")
    if not declared:
        return _result("FAIR-R1.3-STD", FAIL,
                       "no conformsTo: the file is read as pre-1.0 Croissant (0.8)",
                       [t.at_json("", "conformsTo is missing", True)])
    spec = next((m.group(1) for v in declared if (m := _CROISSANT_SPEC.match(v))), None)
    if spec is None:
        return _result("FAIR-R1.3-STD", FAIL, "conformsTo names no Croissant 1.0 or 1.1",
                       [t.at_json(key, ", ".join(declared), True)])
    if _rai_terms(t.doc) and not any(_RAI_SPEC.match(v) for v in declared):
        return _result("FAIR-R1.3-STD", PARTIAL,
                       f"Croissant {spec}, but rai: terms are used without the RAI 1.0 URI",
                       [t.at_json(key, ", ".join(declared), True)])
    return _result("FAIR-R1.3-STD", PASS, f"conforms to Croissant {spec}",
                   [t.at_json(key, ", ".join(declared))])


# Open or community formats (IANA media types and F-UJI's scientific list, which has DICOM).
# `git+https` is Hugging Face's way of naming the dataset's git repository: an open protocol.
OPEN_FORMATS = frozenset({
    "text/csv", "text/tab-separated-values", "text/plain", "text/markdown", "text/html",
    "text/xml", "application/xml", "application/json", "application/ld+json",
    "application/jsonlines", "application/x-jsonlines", "application/x-ndjson",
    "application/x-parquet", "application/vnd.apache.parquet", "application/zip",
    "application/gzip", "application/x-gzip", "application/x-tar", "application/x-7z-compressed",
    "application/x-bzip2", "application/zstd", "application/warc", "application/fhir+json",
    "application/dicom", "application/x-hdf5", "application/x-hdf", "application/netcdf",
    "application/x-netcdf", "application/x-zarr", "application/x-npy", "application/pdf",
    "image/jpeg", "image/png", "image/tiff", "image/geo+tiff", "image/bmp", "image/webp",
    "image/nifti", "application/x-nifti", "audio/wav", "audio/x-wav", "audio/flac", "audio/mpeg",
    "video/mp4", "git+https",
})
# The datasheet's FileFormat enum: all open except vendor whole-slide formats and "other".
OPEN_FILE_FORMATS = {"dicom", "nifti", "png", "jpeg", "tiff", "numpy", "hdf5"}


@check("FAIR-R1.3-FMT", "R", "FsF-R1.3-02D", "RDA-R1.3-02D", "Files use open or scientific formats",
       "open-formats", 1, needs="either")
def open_formats(t: Target) -> Result:
    seen: list[tuple[Evidence, bool]] = []
    if t.doc is not None and t.doc.root is not None:
        for index, item in enumerate(_as_list(t.doc.get("distribution"))):
            if not isinstance(item, dict):
                continue
            for fmt in _as_list(item.get("encodingFormat")):
                if isinstance(fmt, str):
                    ok = fmt.split(";")[0].strip().lower() in OPEN_FORMATS
                    seen.append((t.at_json(f"distribution[{index}].encodingFormat",
                                           fmt + ("" if ok else ": not a known open format"), not ok),
                                 ok))
    elif t.sheet is not None:
        for index, fmt in enumerate(_as_list(t.value("medical_imaging.file_format"))):
            ok = fmt in OPEN_FILE_FORMATS
            seen.append((t.at(f"medical_imaging.file_format[{index}]",
                              f"{fmt}" + ("" if ok else ": not a known open format"), not ok), ok))
    else:
        return _result("FAIR-R1.3-FMT", NOT_APPLICABLE, t.note)
    if not seen:
        where = t.at_json("distribution", "no encodingFormat", True) if t.doc \
            else t.at("medical_imaging.file_format", "no file format", True)
        return _result("FAIR-R1.3-FMT", FAIL, "no file format is named", [where])
    good = sum(ok for _, ok in seen)
    return _graded("FAIR-R1.3-FMT", good, len(seen), (
        "every format is open", "{good} of {total} formats are known open formats",
        "no format is a known open format"), [e for e, _ in seen])


_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_HASH = {"sha256": re.compile(r"^[0-9a-fA-F]{64}$"), "md5": re.compile(r"^[0-9a-fA-F]{32}$")}


@check("FAIR-VER", "R", "Croissant versioning", "RDA-R1-01M",
       "A SemVer version, and checksums on files", "versioning", 1, needs="either")
def versioning(t: Target) -> Result:
    evidence = []
    if t.doc is not None and t.doc.root is not None:
        version, where = t.doc.get("version"), t.at_json
        path = "version"
    elif t.sheet is not None:
        version, where, path = t.value("dataset.version"), t.at, "dataset.version"
    else:
        return _result("FAIR-VER", NOT_APPLICABLE, t.note)
    if version is None:
        evidence.append(where(path, "no version", True))
    elif _SEMVER.match(str(version)):
        evidence.append(where(path, f"version {version}"))
    else:
        evidence.append(where(path, f"version {str(version)[:60]!r} is not SemVer "
                                    "(MAJOR.MINOR.PATCH)", True))
    # A version that is not SemVer still names the release: half marks.
    good = 0.0 if version is None else 1.0 if not evidence[0].problem else 0.5
    if t.doc is not None and t.doc.root is not None and not t.doc.get("isLiveDataset"):
        for item_path, item in _file_objects(t.doc):
            sums = [k for k, rx in _HASH.items() if rx.match(str(item.get(k, "")))]
            name = item.get("@id", item_path)
            if sums:
                evidence.append(t.at_json(f"{item_path}.{sums[0]}", f"{name}: {sums[0]}"))
                good += 1
            else:
                bogus = [k for k in _HASH if k in item]
                text = f"{bogus[0]} is not a hash" if bogus else "no sha256 or md5"
                evidence.append(t.at_json(item_path, f"{name}: {text}", True))
    total = len(evidence)
    status = PASS if good == total else FAIL if good == 0 else PARTIAL
    if total == 1:  # the version alone (no files to checksum)
        message = evidence[0].text
    else:
        message = {PASS: "SemVer version and a checksum on every FileObject",
                   FAIL: "no version and no checksums",
                   PARTIAL: f"{good:g} of {total} versioning facts hold"}[status]
    return _result("FAIR-VER", status, message, evidence)


# ---------------------------------------------------------------------------
# Croissant RAI

# The exact 20 property names of Croissant RAI 1.0 (croissant_rai.ttl).
RAI_NAMES = frozenset({
    "dataCollection", "dataCollectionType", "dataCollectionMissingData", "dataCollectionRawData",
    "dataCollectionTimeframe", "dataImputationProtocol", "dataManipulationProtocol",
    "dataPreprocessingProtocol", "dataAnnotationProtocol", "dataAnnotationPlatform",
    "dataAnnotationAnalysis", "annotationsPerItem", "annotatorDemographics",
    "machineAnnotationTools", "dataReleaseMaintenancePlan", "personalSensitiveInformation",
    "dataSocialImpact", "dataBiases", "dataLimitations", "dataUseCases",
})
RAI_NAMESPACE = "http://mlcommons.org/croissant/RAI/"


def _rai_terms(doc: jsonld.Document) -> list[tuple[str, str]]:
    """(JSON path, RAI local name) for every rai: term the context defines or a key uses."""
    context, found = doc.context, []
    for key, value in context.items():
        iri = value.get("@id") if isinstance(value, dict) else value
        if isinstance(iri, str) and key != "rai" and _expand(iri, context).startswith(RAI_NAMESPACE):
            found.append((f"@context.{key}", _expand(iri, context)[len(RAI_NAMESPACE):]))

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                if key != "@context":
                    full = _expand(key, context)
                    if full.startswith(RAI_NAMESPACE) and key not in context:
                        found.append((join(path, key), full[len(RAI_NAMESPACE):]))
                    walk(child, join(path, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, join(path, index))

    if "rai" not in context:  # keys written rai:x without a declared prefix still count
        context = {**context, "rai": RAI_NAMESPACE}
    walk(doc.root, "")
    return found


@check("RAI-NAMES", "I", "Croissant RAI 1.0", "RDA-I2-01M", "Every rai: property is a Croissant RAI 1.0 name",
       "rai-names", 1, needs="jsonld")
def rai_names(t: Target) -> Result:
    terms = _rai_terms(t.doc)
    if not terms:
        return _result("RAI-NAMES", NOT_APPLICABLE, "the document uses no rai: property")
    evidence, good = [], 0
    for path, name in terms:
        if name in RAI_NAMES:
            good += 1
        else:
            near = [n for n in sorted(RAI_NAMES) if n.lower() == name.lower()
                    or n.lower().startswith(name.lower()[:12])]
            hint = f" (did you mean rai:{near[0]}?)" if near else ""
            evidence.append(t.at_json(path, f"rai:{name} is not a Croissant RAI 1.0 property{hint}",
                                      True))
    if good == len(terms):
        return _result("RAI-NAMES", PASS, f"all {good} rai: names are RAI 1.0 properties",
                       [t.at_json("@context", f"{good} rai: properties")])
    return _result("RAI-NAMES", FAIL, f"{len(terms) - good} of {len(terms)} rai: names are unknown",
                   evidence)


# ---------------------------------------------------------------------------
# Online (datasheet fair --online): the only check that needs the network, through resolve.py


def _resolvable(t: Target, url_for: Callable[[identifiers.Identifier], str]
                ) -> list[tuple[str, str, str]]:
    """(sheet path, what it is, URL to try) for each declared identifier and the landing page."""
    out = []
    for path, item in _identifier_items(t):
        ident = identifiers.parse(str(item.get("value", "")))
        if ident is not None:
            out.append((path + ".value", str(ident) if ident.scheme != "url" else "URL",
                        url_for(ident)))
    landing = t.value("dataset.landing_page")
    if isinstance(landing, str) and _is_http_iri(landing):
        ident = identifiers.parse(landing)
        url = url_for(ident) if ident is not None and ident.scheme != "url" else landing.strip()
        out.append(("dataset.landing_page", "landing page", url))
    seen: set[str] = set()
    return [x for x in out if not (x[2] in seen or seen.add(x[2]))]


RESOLVE = "FAIR-A1-RESOLVE"
# Registered like the others so that reports list its metadata; it has no offline function and runs
# only through online_check().
CHECKS[RESOLVE] = Check(RESOLVE, "A", "FsF-F1-02D-2", "RDA-A1-03M, RDA-A1-03D",
                        "Identifiers and landing page resolve (online)", "resolves", 2,
                        needs="sheet", run=None, online=True)


def online_check(resolver) -> Callable[[Target], list[Result]]:
    """The online check bound to a resolver (resolve.Resolver or a test double with
    `url_for(identifier) -> str` and `resolve(url) -> Resolution`)."""

    def run(t: Target) -> list[Result]:
        if t.sheet is None:
            return [_result(RESOLVE, NOT_APPLICABLE, t.note)]
        targets = _resolvable(t, resolver.url_for)
        if not targets:
            return [_result(RESOLVE, FAIL, "there is no identifier or landing page to resolve",
                            [t.at("dataset.identifiers", "nothing to resolve", True)])]
        evidence = []
        for path, label, url in targets:
            outcome = resolver.resolve(url)
            evidence.append(t.at(path, f"{label} {url}: {outcome.describe()}", not outcome.ok))
        good = sum(not e.problem for e in evidence)
        return [_graded(RESOLVE, good, len(evidence), (
            "every identifier and landing page resolves", "{good} of {total} addresses resolve",
            "nothing resolves"), evidence)]

    return run


# ---------------------------------------------------------------------------
# Running the checks

CROISSANT_ONLY = "applies to Croissant JSON-LD only"


def kind_of(path: Path, head: str) -> str:
    """What a file is, from its name and first bytes: croissant, kaggle, hf or datasheet."""
    if path.suffix.lower() in (".json", ".jsonld"):
        return "croissant" if '"@context"' in head or '"@type"' in head else "kaggle"
    if path.suffix.lower() == ".md":
        return "hf"
    return "datasheet"


def target_for(path: str | Path) -> Target:
    """Load a file for the FAIR checks: its Sheet through the one input door, and for Croissant
    files the raw JSON-LD as well."""
    from .inputs import load_document

    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(20_000).decode("utf-8", "replace")
    except OSError:
        head = ""
    kind = kind_of(path, head)
    target = Target(str(path), kind)
    if kind == "croissant":
        target.doc = jsonld.load(path)
    sheet = load_document(path)
    if sheet.kind != kind:
        # No reader for this kind in this build: the file was read as a YAML datasheet, which
        # it is not, so the sheet checks cannot run on it.
        target.note = f"no {kind} reader in this build: only the JSON-LD checks ran"
    elif sheet.fatal:
        target.load_findings = [f for f in sheet.findings if f.code in FATAL]
        target.note = "the document could not be read"
    else:
        target.sheet = sheet
    if target.doc is not None and target.doc.root is None and not target.load_findings:
        line, column = target.doc.error_at
        target.load_findings = [Finding(str(path), line, column, "FAIR-DOC", "unreadable-jsonld",
                                        Severity.ERROR, target.doc.error)]
    return target


def _applicable(check: Check, t: Target) -> str | None:
    """Why `check` cannot run on `t`, or None when it can."""
    has_doc = t.doc is not None
    if check.needs == "jsonld" and not has_doc:
        return CROISSANT_ONLY
    if check.needs == "sheet" and t.sheet is None:
        return t.note
    if check.needs == "either" and t.sheet is None and not (has_doc and t.doc.root is not None):
        return t.note or "the document could not be read"
    if check.needs == "jsonld" and t.doc.root is None and check.id != "FAIR-I1-KR":
        return "the JSON-LD could not be parsed (see FAIR-I1-KR)"
    return None


@dataclass
class FairReport:
    """All results for one file, with the scores they give."""

    file: str
    kind: str
    results: list[Result]
    load_findings: list[Finding] = field(default_factory=list)
    note: str = ""

    def scores(self) -> dict[str, float | None]:
        """Weighted 0-100 score per principle and "overall"; None where no check applied."""
        out: dict[str, float | None] = {}
        for key in (*PRINCIPLES, "overall"):
            scored = [r for r in self.results if r.status in STATUS_SCORE
                      and (key == "overall" or r.check.principle == key)]
            weight = sum(r.check.weight for r in scored)
            out[key] = (round(100 * sum(r.check.weight * STATUS_SCORE[r.status] for r in scored)
                              / weight, 1) if weight else None)
        return out

    def findings(self) -> list[Finding]:
        """Load problems, then one finding per failed or partial check at the place it concerns.
        Online checks report every URL they tried, since the user asked for them."""
        out = list(self.load_findings)
        for r in self.results:
            if r.check.online:
                for e in r.evidence:
                    out.append(self._finding(r, e, Severity.WARNING if e.problem else Severity.INFO,
                                             e.text))
            elif r.status in SEVERITY:
                where = next((e for e in r.evidence if e.problem), None) or \
                    (r.evidence[0] if r.evidence else None)
                out.append(self._finding(r, where, SEVERITY[r.status], f"{r.status}: {r.message}"))
        return out

    def _finding(self, r: Result, e: Evidence | None, severity: Severity, message: str) -> Finding:
        origin = e.origin if e else Origin(self.file, 1, 1)
        return Finding(self.file, origin.line, origin.column, r.check.id, r.check.name, severity,
                       message, e.path if e else "")


def assess(target: Target, online: Callable[[Target], list[Result]] | None = None) -> FairReport:
    """Run every offline check on `target`, and the online ones when `online` is given (see
    `resolve.py`: the checks themselves never touch the network)."""
    results = []
    for check_ in CHECKS.values():
        if check_.online:
            continue
        reason = _applicable(check_, target)
        results.append(_result(check_.id, NOT_APPLICABLE, reason) if reason
                       else check_.run(target))
    if online is not None:
        results.extend(online(target))
    return FairReport(target.file, target.kind, results, target.load_findings, target.note)

"""Interoperable: formal JSON-LD, known vocabularies, qualified links, and correct RAI names."""

from __future__ import annotations

import difflib
import json
import re
import warnings
from typing import Any

from .. import identifiers, jsonld
from ..answers import text_of
from ..sheet import Origin, join
from .model import (
    FAIL,
    NOT_APPLICABLE,
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
    type_is,
)


def _remote_contexts(node: Any) -> list[str]:
    """Context URLs anywhere in the document (top level, embedded, scoped, @import): a JSON-LD
    parser would fetch each of them."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import"):
                found += [v for v in as_list(value) if isinstance(v, str)]
            found += _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            found += _remote_contexts(item)
    return found


@check("FAIR-I1-KR", "I", "FsF-I1-01M", "RDA-I1-01M, RDA-I1-02M",
       "Metadata is formal JSON-LD that parses to RDF", "knowledge-representation", 2,
       needs="jsonld")
def knowledge_representation(t: Target) -> Result:
    doc = t.document
    if doc.root is None:
        line, column = doc.error_at
        return make_result("FAIR-I1-KR", FAIL, f"the document is not JSON-LD: {doc.error}",
                           [Evidence("", doc.error, Origin(doc.file, line, column), True)])
    context = doc.root.get("@context")
    if not context:
        return make_result("FAIR-I1-KR", FAIL,
                           "there is no @context, so the JSON is not linked data",
                           [t.at_json("", "no @context", True)])
    if not type_is(doc.root, "Dataset"):
        return make_result("FAIR-I1-KR", FAIL, "the @type is not schema.org Dataset",
                           [t.at_json("@type", f"@type is {doc.root.get('@type')!r}", True)])
    remote = _remote_contexts(doc.root)
    if remote:
        # Parsing would fetch the remote context; the offline checks never touch the network.
        return make_result("FAIR-I1-KR", PARTIAL,
                           "the @context is remote; the RDF parse was skipped",
                           [t.at_json("@context", f"remote context {remote[0]!r}")])
    try:
        import rdflib  # optional: datasheet-kit[fair]
    except ImportError:
        return make_result("FAIR-I1-KR", PARTIAL,
                           "JSON-LD shape is right; install datasheet-kit[fair] (rdflib) to "
                           "parse it",
                           [t.at_json("@context", "inline context")])
    try:
        with warnings.catch_warnings():  # rdflib's own deprecations are not the user's problem
            warnings.simplefilter("ignore", DeprecationWarning)
            graph = rdflib.Graph().parse(data=json.dumps(doc.root), format="json-ld")
    except Exception as exc:  # rdflib raises many types for bad JSON-LD; all mean "does not parse"
        return make_result("FAIR-I1-KR", FAIL, "the JSON-LD does not parse to RDF",
                           [t.at_json("@context", f"{type(exc).__name__}: {exc}"[:200], True)])
    return make_result("FAIR-I1-KR", PASS, f"parses to {len(graph)} RDF triples",
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


def expand(term: str, context: dict, depth: int = 0) -> str:
    """A compact IRI or term expanded through the context (enough of JSON-LD for namespaces)."""
    if depth > 8 or term.startswith(("http://", "https://")):
        return term
    m = _PREFIXED.match(term)
    if m and isinstance(context.get(m.group(1)), str):
        return expand(context[m.group(1)], context, depth + 1) + term[m.end():]
    return term


@check("FAIR-I2-VOCAB", "I", "FsF-I2-01M-2", "RDA-I2-01M", "Metadata uses known FAIR vocabularies",
       "known-vocabularies", 1, needs="jsonld")
def known_vocabularies(t: Target) -> Result:
    context = t.document.context
    if not context:
        return make_result("FAIR-I2-VOCAB", FAIL,
                           "there is no inline @context to read namespaces from",
                           [t.at_json("@context", "no inline @context", True)])
    evidence, good, total = [], 0, 0
    for key, value in context.items():
        iri = value.get("@id") if isinstance(value, dict) else value
        if key.startswith("@") and key != "@vocab" or not isinstance(iri, str):
            continue
        full = expand(iri, context)
        if not full.startswith(("http://", "https://")):
            if _PREFIXED.match(full):  # a term whose prefix the context never declares
                total += 1
                evidence.append(t.at_json(f"@context.{key}",
                                          f"{key} -> {iri}: prefix undeclared", True))
            continue
        total += 1
        if full.startswith(VOCABULARIES):
            good += 1
        else:
            evidence.append(t.at_json(f"@context.{key}", f"{key} -> {full}: not a known vocabulary",
                                      True))
    if total == 0:
        return make_result("FAIR-I2-VOCAB", FAIL, "the @context maps no term to a vocabulary",
                           [t.at_json("@context", "no namespace", True)])
    return graded("FAIR-I2-VOCAB", good, total, (
        "every namespace is a known vocabulary",
        "{good} of {total} context terms use known vocabularies",
        "no context term uses a known vocabulary"), evidence)


@check("FAIR-I3-LINKS", "I", "FsF-I3-01M", "RDA-I3-01M, RDA-I3-03M",
       "Qualified links to related data (sources, sameAs, citation)", "qualified-links", 1)
def qualified_links(t: Target) -> Result:
    links: list[Evidence] = []
    items = list(identifier_items(t))
    if len(items) > 1:  # more than one identifier: the others act as sameAs links
        links.append(t.at("dataset.identifiers", f"{len(items)} identifiers (sameAs)"))
    citation = text_of(t.value("dataset.citation"))
    if identifiers.find_all(citation) or "http" in citation:
        links.append(t.at("dataset.citation", "the citation links a publication"))
    external = t.value("composition.external_resources")
    if answered(external) and "http" in text_of(external):
        links.append(t.at("composition.external_resources", "links external resources"))

    derived = t.value("provenance.derived_from")
    if not (isinstance(derived, list) and derived):
        if links:
            return make_result("FAIR-I3-LINKS", PASS, "the metadata links related resources", links)
        return make_result("FAIR-I3-LINKS", FAIL, "no qualified link (sameAs, citation, source)",
                           [t.at("dataset.citation", "no linked citation or related identifier",
                                 True)])
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
        return make_result("FAIR-I3-LINKS", PASS, "every original is linked by PID or URL", links)
    if links:
        return make_result("FAIR-I3-LINKS", PARTIAL,
                           f"{len(unlinked)} of {len(derived)} originals are named without a link",
                           unlinked + links)
    return make_result("FAIR-I3-LINKS", FAIL, "the originals are named but not linked", unlinked)


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


def rai_terms(doc: jsonld.Document) -> list[tuple[str, str]]:
    """(JSON path, RAI local name) for every rai: term the context defines or a key uses."""
    context, found = doc.context, []
    for key, value in context.items():
        iri = value.get("@id") if isinstance(value, dict) else value
        if isinstance(iri, str) and key != "rai" and expand(iri, context).startswith(RAI_NAMESPACE):
            found.append((f"@context.{key}", expand(iri, context)[len(RAI_NAMESPACE):]))

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, child in node.items():
                if key != "@context":
                    full = expand(key, context)
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


@check("RAI-NAMES", "I", "Croissant RAI 1.0", "-",
       "Every rai: property is a Croissant RAI 1.0 name", "rai-names", 1, needs="jsonld")
def rai_names(t: Target) -> Result:
    terms = rai_terms(t.document)
    if not terms:
        return make_result("RAI-NAMES", NOT_APPLICABLE, "the document uses no rai: property")
    evidence, good = [], 0
    for path, name in terms:
        if name in RAI_NAMES:
            good += 1
        else:
            near = difflib.get_close_matches(name, sorted(RAI_NAMES), n=1)
            hint = f" (did you mean rai:{near[0]}?)" if near else ""
            evidence.append(t.at_json(path, f"rai:{name} is not a Croissant RAI 1.0 property{hint}",
                                      True))
    if good == len(terms):
        return make_result("RAI-NAMES", PASS, f"all {good} rai: names are RAI 1.0 properties",
                           [t.at_json("@context", f"{good} rai: properties")])
    return make_result("RAI-NAMES", FAIL,
                       f"{len(terms) - good} of {len(terms)} rai: names are unknown",
                       evidence)

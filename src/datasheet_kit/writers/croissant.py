"""Croissant 1.1 JSON-LD with the Responsible-AI (RAI 1.0) vocabulary, built in code.

Where an answer goes is the crosswalk's (`croissant`): a prose answer goes to the first property
of its crosswalk entry that can hold prose; typed fields (title, creators, identifiers, dates,
licence, provenance) fill the core properties they are mapped to. Nothing is written that the
datasheet does not say: no distribution without a real file URL and checksum, no timeframe that
is not a date.

`check(doc)` is our own check for what mlcroissant does not enforce (see croissant_fair.md §3).
"""

from __future__ import annotations

import re
from typing import Any

from .. import identifiers
from ..answer_text import GAP_PREFIX, describe, fold
from ..answers import Status, count_of, status_of
from ..catalogue import asks, crosswalk, questions, sections
from ..files import json_text
from . import Output, answers, label_text
from ._license import spdx_page

CORE_URI = "http://mlcommons.org/croissant/1.1"
RAI_URI = "http://mlcommons.org/croissant/RAI/1.0"
# The 1.1 Appendix 1 context with https schema.org (what mlcroissant requires) and prov added;
# "@language" must stay (mlcroissant crashes without it). Source: croissant_fair.md §1, checked
# against mlcommons/croissant docs/croissant-spec-1.1.md (Appendix 1, 2025-12-10). The four
# aliases path, repeated, replace and samplingRate are not in that appendix but are in the
# context of the spec's 1.0 examples and in mlcroissant's own (1.1.1, core/rdf.py
# make_context), which warns "The JSON-LD @context is not standard" when one is missing.
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/", "prov": "http://www.w3.org/ns/prov#",
    "annotation": "cr:annotation", "arrayShape": "cr:arrayShape", "citeAs": "cr:citeAs",
    "column": "cr:column", "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"}, "excludes": "cr:excludes",
    "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath", "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField",
    "path": "cr:path", "recordSet": "cr:recordSet", "references": "cr:references",
    "regex": "cr:regex", "readLines": "cr:readLines", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate", "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source", "subField": "cr:subField", "transform": "cr:transform",
    "unArchive": "cr:unArchive", "value": "cr:value",
}
# The 20 properties of RAI 1.0, exactly as named in mlcommons/croissant docs/croissant_rai.ttl
# @ 401f6fff, with their cardinality (ONE -> a string, MANY -> a list). One deliberate deviation:
# dataReleaseMaintenancePlan is MANY in the TTL but ONE in mlcroissant 1.1.1, which warns on a
# list, so several answers are joined into one text there.
RAI_PROPERTIES = {
    "rai:dataCollection": "ONE", "rai:dataCollectionType": "MANY",
    "rai:dataCollectionMissingData": "ONE", "rai:dataCollectionRawData": "ONE",
    "rai:dataCollectionTimeframe": "MANY", "rai:dataImputationProtocol": "ONE",
    "rai:dataManipulationProtocol": "ONE", "rai:dataPreprocessingProtocol": "MANY",
    "rai:dataAnnotationProtocol": "ONE", "rai:dataAnnotationPlatform": "MANY",
    "rai:dataAnnotationAnalysis": "MANY", "rai:annotationsPerItem": "ONE",
    "rai:annotatorDemographics": "MANY", "rai:machineAnnotationTools": "MANY",
    "rai:dataReleaseMaintenancePlan": "ONE", "rai:personalSensitiveInformation": "MANY",
    "rai:dataSocialImpact": "ONE", "rai:dataBiases": "MANY", "rai:dataLimitations": "MANY",
    "rai:dataUseCases": "MANY",
}
# Required by the Croissant 1.1 spec (its "Required" table); mlcroissant enforces only some.
REQUIRED = ("@context", "@type", "conformsTo", "name", "description", "license", "url",
            "creator", "datePublished", "distribution")
# Properties that hold free prose, so a written answer can go there as it is. rai:
# dataCollectionTimeframe is not among them: its range is sc:DateTime.
_PROSE = {p for p in RAI_PROPERTIES if p != "rai:dataCollectionTimeframe"} | {
    "description", "temporalCoverage", "usageInfo"}
# Prose about an organisation (who publishes, funds, maintains) becomes an Organization
# described by that prose: the datasheet gives no separate name.
_ENTITY = {"funder", "publisher", "maintainer"}
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# How each PID scheme is labelled, to read a bare value as the scheme it is declared under.
_LABELS = {"doi": "doi:", "handle": "hdl:", "ark": "ark:/"}


def _prose_target(props: tuple[str, ...]) -> str | None:
    for prop in props:
        base = prop.split(".")[0]
        if base in _PROSE or base in _ENTITY:
            return base
    return None


def _written(value: Any) -> bool:
    """Answers and explained gaps are written; missing answers and placeholders are not."""
    return status_of(value) is Status.ANSWERED or (
        status_of(value) in GAP_PREFIX and describe(value).startswith(tuple(GAP_PREFIX.values())))


def identifier_url(item: dict) -> str | None:
    """Where a declared identifier resolves: the canonical resolver URL of a DOI, Handle or ARK
    (identifiers.parse reads every usual form), a web address as written, else None.

    A bare value is read as the scheme it is declared under, so a Handle such as "1721.1/123"
    (which on its own could be anything) still gets its resolver.
    """
    value = str(item.get("value", "")).strip()
    if not value:
        return None
    found = identifiers.parse(value)
    if found is None and item.get("scheme") in _LABELS:
        found = identifiers.parse(_LABELS[item["scheme"]] + value)
    return found.url if found is not None else None


def _creator(item: dict) -> dict | None:
    if not isinstance(item, dict) or not item.get("name"):
        return None
    person = item.get("kind") == "person"
    out: dict[str, Any] = {"@type": "sc:Person" if person else "sc:Organization",
                           "name": item["name"]}
    if item.get("email"):
        out["email"] = item["email"]
    if item.get("url"):
        out["url"] = item["url"]
    if person and item.get("orcid"):
        out["identifier"] = f"https://orcid.org/{item['orcid']}"
    if not person and item.get("ror"):
        out["identifier"] = item["ror"]
    if person and item.get("affiliation"):
        out["affiliation"] = {"@type": "sc:Organization", "name": item["affiliation"]}
    return out


def _derivation(item: dict) -> dict | None:
    if not isinstance(item, dict) or not item.get("source_dataset"):
        return None
    # A PROV entity, not an sc:Dataset: a second Dataset node in the graph makes mlcroissant pick
    # which one is the root by hash order, and validate the original's name as if it were ours.
    out: dict[str, Any] = {"@type": "prov:Entity", "name": item["source_dataset"]}
    pid = item.get("source_pid")
    if isinstance(pid, str) and pid:
        url = identifier_url({"value": pid})
        if url:
            out["@id"] = url
    if item.get("source_url"):
        out["url"] = item["source_url"]
    if item.get("source_version"):
        out["version"] = str(item["source_version"])
    return out


def _date(value: Any) -> str | None:
    usable = isinstance(value, (str, int)) and not isinstance(value, bool)
    text = str(value).strip() if usable else ""
    return text if _ISO_DATE.match(text) else None


def build(data: dict) -> tuple[dict, list[str]]:
    """The Croissant document of a datasheet, and what could not be written into it.

    The steps fill `doc` in the order its keys are written: name, description, the core
    properties, the licence, typed facts, organisations, RAI prose, then the distribution."""
    values = answers(data)
    mapping = crosswalk("croissant")
    doc: dict[str, Any] = {"@context": CONTEXT, "@type": "sc:Dataset"}
    title = values.get("dataset.title")
    if status_of(title) is Status.ANSWERED:
        doc["name"] = fold(describe(title))
    prose = _prose(values, mapping)
    texts = {prop: _labelled(prop, entries, mapping) for prop, entries in prose.items()}
    description = texts.pop("description", [])
    if description:
        doc["description"] = "\n\n".join(description)
    doc["conformsTo"] = [CORE_URI]
    _add_core(doc, values)
    _add_license(doc, values, prose.get("usageInfo", []), texts, mapping)
    _add_facts(doc, values)
    _add_organisations(doc, texts)
    _add_prose(doc, texts)
    files, warnings = _distribution(values, mapping)
    if files:
        doc["distribution"] = files
    return doc, warnings


def _prose(values: dict[str, Any], mapping: dict[str, tuple[str, ...]]
           ) -> dict[str, list[tuple[str, str]]]:
    """Prose answers gathered per property, in schema order, as (question, text)."""
    prose: dict[str, list[tuple[str, str]]] = {}
    for qid, props in mapping.items():
        value = values.get(qid)
        if not _is_prose(qid, value):
            continue
        if "rai:dataCollectionTimeframe" in props:
            dates = [_date(v) for v in (value if isinstance(value, list) else [value])]
            if dates and all(dates):
                prose.setdefault("rai:dataCollectionTimeframe", []).extend(
                    (qid, date) for date in dates if date)
                continue
        target = _prose_target(props)
        if target is None:
            # Its crosswalk names only typed properties (url, recordSet, distribution...): typed
            # fields fill them; a prose answer cannot, so Croissant does not carry it.
            continue
        prose.setdefault(target, []).append((qid, describe(value).strip()))
    return prose


def _is_prose(qid: str, value: Any) -> bool:
    """A written answer in prose form; the typed ones (licence, keywords, languages) are not."""
    if not _written(value) or qid in ("dataset.keywords", "dataset.language"):
        return False
    if isinstance(value, dict):
        return "spdx" not in value and ("answer" in value or "status" in value)
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return isinstance(value, str)


def _add_core(doc: dict[str, Any], values: dict[str, Any]) -> None:
    """The landing page, the creators and the dates."""
    url = values.get("dataset.landing_page")
    if isinstance(url, str) and status_of(url) is Status.ANSWERED:
        doc["url"] = url
    creators = values.get("dataset.creators")
    people = [c for c in map(_creator, creators if isinstance(creators, list) else []) if c]
    if people:
        doc["creator"] = people
    for key, qid in (("datePublished", "dataset.date_published"),
                     ("dateModified", "dataset.date_modified")):
        date = _date(values.get(qid))
        if date:
            doc[key] = date


def _add_license(doc: dict[str, Any], values: dict[str, Any], usage: list[tuple[str, str]],
                 texts: dict[str, list[str]], mapping: dict[str, tuple[str, ...]]) -> None:
    """The licence as the URL of its text; its own terms open `usageInfo`, unlabelled."""
    license_value = values.get("distribution.license")
    page = spdx_page(license_value)
    if page:
        doc["license"] = page
    elif isinstance(license_value, dict) and license_value.get("url") and \
            status_of(license_value) is Status.ANSWERED:
        doc["license"] = license_value["url"]
    if isinstance(license_value, dict) and license_value.get("terms"):
        terms = [("distribution.license", fold(license_value["terms"]))]
        texts["usageInfo"] = _labelled("usageInfo", terms + usage, mapping)


def _add_facts(doc: dict[str, Any], values: dict[str, Any]) -> None:
    """Keywords, languages, version, citation, identifiers, size and the originals."""
    for key, qid in (("keywords", "dataset.keywords"), ("inLanguage", "dataset.language")):
        listed = values.get(qid)
        if isinstance(listed, list) and listed:
            doc[key] = [k for k in listed if isinstance(k, str)]
    version = values.get("dataset.version")
    if isinstance(version, (str, int, float)) and status_of(version) is Status.ANSWERED:
        doc["version"] = str(version)
    citation = values.get("dataset.citation")
    if status_of(citation) is Status.ANSWERED:
        doc["citeAs"] = describe(citation).strip()
    declared = values.get("dataset.identifiers")
    urls = [u for u in (identifier_url(i) for i in declared or [] if isinstance(i, dict)) if u]
    if urls:
        doc["identifier"] = urls[0] if len(urls) == 1 else urls
        doc["sameAs"] = urls
    size = count_of(values.get("dataset.size_bytes"))
    if size is not None:
        doc["contentSize"] = f"{size} B"
    derived = values.get("provenance.derived_from")
    sources = [d for d in map(_derivation, derived if isinstance(derived, list) else []) if d]
    if sources:
        doc["prov:wasDerivedFrom"] = sources


def _add_organisations(doc: dict[str, Any], texts: dict[str, list[str]]) -> None:
    """Who funds, publishes and maintains: an Organization described by each answer."""
    for entity in sorted(_ENTITY):
        said = texts.pop(entity, [])
        if not said:
            continue
        orgs = []
        for text in said:
            org: dict[str, Any] = {"@type": "sc:Organization", "description": text}
            email = _EMAIL.search(text)
            if email:
                org["email"] = email.group(0)
            orgs.append(org)
        doc[entity] = orgs


def _add_prose(doc: dict[str, Any], texts: dict[str, list[str]]) -> None:
    """The remaining prose properties (RAI and usage), and the RAI conformance they call for."""
    for prop, said in texts.items():
        if prop in RAI_PROPERTIES and RAI_PROPERTIES[prop] == "MANY":
            doc[prop] = said
        else:
            doc[prop] = "\n\n".join(said)
    if any(key.startswith("rai:") for key in doc):
        doc["conformsTo"] = [CORE_URI, RAI_URI]


def _distribution(values: dict[str, Any], mapping: dict[str, tuple[str, ...]]
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """The FileObjects, and a warning for each listed file that cannot be one.

    A FileObject outside a container needs contentUrl, encodingFormat and md5 or sha256
    (mlcroissant); a file the datasheet lists without a checksum is left out and reported, and
    with no such file no distribution is invented: check() reports the gap."""
    files: list[dict[str, Any]] = []
    warnings: list[str] = []
    for qid, props in mapping.items():
        if "distribution" not in props or not isinstance(values.get(qid), list):
            continue
        for item in values[qid]:
            file_object = _file_object(item, len(files))
            if file_object:
                files.append(file_object)
            elif isinstance(item, dict):
                warnings.append(f"{qid}: {item.get('name', 'a file')} has no URL, media type "
                                "and checksum together; left out of the distribution")
    return files, warnings


def _labelled(prop: str, entries: list[tuple[str, str]], mapping: dict) -> list[str]:
    """The texts of one property. Where several questions share the property, each answer
    goes behind its question's label, so that a reader can tell whose answer (or whose
    "Unknown: ...") each part is; only the property's owner, the first question that names it
    first, is written as it is (the dataset summary opens `description` unlabelled; the
    collection timeframe's dates stand in `rai:dataCollectionTimeframe` as the typed values they
    are). Any other answer, a date included, goes behind its label."""
    sharing = [q for q, props in mapping.items() if prop in {p.split(".")[0] for p in props}]
    names = questions()
    # A reader takes a property's unlabelled text as the answer only to a question the property
    # asks (schema `asked_by`), or to a typed one of a section every datasheet has; any other
    # answer (one of medical imaging's, say) is labelled.
    asked = asks("croissant").get(prop, frozenset())
    owner = next((q for q in sharing if mapping[q][0].split(".")[0] == prop and (
        q in asked or (names[q].shape != "answer" and sections()[names[q].section].required))),
        None)
    if len(sharing) < 2 and owner is not None:
        return [text for _, text in entries]
    return [text if qid == owner else label_text(names[qid].label(), text)
            for qid, text in entries]


def _file_object(item: Any, index: int) -> dict | None:
    if not (isinstance(item, dict) and item.get("content_url") and item.get("encoding_format")
            and (item.get("sha256") or item.get("md5"))):
        return None
    name = str(item.get("name") or f"file-{index}")
    out: dict[str, Any] = {"@type": "cr:FileObject", "@id": name, "name": name,
                           "contentUrl": item["content_url"],
                           "encodingFormat": item["encoding_format"]}
    for key in ("sha256", "md5"):
        if item.get(key):
            out[key] = item[key]
    if isinstance(item.get("size_bytes"), int):
        out["contentSize"] = f"{item['size_bytes']} B"
    return out


def write(data: dict) -> Output:
    doc, warnings = build(data)
    warnings.extend(check(doc))
    return Output(json_text(doc), warnings)


def check(doc: Any) -> list[str]:
    """What mlcroissant lets through: missing required properties, rai: names not in the TTL,
    conformsTo without the RAI URI when rai: terms are used, a non-https schema.org vocabulary."""
    if not isinstance(doc, dict):
        return ["the document is not a JSON object"]
    problems = [f"required property '{key}' is missing" for key in REQUIRED if key not in doc]
    if doc.get("@type") not in ("sc:Dataset", "Dataset", "https://schema.org/Dataset"):
        problems.append(f"@type is {doc.get('@type')!r}, not sc:Dataset")
    context = doc.get("@context")
    if isinstance(context, dict):
        if context.get("@vocab") != "https://schema.org/":
            problems.append("@context @vocab must be https://schema.org/")
        if "@language" not in context:
            problems.append("@context has no @language (mlcroissant crashes without it)")
    conforms = doc.get("conformsTo", [])
    conforms = [conforms] if isinstance(conforms, str) else conforms
    if "conformsTo" in doc and not any(str(c).startswith("http://mlcommons.org/croissant/1.")
                                       for c in conforms):
        problems.append("conformsTo names no Croissant version")
    rai = [key for key in doc if key.startswith("rai:")]
    for key in rai:
        if key not in RAI_PROPERTIES:
            problems.append(f"'{key}' is not an RAI 1.0 property")
    if rai and RAI_URI not in conforms:
        problems.append(f"rai: properties are used but conformsTo lacks {RAI_URI}")
    license_value = doc.get("license")
    for item in license_value if isinstance(license_value, list) else [license_value]:
        if isinstance(item, str) and not item.startswith(("http://", "https://")):
            problems.append(f"license {item!r} is not a URL (use https://spdx.org/licenses/<id>.html)")
    return problems

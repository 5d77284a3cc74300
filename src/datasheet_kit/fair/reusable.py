"""Reusable: content described, licence, provenance, community standards, formats, versions."""

from __future__ import annotations

import re

from .. import licenses
from ..answers import status_of
from .findable import file_objects
from .interoperable import rai_terms
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
    make_result,
)


@check("FAIR-R1-CONTENT", "R", "FsF-R1-01MD-1, FsF-R1-01MD-2", "RDA-R1-01M",
       "The content is described (typed fields, or file types and sizes)", "content-described", 1,
       needs="either")
def content_described(t: Target) -> Result:
    if t.doc is not None and t.doc.root is not None:
        typed, total, evidence = 0, 0, []
        for record in as_list(t.doc.get("recordSet")):
            if not isinstance(record, dict):
                continue
            for fld in as_list(record.get("field")):
                if isinstance(fld, dict):
                    total += 1
                    typed += bool(fld.get("dataType") or record.get("dataType"))
        if total:
            evidence.append(t.at_json("recordSet", f"{typed} of {total} fields have a dataType",
                                      typed < total))
            return graded("FAIR-R1-CONTENT", typed, total, (
                "every record-set field is typed", "{good} of {total} fields are typed",
                "no record-set field is typed"), evidence)
        formats = [i for i in as_list(t.doc.get("distribution"))
                   if isinstance(i, dict) and i.get("encodingFormat")]
        if formats:
            return make_result("FAIR-R1-CONTENT", PARTIAL, "no record set; files have formats only",
                               [t.at_json("recordSet", "no typed fields", True)])
        return make_result("FAIR-R1-CONTENT", FAIL, "neither record sets nor file formats",
                           [t.at_json("recordSet", "no record set", True)])
    if t.sheet is None:
        return make_result("FAIR-R1-CONTENT", NOT_APPLICABLE, t.note)
    parts = [("composition.instance_content", "what an instance holds"),
             ("medical_imaging.file_format", "file formats"),
             ("dataset.size_bytes", "size")]
    evidence = [t.at(p, f"{label}: {'given' if answered(t.value(p)) else 'missing'}",
                     not answered(t.value(p))) for p, label in parts]
    good = sum(not e.problem for e in evidence)
    return graded("FAIR-R1-CONTENT", good, len(parts), (
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
        reason = value.get("reason") if isinstance(value, dict) else None
        said = f"licence {status_of(value)}" + (f": {str(reason).strip()[:120]}" if reason else "")
        return make_result("FAIR-R1.1-LIC", FAIL, "no licence is stated", [t.at(path, said, True)])
    spdx, name, url = (str(value[k]) if isinstance(value.get(k), str) else "" for k in
                       ("spdx", "name", "url"))
    lic = licenses.normalize(spdx or name or url)
    shown = spdx or name or url
    if lic.kind in ("none", "unknown", "unrecognized") or (lic.kind == "other" and not url):
        return make_result("FAIR-R1.1-LIC", FAIL, f"the licence {shown!r} says nothing usable",
                           [t.at(path, f"{shown!r} reads as {lic.kind}", True)])
    expression = _spdx_expression(lic)
    if expression:
        return make_result("FAIR-R1.1-LIC", PASS, f"licensed {expression}",
                           [t.at(path, f"SPDX expression {expression}")])
    if lic.kind != "spdx" or lic.spdx is None:
        return make_result("FAIR-R1.1-LIC", PARTIAL,
                           f"the terms are named ({lic.kind.replace('_', ' ')}) but have no "
                           "SPDX id",
                           [t.at(path, f"{shown!r}: {lic.label}" + (f", {url}" if url else ""),
                                 True)])
    if lic.deprecated:
        return make_result("FAIR-R1.1-LIC", PARTIAL, f"{lic.spdx} is a deprecated SPDX id",
                           [t.at(path, f"{shown!r} -> deprecated {lic.spdx}", True)])
    as_id = bool(spdx) or name.strip().lower() == lic.spdx.lower()
    if not (as_id or url):
        return make_result("FAIR-R1.1-LIC", PARTIAL,
                           f"the licence reads as {lic.spdx}; state the SPDX id or its URL",
                           [t.at(path, f"{name!r} -> {lic.spdx}", True)])
    return make_result("FAIR-R1.1-LIC", PASS, f"licensed {lic.spdx}",
                       [t.at(path, f"{lic.spdx} ({licenses.spdx_url(lic.spdx)})")])


@check("FAIR-R1.2-PROV", "R", "FsF-R1.2-01M", "RDA-R1.2-01M, RDA-R1.2-02M",
       "Provenance: who made it, when, and how it was collected", "provenance", 2)
def provenance(t: Target) -> Result:
    date = next((p for p in ("dataset.date_published", "dataset.date_created",
                             "collection.timeframe") if answered(t.value(p))), None)
    parts = [
        ("dataset.creators", "creators", answered(t.value("dataset.creators"))),
        (date or "dataset.date_published", "a date", date is not None),
        ("collection.acquisition", "how it was collected",
         answered(t.value("collection.acquisition"))),
    ]
    evidence = [t.at(p, f"{label}: {'given' if ok else 'missing'}", not ok)
                for p, label, ok in parts]
    derived = t.value("provenance.derived_from")
    if isinstance(derived, list):
        for index, item in enumerate(derived):
            if not (isinstance(item, dict) and item.get("relationship")):
                evidence.append(t.at(f"provenance.derived_from[{index}]",
                                     "a source without its relationship", True))
    good = sum(not e.problem for e in evidence)
    return graded("FAIR-R1.2-PROV", good, len(evidence), (
        "creators, dates, collection and sources are recorded",
        "{good} of {total} provenance facts are recorded", "no provenance is recorded"), evidence)


_CROISSANT_SPEC = re.compile(r"^https?://mlcommons\.org/croissant/(1\.[01])/?$")
_RAI_SPEC = re.compile(r"^https?://mlcommons\.org/croissant/RAI/1\.0/?$")


@check("FAIR-R1.3-STD", "R", "FsF-R1.3-01M-1", "RDA-R1.3-01M, RDA-R1.3-02M",
       "Declares the Croissant version it conforms to", "conforms-to", 1, needs="jsonld")
def conforms_to(t: Target) -> Result:
    doc = t.document
    declared = [v for v in as_list(doc.get("conformsTo")) if isinstance(v, str)]
    key = next((k for k in ("conformsTo", "dct:conformsTo") if k in (doc.root or {})),
               "conformsTo")
    if not declared:
        return make_result("FAIR-R1.3-STD", FAIL,
                           "no conformsTo: the file is read as pre-1.0 Croissant (0.8)",
                           [t.at_json("", "conformsTo is missing", True)])
    spec = next((m.group(1) for v in declared if (m := _CROISSANT_SPEC.match(v))), None)
    if spec is None:
        return make_result("FAIR-R1.3-STD", FAIL, "conformsTo names no Croissant 1.0 or 1.1",
                           [t.at_json(key, ", ".join(declared), True)])
    if rai_terms(doc) and not any(_RAI_SPEC.match(v) for v in declared):
        return make_result("FAIR-R1.3-STD", PARTIAL,
                           f"Croissant {spec}, but rai: terms are used without the RAI 1.0 URI",
                           [t.at_json(key, ", ".join(declared), True)])
    return make_result("FAIR-R1.3-STD", PASS, f"conforms to Croissant {spec}",
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


@check("FAIR-R1.3-FMT", "R", "FsF-R1.3-02D", "RDA-R1.3-02D",
       "Files use open or scientific formats", "open-formats", 1, needs="either")
def open_formats(t: Target) -> Result:
    seen: list[tuple[Evidence, bool]] = []
    if t.doc is not None and t.doc.root is not None:
        for index, item in enumerate(as_list(t.doc.get("distribution"))):
            if not isinstance(item, dict):
                continue
            for fmt in as_list(item.get("encodingFormat")):
                if isinstance(fmt, str):
                    ok = fmt.split(";")[0].strip().lower() in OPEN_FORMATS
                    seen.append((t.at_json(f"distribution[{index}].encodingFormat",
                                           fmt + ("" if ok else ": not a known open format"),
                                           not ok),
                                 ok))
    elif t.sheet is not None:
        for index, fmt in enumerate(as_list(t.value("medical_imaging.file_format"))):
            ok = fmt in OPEN_FILE_FORMATS
            seen.append((t.at(f"medical_imaging.file_format[{index}]",
                              f"{fmt}" + ("" if ok else ": not a known open format"), not ok), ok))
    else:
        return make_result("FAIR-R1.3-FMT", NOT_APPLICABLE, t.note)
    if not seen:
        where = t.at_json("distribution", "no encodingFormat", True) if t.doc \
            else t.at("medical_imaging.file_format", "no file format", True)
        return make_result("FAIR-R1.3-FMT", FAIL, "no file format is named", [where])
    good = sum(ok for _, ok in seen)
    return graded("FAIR-R1.3-FMT", good, len(seen), (
        "every format is open", "{good} of {total} formats are known open formats",
        "no format is a known open format"), [e for e, _ in seen])


_SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_HASH = {"sha256": re.compile(r"^[0-9a-fA-F]{64}$"), "md5": re.compile(r"^[0-9a-fA-F]{32}$")}


@check("FAIR-VER", "R", "Croissant 1.1 versioning", "-",
       "A SemVer version, and checksums on files", "versioning", 1, needs="either")
def versioning(t: Target) -> Result:
    evidence = []
    if t.doc is not None and t.doc.root is not None:
        version, where = t.doc.get("version"), t.at_json
        path = "version"
    elif t.sheet is not None:
        version, where, path = t.value("dataset.version"), t.at, "dataset.version"
    else:
        return make_result("FAIR-VER", NOT_APPLICABLE, t.note)
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
        for item_path, item in file_objects(t.doc):
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
    return make_result("FAIR-VER", status, message, evidence)

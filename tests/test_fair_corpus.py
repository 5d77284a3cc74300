"""The Croissant-specific FAIR checks over the 52 real Croissant files of the corpus.

Driven by MANIFEST.tsv (with its hashes, so drift is noticed). Properties that hold for this
corpus: no traceback anywhere; the 0.8 files (no conformsTo) fail FAIR-R1.3-STD and the others do
not; the invalid JSON file is one clean finding; the array-shaped Kaggle export is read; the
PharmAccess RAI file uses only RAI 1.0 names.
"""

from __future__ import annotations

import csv
import hashlib

import pytest

from datasheet_kit import fair
from datasheet_kit.findings import Severity

from .conftest import CORPUS

pytestmark = pytest.mark.corpus

JSONLD_CHECKS = [c.id for c in fair.CHECKS.values() if c.needs == "jsonld"]


def croissant_files(corpus):
    with open(corpus / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["kind"] == "croissant"]
    for row in rows:
        path = corpus / "croissant" / f"{row['name']}.json"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"], f"{path} changed"
    return {row["name"]: corpus / "croissant" / f"{row['name']}.json" for row in rows}


@pytest.fixture(scope="module")
def reports():
    # Module scope: assess the 52 files once. The skip mirrors conftest's `corpus` fixture.
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"real-document corpus not found at {CORPUS}")
    return {name: fair.assess(fair.target_for(path))
            for name, path in croissant_files(CORPUS).items()}


def by_id(report):
    return {r.check.id: r for r in report.results}


def test_every_file_gets_every_jsonld_check_without_a_traceback(reports):
    assert len(reports) == 52
    for name, report in reports.items():
        results = by_id(report)
        assert all(check_id in results for check_id in JSONLD_CHECKS), name
        assert report.kind == "croissant"


def test_the_08_files_fail_conforms_to_and_the_others_do_not(reports):
    for name, report in reports.items():
        std = by_id(report)["FAIR-R1.3-STD"]
        if name == "huggingface-open-r1-math-raw__v1.0":
            continue  # invalid JSON, below
        if name.endswith("__v0.8"):
            assert std.status == "fail" and "pre-1.0" in std.message, name
            # ... and their context still maps terms to the pre-1.0 namespace mlcommons.org/schema/
            vocab = by_id(report)["FAIR-I2-VOCAB"]
            assert vocab.status == "partial"
            assert any("http://mlcommons.org/schema/" in e.text for e in vocab.evidence), name
        else:
            assert std.status in ("pass", "partial"), (name, std.message)


def test_invalid_json_is_a_clean_finding(reports):
    report = reports["huggingface-open-r1-math-raw__v1.0"]
    errors = [f for f in report.findings() if f.severity == Severity.ERROR]
    # The reader's load finding, once: `fair` reports the same code as lint and validate.
    assert [(f.code, f.line, f.column) for f in errors] == [("DS012", 314, 15)]
    assert by_id(report)["FAIR-I1-KR"].status == "fail"


def test_array_shaped_file_is_read(reports):
    report = reports["kaggle-car-price-dataset__v1.0"]
    results = by_id(report)
    assert not report.load_findings
    assert results["FAIR-R1.3-STD"].status == "pass"
    assert results["FAIR-F3-DATAID"].evidence[0].origin.key.startswith("[0].distribution")


def test_pharmaccess_rai_uses_only_rai_names(reports):
    rai = by_id(reports["pharmaccess-momcare-fhir__v1.1-rai"])
    assert rai["RAI-NAMES"].status == "pass" and "20 rai:" in rai["RAI-NAMES"].message
    # It declares Croissant 1.0 only, although it uses rai: terms.
    assert rai["FAIR-R1.3-STD"].status == "partial"
    plain = by_id(reports["pharmaccess-momcare-fhir__v1.1"])
    assert plain["RAI-NAMES"].status == "not_applicable"


def test_hf_checksum_placeholders_are_not_hashes(reports):
    ver = by_id(reports["huggingface-mnist__v1.1"])["FAIR-VER"]
    assert any("sha256 is not a hash" in e.text for e in ver.evidence)


def test_every_corpus_document_of_every_kind_gets_a_report():
    """Cards and Kaggle files too: their readers give the sheet checks something to judge, so
    every readable one gets sheet-level results (JSON-LD-only checks say why they did not run)."""
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"real-document corpus not found at {CORPUS}")
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["kind"] in ("hf", "kaggle")]
    assert len(rows) == 559 + 27
    for row in rows:
        suffix = ".md" if row["kind"] == "hf" else ".json"
        report = fair.assess(fair.target_for(CORPUS / row["kind"] / f"{row['name']}{suffix}"))
        assert report.kind == row["kind"]
        if report.note:  # only a document that cannot be read at all
            assert report.load_findings and report.note == "the document could not be read"
            assert {r.status for r in report.results} == {"not_applicable"}
        else:
            lic = next(r for r in report.results if r.check.id == "FAIR-R1.1-LIC")
            assert lic.status != "not_applicable", row["name"]

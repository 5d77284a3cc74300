"""FAIR checks: a passing and a failing fixture for each check, scores, findings and the table.

Datasheet fixtures are tests/fixtures/valid/complete.yaml with one change; Croissant fixtures are
tests/fixtures/fair/croissant-complete.json (written for these tests) with one change.
"""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from datasheet_kit import fair
from datasheet_kit.findings import Severity
from datasheet_kit.sheet import split

from .conftest import DATASHEETS, FIXTURES, datasheet_files

COMPLETE = FIXTURES / "valid" / "complete.yaml"
CROISSANT = FIXTURES / "fair" / "croissant-complete.json"
BASE = yaml.safe_load(COMPLETE.read_text(encoding="utf-8"))
BASE_JSONLD = json.loads(CROISSANT.read_text(encoding="utf-8"))
DELETE = object()


def _apply(data: dict, changes: dict) -> dict:
    data = copy.deepcopy(data)
    for path, value in changes.items():
        *parents, last = split(path)
        node = data
        for part in parents:
            node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
        if value is DELETE:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def datasheet(tmp_path, **changes) -> fair.Target:
    """complete.yaml with `changes` (dotted path -> value, or DELETE), as a FAIR target."""
    changes = {k.replace("__", "."): v for k, v in changes.items()}
    path = tmp_path / "sheet.yaml"
    path.write_text(yaml.safe_dump(_apply(BASE, changes), sort_keys=False), encoding="utf-8")
    return fair.target_for(path)


def croissant(tmp_path, changes: dict | None = None, name: str = "croissant.json") -> fair.Target:
    path = tmp_path / name
    path.write_text(json.dumps(_apply(BASE_JSONLD, changes or {}), indent=2), encoding="utf-8")
    return fair.target_for(path)


def result(target: fair.Target, check_id: str) -> fair.Result:
    return next(r for r in fair.assess(target).results if r.check.id == check_id)


def status(target: fair.Target, check_id: str) -> str:
    return result(target, check_id).status


# ---------------------------------------------------------------------------
# The check table


def test_the_table_has_the_documented_checks_with_indicators():
    expected = {"FAIR-F1-PID", "FAIR-F1-UID", "FAIR-F2-CORE", "FAIR-F3-DATAID", "FAIR-A1-ACCESS",
                "FAIR-A1-PROTO", "FAIR-I1-KR", "FAIR-I2-VOCAB", "FAIR-I3-LINKS",
                "FAIR-R1-CONTENT", "FAIR-R1.1-LIC", "FAIR-R1.2-PROV", "FAIR-R1.3-STD",
                "FAIR-R1.3-FMT", "FAIR-VER", "RAI-NAMES", "FAIR-A1-RESOLVE"}
    assert set(fair.CHECKS) == expected
    for c in fair.CHECKS.values():
        assert c.principle in fair.PRINCIPLES and c.weight > 0 and c.fuji and c.rda and c.title
        assert c.online == (c.id == "FAIR-A1-RESOLVE")


def test_the_complete_fixture_passes_every_applicable_check(tmp_path):
    report = fair.assess(fair.target_for(COMPLETE))
    statuses = {r.check.id: r.status for r in report.results}
    # complete.yaml has no file formats or size, a citation without a link, prose-only access.
    assert statuses.pop("FAIR-R1-CONTENT") == "partial"
    assert statuses.pop("FAIR-R1.3-FMT") == "fail"
    assert statuses.pop("FAIR-I3-LINKS") == "fail"
    assert statuses.pop("FAIR-A1-ACCESS") == "partial"
    croissant_only = {"FAIR-F3-DATAID", "FAIR-I1-KR", "FAIR-I2-VOCAB", "FAIR-R1.3-STD", "RAI-NAMES"}
    assert {k for k, v in statuses.items() if v == "not_applicable"} == croissant_only
    assert {v for k, v in statuses.items() if k not in croissant_only} == {"pass"}


# ---------------------------------------------------------------------------
# Findable


def test_f1_pid_passes_with_a_declared_doi(tmp_path):
    r = result(datasheet(tmp_path), "FAIR-F1-PID")
    assert r.status == "pass" and "10.5281/zenodo.0000000" in r.evidence[0].text


@pytest.mark.parametrize("ident", [
    {"scheme": "handle", "value": "20.500.12345/lesions"},
    {"scheme": "ark", "value": "ark:/13030/tf5p30086k"},
    {"scheme": "url", "value": "https://doi.org/10.5281/zenodo.1234567"},  # a DOI written as URL
])
def test_f1_pid_accepts_handles_arks_and_doi_urls(tmp_path, ident):
    assert status(datasheet(tmp_path, dataset__identifiers=[ident]), "FAIR-F1-PID") == "pass"


def test_f1_pid_fails_on_a_platform_url_alone(tmp_path):
    target = datasheet(tmp_path, dataset__identifiers=[
        {"scheme": "url", "value": "https://www.kaggle.com/datasets/someone/lesions"}])
    r = result(target, "FAIR-F1-PID")
    assert r.status == "fail"
    assert any("kaggle address, not a persistent identifier" in e.text for e in r.evidence)


def test_f1_pid_other_schemes_do_not_count(tmp_path):
    target = datasheet(tmp_path,
                       dataset__identifiers=[{"scheme": "other", "value": "arXiv:1908.02288"}])
    r = result(target, "FAIR-F1-PID")
    assert r.status == "fail" and "(other) is not a DOI, Handle or ARK" in r.evidence[1].text


def test_f1_pid_fails_on_a_malformed_doi_with_the_reason(tmp_path):
    target = datasheet(tmp_path, dataset__identifiers=[{"scheme": "doi", "value": "10.12/abc"}])
    r = result(target, "FAIR-F1-PID")
    assert r.status == "fail"
    assert any("malformed" in e.text and "4 to 9 digits" in e.text for e in r.evidence)


def test_f1_pid_a_paper_doi_in_the_citation_does_not_count(tmp_path):
    citation = "Doe J. Lesions. Journal 2024. doi:10.1109/TMI.2004.825627"
    target = datasheet(tmp_path, dataset__identifiers=DELETE, dataset__citation=citation)
    r = result(target, "FAIR-F1-PID")
    assert r.status == "fail"
    assert any("names a publication" in e.text for e in r.evidence)


def test_f1_pid_a_repository_doi_only_in_the_citation_is_partial(tmp_path):
    target = datasheet(tmp_path, dataset__identifiers=DELETE,
                       dataset__citation="Doe J. Lesions. Zenodo. https://doi.org/10.5281/zenodo.1234567")
    r = result(target, "FAIR-F1-PID")
    assert r.status == "partial" and r.evidence[0].path == "dataset.citation"


def test_f1_pid_ham10000_passes_and_drive_fails():
    assert status(fair.target_for(DATASHEETS / "ham10000.yaml"), "FAIR-F1-PID") == "pass"
    drive = result(fair.target_for(DATASHEETS / "drive.yaml"), "FAIR-F1-PID")
    assert drive.status == "fail"
    assert any("grand_challenge address" in e.text for e in drive.evidence)


def test_f1_pid_ignores_the_originals_identifiers_in_provenance(tmp_path):
    target = datasheet(tmp_path, dataset__identifiers=DELETE, provenance={"derived_from": [{
        "source_dataset": "HAM10000", "relationship": "is_identical_to",
        "source_pid": "doi:10.7910/DVN/DBW86T"}]})
    assert status(target, "FAIR-F1-PID") == "fail"


def test_f1_uid(tmp_path):
    assert status(datasheet(tmp_path), "FAIR-F1-UID") == "pass"
    assert status(datasheet(tmp_path, dataset__landing_page="lesion-photos"),
                  "FAIR-F1-UID") == "partial"
    assert status(datasheet(tmp_path, dataset__landing_page=DELETE, dataset__identifiers=DELETE),
                  "FAIR-F1-UID") == "fail"


def test_f2_core_names_what_is_missing(tmp_path):
    r = result(datasheet(tmp_path, dataset__keywords=DELETE), "FAIR-F2-CORE")
    assert r.status == "partial" and "keywords" in r.message
    placeholder = result(datasheet(tmp_path, dataset__keywords=["TODO"]), "FAIR-F2-CORE")
    assert placeholder.status == "partial" and "keywords: placeholder" in \
        [e.text for e in placeholder.evidence if e.problem]
    # the creators and the release date are one fact each, wherever they are written
    empty = {f"{path}": DELETE for _, path in fair.CORE_FIELDS}
    empty.update({"motivation.creators": DELETE, "distribution.date": DELETE})
    target = datasheet(tmp_path, **{k.replace(".", "__"): v for k, v in empty.items()})
    assert status(target, "FAIR-F2-CORE") == "fail"


def test_creators_written_once_in_motivation_are_the_creators(tmp_path):
    """Issue 12: motivation.creators filled, dataset.creators left out: FAIR finds a creator,
    at the line of motivation.creators."""
    target = datasheet(tmp_path, dataset__creators=DELETE)
    r = result(target, "FAIR-F2-CORE")
    creator = next(e for e in r.evidence if e.text.startswith("creator"))
    assert creator.text == "creator: given" and not creator.problem
    assert creator.origin == target.sheet.origin("motivation.creators")
    prov = result(datasheet(tmp_path, dataset__creators=DELETE), "FAIR-R1.2-PROV")
    assert prov.status == "pass"


def test_f3_dataid(tmp_path):
    assert status(croissant(tmp_path), "FAIR-F3-DATAID") == "pass"
    no_size = croissant(tmp_path, {"distribution[0].contentSize": DELETE})
    assert status(no_size, "FAIR-F3-DATAID") == "partial"
    no_url = result(croissant(tmp_path, {"distribution[0].contentUrl": DELETE}), "FAIR-F3-DATAID")
    assert no_url.status == "fail" and "archive: no contentUrl" in no_url.evidence[0].text
    only_sets = croissant(tmp_path, {"distribution": [BASE_JSONLD["distribution"][2]]})
    assert status(only_sets, "FAIR-F3-DATAID") == "fail"


# ---------------------------------------------------------------------------
# Accessible


def test_a1_access(tmp_path):
    assert status(datasheet(tmp_path), "FAIR-A1-ACCESS") == "partial"
    duo = datasheet(tmp_path,
                    distribution__method="Open download; DUO:0000042 (general research use).")
    assert status(duo, "FAIR-A1-ACCESS") == "pass"
    assert status(datasheet(tmp_path, distribution__method=DELETE), "FAIR-A1-ACCESS") == "fail"


def test_a1_proto(tmp_path):
    assert status(datasheet(tmp_path), "FAIR-A1-PROTO") == "pass"
    ftp = datasheet(tmp_path, distribution__license__url="ftp://example.org/licence.txt")
    r = result(ftp, "FAIR-A1-PROTO")
    assert r.status == "partial" and any("'ftp'" in e.text for e in r.evidence if e.problem)
    assert status(croissant(tmp_path), "FAIR-A1-PROTO") == "pass"
    s3 = croissant(tmp_path, {"distribution[0].contentUrl": "s3://bucket/images.zip",
                              "distribution[1].contentUrl": "gs://bucket/metadata.csv"})
    # The data is only on s3/gs: the https landing page and licence the Croissant reader also
    # finds in the file do not make the data reachable (FsF-A1-03D is about the data).
    assert status(s3, "FAIR-A1-PROTO") == "fail"
    # With no file listed, the file's own addresses (url, license) are what there is.
    no_files = croissant(tmp_path, {"distribution": DELETE})
    assert status(no_files, "FAIR-A1-PROTO") == "pass"


# ---------------------------------------------------------------------------
# Interoperable


def test_i1_kr(tmp_path):
    pytest.importorskip("rdflib")
    r = result(croissant(tmp_path), "FAIR-I1-KR")
    assert r.status == "pass" and "triples" in r.message
    assert status(croissant(tmp_path, {"@context": DELETE}), "FAIR-I1-KR") == "fail"
    assert status(croissant(tmp_path, {"@type": "sc:Thing"}), "FAIR-I1-KR") == "fail"
    remote = croissant(tmp_path, {"@context": "https://example.org/context.jsonld"})
    assert status(remote, "FAIR-I1-KR") == "partial"  # never fetched
    embedded = croissant(tmp_path, {"distribution[0].@context": "https://example.org/c.jsonld"})
    assert status(embedded, "FAIR-I1-KR") == "partial"
    imported = croissant(tmp_path, {"@context.@import": "https://example.org/c.jsonld"})
    assert status(imported, "FAIR-I1-KR") == "partial"


def test_i1_kr_invalid_json_is_a_clean_finding_with_its_line():
    report = fair.assess(fair.target_for(FIXTURES / "fair" / "croissant-invalid-json.json"))
    kr = next(r for r in report.results if r.check.id == "FAIR-I1-KR")
    assert kr.status == "fail" and kr.evidence[0].origin.line == 6
    # One finding for the one problem: the reader's DS012 (the code lint and validate give the
    # same file), not a second FAIR-only code beside it.
    errors = [f for f in report.findings() if f.severity == Severity.ERROR]
    assert [(f.code, f.line) for f in errors] == [("DS012", 6)]
    others = {r.status for r in report.results if r.check.id != "FAIR-I1-KR"}
    assert others == {"not_applicable"}


def test_array_shaped_croissant_is_read_with_positions():
    report = fair.assess(fair.target_for(FIXTURES / "fair" / "croissant-array.json"))
    std = next(r for r in report.results if r.check.id == "FAIR-R1.3-STD")
    assert std.status == "pass" and std.evidence[0].origin.line == 7
    assert std.evidence[0].origin.key == "[0].conformsTo"


def test_i2_vocab(tmp_path):
    assert status(croissant(tmp_path), "FAIR-I2-VOCAB") == "pass"
    extra = croissant(tmp_path, {"@context.ex": "http://example.org/vocab#"})
    r = result(extra, "FAIR-I2-VOCAB")
    assert r.status == "partial" and r.evidence[0].path == "@context.ex"
    undeclared = croissant(tmp_path, {"@context.thing": "zz:thing"})
    assert "prefix undeclared" in result(undeclared, "FAIR-I2-VOCAB").evidence[0].text
    only_unknown = croissant(tmp_path, {"@context": {"@vocab": "http://example.org/"}})
    assert status(only_unknown, "FAIR-I2-VOCAB") == "fail"


def test_i3_links(tmp_path):
    assert status(datasheet(tmp_path), "FAIR-I3-LINKS") == "fail"
    cited = datasheet(tmp_path, dataset__citation="Doe J (2024). https://doi.org/10.1109/x.1")
    assert status(cited, "FAIR-I3-LINKS") == "pass"
    linked = {"source_dataset": "A", "relationship": "derives_from",
              "source_url": "https://a.example"}
    unlinked = {"source_dataset": "B", "relationship": "derives_from"}
    assert status(datasheet(tmp_path, provenance={"derived_from": [linked]}),
                  "FAIR-I3-LINKS") == "pass"
    assert status(datasheet(tmp_path, provenance={"derived_from": [linked, unlinked]}),
                  "FAIR-I3-LINKS") == "partial"
    r = result(datasheet(tmp_path, provenance={"derived_from": [unlinked]}), "FAIR-I3-LINKS")
    assert r.status == "fail" and "B: named without a PID or URL" in r.evidence[0].text


def test_rai_names(tmp_path):
    assert status(croissant(tmp_path), "RAI-NAMES") == "pass"
    typo = result(croissant(tmp_path, {"rai:dataBias": "x"}), "RAI-NAMES")
    assert typo.status == "fail" and "did you mean rai:dataBiases" in typo.evidence[0].text
    assert typo.evidence[0].origin.line > 1
    in_context = croissant(tmp_path, {"@context.useCases": {"@id": "rai:useCases"}})
    assert status(in_context, "RAI-NAMES") == "fail"
    plain = croissant(tmp_path, {"rai:dataCollection": DELETE, "rai:dataBiases": DELETE})
    assert status(plain, "RAI-NAMES") == "not_applicable"


# ---------------------------------------------------------------------------
# Reusable


def test_r1_content(tmp_path):
    assert status(croissant(tmp_path), "FAIR-R1-CONTENT") == "pass"
    untyped = copy.deepcopy(BASE_JSONLD["recordSet"])
    del untyped[0]["field"][1]["dataType"]
    assert status(croissant(tmp_path, {"recordSet": untyped}), "FAIR-R1-CONTENT") == "partial"
    assert status(croissant(tmp_path, {"recordSet": DELETE}), "FAIR-R1-CONTENT") == "partial"
    described = datasheet(tmp_path, medical_imaging__file_format=["jpeg"], dataset__size_bytes=1000)
    assert status(described, "FAIR-R1-CONTENT") == "pass"
    assert status(datasheet(tmp_path, composition__instance_content=DELETE),
                  "FAIR-R1-CONTENT") == "fail"


@pytest.mark.parametrize("license, expected", [
    ({"name": "CC BY 4.0", "spdx": "CC-BY-4.0"}, "pass"),
    ({"name": "MIT"}, "pass"),  # the name is the SPDX id
    ({"name": "Two licences", "spdx": "CC0-1.0 AND CC-BY-NC-4.0"}, "pass"),
    ({"name": "Creative Commons Attribution 4.0 International"}, "partial"),  # needs id or URL
    ({"name": "GPL 2", "spdx": "GPL-2.0"}, "partial"),  # deprecated SPDX id
    ({"name": "PhysioNet Credentialed Health Data License 1.5.0"}, "partial"),
    ({"name": "unknown"}, "fail"),
    ({"status": "unknown", "reason": "The creators never named one."}, "fail"),
])
def test_r1_1_license(tmp_path, license, expected):
    assert status(datasheet(tmp_path, distribution__license=license), "FAIR-R1.1-LIC") == expected


def test_r1_2_prov(tmp_path):
    assert status(datasheet(tmp_path), "FAIR-R1.2-PROV") == "pass"
    assert status(datasheet(tmp_path, collection__acquisition=DELETE),
                  "FAIR-R1.2-PROV") == "partial"
    nothing = datasheet(tmp_path, dataset__creators=DELETE, motivation__creators=DELETE,
                        dataset__date_published=DELETE, distribution__date=DELETE,
                        collection__timeframe=DELETE, collection__acquisition=DELETE)
    assert status(nothing, "FAIR-R1.2-PROV") == "fail"


def test_r1_3_std(tmp_path):
    assert status(croissant(tmp_path), "FAIR-R1.3-STD") == "pass"
    r = result(croissant(tmp_path, {"conformsTo": DELETE}), "FAIR-R1.3-STD")
    assert r.status == "fail" and "pre-1.0" in r.message
    no_rai = croissant(tmp_path, {"conformsTo": "http://mlcommons.org/croissant/1.1"})
    assert status(no_rai, "FAIR-R1.3-STD") == "partial"
    assert status(croissant(tmp_path, {"conformsTo": "http://example.org/x"}),
                  "FAIR-R1.3-STD") == "fail"


def test_r1_3_fmt(tmp_path):
    assert status(croissant(tmp_path), "FAIR-R1.3-FMT") == "pass"
    vendor = croissant(tmp_path, {"distribution[0].encodingFormat": "application/x-vendor-slide"})
    assert status(vendor, "FAIR-R1.3-FMT") == "partial"
    assert status(datasheet(tmp_path, medical_imaging__file_format=["dicom"]),
                  "FAIR-R1.3-FMT") == "pass"
    assert status(datasheet(tmp_path, medical_imaging__file_format=["wsi"]),
                  "FAIR-R1.3-FMT") == "fail"


def test_versioning(tmp_path):
    assert status(croissant(tmp_path), "FAIR-VER") == "pass"
    placeholder = "https://github.com/mlcommons/croissant/issues/80"  # what HF writes
    r = result(croissant(tmp_path, {"distribution[0].sha256": placeholder}), "FAIR-VER")
    assert r.status == "partial" and any("sha256 is not a hash" in e.text for e in r.evidence)
    live = croissant(tmp_path, {"isLiveDataset": True, "distribution[0].sha256": DELETE})
    assert status(live, "FAIR-VER") == "pass"
    assert status(datasheet(tmp_path), "FAIR-VER") == "pass"
    assert status(datasheet(tmp_path, dataset__version="2024 release"), "FAIR-VER") == "partial"
    assert status(datasheet(tmp_path, dataset__version=DELETE), "FAIR-VER") == "fail"


# ---------------------------------------------------------------------------
# Applicability, scores, findings


def test_croissant_only_checks_say_why_they_do_not_apply_to_datasheets():
    report = fair.assess(fair.target_for(COMPLETE))
    for r in report.results:
        if r.check.needs == "jsonld":
            assert r.status == "not_applicable" and r.message == fair.CROISSANT_ONLY


def test_sheet_checks_run_on_croissant_through_its_reader(tmp_path):
    target = croissant(tmp_path)
    assert target.sheet is not None and target.sheet.kind == "croissant" and target.note == ""
    pid = result(target, "FAIR-F1-PID")
    # `identifier` is a plain DOI IRI in the JSON-LD; it counts as a declared DOI, at its line.
    assert pid.status == "pass" and pid.evidence[0].origin.key == "identifier"
    assert pid.evidence[0].text == "doi: 10.5281/zenodo.0000000"
    assert status(target, "FAIR-F1-UID") == "pass"  # the landing page is the file's `url`
    assert status(target, "FAIR-R1.1-LIC") == "pass"
    no_id = croissant(tmp_path, {"identifier": DELETE, "sameAs": DELETE})
    assert status(no_id, "FAIR-F1-PID") != "pass"


def test_scores_weigh_passes_partials_and_skip_not_applicable():
    report = fair.assess(fair.target_for(COMPLETE))
    scored = [r for r in report.results if r.status != "not_applicable"]
    weight = sum(r.check.weight for r in scored)
    points = sum(r.check.weight * fair.STATUS_SCORE[r.status] for r in scored)
    assert report.scores()["overall"] == round(100 * points / weight, 1)
    f = [r for r in scored if r.check.principle == "F"]
    assert report.scores()["F"] == 100.0 and all(r.status == "pass" for r in f)


def test_findings_fail_is_warning_partial_is_info_at_the_evidence_line(tmp_path):
    target = datasheet(tmp_path, dataset__identifiers=[
        {"scheme": "url", "value": "https://huggingface.co/datasets/x/y"}],
        dataset__keywords=DELETE)
    findings = {f.code: f for f in fair.assess(target).findings()}
    pid = findings["FAIR-F1-PID"]
    assert pid.severity == Severity.WARNING and pid.name == "persistent-identifier"
    assert pid.path == "dataset.identifiers"
    assert pid.line == target.sheet.origin("dataset.identifiers").line
    assert findings["FAIR-F2-CORE"].severity == Severity.INFO
    assert "FAIR-F1-UID" not in findings  # passes are not findings


@pytest.mark.parametrize("path", datasheet_files(), ids=lambda p: p.stem)
def test_every_reference_datasheet_gets_a_full_report(path):
    report = fair.assess(fair.target_for(path))
    assert not report.load_findings and report.note == ""
    offline = [c.id for c in fair.CHECKS.values() if not c.online]
    assert [r.check.id for r in report.results] == offline
    assert {r.status for r in report.results} <= {"pass", "partial", "fail", "not_applicable"}
    scores = report.scores()
    assert all(0 <= scores[k] <= 100 for k in ("F", "A", "R", "overall"))
    for r in report.results:
        for e in r.evidence:
            assert e.origin.file == str(path) and e.origin.line >= 1


def test_unreadable_datasheet_reports_the_load_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: [unclosed\n", encoding="utf-8")
    report = fair.assess(fair.target_for(bad))
    assert [f.code for f in report.findings()] == ["DS005"]
    assert report.scores()["overall"] is None


# Names used in the RAI spec prose or in mappings that are not in croissant_rai.ttl.
@pytest.mark.parametrize("wrong, meant", [
    ("useCases", "dataUseCases"), ("dataReleaseMaintenance", "dataReleaseMaintenancePlan"),
    ("dataCollectionTimeFrame", "dataCollectionTimeframe"),
    ("annotationProtocol", "dataAnnotationProtocol"),
    ("annotatorsDemographics", "annotatorDemographics"),
    ("imputationProtocol", "dataImputationProtocol"), ("ethicalReview", None),
])
def test_rai_names_catches_the_known_misnamings(tmp_path, wrong, meant):
    r = result(croissant(tmp_path, {f"rai:{wrong}": "text"}), "RAI-NAMES")
    assert r.status == "fail"
    (problem,) = [e for e in r.evidence if e.problem]
    assert problem.path == f"rai:{wrong}"
    if meant:
        assert f"did you mean rai:{meant}?" in problem.text
    else:
        assert "did you mean" not in problem.text


def test_entry_check_is_licence_pid_and_core_metadata():
    assert fair.assess(fair.target_for(DATASHEETS / "ham10000.yaml")).entry_check() == "pass"
    assert fair.assess(fair.target_for(DATASHEETS / "drive.yaml")).entry_check() == "fail"
    croissant_only = fair.assess(fair.target_for(FIXTURES / "fair" / "croissant-invalid-json.json"))
    assert croissant_only.entry_check() == "not_applicable"


def test_checks_are_reported_by_principle_then_the_online_check():
    """F, A, I, R and the online check last, in the order each module registers its checks,
    whatever order the check modules are imported in."""
    order = [(c.online, "FAIR".index(c.principle)) for c in fair.CHECKS.values()]
    assert order == sorted(order)
    assert list(fair.CHECKS)[:2] == ["FAIR-F1-PID", "FAIR-F1-UID"]
    assert list(fair.CHECKS)[-1] == "FAIR-A1-RESOLVE"

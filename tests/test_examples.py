"""The examples `make demo` shows: the made-up copy is caught, and the example table leaks."""

from __future__ import annotations

import json

from click.testing import CliRunner

from datasheet_kit.cli import main

from .conftest import ROOT

EXAMPLES = ROOT / "examples"


def test_the_example_copy_is_recognised_and_its_problems_found():
    result = CliRunner().invoke(main, ["provenance", "--format", "json",
                                       str(EXAMPLES / "skin-lesions-256-copy.yaml")])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    best = next(f for f in findings if f["code"] == "DS900")
    assert "(isic-2019)" in best["message"]
    assert {"DS901", "DS902", "DS904"} <= {f["code"] for f in findings}


def test_the_example_copy_json_carries_the_candidates_and_their_evidence():
    target = str(EXAMPLES / "skin-lesions-256-copy.yaml")
    payload = json.loads(CliRunner().invoke(main, ["provenance", "--format", "json", target]
                                            ).stdout)
    found = payload["candidates"][target]
    best = found[0]
    assert best["reference"] == "isic-2019" and best["title"].startswith("ISIC 2019")
    # The structured confidence is the one the DS900 message prints, not a second estimate.
    message = next(f["message"] for f in payload["findings"]
                   if f["code"] == "DS900" and "(isic-2019)" in f["message"])
    assert f"confidence {best['confidence']:.2f}:" in message
    kinds = {e["kind"] for e in best["evidence"]}
    assert {"name", "declared pattern", "count"} <= kinds
    for e in best["evidence"]:
        assert e["detail"] in message and 0 <= e["weight"] <= 1
    assert [c["confidence"] for c in found] == sorted((c["confidence"] for c in found),
                                                     reverse=True)


def test_the_example_table_leaks_one_patient_and_one_image():
    result = CliRunner().invoke(main, ["check-splits", str(EXAMPLES / "splits.csv"),
                                       "--patient-column", "patient", "--split-column", "split",
                                       "--image-column", "image", "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [f["message"] for f in findings if f["code"] == "DS907" and "'P01'" in f["message"]]
    assert [f["message"] for f in findings
            if f["code"] == "DS906" and "ISIC_0000001" in f["message"]]

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


def test_the_example_table_leaks_one_patient_and_one_image():
    result = CliRunner().invoke(main, ["check-splits", str(EXAMPLES / "splits.csv"),
                                       "--patient-column", "patient", "--split-column", "split",
                                       "--image-column", "image", "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert [f["message"] for f in findings if f["code"] == "DS907" and "'P01'" in f["message"]]
    assert [f["message"] for f in findings if f["code"] == "DS906" and "ISIC_0000001" in f["message"]]

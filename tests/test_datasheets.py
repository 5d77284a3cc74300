"""The bundled datasheets of real originals: valid, and every checkable fact carries its source."""

from __future__ import annotations

import pytest

from datasheet_kit.answers import Status, sources_of, status_of
from datasheet_kit.sheet import load
from datasheet_kit.validate import validate

from .conftest import datasheet_files

SHEETS = datasheet_files()
# Facts a reader must be able to check: each answered one must say where it comes from.
SOURCED = ("composition.instance_count", "distribution.license", "dataset.size_bytes",
           "medical_imaging.num_patients", "medical_imaging.num_images",
           "medical_imaging.num_studies", "medical_imaging.sites")


def test_there_are_enough_reference_datasheets():
    assert len(SHEETS) >= 4


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.stem)
def test_reference_datasheet_is_valid_and_sourced(path):
    sheet = load(path)
    assert validate(sheet) == []
    unsourced = []
    for qid in SOURCED:
        value = sheet.get(qid)
        if status_of(value) == Status.ANSWERED and not sources_of(value):
            unsourced.append(qid)
    for index, split in enumerate(sheet.get("medical_imaging.split_counts") or []):
        if not split.get("sources"):
            unsourced.append(f"medical_imaging.split_counts[{index}]")
    for index, origin in enumerate(sheet.get("provenance.derived_from") or []):
        licence = origin.get("source_license")
        if isinstance(licence, dict) and not licence.get("sources"):
            unsourced.append(f"provenance.derived_from[{index}].source_license")
    assert not unsourced, f"facts without a source: {unsourced}"


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.stem)
def test_reference_datasheet_is_medical_and_says_how_to_find_it(path):
    sheet = load(path)
    assert sheet.get("medical_imaging") is not None
    # INbreast, for one, has no live landing page: access is by request, as distribution.method says
    assert (sheet.get("dataset.landing_page") or sheet.get("dataset.identifiers")
            or status_of(sheet.get("distribution.method")) == Status.ANSWERED)
    assert sheet.get("dataset.aliases"), "aliases let provenance recognise copies"

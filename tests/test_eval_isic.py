"""The ISIC-on-Kaggle evaluation (bench/eval_isic_table.py) on the real table: counts add up and
well-known listings land where they belong. Needs the corpus and the reference datasheets."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pytest

from datasheet_kit import provenance as prov

from .conftest import CORPUS, DATASHEETS, ROOT


@pytest.fixture(scope="module")
def evaluation():
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"real-document corpus not found at {CORPUS}")
    references, _ = prov.load_references(DATASHEETS) if DATASHEETS.is_dir() else ([], [])
    if not {"isic-2019", "isic-2020"} <= {r.id for r in references}:
        pytest.skip(f"the ISIC reference datasheets are not in {DATASHEETS} yet")
    spec = importlib.util.spec_from_file_location("eval_isic_table",
                                                  ROOT / "bench" / "eval_isic_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.evaluate(CORPUS / "aux" / "isic_kaggle_metadata.csv", references)


@pytest.mark.corpus
def test_every_listing_is_counted_once(evaluation):
    rows, listings = evaluation
    assert len(listings) == 602
    assert sum(r["listings"] for r in rows.values()) == 602
    for counts in rows.values():
        verdicts = counts["compatible"] + counts["incompatible"] + counts["unknown or none"]
        assert verdicts == counts["listings"]
    stated = Counter(row["licence"] != "Unknown" for row in listings)
    assert stated[True] == 602 - 395  # the Unknown count given in copycats.md §7


@pytest.mark.corpus
def test_known_listings(evaluation):
    _, listings = evaluation
    by_name = {row["name"]: row for row in listings}
    assert by_name["ISIC 2020 JPG 256x256 RESIZED"]["group"] == "isic-2020"
    # CC0 over a non-commercial original
    assert by_name["ISIC 2020 JPG 256x256 RESIZED"]["verdict"] == "incompatible"
    assert by_name["ISIC 2019 JPG 224x224 RESIZED"]["group"] == "isic-2019"
    assert by_name["Cyclisic Bikeshare Data"]["group"] == "not recognised"

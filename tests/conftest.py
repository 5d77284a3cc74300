"""Shared test helpers: where the fixtures, the datasheets and the real-document corpus are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DATASHEETS = ROOT / "datasheets"
# The corpus lives beside the project, never inside it (some files may not be redistributed).
CORPUS = Path(os.environ.get("DATASHEET_CORPUS", ROOT.parent / "shared" / "corpus"))


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        pytest.skip(f"real-document corpus not found at {CORPUS}")
    return CORPUS


def datasheet_files() -> list[Path]:
    return sorted(DATASHEETS.glob("*.yaml"))

"""provenance: the original behind a copy, with its evidence, and one finding per planted
problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from datasheet_kit import provenance as prov
from datasheet_kit.cli import main
from datasheet_kit.sheet import load

from .conftest import FIXTURES
from .test_folders import png

HERE = FIXTURES / "copycats"
REFERENCES = HERE / "references"
COPIES = sorted((HERE / "copies").glob("DS9*.yaml"))


@pytest.fixture(scope="module")
def references():
    refs, problems = prov.load_references(REFERENCES)
    assert problems == [] and {r.id for r in refs} == {"lsc-2021", "lsc-2022", "fundo"}
    return refs


def codes_of(result) -> list[str]:
    return sorted(f.code for f in result.findings if f.code != "DS900")


@pytest.mark.parametrize("path", COPIES, ids=lambda p: p.stem)
def test_each_fixture_triggers_its_one_code(path, references):
    result = prov.examine(path, references)
    assert codes_of(result) == [path.name[:5]]
    assert result.candidates[0].reference.id == "lsc-2022"


def test_clean_copy_has_only_the_likely_original(references):
    result = prov.examine(HERE / "copies" / "clean.yaml", references)
    assert codes_of(result) == []
    (shown,) = [f for f in result.findings if f.code == "DS900"]
    assert "lsc-2022" in shown.message and "declares 'Lumen Skin Challenge 2022'" in shown.message


def test_a_reference_is_nobodys_copy(references):
    result = prov.examine(REFERENCES / "lsc-2022.yaml", references)
    assert codes_of(result) == []
    assert all(c.reference.id != "lsc-2022" for c in result.candidates)


@pytest.mark.parametrize("title, expected", [
    ("LSC 2022 JPG 256", ["lsc-2022"]),
    ("lsc2021", ["lsc-2021"]),
    ("LSC_2021 + LSC_2022 merged", ["lsc-2021", "lsc-2022"]),
    ("LSC 2021 and 2022", ["lsc-2021", "lsc-2022"]),
    ("lumen skin 2022 (resized)", ["lsc-2022"]),
    ("LSC archive", ["lsc-2021", "lsc-2022"]),  # the family without a year: both, weakly
    ("LSC 2019 backup", ["lsc-2021", "lsc-2022"]),  # a year no reference covers
    ("FUNDO retina", ["fundo"]),
    ("fundo retina", []),  # an all-capital short name is matched case-sensitively
    ("Flowers 2022", []),
    ("LSCData", ["lsc-2021", "lsc-2022"]),  # a capitalised word run on after the acronym
    ("dataLSC2021_r32", ["lsc-2021"]),  # a year glued to the name is read inside a word
    ("Pulsc notes", []),  # ... but the bare name inside a word is not
])
def test_names_and_years(title, expected, references):
    found = prov.best(prov.candidates(prov.Target("t", "listing", title=title), references))
    assert sorted(c.reference.id for c in found) == expected


def test_year_beats_family_and_is_explained(references):
    found = prov.candidates(prov.Target("t", "listing", title="LSC 2021 resized"), references)
    assert [c.reference.id for c in found] == ["lsc-2021"]
    assert found[0].evidence[0].text == "title 'LSC 2021 resized' matches alias 'LSC 2021'"
    assert found[0].confidence == prov.W_NAME_TITLE
    family = prov.candidates(prov.Target("t", "listing", title="LSC archive"), references)
    assert {c.confidence for c in family} == {prov.W_FAMILY_TITLE}
    assert "without a year" in family[0].evidence[0].text


def test_confidence_is_a_noisy_or(references):
    target = prov.Target("t", "listing", title="LSC 2022", num_images=60)
    (c,) = prov.candidates(target, references)
    assert c.confidence == round(1 - (1 - prov.W_NAME_TITLE) * (1 - prov.W_COUNT_TOTAL), 2)


def test_counts_alone_make_no_candidate(references):
    assert prov.candidates(prov.Target("t", "listing", title="photos", num_images=60),
                           references) == []


def test_declared_doi_in_text_counts_as_declared(references):
    target = prov.Target("t", "listing", title="LSC 2022 small",
                         texts={"summary": "Source: https://doi.org/10.5555/LSC-2022"})
    (c,) = prov.candidates(target, references)
    assert c.declared and prov.findings(target, [c]) and not [
        f for f in prov.findings(target, [c]) if f.code == "DS901"]


def lsc_folder(root: Path, splits: dict[str, int], start: int = 0) -> Path:
    seed = start
    for split, n in splits.items():
        folder = root / split if split else root
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(n):
            (folder / f"LSC_{seed:06d}.png").write_bytes(png(seed))
            seed += 1
    return root


def test_folder_copy_is_recognised_by_file_names_and_counts(tmp_path, references):
    root = lsc_folder(tmp_path / "data", {"train": 30, "test": 10})
    result = prov.examine(root, references)
    best = result.candidates[0]
    assert best.reference.id == "lsc-2021"
    texts = [e.text for e in best.evidence]
    assert r"file names match LSC_\d{6}\.png (40 of 40 images)" in texts
    assert "40 images vs 40 in the original" in texts
    assert codes_of(result) == ["DS901"]
    assert [f.severity for f in result.findings if f.code == "DS901"] == [prov.Severity.WARNING]


def test_folder_with_planted_leak_and_own_datasheet(tmp_path, references):
    root = lsc_folder(tmp_path / "copy", {"train": 30, "test": 10})
    (root / "test" / "LSC_000003.png").write_bytes(png(3))  # a train image again in test
    (root / "datasheet.yaml").write_text((HERE / "copies" / "clean.yaml").read_text()
                                         .replace("2022", "2021"))
    result = prov.examine(root, references)
    assert result.candidates[0].reference.id == "lsc-2021"
    assert "DS901" not in codes_of(result)  # its datasheet names the source
    (leak,) = [f for f in result.findings if f.code == "DS906"]
    assert "test/LSC_000003.png [test] = train/LSC_000003.png [train]" in leak.message


def test_flat_folder_drops_the_splits(tmp_path, references):
    root = lsc_folder(tmp_path / "lsc2021-flat", {"": 40})
    result = prov.examine(root, references)
    assert "DS903" in codes_of(result)


@pytest.mark.parametrize("source, copy, verdict", [
    ("CC-BY-NC-4.0", "CC0: Public Domain", "incompatible"),
    ("CC-BY-NC-4.0", "Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)", "compatible"),
    ("CC-BY-NC-4.0", "CC BY-NC-SA 4.0", "compatible"),
    ("CC0-1.0 AND CC-BY-NC-4.0", "Apache 2.0", "incompatible"),
    ("CC0-1.0 AND CC-BY-NC-4.0", "CC BY-NC 4.0", "compatible"),
    ("CC0-1.0", "MIT", "compatible"),
    ("CC-BY-4.0", "CC0: Public Domain", "incompatible"),
    ("CC-BY-NC-4.0", "Unknown", "unknown"),
    # a research-use agreement does not allow public re-uploads at all
    ("CheXpert Research Use Agreement", "CC0: Public Domain", "incompatible"),
])
def test_license_compatibility(source, copy, verdict):
    found, reasons = prov.license_compatibility({"spdx": source}, {"name": copy})
    assert found == verdict and reasons


def test_cli_provenance(tmp_path):
    runner = CliRunner()
    args = ["provenance", "--references", str(REFERENCES)]
    undeclared = runner.invoke(main, args + [str(HERE / "copies" / "DS901-undeclared-copy.yaml")])
    assert undeclared.exit_code == 1 and "DS901" in undeclared.output
    clean = runner.invoke(main, args + ["--format", "json", str(HERE / "copies" / "clean.yaml")])
    assert clean.exit_code == 0
    assert [f["code"] for f in json.loads(clean.output)["findings"]] == ["DS900"]
    assert runner.invoke(main, args + [str(tmp_path / "nope")]).exit_code == 2
    assert runner.invoke(main, ["provenance", "--references", str(tmp_path),
                                str(HERE / "copies" / "clean.yaml")]).exit_code == 2
    assert runner.invoke(main, args + ["--hashes", "x", str(HERE / "copies" / "clean.yaml")]
                         ).exit_code == 2


def test_cli_folder_hash_lists(tmp_path):
    original = lsc_folder(tmp_path / "original", {"train": 30, "test": 10})
    copy = lsc_folder(tmp_path / "copy", {"train": 20})
    listing = tmp_path / "original.sha256"
    runner = CliRunner()
    args = ["provenance", "--references", str(REFERENCES)]
    assert runner.invoke(main, args + ["--write-hashes", str(listing), str(original)]
                         ).exit_code == 0
    lines = listing.read_text().splitlines()
    assert lines[0].startswith("# datasheet-kit hash list 1")
    assert len([line for line in lines if not line.startswith("#")]) == 40
    result = runner.invoke(main, args + ["--hashes", str(listing), str(copy)])
    assert "the folder holds 20 of the 40 files listed in original.sha256" in result.output
    assert "(DS904 subset-of-original)" in result.output
    bad = tmp_path / "bad.txt"
    bad.write_text("nonsense\n")
    result = runner.invoke(main, args + ["--hashes", str(bad), str(copy)])
    assert result.exit_code == 2 and "cannot use the hash list" in result.output


def test_cli_json_candidates_for_a_folder(tmp_path):
    root = lsc_folder(tmp_path / "data", {"train": 30, "test": 10})
    result = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                       "--format", "json", str(root)])
    payload = json.loads(result.output)
    assert list(payload["candidates"]) == payload["files"] == [str(root)]
    best = payload["candidates"][str(root)][0]
    assert best["reference"] == "lsc-2021" and best["declared"] is False
    assert {"kind": "pattern", "detail": r"file names match LSC_\d{6}\.png (40 of 40 images)",
            "weight": 0.6} in best["evidence"]
    assert {"kind": "count", "detail": "40 images vs 40 in the original",
            "weight": 0.5} in best["evidence"]
    # one noisy-OR over the listed weights gives the confidence shown
    remaining = 1.0
    for e in best["evidence"]:
        remaining *= 1 - e["weight"]
    assert best["confidence"] == round(1 - remaining, 2)


def test_cli_text_output_has_no_candidates_block(tmp_path):
    result = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                       str(HERE / "copies" / "clean.yaml")])
    assert "DS900" in result.output and "candidates" not in result.output


def test_write_hashes_never_leaves_half_a_list(tmp_path, monkeypatch):
    import os

    original = lsc_folder(tmp_path / "original", {"train": 3})
    listing = tmp_path / "original.sha256"
    listing.write_text("the old list\n")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    result = CliRunner().invoke(main, ["provenance", "--references", str(REFERENCES),
                                       "--write-hashes", str(listing), str(original)])
    assert result.exit_code != 0
    assert listing.read_text() == "the old list\n"
    # what was hashed stays in FILE.partial, for --resume; FILE itself is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["original", "original.sha256",
                                                          "original.sha256.partial"]


def test_default_references_follow_the_environment(monkeypatch):
    monkeypatch.setenv("DATASHEET_REFERENCES", str(REFERENCES))
    assert prov.default_references() == REFERENCES


def test_reference_fixtures_are_valid():
    from datasheet_kit.validate import validate

    for path in sorted(HERE.rglob("*.yaml")):
        assert validate(load(path)) == [], path


def test_listing_rows(references):
    row = {"name": "LSC 2022 JPG 256", "alternateName": "", "keywords": "cancer; dermoscopy",
           "license.name": "CC0: Public Domain", "contentSize": "0.6", "description": "",
           "url": "https://www.kaggle.com/x/y"}
    target = prov.target_from_listing(row)
    assert target.size_bytes == 600_000 and target.keywords == ["cancer", "dermoscopy"]
    found = prov.best(prov.candidates(target, references))
    assert [c.reference.id for c in found] == ["lsc-2022"]
    assert prov.license_verdict(target, found)[0] == "incompatible"
    assert any("600.0 kB vs 600.0 kB" in e.text for e in found[0].evidence)
    unknown = prov.target_from_listing(dict(row, **{"license.name": "Unknown"}))
    assert prov.license_verdict(unknown, found) == ("missing", [])


def test_findings_point_at_the_field(references):
    path = HERE / "copies" / "DS902-license-contradicts-source.yaml"
    (found,) = [f for f in prov.examine(path, references).findings if f.code == "DS902"]
    line = path.read_text().splitlines()[found.line - 1]
    assert line.strip() == "license:" and found.column == 3


def test_a_copy_that_borrows_the_title_is_still_a_copy(tmp_path, references):
    text = (HERE / "copies" / "DS901-undeclared-copy.yaml").read_text()
    borrowed = tmp_path / "borrowed.yaml"
    borrowed.write_text(text.replace("title: LSC 2022 resized 256",
                                     "title: Lumen Skin Challenge 2022"))
    assert "DS901" in codes_of(prov.examine(borrowed, references))


@pytest.mark.corpus
def test_real_kaggle_copy_of_isic_2020(corpus):
    """A real copy (corpus) that cites the ISIC 2020 DOI, read by the Kaggle reader: it is
    recognised as a copy of ISIC 2020, declared through that DOI."""
    from datasheet_kit.inputs import load_document

    from .conftest import DATASHEETS

    sheet = load_document(corpus / "kaggle" / "Edgar-Ontiveros__melanoma-triage__1.json")
    assert sheet.kind == "kaggle" and not sheet.fatal
    references, _ = prov.load_references(DATASHEETS)
    assert "isic-2020" in {r.id for r in references}
    found = prov.best(prov.candidates(prov.target_from_sheet(sheet), references))
    assert [c.reference.id for c in found] == ["isic-2020"] and found[0].declared

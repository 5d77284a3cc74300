"""`datasheet generate`: every output for every datasheet, judged by the platforms' own tools.

Oracles: huggingface_hub.DatasetCard loads each card, mlcroissant validates each Croissant file
(imported once per session; records() is never called), and our own checks cover what they miss.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml
from click.testing import CliRunner

from datasheet_kit import files
from datasheet_kit.catalogue import crosswalk
from datasheet_kit.cli import main
from datasheet_kit.sheet import load
from datasheet_kit.writers import OUTPUTS, _files, generate
from datasheet_kit.writers._license import hf_licenses, kaggle_licenses, platform_lists
from datasheet_kit.writers._templates import templates_dir
from datasheet_kit.writers.croissant import RAI_PROPERTIES, REQUIRED, check
from datasheet_kit.writers.hf_card import misplaced, text_under_headings
from datasheet_kit.writers.kaggle import check as kaggle_check

from .conftest import FIXTURES, ROOT, datasheet_files

SHEETS = sorted((FIXTURES / "valid").glob("*.yaml")) + datasheet_files()
COMPLETE = FIXTURES / "valid" / "complete.yaml"
# Problems our Croissant check may report on a generated file: required properties the datasheet
# has no data for. Anything else (names, context, conformsTo) is a writer bug.
MISSING_DATA = {f"required property '{key}' is missing" for key in REQUIRED}


@pytest.fixture(scope="session")
def mlc():
    return pytest.importorskip("mlcroissant")


def mlcroissant_errors(mlc, doc: dict) -> str | None:
    try:
        mlc.Dataset(jsonld=doc)
    except mlc.ValidationError as err:
        return str(err)
    return None


def assert_valid_outputs(data: dict, mlc) -> None:
    """The checks every generated set of outputs must pass, for fixtures and generated data."""
    DatasetCard = pytest.importorskip("huggingface_hub").DatasetCard

    sheet = load_data(data)
    card = generate("hf-card", sheet).text
    loaded = DatasetCard(card)  # raises on a front matter the Hub client cannot read
    meta = loaded.data.to_dict()
    lists = platform_lists("hf")
    assert meta.get("license") in hf_licenses()
    assert set(meta.get("size_categories", [])) <= set(lists["size_categories"])
    assert set(meta.get("task_categories", [])) <= set(lists["task_categories"])
    assert misplaced(card, data) == []

    doc = json.loads(generate("croissant", sheet).text)
    assert set(check(doc)) <= MISSING_DATA, check(doc)
    assert mlcroissant_errors(mlc, doc) is None

    kaggle = json.loads(generate("kaggle", sheet, kaggle_owner="example-owner").text)
    problems = kaggle_check(kaggle)
    assert all(p.startswith(("title has", "title is missing")) for p in problems), problems

    markdown = generate("markdown", sheet).text
    assert "{{" not in markdown and "{{" not in card


def load_data(data: dict):
    from datasheet_kit.sheet import Sheet

    return Sheet(file="<generated>", data=data)


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_every_output_of_every_datasheet_is_valid(path, mlc):
    assert_valid_outputs(load(path).data, mlc)


@pytest.mark.parametrize("path", SHEETS, ids=lambda p: p.name)
def test_croissant_carries_rai_and_conforms_to_both(path):
    doc = json.loads(generate("croissant", load(path)).text)
    rai = [k for k in doc if k.startswith("rai:")]
    assert rai and set(rai) <= set(RAI_PROPERTIES)
    assert doc["conformsTo"] == ["http://mlcommons.org/croissant/1.1",
                                 "http://mlcommons.org/croissant/RAI/1.0"]
    assert doc["@context"]["@vocab"] == "https://schema.org/" and "@language" in doc["@context"]


def test_croissant_core_properties_from_the_complete_fixture():
    doc = json.loads(generate("croissant", load(COMPLETE)).text)
    assert doc["name"] == "Example Lesion Photos"
    assert doc["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert doc["creator"] == [{"@type": "sc:Organization", "name": "Example Dermatology Group"}]
    assert doc["identifier"] == "https://doi.org/10.5281/zenodo.0000000"
    assert doc["datePublished"] == "2024-05-01" and doc["version"] == "1.0.0"
    assert doc["citeAs"].startswith("Example Dermatology Group (2024)")
    # Not-applicable funding is written as its reason, so it is not lost and not an answer.
    assert doc["funder"][0]["description"].startswith("Not applicable: ")
    # no file URL and checksum in the datasheet: no distribution is invented
    assert "distribution" not in doc
    assert "required property 'distribution' is missing" in check(doc)


def test_every_crosswalk_heading_has_a_place_in_the_template():
    """A heading the bundled template never renders would silently lose answers."""
    result = generate("hf-card", load(COMPLETE))
    assert not any("no place" in w for w in result.warnings), result.warnings
    headings = {h for hs in crosswalk("hf_heading").values() for h in hs}
    found = set(text_under_headings(result.text))
    assert headings - found == set()


def test_gaps_are_explicit_and_never_invented():
    sheet = load(FIXTURES / "valid" / "no-people.yaml")
    card = text_under_headings(generate("hf-card", sheet).text)
    assert card["Funded by"] == "[More Information Needed]"  # not in the datasheet at all
    assert "Unknown: The lab has not chosen a licence yet." in card["License"]
    assert card["Out-of-Scope Use"].strip() == "Anything clinical."
    front = yaml.safe_load(generate("hf-card", sheet).text.split("---")[1])
    assert front["license"] == "unknown"


def test_unknown_gap_reads_back_as_unknown():
    from datasheet_kit.answers import Status, status_of

    assert status_of("Unknown: No assessment was made.") is Status.UNKNOWN
    assert status_of("Not applicable: no people were involved.") is Status.NOT_APPLICABLE
    assert status_of("[More Information Needed]") is Status.PLACEHOLDER
    assert status_of("Unknown to most users, the scans were re-sliced.") is Status.ANSWERED


# ---------------------------------------------------------------- own Croissant check

BASE = json.loads(generate("croissant", load(COMPLETE)).text)


def _mutate(change):
    doc = json.loads(json.dumps(BASE))
    change(doc)
    return doc


NEGATIVE = {
    "misspelt-rai-name": (lambda d: d.__setitem__("rai:dataBias", "x"), "'rai:dataBias' is not"),
    "no-conformsTo": (lambda d: d.pop("conformsTo"), "'conformsTo' is missing"),
    "rai-without-rai-uri": (lambda d: d.__setitem__("conformsTo",
                                                    ["http://mlcommons.org/croissant/1.1"]),
                            "conformsTo lacks"),
    "http-vocab": (lambda d: d["@context"].__setitem__("@vocab", "http://schema.org/"), "@vocab"),
    "no-language": (lambda d: d["@context"].pop("@language"), "@language"),
    "no-name": (lambda d: d.pop("name"), "'name' is missing"),
    "bare-license-id": (lambda d: d.__setitem__("license", "CC-BY-4.0"), "not a URL"),
}


@pytest.mark.parametrize("name", NEGATIVE)
def test_own_croissant_check_catches(name):
    change, expected = NEGATIVE[name]
    assert any(expected in p for p in check(_mutate(change))), check(_mutate(change))


def test_mlcroissant_misses_a_misspelt_rai_name_that_we_catch(mlc):
    doc = _mutate(lambda d: d.__setitem__("rai:dataBias", "x"))
    assert mlcroissant_errors(mlc, doc) is None
    assert check(doc)


# ---------------------------------------------------------------- Kaggle limits

def _kaggle(data, owner="example-owner"):
    from datasheet_kit.writers.kaggle import write

    result = write(data, owner=owner)
    return json.loads(result.text), result.warnings


def test_kaggle_long_title_is_cut_at_a_word_and_recorded():
    data = load(COMPLETE).data
    data["dataset"]["title"] = ("A very long dataset title about dermoscopic photographs of skin "
                                "lesions")
    meta, warnings = _kaggle(data)
    assert len(meta["title"]) <= 50 and data["dataset"]["title"].startswith(meta["title"])
    assert data["dataset"]["title"][len(meta["title"])] == " "  # never mid-word
    assert any("title shortened" in w for w in warnings)
    owner, slug = meta["id"].split("/")
    assert owner == "example-owner" and 6 <= len(slug) <= 50
    assert all(c.isalnum() or c == "-" for c in slug)


def test_kaggle_title_drops_a_parenthesis_before_cutting_words():
    data = load(COMPLETE).data
    data["dataset"]["title"] = "HAM10000 (Human Against Machine with 10000 training images)"
    assert _kaggle(data)[0]["title"] == "HAM10000"


def test_kaggle_subtitle_and_licence_within_limits():
    meta, _ = _kaggle(load(COMPLETE).data)
    assert 20 <= len(meta["subtitle"]) <= 80
    assert meta["licenses"] == [{"name": "CC-BY-4.0"}]
    assert meta["keywords"] == ["dermoscopy", "skin lesion", "classification"]
    assert kaggle_check(meta) == []


@pytest.mark.parametrize("spdx, name", [("Apache-2.0", "apache-2.0"), ("ODC-By-1.0", "ODC-BY-1.0"),
                                        ("PDDL-1.0", "PDDL"), ("GPL-3.0-only", "GPL-3.0"),
                                        ("MIT", "other"), ("CC0-1.0", "CC0-1.0")])
def test_kaggle_licence_names_come_from_its_list(spdx, name):
    data = load(COMPLETE).data
    data["distribution"]["license"]["spdx"] = spdx
    meta, _ = _kaggle(data)
    assert meta["licenses"] == [{"name": name}]
    assert name in kaggle_licenses()


def test_kaggle_without_owner_leaves_id_out_and_says_so():
    meta, warnings = _kaggle(load(COMPLETE).data, owner=None)
    assert "id" not in meta
    assert any("--kaggle-owner" in w and "example-lesion-photos" in w for w in warnings)


@pytest.mark.parametrize("spdx, keys", [
    ("CC-BY-NC-4.0", {"license": "cc-by-nc-4.0"}),
    ("ODbL-1.0", {"license": "odbl"}),
    ("LGPL-2.1-or-later", {"license": "lgpl-2.1"}),
    ("Elastic-2.0", {"license": "other", "license_name": "elastic-2.0",
                     "license_link": "https://creativecommons.org/licenses/by/4.0/"}),
])
def test_hf_licence_ids_come_from_the_hub_list(spdx, keys):
    from datasheet_kit.writers._license import hf_license

    value = dict(load(COMPLETE).data["distribution"]["license"], spdx=spdx)
    assert hf_license(value) == keys


def test_vendored_lists_carry_source_and_date():
    for name in ("hf", "kaggle"):
        lists = platform_lists(name)
        assert lists["_source"] and lists["_date"]
    assert len(hf_licenses()) == 83
    assert len(kaggle_licenses()) == 28
    # The licence lists are kept once, in licenses.json, with their own source and date.
    table = json.loads((ROOT / "src/datasheet_kit/data/licenses.json").read_text(encoding="utf-8"))
    for name in ("hf", "kaggle"):
        assert table[name]["_source"]["from"] and table[name]["_source"]["date"]
        assert "licenses" not in platform_lists(name)


# ---------------------------------------------------------------- files: markers, force, check

def cli(*args):
    return CliRunner().invoke(main, ["generate", *map(str, args)])


def test_update_keeps_hand_written_text_and_front_matter_keys(tmp_path):
    out = tmp_path / "README.md"
    assert cli("hf-card", COMPLETE, "-o", out).exit_code == 0
    text = out.read_text()
    text = text.replace("---\n<!-- datasheet-kit:begin title -->",
                        "viewer: false\n---\nA note written by a person, before everything.\n"
                        "<!-- datasheet-kit:begin title -->", 1)
    text = text.replace("## Dataset Details", "## Dataset Details (stale)")
    text += "\n## Acknowledgements\n\nThanks to the clinic staff.\n"
    text = text.replace("license: cc-by-4.0", "license: other\nlicense_name: old-terms")
    out.write_text(text)
    result = cli("hf-card", COMPLETE, "-o", out)
    assert result.exit_code == 0, result.output
    updated = out.read_text()
    assert "A note written by a person, before everything." in updated
    assert "## Acknowledgements\n\nThanks to the clinic staff." in updated
    assert "(stale)" not in updated and "## Dataset Details" in updated
    front = yaml.safe_load(updated.split("---")[1])
    assert front["viewer"] is False and front["license"] == "cc-by-4.0"
    assert "license_name" not in front
    # and a second run changes nothing
    assert cli("hf-card", COMPLETE, "-o", out, "--check").exit_code == 0


def test_a_block_added_to_the_template_is_inserted_in_order():
    old = "intro\n<!-- datasheet-kit:begin a -->\nA\n<!-- datasheet-kit:end -->\nmine\n"
    new = ("<!-- datasheet-kit:begin a -->\nA2\n<!-- datasheet-kit:end -->\n"
           "<!-- datasheet-kit:begin b -->\nB\n<!-- datasheet-kit:end -->\n")
    merged = _files.merge_body(old, new)
    assert merged.index("A2") < merged.index("mine") < merged.index("B")
    assert merged.startswith("intro\n")


def test_hand_written_readme_without_markers_is_refused_unless_forced(tmp_path):
    out = tmp_path / "README.md"
    out.write_text("# My dataset\n\nWritten by hand.\n")
    result = cli("hf-card", COMPLETE, "-o", out)
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_text() == "# My dataset\n\nWritten by hand.\n"
    assert cli("hf-card", COMPLETE, "-o", out, "--check").exit_code == 2
    forced = cli("hf-card", COMPLETE, "-o", out, "--force")
    assert forced.exit_code == 0
    assert out.read_text().startswith("---\npretty_name: Example Lesion Photos\n")


@pytest.mark.parametrize("kind", OUTPUTS)
def test_check_exit_codes(tmp_path, kind):
    out = tmp_path / "out"
    missing = cli(kind, COMPLETE, "-o", out, "--check", "--kaggle-owner", "someone")
    assert missing.exit_code == 1 and str(out) in missing.output and not out.exists()
    assert cli(kind, COMPLETE, "-o", out, "--kaggle-owner", "someone").exit_code == 0
    assert cli(kind, COMPLETE, "-o", out, "--check", "--kaggle-owner", "someone").exit_code == 0
    before = out.read_text()
    other = FIXTURES / "valid" / "no-people.yaml"
    changed = cli(kind, other, "-o", out, "--check", "--kaggle-owner", "someone")
    assert changed.exit_code in (1, 2) and out.read_text() == before


def test_check_without_output_compares_with_the_file_beside_the_datasheet(tmp_path):
    sheet = tmp_path / "datasheet.yaml"
    sheet.write_bytes(COMPLETE.read_bytes())
    result = cli("hf-card", sheet, "--check")
    assert result.exit_code == 1 and str(tmp_path / "README.md") in result.output
    assert cli("hf-card", sheet, "-o", tmp_path / "README.md").exit_code == 0
    assert cli("hf-card", sheet, "--check").exit_code == 0
    other = tmp_path / "other.datasheet.yaml"
    other.write_bytes(COMPLETE.read_bytes())
    result = cli("hf-card", sheet, other, "--check")
    assert result.exit_code == 2 and "would both be compared with" in result.output


def test_nothing_to_generate_from_is_a_usage_error(tmp_path):
    result = cli("hf-card")
    assert result.exit_code == 2 and "give the datasheet" in result.output
    result = cli("hf-card", tmp_path, "-o", tmp_path / "out.md")
    assert result.exit_code == 2 and "nothing to generate from" in result.output
    assert not (tmp_path / "out.md").exists()


def test_invalid_datasheet_is_reported_and_nothing_written(tmp_path):
    bad = FIXTURES / "invalid" / "DS104-invalid-enum-value.yaml"
    result = cli("hf-card", bad, "-o", tmp_path / "README.md")
    assert result.exit_code == 1 and "DS104" in result.output
    assert not (tmp_path / "README.md").exists()


def test_all_outputs_for_several_datasheets_go_to_a_folder(tmp_path):
    result = cli("all", FIXTURES / "valid", "-o", tmp_path, "--kaggle-owner", "someone")
    assert result.exit_code == 0, result.output
    for stem in ("complete", "no-people"):
        names = sorted(p.name for p in (tmp_path / stem).iterdir())
        assert names == ["DATASHEET.md", "README.md", "croissant.json", "dataset-metadata.json"]
    assert cli("all", FIXTURES / "valid").exit_code == 2  # several outputs need -o FOLDER


def test_failed_write_leaves_the_old_file_intact(tmp_path, monkeypatch):
    out = tmp_path / "README.md"
    out.write_text("old content\n")

    def broken_fsync(fd):
        raise OSError("disk full")  # after part of the text is written, before the rename

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        files.write_atomic(out, "new content that never lands\n" * 1000)
    assert out.read_text() == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # no temporary file left


def test_custom_template(tmp_path):
    template = tmp_path / "card.md.j2"
    template.write_text("---\n{{ front_matter }}\n---\n# {{ title }}\n\n"
                        "{{ section('Dataset Description') }}\n")
    result = cli("hf-card", COMPLETE, "--template", template)
    assert result.exit_code == 0
    assert result.stdout.startswith("---\npretty_name: Example Lesion Photos")
    # headings the custom template leaves out are added at the end, not dropped
    assert "## Direct Use" in result.stdout and "no place for" in result.stderr


def test_templates_are_found_in_the_source_checkout():
    assert templates_dir() == ROOT / "templates"
    assert (ROOT / "templates" / "hf_card.md.j2").is_file()


def test_markdown_datasheet_has_every_question_section_by_section():
    from datasheet_kit.catalogue import questions, sections

    text = generate("markdown", load(COMPLETE)).text
    positions = [text.index(f"## {s.title}") for s in sections().values()
                 if s.id in load(COMPLETE).data]
    assert positions == sorted(positions)
    for qid, question in questions().items():
        if qid.split(".")[0] in load(COMPLETE).data:
            assert f"### {question.text}" in text, qid


def test_generate_croissant_does_not_import_jinja2(tmp_path):
    import subprocess
    import sys

    out_file = str(tmp_path / "c.json")
    code = (f"import sys; sys.argv=['datasheet','generate','croissant',{str(COMPLETE)!r},'-o',"
            f"{out_file!r}]\n"
            "from datasheet_kit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('jinja2' in sys.modules, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stderr.strip().splitlines()[-1] == "False"


def test_markdown_update_keeps_a_person_s_front_matter_and_notes(tmp_path):
    out = tmp_path / "DATASHEET.md"
    assert cli("markdown", COMPLETE, "-o", out).exit_code == 0
    out.write_text("---\nowner: me\n---\nMy preface.\n" + out.read_text())
    other = FIXTURES / "valid" / "no-people.yaml"
    assert cli("markdown", other, "-o", out).exit_code == 0
    text = out.read_text()
    assert text.startswith("---\nowner: me\n---\nMy preface.\n")
    assert "# Datasheet: Example Phantom Scans" in text and "Example Lesion Photos" not in text


@pytest.mark.slow
def test_wheel_ships_templates_and_vendored_lists(tmp_path):
    import subprocess
    import sys
    import zipfile

    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", str(tmp_path), str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (wheel,) = tmp_path.glob("datasheet_kit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("datasheet_kit/templates/hf_card.md.j2", "datasheet_kit/templates/datasheet.md.j2",
                 "datasheet_kit/data/hf_lists.json", "datasheet_kit/data/kaggle_lists.json"):
        assert name in names


def test_croissant_distribution_only_for_files_with_a_checksum(mlc):
    data = load(COMPLETE).data
    data["dataset"]["files"] = [
        {"name": "photos.zip", "content_url": "https://example.org/photos.zip",
         "encoding_format": "application/zip", "sha256": "ab" * 32, "size_bytes": 1024},
        {"name": "extra.csv", "content_url": "https://example.org/extra.csv",
         "encoding_format": "text/csv"},
    ]
    sheet = load_data(data)
    from datasheet_kit.validate import validate

    assert not validate(sheet)
    result = generate("croissant", sheet)
    doc = json.loads(result.text)
    assert doc["distribution"] == [{
        "@type": "cr:FileObject", "@id": "photos.zip", "name": "photos.zip",
        "contentUrl": "https://example.org/photos.zip", "encodingFormat": "application/zip",
        "sha256": "ab" * 32, "contentSize": "1024 B"}]
    assert any("extra.csv" in w for w in result.warnings)
    assert check(doc) == []
    assert mlcroissant_errors(mlc, doc) is None


def test_originals_are_prov_entities_not_second_datasets():
    # Two sc:Dataset nodes made mlcroissant choose the root by hash order (a flaky failure on
    # isic-2018, whose originals include HAM10000); the originals must be PROV entities.
    sheets = [p for p in SHEETS if load(p).get("provenance.derived_from")]
    assert sheets, "no datasheet with provenance to check"
    for path in sheets:
        doc = json.loads(generate("croissant", load(path)).text)
        assert all(node["@type"] == "prov:Entity" for node in doc["prov:wasDerivedFrom"])


def test_questions_hf_has_no_place_for_are_written_labelled_under_their_card_section():
    """`hf_card_section` is where the writer puts what the HF template has no heading for; the
    answer carries the question's label, since the heading does not say what it answers."""
    borrowed = crosswalk("hf_card_section")
    assert not set(borrowed) & set(crosswalk("hf_heading")), "one place per question on the card"
    assert borrowed["medical_imaging.num_patients"] == ("Dataset Structure",)
    assert borrowed["collection.ethical_review"] == ("Personal and Sensitive Information",)
    card = text_under_headings(generate("hf-card", load(COMPLETE)).text)
    assert "**Num patients (medical imaging).** 100" in card["Dataset Structure"]
    assert "**Ethical review (collection process).** Approved by the fictional hospital" in \
        card["Personal and Sensitive Information"]
    result = generate("hf-card", load(COMPLETE))
    assert not any("no place" in w for w in result.warnings), result.warnings
    headings = {h for hs in borrowed.values() for h in hs}
    assert headings - set(text_under_headings(result.text)) == set()


def test_readers_do_not_take_a_borrowed_heading_for_questions_it_does_not_ask(tmp_path):
    """Free text under "Dataset Structure" or PSI is not a patient count or an ethics review: only
    hf_heading / hf_legacy_heading are places a reader looks (the score is about content)."""
    from datasheet_kit.inputs import load_document

    card = tmp_path / "README.md"
    card.write_text("# Dataset Card for X\n\n## Dataset Structure\n\nOne PNG per film, "
                    "1,000 films from 400 patients.\n\n## Dataset Creation\n\n"
                    "#### Personal and Sensitive Information\n\nFilms were de-identified; the "
                    "board approved the study.\n", encoding="utf-8")
    data = load_document(card).data
    # Each heading answers the question it asks (schema asked_by), and nothing it only holds
    # unless the passage reader says so.
    assert "films" in data["composition"]["instance_content"]
    assert "de-identified" in data["composition"]["confidential"]
    assert "medical_imaging" not in data
    assert "ethical_review" not in data.get("collection", {})

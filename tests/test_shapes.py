"""Platform shapes (readers/shapes.py): what Kaggle's API, the Hub and Croissant accept, as
findings with the file's own line. mlcroissant is the oracle for Croissant: each defect below
that it refuses (or cannot even read) is a DS023 error here, and no corpus file it loads gets a
DS023 error."""

from __future__ import annotations

import copy
import json
import logging

import pytest
from click.testing import CliRunner

from datasheet_kit.cli import main
from datasheet_kit.findings import Severity
from datasheet_kit.inputs import load_document
from datasheet_kit.readers import shapes

from .conftest import FIXTURES

CARDS = FIXTURES / "cards"
ENV = {"GITHUB_ACTIONS": "", "NO_COLOR": "", "FORCE_COLOR": ""}


def findings(path, code):
    return [f for f in load_document(path).findings if f.code == code]


def line_of(path, text):
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_the_rules_say_where_they_come_from():
    for platform in ("kaggle", "hf", "croissant"):
        source = shapes.rules()[platform]["_source"]
        assert source["from"] and source["date"] >= "2026"


# ----------------------------------------------------------------------------------- Kaggle

def test_the_kaggle_file_of_the_issue_is_refused_field_by_field(tmp_path):
    path = tmp_path / "dataset-metadata.json"
    path.write_text('{\n  "title": 12,\n  "id": ["x"],\n  "licenses": "CC0-1.0",\n'
                    '  "keywords": {"a": 1}\n}\n', encoding="utf-8")
    found = {f.path.removeprefix("kaggle:"): f for f in findings(path, "DS020")}
    assert set(found) == {"title", "id", "licenses", "keywords"}
    assert [found[k].line for k in ("title", "id", "licenses", "keywords")] == [2, 3, 4, 5]
    assert all(f.severity == Severity.ERROR for f in found.values())
    assert "must be text for the Kaggle API; it is a whole number (12)" in found["title"].message
    for command in (["validate"], ["lint", "--format", "concise"]):
        result = CliRunner().invoke(main, [*command, str(path)], env=ENV)
        assert result.exit_code == 1 and result.output.count(" DS020 ") == 4


@pytest.mark.parametrize(("document", "path", "says"), [
    ({"id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}]}, "", "`title` is missing"),
    ({"title": "Skin photos", "licenses": [{"name": "CC0-1.0"}]}, "", "`id` is missing"),
    ({"title": "Skin photos", "id": "me/skin-photos"}, "", "`licenses` is missing"),
    ({"title": "Skin", "id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}]}, "title",
     "has 4 characters; Kaggle accepts 6 to 50"),
    ({"title": "Skin photos", "id": "skin-photos", "licenses": [{"name": "CC0-1.0"}]}, "id",
     "must be OWNER/slug"),
    ({"title": "Skin photos", "id": "me/skin_photos", "licenses": [{"name": "CC0-1.0"}]}, "id",
     "letters, digits and hyphens"),
    ({"title": "Skin photos", "id": "me/INSERT_SLUG_HERE", "licenses": [{"name": "CC0-1.0"}]},
     "id", "still the template's"),
    ({"title": "Skin photos", "id": "me/skin-photos",
      "licenses": [{"name": "CC0-1.0"}, {"name": "CC-BY-4.0"}]}, "licenses", "exactly one"),
    ({"title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "cc0-1.0"}]},
     "licenses[0].name", "write 'CC0-1.0'"),
    ({"title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "MIT"}]},
     "licenses[0].name", "Kaggle has no licence named 'MIT'"),
    ({"title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}],
      "subtitle": "too short"}, "subtitle", "Kaggle accepts 20 to 80"),
    ({"title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}],
      "resources": [{"description": "no path"}]}, "resources[0]", "needs a `path`"),
    ({"title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}],
      "resources": [{"path": "a.csv"}, {"path": "a.csv"}]}, "resources[1].path", "twice"),
    ({"title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}],
      "resources": [{"path": "a.csv", "schema": {"fields": [{"type": "string"}]}}]},
     "resources[0].schema.fields[0]", "a column needs a `name`"),
    ({"title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}],
      "expectedUpdateFrequency": "sometimes"}, "expectedUpdateFrequency", "is not one of"),
])
def test_what_kaggle_datasets_create_refuses(tmp_path, document, path, says):
    file = tmp_path / "dataset-metadata.json"
    file.write_text(json.dumps(document, indent=1), encoding="utf-8")
    found = [f for f in findings(file, "DS020") if f.severity == Severity.ERROR]
    assert [(f.path, says in f.message) for f in found] == [(f"kaggle:{path}", True)], found


def test_what_kaggle_drops_is_a_warning(tmp_path):
    file = tmp_path / "dataset-metadata.json"
    file.write_text(json.dumps({
        "title": "Skin photos", "id": "me/skin-photos", "licenses": [{"name": "CC0-1.0"}],
        "keyword": ["skin"],
        "resources": [{"path": "a.csv", "schema": {"fields": [{"name": "x", "type": "blob"}]}}],
    }), encoding="utf-8")
    found = findings(file, "DS020")
    assert {f.severity for f in found} == {Severity.WARNING}
    messages = " ".join(f.message for f in found)
    assert "did you mean 'keywords'?" in messages and "no column type \"blob\"" in messages


def test_good_kaggle_files_and_what_kaggle_wrote_itself_pass():
    for name in ("kaggle-upload.json", "kaggle-api.json", "kaggle-info.json"):
        assert findings(CARDS / name, "DS020") == [], name


# ----------------------------------------------------------------------------- Hugging Face

def card(tmp_path, front: str, body: str = "# A card\n\n## Dataset Summary\n\nText.\n"):
    path = tmp_path / "README.md"
    path.write_text(front + body, encoding="utf-8")
    return path


def test_an_unclosed_front_matter_is_an_error_at_line_1(tmp_path):
    path = card(tmp_path, "---\nlicense: mit\npretty_name: x\n")
    (found,) = findings(path, "DS014")
    assert (found.line, found.severity) == (1, Severity.ERROR) and "never closed" in found.message
    # read as the Hub reads it: no metadata at all
    assert load_document(path).get("distribution.license") is None
    assert findings(card(tmp_path, "---\nlicense: mit\n---\n"), "DS014") == []
    assert findings(card(tmp_path, "", "# Title\n\n---\n\nText after a rule.\n"), "DS014") == []


def test_hub_licence_ids_task_and_size_categories(tmp_path):
    path = card(tmp_path, "---\nlicense: CC BY 4.0\ntask_categories:\n- image-classification\n"
                          "- skin-things\nsize_categories: 10K<n<100K\n---\n")
    by_path = {f.path: f for f in findings(path, "DS021")}
    assert by_path["hf:license"].severity == Severity.ERROR
    assert by_path["hf:license"].line == line_of(path, "license:")
    assert by_path["hf:task_categories[1]"].severity == Severity.WARNING
    assert by_path["hf:task_categories[1]"].line == line_of(path, "- skin-things")
    assert "hf:size_categories" not in by_path and "hf:task_categories[0]" not in by_path
    upper = card(tmp_path, "---\nlicense: MIT\n---\n")
    (found,) = findings(upper, "DS021")
    assert "write `license: mit`" in found.message


def test_hub_types_and_legacy_spellings(tmp_path):
    path = card(tmp_path, "---\nlicense: {name: x}\nlicenses: [other-my-terms]\n"
                          "pretty_name: [a, b]\n---\n")
    messages = {f.path: (f.severity, f.message) for f in findings(path, "DS021")}
    assert messages["hf:license"][0] == Severity.ERROR and "must be text or a list" in \
        messages["hf:license"][1]
    assert messages["hf:pretty_name"][0] == Severity.ERROR
    legacy = findings(card(tmp_path, "---\nlicenses: [other-my-terms]\n---\n"), "DS021")
    assert {(f.severity, f.path) for f in legacy} == {
        (Severity.WARNING, "hf:licenses"), (Severity.WARNING, "hf:licenses[0]")}


@pytest.mark.parametrize(("configs", "says"), [
    ("- config_name: a\n  data_files: 7\n", "`data_files` must be"),
    ("- data_files: a.csv\n", "needs a `config_name`"),
    ("- config_name: a\n  data_files: a.csv\n- config_name: a\n  data_files: b.csv\n",
     "used twice"),
    ("- config_name: a\n  default: true\n- config_name: b\n  default: true\n", "one may"),
    ("- config_name: a\n  data_files:\n  - split: train test\n    path: a.csv\n", "split name"),
    ("- config_name: a\n  data_files:\n  - split: train\n    path: 3\n", "`path` must be"),
    ("- 5\n", "a config must be a mapping"),
])
def test_configs_the_viewer_cannot_load(tmp_path, configs, says):
    found = findings(card(tmp_path, f"---\nconfigs:\n{configs}---\n"), "DS022")
    assert len(found) == 1 and says in found[0].message, found
    assert found[0].severity == Severity.ERROR


def test_good_configs_pass(tmp_path):
    good = ("- config_name: default\n  default: true\n  data_files:\n  - split: train\n"
            "    path: data/train-*\n  - split: test\n    path: [a.csv, b.csv]\n"
            "- config_name: other\n  data_files: other/*.parquet\n")
    assert findings(card(tmp_path, f"---\nconfigs:\n{good}---\n"), "DS022") == []
    legacy = "---\nconfigs:\n- plain_text\n- another\n---\n"  # old cards list config names
    assert findings(card(tmp_path, legacy), "DS022") == []
    for name in ("hf-current.md", "hf-legacy.md", "hf-free.md"):
        assert [f for f in load_document(CARDS / name).findings
                if f.code in ("DS021", "DS022")] == [], name


# -------------------------------------------------------------------------------- Croissant

@pytest.fixture(scope="module")
def mlc():
    return pytest.importorskip("mlcroissant")


def mlcroissant_refuses(mlc, doc) -> bool:
    logging.disable(logging.WARNING)
    try:
        mlc.Dataset(jsonld=doc)
    except mlc.ValidationError:
        return True
    except Exception:  # mlcroissant cannot even read it (a KeyError, a TypeError...)
        return True
    finally:
        logging.disable(logging.NOTSET)
    return False


GOOD = {
    "@context": {"@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
                 "cr": "http://mlcommons.org/croissant/", "dct": "http://purl.org/dc/terms/",
                 "conformsTo": "dct:conformsTo", "recordSet": "cr:recordSet",
                 "field": "cr:field", "source": "cr:source", "fileObject": "cr:fileObject",
                 "extract": "cr:extract", "column": "cr:column", "md5": "cr:md5",
                 "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
                 "citeAs": "cr:citeAs", "includes": "cr:includes",
                 "containedIn": "cr:containedIn"},
    "@type": "sc:Dataset", "conformsTo": "http://mlcommons.org/croissant/1.1",
    "name": "lesions", "description": "Skin lesion photographs.", "url": "https://example.org",
    "license": "https://spdx.org/licenses/CC0-1.0.html", "version": "1.0.0",
    "citeAs": "@misc{x}", "datePublished": "2024-01-01",
    "creator": {"@type": "sc:Organization", "name": "Example Lab"},
    "distribution": [{"@type": "cr:FileObject", "@id": "meta.csv", "name": "meta.csv",
                      "contentUrl": "https://example.org/meta.csv", "encodingFormat": "text/csv",
                      "sha256": "0" * 64}],
    "recordSet": [{"@type": "cr:RecordSet", "@id": "rows", "name": "rows", "field": [
        {"@type": "cr:Field", "@id": "rows/id", "name": "id", "dataType": "sc:Text",
         "source": {"fileObject": {"@id": "meta.csv"}, "extract": {"column": "id"}}}]}],
}


def _without(doc, *path):
    doc = copy.deepcopy(doc)
    target = doc
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return doc


def _with(doc, value, *path):
    doc = copy.deepcopy(doc)
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return doc


DEFECTS = {
    "no @context": _without(GOOD, "@context"),
    "@context not a mapping": _with(GOOD, 7, "@context"),
    "@context without @language": _without(GOOD, "@context", "@language"),
    "@type not a dataset": _with(GOOD, "sc:Thing", "@type"),
    "no @type": _without(GOOD, "@type"),
    "@id a number": _with(GOOD, 5, "@id"),
    "name a number": _with(GOOD, 7, "name"),
    "url a number": _with(GOOD, 7, "url"),
    "distribution item a number": _with(GOOD, [5], "distribution"),
    "distribution item without @type": _without(GOOD, "distribution", 0, "@type"),
    "FileObject without contentUrl": _without(GOOD, "distribution", 0, "contentUrl"),
    "FileObject without encodingFormat": _without(GOOD, "distribution", 0, "encodingFormat"),
    "FileObject without checksum": _without(GOOD, "distribution", 0, "sha256"),
    "FileSet without includes": _with(GOOD, [GOOD["distribution"][0], {
        "@type": "cr:FileSet", "@id": "pics", "name": "pics", "encodingFormat": "image/png",
        "containedIn": {"@id": "meta.csv"}}], "distribution"),
    "field without source": _without(GOOD, "recordSet", 0, "field", 0, "source"),
}


def test_the_good_document_is_good_for_both(mlc, tmp_path):
    path = tmp_path / "croissant.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    assert not mlcroissant_refuses(mlc, GOOD)
    assert findings(path, "DS023") == []


@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_what_mlcroissant_refuses_is_a_ds023_error(mlc, tmp_path, defect):
    doc = DEFECTS[defect]
    assert mlcroissant_refuses(mlc, doc), f"the oracle accepts {defect!r}: not a defect"
    path = tmp_path / "croissant.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    errors = [f for f in findings(path, "DS023") if f.severity == Severity.ERROR]
    assert errors, f"{defect}: mlcroissant refuses it, datasheet-kit said nothing"
    assert all(f.line >= 1 for f in errors)


def test_what_the_spec_requires_and_mlcroissant_only_recommends_is_a_warning(tmp_path, mlc):
    doc = _without(_without(GOOD, "license"), "datePublished")
    assert not mlcroissant_refuses(mlc, doc)
    path = tmp_path / "croissant.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    found = findings(path, "DS023")
    assert {f.severity for f in found} == {Severity.WARNING}
    assert {f.message.split("`")[1] for f in found} == {"license", "datePublished"}


@pytest.mark.corpus
def test_no_corpus_file_mlcroissant_loads_gets_a_ds023_error(corpus, mlc):
    checked = 0
    for path in sorted((corpus / "croissant").glob("*.json")):
        errors = [f for f in findings(path, "DS023") if f.severity == Severity.ERROR]
        if not errors:
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        checked += 1
        assert mlcroissant_refuses(mlc, doc[0] if isinstance(doc, list) else doc), (
            f"{path.name}: DS023 {errors[0].message} but mlcroissant loads it")
    assert checked >= 1  # the corpus has files both refuse


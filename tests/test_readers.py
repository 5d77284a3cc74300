"""Card readers: each platform layout read into a Sheet through the crosswalk, origins kept."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datasheet_kit.answers import Status, status_of
from datasheet_kit.catalogue import crosswalk
from datasheet_kit.findings import Severity
from datasheet_kit.inputs import kind_of, load_document
from datasheet_kit.readers import croissant, hf, kaggle
from datasheet_kit.validate import validate

from .conftest import FIXTURES

CARDS = FIXTURES / "cards"


def answer(sheet, qid):
    section, _, slot = qid.partition(".")
    return sheet.data.get(section, {}).get(slot)


def status(sheet, qid):
    return status_of(answer(sheet, qid))


@pytest.mark.parametrize("name, kind", [
    ("hf-current.md", "hf"), ("hf-legacy.md", "hf"), ("hf-free.md", "hf"),
    ("kaggle-upload.json", "kaggle"), ("kaggle-api.json", "kaggle"), ("kaggle-info.json", "kaggle"),
    ("croissant-0.8.json", "croissant"), ("croissant-1.0.json", "croissant"),
    ("croissant-1.1-rai.json", "croissant"),
])
def test_each_fixture_is_detected_and_read_cleanly(name, kind):
    sheet = load_document(CARDS / name)
    assert sheet.kind == kind
    assert sheet.presence["total"] > 0 and 0 < sheet.presence["filled"] <= sheet.presence["total"]
    assert not sheet.fatal


def test_detection_by_name_and_content(tmp_path):
    assert kind_of("dataset-metadata.json", '{"@context": {}}') == "kaggle"  # the name wins
    assert kind_of("x.json", '{"@context": {}, "@type": "sc:Dataset"}') == "croissant"
    assert kind_of("x.json", '{"title": "t"}') == "kaggle"
    assert kind_of("README.md", "no headings at all") == "hf"
    assert kind_of("card.txt", "---\nlicense: mit\n---\n\n## Uses\n") == "hf"
    assert kind_of("sheet.yaml", "# a comment\ndataset: {}\n") == "datasheet"
    assert kind_of("noext", "dataset:\n  title: x\n") == "datasheet"


def test_current_template_headings_bullets_and_placeholders():
    sheet = hf.read(CARDS / "hf-current.md")
    assert sheet.presence["variant"] == "current"
    # YAML keys keep the README line of the key
    assert answer(sheet, "dataset.title") == "Fictional Chest Films"
    assert sheet.origin("dataset.title").line == 5
    assert sheet.origin("dataset.title").key == "pretty_name"
    # a bullet is a place of its own, with its own line
    assert answer(sheet, "motivation.creators") == "The Imaginary Imaging Lab"
    assert sheet.origin("motivation.creators").line == 28
    # a heading answers the question it asks; the others it holds only where the passage
    # reader says its text answers them, and a yes/no gate never from prose
    psi = [q for q, names in crosswalk("hf_heading").items()
           if "Personal and Sensitive Information" in names]
    assert len(psi) >= 5
    assert answer(sheet, "composition.confidential") == \
        "The films are synthetic; no person is shown."
    assert sheet.origin("composition.confidential").line == 72
    assert sheet.origin("composition.confidential").key == "Personal and Sensitive Information"
    assert sheet.found["composition.confidential"]["how"] == "asked"
    for qid in psi:
        if qid != "composition.confidential" and answer(sheet, qid) is not None:
            assert sheet.found[qid]["how"] == "home", qid
            assert sheet.origin(qid).line == 74  # the passage, not the heading
    assert answer(sheet, "composition.relates_to_people") is None
    # placeholders, template comments and the stock recommendation count as empty
    assert status(sheet, "uses.discouraged") is Status.PLACEHOLDER
    assert status(sheet, "motivation.funding") is Status.PLACEHOLDER
    assert status(sheet, "uses.future_impact") is Status.PLACEHOLDER
    assert "<!--" not in answer(sheet, "dataset.summary")
    # a "#" line inside fenced code is not a heading
    assert "# not a heading" in answer(sheet, "composition.instance_content")
    # an unknown heading is kept, not dropped, and not put into the schema's data
    unmapped = {u["heading"]: u for u in sheet.unmapped}
    assert unmapped["Scanner Settings"]["text"] == "Exposure 100 kVp, made up."
    assert unmapped["Scanner Settings"]["line"] == 84
    assert answer(sheet, "distribution.license") == {"name": "cc-by-nc-4.0"}


def test_legacy_template():
    sheet = hf.read(CARDS / "hf-legacy.md")
    assert sheet.presence["variant"] == "legacy"
    assert answer(sheet, "dataset.summary").startswith("Ten thousand invented")
    assert status(sheet, "composition.sample") is Status.PLACEHOLDER  # [Needs More Information]
    assert status(sheet, "composition.splits") is Status.ANSWERED
    # the legacy "Dataset Description" is the block of links, not the summary; its Homepage
    # link is the landing page, and a bare link is no account of how the data is shared
    assert answer(sheet, "dataset.landing_page") == "https://example.org/reviews"
    assert sheet.origin("dataset.landing_page").line == 29
    assert answer(sheet, "distribution.method") is None
    assert "Jane Doe" in answer(sheet, "maintenance.contact")
    assert sheet.origin("maintenance.contact").line == 32
    assert answer(sheet, "distribution.license")["name"] == "cc-by-4.0"
    assert answer(sheet, "dataset.language") == ["en"]
    assert "Contributions" in {u["heading"] for u in sheet.unmapped}
    fields = sheet.presence["fields"]
    assert fields["Dataset Summary"] and not fields["Discussion of Biases"]


def test_free_card_and_heading_variants():
    sheet = hf.read(CARDS / "hf-free.md")
    # "License / Terms of Use" stands for the template's "License"
    assert answer(sheet, "distribution.license") == {"name": "CC BY 4.0."}
    assert answer(sheet, "dataset.citation").startswith("Doe J.")
    assert {"Knee Phantom Sweeps", "Known Issues"} <= {u["heading"] for u in sheet.unmapped}


def test_front_matter_that_is_only_a_comment_is_a_finding_not_a_crash():
    sheet = hf.read(CARDS / "hf-comment-front-matter.md")
    assert [f.code for f in sheet.findings] == ["DS014"]
    assert sheet.findings[0].line == 2 and not sheet.fatal
    assert status(sheet, "dataset.title") is Status.PLACEHOLDER  # unrendered Jinja
    assert status(sheet, "dataset.summary") is Status.ANSWERED


def test_bad_front_matter_yaml_keeps_the_body():
    sheet = hf.read("---\nlicense: [mit\n---\n\n## Dataset Card Contact\n\nme@example.org\n",
                    "README.md")
    assert [f.code for f in sheet.findings] == ["DS014"] and not sheet.fatal
    assert answer(sheet, "maintenance.contact") == "me@example.org"


def test_kaggle_upload_file():
    sheet = kaggle.read(CARDS / "kaggle-upload.json")
    assert sheet.presence["variant"] == "upload"
    assert answer(sheet, "dataset.landing_page") == \
        "https://www.kaggle.com/datasets/janedoe/fictional-skin-lesions"
    # the owner uploaded the data; that does not say who made it (a hint, never an answer)
    assert answer(sheet, "motivation.creators") is None
    assert sheet.hints["motivation.creators"] == [
        {"field": "id", "value": "janedoe/fictional-skin-lesions", "line": 3}]
    assert answer(sheet, "distribution.license") == {"name": "CC-BY-4.0"}
    assert sheet.origin("distribution.license").line == 6
    assert sheet.origin("distribution.license").key == "licenses"
    assert "label: benign or malignant" in answer(sheet, "composition.instance_content")
    assert answer(sheet, "maintenance.updates") == "never"
    assert sheet.presence["fields"]["resources"] is True


def test_kaggle_api_dump_and_info_wrapper():
    api = kaggle.read(CARDS / "kaggle-api.json")
    assert api.presence["variant"] == "api"
    assert answer(api, "dataset.title") == "Fictional ECG"  # titleNullable
    assert answer(api, "distribution.license") == {"name": "CC0-1.0"}  # licenseNameNullable
    assert answer(api, "dataset.keywords") == ["health"]  # tags
    assert "dataset.summary" not in api.origins  # an empty subtitle is not an answer
    info = kaggle.read(CARDS / "kaggle-info.json")
    assert info.presence["variant"] == "info"
    assert answer(info, "dataset.landing_page").endswith("janedoe/fictional-spine")
    assert status(info, "maintenance.updates") is Status.PLACEHOLDER  # "not specified"
    assert info.origin("dataset.title").line == 2
    assert not info.presence["fields"]["description"]


def test_croissant_versions_and_rai():
    old = croissant.read(CARDS / "croissant-0.8.json")
    assert old.presence["variant"] == "0.8"
    # DS015 for the version; the spec's required creator and date are warnings (DS023)
    assert [f.code for f in old.findings if f.severity == Severity.ERROR] == []
    assert sorted({f.code for f in old.findings}) == ["DS015", "DS023"]
    one = croissant.read(CARDS / "croissant-1.0.json")
    # its record set has no source: mlcroissant refuses it, and so do we (DS023)
    assert one.presence["variant"] == "1.0"
    assert [(f.code, f.severity) for f in one.findings] == [("DS023", Severity.ERROR)]
    # The typed creator object reads as a Creator record, not as its name alone.
    assert answer(one, "dataset.creators") == [
        {"name": "Imaginary Lab", "kind": "organization", "email": "lab@example.org"}]
    assert answer(one, "maintenance.contact") == "lab@example.org"
    assert "splits" in answer(one, "composition.splits")
    assert answer(one, "dataset.date_published") == "2024-03-01"
    rai = croissant.read(CARDS / "croissant-1.1-rai.json")
    assert rai.presence["variant"] == "1.1"
    assert answer(rai, "dataset.title") == "fictional-clinic-visits"  # written sc:name
    assert rai.origin("dataset.title").key == "sc:name"
    assert answer(rai, "composition.confidential") == "None: every record is invented."
    assert rai.origin("composition.confidential").line == 12
    assert "Only one invented clinic" in answer(rai, "uses.future_impact")


def test_croissant_creators_and_identifiers_are_schema_records():
    sheet = croissant.read(CARDS / "croissant-creators.json")
    assert answer(sheet, "dataset.creators") == [
        {"name": "Ada Example", "kind": "person", "affiliation": "Example University",
         "orcid": "0000-0002-1825-0097", "url": "https://example.org/ada"},
        {"name": "Example Imaging Lab", "kind": "organization", "ror": "https://ror.org/02mhbdp94"},
        # a value that is no ORCID is dropped rather than written where the schema forbids it
        {"name": "Bo Example", "kind": "person"}]
    assert answer(sheet, "dataset.identifiers") == [
        {"scheme": "doi", "value": "10.5281/zenodo.1234567"},
        {"scheme": "url", "value": "https://example.org/fc"}]


def test_croissant_file_objects_are_release_files():
    sheet = croissant.read(FIXTURES / "fair" / "croissant-complete.json")
    # Two FileObjects with checksums; the FileSet (a glob of images) is not one download.
    assert answer(sheet, "dataset.files") == [
        {"name": "archive", "content_url": "https://example.org/lesion-photos/images.zip",
         "encoding_format": "application/zip",
         "sha256": "0f343b0931126a20f133d67c2b018a3b5b6e1d4a2b3c4d5e6f708192a3b4c5d6",
         "size_bytes": 12345678},
        {"name": "metadata", "content_url": "https://example.org/lesion-photos/metadata.csv",
         "encoding_format": "text/csv", "md5": "9e107d9d372bb6826bd81d3542a419d6",
         "size_bytes": 20480}]
    # "0000" is no SHA-256: left out rather than carried where the schema refuses it
    one = croissant.read(CARDS / "croissant-1.0.json")
    assert answer(one, "dataset.files") == [{"name": "t.csv", "encoding_format": "text/csv",
                                             "content_url": "https://example.org/t.csv"}]


def test_hf_citation_identifiers_are_schema_records():
    card = ("---\nlicense: cc-by-4.0\n---\n# Dataset Card for Lesions\n\n"
            "## Dataset Details\n\n### Dataset Description\n\n"
            "- **Curated by:** Ada Example; Example Imaging Lab\n\n"
            "## Citation\n\n**BibTeX:**\n\n```\n@misc{lesions,\n  title={Lesions},\n"
            "  doi={10.5281/zenodo.7654321},\n  note={paper: https://doi.org/10.1038/s41597-1}\n"
            "}\n```\n")
    sheet = hf.read(card)
    # The Zenodo DOI names the data; the journal DOI names a paper, which is not the dataset's.
    assert answer(sheet, "dataset.identifiers") == [
        {"scheme": "doi", "value": "10.5281/zenodo.7654321"}]
    assert sheet.origin("dataset.identifiers").key == "Citation"
    assert answer(sheet, "dataset.creators") == [{"name": "Ada Example"},
                                                 {"name": "Example Imaging Lab"}]


@pytest.mark.parametrize("reader", [kaggle, croissant])
@pytest.mark.parametrize("text, code, fatal", [
    ('{"title": "x",\n  "id": }', "DS012", True),
    ("[1, 2]", "DS010", True),
    ('"just a string"', "DS010", True),
    ('[{"name": "only one"}]', "DS013", False),
])
def test_bad_json_is_a_located_finding(reader, text, code, fatal):
    sheet = reader.read(text, "bad.json")
    assert code in [f.code for f in sheet.findings]
    assert sheet.fatal is fatal
    if code == "DS012":
        assert sheet.findings[0].line == 2


def test_binary_and_non_utf8_files(tmp_path):
    (tmp_path / "a.json").write_bytes(b"{\x00\x01}")
    (tmp_path / "b.md").write_bytes(b"## Title\n\xff\xfe\n")
    assert [f.code for f in load_document(tmp_path / "a.json").findings] == ["DS003"]
    assert [f.code for f in load_document(tmp_path / "b.md").findings] == ["DS002"]


def test_validate_on_a_card_reports_only_what_reading_found():
    assert validate(load_document(CARDS / "hf-current.md")) == []
    # the version, and the spec's required properties the file lacks (its shape): nothing of
    # the datasheet schema
    old = load_document(CARDS / "croissant-0.8.json")
    assert validate(old) == old.findings
    assert {f.code for f in validate(old)} == {"DS015", "DS023"}


def test_readers_take_text_bytes_and_paths_alike():
    path = CARDS / "kaggle-info.json"
    from_text = kaggle.read(path.read_text(), str(path))
    from_bytes = kaggle.read(path.read_bytes(), str(path))
    from_path = kaggle.read(path)
    assert from_text.data == from_bytes.data == from_path.data
    assert json.loads(path.read_text())["info"]["title"] == answer(from_path, "dataset.title")


def test_line_endings_and_byte_order_mark_do_not_move_origins():
    text = (CARDS / "hf-current.md").read_text()
    plain = hf.read(text, "a.md")
    windows = hf.read(("\ufeff" + text.replace("\n", "\r\n")).encode(), "b.md")
    assert plain.data == windows.data
    for qid in ("dataset.title", "composition.confidential", "motivation.creators"):
        assert plain.origin(qid).line == windows.origin(qid).line


def test_text_is_kept_under_the_title_and_beside_answered_sections():
    card = ("# Dataset Card for Tiny\n\nA tiny card.\n\n## Dataset Structure\n\nCSV files.\n\n"
            "### Columns\n\nid, label\n\n## Uses\n\n### Direct Use\n\n"
            "[More Information Needed]\n\n#### Notebook\n\nSee demo.ipynb.\n")
    sheet = hf.read(card, "README.md")
    unmapped = {u["heading"]: u["text"] for u in sheet.unmapped}
    assert answer(sheet, "dataset.title") == "Tiny"
    assert unmapped["Dataset Card for Tiny"] == "A tiny card."
    # a mapped section with its own text keeps its unknown sub-sections as unmapped text
    assert answer(sheet, "composition.instance_content") == "CSV files."
    assert unmapped["Columns"] == "id, label"
    # a mapped section with only a placeholder takes in its unknown sub-sections
    assert "See demo.ipynb." in answer(sheet, "uses.other_tasks")
    assert "Notebook" not in unmapped


@pytest.mark.parametrize("front, expected", [
    ("license: other", Status.PLACEHOLDER),
    ("license: other\nlicense_name: my-terms-1.0\nlicense_link: LICENSE.md", Status.ANSWERED),
    ("license: unknown", Status.UNKNOWN),  # a deliberate gap (DS401), not an answer
    ("license: other-imagenet-agreement", Status.ANSWERED),
    ("license: [mit, null]", Status.ANSWERED),
])
def test_hf_licence_keys(front, expected):
    sheet = hf.read(f"---\n{front}\n---\n\n# Card\n", "README.md")
    assert status(sheet, "distribution.license") is expected
    assert sheet.origin("distribution.license").line == 2


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["title", "id", "licenses", "info", "name", "description",
                                       "resources", "recordSet", "conformsTo", "creator",
                                       "rai:dataBiases", "sc:name", "keywords", "data", "x"]),
                      children, max_size=5),
    max_leaves=25)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_json_readers_never_raise(value):
    text = json.dumps(value)
    for reader in (kaggle, croissant):
        sheet = reader.read(text, "fuzz.json")
        assert sheet.fatal or isinstance(sheet.presence, dict)


markdown_lines = st.lists(st.sampled_from([
    "---", "license: mit", "license: [", "# Dataset Card for X", "## Uses", "### Direct Use",
    "#### Personal and Sensitive Information", "- **Curated by:** me", "- **License:**", "```",
    "~~~", "[More Information Needed]", "<!-- comment", "-->", "text", "", "  # indented",
    "pretty_name: x", "tags: [a, b]", "## License / Terms", "# ", "###### deep",
]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(markdown_lines)
def test_hf_reader_never_raises(lines):
    sheet = hf.read("\n".join(lines), "README.md")
    assert isinstance(sheet.presence, dict) and not sheet.fatal
    for qid, origin in sheet.origins.items():
        assert 1 <= origin.line <= max(1, len(lines)), (qid, origin)


def test_validate_command_on_cards_points_at_the_card():
    from click.testing import CliRunner

    from datasheet_kit.cli import main

    card = CARDS / "hf-comment-front-matter.md"
    result = CliRunner().invoke(main, ["validate", str(card), str(CARDS / "hf-legacy.md")])
    assert result.exit_code == 0  # a warning only
    assert result.output.startswith(f"{card}:2:1: DS014 ")
    bad = CliRunner().invoke(main, ["validate", str(CARDS / "kaggle-api.json"),
                                    str(FIXTURES / "invalid" / "DS104-invalid-enum-value.yaml")])
    assert bad.exit_code == 1 and "kaggle-api.json" not in bad.output


def test_a_labelled_paragraph_answers_its_own_question_only():
    """Several answers under one heading, each behind its question's label (as our writer puts
    them): a gap stays a gap instead of taking the heading's other answers for its own."""
    card = ("# Dataset Card for X\n\n## Dataset Creation\n\n"
            "#### Personal and Sensitive Information\n\n"
            "**Confidential.** Clinical photographs; health data.\n\n"
            "**Consent.** Unknown: the papers do not say.\n\n"
            "**Num patients (medical imaging).** 120\n")
    sheet = hf.read(card, "README.md")
    assert status(sheet, "collection.consent") is Status.UNKNOWN
    assert answer(sheet, "collection.consent") == "Unknown: the papers do not say."
    assert sheet.origin("collection.consent").line == 9
    assert answer(sheet, "composition.confidential") == "Clinical photographs; health data."
    # A label names one question: its paragraph is not read into the heading's unlabelled
    # questions, and the labelled answer to a question the heading does not hold (written there
    # through hf_card_section) is that question's alone, typed as its shape says.
    assert sheet.get("composition.identifiable") is None
    assert sheet.get("medical_imaging.num_patients") == 120
    assert sheet.origin("medical_imaging.num_patients").line == 11


def test_croissant_labelled_parts_and_organisations_given_by_description():
    doc = {"@context": {"@vocab": "https://schema.org/"}, "@type": "sc:Dataset",
           "conformsTo": "http://mlcommons.org/croissant/1.1", "name": "x",
           "funder": [{"@type": "sc:Organization", "description": "Unknown: no statement."}],
           "rai:dataReleaseMaintenancePlan": "**Erratum.** None kept.\n\n"
                                             "**Retention.** Unknown: not stated."}
    sheet = croissant.read(json.dumps(doc), "c.json")
    assert status(sheet, "motivation.funding") is Status.UNKNOWN
    assert answer(sheet, "maintenance.erratum") == "None kept."
    assert status(sheet, "maintenance.retention") is Status.UNKNOWN


def test_kaggle_owner_and_collaborators_only_hint_at_the_creators():
    owner = kaggle.read(CARDS / "kaggle-upload.json")
    assert answer(owner, "dataset.creators") is None
    listed = kaggle.read(json.dumps({"id": "janedoe/lesions", "title": "Lesions",
                                     "collaborators": [{"username": "ada", "role": "writer"},
                                                       "bo"]}))
    assert answer(listed, "dataset.creators") is None
    assert [h["value"] for h in listed.hints["dataset.creators"]] == ["ada, bo"]
    assert {h["field"] for h in listed.hints["motivation.creators"]} == {"id", "collaborators"}


def test_a_place_takes_its_fields_as_the_dataclass_declares_them():
    """Place writes its own __init__ (the frozen dataclass's is slow): same names, order and
    defaults as its fields, and still frozen."""
    import dataclasses
    import inspect

    from datasheet_kit.readers.values import Place
    from datasheet_kit.sheet import Origin

    fields = [(f.name, f.default) for f in dataclasses.fields(Place)]
    parameters = [(p.name, dataclasses.MISSING if p.default is p.empty else p.default)
                  for p in list(inspect.signature(Place.__init__).parameters.values())[1:]]
    assert parameters == fields
    place = Place("License", "CC BY 4.0", Origin("README.md", 3, 1), question="x")
    assert place == Place("License", "CC BY 4.0", Origin("README.md", 3, 1), question="x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        place.name = "Licence"  # type: ignore[misc]


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "cards").iterdir()))
def test_reading_for_answers_only_leaves_every_answer_as_it_is(name):
    """load_document(answers_only=True), as survey reads: the same answers, presence and
    findings that keep a card from being read; no platform-rule finding, hint or unread prose."""
    from datasheet_kit.codes import FATAL

    path = FIXTURES / "cards" / name
    full, lean = load_document(path), load_document(path, answers_only=True)
    assert lean.data == full.data
    assert lean.presence == full.presence
    assert [f for f in lean.findings if f.code in FATAL] == \
        [f for f in full.findings if f.code in FATAL]
    assert not any(f.code in ("DS020", "DS021", "DS022", "DS023") for f in lean.findings)
    assert lean.hints == {}
    assert [u for u in lean.unmapped if u["level"] == 0] == []


def test_reading_for_answers_only_is_the_survey_of_real_cards(corpus):
    """Over real cards of every platform: answers_only reads the same data as a full read."""
    for folder in ("hf", "kaggle", "croissant"):
        for path in sorted((corpus / folder).iterdir())[:40]:
            if path.is_file():
                assert load_document(path, answers_only=True).data == load_document(path).data

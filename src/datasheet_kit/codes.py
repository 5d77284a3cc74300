"""Every code a `datasheet` command reports, in one table: name, severity, weight and documentation.

Codes are stable and never reused; the hundreds say what a code is about:

    DS0xx  loading the file (sheet.py, readers/)   DS5xx  persistent identifiers
    DS1xx  the schema (validate.py)                DS6xx  maintenance and contact
    DS2xx  completeness and empty text             DS7xx  provenance of copies
    DS3xx  consistency of counts                   DS8xx  medical imaging
    DS4xx  licence and distribution                DS9xx  Copycats: originals, copies, splits
    FAIR-*, RAI-*  the FAIR checks (fair/)

The blocks that no single function owns (loading, the schema, the Copycats checks) are written
out here. A lint rule keeps its entry beside its function (`@rule` in rules/, with its docstring
as its documentation) and a FAIR check beside its function (`@check` in fair/model.py); `table()`
asks those two registries for their entries, by module name, so this module stays at the bottom
of the house and imports nothing of it but `findings`.

`severity` is the severity a code is reported at by default; `also` lists the others it can be
reported at (its documentation says when). A test runs every command over the fixtures and the
corpus and fails on a code, a name or a severity this table does not document.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple, Protocol

from .findings import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
# The commands that report each block, as `datasheet rules` shows them.
LINT = ("validate", "lint", "score")
LOADING = ("validate", "lint", "score", "fair", "import", "provenance")
RULES_FORMAT_VERSION = 1


class Code(NamedTuple):
    code: str
    name: str
    section: str  # what it is about: file, schema, a datasheet section, copycats, F/A/I/R
    severity: Severity  # as reported by default
    doc: str  # user documentation; its first line is the summary
    weight: int = 1  # what one finding costs in its score (lint's, or FAIR's for the FAIR ids)
    commands: tuple[str, ...] = LINT
    also: tuple[Severity, ...] = ()  # other severities it is reported at, as `doc` says
    fatal: bool = False  # after a finding of it there is nothing left to check in the file

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    @property
    def severities(self) -> frozenset[Severity]:
        return frozenset((self.severity, *self.also))

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "section": self.section,
                "severity": str(self.severity),
                "severities": [str(s) for s in sorted(self.severities, reverse=True)],
                "weight": self.weight, "commands": list(self.commands), "fatal": self.fatal,
                "doc": self.doc}


_UNUSABLE = ("\n\nReported while loading; nothing else is checked in a file that cannot be "
             "parsed.")


def _load(code: str, name: str, what: str, *, doc: str = "", severity: Severity = ERROR,
          also: tuple[Severity, ...] = (), fatal: bool = True) -> Code:
    text = doc or f"The file cannot be used as a datasheet: {what}.{_UNUSABLE}"
    return Code(code, name, "file", severity, text, 3, LOADING, also, fatal)


# Load problems (sheet.py for YAML; readers/ for cards and JSON). The names read as what went
# wrong. Platform cards are still read around the non-fatal ones.
LOAD = {c.code: c for c in (
    _load("DS001", "unreadable-file", "the file cannot be read"),
    _load("DS002", "not-utf8", "the file is not UTF-8 text"),
    _load("DS003", "binary-file", "the file is binary, not YAML"),
    _load("DS004", "file-too-large", "the file is larger than the size limit"),
    _load("DS005", "yaml-syntax", "the YAML cannot be parsed"),
    _load("DS006", "duplicate-key", "a key appears twice in the same mapping", fatal=False, doc=(
        "A key appears twice in the same mapping.\n\nThe later value wins, as in YAML "
        "parsers that allow it; the message gives the line of the first. The rest of the file "
        "is checked.")),
    _load("DS007", "alias-expansion", "", doc=(
        "Anchors and aliases expand to too many values (an \"alias bomb\"), or an alias stands "
        "inside its own anchor.\n\nA few lines can expand to billions of values; the file is "
        "stopped at the alias where the expansion passes 200,000 values, before anything is "
        "built." + _UNUSABLE)),
    _load("DS008", "too-deep", "", doc=(
        "The nesting is deeper than 64 levels (YAML or JSON).\n\nThe finding points at the "
        "value where the limit is passed. YAML is measured on the parser's events before "
        "anything is composed, so a file nested 50,000 deep is a finding, not a crash, with "
        "any PyYAML." + _UNUSABLE)),
    _load("DS009", "empty-file", "the file holds no datasheet"),
    _load("DS010", "not-a-mapping", "the top level is not a mapping"),
    _load("DS011", "unsupported-yaml", "a YAML feature datasheets do not use", fatal=False, doc=(
        "A YAML feature datasheets do not use: a tag, a merge key or a complex key.\n\nThe "
        "value is read as plain text (a merge key or complex key is skipped) and the rest of "
        "the file is checked.")),
    _load("DS012", "json-syntax", "the JSON cannot be parsed"),
    _load("DS013", "json-list", "", severity=WARNING, fatal=False, doc=(
        "The top level of a JSON file is a list holding one object; that object is read.\n\n"
        "Some exporters wrap the one dataset in [ ]; the platforms expect the object itself. "
        "Reported as a warning, and the object is checked as the document.")),
    _load("DS014", "card-metadata", "", also=(WARNING,), fatal=False, doc=(
        "A card's YAML metadata block (between the --- lines) is not a readable mapping.\n\n"
        "An error when the block does not parse or is not a mapping, or when it is opened with "
        "--- and never closed (the Hub then reads no metadata at all); a warning when it holds "
        "only comments or nothing. The body of the card is still read.")),
    _load("DS015", "croissant-version", "", severity=WARNING, fatal=False, doc=(
        "A Croissant file declares no known conformsTo version.\n\nWithout `conformsTo` the "
        "file is read with the meaning of Croissant 0.8; with a version this tool does not "
        "know, it is read as the newest known one. Reported as a warning.")),
    _load("DS020", "kaggle-shape", "", also=(WARNING,), fatal=False, doc=(
        "Kaggle metadata that the Kaggle API refuses or drops.\n\nAn error for what `kaggle "
        "datasets create` refuses: a field of the wrong type (a title that is a number, "
        "keywords that are not a list), a missing title, id or licence, an id that is not "
        "OWNER/slug, a slug or title of the wrong length, more than one licence or a licence "
        "name outside Kaggle's 28 (CC0-1.0, CC-BY-SA-3.0, CC-BY-SA-4.0, CC-BY-NC-SA-4.0, "
        "ODbL-1.0, CC-BY-4.0, CC-BY-NC-4.0, CC-BY-3.0, CC-BY-3.0-IGO, CC-BY-NC-SA-3.0-IGO, "
        "CDLA-Permissive-1.0, CDLA-Sharing-1.0, CC-BY-ND-4.0, CC-BY-NC-ND-4.0, ODC-BY-1.0, "
        "apache-2.0, GPL-2.0, GPL-3.0, LGPL-3.0, AGPL-3.0, DbCL-1.0, copyright-authors, other, "
        "unknown, PDDL, US-Government-Works, FDL-1.3, EU-ODP-Legal-Notice), "
        "resources without a path or with a path twice, columns without a name. A warning for "
        "what Kaggle drops silently: a key it does not read that looks like one it does, a "
        "column type it does not know. Required fields are checked in the upload file "
        "(dataset-metadata.json), not in metadata Kaggle wrote itself. Sources: Kaggle/kaggle-api "
        "kaggle_api_extended.py and kaggle-cli docs/datasets_metadata.md (data/"
        "platform_rules.json, checked 2026-12-06).")),
    _load("DS021", "hf-metadata", "", also=(WARNING,), fatal=False, doc=(
        "A Hugging Face card's metadata that the Hub refuses or warns about.\n\nAn error for a "
        "licence id outside the Hub's list of 83 (the Hub shows a YAML Metadata Error and "
        "refuses the push) and for a key of the wrong type (a licence that is a mapping); a "
        "warning for task_categories and size_categories outside the Hub's lists (a YAML "
        "Metadata Warning; the value is left out of the filters), legacy `other-NAME` "
        "licences and deprecated keys (`licenses`, `languages`). Sources: huggingface/hub-docs "
        "datasetcard.md and repositories-licenses.md (data/platform_rules.json, "
        "data/licenses.json and data/hf_lists.json, checked 2026-12-06).")),
    _load("DS022", "hf-configs", "", fatal=False, doc=(
        "A card's `configs` that the datasets library and the dataset viewer cannot load.\n\n"
        "Each config is a mapping with a `config_name` used once, `data_files` as a path, a "
        "list of paths or a list of {split, path}, and at most one `default: true`. Source: "
        "huggingface/hub-docs datasets-manual-configuration.md (data/platform_rules.json, "
        "checked 2026-12-06).")),
    _load("DS023", "croissant-structure", "", also=(WARNING,), fatal=False, doc=(
        "A Croissant file that mlcroissant refuses or cannot read, or that lacks what the spec "
        "requires.\n\nAn error for no @context, an @context that is not a mapping or has no "
        "@language, an @type that is not sc:Dataset, an @id that is not text or is used twice, "
        "a missing or non-text name, a distribution entry that is not a FileObject or FileSet "
        "or lacks contentUrl, encodingFormat, includes or a checksum, a field without a source. "
        "A warning for the other properties the spec's 'Required' table lists (description, "
        "license, url, creator, datePublished). Sources: croissant-spec-1.1.md and mlcroissant "
        "1.1.1 (data/platform_rules.json, checked 2026-12-06); tests hold the errors to "
        "mlcroissant's own verdicts.")),
    _load("DS016", "too-many-values", "", doc=(
        "The file holds more than 200,000 values (keys, list items and scalars).\n\nA "
        "datasheet holds a few hundred; the limit keeps every check bounded in time and memory. "
        "The finding points at the value where the limit is passed." + _UNUSABLE)),
)}

# A path that gives nothing to check (cli.expand); not a file, so it has no load problem.
LOAD["DS017"] = Code("DS017", "nothing-to-check", "file", WARNING, (
    "A folder given to the command holds no document it checks.\n\nA folder (or a folder "
    "named like a file, x.datasheet.yaml) with no datasheet, card, Kaggle or Croissant file in "
    "it, hidden and environment folders left out. A run in which no path gives a document "
    "checks nothing and exits 2 instead of passing."), 1, ("validate", "lint"))

FATAL = frozenset(code for code, entry in LOAD.items() if entry.fatal)

_SCHEMA_NOTE = ("\n\nReported by `datasheet validate` and by `datasheet lint`, from the schema in "
                "schema/datasheet.yaml.")


def _schema(code: str, name: str, doc: str, weight: int = 1) -> Code:
    return Code(code, name, "schema", ERROR, doc + _SCHEMA_NOTE, weight)


# Schema problems (validate.py).
SCHEMA = {c.code: c for c in (
    _schema("DS101", "missing-required", "A field the schema requires is missing (a required "
            "question, or one a gate makes required).", weight=3),
    _schema("DS102", "unknown-field", "A field the schema does not know; often a misspelt "
            "question id."),
    _schema("DS103", "wrong-type", "A value of the wrong type (text where a number is expected, "
            "and so on)."),
    _schema("DS104", "invalid-value", "A value outside its list of allowed values."),
    _schema("DS105", "bad-format", "A value in the wrong form (a date, URL, ORCID iD, ROR id or "
            "SPDX id)."),
    _schema("DS106", "out-of-range", "A count below its minimum."),
    _schema("DS107", "empty-list", "A list that must hold at least one value is empty."),
)}

PROVENANCE = ("provenance",)
SPLITS = ("check-splits",)
FOLDER = ("provenance",)


def _copycats(code: str, name: str, severity: Severity, doc: str,
              commands: tuple[str, ...], also: tuple[Severity, ...] = ()) -> Code:
    return Code(code, name, "copycats", severity, doc, 1, commands, also)


# The Copycats checks (provenance/, folders.py, splits.py); README "Copycats codes".
COPYCATS = {c.code: c for c in (
    _copycats("DS900", "likely-original", INFO, (
        "A likely original of the copy, with its confidence and the evidence for it.\n\n"
        "Information, not a problem: the findings that follow (DS901-DS905) say what the copy "
        "does not declare or changes."), PROVENANCE),
    _copycats("DS901", "undeclared-copy", ERROR, (
        "A likely copy does not name its original.\n\nAn error for a datasheet or card; a "
        "warning for a folder (it has no place to say so), or when the copy declares other "
        "sources."), PROVENANCE, (WARNING,)),
    _copycats("DS902", "license-contradicts-source", ERROR, (
        "The copy's licence breaks the original's terms (CC0 over CC BY-NC, say).\n\n"
        "Licences are compared by licenses.license_compatibility, as lint's DS704 does."),
        PROVENANCE),
    _copycats("DS903", "splits-changed", WARNING, (
        "Split sizes differ from the official ones, or a folder has no split folders.\n\n"
        "Not reported when the copy declares `resplit` or `split_preserved: false`."),
        PROVENANCE),
    _copycats("DS904", "subset-of-original", WARNING, (
        "The copy has fewer images than the original (or misses files of its hash list).\n\n"
        "Not reported when the copy declares `is_part_of` or `filtered`."), PROVENANCE),
    _copycats("DS905", "augmented-copy", WARNING, (
        "The copy has more images than the original.\n\nNot reported when the copy declares "
        "`augmented_from`, `aggregates`, `augmented` or `merged`."), PROVENANCE),
    _copycats("DS906", "duplicate-across-splits", ERROR, (
        "The same image is in two splits (of a folder, or of a metadata table).\n\nIdentical "
        "files or rows; look-alike images across splits are DS913."), FOLDER + SPLITS),
    _copycats("DS907", "patient-leakage", ERROR, (
        "A patient is in more than one split of the metadata table.\n\nA model evaluated on "
        "patients it was trained on looks better than it is."), SPLITS),
    _copycats("DS908", "unreadable-table", ERROR, (
        "The table cannot be checked: a missing column, not a table, not UTF-8.\n\n"
        "`datasheet check-splits` exits 2."), SPLITS),
    _copycats("DS909", "missing-values", WARNING, (
        "Rows of the table have no patient, split or image id.\n\nThose rows are left out of "
        "the check."), SPLITS),
    _copycats("DS910", "mixed-id-forms", WARNING, (
        "Ids are written as decimals, or numeric and text ids are mixed.\n\n\"17.0\" and "
        "\"17\" are the same patient written two ways; the check compares them as one."),
        SPLITS),
    _copycats("DS911", "duplicate-in-folder", WARNING, (
        "Identical (or look-alike) images inside one split or folder.\n\nDuplicates weigh "
        "twice in training and in evaluation."), FOLDER),
    _copycats("DS912", "differs-from-hash-list", WARNING, (
        "Images that are not byte-identical to any file of the original's hash list.\n\n"
        "Re-encoded, resized or new files (`datasheet provenance FOLDER --hashes LIST`)."),
        FOLDER),
    _copycats("DS913", "look-alike-across-splits", ERROR, (
        "The same picture, transformed (resized, re-encoded, cropped, recoloured, mirrored or "
        "turned), is in two splits of a folder.\n\nLeakage that no patient id reveals: found "
        "with `datasheet provenance FOLDER --perceptual`, verified on the pictures themselves."),
        FOLDER),
    _copycats("DS914", "transformed-from-hash-list", INFO, (
        "Images that are transformed copies of files in the original's hash list.\n\nMatched "
        "on the perceptual hashes of the list (`--hashes LIST --perceptual`)."), FOLDER),
    _copycats("DS915", "unreadable-image", WARNING, (
        "Pictures that cannot be decoded, so they cannot be compared as pictures.\n\nTheir "
        "bytes are still hashed and compared."), FOLDER),
    _copycats("DS916", "unreadable-file", WARNING, (
        "Files the folder lists that cannot be read: gone since the walk, a link to nothing, "
        "no permission.\n\nThey are left out of every comparison and of the hash list (a "
        "resumed scan tries them again); the message gives each file's reason."), FOLDER),
)}

BUILTIN: dict[str, Code] = {**LOAD, **SCHEMA, **COPYCATS}


class _Provider(Protocol):
    def codes(self) -> list[Code]: ...


# The registries that keep their entries beside their functions, loaded by name when the whole
# table is asked for: each module has `codes() -> list[Code]`.
LINT_PROVIDERS = ("datasheet_kit.rules",)
PROVIDERS = (*LINT_PROVIDERS, "datasheet_kit.fair")


def _provided(modules: tuple[str, ...]) -> list[Code]:
    found: list[Code] = []
    for module in modules:
        provider: _Provider = importlib.import_module(module)
        found.extend(provider.codes())
    return found


def _ordered(entries: list[Code]) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for entry in entries:
        if entry.code in table:
            raise ValueError(f"code {entry.code} is defined twice")
        table[entry.code] = entry
    # DS codes in numeric order, then the FAIR ids in the order their checks report.
    ds = sorted(c for c in table if c.startswith("DS"))
    return {c: table[c] for c in ds + [c for c in table if not c.startswith("DS")]}


def lint_table() -> dict[str, Code]:
    """The codes `datasheet validate`, `lint` and `score` report (and configuration selects)."""
    return _ordered([*LOAD.values(), *SCHEMA.values(), *_provided(LINT_PROVIDERS)])


def table() -> dict[str, Code]:
    """Every code any command reports, in code order."""
    return _ordered([*BUILTIN.values(), *_provided(PROVIDERS)])


def entries(wanted: set[str]) -> dict[str, Code]:
    """The entries of `wanted` codes, without loading the FAIR checks unless one is asked for."""
    known = lint_table()
    if not wanted <= known.keys():
        known = table()
    return {code: known[code] for code in sorted(wanted) if code in known}


def name(code: str) -> str:
    """The name of a load, schema or Copycats code (rules and checks carry their own)."""
    return BUILTIN[code].name


def severity(code: str) -> Severity:
    return BUILTIN[code].severity


def describe(entry: Code) -> str:
    """One code for `datasheet rules CODE`: its line of facts, then its documentation."""
    also = "".join(f", also {s}" for s in entry.also)
    return (f"{entry.code} {entry.name}  (section {entry.section}, default {entry.severity}"
            f"{also}, weight {entry.weight})\n\n{entry.doc}")


def listing(entries: list[Code]) -> str:
    """One line a code: code, name, default severity, section, summary."""
    width = max((len(e.code) for e in entries), default=5)
    return "".join(f"{e.code:<{width}}  {e.name:<30} {str(e.severity):<8} {e.section:<16} "
                   f"{e.summary}\n" for e in entries)


def rules_json(entries: list[Code]) -> str:
    """`datasheet rules --format json`: a versioned contract, like the other JSON outputs."""
    from . import __version__
    from .files import json_text

    return json_text({"version": RULES_FORMAT_VERSION,
                      "tool": {"name": "datasheet-kit", "version": __version__},
                      "codes": [e.to_dict() for e in entries]})

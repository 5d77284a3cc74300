"""Platform shapes: what Kaggle's API, the Hugging Face Hub and Croissant accept, checked on the
file as written, with the line of each problem.

A card can be read into the datasheet's shape and still be refused by its own platform: a Kaggle
`dataset-metadata.json` whose title is a number, a README whose licence id the Hub does not know,
a Croissant file mlcroissant cannot load. Each reader calls its check here after decoding the
file; the findings go on the sheet like the other load findings, so `validate` and `lint` both
report them (they are never fatal: the card is still read).

    DS020 kaggle-shape        the Kaggle API refuses it (error) or drops it silently (warning)
    DS021 hf-metadata         the Hub refuses the metadata (error) or warns about a value
    DS022 hf-configs          `configs` the datasets library and the viewer cannot load
    DS023 croissant-structure mlcroissant refuses or cannot read it (error); a property the
                              spec requires is missing (warning)

The rules, their sources and the date they were checked are in data/platform_rules.json; the
closed lists (licences, task and size categories) in licenses.json and hf_lists.json.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..findings import Severity, clip
from ..sheet import Origin, Sheet
from .positions import add_finding

_DATA = Path(__file__).resolve().parent.parent / "data"
ERROR, WARNING = Severity.ERROR, Severity.WARNING
_TYPE_WORDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping", type(None): "nothing"}


@cache
def rules() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((_DATA / "platform_rules.json").read_text("utf-8"))
    return loaded


def _kind_of(value: Any) -> str:
    return _TYPE_WORDS.get(type(value), type(value).__name__)


def _shown(value: Any) -> str:
    return clip(json.dumps(value, ensure_ascii=False, default=str), 40)


def _has_type(value: Any, expected: str) -> bool:
    checks: dict[str, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "array": lambda v: isinstance(v, list),
        "string or array": lambda v: isinstance(v, (str, list)),
    }
    return checks[expected](value)


_EXPECTED_WORDS = {"string": "text", "integer": "a whole number", "boolean": "true or false",
                   "array": "a list", "string or array": "text or a list"}


def _closest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Where:
    """Where a path of the document is in the file: positions of JSON keys (jsontext), or the
    origins of front-matter keys (an HF card). A finding's path is the file's own key path
    behind the platform's name (`kaggle:resources[0].path`), never a question id, so that a
    format problem never counts against a section's score."""

    def __init__(self, sheet: Sheet, lookup: Callable[[str], tuple[int, int] | None]):
        self.sheet = sheet
        self.lookup = lookup
        self.platform = sheet.kind

    def at(self, path: str) -> tuple[int, int]:
        while True:
            found = self.lookup(path)
            if found is not None:
                return found
            if not path:
                return 1, 1
            path = path[: path.rindex("[")] if path.endswith("]") else path.rpartition(".")[0]

    def add(self, code: str, path: str, message: str, severity: Severity = ERROR) -> None:
        line, column = self.at(path)
        add_finding(self.sheet, code, line, column, message, severity, f"{self.platform}:{path}")


def _json_where(sheet: Sheet, prefix: str) -> _Where:
    positions = sheet.parsed.positions if sheet.parsed is not None else {}

    def lookup(path: str) -> tuple[int, int] | None:
        full = f"{prefix}.{path}" if prefix and path else prefix or path
        found: tuple[int, int] | None = positions.get(full)
        return found

    return _Where(sheet, lookup)


# ------------------------------------------------------------------------------------ Kaggle

_SLUG = re.compile(r"^[A-Za-z0-9-]+$")


def kaggle(sheet: Sheet, document: dict[str, Any], variant: str, prefix: str = "") -> None:
    """DS020: the keys of Kaggle metadata against what the Kaggle API accepts. Every variant
    has its types checked; what `kaggle datasets create` requires (title, id, one licence) only
    in the upload file, the one a user writes."""
    table = rules()["kaggle"]
    where = _json_where(sheet, prefix)
    for key, expected in table["types"].items():
        if key in document and document[key] is not None \
                and not _has_type(document[key], expected):
            where.add("DS020", key, f"`{key}` must be {_EXPECTED_WORDS[expected]} for the Kaggle "
                                    f"API; it is {_kind_of(document[key])} "
                                    f"({_shown(document[key])})")
    if variant == "upload":
        _kaggle_required(document, where, table)
        _kaggle_unknown_keys(document, where, table)
    _kaggle_values(document, where, table)
    _kaggle_licences(document, where, variant)
    _kaggle_resources(document, where, table)


def _kaggle_required(document: dict[str, Any], where: _Where, table: dict[str, Any]) -> None:
    for key in table["required"]:
        if document.get(key) in (None, "", []):
            where.add("DS020", "", f"`{key}` is missing; `kaggle datasets create` requires it")
    for key, alternative in table["required_unless"].items():
        if document.get(key) in (None, "") and document.get(alternative) is None:
            where.add("DS020", "", f"`{key}` is missing: write \"{key}\": \"OWNER/slug\" (or "
                                   f"`{alternative}` to update an existing dataset)")


def _kaggle_unknown_keys(document: dict[str, Any], where: _Where, table: dict[str, Any]) -> None:
    known = table["known_keys"]
    for key in document:
        if key not in known and (hint := _closest(key, known)):
            where.add("DS020", key, f"Kaggle reads no key {key!r}{hint}", WARNING)


def _kaggle_values(document: dict[str, Any], where: _Where, table: dict[str, Any]) -> None:
    limits = {**_kaggle_limits(), "subtitle": (20, 80)}
    placeholders = table["placeholders"]
    title = document.get("title")
    if title == placeholders["title"]:
        where.add("DS020", "title", f"the title is still the template's {title!r}")
    for key in ("title", "subtitle"):
        value = document.get(key)
        low, high = limits[key]
        if isinstance(value, str) and value.strip() and not low <= len(value) <= high:
            where.add("DS020", key, f"`{key}` has {len(value)} characters; Kaggle accepts "
                                    f"{low} to {high}")
    ident = document.get("id")
    if isinstance(ident, str) and ident:
        _kaggle_id(ident, where, placeholders["slug"])
    frequency = document.get("expectedUpdateFrequency")
    if isinstance(frequency, str) and frequency not in table["update_frequencies"]:
        where.add("DS020", "expectedUpdateFrequency",
                  f"expectedUpdateFrequency {clip(frequency)!r} is not one of "
                  f"{', '.join(table['update_frequencies'])}")
    keywords = document.get("keywords")
    if isinstance(keywords, list):
        for i, word in enumerate(keywords):
            if not isinstance(word, str):
                where.add("DS020", f"keywords[{i}]", f"a keyword must be text; this one is "
                                                     f"{_kind_of(word)} ({_shown(word)})")
    for i, person in enumerate(document.get("collaborators") or []
                               if isinstance(document.get("collaborators"), list) else []):
        if isinstance(person, dict) and person.get("role") is not None \
                and person.get("role") not in table["collaborator_roles"]:
            where.add("DS020", f"collaborators[{i}].role",
                      f"collaborator role {clip(str(person.get('role')))!r} is not one of "
                      f"{', '.join(table['collaborator_roles'])}")


def _kaggle_limits() -> dict[str, tuple[int, int]]:
    from ..vocabularies import platform_lists

    lists = platform_lists("kaggle")
    return {key: (lists[key]["min"], lists[key]["max"]) for key in ("title", "slug")}


def _kaggle_id(ident: str, where: _Where, placeholder: str) -> None:
    owner, slash, slug = ident.partition("/")
    if not slash or not owner or not slug or "/" in slug:
        where.add("DS020", "id", f"`id` must be OWNER/slug (your user name, a slash and the "
                                 f"dataset's slug); it is {clip(ident)!r}")
        return
    low, high = _kaggle_limits()["slug"]
    if slug == placeholder:
        where.add("DS020", "id", f"the slug is still the template's {placeholder!r}")
    elif not _SLUG.match(slug):
        where.add("DS020", "id", f"the slug {clip(slug)!r} may hold only letters, digits and "
                                 "hyphens")
    elif not low <= len(slug) <= high:
        where.add("DS020", "id", f"the slug {clip(slug)!r} has {len(slug)} characters; Kaggle "
                                 f"accepts {low} to {high}")


def _kaggle_licences(document: dict[str, Any], where: _Where, variant: str) -> None:
    from ..licenses import kaggle_names

    licences = document.get("licenses")
    if not isinstance(licences, list):
        return
    if variant == "upload" and len(licences) != 1:
        where.add("DS020", "licenses", f"`licenses` holds {len(licences)} licences; Kaggle "
                                       "accepts exactly one: [{\"name\": ...}]")
    names = kaggle_names()
    for i, item in enumerate(licences):
        path = f"licenses[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            where.add("DS020", path, f"a licence must be written {{\"name\": ...}}; this one is "
                                     f"{_shown(item)}")
        elif variant == "upload" and item["name"] not in names:
            same = next((n for n in names if n.lower() == item["name"].strip().lower()), None)
            hint = f"; write {same!r}" if same else _closest(item["name"], names)
            where.add("DS020", f"{path}.name", f"Kaggle has no licence named "
                                               f"{clip(item['name'])!r}{hint} (`datasheet rules "
                                               "DS020` lists its 28)")


def _kaggle_resources(document: dict[str, Any], where: _Where, table: dict[str, Any]) -> None:
    resources = document.get("resources")
    if not isinstance(resources, list):
        return
    seen: dict[str, int] = {}
    for i, item in enumerate(resources):
        path = f"resources[{i}]"
        if not isinstance(item, dict):
            where.add("DS020", path, f"a resource must be a mapping with a path; this one is "
                                     f"{_kind_of(item)} ({_shown(item)})")
            continue
        file = item.get("path")
        if not isinstance(file, str) or not file.strip():
            where.add("DS020", path, "a resource needs a `path`: the file it describes")
        elif file in seen:
            where.add("DS020", f"{path}.path", f"the path {clip(file)!r} is listed twice "
                                               f"(resources[{seen[file]}] first); Kaggle refuses "
                                               "duplicates")
        else:
            seen[file] = i
        if "description" in item and not isinstance(item["description"], str):
            where.add("DS020", f"{path}.description", "a resource's description must be text")
        if "schema" in item:
            _kaggle_fields(item["schema"], f"{path}.schema", where, table)


def _kaggle_fields(schema: Any, path: str, where: _Where, table: dict[str, Any]) -> None:
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        where.add("DS020", path, "`schema` must be a mapping with `fields`, a list of columns")
        return
    for i, column in enumerate(fields):
        here = f"{path}.fields[{i}]"
        if not isinstance(column, dict) or not isinstance(column.get("name"), str):
            where.add("DS020", here, f"a column needs a `name`; this one is {_shown(column)}")
            continue
        kind = column.get("type")
        if kind is not None and (not isinstance(kind, str)
                                 or kind.lower() not in table["column_types"]):
            where.add("DS020", f"{here}.type", f"Kaggle knows no column type {_shown(kind)}; it "
                                               "passes it on and may drop it", WARNING)


# ------------------------------------------------------------------------------ Hugging Face

def hf_front_matter_unclosed(sheet: Sheet, text: str) -> bool:
    """DS014 for a card that opens its metadata with `---` and never closes it: the Hub then
    reads no metadata at all. True when that is the case."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if first.strip() != "---":
        return False
    lines = text.splitlines()
    if any(line.rstrip() == "---" for line in lines[1:]):
        return False
    add_finding(sheet, "DS014", 1, 1, "the metadata block opened on line 1 is never closed by "
                                      "a `---` line: the Hub reads no metadata at all (licence, "
                                      "tasks and every key are lost); add the closing `---`")
    return True


def hf(sheet: Sheet, meta: dict[str, Any], origins: dict[str, Origin]) -> None:
    """DS021 and DS022: the front matter against the Hub's metadata rules."""
    table = rules()["hf"]

    def lookup(path: str) -> tuple[int, int] | None:
        origin = origins.get(path)
        return (origin.line, origin.column) if origin is not None else None

    where = _Where(sheet, lookup)
    for key, expected in table["types"].items():
        value = meta.get(key)
        if value is not None and not _has_type(value, expected):
            where.add("DS021", key, f"`{key}` must be {_EXPECTED_WORDS[expected]}; it is "
                                    f"{_kind_of(value)} ({_shown(value)})")
    for old, new in table["deprecated_keys"].items():
        if old in meta and new not in meta:
            where.add("DS021", old, f"`{old}` is the deprecated spelling: the Hub reads "
                                    f"`{new}`", WARNING)
    _hf_licences(meta, where)
    _hf_closed_list(meta, where, "task_categories")
    _hf_closed_list(meta, where, "size_categories")
    if isinstance(meta.get("configs"), list):
        _hf_configs(meta["configs"], where, re.compile(table["split_name"]))


def _items(value: Any) -> list[tuple[str, Any]]:
    """(path suffix, item) of a value the Hub takes as text or a list of texts."""
    if isinstance(value, list):
        return [(f"[{i}]", item) for i, item in enumerate(value)]
    return [("", value)]


def _hf_licences(meta: dict[str, Any], where: _Where) -> None:
    from ..licenses import hf_ids

    ids = hf_ids()
    key = "license" if "license" in meta else "licenses"
    for suffix, value in _items(meta.get(key)):
        if not isinstance(value, str):  # nothing, or a type the type check reports
            continue
        text = value.strip()
        if text in ids:
            continue
        path = key + suffix
        if text.lower().startswith("other-"):
            where.add("DS021", path, f"{text!r} is a legacy spelling: write `license: other` "
                                     f"with `license_name: {text[6:]}` and `license_link:`",
                      WARNING)
            continue
        same = next((i for i in ids if i == text.lower()), None)
        hint = f"; write `{key}: {same}`" if same else _closest(text.lower(), ids)
        where.add("DS021", path, f"the Hub has no licence id {clip(text)!r}{hint} (the Hub "
                                 "refuses the card; for other terms write `license: other` with "
                                 "`license_name` and `license_link`)")


def _hf_closed_list(meta: dict[str, Any], where: _Where, key: str) -> None:
    from ..vocabularies import platform_lists

    allowed = platform_lists("hf")[key]
    legacy = {"unknown"} if key == "size_categories" else set()
    for suffix, value in _items(meta.get(key)):
        if value is None:
            continue
        if not isinstance(value, str):
            where.add("DS021", key + suffix, f"each of `{key}` must be text; this one is "
                                             f"{_kind_of(value)} ({_shown(value)})")
        elif value not in allowed and value not in legacy:
            where.add("DS021", key + suffix, f"{_shown(value)} is not one of the Hub's "
                                             f"{key}{_closest(value, allowed)}; the Hub warns "
                                             "and leaves it out of its filters", WARNING)


def _hf_configs(configs: list[Any], where: _Where, split_name: re.Pattern[str]) -> None:
    names: dict[str, int] = {}
    defaults = []
    for i, config in enumerate(configs):
        path = f"configs[{i}]"
        if isinstance(config, str):  # the legacy form: a list of config names
            continue
        if not isinstance(config, dict):
            where.add("DS022", path, f"a config must be a mapping with config_name and "
                                     f"data_files; this one is {_shown(config)}")
            continue
        name = config.get("config_name")
        if not isinstance(name, str) or not name.strip():
            where.add("DS022", path, "a config needs a `config_name`")
        elif name in names:
            where.add("DS022", f"{path}.config_name", f"config_name {clip(name)!r} is used "
                                                      f"twice (configs[{names[name]}] first)")
        else:
            names[name] = i
        if config.get("default") is True:
            defaults.append(i)
        elif "default" in config and not isinstance(config["default"], bool):
            where.add("DS022", f"{path}.default", "`default` must be true or false")
        if "data_files" in config:
            for problem_path, message in _data_files(config["data_files"], f"{path}.data_files",
                                                     split_name):
                where.add("DS022", problem_path, message)
    if len(defaults) > 1:
        where.add("DS022", f"configs[{defaults[1]}].default",
                  f"{len(defaults)} configs say `default: true`; one may")


def _data_files(value: Any, path: str, split_name: re.Pattern[str]
                ) -> Iterator[tuple[str, str]]:
    """A path, a list of paths, or a list of {split, path} (path: a path or a list)."""
    if isinstance(value, str):
        return
    if isinstance(value, dict):  # {split: path} is read as one entry per split
        for split, files in value.items():
            if not (isinstance(files, str) or (isinstance(files, list)
                                               and all(isinstance(f, str) for f in files))):
                yield f"{path}.{split}", f"the files of split {clip(str(split))!r} must be a " \
                                         "path or a list of paths"
        return
    if not isinstance(value, list):
        yield path, f"`data_files` must be a path, a list of paths or a list of {{split, path}}; " \
                    f"it is {_kind_of(value)}"
        return
    for i, item in enumerate(value):
        here = f"{path}[{i}]"
        if isinstance(item, str):
            continue
        if not isinstance(item, dict):
            yield here, f"a data_files entry must be a path or {{split, path}}; this one is " \
                        f"{_shown(item)}"
            continue
        split, files = item.get("split"), item.get("path")
        if not isinstance(split, str) or not split_name.match(split):
            yield here, f"the split name {_shown(split)} must be a word (train, test, " \
                        "validation, ...)"
        if not (isinstance(files, str) or (isinstance(files, list) and files
                                           and all(isinstance(f, str) for f in files))):
            yield here, f"`path` must be a path or a list of paths; it is {_shown(files)}"


# --------------------------------------------------------------------------------- Croissant

_PREFIXES = ("sc:", "schema:", "https://schema.org/", "http://schema.org/", "cr:",
             "http://mlcommons.org/croissant/")


def _key(document: dict[str, Any], name: str) -> str | None:
    """The key `document` spells the property `name` with (name, sc:name, schema:name...)."""
    if name in document:
        return name
    return next((p + name for p in _PREFIXES if p + name in document), None)


def croissant(sheet: Sheet, document: dict[str, Any], prefix: str = "") -> None:
    """DS023: the structure mlcroissant needs to load the file, and what the spec requires."""
    table = rules()["croissant"]
    where = _json_where(sheet, prefix)
    if not _croissant_context(document, where):
        return
    kinds = document.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if not any(k in table["dataset_types"] for k in kinds):
        where.add("DS023", "@type" if "@type" in document else "",
                  f"the @type must be sc:Dataset; it is {_shown(document.get('@type'))} "
                  "(mlcroissant reads no dataset here)")
    _croissant_properties(document, where, table)
    ids: dict[str, str] = {}
    live = document.get(_key(document, "isLiveDataset") or "isLiveDataset") is True
    for top in ("distribution", "recordSet"):
        key = _key(document, top)
        if key is not None:
            _croissant_nodes(document[key], key, top, where, table, ids, live)
    for path, value in _bad_ids(document, ""):
        where.add("DS023", path, f"an @id must be text; this one is {_kind_of(value)} "
                                 f"({_shown(value)})")


def _croissant_context(document: dict[str, Any], where: _Where) -> bool:
    context = document.get("@context")
    if context is None:
        where.add("DS023", "", "there is no @context: the file is not JSON-LD, and mlcroissant "
                               "reads no dataset in it; add the Croissant 1.1 context")
        return False
    if not isinstance(context, dict):
        where.add("DS023", "@context", f"the @context must be a mapping; it is "
                                       f"{_kind_of(context)} ({_shown(context)}), which "
                                       "mlcroissant cannot read")
        return False
    if "@language" not in context:
        where.add("DS023", "@context", 'the @context has no "@language" ("en"): mlcroissant '
                                       "fails on it (mlcommons/croissant issue 950)")
    return True


def _croissant_properties(document: dict[str, Any], where: _Where, table: dict[str, Any]) -> None:
    for name in table["required"]:
        if _key(document, name) is None:
            where.add("DS023", "", f"`{name}` is missing; the Croissant spec requires it")
    for name in table["required_by_spec"]:
        if _key(document, name) is None:
            where.add("DS023", "", f"`{name}` is missing; the Croissant spec requires it",
                      WARNING)
    for name in table["text"]:
        key = _key(document, name)
        if key is not None and not isinstance(document[key], (str, list, dict)):
            where.add("DS023", key, f"`{name}` must be text; it is {_kind_of(document[key])} "
                                    f"({_shown(document[key])}), which mlcroissant refuses")


def _node_type(node: dict[str, Any], table: dict[str, Any]) -> str:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    for kind, spellings in (("file_object", table["file_object"]),
                            ("file_set", table["file_set"]), ("field", table["field"])):
        if any(k in spellings for k in kinds):
            return kind
    return ""


def _croissant_nodes(value: Any, key: str, top: str, where: _Where, table: dict[str, Any],
                     ids: dict[str, str], live: bool) -> None:
    nodes = value if isinstance(value, list) else [value]
    for i, node in enumerate(nodes):
        path = f"{key}[{i}]" if isinstance(value, list) else key
        if not isinstance(node, dict):
            where.add("DS023", path, f"a {top} entry must be a mapping; this one is "
                                     f"{_kind_of(node)} ({_shown(node)})")
            continue
        _unique_id(node, path, where, ids)
        if top == "distribution":
            _croissant_file(node, path, where, table, live)
        else:
            _croissant_fields(node, path, where, ids)


def _croissant_fields(record_set: dict[str, Any], path: str, where: _Where,
                      ids: dict[str, str]) -> None:
    """The fields of a record set. A set that holds no inline `data` and none of whose fields
    has a source, a value or sub-fields is fed by nothing: mlcroissant refuses each field."""
    fields = record_set.get(_key(record_set, "field") or "field")
    items = fields if isinstance(fields, list) else [fields] if fields is not None else []
    fed: list[bool] = []
    for j, field in enumerate(items):
        here = f"{path}.field[{j}]" if isinstance(fields, list) else f"{path}.field"
        if not isinstance(field, dict):
            where.add("DS023", here, f"a field must be a mapping; this one is {_shown(field)}")
            continue
        _unique_id(field, here, where, ids)
        fed.append(any(_key(field, name) is not None for name in ("source", "value", "subField")))
    if fed and not any(fed) and _key(record_set, "data") is None:
        where.add("DS023", path, "no field of this record set has a `source` (or a `value`) and "
                                 "it holds no `data`: nothing feeds it, and mlcroissant refuses "
                                 "every field")


def _unique_id(node: dict[str, Any], path: str, where: _Where, ids: dict[str, str]) -> None:
    ident = node.get("@id")
    if not isinstance(ident, str) or len(node) == 1:  # {"@id": ...} alone is a reference
        return
    if ident in ids:
        where.add("DS023", f"{path}.@id", f"the @id {clip(ident)!r} is used twice ({ids[ident]} "
                                          "first); ids must be unique in a dataset")
    else:
        ids[ident] = path


def _croissant_file(node: dict[str, Any], path: str, where: _Where, table: dict[str, Any],
                    live: bool) -> None:
    kind = _node_type(node, table)
    if kind not in ("file_object", "file_set"):
        where.add("DS023", path, f"a distribution entry must have \"@type\": \"cr:FileObject\" or "
                                 f"\"cr:FileSet\"; it has {_shown(node.get('@type'))}")
        return
    wanted = ["encodingFormat"] + (["includes"] if kind == "file_set" else [])
    if kind == "file_object" and _key(node, "containedIn") is None:
        wanted.append("contentUrl")
    for name in wanted:
        if _key(node, name) is None:
            where.add("DS023", path, f"this {'FileSet' if kind == 'file_set' else 'FileObject'} "
                                     f"has no `{name}`; mlcroissant refuses it")
    if kind == "file_object" and _key(node, "containedIn") is None and not live \
            and _key(node, "md5") is None and _key(node, "sha256") is None:
        where.add("DS023", path, "this FileObject has no `sha256` (or `md5`); mlcroissant "
                                 "refuses a file without a checksum unless the dataset is live")


def _bad_ids(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every @id that is not text, at any depth (mlcroissant fails on them)."""
    stack = [(value, path)]
    while stack:
        item, here = stack.pop()
        if isinstance(item, dict):
            if "@id" in item and not isinstance(item["@id"], str):
                yield (f"{here}.@id" if here else "@id"), item["@id"]
            stack.extend((v, f"{here}.{k}" if here else k) for k, v in item.items()
                         if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend((v, f"{here}[{i}]") for i, v in enumerate(item)
                         if isinstance(v, (dict, list)))

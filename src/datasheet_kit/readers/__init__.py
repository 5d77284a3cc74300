"""Readers turn platform cards into Sheets through the schema's crosswalk, and nothing else.

A reader finds the platform's places in a card (a heading, a bullet, a YAML key, a JSON key), each
with its value and origin, and `fill` gives every question whose crosswalk names a place that
place's text and origin. One place can answer several questions ("Personal and Sensitive
Information" answers five); one question can draw on several places (their texts are joined).

Each module has `read(source, file=None) -> Sheet`: `source` is a `Path` (read from disk), `bytes`
or `str` (the document itself). Bad input becomes findings on the sheet, never an exception.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..answers import is_placeholder
from ..catalogue import Question, crosswalk, questions
from ..findings import Finding, Severity
from ..sheet import LOAD_CODES, Origin, Sheet, decode, read_text

KINDS = ("hf", "kaggle", "croissant")


@dataclass(frozen=True)
class Place:
    """One filled-in (or empty) place of a card: `name` as the crosswalk spells it."""

    name: str
    value: Any
    origin: Origin
    prose: bool = True  # False for metadata values, which read better with their key in front
    # Set when the card names the question this text answers (a "**Consent.** ..." paragraph
    # under a heading that holds several questions): then it answers that question alone.
    question: str | None = None


def norm(name: str) -> str:
    """A heading, bullet or key name as compared with the crosswalk: case, spacing, the
    template's "[optional]" marker and a trailing colon do not matter."""
    name = name.replace("[optional]", " ").replace("[Optional]", " ")
    return " ".join(name.split()).strip(" :").lower()


def source_text(source: str | bytes | Path, file: str | None) -> tuple[Sheet, str | None]:
    """A fresh sheet and the document's text (None when it cannot be read; the sheet says why)."""
    if isinstance(source, Path):
        sheet = Sheet(file or str(source))
        return sheet, read_text(source, sheet)
    sheet = Sheet(file or "<string>")
    if isinstance(source, bytes):
        return sheet, decode(source, sheet)
    return sheet, source.removeprefix("\ufeff")


def add_finding(sheet: Sheet, code: str, line: int, column: int, message: str,
                severity: Severity = Severity.ERROR, path: str = "") -> None:
    sheet.findings.append(Finding(sheet.file, line, column, code, LOAD_CODES[code][0], severity,
                                  message, path))


def render(value: Any) -> str:
    """A platform value as prose: lists joined, objects by their name (and description)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return ", ".join(t for t in (render(v) for v in value) if t)
    if isinstance(value, dict):
        name = value.get("name") or value.get("@id") or value.get("title")
        if name is None and isinstance(value.get("description"), str):
            # An organisation written as its description (who funds, publishes, maintains).
            return value["description"]
        if name is not None and not isinstance(name, (dict, list)):
            description = value.get("description")
            if isinstance(description, str) and description.strip():
                return f"{name}: {description}"
            return str(name)
        return "; ".join(f"{k}: {render(v)}" for k, v in value.items()
                         if not k.startswith("@") and render(v))
    return str(value)


def text_of_place(place: Place) -> str:
    text = render(place.value)
    if not place.prose and text and not is_placeholder(text):
        return f"{place.name}: {text}"
    return text


def is_filled(place: Place) -> bool:
    """A platform field counts as filled when it holds anything but template text."""
    return _holds(place.value)


def pluck(value: Any, parts: list[str]) -> list[Any]:
    """All values at a dotted path, mapping over lists on the way (`resources.description`)."""
    if not parts:
        return [value] if value is not None else []
    if isinstance(value, list):
        return [found for item in value for found in pluck(item, parts)]
    if isinstance(value, dict) and parts[0] in value:
        return pluck(value[parts[0]], parts[1:])
    return []


def flat(values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for value in values:
        items = value if isinstance(value, list) else [value]
        for item in items:
            text = render(item).strip()
            if text and text not in out:
                out.append(text)
    return out


Convert = Callable[[Question, list[Place]], "tuple[Any, list[Place]] | None"]


# ------------------------------------------------------------- schema records from card values

_CREATOR_KEYS = ("name", "kind", "affiliation", "orcid", "ror", "email", "url")
_URL = re.compile(r"^https?://\S+$")


def creator_records(values: Iterable[Any]) -> list[dict]:
    """Creator records ({name, kind, affiliation, orcid, ror, email, url}) from what a card says.

    A reader that knows more than a name (Croissant's typed `creator` objects) hands over records
    already; plain text is a name, and "; " separates names because that is how our own cards
    list several creators (writers/_text.brief). Other free text stays one name: "A and B, Lab"
    cannot be split safely.
    """
    out: list[dict] = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                record = {k: item[k] for k in _CREATOR_KEYS if item.get(k)}
                if record.get("name", "").strip():
                    record["name"] = record["name"].strip()
                    out.append(record)
                continue
            for name in render(item).split(";"):
                if name.strip() and not is_placeholder(name):
                    out.append({"name": name.strip()})
    return _unique(out)


def identifier_records(values: Iterable[Any]) -> list[dict]:
    """Identifier records ({scheme, value}) from what a card says, read by `identifiers`.

    A value that is one identifier (a Croissant `identifier`, a bullet holding a DOI link) is
    taken as declared, plain web addresses included. From prose (a "Dataset Sources" section, a
    citation) only identifiers that name data are taken: a paper's DOI there is not the dataset's
    (the same line FAIR-F1-PID draws, through identifiers.names_data).
    """
    from .. import identifiers

    out: list[dict] = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and {"scheme", "value"} <= set(item):
                out.append({"scheme": item["scheme"], "value": item["value"]})
                continue
            text = item.get("@id") or item.get("value") if isinstance(item, dict) else item
            if not isinstance(text, str):
                continue
            one = identifiers.parse(text)
            found = [one] if one is not None else [
                i for i in identifiers.find_all(text) if identifiers.names_data(i)]
            out += [{"scheme": i.scheme, "value": i.value} for i in found]
    return _unique(out)


_FILE_KEYS = ("name", "content_url", "encoding_format", "sha256", "md5", "size_bytes")


def file_records(values: Iterable[Any]) -> list[dict]:
    """ReleaseFile records ({name, content_url, encoding_format, sha256, md5, size_bytes}) that a
    reader built from the card's file descriptions; anything else (a set of files given by a
    glob, a bare name) is not one downloadable file and is left out."""
    out = []
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"]:
                out.append({k: item[k] for k in _FILE_KEYS if item.get(k) not in (None, "")})
    return _unique(out)


def _unique(records: list[dict]) -> list[dict]:
    seen: list[dict] = []
    for record in records:
        if record not in seen:
            seen.append(record)
    return seen


# Questions whose answers the schema types as lists of records, and how a card's values become
# them; every reader goes through `combine`, so lint, score, FAIR and the draft all see records.
RECORDS: dict[str, Callable[[Iterable[Any]], list[dict]]] = {
    "dataset.creators": creator_records,
    "dataset.identifiers": identifier_records,
    "dataset.files": file_records,
}


def identifiers_from_citation(sheet: Sheet) -> None:
    """When a card declares no identifier, take those its citation gives for the data.

    For a card format with no identifier field of its own (a Hugging Face README), the citation
    is where a dataset's DOI is written; the origin stays the citation's, so a finding on the
    identifier points at the BibTeX that holds it.
    """
    dataset = sheet.data.get("dataset", {})
    if dataset.get("identifiers") or "dataset.citation" not in sheet.origins:
        return
    found = identifier_records([render(dataset.get("citation"))])
    if found:
        dataset["identifiers"] = found
        sheet.origins["dataset.identifiers"] = sheet.origins["dataset.citation"]


def combine(question: Question, found: list[Place]) -> tuple[Any, list[Place]]:
    """The answer a question gets from the places its crosswalk names, and the places used.

    Prose answers join every place that says something; when none does, the first place's
    template text is kept, so that a placeholder stays a placeholder rather than disappearing.
    """
    said = [p for p in found if is_filled(p)]
    first = (said or found)[0]
    shape = question.shape
    if question.id in RECORDS and said:
        used = [p for p in said if RECORDS[question.id]([p.value])]
        return RECORDS[question.id](p.value for p in used), used or [first]
    if shape in ("text_list", "list"):
        return flat(p.value for p in (said or found)), said or [first]
    if shape == "license":
        for place in said:
            if isinstance(place.value, dict):
                value = dict(place.value)
                others = [p for p in said if not isinstance(p.value, dict)
                          and text_of_place(p).strip().lower() != str(value["name"]).lower()]
                if others:
                    value["terms"] = "\n\n".join(text_of_place(p) for p in others)
                return value, [place, *others]
        return {"name": text_of_place(first)}, [first]
    if shape in ("count", "fact"):
        for place in said:
            flag = isinstance(place.value, bool)
            if flag if shape == "fact" else isinstance(place.value, int) and not flag:
                return place.value, [place]
        return text_of_place(first), [first]
    if shape in ("text", "uri", "date", "enum"):
        return render(first.value).strip(), [first]
    texts: list[str] = []
    parts: list[Place] = []
    for place in said or [first]:
        text = text_of_place(place).strip()
        if text and text not in texts:
            texts.append(text)
            parts.append(place)
    return "\n\n".join(texts), parts or [first]


def fill(sheet: Sheet, crosswalks: list[dict[str, tuple[str, ...]]],
         places: dict[str, list[Place]], convert: Convert | None = None) -> None:
    """Answer every question whose crosswalk names a place found in the card.

    Places named by several crosswalks count once; earlier crosswalks come first, so their place
    gives the origin and, for one-value questions such as the title, the value. A place labelled
    with a question answers only that question, and a question with a labelled place of its own
    takes only those: the label is the most specific thing a card can say.
    """
    catalogue = questions()
    normalised = [_normalised(crosswalk) for crosswalk in crosswalks]
    for qid, question in catalogue.items():
        found: list[Place] = []
        for crosswalk in normalised:
            for name in crosswalk.get(qid, ()):
                for place in places.get(name, ()):
                    if place.question in (None, qid) and all(place is not o for o in found):
                        found.append(place)
        own = [p for p in found if p.question == qid]
        if own:
            # A licence keeps its value (the licence itself) beside its labelled terms.
            found = own + [p for p in found if question.shape == "license"
                           and p.question is None and isinstance(p.value, dict)]
        if not found:
            continue
        value, parts = (convert and convert(question, found)) or combine(question, found)
        if value in ("", [], None):
            continue
        section, _, slot = qid.partition(".")
        sheet.data.setdefault(section, {})[slot] = value
        sheet.origins[qid] = parts[0].origin
        if len(parts) > 1:
            sheet.sources[qid] = [p.origin for p in parts]


# A paragraph, list item or bullet part that opens with a bold label ("**Consent.** ..."), the
# way our writers tell apart several answers that share one place.
LABEL = re.compile(r"^\*\*(?P<label>[^*\n]+?)\.\*\*[ \t]*")


def question_labels(*crosswalks: dict[str, tuple[str, ...]]) -> dict[str, dict[str, str]]:
    """Place (normalised) -> {label (normalised) -> question} for the questions each place
    holds. Only the crosswalks given count: a label of a question the place does not hold is
    not claimed here (the HF reader finds those our writer puts through `hf_card_section` by
    their qualified label, wherever they stand)."""
    catalogue = questions()
    out: dict[str, dict[str, str]] = {}
    for mapping in crosswalks:
        for qid, names in mapping.items():
            for name in names:
                for label in (catalogue[qid].label(), catalogue[qid].label(qualified=True)):
                    out.setdefault(norm(name), {})[norm(label)] = qid
    return out


def split_labelled(parts: list[str], labels: dict[str, str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(the parts with no known label, [(question, text)] for the parts that open with one)."""
    rest: list[str] = []
    claimed: list[tuple[str, str]] = []
    for part in parts:
        match = LABEL.match(part)
        qid = labels.get(norm(match.group("label"))) if match else None
        if qid:
            claimed.append((qid, part[match.end():]))
        else:
            rest.append(part)
    return rest, claimed


@cache
def platform_crosswalk(platform: str) -> dict[str, tuple[str, ...]]:
    """catalogue.crosswalk(platform), built once per process (readers must not change it)."""
    return crosswalk(platform)


_NORMALISED: dict[int, tuple[dict, dict]] = {}


def _normalised(crosswalk: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The crosswalk with its names normalised, computed once per crosswalk object."""
    cached = _NORMALISED.get(id(crosswalk))
    if cached is None or cached[0] is not crosswalk:
        cached = (crosswalk, {qid: tuple(norm(n) for n in names)
                              for qid, names in crosswalk.items()})
        _NORMALISED[id(crosswalk)] = cached
    return cached[1]


def presence(fields: dict[str, list[Any]], variant: str) -> dict:
    """The platform-style score: which of the platform's own fields hold anything at all.

    `fields` maps each field the platform offers to the values the card gives it (none: empty).
    """
    filled = {name: any(_holds(v) for v in values) for name, values in fields.items()}
    return {"filled": sum(filled.values()), "total": len(filled), "fields": filled,
            "variant": variant}


def _holds(value: Any) -> bool:
    if isinstance(value, (bool, int, float)):
        return True
    text = render(value)
    return bool(text.strip()) and not is_placeholder(text)


def crosswalk_names(*crosswalks: dict[str, tuple[str, ...]]) -> list[str]:
    """Every platform name the crosswalks use, in a stable order, without repeats."""
    seen: dict[str, None] = {}
    for crosswalk in crosswalks:
        for names in crosswalk.values():
            for name in names:
                seen.setdefault(name, None)
    return list(seen)


# ---------------------------------------------------------------------------- JSON documents

_JSON_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"\s*:?|[{}\[\]]|\n')


def key_lines(text: str, depth: int = 1) -> dict[str, tuple[int, int]]:
    """Line and column of each key of the JSON objects at `depth` (1 = the top-level object).

    The json module keeps no positions; one regular-expression pass over the text does.
    """
    found: dict[str, tuple[int, int]] = {}
    level, line, line_start = 0, 1, 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token == "\n":
            line += 1
            line_start = match.end()
        elif token in "{[":
            level += 1
        elif token in "}]":
            level -= 1
        elif token.endswith(":") and level == depth:
            try:
                key = json.loads(token[:-1].rstrip())
            except ValueError:
                continue
            found.setdefault(key, (line, match.start() - line_start + 1))
    return found


def open_json(source: str | bytes | Path, file: str | None,
              kind: str) -> tuple[Sheet, str, dict | None, int]:
    """The start every JSON reader shares: a sheet of `kind`, the text, the top-level object (None
    when the file cannot be read or is not one; the sheet says why) and the depth of its keys."""
    sheet, text = source_text(source, file)
    sheet.kind = kind
    if text is None:
        return sheet, "", None, 1
    document, depth = load_json(sheet, text)
    return sheet, text, document, depth


def load_json(sheet: Sheet, text: str) -> tuple[dict | None, int]:
    """The document's top-level object and the depth of its keys, or None with a finding."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        add_finding(sheet, "DS012", exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")
        return None, 1
    except RecursionError:
        add_finding(sheet, "DS012", 1, 1, "invalid JSON: the nesting is too deep")
        return None, 1
    if isinstance(value, dict):
        return value, 1
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
        add_finding(sheet, "DS013", 1, 1,
                    "the top level is a list holding one object; reading that object "
                    "(write the object itself, without the surrounding [ ])", Severity.WARNING)
        return value[0], 2
    kind = "a list" if isinstance(value, list) else "a single value"
    add_finding(sheet, "DS010", 1, 1, f"the top level is {kind}, not a JSON object")
    return None, 1

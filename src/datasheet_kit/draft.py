"""A draft datasheet from a card: what the card answers, where it said so, and every gap left open.

`datasheet import` writes it. Each answer carries a comment naming its origin
(`# from README.md:42 "Personal and Sensitive Information"`); each question the card leaves
unanswered becomes `{status: todo, reason: ...}` when the schema allows a gap there, and a
commented line otherwise, so the draft always passes `datasheet validate` and always shows the
author what is left to write. The shape each answer takes is read from the compiled schema.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from .answers import Status, is_placeholder, question_status, text_of
from .catalogue import Question, enum_values, questions, sections
from .readers import render
from .sheet import Sheet
from .validate import validator

PLATFORMS = {"hf": "Hugging Face card", "kaggle": "Kaggle metadata", "croissant": "Croissant file"}
# Sections a datasheet may leave out: written out only when the card gives every required answer
# in the form the schema takes (as a card datasheet-kit generated does for medical imaging), and
# otherwise as commented hints, never as half-filled sections that would not validate.
OPTIONAL_SECTIONS = ("provenance", "medical_imaging")
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(key: str, value: Any, indent: int) -> list[str]:
    text = yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
    pad = " " * indent
    return [pad + line if line else line for line in text.rstrip("\n").split("\n")]


def _flow(key: str, value: dict, indent: int) -> list[str]:
    text = yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=1000, default_flow_style=True).strip()
    return [" " * indent + text[1:-1]]


def schema() -> dict:
    return validator().schema  # parsed once per process


def _property(section: str, slot: str) -> dict:
    root = schema()
    defs = root["$defs"]
    ref = root["properties"][section]["$ref"].rsplit("/", 1)[-1]
    return defs[ref]["properties"][slot]


def _required(section: str, slot: str) -> bool:
    root = schema()
    ref = root["properties"][section]["$ref"].rsplit("/", 1)[-1]
    definition = root["$defs"][ref]
    if slot in definition.get("required", []):
        return True
    for rule in definition.get("allOf", []):  # questions a gate makes required
        if slot in rule.get("then", {}).get("required", []):
            return True
    return False


def _accepts(prop: dict, name: str) -> bool:
    return any(branch.get("$ref", "").endswith("/" + name) for branch in prop.get("anyOf", []))


def where(sheet: Sheet, qid: str) -> str:
    """FILE:LINE "KEY" of an answer; an answer joined from several places names each."""
    origins = sheet.sources.get(qid) or [sheet.origin(qid)]
    spots = [f':{o.line}' + (f' "{o.key}"' if o.key else "") for o in origins]
    return sheet.file + ", ".join(spots)


def shaped(prop: dict, value: Any) -> Any | None:
    """The card's answer in the form the schema wants here, or None when it cannot take it."""
    if isinstance(value, dict):
        # A typed answer read back from a card (a Count, a Fact, a gap) is already a record.
        for name, key in (("Gap", "status"), ("Count", "value"), ("Fact", "value")):
            if key in value and _accepts(prop, name):
                return value
    if _accepts(prop, "License"):
        return _licence(value)
    closed = [b for b in prop.get("anyOf", []) if "$ref" not in b or not b["$ref"].endswith("/Gap")]
    if len(closed) == 1 and ("$ref" in closed[0] or closed[0].get("type") == "array"):
        # A closed list that also takes a gap (`gap: allowed`): the card's value is the list's.
        return shaped(closed[0], value)
    if "$ref" in prop:  # a closed list of values (hosting_platform, split_level)
        choices = schema()["$defs"][prop["$ref"].rsplit("/", 1)[-1]].get("enum", [])
        return value if value in choices else None
    if "anyOf" in prop:
        return _one_of(prop["anyOf"], value)
    kind = prop.get("type")
    if kind == "string":
        return _string(prop, value)
    if kind == "array":
        return _array(prop, value)
    return None


def _licence(value: Any) -> dict | None:
    if isinstance(value, dict) and value.get("name"):
        licence = {"name": str(value["name"])}
        if isinstance(value.get("url"), str) and _URL.match(value["url"]):
            licence["url"] = value["url"]
        if value.get("terms"):
            licence["terms"] = str(value["terms"])
        return licence
    return {"name": render(value)} if render(value) else None


def _one_of(branches: list[dict], value: Any) -> Any | None:
    """A value for a property that takes text, a number or a flag besides a gap."""
    if any(b.get("type") == "string" for b in branches):
        return text_of(value) or render(value) or None
    if any(b.get("type") == "integer" for b in branches):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if any(b.get("type") == "boolean" for b in branches):
        return value if isinstance(value, bool) else None
    return None


def _string(prop: dict, value: Any) -> str | None:
    text = render(value).strip()
    if prop.get("format") == "uri":
        return text if _URL.match(text) else None
    if "pattern" in prop:
        match = _DATE.match(text)
        return match.group(0) if match else None
    return text or None


def _array(prop: dict, value: Any) -> Any | None:
    items = value if isinstance(value, list) else [value]
    texts = [render(v).strip() for v in items if render(v).strip()]
    target = prop["items"].get("$ref", "").rsplit("/", 1)[-1]
    if prop["items"].get("type") == "string":
        return texts or None
    choices = schema()["$defs"].get(target, {}).get("enum") if target else None
    if choices is not None:  # closed-list values (modality, file formats)
        return items if items and all(v in choices for v in items) else None
    if target:
        return _records(target, items)
    return None


def _records(target: str, items: list) -> list[dict] | None:
    """A list of schema records (Creator, Identifier ...) as the readers built them
    (readers.RECORDS): kept when every item has the record's required keys, with only the keys
    the record defines. Shaping card text into records is the readers' job, not the draft's."""
    definition = schema()["$defs"].get(target, {})
    known, required = definition.get("properties", {}), set(definition.get("required", []))
    if not items or not all(isinstance(v, dict) and required <= set(v) for v in items):
        return None
    return [{k: v for k, v in item.items() if k in known} for item in items]


def draft(sheet: Sheet, title_hint: str = "", prompts: bool = False,
          medical: bool = False) -> str:
    """The draft datasheet for a card as YAML text with comments.

    With `prompts` (`datasheet init`), every question is preceded by what it asks, whether it is
    required or recommended, and an example answer, and the gate comes first in its section.
    `medical` writes out the medical-imaging section even when the card says nothing towards it.
    A sheet with no answers (`init` without `--from`) gives the blank skeleton.
    """
    card = sheet.file
    lines = _header(sheet, prompts)
    catalogue = questions()
    for section in sections().values():
        data = sheet.data.get(section.id, {})
        forced = medical and section.id == "medical_imaging"
        optional = (section.id in OPTIONAL_SECTIONS and not forced
                    and not _complete(section, data))
        body: list[str] = []
        for qid in _order(section.questions, prompts):
            slot = qid.split(".", 1)[1]
            value = data.get(slot)
            # By shape: a closed list's own "unknown" or "none" is a value, not template text.
            answered = question_status(catalogue[qid].shape, value) in (
                Status.ANSWERED, Status.NOT_APPLICABLE, Status.UNKNOWN)
            if optional:
                if answered:
                    body.append(f"#   {slot}: see {where(sheet, qid)}: "
                                + " ".join(render(value).split())[:120])
                continue
            if prompts:
                body.extend(prompt(catalogue[qid]))
                if catalogue[qid].level == "optional" and value is None:
                    body.append(f"  # {slot}:")  # optional: uncomment to answer
                    continue
            body.extend(_question(sheet, section.id, slot, value, answered,
                                  catalogue[qid].kind, card, title_hint))
        if optional:
            if prompts:
                lines.extend(_optional_section(section.id))
            if body:
                lines.append(f"# {section.id}: the card says something towards this optional "
                             "section; write it out by hand if it applies:")
                lines.extend(body)
            continue
        if prompts:
            lines.extend(["", f"# {'=' * 20} {section.title} {'=' * 20}",
                          *_wrap(sections()[section.id].description, "# ")])
        lines.append(f"{section.id}:")
        lines.extend(body)
    return "\n".join(lines) + "\n"


PEOPLE_GATE = "composition.relates_to_people"


def _header(sheet: Sheet, prompts: bool) -> list[str]:
    if not prompts:
        platform = PLATFORMS.get(sheet.kind, sheet.kind)
        return [
            f"# Draft datasheet imported from {sheet.file} ({platform}) by `datasheet import`.",
            "# Comments say where each answer came from. Check every answer; fill every",
            '# "status: todo" gap, or turn it into not_applicable / unknown with a reason.',
            'datasheet_version: "1"',
        ]
    gated = [q.id for q in questions().values() if q.gate == PEOPLE_GATE]
    source = (f" from {sheet.file} ({PLATFORMS.get(sheet.kind, sheet.kind)})"
              if sheet.file else "")
    lines = [
        f"# A datasheet skeleton made by `datasheet init`{source}.",
        "#",
        "# Every question of the schema is here, in order: what it asks, whether it is required",
        "# or recommended, and an example answer from one of our reference datasheets. Each open",
        "# question is {status: todo, reason: ...}, so this file validates as it is and",
        "# `datasheet lint` lists what is left. Replace a todo with your answer (a sentence or",
        "# more; the long form {answer: ..., sources: [...]} says where it comes from), or with",
        "# {status: not_applicable, reason: ...} or {status: unknown, reason: ...}.",
        "#",
        f"# Start with the gate, {PEOPLE_GATE} (first in the composition section):",
        "# does the data concern people? Answer true or false. When it is false, these",
        f"# {len(gated)} questions about people are not asked, and their todos may be deleted:",
        *_wrap(", ".join(gated) + ".", "#   "),
    ]
    if sheet.file:
        lines.insert(2, "# Comments say where each answer came from; check every one.")
    return [*lines, 'datasheet_version: "1"']


def _order(qids: tuple[str, ...], prompts: bool) -> list[str]:
    """Schema order; with prompts, the gate first (every other answer depends on it)."""
    if not prompts:
        return list(qids)
    catalogue = questions()
    return sorted(qids, key=lambda qid: catalogue[qid].kind != "gate")


def prompt(question: Question) -> list[str]:
    """The commented prompt above a question in a skeleton: the question, its level, an example."""
    pad = "  # "
    if question.kind == "gate":
        head = (f"GATE ({question.level}): {question.text} Answer true or false; "
                "everything marked 'about people' below and in later sections hangs on it.")
    else:
        head = f"{question.text} ({question.level}"
        if question.gate:
            head += f"; about people: not asked when {question.gate} is false"
        if question.same_fact:
            head += f"; the same fact as {question.same_fact}: answer either"
        head += ")"
    lines = ["", *_wrap(head, pad)]
    if question.enum:
        lines.extend(_wrap(f"one of: {', '.join(enum_values(question.enum))}", pad))
    if question.example:
        lines.extend(_wrap(f"e.g. {question.example}", pad))
    return lines


def _optional_section(section: str) -> list[str]:
    what = {"provenance": "a copy or derivative of other datasets (which originals, how changed)",
            "medical_imaging": "medical images (patients, splits, modality, de-identification); "
                               "`datasheet init --medical` writes it out"}
    return ["", f"# {section}: give this section for {what.get(section, 'this dataset')}."]


def _wrap(text: str, prefix: str, width: int = 98) -> list[str]:
    import textwrap

    return textwrap.wrap(" ".join(text.split()), width=width, initial_indent=prefix,
                         subsequent_indent=prefix, break_on_hyphens=False)


def skeleton(sheet: Sheet | None = None, medical: bool = False) -> str:
    """`datasheet init`: every question as a prompt; from a card's answers when given one."""
    if sheet is None:
        return draft(Sheet(file=""), prompts=True, medical=medical)
    return draft(sheet, title_hint(sheet), prompts=True, medical=medical)


def _complete(section, data: dict) -> bool:
    """Whether the card gives every required answer of this section in a form the schema takes
    (so the section can be written out and still validate)."""
    required = [qid.split(".", 1)[1] for qid in section.questions
                if _required(section.id, qid.split(".", 1)[1])]
    return bool(data) and bool(required) and all(
        data.get(slot) is not None and shaped(_property(section.id, slot), data[slot]) is not None
        for slot in required)


def _question(sheet: Sheet, section: str, slot: str, value: Any, answered: bool, kind: str,
              card: str, title_hint: str) -> list[str]:
    qid = f"{section}.{slot}"
    prop = _property(section, slot)
    if kind == "gate":
        if isinstance(value, bool):  # the card says yes or no (our cards do, labelled)
            return [f"  # from {where(sheet, qid)}", *_dump(slot, value, 2)]
        # Left to do, the gate keeps the questions about people open without claiming an
        # answer the card does not give (a draft never scores above its card).
        said = f"; see {where(sheet, qid)}" if answered else ""
        first = f"the card does not say yes or no{said}" if card else "still to answer"
        gap = {"status": "todo", "reason": f"{first}: answer "
               "true, or false if the data does not concern people"}
        return [*_flow(slot, gap, 2)]
    if answered:
        shaped_value = shaped(prop, value)
        if shaped_value is not None:
            return [f"  # from {where(sheet, qid)}", *_dump(slot, shaped_value, 2)]
        reason = f"{where(sheet, qid)} says something here that does not fit this field"
    elif value is None:
        reason = f"not found in {card}" if card else "still to write"
    else:
        reason = f"only template text at {where(sheet, qid)}"
    if _accepts(prop, "Gap"):
        return _flow(slot, {"status": "todo", "reason": reason}, 2)
    if _required(section, slot):
        # A required text field cannot be a gap; "TODO: ..." keeps the draft valid and reads
        # as still to write. A name guessed from the file is offered, never taken for an answer.
        if slot == "title" and title_hint:
            reason = f"{reason}; perhaps {title_hint}"
        fallback = f"TODO: {reason}"
        return [f"  # todo: {reason}", *_dump(slot, fallback, 2)]
    return [f"  # {slot}:  (todo: {reason})"]


def title_hint(sheet: Sheet) -> str:
    """A name for the dataset when the card gives none: its first top heading, or the file."""
    for item in sheet.unmapped:
        heading = item.get("heading", "")
        if item.get("level") == 1 and heading and not is_placeholder(heading):
            return heading
    stem = Path(sheet.file).stem
    return Path(sheet.file).parent.name if stem.lower() in ("readme", "dataset-metadata") else stem


def write(path: str | Path, text: str, force: bool = False) -> None:
    """Write atomically: a reader of `path` sees the old file or the whole new one, never half.

    Raises FileExistsError when `path` exists and `force` is not set.
    """
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; use --force to overwrite it")
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

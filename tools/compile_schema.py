"""Compile schema/datasheet.yaml (LinkML) into the artefacts the package reads at run time.

    python tools/compile_schema.py [--out DIR]

Writes DIR/datasheet.schema.json (JSON Schema) and DIR/catalogue.json (the compact question
catalogue with levels, gates and crosswalk). DIR defaults to src/datasheet_kit/_compiled.
This is a development tool: it imports linkml, which the installed package never does.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "schema" / "datasheet.yaml"
DEFAULT_OUT = ROOT / "src" / "datasheet_kit" / "_compiled"

# Where each answer lives on each platform, plus hf_card_section: where our HF writer puts a
# question the card template has no place for, behind its label (readers find the label, not
# the heading).
# Words that make a question one about the people in the data. Such a question must be gated by
# the people gate (it does not apply when the data concerns no one), or say why it applies to
# any dataset in a `not_about_people` annotation; make schema refuses it otherwise.
PEOPLE_GATE = "composition.relates_to_people"
PEOPLE_WORDS = re.compile(
    r"\b(?:people|persons?|individuals?|patients?|subjects?|consent\w*|demographic\w*|"
    r"identif(?:y|ied|iable|ication)|de-identif\w*|re-identif\w*|privacy|personal)\b",
    re.IGNORECASE)
CROSSWALK_KEYS = ("hf_yaml", "hf_heading", "hf_legacy_heading", "hf_card_section", "kaggle",
                  "croissant", "asked_by", "hf_hint", "kaggle_hint", "croissant_hint")
# asked_by names places as PLATFORM:PLACE; each platform prefix stands for these annotations.
ASKED_BY_PLATFORMS = {"hf": ("hf_heading", "hf_legacy_heading"), "hf_yaml": ("hf_yaml",),
                      "kaggle": ("kaggle",), "croissant": ("croissant",)}
# Section slots of the root class, in the order a reader expects them.
SECTION_ORDER = (
    "dataset", "motivation", "composition", "collection", "preprocessing", "uses",
    "distribution", "maintenance", "provenance", "medical_imaging",
)
SHAPES = {"Answer": "answer", "Count": "count", "Fact": "fact", "License": "license"}
# Where `datasheet init` takes its example answers from: our sourced reference datasheets, in
# this order (the first that answers a question gives its example).
EXAMPLES = ROOT / "datasheets"
EXAMPLE_ORDER = ("ham10000", "isic-2020", "chexpert", "brats-2021", "kvasir-seg")
EXAMPLE_WIDTH = 110


def json_schema(source: Path) -> dict:
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    text = JsonSchemaGenerator(str(source), include_null=False, mergeimports=True).serialize()
    schema = json.loads(text)
    _fix_boolean_gates(schema)
    _gates_across_sections(schema, source)
    _allow_gaps(schema, source)
    return schema


def _annotated(source: Path, key: str) -> dict[tuple[str, str], str]:
    """(class, slot) -> the value of annotation `key`, for every attribute that has it."""
    from linkml_runtime.utils.schemaview import SchemaView

    view = SchemaView(str(source))
    out = {}
    for cls in view.all_classes().values():
        for slot in (cls.attributes or {}).values():
            annotation = (slot.annotations or {}).get(key)
            if annotation is not None:
                out[(cls.name, slot.name)] = annotation.value
    return out


def _section_classes(schema: dict) -> dict[str, str]:
    """Section name -> the $defs class that holds its questions."""
    root = schema["$defs"]["Datasheet"]["properties"]
    return {name: root[name]["$ref"].rsplit("/", 1)[-1] for name in SECTION_ORDER}


def _gates_across_sections(schema: dict, source: Path) -> None:
    """A question that a gate in another section makes required (`required_when`): LinkML rules
    test slots of their own class only, so the rule is written at the root of the JSON Schema:
    if the gate is true, the question's section requires it."""
    sections = _section_classes(schema)
    classes = {cls: name for name, cls in sections.items()}
    for (cls, slot), gate in sorted(_annotated(source, "required_when").items()):
        gate_section, _, gate_slot = gate.partition(".")
        condition = {"properties": {gate_section: {
            "properties": {gate_slot: {"const": True}}, "required": [gate_slot]}},
            "required": [gate_section]}
        rule = {"if": condition, "then": {"properties": {classes[cls]: {"required": [slot]}}}}
        for root in (schema, schema["$defs"]["Datasheet"]):  # the document and its class
            root.setdefault("allOf", []).append(rule)


def _allow_gaps(schema: dict, source: Path) -> None:
    """A closed-list question annotated `gap: allowed` also takes a gap ({status, reason}), so
    that a skeleton or a draft can leave it to do without inventing a value."""
    for (cls, slot), allowed in _annotated(source, "gap").items():
        if allowed != "allowed":
            sys.exit(f"schema error: {cls}.{slot} has gap: {allowed!r}; "
                     "the only value is 'allowed'")
        props = schema["$defs"][cls]["properties"]
        prop = props[slot]
        described = {k: prop.pop(k) for k in ("description", "title") if k in prop}
        props[slot] = {**described, "anyOf": [prop, {"$ref": "#/$defs/Gap"}]}


def _fix_boolean_gates(schema: dict) -> None:
    """LinkML rules can only test a precondition with equals_string; a gate is a boolean, so the
    generated `const: "true"` is turned into the boolean the data really holds."""
    for cls in schema["$defs"].values():
        for rule in [cls, *cls.get("allOf", [])]:
            condition = rule.get("if", {}).get("properties", {})
            for name, test in condition.items():
                prop = cls.get("properties", {}).get(name, {})
                boolean = prop.get("type") == "boolean" or any(
                    part.get("type") == "boolean" for part in prop.get("anyOf", []))
                if boolean and test.get("const") in ("true", "false"):
                    test["const"] = test["const"] == "true"


def catalogue(source: Path) -> dict:
    from linkml_runtime.utils.schemaview import SchemaView

    view = SchemaView(str(source))
    root = view.get_class("Datasheet")
    sections = []
    questions = {}
    for section_name in SECTION_ORDER:
        section_slot = root.attributes[section_name]
        cls = view.get_class(section_slot.range)
        subset = view.get_subset(section_name)
        gates = _gates(cls)
        ids = []
        for slot in cls.attributes.values():
            qid = f"{section_name}.{slot.name}"
            ids.append(qid)
            questions[qid] = _question(view, section_name, slot, gates)
        _check_gates(cls, questions, section_name)
        for qid in ids:
            _check_people(qid, questions[qid], cls.attributes[qid.split(".", 1)[1]])
        sections.append({
            "id": section_name,
            "title": subset.title,
            "description": subset.description,
            "required": bool(section_slot.required),
            "questions": ids,
        })
    examples = _examples(questions)
    for qid, example in examples.items():
        questions[qid]["example"] = example
    enums = {
        name: list(view.get_enum(name).permissible_values)
        for name in sorted(view.all_enums())
    }
    return {
        "schema_version": view.schema.version,
        "sections": sections,
        "questions": questions,
        "enums": enums,
    }


def _examples(questions: dict) -> dict[str, str]:
    """One example answer per question, on one line, from the reference datasheets."""
    import yaml

    files = sorted(EXAMPLES.glob("*.yaml"), key=lambda p: (
        EXAMPLE_ORDER.index(p.stem) if p.stem in EXAMPLE_ORDER else len(EXAMPLE_ORDER), p.stem))
    sheets = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files]
    out = {}
    for qid in questions:
        section, _, name = qid.partition(".")
        for data in sheets:
            text = _example_text((data.get(section) or {}).get(name))
            if text:
                out[qid] = text
                break
    return out


def _example_text(value) -> str:
    """An answer as one line: prose as it reads, anything else as YAML flow, without sources."""
    import yaml

    if value is None or value == "unknown" or (isinstance(value, dict) and "status" in value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict) and isinstance(value.get("answer"), str):
        value = value["answer"]
    value = _without_sources(value)
    if isinstance(value, list) and len(value) > 1:
        value = value[:2]
    if isinstance(value, str):
        text = " ".join(value.split())
    else:
        text = " ".join(yaml.safe_dump(value, default_flow_style=True, sort_keys=False,
                                       width=10000, allow_unicode=True).split())
    if len(text) > EXAMPLE_WIDTH:
        text = text[:EXAMPLE_WIDTH].rsplit(" ", 1)[0].rstrip(",;:") + " ..."
    return text


def _without_sources(value):
    if isinstance(value, dict):
        return {k: _without_sources(v) for k, v in value.items()
                if k not in ("sources", "note", "notes")}
    if isinstance(value, list):
        return [_without_sources(v) for v in value]
    return value


def _gates(cls) -> dict[str, str]:
    """Map each slot that a rule makes required to the gate slot of the rule's precondition."""
    required_by = {}
    for rule in cls.rules or []:
        (gate,) = rule.preconditions.slot_conditions
        for name in rule.postconditions.slot_conditions:
            required_by[name] = gate
    return required_by


def _check_gates(cls, questions: dict, section: str) -> None:
    for name, gate in _gates(cls).items():
        declared = questions[f"{section}.{name}"]["gate"]
        if declared != f"{section}.{gate}":
            sys.exit(f"schema error: {section}.{name} is required by a rule on {gate} "
                     f"but its gated_by annotation says {declared}")


def _check_people(qid: str, entry: dict, slot) -> None:
    """A question about the people in the data is gated by the people gate, or says why not."""
    if entry["kind"] == "gate":
        return
    annotations = {k: v.value for k, v in (slot.annotations or {}).items()}
    words = PEOPLE_WORDS.findall(entry["text"])
    reason = annotations.get("not_about_people")
    if reason is not None and entry["gate"]:
        sys.exit(f"schema error: {qid} is gated by {entry['gate']} and also says it is not "
                 "about people")
    if words and not entry["gate"] and not reason:
        sys.exit(f"schema error: {qid} asks about people ({', '.join(sorted(set(words)))}) but "
                 f"is not gated by {PEOPLE_GATE}: add `gated_by: {PEOPLE_GATE}`, or a "
                 "`not_about_people` annotation saying why it applies to any dataset")
    if entry["gate"] and entry["gate"] != PEOPLE_GATE:
        sys.exit(f"schema error: {qid} is gated by {entry['gate']}; the only gate is {PEOPLE_GATE}")
    same = entry.get("same_fact")
    if same and entry["level"] != "optional":
        sys.exit(f"schema error: {qid} gives the same fact as {same}, so it must not be asked "
                 "again: leave it optional")


def _question(view, section: str, slot, rule_gates: dict[str, str]) -> dict:
    annotations = {k: v.value for k, v in (slot.annotations or {}).items()}
    gate = annotations.get("gated_by") or annotations.get("required_when")
    if gate and "." not in gate:
        gate = f"{section}.{gate}"
    if slot.required or slot.name in rule_gates or "required_when" in annotations:
        level = "required"
    elif slot.recommended:
        level = "recommended"
    else:
        level = "optional"
    if slot.name == "relates_to_people":
        kind = "gate"
    elif slot.name == "other":
        kind = "other"
    else:
        kind = "question"
    entry = {
        "section": section,
        "name": slot.name,
        "text": " ".join((slot.description or "").split()),
        "level": level,
        "kind": kind,
        "gate": gate or None,
        "shape": _shape(view, slot),
        "crosswalk": {
            key: [part.strip() for part in " ".join(annotations[key].split()).split("|")]
            for key in CROSSWALK_KEYS if key in annotations
        },
    }
    if slot.range in view.all_enums():
        entry["enum"] = slot.range
    if "same_fact" in annotations:
        # The structured or medical form of another question's answer: one fact, asked once.
        entry["same_fact"] = annotations["same_fact"]
    _check_roles(f"{section}.{slot.name}", entry["crosswalk"])
    return entry


def _check_roles(qid: str, crosswalk: dict[str, list[str]]) -> None:
    """A place that asks a question must be one of its homes; a hint must not be one (a hint
    is shown beside the question, never read or written as its answer)."""
    for place in crosswalk.get("asked_by", []):
        platform, _, name = place.partition(":")
        keys = ASKED_BY_PLATFORMS.get(platform)
        if keys is None or not any(name in crosswalk.get(k, []) for k in keys):
            sys.exit(f"schema error: {qid} is asked_by {place!r}, which is not one of its "
                     f"{platform} places")
    for platform in ("hf", "kaggle", "croissant"):
        homes = {n for k, v in crosswalk.items()
                 if k.startswith(platform) and k != f"{platform}_hint" for n in v}
        both = homes & set(crosswalk.get(f"{platform}_hint", []))
        if both:
            sys.exit(f"schema error: {qid} has {sorted(both)} both as a home and as a hint")


def _shape(view, slot) -> str:
    if slot.any_of:
        ranges = [expr.range for expr in slot.any_of]
        if "boolean" in ranges:  # a gate: true, false, or a gap until it is answered
            return "boolean"
        named = [SHAPES[r] for r in ranges if r in SHAPES]
        return named[0] if named else "gap"
    if slot.range in view.all_enums():
        return "enum_list" if slot.multivalued else "enum"
    if slot.range in view.all_classes():
        return "list" if slot.multivalued else "object"
    if slot.multivalued:
        return "text_list"
    return {"boolean": "boolean", "uri": "uri", "PartialDate": "date"}.get(slot.range or "", "text")


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def dump(data: dict) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def compile_to(out: Path, source: Path = SOURCE) -> list[Path]:
    written = []
    for name, data in (("datasheet.schema.json", json_schema(source)),
                       ("catalogue.json", catalogue(source))):
        write_atomic(out / name, dump(data))
        written.append(out / name)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    for path in compile_to(args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

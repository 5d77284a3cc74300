"""The question catalogue compiled from the schema: sections, questions, levels, gates, crosswalk.

Readers, writers, rules and scores all ask this module; nobody keeps a second copy of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

COMPILED = Path(__file__).parent / "_compiled"

# The seven sections of Gebru et al.; the others are ours (identity, provenance, medical imaging).
GEBRU_SECTIONS = ("motivation", "composition", "collection", "preprocessing", "uses",
                  "distribution", "maintenance")


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    name: str
    text: str
    level: str  # required | recommended | optional
    kind: str  # question | gate | other
    gate: str | None
    shape: str  # answer | count | fact | license | enum | enum_list | list | text | ...
    crosswalk: dict[str, tuple[str, ...]]
    enum: str | None = None
    # The question whose fact this one gives too, in a structured or medical form
    # (dataset.creators for motivation.creators): one fact, asked once (coverage.answer).
    same_fact: str | None = None
    # An answer from one of our reference datasheets, on one line (`datasheet init` shows it).
    example: str = ""

    def label(self, qualified: bool = False) -> str:
        """How a generated document names this question in front of its answer where several
        answers share one place ("Num patients"). The section is added when asked for, and
        always when another section has a question of the same name ("Other (uses)"), so that
        a label names one question. Readers match labels with this same function."""
        text = self.name.replace("_", " ").capitalize()
        if qualified or _shared_names().get(text.lower(), 0) > 1:
            return f"{text} ({sections()[self.section].title.lower()})"
        return text


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    description: str
    required: bool
    questions: tuple[str, ...]


@lru_cache(maxsize=1)
def raw() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((COMPILED / "catalogue.json").read_text(encoding="utf-8"))
    return loaded


@lru_cache(maxsize=1)
def questions() -> dict[str, Question]:
    """Every question by id, in schema order (section by section)."""
    data = raw()["questions"]
    ordered = {}
    for section in raw()["sections"]:
        for qid in section["questions"]:
            entry = dict(data[qid])
            entry["crosswalk"] = {k: tuple(v) for k, v in entry["crosswalk"].items()}
            ordered[qid] = Question(id=qid, **entry)
    return ordered


@lru_cache(maxsize=1)
def sections() -> dict[str, Section]:
    return {s["id"]: Section(s["id"], s["title"], s["description"], s["required"],
                             tuple(s["questions"])) for s in raw()["sections"]}


@lru_cache(maxsize=1)
def _shared_names() -> dict[str, int]:
    """How many things a plain label could name: questions of that name (`other` is in all
    seven sections), plus one for a card heading or bullet of the same name ("Repository" is
    both uses.repository and the bullet that holds distribution.method)."""
    counts: dict[str, int] = {}
    for qid in questions():
        name = qid.partition(".")[2].replace("_", " ")
        counts[name] = counts.get(name, 0) + 1
    for q in questions().values():
        for key in ("hf_heading", "hf_legacy_heading", "hf_card_section"):
            for place in q.crosswalk.get(key, ()):
                if place.lower() in counts:
                    counts[place.lower()] += 1
    return counts


def enum_values(name: str) -> list[str]:
    return list(raw()["enums"][name])


@cache
def asks(platform: str) -> dict[str, frozenset[str]]:
    """Place -> the questions it asks by itself on `platform` ("hf" for headings and bullets,
    "hf_yaml", "kaggle", "croissant"), from the `asked_by` annotations: text there answers those
    questions; any other question the place holds is answered only where the text says so."""
    out: dict[str, set[str]] = {}
    for qid, q in questions().items():
        for place in q.crosswalk.get("asked_by", ()):
            owner, _, name = place.partition(":")
            if owner == platform:
                out.setdefault(name, set()).add(qid)
    return {name: frozenset(qids) for name, qids in out.items()}


def crosswalk(platform: str) -> dict[str, tuple[str, ...]]:
    """Question id -> the platform's keys, headings or properties (hf_yaml, hf_heading,
    hf_legacy_heading, kaggle, croissant), or hf_card_section: where the HF writer puts a
    question the card has no place for, behind the question's label; a reader looks for that
    label, never for the heading."""
    return {qid: q.crosswalk[platform] for qid, q in questions().items() if platform in q.crosswalk}

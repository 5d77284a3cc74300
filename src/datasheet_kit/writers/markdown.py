"""A readable Markdown datasheet: every question of the catalogue, section by section.

Questions the datasheet leaves out are shown with the gap marker rather than hidden, so a reader
sees what is not known. Sections other than Gebru's seven (provenance of copies, medical imaging)
appear only when the datasheet has them: they do not apply to every dataset.
"""

from __future__ import annotations

from pathlib import Path

from ..answer_text import describe, fold
from ..answers import sources_of
from ..catalogue import GEBRU_SECTIONS, questions, sections
from . import Output, answers
from ._templates import render


def write(data: dict, *, template: str | Path | None = None, source_name: str = "") -> Output:
    values = answers(data)
    names = questions()
    blocks = []
    for section in sections().values():
        if section.id not in GEBRU_SECTIONS and section.id != "dataset" and section.id not in data:
            continue
        blocks.append({
            "id": section.id, "title": section.title, "description": section.description,
            "questions": [{"id": qid, "text": names[qid].text, "level": names[qid].level,
                           "answer": describe(values.get(qid)).strip(),
                           "sources": sources_of(values.get(qid))}
                          for qid in section.questions],
        })
    context = {"title": fold(describe(values.get("dataset.title"))),
               "summary": describe(values.get("dataset.summary")).strip(),
               "sections": blocks, "source_name": source_name or "a datasheet", "data": data}
    return Output(render("datasheet.md.j2", context, template))

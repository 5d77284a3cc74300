"""Which questions apply to a sheet, the status of each answer, and what each level weighs.

Lint's completeness rules report the unanswered ones and the scores count the answered ones; both
read this module, so that a question behind a false gate is skipped alike by both, and a gap weighs
the same in a finding as in a score.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import catalogue
from .answers import Status, question_status
from .sheet import Sheet

# How much an unanswered question weighs in a score. A rule that reports an unanswered question
# weighs the same as the question, so a score never counts a gap twice.
LEVEL_WEIGHT = {"required": 3, "recommended": 1, "optional": 0}


def _flag(value: Any) -> bool | None:
    if isinstance(value, dict):
        value = value.get("value")
    return value if isinstance(value, bool) else None


def section_applies(sheet: Sheet, section: catalogue.Section) -> bool:
    """Required sections always apply; the optional ones (provenance, medical imaging) when used."""
    return section.required or isinstance(sheet.data.get(section.id), dict)


def applicable(sheet: Sheet) -> list[tuple[catalogue.Question, Status]]:
    """Each question that applies to this sheet, with the status of its answer.

    A question behind a gate (`composition.relates_to_people: false`) does not apply. A gate that
    is missing or unknown leaves its questions in: we cannot know they do not apply.
    """
    return list(_applicable(sheet))


def _applicable(sheet: Sheet) -> Iterator[tuple[catalogue.Question, Status]]:
    questions = catalogue.questions()
    for section in catalogue.sections().values():
        if not section_applies(sheet, section):
            continue
        for qid in section.questions:
            question = questions[qid]
            if question.gate and _flag(sheet.get(question.gate)) is False:
                continue
            yield question, question_status(question.shape, sheet.get(qid))

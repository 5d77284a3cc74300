"""Which questions apply to a sheet, the status of each answer, and what each level weighs.

Lint's completeness rules report the unanswered ones and the scores count the answered ones; both
read this module, so that a question behind a false gate is skipped alike by both, and a gap weighs
the same in a finding as in a score.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

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


_GIVEN = (Status.ANSWERED, Status.NOT_APPLICABLE, Status.UNKNOWN)


class Applicable(NamedTuple):
    question: catalogue.Question
    status: Status
    at: str  # where the answer is: the question's own path, or one that gives the same fact


@cache
def same_fact() -> dict[str, tuple[str, ...]]:
    """Question id -> the questions that give the same fact (the schema's `same_fact`, both
    ways): motivation.creators and dataset.creators, distribution.date and
    dataset.date_published, collection.timeframe and medical_imaging.acquisition_period."""
    pairs: dict[str, list[str]] = {}
    for qid, question in catalogue.questions().items():
        if question.same_fact:
            pairs.setdefault(question.same_fact, []).append(qid)
            pairs.setdefault(qid, []).append(question.same_fact)
    return {qid: tuple(others) for qid, others in pairs.items()}


def answered_at(sheet: Sheet, qid: str) -> str:
    """Where the sheet answers a question: its own path when that is given, otherwise a
    question that gives the same fact and is answered there (so that creators written once,
    in either place, are the creators for every score, check and generator)."""
    questions = catalogue.questions()
    if question_status(questions[qid].shape, sheet.get(qid)) in _GIVEN:
        return qid
    for other in same_fact().get(qid, ()):
        if question_status(questions[other].shape, sheet.get(other)) is Status.ANSWERED:
            return other
    return qid


def answer(sheet: Sheet, qid: str) -> Any:
    """The answer to a question, from its own place or one that gives the same fact."""
    return sheet.get(answered_at(sheet, qid))


def applicable(sheet: Sheet) -> list[tuple[catalogue.Question, Status]]:
    """Each question that applies to this sheet, with the status of its answer.

    A question behind a gate (`composition.relates_to_people: false`) does not apply. A gate that
    is missing or unknown leaves its questions in: we cannot know they do not apply. A question
    answered through another that gives the same fact has that answer's status.
    """
    return [(item.question, item.status) for item in located(sheet)]


def located(sheet: Sheet) -> list[Applicable]:
    """`applicable`, with where each answer is."""
    return list(_applicable(sheet))


def _applicable(sheet: Sheet) -> Iterator[Applicable]:
    questions = catalogue.questions()
    for section in catalogue.sections().values():
        if not section_applies(sheet, section):
            continue
        for qid in section.questions:
            question = questions[qid]
            if question.gate and _flag(sheet.get(question.gate)) is False:
                continue
            at = answered_at(sheet, qid)
            status = question_status(question.shape, sheet.get(qid))
            if at != qid:
                status = Status.ANSWERED
            yield Applicable(question, status, at)

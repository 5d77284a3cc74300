"""Completeness: which questions of the schema a datasheet answers, honouring levels and gates.

This module owns the question-level verdict (missing, placeholder, still to do). The text rules
look at everything else (optional answers, nested fields, short answers), so that one empty
answer is reported once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import catalogue
from ..answers import Status, question_status, text_of
from ..findings import clip
from ..sheet import Sheet
from . import LEVEL_WEIGHT, Hit, rule, run_cache


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
    cache = run_cache()
    if cache is None:
        return list(_applicable(sheet))
    if "applicable" not in cache:
        cache["applicable"] = list(_applicable(sheet))
    return cache["applicable"]


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


def _unanswered(question: catalogue.Question, status: Status, value: Any) -> str:
    if status is Status.MISSING:
        what = f" ({question.text.strip()})" if question.text.strip() else ""
        return f"{question.id} is not answered{what}; answer it, or give a status and a reason"
    shown = clip(text_of(value).strip() or str(value))
    if shown.strip().lower().rstrip(".") in ("n/a", "na", "not applicable"):
        return (f"{question.id} says {shown!r} without a reason; write "
                "`status: not_applicable` and say why it does not apply")
    return (f"{question.id} holds only placeholder text ({shown!r}); replace it with an answer "
            "or with a status and a reason")


def _empty_at(sheet: Sheet, level: str) -> Iterator[Hit]:
    for question, status in applicable(sheet):
        if question.level == level and status in (Status.MISSING, Status.PLACEHOLDER):
            yield Hit(question.id, _unanswered(question, status, sheet.get(question.id)))


@rule("DS201", "required-unanswered", "completeness", "error", LEVEL_WEIGHT["required"])
def required_unanswered(sheet: Sheet) -> Iterator[Hit]:
    """A required question is missing or holds only placeholder text.

    Why: a required question is one a reader cannot do without (what the data is, how it was
    collected, its licence, who to contact). A template left as it was ("[More Information
    Needed]", "TBD", a bare "N/A") is no answer. Questions behind a gate that is false (for
    example the questions about people when `composition.relates_to_people: false`) are skipped;
    an explicit `status: not_applicable` or `status: unknown` with a reason counts as given.

    Failing:

        uses:
          discouraged: "[More Information Needed]"

    Passing:

        uses:
          discouraged: Clinical diagnosis without a dermatologist.
    """
    yield from _empty_at(sheet, "required")


@rule("DS202", "recommended-unanswered", "completeness", "warning",
      LEVEL_WEIGHT["recommended"])
def recommended_unanswered(sheet: Sheet) -> Iterator[Hit]:
    """A recommended question is missing or holds only placeholder text.

    Why: recommended questions (funding, known errors, sampling, maintenance plans) are what
    separates a useful datasheet from a minimal one. Say "unknown" with a reason when nobody
    knows: that is information too.

    Failing:

        motivation:
          funding: "[More Information Needed]"

    Passing:

        motivation:
          funding:
            status: unknown
            reason: Neither the paper nor the landing page names a funder.
    """
    yield from _empty_at(sheet, "recommended")


@rule("DS203", "still-to-do", "completeness", "warning", LEVEL_WEIGHT["recommended"])
def still_to_do(sheet: Sheet) -> Iterator[Hit]:
    """A question is marked `status: todo`: it is still to be answered.

    Why: `todo` lets a datasheet be valid while it is being written; lint keeps reminding you
    until the answer is in.

    Failing:

        collection:
          timeframe: {status: todo, reason: Ask the clinic for the dates.}

    Passing:

        collection:
          timeframe: January 2020 to December 2022.
    """
    for question, status in applicable(sheet):
        if status is Status.TODO:
            reason = (sheet.get(question.id) or {}).get("reason", "")
            tail = f" ({reason.strip()})" if isinstance(reason, str) and reason.strip() else ""
            yield Hit(question.id, f"{question.id} is still to be answered{tail}")

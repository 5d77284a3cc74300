"""Completeness: the questions of the schema a datasheet leaves unanswered, by level and gate.

This module owns the question-level verdict (missing, placeholder, still to do); which questions
apply is coverage.py's (the scores read it too). The text rules look at everything else
(optional answers, nested fields, short answers), so that one empty answer is reported once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import catalogue
from ..answers import Status, text_of
from ..coverage import LEVEL_WEIGHT
from ..findings import clip
from ..sheet import Sheet
from . import Context, Hit, rule


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


def _empty_at(sheet: Sheet, ctx: Context, level: str) -> Iterator[Hit]:
    for question, status in ctx.applicable:
        if question.level == level and status in (Status.MISSING, Status.PLACEHOLDER):
            yield Hit(question.id, _unanswered(question, status, sheet.get(question.id)))


@rule("DS201", "required-unanswered", "completeness", "error", LEVEL_WEIGHT["required"])
def required_unanswered(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
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
    yield from _empty_at(sheet, ctx, "required")


@rule("DS202", "recommended-unanswered", "completeness", "warning",
      LEVEL_WEIGHT["recommended"])
def recommended_unanswered(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
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
    yield from _empty_at(sheet, ctx, "recommended")


@rule("DS203", "still-to-do", "completeness", "warning", LEVEL_WEIGHT["recommended"])
def still_to_do(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """A question is marked `status: todo`: it is still to be answered.

    Why: `todo` lets a datasheet be valid while it is being written; lint keeps reminding you
    until the answer is in.

    Failing:

        collection:
          mechanisms: {status: todo, reason: Ask the clinic which cameras it used.}

    Passing:

        collection:
          mechanisms: Two dermatoscopes of one make, checked against a colour chart.
    """
    for question, status in ctx.applicable:
        if status is Status.TODO:
            reason = (sheet.get(question.id) or {}).get("reason", "")
            tail = f" ({reason.strip()})" if isinstance(reason, str) and reason.strip() else ""
            yield Hit(question.id, f"{question.id} is still to be answered{tail}")

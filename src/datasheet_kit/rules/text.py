"""Empty content: placeholder text anywhere, and answers too short to tell a reader anything.

Whether a text is a placeholder is decided by answers.is_placeholder, the same test the scores,
readers and writers use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..answers import Status, is_placeholder, text_of
from ..coverage import same_fact
from ..findings import clip
from ..sheet import Sheet, strings
from . import Context, Hit, rule

# Fields whose values come from a closed list: "none" or "unknown" there is a choice, not filler.
_ENUM_KEYS = frozenset({"status", "scheme", "kind", "relationship", "changes", "datasheet_version",
                        "hosting_platform", "split_level", "modality", "file_format",
                        "demographics_available", "reference_standard"})
_MIN_WORDS = 3
# A short answer that holds a number, an address or an identifier still informs.
_INFORMATIVE = re.compile(r"\d|@|https?://|www\.|doi:|hdl:|ark:", re.IGNORECASE)


@rule("DS211", "placeholder-text", "completeness", "warning", 1)
def placeholder_text(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """Template or filler text in a field: "[More Information Needed]", "TBD", INSERT_..., {{ }}.

    Why: text copied from a template reads like an answer to a program that counts filled
    fields, but tells a reader nothing. This rule looks at every text in the datasheet: optional
    answers, reasons of gaps, names, items of lists. (An unanswered required or recommended
    question is reported once, by DS201 or DS202.)

    Failing:

        dataset:
          keywords: [dermoscopy, INSERT_KEYWORD_HERE]

    Passing:

        dataset:
          keywords: [dermoscopy, skin lesion]
    """
    already = {q.id for q, status in ctx.applicable
               if q.level != "optional" and status in (Status.MISSING, Status.PLACEHOLDER)}
    # A second form of the same fact (dataset.creators for motivation.creators) is that question.
    already |= {other for qid in already for other in same_fact().get(qid, ())}
    for path, value in strings(sheet.data, skip=_ENUM_KEYS):
        if is_placeholder(value) and not any(path == q or path.startswith((q + ".", q + "["))
                                             for q in already):
            shown = clip(value.strip())
            yield Hit(path, f"{path} holds placeholder text ({shown!r}); write what is true, "
                            "or leave the field out")


@rule("DS212", "short-answer", "completeness", "warning", 1)
def short_answer(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """An answer to a required or recommended question is too short to inform ("Yes.", "None").

    Why: the questions of a datasheet ask for a reason or a description ("Is any information
    missing, and why?"); one or two words rarely answer them. Answers that hold a number, an
    e-mail address, a URL or an identifier are not reported.

    Failing:

        composition:
          sensitive: "Yes."

    Passing:

        composition:
          sensitive: Yes, the diagnoses are health data.
    """
    for question, status in ctx.applicable:
        if question.level == "optional" or question.shape != "answer" or status != Status.ANSWERED:
            continue
        text = text_of(sheet.get(question.id)).strip()
        if text and len(text.split()) < _MIN_WORDS and not _INFORMATIVE.search(text):
            yield Hit(question.id, f"{question.id} is answered with only {clip(text)!r}; "
                                   "say what, how or why in a sentence")

"""Placement: on a card, an answer that stands away from the place the card's format keeps for
it. The answer counts (the passage reader found it); the finding says where it belongs, so that
the next reader, human or program, finds it where they look."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalogue import asks, crosswalk
from ..findings import clip
from ..sheet import Sheet
from . import Context, Hit, rule

# Where each card format keeps a question: the places that ask it first, then those that hold it.
_FORMATS = {"hf": ("hf", ("hf_heading", "hf_legacy_heading")),
            "croissant": ("croissant", ("croissant",))}


def home_of(kind: str, qid: str) -> str | None:
    """The place a card of this kind keeps for the question, or None when it has none of its
    own (a Kaggle file has only its description for prose)."""
    if kind not in _FORMATS:
        return None
    platform, keys = _FORMATS[kind]
    asking = [name for name, qids in asks(platform).items() if qid in qids]
    holding = [name for key in keys for name in crosswalk(key).get(qid, ())]
    return next(iter(asking or holding), None)


@rule("DS213", "answered-elsewhere", "completeness", "info", 0)
def answered_elsewhere(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """On a card, an answer stands outside the place the card's template keeps for it.

    Why: the passage reader found the answer (it counts in the score), but people and programs
    look for it under its own heading: a summary that says how the data was gathered leaves
    "Initial Data Collection and Normalization" empty for everyone who reads the template.
    Moving the text there costs nothing and makes the card read as complete as it is. Reported
    for Hugging Face cards and Croissant files (Kaggle keeps all prose in one description).

    Failing:

        # Dataset Card for Reviews

        ## Dataset Summary

        The reviews were collected from a public forum between 2019 and 2020.

        ## Initial Data Collection and Normalization

        [More Information Needed]

    Passing:

        # Dataset Card for Reviews

        ## Initial Data Collection and Normalization

        The reviews were collected from a public forum between 2019 and 2020.
    """
    for qid, found in sheet.found.items():
        if found.get("how") != "elsewhere":
            continue
        home = home_of(sheet.kind, qid)
        if home is None or home == found.get("place"):
            continue
        where = found.get("place") or "another place"
        line = sheet.origin(qid).line
        if sheet.kind == "croissant":
            yield Hit(qid, f"{qid} is answered in `{clip(where, 60)}`, line {line}; Croissant "
                           f"keeps it in `{clip(home, 60)}`: move the text there")
        else:
            yield Hit(qid, f"{qid} is answered under {clip(where, 60)!r}, line {line}; the "
                           f"template asks it under the heading {clip(home, 60)!r}: move the "
                           "text there")

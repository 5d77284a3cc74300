"""Readers turn platform cards into Sheets: Hugging Face README cards (`hf`), Kaggle metadata
(`kaggle`) and Croissant JSON-LD (`croissant`).

Each module has `read(source, file=None) -> Sheet`: `source` is a `Path` (read from disk), `bytes`
or `str` (the document itself). Bad input becomes findings on the sheet, never an exception.

The package, one job per module:

- ``values``: the places a reader finds (a heading, a bullet, a key) and their values as text;
- ``crosswalk``: the walk from places to questions, with each place's role for each question
  (it asks it, holds it, or only hints at it) and our own labels;
- ``passages``: the passage reader, which cuts prose into passages and decides which questions
  each answers (a small linear model shipped as package data);
- ``records``: creator, identifier and file records from card values;
- ``positions``: the document's text and the line of each JSON key.
"""

from __future__ import annotations

from .crosswalk import (
                        LABEL,
                        Layout,
                        combine,
                        fill,
                        platform_crosswalk,
                        question_labels,
                        split_labelled,
)
from .records import (
                        RECORDS,
                        creator_records,
                        file_records,
                        identifier_records,
                        identifiers_from_citation,
)
from .values import Place, flat, is_filled, norm, pluck, presence, render, text_of_place

KINDS = ("hf", "kaggle", "croissant")

__all__ = ["KINDS", "LABEL", "RECORDS", "Layout", "Place", "combine", "creator_records",
           "file_records", "fill", "flat", "identifier_records", "identifiers_from_citation",
           "is_filled", "norm", "platform_crosswalk", "pluck", "presence", "question_labels",
           "render", "split_labelled", "text_of_place"]

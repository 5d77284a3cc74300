"""The vocabulary the Copycats checks share: their block of codes (DS900-DS9xx), `finding()` to
build a finding with one of them, and the split names (train, validation, test and how people
spell them).

provenance/, folders.py, images.py and splits.py all read this module, so none of them imports
another for its words.
"""

from __future__ import annotations

import re

from .findings import Finding, Severity

# The block of codes shared by provenance, folders and splits (see README, "Copycats codes").
CODES = {
    "DS900": "likely-original",
    "DS901": "undeclared-copy",
    "DS902": "license-contradicts-source",
    "DS903": "splits-changed",
    "DS904": "subset-of-original",
    "DS905": "augmented-copy",
    "DS906": "duplicate-across-splits",
    "DS907": "patient-leakage",
    "DS908": "unreadable-table",
    "DS909": "missing-values",
    "DS910": "mixed-id-forms",
    "DS911": "duplicate-in-folder",
    "DS912": "differs-from-hash-list",
    "DS913": "look-alike-across-splits",
    "DS914": "transformed-from-hash-list",
    "DS915": "unreadable-image",
    "DS916": "unreadable-file",
}

# Split names as people write them, folded to one spelling so that "Train" and "training" are the
# same split and never count as leakage. Folder mode recognises split folders with the same table.
SPLIT_SYNONYMS = {
    "train": "train", "training": "train", "trn": "train",
    "val": "validation", "valid": "validation", "validation": "validation",
    "validate": "validation", "dev": "validation",
    "test": "test", "testing": "test", "tst": "test", "holdout": "test",
}
_FIRST_WORD = re.compile(r"[a-z]+")


def canonical_split(name: str) -> str:
    """The usual spelling of a split name: 'Training' -> 'train', 'valid' -> 'validation'."""
    text = name.strip().lower()
    word = _FIRST_WORD.match(text)
    if word and word.group(0) in SPLIT_SYNONYMS:
        return SPLIT_SYNONYMS[word.group(0)]
    return text


def finding(file: str, code: str, severity: Severity, message: str, line: int = 1,
            column: int = 1, path: str = "") -> Finding:
    return Finding(file, line, column, code, CODES[code], severity, message, path)

"""How names are compared: compacted text with word boundaries, so that "isic2018", "ISIC_2018"
and "ISIC 2018" meet while "googledrive" does not contain "drive"; and the years names carry.

Both the references (their names, families and years) and the evidence (which names a copy
mentions) use these, so they live apart from either.
"""

from __future__ import annotations

import re
from functools import lru_cache

_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # in a name: "BCN20000" has no year
_YEARS_AFTER = re.compile(r"^[a-z]{0,12}?((?:19|20)\d\d(?:(?:and|or|to|vs)?(?:19|20)\d\d)*)")


@lru_cache(maxsize=4096)  # each text of a copy is compared with every reference's names
def compact(text: str) -> tuple[str, frozenset[int]]:
    """Lower-case letters and digits only, plus the positions where a word may start or end:
    separators, letter/digit changes and case changes ("SkinCancerHAM10000", "ISICData").
    Matching in this form makes "isic2018", "ISIC_2018" and "ISIC 2018" the same, while
    "googledrive" still does not contain the word "drive"."""
    out: list[str] = []
    bounds = {0}
    previous = ""
    for i, ch in enumerate(text):
        if ch.isalnum():
            following = text[i + 1: i + 2]
            if previous and (ch.isdigit() != previous.isdigit()
                             or (previous.islower() and ch.isupper())
                             # "ISICData": the last capital before a lower-case letter starts a word
                             or (previous.isupper() and ch.isupper() and following.islower())):
                bounds.add(len(out))
            out.append(ch.lower())
            previous = ch
        else:
            bounds.add(len(out))
            previous = ""
    bounds.add(len(out))
    return "".join(out), frozenset(bounds)


def find_words(needle: str, haystack: tuple[str, frozenset[int]]) -> list[int]:
    """Where the compacted `needle` occurs in `haystack` on word boundaries (end offsets)."""
    text, bounds = haystack
    found, start = [], text.find(needle)
    while needle and start >= 0:
        end = start + len(needle)
        if start in bounds and end in bounds:
            found.append(end)
        start = text.find(needle, start + 1)
    return found


def _is_acronym(name: str) -> bool:
    # Short all-capital words ("DRIVE", "STARE") are ordinary words in lower case; Copycats
    # searched Kaggle for DRIVE case-sensitively for the same reason.
    return name.isalpha() and name.isupper() and len(name) <= 5


def mentions(name: str, text: str, packed: tuple[str, frozenset[int]]) -> bool:
    if _is_acronym(name):
        return re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text) is not None
    return bool(find_words(compact(name)[0], packed))

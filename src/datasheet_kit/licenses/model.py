"""The values the licence code hands out: `License` (one statement, normalised), `Compatibility`
(a verdict with reasons) and the closed set of kinds.

They sit apart, with no logic, so that every other module of the package can name them without
importing the table or the readers. They are NamedTuples, like the package's internal values (see
table.py): immutable and compared by value, and cheap to define on a cold start.
"""

from __future__ import annotations

from typing import NamedTuple

KINDS = (
    "spdx",
    "family",
    "custom",
    "research_only",
    "proprietary",
    "public_domain",
    "other",
    "unknown",
    "none",
    "unrecognized",
)


class License(NamedTuple):
    """One licence statement, normalised.

    ``key`` is what the statement resolved to in the table: the SPDX id, a named
    entry such as ``llama2`` or ``research-use``, or ``""`` for free text.
    The four condition flags are only meaningful when ``terms_known`` is true;
    otherwise they are all false because nobody summarised the terms.
    """

    spdx: str | None
    kind: str
    as_stated: str
    label: str
    key: str = ""
    attribution: bool = False
    noncommercial: bool = False
    no_derivatives: bool = False
    share_alike: bool = False
    deprecated: bool = False
    terms_known: bool = False

    @property
    def is_expression(self) -> bool:
        """An SPDX expression ("MIT OR Apache-2.0"): valid SPDX, but not one licence.

        Only expressions have a key with spaces; every other key is an id or a slug.
        """
        return self.kind == "custom" and " " in self.key


class Compatibility(NamedTuple):
    """Whether a copy's licence honours its source's, with reasons in plain words."""

    verdict: str  # "compatible" | "incompatible" | "unknown"
    reasons: tuple[str, ...]

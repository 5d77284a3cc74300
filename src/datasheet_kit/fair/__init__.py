"""Offline FAIR checks: is the dataset Findable, Accessible, Interoperable and Reusable?

Each check is a small function with its metadata beside it (our id, the principle, the F-UJI and
RDA indicators it traces to, a weight). It looks at a `Target` and returns a `Result`: pass,
partial, fail or not_applicable, with evidence that points at the field and line it is about.

Where the data comes from:
- Everything the datasheet shape has a place for (identifiers, landing page, creators, licence,
  provenance...) is read from the Sheet, so the checks work alike for a datasheet and for any card
  a reader turns into a Sheet.
- What the datasheet shape has no place for (FileObjects and their checksums, `conformsTo`, the
  namespaces of `@context`, `rai:` names, typed record-set fields) is read from the raw JSON-LD, so
  those checks apply to Croissant files only and are `not_applicable` for other inputs.

Results become Findings (code = check id) so that every reporter prints them; scores are weighted
means of the results (pass 1, partial 0.5, fail 0; not_applicable left out), per principle and
overall, on 0-100. The reference for the checks is shared/reference/croissant_fair.md §4.
"""

from __future__ import annotations

# Importing a check module registers its checks; model.order_checks then puts them in the order
# of the report (F, A, I, R, then the online check), whatever order the imports are sorted in.
from . import accessible, findable, interoperable, online, reusable  # noqa: F401
from .findable import CORE_FIELDS
from .model import (
                    CHECKS,
                    FAIL,
                    NOT_APPLICABLE,
                    PARTIAL,
                    PASS,
                    PRINCIPLES,
                    STATUS_SCORE,
                    Check,
                    Evidence,
                    Result,
                    Target,
                    codes,
                    order_checks,
)
from .online import RESOLVE, online_check
from .run import CROISSANT_ONLY, FairReport, assess, target_for

order_checks()

__all__ = ["CHECKS", "CORE_FIELDS", "CROISSANT_ONLY", "FAIL", "NOT_APPLICABLE", "PARTIAL", "PASS",
           "PRINCIPLES", "RESOLVE", "STATUS_SCORE", "Check", "Evidence", "FairReport", "Result",
           "Target", "assess", "codes", "online_check", "target_for"]

"""Maintenance: someone looks after the dataset, and a reader can reach them.

Whether the questions are answered at all is completeness (DS201); these rules look at what the
answers say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..answers import Status, status_of, text_of
from ..sheet import Sheet
from . import Context, Hit, rule

_REACHABLE = re.compile(r"[^\s@]+@[^\s@]+\.\w+|https?://|www\.", re.IGNORECASE)
_GAPS = (Status.UNKNOWN, Status.NOT_APPLICABLE, Status.TODO)


@rule("DS601", "contact-unreachable", "maintenance", "warning", 1)
def contact_unreachable(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """The contact gives no e-mail address or web address, or is declared unknown.

    Why: errors in a dataset are found by its users; they need a way to report them. "The
    authors" is not a way.

    Failing:

        maintenance:
          contact: The authors of the paper.

    Passing:

        maintenance:
          contact: data@example.org, or an issue at https://github.com/example/lesions
    """
    value = sheet.get("maintenance.contact")
    status = status_of(value)
    creators = sheet.get("dataset.creators")
    has_email = isinstance(creators, list) and any(
        isinstance(c, dict) and c.get("email") for c in creators)
    if status in _GAPS and not has_email:
        yield Hit("maintenance.contact", f"the contact is {status}: users cannot report errors "
                                         "or ask questions")
    elif status is Status.ANSWERED and not _REACHABLE.search(text_of(value)) and not has_email:
        yield Hit("maintenance.contact", "the contact has no e-mail or web address; say how to "
                                         "reach the maintainers")


@rule("DS602", "no-maintainer", "maintenance", "warning", 1)
def no_maintainer(sheet: Sheet, ctx: Context) -> Iterator[Hit]:
    """Nobody is named as host or maintainer (`maintenance.host` is unknown or not applicable).

    Why: a dataset without a maintainer is not corrected, not updated, and disappears when its
    upload does. Say so plainly, but expect readers to be wary.

    Failing:

        maintenance:
          host: {status: unknown, reason: The uploader's account is deleted.}

    Passing:

        maintenance:
          host: The Example Dermatology Group, which hosts it on Zenodo.
    """
    status = status_of(sheet.get("maintenance.host"))
    if status in _GAPS:
        yield Hit("maintenance.host", f"no maintainer is named (the host is {status})")

"""How an answer reads in a generated document, and how that text reads back as the answer.

The writers render answers here (`describe`, `brief`, `enum_text`); the readers turn what a writer
rendered back into typed values here (`parse_typed`), so the two directions sit side by side and
change together, in a module both import rather than one reaching into the other's privates.

A missing or unfinished answer becomes HF's own placeholder, which `answers.status_of` (and so
lint and every reader) already treats as empty. A deliberate gap is written as its reason with a
prefix that `status_of` maps back to the same status, so "not applicable" survives a round trip
instead of turning into an answer.
"""

from __future__ import annotations

import re
from typing import Any

from .answers import Status, status_of, text_of

MISSING_MARK = "[More Information Needed]"
GAP_PREFIX = {Status.NOT_APPLICABLE: "Not applicable", Status.UNKNOWN: "Unknown"}
# Keys of structured answers that are bookkeeping for reviewers, not part of the answer.
_NOT_SAID = {"sources", "note", "notes", "kind"}


def is_gap(value: Any) -> bool:
    return status_of(value) is not Status.ANSWERED


def describe(value: Any) -> str:
    """The answer as prose: what a reader of the card should see for this question."""
    status = status_of(value)
    if status in GAP_PREFIX:
        reason = value.get("reason") if isinstance(value, dict) else None
        if isinstance(reason, str) and reason.strip():
            return f"{GAP_PREFIX[status]}: {fold(reason)}"
        if isinstance(value, str):  # "N/A: no people involved" already says it
            return value.strip()
        return MISSING_MARK
    if status is not Status.ANSWERED:
        return MISSING_MARK
    return _answered(value).strip() or MISSING_MARK


def brief(value: Any) -> str:
    """The answer on one line, for a card bullet: a list of records (creators) by their names,
    which is what the bullet asks; the records' details stay in the datasheet, Croissant and
    Markdown. Any other answer as `describe` gives it."""
    if isinstance(value, list) and value and all(isinstance(v, dict) and "name" in v
                                                 for v in value):
        names = [_answered(v["name"]) for v in value if status_of(v) is Status.ANSWERED]
        if names:
            return "; ".join(names)
    return describe(value)


def _answered(value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return f"{value:,}" if isinstance(value, int) else str(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = [_answered(item) for item in value if status_of(item) is Status.ANSWERED]
        joiner = "; " if any(isinstance(item, dict) for item in value) else ", "
        return joiner.join(p for p in parts if p)
    if isinstance(value, dict):
        if "answer" in value:
            return text_of(value)
        if "spdx" in value or "terms" in value:  # a licence (read back by _licence)
            parts = [value.get("name", "")]
            if value.get("spdx"):
                parts.append(f"{_SPDX_OPEN}{value['spdx']})")
            if value.get("url"):
                parts.append(f"<{value['url']}>")
            text = " ".join(p for p in parts if p)
            return f"{text}{_TERMS_AFTER}{value['terms']}" if value.get("terms") else text
        if "value" in value and "scheme" not in value:  # a count or a fact
            text = _answered(value["value"])
            return f"{text} {value['unit']}" if value.get("unit") else text
        return _record(value)
    return str(value)


def _record(value: dict) -> str:
    """One structured item (a creator, an identifier, a source dataset, a split) on one line."""
    label_key = next((k for k in ("name", "source_dataset", "value") if k in value), None)
    label = _answered(value[label_key]) if label_key else ""
    if value.get("scheme") and label_key == "value":
        label = f"{value['scheme']}: {label}"
    details = [f"{key.replace('_', ' ')}: {_answered(item)}" for key, item in value.items()
               if key not in _NOT_SAID and key not in (label_key, "scheme")
               and status_of(item) is Status.ANSWERED]
    return f"{label} ({'; '.join(details)})" if details else label


def fold(text: str) -> str:
    """One line: for bullets, table cells and JSON strings that must not carry YAML folding."""
    return " ".join(text.split())


# ------------------------------------------------ reading back what `describe` wrote, typed

_COUNT = re.compile(r"^(?P<value>\d{1,3}(?:,\d{3})+|\d+)(?: (?P<unit>\S.*))?$")
_FACT = {"Yes": True, "No": False}


def enum_text(values: Any) -> str:
    """Values of a closed list as a card shows them: their own spelling, joined with ", ".
    The list's own words ("none", "unknown") are answers there, not placeholders."""
    return ", ".join(values) if isinstance(values, list) else str(values)


def parse_typed(shape: str, text: str, choices: list[str] | None = None) -> Any | None:
    """The value `describe` (or `enum_text`) wrote as `text` for a question of this `shape`,
    or None when the text is not such a rendering (then it stays prose).

    The inverse of the writer, kept beside it so that the two change together: a count as
    "1,234" or "1,234 images" (a Count with its unit), a fact as Yes / No, closed-list values
    as `enum_text` joins them, a deliberate gap as "Unknown: reason" / "Not applicable: reason",
    a licence with its SPDX id, and identifiers as `_record` lists them ("doi: 10.1/x; url: ...").
    Other lists of records (creators, splits) have free text in their fields and stay prose.
    """
    text = fold(text)
    status = status_of(text)
    if status in GAP_PREFIX:
        prefix = GAP_PREFIX[status] + ": "
        return {"status": status.value,
                "reason": text[len(prefix):] if text.startswith(prefix) else text}
    if shape == "license":
        return _licence(text)
    if shape == "list":
        return _identifiers(text)
    if shape == "count":
        match = _COUNT.match(text)
        if not match:
            return None
        value = int(match.group("value").replace(",", ""))
        return {"value": value, "unit": match.group("unit")} if match.group("unit") else value
    if shape in ("fact", "boolean"):
        return _FACT.get(text)
    if shape in ("enum", "enum_list") and choices is not None:
        values = text.split(", ") if shape == "enum_list" else [text]
        if not all(v in choices for v in values):
            return None
        return values if shape == "enum_list" else values[0]
    return None


_SPDX_OPEN = "(SPDX: "
_TERMS_AFTER = ". "
_URL_PART = re.compile(r"^ ?<(?P<url>[^<>\s]+)>")


def _licence(text: str) -> dict | None:
    """A licence as `_answered` writes it: "NAME (SPDX: ID) <URL>. TERMS". Only a text with our
    SPDX part can be split unambiguously (a name may hold ". " itself); any other is None."""
    name, marker, rest = text.partition(" " + _SPDX_OPEN)
    if not marker or ")" not in rest:
        return None
    spdx, _, rest = rest.partition(")")
    value: dict = {"name": name, "spdx": spdx}
    url = _URL_PART.match(rest)
    if url:
        value["url"] = url.group("url")
        rest = rest[url.end():]
    if rest.startswith(_TERMS_AFTER) and rest[len(_TERMS_AFTER):].strip():
        value["terms"] = rest[len(_TERMS_AFTER):]
    elif rest:
        return None
    return value


def _identifiers(text: str) -> list[dict] | None:
    """Identifier records as `_record` writes them, "SCHEME: VALUE" joined with "; " (their
    sources are bookkeeping and not written). None unless every part is one."""
    from .catalogue import enum_values

    schemes = enum_values("IdentifierScheme")
    found = []
    for part in text.split("; "):
        scheme, _, value = part.partition(": ")
        if scheme not in schemes or not value or any(c.isspace() for c in value):
            return None
        found.append({"scheme": scheme, "value": value})
    return found

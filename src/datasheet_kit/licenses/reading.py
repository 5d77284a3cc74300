"""Reading a licence statement: :func:`normalize` takes words or a URL and never raises.

Words are looked up in the table (with forgiving variants), then read as Creative Commons, as an
SPDX expression, or by a cautious last-resort heuristic; URLs are read by the place their path
names the licence. This is the one entry point every caller uses; the table and the value
builders it relies on live in their own modules.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import unquote, urlsplit

from .creative_commons import _parse_cc
from .entries import _free, _from_cc, _from_named, _resolve
from .model import License
from .table import _key, _lookup_spdx, _tables

# ---------------------------------------------------------------------------
# Reading free text


# Placeholders that mean "nothing was written here".
_NOTHING = {
    "", "none", "null", "nil", "n-a", "na", "tbd", "tba", "todo", "no", "nan", "false",
    "more-information-needed", "needs-more-information", "insert-license-here",
}
_LICENCE_WORDS = {
    "license", "licence", "licensed", "licenses", "terms", "agreement", "eula", "policy",
    "conditions", "permission", "copyleft",
}


def _relaxed_keys(key: str) -> list[str]:
    """Variants that forgive common slips: a 'v' before the version, a
    missing '.0', a leading 'the' or a trailing 'license'."""
    out = []
    k = re.sub(r"(^|-)v(?=\d)", r"\1", key)
    k = re.sub(r"^the-", "", k)
    k = re.sub(r"-(license|licence)$", "", k)
    for cand in (k, k + "-0" if re.search(r"-\d+$", k) else ""):
        if cand and cand != key:
            out.append(cand)
    return out


def _heuristic(text: str, key: str) -> License:
    """Last resort for words no table lists. Order matters: the most
    restrictive reading is tried first, because taking a research-only
    agreement for an open licence is the costly mistake."""
    tokens = set(key.split("-"))
    if (
        ("research" in tokens and tokens & {"use", "only", "purposes", "purpose", "agreement",
                                            "license", "licence", "terms"})
        or "non-commercial-research" in key or "noncommercial-research" in key
        or "use-agreement" in key or "usage-agreement" in key or "sharing-agreement" in key
        or "data-usage-polic" in key or "credentialed" in tokens
        or ("academic" in tokens and tokens & {"use", "only", "purposes"})
        or ("physionet" in tokens
            and tokens & {"restricted", "agreement", "use", "license", "licence"})
        or "tcia" in tokens
    ):
        return _free("research_only", text, "by nc")
    if (
        "all-rights-reserved" in key or tokens & {"proprietary", "confidential"}
        or key.startswith("copyright") or re.match(r"\s*\(c\)", text, re.IGNORECASE)
    ):
        return _free("proprietary", text, None)
    if "public-domain" in key or "publicdomain" in tokens:
        return _free("public_domain", text, "")
    first = key.split("-", 1)[0]
    if first in ("unknown", "unspecified", "undefined", "unclear"):
        return _from_named("unknown")._replace(label=_free("unknown", text).label)
    if first == "other" or key.startswith("see-") or "specified-in" in key or "described-in" in key:
        return _from_named("other")._replace(label=_free("other", text).label)
    if tokens & _LICENCE_WORDS:
        return _free("custom", text, None)
    return _free("unrecognized", text, None)


_EXPRESSION_SPLIT = re.compile(r"\s+(OR|AND|WITH)\s+", re.IGNORECASE)


def _spdx_expression(text: str) -> License | None:
    """"MIT OR Apache-2.0": recognised, but not one licence, so its conditions
    are not summarised (which operand applies is the user's choice)."""
    parts = _EXPRESSION_SPLIT.split(text.strip().strip("()"))
    if len(parts) < 3:
        return None
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part.upper())
            continue
        spdx_id = _lookup_spdx(part.strip().strip("()"))
        if spdx_id is None and parts[i - 1].upper() != "WITH":
            return None
        out.append(spdx_id or part.strip())
    label = " ".join(out)
    return License(spdx=None, kind="custom", as_stated="", label=f"{label} (SPDX expression)",
                   key=label)


def _from_words(text: str) -> License:
    t = _tables()
    key = _key(text)
    if key in _NOTHING:
        if key == "" and any(ch.isalnum() for ch in text):
            return _free("unrecognized", text)  # e.g. a name in a non-Latin script
        return License(spdx=None, kind="none", as_stated="", label="No licence stated")

    for candidate in (key, *_relaxed_keys(key)):
        if candidate in t.spellings:
            return _resolve(t.spellings[candidate])
        cc = _parse_cc(candidate)
        if cc is not None:
            return _from_cc(cc)

    expression = _spdx_expression(text)
    if expression is not None:
        return expression

    # Legacy HF cards write "other-<name>" (e.g. other-imagenet-agreement).
    if key.startswith("other-"):
        rest = re.sub(r"(?i)^(?:[\W_]*other(?![a-z0-9])[\W_]*)+", "", text)
        if not _key(rest):
            return _from_named("other")
        inner = _from_words(rest) if rest != text else _free("custom", rest)
        if inner.kind == "other":  # "Other (see README)": keep the whole sentence
            return inner._replace(label=_free("other", text).label)
        if inner.kind not in ("unrecognized", "none"):
            return inner
        return _free("custom", rest)
    return _heuristic(text, key)


# ---------------------------------------------------------------------------
# Reading URLs


# A URL with a scheme, or a bare "host.tld/path" such as "spdx.org/licenses/MIT".
_URL_RE = re.compile(r"^(?:https?://|www\.|(?:[a-z0-9-]+\.)+[a-z]{2,}/)\S*$", re.IGNORECASE)
# Hosts whose path names the licence in a fixed place.
_ODC = {"odbl": "ODbL-1.0", "by": "ODC-By-1.0", "odc-by": "ODC-By-1.0", "pddl": "PDDL-1.0",
        "dbcl": "dbcl-1.0"}


def _strip_ext(segment: str) -> str:
    return re.sub(r"(\.en)?\.(html?|json|txt|php|md|jsonld)$", "", segment, flags=re.IGNORECASE)


def _from_url(text: str) -> License:
    try:
        parts = urlsplit(text if "://" in text else "https://" + text)
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:  # e.g. an unclosed "[" in the host
        return _free("unrecognized", text)
    segs = [s for s in unquote(parts.path).split("/") if s]
    head = segs[0].lower() if segs else ""

    found: License | None = None
    if host == "spdx.org" and head == "licenses" and len(segs) > 1:
        found = _from_words(_strip_ext(segs[1]))
    elif host == "creativecommons.org" and head == "licenses" and len(segs) > 2:
        ported = len(segs) > 3 and not segs[3].lower().startswith(("legalcode", "deed"))
        port = segs[3] if ported else ""
        cc = _parse_cc(_key(f"cc-{segs[1]}-{segs[2]}-{port}"))
        found = _from_cc(cc) if cc else None
    elif host == "creativecommons.org" and head == "publicdomain" and len(segs) > 1:
        found = _resolve({"zero": "CC0-1.0", "mark": "CC-PDM-1.0"}.get(segs[1].lower(),
                                                                       "public-domain"))
    elif host == "choosealicense.com" and head == "licenses" and len(segs) > 1:
        # HF writes choosealicense URLs built from its own ids; "undefined" is
        # what it writes when the card has no licence.
        found = _from_words(segs[1]) if segs[1].lower() != "undefined" else _from_named("unknown")
    elif host == "opendatacommons.org" and head == "licenses" and len(segs) > 1:
        target = _ODC.get(segs[1].lower())
        found = _resolve(target) if target else None
    elif host == "apache.org" and head == "licenses" and len(segs) > 1:
        found = _from_words("Apache " + _strip_ext(segs[1]).upper().removeprefix("LICENSE-"))
    elif host in ("opensource.org", "gnu.org") and head == "licenses" and len(segs) > 1:
        found = _from_words(_strip_ext(segs[1]))

    if found is None and segs:
        # Elsewhere, trust the last path segment only when it is an exact id:
        # ".../licenses/mit" yes, ".../terms-of-use" is terms we cannot read.
        found = _from_words(_strip_ext(segs[-1]))
        if found.kind not in ("spdx", "research_only"):
            found = None
    if found is None or found.kind in ("unrecognized", "none"):
        where = host + ("/" + "/".join(segs) if segs else "")
        return _free("custom", f"Terms at {where}", None)
    return found


# ---------------------------------------------------------------------------
# The entry point


def _classify(text: str) -> License:
    stripped = text.strip().strip("\"'`<>").strip()
    if _URL_RE.match(stripped):
        return _from_url(stripped)
    return _from_words(stripped)


# Licence values repeat a lot (602 ISIC rows hold 11 strings), so short ones
# are memoised; long text is not, to keep the cache small.
_classify_short = functools.lru_cache(maxsize=4096)(_classify)


def normalize(text: str) -> License:
    """Map any licence statement onto the table; never raises.

    Matching ignores case, spaces and punctuation. Anything that is not a str
    (None from YAML, a number) is read as its text, None as "".
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    found = _classify_short(text) if len(text) <= 200 else _classify(text)
    return found._replace(as_stated=text)

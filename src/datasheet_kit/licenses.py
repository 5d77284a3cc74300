"""Licence strings in, one normalised :class:`License` out; and whether a copy's
licence honours the licence of the dataset it copies.

Dataset documents name licences in many ways: Hugging Face ids (``cc-by-nc-4.0``),
Kaggle names (``CC0-1.0``) and Kaggle display names ("CC0: Public Domain"), SPDX or
Creative Commons URLs, prose ("Creative Commons Attribution 4.0 International") and
the research-use agreements of medical hosts ("PhysioNet Credentialed Health Data
License 1.5.0"). :func:`normalize` maps all of them onto one table, vendored in
``data/licenses.json`` (each table there names its source and date), and never raises.

The module is pure: no network, standard library only, and the table is read on
first use, so importing it costs nothing.

Kinds (``License.kind``), a closed set:

=================  ==========================================================
``spdx``           an SPDX licence; ``spdx`` holds the canonical id
``family``         a licence family without a version ("GPL", "CC BY-NC")
``custom``         named terms with no SPDX id (model licences, a terms URL)
``research_only``  research-use or data-use agreements (PhysioNet, TCIA ...)
``proprietary``    all rights reserved ("Data files © Original Authors")
``public_domain``  public domain without an SPDX dedication (US Gov. works)
``other``          the platform sentinel "other": the terms are stated elsewhere
``unknown``        the author says the licence is unknown or unspecified
``none``           nothing stated: empty, or a placeholder such as "N/A"
``unrecognized``   text this module could not read (the only failure kind)
=================  ==========================================================
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

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

_DATA = Path(__file__).with_name("data") / "licenses.json"
# The internal value classes below are NamedTuples: lint imports this module on a cold start,
# and a NamedTuple costs a quarter of a frozen dataclass to define.


@dataclass(frozen=True)
class License:
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


@dataclass(frozen=True)
class Compatibility:
    """Whether a copy's licence honours its source's, with reasons in plain words."""

    verdict: str  # "compatible" | "incompatible" | "unknown"
    reasons: tuple[str, ...]


# ---------------------------------------------------------------------------
# Table loading


_NOT_KEY = re.compile(r"[^0-9a-z+]+")


def _key(text: str) -> str:
    """Fold case and punctuation so "CC BY-NC 4.0" and "cc-by-nc-4.0" meet.

    '+' survives because it carries meaning ("GPL-2.0+" is "or later",
    "openrail++" is a different licence from "openrail").
    """
    if not text.isascii():  # NFKC leaves ASCII as it is; skipping it halves the table build
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold().replace("©", " copyright ")
    return _NOT_KEY.sub("-", text).strip("-")


class _Tables(NamedTuple):
    spdx: dict  # SPDX id -> {"name", "deprecated"?}
    named: dict  # named key -> {"kind", "label", "conditions", "hf"?, "kaggle"?}
    conditions: dict  # SPDX id (not CC) -> "by sa" ...
    labels: dict  # SPDX id -> short label
    spellings: dict  # normalised spelling -> target (SPDX id or named key)
    hf_ids: dict  # HF id -> target
    kaggle_names: dict  # Kaggle create name -> target
    hf_for: dict  # target -> HF id
    kaggle_for: dict  # target -> Kaggle create name


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    spdx = raw["spdx"]["licenses"]
    hf_ids = raw["hf"]["ids"]
    kaggle = raw["kaggle"]["names"]
    display = raw["kaggle"]["display_names"]
    named = raw["named"]["terms"]

    # Earlier sources win when two spellings fold to the same key: a hand-written
    # alias beats a platform name, which beats an SPDX id, which beats an SPDX
    # full name. Among SPDX names, the current id beats the deprecated one.
    spellings: dict[str, str] = {}
    sources = [
        raw["aliases"]["spellings"].items(),
        display.items(),
        kaggle.items(),
        hf_ids.items(),
        ((i, i) for i in spdx),
        ((entry["label"], k) for k, entry in named.items()),
        ((k, k) for k in named),
        ((e["name"], i) for i, e in spdx.items() if not e.get("deprecated")),
        ((e["name"], i) for i, e in spdx.items() if e.get("deprecated")),
    ]
    for pairs in sources:
        for spelling, target in pairs:
            spellings.setdefault(_key(spelling), target)

    hf_for = {target: hf_id for hf_id, target in hf_ids.items()}
    kaggle_for = {target: name for name, target in kaggle.items()}
    return _Tables(
        spdx=spdx,
        named=named,
        conditions=raw["conditions"]["ids"],
        labels=raw["labels"]["ids"],
        spellings=spellings,
        hf_ids=hf_ids,
        kaggle_names=kaggle,
        hf_for=hf_for,
        kaggle_for=kaggle_for,
    )


# ---------------------------------------------------------------------------
# Creative Commons, read structurally: elements, version, port


# Words that name a CC licence element, as one token or two.
_CC_ELEMENT_WORDS = {
    "by": "BY",
    "attribution": "BY",
    "nc": "NC",
    "noncommercial": "NC",
    "nd": "ND",
    "noderivatives": "ND",
    "noderivs": "ND",
    "sa": "SA",
    "sharealike": "SA",
}
_CC_ELEMENT_PAIRS = {
    ("non", "commercial"): "NC",
    ("no", "derivatives"): "ND",
    ("no", "derivs"): "ND",
    ("share", "alike"): "SA",
}
# Words that add nothing: "International", "Deed", "legalcode", "License" ...
_CC_FILLER = {
    "cc", "creative", "commons", "international", "unported", "generic", "deed", "legalcode",
    "license", "licence", "public", "the", "version", "v", "en", "universal", "dedication", "html",
}
# Jurisdiction ports. SPDX lists only some; others still get their conditions.
_CC_PORTS = {
    "igo": "IGO", "au": "AU", "australia": "AU", "at": "AT", "austria": "AT", "de": "DE",
    "germany": "DE", "nl": "NL", "netherlands": "NL", "us": "US", "fr": "FR", "france": "FR",
    "uk": "UK", "jp": "JP", "japan": "JP", "za": "ZA", "nz": "NZ", "ca": "CA", "canada": "CA",
    "es": "ES", "spain": "ES", "it": "IT", "italy": "IT", "br": "BR", "brazil": "BR",
    "ch": "CH", "switzerland": "CH", "cn": "CN", "china": "CN",
}
_CC_PORT_PAIRS = {("south", "africa"): "ZA", ("new", "zealand"): "NZ", ("united", "states"): "US"}
_CC_VERSIONS = {"1.0", "2.0", "2.1", "2.5", "3.0", "4.0"}
_CC_ORDER = ("BY", "NC", "ND", "SA")


class _CC(NamedTuple):
    elements: tuple[str, ...]  # ("BY", "NC", "SA"); ("ZERO",) for CC0
    version: str | None
    port: str | None

    @property
    def spdx_shape(self) -> str:
        if self.elements == ("ZERO",):
            return "CC0-1.0"
        parts = ["CC", *self.elements, self.version or ""]
        if self.port:
            parts.append(self.port)
        return "-".join(p for p in parts if p)

    @property
    def label(self) -> str:
        if self.elements == ("ZERO",):
            return "CC0 1.0"
        text = "CC " + "-".join(self.elements)
        if self.version:
            text += " " + self.version
        if self.port:
            text += " " + self.port
        return text


def _parse_cc(key: str) -> _CC | None:
    """Read a normalised key such as ``cc-by-nc-sa-4-0`` or
    ``attribution-noncommercial-4-0-international-cc-by-nc-4-0``.

    Any word that is not part of a CC name makes this return None, so that
    "CC BY 4.0 except for medical use" is not silently read as CC BY 4.0.
    """
    tokens = key.split("-")
    if not tokens or not (
        "cc" in tokens or "cc0" in tokens or ("creative" in tokens and "commons" in tokens)
        or tokens[0] == "attribution"
    ):
        return None
    elements: set[str] = set()
    numbers: list[str] = []
    ports: set[str] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        pair = tuple(tokens[i : i + 2])
        if pair in _CC_ELEMENT_PAIRS:
            elements.add(_CC_ELEMENT_PAIRS[pair])
            i += 2
            continue
        if pair in _CC_PORT_PAIRS:
            ports.add(_CC_PORT_PAIRS[pair])
            i += 2
            continue
        if tok in _CC_ELEMENT_WORDS:
            elements.add(_CC_ELEMENT_WORDS[tok])
        elif tok in ("cc0", "zero"):
            elements.add("ZERO")
        elif re.fullmatch(r"v?\d", tok):
            numbers.append(tok.lstrip("v"))
        elif tok in _CC_PORTS:
            ports.add(_CC_PORTS[tok])
        elif tok not in _CC_FILLER:
            return None
        i += 1

    # Digits come in major/minor pairs: "4-0" is 4.0; "4" alone is 4.0 too.
    versions = set()
    j = 0
    while j < len(numbers):
        if j + 1 < len(numbers) and numbers[j + 1] in ("0", "1", "5"):
            versions.add(f"{numbers[j]}.{numbers[j + 1]}")
            j += 2
        else:
            versions.add(f"{numbers[j]}.0")
            j += 1
    if len(versions) > 1 or len(ports) > 1 or not elements:
        return None
    version = next(iter(versions), None)
    if version is not None and version not in _CC_VERSIONS:
        return None
    if "ZERO" in elements:
        if elements != {"ZERO"} or version not in (None, "1.0") or ports:
            return None
        return _CC(("ZERO",), "1.0", None)
    if "ND" in elements and "SA" in elements:
        return None
    if "BY" not in elements and version != "1.0":
        return None  # only the 1.0 suite had licences without attribution
    ordered = tuple(e for e in _CC_ORDER if e in elements)
    return _CC(ordered, version, next(iter(ports), None))


def _cc_from_spdx_id(spdx_id: str) -> _CC | None:
    if spdx_id == "CC0-1.0" or (spdx_id.startswith("CC-") and spdx_id[3:4] in ("B", "N", "S")):
        return _parse_cc(_key(spdx_id))
    return None


# ---------------------------------------------------------------------------
# Building License values


def _flags(conditions: str | None) -> dict:
    if conditions is None:
        return {"terms_known": False}
    words = set(conditions.split())
    return {
        "attribution": "by" in words,
        "noncommercial": "nc" in words,
        "no_derivatives": "nd" in words,
        "share_alike": "sa" in words,
        "terms_known": True,
    }


def _cc_conditions(cc: _CC) -> str:
    return " ".join(e.lower() for e in cc.elements if e != "ZERO")


def _from_spdx(spdx_id: str) -> License:
    t = _tables()
    entry = t.spdx[spdx_id]
    cc = _cc_from_spdx_id(spdx_id)
    if cc is not None:
        conditions: str | None = _cc_conditions(cc)
        label = t.labels.get(spdx_id, cc.label)
    else:
        conditions = t.conditions.get(spdx_id)
        label = t.labels.get(spdx_id, entry["name"])
    return License(
        spdx=spdx_id,
        kind="spdx",
        as_stated="",
        label=label,
        key=spdx_id,
        deprecated=bool(entry.get("deprecated")),
        **_flags(conditions),
    )


def _from_named(name: str) -> License:
    entry = _tables().named[name]
    return License(
        spdx=None, kind=entry["kind"], as_stated="", label=entry["label"], key=name,
        **_flags(entry.get("conditions")),
    )


def _resolve(target: str) -> License:
    return _from_spdx(target) if target in _tables().spdx else _from_named(target)


def _from_cc(cc: _CC) -> License:
    spdx_id = _lookup_spdx(cc.spdx_shape)
    if spdx_id is not None:
        return _from_spdx(spdx_id)
    kind = "family" if cc.version is None else "custom"
    label = cc.label + (" (version not stated)" if cc.version is None else " (not an SPDX id)")
    return License(
        spdx=None, kind=kind, as_stated="", label=label, key=cc.spdx_shape,
        **_flags(_cc_conditions(cc)),
    )


def _lookup_spdx(candidate: str) -> str | None:
    target = _tables().spellings.get(_key(candidate))
    return target if target in _tables().spdx else None


def _free(kind: str, text: str, conditions: str | None = None) -> License:
    label = " ".join(text.split())
    if len(label) > 80:
        label = label[:77] + "..."
    return License(spdx=None, kind=kind, as_stated="", label=label, **_flags(conditions))


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
        ("research" in tokens and tokens & {"use", "only", "purposes", "purpose", "agreement", "license",
                                            "licence", "terms"})
        or "non-commercial-research" in key or "noncommercial-research" in key
        or "use-agreement" in key or "usage-agreement" in key or "sharing-agreement" in key
        or "data-usage-polic" in key or "credentialed" in tokens
        or ("academic" in tokens and tokens & {"use", "only", "purposes"})
        or ("physionet" in tokens and tokens & {"restricted", "agreement", "use", "license", "licence"})
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
        return replace(_from_named("unknown"), label=_free("unknown", text).label)
    if first == "other" or key.startswith("see-") or "specified-in" in key or "described-in" in key:
        return replace(_from_named("other"), label=_free("other", text).label)
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
    return License(spdx=None, kind="custom", as_stated="", label=f"{label} (SPDX expression)", key=label)


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
            return replace(inner, label=_free("other", text).label)
        if inner.kind not in ("unrecognized", "none"):
            return inner
        return _free("custom", rest)
    return _heuristic(text, key)


# ---------------------------------------------------------------------------
# Reading URLs


# A URL with a scheme, or a bare "host.tld/path" such as "spdx.org/licenses/MIT".
_URL_RE = re.compile(r"^(?:https?://|www\.|(?:[a-z0-9-]+\.)+[a-z]{2,}/)\S*$", re.IGNORECASE)
# Hosts whose path names the licence in a fixed place.
_ODC = {"odbl": "ODbL-1.0", "by": "ODC-By-1.0", "odc-by": "ODC-By-1.0", "pddl": "PDDL-1.0", "dbcl": "dbcl-1.0"}


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
        port = segs[3] if len(segs) > 3 and not segs[3].lower().startswith(("legalcode", "deed")) else ""
        cc = _parse_cc(_key(f"cc-{segs[1]}-{segs[2]}-{port}"))
        found = _from_cc(cc) if cc else None
    elif host == "creativecommons.org" and head == "publicdomain" and len(segs) > 1:
        found = _resolve({"zero": "CC0-1.0", "mark": "CC-PDM-1.0"}.get(segs[1].lower(), "public-domain"))
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
# Public API: normalize, spdx_url, hf_id, kaggle_name


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
    return replace(found, as_stated=text)


# SPDX deprecated the bare GNU ids because they did not say "only" or "or later"; its full names
# for them do ("v3.0 only", "v3.0 or later"), so the replacement follows from the suffix.
_GNU_DEPRECATED = re.compile(r"((?:A|L)?GPL|GFDL)-(\d\.\d)(\+)?")


def current_id(spdx_id: str) -> str | None:
    """The SPDX id that replaces a deprecated one (GPL-3.0 -> GPL-3.0-only), or None when
    the id is current or SPDX names no single replacement (wxWindows, Nunit ...)."""
    t = _tables()
    if not t.spdx.get(spdx_id, {}).get("deprecated"):
        return None
    m = _GNU_DEPRECATED.fullmatch(spdx_id)
    if m is None:
        return None
    successor = f"{m.group(1)}-{m.group(2)}-{'or-later' if m.group(3) else 'only'}"
    return successor if successor in t.spdx and not t.spdx[successor].get("deprecated") else None


def current_spdx(text: str) -> str | None:
    """The current SPDX id a licence statement stands for ("cc-by-nc 4.0" -> CC-BY-NC-4.0,
    "GPL-3.0" -> GPL-3.0-only), or None when it names no single SPDX licence."""
    found = normalize(text)
    if found.kind != "spdx" or found.spdx is None:
        return None
    return current_id(found.spdx) or found.spdx


def spdx_url(spdx_id: str) -> str:
    """The canonical SPDX page of an id, as Croissant's ``license`` wants it."""
    return f"https://spdx.org/licenses/{spdx_id}.html"


def _base_gnu_id(spdx_id: str) -> str:
    # HF and Kaggle only know the bare GNU ids, which do not say only/or-later.
    return re.sub(r"(-only|-or-later|\+)$", "", spdx_id)


def _platform_id(license: License, by_spdx: dict, platform: str) -> str | None:
    """The id a platform's closed licence list uses for a normalised licence, or None."""
    if license.kind in ("none", "unknown"):
        return "unknown"
    if license.kind == "other":
        return "other"
    if license.spdx:
        return by_spdx.get(license.spdx) or by_spdx.get(_base_gnu_id(license.spdx))
    entry = _tables().named.get(license.key)
    return entry.get(platform) if entry else None


def hf_ids() -> list[str]:
    """Every licence id Hugging Face accepts in a card's ``license:`` (its closed list)."""
    return list(_tables().hf_ids)


def kaggle_names() -> list[str]:
    """Every licence name Kaggle accepts in ``dataset-metadata.json`` (its closed list)."""
    return list(_tables().kaggle_names)


def hf_id(license: License) -> str | None:
    """The Hugging Face ``license:`` id for a normalised licence.

    None means HF has no id for it: write ``license: other`` with
    ``license_name`` (and ``license_link``). Nothing stated is written as
    ``unknown``, which is what HF's own card template does.
    """
    return _platform_id(license, _tables().hf_for, "hf")


def kaggle_name(license: License) -> str | None:
    """The licence name for Kaggle's ``dataset-metadata.json`` (one of its 28).

    None means Kaggle has no name for it (MIT is one such): write ``other``
    and state the licence in the description.
    """
    return _platform_id(license, _tables().kaggle_for, "kaggle")


# ---------------------------------------------------------------------------
# Compatibility of a copy's licence with its source's


COMPATIBLE, INCOMPATIBLE, UNKNOWN = "compatible", "incompatible", "unknown"

_UNSTATED = {
    "none": "does not state a licence",
    "unknown": "says the licence is unknown",
    "other": "says 'other' without naming the terms here",
    "unrecognized": "names a licence datasheet-kit cannot read",
}


def _has_conditions(lic: License) -> bool:
    return lic.attribution or lic.noncommercial or lic.no_derivatives or lic.share_alike


def _same(a: License, b: License) -> bool:
    if a.key and b.key:
        return a.key == b.key
    return _key(a.label) == _key(b.label)


class _Copyleft(NamedTuple):
    family: str
    version: tuple[int, ...] | None
    later_ok: bool | None  # may a later version be used? None = not said


def _copyleft(lic: License) -> _Copyleft | None:
    cc = _cc_from_spdx_id(lic.spdx) if lic.spdx else _parse_cc(_key(lic.key)) if lic.key else None
    if cc is not None:
        version = tuple(int(x) for x in cc.version.split(".")) if cc.version else None
        # CC share-alike licences from 2.0 on allow "a later version with the
        # same License Elements"; jurisdiction ports are equivalent.
        return _Copyleft("CC " + "-".join(cc.elements), version, version is not None and version >= (2, 0))
    ident = lic.spdx or lic.key
    m = re.fullmatch(r"(A?GPL|LGPL|GFDL)-(\d+)\.(\d+)(-only|-or-later|\+)?", ident or "")
    if m:
        later = {"-only": False, "-or-later": True, "+": True}.get(m.group(4) or "")
        return _Copyleft(m.group(1), (int(m.group(2)), int(m.group(3))), later)
    if lic.kind == "family" and lic.key in ("gpl", "lgpl", "gfdl"):
        return _Copyleft(lic.key.upper(), None, None)
    return _Copyleft(ident or _key(lic.label), None, False)


def _share_alike(s: License, c: License) -> str:
    """'kept', 'broken' or 'unclear' for a share-alike source."""
    if _same(s, c):
        return "kept"
    sf, cf = _copyleft(s), _copyleft(c)
    if sf is None or cf is None or sf.family != cf.family:
        return "broken"
    if sf.version is None or cf.version is None:
        return "unclear"
    if cf.version == sf.version:
        return "kept"
    if cf.version < sf.version:
        return "broken"
    return {True: "kept", False: "broken", None: "unclear"}[sf.later_ok]


# Gates decide alone: the first that applies is the whole answer.
# Each row: verdict, when (source s, copy c), why (formatted with s, c = labels).
_Rule = tuple[str, Callable[[License, License, bool], bool], str]

_GATES: tuple[_Rule, ...] = (
    (UNKNOWN, lambda s, c, m: s.kind in _UNSTATED,
     "The original {s_state}, so there is nothing to check the copy's licence ({c}) against. "
     "Find the original's licence first."),
    (UNKNOWN, lambda s, c, m: c.kind in _UNSTATED,
     "The copy {c_state}, so people cannot tell whether it keeps the original's conditions ({s})."),
    (INCOMPATIBLE, lambda s, c, m: s.kind == "research_only",
     "The original is shared under a research-use agreement ({s}); the terms do not allow "
     "redistribution, so a public copy is not allowed whatever licence it states."),
    (INCOMPATIBLE, lambda s, c, m: s.kind == "proprietary",
     "The original reserves all rights ({s}); republishing it needs the owner's permission, "
     "whatever licence the copy states."),
    (COMPATIBLE, lambda s, c, m: not s.terms_known and _same(s, c) and not m,
     "The copy keeps the original's terms ({s})."),
    (UNKNOWN, lambda s, c, m: not s.terms_known,
     "datasheet-kit has no summary of the original's terms ({s}); compare them with the "
     "copy's licence ({c}) by hand."),
    (UNKNOWN, lambda s, c, m: c.kind == "proprietary" and _has_conditions(s),
     "The copy only says that someone holds the copyright ({c}); it does not tell people what "
     "they may do. State the original's licence ({s}) on the copy."),
)

# Conditions are all checked, so every broken condition is reported.
_CONDITIONS: tuple[_Rule, ...] = (
    (INCOMPATIBLE, lambda s, c, m: s.noncommercial and c.terms_known and not c.noncommercial,
     "The original forbids commercial use ({s}), but the copy's licence ({c}) allows it."),
    (INCOMPATIBLE, lambda s, c, m: s.no_derivatives and m,
     "The original forbids sharing modified versions ({s}); a changed copy (resized, cropped, "
     "re-split) may not be redistributed at all, under any licence."),
    (INCOMPATIBLE, lambda s, c, m: s.no_derivatives and c.terms_known and not c.no_derivatives,
     "The original forbids changes ({s}), but the copy's licence ({c}) lets others make them; "
     "an unchanged copy must keep the no-derivatives condition."),
    (INCOMPATIBLE, lambda s, c, m: s.share_alike and c.terms_known and _share_alike(s, c) == "broken",
     "The original requires copies to be shared under the same licence ({s}), but the copy "
     "uses {c}."),
    (UNKNOWN, lambda s, c, m: s.share_alike and c.terms_known and _share_alike(s, c) == "unclear",
     "The original requires copies to keep its licence ({s}) and does not say whether a later "
     "version ({c}) is allowed."),
    (INCOMPATIBLE, lambda s, c, m: s.attribution and c.terms_known and not c.attribution,
     "The original requires credit to its authors ({s}), but the copy's licence ({c}) drops "
     "that requirement."),
    (UNKNOWN, lambda s, c, m: not c.terms_known and _has_conditions(s),
     "datasheet-kit has no summary of the copy's terms ({c}), so it cannot tell whether they "
     "keep the original's conditions ({s})."),
)

# Notes explain a compatible answer that still deserves a sentence.
_NOTES: tuple[_Rule, ...] = (
    (COMPATIBLE, lambda s, c, m: s.no_derivatives and c.no_derivatives and not m,
     "The original forbids changes ({s}): this holds only while the copy's files are unchanged."),
    (COMPATIBLE, lambda s, c, m: c.terms_known and c.noncommercial and not s.noncommercial,
     "The copy adds a non-commercial condition ({c}) that the original ({s}) does not have. "
     "That is allowed, but people may still use the original files under the original's terms."),
    (COMPATIBLE, lambda s, c, m: c.terms_known and c.share_alike and not s.share_alike,
     "The copy adds a share-alike condition ({c}) that the original ({s}) does not have. "
     "Adding a condition only narrows what people may do, which the original allows as long as "
     "its own conditions are kept; the original files stay under {s}, so the copy should name "
     "the original and its licence."),
    (COMPATIBLE, lambda s, c, m: c.terms_known and c.no_derivatives and not s.no_derivatives,
     "The copy adds a no-derivatives condition ({c}) that the original ({s}) does not have."),
)


def _conjunction(license: License) -> list[License]:
    """The parts of an SPDX "A AND B" expression, each normalised; [license] otherwise."""
    text = license.spdx or license.as_stated or ""
    parts = [p.strip(" ()") for p in re.split(r"\s+AND\s+", text) if p.strip(" ()")]
    if len(parts) < 2 or any(re.search(r"\s(OR|WITH)\s", p) for p in parts):
        return [license]
    return [normalize(p) for p in parts]


def compatibility(source: License, copy: License, *, modified: bool = False) -> Compatibility:
    """May ``copy``, a public re-upload of data licensed as ``source``, carry its licence?

    ``modified`` says whether the copy changed the files (resized, cropped,
    re-split); by default the copy is taken to be unchanged. This is a reading
    of the licence conditions for a non-lawyer, not legal advice.
    """
    parts = _conjunction(source)
    if len(parts) > 1:
        # "A AND B" (parts of a dataset under different licences): a copy of the whole must keep
        # the conditions of every part, so the strictest verdict of the parts decides.
        results = [compatibility(part, copy, modified=modified) for part in parts]
        for verdict in (INCOMPATIBLE, UNKNOWN, COMPATIBLE):
            chosen = [r for r in results if r.verdict == verdict]
            if chosen:
                return Compatibility(verdict, tuple(x for r in chosen for x in r.reasons))
    words = {
        "s": source.label,
        "c": copy.label,
        "s_state": _UNSTATED.get(source.kind, ""),
        "c_state": _UNSTATED.get(copy.kind, ""),
    }
    for verdict, when, why in _GATES:
        if when(source, copy, modified):
            return Compatibility(verdict, (why.format(**words),))

    broken = [(v, why.format(**words)) for v, when, why in _CONDITIONS if when(source, copy, modified)]
    if any(v == INCOMPATIBLE for v, _ in broken):
        return Compatibility(INCOMPATIBLE, tuple(r for v, r in broken if v == INCOMPATIBLE))
    if broken:
        return Compatibility(UNKNOWN, tuple(r for _, r in broken))

    notes = tuple(why.format(**words) for _, when, why in _NOTES if when(source, copy, modified))
    if _same(source, copy):
        first = "The copy keeps the original's licence ({s}).".format(**words)
    elif not _has_conditions(source):
        first = "The original ({s}) sets no conditions, so any licence on the copy ({c}) is allowed.".format(
            **words
        )
    else:
        first = "The copy's licence ({c}) keeps every condition of the original ({s}).".format(**words)
    return Compatibility(COMPATIBLE, (first, *notes))


# ---------------------------------------------------------------------------
# A datasheet's licence answers ({name, spdx, url} or a gap), as the lint rule DS704 and the
# provenance command read them. They live here, not in provenance.py, so that lint does not
# import the copy finder to judge one licence.


def license_answer(value: Any) -> dict:
    """The name and SPDX id of a licence answer; {} for a gap (a status with a reason)."""
    if isinstance(value, dict):
        return {k: value[k] for k in ("name", "spdx") if isinstance(value.get(k), str)}
    return {"name": value} if isinstance(value, str) and value.strip() else {}


def license_text(value: dict) -> str:
    """How a licence answer is read: its SPDX id when it has one, else its name."""
    return value.get("spdx") or value.get("name") or ""


def license_compatibility(source: dict, copy: dict, *, modified: bool = False
                          ) -> tuple[str, list[str]]:
    """:func:`compatibility` of two licence answers: ("compatible" | "incompatible" |
    "unknown", reasons). `modified`: the copy changed the files (resized, re-split ...)."""
    result = compatibility(normalize(license_text(source)), normalize(license_text(copy)),
                           modified=modified)
    return result.verdict, list(result.reasons)

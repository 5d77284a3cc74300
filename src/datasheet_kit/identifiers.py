"""Persistent identifiers (DOI, Handle, ARK) in identifier fields, citations and
free text, and the hosting platform a URL points at.

FAIR check F1 asks for a persistent identifier; a Kaggle or Hugging Face URL is
not one. This module tells them apart offline, by syntax alone (resolving needs
the network and lives elsewhere). The patterns follow
``shared/reference/croissant_fair.md`` §5:

- DOI: Crossref's pattern ``10.<4-9 digits>/<suffix of - . _ ; ( ) / : letters
  digits>``, plus any non-space suffix under ``10.1002`` (early Wiley DOIs).
- Handle: a dotted numeric prefix, ``/``, a local name (as F-UJI reads them).
  Every DOI is also a Handle, so DOI is always tried first. In free text a
  Handle needs ``hdl:``, a hdl.handle.net link or the ``20.500.`` prefix,
  because a bare "1721.1/123" could be anything.
- ARK: ``ark:`` [``/``] NAAN ``/`` name, the NAAN being digits or betanumerics.

Standard library only, no network.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import quote, unquote, urlsplit

SCHEMES = ("doi", "handle", "ark", "url")


class Identifier(NamedTuple):
    """One identifier found in text.

    ``value`` has no label or resolver: a DOI as ``10.1234/abc`` (lower case,
    since DOIs are case-insensitive, so equal DOIs compare equal), a Handle as
    ``20.500.12345/abc``, an ARK as ``13030/tf5p30086k``, a URL as written.
    ``url`` is the canonical resolver URL; ``start``/``end`` are the span in
    the text it was found in.
    """

    scheme: str
    value: str
    url: str
    start: int = 0
    end: int = 0

    def __str__(self) -> str:
        prefix = {"doi": "doi:", "handle": "hdl:", "ark": "ark:/"}.get(self.scheme, "")
        return prefix + self.value


# ---------------------------------------------------------------------------
# Patterns

# A full DOI (Crossref's pattern, which matches 99% of Crossref DOIs) and the
# early Wiley DOIs that contain characters such as < > # (croissant_fair.md §5).
_DOI_FULL = re.compile(r"10\.\d{4,9}/[-._;()/:A-Z0-9]+", re.IGNORECASE)
_WILEY_FULL = re.compile(r"10\.1002/\S+")
_HANDLE_FULL = re.compile(r"\d+(?:\.\d+)*/\S+")
_BETANUMERIC = "0-9bcdfghjkmnpqrstvwxz"
_ARK_FULL = rf"(?:ark:/?)?([{_BETANUMERIC}]+)/([0-9A-Za-z=~*+@_$./%-]+)"  # compiled when used:
# case-insensitive character classes this large take milliseconds to compile, and lint only
# needs it for an ARK

# The same shapes inside free text. A suffix stops at characters that
# delimit text (space, quotes, brackets, braces), and the start must not be
# glued to a word or a number, so "v10.1234/5" and "210.1234/5" do not count.
_START = r"(?<![\w.-])"
_DOI_BODY = r"10\.1002/[^\s\"'{}\[\]|\\^`]+|10\.\d{4,9}/[-._;()/:A-Z0-9]+"
# In a resolver URL the suffix may be percent-encoded (10.1000/a%2Fb).
_DOI_URL_BODY = r"10\.1002/[^\s\"'{}\[\]|\\^`]+|10\.\d{4,9}/(?:[-._;()/:A-Z0-9]|%[0-9A-F]{2})+"
# '?' and '#' end a Handle: after them comes a resolver query, not the name.
_HANDLE_BODY = r"\d+(?:\.\d+)*/[^\s\"'<>{}\[\]|\\^`?#]+"
_ARK_BODY = rf"([{_BETANUMERIC}]+)/([0-9A-Za-z=~*+@_$./%-]+)"



@functools.cache
def _finders() -> tuple[tuple[str, bool, re.Pattern[str]], ...]:
    """The patterns that find identifiers in text, compiled on first use (lint's checks of a
    declared DOI never need them, and they are most of what importing this module would cost).

    Tried in this order; a later match that overlaps an earlier one is dropped,
    so "https://doi.org/10.1/x" is one DOI, not a URL plus a bare DOI. The flag
    says the body sits in a URL and may be percent-encoded."""
    return (
        ("doi", True, re.compile(
            rf"{_START}(?:https?://)?(?:dx\.|www\.)?doi\.org/(?:doi:)?({_DOI_URL_BODY})", re.I)),
        ("handle", True, re.compile(
            rf"{_START}(?:https?://)?hdl\.handle\.net/({_HANDLE_BODY})", re.I)),
        ("ark", True, re.compile(rf"{_START}(?:https?://)?[\w.-]+\.\w+/ark:/?{_ARK_BODY}", re.I)),
        ("doi", False, re.compile(rf"(?<!\w)doi:?\s*({_DOI_BODY})", re.I)),
        ("handle", False, re.compile(rf"(?<!\w)hdl:\s*({_HANDLE_BODY})", re.I)),
        ("ark", False, re.compile(rf"(?<![\w/])ark:/?{_ARK_BODY}", re.I)),
        ("doi", False, re.compile(rf"{_START}({_DOI_BODY})", re.I)),
        # A bare Handle needs the modern 20.500 prefix: "1721.1/123" could be anything.
        ("handle", False, re.compile(rf"{_START}(20\.500\.\d+/[^\s\"'<>{{}}\[\]|\\^`?#]+)")),
    )

# What each of the _finders() patterns cannot match without, in the same order.
_NEEDS = ("doi.org/", "hdl.handle.net/", "/ark:", "doi", "hdl:", "ark:", "10.", "20.500.")

_TRAILING = ".,;:!?'\""


def _trim(text: str) -> str:
    """Drop what ends the sentence rather than the identifier: a final full
    stop, comma or quote, a ')' closing a parenthesis opened before the
    identifier, and a final '/' (structural in ARKs, never meant in prose)."""
    opened, closed = text.count("("), text.count(")")
    end = len(text)
    while end:
        last = text[end - 1]
        if last == ")" and closed > opened:
            closed -= 1
        elif last not in _TRAILING and last != "/":
            break
        end -= 1
    return text[:end]


def _make(scheme: str, body: str, start: int, end: int, naan: str = "") -> Identifier | None:
    """Build an Identifier from a matched body, re-checking the scheme:
    a Handle whose body is a DOI is a DOI."""
    if scheme == "handle" and (_DOI_FULL.fullmatch(body) or _WILEY_FULL.fullmatch(body)):
        scheme = "doi"
    if scheme == "doi":
        if not (_DOI_FULL.fullmatch(body) or _WILEY_FULL.fullmatch(body)):
            return None
        value = body.lower()
        return Identifier("doi", value, "https://doi.org/" + quote(value, safe="/:;()._-"),
                          start, end)
    if scheme == "handle":
        if not _HANDLE_FULL.fullmatch(body):
            return None
        return Identifier("handle", body,
                          "https://hdl.handle.net/" + quote(body, safe="/:;()._-"), start, end)
    # ARK: the label and NAAN are case-insensitive, the name is not.
    value = f"{naan.lower()}/{body}"
    return Identifier("ark", value, f"https://n2t.net/ark:/{value}", start, end)


def find_all(text: str) -> list[Identifier]:
    """Every DOI, Handle and ARK in ``text``, in order of appearance.

    Plain URLs are not reported (see :func:`parse` and :func:`platform_of`).
    Never raises; anything that is not a str yields an empty list.
    """
    if not isinstance(text, str) or not text:
        return []
    lowered = text.lower()
    if not any(mark in lowered for mark in ("10.", "hdl", "ark:", "20.500")):
        return []  # every pattern below needs one of these: most texts hold none
    taken = bytearray(len(text))  # 1 where an earlier, stronger match sits
    found: list[Identifier] = []
    # A pattern is tried only where its literal stands (in lower case: only four characters
    # match a Latin letter when case is ignored, and str.lower folds all but these three).
    every = any(c in text for c in "\u0130\u0131\u017f")
    for (scheme, in_url, pattern), needs in zip(_finders(), _NEEDS, strict=True):
        if not every and needs not in lowered:
            continue
        for m in pattern.finditer(text):
            naan = m.group(1) if scheme == "ark" else ""
            group = 2 if scheme == "ark" else 1
            body = _trim(m.group(group))
            if not body:
                continue
            start, end = m.start(), m.start(group) + len(body)
            if 1 in taken[start:end]:
                continue
            ident = _make(scheme, unquote(body) if in_url else body, start, end, naan)
            if ident is not None:
                taken[start:end] = b"\x01" * (end - start)
                found.append(ident)
    return sorted(found, key=lambda i: i.start)


_HTTP_URL = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)


def parse(text: str) -> Identifier | None:
    """Read ``text`` as exactly one identifier (an ``identifier`` or ``sameAs``
    value): a DOI, Handle or ARK in any usual form, else an http(s) URL with
    scheme ``url``, else None."""
    if not isinstance(text, str):
        return None
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    if len(core) >= 2 and core[0] + core[-1] in ("<>", '""', "''"):
        core, lead = core[1:-1].strip(), lead + 1
    if not core:
        return None
    ids = find_all(core)
    if len(ids) == 1 and ids[0].start == 0 and ids[0].end == len(_trim(core)):
        one = ids[0]
        return Identifier(one.scheme, one.value, one.url, one.start + lead, one.end + lead)
    if _HTTP_URL.fullmatch(core):
        return Identifier("url", core, core, lead, lead + len(core))
    return None


def pid_scheme(text: str) -> str | None:
    """"doi", "handle" or "ark" when ``text`` is one persistent identifier, else None
    (a plain URL, a bare "1721.1/123", anything else)."""
    ident = parse(text)
    return ident.scheme if ident is not None and ident.scheme != "url" else None


def is_persistent(text: str) -> bool:
    """True for a DOI, Handle or ARK; False for a platform URL such as
    kaggle.com/datasets/... or huggingface.co/datasets/..., and for anything else."""
    return pid_scheme(text) is not None


# ---------------------------------------------------------------------------
# Validation with a reason a person can act on

_DOI_PREFIX_REASON = "a DOI starts with '10.' followed by a registrant code of 4 to 9 digits"
# Resolver prefixes and labels a declared value may carry. ARKs resolve on any host
# ("https://gallica.bnf.fr/ark:/..."), so any host in front of "ark:" is a resolver.
_STRIP_LABELS = re.compile(
    r"^(?:https?://(?:dx\.|www\.)?doi\.org/|https?://hdl\.handle\.net/|https?://[^/\s]+/(?=ark:)"
    r"|doi:\s*|hdl:\s*|info:(?:doi|hdl)/)",
    re.IGNORECASE,
)


def validate(scheme: str, value: str) -> str | None:
    """None when ``value`` is a syntactically valid ``scheme`` identifier,
    else a short reason. A resolver prefix or label on the value is tolerated."""
    if not isinstance(value, str):
        return "the identifier is not text"
    scheme = (scheme or "").strip().lower()
    check = _VALIDATORS.get(scheme)
    if check is None:
        return f"unknown scheme {scheme!r}: expected doi, handle, ark or url"
    return check(_STRIP_LABELS.sub("", value.strip()))


def _doi_problem(v: str) -> str | None:
    if not re.match(r"10\.\d{4,9}/", v):
        return _DOI_PREFIX_REASON
    if v.endswith("/"):
        return "a DOI needs a suffix after the '/'"
    if not (_DOI_FULL.fullmatch(v) or _WILEY_FULL.fullmatch(v)):
        return "a DOI suffix may contain only letters, digits and - . _ ; ( ) / :"
    return None


def _handle_problem(v: str) -> str | None:
    if not _HANDLE_FULL.fullmatch(v):
        return ("a Handle is a numeric prefix such as 20.500.12345, a '/', "
                "and a local name without spaces")
    return None


def _ark_problem(v: str) -> str | None:
    if not v.lower().startswith("ark:"):
        v = "ark:/" + v
    if re.fullmatch(_ARK_FULL, v, re.IGNORECASE) is None:
        return ("an ARK is 'ark:/' then a NAAN of digits or betanumeric letters "
                "(no vowels), a '/', and a name")
    return None


def _url_problem(v: str) -> str | None:
    try:
        parts = urlsplit(v)
    except ValueError:
        return "not a well-formed URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "a URL must start with http:// or https:// and name a host"
    return None


_VALIDATORS: dict[str, Callable[[str], str | None]] = {
    "doi": _doi_problem, "handle": _handle_problem, "ark": _ark_problem, "url": _url_problem}


# ---------------------------------------------------------------------------
# Platforms

# Host suffixes of each platform; a subdomain counts ("drive.grand-challenge.org").
_PLATFORM_HOSTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kaggle", ("kaggle.com",)),
    ("huggingface", ("huggingface.co", "hf.co")),
    ("zenodo", ("zenodo.org",)),
    ("physionet", ("physionet.org",)),
    ("tcia", ("cancerimagingarchive.net",)),
    ("grand_challenge", ("grand-challenge.org",)),
    ("osf", ("osf.io",)),
    ("dataverse", ("dataverse.harvard.edu", "dataverse.org")),
    ("figshare", ("figshare.com",)),
    ("mendeley_data", ("data.mendeley.com",)),
    # github.io pages are websites, not repositories, so they are left out.
    ("github", ("github.com", "githubusercontent.com")),
)

# DOI prefixes registered by these platforms, so that a DOI names its host too
# (e.g. HAM10000's 10.7910/DVN/DBW86T is Harvard Dataverse).
_PLATFORM_DOI_PREFIXES = {
    "10.34740": "kaggle",
    "10.57967": "huggingface",
    "10.5281": "zenodo",
    "10.13026": "physionet",
    "10.7937": "tcia",
    "10.17605": "osf",
    "10.7910": "dataverse",
    "10.6084": "figshare",
    "10.17632": "mendeley_data",
}


def platform_of(url: str) -> str | None:
    """The data platform a URL (or DOI) belongs to, or None.

    One of: kaggle, huggingface, zenodo, physionet, tcia, grand_challenge, osf,
    dataverse, figshare, mendeley_data, github.
    """
    if not isinstance(url, str) or not url.strip():
        return None
    ident = parse(url)
    if ident is not None and ident.scheme == "doi":
        return _PLATFORM_DOI_PREFIXES.get(ident.value.split("/", 1)[0])
    text = url.strip()
    try:
        host = (urlsplit(text if "://" in text else "//" + text).hostname or "").lower()
    except ValueError:
        return None
    host = host.rstrip(".")
    for platform, suffixes in _PLATFORM_HOSTS:
        if any(host == s or host.endswith("." + s) for s in suffixes):
            return platform
    # Dataverse is installed by many institutions (dataverse.nl, dataverse.no ...).
    if "dataverse" in host.split("."):
        return "dataverse"
    return None


def names_data(ident: Identifier) -> bool:
    """True when an identifier found in prose names data rather than a publication: any Handle
    or ARK, and a DOI registered by a data repository (Zenodo, Dataverse, PhysioNet...). Other
    DOIs usually name the paper about a dataset. FAIR-F1-PID and the card readers both ask this."""
    return ident.scheme != "doi" or platform_of(ident.url) is not None

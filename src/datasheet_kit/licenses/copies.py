"""Whether a copy's licence honours the licence of the dataset it copies: :func:`compatibility`.

The rules are tables a reader can scan (gates that decide alone, conditions that are all checked,
notes on a compatible answer), each row a verdict, a predicate and a reason in plain words. They
are separate from reading licences because they judge two already-normalised values.
(Named `copies`, not `compatibility`, so that the module does not share its name with the
function the package re-exports.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from .creative_commons import _cc_from_spdx_id, _parse_cc
from .model import Compatibility, License
from .reading import normalize
from .table import _key

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
        return _Copyleft("CC " + "-".join(cc.elements), version,
                         version is not None and version >= (2, 0))
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
    (INCOMPATIBLE,
     lambda s, c, m: s.share_alike and c.terms_known and _share_alike(s, c) == "broken",
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

    broken = [(v, why.format(**words)) for v, when, why in _CONDITIONS
              if when(source, copy, modified)]
    if any(v == INCOMPATIBLE for v, _ in broken):
        return Compatibility(INCOMPATIBLE, tuple(r for v, r in broken if v == INCOMPATIBLE))
    if broken:
        return Compatibility(UNKNOWN, tuple(r for _, r in broken))

    notes = tuple(why.format(**words) for _, when, why in _NOTES if when(source, copy, modified))
    if _same(source, copy):
        first = "The copy keeps the original's licence ({s}).".format(**words)
    elif not _has_conditions(source):
        first = ("The original ({s}) sets no conditions, so any licence on the copy ({c}) is "
                 "allowed.").format(**words)
    else:
        first = ("The copy's licence ({c}) keeps every condition of the original "
                 "({s}).").format(**words)
    return Compatibility(COMPATIBLE, (first, *notes))

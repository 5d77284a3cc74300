"""Creative Commons names read structurally: licence elements, version and jurisdiction port.

CC licences are written in too many ways for a table ("CC BY-NC 4.0", "Attribution-NonCommercial
4.0 International", a creativecommons.org URL), so they are parsed from their words instead. The
parser is separate because both reading a statement and judging share-alike need it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .table import _key

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
    words = _cc_words(tokens)
    if words is None:
        return None
    elements, numbers, ports = words
    versions = _cc_versions(numbers)
    if len(versions) > 1 or len(ports) > 1 or not elements:
        return None
    version = next(iter(versions), None)
    if version is not None and version not in _CC_VERSIONS:
        return None
    return _cc_licence(elements, version, ports)


def _cc_words(tokens: list[str]) -> tuple[set[str], list[str], set[str]] | None:
    """(licence elements, version digits, ports) named by the tokens of a key, or None when a
    token is not part of a CC name."""
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
    return elements, numbers, ports


def _cc_versions(numbers: list[str]) -> set[str]:
    """Digits come in major/minor pairs: "4-0" is 4.0; "4" alone is 4.0 too."""
    versions = set()
    j = 0
    while j < len(numbers):
        if j + 1 < len(numbers) and numbers[j + 1] in ("0", "1", "5"):
            versions.add(f"{numbers[j]}.{numbers[j + 1]}")
            j += 2
        else:
            versions.add(f"{numbers[j]}.0")
            j += 1
    return versions


def _cc_licence(elements: set[str], version: str | None, ports: set[str]) -> _CC | None:
    """The licence the elements, version and port name, or None when no CC licence is that."""
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

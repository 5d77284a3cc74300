"""One door for every input a command accepts: datasheets and the platform cards they import.

`load_document` decides what a file is and returns a Sheet; commands never open files themselves.
The name decides when it is unambiguous (README.md, dataset-metadata.json, *.yaml); otherwise
the first few kilobytes do: a JSON-LD context or a Croissant URI is Croissant, other JSON is
Kaggle metadata, YAML front matter or Markdown headings make a Hugging Face card.
"""

from __future__ import annotations

import re
from pathlib import Path

from .sheet import Sheet, load, loads, read_text

CARD_SUFFIXES = (".md", ".markdown")
JSON_SUFFIXES = (".json", ".jsonld")
KAGGLE_NAMES = ("dataset-metadata.json", "datapackage.json")
DATASHEET_SUFFIXES = (".yaml", ".yml")
_CROISSANT_HINT = re.compile(r'"@context"|mlcommons\.org/croissant'
                             r'|"@type"\s*:\s*"(sc:|schema:|https?://schema\.org/)?Dataset"')
_HEADING = re.compile(r"^#{2,6}\s+\S", re.MULTILINE)
SNIFF = 4096


def kind_of(path: str | Path, text: str) -> str:
    """"datasheet", "hf", "kaggle" or "croissant" for a file's name and text."""
    path = Path(path)
    name = path.name.lower()
    if name in KAGGLE_NAMES:
        return "kaggle"
    if path.suffix.lower() in DATASHEET_SUFFIXES:
        return "datasheet"
    head = text[:SNIFF].lstrip()
    if path.suffix.lower() in JSON_SUFFIXES or head[:1] in ("{", "["):
        return "croissant" if _CROISSANT_HINT.search(text[:SNIFF * 4]) else "kaggle"
    if path.suffix.lower() in CARD_SUFFIXES or name.startswith("readme"):
        return "hf"
    if _HEADING.search(text[:SNIFF * 4]):
        # Markdown headings: a card. A YAML datasheet cannot have them (a "#" line is a comment
        # there, but "# Title" after a --- block is how every card starts, so look for "##").
        return "hf"
    return "datasheet"


def load_document(path: str | Path) -> Sheet:
    name = str(path)
    probe = Sheet(name)
    text = read_text(path, probe)
    if text is None:
        return probe
    return read_document(text, name)


def read_document(text: str, name: str, kind: str | None = None) -> Sheet:
    """A document already in memory (a fetched card, say), read as `kind` or as its name says."""
    kind = kind or kind_of(name, text)
    if kind == "datasheet":
        return loads(text, name)
    from .readers import croissant, hf, kaggle  # readers load only when a card is read

    reader = {"hf": hf, "kaggle": kaggle, "croissant": croissant}[kind]
    return reader.read(text, name)


__all__ = ["kind_of", "load", "load_document", "read_document"]

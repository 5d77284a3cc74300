"""One door for every input a command accepts: datasheets and the platform cards they import.

`load_document` decides what a file is and returns a Sheet; commands never open files themselves.
The name decides when it is unambiguous (README.md, dataset-metadata.json, *.yaml); otherwise
the first few kilobytes do: a JSON-LD context or a Croissant URI is Croissant, other JSON is
Kaggle metadata, YAML front matter or Markdown headings make a Hugging Face card.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from .findings import UsageError
from .sheet import Sheet, load, loads, read_text

CARD_SUFFIXES = (".md", ".markdown")
JSON_SUFFIXES = (".json", ".jsonld")
KAGGLE_NAMES = ("dataset-metadata.json", "datapackage.json")
DATASHEET_SUFFIXES = (".yaml", ".yml")
# The patterns stay text until a file's name leaves its kind open (re compiles and keeps them
# then): linting datasheets, named .yaml, never needs them.
_CROISSANT_HINT = (r'"@context"|mlcommons\.org/croissant'
                   r'|"@type"\s*:\s*"(sc:|schema:|https?://schema\.org/)?Dataset"')
_HEADING = r"(?m)^#{2,6}\s+\S"
# Keys only Kaggle metadata has (the upload file, the API dump, `{"info": ...}`), or an `id` of
# the OWNER/SLUG form: a folder's other JSON (package.json, configs) is not a document.
_KAGGLE_HINT = (r'"(licenses|datasetSlug|ownerUser|ownerRef|titleNullable|'
                r'expectedUpdateFrequency|isPrivate|collaborators)"\s*:'
                r'|"id"\s*:\s*"[^"/\s]+/[^"/\s]+"')
# The title line of templates/datasheet.md.j2 (`datasheet generate markdown`).
_MARKDOWN_DATASHEET = r"(?m)^# Datasheet: "
_MARKDOWN_TITLE = "# Datasheet: "
SNIFF = 4096
KINDS = ("datasheet", "hf", "kaggle", "croissant")


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
        return "croissant" if re.search(_CROISSANT_HINT, text[:SNIFF * 4]) else "kaggle"
    if path.suffix.lower() in CARD_SUFFIXES or name.startswith("readme"):
        return "hf"
    if re.search(_HEADING, text[:SNIFF * 4]):
        # Markdown headings: a card. A YAML datasheet cannot have them (a "#" line is a comment
        # there, but "# Title" after a --- block is how every card starts, so look for "##").
        return "hf"
    return "datasheet"


def folder_kind(path: Path) -> str | None:
    """What a file met while walking a folder is, or None when it is not a document.

    A YAML file is a datasheet and a Markdown file a card, as their names say (except the
    Markdown rendering of a datasheet that `generate markdown` writes). A JSON file counts only
    when it is named as Kaggle's or its first bytes look like Croissant or Kaggle metadata, so
    that a repository's other JSON files are passed over rather than reported.
    """
    suffix = path.suffix.lower()
    if suffix in DATASHEET_SUFFIXES:
        return "datasheet"
    if suffix not in CARD_SUFFIXES + JSON_SUFFIXES:
        return None
    if path.name.lower() in KAGGLE_NAMES:
        return "kaggle"
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF * 4).decode("utf-8", "replace")
    except OSError:
        return kind_of(path, "")  # named as a document: reading it reports the problem
    if suffix in CARD_SUFFIXES:
        # `generate markdown` renders a YAML datasheet for reading (DATASHEET.md beside the
        # README); the datasheet itself is what gets judged, not its rendering as a card.
        # (the title line's text is looked for first: a multi-line "^" search has no prefix to
        # skip ahead by, and tries every position of the 16 kB)
        rendered = _MARKDOWN_TITLE in head and re.search(_MARKDOWN_DATASHEET, head)
        return None if rendered else "hf"
    if re.search(_CROISSANT_HINT, head):
        return "croissant"
    return "kaggle" if re.search(_KAGGLE_HINT, head) else None


# Folders a walk never enters (as ruff does not): tools' caches, environments, version control.
# A folder given by name is walked whatever its name; only the folders met inside are skipped.
SKIPPED_FOLDERS = frozenset({"node_modules", "site-packages", "__pycache__", "__pypackages__",
                             "venv", "env", "_build", "buck-out"})


def _walk(folder: Path) -> list[Path]:
    """Every file under `folder`, in a stable order, leaving out hidden folders (`.git`,
    `.venv`, `.tox`, ...) and SKIPPED_FOLDERS."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        found.extend(Path(root, name) for name in names)
    return sorted(found)


class Gathered(NamedTuple):
    """The documents of some paths, and the paths (folders) that gave none."""

    files: list[Path]
    empty: list[str]


def gather(paths: Iterable[str | Path], kinds: Iterable[str] = KINDS) -> Gathered:
    """The files the commands read: a file is taken as given; a folder gives, recursively and in
    a stable order, every document of the wanted `kinds` under it (datasheets, HF cards,
    Kaggle metadata, Croissant), and is listed in `empty` when it gives none. Raises
    FileNotFoundError for a path that does not exist."""
    wanted = set(kinds)
    files: list[Path] = []
    empty: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in _walk(path) if folder_kind(p) in wanted]
            files.extend(found)
            if not found:
                empty.append(str(raw))
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(raw)
    return Gathered(files, empty)


def documents(paths: Iterable[str | Path], kinds: Iterable[str] = KINDS) -> list[Path]:
    """The files of `gather`."""
    return gather(paths, kinds).files


def files(paths: Iterable[str | Path], kinds: Iterable[str] = KINDS) -> list[Path]:
    """`documents`, with a path that does not exist as a usage error."""
    return collect(paths, kinds).files


def collect(paths: Iterable[str | Path], kinds: Iterable[str] = KINDS) -> Gathered:
    """`gather`, with a path that does not exist as a usage error."""
    try:
        return gather(paths, kinds)
    except FileNotFoundError as exc:
        raise UsageError(f"no such file or folder: {exc.args[0]}") from None


def what_is_looked_for(kinds: Iterable[str]) -> str:
    """The documents of `kinds` in words, for a message about a folder that has none."""
    words = {"datasheet": "datasheet (.yaml)", "hf": "card (.md)",
             "kaggle": "Kaggle metadata", "croissant": "Croissant file"}
    named = [words[k] for k in kinds if k in words]
    return ", ".join(named[:-1]) + " or " + named[-1] if len(named) > 1 else named[0]


def load_target(target: str, timeout: float) -> Sheet:
    """A card or datasheet from a path, or fetched for `hf:OWNER/NAME` / `kaggle:OWNER/SLUG`.
    A target that cannot be had is a usage error (remote.RemoteError is one), not a finding."""
    from .remote import fetch, is_remote

    if is_remote(target):
        return fetch(target, timeout=timeout)
    if not Path(target).exists():
        raise UsageError(f"no such file or folder: {target}")
    return load_document(target)


def load_document(path: str | Path, answers_only: bool = False) -> Sheet:
    """A file read as what it is (`answers_only`: see read_document)."""
    name = str(path)
    probe = Sheet(name)
    text = read_text(path, probe)
    if text is None:
        return probe
    return read_document(text, name, answers_only=answers_only)


def read_document(text: str, name: str, kind: str | None = None,
                  answers_only: bool = False) -> Sheet:
    """A document already in memory (a fetched card, say), read as `kind` or as its name says.

    `answers_only`: what a card answers and what keeps it from being read, no more: its reader
    leaves out the platform's own metadata rules (DS020-DS023, findings only lint reports),
    the hints and the prose no question takes, none of which changes an answer. `survey`,
    which reads and does not lint, asks for this."""
    kind = kind or kind_of(name, text)
    if kind == "datasheet":
        return loads(text, name)
    from .readers import croissant, hf, kaggle  # readers load only when a card is read

    reader = {"hf": hf, "kaggle": kaggle, "croissant": croissant}[kind]
    return reader.read(text, name, answers_only=answers_only)


__all__ = ["KINDS", "SKIPPED_FOLDERS", "Gathered", "collect", "documents", "files", "folder_kind",
           "gather", "kind_of", "load", "load_document", "load_target", "read_document",
           "what_is_looked_for"]

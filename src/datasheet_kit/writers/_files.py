"""Updating generated files so that they keep what people wrote (files.write_atomic writes them).

A Markdown output is a sequence of generated blocks between markers,

    <!-- datasheet-kit:begin NAME -->
    ...
    <!-- datasheet-kit:end -->

plus, for a HF card, a YAML front matter. Updating an existing file replaces the content of each
block and the front-matter keys we write, and keeps everything else: text outside the blocks and
front-matter keys we do not write (a person's `configs`, `viewer`, gating fields...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

BEGIN = "<!-- datasheet-kit:begin {name} -->"
END = "<!-- datasheet-kit:end -->"
_BLOCK = re.compile(r"<!-- datasheet-kit:begin (?P<name>[^\s>]+) -->\n?(?P<body>.*?)"
                    r"<!-- datasheet-kit:end -->", re.DOTALL)
# The Hub's own front-matter pattern (huggingface_hub REGEX_YAML_BLOCK), so we split files as it
# does.
_FRONT = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")


class RefusedError(Exception):
    """The existing file was written by hand (no markers) and differs: we will not overwrite it."""


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(YAML text or None, body), split the way huggingface_hub splits a card."""
    match = _FRONT.match(text)
    if not match:
        return None, text
    return match.group(2), text[match.end():]


def blocks(text: str) -> dict[str, str]:
    return {m.group("name"): m.group("body") for m in _BLOCK.finditer(text)}


def has_markers(text: str) -> bool:
    return _BLOCK.search(text) is not None


def merge_body(old: str, new: str) -> str:
    """`old` with each generated block replaced by the block of the same name in `new`.

    Blocks that `new` has and `old` lacks go after the block that precedes them in `new` (or at
    the end); blocks of ours that `new` no longer has are removed. Text outside blocks is kept.
    """
    fresh = blocks(new)
    out: list[str] = []
    position = 0
    placed: set[str] = set()
    order = list(fresh)
    for match in _BLOCK.finditer(old):
        out.append(old[position:match.start()])
        position = match.end()
        name = match.group("name")
        if name in fresh and name not in placed:
            # Bring in, just before this block, any new blocks that `new` puts before it.
            for earlier in order[:order.index(name)]:
                if earlier not in placed:
                    out.append(_block(earlier, fresh[earlier]) + "\n\n")
                    placed.add(earlier)
            out.append(_block(name, fresh[name]))
            placed.add(name)
        elif old[position:position + 1] == "\n":
            position += 1  # a removed block takes its line break with it
    out.append(old[position:])
    missing = [name for name in order if name not in placed]
    text = "".join(out)
    if missing:
        text = text.rstrip("\n") + "\n\n" + "\n\n".join(_block(n, fresh[n]) for n in missing) + "\n"
    return text


def _block(name: str, body: str) -> str:
    return f"{BEGIN.format(name=name)}\n{body}{END}"


@dataclass
class Plan:
    """What writing OUT would do: the text it would hold and whether that changes the file."""

    path: Path
    text: str
    changed: bool


def plan_markdown(path: Path, generated: str, *, force: bool = False,
                  merge_front_matter=None) -> Plan:
    """The text `path` should hold after an update with `generated` (a freshly rendered file).

    Raises RefusedError when `path` exists, has no markers and differs from `generated`, unless
    `force`. `merge_front_matter(old_yaml, new_yaml) -> yaml` keeps a person's extra keys.
    """
    path = Path(path)
    if not path.exists():
        return Plan(path, generated, True)
    old = path.read_text(encoding="utf-8-sig")
    if old == generated:
        return Plan(path, generated, False)
    old_yaml, old_body = split_front_matter(old)
    new_yaml, new_body = split_front_matter(generated)
    if not has_markers(old_body):
        if force:
            return Plan(path, generated, True)
        raise RefusedError(
            f"{path} has no datasheet-kit markers and differs from the generated file, so it "
            "looks hand-written; it was left unchanged. Add the markers around the parts to "
            "generate, or pass --force to replace the whole file.")
    body = merge_body(old_body, new_body)
    if new_yaml is not None:
        yaml_text = merge_front_matter(old_yaml, new_yaml) if merge_front_matter else new_yaml
    else:
        yaml_text = old_yaml  # an output without front matter keeps the person's own
    text = body if yaml_text is None else f"---\n{yaml_text.rstrip(chr(10))}\n---\n{body}"
    return Plan(path, text, text != old)


def plan_whole(path: Path, generated: str) -> Plan:
    """JSON outputs are wholly generated: the file is ours, so the new text simply replaces it."""
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else None
    return Plan(path, generated, old != generated)

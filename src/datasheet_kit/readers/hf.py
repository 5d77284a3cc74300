"""Hugging Face dataset cards (README.md): YAML metadata plus Markdown sections.

The card is split with the Hub's own front-matter pattern, the metadata is read with the
project's YAML loader (so every key keeps its line), and the body is cut into sections by a small
line scanner: headings `#` to `######` outside fenced code. That is all a crosswalk needs, and it
is several times faster than a full Markdown parser.

Three layouts are read: the current template (2023+), the legacy `datasets` template, and free
cards. The layout with more of its own headings in the card decides which crosswalk comes first;
the other one is the fallback, so a current card's "Licensing Information" is still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..answer_text import parse_typed
from ..answers import is_placeholder, strip_comments
from ..catalogue import Question, crosswalk, enum_values, questions
from ..findings import Severity
from ..sheet import FATAL, Origin, Sheet, loads
from . import shapes
from .crosswalk import (
    LABEL,
    Layout,
    asked_places,
    fill,
    hint_places,
    normalised,
    question_labels,
    split_labelled,
)
from .positions import add_finding, source_text
from .records import identifiers_from_citation
from .values import Place, holds, norm, pluck, presence_of

# Copied from the Hub (huggingface_hub REGEX_YAML_BLOCK, itself from the Hub's ViewMarkdown.ts).
FRONT_MATTER = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# A backtick fence's info string may not hold a backtick (CommonMark), so "```x```: y" is text.
_FENCE = re.compile(r"^ {0,3}(`{3,}(?=[^`]*$)|~{3,})")
# "- **Curated by:** Jane" and "- **Homepage:**" (the colon inside or outside the stars).
_BULLET = re.compile(r"^\s*[-*+]\s+\*\*(?P<name>[^*]+?)\*\*\s*:?\s*(?P<value>.*?)\s*$")
# The same place written without the template's markup: "License: CC BY 4.0" on a line of its
# own (read only when the name is one of the template's places).
_PLAIN_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<name>[A-Z][\w ()/'-]{2,40}?)\s*:\s+(?P<value>\S.*?)\s*$")
# A value typed into the template's braces instead of in place of them ("{{ license | CC BY 4.0
# }}"): the author's answer, as a reader sees it. `{{ x | default(...) }}` and an empty value
# stay template text. Prose written between the braces in place of the variable ("{{ The
# photos were taken in 2019 }}") is the author's answer too. See `_typed_in_braces`.
_VARIABLE_BAR = re.compile(r"\s*[\w.]+\s*\|")
_VARIABLE_ONLY = re.compile(r"\s*[\w.]+\s*")
_DEFAULT = re.compile(r"\s*default\(")
_BRACE = re.compile(r"[{}]")
YAML = "yaml:"  # the namespace of front-matter keys among a card's places
# The namespace of answers found behind one of our labels for a question the HF template has no
# place for: such a place belongs to its question, whatever heading it stands under.
LABELLED = "labelled:"
# The H1 of both templates names the dataset after this prefix ("Dataset Card for SQuAD").
_TITLE_PREFIX_END = " for"


@dataclass
class Section:
    level: int
    title: str
    line: int
    body: list[str] = field(default_factory=list)
    first_body_line: int = 0


def split_sections(lines: list[str], first_line: int) -> list[Section]:
    """Sections in order; text before the first heading goes into a level-0 section."""
    sections = [Section(0, "", first_line, first_body_line=first_line)]
    body = sections[-1].body
    fence = ""
    for number, line in enumerate(lines, start=first_line):
        # (a fence needs a backtick or a tilde: most lines are not tried at all)
        opening = _FENCE.match(line) if "`" in line or "~" in line else None
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
        elif opening:
            fence = opening.group(1)
        elif line.startswith(("#", " ")):
            heading = _HEADING.match(line)
            if heading:
                sections.append(Section(len(heading.group(1)), heading.group(2).strip(), number,
                                        first_body_line=number + 1))
                body = sections[-1].body
                continue
        body.append(line)
    return sections


class Names:
    """The crosswalk's headings and bullets, normalised, for both card layouts."""

    def __init__(self) -> None:
        self.current = crosswalk("hf_heading")
        self.legacy = crosswalk("hf_legacy_heading")
        self.yaml = crosswalk("hf_yaml")
        # YAML keys and headings live apart: the `license` key is not the "License" bullet.
        yaml_places = normalised(self.yaml, YAML)
        current = {n for names in normalised(self.current).values() for n in names}
        legacy = {n for names in normalised(self.legacy).values() for n in names}
        self.all = current | legacy
        self.only_current = current - legacy
        self.only_legacy = legacy - current
        self.title_prefixes = [n for n in self.all if n.endswith(_TITLE_PREFIX_END)]
        self.hint_keys = sorted({n.removeprefix(YAML) for names in hint_places("hf", YAML).values()
                                 for n in names})
        # The names each card is read by, worked out once: the front-matter keys the crosswalk
        # reads or takes hints from, and the platform fields of each layout (presence).
        self.metadata_keys = [(key, *key.split(".", 1)) if "." in key else (key, key, "")
                              for key in dict.fromkeys([*_key_names(self.yaml), *self.hint_keys])]
        self.yaml_fields = [(name.split(".")[0], _field_of(name)) for name in _key_names(self.yaml)]
        self.body_fields = {variant: [(name, norm(name)) for name in _key_names(mapping)]
                            for variant, mapping in (("legacy", self.legacy),
                                                     ("current", self.current))}
        # Heading -> {label -> question} for the questions that heading holds, so that a
        # labelled paragraph ("**Consent.** ...", as our writer puts several answers under one
        # heading) answers its own question. Only the platform's places count here; labels of
        # questions the card has no place for are `borrowed`, below.
        self.labels = question_labels(self.current, self.legacy)
        # Label -> question for what our writer puts under a heading that does not hold it
        # (hf_card_section). Those labels carry their section ("Num patients (medical
        # imaging)"), exactly as Question.label writes them, so each names one question wherever
        # it stands; other cards do not write them, so nothing is guessed from a heading.
        catalogue = questions()
        self.borrowed = {norm(catalogue[qid].label(qualified=True)): qid
                         for qid in crosswalk("hf_card_section") if qid not in self.current}
        labelled: dict[str, tuple[str, ...]] = {
            qid: (LABELLED + norm(qid),) for qid in self.borrowed.values()}
        asks = {**asked_places("hf"), **asked_places("hf_yaml", YAML)}
        hints = hint_places("hf", YAML)

        def layout(first: dict, second: dict) -> Layout:
            return Layout((labelled, yaml_places, normalised(first),
                           normalised(_without(second, first))), asks, hints)

        # The layout with more of its own headings in the card decides which crosswalk comes
        # first; the other one is the fallback.
        self.layouts = {"legacy": layout(self.legacy, self.current),
                        "current": layout(self.current, self.legacy)}

    def match(self, title: str) -> str | None:
        """The crosswalk name a heading stands for, if any.

        Exact names first; then a name followed by a separator ("License / Terms of Use").
        """
        key = norm(title).replace("licence", "license")  # one heading, two spellings
        if key in self.all:
            return key
        for name in self.all:
            if key.startswith(name) and re.match(r"\s*[/(&:\-\u2013\u2014|,]", key[len(name):]):
                return name
        return None


@lru_cache(maxsize=1)
def names() -> Names:
    return Names()


@lru_cache(maxsize=8192)  # the templates' headings, card after card
def _heading_name(title: str) -> str | None:
    """names().match, asked once per heading: a heading that names no place is compared with
    every name the crosswalk knows."""
    return names().match(title)


class _Card:
    """The places of one card as the reader finds them."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.places: dict[str, list[Place]] = {}
        self.loose: list[Place] = []

    def put(self, name: str, value: Any, line: int, column: int = 1, prose: bool = True,
            key: str | None = None, namespace: str = "", question: str | None = None,
            lines: list[tuple[int, str]] | None = None) -> None:
        self.places.setdefault(namespace + norm(name), []).append(
            Place(name, value, Origin(self.sheet.file, line, column, key or name), prose,
                  question, tuple(lines) if lines is not None else None))


def read(source: str | bytes | Path, file: str | None = None,
         answers_only: bool = False) -> Sheet:
    """The card as a Sheet (`answers_only`: see inputs.read_document)."""
    sheet, card, layout = places_of(source, file, rules=not answers_only)
    if card is not None and layout is not None:
        fill(sheet, layout, card.places, convert=typed_answer, loose=card.loose,
             answers_only=answers_only)
        identifiers_from_citation(sheet)
    return sheet


def places_of(source: str | bytes | Path, file: str | None = None,
              rules: bool = True) -> tuple[Sheet, _Card | None, Layout | None]:
    """The card's places, before any question is answered (the passage model's training script
    reads them too), and the layout to read them with; (sheet, None, None) when the file cannot
    be read. `rules`: check the front matter against the Hub's rules (DS021, DS022)."""
    sheet, text = source_text(source, file)
    sheet.kind = "hf"
    if text is None:
        return sheet, None, None
    known = names()
    card = _Card(sheet)
    body_start = 1
    meta: dict = {}
    meta_origins: dict[str, Origin] = {}
    match = FRONT_MATTER.match(text)
    if match:
        offset = match.group(1).count("\n")
        meta, meta_origins = _read_metadata(sheet, match.group(2), offset)
        if rules:
            shapes.hf(sheet, meta, meta_origins)
        body_start = text.count("\n", 0, match.end()) + 1
        body = text[match.end():]
    else:
        shapes.hf_front_matter_unclosed(sheet, text)  # read as the Hub reads it: all body
        body = text
    _metadata_places(card, meta, meta_origins, known)
    if "{{" in body:
        body = _typed_in_braces(body)
    sections = split_sections(body.splitlines(), body_start)
    headings = {norm(s.title) for s in sections if s.level}
    current_hits = len(headings & known.only_current)
    legacy_hits = len(headings & known.only_legacy)
    variant = "legacy" if legacy_hits > current_hits else "current" if current_hits else "free-form"
    layout = known.layouts["legacy" if variant == "legacy" else "current"]
    _body_places(card, sections, known, body)
    # Whether each platform field holds anything (values.presence); a heading's places know it
    # already (Place.filled), and fill asks them again.
    filled: dict[str, bool] = {}
    for top, field_name in known.yaml_fields:
        filled[field_name] = filled.get(field_name, False) or holds(meta.get(top))
    for name, key in known.body_fields["legacy" if variant == "legacy" else "current"]:
        filled[name] = any(p.filled for p in card.places.get(key, ()))
    sheet.presence = presence_of(filled, variant)
    return sheet, card, layout


def _key_names(mapping: dict[str, tuple[str, ...]]) -> list[str]:
    """Every name a crosswalk uses, in a stable order, without repeats."""
    return list(dict.fromkeys(n for names in mapping.values() for n in names))


def _typed_in_braces(text: str) -> str:
    """The text with each `{{ ... }}` that holds an answer replaced by the answer.

    Written as a scan rather than one regular expression: a pattern with a lazy group before
    "}}" tries every end for every "{{" and took minutes on a mutated card holding a "{{" and
    no "}}" (bench/fuzz_documents.py found it). Here each "{{" looks only as far as the next
    brace, so the whole scan is linear."""
    out: list[str] = []
    done = start = 0
    while (i := text.find("{{", start)) >= 0:
        brace = _BRACE.search(text, i + 2)
        if brace is None:
            break  # no brace after it: no "}}" can close this or any later "{{"
        end = brace.start()
        answer = _answer_inside(text[i + 2:end]) if text.startswith("}}", end) else None
        if answer is None:
            start = i + 1  # "{{{ x }}": the next "{{" may still hold an answer
            continue
        out.append(text[done:i])
        out.append(answer)
        done = start = end + 2
    out.append(text[done:])
    return "".join(out)


def _answer_inside(inner: str) -> str | None:
    """What the braces hold in place of the template variable, or None for template text:
    `variable | value` gives the value (not `default(...)`, not a second bar); text that is
    not a variable gives itself."""
    bar = _VARIABLE_BAR.match(inner)
    if bar is not None:
        rest = inner[bar.end():]
        if "|" in rest or _DEFAULT.match(rest):
            return None
        return rest.strip() or None
    if _VARIABLE_ONLY.fullmatch(inner):
        return None
    return inner.strip() or None


def _field_of(key: str) -> str:
    """The platform field a front-matter key (`license`, `dataset_info.features`) fills: the
    licence keys are one field."""
    top = key.split(".")[0]
    return "license" if top in LICENSE_KEYS else top


def _metadata_places(card: _Card, meta: dict, origins: dict[str, Origin], known: Names) -> None:
    """The front matter's keys that the crosswalk reads (and those that only hint)."""
    for name, top, rest in known.metadata_keys:
        if top in meta and top not in LICENSE_KEYS:
            found = pluck(meta[top], rest.split(".") if rest else [])
            if found:
                origin = origins.get(top) or Origin(card.sheet.file, 1, 1)
                card.put(name, found[0] if len(found) == 1 else found, origin.line,
                         origin.column, prose=False, namespace=YAML)
    license_value = _license(meta)
    if license_value is not None:
        origin = next(origins[k] for k in LICENSE_KEYS if k in origins)
        card.put("license", license_value, origin.line, origin.column, prose=False,
                 namespace=YAML)


def _body_places(card: _Card, sections: list[Section], known: Names, body: str) -> None:
    """Each mapped heading's text (and its bullets, and our labelled paragraphs) as places; the
    text of other headings is kept as loose prose, and on the sheet as unmapped."""
    # What no line of the card's `body` holds spares a pass over every section's lines: a label
    # opens a line with "**", our source note holds its mark. (Most cards have neither.)
    labels = _opens_a_line(body, "**")
    notes = _SOURCES_MARK in body
    mapped = [_heading_name(s.title) if s.level else None for s in sections]
    folded: set[int] = set()
    for index, section in enumerate(sections):
        name = mapped[index]
        own = _own_text(section, known, card)
        # Our labelled answers to questions the heading does not hold are theirs alone: they are
        # taken out of the heading's text before anything else reads it.
        claimed, used = _labelled(own, known.borrowed) if labels else ([], set())
        for qid, line, text in claimed:
            card.put(norm(qid), _tidy(text), line, key=section.title, namespace=LABELLED,
                     question=qid)
        own = _unused(own, used)
        if section.level == 1 and name is None:
            prefix = next((p for p in known.title_prefixes
                           if norm(section.title).startswith(p + " ")), None)
            if prefix:  # "# Dataset Card for NAME": the title is in the heading itself
                title = section.title.split(maxsplit=len(prefix.split()))[-1]
                card.put(prefix, section.title if is_placeholder(section.title) else title,
                         section.line, key=section.title, lines=[])
        if name is not None:
            # The heading's own labelled answers are theirs alone too: a question the heading
            # holds but does not label reads only the unlabelled rest (a label names one question).
            mine, used = _labelled(own, known.labels.get(name, {})) if labels else ([], set())
            numbered = _unused(own, used)
            children = _children(sections, index)
            if children and not any(mapped[i] for i in children) and is_placeholder(
                    "\n".join([line for _, line in numbered])):
                # A free card may put a template leaf's content in sub-sections of its own.
                for i in children:
                    numbered.append((sections[i].line, sections[i].title))
                    numbered += list(enumerate(sections[i].body, sections[i].first_body_line))
                folded.update(children)
            numbered = _prose_lines(numbered) if notes else numbered
            card.put(name, _tidy("\n".join([line for _, line in numbered])), section.line,
                     key=section.title, lines=numbered)
            for qid, line, text in mine:
                card.put(name, _tidy(text), line, key=section.title, question=qid)
        elif index not in folded:
            numbered = _prose_lines(own) if notes else own
            text = _tidy("\n".join([line for _, line in numbered]))
            if section.level:
                card.sheet.unmapped.append({"heading": section.title, "level": section.level,
                                            "line": section.line, "text": text})
            if text:
                card.loose.append(Place(section.title or "the text before the first heading",
                                        text, Origin(card.sheet.file, section.line, 1,
                                                     section.title), lines=tuple(numbered),
                                        context=section.title if section.level > 1 else ""))


def _unused(numbered: list[tuple[int, str]], used: set[int]) -> list[tuple[int, str]]:
    """The lines whose numbers are not in `used`, as a new list."""
    if not used:  # (most sections hold no labelled paragraph)
        return list(numbered)
    return [(number, line) for number, line in numbered if number not in used]


def _prose_lines(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines of a place's text without our source notes (a citation, not an answer)."""
    return [(n, line) for n, line in numbered
            if _SOURCES_MARK not in line or not _SOURCES_LINE.match(line)]


# The shapes whose answers a datasheet holds as values (a number, true/false, closed-list words),
# not prose; a deliberate gap among them is a {status, reason} record.
TYPED_SHAPES = ("count", "fact", "boolean", "enum", "enum_list", "license", "list")


def typed_answer(question: Question, found: list[Place]):
    """For `fill`: a typed question that our label names reads back as the value the writer
    rendered (see writers/_text.parse_typed), and so does a licence written as our writer
    writes one (with its SPDX id) or as a gap; anything else is read as before."""
    if question.shape not in TYPED_SHAPES:
        return None
    if question.shape == "license":  # the licence is the "License" bullet's own text
        own = next((p for p in found if p.prose and p.question is None), None)
    else:
        own = next((p for p in found if p.question == question.id), None)
    if own is None or not isinstance(own.value, str):
        return None
    if question.shape == "license" and is_placeholder(own.value):
        return None  # an empty "Licensing Information" leaves the front matter's licence be
    choices = enum_values(question.enum) if question.enum else None
    value = parse_typed(question.shape, own.value, choices)
    if value is None and is_placeholder(own.value):
        # "[More Information Needed]" where a number or a closed-list value goes says nothing;
        # kept as text, a closed-list question would count it as a chosen value. (The list's
        # own "none" and "unknown" were parsed above, as the values they are.)
        return "", [own]
    return None if value is None else (value, [own])


# The line our writer puts under an answer to cite where it comes from. It is a citation, not
# part of the answer: left in, "N/A;" followed by it would read as "not applicable, because
# <sub>Sources...", and a short answer would change its status on the way back.
_SOURCES_LINE = re.compile(r"^[ \t]*<sub>Sources: [^\n]*</sub>[ \t]*$", re.MULTILINE)
_SOURCES_MARK = "<sub>Sources: "  # what a source line cannot be without


def _tidy(text: str) -> str:
    """Section text without template comments and our source lines, and with at most one blank
    line in a row."""
    text = strip_comments(text)
    if _SOURCES_MARK in text:
        text = _SOURCES_LINE.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


def _without(fallback: dict, primary: dict) -> dict:
    """The fallback layout's names minus those the primary layout uses for something else
    ("Dataset Description" is the summary now, and was the block of links before 2023)."""
    taken = {norm(n) for n in _key_names(primary)}
    return {qid: tuple(n for n in names if norm(n) not in taken) for qid, names in fallback.items()}


def _own_text(section: Section, known: Names, card: _Card) -> list[tuple[int, str]]:
    """(line number, line) of the section's body without the bullets that are places of their
    own (those are put) and without empty scaffolding bullets such as
    "- **Homepage:** [More Information Needed]"."""
    kept = []
    for number, line in enumerate(section.body, start=section.first_body_line):
        # A bullet holds "**", a plain field ":"; a line with neither is not tried.
        bullet = (_BULLET.match(line) or _PLAIN_FIELD.match(line)
                  if "**" in line or ":" in line else None)
        if bullet and (bullet.re is _BULLET or norm(bullet.group("name")) in known.all):
            name = bullet.group("name").strip().rstrip(":").strip()
            value = bullet.group("value")
            if norm(name) in known.all:
                # "- **License:** CC BY 4.0 — **Third party ip.** Unknown: ...": a bullet that
                # holds several questions labels the ones that are not its main answer.
                first, *parts = _BEFORE_LABEL.split(value)
                rest, claimed = split_labelled(parts, {**known.labels.get(norm(name), {}),
                                                       **known.borrowed})
                for qid, text in claimed:
                    if qid in known.borrowed.values():
                        card.put(norm(qid), text, number, key=name, namespace=LABELLED,
                                 question=qid)
                    else:
                        card.put(name, text, number, question=qid)
                text = " \u2014 ".join([first, *rest])
                card.put(name, text, number, lines=[(number, text)])
                continue
            if is_placeholder(value):
                continue
        kept.append((number, line))
    return kept


# The characters str.splitlines ends a line at.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _opens_a_line(text: str, mark: str) -> bool:
    """Whether a line of `text` (as str.splitlines cuts it) starts with `mark`."""
    at = text.find(mark)
    while at > 0 and text[at - 1] not in _LINE_BREAKS:
        at = text.find(mark, at + 1)
    return at >= 0


# Where a bullet's further answers start: an em dash before a bold label.
_BEFORE_LABEL = re.compile(r"\s+\u2014\s+(?=\*\*[^*\n]+?\.\*\*)")


def _labelled(lines: list[tuple[int, str]],
              labels: dict[str, str]) -> tuple[list[tuple[str, int, str]], set[int]]:
    """([(question, line, text)] for each paragraph that opens with a bold label naming one of
    `labels`' questions, the numbers of the lines those paragraphs take). A paragraph runs to
    the next label of any kind."""
    found: list[tuple[str, int, list[str]]] = []
    used: set[int] = set()
    if not labels:
        return [], used  # no label can name a question here
    current: list[str] | None = None
    for number, line in lines:
        match = LABEL.match(line) if line.startswith("**") else None  # (LABEL opens with it)
        if match:
            qid = labels.get(norm(match.group("label")))
            current = [line[match.end():]] if qid else None
            if qid and current is not None:
                found.append((qid, number, current))
        elif current is None:
            continue
        else:
            current.append(line)
        if current is not None:
            used.add(number)
    return [(qid, line, "\n".join(text)) for qid, line, text in found], used


def _children(sections: list[Section], index: int) -> list[int]:
    level = sections[index].level
    found = []
    for i in range(index + 1, len(sections)):
        if sections[i].level <= level:
            break
        found.append(i)
    return found


def _read_metadata(sheet: Sheet, block: str, offset: int) -> tuple[dict, dict[str, Origin]]:
    """The front matter as a mapping, and its keys' origins as lines of the README."""
    meta = loads(block, sheet.file)
    origins = {path: Origin(sheet.file, origin.line + offset, origin.column, path)
               for path, origin in meta.origins.items()}
    for finding in meta.findings:
        line = finding.line + offset
        if finding.code in FATAL:
            what = ("holds only comments or nothing" if finding.code == "DS009"
                    else finding.message)
            add_finding(sheet, "DS014", line, finding.column,
                        f"the metadata block between the --- lines {what}; the Hub expects a "
                        "YAML mapping such as `license: cc-by-4.0`",
                        Severity.WARNING if finding.code == "DS009" else Severity.ERROR)
        else:
            add_finding(sheet, finding.code, line, finding.column, finding.message,
                        finding.severity, finding.path)
    return meta.data, origins


# The licence keys of the metadata: read together, because `other` needs its name and link.
LICENSE_KEYS = ("license", "licenses", "license_name", "license_link", "license_details")


def _license(meta: dict) -> dict | None:
    """The licence keys together, as the schema's License.

    `other` is an answer only with a name or a link (hub-docs repositories-licenses.md); alone
    it is marked as a placeholder. `unknown` is the author saying the licence is unknown: a
    deliberate gap (lint says so with DS401), not an answer and not a template left empty.
    """
    raw = meta.get("license", meta.get("licenses"))
    name, link, details = (meta.get(k) for k in ("license_name", "license_link", "license_details"))
    if raw is None and name is None and link is None and details is None:
        return None
    raw = [str(v) for v in raw if v is not None] if isinstance(raw, list) else raw
    stated = ", ".join(raw) if isinstance(raw, list) else (str(raw) if raw is not None else "")
    if name and stated in ("", "other"):
        value: dict = {"name": str(name)}
    else:
        value = {"name": stated or str(details or "")}
    if link:
        value["url"] = str(link)
    if details and value["name"] != str(details):
        value["terms"] = str(details)
    if value["name"].strip().lower() == "other" and len(value) == 1:
        value["status"] = "placeholder"
    if value["name"].strip().lower() == "unknown" and len(value) == 1:
        return {"status": "unknown",
                "reason": "the card's metadata says `license: unknown`"}
    return value

"""The Hugging Face dataset card (README.md): front matter from closed lists, body by crosswalk.

Each answer goes under the first heading its crosswalk names (`hf_heading`); that is where a
reader looks first. A question the HF template has no place for goes under its
`hf_card_section`, behind its qualified label (Question.label); the HF reader finds it by that
label, wherever it stands, and never reads the heading for it. Typed answers (counts, facts,
closed-list values, licences, identifiers) are written so that readers/hf.py parses them back
exactly (answer_text.parse_typed). A heading that receives no answer of its own but is a
further place for an answered question points to where that answer is, rather than repeating it
or leaving a gap.
Front-matter values come only from the Hub's closed lists (vendored in data/hf_lists.json; its
licence ids in data/licenses.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..answer_text import MISSING_MARK, brief, describe, enum_text, fold
from ..answers import Status, count_of, question_status, sources_of, status_of
from ..catalogue import asks, crosswalk, questions
from . import Output, answers, label_text, shown
from ._license import hf_license, platform_lists
from ._templates import render

TITLE_HEADING = "Dataset Card for"
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_HF_DATASET_URL = re.compile(r"^https?://huggingface\.co/datasets/([\w.-]+/[\w.-]+|[\w.-]+)/?$")
# Size bins of `size_categories`, upper bounds exclusive, in the Hub's spelling.
_SIZE_BINS = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
              (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"),
              (1_000_000_000, "100M<n<1B"), (10_000_000_000, "1B<n<10B"),
              (100_000_000_000, "10B<n<100B"), (1_000_000_000_000, "100B<n<1T"))


@dataclass(frozen=True)
class Entry:
    qid: str
    label: str
    text: str
    sources: tuple[str, ...]
    answered: bool
    brief: str = ""  # the one-line form a bullet shows (names rather than whole records)
    # Written here only because the template has no place for the question (hf_card_section):
    # always labelled, since the heading itself does not say which question this answers.
    borrowed: bool = False


def places() -> dict[str, tuple[str, tuple[str, ...], bool]]:
    """Question id -> (the heading it is written under, further headings that hold it, whether
    that heading is borrowed). The platform's own place (`hf_heading`) comes first; a question HF
    has no place for goes where the schema's `hf_card_section` says."""
    own, borrowed = crosswalk("hf_heading"), crosswalk("hf_card_section")
    out = {}
    for qid in questions():
        if own.get(qid):
            out[qid] = (own[qid][0], own[qid][1:], False)
        elif borrowed.get(qid):
            out[qid] = (borrowed[qid][0], (), True)
    return out


def placements(values: dict[str, Any], data: dict
               ) -> tuple[dict[str, list[Entry]], dict[str, list[str]]]:
    """(heading -> the entries written there, heading -> headings that hold its other answers).

    Only the schema decides: a question's first `hf_heading`, else its `hf_card_section`.
    """
    names = questions()
    primary: dict[str, list[Entry]] = {}
    secondary: dict[str, list[str]] = {}
    for qid, (heading, further, borrowed) in places().items():
        if heading == TITLE_HEADING:
            continue
        value = values.get(qid)
        if not shown(qid, value, data):
            continue
        question = names[qid]
        status = question_status(question.shape, value)
        # A closed list's own words ("none", "unknown") are answers, not placeholders: they are
        # written as the list spells them, so that a reader gets the same value back.
        closed = question.shape in ("enum", "enum_list") and status in (Status.ANSWERED,
                                                                         Status.UNKNOWN)
        text = enum_text(value) if closed else describe(value)
        entry = Entry(qid, question.label(qualified=borrowed), text,
                      tuple(sources_of(value)), status is Status.ANSWERED or closed,
                      text if closed else brief(value), borrowed)
        primary.setdefault(heading, []).append(entry)
        if entry.answered:
            for other in further:
                secondary.setdefault(other, []).append(heading)
    return primary, secondary


@lru_cache(maxsize=1)
def _askers() -> dict[str, int]:
    """Heading -> how many questions a reader gives its unlabelled text to (hf_heading and
    hf_legacy_heading alike: a reader tries both layouts)."""
    counts: dict[str, set[str]] = {}
    for key in ("hf_heading", "hf_legacy_heading"):
        for qid, headings in crosswalk(key).items():
            for heading in headings:
                counts.setdefault(heading, set()).add(qid)
    return {heading: len(qids) for heading, qids in counts.items()}


def _read_as_is(heading: str, qid: str) -> bool:
    """Whether a reader takes the heading's unlabelled text as the answer to `qid` by itself: the
    heading asks that question (schema `asked_by`), or the answer is a typed value read as it
    stands. Elsewhere a reader only takes text it judges to answer the question, so our answer
    goes behind its label."""
    return questions()[qid].shape != "answer" or qid in asks("hf").get(heading, ())


def _section_text(heading: str, primary: dict, secondary: dict) -> str:
    entries = primary.get(heading, [])
    if not entries:
        elsewhere = sorted(set(secondary.get(heading, [])))
        if elsewhere:
            return "See " + ", ".join(f"*{h}*" for h in elsewhere) + "."
        return MISSING_MARK
    if heading == "Citation" and len(entries) == 1 and entries[0].text.lstrip().startswith("@"):
        return f"**BibTeX:**\n\n```bibtex\n{entries[0].text.strip()}\n```"
    # One answer goes unlabelled only where the heading asks it and no other question looks
    # ("Source Data" holds three questions and asks none of them).
    single = (len(entries) == 1 and not entries[0].borrowed
              and _askers().get(heading, 0) <= 1 and _read_as_is(heading, entries[0].qid))
    if single and not entries[0].sources:
        return entries[0].text.strip()
    parts = []
    for e in entries:
        paragraph = e.text.strip() if single else label_text(e.label, e.text.strip())
        if e.sources:
            paragraph += "\n\n<sub>Sources: " + ", ".join(e.sources) + "</sub>"
        parts.append(paragraph)
    return "\n\n".join(parts)


def _bullet_text(heading: str, primary: dict, secondary: dict) -> str:
    entries = primary.get(heading, [])
    if not entries:
        return _section_text(heading, primary, secondary)
    # The first answer of the bullet's own questions is its text; further answers (and
    # deliberate gaps, which must not be lost or taken for the first answer's text) follow with
    # their labels, which readers split off again. A borrowed answer (hf_card_section) is always
    # labelled: the bullet does not ask it. A missing answer adds nothing, unless another
    # question reads this bullet: then it is shown as missing, or it would read back as the
    # bullet's own text.
    shared = _askers().get(heading, 0) > 1
    said = [e for e in entries if e.answered] + [
        e for e in entries if not e.answered and (e.text != MISSING_MARK
                                                  or (shared and not e.borrowed))]
    own = [e for e in said if not e.borrowed and _read_as_is(heading, e.qid)]
    lead = next((e for e in own if e.answered), own[0] if own else None)
    text = fold(lead.brief or lead.text) if lead else MISSING_MARK
    return " — ".join([text] + [label_text(e.label, fold(e.brief or e.text))
                                for e in said if e is not lead])


def front_matter(data: dict, values: dict[str, Any]) -> tuple[dict, list[str]]:
    """The YAML keys we own, with values only from the Hub's closed lists."""
    lists = platform_lists("hf")
    warnings: list[str] = []
    out: dict[str, Any] = {}
    # Which question fills which key is the crosswalk's; the value rules are the Hub's.
    keys = crosswalk("hf_yaml")
    title = values.get("dataset.title")
    if status_of(title) is Status.ANSWERED and "pretty_name" in keys.get("dataset.title", ()):
        out["pretty_name"] = fold(describe(title))
    language = values.get("dataset.language")
    if isinstance(language, list):
        codes = [c for c in language if isinstance(c, str) and _LANGUAGE.match(c)]
        if len(codes) < len(language):
            warnings.append("language: only ISO 639 codes go into the card; others were left out")
        if codes:
            out["language"] = codes
    out.update(hf_license(values.get("distribution.license")))
    keywords = values.get("dataset.keywords")
    if isinstance(keywords, list):
        words = [k for k in keywords if isinstance(k, str) and status_of(k) is Status.ANSWERED]
        tasks = [k for k in words if k in lists["task_categories"]]
        tags = [k for k in words if k not in tasks]
        if tags:
            out["tags"] = tags
        if tasks:
            out["task_categories"] = tasks
    size = size_category(data)
    if size:
        out["size_categories"] = [size]
    derived = values.get("provenance.derived_from")
    if isinstance(derived, list):
        repos = [m.group(1) for d in derived if isinstance(d, dict)
                 for m in [_HF_DATASET_URL.match(str(d.get("source_url", "")))] if m]
        if repos:
            out["source_datasets"] = repos
    return out, warnings


def size_category(data: dict) -> str | None:
    """The Hub's size bin from the image count, or from the official split counts."""
    mi = data.get("medical_imaging") or {}
    count = count_of(mi.get("num_images"))
    if count is None:
        splits = mi.get("split_counts")
        images = [s.get("images") for s in splits or [] if isinstance(s, dict)]
        counted = [i for i in images if isinstance(i, int)]
        count = sum(counted) if images and len(counted) == len(images) else None
    if count is None:
        return None
    return next((name for bound, name in _SIZE_BINS if count < bound), "n>1T")


def dump_yaml(mapping: dict) -> str:
    return yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, width=1000).rstrip("\n")


def merge_front_matter(old_yaml: str | None, new_yaml: str) -> str:
    """Our keys replace theirs; keys we do not write stay as the person left them."""
    ours = yaml.safe_load(new_yaml) or {}
    try:
        theirs = yaml.safe_load(old_yaml) if old_yaml else {}
    except yaml.YAMLError as err:
        from ._files import RefusedError
        raise RefusedError(f"the existing front matter is not valid YAML ({err}); fix it or use "
                           "--force") from None
    if not isinstance(theirs, dict):
        theirs = {}
    if "license" in ours:  # the licence keys travel together: drop a stale name or link
        for key in ("license_name", "license_link", "license_details"):
            if key not in ours:
                theirs.pop(key, None)
    merged = dict(theirs)
    merged.update(ours)
    return dump_yaml(merged)


def write(data: dict, *, template: str | Path | None = None, source_name: str = "") -> Output:
    values = answers(data)
    primary, secondary = placements(values, data)
    meta, warnings = front_matter(data, values)
    used: set[str] = set()

    def section(heading: str) -> str:
        used.add(heading)
        return _section_text(heading, primary, secondary)

    def bullet(heading: str) -> str:
        used.add(heading)
        return _bullet_text(heading, primary, secondary)

    language = meta.get("language")
    context = {
        "front_matter": dump_yaml(meta),
        "title": fold(describe(values.get("dataset.title"))),
        "languages": ", ".join(language) if language else "",  # optional: no bullet when absent
        "source_name": source_name or "a datasheet",
        "data": data,
    }
    text = render("hf_card.md.j2", context, template, {"section": section, "bullet": bullet})
    lost = [h for h in primary if h not in used]
    if lost:
        # A template that leaves out a heading would drop answers: add them at the end instead.
        warnings.append("the template has no place for: " + ", ".join(lost) + "; added at the end")
        extra = "\n\n".join(f"## {h}\n\n{_section_text(h, primary, secondary)}" for h in lost)
        text = text.rstrip("\n") + "\n\n<!-- datasheet-kit:begin extra -->\n" + extra + \
            "\n<!-- datasheet-kit:end -->\n"
    return Output(text, warnings)


# ---------------------------------------------------------------- reading our own card back

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_BULLET = re.compile(r"^\s*[-*]\s+\*\*(?P<label>[^*]+?):\*\*\s*(?P<text>.*)$")


def text_under_headings(card: str) -> dict[str, str]:
    """Heading or bullet label -> the text written under it (sub-headings excluded).

    A deliberately small reader used to check that the writer put each answer where the
    crosswalk says; the full reader lives in readers/hf.py.
    """
    from ._files import split_front_matter

    _, body = split_front_matter(card)
    out: dict[str, list[str]] = {}
    current = None
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = re.sub(r"\s*\[optional\]$", "", heading.group(2))
            if current.startswith(TITLE_HEADING):
                out.setdefault(TITLE_HEADING, []).append(current[len(TITLE_HEADING):].strip())
                current = None
            continue
        bullet = _BULLET.match(line)
        if bullet:
            out.setdefault(bullet.group("label").strip(), []).append(bullet.group("text"))
            continue
        if current is not None and not _COMMENT_LINE.match(line):
            out.setdefault(current, []).append(line)
    return {k: "\n".join(v).strip() for k, v in out.items()}


def misplaced(card: str, data: dict) -> list[str]:
    """Answered questions whose text is not under the heading the schema places them."""
    found = {k: fold(v) for k, v in text_under_headings(card).items()}
    values = answers(data)
    problems = []
    for qid, (heading, _, _) in places().items():
        value = values.get(qid)
        if heading == TITLE_HEADING or status_of(value) is not Status.ANSWERED:
            continue
        if fold(describe(value)) not in found.get(heading, "") and \
                fold(brief(value)) not in found.get(heading, ""):
            problems.append(f"{qid}: answer not found under '{heading}'")
    return problems

"""What an answer says: answered, a deliberate gap, a placeholder, or nothing at all.

Every scorer, rule, reader and writer asks here, so that "[More Information Needed]" means the same
thing to all of them. The strings come from the platform templates (see questions.md §10).
"""

from __future__ import annotations

import enum
import re
from functools import lru_cache
from itertools import filterfalse
from typing import Any


class Status(enum.StrEnum):
    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"
    TODO = "todo"
    PLACEHOLDER = "placeholder"
    MISSING = "missing"

    def __str__(self) -> str:
        return self.value


# Compared after clean(): lower case, whitespace folded, trailing full stop dropped.
PLACEHOLDER_TEXTS = frozenset({
    "[more information needed]", "[needs more information]", "more information needed",
    "users should be made aware of the risks, biases and limitations of the dataset. "
    "more information needed for further recommendations",
    "dataset card for dataset name", "dataset card for [dataset name]", "dataset name",
    "todo: add yaml tags here", "insert_title_here", "insert_slug_here",
    "replace_with_kaggle_username", "kaggle_username", "not specified",
    "n/a", "na", "tbd", "tba", "todo", "none", "null", "nil", "unknown", "-", "--", "…", "...", "?",
    "context", "content", "acknowledgements", "inspiration",
    # the legacy HF template's guidance, left as the link text of its Repository bullet
    "if the dataset is hosted on github or has a github homepage, add url here",
    "[if the dataset is hosted on github or has a github homepage, add url here]",
})
PLACEHOLDER_PATTERNS = (
    re.compile(r"\{\{.*?\}\}"),  # a template copied without rendering
    re.compile(r"\bINSERT_[A-Z_]+\b"),
    re.compile(r"thanks to \[@github-username\]", re.IGNORECASE),
    # "TODO: write the summary": a note to the author, as `datasheet import` leaves them.
    re.compile(r"^\s*(TODO|TBD|FIXME)\b\s*[:(-]"),
    # The Hub's generated Croissant when a dataset names no licence.
    re.compile(r"choosealicense\.com/licenses/undefined"),
)
# The patterns as one, and the longer placeholder texts as one alternation (longest first), so
# that a text is scanned once for each rather than once per entry.
# `{{ ... }}` is looked for by _has_template, in linear time: as a regex it is quadratic on a line
# of many "{" and no "}}" (fuzzing found a 25 kB card that took 3.5 s).
_ANY_PATTERN = re.compile(r"\bINSERT_[A-Z_]+\b|(?i:thanks to \[@github-username\])"
                          r"|choosealicense\.com/licenses/undefined")
# What each of its branches cannot match without (no case folding changes "[@"): a text with none
# of them is not searched, as the case-insensitive branch makes the search scan every position.
_UNDEFINED_LICENSE = "choosealicense.com/licenses/undefined"


def _has_template(text: str) -> bool:
    """What PLACEHOLDER_PATTERNS[0] (`{{.*?}}`) finds: a "{{" with a "}}" after it on the same
    line."""
    if "{{" not in text:
        return False
    for line in text.split("\n"):
        start = line.find("{{")
        if start >= 0 and line.find("}}", start + 2) >= 0:
            return True
    return False


# A text made only of the longer placeholder texts and punctuation (matched possessively, so
# that real prose fails at its first word instead of being scanned to the end).
_ONLY_KNOWN = re.compile("(?:[ .,;:-]|" + "|".join(re.escape(t) for t in sorted(
    (t for t in PLACEHOLDER_TEXTS if len(t) > 3), key=len, reverse=True)) + ")*+")
_PLACEHOLDER_LINK = re.compile(r"(\[[^\]\n]{1,100}\])\([^)\s]*\)")
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
# Markdown that carries no information on its own: headings, empty "- **Homepage:**" bullets.
_EMPTY_LINE = re.compile(r"^\s*(#+\s.*|[-*]\s*(\*\*[^*]+:\*\*|[^:]+:)?\s*|[-*_=]{3,})\s*$")
_NA_WITH_REASON = re.compile(
    r"^\s*(n/?a|not applicable|does not apply)\b[\s:;,.\-\u2013\u2014(]+(?P<reason>\S.{2,})",
    re.IGNORECASE | re.DOTALL)
# How generators write a deliberate "unknown" gap ("Unknown: <reason>"); the colon is required so
# that prose such as "Unknown to the authors, ..." is not mistaken for a gap.
_UNKNOWN_WITH_REASON = re.compile(r"^\s*unknown\s*:\s*(?P<reason>\S.{2,})",
                                  re.IGNORECASE | re.DOTALL)


def strip_comments(text: str) -> str:
    """Text without HTML comments: template guidance is not part of an answer."""
    return _COMMENT.sub("", text) if "<!--" in text else text


def clean(text: str) -> str:
    """Text without HTML comments, folded whitespace and case, for comparing with placeholders."""
    if "<!--" in text:
        text = _COMMENT.sub(" ", text)
    return " ".join(text.split()).lower().rstrip(".")


def _unlink(match: re.Match[str]) -> str:
    label: str = match.group(1)
    return label if clean(label) in PLACEHOLDER_TEXTS else match.group(0)


def _visible(text: str) -> str:
    """The text a reader sees: HTML comments gone, links to a placeholder reduced to it."""
    without_comments = _COMMENT.sub(" ", text) if "<!--" in text else text
    if "](" in without_comments:
        # "[More Information Needed](https://github.com/.../CONTRIBUTING.md)" links the
        # placeholder to the contribution guide; the link does not make it an answer.
        without_comments = _PLACEHOLDER_LINK.sub(_unlink, without_comments)
    return without_comments


@lru_cache(maxsize=16384)  # cards repeat the same few placeholders thousands of times
def is_placeholder(text: str) -> bool:
    """True when the text says nothing: empty, template text, or only empty Markdown scaffolding."""
    without_comments = _visible(text)
    if (_has_template(without_comments) or PLACEHOLDER_PATTERNS[3].search(without_comments)
            or (("INSERT_" in without_comments or "[@" in without_comments
                 or _UNDEFINED_LICENSE in without_comments)
                and _ANY_PATTERN.search(without_comments))):
        # A template variable inside real prose is still a placeholder: the prose is unfinished.
        return True
    lines = without_comments.splitlines()
    if _says_more_than_placeholders(lines):
        return False
    body = clean("\n".join(filterfalse(_EMPTY_LINE.match, lines)))
    # Nothing, one placeholder, or several and nothing else ("[More Information Needed]
    # [More Information Needed]").
    return not body or body in PLACEHOLDER_TEXTS or _ONLY_KNOWN.fullmatch(body) is not None


# A character that none of PLACEHOLDER_TEXTS holds, nor the punctuation _ONLY_KNOWN allows
# between them (a digit, a parenthesis, a "v"), whitespace aside.
_BEYOND_PLACEHOLDERS = re.compile(
    "[^" + "".join(sorted(map(re.escape, {*"".join(PLACEHOLDER_TEXTS), *" .,;:-"}))) + r"\s]")


def _says_more_than_placeholders(lines: list[str]) -> bool:
    """A line that is not scaffolding holds, in lower case, a character no placeholder text
    has: then the cleaned text is none of PLACEHOLDER_TEXTS and not made of them, whatever the
    other lines hold (most real answers are told so from their first line, without cleaning the
    whole text)."""
    return any(_BEYOND_PLACEHOLDERS.search(line.lower()) and not _EMPTY_LINE.match(line)
               for line in lines)


def count_of(value: Any) -> int | None:
    """The number in a count answer (a plain integer or {value: n}); None for gaps and the rest.

    Lint rules, provenance and the writers all read counts here, so that `true` (a bool is an
    int to Python) or a gap with a reason is never taken for a number.
    """
    if isinstance(value, dict):
        value = value.get("value")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def status_of(value: Any) -> Status:
    """The status of one answer as written in a datasheet (any of the schema's answer shapes)."""
    if value is None:
        return Status.MISSING
    if isinstance(value, (bool, int, float)):
        return Status.ANSWERED
    if isinstance(value, str):
        if _NA_WITH_REASON.match(value) and not is_placeholder(value):
            return Status.NOT_APPLICABLE
        if _UNKNOWN_WITH_REASON.match(value) and not is_placeholder(value):
            return Status.UNKNOWN
        return Status.PLACEHOLDER if is_placeholder(value) else Status.ANSWERED
    if isinstance(value, list):
        statuses = [status_of(v) for v in value]
        return Status.ANSWERED if Status.ANSWERED in statuses else Status.PLACEHOLDER
    if isinstance(value, dict):
        if "status" in value:
            try:
                return Status(value["status"])
            except ValueError:
                return Status.PLACEHOLDER
        for key in ("answer", "value", "name", "spdx", "source_dataset"):
            if key in value:
                return status_of(value[key])
        return Status.PLACEHOLDER
    return Status.PLACEHOLDER


def question_status(shape: str, value: Any) -> Status:
    """The status of the answer to a question of the catalogue's `shape`.

    A value from a closed list is an answer, even when the word would be a placeholder in prose:
    `split_level: none` says the dataset has no splits. Only the list's own `unknown` is a gap.
    """
    if shape in ("enum", "enum_list") and value is not None:
        values = value if isinstance(value, list) else [value]
        if values and all(isinstance(v, str) and v.strip() for v in values):
            return Status.UNKNOWN if values == ["unknown"] else Status.ANSWERED
    return status_of(value)


def text_of(value: Any) -> str:
    """The prose of an answer, or "" when there is none (gaps, counts and flags have none)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("answer", "terms", "name"):
            said = value.get(key)
            if isinstance(said, str):
                return said
    if isinstance(value, list):
        # Joined as generated documents join them (writers/_text.describe): records with "; ",
        # plain values (enum lists, keywords) with ", ".
        joiner = "; " if any(isinstance(v, dict) for v in value) else ", "
        return joiner.join(t for t in (text_of(v) for v in value) if t)
    return ""


def sources_of(value: Any) -> list[str]:
    if isinstance(value, dict) and isinstance(value.get("sources"), list):
        return [s for s in value["sources"] if isinstance(s, str)]
    return []


def is_given(value: Any) -> bool:
    """Answered or deliberately not answered with a reason: what a complete datasheet needs."""
    return status_of(value) in (Status.ANSWERED, Status.NOT_APPLICABLE, Status.UNKNOWN)

"""What a reader finds in a card: places (a heading, a bullet, a key) with their values, and the
small helpers that turn platform values into text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

from ..answers import is_placeholder
from ..sheet import Origin
from . import passages
from .passages import Passage

T = TypeVar("T")


class _once(Generic[T]):  # (a decorator: named as functools.cached_property is)
    """functools.cached_property without its lock, which Python 3.11 takes at every first read
    (a card's reader makes some thirty places and reads two such values of each). The value is
    kept in the instance's __dict__, which is looked in before this descriptor from then on."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> _once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | _once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


@dataclass(frozen=True, init=False)
class Place:
    """One filled-in (or empty) place of a card: `name` as the crosswalk spells it."""

    name: str
    value: Any
    origin: Origin
    prose: bool = True  # False for metadata values, which read better with their key in front
    # Set when the card names the question this text answers (a "**Consent.** ..." paragraph
    # under a heading that holds several questions): then it answers that question alone.
    question: str | None = None
    # Where the place's prose comes from, so that it is cut into passages only when something
    # reads them (`pieces`): the numbered lines of a card's section, and the heading it stands
    # under when that heading names no question; a JSON string keeps its key's line throughout.
    lines: tuple[tuple[int, str], ...] | None = None
    context: str = ""
    same_line: bool = False

    def __init__(self, name: str, value: Any, origin: Origin, prose: bool = True,
                 question: str | None = None, lines: tuple[tuple[int, str], ...] | None = None,
                 context: str = "", same_line: bool = False) -> None:
        # What the generated __init__ does, in one step: a frozen dataclass sets each field
        # through object.__setattr__, and a card makes some thirty places (eq, hash and the
        # refusal to change a field stay the dataclass's own).
        self.__dict__.update(name=name, value=value, origin=origin, prose=prose,
                             question=question, lines=lines, context=context,
                             same_line=same_line)

    @_once
    def filled(self) -> bool:
        """Whether the place holds anything but template text (asked once per place)."""
        return holds(self.value)

    @_once
    def pieces(self) -> tuple[Passage, ...]:
        """The place's prose cut into passages, each with its own line; () for a value that is
        not prose (a YAML key, a JSON object) and for template text."""
        if not self.prose or self.question or not self.filled:
            return ()
        if self.lines is not None:
            return tuple(passages.split(list(self.lines), self.context))
        return tuple(p for text in prose_texts(self.value)
                     for p in passages.split_text(text, self.origin.line, self.same_line,
                                                  self.context))


def prose_texts(value: Any) -> list[str]:
    """The texts of a prose value: a string, a list of strings, or organisations and files given
    by their descriptions."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("description"), str):
            out.append(item["description"])
    return out


@dataclass
class Found:
    """What a reader found in one document: the places the crosswalk names (by normalised
    name), and loose prose it does not name (a free card's own headings, field descriptions)."""

    places: dict[str, list[Place]]
    loose: list[Place]


@lru_cache(maxsize=4096)  # the same few hundred headings and keys, card after card
def norm(name: str) -> str:
    """A heading, bullet or key name as compared with the crosswalk: case, spacing, the
    template's "[optional]" marker and a trailing colon do not matter."""
    name = name.replace("[optional]", " ").replace("[Optional]", " ")
    return " ".join(name.split()).strip(" :").lower()


def render(value: Any) -> str:
    """A platform value as prose: lists joined, objects by their name (and description)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return ", ".join(t for t in (render(v) for v in value) if t)
    if isinstance(value, dict):
        name = value.get("name") or value.get("@id") or value.get("title")
        if name is None and isinstance(value.get("description"), str):
            # An organisation written as its description (who funds, publishes, maintains).
            return value["description"]
        if name is not None and not isinstance(name, (dict, list)):
            description = value.get("description")
            if isinstance(description, str) and description.strip():
                return f"{name}: {description}"
            return str(name)
        return "; ".join(f"{k}: {render(v)}" for k, v in value.items()
                         if not k.startswith("@") and render(v))
    return str(value)


def text_of_place(place: Place) -> str:
    text = render(place.value)
    if not place.prose and text and not is_placeholder(text):
        return f"{place.name}: {text}"
    return text


def holds(value: Any) -> bool:
    """A platform value says something: anything but empty or template text."""
    if isinstance(value, (bool, int, float)):
        return True
    text = render(value)
    # (not text.isspace(): what bool(text.strip()) says, without copying a long text)
    return bool(text) and not text.isspace() and not is_placeholder(text)


def is_filled(place: Place) -> bool:
    """A platform field counts as filled when it holds anything but template text."""
    return place.filled


def pluck(value: Any, parts: list[str]) -> list[Any]:
    """All values at a dotted path, mapping over lists on the way (`resources.description`)."""
    if not parts:
        return [value] if value is not None else []
    if isinstance(value, list):
        return [found for item in value for found in pluck(item, parts)]
    if isinstance(value, dict) and parts[0] in value:
        return pluck(value[parts[0]], parts[1:])
    return []


def flat(values: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for value in values:
        items = value if isinstance(value, list) else [value]
        for item in items:
            text = render(item).strip()
            if text and text not in out:
                out.append(text)
    return out


def presence(fields: dict[str, list[Any]], variant: str) -> dict:
    """The platform-style score: which of the platform's own fields hold anything at all.

    `fields` maps each field the platform offers to the values the card gives it (none: empty).
    """
    return presence_of({name: any(holds(v) for v in values) for name, values in fields.items()},
                       variant)


def presence_of(filled: dict[str, bool], variant: str) -> dict:
    """`presence` from whether each field holds anything (a reader that knows it already)."""
    return {"filled": sum(filled.values()), "total": len(filled), "fields": filled,
            "variant": variant}

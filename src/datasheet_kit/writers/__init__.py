"""Writers: one datasheet in, one platform document out (HF card, Croissant, Kaggle, Markdown).

Every writer places answers where the schema's crosswalk says (`catalogue.crosswalk`), never
through a mapping of its own, so that readers can find them again at the same place. What a
writer cannot honestly fill it leaves out or marks as a gap; it never invents text.

This package is imported only by `datasheet generate`; Jinja2 is imported only when a template is
rendered, so `import datasheet_kit.cli` stays light.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..sheet import Sheet

# The command-line names of the outputs, in the order `make demo` writes them.
OUTPUTS = ("hf-card", "croissant", "kaggle", "markdown")
# Default file names, as the platforms expect them.
DEFAULT_NAMES = {"hf-card": "README.md", "croissant": "croissant.json",
                 "kaggle": "dataset-metadata.json", "markdown": "DATASHEET.md"}


@dataclass
class Output:
    """A generated document and what the writer had to leave out or shorten to make it valid."""

    text: str
    warnings: list[str] = field(default_factory=list)


def generate(kind: str, sheet: Sheet, *, template: str | Path | None = None,
             kaggle_owner: str | None = None, source_name: str = "") -> Output:
    """Render one output for one datasheet. `kind` is one of OUTPUTS."""
    if kind == "hf-card":
        from .hf_card import write as write_card
        return write_card(sheet.data, template=template, source_name=source_name)
    if kind == "markdown":
        from .markdown import write as write_markdown
        return write_markdown(sheet.data, template=template, source_name=source_name)
    if template is not None:
        raise ValueError(f"{kind} is built in code; --template applies to hf-card and markdown "
                         "only")
    if kind == "croissant":
        from .croissant import write as write_croissant
        return write_croissant(sheet.data)
    if kind == "kaggle":
        from .kaggle import write as write_kaggle
        return write_kaggle(sheet.data, owner=kaggle_owner)
    raise ValueError(f"unknown output {kind!r}; expected one of {', '.join(OUTPUTS)}")


def answers(data: dict) -> dict[str, Any]:
    """Question id -> the value the datasheet holds for it (None when the question is absent).

    A question behind a gate answered "no" that the datasheet leaves out does not apply, and is
    given as such (with the gate as the reason) instead of looking like a missing answer. A
    question in prose that the datasheet answers through another giving the same fact (the
    creators as records, the release date as a date) is given that answer as text, so that
    every document says the fact wherever it asks it.
    """
    from ..answer_text import brief
    from ..answers import Status, status_of
    from ..catalogue import questions
    from ..coverage import same_fact

    def held(qid: str) -> Any:
        section, _, name = qid.partition(".")
        block = data.get(section)
        return block.get(name) if isinstance(block, dict) else None

    out: dict[str, Any] = {}
    for qid, question in questions().items():
        out[qid] = held(qid)
        present = isinstance(data.get(question.section), dict)
        if out[qid] is None and question.shape == "answer" and present:
            given = [held(o) for o in same_fact().get(qid, ())
                     if status_of(held(o)) is Status.ANSWERED]
            if given:
                out[qid] = brief(given[0])
        if out[qid] is None and question.gate and out.get(question.gate) is False and present:
            out[qid] = {"status": "not_applicable",
                        "reason": f"{question.gate} is answered no, so this does not apply."}
    return out


def shown(qid: str, value: Any, data: dict) -> bool:
    """Whether a generated document should show this question at all: optional questions and
    questions of optional sections the datasheet leaves out (medical imaging for a non-medical
    dataset, provenance for an original) are left out rather than shown as gaps."""
    from ..catalogue import questions, sections

    if value is not None:
        return True
    question = questions()[qid]
    return question.level != "optional" and (sections()[question.section].required
                                              or question.section in data)



def label_text(label: str, text: str) -> str:
    """An answer behind its question's label, as readers recognise it (readers.LABEL)."""
    return f"**{label}.** {text}"

"""Finding and rendering the Jinja2 templates (the only place that imports jinja2)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def templates_dir() -> Path:
    """The templates folder: inside the package when installed from a wheel (pyproject's
    force-include puts templates/ there), else the repository's top-level templates/ in a source
    checkout or an editable install."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent.parent / "templates"):
        if (candidate / "hf_card.md.j2").is_file():
            return candidate
    raise FileNotFoundError("datasheet-kit templates not found (looked in the package and the "
                            "source checkout); reinstall the package")


def render(default: str, context: dict[str, Any], template: str | Path | None = None,
           functions: dict[str, Any] | None = None) -> str:
    """Render the default template by name, or the user's --template file, with `context`."""
    try:
        import jinja2
    except ImportError:
        raise ImportError("this output needs Jinja2: pip install 'datasheet-kit[generate]'") \
            from None

    if template is not None:
        path = Path(template)
        loader = jinja2.FileSystemLoader([str(path.resolve().parent), str(templates_dir())])
        name = path.name
    else:
        loader = jinja2.FileSystemLoader(str(templates_dir()))
        name = default
    # StrictUndefined: a misspelt variable in a template is an error, not silently empty text.
    env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(functions or {})
    return env.get_template(name).render(**context)

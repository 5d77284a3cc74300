"""Identifier resolution: does a DOI, Handle, ARK or landing page resolve?

Only `datasheet fair --online` uses it; every other command, and the offline FAIR checks, stay
offline. The requests go through web.Client, the one HTTP client (remote.py's Kaggle fetch uses
it too).

Each URL gets a HEAD request, then a GET when the server refuses HEAD; redirects are followed;
timeouts and connection errors are retried a bounded number of times with exponential backoff, a
404 is not. Resolver bases come from the environment so that tests can point them at a fake
resolver on 127.0.0.1:

    DATASHEET_DOI_RESOLVER     default https://doi.org/
    DATASHEET_HANDLE_RESOLVER  default https://hdl.handle.net/
    DATASHEET_ARK_RESOLVER     default https://n2t.net/
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote

from . import __version__
from .identifiers import Identifier
from .web import Answer, Client

RESOLVERS = {
    "doi": ("DATASHEET_DOI_RESOLVER", "https://doi.org/"),
    "handle": ("DATASHEET_HANDLE_RESOLVER", "https://hdl.handle.net/"),
    "ark": ("DATASHEET_ARK_RESOLVER", "https://n2t.net/"),
}
# Answers from servers that do not implement HEAD (or forbid it) but may answer GET.
_NO_HEAD = {403, 405, 501}


@dataclass(frozen=True)
class Resolution:
    """What happened to one URL. `outcome` is resolves, not_found, http_error, timeout, refused or
    error; `status` the last HTTP status (None without an answer); `final_url` after redirects."""

    url: str
    outcome: str
    status: int | None = None
    final_url: str = ""
    attempts: int = 1
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == "resolves"

    def describe(self) -> str:
        if self.ok:
            moved = f" -> {self.final_url}" if self.final_url and self.final_url != self.url else ""
            return f"resolves (HTTP {self.status}){moved}"
        status = f" (HTTP {self.status})" if self.status else ""
        tries = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.outcome.replace('_', ' ')}{status}{tries}{detail}"


class Resolver:
    """Resolves identifiers over HTTP with a timeout and bounded, backed-off retries. Asked for
    explicitly (--online), so it does not heed DATASHEET_OFFLINE."""

    def __init__(self, timeout: float = 10.0, retries: int = 2, backoff: float = 0.5):
        self.client = Client(timeout, retries, backoff, offline=(),
                             user_agent=f"datasheet-kit/{__version__} (FAIR identifier check)")

    @staticmethod
    def url_for(ident: Identifier) -> str:
        """The resolver URL of a DOI, Handle or ARK (the URL itself for a plain URL)."""
        if ident.scheme not in RESOLVERS:
            return ident.url
        env, default = RESOLVERS[ident.scheme]
        base = os.environ.get(env) or default
        base = base if base.endswith("/") else base + "/"
        value = ("ark:/" + ident.value) if ident.scheme == "ark" else ident.value
        return base + quote(value, safe="/:;()._-")

    def resolve(self, url: str) -> Resolution:
        return _resolution(self.client.retrying(lambda attempt: self._once(url, attempt)))

    def _once(self, url: str, attempt: int) -> Answer:
        result = self.client.request(url, "HEAD", attempt=attempt)
        if result.status in _NO_HEAD:
            result = self.client.request(url, "GET", attempt=attempt)
        return result


def _resolution(answer: Answer) -> Resolution:
    if answer.outcome == "answered":
        return Resolution(answer.url, "resolves", answer.status, answer.final_url, answer.attempts)
    if answer.outcome == "http_error":
        outcome = "not_found" if answer.status in (404, 410) else "http_error"
        return Resolution(answer.url, outcome, answer.status, answer.final_url, answer.attempts)
    return Resolution(answer.url, answer.outcome, attempts=answer.attempts, detail=answer.detail)

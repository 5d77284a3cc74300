"""The network module for identifier resolution: does a DOI, Handle, ARK or landing page resolve?

Only `datasheet fair --online` uses it; every other command, and the offline FAIR checks, stay
offline. (remote.py is the network module for the HF Hub and Kaggle; the two may be merged.)

Standard library only (urllib). Each URL gets a HEAD request, then a GET when the server refuses
HEAD; redirects are followed; timeouts and connection errors are retried a bounded number of times
with exponential backoff, a 404 is not. Resolver bases come from the environment so that tests can
point them at a fake resolver on 127.0.0.1:

    DATASHEET_DOI_RESOLVER     default https://doi.org/
    DATASHEET_HANDLE_RESOLVER  default https://hdl.handle.net/
    DATASHEET_ARK_RESOLVER     default https://n2t.net/
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote

from . import __version__
from .identifiers import Identifier

RESOLVERS = {
    "doi": ("DATASHEET_DOI_RESOLVER", "https://doi.org/"),
    "handle": ("DATASHEET_HANDLE_RESOLVER", "https://hdl.handle.net/"),
    "ark": ("DATASHEET_ARK_RESOLVER", "https://n2t.net/"),
}
# Answers that say "try again later" rather than "no such thing".
_TRANSIENT = {429, 500, 502, 503, 504}
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
    """Resolves identifiers over HTTP with a timeout and bounded, backed-off retries."""

    def __init__(self, timeout: float = 10.0, retries: int = 2, backoff: float = 0.5):
        self.timeout, self.retries, self.backoff = timeout, retries, backoff

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
        attempt, result = 0, None
        while attempt <= self.retries:
            attempt += 1
            result = self._once(url, attempt)
            transient = (result.outcome in ("timeout", "refused", "error")
                         or result.status in _TRANSIENT)
            if not transient or attempt > self.retries:
                break
            time.sleep(self.backoff * 2 ** (attempt - 1))
        return result

    def _once(self, url: str, attempt: int) -> Resolution:
        result = self._request(url, "HEAD", attempt)
        if result.status in _NO_HEAD:
            result = self._request(url, "GET", attempt)
        return result

    def _request(self, url: str, method: str, attempt: int) -> Resolution:
        request = urllib.request.Request(url, method=method, headers={
            "User-Agent": f"datasheet-kit/{__version__} (FAIR identifier check)"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Resolution(url, "resolves", response.status, response.geturl(), attempt)
        except urllib.error.HTTPError as exc:
            outcome = "not_found" if exc.code in (404, 410) else "http_error"
            return Resolution(url, outcome, exc.code, exc.geturl() or url, attempt)
        except urllib.error.URLError as exc:
            outcome, detail = _reason(exc.reason)
            return Resolution(url, outcome, attempts=attempt, detail=detail)
        except TimeoutError:
            return Resolution(url, "timeout", attempts=attempt,
                              detail=f"no answer within {self.timeout:g} s")
        except (OSError, ValueError) as exc:  # a malformed URL, a reset connection
            return Resolution(url, "error", detail=str(exc), attempts=attempt)


def _reason(reason: object) -> tuple[str, str]:
    """(outcome, detail) for the reason inside a URLError."""
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timeout", "no answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "refused", "connection refused"
    return "error", str(reason)

"""The one HTTP client: a request with a timeout, bounded retries with back-off, and an offline
switch. Standard library only (urllib).

`datasheet import kaggle:...` (remote.py) and `datasheet fair --online` (resolve.py) are its only
users; every other command stays offline. A request never raises for what the network does: the
`Answer` says what happened (an answer with its HTTP status, an HTTP error, a timeout, a refused
connection, another error, or "offline" when the switch is on), and each caller words it.
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from . import __version__

USER_AGENT = f"datasheet-kit/{__version__}"
# Answers that say "try again later" rather than "no such thing".
TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
OFFLINE_ENV = ("DATASHEET_OFFLINE",)


def offline(*names: str) -> bool:
    """Whether one of the environment variables `names` turns the network off (1, true, yes, on)."""
    return any(os.environ.get(n, "").strip().lower() in ("1", "true", "yes", "on")
               for n in names or OFFLINE_ENV)


@dataclass(frozen=True)
class Answer:
    """What one request got. `outcome` is answered (a 2xx or 3xx after redirects), http_error,
    timeout, refused, error or offline; `status` the last HTTP status (None without one);
    `final_url` after redirects; `body` the first bytes read, when asked for; `detail` why there
    is no answer, in words; `cause` the error as the system gave it."""

    url: str
    outcome: str
    status: int | None = None
    final_url: str = ""
    body: bytes = b""
    attempts: int = 1
    detail: str = ""
    cause: str = ""

    @property
    def transient(self) -> bool:
        """Worth trying again: no answer at all, or one that says "later"."""
        return self.outcome in ("timeout", "refused", "error") or self.status in TRANSIENT_STATUS


class Client:
    """Requests with a `timeout` (seconds, per attempt) and up to `retries` more attempts after a
    transient failure, waiting `backoff` * 2**n seconds between them. When one of the `offline`
    environment variables is set, nothing is sent."""

    def __init__(self, timeout: float = 10.0, retries: int = 0, backoff: float = 0.5,
                 user_agent: str = USER_AGENT, offline: tuple[str, ...] = OFFLINE_ENV) -> None:
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.user_agent = user_agent
        self.offline_env = offline

    @property
    def offline(self) -> bool:
        return bool(self.offline_env) and offline(*self.offline_env)

    def send(self, url: str, method: str = "GET", data: bytes | None = None,
             headers: dict[str, str] | None = None, read: int = 0) -> Answer:
        """One request, retried while it fails transiently; `read` bytes of the body are kept."""
        return self.retrying(lambda attempt: self.request(url, method, data, headers, read,
                                                          attempt))

    def retrying(self, once: Callable[[int], Answer]) -> Answer:
        """`once(attempt)` until it does not fail transiently or the retries are spent."""
        attempt = 1
        result = once(attempt)
        while result.transient and attempt <= self.retries:
            time.sleep(self.backoff * 2 ** (attempt - 1))
            attempt += 1
            result = once(attempt)
        return result

    def request(self, url: str, method: str = "GET", data: bytes | None = None,
                headers: dict[str, str] | None = None, read: int = 0,
                attempt: int = 1) -> Answer:
        """One attempt, no retry."""
        if self.offline:
            return Answer(url, "offline", attempts=attempt, detail="offline mode is on")
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"User-Agent": self.user_agent, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read(read) if read else b""
                return Answer(url, "answered", response.status, response.geturl(), body, attempt)
        except urllib.error.HTTPError as exc:
            return Answer(url, "http_error", exc.code, exc.geturl() or url, attempts=attempt)
        except urllib.error.URLError as exc:
            outcome, detail = _reason(exc.reason)
            return Answer(url, outcome, attempts=attempt, detail=detail, cause=str(exc.reason))
        except TimeoutError as exc:
            return Answer(url, "timeout", attempts=attempt,
                          detail=f"no answer within {self.timeout:g} s", cause=str(exc))
        except (OSError, ValueError) as exc:  # a malformed URL, a reset connection
            return Answer(url, "error", attempts=attempt, detail=str(exc), cause=str(exc))


def _reason(reason: object) -> tuple[str, str]:
    """(outcome, detail) for the reason inside a URLError."""
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timeout", "no answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "refused", "connection refused"
    return "error", str(reason)

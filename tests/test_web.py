"""The one HTTP client against a fake server on 127.0.0.1: retries, timeouts, offline, bodies."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from datasheet_kit.web import Client, offline

SLOW = 1.0


class Fake(BaseHTTPRequestHandler):
    calls: dict[str, int] = {}

    def do_GET(self):
        calls = Fake.calls[self.path] = Fake.calls.get(self.path, 0) + 1
        if self.path == "/flaky" and calls < 3:
            self.reply(503, b"later")
        elif self.path == "/missing":
            self.reply(404, b"no")
        elif self.path == "/slow":
            time.sleep(SLOW)
            self.reply(200, b"late")
        else:
            self.reply(200, b"x" * 100)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.reply(200, self.rfile.read(length) + self.headers["User-Agent"].encode())

    def reply(self, code: int, body: bytes) -> None:
        try:
            self.send_response(code)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_answer_and_its_body(server):
    answer = Client(timeout=2).send(server + "/ok", read=10)
    assert answer.outcome == "answered" and answer.status == 200 and answer.body == b"x" * 10
    posted = Client(timeout=2, user_agent="me/1").send(server + "/echo", "POST", b"hi", read=100)
    assert posted.body == b"hime/1"


def test_transient_failures_are_retried_with_backoff(server):
    Fake.calls.clear()
    started = time.perf_counter()
    answer = Client(timeout=2, retries=2, backoff=0.05).send(server + "/flaky")
    assert answer.outcome == "answered" and answer.attempts == 3
    assert time.perf_counter() - started >= 0.05 + 0.1  # waited 0.05 s, then 0.1 s
    Fake.calls.clear()
    spent = Client(timeout=2, retries=1, backoff=0).send(server + "/flaky")
    assert spent.status == 503 and spent.attempts == 2 and spent.transient


def test_a_404_is_not_retried(server):
    Fake.calls.clear()
    answer = Client(timeout=2, retries=3, backoff=0).send(server + "/missing")
    assert answer.outcome == "http_error" and answer.status == 404 and answer.attempts == 1
    assert Fake.calls["/missing"] == 1


def test_timeout_and_refused(server):
    started = time.perf_counter()
    slow = Client(timeout=0.2).send(server + "/slow")
    assert slow.outcome == "timeout" and time.perf_counter() - started < SLOW
    refused = Client(timeout=1).send(f"http://127.0.0.1:{closed_port()}/")
    assert refused.outcome == "refused" and refused.cause


def test_offline_sends_nothing(server, monkeypatch):
    Fake.calls.clear()
    monkeypatch.setenv("DATASHEET_OFFLINE", "1")
    assert offline() and Client(timeout=1).offline
    assert Client(timeout=1).send(server + "/ok").outcome == "offline"
    assert Fake.calls == {}
    # A caller that was asked to go online explicitly does not heed the switch.
    assert Client(timeout=1, offline=()).send(server + "/ok").outcome == "answered"

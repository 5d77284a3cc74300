"""`datasheet fair --online` against a fake resolver on 127.0.0.1: nothing here leaves the machine.

The fake answers by path: 200, a 302 to a 200, 404, a slow answer (for timeouts), a server that
refuses HEAD, and one that fails once with 503 before answering.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml
from click.testing import CliRunner

from datasheet_kit import fair
from datasheet_kit.cli import main
from datasheet_kit.findings import Severity
from datasheet_kit.identifiers import parse
from datasheet_kit.resolve import Resolver

from .conftest import FIXTURES

SLOW_SECONDS = 1.5
TIMEOUT = 0.5


class FakeResolver(BaseHTTPRequestHandler):
    calls: dict[str, int] = {}

    def do_HEAD(self):
        self.answer(head=True)

    def do_GET(self):
        self.answer(head=False)

    def answer(self, head: bool) -> None:
        path = self.path
        FakeResolver.calls[path] = FakeResolver.calls.get(path, 0) + 1
        if "redirect" in path:
            self.send(302, location="/landing")
        elif "missing" in path:
            self.send(404)
        elif "slow" in path:
            time.sleep(SLOW_SECONDS)
            self.send(200)
        elif "nohead" in path and head:
            self.send(405)
        elif "flaky" in path and FakeResolver.calls[path] == 1:
            self.send(503)
        else:
            self.send(200)

    def send(self, code: int, location: str = "") -> None:
        try:
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture
def resolver_base(monkeypatch):
    """A fake resolver on a free loopback port; DOI, Handle and ARK resolvers all point at it."""
    FakeResolver.calls = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeResolver)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for name in ("DATASHEET_DOI_RESOLVER", "DATASHEET_HANDLE_RESOLVER", "DATASHEET_ARK_RESOLVER"):
        monkeypatch.setenv(name, base + "/")
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fast(retries: int = 0) -> Resolver:
    return Resolver(timeout=TIMEOUT, retries=retries, backoff=0.01)


def test_resolver_urls_come_from_the_environment(resolver_base):
    assert Resolver.url_for(parse("doi:10.5281/zenodo.1")) == f"{resolver_base}/10.5281/zenodo.1"
    assert Resolver.url_for(parse("hdl:20.500.12345/x")) == f"{resolver_base}/20.500.12345/x"
    assert Resolver.url_for(parse("ark:/13030/tf5p30086k")) == \
        f"{resolver_base}/ark:/13030/tf5p30086k"


def test_default_resolvers_are_the_public_ones(monkeypatch):
    monkeypatch.delenv("DATASHEET_DOI_RESOLVER", raising=False)
    assert Resolver.url_for(parse("doi:10.5281/zenodo.1")) == "https://doi.org/10.5281/zenodo.1"


def test_resolves(resolver_base):
    result = fast().resolve(f"{resolver_base}/10.5281/zenodo.ok")
    assert result.ok and result.status == 200 and result.attempts == 1


def test_redirect_is_followed_to_the_final_url(resolver_base):
    result = fast().resolve(f"{resolver_base}/10.5281/redirect")
    assert result.ok and result.final_url == f"{resolver_base}/landing"
    assert "->" in result.describe()


def test_404_is_not_found_and_not_retried(resolver_base):
    result = fast(retries=2).resolve(f"{resolver_base}/10.5281/missing")
    assert result.outcome == "not_found" and result.status == 404 and result.attempts == 1
    assert FakeResolver.calls["/10.5281/missing"] == 1


def test_timeout_is_retried_then_reported(resolver_base):
    started = time.monotonic()
    result = fast(retries=1).resolve(f"{resolver_base}/10.5281/slow")
    assert result.outcome == "timeout" and result.attempts == 2
    assert time.monotonic() - started < 2 * SLOW_SECONDS  # each attempt gave up early


def test_closed_port_is_connection_refused(closed_port):
    result = fast(retries=1).resolve(f"http://127.0.0.1:{closed_port}/x")
    assert result.outcome == "refused" and result.attempts == 2 and not result.ok


def test_head_refused_falls_back_to_get(resolver_base):
    result = fast().resolve(f"{resolver_base}/10.5281/nohead")
    assert result.ok and FakeResolver.calls["/10.5281/nohead"] == 2  # HEAD 405, then GET


def test_server_error_is_retried(resolver_base):
    result = fast(retries=2).resolve(f"{resolver_base}/10.5281/flaky")
    assert result.ok and result.attempts == 2


def _sheet(tmp_path, landing: str, *idents: str):
    data = yaml.safe_load((FIXTURES / "valid" / "complete.yaml").read_text(encoding="utf-8"))
    data["dataset"]["landing_page"] = landing
    data["dataset"]["identifiers"] = [{"scheme": "doi", "value": v} for v in idents]
    path = tmp_path / "online.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_online_check_reports_each_identifier_and_the_landing_page(tmp_path, resolver_base):
    path = _sheet(tmp_path, f"{resolver_base}/missing-landing", "10.5281/zenodo.ok")
    report = fair.assess(fair.target_for(path), online=fair.online_check(fast()))
    online = report.results[-1]
    assert online.check.id == "FAIR-A1-RESOLVE" and online.status == "partial"
    findings = [f for f in report.findings() if f.code == "FAIR-A1-RESOLVE"]
    assert [(f.severity, f.path) for f in findings] == [
        (Severity.INFO, "dataset.identifiers[0].value"),
        (Severity.WARNING, "dataset.landing_page")]
    assert "resolves (HTTP 200)" in findings[0].message
    assert "not found (HTTP 404)" in findings[1].message


def test_offline_by_default_the_online_check_is_not_run(tmp_path, resolver_base):
    path = _sheet(tmp_path, f"{resolver_base}/landing", "10.5281/zenodo.ok")
    report = fair.assess(fair.target_for(path))
    assert "FAIR-A1-RESOLVE" not in [r.check.id for r in report.results]
    assert FakeResolver.calls == {}


def test_cli_online_against_the_fake_resolver(tmp_path, resolver_base):
    path = _sheet(tmp_path, f"{resolver_base}/landing", "10.5281/zenodo.ok", "10.5281/slow")
    result = CliRunner().invoke(main, ["fair", "--online", "--timeout", str(TIMEOUT),
                                       "--retries", "0", "--format", "text", str(path)])
    assert result.exit_code == 0, result.output  # warnings do not fail by default
    assert "FAIR-A1-RESOLVE" in result.output and "timeout" in result.output
    strict = CliRunner().invoke(main, ["fair", "--online", "--timeout", str(TIMEOUT), "--retries",
                                       "0", "--fail-on", "warning", str(path)])
    assert strict.exit_code == 1


def test_cli_online_on_croissant_reports_the_online_check(resolver_base, tmp_path):
    """The Croissant reader gives the sheet checks the file's identifier and landing page, so
    both are resolved (the landing page moved to the fake resolver: tests stay on 127.0.0.1)."""
    doc = json.loads((FIXTURES / "fair" / "croissant-complete.json").read_text(encoding="utf-8"))
    doc["url"] = f"{resolver_base}/landing"
    path = tmp_path / "croissant.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = CliRunner().invoke(main, ["fair", "--online", "--timeout", str(TIMEOUT), "--format",
                                       "json", str(path)])
    payload = json.loads(result.output)
    online = [r for r in payload["fair"]["files"][0]["results"] if r["id"] == "FAIR-A1-RESOLVE"]
    assert len(online) == 1 and online[0]["status"] == "pass", online
    assert FakeResolver.calls == {"/10.5281/zenodo.0000000": 1, "/landing": 1}
    assert {e["key"] for e in online[0]["evidence"]} == {"identifier", "url"}

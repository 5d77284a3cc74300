"""hf: and kaggle: targets against a fake Hub and a fake Kaggle API on 127.0.0.1.

The commands run in subprocesses: huggingface_hub reads HF_ENDPOINT when it is imported, and
each run must start with a clean environment (no token, an empty cache, no real network).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .conftest import FIXTURES

pytest.importorskip("huggingface_hub")

CARD = (FIXTURES / "cards" / "hf-current.md").read_bytes()
# What the fake Kaggle accepts: a bearer token, or the user and key of a kaggle.json file.
ACCEPTED = ("Bearer dummy", "Basic " + base64.b64encode(b"janedoe:secret").decode())
KAGGLE_INFO = json.loads((FIXTURES / "cards" / "kaggle-info.json").read_text())
SLOW_SECONDS = 4


class FakePlatforms(BaseHTTPRequestHandler):
    """Just enough of the Hub (platforms.md §6) and of Kaggle's GetDatasetMetadata."""

    requests: list[str] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, code, body=b"", headers=None):
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _readme(self):
        # /datasets/{org}/{name}/resolve/{rev}/README.md
        parts = self.path.split("?")[0].strip("/").split("/")
        repo = "/".join(parts[1:3])
        if repo not in ("lab/chest-films", "lab/slow"):
            return self._send(404, b"not found", {"X-Error-Code": "RepoNotFound",
                                                   "X-Error-Message": "Repository not found"})
        self._send(200, CARD, {"X-Repo-Commit": "a" * 40, "ETag": '"card-etag"',
                               "Content-Type": "text/markdown"})

    def do_HEAD(self):
        self.requests.append(f"HEAD {self.path}")
        if "/resolve/" in self.path:
            return self._readme()
        self._send(404)

    def do_GET(self):
        self.requests.append(f"GET {self.path}")
        if "lab/slow" in self.path:
            time.sleep(SLOW_SECONDS)
        if "/resolve/" in self.path:
            return self._readme()
        if self.path.startswith("/api/datasets/lab/chest-films"):
            info = {"id": "lab/chest-films", "sha": "a" * 40, "tags": ["license:cc-by-nc-4.0"],
                    "cardData": {"license": "cc-by-nc-4.0"},
                    "siblings": [{"rfilename": "README.md"}]}
            return self._send(200, json.dumps(info).encode(), {"Content-Type": "application/json"})
        self._send(404, b"{}", {"X-Error-Code": "RepoNotFound"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.requests.append(f"POST {self.path}")
        if self.path != "/api/v1/datasets.DatasetApiService/GetDatasetMetadata":
            return self._send(404)
        if self.headers.get("Authorization") not in ACCEPTED:
            return self._send(401, b'{"error": "unauthenticated"}')
        if (body.get("ownerSlug"), body.get("datasetSlug")) != ("janedoe", "fictional-spine"):
            return self._send(404, b'{"error": "not found"}')
        self._send(200, json.dumps(KAGGLE_INFO).encode(), {"Content-Type": "application/json"})


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up on the slow repo closes its end: expected, not news


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), FakePlatforms)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(tmp_path, endpoint, *args, **extra_env):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HF_", "HUGGINGFACE", "KAGGLE", "DATASHEET_"))}
    env.update(HF_ENDPOINT=endpoint, HF_HUB_CACHE=str(tmp_path / "hub-cache"),
               HF_HUB_DISABLE_TELEMETRY="1",
               DATASHEET_KAGGLE_API=f"{endpoint}/api", KAGGLE_API_TOKEN="dummy",
               KAGGLE_CONFIG_DIR=str(tmp_path / "kaggle"))
    env.update(extra_env)
    return subprocess.run([sys.executable, "-m", "datasheet_kit", *args], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=60)


def test_hub_card_fetch_import_validate(server, tmp_path):
    out = tmp_path / "draft.yaml"
    result = run(tmp_path, server, "import", "hf:lab/chest-films", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert '# from hf:lab/chest-films/README.md:72 "Personal and Sensitive Information"' in text
    assert "hosting_platform: huggingface" in text
    assert f"landing_page: {server}/datasets/lab/chest-films" in text
    check = run(tmp_path, server, "validate", str(out))
    assert check.returncode == 0, check.stdout
    assert "GET /datasets/lab/chest-films/resolve/main/README.md" in FakePlatforms.requests
    assert "GET /api/datasets/lab/chest-films" in FakePlatforms.requests


def test_fetch_read_and_score_both_platforms_in_one_survey(server, tmp_path):
    result = run(tmp_path, server, "survey", "-j", "1", "-o", "out",
                 "hf:lab/chest-films", "kaggle:janedoe/fictional-spine")
    assert result.returncode == 0, result.stderr
    payload = json.loads((tmp_path / "out" / "cards.json").read_text())
    rows = {row["file"]: row for row in payload["per_card"]}
    hub, kaggle = rows["hf:lab/chest-films"], rows["kaggle:janedoe/fictional-spine"]
    assert hub["kind"] == "hf" and not hub["error"]
    assert "composition.confidential" in hub["answered"]
    assert hub["presence"]["filled"] > 0
    assert kaggle["kind"] == "kaggle" and not kaggle["error"]
    assert "dataset.title" in kaggle["answered"]
    assert "maintenance.updates" not in kaggle["answered"]  # "not specified"


@pytest.mark.parametrize("files", [
    {"kaggle.json": '{"username": "janedoe", "key": "secret"}'},
    {"access_token": "dummy\n"},
])
def test_kaggle_reads_the_credentials_files_kaggle_users_have(server, tmp_path, files):
    config = tmp_path / "kaggle"
    config.mkdir()
    for name, text in files.items():
        (config / name).write_text(text, encoding="utf-8")
    result = run(tmp_path, server, "import", "kaggle:janedoe/fictional-spine",
                 KAGGLE_API_TOKEN="")
    assert result.returncode == 0, result.stderr
    assert "title: Fictional Spine" in result.stdout
    # ~/.kaggle when KAGGLE_CONFIG_DIR is not set
    home = tmp_path / "home"
    config.rename(home.mkdir() or home / ".kaggle")
    env = {"KAGGLE_API_TOKEN": "", "HOME": str(home), "KAGGLE_CONFIG_DIR": ""}
    assert run(tmp_path, server, "import", "kaggle:janedoe/fictional-spine", **env
               ).returncode == 0


def test_a_broken_kaggle_json_is_one_line_and_exit_2(server, tmp_path):
    (tmp_path / "kaggle").mkdir()
    (tmp_path / "kaggle" / "kaggle.json").write_text('{"username": "janedoe"', encoding="utf-8")
    result = run(tmp_path, server, "import", "kaggle:janedoe/fictional-spine",
                 KAGGLE_API_TOKEN="")
    assert result.returncode == 2 and "kaggle.json: not JSON" in result.stderr
    assert result.stderr.count("\n") == 1


def test_provenance_takes_remote_targets_among_others(server, tmp_path):
    local = FIXTURES / "cards" / "kaggle-upload.json"
    result = run(tmp_path, server, "provenance", "--format", "csv", "hf:lab/chest-films",
                 "kaggle:janedoe/fictional-spine", str(local))
    assert result.returncode in (0, 1), result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["target"], r["kind"]) for r in rows] == [
        ("hf:lab/chest-films", "hf"), ("kaggle:janedoe/fictional-spine", "kaggle"),
        (str(local), "kaggle")]
    assert rows[0]["licence"] == "cc-by-nc-4.0"


def test_kaggle_import(server, tmp_path):
    result = run(tmp_path, server, "import", "kaggle:janedoe/fictional-spine")
    assert result.returncode == 0, result.stderr
    assert "title: Fictional Spine" in result.stdout
    assert "hosting_platform: kaggle" in result.stdout
    assert "https://www.kaggle.com/datasets/janedoe/fictional-spine" in result.stdout


@pytest.mark.parametrize("target, env, message", [
    ("hf:lab/missing", {}, "no such dataset on the Hub"),
    ("kaggle:janedoe/missing", {}, "no such dataset on Kaggle"),
    ("kaggle:janedoe/fictional-spine", {"KAGGLE_API_TOKEN": "wrong"}, "refused the credentials"),
    ("hf:lab/chest-films", {"HF_HUB_OFFLINE": "1"}, "offline mode is on"),
    ("kaggle:janedoe/fictional-spine", {"DATASHEET_OFFLINE": "1"}, "offline mode is on"),
    ("hf:not-a-name", {}, "expected hf:OWNER/NAME"),
])
def test_failures_are_one_line_and_exit_2(server, tmp_path, target, env, message):
    result = run(tmp_path, server, "import", target, **env)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("target", ["hf:lab/chest-films", "kaggle:janedoe/fictional-spine"])
def test_closed_port(tmp_path, target):
    result = run(tmp_path, f"http://127.0.0.1:{closed_port()}", "import", target)
    assert result.returncode == 2
    assert "cannot connect" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_timeout(server, tmp_path):
    started = time.perf_counter()
    result = run(tmp_path, server, "import", "--timeout", "1", "hf:lab/slow")
    assert result.returncode == 2
    assert "did not answer in time" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert time.perf_counter() - started < SLOW_SECONDS  # our timeout, not the client's retries

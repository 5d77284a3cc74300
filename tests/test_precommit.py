"""The pre-commit hooks, run by the real `pre-commit` in temporary git repositories, offline.

Two ways, so that each test says exactly what it exercises:

- `language: system` copies of our hooks: the published .pre-commit-hooks.yaml with only
  `language` changed and `entry` pointed at the `datasheet` of this environment. Every other key
  (id, files, ...) is the published one. This runs everywhere without a network: pre-commit
  selects the files, runs the hook, and blocks or allows the commit.
- The published hooks as they are (`language: python`): pre-commit builds its own virtual
  environment and pip-installs datasheet-kit from this repository. Without a network that needs
  a wheelhouse with our dependencies and build backend (`make test` fills .venv/wheelhouse); the
  test is skipped when there is none (and fails under CI).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
WHEELHOUSE = Path(os.environ.get("DATASHEET_WHEELHOUSE", ROOT / ".venv" / "wheelhouse"))
GOOD = (FIXTURES / "lint" / "clean.yaml").read_text(encoding="utf-8")
BAD = (FIXTURES / "lint" / "kaggle-copy.yaml").read_text(encoding="utf-8")

needs_pre_commit = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed "
                                      "(it is in the test extra)")


def published() -> list[dict]:
    return yaml.safe_load(HOOKS.read_text(encoding="utf-8"))


def test_published_hooks_install_the_package_themselves():
    hooks = {hook["id"]: hook for hook in published()}
    assert set(hooks) == {"datasheet-lint", "datasheet-validate", "datasheet-card"}
    assert hooks["datasheet-card"]["entry"] == "datasheet generate hf-card --check"
    assert hooks["datasheet-lint"]["entry"] == "datasheet lint"
    assert hooks["datasheet-validate"]["entry"] == "datasheet validate"
    assert all(hook["language"] == "python" for hook in hooks.values())


@pytest.mark.parametrize("path, picked", [
    ("datasheets/ham10000.yaml", True),
    ("datasheets/isic/2019.yml", True),
    ("data/datasheets/chexpert.yaml", True),
    ("datasheet.yaml", True),
    ("docs/DATASHEET.yml", True),
    ("isic.datasheet.yaml", True),
    ("data/my-datasheet.yaml", True),
    (".pre-commit-config.yaml", False),
    (".github/workflows/ci.yml", False),
    ("datasheets/README.md", False),
    ("datasheets/ham10000.json", False),
    ("mkdocs.yml", False),
    ("src/datasheet_kit/datasheet.py", False),
    ("my-datasheets.yaml", False),
    ("datasheet.yaml.bak", False),
])
def test_files_pattern_on_realistic_paths(path, picked):
    # pre-commit matches `files` with re.search on the path relative to the repository root.
    for hook in published():
        assert bool(re.search(hook["files"], path)) is picked, (hook["id"], path)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


@pytest.fixture
def env(tmp_path):
    """An environment in which git and pre-commit ignore the user's settings and caches."""
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "GITHUB_ACTIONS": ""}


def _repo(path: Path, env: dict) -> Path:
    path.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=path, env=env, check=True)
    return path


def _commit_all(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    return subprocess.run(["git", "commit", "-m", message], cwd=repo, env=env,
                          capture_output=True, text=True)


@pytest.fixture
def local_hooks(tmp_path, env) -> Path:
    """A hook repository holding the published hooks, run with this environment's `datasheet`."""
    repo = _repo(tmp_path / "hooks", env)
    hooks = published()
    for hook in hooks:
        hook["language"] = "system"  # "unsupported" in pre-commit 4.4+, which still reads "system"
        hook.pop("additional_dependencies", None)  # this environment has them already
        hook["entry"] = hook["entry"].replace("datasheet", str(BIN / "datasheet"), 1)
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks, sort_keys=False))
    assert _commit_all(repo, env, "hooks").returncode == 0
    return repo


def _project(tmp_path: Path, env: dict) -> Path:
    project = _repo(tmp_path / "project", env)
    (project / "README.md").write_text("A project with a datasheet.\n")
    assert _commit_all(project, env, "start").returncode == 0
    return project


def _try_repo(hooks: Path, hook: str, project: Path, env: dict, *files: str):
    return subprocess.run([PRE_COMMIT, "try-repo", str(hooks), hook, "--files", *files],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


@needs_pre_commit
@pytest.mark.slow
def test_try_repo_passes_a_good_datasheet_and_fails_a_bad_one(tmp_path, env, local_hooks):
    project = _project(tmp_path, env)
    (project / "datasheets").mkdir()
    (project / "datasheets" / "good.yaml").write_text(GOOD)
    (project / "datasheets" / "bad.yaml").write_text(BAD)
    (project / "notes.yaml").write_text("not: a datasheet\n")  # outside `files`: never checked
    _git(project, "add", "-A")
    good = _try_repo(local_hooks, "datasheet-lint", project, env,
                     "datasheets/good.yaml", "notes.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "datasheet lint" in good.stdout and "Passed" in good.stdout
    bad = _try_repo(local_hooks, "datasheet-lint", project, env, "datasheets/bad.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout and "DS704 license-incompatible" in bad.stdout
    # validate checks the schema only: the bad datasheet is schema-valid.
    assert _try_repo(local_hooks, "datasheet-validate", project, env,
                     "datasheets/bad.yaml").returncode == 0


@needs_pre_commit
@pytest.mark.slow
def test_commit_is_blocked_by_a_bad_datasheet_and_allowed_for_a_good_one(tmp_path, env,
                                                                         local_hooks):
    project = _project(tmp_path, env)
    rev = _git(local_hooks, "rev-parse", "HEAD").stdout.strip()
    config = {"repos": [{"repo": str(local_hooks), "rev": rev,
                         "hooks": [{"id": "datasheet-lint"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    installed = subprocess.run([PRE_COMMIT, "install"], cwd=project, env=env,
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    (project / "datasheet.yaml").write_text(BAD)
    blocked = _commit_all(project, env, "add a datasheet")
    assert blocked.returncode != 0
    assert "DS302 counts-contradict" in blocked.stdout + blocked.stderr
    assert _git(project, "log", "--oneline").stdout.count("\n") == 1  # nothing committed
    (project / "datasheet.yaml").write_text(GOOD)
    allowed = _commit_all(project, env, "add a datasheet")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _git(project, "log", "--oneline").stdout.count("\n") == 2


@needs_pre_commit
@pytest.mark.slow
def test_published_python_hook_installs_from_this_repository(tmp_path, env):
    wheels = {p.name.split("-")[0].lower() for p in WHEELHOUSE.glob("*.whl")}
    missing = {"click", "pyyaml", "hatchling"} - wheels
    if missing:
        message = f"no {', '.join(sorted(missing))} wheels in {WHEELHOUSE}: run `make test`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    offline = {**env, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELHOUSE)}
    project = _project(tmp_path, offline)
    (project / "datasheets").mkdir()
    (project / "datasheets" / "bad.yaml").write_text(BAD)
    (project / "datasheets" / "good.yaml").write_text(GOOD)
    _git(project, "add", "-A")
    good = _try_repo(ROOT, "datasheet-lint", project, offline, "datasheets/good.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    bad = _try_repo(ROOT, "datasheet-lint", project, offline, "datasheets/bad.yaml")
    assert bad.returncode == 1 and "DS704" in bad.stdout, bad.stdout + bad.stderr


@needs_pre_commit
@pytest.mark.slow
def test_card_hook_fails_when_the_card_is_stale(tmp_path, env, local_hooks):
    project = _project(tmp_path, env)
    (project / "datasheet.yaml").write_text(GOOD)
    card = subprocess.run([str(BIN / "datasheet"), "generate", "hf-card", "datasheet.yaml",
                           "-o", "README.md", "--force"], cwd=project, env=env,
                          capture_output=True, text=True)
    assert card.returncode == 0, card.stdout + card.stderr
    _git(project, "add", "-A")

    def run_hook():
        # no args: the hook compares the card with the README.md beside the datasheet
        rev = _git(local_hooks, "rev-parse", "HEAD").stdout.strip()
        config = {"repos": [{"repo": str(local_hooks), "rev": rev, "hooks": [
            {"id": "datasheet-card"}]}]}
        (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
        return subprocess.run([PRE_COMMIT, "run", "datasheet-card", "--files", "datasheet.yaml"],
                              cwd=project, env=env, capture_output=True, text=True, timeout=300)

    fresh = run_hook()
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    (project / "datasheet.yaml").write_text(GOOD.replace("title: ", "title: Renamed ", 1))
    stale = run_hook()
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "README.md" in stale.stdout


@needs_pre_commit
def test_the_projects_own_hooks_pass_on_its_datasheets_and_block_a_bad_one(tmp_path, env):
    """.pre-commit-config.yaml (the project's own hooks) is valid; run by the real pre-commit,
    its datasheet hooks pass on datasheets/ as committed and fail on a datasheet with errors."""
    config = ROOT / ".pre-commit-config.yaml"
    assert subprocess.run([PRE_COMMIT, "validate-config", str(config)], env=env,
                          capture_output=True).returncode == 0
    hooks = {h["id"] for repo in yaml.safe_load(config.read_text(encoding="utf-8"))["repos"]
             for h in repo["hooks"]}
    assert {"ruff", "mypy", "datasheet-lint", "datasheet-validate"} <= hooks
    project = _repo(tmp_path / "copy", env)
    shutil.copytree(ROOT / "datasheets", project / "datasheets")
    shutil.copy(config, project / ".pre-commit-config.yaml")
    assert _commit_all(project, env, "datasheets").returncode == 0
    path = {**env, "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}

    def run(hook: str) -> subprocess.CompletedProcess:
        return subprocess.run([PRE_COMMIT, "run", hook, "--all-files"], cwd=project, env=path,
                              capture_output=True, text=True)

    for hook in ("datasheet-lint", "datasheet-validate"):
        result = run(hook)
        assert result.returncode == 0, result.stdout + result.stderr
    (project / "datasheets" / "bad.yaml").write_text(BAD, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=project, env=env, check=True)
    result = run("datasheet-lint")
    assert result.returncode == 1 and "bad.yaml" in result.stdout, result.stdout

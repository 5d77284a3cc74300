"""The built wheel carries the schema, the compiled artefacts and the templates, and works alone."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

# `make test` fills this with the wheels of our runtime dependencies, so that installing into a
# fresh virtual environment needs no network.
WHEELHOUSE = Path(os.environ.get("DATASHEET_WHEELHOUSE", ROOT / ".venv" / "wheelhouse"))


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_validates(tmp_path):
    if not any(WHEELHOUSE.glob("*.whl")):
        message = f"no dependency wheels in {WHEELHOUSE}: run `make test`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                            "--outdir", str(dist), str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (wheel,) = dist.glob("datasheet_kit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("datasheet_kit/schema/datasheet.yaml",
                     "datasheet_kit/_compiled/datasheet.schema.json",
                     "datasheet_kit/_compiled/catalogue.json"):
        assert required in names
    assert any(n.startswith("datasheet_kit/templates/") for n in names)
    assert "datasheet_kit/datasheets/isic-2019.yaml" in names  # provenance's reference set

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-index", "--find-links", str(WHEELHOUSE), str(wheel)], check=True)
    datasheet = venv / "bin" / "datasheet"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    good = subprocess.run([str(datasheet), "validate", str(FIXTURES / "valid" / "complete.yaml")],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([str(datasheet), "validate", str(FIXTURES / "invalid")],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "DS104" in bad.stdout
    # provenance finds its originals in the references bundled in the wheel
    copy = subprocess.run([str(datasheet), "provenance",
                           str(ROOT / "examples" / "skin-lesions-256-copy.yaml")],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert copy.returncode == 1 and "(isic-2019)" in copy.stdout, copy.stdout + copy.stderr
    # the installed package, not the source tree, answered
    where = subprocess.run([str(python), "-c",
                            "import datasheet_kit; print(datasheet_kit.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert str(venv) in where.stdout

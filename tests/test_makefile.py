"""The README's two commands: ``make demo`` installs only what it runs (the package), ``make test``
the test tools and the notebook extra (issue 14 item 15). Checked with ``make -n`` against an
empty virtual-environment path, so nothing is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _plan(target: str, venv: Path) -> list[str]:
    make = shutil.which("make")
    if make is None:  # pragma: no cover - make is what runs the suite in CI
        pytest.skip("make is not installed")
    out = subprocess.run([make, "-n", target, f"VENV={venv}"], cwd=REPO, capture_output=True, text=True,
                         check=True, timeout=60).stdout
    return [line for line in out.splitlines() if "pip install" in line and "--upgrade pip" not in line]


def test_demo_installs_the_package_alone(tmp_path: Path) -> None:
    installs = _plan("demo", tmp_path / "venv")
    assert installs and all(line.rstrip().endswith("-e .") for line in installs), installs


def test_test_installs_the_test_tools_and_the_notebook_extra(tmp_path: Path) -> None:
    installs = _plan("test", tmp_path / "venv")
    assert any('-e ".[test,notebook]"' in line for line in installs), installs


def test_mutation_installs_mutmut_and_stays_out_of_test(tmp_path: Path) -> None:
    # mutation testing is an opt-in extra (docs/testing.md): `make mutation` installs it,
    # `make test` (what CI runs) neither installs nor runs it
    assert any('-e ".[mutation]"' in line for line in _plan("mutation", tmp_path / "venv"))
    assert not any(".[mutation]" in line for line in _plan("test", tmp_path / "venv"))
    make = shutil.which("make")
    assert make is not None
    plan = subprocess.run([make, "-n", "test", f"VENV={tmp_path / 'venv'}"], cwd=REPO, capture_output=True,
                          text=True, check=True, timeout=60).stdout.replace(str(tmp_path), "VENV")
    assert "tools/mutation.py" not in plan and "mutmut" not in plan

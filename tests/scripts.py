"""The repository's scripts (``tools/``, ``benchmarks/``) as modules, for the tests that drive
them: ``from scripts import load_script`` (tests/ is on the path, see tests/conftest.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def load_script(path: Path, *, name: str | None = None, required: bool = False) -> ModuleType:
    """The script at ``path`` as a module named ``name`` (default: its file's stem), registered
    in ``sys.modules`` (a dataclass looks its module up there while the file executes).

    A script that is not there skips the test, or the test module when called at its top: an
    sdist ships without tools/ and benchmarks/. With ``required``, it is an error instead."""
    if not path.is_file():
        if required:
            raise FileNotFoundError(path)
        pytest.skip(f"{path.relative_to(REPO)} is not available", allow_module_level=True)
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module

"""Fixtures of the command-line tests: a clean environment, the in-process runner, the example
ward as JSON and as JSON Lines, the small CI example (helpers are in cli_support.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli.cli_support import CI_EXAMPLE, CLEARED_ENV, Run, jsonl_lines

from qd213_rules.cli import main
from qd213_rules.examples import example_ward_document, example_ward_path


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from the documented defaults, whatever the developer's shell sets."""
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def qd213(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """``qd213(*args)`` runs the CLI in-process and returns its exit code, stdout and stderr."""

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def ward_json() -> Path:
    """The bundled example ward (a JSON document)."""
    return Path(str(example_ward_path()))


@pytest.fixture
def ward_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The example ward as ``ward.jsonl`` in a temporary working directory (a relative name, as
    a CI job passes it)."""
    (tmp_path / "ward.jsonl").write_text("\n".join(jsonl_lines(example_ward_document())) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield "ward.jsonl"


@pytest.fixture
def ci_facts(tmp_path: Path) -> Path:
    """The CI example of docs/ci.md copied to ``facts.jsonl`` in a temporary directory."""
    target = tmp_path / "facts.jsonl"
    shutil.copyfile(CI_EXAMPLE / "facts.jsonl", target)
    return target

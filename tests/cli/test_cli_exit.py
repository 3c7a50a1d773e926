"""A check run by the ``qd213`` program keeps its fact set and report alive until the process
ends (``cli.run`` ends it without freeing them); ``main`` called in a process that goes on keeps
nothing. (That the program's output and exit code are ``main``'s: tests/cli/test_cli_check.py.)"""

from __future__ import annotations


import pytest
from cli.cli_support import AS_OF

from qd213_rules import commands
from qd213_rules.cli import main
from qd213_rules.examples import example_ward_path
from qd213_rules.facts import FactSet
from qd213_rules.report import Report


def test_only_a_check_whose_process_ends_keeps_its_facts_and_report(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["check", str(example_ward_path()), "--as-of", AS_OF, "--format", "json", "--lang", "en"]
    monkeypatch.setattr(commands, "_LEFT_TO_EXIT", [])
    code = main(args)
    going_on = capsysbinary.readouterr().out
    assert commands._LEFT_TO_EXIT == []  # a host's process goes on: nothing is kept
    assert main(args, exiting=True) == code
    assert capsysbinary.readouterr().out == going_on
    kept = commands._LEFT_TO_EXIT
    assert [type(kept[0]), type(kept[1])] == [FactSet, Report] and len(kept[1]) > 0  # type: ignore[arg-type]


def test_other_commands_keep_nothing(capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "_LEFT_TO_EXIT", [])
    main(["validate", str(example_ward_path())], exiting=True)
    main(["obligations", "--format", "json"], exiting=True)
    assert commands._LEFT_TO_EXIT == []

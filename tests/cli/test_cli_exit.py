"""A check run by the ``qd213`` program keeps its fact set and report alive until the process
ends (``cli.run`` ends it without freeing them); ``main`` called in a process that goes on keeps
nothing. (That the program's output and exit code are ``main``'s: tests/cli/test_cli_check.py.)"""

from __future__ import annotations

import os
import subprocess

import pytest
from cli.cli_support import AS_OF, console_script

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


_FULL = "/dev/full"  # a device whose every write fails with ENOSPC, as a full disk does


@pytest.mark.skipif(not os.path.exists(_FULL), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "options",
    [["--format", "json"], ["--format", "text"], ["--stream"], ["--format", "json", "--workers", "2"]],
    ids=["json", "text", "stream", "workers"],
)
def test_a_full_disk_is_said_with_exit_code_2_never_a_traceback(ward_jsonl: str, options: list[str]) -> None:
    """A report that does not fit on the disk must not end as a crash with code 1, which a CI
    pipeline reads as "findings": the program says what failed, in the chosen language, and
    exits 2, the code of a file that cannot be written."""
    for lang, said in (("en", "Cannot write to standard output: No space left on device"),
                       ("vi", "Không ghi được đầu ra chuẩn: No space left on device")):
        with open(_FULL, "wb") as full:
            proc = subprocess.run(
                [*console_script(), "check", ward_jsonl, "--as-of", AS_OF, "--lang", lang, *options],
                stdout=full, stderr=subprocess.PIPE, timeout=300, check=False,
            )
        stderr = proc.stderr.decode()
        assert proc.returncode == 2, stderr
        assert said in stderr and "Traceback" not in stderr and "Exception ignored" not in stderr


def test_an_error_that_is_not_the_outputs_is_not_called_one() -> None:
    """Only a write the device refused, with no file name, is the output's failure: a file the
    command opened by name says its name elsewhere, and a refused connection is not a full disk."""
    import errno

    assert commands.output_failed(OSError(errno.ENOSPC, "No space left on device"))
    assert commands.output_failed(OSError(errno.EIO, "Input/output error"))
    assert not commands.output_failed(OSError(errno.ENOSPC, "No space left on device", "staging.sqlite"))
    assert not commands.output_failed(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"))
    assert not commands.output_failed(OSError(errno.ENOENT, "No such file or directory"))

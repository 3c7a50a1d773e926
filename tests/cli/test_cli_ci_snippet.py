"""The CI snippets of docs/ci.md, run as documented against the small example ward of
docs/examples/ci/: the check fails (exit 1) with an overdue duty, and passes (exit 0) once the
missing fact is added.

The commands are read from the marked blocks of docs/ci.md (``<!-- ci:github:begin -->`` …),
so the documentation cannot drift from what is tested. The only change made to them: the
``check`` commands get ``--as-of 2025-04-30``, because the documented ones rightly check as of
today and the example's dates are fixed.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cli.cli_support import CI_EXAMPLE, DOCS, run_script

CI_MD = DOCS / "ci.md"
AS_OF = "2025-04-30"


def _commands(system: str) -> list[list[str]]:
    text = CI_MD.read_text(encoding="utf-8")
    match = re.search(rf"<!-- ci:{system}:begin -->(.*?)<!-- ci:{system}:end -->", text, re.S)
    assert match, f"docs/ci.md has no ci:{system} block"
    commands = []
    for line in match.group(1).splitlines():
        found = re.search(r"(?:run:|-)\s+(qd213 .*)$", line)
        if found:
            command = found.group(1).split(" #")[0].strip()
            commands.append(shlex.split(command)[1:])
    assert commands, f"no qd213 command in the ci:{system} block"
    return commands


def _run_all(commands: list[list[str]], cwd: Path, env: dict[str, str]) -> list[int]:
    codes = []
    for args in commands:
        if args[0] == "check":
            args = [*args, "--as-of", AS_OF]
        proc = run_script(args, cwd=cwd, env=env)
        assert b"Traceback" not in proc.stderr, proc.stderr.decode()
        codes.append(proc.returncode)
    return codes


@pytest.mark.parametrize("system", ["github", "gitlab"])
def test_documented_pipeline_fails_on_overdue_then_passes(system: str, tmp_path: Path) -> None:
    commands = _commands(system)
    assert [c[0] for c in commands] == ["validate", "check"]
    check = commands[-1]
    assert check[1] == "facts.jsonl" and "junit=report.xml" in check
    if system == "github":
        assert check[check.index("--format") + 1] == "github"
    (tmp_path / "facts.jsonl").write_bytes((CI_EXAMPLE / "facts.jsonl").read_bytes())
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)} if system == "github" else {}

    # before: the introduction letter of DV-2 (D3.K1b) is missing and overdue
    assert _run_all(commands, tmp_path, env) == [0, 1]
    failing = [case for case in ET.parse(tmp_path / "report.xml").getroot().iter("testcase")
               if case.find("failure") is not None]
    assert {case.find("failure").get("type") for case in failing} == {"overdue"}  # type: ignore[union-attr]
    assert "D3.K1b|DV-2|-|DU-A" in {case.get("name") for case in failing}
    assert "D3.K1b" in (tmp_path / "report.md").read_text(encoding="utf-8")
    if system == "github":
        assert "D3.K1b" in summary.read_text(encoding="utf-8")

    # after: the letter is recorded; nothing is overdue any more
    with (tmp_path / "facts.jsonl").open("ab") as handle:
        handle.write((CI_EXAMPLE / "missing_fact.jsonl").read_bytes())
    assert _run_all(commands, tmp_path, env) == [0, 0]
    root = ET.parse(tmp_path / "report.xml").getroot()
    assert root.get("failures") == "0" and int(root.get("tests") or 0) > 0


def test_github_check_annotates_the_trigger_line(tmp_path: Path) -> None:
    (tmp_path / "facts.jsonl").write_bytes((CI_EXAMPLE / "facts.jsonl").read_bytes())
    proc = run_script(["check", "facts.jsonl", "--format", "github", "--as-of", AS_OF, "--lang", "en"], cwd=tmp_path)
    assert proc.returncode == 1
    warnings = [line for line in proc.stdout.decode("utf-8").splitlines() if line.startswith("::warning")]
    assert any(line.startswith("::warning file=facts.jsonl,line=7,title=D3.K1b DV-2%3A ") for line in warnings), warnings

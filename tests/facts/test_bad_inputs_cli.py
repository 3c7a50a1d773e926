"""Every bad input of the corpus, through the command line as a user runs it: exit code 2 and,
for each problem, a message naming the file, the place, the fact id, the value found and what
was expected — in the chosen language, without a traceback (issue 3 acceptance)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from qd213_rules.cli import main
from qd213_rules.errors import printable

BAD = Path(__file__).parent / "bad"
CASES: list[dict[str, Any]] = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))
# limits are exercised through the library (tests/facts/test_bad_inputs.py); here the defaults apply
PLAIN = [c for c in CASES if not c.get("limits")]


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", PLAIN, ids=[c["file"] for c in PLAIN])
def test_bad_input_exits_2_with_located_messages(
    case: dict[str, Any], lang: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = BAD / case["file"]
    args = [command, str(path), "--lang", lang] + (["--as-of", "2025-12-31"] if command == "check" else [])
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    lines = [line for line in err.splitlines() if line.strip()]
    for problem in case["problems"]:
        wanted = [f"[{problem['code']}]", case["file"]]
        if problem.get("line") is not None:
            wanted.append(f"{case['file']}:{problem['line']}")
        if problem.get("json_path"):
            wanted.append(problem["json_path"])
        if problem.get("fact_id"):
            wanted.append(printable(problem["fact_id"]))  # hidden characters shown as \uXXXX
        assert any(all(w in line for w in wanted) for line in lines), f"no line with {wanted}:\n{err}"
    marker = "(dữ kiện" if lang == "vi" else "(fact"
    if any(p.get("fact_id") for p in case["problems"]):
        assert marker in err

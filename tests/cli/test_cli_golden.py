"""Golden outputs of the command line for the bundled example ward (tests/cli/golden/).

Each file is the exact output of one command. After an intended change to the example ward, the
engine or a renderer, regenerate them all and review the diff:

    QD213_UPDATE_GOLDEN=1 python -m pytest tests/cli/test_cli_golden.py

The files are compared byte for byte (the calendar keeps its CRLF line ends; see .gitattributes).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from cli.cli_support import AS_OF, GOLDEN, Run

UPDATE = os.environ.get("QD213_UPDATE_GOLDEN") == "1"
REGENERATE = "QD213_UPDATE_GOLDEN=1 python -m pytest tests/cli/test_cli_golden.py"

WARD = "{ward}"  # replaced by the example ward's path (JSON) or "ward.jsonl" (JSON Lines, in the cwd)

# golden file → (arguments, expected exit code)
CASES: dict[str, tuple[list[str], int]] = {
    "demo.vi.txt": (["demo"], 0),
    "demo.en.txt": (["demo", "--lang", "en"], 0),
    "demo.vi.md": (["demo", "--format", "markdown"], 0),
    "demo.DV-005.json": (["demo", "--format", "json", "--member", "DV-005"], 0),
    "demo.DV-005.junit.xml": (["demo", "--format", "junit", "--member", "DV-005", "--lang", "en"], 0),
    "check.jsonl.github.txt": (["check", "ward.jsonl", "--as-of", AS_OF, "--format", "github", "--lang", "en"], 1),
    "calendar.en.ics": (["calendar", WARD, "--as-of", AS_OF, "--lang", "en"], 0),
    "explain.D2.K7b.DV-005.vi.txt": (["explain", WARD, "--obligation", "D2.K7b", "--subject", "DV-005", "--as-of", AS_OF], 0),
    "explain.D2.K7b.DV-005.en.txt": (
        ["explain", WARD, "--obligation", "D2.K7b", "--subject", "DV-005", "--as-of", AS_OF, "--lang", "en"], 0),
    "explain.D2.K7b.DV-005.en.json": (
        ["explain", WARD, "--obligation", "D2.K7b", "--subject", "DV-005", "--as-of", AS_OF, "--lang", "en",
         "--format", "json"], 0),
    "explain.D4.K4a.DV-009.en.txt": (
        ["explain", WARD, "--obligation", "D4.K4a", "--subject", "DV-009", "--as-of", AS_OF, "--lang", "en"], 0),
}


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {name}; create it with `{REGENERATE}`"
    expected = path.read_bytes().decode("utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual", n=2))
        pytest.fail(f"{name} differs from its golden file (regenerate with `{REGENERATE}` if intended):\n{diff[:6000]}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name: str, qd213: Callable[..., Run], ward_json: Path, ward_jsonl: str) -> None:
    args, code = CASES[name]
    run = qd213(*[str(ward_json) if a == WARD else a for a in args])
    assert run.code == code, run.err
    assert "Traceback" not in run.err
    _compare(name, run.out)


def test_explain_shows_the_deadline_arithmetic_and_the_sources() -> None:
    """The explanation a person checks against the text: trigger and evidence with their dates,
    the deadline as arithmetic on named policy values, the rule, the citation, the Vietnamese text."""
    text = (GOLDEN / "explain.D2.K7b.DV-005.en.txt").read_text(encoding="utf-8")
    assert re.search(r"^What started it: move of residence on \d{4}-\d\d-\d\d \(E-\d+\)$", text, re.M)
    assert re.search(r"^Deadline: move of residence on (\d{4}-\d\d-\d\d) \+ 30 days \(promptly, adjustable: "
                     r"timely_days\.D2\.K7b\) = due \d{4}-\d\d-\d\d$", text, re.M)
    assert re.search(r"^  \d{4}-\d\d-\d\d — report of the move to .+ \(E-\d+\): counts$", text, re.M)
    assert re.search(r"^As of: 2025-12-10$", text, re.M)
    assert "Citation: Regulation 213-QĐ/TW, Article 2(7)" in text
    assert "«Kịp thời báo cáo với chi uỷ nơi công tác và nơi cư trú khi chuyển sang nơi cư trú khác.»" in text
    vi = (GOLDEN / "explain.D2.K7b.DV-005.vi.txt").read_text(encoding="utf-8")
    assert "Căn cứ: Khoản 7 Điều 2 Quy định 213-QĐ/TW" in vi and "Thời hạn: " in vi and "Sự việc phát sinh: " in vi
    yearly = (GOLDEN / "explain.D4.K4a.DV-009.en.txt").read_text(encoding="utf-8")
    assert re.search(r"^Deadline: the cell's annual review (held on|scheduled for) \d{4}-12-\d\d − 15 days \(forms "
                     r"before the review, adjustable: comment_lead_days\) − 3 × 5 days \(one step of the comment "
                     r"chain, adjustable: chain_step_days\) = due \d{4}-\d\d-\d\d$", yearly, re.M)


def test_golden_files_are_all_used() -> None:
    stray = {p.name for p in GOLDEN.iterdir() if not p.name.startswith(".")} - set(CASES)
    assert not stray, f"golden files no test produces: {sorted(stray)}"

"""The text report a cell secretary reads in a CI log (issue 14 items 2 and 3): findings grouped
by severity before the rest, a closing verdict against ``--fail-on``, ``--only-findings``, lines
wrapped to the terminal; and overdue duties in ``qd213 calendar``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli.cli_support import AS_OF, Run

from qd213_rules.examples import EXAMPLE_AS_OF


def test_report_ends_with_the_verdict(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("check", str(ward_json), "--as-of", AS_OF, "--lang", "en")
    assert run.code == 1
    assert run.out.splitlines()[-1] == "FAIL: 4 not performed, 7 overdue ≥ --fail-on overdue."
    vi = qd213("check", str(ward_json), "--as-of", AS_OF)
    assert vi.out.splitlines()[-1] == "KHÔNG ĐẠT: 4 không thực hiện, 7 quá hạn (từ mức --fail-on overdue trở lên)."
    ok = qd213("check", str(ward_json), "--as-of", AS_OF, "--lang", "en", "--member", "DV-026")
    assert ok.code == 0
    assert ok.out.splitlines()[-1] == "OK: nothing at or above overdue (--fail-on overdue)."


def test_findings_are_grouped_by_severity_before_the_rest(qd213: Callable[..., Run], ward_json: Path) -> None:
    out = qd213("check", str(ward_json), "--as-of", AS_OF, "--lang", "en", "--all").out
    headings = [line for line in out.splitlines() if line.startswith("== ")]
    assert [h.split(" (")[0] for h in headings] == ["== Not performed", "== Overdue", "== Due", "== Other results"]
    violated, overdue = out.index("== Not performed"), out.index("== Overdue")
    # every violated result is printed before the first overdue one, whoever the subject
    assert "Overdue  " not in out[violated:overdue]
    assert out[violated:overdue].count("\n  Not performed ") == 4


def test_only_findings_prints_results_at_or_above_fail_on(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("check", str(ward_json), "--as-of", AS_OF, "--lang", "en", "--only-findings", "--fail-on", "violated")
    assert run.code == 1
    assert "== Overdue" not in run.out and "== Due" not in run.out
    assert run.out.count("\n  Not performed ") == 4
    doc = json.loads(qd213("check", str(ward_json), "--as-of", AS_OF, "--format", "json", "--only-findings").out)
    assert {r["status"] for r in doc["results"]} == {"violated", "overdue"}


def test_text_wraps_to_the_terminal_width(qd213: Callable[..., Run], ward_json: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    out = qd213("check", str(ward_json), "--as-of", AS_OF, "--lang", "en").out
    long_words = [line for line in out.splitlines() if len(line) > 60 and " " in line.strip()]
    assert not long_words, long_words[:3]
    assert out.splitlines()[-1].startswith("FAIL:")


def test_calendar_shows_overdue_duties_on_the_as_of_date(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("calendar", str(ward_json), "--as-of", AS_OF, "--lang", "en")
    assert run.code == 0
    events = run.out.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]
    overdue = [e for e in events if "SUMMARY:[OVERDUE]" in e]
    assert len(overdue) == 10
    assert all(f"DTSTART;VALUE=DATE:{EXAMPLE_AS_OF.strftime('%Y%m%d')}" in e for e in overdue)

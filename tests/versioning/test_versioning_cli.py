"""Law versioning through the command line, as a CI job runs it (semantics R8). These use
only the CLI, so they also show what the product did before versioning was made real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qd213_rules.cli import main

CI_FACTS = Path(__file__).resolve().parents[2] / "docs" / "examples" / "ci" / "facts.jsonl"
WARD = Path(__file__).resolve().parents[2] / "qd213_rules" / "data" / "example_ward.json"


@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--backend", "python"]])
def test_a_date_before_qd213_is_refused_not_reported(extra: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """As of 2019-12-31 QĐ 213 did not exist: no report of its duties as ongoing, but exit 2."""
    assert main(["check", str(WARD), "--as-of", "2019-12-31", "--lang", "en", *extra]) == 2
    out, err = capsys.readouterr()
    assert "No regulation in force on" in err and "2019-12-31" in err and "2020-01-02" in err
    assert '"results"' not in out


def test_report_lists_the_regulations_applied(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(WARD), "--as-of", "2025-12-31", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert isinstance(report["regulation"], list)
    (qd213,) = report["regulation"]
    assert qd213["id"] == "213-QĐ/TW" and qd213["in_force_from"] == "2020-01-02" and qd213["in_force_to"] is None


def test_as_of_before_the_record_is_a_data_warning(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(CI_FACTS), "--as-of", "2024-06-30", "--format", "json", "--lang", "en"])
    report = json.loads(capsys.readouterr().out)
    codes = [w["code"] for w in report["data_warnings"]]
    assert "as_of_before_observation" in codes

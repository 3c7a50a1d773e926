"""After a move, the workplace's clocks (D3.K1a, D3.K1b) start when the workplace learned of it,
and ``explain`` says which anchor was used and why (semantics R4; issue 12 item 3)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qd213_rules.messages import Lang

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_cases import load_case, run_case  # noqa: E402

CASES = Path(__file__).resolve().parents[1] / "cases" / "D3.K1b"
REPORTED = CASES / "clock_starts_when_workplace_learns.json"  # told the workplace cell on 2024-04-20
NEVER_TOLD = CASES / "move_to_other_commune.json"  # never told the workplace

WORDS = {
    ("reported", "vi"): "ngày nơi công tác được báo việc chuyển nơi cư trú 20/04/2024 (E-02)",
    ("reported", "en"): "the day the workplace was told of the move, 2024-04-20 (E-02)",
    ("never", "vi"): "= hạn đảng viên báo cáo nơi công tác 31/03/2024 (nơi công tác chưa được báo",
    ("never", "en"): "= the member's own due date to tell the workplace, 2024-03-31 (the workplace was not told",
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_names_the_report_the_clock_runs_from(lang: Lang) -> None:
    report = run_case(load_case(REPORTED))
    result = report["D3.K1b|DV-1|E-01|DU-A"]
    assert result.due_date is not None and result.due_date.isoformat() == "2024-05-20"
    text = str(report.explain(result, lang))
    assert WORDS[("reported", lang)] in text, text
    steps = report.explain(result, lang).to_dict()["trace"]["deadline"]
    assert steps[0] == ["anchor.workplace_learned.report:E-02", "2024-04-20"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_shows_the_members_own_due_date_when_the_workplace_was_never_told(lang: Lang) -> None:
    report = run_case(load_case(NEVER_TOLD))
    result = report["D3.K1a|DV-1|E-01|DU-A"]
    text = str(report.explain(result, lang))
    assert WORDS[("never", lang)] in text, text
    assert "timely_days.D2.K7b" in text and "timely_days.D3.K1a" in text
    # the parameters the message names are the ones the arithmetic used, each with its own value
    assert result.reason.params["policy"] == "timely_days.D2.K7b=30, timely_days.D3.K1a=30"


def test_the_regime_start_keeps_its_own_date() -> None:
    report = run_case(load_case(REPORTED))
    steps = report.explain(report["D3.K1b|DV-1|E-01|DU-A"], "en").to_dict()["trace"]["deadline"]
    assert steps[-1] == ["= due_date", "2024-05-20"]
    # a chain at the start of the record (no move) is not re-anchored
    start = [r for r in report.results if r.obligation_id == "D3.K1b" and r.trigger_event_id is None]
    assert all(r.reason.code == "completed_before_in_force" for r in start)

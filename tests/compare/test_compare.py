"""Report.compare: two readings of the same facts, on hand-made wards with known changes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from qd213_rules import Policy, UsageError, evaluate
from qd213_rules.compare import ABSENT, MATRIX_STATES, policy_changes
from qd213_rules.errors import ErrorCode
from qd213_rules.evaluation.results import Status

from .wards import move_not_reported, move_reported_on_day_20

K7B = "D2.K7b|DV-1|E13|DV-1"


def _days(n: int) -> Policy:
    return Policy(timely_days={"D2.K7b": n})


def test_report_on_day_20_is_fulfilled_at_30_days_and_late_at_15() -> None:
    facts = move_reported_on_day_20()
    at_30 = evaluate(facts, "2025-06-30", _days(30), lang="en")
    at_15 = evaluate(facts, "2025-06-30", _days(15), lang="en")
    diff = at_30.compare(at_15)
    assert [(c.result_id, c.kind, c.before_status, c.after_status) for c in diff] == [
        (K7B, "changed", "fulfilled", "fulfilled_late")
    ]
    change = diff.changes[0]
    assert change.before is not None and change.after is not None
    assert (change.before.due_date, change.after.due_date) == (dt.date(2025, 3, 31), dt.date(2025, 3, 16))
    assert (change.before.reason.code, change.after.reason.code) == ("fulfilled", "fulfilled_late")
    assert "16/03/2025" in change.after.message and "16/03/2025" not in change.before.message
    assert diff.matrix["fulfilled"]["fulfilled_late"] == 1
    # every result is counted once: the matrix adds up to the results of both reports
    assert sum(diff.matrix[r][c] for r in MATRIX_STATES for c in MATRIX_STATES if r != ABSENT) == len(at_30)
    assert sum(diff.matrix[r][c] for r in MATRIX_STATES for c in MATRIX_STATES if c != ABSENT) == len(at_15)
    assert diff.counts() == {"changed": 1, "appeared": 0, "disappeared": 0, "unchanged": len(at_30) - 1}
    assert diff.policy_changes() == [("timely_days.D2.K7b", 30, 15)]
    # the other way round: the same change, reversed
    back = at_15.compare(at_30)
    assert [(c.before_status, c.after_status) for c in back] == [("fulfilled_late", "fulfilled")]


def test_unreported_move_is_due_at_30_days_and_overdue_at_15() -> None:
    facts = move_not_reported()
    diff = evaluate(facts, "2025-03-20", _days(30)).compare(evaluate(facts, "2025-03-20", _days(15)))
    assert [(c.result_id, c.before_status, c.after_status) for c in diff] == [(K7B, "due", "overdue")]


def test_the_same_reading_changes_nothing() -> None:
    facts = move_reported_on_day_20()
    diff = evaluate(facts, "2025-06-30").compare(evaluate(facts, "2025-06-30"))
    assert not diff.changed and len(diff) == 0 and diff.policy_changes() == []
    assert diff.counts()["unchanged"] == diff.before.results


def test_a_later_as_of_date_makes_results_appear_and_an_earlier_one_disappear() -> None:
    facts = move_not_reported()
    before_move = evaluate(facts, "2025-02-20")
    after_move = evaluate(facts, "2025-04-20")
    diff = before_move.compare(after_move)
    appeared = {c.result_id: c for c in diff if c.kind == "appeared"}
    assert K7B in appeared
    assert appeared[K7B].before is None and appeared[K7B].after_status == "overdue"
    assert diff.matrix[ABSENT]["overdue"] >= 1
    back = after_move.compare(before_move)
    gone = {c.result_id: c for c in back if c.kind == "disappeared"}
    assert gone[K7B].after is None and gone[K7B].before_status == "overdue"
    assert (diff.before.as_of, diff.after.as_of) == (dt.date(2025, 2, 20), dt.date(2025, 4, 20))


def test_reports_of_different_facts_are_refused() -> None:
    one = evaluate(move_reported_on_day_20(), "2025-06-30")
    other = evaluate(move_not_reported(), "2025-06-30")
    with pytest.raises(UsageError) as caught:
        one.compare(other)
    assert caught.value.codes == (ErrorCode.DIFFERENT_FACTS,)
    assert "different fact sets" in caught.value.format("en")
    assert "hai bộ dữ liệu khác nhau" in caught.value.format("vi")


def test_json_records_and_dataframe_carry_both_statuses_and_both_reasons() -> None:
    facts = move_reported_on_day_20()
    diff = evaluate(facts, "2025-06-30", _days(30)).compare(evaluate(facts, "2025-06-30", _days(15)))
    doc = json.loads(diff.to_json())
    [change] = doc["changes"]
    assert change["before"]["status"] == "fulfilled" and change["after"]["status"] == "fulfilled_late"
    assert change["before"]["reason"]["code"] == "fulfilled"
    assert change["after"]["reason"]["params"]["policy"] == "timely_days.D2.K7b=15"
    assert doc["matrix"]["fulfilled"]["fulfilled_late"] == 1
    assert doc["policy_changes"] == [{"parameter": "timely_days.D2.K7b", "before": 30, "after": 15}]
    before_report = evaluate(facts, "2025-06-30")
    header = before_report.to_dict()
    assert doc["before"]["regulation"] == header["regulation"] and doc["before"]["results"] == len(before_report)
    assert doc["before"]["catalogue_version"] == header["catalogue_version"]
    assert doc["before"]["policy"]["timely_days"]["D2.K7b"] == 30 and doc["after"]["policy"]["timely_days"]["D2.K7b"] == 15
    assert diff.to_json() == diff.to_json()  # deterministic
    pd = pytest.importorskip("pandas")
    frame = diff.to_dataframe()
    assert list(frame["before_status"]) == ["fulfilled"] and list(frame["after_status"]) == ["fulfilled_late"]
    assert list(frame["after_due_date"]) == [pd.Timestamp("2025-03-16")]
    matrix = diff.matrix_frame()
    assert matrix.loc["fulfilled", "fulfilled_late"] == 1
    assert list(matrix.index) == list(MATRIX_STATES) == list(matrix.columns)
    empty = evaluate(facts, "2025-06-30").compare(evaluate(facts, "2025-06-30")).to_dataframe()
    assert len(empty) == 0 and "after_reason_code" in empty.columns


def test_matrix_states_are_every_status_then_absent() -> None:
    assert set(MATRIX_STATES) == {s.value for s in Status} | {ABSENT} and MATRIX_STATES[-1] == ABSENT


def test_policy_changes_name_each_duty() -> None:
    before = Policy().effective()
    after = Policy(timely_days={"D3.K2": 10}, hd33_retroactive=False, violation_after_days=60).effective()
    assert policy_changes(before, after) == [
        ("timely_days.D3.K2", 30, 10), ("violation_after_days", None, 60), ("hd33_retroactive", True, False)
    ]


def test_another_regulation_version_is_named_in_the_output() -> None:
    import dataclasses

    from qd213_rules.render.compare import render_comparison

    facts = move_reported_on_day_20()
    diff = evaluate(facts, "2025-06-30", _days(30)).compare(evaluate(facts, "2025-06-30", _days(15)))
    later = dataclasses.replace(diff.after, catalogue_version="2026.1")
    text = render_comparison(dataclasses.replace(diff, after=later), "text", lang="en", facts=facts)
    assert f"Regulation version: 213-QĐ/TW 2020-01-02 ({diff.before.catalogue_version}) → 213-QĐ/TW 2020-01-02 (2026.1)" in text
    assert "Regulation version" not in render_comparison(diff, "text", lang="en", facts=facts)

"""The report renderers on hand-made results: GitHub escaping, JUnit XML with awkward text,
Markdown cells that cannot break a table."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from qd213_rules.evaluation.results import Reason, Result, Status
from qd213_rules.render import at_or_above, select_results
from qd213_rules.render.github import escape_data, escape_property
from qd213_rules.render.junit import render_junit_results
from qd213_rules.render.markdown import escape_cell


def _result(status: Status, message: str = "m", subject: str = "DV-1", key: str = "E-1") -> Result:
    return Result(
        result_id=f"D2.K7b|{subject}|{key}|{subject}", obligation_id="D2.K7b", kind="triggered",
        citation="Điều 2 khoản 7 Quy định 213-QĐ/TW", subject_type="member", subject_id=subject, bearer_id=subject,
        period=None, trigger_event_id=key, status=status, due_date=dt.date(2025, 5, 12), fulfilled_on=None,
        evidence=(key,), reason=Reason("no_evidence"), message=message,
    )


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


@given(st.text())
def test_github_escaping_round_trips(text: str) -> None:
    prop = escape_property(text)
    assert not set(prop) & set("\r\n:,") and _unescape(prop) == text
    data = escape_data(text)
    assert "\n" not in data and "\r" not in data and _unescape(data) == text


def test_fail_on_thresholds() -> None:
    assert [at_or_above(_result(s), "overdue") for s in (Status.DUE, Status.OVERDUE, Status.VIOLATED)] == [False, True, True]
    assert at_or_above(_result(Status.DUE), "due") and not at_or_above(_result(Status.OVERDUE), "violated")
    assert not at_or_above(_result(Status.FULFILLED_LATE), "due")


def test_junit_with_awkward_text_is_valid_xml() -> None:
    awkward = 'a < b & "c" \x01 ]]> ' + "é\n2nd line"
    results = [_result(Status.OVERDUE, awkward), _result(Status.NOT_APPLICABLE, awkward, key="E-2"),
               _result(Status.DUE, awkward, subject="DV-2"), _result(Status.FULFILLED, key="E-3")]
    root = ET.fromstring(render_junit_results(results, "en", as_of="2025-12-10", fail_on="overdue").encode("utf-8"))
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("4", "1", "1")
    failure = root.find(".//failure")
    assert failure is not None and "a < b & \"c\" \ufffd ]]> é\n2nd line" in (failure.get("message") or "")
    assert [s.get("name") for s in root.findall("testsuite")] == ["DV-1", "DV-2"]


@given(st.text())
def test_markdown_cells_stay_one_cell(text: str) -> None:
    cell = escape_cell(text)
    assert "\n" not in cell and "\r" not in cell
    unescaped_pipes = cell.replace("\\\\", "").replace("\\|", "")
    assert "|" not in unescaped_pipes and "<" not in cell


class _Report:
    def __init__(self, results: list[Result]) -> None:
        self.results = tuple(results)


def test_select_results_by_subject_or_bearer() -> None:
    results = [_result(Status.DUE, subject="DV-1"), _result(Status.DUE, subject="DV-2")]
    report = _Report(results)
    assert select_results(report) == results  # type: ignore[arg-type]
    assert select_results(report, member="DV-2") == results[1:]  # type: ignore[arg-type]
    assert select_results(report, org="CB-X") == []  # type: ignore[arg-type]

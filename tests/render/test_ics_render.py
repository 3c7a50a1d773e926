"""The hand-written iCalendar writer (RFC 5545): folding, escaping, the window, determinism,
and a parse-back with the ``icalendar`` package."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qd213_rules.evaluation.results import Reason, Result, Status
from qd213_rules.render.ics import (
    UID_DOMAIN,
    calendar_results,
    escape_text,
    fold,
    render_calendar,
    render_calendar_results,
)

AS_OF = dt.date(2025, 12, 10)


def _result(obligation: str = "D2.K7b", subject: str = "DV-1", key: str = "E-1", status: Status = Status.DUE,
            due: dt.date | None = dt.date(2025, 12, 20), message: str = "Chưa gửi; hạn 20/12/2025.") -> Result:
    return Result(
        result_id=f"{obligation}|{subject}|{key}|{subject}", obligation_id=obligation, kind="triggered",
        citation="Điều 2 khoản 7 Quy định 213-QĐ/TW", subject_type="member", subject_id=subject, bearer_id=subject,
        period=None, trigger_event_id=key, status=status, due_date=due, fulfilled_on=None, evidence=(key,),
        reason=Reason("no_evidence"), message=message,
    )


def test_escape_text() -> None:
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=400))
def test_fold_keeps_lines_short_and_unfolds_to_the_original(text: str) -> None:
    line = "DESCRIPTION:" + text
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line


def test_window_keeps_due_results_falling_due_in_it_and_every_overdue_result() -> None:
    results = [
        _result(key="E-1", due=AS_OF),  # on as_of: in
        _result(key="E-2", due=AS_OF + dt.timedelta(days=30)),  # last day: in
        _result(key="E-3", due=AS_OF + dt.timedelta(days=31)),  # after: out
        _result(key="E-4", due=AS_OF - dt.timedelta(days=90), status=Status.OVERDUE),  # overdue: on as_of
        _result(key="E-5", due=AS_OF - dt.timedelta(days=1), status=Status.OVERDUE),  # overdue: on as_of
        _result(key="E-6", due=AS_OF + dt.timedelta(days=3), status=Status.FULFILLED),  # done: out
        _result(key="E-7", due=None, status=Status.DUE),  # no due date: out
    ]
    chosen = calendar_results(results, AS_OF)
    assert [r.trigger_event_id for r in chosen] == ["E-1", "E-4", "E-5", "E-2"]  # by event date
    assert [r.trigger_event_id for r in calendar_results(results, AS_OF, days=0)] == ["E-1", "E-4", "E-5"]


def test_an_overdue_duty_is_an_event_on_the_as_of_date_marked_overdue() -> None:
    icalendar = pytest.importorskip("icalendar")
    overdue = _result(status=Status.OVERDUE, due=dt.date(2025, 9, 1), message="Chưa gửi; hạn 01/09/2025.")
    text = render_calendar(_FakeReport([overdue]), "en")  # type: ignore[arg-type]
    (event,) = [c for c in icalendar.Calendar.from_ical(text.encode("utf-8")).walk() if c.name == "VEVENT"]
    assert event["DTSTART"].dt == AS_OF
    assert str(event["SUMMARY"]).startswith("[OVERDUE] D2.K7b ")
    assert "it was due on 01/09/2025" in str(event["DESCRIPTION"])


class _FakeReport:
    def __init__(self, results: list[Result]) -> None:
        self.results = results
        self.as_of = AS_OF
        self.context = None


def test_calendar_shape_and_parse_back() -> None:
    icalendar = pytest.importorskip("icalendar")
    long = "Chưa gửi đến: CB-KP2, CB-KP3; hạn 20/12/2025 — " + "rất dài " * 20
    text = render_calendar_results([_result(message=long)], as_of=AS_OF, lang="vi",
                                   names={"DV-1": "Nguyễn Văn A"})
    data = text.encode("utf-8")
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    cal = icalendar.Calendar.from_ical(data)
    (event,) = [c for c in cal.walk() if c.name == "VEVENT"]
    assert str(event["UID"]) == f"D2.K7b|DV-1|E-1|DV-1@{UID_DOMAIN}"
    assert event["DTSTART"].dt == dt.date(2025, 12, 20)
    assert event["DTEND"].dt == dt.date(2025, 12, 21)
    assert event["DTSTAMP"].dt == dt.datetime(2025, 12, 10, tzinfo=dt.timezone.utc)
    assert str(event["SUMMARY"]) == "D2.K7b Báo cáo khi chuyển nơi cư trú (DV-1 — Nguyễn Văn A)"
    description = str(event["DESCRIPTION"])
    assert long in description and "Căn cứ: Khoản 7 Điều 2" in description
    assert "D2.K7b|DV-1|E-1|DV-1" in description


def test_empty_calendar_is_valid_and_deterministic() -> None:
    first = render_calendar_results([], as_of=AS_OF, lang="en")
    assert first == render_calendar_results([], as_of=AS_OF, lang="en")
    assert "BEGIN:VEVENT" not in first
    icalendar = pytest.importorskip("icalendar")
    assert icalendar.Calendar.from_ical(first.encode("utf-8")).walk("VEVENT") == []

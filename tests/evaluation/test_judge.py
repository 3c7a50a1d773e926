"""What the judge records beside a status: the deadline arithmetic step by step, the rule of the
judge that decided, the facts it weighed, and the policy parameters the message names.

``explain`` turns these into words for a reader; the expected values below are worked out by
hand from the case files' facts and the default policy (30 days for each ``timely_days``, the
review on 15 December when none is recorded, 15 days of ``comment_lead_days``, 5 of
``chain_step_days``, the provincial report due on 31 December), never copied from the engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from qd213_rules.articles import OBLIGATIONS
from qd213_rules import engine as engine_module
from qd213_rules.engine import evaluate
from qd213_rules.evaluation import judge as judge_module
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.judge import format_params
from qd213_rules.evaluation.results import Result, TraceEvidence
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.facts.members import Category
from qd213_rules.messages import Lang
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth
from test_cases import CASE_PATHS, CASES_DIR, load_case

D = dt.date.fromisoformat


def _result(case_name: str, result_id: str, lang: Lang = "en") -> Result:
    case = load_case(CASES_DIR / Path(case_name + ".json"))
    report = evaluate(FactSet.from_document(case.document), as_of=case.as_of, policy=case.policy, lang=lang,
                      trace=True)  # fmt: skip
    found = [r for r in report.results if r.result_id == result_id]
    assert len(found) == 1, f"{case_name}: no result {result_id}"
    return found[0]


# case, result, the deadline steps, the rule of the judge that decided, the ``policy`` reason parameter
DEADLINES = [
    # a triggered duty: the trigger's day plus the duty's timely_days
    ("D2.K7b/cell_left_not_told", "D2.K7b|DV-1|E-01|DV-1",
     (("anchor.trigger", "2024-03-01"), ("+ timely_days.D2.K7b", "30"), ("= due_date", "2024-03-31")),
     "deadline.overdue", "timely_days.D2.K7b=30"),
    # a chain step whose trigger predates the regime: counted from the start of the regime (2020-01-02)
    ("conduct/breach_recorded", "D4.K1a|DV-1|B-01|P1",
     (("anchor.start", "2020-01-02"), ("+ timely_days.D4.K1a", "30"), ("= due_date", "2020-02-01")),
     "deadline.on_time", "timely_days.D4.K1a=30"),
    # a yearly duty counted back from the review (no review recorded: the fallback 15 December)
    ("D4.K4a/insufficient_residence_time", "D4.K4a|DV-1|2023|KP1",
     (("anchor.review.fallback", "2023-12-15"), ("- comment_lead_days", "15"), ("- chain_step_days", "5"),
      ("- chain_step_days", "5"), ("- chain_step_days", "5"), ("= due_date", "2023-11-15")),
     "deadline.overdue", "annual_review_fallback=12-15, comment_lead_days=15, chain_step_days=5"),
    # due on the review day itself
    ("D2.K7a/no_review_recorded", "D2.K7a|DV-1|2023|DV-1",
     (("anchor.review.fallback", "2023-12-15"), ("= due_date", "2023-12-15")),
     "gate.review_not_recorded", "annual_review_fallback=12-15"),
    # a fixed day of the year named by the policy (the 2023 report was sent on 10/01/2024: late)
    ("D5/provincial_yearly_report", "D5.K1b|TU|2023|TU",
     (("anchor.month_day:provincial_report_due=12-31", "2023-12-31"), ("= due_date", "2023-12-31")),
     "deadline.late", "provincial_report_due=12-31"),
    # the end of a half-year: no policy parameter at all
    ("D4.K3b/meeting_held", "D4.K3b|KP1|2023-H2|KP1",
     (("anchor.period_end", "2023-12-31"), ("= due_date", "2023-12-31")),
     "deadline.overdue", None),
    # a review held by the cell fixes the date; no policy parameter (the other years of the same
    # evaluation fall back on 15 December and name it)
    ("D2.K7a/report_by_review", "D2.K7a|DV-1|2024|DV-1",
     (("anchor.review.cell_held", "2024-12-10"), ("= due_date", "2024-12-10")),
     "gate.done_by_occasion", None),
    ("D2.K7a/report_by_review", "D2.K7a|DV-1|2023|DV-1",
     (("anchor.review.fallback", "2023-12-15"), ("= due_date", "2023-12-15")),
     "gate.review_not_recorded", "annual_review_fallback=12-15"),
    # the decision's date (consultation before the decision)
    ("D3.K4b/consulted_before_decision", "D3.K4b|DV-1|E-01|DU-A",
     (("anchor.decision_date", "2024-07-15"), ("= due_date", "2024-07-15")),
     "gate.done_by_occasion", None),
    # after a move the member never reported to the workplace: the workplace learned of it on the
    # member's own D2.K7b due date (the move + 30 days), and D3.K1b runs 30 days from then
    ("D3.K1b/unreported_move_member_due_date", "D3.K1b|DV-1|E-01|DU-A",
     (("anchor.trigger", "2024-03-01"), ("+ timely_days.D2.K7b", "30"),
      ("anchor.workplace_learned.member_due_date", "2024-03-31"), ("+ timely_days.D3.K1b", "30"),
      ("= due_date", "2024-04-30")),
     "deadline.overdue", "timely_days.D2.K7b=30, timely_days.D3.K1b=30"),
    # a D3.K1a occasion that is no move (the member in the cell when the regime starts): the
    # workplace's clock runs from that trigger, named as such
    ("D2.K3a/absent_without_excuse", "D3.K1a|DV-2|-|DU-A",
     (("anchor.trigger", "2020-01-02"), ("+ timely_days.D3.K1a", "30"), ("= due_date", "2020-02-01")),
     "deadline.overdue", "timely_days.D3.K1a=30"),
    # a periodic meeting is its own occasion and due date (no policy parameter)
    ("D2.K3a/absent_without_excuse", "D2.K3a|DV-1|E-10|DV-1",
     (("anchor.occasion", "2024-05-10"), ("= due_date", "2024-05-10")),
     "gate.passed_without", None),
]


@pytest.mark.parametrize(("case", "result_id", "steps", "decided_by", "policy"), DEADLINES,
                         ids=[d[1] for d in DEADLINES])  # fmt: skip
def test_the_deadline_arithmetic_names_each_step_and_parameter(
    case: str, result_id: str, steps: tuple[tuple[str, str], ...], decided_by: str, policy: str | None
) -> None:
    result = _result(case, result_id)
    assert result.trace is not None
    assert result.trace.deadline_steps == steps
    assert result.due_date == D(steps[-1][1])
    assert result.trace.decided_by == decided_by
    assert result.reason.params.get("policy") == policy


def test_the_trace_of_a_triggered_duty() -> None:
    """D2.K7b, the move of 01/03/2024 reported to the workplace cell only (E-02, 05/03/2024):
    the occasion is the move, the report is the evidence the status rests on, and of the two
    recipients only the workplace cell was reached."""
    result = _result("D2.K7b/cell_left_not_told", "D2.K7b|DV-1|E-01|DV-1")
    trace = result.trace
    assert trace is not None
    assert trace.occasion_date == D("2024-03-01")
    assert trace.trigger_event_id == "E-01"
    assert trace.occasion.startswith("$occ|D2.K7b|E-01|")
    assert trace.evaluated_as_of == D("2024-06-30")
    assert [(e.event_id, e.date, e.kind, e.effect, e.recipient, e.counted) for e in trace.evidence] == [
        ("E-02", D("2024-03-05"), "residence_change_reported", "fulfils", "workplace_cell", True)
    ]
    assert all(e.rule.startswith("D2.K7b/") for e in trace.evidence)
    assert trace.recipients == (("residence_cell_left", ("KP1",), False), ("workplace_cell", ("CB-A1",), True))


def test_the_trace_counts_the_evidence_the_status_rests_on() -> None:
    """Two meetings in one half-year (D4.K3b): both are weighed, the first is the one counted;
    reports reaching both cells, the last on the evaluation date (D2.K7b): both recipients reached."""
    met = _result("D4.K3b/two_meetings_in_a_half", "D4.K3b|KP1|2024-H1|KP1").trace
    assert met is not None
    assert [(e.event_id, e.effect, e.counted) for e in met.evidence] == [("E-01", "fulfils", True), ("E-02", "fulfils", False)]
    told = _result("D2.K7b/reported_on_as_of", "D2.K7b|DV-1|E-01|DV-1").trace
    assert told is not None
    assert told.recipients == (("residence_cell_left", ("KP1",), True), ("workplace_cell", ("CB-A1",), True))
    assert [(e.event_id, e.recipient, e.counted) for e in told.evidence] == [
        ("E-02", "workplace_cell", True), ("E-03", "residence_cell_left", True)
    ]


def test_the_trace_of_a_recorded_breach() -> None:
    """A conduct duty made violated by a recorded breach: the breach is weighed as a breach and
    the message names who recorded it and when."""
    result = _result("conduct/breach_recorded", "D2.K2a|DV-1|-|DV-1")
    assert result.trace is not None
    assert result.trace.decided_by == "conduct.breach_recorded"
    assert result.trace.evidence == (
        TraceEvidence("E-01", D("2024-06-01"), "conduct_breach_recorded", "breach", "D2.K2a/breach"),
    )
    assert result.reason.params["recorded_by"] == "DU-A"
    untouched = _result("conduct/breach_recorded", "D2.K1|DV-1|-|DV-1")
    assert untouched.trace is not None and untouched.trace.decided_by == "conduct.ongoing"
    assert result.reason.params["recorded_on"] == D("2024-06-01")


def test_message_placeholders_read_as_a_secretary_writes_them() -> None:
    """Dates as dd/mm/yyyy, lists joined by a comma, every placeholder of the catalogue present
    (empty when the result has no such value), numbers as written."""
    out = format_params({"due_date": dt.date(2024, 3, 5), "missing": ["KP1", "CB-A1"], "evidence": ("E-01",),
                         "overdue_days": 31, "recorded_on": dt.date(987, 1, 9)})  # fmt: skip
    assert out["due_date"] == "05/03/2024"
    assert out["recorded_on"] == "09/01/0987"
    assert out["missing"] == "KP1, CB-A1"
    assert out["evidence"] == "E-01"
    assert out["overdue_days"] == "31"
    assert out["fulfilled_on"] == "" and out["policy"] == "" and out["period"] == ""


def test_each_result_cites_its_own_obligation_in_vietnamese() -> None:
    """The citation of a result is its obligation's Vietnamese citation (the engine shares one
    string per obligation: the sharing must never hand one obligation another's citation)."""
    case = load_case(CASES_DIR / "D2.K7b/cell_left_not_told.json")
    report = evaluate(FactSet.from_document(case.document), as_of=case.as_of, lang="en")
    by_id = {ob.id: ob for ob in OBLIGATIONS}
    assert len({r.obligation_id for r in report.results}) > 10
    for result in report.results:
        assert result.citation == by_id[result.obligation_id].citation.text("vi"), result.result_id


MESSAGES = [
    ("D2.K7b/cell_left_not_told", "D2.K7b|DV-1|E-01|DV-1", "en", "Not yet sent to: KP1 (due 31/03/2024)."),
    ("D2.K7b/cell_left_not_told", "D2.K7b|DV-1|E-01|DV-1", "vi", "Chưa gửi đến: KP1 (hạn 31/03/2024)."),
    # the last of the two reports completed the duty
    ("D2.K7b/reported_on_as_of", "D2.K7b|DV-1|E-01|DV-1", "en", "Done on 20/03/2024 (evidence: E-03)."),
    ("conduct/two_breaches_earliest_quoted", "D2.K2a|DV-1|-|DV-1", "en", "A breach recorded by TU on 10/05/2024 (E-02)."),
    ("conduct/two_breaches_earliest_quoted", "D2.K2a|DV-1|-|DV-1", "vi", "Vi phạm do TU ghi nhận ngày 10/05/2024 (E-02)."),
    # misconduct observed on 01/03/2024: the workplace cell and its committee still to be told
    ("D4.K4d/workplace_side_missing", "D4.K4d|DV-1|E-01|KP1", "en", "Not yet sent to: CB-A1, DU-A (due 31/03/2024)."),
    ("D4.K4a/insufficient_residence_time", "D4.K4a|DV-1|2024|KP2", "en",
     "In 2024 the member was not registered at any residence cell long enough (min_days_for_comment=90), "
     "so no comment is owed."),
    ("D2.K7a/no_review_recorded", "D2.K7a|DV-1|2023|DV-1", "en", "No 2023 annual review is recorded (review date 15/12/2023)."),
]


@pytest.mark.parametrize(("case", "result_id", "lang", "message"), MESSAGES, ids=[f"{m[1]}-{m[2]}" for m in MESSAGES])
def test_a_result_message_is_the_catalogue_text_filled_in(case: str, result_id: str, lang: Lang, message: str) -> None:
    assert _result(case, result_id, lang).message == message


# the fact a result's message names: the evidence the status rests on, else a defective or
# cancelling fact, else the trigger
NAMED = [
    ("D3.K1c/notice_not_written", "D3.K1c|DV-2|-|DU-A", "E-01"),  # the notice not in writing
    ("D4.K4a/front_committee_absent", "D4.K4a|DV-1|2024|KP1", "F-1"),  # the form without the front committee
    ("D3.K4b/action_cancelled", "D3.K4b|DV-1|E-01|DU-A", "E-02"),  # the cancellation, not the proposal
    ("D3.K4b/consulted_before_decision", "D3.K4b|DV-1|E-03|DU-A", "E-03"),  # nothing yet: the proposal
    ("D4.K3b/meeting_held", "D4.K3b|KP1|2024-H2|KP1", None),  # a half-year without a meeting: no fact to name
]


@pytest.mark.parametrize(("case", "result_id", "evidence"), NAMED, ids=[n[1] for n in NAMED])
def test_the_message_names_the_fact_that_decided(case: str, result_id: str, evidence: str | None) -> None:
    assert _result(case, result_id).reason.params.get("evidence") == evidence


def test_not_applicable_says_which_rule_decided() -> None:
    """A duty HD33 exempts the member from, and a duty falling due after retirement: each
    trace names its rule; the end of duties is a parameter of the reason; no evidence id is
    empty (the exemption rests on the member's record, not on an event)."""
    exempt = _result("categories/exempt_from_activities", "D2.K3b|DV-2|-|DV-2")
    assert exempt.trace is not None and exempt.trace.decided_by == "applicability.category"
    assert all(isinstance(e, str) and e for e in exempt.evidence)
    ended = _result("end_of_duties/subject_ended_names_the_end", "D4.K4a|DV-1|2024|KP1")
    assert ended.trace is not None and ended.trace.decided_by == "applicability.subject_ended"
    assert ended.reason.params["end"] == D("2024-06-30")
    cancelled = _result("D3.K4b/action_cancelled", "D3.K4b|DV-1|E-01|DU-A")
    assert cancelled.trace is not None and cancelled.trace.decided_by == "applicability.cancelled"
    excused = _result("D2.K3a/excused", "D2.K3a|DV-1|E-01|DV-1")
    assert excused.trace is not None and excused.trace.decided_by == "applicability.excused"


def test_the_deadline_rule_that_decided_and_its_parameters() -> None:
    """Before the deadline the move is due, with both cells still to be told; 91 days after the
    deadline of 31/03/2024, with violation_after_days = 30, it is read as not performed and the
    result carries the days overdue."""
    due = _result("D2.K7b/not_yet_due", "D2.K7b|DV-1|E-01|DV-1")
    assert due.trace is not None and due.trace.decided_by == "deadline.not_yet_due"
    assert list(due.reason.params["missing"]) == ["CB-A1", "KP1"]
    late = _result("policy/violation_after_days", "D2.K7b|DV-1|E-01|DV-1")
    assert late.trace is not None and late.trace.decided_by == "deadline.violation_after_days"
    assert late.reason.params["overdue_days"] == 91


# case, result, the rule of the judge that decided: one result per rule not named above
RULES = [
    ("D2.K7a/review_held_without_report", "D2.K7a|DV-1|2024|DV-1", "gate.review_held_without"),
    ("D2.K7a/fallback_review_date_as_of", "D2.K7a|DV-1|2024|DV-1", "gate.before_occasion"),
    ("D3.K4b/consulted_before_decision", "D3.K4b|DV-1|E-03|DU-A", "gate.before_occasion"),
    ("D3.K4b/decided_on_as_of_without_consultation", "D3.K4b|DV-1|E-01|DU-A", "gate.passed_without"),
    ("D2.K3a/absent_without_excuse", "D2.K3a|DV-1|E-10|DV-1", "gate.passed_without"),
    ("D2.K7a/no_review_report_later", "D2.K7a|DV-1|2024|DV-1", "gate.review_not_recorded_late"),
    ("D3.K4a/form_received_on_review_date", "D3.K4a|DV-1|2024|DU-A", "deadline.by_review"),
    ("D2.K3a/absent_without_excuse", "D3.K3b|DV-1|-|DU-A", "discretionary"),
    ("D5/dissemination_one_off", "D5.K2c|BTC|-|BTC", "one_off.done"),
    ("D2.K3a/absent_without_excuse", "D5.K1a|TU|-|TU", "one_off.pending"),
    ("D2.K3a/which_meetings_count", "D4.K4a|DV-2|2024|KP1", "applicability.state"),
    ("D3.K5a/no_form_received", "D3.K5a|DV-1|2024|DU-A", "applicability.precondition"),
]


@pytest.mark.parametrize(("case", "result_id", "decided_by"), RULES, ids=[f"{r[2]}:{r[1]}" for r in RULES])
def test_each_rule_of_the_judge_is_named_in_the_trace(case: str, result_id: str, decided_by: str) -> None:
    """The trace names the rule that decided, so that explain can say why (a review held
    without the report, the gate passed without the duty done, a form received by the review…)."""
    result = _result(case, result_id)
    assert result.trace is not None and result.trace.decided_by == decided_by


def test_a_duty_without_recipients_names_no_missing_recipient() -> None:
    """Only a duty owed to recipients lists those still to be reached: D3.K4a (the committee
    requests the comments; no recipient list) overdue without evidence has no ``missing``."""
    result = _result("D3.K4a/neither_request_nor_form", "D3.K4a|DV-1|2024|DU-A")
    assert result.status.value == "overdue"
    assert "missing" not in result.reason.params


def test_derived_and_placeholder_results_are_not_extensions_and_name_their_subject_type() -> None:
    """A derived duty (D1.K2a) and the placeholder of a duty HD33 exempts the member from are
    the regulation's own duties, not an extension beyond its text; each result says whether its
    subject is a member or an organisation."""
    derived = _result("derived/D1.K2a_worst_of_sources", "D1.K2a|DV-1|-|DU-A")
    assert derived.extension is False and derived.subject_type == "member"
    exempt = _result("categories/exempt_from_activities", "D2.K3b|DV-2|-|DV-2")
    assert exempt.extension is False and exempt.subject_type == "member"
    cell = _result("D4.K3b/meeting_held", "D4.K3b|KP1|2023-H2|KP1")
    assert cell.subject_type == "organization"


def _traced_and_plain(path: Path) -> tuple[list[Result], list[Result]]:
    case = load_case(path)
    facts = FactSet.from_document(case.document)
    traced, plain = (
        list(evaluate(facts, as_of=case.as_of, policy=case.policy, lang="en", trace=trace, backend="python").results)
        for trace in (True, False)
    )
    return traced, plain


@pytest.mark.parametrize("path", [p for p in CASE_PATHS if "expect_error" not in p.read_text(encoding="utf-8")],
                         ids=lambda p: p.relative_to(CASES_DIR).as_posix())  # fmt: skip
def test_a_result_is_the_same_with_or_without_its_trace(path: Path) -> None:
    """Without a trace the judge takes shorter ways — the due date from the deadline's days
    added up once per obligation, the ``policy`` label once per kind of anchor, the message from
    the placeholders its template names — and they give every field the traced way gives
    (the deadline steps, the parameters named from them), in every case file."""
    traced, plain = _traced_and_plain(path)
    assert [r.result_id for r in plain] == [r.result_id for r in traced]
    for with_trace, without in zip(traced, plain):
        assert without == with_trace, with_trace.result_id
        assert without.trace is None and with_trace.trace is not None
        steps = dict(with_trace.trace.deadline_steps)
        if "= due_date" in steps:  # the due date is the arithmetic's, step by step
            assert without.due_date == D(steps["= due_date"]), with_trace.result_id


def _judged_day_by_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the judge read every member's category on each occasion's day, as it does for a
    member about whom a ``category_changed`` was recorded."""
    monkeypatch.setattr(judge_module, "_fixed_category", lambda ctx, member_id: None)


@pytest.mark.parametrize("retroactive", [True, False], ids=["hd33_retroactive", "hd33_not_retroactive"])
def test_a_member_whose_category_never_changes_is_judged_as_day_by_day(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, retroactive: bool
) -> None:
    """A member with no ``category_changed`` has one category on every day (regular before HD33
    was signed, unless it applies retroactively): the judge reads it once per member, not on
    each occasion's day, and decides every applicability as the day-by-day reading does — on
    every case file and on a synthetic province (exempt members, category changes, members who
    ended), with HD33 retroactive or not."""
    documents = [(FactSet.from_document(case.document), case.as_of) for case in map(load_case, CASE_PATHS)
                 if "expect_error" not in case.path.read_text(encoding="utf-8")]  # fmt: skip
    write_synth(tmp_path / "synth.jsonl", 150, 11, years=(2020, 2021))
    documents.append((load_facts(tmp_path / "synth.jsonl"), dt.date(2021, 12, 31)))
    policy = Policy(hd33_retroactive=retroactive)
    once = [evaluate(facts, as_of, policy, backend="python").results for facts, as_of in documents]
    _judged_day_by_day(monkeypatch)
    day_by_day = [evaluate(facts, as_of, policy, backend="python").results for facts, as_of in documents]
    assert once == day_by_day
    # the workload exercises both readings: members with and without a category of their own
    synth = documents[-1][0]
    assert any(m.category is not Category.REGULAR for m in synth.members.values())
    assert any(e.kind == "category_changed" for e in synth.events.values())


@pytest.mark.parametrize("retroactive", [True, False], ids=["hd33_retroactive", "hd33_not_retroactive"])
def test_a_duty_regular_members_do_not_owe_is_read_day_by_day_before_hd33(retroactive: bool) -> None:
    """Before HD33 was signed every member counts as regular unless it applies retroactively: a
    duty (of a successor's catalogue) that regular members do not owe may not be decided by a
    member's one category when HD33 is not retroactive (QĐ 213's duties all bind regular
    members, so the case files cannot show this)."""
    ob = next(o for o in OBLIGATIONS if o.rule is not None and o.subject.value == "member")
    exempt_only = ob.model_copy(update={"categories": frozenset({Category.INTRODUCED_EXEMPT_FROM_ACTIVITIES})})
    case = load_case(CASE_PATHS[0])
    ctx = Context(FactSet.from_document(case.document), case.as_of, Policy(hd33_retroactive=retroactive))
    assert judge_module._Plan(ctx, exempt_only).always_for == (exempt_only.categories if retroactive else frozenset())
    assert judge_module._Plan(ctx, ob).always_for == ob.categories


def test_a_subject_judged_in_one_loop_is_judged_as_occasion_by_occasion(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The engine hands the judge a subject's occasions together (:meth:`Judge.judge_all`), which
    reads an obligation's plan and breaches once per run of its occasions and keeps what it
    knows of the member between them: every result is the one a new judge gives the occasion
    alone, with its own evidence and only its own obligation's breaches — on every case file
    (recorded breaches, members who ended, waivers) and a synthetic province."""
    documents = [(FactSet.from_document(case.document), case.as_of, case.policy) for case in map(load_case, CASE_PATHS)
                 if "expect_error" not in case.path.read_text(encoding="utf-8")]  # fmt: skip
    write_synth(tmp_path / "synth.jsonl", 60, 5, years=(2023, 2024))
    documents.append((load_facts(tmp_path / "synth.jsonl"), dt.date(2024, 12, 31), Policy()))
    calls: list[tuple[judge_module.Judge, list[judge_module.Ranked], dict[str, Any], dict[str, Any], dict[str, Any],
                      list[Result]]] = []  # fmt: skip
    judge_all = judge_module.Judge.judge_all

    def recorded(self: judge_module.Judge, ranked: Any, hits: Any, breaches: Any, cited: Any = None) -> list[Result]:
        ranked = list(ranked)
        results = judge_all(self, ranked, hits, breaches, cited)
        calls.append((self, ranked, dict(hits), dict(breaches), dict(cited or {}), results))
        return results

    monkeypatch.setattr(judge_module.Judge, "judge_all", recorded)
    for facts, as_of, policy in documents:
        evaluate(facts, as_of, policy, backend="python")
    assert sum(1 for *_, breaches, _, _ in calls if breaches) >= 3  # subjects with breaches recorded
    assert sum(1 for _, ranked, *_ in calls if len({item[0] for item in ranked}) > 1) > 100
    assert sum(1 for *_, cited, _ in calls if cited) > 100  # evidence handed as (day, event) pairs
    monkeypatch.setattr(judge_module.Judge, "judge_all", judge_all)
    for judge, ranked, hits, breaches, cited, results in calls:
        alone = [
            judge_module.Judge(judge.ctx, judge.lang).judge(occ, hits.get(key, ()), breaches.get(ob_id, ()),
                                                            cited.get(key, ()))
            for ob_id, _, _, _, key, occ in ranked
        ]
        assert alone == results
        assert [r.message for r in alone] == [r.message for r in results]


def test_an_occasion_judged_applicable_without_the_applicability_rules_is_judged_as_with_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The judge skips its applicability rules (``Judge._applicability``) when none of them can
    say not_applicable — a member's category the duty binds on every day, no end of duties the
    duty does not survive, no state that rules the occasion out, no evidence that cancels,
    excuses or is a precondition: every result is the one the rules give, on every case file
    (members who ended, categories that changed, cancellations, excuses, preconditions) and a
    synthetic province."""
    documents = [(FactSet.from_document(case.document), case.as_of, case.policy) for case in map(load_case, CASE_PATHS)
                 if "expect_error" not in case.path.read_text(encoding="utf-8")]  # fmt: skip
    write_synth(tmp_path / "synth.jsonl", 80, 7, years=(2023, 2024))
    documents.append((load_facts(tmp_path / "synth.jsonl"), dt.date(2024, 12, 31), Policy()))
    skipped = [evaluate(facts, as_of, policy, backend="python").results for facts, as_of, policy in documents]
    plan_init = judge_module._Plan.__init__

    def always_ruled(self: judge_module._Plan, ctx: Context, ob: Any) -> None:
        plan_init(self, ctx, ob)
        self.evidence_may_not_apply = True  # the judge then asks _applicability about every occasion

    monkeypatch.setattr(judge_module._Plan, "__init__", always_ruled)
    ruled = [evaluate(facts, as_of, policy, backend="python").results for facts, as_of, policy in documents]
    assert ruled == skipped
    assert any(r.reason.code == "subject_ended" for results in ruled for r in results)


def test_a_result_with_one_piece_of_evidence_counts_names_and_cites_as_the_general_rules_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A result with one piece of evidence (most results with evidence) is worked out without the
    general steps that count, name and cite evidence: it is the result those steps give, with
    its trace, on every case file (evidence that fulfils late, defective, excusing, cancelling)
    and a synthetic province."""
    documents = [(FactSet.from_document(case.document), case.as_of, case.policy) for case in map(load_case, CASE_PATHS)
                 if "expect_error" not in case.path.read_text(encoding="utf-8")]  # fmt: skip
    write_synth(tmp_path / "synth.jsonl", 80, 3, years=(2023, 2024))
    documents.append((load_facts(tmp_path / "synth.jsonl"), dt.date(2024, 12, 31), Policy()))

    def judged() -> list[list[tuple[Result, Any]]]:
        return [[(r, r.trace) for r in evaluate(facts, as_of, policy, backend="python", trace=True).results]
                for facts, as_of, policy in documents]  # fmt: skip

    shortcut = judged()
    monkeypatch.setattr(judge_module, "_ONE_HIT_SHORTCUT", False)
    assert judged() == shortcut


def test_evidence_that_only_supports_is_cited_as_the_general_rules_cite_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The evidence of a duty whose every piece only supports its result (every conduct and
    discretionary duty) is neither grouped by effect, counted nor searched for a fact to name:
    the results and traces are those the general steps give, on every case file and a synthetic
    province."""
    documents = [(FactSet.from_document(case.document), case.as_of, case.policy) for case in map(load_case, CASE_PATHS)
                 if "expect_error" not in case.path.read_text(encoding="utf-8")]  # fmt: skip
    write_synth(tmp_path / "synth.jsonl", 80, 3, years=(2023, 2024))
    documents.append((load_facts(tmp_path / "synth.jsonl"), dt.date(2024, 12, 31), Policy()))

    def judged() -> list[list[tuple[Result, Any]]]:
        return [[(r, r.trace) for r in evaluate(facts, as_of, policy, backend="python", trace=tracing).results]
                for facts, as_of, policy in documents for tracing in (False, True)]  # fmt: skip

    shortcut = judged()
    plan_init = judge_module._Plan.__init__
    skipped = 0

    def reading_every_effect(self: judge_module._Plan, ctx: Context, ob: Any) -> None:
        nonlocal skipped
        plan_init(self, ctx, ob)
        skipped += not self.effects_read
        self.effects_read = True  # the judge then groups, counts and names every occasion's evidence
        self.cites_only = False  # and reads hits, not (day, event) pairs

    monkeypatch.setattr(judge_module._Plan, "__init__", reading_every_effect)
    _hits_for_every_duty(monkeypatch)
    assert judged() == shortcut
    assert skipped  # the case has duties whose evidence only supports


def _hits_for_every_duty(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine hands every piece of evidence as a :class:`~judge_module.Hit`, none as a
    (day, event) pair (its routes, kept per process, worked out again)."""
    monkeypatch.setattr(engine_module, "cites_only", lambda duty: False)
    monkeypatch.setattr(engine_module, "_routes_kept", {})
    monkeypatch.setattr(engine_module, "_last_routes", None)


def test_evidence_read_as_day_and_event_gives_the_results_hits_give(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Evidence the judge only cites (conduct and discretionary duties, :func:`judge.cites_only`)
    is handed by the engine as (day, event) pairs and judged on a path of its own: the results
    are those of the general path reading hits (breaches recorded, members who ended, categories
    that changed, evidence dated after as_of), on every case file and a synthetic province,
    evaluated whole and member by member."""
    documents = [(FactSet.from_document(case.document), case.as_of, case.policy) for case in map(load_case, CASE_PATHS)
                 if "expect_error" not in case.path.read_text(encoding="utf-8")]  # fmt: skip
    write_synth(tmp_path / "synth.jsonl", 80, 3, years=(2023, 2024))
    documents.append((load_facts(tmp_path / "synth.jsonl"), dt.date(2024, 12, 31), Policy()))
    cited = 0
    judge_all = judge_module.Judge.judge_all

    def counted(self: judge_module.Judge, ranked: Any, hits: Any, breaches: Any, pairs: Any = None) -> list[Result]:
        nonlocal cited
        cited += sum(map(len, pairs.values())) if pairs else 0
        return judge_all(self, ranked, hits, breaches, pairs)

    def judged() -> list[tuple[Result, ...]]:
        whole = [evaluate(facts, as_of, policy, backend="python").results for facts, as_of, policy in documents]
        facts, as_of, policy = documents[-1]
        one_by_one = [evaluate(facts, as_of, policy, [m], backend="python").results for m in sorted(facts.members)[:20]]
        return whole + one_by_one

    monkeypatch.setattr(judge_module.Judge, "judge_all", counted)
    as_pairs = judged()
    assert cited > 100
    plan_init = judge_module._Plan.__init__

    def reading_hits(self: judge_module._Plan, ctx: Context, ob: Any) -> None:
        plan_init(self, ctx, ob)
        self.cites_only = False

    monkeypatch.setattr(judge_module._Plan, "__init__", reading_hits)
    _hits_for_every_duty(monkeypatch)
    cited = 0
    assert judged() == as_pairs
    assert cited == 0


def test_a_deadline_fulfilled_on_time_by_one_piece_of_evidence_is_judged_as_the_status_rules_judge_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An occasion of a deadline duty (triggered, periodic, on request) whose first piece of
    evidence fulfils it by its due date (by which that piece is due, when more follow it) and no
    recipient to reach is judged in the judge's own loop (:attr:`judge_module._Plan.plain_deadline`),
    as is a gate before a review or a meeting fulfilled by it by one piece of evidence
    (:attr:`judge_module._Plan.plain_gate`), and a conduct or discretionary duty that applies
    without a recorded breach takes its plan's verdict there too: the results and traces are
    those :meth:`Judge._verdict` gives, on every case file and a synthetic province, whole and
    member by member."""
    documents = [(FactSet.from_document(case.document), case.as_of, case.policy) for case in map(load_case, CASE_PATHS)
                 if "expect_error" not in case.path.read_text(encoding="utf-8")]  # fmt: skip
    write_synth(tmp_path / "synth.jsonl", 80, 3, years=(2023, 2024))
    documents.append((load_facts(tmp_path / "synth.jsonl"), dt.date(2024, 12, 31), Policy()))
    asked = 0
    verdict = judge_module.Judge._verdict

    def counted(self: judge_module.Judge, *args: Any) -> Any:
        nonlocal asked
        asked += 1
        return verdict(self, *args)

    def judged() -> list[list[tuple[Result, Any]]]:
        whole = [[(r, r.trace) for r in evaluate(facts, as_of, policy, backend="python", trace=tracing).results]
                 for facts, as_of, policy in documents for tracing in (False, True)]  # fmt: skip
        facts, as_of, policy = documents[-1]
        one_by_one = [[(r, r.trace) for r in evaluate(facts, as_of, policy, [m], backend="python").results]
                      for m in sorted(facts.members)[:20]]  # fmt: skip
        return whole + one_by_one

    monkeypatch.setattr(judge_module.Judge, "_verdict", counted)
    in_the_loop = judged()
    asked_in_the_loop, asked = asked, 0
    plan_init = judge_module._Plan.__init__

    def by_the_status_rules(self: judge_module._Plan, ctx: Context, ob: Any) -> None:
        plan_init(self, ctx, ob)
        self.plain_deadline = False  # every deadline judged by _verdict
        self.plain_gate = None  # and every gate
        self.standing = None  # and every conduct and discretionary duty

    monkeypatch.setattr(judge_module._Plan, "__init__", by_the_status_rules)
    assert judged() == in_the_loop
    assert asked > asked_in_the_loop + 1000  # the loop judged many occasions itself

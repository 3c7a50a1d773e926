"""Waivers beyond what the case files can say: the exact problems a refused waiver gives (where it
is, what was found, what was expected), and the words of a waived or re-derived result. Written
against the survivors of ``make mutation`` on evaluation/waivers.py (docs/testing.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from qd213_rules.engine import Run, evaluate, matcher
from qd213_rules.errors import ErrorCode, FactsError, Problem
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.results import Reason, Status
from qd213_rules.evaluation.waivers import apply_waivers
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.policy import Policy

CASES = Path(__file__).resolve().parents[1] / "cases"
WHY = "Đồng chí đi công tác dài ngày (synthetic)"


def _document(events: list[dict[str, Any]], members: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """The facts of tests/cases/_base.json (the tree of _orgs.json and DV-1) plus ``events``."""
    orgs = json.loads((CASES / "_orgs.json").read_text(encoding="utf-8"))
    base = json.loads((CASES / "_base.json").read_text(encoding="utf-8"))
    return {"schema_version": 1, "observation": {"from": "2020-01-02"},
            "organizations": orgs["organizations"], "members": [*base["members"], *members],
            "events": [*base["events"], *events]}


def _write(path: Path, doc: dict[str, Any]) -> None:
    """``doc`` written to ``path``: a JSON document, or JSON Lines when the name ends in ``.jsonl``."""
    if path.suffix == ".jsonl":
        rows = [{"type": "header", "schema_version": 1, "observation": doc["observation"]}]
        for key, kind in (("organizations", "organization"), ("members", "member"), ("events", "event")):
            rows += [{"type": kind, **fact} for fact in doc[key]]
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    else:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


def _problems(path: Path, doc: dict[str, Any], as_of: str) -> list[Problem]:
    """The problems of evaluating ``doc`` written to ``path`` (see :func:`_write`)."""
    _write(path, doc)
    with pytest.raises(FactsError) as info:
        evaluate(load_facts(path), as_of=dt.date.fromisoformat(as_of), lang="en")
    return list(info.value.problems)


def test_refused_waivers_name_file_line_path_found_and_expected(tmp_path: Path) -> None:
    # E-01 names D4.K3b of KP1 without a period: six half-year results match (ambiguous).
    # E-02 and E-03: DU-B has no authority over KP1's duty, nor over DV-1's own duty.
    events = [
        {"id": "E-01", "kind": "waiver_granted", "date": "2027-12-20", "granted_by_org_id": "P1", "reason": WHY,
         "obligation_id": "D4.K3b", "subject_id": "KP1"},
        {"id": "E-02", "kind": "waiver_granted", "date": "2027-12-21", "granted_by_org_id": "DU-B", "reason": WHY,
         "result_id": "D4.K3b|KP1|2024-H1|KP1"},
        {"id": "E-03", "kind": "residence_changed", "date": "2027-03-01", "member_id": "DV-1",
         "from_residence_cell_id": "KP1", "to_residence_cell_id": "KP2"},
        {"id": "E-04", "kind": "waiver_granted", "date": "2027-12-22", "granted_by_org_id": "DU-B", "reason": WHY,
         "result_id": "D2.K7b|DV-1|E-03|DV-1"},
    ]
    doc = _document(events)
    doc["observation"] = {"from": "2024-01-01"}
    problems = _problems(tmp_path / "facts.json", doc, "2027-12-31")
    by_fact = {str(p.fact_id): p for p in problems}
    assert sorted(by_fact) == ["E-01", "E-02", "E-04"]
    ambiguous, bearer, own = by_fact["E-01"], by_fact["E-02"], by_fact["E-04"]
    assert ambiguous.code is ErrorCode.WAIVER_AMBIGUOUS
    assert ambiguous.found == 6
    # the first five candidates, in order, so the message stays short
    assert ambiguous.expected == (
        "a waiver naming exactly one result: add period or about_event_id, or give result_id (candidates: "
        "D4.K3b|KP1|2024-H1|KP1, D4.K3b|KP1|2024-H2|KP1, D4.K3b|KP1|2025-H1|KP1, D4.K3b|KP1|2025-H2|KP1, "
        "D4.K3b|KP1|2026-H1|KP1)")
    assert bearer.code is ErrorCode.NO_AUTHORITY and bearer.found == "DU-B"
    assert bearer.expected == "P1 | TU"  # a strict ancestor of the bearer KP1 (semantics R3)
    assert bearer.params["bearer"] == "KP1"
    assert own.code is ErrorCode.NO_AUTHORITY and own.found == "DU-B"
    assert own.expected == "DU-A | TU"  # the member's workplace committee or above (semantics R3)
    assert own.params["bearer"] == "DV-1"
    ids: list[str] = [e["id"] for e in doc["events"]]
    for problem in problems:
        assert problem.file == str(tmp_path / "facts.json")
        path = f"$.events[{ids.index(str(problem.fact_id))}]"
        assert problem.json_path == (path if problem.code is ErrorCode.WAIVER_AMBIGUOUS else f"{path}.granted_by_org_id")
    # JSON Lines: the line of the waiver (a header, the organisations and members come first)
    lines = _problems(tmp_path / "facts.jsonl", doc, "2027-12-31")
    first_event = 2 + len(doc["organizations"]) + len(doc["members"])
    assert [(p.fact_id, p.file, p.line) for p in lines] == [
        (fact, str(tmp_path / "facts.jsonl"), first_event + ids.index(fact)) for fact in ("E-01", "E-02", "E-04")]


def test_waived_and_rederived_results_say_why_in_the_language_asked() -> None:
    # tests/cases/waivers/derived_after_waiver.json: DU-A waives DV-2's late listing (D3.K1a),
    # so DU-A's derived D1.K2a becomes fulfilled and carries the waiver as evidence
    case = json.loads((CASES / "waivers" / "derived_after_waiver.json").read_text(encoding="utf-8"))
    doc = _document(case["events"], case["members"])
    report = evaluate(load_facts(doc), as_of=dt.date(2023, 6, 30), lang="en")
    by_id = {r.result_id: r for r in report.results}
    waived = by_id["D3.K1a|DV-2|-|DU-A"]
    grantor = next(e["granted_by_org_id"] for e in case["events"] if e["id"] == "E-10")
    # who granted the waiver, when and why (semantics R3)
    assert waived.message == (f"Waived by {grantor} on 01/05/2023 (E-10), reason: «{WHY}»; without the waiver the"
                              " status would be: Overdue.")
    assert waived.reason.params["overridden_reason"] == "no_evidence"
    derived = by_id["D1.K2a|DV-2|-|DU-A"]
    assert derived.status.value == "fulfilled"
    assert derived.reason.code == "derived" and derived.reason.params["derived_status"] == "fulfilled"
    assert "E-10" in derived.evidence and "E-01" in derived.evidence
    # it names the source duties whose status it restates (semantics R6)
    assert derived.message == "Restates the worst status of the concrete duties that carry this one out: D3.K1b."
    assert derived.reason.params["sources"] == ["D3.K1b"]
    vi = evaluate(load_facts(doc), as_of=dt.date(2023, 6, 30), lang="vi")
    vi_waived = next(r for r in vi.results if r.result_id == "D3.K1a|DV-2|-|DU-A")
    assert vi_waived.message == (f"Được {grantor} miễn ngày 01/05/2023 (E-10), lý do: «{WHY}»; nếu không miễn, trạng"
                                 " thái là: Quá hạn.")


def test_an_unmatched_waiver_is_reported_where_it_is(tmp_path: Path) -> None:
    # E-02 names a result that does not exist (the move is E-01): a data warning that names the
    # waiver's file and JSON Lines line, so that a secretary can find it
    events = [
        {"id": "E-01", "kind": "residence_changed", "date": "2024-03-01", "member_id": "DV-1",
         "from_residence_cell_id": "KP1", "to_residence_cell_id": "KP2"},
        {"id": "E-02", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": "DU-A", "reason": WHY,
         "result_id": "D2.K7b|DV-1|E-99|DV-1"},
    ]
    doc = _document(events)
    path = tmp_path / "facts.jsonl"
    _write(path, doc)
    report = evaluate(load_facts(path), as_of=dt.date(2024, 6, 30), lang="en")
    unmatched = [w for w in report.data_warnings if w.code == "waiver_unmatched"]
    assert [w.fact_id for w in unmatched] == ["E-02"]
    location = unmatched[0].location
    assert location is not None and location.file == str(path)
    ids = [e["id"] for e in doc["events"]]
    assert location.line == 2 + len(doc["organizations"]) + len(doc["members"]) + ids.index("E-02")



def test_a_derived_result_without_sources_is_not_derived_again() -> None:
    # a derived duty with no source result (ongoing, "sources: —", semantics R6) has nothing a
    # waiver could change: waiving another of the member's duties leaves it ongoing (deriving it
    # again from no source would make it not_applicable)
    case = json.loads((CASES / "waivers" / "waiver_changes_a_later_derived_result.json").read_text(encoding="utf-8"))
    facts = FactSet.from_document(_document(case["events"]))
    ctx = Context(facts, dt.date(2020, 12, 31), Policy())
    results = Run(ctx, matcher("python"), "en").evaluate(None)
    first = next(i for i, r in enumerate(results) if r.result_id == "D1.K2a|DV-1|-|DU-A")
    alone = dataclasses.replace(results[first], status=Status.ONGOING, evidence=(), derived_from=(),
                                reason=Reason("derived", {"sources": "—"}))
    results = [*results[:first], alone, *results[first + 1:]]
    out, _, _ = apply_waivers(ctx, results, "en", facts.events_of_kind("waiver_granted"))
    by_id = {r.result_id: r for r in out}
    assert by_id["D4.K4a|DV-1|2020|KP1"].status is Status.WAIVED
    assert by_id["D1.K2a|DV-1|-|DU-A"] == alone


def test_no_one_may_waive_the_top_organisations_duty(tmp_path: Path) -> None:
    # the province (TU) has no organisation above it: a waiver of its own duty is refused, and
    # the problem says that no one may grant it ("-"); in JSON Lines the place is the line
    events = [
        {"id": "E-01", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": "P1", "reason": WHY,
         "obligation_id": "D5.K1b", "subject_id": "TU", "period": "2023"},
    ]
    doc = _document(events)
    problems = _problems(tmp_path / "facts.jsonl", doc, "2024-06-30")
    assert [(p.code, p.fact_id, p.found, p.expected, p.json_path, p.params["bearer"]) for p in problems] == [
        (ErrorCode.NO_AUTHORITY, "E-01", "P1", "-", None, "TU")]
    assert problems[0].line == 2 + len(doc["organizations"]) + len(doc["members"]) + len(doc["events"]) - 1


def test_every_refused_waiver_of_one_subject_is_reported(tmp_path: Path) -> None:
    # DU-B is not DV-1's committee: both of its waivers of DV-1's duties are refused, the second
    # reported too (the secretary fixes both at once)
    events = [
        {"id": "E-01", "kind": "residence_changed", "date": "2024-03-01", "member_id": "DV-1",
         "from_residence_cell_id": "KP1", "to_residence_cell_id": "KP2"},
        {"id": "E-02", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": "DU-B", "reason": WHY,
         "result_id": "D2.K7b|DV-1|E-01|DV-1"},
        {"id": "E-03", "kind": "waiver_granted", "date": "2024-05-02", "granted_by_org_id": "DU-B", "reason": WHY,
         "result_id": "D2.K7a|DV-1|2024|DV-1"},
    ]
    problems = _problems(tmp_path / "facts.json", _document(events), "2024-06-30")
    assert [(p.code, p.fact_id) for p in problems] == [(ErrorCode.NO_AUTHORITY, "E-02"), (ErrorCode.NO_AUTHORITY, "E-03")]


def _waivers_of_dv1_and_kp1() -> dict[str, Any]:
    return _document([
        {"id": "E-01", "kind": "residence_changed", "date": "2024-03-01", "member_id": "DV-1",
         "from_residence_cell_id": "KP1", "to_residence_cell_id": "KP2"},
        # two waivers of the same result: the first applies, the second is redundant
        {"id": "E-02", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": "DU-A", "reason": WHY,
         "result_id": "D2.K7b|DV-1|E-01|DV-1"},
        {"id": "E-03", "kind": "waiver_granted", "date": "2024-05-02", "granted_by_org_id": "TU", "reason": WHY,
         "result_id": "D2.K7b|DV-1|E-01|DV-1"},
        {"id": "E-04", "kind": "waiver_granted", "date": "2024-05-03", "granted_by_org_id": "DU-A", "reason": WHY,
         "result_id": "D2.K7a|DV-1|2024|DV-1"},
        {"id": "E-05", "kind": "waiver_granted", "date": "2024-05-04", "granted_by_org_id": "P1", "reason": WHY,
         "result_id": "D4.K3b|KP1|2023-H2|KP1"},
        # a cell that bears no result at all: the waiver matches nothing
        {"id": "E-06", "kind": "waiver_granted", "date": "2024-05-05", "granted_by_org_id": "DU-A", "reason": WHY,
         "obligation_id": "D4.K3b", "subject_id": "CB-B1"},
    ])


def test_each_waiver_applies_to_its_own_result() -> None:
    # a second waiver of an already waived result changes nothing, and the waivers after it still
    # apply; a waiver of an organisation without results is unmatched (a data warning)
    report = evaluate(load_facts(_waivers_of_dv1_and_kp1()), as_of=dt.date(2024, 6, 30), lang="en")
    by_id = {r.result_id: r for r in report.results}
    assert by_id["D2.K7b|DV-1|E-01|DV-1"].reason.params["waiver"] == "E-02"
    assert by_id["D2.K7a|DV-1|2024|DV-1"].reason.params["waiver"] == "E-04"
    assert by_id["D4.K3b|KP1|2023-H2|KP1"].reason.params["waiver"] == "E-05"
    assert [(w.code, w.fact_id) for w in report.data_warnings if w.code == "waiver_unmatched"] == [
        ("waiver_unmatched", "E-06")]


def test_a_one_member_evaluation_applies_that_members_waivers_only() -> None:
    # evaluating DV-1 alone: DV-1's waivers apply as in the whole evaluation; KP1's waiver is not
    # about DV-1 and is not reported as unmatched (it matches KP1's result in a whole evaluation)
    report = evaluate(load_facts(_waivers_of_dv1_and_kp1()), as_of=dt.date(2024, 6, 30), lang="en", subjects=["DV-1"])
    by_id = {r.result_id: r for r in report.results}
    assert by_id["D2.K7b|DV-1|E-01|DV-1"].status is Status.WAIVED
    assert by_id["D2.K7a|DV-1|2024|DV-1"].status is Status.WAIVED
    assert not [w for w in report.data_warnings if w.code == "waiver_unmatched"]


def test_refusals_and_warnings_come_in_waiver_order_across_subjects(tmp_path: Path) -> None:
    # waivers of DV-1, KP1, DV-1 in that order (by date): the problems, and the unmatched
    # warnings, are listed in the order of the waivers, not grouped by the subject they name
    refused = [
        {"id": "E-01", "kind": "residence_changed", "date": "2024-03-01", "member_id": "DV-1",
         "from_residence_cell_id": "KP1", "to_residence_cell_id": "KP2"},
        {"id": "E-02", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": "DU-B", "reason": WHY,
         "result_id": "D2.K7b|DV-1|E-01|DV-1"},
        {"id": "E-03", "kind": "waiver_granted", "date": "2024-05-02", "granted_by_org_id": "DU-B", "reason": WHY,
         "result_id": "D4.K3b|KP1|2023-H2|KP1"},
        {"id": "E-04", "kind": "waiver_granted", "date": "2024-05-03", "granted_by_org_id": "DU-B", "reason": WHY,
         "result_id": "D2.K7a|DV-1|2024|DV-1"},
    ]
    problems = _problems(tmp_path / "facts.json", _document(refused), "2024-06-30")
    assert [p.fact_id for p in problems] == ["E-02", "E-03", "E-04"]
    unmatched = [
        {"id": "E-02", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": "DU-A", "reason": WHY,
         "result_id": "D2.K7b|DV-1|E-99|DV-1"},
        {"id": "E-03", "kind": "waiver_granted", "date": "2024-05-02", "granted_by_org_id": "P1", "reason": WHY,
         "result_id": "D4.K3b|KP1|2030-H2|KP1"},
        {"id": "E-04", "kind": "waiver_granted", "date": "2024-05-03", "granted_by_org_id": "DU-A", "reason": WHY,
         "result_id": "D2.K7a|DV-1|2030|DV-1"},
    ]
    report = evaluate(load_facts(_document(unmatched)), as_of=dt.date(2024, 6, 30), lang="en")
    assert [w.fact_id for w in report.data_warnings if w.code == "waiver_unmatched"] == ["E-02", "E-03", "E-04"]


def test_a_waiver_naming_a_result_id_without_parts_is_unmatched() -> None:
    # "D2.K7b" is not a result id (obligation|subject|key|bearer): the waiver matches no result,
    # which is a data warning for the secretary, not a failure of the evaluation
    events = [{"id": "E-02", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": "DU-A",
               "reason": WHY, "result_id": "D2.K7b"}]
    report = evaluate(load_facts(_document(events)), as_of=dt.date(2024, 6, 30), lang="en")
    assert [(w.code, w.fact_id) for w in report.data_warnings] == [("waiver_unmatched", "E-02")]
    assert [(u.id, u.reason) for u in report.unused_facts if u.id == "E-02"] == [("E-02", "waiver_unmatched")]

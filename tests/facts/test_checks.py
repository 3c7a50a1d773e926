"""The fact-level rules of docs/facts.md not already shown by the bad-input corpus, the data
warnings, and the reference metadata the checks are generated from."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import BaseModel

from qd213_rules.errors import ErrorCode, FactsError
from qd213_rules.facts import EVENT_MODELS, FactSet, Member, Organization, WarningCode
from qd213_rules.facts._types import EventRef, MemberRef, OrgRef
from qd213_rules.facts.checks import ref_fields
from qd213_rules.facts.events import WaiverGranted
from qd213_rules.messages import catalogue

if TYPE_CHECKING:
    from conftest import Ward

REPO = Path(__file__).resolve().parents[2]


def codes(fs: FactSet, fact_id: str | None = None) -> list[str]:
    return [w.code for w in fs.warnings if fact_id is None or w.fact_id == fact_id]


def refused(ward: Ward) -> list[tuple[str, str | None, str | None]]:
    with pytest.raises(FactsError) as info:
        ward.build()
    return [(p.code.value, p.json_path, p.fact_id) for p in info.value.problems]


# -- generated from metadata ----------------------------------------------------------------

# id-like fields that are not references to a fact of a known type
NOT_REFERENCES = {
    (WaiverGranted, "result_id"),  # a result id, checked by the engine
    (WaiverGranted, "obligation_id"),
    (WaiverGranted, "subject_id"),  # a member or an organisation: checked by hand
    (WaiverGranted, "about_event_id"),  # any kind of event: checked by hand
}


@pytest.mark.parametrize("model", [Organization, Member, *EVENT_MODELS], ids=lambda m: m.__name__)
def test_every_id_field_declares_what_it_refers_to(model: type[BaseModel]) -> None:
    declared = {rf.name for rf in ref_fields(model)}
    for name in model.model_fields:
        if name in ("id", "obligation_id") or not re.search(r"_ids?$", name) or (model, name) in NOT_REFERENCES:
            continue
        assert name in declared, f"{model.__name__}.{name} has no MemberRef/OrgRef/EventRef"
    for rf in ref_fields(model):
        expected = MemberRef if rf.name.startswith(("member", "attendee", "excused", "invited")) else (
            EventRef if rf.name == "about_event_id" else OrgRef
        )
        assert isinstance(rf.marker, expected), (model.__name__, rf.name)
        assert rf.many == rf.name.endswith("_ids")


# -- organisations --------------------------------------------------------------------------


def test_self_parent_and_long_cycles_are_reported_once(ward: Ward) -> None:
    ward.orgs.append({"id": "X-1", "kind": "provincial_committee", "parent_id": "X-1"})
    ward.orgs += [
        {"id": "Y-3", "kind": "provincial_committee", "parent_id": "Y-1"},
        {"id": "Y-1", "kind": "provincial_committee", "parent_id": "Y-2"},
        {"id": "Y-2", "kind": "provincial_committee", "parent_id": "Y-3"},
        {"id": "Z-1", "kind": "provincial_committee", "parent_id": "Y-2"},  # leads into a cycle, not part of it
    ]
    with pytest.raises(FactsError) as info:
        ward.build()
    assert [(p.code.value, p.fact_id, p.found) for p in info.value.problems] == [
        ("org_cycle", "X-1", "X-1 → X-1"),
        ("org_cycle", "Y-3", "Y-3 → Y-1 → Y-2 → Y-3"),
    ]


def test_nothing_hangs_under_a_cell(ward: Ward) -> None:
    ward.orgs.append({"id": "DU-X", "kind": "workplace_committee", "parent_id": "CB-VP"})
    assert refused(ward) == [("wrong_org_kind", "$.organizations[10].parent_id", "DU-X")]


def test_a_workplace_committee_may_be_the_members_cell(ward: Ward) -> None:
    ward.member("DV-2")["workplace_cell_id"] = "DU-CB"
    fs = ward.build()
    assert fs.workplace_committee_of(fs.members["DV-2"].workplace_cell_id) == "DU-CB"


def test_exempt_member_needs_no_residence(ward: Ward) -> None:
    member = ward.member("DV-2")
    member["category"] = "exempt_from_introduction"
    del member["residence_cell_id"]
    fs = ward.build()
    assert fs.state_on("DV-2", dt.date(2022, 1, 1)).residence_cell_id is None
    assert fs.residence_stays("DV-2") == ()


# -- events ---------------------------------------------------------------------------------


def test_cited_event_may_be_same_day_and_form_chain_crosses_members(ward: Ward) -> None:
    ward.event("F-1", "comment_form_issued", "2020-11-01", member_id="DV-1", org_id="CB-KP3", year=2020, with_front_committee=True, assessment="good")
    ward.event("F-2", "comment_form_issued", "2020-11-01", member_id="DV-1", org_id="CB-KP3", year=2020, with_front_committee=True, assessment="good")
    ward.event("F-3", "comment_form_sent", "2020-11-01", about_event_id="F-1", from_org_id="CB-KP3", to_org_id="DU-P1")
    fs = ward.build()  # a repeated form with the same assessment is no conflict
    assert fs.member_of(fs.events["F-3"]) == "DV-1"


def test_consultation_about_another_members_action(ward: Ward) -> None:
    ward.event("P-1", "personnel_action_planned", "2021-02-01", member_id="DV-2", action="nomination", decision_date="2021-03-01")
    ward.event("C-1", "residence_consultation_held", "2021-02-10", member_id="DV-1", from_org_id="DU-SYT", with_org_id="CB-KP3", about_event_id="P-1")
    with pytest.raises(FactsError) as info:
        ward.build()
    (problem,) = info.value.problems
    assert (problem.code, problem.found, problem.expected, problem.params["ref"]) == (ErrorCode.EVENT_OTHER_MEMBER, "DV-2", "DV-1", "P-1")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"obligation_id": "D3.K1b", "subject_id": "DV-1"}, []),
        ({"obligation_id": "D4.K3b", "subject_id": "CB-KP3", "period": "2021-H1"}, []),
        ({"result_id": "D3.K1b|DV-1|-|DU-SYT"}, []),
        ({}, [("conditional_field", "$.events[0].result_id", "W-1")]),
        ({"obligation_id": "D3.K1b"}, [("conditional_field", "$.events[0].subject_id", "W-1")]),
        ({"obligation_id": "D3.K1b", "subject_id": "DV-9"}, [("unknown_reference", "$.events[0].subject_id", "W-1")]),
        (
            {"obligation_id": "D3.K1b", "subject_id": "DV-1", "period": "2021", "about_event_id": "E-9"},
            [("unknown_reference", "$.events[0].about_event_id", "W-1"), ("conditional_field", "$.events[0].about_event_id", "W-1")],
        ),
        ({"result_id": "D2.K1|DV-1|-|DV-1", "period": "2021"}, [("conditional_field", "$.events[0].period", "W-1")]),
    ],
)
def test_waiver_names_one_result(ward: Ward, fields: dict[str, Any], expected: list[Any]) -> None:
    ward.event("W-1", "waiver_granted", "2021-06-01", granted_by_org_id="DU-SYT", reason="lý do", **fields)
    if expected:
        assert refused(ward) == expected
    else:
        ward.build()


def test_problems_follow_input_order(ward: Ward) -> None:
    ward.event("E-1", "member_registered", "2020-03-01", member_id="DV-9", org_id="CB-KP3")
    ward.member("DV-2")["residence_cell_id"] = "DU-P1"
    ward.orgs[2]["parent_id"] = "DU-P1"
    assert refused(ward) == [
        ("wrong_org_kind", "$.organizations[2].parent_id", "CB-VP"),
        ("wrong_org_kind", "$.members[1].residence_cell_id", "DV-2"),
        ("unknown_reference", "$.events[0].member_id", "E-1"),
    ]


def test_several_attendance_problems_in_one_meeting(ward: Ward) -> None:
    ward.event("M-1", "meeting_held", "2020-06-01", org_id="CB-KP3", meeting_type="people", attendee_ids=["DV-1", "DV-2"],
               excused_ids=["DV-2", "DV-1"], attendance_recorded=False)  # fmt: skip
    assert refused(ward) == [
        ("attendee_and_excused", "$.events[0].excused_ids[0]", "M-1"),
        ("attendee_and_excused", "$.events[0].excused_ids[1]", "M-1"),
        ("conditional_field", "$.events[0].attendee_ids", "M-1"),
        ("conditional_field", "$.events[0].excused_ids", "M-1"),
    ]


# -- data warnings --------------------------------------------------------------------------


def test_attendee_not_registered(ward: Ward) -> None:
    ward.event("G-1", "member_registered", "2018-01-10", member_id="DV-1", org_id="CB-KP3")  # QĐ 76 era: counts
    ward.event("M-1", "meeting_held", "2020-06-01", org_id="CB-KP3", meeting_type="working_members", attendee_ids=["DV-1", "DV-2"])
    ward.event("M-2", "meeting_held", "2020-07-01", org_id="DU-P1", meeting_type="working_members", attendee_ids=["DV-1"])
    ward.event("M-3", "meeting_held", "2020-07-02", org_id="DU-P2", meeting_type="working_members", attendee_ids=["DV-1"])
    ward.event("R-1", "residence_changed", "2021-05-01", member_id="DV-1", from_residence_cell_id="CB-KP3", to_residence_cell_id="CB-KP4")
    ward.event("M-4", "meeting_held", "2021-05-05", org_id="CB-KP4", meeting_type="working_members", attendee_ids=["DV-1"])
    ward.event("G-2", "member_registered", "2021-05-10", member_id="DV-1", org_id="CB-KP4")
    ward.event("M-5", "meeting_held", "2021-05-10", org_id="CB-KP4", meeting_type="working_members", attendee_ids=["DV-1"])
    ward.event("R-2", "residence_changed", "2022-01-01", member_id="DV-1", from_residence_cell_id="CB-KP4", to_residence_cell_id="CB-KP3")
    ward.event("M-6", "meeting_held", "2022-02-01", org_id="CB-KP3", meeting_type="working_members", attendee_ids=["DV-1"])
    ward.event("S-1", "status_changed", "2022-03-01", member_id="DV-2", change="died")
    ward.event("M-7", "meeting_held", "2022-04-01", org_id="CB-KP3", meeting_type="working_members", attendee_ids=["DV-2"])
    fs = ward.build()
    flagged = [(w.fact_id, w.params["member_id"]) for w in fs.warnings if w.code == "attendee_not_registered"]
    # M-1: DV-2 lives in CB-KP4; M-3: not DV-1's commune; M-4: before registering at the new cell;
    # M-6: back in CB-KP3, but the registration there belongs to an earlier stay; M-7: ignored (ended)
    assert flagged == [("M-1", "DV-2"), ("M-3", "DV-1"), ("M-4", "DV-1"), ("M-6", "DV-1")]


def test_transfer_to_the_same_cell(ward: Ward) -> None:
    ward.event("T-1", "status_changed", "2021-01-01", member_id="DV-1", change="transferred", from_workplace_cell_id="CB-VP", new_workplace_cell_id="CB-VP")
    assert codes(ward.build(), "T-1") == ["move_to_same_cell"]


@pytest.mark.parametrize(("date", "warned"), [("2019-12-31", True), ("2020-01-01", False), ("2021-03-31", False), ("2021-04-01", True)])
def test_annual_fact_outside_year(ward: Ward, date: str, warned: bool) -> None:
    ward.event("Y-1", "annual_self_report", date, member_id="DV-1", year=2020, to_org_id="CB-VP")
    assert ("annual_fact_outside_year" in codes(ward.build(), "Y-1")) is warned


def test_event_before_working_since(ward: Ward) -> None:
    ward.event("G-1", "member_registered", "2019-02-28", member_id="DV-1", org_id="CB-KP3")
    ward.event("G-2", "member_notified", "2019-03-01", member_id="DV-1", org_id="CB-KP3")
    fs = ward.build()
    assert codes(fs, "G-1") == ["event_before_working_since"] and codes(fs, "G-2") == []


def test_event_after_duties_ended(ward: Ward) -> None:
    ward.event("F-1", "comment_form_issued", "2024-06-01", member_id="DV-1", org_id="CB-KP3", year=2024, with_front_committee=True, assessment="good")
    ward.event("S-1", "status_changed", "2024-06-30", member_id="DV-1", change="retired")
    ward.event("N-1", "status_change_notified", "2024-07-10", member_id="DV-1", from_org_id="DU-SYT", to_org_id="CB-KP3", about_event_id="S-1")
    ward.event("F-2", "comment_form_sent", "2024-07-02", about_event_id="F-1", from_org_id="CB-KP3", to_org_id="DU-P1")
    ward.event("M-1", "meeting_held", "2024-08-01", org_id="CB-KP3", meeting_type="working_members", attendee_ids=["DV-1"], excused_ids=["DV-2"])
    ward.event("S-2", "status_changed", "2025-01-01", member_id="DV-1", change="died")
    ward.event("G-1", "member_registered", "2024-07-01", member_id="DV-1", org_id="CB-KP4")
    ward.event("L-1", "members_listed_by_residence", "2024-09-01", org_id="DU-SYT", member_ids=["DV-1", "DV-2"])
    fs = ward.build()
    after = sorted(w.fact_id or "" for w in fs.warnings if w.code == "event_after_duties_ended")
    assert after == ["G-1", "L-1"]
    (listed,) = [w for w in fs.warnings if w.code == "event_after_duties_ended" and w.fact_id == "L-1"]
    assert listed.params == {"member_id": "DV-1", "ended_on": "2024-06-30"}


def test_introduction_for_exempt_member_and_letter_to_other_commune(ward: Ward) -> None:
    ward.event("C-1", "category_changed", "2020-01-01", member_id="DV-2", category="exempt_from_introduction", decided_by_org_id="DU-SYT")
    ward.event("I-1", "introduction_sent", "2019-06-01", member_id="DV-2", from_org_id="DU-SYT", to_org_id="DU-P1")
    ward.event("I-2", "introduction_sent", "2020-06-01", member_id="DV-2", from_org_id="DU-SYT", to_org_id="DU-P1")
    ward.event("I-3", "introduction_sent", "2020-06-01", member_id="DV-1", from_org_id="DU-SYT", to_org_id="DU-P2")
    ward.event("R-1", "residence_changed", "2021-05-01", member_id="DV-1", from_residence_cell_id="CB-KP3", to_residence_cell_id="CB-KP7")
    ward.event("I-4", "introduction_sent", "2021-05-01", member_id="DV-1", from_org_id="DU-SYT", to_org_id="DU-P2")
    ward.event("A-1", "away_notice_sent", "2021-06-01", member_id="DV-1", from_org_id="DU-SYT", to_org_id="DU-P1", written=True)
    fs = ward.build()
    assert codes(fs, "I-1") == [] and codes(fs, "I-2") == ["introduction_for_exempt_member"]
    assert codes(fs, "I-3") == ["letter_to_other_commune"] and codes(fs, "I-4") == []
    (letter,) = [w for w in fs.warnings if w.fact_id == "A-1"]
    assert letter.params == {"member_id": "DV-1", "to_org_id": "DU-P1", "commune_id": "DU-P2"}


def test_member_not_invited(ward: Ward) -> None:
    """Contract 1.1 §8.13: a periodic working-members meeting of the cell whose invitation list
    leaves out a regular member registered and notified there by its date."""
    ward.member("DV-2")["residence_cell_id"] = "CB-KP3"
    ward.members.append({"id": "DV-3", "workplace_cell_id": "CB-VP", "residence_cell_id": "CB-KP3",
                         "category": "introduced_exempt_from_activities", "working_since": "2019-03-01"})
    for m in ("DV-1", "DV-2", "DV-3"):
        ward.event(f"G-{m}", "member_registered", "2019-04-01", member_id=m, org_id="CB-KP3")
    ward.event("N-DV-1", "member_notified", "2019-04-02", member_id="DV-1", org_id="CB-KP3")
    ward.event("N-DV-3", "member_notified", "2019-04-02", member_id="DV-3", org_id="CB-KP3")
    ward.event("N-DV-2", "member_notified", "2020-07-01", member_id="DV-2", org_id="CB-KP3")
    meeting = {"org_id": "CB-KP3", "meeting_type": "working_members", "invited_ids": []}
    ward.event("M-1", "meeting_held", "2020-06-01", **meeting)  # DV-2 not yet notified, DV-3 exempt
    ward.event("M-2", "meeting_held", "2020-08-01", **meeting)
    ward.event("M-3", "meeting_held", "2020-08-02", **{**meeting, "invited_ids": ["DV-1", "DV-2"]})
    ward.event("M-4", "meeting_held", "2020-08-03", **meeting, periodic=False)  # ad hoc: may invite whom it needs
    ward.event("M-5", "meeting_held", "2020-08-04", **{**meeting, "org_id": "DU-P1"})  # the commune's
    ward.event("M-6", "meeting_held", "2020-08-05", **{**meeting, "meeting_type": "other"})
    ward.event("M-7", "meeting_held", "2020-08-06", org_id="CB-KP3", meeting_type="working_members")  # no list
    fs = ward.build()
    found = [(w.fact_id, w.params["member_id"]) for w in fs.warnings if w.code == "member_not_invited"]
    assert found == [("M-1", "DV-1"), ("M-2", "DV-1"), ("M-2", "DV-2")]
    assert all(w.params["org_id"] == "CB-KP3" for w in fs.warnings if w.code == "member_not_invited")


def test_every_warning_renders_in_both_languages(ward: Ward) -> None:
    ward.observation_from = None
    ward.member("DV-2")["category"] = "exempt_from_introduction"
    ward.event("R-0", "residence_changed", "2019-03-01", member_id="DV-1", from_residence_cell_id="CB-KP3", to_residence_cell_id="CB-KP4")
    ward.event("R-1", "residence_changed", "2020-03-01", member_id="DV-1", from_residence_cell_id="CB-KP3", to_residence_cell_id="CB-KP3")
    ward.event("G-1", "member_registered", "2019-01-01", member_id="DV-1", org_id="CB-KP3")
    ward.event("M-1", "meeting_held", "2020-06-01", org_id="CB-KP3", meeting_type="working_members", attendee_ids=["DV-2"])
    ward.event("Y-1", "annual_self_report", "2022-06-01", member_id="DV-1", year=2020, to_org_id="CB-VP")
    ward.event("I-1", "introduction_sent", "2020-06-01", member_id="DV-2", from_org_id="DU-SYT", to_org_id="DU-P2")
    ward.event("I-2", "introduction_sent", "2020-06-01", member_id="DV-1", from_org_id="DU-SYT", to_org_id="DU-P2")
    ward.event("S-1", "status_changed", "2023-01-01", member_id="DV-1", change="expelled")
    ward.event("G-2", "member_notified", "2023-02-01", member_id="DV-1", org_id="CB-KP3")
    ward.event("G-3", "member_notified", "2019-02-01", member_id="DV-1", org_id="CB-KP3")
    ward.event("M-2", "meeting_held", "2021-06-01", org_id="CB-KP3", meeting_type="working_members", invited_ids=[])
    fs = ward.build()
    seen = {w.code for w in fs.warnings}
    # the engine's own warnings need results or as_of (tests/engine, tests/versioning)
    assert seen == {code.value for code in WarningCode} - {"waiver_unmatched", "as_of_before_observation"}
    for warning in fs.warnings:
        for lang in ("vi", "en"):
            text = warning.message(lang)  # type: ignore[arg-type]
            assert "{" not in text and (warning.fact_id or "") in text
        assert warning.to_dict("en")["code"] == warning.code
        assert warning.fact_id is None or warning.location is not None
    keys = [(w.fact_id or "", w.code) for w in fs.warnings]
    assert keys == sorted(keys)


# -- catalogue and documentation ------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", [c.value for c in WarningCode])
def test_every_warning_code_has_a_message(code: str) -> None:
    vi, en = catalogue()[f"warnings.{code}"]
    assert placeholders(vi) == placeholders(en)


_EXTRA_PLACEHOLDERS = {"conflicting_assessment": {"member", "year"}, "no_authority": {"bearer"}}
"""Codes whose producers also name the member and year, or the bearer of the duty concerned."""


@pytest.mark.parametrize("code", [c.value for c in ErrorCode])
def test_error_messages_need_only_found_expected_and_ref(code: str) -> None:
    vi, en = catalogue()[f"errors.{code}"]
    assert placeholders(vi) == placeholders(en) <= {"found", "expected", "ref"} | _EXTRA_PLACEHOLDERS.get(code, set())


def test_docs_list_every_code() -> None:
    text = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9_]+)` \|", text, flags=re.M))
    assert {c.value for c in ErrorCode} | {c.value for c in WarningCode} <= listed


def test_conflicting_assessments_name_the_member_and_year() -> None:
    """Issue 11 item 11: the error names the member (and year), not only the two forms."""
    from qd213_rules.facts import load_facts

    path = Path(__file__).parent / "bad" / "conflicting_assessment.json"
    with pytest.raises(FactsError) as info:
        load_facts(path)
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.CONFLICTING_ASSESSMENT and problem.fact_id == "F-2"
    for lang in ("vi", "en"):
        message = problem.message(lang)  # type: ignore[arg-type]
        assert "DV-1" in message and "2020" in message and "F-1" in message, message


# -- who may record a breach (contract 1.1 §8.2) ---------------------------------------------


def test_breaches_are_recorded_by_the_workplace_committee_or_above(ward: Ward) -> None:
    """Each of the three breach error codes is raised by loading the facts (``qd213 validate``
    sees them), located at the field and naming the recorder and the member."""
    ward.event("B-1", "conduct_breach_recorded", "2020-06-01", member_id="DV-1", obligation_id="D2.K1",
               recorded_by_org_id="DU-P1")  # the residence commune: proposes handling, never records
    ward.event("B-2", "conduct_breach_recorded", "2020-06-01", member_id="DV-1", obligation_id="D2.K7b",
               recorded_by_org_id="DU-SYT")  # not a conduct duty
    ward.event("B-3", "conduct_breach_recorded", "2020-06-01", member_id="DV-1", obligation_id="D2.K9",
               recorded_by_org_id="TU-HCM")  # no such duty
    ward.event("B-4", "conduct_breach_recorded", "2020-06-01", member_id="DV-2", obligation_id="D2.K2a",
               recorded_by_org_id="DU-CB")  # another workplace committee
    ward.event("B-5", "conduct_breach_recorded", "2020-06-01", member_id="DV-2", obligation_id="D2.K2a",
               recorded_by_org_id="TU-HCM")  # above DV-2's committee DU-SYT: valid
    assert refused(ward) == [
        ("no_authority", "$.events[0].recorded_by_org_id", "B-1"),
        ("breach_of_non_conduct", "$.events[1].obligation_id", "B-2"),
        ("unknown_obligation", "$.events[2].obligation_id", "B-3"),
        ("no_authority", "$.events[3].recorded_by_org_id", "B-4"),
    ]
    with pytest.raises(FactsError) as info:
        ward.build()
    first = info.value.problems[0]
    assert first.expected == "DU-SYT | TU-HCM"
    for lang in ("vi", "en"):
        text = first.message(lang)  # type: ignore[arg-type]
        assert "DU-P1" in text and "DV-1" in text and "DU-SYT | TU-HCM" in text


def test_a_breach_recorded_on_a_transfer_date_follows_the_workplace_of_that_date(ward: Ward) -> None:
    ward.event("T-1", "status_changed", "2021-01-01", member_id="DV-1", change="transferred",
               from_workplace_cell_id="CB-VP", new_workplace_cell_id="DU-CB")
    ward.event("B-1", "conduct_breach_recorded", "2020-12-31", member_id="DV-1", obligation_id="D2.K1",
               recorded_by_org_id="DU-SYT")
    ward.event("B-2", "conduct_breach_recorded", "2021-01-01", member_id="DV-1", obligation_id="D2.K1",
               recorded_by_org_id="DU-CB")
    ward.build()  # both valid
    ward.event("B-3", "conduct_breach_recorded", "2021-02-01", member_id="DV-1", obligation_id="D2.K1",
               recorded_by_org_id="DU-SYT")
    assert refused(ward) == [("no_authority", "$.events[3].recorded_by_org_id", "B-3")]


def test_a_breach_in_a_cell_whose_parent_is_missing_is_reported_as_the_missing_parent() -> None:
    """A recorded breach of a member whose workplace cell names a parent that does not exist:
    the authority cannot be read, and the fact set is refused with the unknown parent located
    (it raised a bare ``KeyError`` from the authority check before; found by
    tests/facts/test_damaged_documents.py)."""
    from qd213_rules.facts import FactSet

    doc = {
        "schema_version": 1,
        "organizations": [
            {"id": "CB-VP", "kind": "workplace_cell", "parent_id": "DU-GONE"},
            {"id": "DU-P1", "kind": "commune_committee"},
            {"id": "CB-KP3", "kind": "residence_cell", "parent_id": "DU-P1"},
        ],
        "members": [{"id": "DV-1", "workplace_cell_id": "CB-VP", "residence_cell_id": "CB-KP3", "category": "regular", "working_since": "2020-01-01"}],
        "events": [{"id": "B-1", "kind": "conduct_breach_recorded", "date": "2023-04-01", "member_id": "DV-1",
                    "obligation_id": "D2.K4c", "recorded_by_org_id": "DU-P1"}],
    }  # fmt: skip
    with pytest.raises(FactsError) as info:
        FactSet.from_document(doc)
    assert [(p.code.value, p.json_path, p.fact_id, p.found) for p in info.value.problems] == [
        ("unknown_reference", "$.organizations[0].parent_id", "CB-VP", "DU-GONE")
    ]

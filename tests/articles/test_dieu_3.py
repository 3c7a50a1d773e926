"""Điều 3: each declared duty's bearer, subject, kind, citation, deadline and grounds.

One row per duty, as the regulation and semantics, obligations assign them; a change here is a
change of the legal catalogue and needs a catalogue version bump.
"""

from __future__ import annotations

import pytest

from qd213_rules.articles import Kind, Obligation, Role, SubjectType, dieu_3

WORKPLACE = Role.WORKPLACE_COMMITTEE
ABOUT_MEMBER = SubjectType.MEMBER
OVERDUE: tuple[str, ...] = ("overdue_beyond_limit",)
NONE: tuple[str, ...] = ()

Row = tuple[Role, SubjectType, Kind, tuple[int, int, int | None], str | None, tuple[str, ...]]

# id: (bearer, subject, kind, (article, clause, paragraph), deadline_param, violation_grounds)
EXPECTED: dict[str, Row] = {
    "D3.K1a": (WORKPLACE, ABOUT_MEMBER, Kind.TRIGGERED, (3, 1, 1), "timely_days", OVERDUE),
    "D3.K1b": (WORKPLACE, ABOUT_MEMBER, Kind.TRIGGERED, (3, 1, 1), "timely_days", OVERDUE),
    "D3.K1c": (WORKPLACE, ABOUT_MEMBER, Kind.TRIGGERED, (3, 1, 2), "timely_days", OVERDUE),
    "D3.K2": (WORKPLACE, ABOUT_MEMBER, Kind.TRIGGERED, (3, 2, None), "timely_days", OVERDUE),
    "D3.K3a": (WORKPLACE, ABOUT_MEMBER, Kind.CONDUCT, (3, 3, None), None, NONE),
    "D3.K3b": (WORKPLACE, ABOUT_MEMBER, Kind.DISCRETIONARY, (3, 3, None), None, NONE),
    "D3.K3c": (WORKPLACE, ABOUT_MEMBER, Kind.TRIGGERED, (3, 3, None), "timely_days", OVERDUE),
    "D3.K4a": (WORKPLACE, ABOUT_MEMBER, Kind.PERIODIC, (3, 4, None), "chain_step_days", OVERDUE),
    "D3.K4b": (
        WORKPLACE,
        ABOUT_MEMBER,
        Kind.GATE,
        (3, 4, None),
        None,
        ("decided_without_consultation",),
    ),
    "D3.K4c": (WORKPLACE, ABOUT_MEMBER, Kind.ON_REQUEST, (3, 4, None), "timely_days", OVERDUE),
    "D3.K5a": (
        WORKPLACE,
        ABOUT_MEMBER,
        Kind.GATE,
        (3, 5, None),
        "annual_review_fallback",
        ("review_held_without_communication", "overdue_beyond_limit"),
    ),
    "D3.K5b": (WORKPLACE, ABOUT_MEMBER, Kind.DISCRETIONARY, (3, 5, None), None, NONE),
}


def test_declares_exactly_these_ids_in_order() -> None:
    assert [obligation.id for obligation in dieu_3.OBLIGATIONS] == list(EXPECTED)


@pytest.mark.parametrize("obligation", dieu_3.OBLIGATIONS, ids=lambda o: o.id)
def test_declaration(obligation: Obligation) -> None:
    bearer, subject, kind, cited, deadline, grounds = EXPECTED[obligation.id]
    assert (obligation.bearer, obligation.subject, obligation.kind) == (bearer, subject, kind)
    citation = obligation.citation
    assert (citation.article, citation.clause, citation.paragraph) == cited
    assert obligation.deadline_param == deadline
    assert obligation.violation_grounds == grounds

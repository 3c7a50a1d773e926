"""Điều 4: each declared duty's bearer, subject, kind, citation, deadline and grounds.

One row per duty, as the regulation and semantics, obligations assign them; a change here is a
change of the legal catalogue and needs a catalogue version bump.
"""

from __future__ import annotations

import pytest

from qd213_rules.articles import Kind, Obligation, Role, SubjectType, dieu_4

COMMUNE = Role.COMMUNE_COMMITTEE
CELL = Role.RESIDENCE_CELL
ABOUT_MEMBER = SubjectType.MEMBER
ABOUT_ORG = SubjectType.ORGANIZATION
OVERDUE: tuple[str, ...] = ("overdue_beyond_limit",)
NONE: tuple[str, ...] = ()

Row = tuple[Role, SubjectType, Kind, tuple[int, int, int | None], str | None, tuple[str, ...]]

# id: (bearer, subject, kind, (article, clause, paragraph), deadline_param, violation_grounds)
EXPECTED: dict[str, Row] = {
    "D4.K1a": (COMMUNE, ABOUT_MEMBER, Kind.TRIGGERED, (4, 1, None), "timely_days", OVERDUE),
    "D4.K1b": (COMMUNE, ABOUT_MEMBER, Kind.TRIGGERED, (4, 1, None), "timely_days", OVERDUE),
    "D4.K2a": (CELL, ABOUT_MEMBER, Kind.TRIGGERED, (4, 2, None), "timely_days", OVERDUE),
    "D4.K2b": (CELL, ABOUT_MEMBER, Kind.TRIGGERED, (4, 2, None), "timely_days", OVERDUE),
    "D4.K2c": (CELL, ABOUT_ORG, Kind.CONDUCT, (4, 2, None), None, NONE),
    "D4.K3a": (COMMUNE, ABOUT_ORG, Kind.PERIODIC, (4, 3, None), None, OVERDUE),
    "D4.K3b": (CELL, ABOUT_ORG, Kind.PERIODIC, (4, 3, None), None, OVERDUE),
    "D4.K4a": (CELL, ABOUT_MEMBER, Kind.PERIODIC, (4, 4, None), "chain_step_days", OVERDUE),
    "D4.K4b": (CELL, ABOUT_MEMBER, Kind.TRIGGERED, (4, 4, None), "chain_step_days", OVERDUE),
    "D4.K4c": (CELL, ABOUT_MEMBER, Kind.DISCRETIONARY, (4, 4, None), None, NONE),
    "D4.K4d": (CELL, ABOUT_MEMBER, Kind.TRIGGERED, (4, 4, None), "timely_days", OVERDUE),
    "D4.K5a": (COMMUNE, ABOUT_MEMBER, Kind.TRIGGERED, (4, 5, None), "chain_step_days", OVERDUE),
    "D4.K5b": (COMMUNE, ABOUT_MEMBER, Kind.TRIGGERED, (4, 5, None), "comment_lead_days", OVERDUE),
    "D4.K5c": (COMMUNE, ABOUT_MEMBER, Kind.DISCRETIONARY, (4, 5, None), None, NONE),
    "D4.K5d": (COMMUNE, ABOUT_MEMBER, Kind.TRIGGERED, (4, 5, None), "timely_days", OVERDUE),
    "D4.K6": (COMMUNE, ABOUT_MEMBER, Kind.ON_REQUEST, (4, 6, None), "timely_days", OVERDUE),
}


def test_declares_exactly_these_ids_in_order() -> None:
    assert [obligation.id for obligation in dieu_4.OBLIGATIONS] == list(EXPECTED)


@pytest.mark.parametrize("obligation", dieu_4.OBLIGATIONS, ids=lambda o: o.id)
def test_declaration(obligation: Obligation) -> None:
    bearer, subject, kind, cited, deadline, grounds = EXPECTED[obligation.id]
    assert (obligation.bearer, obligation.subject, obligation.kind) == (bearer, subject, kind)
    citation = obligation.citation
    assert (citation.article, citation.clause, citation.paragraph) == cited
    assert obligation.deadline_param == deadline
    assert obligation.violation_grounds == grounds

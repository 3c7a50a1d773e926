"""Điều 5: each declared duty's bearer, subject, kind, citation, deadline and grounds.

One row per duty, as the regulation and semantics, obligations assign them; a change here is a
change of the legal catalogue and needs a catalogue version bump.
"""

from __future__ import annotations

import pytest

from qd213_rules.articles import Kind, Obligation, Role, SubjectType, dieu_5

PROVINCE = Role.PROVINCIAL_COMMITTEE
COMMISSION = Role.CENTRAL_ORGANIZATION_COMMISSION
ABOUT_ORG = SubjectType.ORGANIZATION
OVERDUE: tuple[str, ...] = ("overdue_beyond_limit",)
NONE: tuple[str, ...] = ()

Row = tuple[Role, SubjectType, Kind, tuple[int, int, int | None], str | None, tuple[str, ...]]

# id: (bearer, subject, kind, (article, clause, paragraph), deadline_param, violation_grounds)
EXPECTED: dict[str, Row] = {
    "D5.K1a": (PROVINCE, ABOUT_ORG, Kind.ONE_OFF, (5, 1, None), None, NONE),
    "D5.K1b": (PROVINCE, ABOUT_ORG, Kind.PERIODIC, (5, 1, None), "provincial_report_due", OVERDUE),
    "D5.K2a": (COMMISSION, ABOUT_ORG, Kind.CONDUCT, (5, 2, 1), None, NONE),
    "D5.K2b": (COMMISSION, ABOUT_ORG, Kind.TRIGGERED, (5, 2, 1), "timely_days", OVERDUE),
    "D5.K2c": (COMMISSION, ABOUT_ORG, Kind.ONE_OFF, (5, 2, 2), None, NONE),
    "D5.K3c": (PROVINCE, ABOUT_ORG, Kind.ONE_OFF, (5, 3, None), None, NONE),
}


def test_declares_exactly_these_ids_in_order() -> None:
    assert [obligation.id for obligation in dieu_5.OBLIGATIONS] == list(EXPECTED)


@pytest.mark.parametrize("obligation", dieu_5.OBLIGATIONS, ids=lambda o: o.id)
def test_declaration(obligation: Obligation) -> None:
    bearer, subject, kind, cited, deadline, grounds = EXPECTED[obligation.id]
    assert (obligation.bearer, obligation.subject, obligation.kind) == (bearer, subject, kind)
    citation = obligation.citation
    assert (citation.article, citation.clause, citation.paragraph) == cited
    assert obligation.deadline_param == deadline
    assert obligation.violation_grounds == grounds

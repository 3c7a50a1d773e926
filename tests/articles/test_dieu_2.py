"""Điều 2: each declared duty's bearer, subject, kind, citation, deadline and grounds.

One row per duty, as the regulation and semantics, obligations assign them; a change here is a
change of the legal catalogue and needs a catalogue version bump.
"""

from __future__ import annotations

import pytest

from qd213_rules.articles import Kind, Obligation, Role, SubjectType, dieu_2

MEMBER = Role.MEMBER
ABOUT_MEMBER = SubjectType.MEMBER
BREACH: tuple[str, ...] = ("breach_recorded",)
OVERDUE: tuple[str, ...] = ("overdue_beyond_limit",)

Row = tuple[Role, SubjectType, Kind, tuple[int, int, int | None], str | None, tuple[str, ...]]

# id: (bearer, subject, kind, (article, clause, paragraph), deadline_param, violation_grounds)
EXPECTED: dict[str, Row] = {
    "D2.K1": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 1, None), None, BREACH),
    "D2.K2a": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 2, None), None, BREACH),
    "D2.K2b": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 2, None), None, BREACH),
    "D2.K3a": (MEMBER, ABOUT_MEMBER, Kind.GATE, (2, 3, None), None, ("absent_without_excuse",)),
    "D2.K3b": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 3, None), None, BREACH),
    "D2.K3c": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 3, None), None, BREACH),
    "D2.K4a": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 4, None), None, BREACH),
    "D2.K4b": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 4, None), None, BREACH),
    "D2.K4c": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 4, None), None, BREACH),
    "D2.K5": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 5, None), None, BREACH),
    "D2.K6a": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 6, None), None, BREACH),
    "D2.K6b": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 6, None), None, BREACH),
    "D2.K6c": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (2, 6, None), None, BREACH),
    "D2.K7a": (
        MEMBER,
        ABOUT_MEMBER,
        Kind.GATE,
        (2, 7, None),
        "annual_review_fallback",
        ("review_held_without_report", "overdue_beyond_limit"),
    ),
    "D2.K7b": (MEMBER, ABOUT_MEMBER, Kind.TRIGGERED, (2, 7, None), "timely_days", OVERDUE),
}


def test_declares_exactly_these_ids_in_order() -> None:
    assert [obligation.id for obligation in dieu_2.OBLIGATIONS] == list(EXPECTED)


@pytest.mark.parametrize("obligation", dieu_2.OBLIGATIONS, ids=lambda o: o.id)
def test_declaration(obligation: Obligation) -> None:
    bearer, subject, kind, cited, deadline, grounds = EXPECTED[obligation.id]
    assert (obligation.bearer, obligation.subject, obligation.kind) == (bearer, subject, kind)
    citation = obligation.citation
    assert (citation.article, citation.clause, citation.paragraph) == cited
    assert obligation.deadline_param == deadline
    assert obligation.violation_grounds == grounds

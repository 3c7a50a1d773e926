"""Điều 1: each declared duty's bearer, subject, kind, citation, deadline and grounds.

One row per duty, as the regulation and semantics, obligations assign them; a change here is a
change of the legal catalogue and needs a catalogue version bump.
"""

from __future__ import annotations

import pytest

from qd213_rules.articles import Kind, Obligation, Role, SubjectType, dieu_1

MEMBER = Role.MEMBER
WORKPLACE = Role.WORKPLACE_COMMITTEE
ABOUT_MEMBER = SubjectType.MEMBER
BREACH: tuple[str, ...] = ("breach_recorded",)
NONE: tuple[str, ...] = ()

Row = tuple[Role, SubjectType, Kind, tuple[int, int, int | None], str | None, tuple[str, ...]]

# id: (bearer, subject, kind, (article, clause, paragraph), deadline_param, violation_grounds)
EXPECTED: dict[str, Row] = {
    "D1.K1a": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (1, 1, None), None, BREACH),
    "D1.K1b": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (1, 1, None), None, BREACH),
    "D1.K1c": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (1, 1, None), None, BREACH),
    "D1.K1d": (MEMBER, ABOUT_MEMBER, Kind.CONDUCT, (1, 1, None), None, BREACH),
    "D1.K2a": (WORKPLACE, ABOUT_MEMBER, Kind.DERIVED, (1, 2, None), None, NONE),
    "D1.K2b": (WORKPLACE, ABOUT_MEMBER, Kind.DERIVED, (1, 2, None), None, NONE),
}


def test_declares_exactly_these_ids_in_order() -> None:
    assert [obligation.id for obligation in dieu_1.OBLIGATIONS] == list(EXPECTED)


@pytest.mark.parametrize("obligation", dieu_1.OBLIGATIONS, ids=lambda o: o.id)
def test_declaration(obligation: Obligation) -> None:
    bearer, subject, kind, cited, deadline, grounds = EXPECTED[obligation.id]
    assert (obligation.bearer, obligation.subject, obligation.kind) == (bearer, subject, kind)
    citation = obligation.citation
    assert (citation.article, citation.clause, citation.paragraph) == cited
    assert obligation.deadline_param == deadline
    assert obligation.violation_grounds == grounds

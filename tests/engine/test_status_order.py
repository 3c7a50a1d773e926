"""The order of statuses (semantics §14), written out by hand: what derived results and
summaries mean by "worst", independent of any output golden (issue 17 item 1)."""

from __future__ import annotations

import itertools

import pytest

from qd213_rules.evaluation.results import STATUS_ORDER, Status, worst

# worst first, as the contract lists it: violated > overdue > due > fulfilled_late > fulfilled
# > ongoing > waived > not_applicable
CONTRACT_ORDER = ("violated", "overdue", "due", "fulfilled_late", "fulfilled", "ongoing", "waived", "not_applicable")


def test_the_order_is_the_contracts() -> None:
    assert [s.value for s in reversed(STATUS_ORDER)] == list(CONTRACT_ORDER)
    assert [s.value for s in sorted(Status, key=lambda s: s.rank, reverse=True)] == list(CONTRACT_ORDER)
    assert [s.rank for s in STATUS_ORDER] == list(range(len(STATUS_ORDER)))  # ranks read from a table


@pytest.mark.parametrize("worse, better", list(itertools.combinations(CONTRACT_ORDER, 2)))
def test_worst_of_two_is_the_one_earlier_in_the_contracts_list(worse: str, better: str) -> None:
    assert worst([Status(better), Status(worse)]) is Status(worse)
    assert worst([Status(worse), Status(better)]) is Status(worse)
    assert Status(worse).rank > Status(better).rank


def test_violated_beats_overdue_and_nothing_is_not_applicable() -> None:
    assert worst([Status.OVERDUE, Status.VIOLATED, Status.DUE]) is Status.VIOLATED
    assert worst([]) is Status.NOT_APPLICABLE

"""``_Test.select`` (the Python backend's filter of a session's facts by a pattern's test,
issue 13) keeps exactly the facts the test itself passes, in order: its written-out shapes (one
boolean field, one field of another type) keep the typed equality of ``_Test.__call__``
(``True`` is not ``1``, ``"1"`` is not ``1``, a missing field equals nothing)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from qd213_rules.articles._rule import Pattern
from qd213_rules.matching.python import _Test

_values = st.sampled_from([True, False, 0, 1, 2, 1.0, "1", "a", "b", "", None])
_fields = ("f", "g")
_facts = st.lists(st.dictionaries(st.sampled_from(_fields), _values, max_size=2), max_size=8)
_equals = st.dictionaries(st.sampled_from(_fields), _values.filter(lambda v: v is not None), max_size=2)
_one_of = st.dictionaries(st.sampled_from(_fields), st.lists(_values.filter(lambda v: v is not None), max_size=3), max_size=1)


def _test(equals: dict[str, Any], one_of: dict[str, list[Any]]) -> _Test:
    return _Test(
        tuple(sorted(equals.items())), tuple((name, tuple(values)) for name, values in sorted(one_of.items()) if values)
    )


@given(_equals, _one_of, _facts)
def test_select_keeps_what_the_test_passes(equals: dict[str, Any], one_of: dict[str, list[Any]], facts: list[dict[str, Any]]) -> None:
    test = _test(equals, one_of)
    chosen = test.select(facts)
    expected = [fact for fact in facts if test(fact)]
    assert len(chosen) == len(expected) and all(a is b for a, b in zip(chosen, expected))


def test_one_field_is_typed() -> None:
    facts: list[dict[str, Any]] = [{"f": True}, {"f": 1}, {"f": 1.0}, {"f": "1"}, {"g": 1}, {}]
    assert _test({"f": True}, {}).select(facts) == [{"f": True}]
    assert [type(f["f"]) for f in _test({"f": 1}, {}).select(facts)] == [int]
    assert [type(f["f"]) for f in _test({"f": "1"}, {}).select(facts)] == [str]
    assert _test({}, {}).select(facts) == facts


def test_a_pattern_compiles_to_the_same_test() -> None:
    pattern = Pattern(kind="meeting_held", equals={"meeting_type": "working_members"})
    facts = [{"meeting_type": "working_members"}, {"meeting_type": "other"}, {}]
    assert _Test.of(pattern).select(facts) == [facts[0]]

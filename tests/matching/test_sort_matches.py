"""``sort_matches`` orders the frames of a rule exactly as their canonical JSON texts do.

Both backends sort their matches with it, and the order is the contract between them
(``tests/perf/test_differential.py``). It compares facts value by value instead of serialising
them; these tests check that shortcut against ``json.dumps(frame, sort_keys=True)`` on frames
made to hit its edges: numbers that are prefixes of one another (``1`` and ``10``, in the last
key or not), strings that order differently once quoted and escaped (a space sorts before the
closing quote, ``"\\u00e9"`` before ``"z"``), booleans against integers, floats (``0.0`` and
``-0.0``), ``None``, missing keys, nested values, the same fact in several frames, and frames
with different aliases.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from qd213_rules.matching.python import sort_matches

_KEYS = ("day", "e1", "id", "member", "org", "t", "z")

_values = st.one_of(
    st.integers(min_value=-20, max_value=200),
    st.sampled_from(["", "a", "a b", "a!", "ab", 'a"', "a\\", "é", "z", "Đ", "a\n", "1", "10"]),
    st.booleans(),
    st.none(),
    st.sampled_from([0.0, -0.0, 1.0, 1.5, 10.0]),
    st.lists(st.integers(min_value=0, max_value=12), max_size=2),
)

_facts = st.dictionaries(st.sampled_from(_KEYS), _values, max_size=5)


@st.composite
def _matches(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    pool = draw(st.lists(_facts, min_size=1, max_size=6))  # facts recur across frames, as in a session
    aliases = st.sampled_from([("o",), ("e", "o"), ("e", "n", "o")])
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        names = draw(aliases)
        frame = {alias: pool[draw(st.integers(min_value=0, max_value=len(pool) - 1))] for alias in names}
        out.append((draw(st.sampled_from(["r1", "r2"])), frame))
    return out


def _by_json(matches: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(matches, key=lambda item: (item[0], json.dumps(item[1], sort_keys=True)))


def _texts(matches: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, str]]:
    """Each match as its rule name and frame text (``==`` on frames would take ``1`` for ``True``)."""
    return [(name, json.dumps(frame, sort_keys=True)) for name, frame in matches]


@given(_matches())
def test_frames_are_sorted_as_their_canonical_json(matches: list[tuple[str, dict[str, Any]]]) -> None:
    expected = _by_json(list(matches))
    found = sort_matches(list(matches))
    assert _texts(found) == _texts(expected)
    # equal texts keep their first order (the sort is stable), as the JSON sort does
    assert [id(frame) for _, frame in found] == [id(frame) for _, frame in expected]


def test_edges_of_the_value_by_value_comparison() -> None:
    """The cases the shortcut must not get wrong, each against the JSON order."""
    pairs = [
        ({"day": 1}, {"day": 10}),  # last key: '1}' sorts after '10}'
        ({"day": 1, "t": "x"}, {"day": 10, "t": "x"}),  # not last: '1,' sorts before '10,'
        ({"id": "a"}, {"id": "a b"}),  # '"a"' sorts after '"a b"'
        ({"id": "z"}, {"id": "é"}),  # '"\\u00e9"' sorts before '"z"'
        ({"id": 1}, {"id": True}),
        ({"id": 0.0}, {"id": -0.0}),
        ({"id": None}, {"id": "null"}),
        ({"id": "a"}, {"id": "a", "t": "b"}),
        ({"id": [1]}, {"id": [1, 2]}),
    ]
    for a, b in pairs:
        for first, second in ((a, b), (b, a)):
            matches = [("r", {"o": first}), ("r", {"o": second})]
            assert _texts(sort_matches(list(matches))) == _texts(_by_json(list(matches))), (first, second)

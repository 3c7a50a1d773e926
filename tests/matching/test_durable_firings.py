"""The durable matcher reads each firing from the tags of the asserted facts, not by parsing it.

``DurableMatcher`` tags every fact it asserts with its position (``{"#":<tag>,…``) and reads a
firing's frame by finding those tags in the message the C core returns (performance: one
``json.loads`` per firing was the largest Python cost of the matching). These tests give it
fact texts that look like tags, quotes, backslashes and non-ASCII text in ids and values, and
check that it returns what the Python backend returns: the same rule names, the same facts (the
very dicts asserted), in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qd213_rules.engine import compiled_rules, ruled_obligations
from qd213_rules.matching.durable import DurableMatcher, DurableRulesError
from qd213_rules.matching.python import PythonMatcher

# texts a naive reader of the message would trip on
_TRICKY = st.sampled_from(['{"#":0,', '"o":{"#":1,"sid":"x"}', "\\", '\\"', '"', "{", "}", ",", "Đảng viên", "#"])
_TEXT = st.lists(st.one_of(_TRICKY, st.text(max_size=6)), max_size=4).map("".join)


@pytest.fixture(scope="module")
def durable() -> Iterator[DurableMatcher]:
    made = DurableMatcher(compiled_rules())
    yield made
    made.close()


def _occasions(ids: list[str], notes: list[str], member: str) -> list[dict[str, Any]]:
    """``$occasion`` facts of obligations with state-derived occasions, and one ``$need``
    naming the first (each matched by its trigger rule)."""
    obligations = ["D2.K1", "D2.K2a", "D2.K5", "D1.K1a"]
    facts: list[dict[str, Any]] = [
        {"t": "$occasion", "id": fact_id, "ob": obligations[i % len(obligations)], "day": 738886 + i, "since": 0,
         "subject": member, "member": member, "bearer": member, "note": note}
        for i, (fact_id, note) in enumerate(zip(ids, notes))
    ]  # fmt: skip
    if ids:
        facts.append({"t": "$need", "id": "$need|" + ids[0], "occ": ids[0], "role": "residence_cell", "org": notes[0]})
    return facts


@settings(max_examples=25)
@given(
    ids=st.lists(_TEXT.filter(bool), min_size=1, max_size=6, unique=True),
    notes=st.lists(_TEXT, min_size=6, max_size=6),
    member=_TEXT,
)
def test_tricky_fact_texts_give_the_python_backends_matches(
    durable: DurableMatcher, ids: list[str], notes: list[str], member: str
) -> None:
    sessions = {"one": _occasions(ids, notes, member), "two": _occasions(ids[::-1], notes[::-1], member + '"')}
    python = PythonMatcher(ruled_obligations())
    found = durable.match(sessions)
    assert found == python.match(sessions)
    for sid, matches in found.items():
        assert matches, "every occasion fires its trigger rule"
        asserted = {id(fact) for fact in sessions[sid]}
        assert all(id(fact) in asserted for _, frame in matches for fact in frame.values())


def test_reserved_keys_are_refused(durable: DurableMatcher) -> None:
    fact = {"t": "$occasion", "id": "x", "ob": "D2.K1", "day": 1, "since": 0, "#": 3}
    with pytest.raises(DurableRulesError, match="reserves"):
        durable.match({"s": [fact]})

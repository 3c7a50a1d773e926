"""The shortcuts a session is built with give what the plain reading gives.

A member's visible events are a bisected prefix of their sorted events
(:meth:`Context.visible_about_member`) instead of a filter by date; which occasions and event
kinds a session can read is kept per set of kinds (:meth:`RuleReads.occasions_read`,
:meth:`RuleReads.session_kinds_read`); an occasion's fact id is made once. Each must agree with
the reading it replaces, whatever ``as_of`` cuts the record at.
"""

from __future__ import annotations

import datetime as dt

import pytest

from qd213_rules.engine import Run, ruled_obligations
from qd213_rules.evaluation.context import AWAY, FORMS, INTRODUCING, INTRODUCTION_KINDS, REGISTERING, Context
from qd213_rules.facts.events import AwayStatusChanged, CommentFormIssued, MemberNotified, MemberRegistered
from qd213_rules.evaluation.occasions import occasions_of
from qd213_rules.evaluation.payload import RuleReads
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
from qd213_rules.matching.python import PythonMatcher
from qd213_rules.policy import Policy

_AS_OFS = [dt.date(2020, 6, 30), dt.date(2022, 3, 1), dt.date(2024, 7, 15), EXAMPLE_AS_OF]


@pytest.mark.parametrize("as_of", _AS_OFS)
def test_visible_events_about_a_member_are_those_dated_by_as_of(as_of: dt.date) -> None:
    facts = example_ward_facts()
    ctx = Context(facts, as_of, Policy())
    cut = 0
    for member in facts.members:
        expected = [e for e in facts.events_about_member(member) if e.date <= as_of]
        found = list(ctx.visible_about_member(member))
        assert found == expected, member
        cut += len(facts.events_about_member(member)) - len(found)
    if as_of < EXAMPLE_AS_OF:
        assert cut > 0  # the bisection was exercised, not only the whole tuple


@pytest.mark.parametrize("as_of", _AS_OFS)
def test_active_members_are_those_started_by_as_of_with_the_start_memo_filled(as_of: dt.date) -> None:
    # active_members writes start() out and fills its memo: the same members, sorted, and the
    # same start for every member, whether start() was asked before (the memo read) or not
    facts = example_ward_facts()
    plain = Context(facts, as_of, Policy())
    expected = sorted(m for m in facts.members if plain.start(m) <= as_of)
    asked = Context(facts, as_of, Policy())
    for member in list(facts.members)[::2]:
        asked.start(member)
    for ctx in (Context(facts, as_of, Policy()), asked):
        assert ctx.active_members() == expected
        assert ctx._starts == {m: plain.start(m) for m in facts.members}
    if as_of == _AS_OFS[0]:
        assert len(expected) < len(facts.members)  # the cut by as_of was exercised


@pytest.mark.parametrize("as_of", _AS_OFS)
def test_a_members_event_groups_are_their_visible_events_of_each_group(as_of: dt.date) -> None:
    facts = example_ward_facts()
    ctx = Context(facts, as_of, Policy())
    wanted = {
        INTRODUCING: lambda e: e.kind in INTRODUCTION_KINDS,
        AWAY: lambda e: type(e) is AwayStatusChanged,
        REGISTERING: lambda e: type(e) in (MemberRegistered, MemberNotified),
        FORMS: lambda e: type(e) is CommentFormIssued,
    }
    seen = set()
    for member in list(facts.members) * 2:  # each member asked again after another: none kept wrongly
        groups = ctx.member_events(member)
        assert ctx.member_events(member) is groups  # the member asked last is kept
        for group, belongs in wanted.items():
            expected = [e for e in facts.events_about_member(member) if e.date <= as_of and belongs(e)]
            assert groups[group] == expected, (member, group)
            if expected:
                seen.add(group)
        assert sum(map(len, groups)) <= len(ctx.visible_about_member(member))
    if as_of == EXAMPLE_AS_OF:
        assert seen == set(wanted)  # every group was exercised


@pytest.mark.parametrize("as_of", _AS_OFS)
def test_what_a_session_reads_is_what_each_occasion_and_kind_would_read(as_of: dt.date) -> None:
    facts = example_ward_facts()
    ctx = Context(facts, as_of, Policy())
    run = Run(ctx, PythonMatcher(ruled_obligations()), "en")
    reads = RuleReads(ruled_obligations())
    for member in ctx.active_members():
        occasions = occasions_of(ctx, run.member_obligations, member)
        for fact_id, occasion in occasions.items():
            assert occasion.fact_id == fact_id == occasion.as_fact()["id"]
            assert fact_id == f"$occ|{occasion.obligation.id}|{occasion.key}|{occasion.bearer_id or '-'}"
        present = frozenset(e.kind for e in ctx.visible_about_member(member))
        readable = reads.occasions_read(present)
        assert readable == {ob for ob in reads.after_occasion if reads.occasion_read(ob, present)}
        asserted = frozenset(o.obligation.id for o in occasions.values() if o.obligation.id in readable)
        assert reads.session_kinds_read(present, asserted) == reads.kinds_read(present, asserted)
        assert reads.occasions_read(present) is readable  # kept, not made again


def test_a_session_keeps_the_first_fact_of_each_id() -> None:
    """The check for repeated ids runs in C; the facts come back as they are when none repeats,
    else the first of each id, in order."""
    from qd213_rules.engine import _dedupe

    unique = [{"id": "a", "n": 1}, {"id": "b", "n": 2}]
    assert _dedupe(unique) is unique
    repeated = [{"id": "a", "n": 1}, {"id": "b", "n": 2}, {"id": "a", "n": 3}, {"id": "c", "n": 4}]
    assert _dedupe(repeated) == [{"id": "a", "n": 1}, {"id": "b", "n": 2}, {"id": "c", "n": 4}]

"""Evaluations of some subjects share one context per fact set, thread, as_of, policy and
regulations (``engine._kept_context``): what they report must be what a fresh context gives,
and a changed as_of, policy or fact set must never reuse a context made for another."""

from __future__ import annotations

import datetime as dt
import gc
import threading
import weakref
from typing import Any

import pytest

from qd213_rules import engine
from qd213_rules.engine import evaluate, evaluate_context
from qd213_rules.evaluation.context import Context
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document, example_ward_facts
from qd213_rules.facts import FactSet
from qd213_rules.policy import Policy
from qd213_rules.regulations import default_registry

_OTHER_POLICY = Policy(min_notice_days=30, comment_lead_days=3, violation_after_days=10)
"""Changes the results of every member of the example ward."""


def _fresh(facts: FactSet, as_of: dt.date, policy: Policy, subject: str) -> list[dict[str, Any]]:
    ctx = Context(facts, as_of, policy, default_registry())
    return [r.to_dict() for r in evaluate_context(ctx, [subject], lang="en", backend="python").results]


def _kept(facts: FactSet, as_of: dt.date, policy: Policy, subject: str, backend: str = "python") -> list[dict[str, Any]]:
    return [r.to_dict() for r in evaluate(facts, as_of, policy, [subject], lang="en", backend=backend).results]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def ward() -> FactSet:
    return example_ward_facts()


def test_one_subject_after_another_gives_the_fresh_results(ward: FactSet) -> None:
    subjects = sorted(ward.members)[:12] + sorted(ward.organizations)[:3]
    for backend in ("python", "durable"):
        for subject in subjects + subjects[::-1]:  # again, with the context warm from every other
            assert _kept(ward, EXAMPLE_AS_OF, Policy(), subject, backend) == _fresh(ward, EXAMPLE_AS_OF, Policy(), subject)


def test_a_changed_policy_or_as_of_never_reuses_the_context(ward: FactSet) -> None:
    earlier = EXAMPLE_AS_OF - dt.timedelta(days=200)
    changed = 0
    for subject in sorted(ward.members)[:8]:
        default = _kept(ward, EXAMPLE_AS_OF, Policy(), subject)
        other = _kept(ward, EXAMPLE_AS_OF, _OTHER_POLICY, subject)
        before = _kept(ward, earlier, Policy(), subject)
        assert other == _fresh(ward, EXAMPLE_AS_OF, _OTHER_POLICY, subject)
        assert before == _fresh(ward, earlier, Policy(), subject)
        assert _kept(ward, EXAMPLE_AS_OF, Policy(), subject) == default  # the first context again
        changed += (other != default) + (before != default)
    assert changed >= 8  # the variations do change results: a stale context would show


def test_an_equal_policy_shares_the_context_and_another_fact_set_does_not(ward: FactSet) -> None:
    first = engine._kept_context(ward, EXAMPLE_AS_OF, Policy(), default_registry())
    assert engine._kept_context(ward, EXAMPLE_AS_OF, Policy.model_validate({}), default_registry()) is first
    assert engine._kept_context(ward, EXAMPLE_AS_OF, _OTHER_POLICY, default_registry()) is not first
    other = FactSet.from_document(example_ward_document())
    assert engine._kept_context(other, EXAMPLE_AS_OF, Policy(), default_registry()).ctx.facts is other


def test_a_fact_set_changed_by_one_fact_gets_its_own_results() -> None:
    document = example_ward_document()
    facts = FactSet.from_document(document)
    member = sorted(facts.members)[0]
    _kept(facts, EXAMPLE_AS_OF, Policy(), member)
    cited = {value for e in document["events"] for name, value in e.items() if name != "id" and isinstance(value, str)}
    document["events"] = [e for e in document["events"] if member not in str(e) or e["id"] in cited]
    fewer = FactSet.from_document(document)
    assert _kept(fewer, EXAMPLE_AS_OF, Policy(), member) == _fresh(fewer, EXAMPLE_AS_OF, Policy(), member)
    assert _kept(fewer, EXAMPLE_AS_OF, Policy(), member) != _kept(facts, EXAMPLE_AS_OF, Policy(), member)


def test_the_kept_contexts_are_bounded_and_die_with_their_facts() -> None:
    facts = FactSet.from_document(example_ward_document())
    member = sorted(facts.members)[0]
    for days in range(engine._KEPT_PER_FACTS + 3):
        evaluate(facts, EXAMPLE_AS_OF - dt.timedelta(days=days), subjects=[member], backend="python")
    assert len(facts.derived[engine.__name__]) == engine._KEPT_PER_FACTS
    gone = weakref.ref(facts)
    del facts
    gc.collect()
    assert gone() is None


def test_threads_do_not_share_a_context(ward: FactSet) -> None:
    found: list[engine._KeptContext] = []
    worker = threading.Thread(target=lambda: found.append(engine._kept_context(ward, EXAMPLE_AS_OF, Policy(), default_registry())))
    worker.start()
    worker.join()
    mine = engine._kept_context(ward, EXAMPLE_AS_OF, Policy(), default_registry())
    assert found and found[0] is not mine and found[0].ctx is not mine.ctx


def test_a_whole_evaluation_makes_its_own_context(ward: FactSet) -> None:
    member = sorted(ward.members)[0]
    one = evaluate(ward, EXAMPLE_AS_OF, subjects=[member], backend="python")
    whole = evaluate(ward, EXAMPLE_AS_OF, backend="python")
    assert whole.context is not one.context
    assert [r.to_dict() for r in one] == [r.to_dict() for r in whole if member in (r.subject_id, r.bearer_id)]


def test_one_policy_object_with_another_as_of_or_none_never_reuses_the_last_context(ward: FactSet) -> None:
    """A thread's last context is found first by the policy object itself (no hashing): the
    same object with another ``as_of``, or no policy (the default), must still get its own."""
    earlier = EXAMPLE_AS_OF - dt.timedelta(days=200)
    changed = 0
    for subject in sorted(ward.members)[:6]:
        other = _kept(ward, EXAMPLE_AS_OF, _OTHER_POLICY, subject)
        before = _kept(ward, earlier, _OTHER_POLICY, subject)
        default = [r.to_dict() for r in evaluate(ward, EXAMPLE_AS_OF, None, [subject], lang="en", backend="python").results]
        assert other == _fresh(ward, EXAMPLE_AS_OF, _OTHER_POLICY, subject)
        assert before == _fresh(ward, earlier, _OTHER_POLICY, subject)
        assert default == _fresh(ward, EXAMPLE_AS_OF, Policy(), subject)
        changed += (other != before) + (other != default)
    assert changed >= 6

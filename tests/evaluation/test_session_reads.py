"""A session holds only the facts some rule can read, and leaving the others out changes no match.

The engine builds each session without the facts :class:`~qd213_rules.evaluation.payload.RuleReads`
says no rule can read (the evidence of a trigger the session does not hold, an occasion none of
whose evidence kinds is there, its ``$need`` facts). Against the session of every fact, the
matches must be the same.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from hypothesis import given, settings

from qd213_rules.engine import Run, compiled_rules, ruled_obligations
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.occasions import org_subjects
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.matching.backend import Matcher
from qd213_rules.matching.durable import DurableMatcher
from qd213_rules.matching.python import PythonMatcher
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth
from strategies import fact_document_and_as_of

Session = list[dict[str, Any]]


def _both_sessions(facts: FactSet, as_of: dt.date) -> dict[str, tuple[Session, Session]]:
    """Every subject's session as the engine builds it, and with every fact."""
    ctx = Context(facts, as_of, Policy())
    run = Run(ctx, PythonMatcher(ruled_obligations()), "en")
    subjects = [("member", m, run.member_obligations) for m in ctx.active_members()]
    by_org: dict[str, list[Any]] = {}
    for ob in run.org_obligations:
        for org in org_subjects(ctx, ob):
            by_org.setdefault(org, []).append(ob)
    subjects += [("org", org, obs) for org, obs in sorted(by_org.items())]
    return {
        f"{kind}|{subject}": (run._session(kind, subject, obs)[0], run._session(kind, subject, obs, every_fact=True)[0])
        for kind, subject, obs in subjects
    }


def _check(sessions: dict[str, tuple[Session, Session]], matcher: Matcher) -> int:
    """Asserts the sessions give the same matches; returns how many facts were left out."""
    left_out = 0
    for sid, (asserted, every) in sessions.items():
        ids = [fact["id"] for fact in asserted]
        assert ids == [fact["id"] for fact in every if fact["id"] in set(ids)], sid  # a subsequence
        assert all(fact == {f["id"]: f for f in every}[fact["id"]] for fact in asserted), sid
        left_out += len(every) - len(asserted)
        found = matcher.match({sid: asserted})[sid] if asserted else []
        assert found == matcher.match({sid: every})[sid], sid
    return left_out


def test_the_example_ward_matches_the_same_without_the_facts_no_rule_reads() -> None:
    sessions = _both_sessions(example_ward_facts(), EXAMPLE_AS_OF)
    durable = DurableMatcher(compiled_rules())
    try:
        assert _check(sessions, durable) > 0
    finally:
        durable.close()
    assert _check(sessions, PythonMatcher(ruled_obligations())) > 0


def test_a_synthetic_province_matches_the_same_without_the_facts_no_rule_reads() -> None:
    buffer = io.StringIO()
    write_synth(buffer, 150, seed=7)
    buffer.seek(0)
    sessions = _both_sessions(load_facts(buffer), dt.date(2025, 12, 31))
    assert _check(sessions, PythonMatcher(ruled_obligations())) > 0


@settings(max_examples=25)
@given(fact_document_and_as_of(max_members=4))
def test_generated_fact_sets_match_the_same_without_the_facts_no_rule_reads(pair: tuple[dict[str, Any], dt.date]) -> None:
    doc, as_of = pair
    _check(_both_sessions(FactSet.from_document(doc), as_of), PythonMatcher(ruled_obligations()))

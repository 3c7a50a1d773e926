"""The engine's province-scale paths give what the plain ones give (issue 7).

Waivers applied subject by subject equal waivers applied to all results at once; a
subject-restricted evaluation (the single-member path) gives the full evaluation's results
about that subject.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from qd213_rules.engine import Run, _id_key, evaluate, matcher, sort_results
from qd213_rules.errors import FactsError
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.waivers import apply_waivers, apply_waivers_by_subject
from qd213_rules.facts import FactSet
from qd213_rules.policy import Policy
from strategies import fact_document_and_as_of

from .helpers import problems

Doc = dict[str, Any]


@given(fact_document_and_as_of())
def test_waivers_by_subject_equal_waivers_at_once(pair: tuple[Doc, dt.date]) -> None:
    doc, as_of = pair
    facts = FactSet.from_document(doc)
    ctx = Context(facts, as_of, Policy())
    results = Run(ctx, matcher("python"), "en").evaluate(None)
    outcomes: list[Any] = []
    every = ctx.facts.events_of_kind("waiver_granted")
    for apply in (lambda: apply_waivers(ctx, results, "en", every), lambda: apply_waivers_by_subject(ctx, results, "en")):
        try:
            out, warnings, cited = apply()
            outcomes.append(([r.to_dict() for r in out], [w.to_dict("en") for w in warnings], cited))
        except FactsError as exc:
            outcomes.append(problems(exc))
    assert outcomes[0] == outcomes[1]


@settings(max_examples=20)
@given(fact_document_and_as_of())
def test_one_subject_gets_its_results_of_the_whole_evaluation(pair: tuple[Doc, dt.date]) -> None:
    doc, as_of = pair
    facts = FactSet.from_document(doc)
    try:
        whole = evaluate(facts, as_of=as_of, lang="en", backend="python")
    except FactsError:
        return
    for subject in sorted({r.subject_id for r in whole.results})[:4]:
        alone = evaluate(facts, as_of=as_of, lang="en", backend="python", subjects=[subject])
        expected = [r.to_dict() for r in whole.results if r.subject_id == subject]
        assert [r.to_dict() for r in alone.results] == expected


@settings(max_examples=30)
@given(fact_document_and_as_of(), st.randoms(use_true_random=False))
def test_sorting_results_subject_by_subject_is_one_sort_by_the_whole_key(pair: tuple[Doc, dt.date], rnd: Any) -> None:
    """The report order (engine.sort_results) equals one stable sort by (subject, duty, key,
    bearer), on shuffled results with ties (copies that differ only in their message)."""
    doc, as_of = pair
    facts = FactSet.from_document(doc)
    results = Run(Context(facts, as_of, Policy()), matcher("python"), "en").evaluate(None)
    results += [dataclasses.replace(r, message=f"copy {i}") for i, r in enumerate(results[::3])]
    rnd.shuffle(results)
    expected = sorted(results, key=lambda r: (r.subject_id, _id_key(r.obligation_id), r.key, r.bearer_id))
    sort_results(results)
    assert [id(r) for r in results] == [id(r) for r in expected]

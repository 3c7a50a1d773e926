"""Traces are recorded on request (``evaluate(trace=True)``) or rebuilt for one result on demand."""

from __future__ import annotations

from qd213_rules.engine import evaluate
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet
from qd213_rules.report import Report


def _ward() -> FactSet:
    return FactSet.from_document(example_ward_document())


def test_rebuilt_traces_equal_recorded_ones() -> None:
    facts = _ward()
    plain = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en")
    traced = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", trace=True)
    assert plain.results == traced.results  # the status never depends on tracing
    assert all(r.trace is None for r in plain.results)
    assert all(r.trace is not None for r in traced.results)
    for result, recorded in zip(plain.results, traced.results):
        assert plain.trace_of(result) == recorded.trace, result.result_id
        assert str(plain.explain(result)) == str(traced.explain(recorded))


def test_a_report_without_facts_has_no_trace_to_rebuild() -> None:
    traced = evaluate(_ward(), as_of=EXAMPLE_AS_OF, lang="en")
    detached = Report(results=traced.results, as_of=traced.as_of, observation_from=traced.observation_from,
                      observation_defaulted=False, input_sha256="", policy={}, unused_facts=(), data_warnings=(),
                      lang="en", backend="durable")  # fmt: skip
    assert detached.trace_of(traced.results[0]) is None


def test_a_fulfilled_result_names_and_counts_the_fact_that_did_the_duty() -> None:
    """The evidence a fulfilled status rests on is a ``fulfils`` fact, named in the message and
    counted in the trace — not an earlier precondition (e.g. the forwarded form before the
    comments were communicated, D3.K5a)."""
    report = evaluate(_ward(), as_of=EXAMPLE_AS_OF, lang="en", trace=True)
    done = [r for r in report.results if r.status.value in ("fulfilled", "fulfilled_late") and r.kind != "derived"]
    assert done
    for result in done:
        assert result.trace is not None
        counted = [e for e in result.trace.evidence if e.effect == "fulfils" and e.counted]
        assert counted, result.result_id
        assert result.reason.params.get("evidence") in {e.event_id for e in counted}, result.result_id

"""The unused facts from the events no result cites worked out as the citations came (``uncited``,
what a two-process check into a file gathers) are those from the events cited (``cited``)."""

from __future__ import annotations

import itertools

from qd213_rules import engine
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.unused import unused_facts
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet
from qd213_rules.policy import Policy
from qd213_rules.regulations import default_registry


def test_unused_facts_from_the_uncited_events_are_those_from_the_cited() -> None:
    facts = FactSet.from_document(example_ward_document())
    report = engine.evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python")
    ctx = Context(facts, EXAMPLE_AS_OF, Policy(), default_registry())
    results = list(report.results)
    kinds = frozenset(event.kind for event in facts.events.values())
    for given in (0, len(results) // 2, len(results)):  # the others' citations come apart
        shown, apart = results[:given], results[given:]
        cited = {r.trigger_event_id for r in apart if r.trigger_event_id is not None}
        cited.update(itertools.chain.from_iterable(r.evidence for r in apart))
        expected = unused_facts(ctx, shown, {}, {}, kinds, cited=set(cited))
        assert expected and len(expected) < len(facts.events)  # some cited, some not
        got = unused_facts(ctx, shown, {}, {}, kinds, uncited=set(facts.events) - cited)
        assert got == expected

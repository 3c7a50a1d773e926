"""The shared closure of "which facts a subject needs" (issue 17 item 6) is enough for the engine.

Streaming builds each shard from :func:`needed_facts`; here the same function runs on a loaded
fact set, for every shard the engine's workers evaluate (:func:`parallel.shard_subjects`), and
the shard's subjects evaluated on those facts alone must get exactly the results they get in
the whole province. An event kind the engine reads that the closure misses fails here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from qd213_rules.engine import _layout, evaluate
from qd213_rules.errors import FactsError
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.needs import FactSetSource, Needs, member_event_kinds, needed_facts, org_event_kinds, trimmed
from qd213_rules.evaluation.occasions import org_subjects
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet
from qd213_rules.parallel import shard_subjects
from qd213_rules.policy import Policy
from strategies import fact_document_and_as_of

Doc = dict[str, Any]


def _subset(facts: FactSet, needs: Needs) -> FactSet:
    """The needed facts, as streaming loads a shard (member lists cut down to its members)."""
    events = [trimmed(facts.events[e].model_dump(mode="json", by_alias=True, exclude_none=True), needs.records)
              for e in sorted(needs.events)]  # fmt: skip
    return FactSet.from_facts(
        [facts.organizations[o] for o in sorted(needs.orgs)],
        [facts.members[m] for m in sorted(needs.records)],
        events,
        observation_from=facts.observation_from,
    )


def _results(facts: FactSet, as_of: dt.date, subjects: set[str]) -> list[dict[str, Any]]:
    report = evaluate(facts, as_of=as_of, subjects=subjects, lang="en", backend="python")
    return [r.to_dict() for r in report.results if r.subject_id in subjects]


def _check_every_shard(facts: FactSet, as_of: dt.date) -> int:
    ctx = Context(facts, as_of, Policy())
    layout = _layout()
    subjects: list[tuple[str, str, list[Any]]] = [("member", m, layout.member_obligations) for m in ctx.active_members()]
    subjects += [("org", o, []) for o in sorted({o for ob in layout.org_obligations for o in org_subjects(ctx, ob)})]
    source = FactSetSource(facts)
    whole: dict[str, list[dict[str, Any]]] = {}
    for result in evaluate(facts, as_of=as_of, lang="en", backend="python").results:
        whole.setdefault(result.subject_id, []).append(result.to_dict())
    checked = 0
    for shard in shard_subjects(ctx, subjects):
        kind = subjects[shard[0]][0]
        ids = {subjects[p][1] for p in shard}
        if kind == "member":
            needs = needed_facts(source, members=ids)
        else:  # which cells owe a meeting depends on who lives there: their members come along
            org = facts.organizations[next(iter(ids))]
            residents = set(facts.members) if org.kind.value in ("residence_cell", "commune_committee") else set()
            needs = needed_facts(source, members=residents, orgs=ids)
        assert _results(_subset(facts, needs), as_of, ids) == [r for i in sorted(ids) for r in whole.get(i, ())], sorted(ids)
        checked += 1
    return checked


@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow])
@given(fact_document_and_as_of(max_members=4))
def test_every_engine_shard_is_evaluated_alike_on_the_facts_it_needs(pair: tuple[Doc, dt.date]) -> None:
    doc, as_of = pair
    facts = FactSet.from_document(doc)
    try:
        _check_every_shard(facts, as_of)
    except FactsError:
        with pytest.raises(FactsError):  # refused input: refused as a whole too
            evaluate(facts, as_of=as_of, lang="en", backend="python")


def test_the_example_ward_shards_need_no_more_than_their_closure() -> None:
    facts = FactSet.from_document(example_ward_document())
    assert _check_every_shard(facts, EXAMPLE_AS_OF) > 5


def test_the_engine_reads_the_kind_lists_of_the_closure() -> None:
    """One list of event kinds: the engine's sessions and the closure read the same."""
    layout = _layout()
    assert layout.member_kinds is member_event_kinds() and layout.org_kinds is org_event_kinds()

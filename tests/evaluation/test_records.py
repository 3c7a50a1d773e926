"""The plain records the evaluation reads instead of pydantic models (performance: a read of a
pydantic model's field goes through ``BaseModel.__getattr__``'s hook) must say what the models
say: each :class:`Duty` field is its obligation's, and ``EVENT_KIND`` gives each event's kind."""

from __future__ import annotations

import datetime as dt

import pytest

from qd213_rules.articles import OBLIGATIONS
from qd213_rules.articles._model import Kind, SubjectType
from qd213_rules.evaluation.duties import Duty, duty_of
from qd213_rules.evaluation.event_kind import EVENT_KIND
from qd213_rules.evaluation.occasions import Occasion
from qd213_rules.examples import example_ward_facts
from qd213_rules.facts.events import EVENT_MODELS


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=lambda ob: ob.id)
def test_a_duty_holds_its_obligations_fields(ob: object) -> None:
    from qd213_rules.articles import Obligation

    assert isinstance(ob, Obligation)
    duty = duty_of(ob)
    assert duty.obligation is ob and duty_of(ob) is duty  # once per process and object
    assert (duty.id, duty.kind, duty.subject, duty.categories) == (ob.id, ob.kind, ob.subject, ob.categories)
    assert (duty.in_force_from, duty.in_force_to, duty.rule) == (ob.in_force_from, ob.in_force_to, ob.rule)
    assert duty.is_member == (ob.subject is SubjectType.MEMBER)
    assert duty.standing == (ob.kind in (Kind.CONDUCT, Kind.DISCRETIONARY, Kind.ONE_OFF, Kind.DERIVED))
    rule = ob.rule
    if rule is None:
        assert duty.triggers == () and duty.evidence == ()
        return
    assert (duty.gate, duty.bearer, duty.recipients, duty.survives_end) == (rule.gate, rule.bearer, rule.recipients, rule.survives_end)
    assert (duty.violated_reason, duty.partial_reason, duty.evidence) == (rule.violated_reason, rule.partial_reason, rule.evidence)
    assert duty.evidence_reasons == tuple(e.reason for e in rule.evidence)
    assert duty.evidence_by == tuple(e.by for e in rule.evidence)
    assert len(duty.triggers) == len(rule.triggers)
    for fields, trigger in zip(duty.triggers, rule.triggers):
        for name in fields.__slots__:
            assert getattr(fields, name) == getattr(trigger, name), name


def test_a_changed_obligation_gets_a_duty_of_its_own() -> None:
    ob = OBLIGATIONS[0]
    other = ob.model_copy(update={"in_force_to": dt.date(2030, 1, 1)})
    assert duty_of(other).in_force_to == dt.date(2030, 1, 1) and duty_of(ob).in_force_to == ob.in_force_to


def test_an_occasion_reads_the_duty_of_its_obligation() -> None:
    for ob in OBLIGATIONS[:5]:
        occ = Occasion(ob, "DV-1", "CB-1", dt.date(2024, 1, 1))
        assert isinstance(occ.duty, Duty) and occ.duty is duty_of(ob)


def test_event_kind_is_each_events_kind() -> None:
    events = list(example_ward_facts().events.values())
    assert events
    for event in events:
        assert EVENT_KIND[type(event)] == event.kind
    for model in EVENT_MODELS:
        assert EVENT_KIND[model] == model.model_fields["kind"].default

"""``Occasion`` has a written-out ``__init__`` (performance: some forty occasions per member);
it must set every field, accept every field by name, and default as documented."""

from __future__ import annotations

import dataclasses
import datetime as dt

from typing import Any

import pytest

from qd213_rules.articles import OBLIGATIONS
from qd213_rules.evaluation.occasions import Occasion

_DEFAULTS: dict[str, object] = {
    "key": "-",
    "trigger_event_id": None,
    "since": None,
    "start": None,
    "end": None,
    "year": None,
    "period": None,
    "recipients": {},
    "fields": {},
    "extension": False,
    "trigger_index": 0,
    "anchored_at_start": False,
    "na_reason": None,
    "state_event_ids": (),
    "trigger_fact": None,
}


def test_every_field_has_its_default() -> None:
    occ = Occasion(OBLIGATIONS[0], "DV-1", "CB-1", dt.date(2024, 1, 1))
    names = [f.name for f in dataclasses.fields(Occasion) if f.init]
    assert names == ["obligation", "subject_id", "bearer_id", "day", *_DEFAULTS]
    for name, default in _DEFAULTS.items():
        assert getattr(occ, name) == default, name
    assert occ.fact_id == f"$occ|{OBLIGATIONS[0].id}|-|CB-1"


def test_every_field_is_taken_by_name_and_kept() -> None:
    values: dict[str, Any] = {
        "obligation": OBLIGATIONS[1], "subject_id": "DV-2", "bearer_id": None, "day": dt.date(2024, 2, 3),
        "key": "2024", "trigger_event_id": "E-1", "since": dt.date(2024, 2, 4), "start": dt.date(2024, 1, 1),
        "end": dt.date(2024, 6, 30), "year": 2024, "period": "2024", "recipients": {"workplace_cell": ("CB-1",)},
        "fields": {"meeting_id": "E-9"}, "extension": True, "trigger_index": 2, "anchored_at_start": True,
        "na_reason": "not_yet_registered", "state_event_ids": ("E-3",), "trigger_fact": {"id": "E-1"},
    }
    occ = Occasion(**values)
    assert {name: getattr(occ, name) for name in values} == values
    assert dataclasses.replace(occ, key="2025").key == "2025"  # replace passes every field by name
    assert occ.fact_id == f"$occ|{OBLIGATIONS[1].id}|2024|-"


def test_the_shared_empty_mappings_cannot_be_changed() -> None:
    occ = Occasion(OBLIGATIONS[0], "DV-1", "CB-1", dt.date(2024, 1, 1))
    with pytest.raises(TypeError):
        occ.fields["meeting_id"] = "E-1"  # type: ignore[index]
    with pytest.raises(TypeError):
        occ.recipients["workplace_cell"] = ("CB-1",)  # type: ignore[index]


def test_an_occasion_a_trigger_opens_is_the_one_the_constructor_makes() -> None:
    """``from_trigger`` writes its occasion's slots itself (performance): each occasion it opens
    for the example ward's trigger events is the one ``Occasion(...)`` makes of the same values,
    with the obligation's own duty, no fact id yet, and the year's text as its period."""
    from qd213_rules.engine import ruled_obligations
    from qd213_rules.evaluation.context import Context
    from qd213_rules.evaluation.duties import duty_of
    from qd213_rules.evaluation.occasions import from_trigger
    from qd213_rules.evaluation.payload import event_facts
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
    from qd213_rules.policy import Policy

    facts = example_ward_facts()
    ctx = Context(facts, EXAMPLE_AS_OF, Policy())
    opened = with_year = 0
    for ob in ruled_obligations():
        assert ob.rule is not None
        for index, trigger in enumerate(ob.rule.triggers):
            if trigger.pattern is None or ob.subject.value != "member":
                continue
            for member in sorted(facts.members):
                for event in ctx.visible_about_member(member):
                    if event.kind != trigger.pattern.kind:
                        continue
                    fact = event_facts(ctx, event, member)[0]
                    occ, _ = from_trigger(ctx, ob, index, fact, member)
                    if occ is None:
                        continue
                    values = {f.name: getattr(occ, f.name) for f in dataclasses.fields(Occasion) if f.init}
                    assert occ == Occasion(**values)
                    assert occ.duty is duty_of(ob) and occ._fact_id is None and occ.trigger_fact is fact
                    assert (occ.since, occ.fields, occ.na_reason, occ.state_event_ids) == (None, {}, None, ())
                    assert occ.period == (str(occ.year) if occ.year is not None else None)
                    assert occ.trigger_event_id == fact["event"] and occ.trigger_index == index
                    opened += 1
                    with_year += occ.year is not None
    assert opened > 20 and with_year, (opened, with_year)

"""Session facts of events: the fast flattening gives what the plain reading of the rules gives.

``payload.event_facts`` reads each event model through a per-model plan and keeps, once per
evaluation, the member-independent part of every event that names many members (a meeting, a
listing). The oracle below is the straightforward flattening the module's docstring describes
(every field of the model in turn); both must give the same facts for every event and every
session, in any order of the sessions, and no session may see another's member fields.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.payload import event_facts
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.facts.events import Event
from qd213_rules.facts.organizations import OrgKind
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth

_FORM_CHAIN = {"comment_form_sent", "comment_form_certified", "comment_form_forwarded", "comment_disputed"}
_MEMBER_LISTS = {"member_ids", "attendee_ids", "excused_ids", "invited_ids"}


def _oracle(ctx: Context, event: Event, member: str | None) -> list[dict[str, Any]]:
    """The session facts of ``event`` as the module docstring states them, field by field."""
    facts = ctx.facts
    base: dict[str, Any] = {"t": event.kind, "id": event.id, "event": event.id}
    base["day"] = base["since"] = event.date.toordinal()
    org_lists = []
    for name, value in event:
        if name in {"note", "kind", "id", "date"} or value is None:
            continue
        if isinstance(value, dt.date):
            base[name] = value.toordinal()
        elif isinstance(value, tuple):
            if name in _MEMBER_LISTS:
                if member is not None:
                    base[f"in_{name}"] = member in value
            else:
                org_lists.append((name, value))
        elif isinstance(value, bool | int):
            base[name] = value
        else:
            base[name] = str(value)
            if name.endswith("_org_id") or name == "org_id" or name.endswith("workplace_cell_id"):
                org = facts.organizations.get(str(value))
                if org is not None:
                    base[f"{name}_kind"] = org.kind.value
                    if org.kind in (OrgKind.WORKPLACE_CELL, OrgKind.WORKPLACE_COMMITTEE):
                        base[f"{name}_committee"] = facts.workplace_committee_of(org.id)
    form = facts.events.get(getattr(event, "about_event_id", "") or "") if event.kind in _FORM_CHAIN else None
    if event.kind == "comment_form_issued":
        form = event
    if form is not None and form.kind == "comment_form_issued":
        base["form_id"] = form.id
        base["form_year"] = getattr(form, "year")
        base["form_assessment"] = str(getattr(form, "assessment").value)
    if event.kind == "annual_self_report" and member is not None:
        base["to_own_workplace_cell"] = getattr(event, "to_org_id") == ctx.workplace_cell(member, event.date)
    if "about_event_id" in type(event).model_fields:
        base["about_event_given"] = getattr(event, "about_event_id") is not None
    if member is not None:
        base["member"] = member
    out = [base]
    for name, items in org_lists:
        out = [dict(f, **{f"{name}_item": item, "id": f"{f['id']}#{item}"}) for f in out for item in items] or out
    return out


def _synth(members: int) -> FactSet:
    buffer = io.StringIO()
    write_synth(buffer, members, seed=7)
    buffer.seek(0)
    return load_facts(buffer)


@pytest.mark.parametrize("which", ["example_ward", "synth"])
def test_event_facts_follow_the_rules_for_every_event_and_session(which: str) -> None:
    if which == "example_ward":
        facts, as_of = example_ward_facts(), EXAMPLE_AS_OF
    else:
        facts, as_of = _synth(40), dt.date(2025, 12, 31)
    ctx = Context(facts, as_of, Policy())
    members = sorted(facts.members)
    sessions: list[str | None] = [None, *members, None, *reversed(members)]  # every cached event read again
    for member in sessions:
        for event in facts.events.values():
            made = event_facts(ctx, event, member)
            assert made == _oracle(ctx, event, member), (event.id, member)
            for fact in made:  # a session may change its facts: nothing another session reads
                fact["member"] = "someone else"
                fact.pop("in_attendee_ids", None)


def test_a_listed_event_read_first_for_a_member_names_them_as_every_later_read_does() -> None:
    # the first session of an event with member lists scans its lists, later ones read sets
    facts = _synth(40)
    ctx = Context(facts, dt.date(2025, 12, 31), Policy())
    listed = [e for e in facts.events.values() if any(getattr(e, name, None) for name in _MEMBER_LISTS)]
    assert listed
    for event in listed:
        named = {m for name in _MEMBER_LISTS for m in getattr(event, name, None) or ()}
        inside = min(named)
        outside = min(set(facts.members) - named)
        for member in (inside, outside, inside, None, outside):
            made = event_facts(ctx, event, member)
            assert made == _oracle(ctx, event, member), (event.id, member)
            if member == inside:
                assert any(value is True for key, value in made[0].items() if key.startswith("in_")), event.id

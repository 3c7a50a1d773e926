"""Durable-rules facts for one session: events flattened and enriched, occasions, recipients.

durable-rules only takes JSON, joins only on scalar fields and cannot test list membership
against another fact, so each event becomes one or more flat facts:

- dates become ordinals (``day``, ``decision_date``…), and ``since`` = ``day``;
- ``member`` is the session's member; each member list becomes ``in_<field>`` (is the member
  named in it?);
- each org list becomes one fact per org, ``<field>_item``;
- each org field (``*_org_id``, ``org_id``, ``*workplace_cell_id``) gets ``<field>_kind`` and
  ``<field>_committee`` (kind of the org, and the workplace committee above it);
- events of the comment-form chain get ``form_id``, ``form_year``, ``form_assessment``;
- every event with an ``about_event_id`` field gets ``about_event_given`` (is it set?);
- an ``annual_self_report`` gets ``to_own_workplace_cell`` (sent to the member's workplace cell
  on its date?).

Recipients of an event trigger are asserted as ``$need`` facts (one per role and acceptable
organisation), resolved on the trigger date, so that the rule that matches the evidence also
checks the recipient (semantics §6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..facts.events import Event
from ..facts.organizations import OrgKind
from .context import Context
from .occasions import Occasion

__all__ = ["event_facts", "need_facts", "occasion_facts"]

_FORM_CHAIN = {"comment_form_sent", "comment_form_certified", "comment_form_forwarded", "comment_disputed"}
_SKIP = {"note", "kind", "id", "date"}


def event_facts(ctx: Context, event: Event, member: str | None) -> list[dict[str, Any]]:
    """The facts of ``event`` in the session of ``member`` (None: an organisation session)."""
    facts = ctx.facts
    base: dict[str, Any] = {"t": event.kind, "id": event.id, "event": event.id}
    day = event.date.toordinal()
    base["day"] = day
    base["since"] = day
    org_lists: list[tuple[str, tuple[str, ...]]] = []
    for name, value in event:
        if name in _SKIP or value is None:
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
    if event.kind in _FORM_CHAIN:
        form = facts.events.get(getattr(event, "about_event_id", ""))
        if form is not None and form.kind == "comment_form_issued":
            base["form_id"] = form.id
            base["form_year"] = getattr(form, "year")
            base["form_assessment"] = str(getattr(form, "assessment").value)
    elif event.kind == "comment_form_issued":
        base["form_id"] = event.id
        base["form_year"] = getattr(event, "year")
        base["form_assessment"] = str(getattr(event, "assessment").value)
    if event.kind == "annual_self_report" and member is not None:
        # D2.K7a counts a report only to the member's own workplace cell on the report date (semantics R10)
        base["to_own_workplace_cell"] = getattr(event, "to_org_id") == ctx.workplace_cell(member, event.date)
    if "about_event_id" in type(event).model_fields:
        base["about_event_given"] = getattr(event, "about_event_id") is not None
    if member is not None:
        base["member"] = member
    if not org_lists:
        return [base]
    out = [base]
    for name, items in org_lists:  # one fact per org of each org list
        out = [dict(f, **{f"{name}_item": item, "id": f"{f['id']}#{item}"}) for f in out for item in items] or out
    return out


def need_facts(holder_id: str, recipients: Mapping[str, Iterable[str]]) -> list[dict[str, Any]]:
    """One ``$need`` fact per (role, acceptable organisation) of an occasion or trigger."""
    return [
        {"t": "$need", "id": f"$need|{holder_id}|{role}|{org}", "occ": holder_id, "role": role, "org": org}
        for role, orgs in sorted(recipients.items())
        for org in orgs
    ]


def occasion_facts(occasions: Iterable[Occasion]) -> list[dict[str, Any]]:
    """``$occasion`` facts and their ``$need`` facts."""
    out: list[dict[str, Any]] = []
    for occasion in occasions:
        out.append(occasion.as_fact())
        out.extend(need_facts(occasion.fact_id, occasion.recipients))
    return out


_MEMBER_LISTS = frozenset({"member_ids", "attendee_ids", "excused_ids", "invited_ids"})

"""Which facts a set of subjects needs: the one closure behind every shard.

A shard of subjects (the members living in one residence cell, an organisation) is evaluated
on part of a province's facts: by :mod:`qd213_rules.stream` from its on-disk store, and — to
prove that part is enough — by the tests on every shard :func:`qd213_rules.parallel.shard_subjects`
makes from a loaded :class:`~qd213_rules.facts.FactSet`. Both ask :func:`needed_facts`, over a
:class:`FactSource` (the store's, or :class:`FactSetSource`), so what a shard reads cannot drift
from what the engine reads: when an obligation starts reading a new event kind, the kind lists
here (derived from the catalogue, and read by the engine too) follow.

What a subject needs (the engine's reads, :class:`~qd213_rules.evaluation.context.Context`):

* a **member**: their record; every event about them (:meth:`FactSet.events_about_member`:
  a member field or list names them, a waiver names them, or the event cites one about them);
  the ``working_members`` meetings of every residence cell they lived in and its commune
  (attendance, owing cells); the annual reviews of every workplace cell they belonged to and
  its ancestors (the review date R);
* an **organisation**: the events of the kinds the organisation duties read that name it (an
  organisation field, or a waiver's subject);
* then, for everything gathered: the events it cites, recursively, and for a cited event about
  another member, that member's record and state changes (their state on the event's date);
  a required member list that names none of the subjects keeps one member (as context);
* the organisations all these name, their ancestors, and the provincial committees and the
  Central Organization Commission.

>>> from qd213_rules.examples import example_ward_document
>>> facts = FactSet.from_document(example_ward_document())
>>> member = sorted(facts.members)[0]
>>> needs = needed_facts(FactSetSource(facts), members=[member])
>>> member in needs.members and set(needs.events) <= set(facts.events)
True
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from ..articles import OBLIGATIONS, Obligation
from ..articles._model import SubjectType
from ..facts import FactSet
from ..facts._types import EventRef, MemberRef
from ..facts.checks import ref_fields, ref_values
from ..facts.events import Event, WaiverGranted

__all__ = [
    "STATE_KINDS",
    "REVIEW_KINDS",
    "MEETING_KINDS",
    "TOP_KINDS",
    "member_event_kinds",
    "org_event_kinds",
    "event_kinds",
    "EventLinks",
    "FactSource",
    "FactSetSource",
    "Needs",
    "needed_facts",
    "trimmed",
]

STATE_KINDS = frozenset({"residence_changed", "status_changed", "category_changed", "away_status_changed"})
"""Events that change a member's replayed state."""

REVIEW_KINDS = frozenset({"annual_review_held", "annual_review_scheduled"})
"""Events that fix a workplace cell's review date R (semantics §11): read for every member of the cell."""

MEETING_KINDS = frozenset({"meeting_held"})
"""Meetings of a residence cell or commune: read for every member living there."""

TOP_KINDS = frozenset({"provincial_committee", "central_organization_commission"})
"""Organisation kinds every shard holds (Điều 5's bearers, a handful per province)."""

MEMBER_LISTS = ("member_ids", "attendee_ids", "excused_ids", "invited_ids")
"""Member lists of events: a shard keeps only the members it holds (:func:`trimmed`)."""

REQUIRED_LISTS = ("member_ids",)
"""Member lists that may not be empty (a trimmed list keeps one member)."""


def _kinds(obligations: Iterable[Obligation]) -> frozenset[str]:
    kinds: set[str] = set()
    for ob in obligations:
        assert ob.rule is not None
        kinds |= {t.pattern.kind for t in ob.rule.triggers if t.pattern is not None}
        kinds |= {e.pattern.kind for e in ob.rule.evidence}
        if ob.rule.breach_recordable:
            kinds.add("conduct_breach_recorded")
    return frozenset(kinds)


@functools.cache
def member_event_kinds() -> frozenset[str]:
    """Event kinds the member-subject obligations read (triggers, evidence, breaches)."""
    return _kinds(ob for ob in OBLIGATIONS if ob.rule is not None and ob.subject is SubjectType.MEMBER)


def event_kinds(obligations: Iterable[Obligation]) -> frozenset[str]:
    """Event kinds these obligations read (the engine's, for every registered catalogue)."""
    return _kinds(ob for ob in obligations if ob.rule is not None)


@functools.cache
def org_event_kinds() -> frozenset[str]:
    """Event kinds the organisation-subject obligations read (triggers, evidence, breaches)."""
    return _kinds(ob for ob in OBLIGATIONS if ob.rule is not None and ob.subject is SubjectType.ORGANIZATION)


class EventLinks(NamedTuple):
    """What the closure reads of one event: its id, kind and references.

    A named tuple, not a frozen dataclass: a streaming check makes one per event each shard
    reads (about 217,000 at 10,000 members), and a frozen dataclass's constructor sets each of
    its seven fields through ``object.__setattr__`` (1.9 against 0.6 µs an event)."""

    id: str
    kind: str
    members: tuple[str, ...] = ()
    """Single member fields (``member_id``)."""
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Member lists, by field name (``member_ids``, ``attendee_ids`` …)."""
    orgs: tuple[tuple[str, str], ...] = ()
    """Organisation references as ``(field, id)``, in field order."""
    cites: tuple[str, ...] = ()
    """Events it cites (``about_event_id``)."""
    subject: str | None = None
    """A waiver's subject (``subject_id``, or the subject part of ``result_id``)."""

    def org(self, name: str) -> str | None:
        return next((org for f, org in self.orgs if f == name), None)


class FactSource(Protocol):
    """Where the closure finds facts (a loaded fact set, streaming's store)."""

    def organization_tree(self) -> tuple[Mapping[str, str], Mapping[str, str | None]]:
        """Every organisation's kind and parent id."""

    def member_homes(self, member_ids: Collection[str]) -> Mapping[str, tuple[str | None, str]]:
        """Each known member's record: ``(residence cell or None, workplace cell)``."""

    def events_about(self, member_ids: Collection[str], kinds: Collection[str] | None = None) -> Iterable[EventLinks]:
        """Events (of these kinds, any when None) about these members (:meth:`FactSet.events_about_member`)."""

    def events_of(self, org_ids: Collection[str], kinds: Collection[str] | None) -> Iterable[EventLinks]:
        """Events of these kinds (any when None) with an organisation field naming one of ``org_ids``."""

    def waivers_of(self, subject_ids: Collection[str]) -> Iterable[EventLinks]:
        """Waivers naming one of these subjects."""

    def events_with_ids(self, event_ids: Collection[str]) -> Iterable[EventLinks]:
        """These events (unknown ids are skipped)."""


@dataclass
class Needs:
    """The facts some subjects need: member records, events (by id), organisations."""

    members: set[str]
    """The subjects that are members (their lists are kept whole)."""
    context: set[str] = field(default_factory=set)
    """Other members whose record and state changes are read (a cited event is about them)."""
    events: dict[str, EventLinks] = field(default_factory=dict)
    orgs: set[str] = field(default_factory=set)

    @property
    def records(self) -> set[str]:
        """Every member whose record is needed."""
        return self.members | self.context


def needed_facts(
    source: FactSource, *, members: Iterable[str] = (), orgs: Iterable[str] = (), extra: Iterable[EventLinks] = ()
) -> Needs:
    """The facts the member and organisation subjects need (see the module docs); ``extra``
    are events wanted besides (their citations and organisations are closed over too)."""
    kinds, parents = source.organization_tree()
    mine = set(members)
    subjects_orgs = set(orgs)
    needs = Needs(mine)
    homes = dict(source.member_homes(mine))

    def add(found: Iterable[EventLinks]) -> list[EventLinks]:
        new = [e for e in found if e.id not in needs.events]
        needs.events.update((e.id, e) for e in new)
        return new

    def ancestors(org: str) -> list[str]:
        out: list[str] = []
        node = parents.get(org)
        while node is not None and node in kinds and node not in out:
            out.append(node)
            node = parents.get(node)
        return out

    add(source.events_about(mine))
    add(source.waivers_of(mine | subjects_orgs))
    add(source.events_of(subjects_orgs, org_event_kinds()))
    add(extra)
    if mine:
        cells = {residence for residence, _ in homes.values() if residence}
        workplaces = {workplace for _, workplace in homes.values()}
        for event in list(needs.events.values()):
            if event.kind == "residence_changed" and mine.intersection(event.members):
                cells.update(o for o in (event.org("to_residence_cell_id"),) if o)
            elif event.kind == "status_changed" and mine.intersection(event.members):
                workplaces.update(o for o in (event.org("new_workplace_cell_id"),) if o)
        conveners = cells | {p for c in cells if (p := parents.get(c)) is not None and kinds.get(p) == "commune_committee"}
        add(source.events_of(conveners, MEETING_KINDS))
        add(source.events_of(workplaces | {a for w in workplaces for a in ancestors(w)}, REVIEW_KINDS))
    pending = list(needs.events.values())
    while pending:  # cited events, and the members they are about, until nothing new
        cited = {c for e in pending for c in e.cites} - set(needs.events)
        wanted = {m for e in pending for m in e.members}
        keep = needs.records
        for event in pending:
            for name, listed in event.lists:
                if name in REQUIRED_LISTS and listed and not keep.intersection(listed):
                    wanted.add(listed[0])
        wanted -= needs.records
        pending = add(source.events_with_ids(sorted(cited)))
        if wanted:
            needs.context |= wanted
            homes.update(source.member_homes(wanted))
            pending += add(e for e in source.events_about(wanted, STATE_KINDS) if set(e.members) & wanted)
    org_ids = {org for e in needs.events.values() for _, org in e.orgs} | subjects_orgs
    org_ids |= {e.subject for e in needs.events.values() if e.subject is not None}
    org_ids |= {o for residence, workplace in homes.values() for o in (residence, workplace) if o}
    org_ids |= {o for o, kind in kinds.items() if kind in TOP_KINDS}
    org_ids &= set(kinds)
    org_ids |= {a for o in list(org_ids) for a in ancestors(o)}
    needs.orgs = org_ids
    return needs


def trimmed(event: dict[str, Any], keep: Collection[str]) -> dict[str, Any]:
    """An event (as a dict) with its member lists cut down to the members a shard holds: each
    member's results read only whether *they* are named (the closure keeps one member of a
    required list as context, so none becomes empty)."""
    for name in MEMBER_LISTS:
        if name in event:
            event[name] = [m for m in event[name] if m in keep]
    return event


# -- a loaded fact set as a source ---------------------------------------------------------------


def event_links(event: Event) -> EventLinks:
    """The references of a loaded event."""
    members: list[str] = []
    lists: list[tuple[str, tuple[str, ...]]] = []
    orgs: list[tuple[str, str]] = []
    cites: list[str] = []
    for rf in ref_fields(type(event)):
        values = ref_values(event, rf)
        if isinstance(rf.marker, MemberRef):
            if rf.many:
                lists.append((rf.name, tuple(values)))
            else:
                members.extend(values)
        elif isinstance(rf.marker, EventRef):
            cites.extend(values)
        else:
            orgs.extend((rf.name, v) for v in values)
    subject = None
    if isinstance(event, WaiverGranted):
        if event.about_event_id is not None:
            cites.append(event.about_event_id)
        if event.subject_id is not None:
            subject = event.subject_id
        elif event.result_id is not None:
            parts = event.result_id.split("|")
            subject = parts[1] if len(parts) > 1 else event.result_id
    return EventLinks(event.id, event.kind, tuple(members), tuple(lists), tuple(orgs), tuple(cites), subject)


class FactSetSource:
    """A loaded :class:`FactSet` as a :class:`FactSource`."""

    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        self._waivers: dict[str, list[EventLinks]] = {}
        for waiver in facts.events_of_kind("waiver_granted"):
            links = event_links(waiver)
            if links.subject is not None:
                self._waivers.setdefault(links.subject, []).append(links)

    def organization_tree(self) -> tuple[dict[str, str], dict[str, str | None]]:
        orgs = self.facts.organizations.values()
        return {o.id: o.kind.value for o in orgs}, {o.id: o.parent_id for o in orgs}

    def member_homes(self, member_ids: Collection[str]) -> dict[str, tuple[str | None, str]]:
        records = self.facts.members
        return {m: (records[m].residence_cell_id, records[m].workplace_cell_id) for m in member_ids if m in records}

    def events_about(self, member_ids: Collection[str], kinds: Collection[str] | None = None) -> list[EventLinks]:
        found = {e.id: e for m in member_ids for e in self.facts.events_about_member(m) if kinds is None or e.kind in kinds}
        return [event_links(e) for e in found.values()]

    def events_of(self, org_ids: Collection[str], kinds: Collection[str] | None) -> list[EventLinks]:
        found = {e.id: e for o in org_ids for e in self.facts.events_of_org(o) if kinds is None or e.kind in kinds}
        return [event_links(e) for e in found.values()]

    def waivers_of(self, subject_ids: Collection[str]) -> list[EventLinks]:
        return [w for s in subject_ids for w in self._waivers.get(s, ())]

    def events_with_ids(self, event_ids: Collection[str]) -> list[EventLinks]:
        events = self.facts.events
        return [event_links(events[i]) for i in event_ids if i in events]

"""Everything the engine derives from the record's state, computed in plain Python.

A :class:`Context` answers date and state questions for one evaluation (one FactSet, one
``as_of``, one Policy): the start S of a member's duties (semantics §1), their end E (semantics §7),
where the member lives and works on a date, whether they are registered at a residence cell,
the review date R of a year (semantics §4), the cell that owes the yearly comment, and the
organisations behind a named role. Facts dated after ``as_of`` are invisible here.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, wraps
from operator import attrgetter
from typing import Any, TypeVar, cast

from ..facts import FactSet
from ..facts.events import (
    AnnualReviewHeld,
    AnnualReviewScheduled,
    AwayStatusChanged,
    CategoryChanged,
    CommentFormIssued,
    Event,
    MeetingHeld,
    MeetingType,
    MemberNotified,
    MemberRegistered,
)
from ..facts.members import Category
from ..facts.organizations import OrgKind
from ..policy import Policy
from ..regulations import RegulationRegistry, default_registry
from .event_kind import EVENT_KIND

__all__ = [
    "AWAY",
    "Context",
    "FORMS",
    "HD33_SIGNED",
    "INTRODUCING",
    "INTRODUCTION_KINDS",
    "REGIME_START",
    "REGISTERING",
    "Review",
]

_F = TypeVar("_F", bound=Callable[..., Any])
_T = TypeVar("_T")

_OTHER, INTRODUCING, AWAY, REGISTERING, FORMS = range(5)
"""The groups of a member's events that :meth:`Context.member_events` sorts them into: events
that can call for a new introduction (of the kinds in :data:`INTRODUCTION_KINDS`), away status
changes, registrations and notifications at a residence cell, comment forms issued; the rest
(most of a member's events) are in none, and their group 0 is false."""

INTRODUCTION_KINDS = frozenset({"residence_changed", "status_changed", "category_changed"})
"""The kinds of the events that can call for a new introduction (``evaluation.occasions``)."""

_GROUP_BY_TYPE: dict[type, int] = {
    AwayStatusChanged: AWAY,
    MemberRegistered: REGISTERING,
    MemberNotified: REGISTERING,
    CommentFormIssued: FORMS,
}
"""The groups read by the event's exact type (as their readers test it: ``type(event) is …``)."""


class _GroupOfModel(dict[type, int]):
    """Event model -> its group in :meth:`Context.member_events` (each model added when first asked)."""

    def __missing__(self, model: type) -> int:
        found = _GROUP_BY_TYPE.get(model)
        if found is None:
            found = INTRODUCING if EVENT_KIND[model] in INTRODUCTION_KINDS else _OTHER
        self[model] = found
        return found


_GROUP_OF = _GroupOfModel()


def _per_context(method: _F) -> _F:
    """Memoise a method in its instance (positional, hashable arguments). Unlike
    ``functools.lru_cache`` on a method, the cache dies with the context: a process that runs
    many evaluations (a server, a stream of shards) does not keep every fact set alive."""
    slot = f"_memo_{method.__name__}"

    @wraps(method)
    def cached(self: Any, *args: Any) -> Any:
        memo: dict[tuple[Any, ...], Any] | None = self.__dict__.get(slot)
        if memo is None:
            memo = self.__dict__[slot] = {}
        # one lookup, not a test and a read (performance: some forty calls per member, each
        # hashing its arguments' tuple once less)
        value = memo.get(args, _UNSET)
        if value is _UNSET:
            value = memo[args] = method(self, *args)
        return value

    return cast(_F, cached)

_UNSET: Any = object()
"""What a memo holds for arguments not asked yet (a memoised value may be None)."""

_event_date = attrgetter("date")

_ROLE_MEMO = 4096
"""Answers :meth:`Context.role` keeps at most (a few subjects' worth)."""

REGIME_START = dt.date(2020, 1, 2)
"""Quy định 213-QĐ/TW takes effect on signature (Điều 5 khoản 3)."""
HD33_SIGNED = dt.date(2020, 10, 30)


@dataclass(frozen=True)
class Review:
    """The review date R of a member's year and how it was found (semantics §4)."""

    date: dt.date
    held: bool
    """R is the date of an ``annual_review_held`` (the review actually took place)."""
    source: str
    """``cell_held`` · ``cell_scheduled`` · ``committee_held`` · ``committee_scheduled`` · ``fallback``."""
    event_id: str | None
    workplace_cell: str
    workplace_committee: str


@dataclass(frozen=True)
class _OrgEvents:
    """An organisation's own meetings and reviews, any date (filtered by each context)."""

    meetings: tuple[MeetingHeld, ...]
    held: tuple[AnnualReviewHeld, ...]
    scheduled: tuple[AnnualReviewScheduled, ...]


_ORG_INDEX: weakref.WeakKeyDictionary[FactSet, dict[str, _OrgEvents]] = weakref.WeakKeyDictionary()

_NO_ORG_EVENTS = _OrgEvents((), (), ())
"""What :func:`_org_index` gives of an organisation that convened no working-members meeting and
held or scheduled no review."""


def _org_index(facts: FactSet) -> dict[str, _OrgEvents]:
    """Each organisation's working-members meetings and annual reviews, in (date, id) order, by
    the organisation's id (an organisation with none is left out: :data:`_NO_ORG_EVENTS`).

    Kept per fact set, which is immutable, and made in one pass over the events of those three
    kinds, which are in (date, id) order like each organisation's (performance: made
    organisation by organisation, from every event naming it, it read each of some 600 events
    per organisation from the heap to find its few meetings and reviews; at province scale a
    one-member evaluation met an organisation not indexed yet on most calls)."""
    found = _ORG_INDEX.get(facts)
    if found is None:
        meetings: dict[str, list[MeetingHeld]] = defaultdict(list)
        held: dict[str, list[AnnualReviewHeld]] = defaultdict(list)
        scheduled: dict[str, list[AnnualReviewScheduled]] = defaultdict(list)
        working = MeetingType.WORKING_MEMBERS
        for meeting in cast(tuple[MeetingHeld, ...], facts.events_of_kind("meeting_held")):
            if meeting.meeting_type is working:
                meetings[meeting.org_id].append(meeting)
        for review in cast(tuple[AnnualReviewHeld, ...], facts.events_of_kind("annual_review_held")):
            held[review.org_id].append(review)
        for planned in cast(tuple[AnnualReviewScheduled, ...], facts.events_of_kind("annual_review_scheduled")):
            scheduled[planned.org_id].append(planned)
        found = _ORG_INDEX.setdefault(facts, {
            org: _OrgEvents(tuple(meetings.get(org, ())), tuple(held.get(org, ())), tuple(scheduled.get(org, ())))
            for org in sorted(meetings.keys() | held.keys() | scheduled.keys())
        })  # fmt: skip
    return found


class Context:
    """Derived state for one evaluation. Immutable in effect; caches are per instance."""

    def __init__(
        self, facts: FactSet, as_of: dt.date, policy: Policy, regulations: RegulationRegistry | None = None
    ) -> None:
        self.regulations: RegulationRegistry = regulations if regulations is not None else default_registry()
        """The regulations applied (the engine emits results only for duties in force)."""
        self.facts = facts
        self.as_of = as_of
        self.policy = policy
        self.observation_from = facts.observation_from
        self.window_start = max(REGIME_START, facts.observation_from)
        self.state_used: dict[str, None] = {}
        """Events read as state by this evaluation (e.g. the review that fixed a date R), in the
        order first read: a dict used as an ordered set, so that a worker process can send back
        the ids its part added (:class:`~qd213_rules.parallel.Part`)."""
        self._shared: dict[Hashable, Any] = {}
        self.listed_event_facts: dict[str, Any] = {}
        """The session facts of each event that names members in a list (a meeting, a listing),
        but the member's own, by event id: made once per evaluation, read by every session that
        holds the event (``evaluation.payload``; a table of its own, not :meth:`shared`: some
        seven such events per member, each looked up without a key or a function made per call)."""
        self._orgs_of_kind: dict[OrgKind, tuple[str, ...]] = {}
        self._org_facts: dict[str, tuple[str, str | None] | None] = {}
        self.known_org_facts: Mapping[str, tuple[str, str | None] | None] = self._org_facts
        """:meth:`org_facts` of the organisations asked so far, by id (read-only: the payload
        reads it first, and asks :meth:`org_facts` only of an organisation not in it)."""
        self._roles: dict[tuple[str, str, dt.date], tuple[str, ...]] = {}
        self._starts: dict[str, dt.date] = {}
        self._registrations: dict[str, dict[str, tuple[list[dt.date], list[dt.date]]]] = {}
        self._stays_by_cell: dict[tuple[str, str], tuple[tuple[dt.date, dt.date | None, dt.date | None, dt.date | None], ...]] = {}
        self._member_events: tuple[str, tuple[list[Event], ...]] | None = None
        """:meth:`member_events` of the member asked last, with the member's id."""
        self._org_events: dict[str, _OrgEvents] | None = None
        """:func:`_org_index` of the facts, once read (performance: found without the weak
        dictionary's lookup on each call)."""

    def shared(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """``compute()``, once per context and key: values that every result of an obligation
        repeats (one string object for millions of results, not one copy each)."""
        try:
            return cast(_T, self._shared[key])
        except KeyError:
            value = self._shared[key] = compute()
            return value

    # -- visibility -----------------------------------------------------------------------

    def visible(self, event: Event) -> bool:
        return event.date <= self.as_of

    def visible_events(self, events: Iterable[Event]) -> list[Event]:
        return [e for e in events if e.date <= self.as_of]

    def visible_about_member(self, member_id: str) -> Sequence[Event]:
        """The events about the member dated on or before as_of, sorted by (date, id): a prefix
        of :meth:`FactSet.events_about_member`, found by bisection (performance: a member's
        occasions read their events several times, and usually every one is visible)."""
        events = self.facts.events_about_member(member_id)
        if not events or events[-1].date <= self.as_of:
            return events
        return events[: bisect_right(events, self.as_of, key=_event_date)]

    def member_events(self, member_id: str) -> tuple[list[Event], ...]:
        """The events of :meth:`visible_about_member`, in its order, sorted into the groups
        :data:`INTRODUCING`, :data:`AWAY`, :data:`REGISTERING` and :data:`FORMS` (index the
        tuple by them), each group in the events' order. Performance: a member's occasions,
        registrations, category source and comment form each read a few of the member's events,
        and each walked all of them; one walk serves them all. Only the member asked last is
        kept: an evaluation reads one member's events at a time, and a memo per member would
        grow with the province."""
        last = self._member_events
        if last is not None and last[0] == member_id:
            return last[1]
        groups: tuple[list[Event], ...] = ([], [], [], [], [])  # by group; _OTHER's stays empty
        group_of = _GROUP_OF
        for event in self.visible_about_member(member_id):
            group = group_of[type(event)]
            if group:  # not _OTHER: most events are in no group, and are not kept (performance)
                groups[group].append(event)
        self._member_events = (member_id, groups)
        return groups

    # -- start and end of a member's duties ------------------------------------------------

    def start(self, member_id: str) -> dt.date:
        """S = max(working_since, 2020-01-02, observation.from)."""
        found = self._starts.get(member_id)
        if found is None:  # once per member (performance: a member's occasions ask some twenty times)
            found = self._starts[member_id] = max(self.facts.members[member_id].working_since, self.window_start)
        return found

    def end(self, member_id: str) -> tuple[dt.date, str] | None:
        """E: the first ending status change dated on or before as_of, with its event id."""
        ended = self.facts.end_of_duties(member_id)
        if ended is None or ended[0] > self.as_of:
            return None
        return ended

    def end_date(self, member_id: str) -> dt.date | None:
        # end()'s test written out (performance: some thirteen calls per member, from its
        # occasions, its triggers and its derived results)
        ended = self.facts.end_of_duties(member_id)
        return ended[0] if ended is not None and ended[0] <= self.as_of else None

    def active_members(self) -> list[str]:
        """Members whose duties have started by as_of, sorted."""
        # start() is the one place S is worked out: writing it out here saved about 0.04 s of
        # a 100,000-member check's set-up (callgrind of the step alone: 1.95 -> 1.51 million
        # instructions at 500 members), too little for a second copy of the rule
        start, as_of = self.start, self.as_of
        return sorted(m for m in self.facts.members if start(m) <= as_of)

    # -- where the member lives and works --------------------------------------------------

    def category(self, member_id: str, day: dt.date) -> Category:
        """The category on ``day``; before HD33 was signed every member counts as regular
        unless the policy applies HD33 retroactively."""
        if not self.policy.hd33_retroactive and day < HD33_SIGNED:
            return Category.REGULAR
        return self.facts.category_on(member_id, day)

    def category_source(self, member_id: str, day: dt.date) -> str | None:
        """The ``category_changed`` event that set the member's category in force on ``day``
        (None when it is the member record's own)."""
        start = self.facts.members[member_id].working_since
        found: str | None = None
        # the visible events are those dated on or before as_of (member_events)
        for event in self.member_events(member_id)[INTRODUCING]:
            if type(event) is CategoryChanged and start < event.date <= day:
                found = event.id
        return found

    def residence_cell(self, member_id: str, day: dt.date) -> str | None:
        return self.facts.state_on(member_id, day).residence_cell_id

    def residence_commune(self, member_id: str, day: dt.date) -> str | None:
        cell = self.residence_cell(member_id, day)
        return self.facts.commune_of(cell) if cell else None

    def workplace_cell(self, member_id: str, day: dt.date) -> str:
        return self.facts.state_on(member_id, day).workplace_cell_id

    def workplace_committee(self, member_id: str, day: dt.date) -> str:
        return self.facts.workplace_committee_of(self.workplace_cell(member_id, day))

    # -- registration at a residence cell -------------------------------------------------

    def _registrations_of(self, member_id: str) -> dict[str, tuple[list[dt.date], list[dt.date]]]:
        """cell -> sorted dates of the member's registrations and notifications there (≤ as_of).

        Read from the member's own events (performance: evaluating one member does not index
        every registration of the province); once per member, kept by the member's id (not by
        a tuple of arguments: some seven calls per member, from :meth:`registered_on`)."""
        found = self._registrations.get(member_id)
        if found is None:
            found = self._registrations[member_id] = self._read_registrations(member_id)
        return found

    def _read_registrations(self, member_id: str) -> dict[str, tuple[list[dt.date], list[dt.date]]]:
        out: dict[str, tuple[list[dt.date], list[dt.date]]] = {}
        # the member's registrations and notifications dated on or before as_of (member_events)
        registering = cast(list[MemberRegistered | MemberNotified], self.member_events(member_id)[REGISTERING])
        for event in registering:
            if event.member_id == member_id:
                slot = 0 if type(event) is MemberRegistered else 1
                out.setdefault(event.org_id, ([], []))[slot].append(event.date)
        for regs, notes in out.values():
            regs.sort()
            notes.sort()
        return out

    def _stays_at(self, member_id: str, cell: str) -> tuple[tuple[dt.date, dt.date | None, dt.date | None, dt.date | None], ...]:
        """The member's stays at ``cell``, oldest first, each as (start, last day or None, first
        registration there on or after the stay began, first notification likewise; None when
        there is none): what :meth:`registered_on` reads, found once per member and cell (a
        stay's registrations do not depend on the day asked about; the initial stay counts from
        ``date.min``, its registration may predate the record). Performance: some seven calls per
        member, each walking the stays and bisecting both lists again."""
        key = (member_id, cell)
        found = self._stays_by_cell.get(key)
        if found is None:
            regs, notes = self._registrations_of(member_id).get(cell, ([], []))
            found = self._stays_by_cell[key] = tuple(
                (stay.start, stay.end, *_first_on_or_after((regs, notes), dt.date.min if stay.entered_by is None else stay.start))
                for stay in self.facts.residence_stays(member_id)
                if stay.cell_id == cell
            )
        return found

    def registered_spans(self, member_id: str, cell: str) -> tuple[tuple[dt.date, dt.date | None], ...]:
        """The days on which the member lives at ``cell`` and counts as registered and notified
        there (:meth:`registered_on` not None): per stay at ``cell``, oldest first, from the
        later of the stay's start, its registration and its notification to the stay's last day
        (None: still there). A stay without both is left out. For a caller asking about many
        days of one cell (a cell's meetings: performance, a state replay and a walk of the stays
        per meeting)."""
        out = []
        for start, end, reg, note in self._stays_at(member_id, cell):
            if reg is None or note is None:
                continue
            first = max(start, reg, note)
            if end is None or first <= end:
                out.append((first, end))
        return tuple(out)

    def registered_on(self, member_id: str, cell: str, day: dt.date, *, notified: bool = True) -> dt.date | None:
        """The date from which the member counts as registered at ``cell`` within the stay
        covering ``day`` (the later of registration and notification when ``notified``), if
        that is on or before ``day``; else None (semantics §11)."""
        for start, end, reg, note in self._stays_at(member_id, cell):
            if start <= day and (end is None or day <= end):  # the stay covering day (the first such)
                if reg is None or reg > day:
                    return None
                if not notified:
                    return reg
                return None if note is None or note > day else max(reg, note)
        return None

    def ever_registered(self, member_id: str, day: dt.date) -> bool:
        """Registered and notified at some residence cell on or before ``day``."""
        return any(
            regs and notes and max(regs[0], notes[0]) <= day for regs, notes in self._registrations_of(member_id).values()
        )

    # -- the yearly chain ------------------------------------------------------------------

    @_per_context
    def _reviews_of(self, org_id: str, year: int) -> tuple[list[AnnualReviewHeld], list[AnnualReviewScheduled]]:
        """The organisation's reviews of ``year`` held and scheduled (≤ as_of), in (date, id) order.

        Read from the index of the reviews by organisation (:func:`_org_index`)."""
        index = self._org_events_of(org_id)
        held = [e for e in index.held if e.year == year and e.date <= self.as_of]
        scheduled = [e for e in index.scheduled if e.year == year and e.date <= self.as_of]
        return held, scheduled

    @_per_context
    def review(self, member_id: str, year: int) -> Review:
        """R for ``year``: the workplace cell's review held, else its scheduled date (the latest
        issued), else the committee's, else the policy fallback (semantics §4, §11). The
        workplace cell is the one held on min(31 Dec, as_of)."""
        return self._cell_review(self.workplace_cell(member_id, min(dt.date(year, 12, 31), self.as_of)), year)

    @_per_context
    def _cell_review(self, cell: str, year: int) -> Review:
        """:meth:`review` of the members of workplace cell ``cell`` in ``year``: R depends on the
        member only through that cell, so it is worked out once per cell and year and shared by
        its members (performance: a cell's members asked in turn, each reading the committee and
        the reviews again). The review an R rests on is read as state when first worked out, as
        it was when first asked for each member: the events read as state keep their order."""
        committee = self.facts.workplace_committee_of(cell)
        levels = [("cell", cell)] + ([("committee", committee)] if committee != cell else [])
        for level, org in levels:
            held, scheduled = self._reviews_of(org, year)
            if held:
                first = min(held, key=lambda e: (e.date, e.id))
                self.state_used[first.id] = None
                return Review(first.date, True, f"{level}_held", first.id, cell, committee)
            if scheduled:
                latest = max(scheduled, key=lambda e: (e.date, e.id))
                self.state_used[latest.id] = None
                return Review(latest.planned_date, False, f"{level}_scheduled", latest.id, cell, committee)
        fallback = self.policy.annual_review_fallback.on(year)
        return Review(fallback, False, "fallback", None, cell, committee)

    def comment_deadline(self, member_id: str, year: int) -> dt.date:
        """The D4.K4a-style deadline: R − comment_lead_days − 3 × chain_step_days."""
        p = self.policy
        return self.review(member_id, year).date - dt.timedelta(days=p.comment_lead_days + 3 * p.chain_step_days)

    @_per_context
    def comment_cell(self, member_id: str, year: int) -> tuple[str | None, str | None]:
        """The residence cell that owes the yearly comment, or (None, reason) (semantics §4):
        the cell the member is registered at on the deadline if registered there for at least
        ``min_days_for_comment`` days, else the previous cell if the member was registered
        there that long within the year, else none that year."""
        day = min(self.comment_deadline(member_id, year), self.as_of)
        need = self.policy.min_days_for_comment
        stays = [s for s in self.facts.residence_stays(member_id) if s.start <= day]
        if not stays:
            return None, "not_yet_registered"
        previous = stays[-1]
        if previous.end is None or previous.end >= day:  # living there on the deadline
            since = self.registered_on(member_id, previous.cell_id, day)
            if since is not None and (day - since).days >= need:
                return previous.cell_id, None
            previous = stays[-2] if len(stays) > 1 else None  # type: ignore[assignment]
        if previous is not None and previous.end is not None:
            last = min(previous.end, dt.date(year, 12, 31))
            registered = self.registered_on(member_id, previous.cell_id, last)
            if registered is not None and (last - max(registered, dt.date(year, 1, 1))).days >= need:
                return previous.cell_id, None
        if not self.ever_registered(member_id, day):
            return None, "not_yet_registered"
        return None, "insufficient_residence_time"

    @_per_context
    def chain_form(self, member_id: str, year: int) -> str | None:
        """The comment form of ``year`` that the yearly chain (D4.K4b, D4.K5a, D4.K5b) follows:
        the one that fulfils D4.K4a (issued with the Front work committee by the cell that owes
        the comment), else one issued with the Front work committee, else any; the earliest
        (then the smaller id) among equals (semantics §10, docs/decisions.md). None when no
        form of that year is visible."""
        # the member's comment forms dated on or before as_of (member_events)
        issued = cast(list[CommentFormIssued], self.member_events(member_id)[FORMS])
        forms = [e for e in issued if e.member_id == member_id and e.year == year]
        if not forms:
            return None
        owing, _ = self.comment_cell(member_id, year)
        return min(
            forms, key=lambda e: (not (e.with_front_committee and e.org_id == owing), not e.with_front_committee, e.date, e.id)
        ).id

    def introduction_residence_since(self, member_id: str, day: dt.date) -> dt.date:
        """From when the residence held on ``day`` has been the one an introduction is for: the
        start of the stay at that cell (``date.min`` for the member record's own stay), reaching
        back over earlier stays in the same commune when the policy does not introduce a member
        again on a move within a commune (semantics §2, §8)."""
        stays = self.facts.residence_stays(member_id)
        index = None
        for i, stay in enumerate(stays):
            if stay.start <= day or stay.entered_by is None:
                index = i
        if index is None:
            return dt.date.min
        if not self.policy.reintroduce_within_commune:
            commune = self.facts.commune_of(stays[index].cell_id)
            while index > 0 and self.facts.commune_of(stays[index - 1].cell_id) == commune:
                index -= 1
        stay = stays[index]
        return dt.date.min if stay.entered_by is None else stay.start

    # -- roles -----------------------------------------------------------------------------

    def role(self, role: str, member_id: str | None, day: dt.date) -> tuple[str, ...]:
        """The organisations that fill ``role`` for the member on ``day`` (empty if none)."""
        if member_id is None:
            return ()
        # performance: a subject's occasions, triggers and recipients ask for the same few
        # roles on the same days; the memo is emptied when it grows, so that a province's
        # evaluation keeps no more than a bounded number of answers
        key = (role, member_id, day)
        found = self._roles.get(key)
        if found is None:
            if len(self._roles) >= _ROLE_MEMO:
                self._roles.clear()
            found = self._roles[key] = self._role(role, member_id, day)
        return found

    def _role(self, role: str, member_id: str, day: dt.date) -> tuple[str, ...]:
        if role == "member":
            return (member_id,)
        if role == "workplace_cell":
            return (self.workplace_cell(member_id, day),)
        if role == "workplace_committee":
            return (self.workplace_committee(member_id, day),)
        if role == "workplace_side":
            cell = self.workplace_cell(member_id, day)
            committee = self.facts.workplace_committee_of(cell)
            return (cell,) if cell == committee else (cell, committee)
        if role == "residence_cell":
            residence = self.residence_cell(member_id, day)
            return (residence,) if residence else ()
        if role == "residence_commune":
            commune = self.residence_commune(member_id, day)
            return (commune,) if commune else ()
        if role == "provincial_committee":
            return self.orgs_of_kind(OrgKind.PROVINCIAL_COMMITTEE)
        if role == "central_organization_commission":
            return self.orgs_of_kind(OrgKind.CENTRAL_ORGANIZATION_COMMISSION)
        raise ValueError(f"role {role!r} cannot be resolved from the member's state alone")

    def recipients(
        self, roles: Iterable[str], member_id: str, day: dt.date, fact: Mapping[str, Any] | None = None
    ) -> dict[str, tuple[str, ...]]:
        """Each recipient role resolved on ``day`` (semantics §6); trigger-relative roles
        (``residence_cell_left``) read the trigger fact."""
        out: dict[str, tuple[str, ...]] = {}
        for role in roles:
            if role == "residence_cell_left":
                left = str((fact or {}).get("from_residence_cell_id", ""))
                out[role] = self.left_cell(member_id, left, day) if left else ()
            else:
                out[role] = self.role(role, member_id, day)
        return out

    def predicate(self, name: str, member_id: str, day: dt.date) -> bool:
        """A named condition on the member's state (``Trigger.requires``)."""
        if name == "introduced":
            return self.introduced(member_id, day)
        if name == "registered_at_residence":
            cell = self.residence_cell(member_id, day)
            return bool(cell and self.registered_on(member_id, cell, day))
        raise ValueError(f"unknown predicate {name!r}")

    @_per_context
    def owing_cells(self, commune: str | None, first: dt.date, last: dt.date) -> tuple[str, ...]:
        """Residence cells (of ``commune``) with a ``regular`` member registered by the
        half's end minus ``min_notice_days`` and still living there (semantics §5)."""
        day = min(last - dt.timedelta(days=self.policy.min_notice_days), self.as_of)
        if commune is not None:
            # cell by cell, each until one of its residents qualifies (performance: a cell has
            # some fifty residents and almost every cell owes, so most residents are never
            # read; by member, each one's dates and cell were read on every half-year)
            return tuple(sorted(cell for cell, residents in self._cell_residents(commune).items()
                                if self._owes(cell, residents, day)))  # fmt: skip
        found: set[str] = set()
        for member in self.facts.members:
            if self.start(member) > day or (self.end_date(member) or dt.date.max) < day:
                continue
            # the cell first: a cell already found owes whatever its other residents are, so
            # their category and registration need not be read
            cell = self.residence_cell(member, day)
            if cell is None or cell in found:
                continue
            if self.category(member, day) is not Category.REGULAR:
                continue
            if self.registered_on(member, cell, day, notified=False) is not None:
                found.add(cell)
        return tuple(sorted(found))

    def _owes(self, cell: str, residents: Iterable[str], day: dt.date) -> bool:
        """Whether one of ``residents`` (the members ever living at ``cell``) counts at ``cell``
        on ``day`` for :meth:`owing_cells`: on duty, living there, regular and registered."""
        for member in residents:
            if self.start(member) > day or (self.end_date(member) or dt.date.max) < day:
                continue
            if self.residence_cell(member, day) != cell or self.category(member, day) is not Category.REGULAR:
                continue
            if self.registered_on(member, cell, day, notified=False) is not None:
                return True
        return False

    @_per_context
    def _cell_residents(self, commune: str) -> dict[str, list[str]]:
        """The cells of ``commune`` where its residents (:meth:`residents_by_commune`) ever
        lived, each with those of them who did: the only members who can make it owe."""
        residents = set(self._residents_of_commune.get(commune, ()))
        return {cell: [member for member in members if member in residents]
                for cell, members in self._residents_by_cell.get(commune, {}).items()}  # fmt: skip

    @cached_property
    def _residents_of_commune(self) -> dict[str, tuple[str, ...]]:
        return self.residents_by_commune()

    @cached_property
    def _residents_by_cell(self) -> dict[str, dict[str, dict[str, None]]]:
        """Per commune, its cells and the members whose replayed residence (the record's cell
        or a move's) is ever that cell, in the order first read."""
        commune_of = self.facts.commune_of
        communes: dict[str, str | None] = {}  # each cell's commune, looked up once
        out: dict[str, dict[str, dict[str, None]]] = defaultdict(dict)

        def add(member: str, cell: str) -> None:
            commune = communes.get(cell, _UNSET)
            if commune is _UNSET:
                commune = communes[cell] = commune_of(cell)  # None: not a cell of a commune
            if commune is not None:
                out[commune].setdefault(cell, {})[member] = None

        for record in self.facts.members.values():
            if record.residence_cell_id is not None:
                add(record.id, record.residence_cell_id)
        for event in self.facts.events_of_kind("residence_changed"):
            add(getattr(event, "member_id"), getattr(event, "to_residence_cell_id"))
        return dict(out)

    def residents_by_commune(self) -> dict[str, tuple[str, ...]]:
        """Members whose replayed residence is ever a cell of the commune (performance: the
        members ``owing_cells`` can find there, instead of every member of the province).
        Computed once per context; a context that counts only some members (a streaming
        shard) narrows it."""
        return {commune: tuple(dict.fromkeys(member for members in cells.values() for member in members))
                for commune, cells in self._residents_by_cell.items()}  # fmt: skip

    def working_meetings_of(self, org_id: str) -> tuple[MeetingHeld, ...]:
        """``working_members`` meetings convened by ``org_id``, any date, in (date, id) order
        (:func:`_org_index`; ``facts.events_of_org`` also lists every other event naming the
        organisation)."""
        return self._org_events_of(org_id).meetings

    def _org_events_of(self, org_id: str) -> _OrgEvents:
        """The organisation's working-members meetings and annual reviews (:func:`_org_index`)."""
        index = self._org_events
        if index is None:
            index = self._org_events = _org_index(self.facts)
        return index.get(org_id, _NO_ORG_EVENTS)

    def orgs_of_kind(self, kind: OrgKind) -> tuple[str, ...]:
        found = self._orgs_of_kind.get(kind)
        if found is None:  # once per kind: the provincial committee is a recipient of many duties
            found = self._orgs_of_kind[kind] = tuple(
                sorted(o.id for o in self.facts.organizations.values() if o.kind == kind)
            )
        return found

    def org_facts(self, org_id: str) -> tuple[str, str | None] | None:
        """The kind of the organisation and, for a workplace cell or committee, the workplace
        committee above it (None: no such organisation); what every event naming it repeats
        in its session facts (``evaluation.payload``), so it is computed once per organisation."""
        try:
            return self._org_facts[org_id]
        except KeyError:
            pass
        org = self.facts.organizations.get(org_id)
        found: tuple[str, str | None] | None = None
        if org is not None:
            above = (
                self.facts.workplace_committee_of(org.id)
                if org.kind in (OrgKind.WORKPLACE_CELL, OrgKind.WORKPLACE_COMMITTEE)
                else None
            )
            # str() of a StrEnum member is its value (performance: Enum.value is a Python property)
            found = (str(org.kind), above)
        self._org_facts[org_id] = found
        return found

    def left_cell(self, member_id: str, from_cell: str, day: dt.date) -> tuple[str, ...]:
        """The residence cell a move on ``day`` leaves, if the member was registered there."""
        before = day - dt.timedelta(days=1)
        return (from_cell,) if self.registered_on(member_id, from_cell, before, notified=False) else ()

    def introduced(self, member_id: str, day: dt.date) -> bool:
        """An introduction_sent on or before ``day``, or registered at the current residence."""
        for event in self.facts.events_about_member(member_id):
            if event.kind == "introduction_sent" and event.date <= day:
                return True
        cell = self.residence_cell(member_id, day)
        return bool(cell and self.registered_on(member_id, cell, day, notified=False))


def _first_on_or_after(lists: tuple[list[dt.date], list[dt.date]], low: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first date on or after ``low`` in each of two sorted lists (None where there is none)."""
    out: list[dt.date | None] = []
    for dates in lists:
        i = bisect_left(dates, low)
        out.append(dates[i] if i < len(dates) else None)
    return out[0], out[1]

"""Occasions: the things a result is about.

An :class:`Occasion` is one trigger, period or standing duty of one obligation for one
subject. Occasions derived from the record's state (``Trigger.source`` other than ``event``)
are generated here, in Python, from the :class:`~.context.Context`; they are then asserted as
``$occasion`` facts so that durable-rules joins them with their evidence. Occasions opened by
an event are matched by durable-rules and turned into :class:`Occasion` objects by
:func:`from_trigger`, which applies the window rules of semantics §1 and §8.

Generators are keyed by source name; none knows an obligation id.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, cast

from ..articles import Obligation
from ..articles._model import SubjectType
from ..articles._rule import Trigger
from ..facts.events import (
    AwayStatusChanged,
    CategoryChanged,
    ResidenceChanged,
    StatusChange,
    StatusChanged,
)
from ..facts.members import AwayStatus, Category
from ..facts.organizations import OrgKind
from .context import AWAY, INTRODUCING, REGIME_START, Context, Review
from .duties import DUTIES, Duty, TriggerFields, duty_of
from .event_kind import EVENT_KIND

__all__ = ["Occasion", "generate", "occasions_of", "from_trigger", "half_years", "years"]

ANY_DAY = dt.date.min

_NONE: Mapping[str, Any] = MappingProxyType({})
"""No recipients, no extra fields: one read-only empty mapping for every occasion without them."""


@dataclass(slots=True, init=False)
class Occasion:
    """One occasion of one obligation for one subject (slots: a province makes millions)."""

    obligation: Obligation
    subject_id: str
    bearer_id: str | None
    day: dt.date
    """The occasion date (trigger date, period start, meeting date, regime start…)."""
    key: str
    """``period`` or ``trigger_event_id`` or ``-`` (the third part of the result id)."""
    trigger_event_id: str | None
    since: dt.date | None
    """Evidence dated on or after this counts (None: the occasion day)."""
    start: dt.date | None
    end: dt.date | None
    year: int | None
    period: str | None
    recipients: Mapping[str, tuple[str, ...]]
    """Each recipient role's acceptable organisations (none: the one shared empty mapping)."""
    fields: Mapping[str, Any]
    """Extra fields the evidence joins on (``meeting_id``, ``workplace_cell``…); never one of the
    names :meth:`as_fact` writes itself (``tests/evaluation/test_occasion_records.py``)."""
    extension: bool
    trigger_index: int
    anchored_at_start: bool
    na_reason: str | None
    state_event_ids: tuple[str, ...]
    """Events the occasion was derived from as state (cited as evidence)."""
    trigger_fact: dict[str, Any] | None
    duty: Duty = field(init=False, repr=False, compare=False)
    """The obligation's fields as plain slots (:mod:`.duties`): what judging the occasion reads."""
    _fact_id: str | None = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        obligation: Obligation,
        subject_id: str,
        bearer_id: str | None,
        day: dt.date,
        key: str = "-",
        trigger_event_id: str | None = None,
        since: dt.date | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        year: int | None = None,
        period: str | None = None,
        recipients: Mapping[str, tuple[str, ...]] = _NONE,
        fields: Mapping[str, Any] = _NONE,
        extension: bool = False,
        trigger_index: int = 0,
        anchored_at_start: bool = False,
        na_reason: str | None = None,
        state_event_ids: tuple[str, ...] = (),
        trigger_fact: dict[str, Any] | None = None,
    ) -> None:
        # written out, not generated (performance: a member's session makes some forty
        # occasions, and the generated __init__ with its two default factories cost a third more);
        # the generators of a member's occasions pass every argument by position, each call
        # naming them in comments (binding keyword arguments to these nineteen parameters cost
        # as much as the rest of the call: about 0.7 µs per occasion)
        self.obligation = obligation
        self.subject_id = subject_id
        self.bearer_id = bearer_id
        self.day = day
        self.key = key
        self.trigger_event_id = trigger_event_id
        self.since = since
        self.start = start
        self.end = end
        self.year = year
        self.period = period
        self.recipients = recipients
        self.fields = fields
        self.extension = extension
        self.trigger_index = trigger_index
        self.anchored_at_start = anchored_at_start
        self.na_reason = na_reason
        self.state_event_ids = state_event_ids
        self.trigger_fact = trigger_fact
        # duty_of, without its call (performance: once per occasion)
        duty = DUTIES.get(id(obligation))
        self.duty = duty if duty is not None and duty.obligation is obligation else duty_of(obligation)
        self._fact_id = None

    @property
    def fact_id(self) -> str:
        """Id of the ``$occasion`` fact in its session (made once: the engine keys occasions by
        it and asserts it)."""
        found = self._fact_id
        if found is None:
            found = self._fact_id = f"$occ|{self.duty.id}|{self.key}|{self.bearer_id or '-'}"
        return found

    def as_fact(self) -> dict[str, Any]:
        """The durable-rules fact for this occasion (dates as ordinals)."""
        since = self.since or self.day
        ob = self.duty
        fact: dict[str, Any] = {
            "t": "$occasion",
            "id": self.fact_id,
            "ob": ob.id,
            "day": self.day.toordinal(),
            "since": since.toordinal() if since > ANY_DAY else 0,
            "subject": self.subject_id,
        }
        if ob.is_member:
            fact["member"] = self.subject_id
        if self.bearer_id is not None:
            fact["bearer"] = self.bearer_id
        if self.start is not None and self.end is not None:
            fact["start"], fact["end"] = self.start.toordinal(), self.end.toordinal()
        if self.year is not None:
            fact["year"] = self.year
        if self.fields:
            fact.update(self.fields)
        return fact

    @staticmethod
    def fact_reader(name: str, missing: Any) -> Callable[[Occasion], Any]:
        """A function that reads the field ``name`` of an occasion's :meth:`as_fact` off the
        occasion itself, or gives ``missing`` where that fact has no such field: the Python
        backend matches occasions as they are, without building their facts (performance: a
        member's session holds some twenty occasions). Each reader follows :meth:`as_fact`
        (``tests/evaluation/test_occasion_records.py`` compares them on every occasion of a
        synthetic province); :attr:`fields` never holds a name of the fact's own."""
        own = _OWN_FIELDS.get(name)
        if own is not None:
            return own(missing)
        return lambda occ: occ.fields.get(name, missing)


def _since(occ: Occasion) -> int:
    since = occ.since or occ.day
    return since.toordinal() if since > ANY_DAY else 0


def _period_end(name: str) -> Callable[[Any], Callable[[Occasion], Any]]:
    def reader(missing: Any) -> Callable[[Occasion], Any]:
        def read(occ: Occasion) -> Any:
            start, end = occ.start, occ.end
            if start is None or end is None:
                return missing
            return start.toordinal() if name == "start" else end.toordinal()
        return read
    return reader


def _bearer_read(missing: Any) -> Callable[[Occasion], Any]:
    return lambda occ: occ.bearer_id if occ.bearer_id is not None else missing


def _year_read(missing: Any) -> Callable[[Occasion], Any]:
    return lambda occ: occ.year if occ.year is not None else missing


def _member(missing: Any) -> Callable[[Occasion], Any]:
    def read(occ: Occasion) -> Any:
        return occ.subject_id if occ.duty.is_member else missing
    return read


_OWN_FIELDS: dict[str, Callable[[Any], Callable[[Occasion], Any]]] = {
    "t": lambda missing: lambda occ: "$occasion",
    "id": lambda missing: operator.attrgetter("fact_id"),
    "ob": lambda missing: operator.attrgetter("duty.id"),
    "day": lambda missing: lambda occ: occ.day.toordinal(),
    "since": lambda missing: _since,
    "subject": lambda missing: operator.attrgetter("subject_id"),
    "member": _member,
    "bearer": _bearer_read,
    "start": _period_end("start"),
    "end": _period_end("end"),
    "year": _year_read,
}
"""For each of the fields :meth:`Occasion.as_fact` makes itself, a maker of its reader, given
the value a missing field reads as (:meth:`Occasion.fact_reader`)."""


Generator = Callable[[Context, Obligation, Trigger, int, str, dict[str, Any]], Iterable[Occasion]]
"""A source's occasions of one obligation for one subject (a generator, or a tuple where the
source makes at most one: some twenty standing duties per member ask in turn). The last
argument holds what the subject's obligations share, for one :func:`occasions_of` call: the
first obligation of a source that needs the subject's days, years or bearers makes them, and the
others read them (performance: some forty obligations per member ask in turn)."""
_GENERATORS: dict[str, Generator] = {}


def _generator(name: str) -> Callable[[Generator], Generator]:
    def register(fn: Generator) -> Generator:
        _GENERATORS[name] = fn
        return fn

    return register


def generate(ctx: Context, obligation: Obligation, subject_id: str) -> list[Occasion]:
    """Every state-derived occasion of ``obligation`` for ``subject_id``."""
    return list(occasions_of(ctx, (obligation,), subject_id).values())


def occasions_of(ctx: Context, obligations: Sequence[Obligation], subject_id: str) -> dict[str, Occasion]:
    """Every state-derived occasion of ``obligations`` for ``subject_id``, by :attr:`Occasion.fact_id`
    (of two with one id, the later). A member's occasions stop at the end of their duties, but
    for duties that survive it (semantics §7); the end is read once per subject (performance: a
    member's session asks some forty obligations in turn)."""
    out: dict[str, Occasion] = {}
    end: Any = _UNREAD
    shared: dict[str, Any] = {}
    for obligation, index, trigger, make, ends in _plan_of(obligations):
        made = make(ctx, obligation, trigger, index, subject_id, shared)
        if ends:  # the end is tested per step, not per occasion: most members' duties have not ended
            if end is _UNREAD:
                end = ctx.end_date(subject_id)
            if end is not None:  # nothing new starts after the duties end (semantics §7)
                made = [occasion for occasion in made if occasion.day <= end]
        for occasion in made:
            fact_id = occasion._fact_id  # fact_id without its property's call when already made
            out[fact_id if fact_id is not None else occasion.fact_id] = occasion
    return out


_UNREAD: Any = object()

_Step = tuple[Obligation, int, Trigger, "Generator", bool]
_PLANS: dict[tuple[int, ...], tuple[tuple[_Step, ...], Sequence[Obligation]]] = {}


def _plan_of(obligations: Sequence[Obligation]) -> tuple[_Step, ...]:
    """Each state-derived trigger of ``obligations``, in order, with its generator and whether
    its occasions stop at the end of the member's duties (semantics §7); once per sequence of
    obligation objects (performance: every subject asks for some forty obligations)."""
    last = _LAST_PLAN[0]
    if last is not None and last[0] is obligations:  # every member's list is one object
        return last[1]
    key = tuple(map(id, obligations))
    found = _PLANS.get(key)
    if found is not None:
        _LAST_PLAN[0] = (obligations, found[0])
        return found[0]
    steps = []
    for obligation in obligations:
        rule = obligation.rule
        assert rule is not None
        ends = obligation.subject is SubjectType.MEMBER and not rule.survives_end
        for index, trigger in enumerate(rule.triggers):
            if trigger.source != "event":  # only event triggers: durable-rules finds those
                make = _GENERATORS[trigger.source]
                if make is _member_year:  # its obligation's fields read here, once
                    make = functools.partial(_member_year_of, _year_spec(obligation))
                steps.append((obligation, index, trigger, make, ends))
    plan = _with_runs(steps)
    _PLANS[key] = (plan, tuple(obligations))  # the obligations are kept: their ids are never reused for others
    _LAST_PLAN[0] = (obligations, plan)
    return plan


_LAST_PLAN: list[tuple[Sequence[Obligation], tuple[_Step, ...]] | None] = [None]
"""The sequence of obligations :func:`_plan_of` was last asked about, with its plan (performance:
every member's sequence is one list object, and its key of some forty ids was made per member).
The entry keeps the sequence alive, so its identity is never another's."""


def _with_runs(steps: list[_Step]) -> tuple[_Step, ...]:
    """``steps`` with each run of consecutive standing duties (``member_once``) that stop alike
    at the end of duties made one step, which makes their occasions in one call, in the same
    order (:func:`_member_once_run`; performance: some twenty standing duties per member, each
    a step of its own)."""
    out: list[_Step] = []
    run: list[_Step] = []
    for step in [*steps, None]:
        if step is not None and step[3] is _member_once and (not run or run[0][4] == step[4]):
            run.append(step)
            continue
        if len(run) > 1:
            first = run[0]
            specs = tuple(
                (ob, index, f"$occ|{ob.id}|-|", ob.rule.requires_registration, ob.rule.bearer, duty_of(ob))  # type: ignore[union-attr]
                for ob, index, *_ in run
            )
            out.append((first[0], first[1], first[2], functools.partial(_member_once_run, specs), first[4]))
        else:
            out.extend(run)
        run = []
        if step is not None:
            if step[3] is _member_once:
                run.append(step)
            else:
                out.append(step)
    return tuple(out)


def sources() -> frozenset[str]:
    return frozenset(_GENERATORS)


# -- calendar helpers ------------------------------------------------------------------------


def years(ctx: Context, first: dt.date) -> Iterator[int]:
    """Calendar years whose start is observed (2020 counts from 2020-01-02), from ``first``'s
    year up to as_of's."""
    for year in range(max(first.year, REGIME_START.year), ctx.as_of.year + 1):
        start = max(dt.date(year, 1, 1), REGIME_START)
        if start >= ctx.observation_from or (year == REGIME_START.year and ctx.observation_from <= REGIME_START):
            yield year


def half_years(ctx: Context) -> Iterator[tuple[str, dt.date, dt.date]]:
    """Observed calendar half-years started by as_of: (label, first day, last day). Each half is
    checked on its own: the second half of the year the record starts in counts when it
    starts inside the record (semantics §1)."""
    for year in range(ctx.window_start.year, ctx.as_of.year + 1):
        for half, (first, last) in enumerate(
            ((dt.date(year, 1, 1), dt.date(year, 6, 30)), (dt.date(year, 7, 1), dt.date(year, 12, 31))), start=1
        ):
            observed = max(first, REGIME_START) >= ctx.observation_from or (
                (year, half) == (REGIME_START.year, 1) and ctx.observation_from <= REGIME_START
            )
            if observed and first <= ctx.as_of:
                yield f"{year}-H{half}", first, last


def _bearer(ctx: Context, role: str, member_id: str | None, day: dt.date) -> str | None:
    """The organisation of the bearer ``role`` (a rule's ``bearer``) for the member on ``day``."""
    found = ctx.role(role, member_id, day)
    return found[0] if found else None


# -- member occasions ------------------------------------------------------------------------


@_generator("member_once")
def _member_once(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, member: str, shared: dict[str, Any]
) -> tuple[Occasion, ...]:
    """One standing occasion; for a residence-side duty (``requires_registration``), only once
    the member is registered and notified at the residence cell they live in (semantics §3)."""
    found = shared.get("member_once")
    if found is None:
        found = shared["member_once"] = _member_once_days(ctx, member)
    start, day, registered, bearers = found
    rule = ob.rule
    assert rule is not None
    if rule.requires_registration and not registered:
        return ()
    bearer = bearers.get(rule.bearer, _UNREAD)
    if bearer is _UNREAD:
        bearer = bearers[rule.bearer] = _bearer(ctx, rule.bearer, member, day)
    return (Occasion(ob, member, bearer, start, trigger_index=index, since=ANY_DAY),)


def _member_once_run(
    specs: tuple[tuple[Obligation, int, str, bool, str, Duty], ...],
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, member: str, shared: dict[str, Any],
) -> list[Occasion]:
    """:func:`_member_once` of each obligation of ``specs`` (obligation, trigger index, the start
    of its occasion's fact id, whether it requires registration, its bearer role, its duty) in turn, in
    one call (:func:`_with_runs`); the fact id is made here from its start (performance: about
    twenty standing duties per member, whose rules are read once per process, not per member).
    The step's own obligation, trigger and index are those of the run's first duty, and are not
    read."""
    found = shared.get("member_once")
    if found is None:
        found = shared["member_once"] = _member_once_days(ctx, member)
    start, day, registered, bearers = found
    out = []
    new = Occasion.__new__
    for obligation, duty_index, fact_id_start, requires_registration, role, duty in specs:
        if requires_registration and not registered:
            continue
        bearer = bearers.get(role, _UNREAD)
        if bearer is _UNREAD:
            bearer = bearers[role] = _bearer(ctx, role, member, day)
        # what Occasion(obligation, member, bearer, start, since=ANY_DAY, trigger_index=duty_index)
        # makes, every slot written here (performance: some twenty standing occasions per member,
        # each a call binding nineteen arguments and looking its duty up; the duty is the spec's)
        occasion = new(Occasion)
        occasion.obligation = obligation
        occasion.subject_id = member
        occasion.bearer_id = bearer
        occasion.day = start
        occasion.key = "-"
        occasion.trigger_event_id = None
        occasion.since = ANY_DAY
        occasion.start = None
        occasion.end = None
        occasion.year = None
        occasion.period = None
        occasion.recipients = _NONE
        occasion.fields = _NONE
        occasion.extension = False
        occasion.trigger_index = duty_index
        occasion.anchored_at_start = False
        occasion.na_reason = None
        occasion.state_event_ids = ()
        occasion.trigger_fact = None
        occasion.duty = duty
        occasion._fact_id = fact_id_start + (bearer or "-")
        out.append(occasion)
    return out



def _member_once_days(ctx: Context, member: str) -> tuple[dt.date, dt.date, bool, dict[str, str | None]]:
    """What every standing duty of the member reads (performance: some twenty obligations ask in
    turn): the start S, the day the bearer is read on (the end of duties or as_of), whether the
    member is registered at their residence cell then, and each bearer role's organisation on
    that day (filled as the duties ask)."""
    day = min(ctx.end_date(member) or ctx.as_of, ctx.as_of)
    return ctx.start(member), day, ctx.predicate("registered_at_residence", member, day), {}


@_generator("introduction_needed")
def _introduction_needed(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, member: str, shared: dict[str, Any]
) -> Iterator[Occasion]:
    """The regime start S, and every later event that calls for a new introduction (semantics §2, semantics §11)."""
    days = shared.get("introduction_needed")
    if days is None:
        days = shared["introduction_needed"] = _introduction_days(ctx, member)
    duty = duty_of(ob)
    new = Occasion.__new__
    for day, event_id in days:
        bearer = _bearer(ctx, duty.bearer, member, day)
        key = event_id or "-"
        # what Occasion(ob, member, bearer, day, key, event_id, ANY_DAY if event_id is None else
        # day, recipients=ctx.recipients(duty.recipients, member, day), trigger_index=index) makes,
        # every slot written here, with its fact id (performance: a call binding nineteen arguments)
        occasion = new(Occasion)
        occasion.obligation = ob
        occasion.subject_id = member
        occasion.bearer_id = bearer
        occasion.day = day
        occasion.key = key
        occasion.trigger_event_id = event_id
        occasion.since = ANY_DAY if event_id is None else day
        occasion.start = None
        occasion.end = None
        occasion.year = None
        occasion.period = None
        occasion.recipients = ctx.recipients(duty.recipients, member, day)
        occasion.fields = _NONE
        occasion.extension = False
        occasion.trigger_index = index
        occasion.anchored_at_start = False
        occasion.na_reason = None
        occasion.state_event_ids = ()
        occasion.trigger_fact = None
        occasion.duty = duty
        occasion._fact_id = f"$occ|{duty.id}|{key}|{bearer or '-'}"
        yield occasion


def _introduction_days(ctx: Context, member: str) -> list[tuple[dt.date, str | None]]:
    """The days (and events) that call for an introduction of ``member`` while they live in a
    residence cell: whichever obligation asks (the sender's and the receiver's duties ask in turn)."""
    start = ctx.start(member)
    policy = ctx.policy
    triggers: list[tuple[dt.date, str | None]] = []
    for event in ctx.member_events(member)[INTRODUCING]:  # the visible events of context.INTRODUCTION_KINDS
        if event.date < start:
            continue
        if isinstance(event, ResidenceChanged):
            left = event.from_residence_cell_id
            old = ctx.facts.commune_of(left) if left else None
            new = ctx.facts.commune_of(event.to_residence_cell_id)
            if old != new or policy.reintroduce_within_commune:
                triggers.append((event.date, event.id))
        elif isinstance(event, StatusChanged) and event.change is StatusChange.TRANSFERRED:
            old_c = ctx.facts.workplace_committee_of(event.from_workplace_cell_id or "")
            new_c = ctx.facts.workplace_committee_of(event.new_workplace_cell_id or "")
            if old_c != new_c and policy.reintroduce_on_transfer:
                triggers.append((event.date, event.id))
        elif isinstance(event, CategoryChanged) and event.category is not Category.EXEMPT_FROM_INTRODUCTION:
            before = ctx.facts.category_on(member, event.date - dt.timedelta(days=1))
            if before is Category.EXEMPT_FROM_INTRODUCTION:
                triggers.append((event.date, event.id))
    if not any(day == start for day, _ in triggers):
        triggers.insert(0, (start, None))
    return [(day, event_id) for day, event_id in triggers if ctx.residence_cell(member, day) is not None]


@_generator("away_status_set")
def _away_status_set(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, member: str, shared: dict[str, Any]
) -> Iterator[Occasion]:
    """An initial away status other than ``none`` at S, and each change to a different such value."""
    start = ctx.start(member)
    current = ctx.facts.state_on(member, start).away_status
    duty = duty_of(ob)
    if current is not AwayStatus.NONE:
        yield Occasion(  # positional: see Occasion.__init__
            ob, member, _bearer(ctx, duty.bearer, member, start), start,  # obligation, subject, bearer, day
            "-", None, ANY_DAY, None, None, None, None,  # key, trigger event, since, start, end, year, period
            ctx.recipients(duty.recipients, member, start), _NONE, False, index,  # recipients, fields, extension, trigger index
        )
    for event in cast(list[AwayStatusChanged], ctx.member_events(member)[AWAY]):  # the visible ones, of that type
        if event.date <= start:
            continue
        if event.away_status is not AwayStatus.NONE and event.away_status is not current:
            yield Occasion(  # positional: see Occasion.__init__
                ob, member, _bearer(ctx, duty.bearer, member, event.date), event.date,  # obligation, subject, bearer, day
                event.id, event.id, None, None, None, None, None,  # key, trigger event, since, start, end, year, period
                ctx.recipients(duty.recipients, member, event.date), _NONE, False, index,  # recipients, fields, extension, trigger index
            )
        current = event.away_status


@_generator("working_members_meeting")
def _working_members_meeting(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, member: str, shared: dict[str, Any]
) -> Iterator[Occasion]:
    """Each periodic working-members meeting of the member's residence cell, dated from S,
    while the member is registered and notified there (and invited, if invitations are
    recorded). Ad-hoc meetings (``periodic: false``) and meetings convened by the commune are
    "other meetings" of D2.K3b, not occasions (semantics R1)."""
    start = ctx.start(member)
    cells = sorted({stay.cell_id for stay in ctx.facts.residence_stays(member)})
    as_of = ctx.as_of
    duty = duty_of(ob)
    fact_id_start = f"$occ|{duty.id}|"
    new = Occasion.__new__
    for org in cells:
        # the days the member lives at ``org`` registered and notified (residence_cell(member,
        # day) == org and registered_on(member, org, day) set), one span per stay there, each
        # found once, not per meeting (performance: a state replay and a walk of the stays per meeting)
        spans = ctx.registered_spans(member, org)
        if not spans:
            continue
        # the index holds only the working-members meetings ``org`` convened, in (date, id)
        # order (Context.working_meetings_of)
        meetings = ctx.working_meetings_of(org)
        for first, last in spans:
            low = first if first > start else start
            high = as_of if last is None or last > as_of else last
            if low > high:
                continue
            for event in meetings:
                # the meeting's fields from its __dict__, where pydantic keeps them, in one read of the
                # model (performance: each read of a field goes through pydantic's __getattr__ hook)
                fields = event.__dict__
                day = fields["date"]
                if day < low:
                    continue
                if day > high:  # in date order: no later one is in the span
                    break
                if not fields["periodic"]:
                    continue
                invited = fields["invited_ids"]
                if invited is not None and member not in invited:
                    continue
                event_id = fields["id"]
                # what Occasion(ob, member, member, day, event_id, event_id, fields={"meeting_id":
                # event_id}, trigger_index=index) makes, every slot written here, with its fact id
                # (performance: a few meetings per member, each a call binding nineteen arguments)
                occasion = new(Occasion)
                occasion.obligation = ob
                occasion.subject_id = member
                occasion.bearer_id = member
                occasion.day = day
                occasion.key = event_id
                occasion.trigger_event_id = event_id
                occasion.since = None
                occasion.start = None
                occasion.end = None
                occasion.year = None
                occasion.period = None
                occasion.recipients = _NONE
                occasion.fields = {"meeting_id": event_id}
                occasion.extension = False
                occasion.trigger_index = index
                occasion.anchored_at_start = False
                occasion.na_reason = None
                occasion.state_event_ids = ()
                occasion.trigger_fact = None
                occasion.duty = duty
                occasion._fact_id = f"{fact_id_start}{event_id}|{member}"
                yield occasion


@_generator("member_year")
def _member_year(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, member: str, shared: dict[str, Any]
) -> list[Occasion]:
    """Each observed calendar year in which the member's duties run (semantics §4)."""
    return _member_year_of(_year_spec(ob), ctx, ob, trigger, index, member, shared)


_YearSpec = tuple[str, bool, Duty, str]


def _year_spec(ob: Obligation) -> _YearSpec:
    """What :func:`_member_year_of` reads of a yearly obligation: its bearer role, whether it
    requires registration, its duty and the start of its occasions' fact ids."""
    rule = ob.rule
    assert rule is not None
    duty = duty_of(ob)
    return rule.bearer, rule.requires_registration, duty, f"$occ|{duty.id}|"


def _member_year_of(
    spec: _YearSpec, ctx: Context, ob: Obligation, trigger: Trigger, index: int, member: str, shared: dict[str, Any]
) -> list[Occasion]:
    """:func:`_member_year` with what it reads of the obligation given (``spec``, read once per
    process in a plan's step: :func:`_plan_of`; performance: four yearly duties per member, each
    read through pydantic's attribute hook)."""
    found = shared.get("member_year")
    if found is None:
        found = shared["member_year"] = _member_years(ctx, member)
    role, na, duty, fact_id_start = spec
    out = []
    new = Occasion.__new__
    for year in found:
        bearer = year.bearers.get(role, _UNREAD)
        if bearer is _UNREAD:
            if role == "comment_cell":  # no owing cell: the cell the member lives in then
                bearer = year.cell or ctx.residence_cell(member, min(ctx.comment_deadline(member, year.year), ctx.as_of))
            else:
                bearer = _bearer(ctx, role, member, year.on)
            year.bearers[role] = bearer
        # what Occasion(ob, member, bearer, year.day, year.key, None, ANY_DAY, None, None,
        # year.year, year.key, _NONE, year.fields, False, index, False, the n/a reason,
        # year.state_event_ids) makes, every slot written here, with its fact id (performance:
        # some eight yearly occasions per member, each a call binding nineteen arguments)
        occasion = new(Occasion)
        occasion.obligation = ob
        occasion.subject_id = member
        occasion.bearer_id = bearer
        occasion.day = year.day
        occasion.key = year.key
        occasion.trigger_event_id = None
        occasion.since = ANY_DAY
        occasion.start = None
        occasion.end = None
        occasion.year = year.year
        occasion.period = year.key
        occasion.recipients = _NONE
        occasion.fields = year.fields
        occasion.extension = False
        occasion.trigger_index = index
        occasion.anchored_at_start = False
        occasion.na_reason = year.na_reason if na else None
        occasion.state_event_ids = year.state_event_ids
        occasion.trigger_fact = None
        occasion.duty = duty
        occasion._fact_id = f"{fact_id_start}{year.key}|{bearer or '-'}"
        out.append(occasion)
    return out


@dataclass(slots=True)
class _Year:
    """What every yearly duty of a member reads of one observed year (performance: some six
    duties ask in turn): the year and its text, its occasion day, the day its bearer is read on,
    the fields its evidence joins on (one read-only mapping for all of them), the review event
    it was derived from, why no cell owes the comment, and each bearer role's organisation
    (filled as the duties ask)."""

    year: int
    key: str
    day: dt.date
    on: dt.date
    cell: str | None
    fields: Mapping[str, Any]
    state_event_ids: tuple[str, ...]
    na_reason: str | None
    bearers: dict[str, str | None]


def _member_years(ctx: Context, member: str) -> list[_Year]:
    """The member's observed years (whichever yearly obligation asks): the year, its occasion
    day, the day its bearer is read on, its review date R, the cell that owes the comment and
    why none does."""
    start, end = ctx.start(member), ctx.end_date(member)
    out = []
    first_year = start.year
    as_of = ctx.as_of
    # years(ctx, start), each with its first and last day, from the context's one table
    # (performance: some five dates and the year's text made per year and member)
    for year, key, first, last in ctx.shared(_OBSERVED_YEARS, functools.partial(_observed_years, ctx)):
        if year < first_year or (end is not None and end < first):  # (start > last: year < first_year)
            continue
        review = ctx.review(member, year)
        cell, na_reason = ctx.comment_cell(member, year)
        fields = (review.workplace_cell, cell or "")
        shared = _YEAR_FIELDS.get(fields)
        if shared is None:
            if len(_YEAR_FIELDS) >= _YEAR_FIELDS_KEPT:
                _YEAR_FIELDS.clear()
            shared = _YEAR_FIELDS[fields] = MappingProxyType({"workplace_cell": fields[0], "comment_cell": fields[1]})
        out.append(_Year(
            year, key, first if first > start else start, last if last < as_of else as_of, cell,
            shared, (review.event_id,) if review.event_id else (), na_reason, {},
        ))
    return out


_OBSERVED_YEARS = __name__ + ".years"
"""The key of :func:`_observed_years` in a context's shared values."""


def _observed_years(ctx: Context) -> tuple[tuple[int, str, dt.date, dt.date], ...]:
    """Every observed year of the context (:func:`years` from the regime's start), with its
    text, first and last day."""
    return tuple((year, str(year), dt.date(year, 1, 1), dt.date(year, 12, 31)) for year in years(ctx, REGIME_START))


_YEAR_FIELDS: dict[tuple[str, str], Mapping[str, Any]] = {}
"""The fields a year's evidence joins on, one read-only mapping per (workplace cell, comment
cell) pair, shared by every member-year with that pair (performance and memory: one mapping
per member-year before; the mappings are never written)."""

_YEAR_FIELDS_KEPT = 1 << 12
"""A bound on :data:`_YEAR_FIELDS`, emptied when reached. Small on purpose: the table lives as
long as the process, and a streaming check's memory must not grow with the province (a
province has a pair per cell, thousands; at 65,536 the peak of a 200,000-member stream grew by
about 20 MB). Members are evaluated cell by cell, so a small table shares as well."""


# -- organisation occasions ------------------------------------------------------------------


def _org_kind(role: str) -> OrgKind:
    return {
        "residence_cell": OrgKind.RESIDENCE_CELL,
        "residence_commune": OrgKind.COMMUNE_COMMITTEE,
        "provincial_committee": OrgKind.PROVINCIAL_COMMITTEE,
        "central_organization_commission": OrgKind.CENTRAL_ORGANIZATION_COMMISSION,
    }[role]


def org_subjects(ctx: Context, obligation: Obligation) -> tuple[str, ...]:
    """The organisations an organisation-subject duty is about: those of the bearer's kind
    with an occasion of it or a visible event that may trigger it. The others can have no
    result, and must not open an empty matching session (durable-rules fails to delete a
    session that never received a fact)."""
    rule = obligation.rule
    assert rule is not None
    kinds = {t.pattern.kind for t in rule.triggers if t.pattern is not None}
    as_of = ctx.as_of
    kind_of = EVENT_KIND  # event.kind by the event's type, and its kind before its date (performance:
    # every event naming the organisation, most of them its members', each read through pydantic's hook)
    return tuple(
        org
        for org in ctx.orgs_of_kind(_org_kind(rule.bearer))
        if generate(ctx, obligation, org)
        or (kinds and any(kind_of[type(e)] in kinds and e.date <= as_of for e in ctx.facts.events_of_org(org)))
    )


@_generator("org_once")
def _org_once(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, org: str, shared: dict[str, Any]
) -> Iterator[Occasion]:
    yield Occasion(ob, org, org, ctx.window_start, since=ANY_DAY, trigger_index=index)


@_generator("org_year")
def _org_year(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, org: str, shared: dict[str, Any]
) -> Iterator[Occasion]:
    for year in years(ctx, ctx.window_start):
        yield Occasion(
            ob, org, org, max(dt.date(year, 1, 1), REGIME_START), key=str(year), year=year, period=str(year),
            since=ANY_DAY, trigger_index=index,
        )


@_generator("residence_cell_half_year")
def _cell_half_year(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, cell: str, shared: dict[str, Any]
) -> Iterator[Occasion]:
    commune = ctx.facts.commune_of(cell)
    for label, first, last in half_years(ctx):
        if cell in ctx.owing_cells(commune, first, last):
            yield Occasion(
                ob, cell, cell, first, key=label, period=label, start=first, end=last, since=first, trigger_index=index
            )


@_generator("commune_half_year")
def _commune_half_year(
    ctx: Context, ob: Obligation, trigger: Trigger, index: int, commune: str, shared: dict[str, Any]
) -> Iterator[Occasion]:
    for label, first, last in half_years(ctx):
        cells = ctx.owing_cells(commune, first, last)
        if cells:
            yield Occasion(
                ob, commune, commune, first, key=label, period=label, start=first, end=last, since=first,
                recipients={"owing_cells": cells}, trigger_index=index,
            )


# -- occasions opened by a matched trigger event ------------------------------------------


def from_trigger(
    ctx: Context, ob: Obligation | Duty, index: int, fact: dict[str, Any], subject_id: str
) -> tuple[Occasion | None, str | None]:
    """The occasion a matched trigger event opens, or (None, unused reason).

    Window rules (semantics §1, §8): a trigger before 2020-01-02 opens nothing
    (``before_in_force``); one before observation.from opens nothing (``before_observation``);
    one between them and S is anchored at S. A chain step whose trigger predates S is anchored
    at S when it concerns the residence held at S. Nothing new starts after the member's
    duties end, except for duties that survive it.
    """
    duty = ob if isinstance(ob, Duty) else duty_of(ob)
    trigger = duty.triggers[index]
    day = _TRIGGER_DAYS.get(fact["day"])  # one date object per day (performance and memory)
    if day is None:
        if len(_TRIGGER_DAYS) >= _TRIGGER_DAYS_KEPT:  # never reached by real records
            _TRIGGER_DAYS.clear()
        day = _TRIGGER_DAYS[fact["day"]] = dt.date.fromordinal(fact["day"])
    is_member = duty.is_member
    start = ctx.start(subject_id) if is_member else ctx.window_start
    anchored = False
    if day < start:
        if trigger.chain_step and is_member and _concerns_residence_at(ctx, trigger, fact, subject_id, start, day):
            anchored = True
        elif day < REGIME_START:
            return None, "before_in_force"
        elif day < ctx.observation_from:
            return None, "before_observation"
        else:
            anchored = True
    # most triggers require nothing: no generator made for them (performance: once per trigger)
    if is_member and trigger.requires and not all(ctx.predicate(name, subject_id, day) for name in trigger.requires):
        return None, "not_applicable_trigger"
    end = ctx.end_date(subject_id) if is_member else None
    if end is not None and day > end and not duty.survives_end:
        return None, "after_duties_ended"
    bearer = fact.get(trigger.bearer_field) if trigger.bearer_field else None
    if bearer is None:
        bearer = _bearer(ctx, duty.bearer, subject_id, day) if is_member else subject_id
    year = fact.get("form_year") if trigger.key == "period" else None
    key = str(year) if year is not None else fact["event"]
    obligation = duty.obligation
    # what Occasion(obligation, subject_id, bearer, start if anchored else day, key, fact["event"],
    # None, None, None, year, str(year) if year is not None else None, recipients, _NONE,
    # trigger.extension, index, anchored, None, (), fact) makes, every slot written here
    # (performance: about 6,800 instructions made by the call, 3,600 so; some eight triggers per member)
    occasion = _new_occasion(Occasion)
    occasion.obligation = obligation
    occasion.subject_id = subject_id
    occasion.bearer_id = bearer
    occasion.day = start if anchored else day
    occasion.key = key
    occasion.trigger_event_id = fact["event"]
    occasion.since = None
    occasion.start = None
    occasion.end = None
    occasion.year = year
    occasion.period = key if year is not None else None  # (key is then str(year))
    # no recipients: the one shared empty mapping, not an empty dict made per trigger
    occasion.recipients = ctx.recipients(duty.recipients, subject_id, day, fact) if is_member and duty.recipients else _NONE
    occasion.fields = _NONE
    occasion.extension = trigger.extension
    occasion.trigger_index = index
    occasion.anchored_at_start = anchored
    occasion.na_reason = None
    occasion.state_event_ids = ()
    occasion.trigger_fact = fact
    # the duty Occasion.__init__ finds for the obligation (``ob`` may be a Duty of its own)
    occasion.duty = duty if DUTIES.get(id(obligation)) is duty else duty_of(obligation)
    occasion._fact_id = None
    return occasion, None


_new_occasion = Occasion.__new__


_TRIGGER_DAYS: dict[int, dt.date] = {}
"""The date of each ordinal a trigger fact names (:func:`from_trigger`)."""
_TRIGGER_DAYS_KEPT = 1 << 16


def _concerns_residence_at(
    ctx: Context, trigger: TriggerFields, fact: dict[str, Any], member: str, start: dt.date, day: dt.date
) -> bool:
    """A chain step dated ``day`` (before S) is for the residence held at S: it names that
    residence's organisation, and it is dated within the stay there (an introduction years
    earlier, to a residence the member later left, is not for it, even in the same commune)."""
    if trigger.chain_residence is None:
        return False
    field_name, role = trigger.chain_residence
    return fact.get(field_name) in ctx.role(role, member, start) and day >= ctx.introduction_residence_since(member, start)

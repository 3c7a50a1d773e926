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

A session holds only the facts some rule can read in it (:class:`RuleReads`): an event that can
trigger a rule on its own, and the evidence, occasions and recipients of a trigger that the
session holds. The rest would match nothing — the evidence of an absent trigger, an occasion
none of whose evidence kinds is there — and about a fifth of a member's facts are left out.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Collection, Iterable, Mapping, Set
from typing import Any

from ..articles import Obligation
from ..facts.events import CommentFormIssued, Event
from .context import Context
from .occasions import Occasion

__all__ = ["RuleReads", "event_facts", "need_facts", "occasion_facts"]

_FORM_CHAIN = {"comment_form_sent", "comment_form_certified", "comment_form_forwarded", "comment_disputed"}
_SKIP = {"note", "kind", "id", "date"}


def event_facts(ctx: Context, event: Event, member: str | None) -> list[dict[str, Any]]:
    """The facts of ``event`` in the session of ``member`` (None: an organisation session)."""
    plan = _PLANS.get(type(event)) or _plan(type(event))
    if plan.names_members:  # a meeting, a listing…: its facts but the member's own, once per evaluation
        listed = ctx.listed_event_facts
        flat = listed.get(event.id)
        if flat is None:
            # its member lists kept as the event's tuples for the first session, which scans
            # them, and made sets for a second (performance: a one-member call meets most of its
            # cell's meetings for the first and only time at 100,000 members, and a set of some
            # 30-50 ids costs more to build than one scan; a province's sessions ask each many times)
            flat = listed[event.id] = _flatten(ctx, event, plan)
        elif flat[3]:
            flat = listed[event.id] = (flat[0], tuple((name, frozenset(ids)) for name, ids in flat[1]), flat[2], False)
        static, member_lists, org_lists, _ = flat
        base = dict(static)
        if member is not None:
            for in_name, members in member_lists:
                base[in_name] = member in members
    else:  # most events: about one member, in one session: _flatten written out for them
        # (performance: once per event of a province; their fields are never member lists)
        fields = event.__dict__  # one read of the model: see _flatten
        day = fields["date"].toordinal()
        event_id = fields["id"]
        base = {"t": fields["kind"], "id": event_id, "event": event_id, "day": day, "since": day}
        known = ctx.known_org_facts
        org_lists = ()
        for (name, org_field, kind_name, committee_name), value in zip(plan.single, plan.values(fields)):
            kind = type(value)
            if kind is str:  # an id or a text: _flatten's common case
                base[name] = value
                if org_field:
                    org = known.get(value, _UNKNOWN)
                    if org is _UNKNOWN:
                        org = ctx.org_facts(value)
                    if org is not None:
                        base[kind_name] = org[0]
                        if org[1] is not None:  # a workplace cell or committee
                            base[committee_name] = org[1]
            elif kind is bool or kind is int:
                base[name] = value
            elif value is not None:  # an enum, a date, an organisation list…: as _flatten does
                listed_orgs = _other_value(ctx, base, name, org_field, kind_name, committee_name, value)
                if listed_orgs is not None:
                    org_lists = (*org_lists, listed_orgs)
        if plan.form is not None:
            _form_fields(ctx, fields, plan, event, base)
        if plan.has_about_event:
            base["about_event_given"] = fields["about_event_id"] is not None
    if member is not None:
        if plan.own_report:
            # D2.K7a counts a report only to the member's own workplace cell on the report date (semantics R10)
            base["to_own_workplace_cell"] = getattr(event, "to_org_id") == ctx.workplace_cell(member, event.date)
        base["member"] = member
    if not org_lists:
        return [base]
    out = [base]
    for item_name, items in org_lists:  # one fact per org of each org list
        out = [dict(f, **{item_name: item, "id": f"{f['id']}#{item}"}) for f in out for item in items] or out
    return out


_Flat = tuple[dict[str, Any], tuple[tuple[str, Collection[str]], ...], tuple[tuple[str, tuple[str, ...]], ...], bool]


def _flatten(ctx: Context, event: Event, plan: _Plan) -> _Flat:
    """What :func:`event_facts` makes of ``event`` whoever the session's member: the fact but
    its member fields, each member list (``in_<field>`` and its members, the event's tuple),
    each org list (``<field>_item`` and its organisations) and whether it has member lists
    (which :func:`event_facts` makes sets once asked again)."""
    # the event's fields read from its __dict__, where pydantic keeps them, in one read of the
    # model (performance: each read of a field goes through pydantic's __getattr__ hook)
    fields = event.__dict__
    day = fields["date"].toordinal()
    event_id = fields["id"]
    base: dict[str, Any] = {"t": fields["kind"], "id": event_id, "event": event_id, "day": day, "since": day}
    # each organisation's facts read from the context's table, asking the context only for
    # an organisation not read yet (performance: a call per organisation field of every event)
    org_facts, known = ctx.org_facts, ctx.known_org_facts
    member_lists: list[tuple[str, Collection[str]]] = []
    org_lists: list[tuple[str, tuple[str, ...]]] = []
    for (name, role, in_name, item_name, kind_name, committee_name), value in zip(plan.fields, plan.values(fields)):
        if value is None:
            continue
        kind = type(value)
        if kind is str:  # the common case first: an id or a text (enums and dates below)
            base[name] = value
        elif kind is dt.date:
            base[name] = value.toordinal()
            continue
        elif kind is bool or kind is int:
            base[name] = value
            continue
        elif isinstance(value, str):  # an enum's value (before the tests below, which it fails)
            base[name] = str(value)
        elif isinstance(value, dt.date):
            base[name] = value.toordinal()
            continue
        elif isinstance(value, tuple):
            if role == _MEMBER_LIST:
                member_lists.append((in_name, value))
            else:
                org_lists.append((item_name, value))
            continue
        elif isinstance(value, _BOOL_OR_INT):
            base[name] = value
            continue
        else:
            base[name] = str(value)
        if role == _ORG_FIELD:
            org = known.get(value, _UNKNOWN) if kind is str else _UNKNOWN
            if org is _UNKNOWN:
                org = org_facts(value if kind is str else str(value))
            if org is not None:
                base[kind_name] = org[0]
                if org[1] is not None:  # a workplace cell or committee
                    base[committee_name] = org[1]
    if plan.form is not None:
        _form_fields(ctx, fields, plan, event, base)
    if plan.has_about_event:
        base["about_event_given"] = fields["about_event_id"] is not None
    # most events have neither list: no tuple made of an empty list (performance: once per event)
    return base, tuple(member_lists) if member_lists else (), tuple(org_lists) if org_lists else (), bool(member_lists)


def _form_fields(ctx: Context, fields: dict[str, Any], plan: _Plan, event: Event, base: dict[str, Any]) -> None:
    """The comment form's fields of an event of the form's chain (its own, or the cited form's)."""
    form = ctx.facts.events.get(fields.get("about_event_id") or "") if plan.form == _FORM_STEP else event
    if form is not None and type(form) is CommentFormIssued:
        form_fields = form.__dict__
        base["form_id"] = form_fields["id"]
        base["form_year"] = form_fields["year"]
        # str() of a StrEnum member is its value (performance: Enum.value is a Python property)
        base["form_assessment"] = str(form_fields["assessment"])


def _other_value(
    ctx: Context, base: dict[str, Any], name: str, org_field: bool, kind_name: str, committee_name: str, value: Any
) -> tuple[str, tuple[str, ...]] | None:
    """What :func:`_flatten` writes of a field of an event about one member whose value is
    neither a string, a boolean, an integer nor None (an enum, a date, an organisation list);
    an organisation list is given back as (``<field>_item``, its organisations)."""
    if isinstance(value, str):  # an enum's value (before the tests below, which it fails)
        base[name] = str(value)
    elif isinstance(value, dt.date):
        base[name] = value.toordinal()
        return None
    elif isinstance(value, tuple):
        return (f"{name}_item", value)
    elif isinstance(value, _BOOL_OR_INT):
        base[name] = value
        return None
    else:
        base[name] = str(value)
    if org_field:
        org = ctx.org_facts(str(value))
        if org is not None:
            base[kind_name] = org[0]
            if org[1] is not None:
                base[committee_name] = org[1]
    return None


_UNKNOWN: Any = object()
"""An organisation not in :attr:`Context.known_org_facts` yet (its facts may be None)."""

_PLAIN, _MEMBER_LIST, _ORG_FIELD = 0, 1, 2
_BOOL_OR_INT = (bool, int)
_FORM, _FORM_STEP = 0, 1


class _Plan:
    """How to flatten the events of one model: its fields (but ``_SKIP``) in declaration order,
    each with its role and the names of the facts' fields it makes, and one getter of their
    values (performance: no pydantic iteration, no name tests, no f-strings per event)."""

    def __init__(self, model: type[Event]) -> None:
        names = [name for name in model.model_fields if name not in _SKIP]
        self.fields = tuple(
            (name, _role(name), f"in_{name}", f"{name}_item", f"{name}_kind", f"{name}_committee") for name in names
        )
        self.single = tuple((name, _role(name) == _ORG_FIELD, f"{name}_kind", f"{name}_committee") for name in names)
        """The fields as :func:`event_facts` reads those of an event about one member: each with
        whether it names an organisation, and the names of that organisation's kind and committee."""
        getter = operator.itemgetter(*names) if names else None
        if len(names) == 1:  # itemgetter of one name gives the value itself
            self.values: Callable[[dict[str, Any]], tuple[Any, ...]] = lambda fields: (fields[names[0]],)
        elif getter is None:
            self.values = lambda fields: ()
        else:
            self.values = getter
        self.has_about_event = "about_event_id" in model.model_fields
        kind = model.model_fields["kind"].default
        self.form = _FORM_STEP if kind in _FORM_CHAIN else _FORM if kind == "comment_form_issued" else None
        """Whether its facts carry the comment form's fields: its own (a form) or the cited one's (a chain step)."""
        self.names_members = any(role == _MEMBER_LIST for _, role, *_ in self.fields)
        """It has a member list: one event in many members' sessions."""
        self.own_report = kind == "annual_self_report"
        """Its facts say whether it went to the member's own workplace cell (``to_own_workplace_cell``)."""


def _role(name: str) -> int:
    if name in _MEMBER_LISTS:
        return _MEMBER_LIST
    if name.endswith("_org_id") or name == "org_id" or name.endswith("workplace_cell_id"):
        return _ORG_FIELD
    return _PLAIN


_PLANS: dict[type[Event], _Plan] = {}


def _plan(model: type[Event]) -> _Plan:
    found = _PLANS.get(model)
    if found is None:
        found = _PLANS[model] = _Plan(model)
    return found


def need_facts(holder_id: str, recipients: Mapping[str, Iterable[str]]) -> list[dict[str, Any]]:
    """One ``$need`` fact per (role, acceptable organisation) of an occasion or trigger."""
    return [
        {"t": "$need", "id": f"$need|{holder_id}|{role}|{org}", "occ": holder_id, "role": role, "org": org}
        for role, orgs in sorted(recipients.items())
        for org in orgs
    ]


def occasion_facts(occasions: Iterable[Occasion], *, records: bool = False) -> list[Any]:
    """``$occasion`` facts and their ``$need`` facts; with ``records``, each occasion stands as
    itself instead of its ``$occasion`` dict (an ``OccasionRecord``: the Python backend reads
    the fields it joins on off the occasion)."""
    out: list[Any] = []
    for occasion in occasions:
        out.append(occasion if records else occasion.as_fact())
        if occasion.recipients:
            out.extend(need_facts(occasion.fact_id, occasion.recipients))
    return out


_MEMBER_LISTS = frozenset({"member_ids", "attendee_ids", "excused_ids", "invited_ids"})


_READS_MEMO = 4096
"""Answers :class:`RuleReads` keeps of each question at most (a bound: the sets of kinds are
the data's)."""


class _Bits(dict[str, int]):
    """Name -> its bit (:meth:`RuleReads._mask`): a name not seen yet gets the next one."""

    def __missing__(self, name: str) -> int:
        bit = self[name] = 1 << len(self)
        return bit


class RuleReads:
    """Which facts of a session the rules of ``obligations`` can read (those of both backends:
    ``matching.compiler`` and ``matching.python`` generate the same rules).

    A rule reads a fact as a trigger (an event of a trigger kind, or a ``conduct_breach_recorded``:
    these match alone), as the evidence joined to a trigger, or as a ``$need`` of a trigger. So an
    evidence event is read only when the session holds a trigger whose evidence it may be, and an
    ``$occasion`` (with its ``$need`` facts) only when the session holds an event of one of its
    evidence kinds. Facts no rule can read are not built, asserted or indexed (performance:
    durable-rules' C core pays for every fact asserted); leaving them out changes no match
    (``tests/evaluation/test_session_reads.py``).
    """

    def __init__(self, obligations: Iterable[Obligation]) -> None:
        alone: set[str] = set()
        after_event: dict[str, frozenset[str]] = {}
        after_occasion: dict[str, frozenset[str]] = {}
        for ob in obligations:
            rule = ob.rule
            if rule is None:
                continue
            evidence = frozenset(e.pattern.kind for e in rule.evidence)
            if rule.breach_recordable:
                alone.add("conduct_breach_recorded")
            for trigger in rule.triggers:  # every evidence of a rule joins every trigger of it
                if trigger.pattern is not None:
                    alone.add(trigger.pattern.kind)
                    after_event[trigger.pattern.kind] = after_event.get(trigger.pattern.kind, frozenset()) | evidence
                else:
                    after_occasion[ob.id] = after_occasion.get(ob.id, frozenset()) | evidence
        self.alone = frozenset(alone)
        """Kinds a rule reads on their own (event triggers, breaches)."""
        self.after_event = after_event
        """Event trigger kind → the evidence kinds its rules join to it."""
        self.after_occasion = after_occasion
        """Obligation id → the evidence kinds joined to its ``$occasion`` facts."""
        # the answers kept are keyed by bit masks of their arguments and equal answers share one
        # set (memory: a province's sessions bring some 700 sets of kinds; kept as sets of
        # strings, keys and answers cost about 4 MB at 10,000 members, as masks about 0.7 MB)
        self._bits = _Bits()
        self._answers: dict[frozenset[str], frozenset[str]] = {}
        self._occasions_read: dict[int, frozenset[str]] = {}
        self._kinds_read: dict[tuple[int, int], frozenset[str]] = {}

    def _mask(self, names: Set[str]) -> int:
        """The bit mask of ``names`` (kinds and obligation ids; each name gets a bit of its own
        the first time it is seen): the sum of their bits, which are distinct powers of two for
        distinct names (performance: summed in C, where a Python loop made two passes over a
        member's kinds and one over their occasions' obligations)."""
        return sum(map(self._bits.__getitem__, names))

    def _kept(self, memo: dict[Any, frozenset[str]], key: Any, compute: Callable[[], frozenset[str]]) -> frozenset[str]:
        """``memo[key]``, else ``compute()`` kept there as the one shared set equal to it; the
        memo starts again once it holds ``_READS_MEMO`` answers (a bound: the sets are the data's)."""
        found = memo.get(key)
        if found is None:
            if len(memo) >= _READS_MEMO:
                memo.clear()
                self._answers.clear()
            answer = compute()
            found = memo[key] = self._answers.setdefault(answer, answer)
        return found

    def occasions_read(self, kinds: frozenset[str]) -> frozenset[str]:
        """The obligation ids whose ``$occasion`` facts a rule can read in a session whose events
        are of ``kinds`` (:meth:`occasion_read` of each); kept per set of kinds (performance:
        a province's sessions hold a few hundred sets of kinds, and a member's some forty
        occasions asked in turn)."""
        return self._kept(self._occasions_read, self._mask(kinds),
                          lambda: frozenset(ob for ob in self.after_occasion if self.occasion_read(ob, kinds)))

    def session_kinds_read(self, kinds: frozenset[str], obligation_ids: frozenset[str]) -> frozenset[str]:
        """:meth:`kinds_read`, kept per pair of arguments (the same few recur across a province)."""
        return self._kept(self._kinds_read, (self._mask(kinds), self._mask(obligation_ids)),
                          lambda: frozenset(self.kinds_read(kinds, obligation_ids)))

    def occasion_read(self, obligation_id: str, kinds: Set[str]) -> bool:
        """Can a rule read an ``$occasion`` of ``obligation_id`` in a session whose events are of
        ``kinds``? (An evidence pattern is always an event kind.)"""
        evidence = self.after_occasion.get(obligation_id)
        return evidence is not None and not evidence.isdisjoint(kinds)

    def kinds_read(self, kinds: Set[str], obligation_ids: Iterable[str]) -> set[str]:
        """The event kinds of ``kinds`` some rule reads in a session that holds events of ``kinds``
        and the ``$occasion`` facts of ``obligation_ids``."""
        read = set(self.alone)
        for kind in kinds:
            evidence = self.after_event.get(kind)
            if evidence:
                read |= evidence
        for obligation_id in obligation_ids:
            evidence = self.after_occasion.get(obligation_id)
            if evidence:
                read |= evidence
        return read & kinds

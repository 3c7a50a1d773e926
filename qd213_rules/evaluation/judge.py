"""The judge: from an occasion and its matched evidence to a status (semantics, obligations, statuses).

Shared by every matching backend. Dates, deadlines and statuses are computed here in plain
Python; the judge knows kinds of duty and the fields of the declarations, never an
obligation id. Each decision is labelled (``Trace.decided_by``) so that ``explain`` can say
which rule of the judge decided a status.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from operator import attrgetter, itemgetter
from typing import Any, Final

from ..articles import Obligation
from ..articles._model import Kind
from ..articles._rule import EACH_ROLES, Deadline, Evidence
from ..facts.events import CategoryChanged, ResidenceChanged, ResidenceChangeReported
from ..facts.members import Category
from ..messages import Lang, catalogue, default_lang, t
from ..overlays import hd33
from .context import REGIME_START, Context
from .duties import Duty, duty_of
from .occasions import Occasion
from .results import (JsonFiller, MessageMaker, Reason, Result, Status, Trace, TraceEvidence, bare_reason, blank_result,
                      new_result, SHARED_REASONS, shared_reason, unfrozen_reason)

__all__ = ["DAYS", "day_of", "Hit", "Cited", "cites_only", "Judge", "Ranked", "judge_occasion", "compute_due", "make_result", "message_maker", "format_params"]

# The enum members the judge reads per occasion, read once here: in Python 3.11 the enum classes'
# metaclass defines __getattr__, so every ``Kind.CONDUCT`` or ``Status.DUE`` in a function goes
# through the interpreter's attribute hook (about 330 ns, ten times a global's read; at 500
# members 38,000 reads, three per call of _status)
_KIND_CONDUCT: Final = Kind.CONDUCT
_KIND_DISCRETIONARY: Final = Kind.DISCRETIONARY
_KIND_ONE_OFF: Final = Kind.ONE_OFF
_NOT_APPLICABLE: Final = Status.NOT_APPLICABLE
_ONGOING: Final = Status.ONGOING
_DUE: Final = Status.DUE
_OVERDUE: Final = Status.OVERDUE
_VIOLATED: Final = Status.VIOLATED
_FULFILLED_STATUS: Final = Status.FULFILLED
_FULFILLED_LATE: Final = Status.FULFILLED_LATE


class Hit:
    """One evidence fact matched to an occasion by a generated rule (a plain slotted class: a
    province has millions, and a dataclass would call ``__post_init__`` for each)."""

    __slots__ = ("evidence_index", "fact", "rule", "role", "org", "day", "event_id")

    def __init__(
        self, evidence_index: int, fact: dict[str, Any], rule: str, role: str | None = None, org: str | None = None
    ) -> None:
        self.evidence_index = evidence_index
        self.fact = fact
        self.rule = rule
        self.role = role
        self.org: str | None = org
        """The recipient organisation the evidence reached (with ``role``)."""
        day = _DAYS.get(fact["day"])  # what day_of gives, without the call when the day is known
        self.day: dt.date = day if day is not None else day_of(int(fact["day"]))
        """The fact's date (read once: the judge compares it many times)."""
        self.event_id = str(fact["event"])

    def __repr__(self) -> str:
        return f"Hit({self.evidence_index!r}, {self.event_id!r}, {self.rule!r}, {self.role!r}, {self.org!r})"


def day_of(ordinal: int) -> dt.date:
    """The date of a proleptic ordinal, one object per day for the whole process: a province's
    results keep millions of due and fulfilment dates but name only a few thousand days (a date
    object of its own would cost each result 32 bytes)."""
    found = _DAYS.get(ordinal)
    if found is None:
        if len(_DAYS) >= _DAYS_KEPT:  # never reached by real records (a century is 36,525 days)
            _DAYS.clear()
        found = _DAYS[ordinal] = dt.date.fromordinal(ordinal)
    return found


_DAYS: dict[int, dt.date] = {}
_DAYS_KEPT = 1 << 16

DAYS: dict[int, dt.date] = _DAYS
"""What :func:`day_of` keeps, by ordinal (read-only: for the engine's loop, which builds each
:class:`Hit` in place and reads a known day without the call)."""


Ranked = tuple[str, str, int, dt.date, str, Occasion]
"""One occasion as the engine ranks a subject's occasions for :meth:`Judge.judge_all`: its
obligation id, key, rank and day (the order it is judged in), then its key in the hits and the
occasion itself."""

Cited = tuple[int, str]
"""One piece of evidence of a duty whose evidence is only cited (:func:`cites_only`), as the
judge reads it without traces: its day (a proleptic ordinal) and its event id. In that order a
pair sorts as :class:`Hit` objects sort by day and event."""


def cites_only(duty: Duty) -> bool:
    """Whether the judge reads of each piece of ``duty``'s evidence, without traces, its day and
    event alone: a conduct or discretionary duty without a deadline whose evidence only supports
    (no rule of the judge reads what it does): its results cite that evidence and nothing else.
    The engine hands such evidence as :data:`Cited` pairs (a :class:`Hit` each cost the engine's
    loop six more fields to set; about half of a member's evidence)."""
    rule = duty.rule
    return (
        duty.kind in (_KIND_CONDUCT, _KIND_DISCRETIONARY) and rule is not None and rule.deadline is None
        and not any(effect in _READ_EFFECTS for effect in duty.effects)
    )


_HIT_ORDER = attrgetter("day", "event_id")
# a cited piece's event id, read in C where the judge lists a result's evidence (a list
# comprehension was a Python frame and some four bytecodes per piece; a meeting's attendance
# cites dozens). Not an attrgetter for hits: in Python 3.11 it reads a slot through the generic
# attribute lookup, dearer than the interpreter's specialised read
_CITED_EVENT = itemgetter(1)
_BREACH_ORDER = itemgetter("day", "event")


# -- deadlines -------------------------------------------------------------------------------


def compute_due(ctx: Context, occ: Occasion) -> tuple[dt.date | None, list[tuple[str, str]]]:
    """The due date and the arithmetic that produced it, naming every policy parameter."""
    rule = occ.obligation.rule
    assert rule is not None
    deadline = rule.deadline
    if deadline is None:
        return None, []
    base, label, anchor_steps, _ = _anchor(ctx, occ, deadline)
    steps = [*anchor_steps, (label, base.isoformat())]
    due = base
    if deadline.plus is not None:
        days = _days(ctx, occ.obligation, deadline.plus)
        due += dt.timedelta(days=days)
        steps.append((f"+ {_param_name(occ.obligation, deadline.plus)}", str(days)))
    for name in deadline.minus:
        days = _days(ctx, occ.obligation, name)
        due -= dt.timedelta(days=days)
        steps.append((f"- {name}", str(days)))
    steps.append(("= due_date", due.isoformat()))
    return due, steps


# What the anchor of a deadline adds to the policy parameters a result names (with the
# parameters of the deadline's own days): nothing; the review fallback date (no review fixed
# the date); the member's own timely_days (the workplace learned of a move on the member's due
# date). With the obligation, it fixes every parameter name of the arithmetic.
_ANCHOR_PLAIN, _ANCHOR_FALLBACK, _ANCHOR_LEARNED = 0, 1, 2


def _anchor(
    ctx: Context, occ: Occasion, deadline: Deadline, learned_of: _Learned | None = None
) -> tuple[dt.date, str, list[tuple[str, str]], int]:
    """The date a deadline counts from, its step label, the steps that led to it (how the
    workplace learned of a move) and what it names of the policy (``_ANCHOR_*``). ``learned_of``:
    what :func:`_workplace_learned` gave, kept by its arguments (a judge's, for one subject)."""
    anchor = deadline.anchor
    learned = None
    if anchor == "workplace_learned":
        if learned_of is None:
            learned = _workplace_learned(ctx, occ)
        else:
            # what it reads of the occasion: the move, the member and the duty whose due date
            # stands in for a report (D3.K1a and D3.K1b both count from each move of a member)
            key = (occ.trigger_event_id, occ.subject_id, deadline.learned_by_duty)
            learned = learned_of.get(key, _UNSET)
            if learned is _UNSET:
                learned = learned_of[key] = _workplace_learned(ctx, occ)
    if learned is not None:
        base, anchor_steps = learned
        return base, anchor_steps[-1][0], anchor_steps[:-1], _ANCHOR_LEARNED if len(anchor_steps) > 1 else _ANCHOR_PLAIN
    if anchor in ("trigger", "occasion", "workplace_learned"):
        label = "anchor.start" if occ.anchored_at_start else (
            "anchor.trigger" if anchor == "workplace_learned" else f"anchor.{anchor}")
        return occ.day, label, [], _ANCHOR_PLAIN
    if anchor == "period_end":
        assert occ.end is not None
        return occ.end, "anchor.period_end", [], _ANCHOR_PLAIN
    if anchor == "review_date":
        assert occ.year is not None
        review = ctx.review(occ.subject_id, occ.year)
        return (review.date, f"anchor.review.{review.source}", [],
                _ANCHOR_FALLBACK if review.source == "fallback" else _ANCHOR_PLAIN)
    if anchor == "decision_date":
        assert occ.trigger_fact is not None
        return dt.date.fromordinal(int(occ.trigger_fact["decision_date"])), "anchor.decision_date", [], _ANCHOR_PLAIN
    # month_day
    assert occ.year is not None and deadline.month_day is not None
    month_day = getattr(ctx.policy, deadline.month_day)
    return month_day.on(occ.year), f"anchor.month_day:{deadline.month_day}={month_day}", [], _ANCHOR_PLAIN


class _Terms:
    """What the deadline arithmetic of one obligation gives every one of its occasions in one
    evaluation (the policy is fixed): the days it adds and subtracts, and the label of the
    policy parameters it names, per kind of anchor. Computed once, so that judging an occasion
    without its trace neither repeats the arithmetic's steps nor formats its label."""

    __slots__ = ("offset", "labels")

    def __init__(self, ctx: Context, ob: Obligation) -> None:
        assert ob.rule is not None and ob.rule.deadline is not None
        deadline = ob.rule.deadline
        days = _days(ctx, ob, deadline.plus) if deadline.plus is not None else 0
        for name in deadline.minus:
            days -= _days(ctx, ob, name)
        self.offset = days
        self.labels: dict[int, str | None] = {}

    def label(self, ctx: Context, occ: Occasion, anchor_kind: int) -> str | None:
        """The ``policy`` label of ``occ``, whose anchor is of kind ``anchor_kind``: the first
        occasion of each kind works it out from its deadline steps (:func:`policy_label`)."""
        try:
            return self.labels[anchor_kind]
        except KeyError:
            found = self.labels[anchor_kind] = policy_label(ctx, occ, compute_due(ctx, occ)[1])
            return found


def _due_date(
    ctx: Context, occ: Occasion, terms: _Terms, learned_of: _Learned | None = None
) -> tuple[dt.date, str | None]:
    """The due date :func:`compute_due` computes, and the ``policy`` label of its parameters,
    without the steps (a check without traces); ``learned_of`` as :func:`_anchor`'s."""
    rule = occ.obligation.rule
    assert rule is not None and rule.deadline is not None
    base, _, _, anchor_kind = _anchor(ctx, occ, rule.deadline, learned_of)
    return day_of(base.toordinal() + terms.offset), terms.label(ctx, occ, anchor_kind)


_Learned = dict[tuple[str | None, str, str | None], "tuple[dt.date, list[tuple[str, str]]] | None"]
"""What :func:`_workplace_learned` gave, by (the occasion's trigger, its subject, the deadline's
``learned_by_duty``): all it reads of the occasion."""


def _workplace_learned(ctx: Context, occ: Occasion) -> tuple[dt.date, list[tuple[str, str]]] | None:
    """When the workplace side learned of the move that triggered ``occ`` (semantics R4), with
    the steps that say how: the first ``residence_change_reported`` about the move to the
    member's workplace cell or its committee (``anchor.workplace_learned.report:ID``), else the
    due date of the member's own report (the move, ``+ timely_days.<learned_by_duty>``,
    ``anchor.workplace_learned.member_due_date``). None when the trigger is no move after the
    member's start (the regime start and transfers keep their own date)."""
    move = ctx.facts.events.get(occ.trigger_event_id or "")
    if not isinstance(move, ResidenceChanged) or move.date <= ctx.start(occ.subject_id):
        return None
    cell = ctx.workplace_cell(occ.subject_id, move.date)
    workplace = {cell, ctx.facts.workplace_committee_of(cell)}
    reports = sorted(
        (e.date, e.id)
        for e in ctx.visible_events(ctx.facts.events_about_member(occ.subject_id))
        if isinstance(e, ResidenceChangeReported) and e.about_event_id == move.id and e.to_org_id in workplace
    )
    if reports:
        day, report_id = reports[0]
        return day, [(f"anchor.workplace_learned.report:{report_id}", day.isoformat())]
    rule = occ.obligation.rule
    duty = rule.deadline.learned_by_duty if rule is not None and rule.deadline is not None else None
    if duty is None:
        return None
    days = int(ctx.policy.timely(duty))
    due = move.date + dt.timedelta(days=days)
    return due, [
        ("anchor.trigger", move.date.isoformat()),
        (f"+ timely_days.{duty}", str(days)),
        ("anchor.workplace_learned.member_due_date", due.isoformat()),
    ]


def _days(ctx: Context, ob: Obligation, name: str) -> int:
    if name == "timely_days":
        return int(ctx.policy.timely(ob.id))
    return int(getattr(ctx.policy, name))


def _param_name(ob: Obligation, name: str) -> str:
    return f"timely_days.{ob.id}" if name == "timely_days" else name


def policy_names(ob: Obligation, steps: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """The policy parameters the deadline arithmetic ``steps`` used, in order: the review
    fallback only when no review fixed the date, a month-day anchor, each number of days."""
    names: list[str] = []
    for label, _ in steps:
        if label == "anchor.review.fallback":
            names.append("annual_review_fallback")
        elif label.startswith("anchor.month_day:"):
            names.append(label.removeprefix("anchor.month_day:").split("=", 1)[0])
        elif label[:2] in ("+ ", "- "):
            names.append(label[2:])
    return tuple(dict.fromkeys(names))


def policy_label(ctx: Context, occ: Occasion, steps: Sequence[tuple[str, str]]) -> str | None:
    """``timely_days.D2.K7b=30``-style label of the parameters the deadline arithmetic used."""
    parts = []
    for name in policy_names(occ.obligation, steps):
        if name.startswith("timely_days."):  # the duty's own, or the one its anchor counts from
            value: Any = int(ctx.policy.timely(name.removeprefix("timely_days.")))
        elif name.endswith("_days"):
            value = _days(ctx, occ.obligation, name)
        else:
            value = getattr(ctx.policy, name)
        parts.append(f"{name}={value}")
    return ", ".join(parts) or None


# -- statuses ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Verdict:
    status: Status
    code: str
    decided_by: str
    fulfilled_on: dt.date | None = None
    params: dict[str, Any] | None = None
    state_ids: tuple[str, ...] = ()
    """State events the decision rests on (a category change, the end of duties)."""


# the verdicts that say the same for every occasion (two results in five are one of these):
# shared, never changed
_CONDUCT_ONGOING = _Verdict(_ONGOING, "conduct_ongoing", "conduct.ongoing")
_DISCRETIONARY = _Verdict(_ONGOING, "discretionary", "discretionary")
_ONE_OFF_PENDING = _Verdict(_ONGOING, "one_off_pending", "one_off.pending")


def _fulfilled(code: str, decided_by: str, day: dt.date) -> _Verdict:
    """``fulfilled`` on ``day``, for ``code`` by the rule ``decided_by``: one shared verdict
    (never changed) per code, rule and day, as the verdicts above (a province's fulfilled
    results name a few thousand days)."""
    key = (code, decided_by, day)
    found = _FULFILLED.get(key)
    if found is None:
        if len(_FULFILLED) >= _DAYS_KEPT:  # never reached by real records
            _FULFILLED.clear()
        found = _FULFILLED[key] = _Verdict(_FULFILLED_STATUS, code, decided_by, day)
    return found


_FULFILLED: dict[tuple[str, str, dt.date], _Verdict] = {}


def judge_occasion(
    ctx: Context,
    occ: Occasion,
    hits: Sequence[Hit],
    breaches: Sequence[dict[str, Any]],
    lang: Lang,
    *,
    tracing: bool = True,
) -> Result:
    """The status of one occasion, with its trace when ``tracing`` (the status never depends on
    it). An evaluation judges all its occasions with one :class:`Judge`."""
    return Judge(ctx, lang, tracing=tracing).judge(occ, hits, breaches)


class _Plan:
    """What judging every occasion of one obligation reads from the obligation and the policy,
    resolved once per evaluation (the policy is fixed): its fields as plain slots (``duty``), its
    rule's fields, the days its deadline adds (:class:`_Terms`) and whether that deadline counts
    from the occasion's own day or the review date (then the due date is one addition and its
    label one per obligation and kind of anchor)."""

    __slots__ = ("ob", "rule", "duty", "is_member", "survives_end", "categories", "always_for", "terms", "anchor",
                 "standing", "shares", "asked", "missed", "evidence_may_not_apply", "effects_read",
                 "cites_only", "plain_deadline", "plain_gate")

    def __init__(self, ctx: Context, ob: Obligation) -> None:
        rule = ob.rule
        assert rule is not None
        self.ob = ob  # keeps ``ob`` alive, so that its id stays its own while the plan lives
        self.rule = rule
        self.duty = duty_of(ob)  # its fields as plain slots, and what its results repeat
        self.is_member = self.duty.is_member
        self.survives_end = rule.survives_end
        self.categories = ob.categories
        # the categories of a member whose category never changes for which the duty applies on
        # every day: its own category in the duty's, and, before HD33 was signed (when every
        # member counts as regular unless the policy applies HD33 retroactively), regular too
        before_hd33 = ctx.policy.hd33_retroactive or Category.REGULAR in ob.categories
        self.always_for: frozenset[Category] = ob.categories if before_hd33 else frozenset()
        deadline = rule.deadline
        self.terms = _Terms(ctx, ob) if deadline is not None else None
        # the anchors the judge resolves without _anchor: the occasion's own day, the review date
        self.anchor = (None if deadline is None else "day" if deadline.anchor in ("trigger", "occasion")
                       else deadline.anchor)
        # what _status gives a duty of this kind when it applies and no breach was recorded, if
        # that is the same verdict for every occasion (conduct, discretionary)
        self.standing = {_KIND_CONDUCT: _CONDUCT_ONGOING, _KIND_DISCRETIONARY: _DISCRETIONARY}.get(ob.kind)
        # whether its results look for a reason another result shares (results.shared_reason):
        # those of a meeting's attendance do, most others never find one, and looking costs them
        # time for nothing; tried on its first results, then kept or given up (it changes no result)
        self.shares = True
        self.asked = self.missed = 0
        # whether some evidence of the duty can make an occasion not_applicable (Judge._applicability)
        self.evidence_may_not_apply = any(effect in ("cancels", "excuses", "precondition") for effect in self.duty.effects)
        # whether any rule of the judge reads what some evidence of the duty does: not when every
        # piece only supports the result (the evidence of every conduct and discretionary duty,
        # two occasions in five), which then cites it, counts none of it and names no fact of it
        self.effects_read = any(effect in _READ_EFFECTS for effect in self.duty.effects)
        # whether its evidence is only cited (cites_only): judged without traces, an occasion's
        # evidence is then read as (day, event) pairs, handed apart by the engine (``cited_of``)
        self.cites_only = cites_only(self.duty)
        # whether _status judges it by _deadline (a triggered, periodic or on-request duty with a
        # deadline and no gate): then one piece of evidence that fulfils it by its due date, no
        # recipient to reach, is judged in judge_all's own loop
        self.plain_deadline = (
            ob.kind not in (_KIND_CONDUCT, _KIND_DISCRETIONARY, _KIND_ONE_OFF) and self.duty.gate is None
            and deadline is not None
        )  # fmt: skip
        # whether _status judges it by _gate, before a review or a meeting (not a decision, whose
        # evidence also has a lower limit), and no precondition can make it not_applicable: then
        # one piece of evidence that fulfils it by the occasion, the duty applying whatever its
        # evidence (no cancelling or excusing piece among one that fulfils), is judged in
        # judge_all's own loop; the gate, or None
        self.plain_gate = (
            self.duty.gate if (
                ob.kind not in (_KIND_CONDUCT, _KIND_DISCRETIONARY, _KIND_ONE_OFF) and self.duty.gate in ("review", "meeting")
                and deadline is not None and not self.duty.preconditions
            ) else None
        )  # fmt: skip

    def shared_reason(self, code: str, label: str | None, named: str) -> Reason:
        """:func:`~.results.shared_reason`, when the judge's loop did not find it kept: gives up
        sharing for this obligation once most of its first results found no reason to share."""
        self.missed += 1
        if self.missed >= _SHARING_TRIAL and self.missed * 4 > self.asked * 3:
            self.shares = False
        return shared_reason(code, label, named)


JudgePlans = dict[int, _Plan]
"""The plans a :class:`Judge` makes, one per obligation (by the obligation's identity: each plan
keeps its obligation alive). A plan reads of its context the policy alone (the days its deadline
adds, the label of their parameters, the categories it always applies to), and keeps how its
first results shared their reasons: judges of contexts with one policy may share them, as the
streaming check's batches do (:mod:`qd213_rules.stream`), which then build them once and try
sharing once, as one evaluation of the whole province does."""


class Judge:
    """Judges the occasions of one evaluation (one context, language and choice of traces).

    It keeps what the occasions repeat: each obligation's :class:`_Plan`, and, for the subject
    being judged (an engine judges a subject's occasions together), the end of its duties, its
    category when no ``category_changed`` is about it (most members: then no occasion needs the
    day its category is read on, :attr:`_Plan.always_for`), else its category on the days asked
    (the standing duties all ask about one day)."""

    __slots__ = ("ctx", "lang", "tracing", "_plans", "_subject", "_ended", "_fixed", "_categories", "_templates",
                 "_learned", "_not_in_category")

    def __init__(self, ctx: Context, lang: Lang, *, tracing: bool = False, plans: JudgePlans | None = None) -> None:
        self.ctx = ctx
        self.lang = lang
        self.tracing = tracing
        self._plans: dict[int, _Plan] = plans if plans is not None else {}
        self._subject: str | None = None
        self._ended: tuple[dt.date, str] | None = None
        self._fixed: Category | None = None
        self._categories: dict[dt.date, Category] = {}
        self._templates = _templates(lang)
        self._learned: _Learned = {}
        """When the workplace learned of the moves of the subject :meth:`_member` last named
        (:func:`_anchor`'s ``learned_of``): two duties count from each move, and finding the
        member's report of it reads every event about the member."""
        self._not_in_category: dict[dt.date, _Verdict] = {}
        """The not_applicable verdicts of the subject :meth:`_member` last named, by the day its
        category was read on (:meth:`_applicability`): its category and the event that set it
        are the day's, whatever the duty (never changed: shared by its results)."""

    def _plan(self, ob: Obligation) -> _Plan:
        found = self._plans[id(ob)] = _Plan(self.ctx, ob)
        return found

    def _member(self, member_id: str) -> tuple[dt.date, str] | None:
        """E of ``member_id`` (:meth:`Context.end`); a new member forgets the last one's categories."""
        if member_id != self._subject:
            self._subject, self._ended, self._categories = member_id, self.ctx.end(member_id), {}
            if self._not_in_category:
                self._not_in_category = {}
            if self._learned:
                self._learned = {}
            self._fixed = _fixed_category(self.ctx, member_id)
        return self._ended

    def _category(self, member_id: str, day: dt.date) -> Category:
        """:meth:`Context.category` of the member :meth:`_member` last named."""
        found = self._categories.get(day)
        if found is None:
            found = self._categories[day] = self.ctx.category(member_id, day)
        return found

    def judge(
        self, occ: Occasion, hits: Sequence[Hit], breaches: Sequence[dict[str, Any]], cited: Sequence[Cited] = ()
    ) -> Result:
        """The result of one occasion, given the evidence and breaches matched to it."""
        return self.judge_all(((occ.obligation.id, "", 0, occ.day, "", occ),), {"": hits}, {occ.obligation.id: breaches},
                              {"": cited} if cited else None)[0]  # fmt: skip

    def judge_all(
        self,
        ranked: Iterable[Ranked],
        hits_of: Mapping[str, Sequence[Hit]],
        breaches_of: Mapping[str, Sequence[dict[str, Any]]],
        cited_of: Mapping[str, Sequence[Cited]] | None = None,
    ) -> list[Result]:
        """The results of a subject's occasions, in the order of ``ranked`` (the engine's order:
        each obligation's occasions side by side), given the evidence matched to each occasion
        (by its key in ``ranked``) and the breaches recorded of each obligation (by its id).
        Evidence of a duty whose evidence is only cited (:func:`cites_only`) may come as
        :data:`Cited` pairs in ``cited_of`` instead of hits (the engine's, without traces).

        One loop for the subject (performance: a province judges millions of occasions): what
        every occasion of one obligation reads (its plan, its breaches) is read once for the run
        of occasions of that obligation, and each result is built in place."""
        ctx = self.ctx
        tracing = self.tracing
        templates = self._templates
        shared_reasons = SHARED_REASONS
        days = _DAYS
        blank = blank_result
        no_hits: tuple[()] = ()
        results: list[Result] = []
        last_ob: Obligation | None = None
        plan: _Plan | Any = None
        ob_breaches: Sequence[dict[str, Any]] = no_hits
        cites = False
        evidence: tuple[str, ...]
        steps: list[tuple[str, str]]
        verdict: _Verdict
        for _, _, _, _, occasion_key, occ in ranked:
            ob = occ.obligation
            if ob is not last_ob:  # a new run of occasions of one obligation
                last_ob = ob
                plan = self._plans.get(id(ob))
                if plan is None or plan.ob is not ob:
                    plan = self._plan(ob)
                ob_breaches = breaches_of.get(ob.id, no_hits) if breaches_of else no_hits
                cites = plan.cites_only and not tracing
            hits = hits_of.get(occasion_key, no_hits)
            breaches = ob_breaches
            if not plan.is_member:
                ended = None
            elif occ.subject_id == self._subject:  # what _member gives, without the call
                ended = self._ended
            else:
                ended = self._member(occ.subject_id)
            end = ended[0] if ended is not None else None
            as_of = ctx.as_of if (end is None or plan.survives_end) else min(ctx.as_of, end)
            if cites:
                # evidence only cited (conduct, discretionary: about half of a member's results):
                # what the general path below gives such a duty, which reads no effect, no
                # deadline and, of each piece of evidence, its day and event alone
                cited: Sequence[Cited] = (cited_of.get(occasion_key) or no_hits) if cited_of else no_hits
                if hits:  # hits handed as such (Judge.judge's callers): read as pairs
                    cited = [*cited, *((h.day.toordinal(), h.event_id) for h in hits)]
                    hits = no_hits
                if breaches:
                    last = as_of.toordinal()
                    breaches = sorted((b for b in breaches if b["day"] <= last), key=_BREACH_ORDER)
                if breaches or not (
                    (not plan.is_member or self._fixed in plan.always_for) and (ended is None or plan.survives_end)
                    and occ.na_reason is None  # no evidence: none that may not apply
                ):  # fmt: skip
                    verdict = self._verdict(occ, plan, None, ended, as_of, _NO_EFFECTS, breaches, False)
                else:  # it applies, no breach recorded: what _verdict gives, without its call (most such occasions)
                    verdict = plan.standing or self._verdict(occ, plan, None, ended, as_of, _NO_EFFECTS, breaches, True)
                trigger = occ.trigger_event_id
                due = label = None
                counted = _NONE_COUNTED
                steps = _NO_STEPS
                named = str(breaches[0]["event"]) if breaches else trigger or ""
                state_ids = verdict.state_ids
                if cited:
                    # sorted by day, then event (as hits are); only the last can be dated after as_of
                    if len(cited) > 1:
                        cited = sorted(cited)
                    last = as_of.toordinal()
                    if cited[-1][0] > last:
                        cited = [c for c in cited if c[0] <= last]
                if not (cited or breaches or state_ids or occ.state_event_ids):
                    evidence = (trigger,) if trigger else ()
                elif breaches or state_ids or occ.state_event_ids:
                    evidence = _cited_ids(occ, cited, breaches, state_ids)
                elif len(cited) == 1:
                    cited_id = cited[0][1]
                    evidence = (trigger, cited_id) if trigger and trigger != cited_id else (cited_id,)
                elif trigger is None:  # what _cited_ids gives of the evidence alone, without its call
                    evidence = tuple(dict.fromkeys(map(_CITED_EVENT, cited)))  # the events read in C
                else:
                    evidence = _cited_ids(occ, cited, breaches, state_ids)
            else:
                # most occasions have no evidence and no breach: nothing to sort, group or count
                by_effect: dict[str, list[Hit]] = _NO_EFFECTS
                if hits:
                    if len(hits) > 1:
                        # sorted by day first: only evidence at the end can be dated after as_of
                        hits = sorted(hits, key=_HIT_ORDER)
                        if hits[-1].day > as_of:
                            hits = [h for h in hits if h.day <= as_of]
                    elif hits[0].day > as_of:  # one hit (the usual evidence): nothing to sort
                        hits = ()
                if breaches:
                    last = as_of.toordinal()
                    breaches = sorted((b for b in breaches if b["day"] <= last), key=_BREACH_ORDER)
                steps = _NO_STEPS
                terms = plan.terms
                if tracing:
                    due, steps = compute_due(ctx, occ)
                    names = policy_names(ob, steps)
                    label = ctx.shared(("policy_label", ob.id, names), functools.partial(policy_label, ctx, occ, steps))
                elif terms is None:
                    due, label = None, None
                elif plan.anchor == "day":  # what _due_date gives, without working out the anchor
                    # day_of and terms.label, without their calls when they have the answer kept
                    ordinal = occ.day.toordinal() + terms.offset
                    due = days.get(ordinal) or day_of(ordinal)
                    label = terms.labels.get(_ANCHOR_PLAIN, _UNSET)
                    if label is _UNSET:
                        label = terms.label(ctx, occ, _ANCHOR_PLAIN)
                elif plan.anchor == "review_date":  # likewise
                    assert occ.year is not None
                    review = ctx.review(occ.subject_id, occ.year)
                    ordinal = review.date.toordinal() + terms.offset
                    due = days.get(ordinal) or day_of(ordinal)
                    anchor_kind = _ANCHOR_FALLBACK if review.source == "fallback" else _ANCHOR_PLAIN
                    label = terms.labels.get(anchor_kind, _UNSET)
                    if label is _UNSET:
                        label = terms.label(ctx, occ, anchor_kind)
                elif plan.anchor == "workplace_learned" and plan.is_member:  # kept per subject (Judge._learned)
                    due, label = _due_date(ctx, occ, terms, self._learned)
                else:
                    due, label = _due_date(ctx, occ, terms)
                # whether the duty applies whatever its evidence (then _applicability finds it applies)
                applies_bare = (
                    (not plan.is_member or self._fixed in plan.always_for) and (ended is None or plan.survives_end)
                    and occ.na_reason is None
                )  # fmt: skip
                applies = applies_bare and not plan.evidence_may_not_apply
                gate = plan.plain_gate
                if (
                    applies and hits and plan.plain_deadline and not breaches and not occ.recipients
                    and plan.duty.effects[hits[0].evidence_index] == "fulfils" and hits[0].day <= due  # type: ignore[operator]
                    and (len(hits) == 1 or plan.duty.evidence_by[hits[0].evidence_index] == "due")
                ):  # fmt: skip
                    # a first piece of evidence that fulfils a deadline by its due date (by which
                    # it is due, when more follow it), no recipient to reach (about a fifth of a
                    # member's results): what _deadline gives, without grouping the evidence by
                    # effect and the calls of _verdict, _status, _deadline
                    verdict = _fulfilled(_fulfilled_reason(ctx, occ, hits[0]), "deadline.on_time", hits[0].day)
                elif (
                    gate is not None and applies_bare and len(hits) == 1 and not breaches
                    and plan.duty.effects[hits[0].evidence_index] == "fulfils"
                    and hits[0].day <= (ctx.review(occ.subject_id, occ.year).date if gate == "review" else due)  # type: ignore[arg-type,operator]
                ):  # fmt: skip
                    # one piece of evidence that fulfils a gate by its review or meeting (a tenth of
                    # a member's results): what _gate gives, without the calls of _verdict,
                    # _applicability (one fulfilling piece neither cancels nor excuses, and no
                    # precondition is asked), _status and _gate
                    verdict = _fulfilled(_fulfilled_reason(ctx, occ, hits[0]), "gate.done_by_occasion", hits[0].day)
                else:
                    if hits and plan.effects_read:  # else no rule reads them by effect (and _NO_EFFECTS stands)
                        by_effect = {}
                        effects = plan.duty.effects
                        for hit in hits:
                            by_effect.setdefault(effects[hit.evidence_index], []).append(hit)
                    verdict = self._verdict(occ, plan, due, ended, as_of, by_effect, breaches, applies)
                trigger = occ.trigger_event_id
                if not (hits or breaches):  # what the three below give without evidence or breach (the trigger alone)
                    counted = _NONE_COUNTED
                    named = trigger or ""
                    evidence = ((trigger,) if trigger else ()) if not (verdict.state_ids or occ.state_event_ids) else (
                        _evidence_ids(occ, hits, breaches, verdict.state_ids))
                elif len(hits) == 1 and not breaches and not (verdict.state_ids or occ.state_event_ids) and _ONE_HIT_SHORTCUT:
                    # one piece of evidence (most results with evidence): what they give, without the calls
                    hit = hits[0]
                    effect = plan.duty.effects[hit.evidence_index]
                    fulfilled_on = verdict.fulfilled_on
                    named = hit.event_id
                    if effect == "fulfils" and (fulfilled_on is None or hit.day <= fulfilled_on):
                        counted = {hit.role: hit} if tracing else _NONE_COUNTED  # read by the trace alone
                    else:
                        counted = _NONE_COUNTED
                        if effect not in _NAMED_EFFECTS:
                            named = trigger or ""
                    evidence = (trigger, hit.event_id) if trigger and trigger != hit.event_id else (hit.event_id,)
                elif plan.effects_read:
                    counted = _counted(verdict, hits, plan.duty.effects) if hits else _NONE_COUNTED
                    named = _named_evidence(occ, counted, by_effect, breaches)
                    evidence = _evidence_ids(occ, hits, breaches, verdict.state_ids)
                else:  # evidence that only supports: what _counted and _named_evidence give, without the calls
                    counted = _NONE_COUNTED
                    named = str(breaches[0]["event"]) if breaches else trigger or ""
                    evidence = _evidence_ids(occ, hits, breaches, verdict.state_ids)
            trace = None if not tracing else _trace(occ, hits, breaches, counted, steps, verdict, as_of)
            code = verdict.code
            if verdict.params or code in _OWN_PARAMS:
                params = dict(verdict.params) if verdict.params else {}
                if label and "policy" not in params:
                    params["policy"] = label
                if code == "insufficient_residence_time":
                    params["policy"] = f"min_days_for_comment={ctx.policy.min_days_for_comment}"
                elif code == "subject_ended" and ended is not None:
                    params.setdefault("evidence", ended[1])
                elif code == "breach_recorded" and breaches:
                    # quoting a recorded breach names who recorded it and when (words that do not overstate)
                    params.setdefault("recorded_by", str(breaches[0].get("recorded_by_org_id", "")))
                    params.setdefault("recorded_on", dt.date.fromordinal(int(breaches[0]["day"])))
                if named:
                    params.setdefault("evidence", named)
                if params:
                    reason = unfrozen_reason(code, params)  # new_reason, without its call
                    reason.__class__ = Reason
                else:
                    reason = bare_reason(code)
            elif plan.shares:  # the policy label and the fact named: one reason for the results that share them
                plan.asked += 1
                reason = shared_reasons.get((code, label, named))  # what shared_reason keeps, without its call
                if reason is None:
                    reason = plan.shared_reason(code, label, named)
            else:  # the same params, a reason of its own (new_reason, without its call)
                params = {"policy": label} if label else {}
                if named:
                    params["evidence"] = named
                if params:
                    reason = unfrozen_reason(code, params)
                    reason.__class__ = Reason
                else:
                    reason = bare_reason(code)
            period = occ.period
            if period is not None:  # "2024" of every yearly result of a province: one string, not one each
                period = sys.intern(period)
            shape = plan.duty
            # new_result written out: each slot of a blank result set in place (the unfrozen
            # twin's generated __init__ is a Python call of 18 arguments: about a third of
            # building a result)
            result = blank()
            result.result_id = None  # made of the fields below when read
            result.obligation_id = shape.id
            result.kind = shape.kind_text
            result.citation = shape.citation
            result.subject_type = shape.subject_text
            result.subject_id = occ.subject_id
            result.bearer_id = occ.bearer_id or "-"
            result.period = period
            result.trigger_event_id = trigger
            result.status = verdict.status
            result.due_date = due
            result.fulfilled_on = verdict.fulfilled_on
            result.evidence = evidence
            result.reason = reason
            result.extension = occ.extension
            result.derived_from = ()
            result.message = templates  # the message: written from the result when read
            result.trace = trace
            result.__class__ = Result
            results.append(result)
        return results

    def _verdict(
        self, occ: Occasion, plan: _Plan, due: dt.date | None, ended: tuple[dt.date, str] | None, as_of: dt.date,
        by_effect: dict[str, list[Hit]], breaches: Sequence[dict[str, Any]], applies: bool,
    ) -> _Verdict:
        """An occasion's verdict: not_applicable and why (:meth:`_applicability`, asked only when
        some rule of it could say so: ``applies`` false), else its status (:func:`_status`; a
        conduct or discretionary duty's verdict without a breach is one object, ``plan.standing``),
        a duty of a member whose membership ended kept where it still binds (:func:`_kept_after_end`)."""
        ruled = None if applies else self._applicability(occ, plan, due, ended, by_effect)
        if ruled is None:
            if plan.standing is not None and not breaches:
                return plan.standing
            return _status(self.ctx, occ, due, as_of, by_effect, breaches)
        if ruled.code == "subject_ended":
            return _kept_after_end(self.ctx, occ, due, as_of, by_effect, breaches) or ruled
        return ruled

    def _applicability(
        self, occ: Occasion, plan: _Plan, due: dt.date | None, ended: tuple[dt.date, str] | None,
        by_effect: dict[str, list[Hit]],
    ) -> _Verdict | None:
        """not_applicable, and why — or None when the duty applies to this occasion."""
        ctx = self.ctx
        ob = plan.ob
        end = ended[0] if ended is not None else None
        if plan.is_member and self._fixed not in plan.always_for:  # else it applies whatever the day
            day = _category_day(ctx, occ, due, end)
            category = self._categories.get(day)  # judge() named this member: _category's memo is its own
            if category is None:
                category = self._category(occ.subject_id, day)
            if category not in plan.categories:  # HD33's matrix for QĐ 213 (a successor brings its own)
                found = self._not_in_category.get(day)
                if found is None:
                    source = ctx.category_source(occ.subject_id, day)
                    found = self._not_in_category[day] = _Verdict(
                        _NOT_APPLICABLE, hd33.not_applicable_reason(category), "applicability.category",
                        state_ids=(source,) if source else (),
                    )
                return found
        if ended is not None and not plan.survives_end:
            if (due is not None and due > ended[0]) or (due is None and ob.kind in (_KIND_CONDUCT, _KIND_DISCRETIONARY)):
                return _Verdict(
                    _NOT_APPLICABLE, "subject_ended", "applicability.subject_ended", params={"end": ended[0]},
                    state_ids=(ended[1],),
                )
        if occ.na_reason is not None:
            return _Verdict(_NOT_APPLICABLE, occ.na_reason, "applicability.state")
        if by_effect:
            for hit in by_effect.get("cancels", ()):
                if due is None or hit.day <= due:
                    return _Verdict(_NOT_APPLICABLE, _reason(occ.duty, hit, "action_cancelled"), "applicability.cancelled")
            for hit in by_effect.get("excuses", ()):
                return _Verdict(_NOT_APPLICABLE, _reason(occ.duty, hit, "excused_absence"), "applicability.excused")
        preconditions = plan.duty.preconditions
        if preconditions:
            limit = _by_limit(ctx, occ, preconditions[0].by, due)
            if not any(h.day <= limit for h in by_effect.get("precondition", ())):
                return _Verdict(_NOT_APPLICABLE, preconditions[0].reason or "no_evidence", "applicability.precondition")
        return None


def _fixed_category(ctx: Context, member_id: str) -> Category | None:
    """The member's category on every day since HD33 (and on every day when it applies
    retroactively) when no ``category_changed`` is about them; None when one is, or when the
    subject is no member (then the day decides, :meth:`Context.category`)."""
    member = ctx.facts.members.get(member_id)
    if member is None:
        return None
    for event in ctx.facts.events_about_member(member_id):
        if type(event) is CategoryChanged:  # not event.kind: pydantic's __getattr__ hook (performance)
            return None
    return member.category


_NONE_COUNTED: dict[str | None, Hit] = {}
"""What :func:`_counted` finds without evidence (never changed)."""

_SHARING_TRIAL = 256
"""How many of an obligation's results look for a shared reason before the judge decides whether
its results share them (:attr:`_Plan.shares`)."""

_ONE_HIT_SHORTCUT = True
"""Whether the judge works out what a result with one piece of evidence counts, names and cites
without :func:`_counted`, :func:`_named_evidence` and :func:`_evidence_ids` (tests turn it off
to compare the two)."""

_NAMED_EFFECTS = frozenset({"defective", "excuses", "cancels"})
"""The effects of evidence a result names when it does not count it (:func:`_named_evidence`)."""

_READ_EFFECTS = frozenset({"fulfils", "precondition"}) | _NAMED_EFFECTS
"""The effects of evidence some rule of the judge reads (the status rules, :func:`_counted`,
:func:`_named_evidence`, :meth:`Judge._applicability`); evidence of any other effect
(``supports``) is only cited (:func:`_evidence_ids`) and traced."""

_OWN_PARAMS = frozenset({"insufficient_residence_time", "subject_ended", "breach_recorded"})
"""The reasons whose params the judge writes from more than the policy label and the fact named."""

_NO_EFFECTS: dict[str, list[Hit]] = {}
"""The evidence of an occasion without any, by effect (never changed: only read)."""

_NO_ROLES: list[str] = []
"""The roles :func:`_completion` finds missing when none is (never changed: only read)."""

_UNSET: Any = object()
"""What :attr:`_Terms.labels` gives for a kind of anchor it has no label of yet (a label may be None)."""

_NO_STEPS: list[tuple[str, str]] = []
"""The deadline steps of a result judged without its trace (never changed: only read)."""


def _trace(
    occ: Occasion,
    hits: Sequence[Hit],
    breaches: Sequence[dict[str, Any]],
    counted: dict[str | None, Hit],
    steps: list[tuple[str, str]],
    verdict: _Verdict,
    as_of: dt.date,
) -> Trace:
    """How ``occ``'s result was decided (``explain`` writes it in words)."""
    ob = occ.obligation
    rule = ob.rule
    assert rule is not None
    counted_ids = {id(h) for h in counted.values()}
    return Trace(
        occasion=occ.fact_id,
        occasion_date=occ.day,
        trigger_event_id=occ.trigger_event_id,
        evidence=tuple(
            TraceEvidence(
                h.event_id, h.day, h.fact["t"], rule.evidence[h.evidence_index].effect, h.rule, h.role, id(h) in counted_ids
            )
            for h in hits
        )
        + tuple(TraceEvidence(b["event"], dt.date.fromordinal(b["day"]), b["t"], "breach", f"{ob.id}/breach") for b in breaches),
        deadline_steps=tuple(steps),
        decided_by=verdict.decided_by,
        evaluated_as_of=as_of,
        recipients=tuple(
            (role, orgs, any(h.role == role for h in hits if h.day <= (as_of))) for role, orgs in sorted(occ.recipients.items())
        ),
    )


def _named_evidence(
    occ: Occasion,
    counted: dict[str | None, Hit],
    by_effect: dict[str, list[Hit]],
    breaches: Sequence[dict[str, Any]],
) -> str:
    """The fact a result's message names: the evidence the status rests on (the last of
    :func:`_counted`), else a defective or excusing one, else the recorded breach, else the
    trigger."""
    if counted:
        return next(reversed(counted.values())).event_id
    if by_effect:
        for effect in ("defective", "excuses", "cancels"):
            if by_effect.get(effect):
                return by_effect[effect][0].event_id
    if breaches:
        return str(breaches[0]["event"])
    return occ.trigger_event_id or ""


def _counted(verdict: _Verdict, hits: Sequence[Hit], effects: Sequence[str]) -> dict[str | None, Hit]:
    """The hits the status rests on, in the order of ``hits``: the earliest fulfilling hit per
    recipient role (hits are sorted by date, then id). A precondition or defective fact dated
    earlier is not one of them (it would hide the fact that did the duty)."""
    first: dict[str | None, Hit] = {}
    fulfilled_on = verdict.fulfilled_on
    for hit in hits:
        if effects[hit.evidence_index] != "fulfils":
            continue
        if fulfilled_on is None or hit.day <= fulfilled_on:
            first.setdefault(hit.role, hit)
    return first


def _evidence_ids(
    occ: Occasion, hits: Sequence[Hit], breaches: Sequence[dict[str, Any]], state_ids: tuple[str, ...]
) -> tuple[str, ...]:
    """The facts a result cites: its trigger, the state it was derived from, its evidence, the
    breaches recorded, the state events its verdict rests on (each once, in that order)."""
    trigger = occ.trigger_event_id
    if not (breaches or state_ids or occ.state_event_ids):
        if not hits:  # most results: the trigger alone
            return (trigger,) if trigger else ()
        if len(hits) == 1:  # else the trigger and one piece of evidence
            evidence = hits[0].event_id
            return (trigger, evidence) if trigger and trigger != evidence else (evidence,)
    ids: list[str] = [trigger] if trigger else []
    ids.extend(occ.state_event_ids)
    if hits:
        ids.extend([h.event_id for h in hits])
    if breaches:
        ids.extend(str(b["event"]) for b in breaches)
    ids.extend(state_ids)
    return tuple(dict.fromkeys(ids)) if len(ids) > 1 else tuple(ids)


def _cited_ids(
    occ: Occasion, cited: Sequence[Cited], breaches: Sequence[dict[str, Any]], state_ids: tuple[str, ...]
) -> tuple[str, ...]:
    """:func:`_evidence_ids` of evidence read as :data:`Cited` pairs."""
    trigger = occ.trigger_event_id
    ids: list[str] = [trigger] if trigger else []
    ids.extend(occ.state_event_ids)
    if cited:
        ids.extend(map(_CITED_EVENT, cited))
    if breaches:
        ids.extend(str(b["event"]) for b in breaches)
    ids.extend(state_ids)
    return tuple(dict.fromkeys(ids)) if len(ids) > 1 else tuple(ids)


def _kept_after_end(
    ctx: Context,
    occ: Occasion,
    due: dt.date | None,
    as_of: dt.date,
    by_effect: dict[str, list[Hit]],
    breaches: Sequence[dict[str, Any]],
) -> _Verdict | None:
    """The status a result keeps although the member's duties ended (E) before it fell due
    (semantics R5), judged as of min(as_of, E): a duty fulfilled on or before E stays fulfilled;
    a conduct duty on which a breach was recorded on or before E stays violated. None: the
    result is ``not_applicable`` (``subject_ended``)."""
    computed = _status(ctx, occ, due, as_of, by_effect, breaches)
    if due is not None and computed.status in (_FULFILLED_STATUS, _FULFILLED_LATE):
        return computed
    if occ.duty.kind is _KIND_CONDUCT and computed.status is _VIOLATED:
        return computed
    return None


def _category_day(ctx: Context, occ: Occasion, due: dt.date | None, end: dt.date | None) -> dt.date:
    """The day whose category decides applicability: the trigger's day for an event or a
    meeting; the day a yearly duty falls due (or as_of, if earlier); for a standing duty, the
    evaluation date (docs/decisions.md)."""
    as_of = min(ctx.as_of, end) if end is not None else ctx.as_of
    if occ.trigger_event_id is not None and occ.year is None:
        return occ.day
    if due is not None and occ.year is not None:
        return max(occ.day, min(due, as_of))
    if due is None:
        return max(occ.day, as_of)
    return occ.day


def _reason(duty: Duty, hit: Hit, default: str) -> str:
    return duty.evidence_reasons[hit.evidence_index] or default


def _by_limit(ctx: Context, occ: Occasion, by: str, due: dt.date | None) -> dt.date:
    """The date by which evidence counts as on time, given its ``by`` (``due`` or ``review``)."""
    if by == "review" and occ.year is not None:
        return ctx.review(occ.subject_id, occ.year).date
    return due if due is not None else dt.date.max


def _status(
    ctx: Context,
    occ: Occasion,
    due: dt.date | None,
    as_of: dt.date,
    by_effect: dict[str, list[Hit]],
    breaches: Sequence[dict[str, Any]],
) -> _Verdict:
    duty = occ.duty
    kind = duty.kind
    if kind is _KIND_CONDUCT:
        if breaches:
            return _Verdict(_VIOLATED, "breach_recorded", "conduct.breach_recorded")
        return _CONDUCT_ONGOING
    if kind is _KIND_DISCRETIONARY:
        return _DISCRETIONARY
    fulfils = by_effect.get("fulfils", [])
    if kind is _KIND_ONE_OFF:
        if fulfils:
            return _Verdict(_FULFILLED_STATUS, "fulfilled", "one_off.done", fulfils[0].day)
        return _ONE_OFF_PENDING
    if duty.gate is not None:
        return _gate(ctx, occ, due, as_of, fulfils)
    return _deadline(ctx, occ, due, as_of, by_effect)


def _gate(ctx: Context, occ: Occasion, due: dt.date | None, as_of: dt.date, fulfils: list[Hit]) -> _Verdict:
    """due before the occasion, fulfilled if done by it, violated once it passed without it."""
    duty = occ.duty
    assert due is not None
    violated = duty.violated_reason or "no_evidence"
    if duty.gate == "review":
        assert occ.year is not None
        review = ctx.review(occ.subject_id, occ.year)
        on_time = [h for h in fulfils if h.day <= review.date]
        if on_time:
            return _fulfilled(_fulfilled_reason(ctx, occ, on_time[0]), "gate.done_by_occasion", on_time[0].day)
        if review.held and review.date <= as_of:
            return _Verdict(_VIOLATED, violated, "gate.review_held_without")
        if as_of <= review.date:
            return _Verdict(_DUE, "no_evidence", "gate.before_occasion")
        if fulfils:
            return _Verdict(_FULFILLED_LATE, "fulfilled_late", "gate.review_not_recorded_late", fulfils[0].day)
        return _Verdict(_OVERDUE, "review_not_recorded", "gate.review_not_recorded")
    limit_low = dt.date.min
    max_age = ctx.policy.consultation_max_age_days if duty.gate == "decision" else None
    if max_age is not None:
        limit_low = due - dt.timedelta(days=max_age)
    on_time = [h for h in fulfils if limit_low <= h.day <= due]
    if on_time:
        return _fulfilled(_fulfilled_reason(ctx, occ, on_time[0]), "gate.done_by_occasion", on_time[0].day)
    if as_of < due:
        return _Verdict(_DUE, "no_evidence", "gate.before_occasion")
    return _Verdict(_VIOLATED, violated, "gate.passed_without")


def _deadline(
    ctx: Context, occ: Occasion, due: dt.date | None, as_of: dt.date, by_effect: dict[str, list[Hit]]
) -> _Verdict:
    """triggered, on_request, periodic: due until the deadline, then overdue; late evidence
    makes it fulfilled_late (semantics, obligations, statuses)."""
    duty = occ.duty
    assert due is not None
    fulfils = by_effect.get("fulfils", [])
    recipients = occ.recipients
    required = {role: orgs for role, orgs in recipients.items() if orgs} if recipients else {}
    done_on: dt.date | None
    if fulfils and not required:  # what _completion gives without recipients, without its call
        done_on, missing = fulfils[0].day, _NO_ROLES
    else:
        done_on, missing = _completion(duty.evidence, fulfils, required)
    evidence_by = duty.evidence_by
    if done_on is not None:
        if done_on <= due:
            first = fulfils[0]  # the first on time by its own limit, else the first
            for hit in fulfils:
                by = evidence_by[hit.evidence_index]
                # _by_limit gives the due date itself for evidence due by it (most)
                if hit.day <= (due if by == "due" else _by_limit(ctx, occ, by, due)):
                    first = hit
                    break
            return _fulfilled(_fulfilled_reason(ctx, occ, first), "deadline.on_time", done_on)
    # evidence that fulfils by another limit (e.g. the review date) counts on time on its own
    for hit in fulfils:
        by = evidence_by[hit.evidence_index]
        if by != "due" and hit.day <= _by_limit(ctx, occ, by, due):
            return _Verdict(_FULFILLED_STATUS, duty.evidence_reasons[hit.evidence_index] or "fulfilled", f"deadline.by_{by}", hit.day)
    late_done, _ = _completion(duty.evidence, [h for h in fulfils if evidence_by[h.evidence_index] == "due"], required)
    if late_done is not None:
        return _Verdict(_FULFILLED_LATE, "fulfilled_late", "deadline.late", late_done)
    if missing and any(h.role in required for h in fulfils):  # some recipients reached, not all
        code = duty.partial_reason
    elif by_effect.get("defective"):
        code = _reason(duty, by_effect["defective"][0], "no_evidence")
    else:
        code = "no_evidence"
    reached_orgs = {h.org for h in fulfils if h.org is not None}
    params: dict[str, Any] = (
        {"missing": sorted(o for role in missing for o in required[role] if o not in reached_orgs or role not in EACH_ROLES)}
        if missing
        else {}
    )
    if as_of <= due:
        return _Verdict(_DUE, code, "deadline.not_yet_due", params=params)
    limit = ctx.policy.violation_after_days
    if limit is not None and as_of > due + dt.timedelta(days=limit):
        params["overdue_days"] = (as_of - due).days
        return _Verdict(_VIOLATED, "overdue_beyond_limit", "deadline.violation_after_days", params=params)
    return _Verdict(_OVERDUE, code, "deadline.overdue", params=params)


def _completion(
    evidence: Sequence[Evidence], fulfils: Sequence[Hit], required: dict[str, tuple[str, ...]]
) -> tuple[dt.date | None, list[str]]:
    """The date the duty was complete (the last recipient reached, each by its earliest
    evidence), or None and the roles still missing."""
    if not fulfils:
        return None, sorted(required)
    if not required:
        return fulfils[0].day, []
    reached: dict[tuple[str, str | None], dt.date] = {}
    for hit in fulfils:
        if hit.role is not None and hit.role in required:
            # an "each" role needs every organisation; for the others one of them suffices
            reached.setdefault((hit.role, hit.org if hit.role in EACH_ROLES else None), hit.day)
    needed = [
        (role, org) for role, orgs in sorted(required.items())
        for org in (orgs if role in EACH_ROLES else (None,))
    ]
    missing = sorted({role for role, org in needed if (role, org) not in reached})
    if missing:
        return None, missing
    return max(reached[n] for n in needed), []


def _fulfilled_reason(ctx: Context, occ: Occasion, hit: Hit) -> str:
    """``fulfilled``, or why an early fulfilment counts (a chain completed before the regime
    or before the member's start, semantics §1, §11)."""
    duty = occ.duty
    reason = duty.evidence_reasons[hit.evidence_index]
    if reason:
        return reason
    if duty.is_member and (occ.trigger_event_id is None or occ.anchored_at_start):
        if hit.day < REGIME_START:
            return "completed_before_in_force"
        if hit.day < ctx.start(occ.subject_id):
            return "completed_before_start"
    return "fulfilled"


# -- results -----------------------------------------------------------------------------------


_PLACEHOLDERS = ("due_date", "fulfilled_on", "missing", "evidence", "policy", "overridden_status", "period",
                 "recorded_by", "recorded_on", "granted_by", "granted_on", "waiver_reason", "sources")


def format_params(params: dict[str, Any]) -> dict[str, str]:
    """Message placeholders from result params (dates as dd/mm/yyyy, lists comma-separated)."""
    out = dict.fromkeys(_PLACEHOLDERS, "")
    for key, value in params.items():
        if isinstance(value, dt.date):
            out[key] = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"  # strftime, 4x faster
        elif isinstance(value, (list, tuple)):
            out[key] = ", ".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


def make_result(
    ob: Obligation,
    subject_id: str,
    bearer_id: str,
    period: str | None,
    trigger_event_id: str | None,
    status: Status,
    due: dt.date | None,
    fulfilled_on: dt.date | None,
    evidence: Iterable[str],
    reason: Reason,
    lang: Lang,
    *,
    extension: bool = False,
    derived_from: Iterable[str] = (),
    trace: Trace | None = None,
) -> Result:
    """The result of ``ob`` for ``subject_id``, its message written in ``lang``."""
    return _result(duty_of(ob), subject_id, bearer_id, period, trigger_event_id, status, due, fulfilled_on,
                   tuple(evidence), reason, _templates(lang), extension, tuple(derived_from), trace)  # fmt: skip


def _result(
    shape: Duty,
    subject_id: str,
    bearer_id: str,
    period: str | None,
    trigger_event_id: str | None,
    status: Status,
    due: dt.date | None,
    fulfilled_on: dt.date | None,
    evidence: tuple[str, ...],
    reason: Reason,
    templates: _Templates,
    extension: bool,
    derived_from: tuple[str, ...],
    trace: Trace | None,
) -> Result:
    """:func:`make_result` with every argument in place (the judge's own calls, one per result)."""
    ob_id = shape.id
    if period is not None:  # "2024" of every yearly result of a province: one string, not one each
        period = sys.intern(period)
    return new_result(
        None, ob_id, shape.kind_text, shape.citation,  # the result id: made of these fields when read
        shape.subject_text, subject_id, bearer_id, period, trigger_event_id, status, due, fulfilled_on, evidence,
        reason, extension, derived_from, templates, trace,  # the message: written from the result when read
    )  # fmt: skip


def _message(
    reason: Reason, templates: _Templates, due: dt.date | None, fulfilled_on: dt.date | None, period: str | None
) -> str:
    """The result's message: the ``reason.<code>`` template filled as from :func:`format_params`
    of its params, the result's own due date, fulfilment date and period prevailing. Only the
    placeholders the template names are written, and a template that names none is the
    message itself."""
    template = templates[reason.code]
    names = template.names
    if not names:
        return template.text
    values = _values(names, reason.params, due, fulfilled_on, period)
    literals = template.literals
    if literals is None:
        return template.positional.format(*values)
    # the text around the placeholders joined with their values: what the format gives, for a
    # fifth of its time (str.format reads the template anew on each call)
    if len(values) == 1:
        return literals[0] + values[0] + literals[1]
    if len(values) == 2:
        return "".join((literals[0], values[0], literals[1], values[1], literals[2]))
    parts = [literals[0]]
    for value, literal in zip(values, literals[1:]):
        parts += (value, literal)
    return "".join(parts)


def _message_json(
    reason: Reason, templates: _Templates, due: dt.date | None, fulfilled_on: dt.date | None, period: str | None
) -> bytes:
    """:func:`_message` as a JSON string in UTF-8, what the report writers write: the template's
    text around its placeholders is kept escaped and encoded (``_Template.json_parts``), and only
    the values are, each time. Most messages name a fact of their own (about 6,500 of the
    23,500 results of a 500-member province write a message no other result writes), and
    writing each as a text, then escaping, hashing and encoding the whole Vietnamese text,
    cost about 3 % of a check. A string's JSON escape is made character by character
    (``json.encoder.encode_basestring``), so the escapes of the parts, joined, are the escape of
    the whole (tested for every reason of the catalogue)."""
    template = templates[reason.code]
    parts = template.json_parts
    if parts is None:
        return encode_basestring(_message(reason, templates, due, fulfilled_on, period)).encode()
    names = template.names
    if not names:
        return parts[0]
    values = _values(names, reason.params, due, fulfilled_on, period)
    enc = encode_basestring
    if len(values) == 1:
        return b"".join((parts[0], enc(values[0])[1:-1].encode(), parts[1]))
    if len(values) == 2:
        return b"".join((parts[0], enc(values[0])[1:-1].encode(), parts[1], enc(values[1])[1:-1].encode(), parts[2]))
    out = [parts[0]]
    for value, literal in zip(values, parts[1:]):
        out += (enc(value)[1:-1].encode(), literal)
    return b"".join(out)


def _values(
    names: tuple[str, ...], params: Mapping[str, Any], due: dt.date | None, fulfilled_on: dt.date | None,
    period: str | None,
) -> list[str]:
    """The value of each placeholder of ``names``, as :func:`format_params` writes it, the
    result's own due date, fulfilment date and period prevailing."""
    values: list[str] = []
    for name in names:
        if name == "due_date":
            values.append(_date_text(due) if due else "")
        elif name == "fulfilled_on":
            values.append(_date_text(fulfilled_on) if fulfilled_on else "")
        elif name == "period":
            values.append(period or "")
        elif name in params:
            values.append(_placeholder(params[name]))
        elif name in _NO_PLACEHOLDERS:
            values.append("")
        else:
            raise KeyError(name)  # a catalogue error: the template names an unknown placeholder
    return values


_NO_PLACEHOLDERS = dict.fromkeys(_PLACEHOLDERS, "")


def _placeholder(value: Any) -> str:
    """One placeholder as :func:`format_params` writes it."""
    if type(value) is str:
        return value
    if isinstance(value, dt.date):
        return _date_text(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


class _Template:
    """The text of one ``reason.<code>`` in one language, the placeholders it names (each once,
    in order) and the text with each placeholder numbered by its place in ``names``: filled by
    position it gives what ``text.format_map`` gives, in half the time (a province fills about
    half a million of them)."""

    __slots__ = ("text", "names", "positional", "literals", "json_parts")

    def __init__(self, text: str) -> None:
        fields = [(literal, name, spec, conversion) for literal, name, spec, conversion in _FORMATTER.parse(text)]
        self.text = text
        self.names: tuple[str, ...] = tuple(dict.fromkeys(_field_base(name) for _, name, _, _ in fields if name is not None))
        numbers = {name: str(i) for i, name in enumerate(self.names)}
        parts = []
        for literal, name, spec, conversion in fields:
            parts.append(literal.replace("{", "{{").replace("}", "}}"))
            if name is not None:
                base = _field_base(name)
                if "{" in (spec or ""):
                    raise ValueError(f"reason template {text!r}: a placeholder inside a format spec")
                parts.append("{" + numbers[base] + name[len(base):] + (f"!{conversion}" if conversion else "")
                             + (f":{spec}" if spec else "") + "}")
        self.positional = "".join(parts)
        # for a template whose placeholders are plain names, each named once (every template of
        # the catalogue): the text before each placeholder and after the last, to be joined
        # with the values in ``names`` order; None for any other (filled by the format)
        self.literals: tuple[str, ...] | None = None
        named = [name for _, name, _, _ in fields if name is not None]
        if tuple(named) == self.names and not any(spec or conversion for _, _, spec, conversion in fields):
            literals, text_so_far = [], ""  # an escaped brace splits the text around it in two
            for literal, name, _, _ in fields:
                text_so_far += literal
                if name is not None:
                    literals.append(text_so_far)
                    text_so_far = ""
            self.literals = (*literals, text_so_far)
        # the message as JSON in UTF-8 around its values (_message_json): the text of a template
        # without placeholders whole, else each literal escaped and encoded, the opening quote
        # before the first and the closing one after the last; None for a template filled by the
        # format (none of the catalogue's)
        self.json_parts: tuple[bytes, ...] | None = None
        if not self.names:
            self.json_parts = (encode_basestring(text).encode(),)
        elif self.literals is not None:
            escaped = [encode_basestring(literal)[1:-1] for literal in self.literals]
            escaped[0] = '"' + escaped[0]
            escaped[-1] += '"'
            self.json_parts = tuple(part.encode() for part in escaped)


class _Templates(dict[str, _Template], MessageMaker):
    """The ``reason.<code>`` templates of one language, each read from the catalogue the first
    time its code is asked for (one table per language for the process), and the
    :class:`MessageMaker` of the results judged in that language: a result keeps this table in
    place of its message, which :meth:`message_of` writes when it is read (a province's results
    would otherwise keep tens of thousands of messages of their own, each naming a fact)."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def __missing__(self, code: str) -> _Template:
        vi, en = catalogue()[f"reason.{code}"]
        found = self[code] = _Template(en if self.lang == "en" else vi)
        return found

    def message_of(self, result: Result) -> str:
        return _message(result.reason, self, result.due_date, result.fulfilled_on, result.period)

    def message_json(self, result: Result) -> bytes:
        return _message_json(result.reason, self, result.due_date, result.fulfilled_on, result.period)

    def json_filler(self, code: str, names: tuple[str, ...]) -> JsonFiller | None:
        return _json_filler(self[code], names)


def _json_filler(template: _Template, names: tuple[str, ...]) -> JsonFiller | None:
    """:meth:`_Templates.json_filler`: each placeholder of ``template`` read as :func:`_values`
    reads it (the result's own dates and period prevailing; a param, a string, as it is; a
    placeholder the params do not name, empty), from the param's JSON text without its quotes
    (a string's escape is made character by character: the escape of the text is the JSON
    text's inside). None for a template filled by the format, or naming an unknown placeholder
    (:func:`_message_json` says so)."""
    parts = template.json_parts
    if parts is None:
        return None
    if not template.names:
        whole = parts[0]
        return lambda encoded, due, fulfilled_on, period: whole
    getters: list[Callable[[list[str], dt.date | None, dt.date | None, str | None], str]] = []
    for name in template.names:
        if name == "due_date":
            getters.append(_due_text)
        elif name == "fulfilled_on":
            getters.append(_fulfilled_text)
        elif name == "period":
            getters.append(_period_text)
        elif name in names:
            getters.append(_param_text(names.index(name)))
        elif name in _NO_PLACEHOLDERS:
            getters.append(_no_text)
        else:
            return None
    literals = parts[1:]
    if len(getters) == 1:
        (get,), (first, last) = getters, parts
        return lambda encoded, due, fulfilled_on, period: b"".join(
            (first, get(encoded, due, fulfilled_on, period).encode(), last))
    if len(getters) == 2 and getters[0] is _fulfilled_text and template.names[1] in names:
        # the fulfilment date and a fact (a fulfilled duty's message: three in four of the
        # results with params of their own), without a call per value
        index, (first, middle, last) = names.index(template.names[1]), parts
        days = _DATE_BYTES

        def fill_fulfilled(encoded: list[str], due: dt.date | None, fulfilled_on: dt.date | None, period: str | None) -> bytes:
            day = days.get(fulfilled_on)
            if day is None:
                day = days[fulfilled_on] = _date_text_kept(fulfilled_on).encode()
            return b"".join((first, day, middle, encoded[index][1:-1].encode(), last))

        return fill_fulfilled
    if len(getters) == 2:
        (get, get2), (first, middle, last) = getters, parts
        return lambda encoded, due, fulfilled_on, period: b"".join(
            (first, get(encoded, due, fulfilled_on, period).encode(), middle,
             get2(encoded, due, fulfilled_on, period).encode(), last))

    def fill(encoded: list[str], due: dt.date | None, fulfilled_on: dt.date | None, period: str | None) -> bytes:
        out = [parts[0]]
        for get, literal in zip(getters, literals):
            out += (get(encoded, due, fulfilled_on, period).encode(), literal)
        return b"".join(out)

    return fill


def _due_text(encoded: list[str], due: dt.date | None, fulfilled_on: dt.date | None, period: str | None) -> str:
    found = _DATE_TEXTS.get(due)
    return found if found is not None else _date_text_kept(due)


def _fulfilled_text(encoded: list[str], due: dt.date | None, fulfilled_on: dt.date | None, period: str | None) -> str:
    found = _DATE_TEXTS.get(fulfilled_on)
    return found if found is not None else _date_text_kept(fulfilled_on)


def _date_text_kept(day: dt.date | None) -> str:
    """:func:`_date_text` of ``day`` (empty for none), kept in :data:`_DATE_TEXTS` (a dict read
    in the fillers' calls: the ``lru_cache`` of :func:`_date_text` costs about ten times a
    dict's read)."""
    if len(_DATE_TEXTS) >= 8192:
        forget_date_texts()
    found = _DATE_TEXTS[day] = _date_text(day) if day else ""
    return found


def forget_date_texts() -> None:
    """Empty :data:`_DATE_TEXTS` (but for its entry for no date) and :data:`_DATE_BYTES`: when
    full, and when a streaming check forgets its memos (``stream._forget_memos``)."""
    _DATE_TEXTS.clear()
    _DATE_TEXTS[None] = ""
    _DATE_BYTES.clear()


_DATE_TEXTS: dict[dt.date | None, str] = {None: ""}
_DATE_BYTES: dict[dt.date | None, bytes] = {}
""":data:`_DATE_TEXTS` in UTF-8 (emptied with it)."""


def _period_text(encoded: list[str], due: dt.date | None, fulfilled_on: dt.date | None, period: str | None) -> str:
    return encode_basestring(period)[1:-1] if period else ""


def _param_text(index: int) -> Callable[[list[str], dt.date | None, dt.date | None, str | None], str]:
    """The text of the param at ``index`` of a filler's values: its JSON text without its quotes."""
    return lambda encoded, due, fulfilled_on, period: encoded[index][1:-1]


def _no_text(encoded: list[str], due: dt.date | None, fulfilled_on: dt.date | None, period: str | None) -> str:
    return ""


def _templates(lang: Lang) -> _Templates:
    """The templates of ``lang`` (the default language when none)."""
    lang = lang or default_lang()
    found = _TEMPLATES.get(lang)
    if found is None:
        found = _TEMPLATES[lang] = _Templates(lang)
    return found


def message_maker(lang: Lang) -> MessageMaker:
    """The :class:`~.results.MessageMaker` of the results judged in ``lang`` (the default
    language when none): what :func:`make_result` puts in a result's message slot, for a
    caller that builds results with :func:`~.results.new_result` (the derived duties)."""
    return _templates(lang)


def _template(code: str, lang: Lang) -> _Template:
    """``reason.<code>`` in ``lang`` (read from the catalogue once per code and language)."""
    return _templates(lang)[code]


def _field_base(name: str) -> str:
    """The placeholder a replacement field reads (``a`` of ``{a}``, ``{a.b}``, ``{a[0]}``)."""
    return name.partition(".")[0].partition("[")[0]


@functools.lru_cache(maxsize=8192)
def _date_text(day: dt.date) -> str:
    """``dd/mm/yyyy``, as :func:`format_params` writes a date (a province's results name a few
    thousand distinct dates, each many times)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


_FORMATTER = string.Formatter()
_TEMPLATES: dict[str, _Templates] = {}



"""How a duty is recognised in the facts: occasions, evidence, recipients, deadline.

These models are the ``rule`` half of an :class:`~qd213_rules.articles.Obligation`. They say,
in data, what the engine must look for; the engine compiles them into durable-rules rules
(joins between an occasion and its evidence) and judges statuses from the matches. Nothing
here names an obligation id that the engine knows about: every per-clause behaviour is one of
these declarations.

Vocabulary
----------
*occasion*
    One thing a result is about: a trigger event (``source="event"``), or an occasion the engine
    derives from the record's state (``source`` one of :data:`OCCASION_SOURCES`: the regime start
    and later moves, a working-members meeting, a calendar year or half-year, …).
*evidence*
    A pattern on events joined to the occasion: same member, a field equal to one of the
    occasion's fields, dated on or after it (or within its period), sent to one of the
    recipients. Its ``effect`` says what it does to the status.
*role*
    A named way to find an organisation from the member's state on the occasion date
    (:data:`ROLES`): e.g. ``residence_commune`` is the commune committee above the residence
    cell the member lives in on that date.

Fields that the engine adds to every event fact, so that patterns can use them:
``member`` (the member the fact is about in the session), ``in_<list field>`` (true when the
member is named in that list, e.g. ``in_attendee_ids``), ``<list field>_item`` (one org of an
org list such as ``to_org_ids``, one fact per org), ``<org field>_kind`` and
``<org field>_committee`` (kind of the org and its workplace committee), ``form_year``,
``form_assessment``, ``form_id`` (for events of the comment-form chain), ``year``,
``about_event_given`` (the event's optional ``about_event_id`` is set), ``to_own_workplace_cell``
(an ``annual_self_report`` sent to the member's workplace cell on its date).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Pattern",
    "Trigger",
    "Evidence",
    "Deadline",
    "Rule",
    "OCCASION_SOURCES",
    "ROLES",
    "EACH_ROLES",
    "PREDICATES",
]

Scalar = str | int | bool

OCCASION_SOURCES = (
    "event",
    "introduction_needed",
    "away_status_set",
    "working_members_meeting",
    "member_year",
    "member_once",
    "org_once",
    "residence_cell_half_year",
    "commune_half_year",
    "org_year",
)
"""Where occasions come from. ``event``: each event matching the trigger pattern. The others
are derived from the record's state by the engine (semantics):

- ``introduction_needed`` — the regime start S, each later move of residence, a transfer to
  another workplace committee, a category change out of ``exempt_from_introduction`` (semantics §2, semantics §11);
- ``away_status_set`` — an initial away status other than ``none`` at S, each change to a different
  such value (semantics §11);
- ``working_members_meeting`` — each periodic ``working_members`` meeting held by the member's
  residence cell while the member is registered and notified there (semantics R1; ad-hoc and
  commune-convened meetings are not occasions);
- ``member_year`` — each observed calendar year of the member's duties (semantics §4);
- ``member_once`` / ``org_once`` — one standing occasion per member / per bearer organisation;
- ``residence_cell_half_year`` — each observed half-year of a residence cell with a ``regular``
  member registered by the half's end minus ``min_notice_days`` (semantics §5);
- ``commune_half_year`` — each observed half-year of a commune with at least one such cell;
- ``org_year`` — each observed calendar year of a bearer organisation.
"""

ROLES = (
    "member",
    "workplace_cell",
    "workplace_committee",
    "workplace_side",
    "residence_cell",
    "residence_commune",
    "residence_cell_left",
    "comment_cell",
    "owing_cells",
    "provincial_committee",
    "central_organization_commission",
    "residence_cell_of_trigger",
)
"""Named ways to find the organisation that bears a duty or must be reached, resolved on the
occasion date from the replayed state: ``workplace_side`` accepts the workplace cell or its
committee; ``residence_cell_left`` is the cell a move leaves (only if the member was registered
there); ``comment_cell`` is the cell that owes the yearly comment (semantics §4); ``owing_cells`` the
residence cells that owe a meeting in the commune's half-year."""

EACH_ROLES = frozenset({"owing_cells"})
"""Roles whose organisations must each be reached; for the other roles the organisations
are alternatives (``workplace_side``: the cell or its committee)."""

PREDICATES = ("introduced", "registered_at_residence")
"""Named conditions on the member's state at the trigger date (``introduced``: an
``introduction_sent`` on or before it, or registered at the current residence)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Pattern(_Frozen):
    """A test on one fact: its kind and some field values.

    >>> Pattern(kind="status_changed", one_of={"change": ("retired", "died")}).kind
    'status_changed'
    """

    kind: str
    equals: dict[str, Scalar] = Field(default_factory=dict)
    one_of: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class Trigger(_Frozen):
    """What opens an occasion of the duty."""

    source: str = "event"
    pattern: Pattern | None = None
    """For ``source="event"``: which events open an occasion."""
    bearer_field: str | None = None
    """The trigger field naming the bearer organisation (else the rule's ``bearer`` role)."""
    subject_field: str | None = None
    """For organisation subjects: the trigger field naming the subject organisation."""
    extension: bool = False
    """The product adds this trigger beyond the text (e.g. D3.K2 on retirement)."""
    requires: tuple[str, ...] = ()
    """Named predicates (:data:`PREDICATES`) on the member's state at the trigger date."""
    chain_step: bool = False
    """A step of the introduction chain: a trigger dated before S is anchored at S when it
    concerns the residence held at S (semantics §8)."""
    chain_residence: tuple[str, str] | None = None
    """For a chain step: (trigger field, role) that must agree at S for a trigger before S."""
    key: Literal["trigger", "period"] = "trigger"
    """Results keyed by the trigger event, or by the year (the yearly comment chain)."""


class Evidence(_Frozen):
    """Events that bear on an occasion, and what they do to the status."""

    pattern: Pattern
    same: dict[str, str] = Field(default_factory=dict)
    """``{evidence field: occasion field}`` that must be equal."""
    timing: Literal["on_or_after", "any", "within_period"] = "on_or_after"
    """``on_or_after``: dated on or after the occasion (for the regime-start occasion of the
    introduction chain, evidence of any earlier date counts too, semantics §1);
    ``within_period``: inside the occasion's period; ``any``: any date."""
    recipient_field: str | None = None
    """The field naming who was reached; it must equal one of the rule's recipients."""
    effect: Literal["fulfils", "excuses", "defective", "supports", "precondition", "cancels"] = "fulfils"
    """``fulfils``: discharges the duty; ``excuses``: makes the occasion not applicable;
    ``defective``: an attempt that does not count (reason given); ``supports``: listed as
    evidence only; ``precondition``: without it the duty is not applicable; ``cancels``: an
    earlier-or-same-day cancellation of the occasion makes it not applicable."""
    reason: str | None = None
    """The reason code when this evidence decides the status (e.g. ``front_committee_absent``)."""
    by: Literal["due", "review"] = "due"
    """The date by which this evidence counts as on time: the due date or the review date R."""


class Deadline(_Frozen):
    """When the duty falls due, as named policy parameters (never a bare number).

    ``anchor``: ``trigger`` (the occasion date), ``period_end`` (last day of the period),
    ``review_date`` (R of semantics §4), ``decision_date`` (of a personnel action), ``month_day`` (a
    policy month-day in the period's year), ``occasion`` (the gate's occasion itself),
    ``workplace_learned`` (for a duty of the workplace side triggered by a member's move: the day
    the workplace learned of it — the first ``residence_change_reported`` about the move to the
    member's workplace cell or committee, else the due date of the member's own report,
    ``learned_by_duty``: the move plus that duty's ``timely_days``; any other trigger, such as
    the regime start or a transfer, anchors at its own date).
    ``plus`` adds a policy number of days (``timely_days`` is looked up per obligation);
    ``minus`` subtracts policy numbers of days, in order.
    """

    anchor: Literal["trigger", "period_end", "review_date", "decision_date", "month_day", "occasion",
                    "workplace_learned"]
    plus: str | None = None
    minus: tuple[str, ...] = ()
    month_day: str | None = None
    learned_by_duty: str | None = None
    """For ``workplace_learned``: the member's duty to report the move, whose due date anchors
    the deadline when the member never reported it to the workplace."""


class Rule(_Frozen):
    """The matching and judging half of an obligation."""

    triggers: tuple[Trigger, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    bearer: str = "member"
    """The role (:data:`ROLES`) that bears the duty, unless a trigger names ``bearer_field``."""
    recipients: tuple[str, ...] = ()
    """Roles that must all be reached (semantics §6)."""
    partial_reason: str = "recipients_missing"
    """The reason code when some recipients were reached but not all."""
    deadline: Deadline | None = None
    gate: Literal["review", "decision", "meeting"] | None = None
    """For gates: the occasion the duty must precede (semantics, obligations)."""
    violated_reason: str | None = None
    """For gates: the reason code when the occasion passed without the duty."""
    survives_end: bool = False
    """Still owed after the member's duties end (D3.K2, semantics §7)."""
    requires_registration: bool = False
    """A residence-side duty that starts only once the member is registered and notified at the
    cell (semantics §3): a yearly occasion before that is not applicable (``not_yet_registered``), a
    standing one does not exist."""
    derived_from: tuple[str, ...] = ()
    """For derived duties: the obligations whose results it summarises."""
    breach_recordable: bool = False
    """A ``conduct_breach_recorded`` naming this duty makes it violated (member conduct)."""

"""Shorthands shared by the article modules (declarations only).

They name recurring pieces of evidence and deadlines once, so that each article module reads
as a list of duties rather than as repeated boilerplate.
"""

from __future__ import annotations

from ._rule import Deadline, Evidence, Pattern, Rule, Trigger

__all__ = ["P", "WORK_KINDS", "TIMELY", "TIMELY_AFTER_WORKPLACE_LEARNED", "COMMENT_FORM", "conduct", "attended", "supports", "about_trigger", "chain_step"]

P = Pattern
WORK_KINDS = ("workplace_committee", "workplace_cell")

TIMELY = Deadline(anchor="trigger", plus="timely_days")
"""Due ``timely_days`` (per obligation) after the trigger: the product's reading of "kịp thời"
and of the un-timed triggered duties (interpretation Q1)."""

TIMELY_AFTER_WORKPLACE_LEARNED = Deadline(anchor="workplace_learned", plus="timely_days", learned_by_duty="D2.K7b")
"""As :data:`TIMELY`, but a member's move counts from the day the workplace learned of it (the
member's report to the workplace cell or committee, else the member's own D2.K7b due date): the
workplace cannot act on a move it cannot know about (semantics R4)."""


def supports(kind: str, **equals: str | bool) -> Evidence:
    """Events of ``kind`` about the member, listed as evidence of a standing duty."""
    return Evidence(pattern=P(kind=kind, equals=dict(equals)), same={"member": "member"}, timing="any", effect="supports")


COMMENT_FORM = supports("comment_form_issued")
"""The residence's yearly comment on the member: what obligations.md cites as evidence of the
conduct standards of Điều 1–2."""


def attended(meeting_type: str) -> Evidence:
    """Meetings of ``meeting_type`` the member attended."""
    return supports("meeting_held", meeting_type=meeting_type, in_attendee_ids=True)


def conduct(*evidence: Evidence) -> Rule:
    """A member's continuing standard: one standing occasion, evidence listed, violated only
    by a recorded breach (semantics, obligations, interpretation Q15)."""
    return Rule(triggers=(Trigger(source="member_once"),), evidence=evidence, breach_recordable=True)


def about_trigger(kind: str, *, recipient_field: str | None = None) -> Evidence:
    """Events of ``kind`` that cite the trigger (``about_event_id``), dated on or after it;
    with ``recipient_field``, each one reaches the recipient it names."""
    return Evidence(pattern=P(kind=kind), same={"about_event_id": "id"}, recipient_field=recipient_field)


def chain_step(trigger: str, bearer_field: str, residence: str, evidence: Evidence) -> Rule:
    """A step of the introduction chain (semantics §3, §8): opened by the previous step's
    event, borne by the organisation that event names (``bearer_field``), anchored at S when
    that event predates S and concerns the residence held at S (``residence`` is the role it
    must match), due ``timely_days`` later."""
    return Rule(
        triggers=(
            Trigger(
                pattern=P(kind=trigger),
                bearer_field=bearer_field,
                chain_step=True,
                chain_residence=(bearer_field, residence),
            ),
        ),
        evidence=(evidence,),
        deadline=TIMELY,
    )

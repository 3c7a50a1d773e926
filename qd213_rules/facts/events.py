"""Events: one model per ``kind`` of docs/facts.md, and the :data:`Event` discriminated union.

Each model presets its ``kind``, so code builds an event without repeating it
(``IntroductionSent(id="E-1", date="2020-02-10", member_id=…, from_org_id=…, to_org_id=…)``);
:data:`EVENT_MODEL_BY_KIND` maps each kind to its model.

Every event has ``id``, ``kind``, ``date`` (a Vietnamese civil date) and an optional ``note``.
Reference fields carry their target kinds as metadata (see :mod:`qd213_rules.facts._types`), so
the referential checks are generated from these declarations.

>>> from pydantic import TypeAdapter
>>> e = TypeAdapter(Event).validate_python({"id": "E-1", "kind": "introduction_sent",
...     "date": "2020-02-10", "member_id": "DV-1", "from_org_id": "DU-SYT", "to_org_id": "DU-P1"})
>>> type(e).__name__, e.date.isoformat()
('IntroductionSent', '2020-02-10')
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, Literal, Union, get_args

from pydantic import Field

from ._base import FactModel
from ._types import (
    RESIDENCE_SIDE,
    WORKPLACE_SIDE,
    EventRef,
    Flag,
    Id,
    IsoDate,
    MemberRef,
    OrgKind,
    OrgRef,
    Text,
    Year,
)
from .members import AwayStatus, Category

__all__ = [
    "Event",
    "EVENT_MODELS",
    "EVENT_MODEL_BY_KIND",
    "EventBase",
    "MembersListedByResidence",
    "IntroductionSent",
    "AwayNoticeSent",
    "IntroductionReceived",
    "IntroductionForwarded",
    "MemberRegistered",
    "MemberNotified",
    "MeetingDirected",
    "MeetingHeld",
    "OpinionContributed",
    "OpinionConveyed",
    "ResidenceChanged",
    "ResidenceChangeReported",
    "StatusChanged",
    "StatusChangeNotified",
    "CategoryChanged",
    "AwayStatusChanged",
    "AnnualSelfReport",
    "AnnualReviewScheduled",
    "AnnualReviewHeld",
    "CommentsRequested",
    "CommentFormIssued",
    "CommentFormSent",
    "CommentFormCertified",
    "CommentFormForwarded",
    "CommentsCommunicated",
    "PersonnelActionPlanned",
    "PersonnelActionCancelled",
    "CommentDisputed",
    "ResidenceConsultationHeld",
    "MisconductObserved",
    "MisconductReported",
    "CommendationProposed",
    "CommendationGranted",
    "HandlingProposed",
    "FollowUpRecorded",
    "InspectionRequested",
    "JointInspectionHeld",
    "CampaignParticipation",
    "ConductBreachRecorded",
    "DisseminationHeld",
    "ImplementationReportSent",
    "ImplementationReviewHeld",
    "MonitoringReportSent",
    "GuidanceIssued",
    "WaiverGranted",
    "MeetingType",
    "StatusChange",
    "ENDING_CHANGES",
    "Assessment",
    "ForwardChannel",
    "PersonnelAction",
    "MisconductNature",
    "FollowUpAction",
    "ReviewKind",
    "GuidanceScope",
]

K = OrgKind
_MEMBER = MemberRef()
_ANY_ORG = OrgRef()
_WORK = OrgRef(WORKPLACE_SIDE)
_COMMUNE = OrgRef((K.COMMUNE_COMMITTEE,))
_RES_CELL = OrgRef((K.RESIDENCE_CELL,))
_RES_SIDE = OrgRef(RESIDENCE_SIDE)
_WORK_OR_RES = OrgRef(WORKPLACE_SIDE + RESIDENCE_SIDE)
_PROVINCIAL = OrgRef((K.PROVINCIAL_COMMITTEE,))
_COC = OrgRef((K.CENTRAL_ORGANIZATION_COMMISSION,))

MemberId = Annotated[Id, _MEMBER]
MemberIds = Annotated[tuple[Id, ...], _MEMBER]


# -- closed vocabularies ------------------------------------------------------------------


class MeetingType(StrEnum):
    """Which meeting at the residence a ``meeting_held`` records."""

    WORKING_MEMBERS = "working_members"
    """Họp đảng viên đang công tác (Đ4 K3): the periodic meetings of Đ2 K3 point a."""
    OTHER = "other"
    """Other meetings convened by the residence committee (Đ2 K3 point b)."""
    PEOPLE = "people"
    """Meetings of the people at the residence (Đ2 K4 point a)."""


class StatusChange(StrEnum):
    """The change a ``status_changed`` records; all but a change of position and a transfer end
    the member's duties."""

    POSITION_CHANGED = "position_changed"
    TRANSFERRED = "transferred"
    EXPELLED = "expelled"
    STRUCK_OFF = "struck_off"
    WITHDREW_FROM_PARTY = "withdrew_from_party"
    RETIRED = "retired"
    LEFT_EMPLOYMENT = "left_employment"
    DIED = "died"
    MOVED_ABROAD = "moved_abroad"
    """The member's official party activity is transferred abroad (a stay of 12 months or
    more): the member leaves the regulation's scope, as on retirement."""


ENDING_CHANGES = frozenset(
    {
        StatusChange.EXPELLED,
        StatusChange.STRUCK_OFF,
        StatusChange.WITHDREW_FROM_PARTY,
        StatusChange.RETIRED,
        StatusChange.LEFT_EMPLOYMENT,
        StatusChange.DIED,
        StatusChange.MOVED_ABROAD,
    }
)
"""Changes that end the member's duties under the regulation (semantics §7)."""


class ForwardChannel(StrEnum):
    """How a certified comment form reached the workplace (``comment_form_forwarded``)."""

    DIRECT = "direct"
    """Sent by the commune committee to the workplace (by post or by hand)."""
    VIA_MEMBER = "via_member"
    """Carried by the member from the commune to the workplace."""
    ONLINE = "online"
    """Sent through the national public-service portal."""


class Assessment(StrEnum):
    """The residence's assessment on a comment form."""

    EXCELLENT = "excellent"
    GOOD = "good"
    FULFILLED = "fulfilled"
    NOT_FULFILLED = "not_fulfilled"


class PersonnelAction(StrEnum):
    """What a ``personnel_action_planned`` is about."""

    APPOINTMENT = "appointment"
    NOMINATION = "nomination"


class MisconductNature(StrEnum):
    """The nature of observed misconduct (Đ4 K4 point d)."""

    LAW_VIOLATION = "law_violation"
    LACKS_EXEMPLARY_CONDUCT = "lacks_exemplary_conduct"
    SERIOUS_LOCAL_RULE_BREACH = "serious_local_rule_breach"
    NON_COMPLIANCE = "non_compliance"


class FollowUpAction(StrEnum):
    """What the workplace side did about the residence's report."""

    COMMENDED = "commended"
    REMINDED = "reminded"
    CRITICISED = "criticised"
    DISCIPLINARY_REVIEW = "disciplinary_review"


class ReviewKind(StrEnum):
    """The kind of implementation review (Đ5 K2 point a)."""

    INTERIM = "interim"
    FINAL = "final"
    INSPECTION = "inspection"


class GuidanceScope(StrEnum):
    """Whom guidance is issued for (Đ5 K2 point c)."""

    ARMY = "army"
    POLICE = "police"
    GENERAL = "general"


# -- models -------------------------------------------------------------------------------


class EventBase(FactModel):
    """Fields every event has."""

    id: Id
    date: IsoDate
    note: Text | None = None


class MembersListedByResidence(EventBase):
    """The workplace side lists its working members by place of residence (Đ3 K1 point a)."""

    kind: Literal["members_listed_by_residence"] = "members_listed_by_residence"
    org_id: Annotated[Id, _WORK]
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]


class IntroductionSent(EventBase):
    """The workplace committee or cell sends a member's letter of introduction to the commune committee of the residence (Đ3 K1 point b)."""

    kind: Literal["introduction_sent"] = "introduction_sent"
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]


class AwayNoticeSent(EventBase):
    """The workplace side tells the residence that a member is often away, mobile or on special duty (Đ3 K1 point c); only a written notice fulfils."""

    kind: Literal["away_notice_sent"] = "away_notice_sent"
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]
    written: Flag


class IntroductionReceived(EventBase):
    """The commune committee receives a member's letter of introduction (Đ4 K1 point a)."""

    kind: Literal["introduction_received"] = "introduction_received"
    member_id: MemberId
    org_id: Annotated[Id, _COMMUNE]
    about_event_id: Annotated[Id, EventRef(("introduction_sent",))]


class IntroductionForwarded(EventBase):
    """The commune committee forwards the introduction to the member's residence cell (Đ4 K1 point b)."""

    kind: Literal["introduction_forwarded"] = "introduction_forwarded"
    member_id: MemberId
    from_org_id: Annotated[Id, _COMMUNE]
    to_org_id: Annotated[Id, _RES_CELL]


class MemberRegistered(EventBase):
    """The residence cell registers the member on its list (Đ4 K2 point a)."""

    kind: Literal["member_registered"] = "member_registered"
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]


class MemberNotified(EventBase):
    """The residence cell tells the member where and when to take part (Đ4 K2 point b)."""

    kind: Literal["member_notified"] = "member_notified"
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]


class MeetingDirected(EventBase):
    """The commune committee directs residence cells to hold a meeting with the working members (Đ4 K3 point a)."""

    kind: Literal["meeting_directed"] = "meeting_directed"
    org_id: Annotated[Id, _COMMUNE]
    to_org_ids: Annotated[tuple[Id, ...], _RES_CELL, Field(min_length=1)]


class MeetingHeld(EventBase):
    """A meeting at the residence: of the working members, another meeting of the residence committee, or a meeting of the people; with who attended and who was excused."""

    kind: Literal["meeting_held"] = "meeting_held"
    org_id: Annotated[Id, _RES_SIDE]
    meeting_type: MeetingType
    attendee_ids: MemberIds = ()
    excused_ids: MemberIds = ()
    invited_ids: MemberIds | None = None
    attendance_recorded: Flag = True
    periodic: Flag = True
    """``False`` for an ad-hoc meeting ("khi cần thiết"): it still fulfils the cell's D4.K3b,
    but it is not an occasion of D2.K3a (only periodic meetings are); attending it is evidence
    of D2.K3b."""


class OpinionContributed(EventBase):
    """The member contributes an opinion to the residence cell or committee (Đ2 K3 point c)."""

    kind: Literal["opinion_contributed"] = "opinion_contributed"
    member_id: MemberId
    org_id: Annotated[Id, _ANY_ORG]


class OpinionConveyed(EventBase):
    """The member conveys the people's opinions to an authority (Đ2 K4 point c)."""

    kind: Literal["opinion_conveyed"] = "opinion_conveyed"
    member_id: MemberId
    authority: Annotated[Text, Field(min_length=1)]


class ResidenceChanged(EventBase):
    """The member moves to another residence cell (triggers the report of Đ2 K7 point b)."""

    kind: Literal["residence_changed"] = "residence_changed"
    member_id: MemberId
    from_residence_cell_id: Annotated[Id, _RES_CELL] | None = None
    """The replayed residence before the move; omitted only when the member had none (a
    member exempt from introduction who now gets a residence)."""
    to_residence_cell_id: Annotated[Id, _RES_CELL]


class ResidenceChangeReported(EventBase):
    """The member reports a move of residence to a cell committee (Đ2 K7 point b)."""

    kind: Literal["residence_change_reported"] = "residence_change_reported"
    member_id: MemberId
    to_org_id: Annotated[Id, _WORK_OR_RES]
    about_event_id: Annotated[Id, EventRef(("residence_changed",))]


class StatusChanged(EventBase):
    """A change in the member's work or party status: a new position, a transfer, or an end of duties (expelled, struck off, withdrew, retired, left employment, died)."""

    kind: Literal["status_changed"] = "status_changed"
    member_id: MemberId
    change: StatusChange
    from_workplace_cell_id: Annotated[Id, _WORK] | None = None
    new_workplace_cell_id: Annotated[Id, _WORK] | None = None


class StatusChangeNotified(EventBase):
    """The workplace side tells the residence about a change in the member's status (Đ3 K2)."""

    kind: Literal["status_change_notified"] = "status_change_notified"
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _RES_SIDE]
    about_event_id: Annotated[Id, EventRef(("status_changed",))]


class CategoryChanged(EventBase):
    """A competent committee places the member in another category (regular, introduced but exempt from activities, exempt from introduction)."""

    kind: Literal["category_changed"] = "category_changed"
    member_id: MemberId
    category: Category
    decided_by_org_id: Annotated[Id, _ANY_ORG]


class AwayStatusChanged(EventBase):
    """The member becomes often away, mobile or on special duty, or no longer is."""

    kind: Literal["away_status_changed"] = "away_status_changed"
    member_id: MemberId
    away_status: AwayStatus


class AnnualSelfReport(EventBase):
    """The member's yearly report on their duties at the residence, sent to the workplace cell (Đ2 K7 point a)."""

    kind: Literal["annual_self_report"] = "annual_self_report"
    member_id: MemberId
    year: Year
    to_org_id: Annotated[Id, _WORK]


class AnnualReviewScheduled(EventBase):
    """A cell or committee schedules its year-end review (the date the yearly chain counts back from)."""

    kind: Literal["annual_review_scheduled"] = "annual_review_scheduled"
    org_id: Annotated[Id, _WORK]
    year: Year
    planned_date: IsoDate


class AnnualReviewHeld(EventBase):
    """A cell or committee holds its year-end review of members."""

    kind: Literal["annual_review_held"] = "annual_review_held"
    org_id: Annotated[Id, _WORK]
    year: Year
    attendee_ids: MemberIds = ()


class CommentsRequested(EventBase):
    """The workplace side asks the residence for its comments on members for the year (Đ3 K4 point a)."""

    kind: Literal["comments_requested"] = "comments_requested"
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]
    year: Year
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]


class CommentFormIssued(EventBase):
    """The residence cell writes a member's comment form with its assessment (Đ4 K4 point a); later events refer to the form by this event's id."""

    kind: Literal["comment_form_issued"] = "comment_form_issued"
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]
    year: Year
    with_front_committee: Flag
    assessment: Assessment


_FORM = EventRef(("comment_form_issued",), same_member=False)


class CommentFormSent(EventBase):
    """The residence cell sends a comment form to the commune committee (Đ4 K4 point b)."""

    kind: Literal["comment_form_sent"] = "comment_form_sent"
    about_event_id: Annotated[Id, _FORM]
    from_org_id: Annotated[Id, _RES_CELL]
    to_org_id: Annotated[Id, _COMMUNE]


class CommentFormCertified(EventBase):
    """The commune committee certifies a comment form (Đ4 K5 point a)."""

    kind: Literal["comment_form_certified"] = "comment_form_certified"
    about_event_id: Annotated[Id, _FORM]
    org_id: Annotated[Id, _COMMUNE]


class CommentFormForwarded(EventBase):
    """The commune committee forwards a certified comment form to the workplace side (Đ4 K5 point b)."""

    kind: Literal["comment_form_forwarded"] = "comment_form_forwarded"
    about_event_id: Annotated[Id, _FORM]
    from_org_id: Annotated[Id, _COMMUNE]
    to_org_id: Annotated[Id, _WORK]
    channel: ForwardChannel = ForwardChannel.DIRECT
    """How the certified form reached the workplace; every channel counts the same."""


class CommentsCommunicated(EventBase):
    """The workplace side tells the member the residence's comments at the year-end review (Đ3 K5 point a)."""

    kind: Literal["comments_communicated"] = "comments_communicated"
    member_id: MemberId
    org_id: Annotated[Id, _WORK]
    year: Year


class PersonnelActionPlanned(EventBase):
    """An appointment or nomination of the member is to be decided (a gate: the residence must be consulted first, Đ3 K4 point b)."""

    kind: Literal["personnel_action_planned"] = "personnel_action_planned"
    member_id: MemberId
    action: PersonnelAction
    decision_date: IsoDate
    effective_date: IsoDate | None = None


class PersonnelActionCancelled(EventBase):
    """A planned appointment or nomination is withdrawn."""

    kind: Literal["personnel_action_cancelled"] = "personnel_action_cancelled"
    about_event_id: Annotated[Id, EventRef(("personnel_action_planned",), same_member=False)]


class CommentDisputed(EventBase):
    """The residence's comments on the member are disputed (Đ3 K4 point c)."""

    kind: Literal["comment_disputed"] = "comment_disputed"
    member_id: MemberId
    about_event_id: Annotated[Id, EventRef(("comment_form_issued",))]


class ResidenceConsultationHeld(EventBase):
    """The workplace side consults the residence about the member (Đ3 K4 points b and c)."""

    kind: Literal["residence_consultation_held"] = "residence_consultation_held"
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    with_org_id: Annotated[Id, _RES_SIDE]
    about_event_id: Annotated[Id, EventRef(("personnel_action_planned", "comment_disputed"))]


class MisconductObserved(EventBase):
    """The residence side observes the member's misconduct (Đ4 K4 point d)."""

    kind: Literal["misconduct_observed"] = "misconduct_observed"
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]
    nature: MisconductNature


class MisconductReported(EventBase):
    """Misconduct of the member is reported to the workplace side or to the commune committee."""

    kind: Literal["misconduct_reported"] = "misconduct_reported"
    member_id: MemberId
    from_org_id: Annotated[Id, _RES_SIDE]
    to_org_id: Annotated[Id, _WORK_OR_RES]
    about_event_id: Annotated[Id, EventRef(("misconduct_observed",))]


class CommendationProposed(EventBase):
    """The residence side proposes to commend the member (Đ4 K4 point c, Đ4 K5 point c)."""

    kind: Literal["commendation_proposed"] = "commendation_proposed"
    member_id: MemberId
    from_org_id: Annotated[Id, _ANY_ORG]
    to_org_id: Annotated[Id, _ANY_ORG]


class CommendationGranted(EventBase):
    """A committee commends the member."""

    kind: Literal["commendation_granted"] = "commendation_granted"
    member_id: MemberId
    by_org_id: Annotated[Id, _ANY_ORG]


class HandlingProposed(EventBase):
    """The commune committee proposes that the workplace side handle the member's misconduct (Đ4 K5 point d)."""

    kind: Literal["handling_proposed"] = "handling_proposed"
    member_id: MemberId
    from_org_id: Annotated[Id, _RES_SIDE]
    to_org_id: Annotated[Id, _WORK]


class FollowUpRecorded(EventBase):
    """The workplace side follows up on the residence's report: commends, reminds, criticises or opens a disciplinary review (Đ3 K3)."""

    kind: Literal["follow_up_recorded"] = "follow_up_recorded"
    member_id: MemberId
    org_id: Annotated[Id, _WORK]
    action: FollowUpAction
    about_event_id: Annotated[
        Id,
        EventRef(
            ("misconduct_reported", "handling_proposed", "comment_form_forwarded", "commendation_proposed"),
            same_member=False,
        ),
    ]
    """What the follow-up answers; a ``commendation_proposed`` only for the action ``commended``
    (checked in :mod:`qd213_rules.facts.checks`)."""


class InspectionRequested(EventBase):
    """A committee asks for a joint inspection of members (Đ4 K6)."""

    kind: Literal["inspection_requested"] = "inspection_requested"
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]


class JointInspectionHeld(EventBase):
    """The workplace and residence sides inspect members together (Đ3 K3 point a, Đ4 K6)."""

    kind: Literal["joint_inspection_held"] = "joint_inspection_held"
    org_ids: Annotated[tuple[Id, ...], _ANY_ORG, Field(min_length=1)]
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]
    about_event_id: Annotated[Id, EventRef(("inspection_requested",), same_member=False)] | None = None


class CampaignParticipation(EventBase):
    """The member takes part in a campaign at the residence, and whether they mobilised their family (Đ2 K6)."""

    kind: Literal["campaign_participation"] = "campaign_participation"
    member_id: MemberId
    org_id: Annotated[Id, _ANY_ORG]
    family_mobilised: Flag


class ConductBreachRecorded(EventBase):
    """A competent body records that the member breached a conduct duty; that duty becomes violated."""

    kind: Literal["conduct_breach_recorded"] = "conduct_breach_recorded"
    member_id: MemberId
    obligation_id: Annotated[str, Field(pattern=r"^D[1-9]\.K[0-9]+[a-z]?$")]
    recorded_by_org_id: Annotated[Id, _ANY_ORG]
    """The member's workplace committee or an ancestor, or the residence commune (checked by
    the engine, which knows the member's state on the date)."""


class DisseminationHeld(EventBase):
    """A committee disseminates the regulation (Đ5 K1 point a, Đ5 K3)."""

    kind: Literal["dissemination_held"] = "dissemination_held"
    org_id: Annotated[Id, _ANY_ORG]
    to_org_ids: Annotated[tuple[Id, ...], _ANY_ORG] = ()


class ImplementationReportSent(EventBase):
    """A provincial committee sends its yearly report on implementing the regulation (Đ5 K1 point b)."""

    kind: Literal["implementation_report_sent"] = "implementation_report_sent"
    org_id: Annotated[Id, _PROVINCIAL]
    year: Year


class ImplementationReviewHeld(EventBase):
    """An interim or final review, or an inspection, of the implementation (Đ5 K2 point a)."""

    kind: Literal["implementation_review_held"] = "implementation_review_held"
    org_id: Annotated[Id, _COC]
    review_kind: ReviewKind


class MonitoringReportSent(EventBase):
    """The Central Organisation Commission reports on a review or inspection (Đ5 K2 point b)."""

    kind: Literal["monitoring_report_sent"] = "monitoring_report_sent"
    org_id: Annotated[Id, _COC]
    about_event_id: Annotated[Id, EventRef(("implementation_review_held",), same_member=False)]


class GuidanceIssued(EventBase):
    """Guidance issued for the army, the police or in general (Đ5 K2 point c)."""

    kind: Literal["guidance_issued"] = "guidance_issued"
    org_id: Annotated[Id, _ANY_ORG]
    document_ref: Annotated[Text, Field(min_length=1)]
    scope: GuidanceScope


class WaiverGranted(EventBase):
    """A waiver: names one result, either by ``result_id`` or by obligation + subject + key."""

    kind: Literal["waiver_granted"] = "waiver_granted"
    result_id: Annotated[Text, Field(min_length=1)] | None = None
    obligation_id: Annotated[str, Field(pattern=r"^D[1-9]\.K[0-9]+[a-z]?$")] | None = None
    subject_id: Id | None = None
    period: Annotated[str, Field(pattern=r"^\d{4}(-H[12])?$")] | None = None
    about_event_id: Id | None = None
    granted_by_org_id: Annotated[Id, _ANY_ORG]
    reason: Annotated[Text, Field(min_length=1)]


Event = Annotated[
    Union[
        MembersListedByResidence,
        IntroductionSent,
        AwayNoticeSent,
        IntroductionReceived,
        IntroductionForwarded,
        MemberRegistered,
        MemberNotified,
        MeetingDirected,
        MeetingHeld,
        OpinionContributed,
        OpinionConveyed,
        ResidenceChanged,
        ResidenceChangeReported,
        StatusChanged,
        StatusChangeNotified,
        CategoryChanged,
        AwayStatusChanged,
        AnnualSelfReport,
        AnnualReviewScheduled,
        AnnualReviewHeld,
        CommentsRequested,
        CommentFormIssued,
        CommentFormSent,
        CommentFormCertified,
        CommentFormForwarded,
        CommentsCommunicated,
        PersonnelActionPlanned,
        PersonnelActionCancelled,
        CommentDisputed,
        ResidenceConsultationHeld,
        MisconductObserved,
        MisconductReported,
        CommendationProposed,
        CommendationGranted,
        HandlingProposed,
        FollowUpRecorded,
        InspectionRequested,
        JointInspectionHeld,
        CampaignParticipation,
        ConductBreachRecorded,
        DisseminationHeld,
        ImplementationReportSent,
        ImplementationReviewHeld,
        MonitoringReportSent,
        GuidanceIssued,
        WaiverGranted,
    ],
    Field(discriminator="kind"),
]
"""Any event; the ``kind`` field selects the model."""

EVENT_MODELS: tuple[type[EventBase], ...] = get_args(get_args(Event)[0])
"""Every event model, in the order of docs/facts.md."""

EVENT_KINDS: tuple[str, ...] = tuple(m.model_fields["kind"].annotation.__args__[0] for m in EVENT_MODELS)  # type: ignore[union-attr]
"""Every event kind, in declaration order."""

EVENT_MODEL_BY_KIND: Mapping[str, type[EventBase]] = MappingProxyType(dict(zip(EVENT_KINDS, EVENT_MODELS)))
"""The event model of each kind (``EVENT_MODEL_BY_KIND["introduction_sent"] is IntroductionSent``),
in declaration order; :data:`EVENT_MODELS` is the same models as a tuple."""

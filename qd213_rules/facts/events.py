"""Events: one model per ``kind`` of DESIGN.md §2, and the :data:`Event` discriminated union.

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

from enum import StrEnum
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
    "EventBase",
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
_WORK_COMMITTEE = OrgRef((K.WORKPLACE_COMMITTEE,))
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
    WORKING_MEMBERS = "working_members"
    """Họp đảng viên đang công tác (Đ4 K3): the periodic meetings of Đ2 K3 point a."""
    OTHER = "other"
    """Other meetings convened by the residence committee (Đ2 K3 point b)."""
    PEOPLE = "people"
    """Meetings of the people at the residence (Đ2 K4 point a)."""


class StatusChange(StrEnum):
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
"""Changes that end the member's duties under the regulation (DESIGN.md §7.7)."""


class ForwardChannel(StrEnum):
    DIRECT = "direct"
    """Sent by the commune committee to the workplace (by post or by hand)."""
    VIA_MEMBER = "via_member"
    """Carried by the member from the commune to the workplace."""
    ONLINE = "online"
    """Sent through the national public-service portal."""


class Assessment(StrEnum):
    EXCELLENT = "excellent"
    GOOD = "good"
    FULFILLED = "fulfilled"
    NOT_FULFILLED = "not_fulfilled"


class PersonnelAction(StrEnum):
    APPOINTMENT = "appointment"
    NOMINATION = "nomination"


class MisconductNature(StrEnum):
    LAW_VIOLATION = "law_violation"
    LACKS_EXEMPLARY_CONDUCT = "lacks_exemplary_conduct"
    SERIOUS_LOCAL_RULE_BREACH = "serious_local_rule_breach"
    NON_COMPLIANCE = "non_compliance"


class FollowUpAction(StrEnum):
    COMMENDED = "commended"
    REMINDED = "reminded"
    CRITICISED = "criticised"
    DISCIPLINARY_REVIEW = "disciplinary_review"


class ReviewKind(StrEnum):
    INTERIM = "interim"
    FINAL = "final"
    INSPECTION = "inspection"


class GuidanceScope(StrEnum):
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
    kind: Literal["members_listed_by_residence"]
    org_id: Annotated[Id, _WORK]
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]


class IntroductionSent(EventBase):
    kind: Literal["introduction_sent"]
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]


class AwayNoticeSent(EventBase):
    kind: Literal["away_notice_sent"]
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]
    written: Flag


class IntroductionReceived(EventBase):
    kind: Literal["introduction_received"]
    member_id: MemberId
    org_id: Annotated[Id, _COMMUNE]
    about_event_id: Annotated[Id, EventRef(("introduction_sent",))]


class IntroductionForwarded(EventBase):
    kind: Literal["introduction_forwarded"]
    member_id: MemberId
    from_org_id: Annotated[Id, _COMMUNE]
    to_org_id: Annotated[Id, _RES_CELL]


class MemberRegistered(EventBase):
    kind: Literal["member_registered"]
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]


class MemberNotified(EventBase):
    kind: Literal["member_notified"]
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]


class MeetingDirected(EventBase):
    kind: Literal["meeting_directed"]
    org_id: Annotated[Id, _COMMUNE]
    to_org_ids: Annotated[tuple[Id, ...], _RES_CELL, Field(min_length=1)]


class MeetingHeld(EventBase):
    kind: Literal["meeting_held"]
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
    kind: Literal["opinion_contributed"]
    member_id: MemberId
    org_id: Annotated[Id, _ANY_ORG]


class OpinionConveyed(EventBase):
    kind: Literal["opinion_conveyed"]
    member_id: MemberId
    authority: Annotated[Text, Field(min_length=1)]


class ResidenceChanged(EventBase):
    kind: Literal["residence_changed"]
    member_id: MemberId
    from_residence_cell_id: Annotated[Id, _RES_CELL] | None = None
    """The replayed residence before the move; omitted only when the member had none (a
    member exempt from introduction who now gets a residence)."""
    to_residence_cell_id: Annotated[Id, _RES_CELL]


class ResidenceChangeReported(EventBase):
    kind: Literal["residence_change_reported"]
    member_id: MemberId
    to_org_id: Annotated[Id, _WORK_OR_RES]
    about_event_id: Annotated[Id, EventRef(("residence_changed",))]


class StatusChanged(EventBase):
    kind: Literal["status_changed"]
    member_id: MemberId
    change: StatusChange
    from_workplace_cell_id: Annotated[Id, _WORK] | None = None
    new_workplace_cell_id: Annotated[Id, _WORK] | None = None


class StatusChangeNotified(EventBase):
    kind: Literal["status_change_notified"]
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _RES_SIDE]
    about_event_id: Annotated[Id, EventRef(("status_changed",))]


class CategoryChanged(EventBase):
    kind: Literal["category_changed"]
    member_id: MemberId
    category: Category
    decided_by_org_id: Annotated[Id, _ANY_ORG]


class AwayStatusChanged(EventBase):
    kind: Literal["away_status_changed"]
    member_id: MemberId
    away_status: AwayStatus


class AnnualSelfReport(EventBase):
    kind: Literal["annual_self_report"]
    member_id: MemberId
    year: Year
    to_org_id: Annotated[Id, _WORK]


class AnnualReviewScheduled(EventBase):
    kind: Literal["annual_review_scheduled"]
    org_id: Annotated[Id, _WORK]
    year: Year
    planned_date: IsoDate


class AnnualReviewHeld(EventBase):
    kind: Literal["annual_review_held"]
    org_id: Annotated[Id, _WORK]
    year: Year
    attendee_ids: MemberIds = ()


class CommentsRequested(EventBase):
    kind: Literal["comments_requested"]
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]
    year: Year
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]


class CommentFormIssued(EventBase):
    kind: Literal["comment_form_issued"]
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]
    year: Year
    with_front_committee: Flag
    assessment: Assessment


_FORM = EventRef(("comment_form_issued",), same_member=False)


class CommentFormSent(EventBase):
    kind: Literal["comment_form_sent"]
    about_event_id: Annotated[Id, _FORM]
    from_org_id: Annotated[Id, _RES_CELL]
    to_org_id: Annotated[Id, _COMMUNE]


class CommentFormCertified(EventBase):
    kind: Literal["comment_form_certified"]
    about_event_id: Annotated[Id, _FORM]
    org_id: Annotated[Id, _COMMUNE]


class CommentFormForwarded(EventBase):
    kind: Literal["comment_form_forwarded"]
    about_event_id: Annotated[Id, _FORM]
    from_org_id: Annotated[Id, _COMMUNE]
    to_org_id: Annotated[Id, _WORK]
    channel: ForwardChannel = ForwardChannel.DIRECT
    """How the certified form reached the workplace; every channel counts the same."""


class CommentsCommunicated(EventBase):
    kind: Literal["comments_communicated"]
    member_id: MemberId
    org_id: Annotated[Id, _WORK]
    year: Year


class PersonnelActionPlanned(EventBase):
    kind: Literal["personnel_action_planned"]
    member_id: MemberId
    action: PersonnelAction
    decision_date: IsoDate
    effective_date: IsoDate | None = None


class PersonnelActionCancelled(EventBase):
    kind: Literal["personnel_action_cancelled"]
    about_event_id: Annotated[Id, EventRef(("personnel_action_planned",), same_member=False)]


class CommentDisputed(EventBase):
    kind: Literal["comment_disputed"]
    member_id: MemberId
    about_event_id: Annotated[Id, EventRef(("comment_form_issued",))]


class ResidenceConsultationHeld(EventBase):
    kind: Literal["residence_consultation_held"]
    member_id: MemberId
    from_org_id: Annotated[Id, _WORK]
    with_org_id: Annotated[Id, _RES_SIDE]
    about_event_id: Annotated[Id, EventRef(("personnel_action_planned", "comment_disputed"))]


class MisconductObserved(EventBase):
    kind: Literal["misconduct_observed"]
    member_id: MemberId
    org_id: Annotated[Id, _RES_CELL]
    nature: MisconductNature


class MisconductReported(EventBase):
    kind: Literal["misconduct_reported"]
    member_id: MemberId
    from_org_id: Annotated[Id, _RES_SIDE]
    to_org_id: Annotated[Id, _WORK_OR_RES]
    about_event_id: Annotated[Id, EventRef(("misconduct_observed",))]


class CommendationProposed(EventBase):
    kind: Literal["commendation_proposed"]
    member_id: MemberId
    from_org_id: Annotated[Id, _ANY_ORG]
    to_org_id: Annotated[Id, _ANY_ORG]


class CommendationGranted(EventBase):
    kind: Literal["commendation_granted"]
    member_id: MemberId
    by_org_id: Annotated[Id, _ANY_ORG]


class HandlingProposed(EventBase):
    kind: Literal["handling_proposed"]
    member_id: MemberId
    from_org_id: Annotated[Id, _RES_SIDE]
    to_org_id: Annotated[Id, _WORK]


class FollowUpRecorded(EventBase):
    kind: Literal["follow_up_recorded"]
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
    kind: Literal["inspection_requested"]
    from_org_id: Annotated[Id, _WORK]
    to_org_id: Annotated[Id, _COMMUNE]
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]


class JointInspectionHeld(EventBase):
    kind: Literal["joint_inspection_held"]
    org_ids: Annotated[tuple[Id, ...], _ANY_ORG, Field(min_length=1)]
    member_ids: Annotated[tuple[Id, ...], _MEMBER, Field(min_length=1)]
    about_event_id: Annotated[Id, EventRef(("inspection_requested",), same_member=False)] | None = None


class CampaignParticipation(EventBase):
    kind: Literal["campaign_participation"]
    member_id: MemberId
    org_id: Annotated[Id, _ANY_ORG]
    family_mobilised: Flag


class ConductBreachRecorded(EventBase):
    kind: Literal["conduct_breach_recorded"]
    member_id: MemberId
    obligation_id: Annotated[str, Field(pattern=r"^D[1-9]\.K[0-9]+[a-z]?$")]
    recorded_by_org_id: Annotated[Id, _ANY_ORG]
    """The member's workplace committee or an ancestor, or the residence commune (checked by
    the engine, which knows the member's state on the date)."""


class DisseminationHeld(EventBase):
    kind: Literal["dissemination_held"]
    org_id: Annotated[Id, _ANY_ORG]
    to_org_ids: Annotated[tuple[Id, ...], _ANY_ORG] = ()


class ImplementationReportSent(EventBase):
    kind: Literal["implementation_report_sent"]
    org_id: Annotated[Id, _PROVINCIAL]
    year: Year


class ImplementationReviewHeld(EventBase):
    kind: Literal["implementation_review_held"]
    org_id: Annotated[Id, _COC]
    review_kind: ReviewKind


class MonitoringReportSent(EventBase):
    kind: Literal["monitoring_report_sent"]
    org_id: Annotated[Id, _COC]
    about_event_id: Annotated[Id, EventRef(("implementation_review_held",), same_member=False)]


class GuidanceIssued(EventBase):
    kind: Literal["guidance_issued"]
    org_id: Annotated[Id, _ANY_ORG]
    document_ref: Annotated[Text, Field(min_length=1)]
    scope: GuidanceScope


class WaiverGranted(EventBase):
    """A waiver: names one result, either by ``result_id`` or by obligation + subject + key."""

    kind: Literal["waiver_granted"]
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
"""Every event model, in the order of DESIGN.md §2."""

EVENT_KINDS: tuple[str, ...] = tuple(m.model_fields["kind"].annotation.__args__[0] for m in EVENT_MODELS)  # type: ignore[union-attr]
"""Every event kind, in declaration order."""

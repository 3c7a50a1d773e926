"""The fact layer: models, loading, referential checks, JSON Schema (docs/facts.md).

Importing this package pulls in pydantic only (no rules engine, no pandas): the CLI's
``schema`` and ``validate`` commands rely on that.

>>> from qd213_rules.facts import facts_json_schema
>>> sorted(facts_json_schema()["properties"])
['events', 'members', 'observation', 'organizations', 'schema_version']
"""

from typing import TYPE_CHECKING, Any

from .document import SCHEMA_VERSION, FactDocument, Observation
from .events import (  # every event model, so that code can build facts
    EVENT_KINDS,
    EVENT_MODEL_BY_KIND,
    EVENT_MODELS,
    Event,
    EventBase,
    AnnualReviewHeld,
    AnnualReviewScheduled,
    AnnualSelfReport,
    AwayNoticeSent,
    AwayStatusChanged,
    CampaignParticipation,
    CategoryChanged,
    CommendationGranted,
    CommendationProposed,
    CommentDisputed,
    CommentFormCertified,
    CommentFormForwarded,
    CommentFormIssued,
    CommentFormSent,
    CommentsCommunicated,
    CommentsRequested,
    ConductBreachRecorded,
    DisseminationHeld,
    FollowUpRecorded,
    GuidanceIssued,
    HandlingProposed,
    ImplementationReportSent,
    ImplementationReviewHeld,
    InspectionRequested,
    IntroductionForwarded,
    IntroductionReceived,
    IntroductionSent,
    JointInspectionHeld,
    MeetingDirected,
    MeetingHeld,
    MemberNotified,
    MemberRegistered,
    MembersListedByResidence,
    MisconductObserved,
    MisconductReported,
    MonitoringReportSent,
    OpinionContributed,
    OpinionConveyed,
    PersonnelActionCancelled,
    PersonnelActionPlanned,
    ResidenceChangeReported,
    ResidenceChanged,
    ResidenceConsultationHeld,
    StatusChangeNotified,
    StatusChanged,
    WaiverGranted,
)
from .checks import WarningCode
from .factset import FactSet, MemberState, Stay
from .located import DataWarning, SourceLocation
from .loader import FactLine, JsonLinesHeader, Limits, iter_fact_lines, load_facts
from .members import AwayStatus, Category, Member
from .organizations import Organization, OrgKind

if TYPE_CHECKING:
    from .schema import facts_json_schema, lines_json_schema


def __getattr__(name: str) -> Any:
    # imported on first use, so that ``python -m qd213_rules.facts.schema`` runs cleanly
    if name in ("facts_json_schema", "lines_json_schema"):
        from . import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "SCHEMA_VERSION",
    "FactDocument",
    "Observation",
    "Event",
    "EVENT_KINDS",
    "EVENT_MODELS",
    "EVENT_MODEL_BY_KIND",
    "Organization",
    "OrgKind",
    "Member",
    "Category",
    "AwayStatus",
    "FactSet",
    "SourceLocation",
    "DataWarning",
    "MemberState",
    "Stay",
    "WarningCode",
    "Limits",
    "load_facts",
    "iter_fact_lines",
    "FactLine",
    "JsonLinesHeader",
    "facts_json_schema",
    "lines_json_schema",
    "EventBase",
    "AnnualReviewHeld",
    "AnnualReviewScheduled",
    "AnnualSelfReport",
    "AwayNoticeSent",
    "AwayStatusChanged",
    "CampaignParticipation",
    "CategoryChanged",
    "CommendationGranted",
    "CommendationProposed",
    "CommentDisputed",
    "CommentFormCertified",
    "CommentFormForwarded",
    "CommentFormIssued",
    "CommentFormSent",
    "CommentsCommunicated",
    "CommentsRequested",
    "ConductBreachRecorded",
    "DisseminationHeld",
    "FollowUpRecorded",
    "GuidanceIssued",
    "HandlingProposed",
    "ImplementationReportSent",
    "ImplementationReviewHeld",
    "InspectionRequested",
    "IntroductionForwarded",
    "IntroductionReceived",
    "IntroductionSent",
    "JointInspectionHeld",
    "MeetingDirected",
    "MeetingHeld",
    "MemberNotified",
    "MemberRegistered",
    "MembersListedByResidence",
    "MisconductObserved",
    "MisconductReported",
    "MonitoringReportSent",
    "OpinionContributed",
    "OpinionConveyed",
    "PersonnelActionCancelled",
    "PersonnelActionPlanned",
    "ResidenceChangeReported",
    "ResidenceChanged",
    "ResidenceConsultationHeld",
    "StatusChangeNotified",
    "StatusChanged",
    "WaiverGranted",
]

"""Plain records of the obligation fields the evaluation reads per occasion.

An :class:`~qd213_rules.articles.Obligation` (and its rule, triggers and evidence) is a frozen
pydantic model. ``BaseModel`` defines ``__getattr__`` (for its private attributes), so CPython
cannot specialise a read of one of its fields: every read goes through the type's
``__getattr__`` hook, about three times the cost of a read of a slotted attribute. A province's
evaluation reads the catalogue's fields millions of times (an occasion's obligation id, kind,
subject, rule and dates in force, its trigger's and evidence's fields), so the hot paths read
them off a :class:`Duty` instead: the same values, copied once per process and obligation
object (:func:`duty_of`). The catalogue itself stays what users read.
"""

from __future__ import annotations

import datetime as dt

from ..articles import Obligation
from ..articles._model import Kind, SubjectType
from ..articles._rule import Evidence, Rule, Trigger
from ..categories import Category

__all__ = ["DUTIES", "Duty", "TriggerFields", "duty_of"]

_STANDING = frozenset({Kind.CONDUCT, Kind.DISCRETIONARY, Kind.ONE_OFF, Kind.DERIVED})
"""The kinds of duty whose results are dated ``as_of`` (:func:`.in_force.result_day`)."""


class TriggerFields:
    """The fields of one :class:`~qd213_rules.articles._rule.Trigger` read for each matched trigger event."""

    __slots__ = ("bearer_field", "subject_field", "extension", "requires", "chain_step", "chain_residence", "key")

    def __init__(self, trigger: Trigger) -> None:
        self.bearer_field: str | None = trigger.bearer_field
        self.subject_field: str | None = trigger.subject_field
        self.extension: bool = trigger.extension
        self.requires: tuple[str, ...] = trigger.requires
        self.chain_step: bool = trigger.chain_step
        self.chain_residence: tuple[str, str] | None = trigger.chain_residence
        self.key: str = trigger.key


class Duty:
    """The fields of one obligation (and of its rule) that judging an occasion reads, as plain
    slots: each is the obligation's own value (the same object), and ``obligation`` is the
    obligation itself (kept alive, so that the id :func:`duty_of` keys it by stays its own)."""

    __slots__ = ("obligation", "id", "kind", "subject", "is_member", "standing", "categories", "in_force_from",
                 "in_force_to", "rule", "gate", "bearer", "recipients", "survives_end", "violated_reason",
                 "partial_reason", "evidence", "evidence_reasons", "evidence_by", "effects", "preconditions",
                 "triggers", "kind_text", "subject_text", "citation")

    def __init__(self, ob: Obligation) -> None:
        self.obligation = ob
        self.id: str = ob.id
        self.kind: Kind = ob.kind
        self.subject: SubjectType = ob.subject
        self.is_member = ob.subject is SubjectType.MEMBER
        self.standing = ob.kind in _STANDING
        """Its results are dated ``as_of`` (conduct, discretionary, one-off, derived)."""
        self.categories: frozenset[Category] = ob.categories
        self.in_force_from: dt.date = ob.in_force_from
        self.in_force_to: dt.date | None = ob.in_force_to
        rule = ob.rule
        self.rule: Rule | None = rule
        self.gate: str | None = rule.gate if rule is not None else None
        self.bearer: str = rule.bearer if rule is not None else "member"
        self.recipients: tuple[str, ...] = rule.recipients if rule is not None else ()
        self.survives_end: bool = rule.survives_end if rule is not None else False
        self.violated_reason: str | None = rule.violated_reason if rule is not None else None
        self.partial_reason: str = rule.partial_reason if rule is not None else "recipients_missing"
        evidence = rule.evidence if rule is not None else ()
        self.evidence: tuple[Evidence, ...] = evidence
        self.evidence_reasons: tuple[str | None, ...] = tuple(e.reason for e in evidence)
        """Each evidence rule's ``reason``, by its index."""
        self.evidence_by: tuple[str, ...] = tuple(e.by for e in evidence)
        """Each evidence rule's ``by`` (``due`` or ``review``), by its index."""
        self.effects: tuple[str, ...] = tuple(e.effect for e in evidence)
        """Each evidence rule's ``effect``, by its index."""
        self.preconditions: tuple[Evidence, ...] = tuple(e for e in evidence if e.effect == "precondition")
        self.triggers: tuple[TriggerFields, ...] = tuple(map(TriggerFields, rule.triggers)) if rule is not None else ()
        # what every result of the obligation repeats, as the report writes it: one string object
        # shared by its millions of results
        self.kind_text: str = ob.kind.value
        self.subject_text: str = ob.subject.value
        self.citation: str = ob.citation.text("vi")


def duty_of(ob: Obligation) -> Duty:
    """The :class:`Duty` of ``ob`` (made once per process and obligation object)."""
    found = DUTIES.get(id(ob))
    if found is None or found.obligation is not ob:
        found = DUTIES[id(ob)] = Duty(ob)
    return found


DUTIES: dict[int, Duty] = {}
"""By the obligation's ``id()``: hashing a frozen pydantic model hashes every field. An entry
keeps its obligation alive, so its key is never another object's (a process has a few hundred)."""

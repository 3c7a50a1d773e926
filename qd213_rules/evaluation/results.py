"""Statuses, results and the trace that explains each result (semantics, statuses).

>>> Status.OVERDUE.severity
'warning'
>>> worst([Status.FULFILLED, Status.DUE, Status.WAIVED])
<Status.DUE: 'due'>
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, make_dataclass
from enum import StrEnum
from json.encoder import encode_basestring
from typing import Any, cast

from ..messages import Lang, t

__all__ = ["Status", "Reason", "Result", "Trace", "TraceEvidence", "UnusedFact", "worst", "deciding_sources",
           "STATUS_ORDER", "jsonable", "new_result", "new_reason", "bare_reason", "given_id", "NO_PARAMS",
           "MessageMaker", "given_message", "id_slot", "message_slot", "unfrozen_reason", "unfrozen_result", "blank_result",
           "shared_reason", "SHARED_REASONS", "SharedParams"]


class Status(StrEnum):
    NOT_APPLICABLE = "not_applicable"
    ONGOING = "ongoing"
    DUE = "due"
    OVERDUE = "overdue"
    VIOLATED = "violated"
    FULFILLED = "fulfilled"
    FULFILLED_LATE = "fulfilled_late"
    WAIVED = "waived"

    @property
    def severity(self) -> str:
        """``error`` · ``warning`` · ``notice`` · ``none`` (what ``--fail-on`` compares)."""
        return _SEVERITY.get(self, "none")

    @property
    def rank(self) -> int:
        """Position in the order of semantics §14 (higher is worse)."""
        return _RANKS[self]


_SEVERITY = {Status.VIOLATED: "error", Status.OVERDUE: "warning", Status.DUE: "notice"}

STATUS_ORDER: tuple[Status, ...] = (
    Status.NOT_APPLICABLE,
    Status.WAIVED,
    Status.ONGOING,
    Status.FULFILLED,
    Status.FULFILLED_LATE,
    Status.DUE,
    Status.OVERDUE,
    Status.VIOLATED,
)
"""semantics §14, best first: violated > overdue > due > fulfilled_late > fulfilled > ongoing
> waived > not_applicable."""

_RANKS: dict[Status, int] = {status: rank for rank, status in enumerate(STATUS_ORDER)}
""":attr:`Status.rank` of each status (read from a table: a derived result ranks each source)."""

SEVERITY_RANK = {"none": 0, "notice": 1, "warning": 2, "error": 3}


def deciding_sources(sources: Iterable[Result], status: Status) -> list[str]:
    """The obligation ids of the sources whose status a derived result restates (each once, in
    order): the ones at that status."""
    return list(dict.fromkeys([s.obligation_id for s in sources if s.status is status]))  # a list: no generator's steps


def worst(statuses: Iterable[Status]) -> Status:
    """The worst status (semantics §14); not_applicable for none."""
    return max(statuses, key=_RANKS.__getitem__, default=_NOT_APPLICABLE)


_NOT_APPLICABLE = Status.NOT_APPLICABLE
"""Read once (in Python 3.11 reading an enum member through its class goes through the
metaclass's ``__getattr__`` hook: about ten times a global's cost)."""


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class _NoParams(dict[str, Any]):
    """The ``params`` of a reason that results share (the empty ones of :func:`bare_reason`,
    those of :func:`shared_reason`): a ``dict`` (the public type of :attr:`Reason.params`) that
    refuses every change, since one object stands for the parameters of many results. A copy
    (``dict(params)``, pickling) is a dict of its own."""

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("the parameters of a shared reason cannot change: build a new Reason")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def __reduce__(self) -> tuple[type[_NoParams], tuple[dict[str, Any]]]:
        # rebuilt from a copy of its items (pickle's default would set them one by one)
        return type(self), (dict(self),)


NO_PARAMS: dict[str, Any] = _NoParams()
"""The empty ``params`` shared by every :func:`bare_reason` (read-only)."""

SharedParams: type[dict[str, Any]] = _NoParams
"""The type of the read-only ``params`` of a reason that results share (:func:`bare_reason`,
:func:`shared_reason`): a reason whose params are of this type says the same as long as it
lives, so a writer may keep what it wrote for it by its identity (:mod:`qd213_rules.jsonout`)."""


def shared_reason(code: str, policy: str | None, evidence: str) -> Reason:
    """``Reason(code, params)`` whose params are the ``policy`` label of a deadline (when one)
    then the ``evidence`` the message names (when one), in that order, as the judge writes them
    for most results — one object, its params read-only, for the results that say the same:
    the members of a cell who attended one meeting, the yearly duties of one member whose
    duties ended. Kept for the last few thousand reasons asked for (a province's results come
    subject by subject, and those that share a reason come close together)."""
    key = (code, policy, evidence)
    found = SHARED_REASONS.get(key)
    if found is None:
        if len(SHARED_REASONS) >= SHARED_REASONS_KEPT:
            SHARED_REASONS.clear()
        params = {"policy": policy} if policy else {}
        if evidence:
            params["evidence"] = evidence
        found = SHARED_REASONS[key] = new_reason(code, _NoParams(params)) if params else bare_reason(code)
    return found


SHARED_REASONS: dict[tuple[str, str | None, str], Reason] = {}
"""What :func:`shared_reason` keeps, by its arguments (read-only: for the judge's loop, which
looks a reason up before it calls :func:`shared_reason`)."""
SHARED_REASONS_KEPT = 1 << 12
"""At 2,000 members, 12,533 of the 13,310 results whose reason another result shares find it
among the last 4,096 asked for (and every one among the last 65,536)."""


def bare_reason(code: str) -> Reason:
    """``Reason(code)`` with no parameters, one object per code for the whole process: about
    half of a province's results have a reason without parameters, and a reason of its own
    with an empty dict would cost each of them 112 bytes."""
    found = _BARE_REASONS.get(code)
    if found is None:
        found = _BARE_REASONS[code] = Reason(code, NO_PARAMS)
    return found


_BARE_REASONS: dict[str, Reason] = {}

_ReasonFields = make_dataclass("_ReasonFields", [(f.name, f.type) for f in fields(Reason)], slots=True)
"""The fields of a :class:`Reason`, in the same slots, but not frozen (see :func:`new_reason`)."""


unfrozen_reason: Callable[[str, dict[str, Any]], Any] = _ReasonFields
"""What :func:`new_reason` builds before the object becomes a :class:`Reason` (``obj.__class__ =
Reason``): for a loop that builds a reason per step, without the extra call (the judge's)."""


def new_reason(code: str, params: dict[str, Any]) -> Reason:
    """``Reason(code, params)`` without the frozen ``__init__`` (one per result with
    parameters, most of a province's results), as :func:`new_result` builds a result."""
    reason: Any = _ReasonFields(code, params)
    reason.__class__ = Reason
    return cast(Reason, reason)


@dataclass(frozen=True, slots=True)
class TraceEvidence:
    """One matched fact and what it did."""

    event_id: str
    date: dt.date
    kind: str
    effect: str
    rule: str
    recipient: str | None = None
    counted: bool = True


@dataclass(frozen=True, slots=True)
class Trace:
    """How a result was decided: the trigger, the evidence, the deadline arithmetic, the rule."""

    occasion: str
    occasion_date: dt.date | None
    trigger_event_id: str | None
    evidence: tuple[TraceEvidence, ...] = ()
    deadline_steps: tuple[tuple[str, str], ...] = ()
    """(label, value) lines: the anchor, each policy parameter added or subtracted, the due date."""
    decided_by: str = ""
    """The judge rule that decided the status (a stable label)."""
    evaluated_as_of: dt.date | None = None
    recipients: tuple[tuple[str, tuple[str, ...], bool], ...] = ()
    """(role, acceptable organisations, reached?)."""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """One status of one obligation for one subject and key (semantics, statuses)."""

    result_id: str
    obligation_id: str
    kind: str
    citation: str
    subject_type: str
    subject_id: str
    bearer_id: str
    period: str | None
    trigger_event_id: str | None
    status: Status
    due_date: dt.date | None
    fulfilled_on: dt.date | None
    evidence: tuple[str, ...]
    reason: Reason
    extension: bool = False
    derived_from: tuple[str, ...] = ()
    message: str = ""
    trace: Trace | None = field(default=None, compare=False, repr=False)

    @property
    def severity(self) -> str:
        """The status's severity; ``none`` for a derived result (D1.K2a/b), which restates
        findings its sources already carry, so that no finding is counted twice (semantics R6)."""
        return "none" if self.kind == "derived" else self.status.severity

    @property
    def key(self) -> str:
        return self.period or self.trigger_event_id or "-"

    def to_dict(self) -> dict[str, Any]:
        """The result as in the JSON report (stable key order)."""
        return {
            "result_id": self.result_id,
            "obligation_id": self.obligation_id,
            "kind": self.kind,
            "citation": self.citation,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "bearer_id": self.bearer_id,
            "period": self.period,
            "trigger_event_id": self.trigger_event_id,
            "status": self.status.value,
            "severity": self.severity,
            "due_date": self.due_date.isoformat() if self.due_date else None,
            "fulfilled_on": self.fulfilled_on.isoformat() if self.fulfilled_on else None,
            "evidence": list(self.evidence),
            "reason": {"code": self.reason.code, "params": jsonable(self.reason.params)},
            "extension": self.extension,
            "derived_from": list(self.derived_from),
            "message": self.message,
        }


def _stored_or_made_id(result: Result) -> str:
    """``result.result_id``: the id it was given, else (``None``: the engine's own results) the
    id made of its parts, ``obligation|subject|key|bearer`` — written when read, so that a
    province's millions of results do not each keep a string of about 80 bytes that their other
    fields already say."""
    stored: str | None = _RESULT_ID_SLOT.__get__(result, Result)
    if stored is not None:
        return stored
    return f"{result.obligation_id}|{result.subject_id}|{result.period or result.trigger_event_id or '-'}|{result.bearer_id}"


def given_id(result: Result) -> str | None:
    """The id ``result`` was built with; ``None`` when its id is made of its parts when read
    (what a copy of the result needs to give its own: :mod:`qd213_rules.parallel`)."""
    given: str | None = _RESULT_ID_SLOT.__get__(result, Result)
    return given


# the slot keeps what the constructor was given (the dataclass's __init__, __setstate__ and
# dataclasses.replace set it through the property); reading it gives the id, made if need be;
# equality, hashing, repr, to_dict and pickling read it as every other field
_RESULT_ID_SLOT: Any = Result.__dict__["result_id"]
setattr(Result, "result_id", property(_stored_or_made_id, _RESULT_ID_SLOT.__set__, doc=_stored_or_made_id.__doc__))


class MessageMaker:
    """What a result keeps in place of its message when the message is written when read: one
    object per language (the judge's templates, :mod:`.judge`) that writes the message from the
    result's own fields (its reason, dates and period, and nothing else: the JSON writer keeps
    what it wrote for a shared reason, :func:`message_slot`). Most of a province's messages name a fact
    or a date of their own, and a string per result cost about 57 bytes per result on average;
    every reader — the report writers, ``to_dict``, equality, pickling — reads the text."""

    __slots__ = ()

    def message_of(self, result: Result) -> str:
        """The message of ``result``. Abstract: the judge's template table of each language
        (:mod:`.judge`) writes it; this base class only names the method that
        ``result.message`` calls (a plain base, not :class:`abc.ABC`, because ``result.message``
        tests ``isinstance`` on every read and an ABC's check is slower)."""
        raise NotImplementedError

    def message_json(self, result: Result) -> bytes:
        """The message of ``result`` as a JSON string (``json.dumps(…, ensure_ascii=False)``) in
        UTF-8, what the report writers write: :meth:`message_of` escaped and encoded, unless a
        maker writes it from parts it keeps escaped and encoded (the judge's templates do)."""
        return encode_basestring(self.message_of(result)).encode()

    def json_filler(self, code: str, names: tuple[str, ...]) -> JsonFiller | None:
        """What writes :meth:`message_json` of any result whose reason has ``code`` and params
        named ``names`` (in that order), every one of them a string, from their JSON texts (in
        that order, quotes included) and the result's due date, fulfilment date and period: for
        a writer that encodes the params' values anyway and writes many such results (the JSON
        report: one filler per code and names for the process). None: no such writer (the
        writer calls :meth:`message_json`)."""
        return None


JsonFiller = Callable[[list[str], dt.date | None, dt.date | None, str | None], bytes]
"""A :meth:`MessageMaker.json_filler`: (the params' values as JSON texts, due date, fulfilment
date, period) to the message as JSON in UTF-8."""


def _stored_or_made_message(result: Result) -> str:
    """``result.message``: the text it was given, else the text its :class:`MessageMaker` writes."""
    stored: Any = _MESSAGE_SLOT.__get__(result, Result)
    if type(stored) is str or not isinstance(stored, MessageMaker):
        return cast(str, stored)
    return stored.message_of(result)


def given_message(result: Result) -> str | None:
    """The message text ``result`` was built with; ``None`` when its :class:`MessageMaker`
    writes it when read."""
    given: Any = _MESSAGE_SLOT.__get__(result, Result)
    return None if isinstance(given, MessageMaker) else cast(str, given)


# as for the result id: the slot keeps what the result was built with, reading gives the text
_MESSAGE_SLOT: Any = Result.__dict__["message"]
setattr(Result, "message", property(_stored_or_made_message, _MESSAGE_SLOT.__set__, doc=_stored_or_made_message.__doc__))

id_slot: Callable[[Result, type[Result]], str | None] = _RESULT_ID_SLOT.__get__
"""``id_slot(result, Result)``: the id ``result`` was given, else ``None`` (its id is made of its
parts when read) — :func:`given_id` without a call of its own, for the JSON writer's loop."""

message_slot: Callable[[Result, type[Result]], str | MessageMaker] = _MESSAGE_SLOT.__get__
"""``message_slot(result, Result)``: the message ``result`` was given, else the
:class:`MessageMaker` that writes it when read, for the JSON writer's loop: it writes the message
of a shared reason (:func:`bare_reason`) once per maker, dates and period, rather than once per
result."""


_ResultFields = make_dataclass("_ResultFields", [(f.name, f.type) for f in fields(Result)], slots=True)
"""The fields of a :class:`Result`, in the same slots, but not frozen (see :data:`unfrozen_result`)."""


unfrozen_result: type[Any] = _ResultFields
"""A plain slotted twin of :class:`Result`, built with the same arguments as :func:`new_result`
and then made a :class:`Result` (``obj.__class__ = Result``): for a loop that builds a result per step, without the
extra call of 18 arguments. A loop that sets all 18 itself starts from :data:`blank_result`
(cheaper still)."""


def new_result(
    result_id: str | None,
    obligation_id: str,
    kind: str,
    citation: str,
    subject_type: str,
    subject_id: str,
    bearer_id: str,
    period: str | None,
    trigger_event_id: str | None,
    status: Status,
    due_date: dt.date | None,
    fulfilled_on: dt.date | None,
    evidence: tuple[str, ...],
    reason: Reason,
    extension: bool,
    derived_from: tuple[str, ...],
    message: str | MessageMaker,
    trace: Trace | None,
) -> Result:
    """``Result(...)`` with every field given in order, built for a fraction of the cost.

    A frozen dataclass's ``__init__`` sets each of the 18 fields through ``object.__setattr__``;
    at a province's millions of results that is a few percent of a whole check. The fields are
    set in a plain slotted twin of :class:`Result` and the object then becomes a
    :class:`Result` (the two classes have the same slots, so the object is the same either way),
    frozen from then on. ``result_id`` ``None``: the id made of the result's parts, when read;
    ``message`` a :class:`MessageMaker`: the message it writes from the result, when read."""
    # each slot set here, not through the twin's generated __init__ (a Python call of 18
    # arguments, about a third of building a result)
    result: Any = _BlankResult()
    result.result_id = result_id
    result.obligation_id = obligation_id
    result.kind = kind
    result.citation = citation
    result.subject_type = subject_type
    result.subject_id = subject_id
    result.bearer_id = bearer_id
    result.period = period
    result.trigger_event_id = trigger_event_id
    result.status = status
    result.due_date = due_date
    result.fulfilled_on = fulfilled_on
    result.evidence = evidence
    result.reason = reason
    result.extension = extension
    result.derived_from = derived_from
    result.message = message
    result.trace = trace
    result.__class__ = Result
    return cast(Result, result)


class _BlankResult(Result):
    """A :class:`Result` being built (:func:`new_result`, the judge's loop): its class's own slots,
    set in place, and then ``obj.__class__ = Result``, frozen from then on. Called with no
    arguments it gives one with no slot set. Cheaper than the plain twin (:data:`unfrozen_result`)
    by about 700 instructions a result (callgrind): a class made without arguments is called
    straight through its type (``object.__new__(twin)`` is a call through a wrapper, with a tuple
    of arguments), and a class whose base is :class:`Result` itself becomes a :class:`Result`
    without comparing the two classes' 18 slot names. Never seen outside the module's builders."""

    __slots__ = ()
    # the slots set as a plain slotted object's (and so by the interpreter's specialised store):
    # not through Result's frozen __setattr__ and __delattr__ (they share one slot of the type)
    __setattr__ = object.__setattr__
    __delattr__ = object.__delattr__
    __init__ = object.__init__


# the id and the message set in their slots, not through the properties Result reads them by
setattr(_BlankResult, "result_id", _RESULT_ID_SLOT)
setattr(_BlankResult, "message", _MESSAGE_SLOT)

blank_result: Callable[[], Any] = _BlankResult
"""``blank_result()``: a result with no slot set, for a loop that sets all 18 in place and then
makes it a :class:`Result` with ``obj.__class__ = Result`` (the judge's; :func:`new_result`
does the same)."""


def jsonable(value: Any) -> Any:
    """``value`` as the report's JSON holds it: dicts with sorted keys, lists, ISO dates."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class UnusedFact:
    """An input event no result cites, and why."""

    id: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "reason": self.reason}

    def message(self, lang: Lang | None = None) -> str:
        """The reason in words (catalogue entry ``unused.<reason>``)."""
        return t(f"unused.{self.reason}", lang)

"""Fact-level rules of docs/facts.md: shape problems, references, consistency, data warnings.

Three layers, each producing :class:`~qd213_rules.errors.Problem` objects with a stable
:class:`~qd213_rules.errors.ErrorCode`, a location and the fact id:

1. **Shape** — :func:`validate_fact` validates one raw object against its model and maps every
   pydantic error by its ``type`` (never its message text) to an error code, with the JSON path
   of the offending value, the value found and what was expected.
2. **References and consistency** — :func:`check_facts` runs on a :class:`FactSet` under
   construction. Reference checks are generated from the field metadata (``MemberRef``,
   ``OrgRef``, ``EventRef`` on ``Annotated`` fields, see :func:`ref_fields`), so a new event
   model gets its checks by declaring its fields. The remaining rules (conditional fields,
   history, attendance, assessments, organisation tree) are written out below.
3. **Data warnings** — :func:`data_warnings`: suspicious but possible data, never an error.
   Codes are :class:`WarningCode` values; messages are catalogue entries ``warnings.<code>``.

Rules that need the obligation catalogue only (a breach names a member's own conduct duty and is
recorded by the member's workplace committee or above) are checked here; those that need results
(waiver matching and authority, ``waiver_unmatched``) belong to the engine.

``expected`` texts are language-neutral (wire names, ``YYYY-MM-DD``, formulas such as
``change = transferred ⇒ new_workplace_cell_id ≠ null``); the catalogue message around them
carries the words in Vietnamese or English.

>>> [rf.name for rf in ref_fields(Member)]
['workplace_cell_id', 'residence_cell_id']
>>> json_path("$.events[3]", "member_ids", 2)
'$.events[3].member_ids[2]'
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
import types
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..limits import DEFAULT_MAX_ERRORS
from ..errors import ErrorCode, Problem, FactsError
from ._types import EventRef, IsoDate, MemberRef, OrgKind, OrgRef, has_lone_surrogate, nfc
from .events import (
    EVENT_MODEL_BY_KIND,
    EVENT_MODELS,
    AwayNoticeSent,
    CommentFormIssued,
    ConductBreachRecorded,
    Event,
    EventBase,
    FollowUpAction,
    FollowUpRecorded,
    IntroductionSent,
    MeetingHeld,
    MeetingType,
    ResidenceChanged,
    StatusChange,
    StatusChanged,
    WaiverGranted,
)
from .located import DataWarning, SourceLocation
from .members import Category, Member
from .organizations import Organization

if TYPE_CHECKING:
    from .factset import FactSet

__all__ = [
    "WarningCode",
    "RefField",
    "ref_fields",
    "ref_values",
    "RefPlan",
    "ref_plan",
    "json_path",
    "json_kind",
    "lone_surrogate",
    "SURROGATE_EXPECTED",
    "Collector",
    "validate_fact",
    "check_facts",
    "empty_input",
    "data_warnings",
    "DEFAULT_MAX_ERRORS",
    "FactType",
    "EVENT_MODEL_BY_KIND",
]


FactType = Literal["organization", "member", "event"]
"""The ``type`` of a fact line in JSON Lines."""



class WarningCode(StrEnum):
    """Stable codes of data warnings (documented in docs/errors.md; never renamed)."""

    ATTENDEE_NOT_REGISTERED = "attendee_not_registered"
    MOVE_TO_SAME_CELL = "move_to_same_cell"
    ANNUAL_FACT_OUTSIDE_YEAR = "annual_fact_outside_year"
    EVENT_BEFORE_WORKING_SINCE = "event_before_working_since"
    EVENT_AFTER_DUTIES_ENDED = "event_after_duties_ended"
    INTRODUCTION_FOR_EXEMPT_MEMBER = "introduction_for_exempt_member"
    LETTER_TO_OTHER_COMMUNE = "letter_to_other_commune"
    CHANGE_BEFORE_WORKING_SINCE = "change_before_working_since"
    OBSERVATION_DEFAULTED = "observation_defaulted"
    MEMBER_NOT_INVITED = "member_not_invited"
    """A periodic working-members meeting whose ``invited_ids`` leave out a regular member
    registered and notified at the cell by its date: the cell's omission, not the member's."""
    WAIVER_UNMATCHED = "waiver_unmatched"
    """Raised by the engine (it needs the results), listed here so every code lives in one place."""
    AS_OF_BEFORE_OBSERVATION = "as_of_before_observation"
    """Raised by the engine (it needs as_of): the evaluation date precedes observation.from."""


# -- reference metadata ---------------------------------------------------------------------

Marker = Union[MemberRef, OrgRef, EventRef]


@dataclass(frozen=True)
class RefField:
    """A field of a model that holds references: its name, marker, and whether it is a list."""

    name: str
    marker: Marker
    many: bool


def _scan(annotation: Any) -> tuple[Marker | None, bool]:
    """Find a reference marker anywhere in a (nested) annotation; note whether it is a tuple."""
    marker: Marker | None = None
    many = False
    stack = [annotation]
    while stack:
        tp = stack.pop()
        origin = get_origin(tp)
        if origin is Annotated:
            base, *extras = get_args(tp)
            for extra in extras:
                if isinstance(extra, (MemberRef, OrgRef, EventRef)):
                    marker = extra
            stack.append(base)
        elif origin is tuple:
            many = True
            stack.extend(a for a in get_args(tp) if a is not Ellipsis)
        elif origin is Union or origin is types.UnionType:
            stack.extend(get_args(tp))
    return marker, many


def _build_ref_fields(model: type[BaseModel]) -> tuple[RefField, ...]:
    out = []
    for name, info in model.model_fields.items():
        marker, many = _scan(info.annotation)
        for extra in info.metadata:  # pydantic lifts a field's outer Annotated into metadata
            if isinstance(extra, (MemberRef, OrgRef, EventRef)):
                marker = extra
        if marker is not None:
            out.append(RefField(name, marker, many))
    return tuple(out)


_FACT_MODELS: tuple[type[BaseModel], ...] = (Organization, Member, *EVENT_MODELS)
_REF_FIELDS: dict[type[BaseModel], tuple[RefField, ...]] = {m: _build_ref_fields(m) for m in _FACT_MODELS}


def ref_fields(model: type[BaseModel]) -> tuple[RefField, ...]:
    """The reference fields of a fact model, read once from its ``Annotated`` metadata."""
    try:
        return _REF_FIELDS[model]
    except KeyError:
        found = _REF_FIELDS[model] = _build_ref_fields(model)
        return found


@dataclass(frozen=True)
class RefPlan:
    """A model's reference fields grouped by what they name, for the loops that run once per
    fact (indexing, checks): field names only, read from the fact's ``__dict__``."""

    members: tuple[str, ...]
    """Member fields holding one id (or None)."""
    member_lists: tuple[str, ...]
    """Member fields holding a tuple of ids."""
    orgs: tuple[str, ...]
    org_lists: tuple[str, ...]
    events: tuple[RefField, ...]
    """Fields citing events, in declaration order."""
    single_member: str | None
    """The field naming the one member the fact concerns; None when it names several members
    (a list field) or none (then the member is that of a cited event, see ``via_events``)."""
    via_events: bool
    """No member field: the fact concerns the member of the first event it cites."""


def _build_ref_plan(model: type[BaseModel]) -> RefPlan:
    fields = ref_fields(model)
    members = [rf for rf in fields if isinstance(rf.marker, MemberRef)]
    orgs = [rf for rf in fields if isinstance(rf.marker, OrgRef)]
    single = members[0].name if members and not any(rf.many for rf in members) else None
    return RefPlan(
        members=tuple(rf.name for rf in members if not rf.many),
        member_lists=tuple(rf.name for rf in members if rf.many),
        orgs=tuple(rf.name for rf in orgs if not rf.many),
        org_lists=tuple(rf.name for rf in orgs if rf.many),
        events=tuple(rf for rf in fields if isinstance(rf.marker, EventRef)),
        single_member=single,
        via_events=not members,
    )


_REF_PLANS: dict[type[BaseModel], RefPlan] = {m: _build_ref_plan(m) for m in _FACT_MODELS}


def ref_plan(model: type[BaseModel]) -> RefPlan:
    """The :class:`RefPlan` of a fact model (computed once)."""
    try:
        return _REF_PLANS[model]
    except KeyError:
        found = _REF_PLANS[model] = _build_ref_plan(model)
        return found


def ref_values(fact: BaseModel, rf: RefField) -> tuple[str, ...]:
    """The ids a reference field of ``fact`` holds (none when the optional field is absent)."""
    value = getattr(fact, rf.name)
    if value is None:
        return ()
    return tuple(value) if rf.many else (value,)


# -- locations and collecting ---------------------------------------------------------------

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def json_path(base: str, *parts: str | int) -> str:
    """Extend a JSON path: names as ``.name`` (or ``["odd name"]``), indexes as ``[i]``."""
    out = [base]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENT.fullmatch(part):
            out.append(f".{part}")
        else:
            out.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(out)


SURROGATE_EXPECTED = "UTF-8 (\\uD800–\\uDFFF: in pairs only)"
"""What a string with a lone surrogate should have been (the ``expected`` of its problem)."""


def lone_surrogate(value: Any, base: str = "$") -> tuple[str, str] | None:
    """The JSON path and the text of the first string — key or value — holding a lone
    surrogate, or None (a problem shows it with the surrogate escaped).

    JSON parsers accept a ``\\ud800`` escape that is not half of a pair, but the string it makes
    is not Unicode text: no UTF-8 output (the report, the digest) can carry it, so the input is
    refused where it was read.

    >>> lone_surrogate({"id": "O-1", "names": ["ok", "Ban \\ud800"]})
    ('$.names[1]', 'Ban \\ud800')
    >>> lone_surrogate(json.loads('{"name": "\\\\ud83d\\\\ude00"}')) is None  # a pair is one character
    True
    """
    if isinstance(value, str):
        return (base, value) if has_lone_surrogate(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if has_lone_surrogate(key):
                return f"{base}[{json.dumps(key)}]", key  # the path escapes it
            found = lone_surrogate(item, json_path(base, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = lone_surrogate(item, f"{base}[{index}]")
            if found is not None:
                return found
    return None


@dataclass
class Collector:
    """Collects problems up to ``max_errors``, sorted by where they occur in the input.

    Readers stop once :attr:`full`; :meth:`problems` then ends with one ``too_many_errors``.
    """

    max_errors: int = DEFAULT_MAX_ERRORS
    file: str | None = None
    _items: list[tuple[tuple[int, ...], int, Problem]] = field(default_factory=list)
    _stopped: bool = False

    def add(self, problem: Problem, order: tuple[int, ...] = ()) -> None:
        self._items.append((order, len(self._items), problem))

    @property
    def full(self) -> bool:
        """True once ``max_errors`` problems were collected."""
        return len(self._items) >= self.max_errors

    def problem_count(self) -> int:
        """How many problems were collected (``full`` once it reaches ``max_errors``)."""
        return len(self._items)

    def stop(self) -> None:
        """Note that reading stopped early because the collector was full."""
        self._stopped = True

    def problems(self) -> list[Problem]:
        items = sorted(self._items, key=lambda item: (item[0], item[1]))
        out = [p for _, _, p in items[: self.max_errors]]
        if len(items) > self.max_errors or self._stopped:
            out.append(Problem(ErrorCode.TOO_MANY_ERRORS, file=self.file, found=len(items), expected=str(self.max_errors)))
        return out

    def raise_if_any(self) -> None:
        if self._items:
            raise FactsError(self.problems())


# -- shape: pydantic errors to codes --------------------------------------------------------

_ADAPTERS: dict[str, TypeAdapter[Any]] = {}
"""The adapter of each fact type, made when a fact of that type is first validated here (the
event union's took about 30 ms of every import, and most facts are read by the fast path)."""
_ADAPTED: dict[str, Any] = {"organization": Organization, "member": Member, "event": Event}
_PLAIN_MODELS: dict[str, type[BaseModel]] = {"organization": Organization, "member": Member}
_DATE = TypeAdapter(IsoDate)

_JSON_TYPES = {
    "string_type": "string",
    "str_type": "string",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "tuple_type": "array",
    "list_type": "array",
    "dict_type": "object",
    "model_type": "object",
    "model_attributes_type": "object",
    "none_required": "null",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "≥"),
    "greater_than": ("gt", ">"),
    "less_than_equal": ("le", "≤"),
    "less_than": ("lt", "<"),
}
_DATE_ERRORS = frozenset({"date_format", "date_impossible", "date_not_civil", "date_parsing", "date_type", "date_from_datetime_inexact"})
_ID_RULE = r"^[^|\s](?:[^|]{0,198}[^|\s])?$, no \p{Cc} or \p{Cf}, at least one \p{L}\p{M}\p{N}\p{P}\p{S}"
"""The id rule as a formula: 1–200 characters, no ``|``, no white space at either end, no
control or format character, at least one visible character."""


def _is_id_field(name: str | None) -> bool:
    return name is not None and (name == "id" or name.endswith("_id") or name.endswith("_ids"))


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    for tp in (annotation, *get_args(annotation)):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return tp
    return None


def _resolve(model: type[BaseModel] | None, loc: Sequence[str | int]) -> tuple[type[BaseModel] | None, Any]:
    """The model holding the last named field of ``loc`` and that field's annotation."""
    annotation: Any = None
    for part in loc:
        if not isinstance(part, str) or model is None:
            continue
        info = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None
        )
        if info is None:
            return model, None
        annotation = info.annotation
        inner = _unwrap_model(annotation)
        if inner is not None and part != loc[-1]:
            model = inner
    return model, annotation


def _enum_values(annotation: Any) -> str | None:
    stack = [annotation]
    while stack:
        tp = stack.pop()
        if isinstance(tp, type) and issubclass(tp, Enum):
            return " | ".join(str(m.value) for m in tp)
        stack.extend(get_args(tp))
    return None


def _field_names(model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    return " | ".join(info.alias or name for name, info in model.model_fields.items())


def _kind_suggestion(found: Any) -> str:
    kinds = list(EVENT_MODEL_BY_KIND)
    close = difflib.get_close_matches(str(found), kinds, n=3, cutoff=0.6) if isinstance(found, str) else []
    return " | ".join(close or kinds)


def _map_error(
    err: Mapping[str, Any], model: type[BaseModel] | None, raw: Mapping[str, Any]
) -> tuple[ErrorCode, tuple[str | int, ...], Any, str | None]:
    """(code, loc inside the fact, found, expected) for one pydantic error."""
    kind = err["type"]
    loc: tuple[str | int, ...] = tuple(err["loc"])
    if model is None and loc and isinstance(loc[0], str) and loc[0] in EVENT_MODEL_BY_KIND:
        # validating the Event union: pydantic puts the selected tag first
        model, loc = EVENT_MODEL_BY_KIND[loc[0]], loc[1:]
    names = [p for p in loc if isinstance(p, str)]
    name = names[-1] if names else None
    found = err.get("input")
    ctx = err.get("ctx") or {}
    owner, annotation = _resolve(model, loc)

    if kind == "missing":
        return ErrorCode.MISSING_FIELD, loc, None, name
    if kind == "union_tag_not_found":
        return ErrorCode.MISSING_FIELD, ("kind",), None, "kind"
    if kind == "union_tag_invalid":
        found = raw.get("kind")
        return ErrorCode.UNKNOWN_KIND, ("kind",), found, _kind_suggestion(found)
    if kind == "extra_forbidden":
        return ErrorCode.UNKNOWN_FIELD, loc, name, _field_names(owner)
    if kind in _DATE_ERRORS:
        return ErrorCode.INVALID_DATE, loc, found, "YYYY-MM-DD"
    if kind == "text_surrogate":
        return ErrorCode.NOT_UTF8, loc, found, SURROGATE_EXPECTED
    if kind in ("id_has_pipe", "id_whitespace", "id_control_character", "id_invisible"):
        return ErrorCode.INVALID_ID, loc, found, _ID_RULE
    if kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        is_string = ctx.get("field_type", "Value") == "Value" or kind.startswith("string")
        if is_string and _is_id_field(name):
            return ErrorCode.INVALID_ID, loc, found, _ID_RULE
        bound = ctx.get("min_length") if kind.endswith("short") else ctx.get("max_length")
        sign = "≥" if kind.endswith("short") else "≤"
        return ErrorCode.INVALID_VALUE, loc, found, f"len {sign} {bound}"
    if kind == "literal_error":
        if name == "schema_version":
            return ErrorCode.SCHEMA_VERSION, loc, found, "1"
        return ErrorCode.INVALID_VALUE, loc, found, str(ctx.get("expected", ""))
    if kind in _JSON_TYPES:
        return ErrorCode.WRONG_TYPE, loc, found, _JSON_TYPES[kind]
    if kind == "enum":
        return ErrorCode.INVALID_VALUE, loc, found, _enum_values(annotation) or str(ctx.get("expected", ""))
    if kind == "string_pattern_mismatch":
        return ErrorCode.INVALID_VALUE, loc, found, str(ctx.get("pattern", ""))
    if kind in _BOUNDS:
        key, sign = _BOUNDS[kind]
        return ErrorCode.INVALID_VALUE, loc, found, f"{sign} {ctx.get(key)}"
    return ErrorCode.INVALID_VALUE, loc, found, None


def raw_fact_id(raw: Mapping[str, Any]) -> str | None:
    """The (NFC) id of a raw object, when it has a string one: problems name it."""
    value = raw.get("id")
    return nfc(value) if isinstance(value, str) and value else None


def validation_problems(
    exc: ValidationError,
    model: type[BaseModel] | None,
    raw: Mapping[str, Any],
    *,
    base: str,
    file: str | None,
    line: int | None,
) -> list[Problem]:
    """Turn a pydantic :class:`ValidationError` into problems located under ``base``.

    ``model`` is the model validated (None for the :data:`Event` union, found from the tag).
    """
    fact_id = raw_fact_id(raw)
    out = []
    for err in exc.errors(include_url=False):
        code, loc, found, expected = _map_error(err, model, raw)
        out.append(
            Problem(code, file=file, line=line, json_path=json_path(base, *loc), fact_id=fact_id, found=found, expected=expected)
        )
    return out


def validate_fact(
    fact_type: FactType,
    raw: Any,
    *,
    base: str,
    collector: Collector,
    file: str | None = None,
    line: int | None = None,
    order: tuple[int, ...] = (),
) -> Organization | Member | Event | None:
    """Validate one raw object as an organisation, member or event; problems go to ``collector``."""
    if not isinstance(raw, Mapping):
        collector.add(
            Problem(ErrorCode.NOT_AN_OBJECT, file=file, line=line, json_path=base, found=json_kind(raw), expected="object"),
            order,
        )
        return None
    try:
        adapter = _ADAPTERS.get(fact_type)
        if adapter is None:
            adapter = _ADAPTERS[fact_type] = TypeAdapter(_ADAPTED[fact_type])
        fact: Organization | Member | Event = adapter.validate_python(raw)
    except ValidationError as exc:
        model = _PLAIN_MODELS.get(fact_type)  # None for the Event union: the tag tells
        for problem in validation_problems(exc, model, raw, base=base, file=file, line=line):
            collector.add(problem, order)
        return None
    return fact


def validate_date(value: dt.date | str, *, path: str, collector: Collector, order: tuple[int, ...] = ()) -> dt.date | None:
    """Validate a civil date given in Python (``observation_from``)."""
    try:
        return _DATE.validate_python(value)
    except ValidationError:
        collector.add(Problem(ErrorCode.INVALID_DATE, file=collector.file, json_path=path, found=value, expected="YYYY-MM-DD"), order)
        return None


def json_kind(value: Any) -> str:
    """The JSON type name of a parsed value (``found`` of ``not_an_object``/``wrong_type``)."""
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string", int: "integer", float: "number"}.get(type(value), type(value).__name__)


def empty_input(file: str | None, events: int) -> Problem:
    """An input with no organisation and no member: an export that lost its data must not pass
    a CI check as "nothing overdue" (``empty_input``)."""
    return Problem(ErrorCode.EMPTY_INPUT, file=file, found=events, expected="at least one organization or member")


# -- references and consistency -------------------------------------------------------------

_CELL_PARENT = {OrgKind.RESIDENCE_CELL: OrgKind.COMMUNE_COMMITTEE, OrgKind.WORKPLACE_CELL: OrgKind.WORKPLACE_COMMITTEE}
_NOT_CELLS = " | ".join(k.value for k in OrgKind if k not in _CELL_PARENT)


class _Reporter:
    """Builds problems located at a fact of ``fs`` (file, line, JSON path, fact id)."""

    def __init__(self, fs: FactSet, collector: Collector) -> None:
        self.fs = fs
        self.collector = collector

    def __call__(
        self, code: ErrorCode, fact_type: FactType, fact_id: str, *parts: str | int, found: Any = None, expected: str | None = None, **params: Any
    ) -> None:
        loc = self.fs.location(fact_type, fact_id)
        base = loc.json_path if loc is not None and loc.json_path else "$"
        self.collector.add(
            Problem(
                code,
                file=loc.file if loc is not None else self.fs.source_name,
                line=loc.line if loc is not None else None,
                json_path=json_path(base, *parts),
                fact_id=fact_id,
                found=found,
                expected=expected,
                params=params,
            ),
            self.fs._order(fact_type, fact_id),
        )


class ReferenceDigest(NamedTuple):
    """What the events of a fact set name, gathered by :class:`FactSet` while it indexes them,
    so that :func:`check_facts` checks each distinct id once instead of each reference."""

    members: AbstractSet[str]
    """Every member id an event names (or concerns)."""
    organizations: Mapping[tuple[OrgKind, ...], set[str]]
    """The organisation ids events name, by the kinds the naming field requires (none: any)."""
    citations_hold: bool
    """Whether every event citation names an earlier (or same-day) event of the right kind,
    about the same member where that is required."""
    assessments_hold: bool = False
    """Whether no two comment forms of one member and year give different assessments (False
    when not known: they are then compared by :func:`check_facts`)."""


def check_facts(fs: FactSet, collector: Collector, *, whole: bool = True, named: ReferenceDigest | None = None) -> None:
    """Every fact-level error rule of docs/facts.md that needs no results.

    ``whole`` is false for a part of an input (a shard of :mod:`qd213_rules.stream`), which may
    well hold no organisation and no member: only a whole input can be ``empty_input``.
    ``named``: what the events name (from :class:`FactSet`); without it every reference is
    checked one by one.
    """
    report = _Reporter(fs, collector)
    if whole and not fs.organizations and not fs.members:
        collector.add(empty_input(fs.source_name, len(fs.events)), (0, 0))
    for org in fs.organizations.values():
        _check_refs(fs, report, "organization", org)
        _check_org_parent(fs, report, org)
    _check_cycles(fs, report)
    # Problems are sorted by the fact they concern (then in the order found), so the checks may
    # run kind by kind: for each fact, its references are still checked before the rest.
    names_hold = named is not None and _member_and_org_refs_hold(fs, named)
    for member in fs.members.values():
        if not names_hold:
            _check_refs(fs, report, "member", member)
        if member.residence_cell_id is None and member.category != Category.EXEMPT_FROM_INTRODUCTION:
            report(
                ErrorCode.CONDITIONAL_FIELD, "member", member.id, "residence_cell_id",
                expected="category ≠ exempt_from_introduction ⇒ residence_cell_id ≠ null",
            )  # fmt: skip
    for kind, model in EVENT_MODEL_BY_KIND.items():
        # each kind's events asked for only when they are read: the fact set groups a kind's
        # events when first asked (FactSet.events_of_kind), and most kinds need no walk here
        cited = ref_plan(model).events
        if not names_hold:
            for event in fs.events_of_kind(kind):
                _check_refs(fs, report, "event", event)
        elif cited and named is not None and not named.citations_hold:  # only citations may be wrong: find which
            _check_citations(fs, report, fs.events_of_kind(kind), cited)
    for event in fs.events_of_kind("meeting_held"):
        _check_meeting(report, event)  # type: ignore[arg-type]
    for event in fs.events_of_kind("status_changed"):
        _check_status_change(fs, report, event)  # type: ignore[arg-type]
    for event in fs.events_of_kind("residence_changed"):
        assert isinstance(event, ResidenceChanged)
        before = fs._state_before(event.id)
        if before is not None and event.from_residence_cell_id != before.residence_cell_id:
            report(
                ErrorCode.HISTORY_MISMATCH, "event", event.id, "from_residence_cell_id",
                found=event.from_residence_cell_id, expected=before.residence_cell_id or "null",
            )  # fmt: skip
    for event in fs.events_of_kind("waiver_granted"):
        _check_waiver(fs, report, event)  # type: ignore[arg-type]
    for event in fs.events_of_kind("follow_up_recorded"):
        _check_follow_up(fs, report, event)  # type: ignore[arg-type]
    for event in fs.events_of_kind("conduct_breach_recorded"):
        _check_breach(fs, report, event)  # type: ignore[arg-type]
    if named is None or not named.assessments_hold:
        _check_assessments(fs, report)


def _check_citations(fs: FactSet, report: _Reporter, events: Sequence[Event], cited: Sequence[RefField]) -> None:
    """The event citations of events of one kind; one that holds is passed over quickly, any
    other is checked (and reported) by :func:`_check_event_ref`."""
    known = fs.events
    for rf in cited:
        name, marker = rf.name, rf.marker
        assert isinstance(marker, EventRef)
        kinds, same_member = marker.kinds, marker.same_member
        for event in events:
            fields = event.__dict__
            value = fields[name]
            if value is None:
                continue
            for i, one in enumerate(value) if rf.many else ((None, value),):
                target = known.get(one)
                if (
                    target is not None
                    and (not kinds or target.kind in kinds)
                    and target.date <= fields["date"]
                    and (not same_member or fs._member_of_id(fields["id"]) == fs._member_of_id(one))
                ):
                    continue
                _check_event_ref(fs, report, event, marker, one, (name,) if i is None else (name, i))


def _member_and_org_refs_hold(fs: FactSet, named: ReferenceDigest) -> bool:
    """Whether every member and organisation reference of the members and events names a fact
    of the right kind, checked once per distinct id (the fact set gathered the ids events name
    while indexing them), so that the usual case (it does) costs next to nothing; when not,
    every fact is checked one by one and each problem reported where it is."""
    members, orgs = fs.members, fs.organizations
    # every member an event names is one it concerns (FactSet.events_about_member)
    if not named.members <= members.keys():
        return False
    for wanted, ids in named.organizations.items():
        if not ids <= orgs.keys() or (wanted and any(orgs[org_id].kind not in wanted for org_id in ids)):
            return False
    for rf in ref_fields(Member):
        assert isinstance(rf.marker, OrgRef) and not rf.many
        name, wanted = rf.name, rf.marker.kinds
        ids = {member.__dict__[name] for member in members.values()}
        ids.discard(None)
        if not ids <= orgs.keys() or (wanted and any(orgs[org_id].kind not in wanted for org_id in ids)):
            return False
    return True


def _check_refs(fs: FactSet, report: _Reporter, fact_type: FactType, fact: BaseModel) -> None:
    fact_id: str = getattr(fact, "id")
    for rf in ref_fields(type(fact)):
        for i, value in enumerate(ref_values(fact, rf)):
            parts: tuple[str | int, ...] = (rf.name, i) if rf.many else (rf.name,)
            marker = rf.marker
            if isinstance(marker, MemberRef):
                if value not in fs.members:
                    report(ErrorCode.UNKNOWN_REFERENCE, fact_type, fact_id, *parts, found=value, expected="member")
            elif isinstance(marker, OrgRef):
                org = fs.organizations.get(value)
                if org is None:
                    report(ErrorCode.UNKNOWN_REFERENCE, fact_type, fact_id, *parts, found=value, expected="organization")
                elif marker.kinds and org.kind not in marker.kinds:
                    kinds = " | ".join(k.value for k in marker.kinds)
                    report(ErrorCode.WRONG_ORG_KIND, fact_type, fact_id, *parts, found=org.kind.value, expected=kinds, ref=value)
            else:
                _check_event_ref(fs, report, fact, marker, value, parts)


def _check_event_ref(
    fs: FactSet, report: _Reporter, fact: BaseModel, marker: EventRef, value: str, parts: tuple[str | int, ...]
) -> None:
    fact_id: str = getattr(fact, "id")
    cited = fs.events.get(value)
    if cited is None:
        report(ErrorCode.UNKNOWN_REFERENCE, "event", fact_id, *parts, found=value, expected="event")
        return
    if marker.kinds and cited.kind not in marker.kinds:
        report(ErrorCode.WRONG_EVENT_KIND, "event", fact_id, *parts, found=cited.kind, expected=" | ".join(marker.kinds), ref=value)
        return
    date: dt.date = getattr(fact, "date")
    if cited.date > date:
        report(
            ErrorCode.EVENT_CITES_LATER, "event", fact_id, *parts,
            found=cited.date.isoformat(), expected=f"≤ {date.isoformat()}", ref=value,
        )  # fmt: skip
    if marker.same_member:
        mine = fs._member_of_id(fact_id)
        theirs = fs._member_of_id(cited.id)
        if mine != theirs:
            report(ErrorCode.EVENT_OTHER_MEMBER, "event", fact_id, *parts, found=theirs, expected=mine, ref=value)


def _check_org_parent(fs: FactSet, report: _Reporter, org: Organization) -> None:
    parent = fs.organizations.get(org.parent_id) if org.parent_id is not None else None
    want = _CELL_PARENT.get(org.kind)
    if want is not None:
        if org.parent_id is None:
            report(ErrorCode.CONDITIONAL_FIELD, "organization", org.id, "parent_id", expected=f"kind = {org.kind.value} ⇒ parent_id ≠ null")
        elif parent is not None and parent.kind != want:
            report(ErrorCode.WRONG_ORG_KIND, "organization", org.id, "parent_id", found=parent.kind.value, expected=want.value, ref=parent.id)
    elif parent is not None and parent.kind in _CELL_PARENT:
        # cells are leaves of the tree: nothing hangs under a chi bộ
        report(ErrorCode.WRONG_ORG_KIND, "organization", org.id, "parent_id", found=parent.kind.value, expected=_NOT_CELLS, ref=parent.id)


def _check_cycles(fs: FactSet, report: _Reporter) -> None:
    done: set[str] = set()
    for start in sorted(fs.organizations, key=lambda i: fs._order("organization", i)):
        path: list[str] = []
        index: dict[str, int] = {}
        node: str | None = start
        while node is not None and node in fs.organizations and node not in done:
            if node in index:
                cycle = path[index[node] :]
                first = min(cycle, key=lambda i: fs._order("organization", i))
                at = cycle.index(first)
                ring = cycle[at:] + cycle[:at] + [first]
                report(ErrorCode.ORG_CYCLE, "organization", first, "parent_id", found=" → ".join(ring))
                break
            index[node] = len(path)
            path.append(node)
            node = fs.organizations[node].parent_id
        done.update(path)


def _check_meeting(report: _Reporter, event: MeetingHeld) -> None:
    attendees = set(event.attendee_ids)
    for j, member_id in enumerate(event.excused_ids):
        if member_id in attendees:
            report(ErrorCode.ATTENDEE_AND_EXCUSED, "event", event.id, "excused_ids", j, found=member_id)
    if not event.attendance_recorded:
        for name in ("attendee_ids", "excused_ids"):
            value = getattr(event, name)
            if value:
                report(
                    ErrorCode.CONDITIONAL_FIELD, "event", event.id, name,
                    found=list(value), expected=f"attendance_recorded = false ⇒ {name} = []",
                )  # fmt: skip


def _check_status_change(fs: FactSet, report: _Reporter, event: StatusChanged) -> None:
    transferred = event.change == StatusChange.TRANSFERRED
    for name in ("from_workplace_cell_id", "new_workplace_cell_id"):
        value = getattr(event, name)
        if (value is None) == transferred:
            report(ErrorCode.CONDITIONAL_FIELD, "event", event.id, name, found=value, expected=f"{name} ≠ null ⇔ change = transferred")
    before = fs._state_before(event.id)
    if transferred and before is not None and event.from_workplace_cell_id is not None:
        if event.from_workplace_cell_id != before.workplace_cell_id:
            report(
                ErrorCode.HISTORY_MISMATCH, "event", event.id, "from_workplace_cell_id",
                found=event.from_workplace_cell_id, expected=before.workplace_cell_id,
            )  # fmt: skip


def _check_waiver(fs: FactSet, report: _Reporter, event: WaiverGranted) -> None:
    # subject_id and about_event_id carry no marker (a subject is a member or an organisation;
    # the cited event may be of any kind), so they are checked here
    if event.subject_id is not None and event.subject_id not in fs.members and event.subject_id not in fs.organizations:
        report(ErrorCode.UNKNOWN_REFERENCE, "event", event.id, "subject_id", found=event.subject_id, expected="member | organization")
    if event.about_event_id is not None and event.about_event_id not in fs.events:
        report(ErrorCode.UNKNOWN_REFERENCE, "event", event.id, "about_event_id", found=event.about_event_id, expected="event")
    by_result = event.result_id is not None
    by_key = event.obligation_id is not None
    if by_result == by_key:
        report(
            ErrorCode.CONDITIONAL_FIELD, "event", event.id, "obligation_id" if by_key else "result_id",
            found=event.obligation_id, expected="result_id ≠ null ⊕ obligation_id ≠ null",
        )  # fmt: skip
    if by_result:
        for name in ("subject_id", "period", "about_event_id"):
            value = getattr(event, name)
            if value is not None:
                report(ErrorCode.CONDITIONAL_FIELD, "event", event.id, name, found=value, expected=f"result_id ≠ null ⇒ {name} = null")
    elif by_key:
        if event.subject_id is None:
            report(ErrorCode.CONDITIONAL_FIELD, "event", event.id, "subject_id", expected="obligation_id ≠ null ⇒ subject_id ≠ null")
        if event.period is not None and event.about_event_id is not None:
            report(
                ErrorCode.CONDITIONAL_FIELD, "event", event.id, "about_event_id",
                found=event.about_event_id, expected="period = null ∨ about_event_id = null",
            )  # fmt: skip


def _check_follow_up(fs: FactSet, report: _Reporter, event: FollowUpRecorded) -> None:
    """A follow-up may answer a commendation proposal only by commending (docs/facts.md), and
    then about the same member (the other cited kinds are checked by the reference marker)."""
    cited = fs.events.get(event.about_event_id)
    if cited is None or cited.kind != "commendation_proposed":
        return
    if event.action is not FollowUpAction.COMMENDED:
        report(
            ErrorCode.WRONG_EVENT_KIND, "event", event.id, "about_event_id", found=cited.kind,
            expected=f"misconduct_reported | handling_proposed | comment_form_forwarded (action = {event.action.value})",
            ref=cited.id,
        )  # fmt: skip
    elif getattr(cited, "member_id", None) != event.member_id:
        report(
            ErrorCode.EVENT_OTHER_MEMBER, "event", event.id, "about_event_id",
            found=getattr(cited, "member_id", None), expected=event.member_id, ref=cited.id,
        )  # fmt: skip


@functools.cache
def _breach_duties() -> dict[str, bool]:
    """Obligation id → whether a breach of it may be recorded (a member's own conduct duty).

    The catalogue is read on the first recorded breach only, so that loading facts without one
    (``qd213 schema``, most ``validate`` runs) stays as light as the fact layer (the catalogue
    imports nothing of the fact layer: imports still run one way)."""
    from ..articles import OBLIGATIONS

    return {ob.id: ob.rule is not None and ob.rule.breach_recordable for ob in OBLIGATIONS}


def _check_breach(fs: FactSet, report: _Reporter, event: ConductBreachRecorded) -> None:
    """A recorded breach names a member's own conduct duty and is recorded by the bodies that
    manage and discipline the member: the workplace committee on the breach date, or an
    organisation above it. The residence side proposes handling (D4.K4d, D4.K5d); it does not
    record breaches (semantics R2)."""
    duties = _breach_duties()
    if event.obligation_id not in duties:
        report(
            ErrorCode.UNKNOWN_OBLIGATION, "event", event.id, "obligation_id",
            found=event.obligation_id, expected="an obligation id of the catalogue (qd213 obligations)",
        )  # fmt: skip
    elif not duties[event.obligation_id]:
        report(
            ErrorCode.BREACH_OF_NON_CONDUCT, "event", event.id, "obligation_id",
            found=event.obligation_id, expected=" | ".join(i for i, ok in duties.items() if ok),
        )  # fmt: skip
    if event.member_id not in fs.members or event.recorded_by_org_id not in fs.organizations:
        return  # the reference checks report it
    try:
        committee = fs.workplace_committee_of(fs.state_on(event.member_id, event.date).workplace_cell_id)
        allowed = (committee, *fs.ancestors(committee))  # a cell's parent may be missing too
    except (KeyError, ValueError):
        return  # a damaged organisation tree: the structural checks report it, authority cannot be read
    if event.recorded_by_org_id not in allowed:
        report(
            ErrorCode.NO_AUTHORITY, "event", event.id, "recorded_by_org_id",
            found=event.recorded_by_org_id, expected=" | ".join(allowed), bearer=event.member_id,
        )  # fmt: skip


def _check_assessments(fs: FactSet, report: _Reporter) -> None:
    first: dict[tuple[str, int], CommentFormIssued] = {}
    for event in fs.events_of_kind("comment_form_issued"):
        assert isinstance(event, CommentFormIssued)
        key = (event.member_id, event.year)
        earlier = first.setdefault(key, event)
        if earlier.assessment != event.assessment:
            report(
                ErrorCode.CONFLICTING_ASSESSMENT, "event", event.id, "assessment",
                found=event.assessment.value, expected=earlier.assessment.value, ref=earlier.id,
                member=event.member_id, year=event.year,
            )  # fmt: skip


# -- data warnings --------------------------------------------------------------------------

_ANNUAL_GRACE_MONTHS = 3
_ATTENDANCE_FIELDS = frozenset({"attendee_ids", "excused_ids", "invited_ids"})
_CHANGE_KINDS = frozenset({"residence_changed", "status_changed", "category_changed", "away_status_changed"})


Warn = Callable[..., None]
"""``warn(code, fact_type, fact_id, **params)``: records one data warning."""


def data_warnings(fs: FactSet) -> list[DataWarning]:
    """Every data warning of docs/facts.md that needs no results, in no particular order (the
    fact set sorts them by fact id, code and parameters, :attr:`FactSet.warnings`).

    Each kind's events are walked in id order (:meth:`FactSet.events_of_kind_by_id`), as they lie
    in memory, not by date: no warning depends on the order it was found in (performance: at
    100,000 members, about half a million annual facts and 350,000 attendances walked)."""
    out: list[DataWarning] = []

    def warn(code: WarningCode, fact_type: FactType | None, fact_id: str | None, **params: Any) -> None:
        loc = fs.location(fact_type, fact_id) if fact_type and fact_id else None
        out.append(DataWarning(code.value, fact_id, params, loc))

    _warn_member_windows(fs, warn)
    _warn_attendance(fs, warn)
    _warn_not_invited(fs, warn)
    # kind by kind, each warning where it can apply (the warnings are sorted afterwards)
    for event in fs.events_of_kind_by_id("residence_changed"):
        assert isinstance(event, ResidenceChanged)
        if event.from_residence_cell_id == event.to_residence_cell_id:
            warn(WarningCode.MOVE_TO_SAME_CELL, "event", event.id, member_id=event.member_id, cell_id=event.to_residence_cell_id)
    for event in fs.events_of_kind_by_id("status_changed"):
        assert isinstance(event, StatusChanged)
        if event.new_workplace_cell_id is not None and event.new_workplace_cell_id == event.from_workplace_cell_id:
            warn(WarningCode.MOVE_TO_SAME_CELL, "event", event.id, member_id=event.member_id, cell_id=event.new_workplace_cell_id)
    bounds: dict[int, tuple[dt.date, dt.date]] = {}
    for kind in _YEAR_KINDS:
        for event in fs.events_of_kind_by_id(kind):
            fields = event.__dict__
            year = fields["year"]
            span = bounds.get(year) or bounds.setdefault(year, (dt.date(year, 1, 1), _annual_limit(year)))
            if not span[0] <= fields["date"] <= span[1]:
                warn(WarningCode.ANNUAL_FACT_OUTSIDE_YEAR, "event", event.id, year=year, date=event.date.isoformat())
    for kind in ("introduction_sent", "away_notice_sent"):
        for event in fs.events_of_kind_by_id(kind):
            assert isinstance(event, (IntroductionSent, AwayNoticeSent))
            if event.member_id not in fs.members:
                continue
            state = fs.state_on(event.member_id, event.date)
            if isinstance(event, IntroductionSent) and state.category == Category.EXEMPT_FROM_INTRODUCTION:
                warn(WarningCode.INTRODUCTION_FOR_EXEMPT_MEMBER, "event", event.id, member_id=event.member_id)
            commune = fs.commune_of(state.residence_cell_id) if state.residence_cell_id else None
            if commune is not None and commune != event.to_org_id:
                warn(
                    WarningCode.LETTER_TO_OTHER_COMMUNE, "event", event.id,
                    member_id=event.member_id, to_org_id=event.to_org_id, commune_id=commune,
                )  # fmt: skip
    return out


_YEAR_KINDS = tuple(kind for kind, model in EVENT_MODEL_BY_KIND.items() if "year" in model.model_fields)
"""Kinds of annual facts (their ``year`` is a required integer)."""


def _annual_limit(year: int) -> dt.date:
    return dt.date(year + 1, _ANNUAL_GRACE_MONTHS, 31)


def _warn_member_windows(fs: FactSet, warn: Warn) -> None:
    """Change events not replayed; events before working_since or after the end of duties."""
    for member in fs.members.values():
        since = member.working_since
        end = fs.end_of_duties(member.id)
        last = end[0] if end is not None else dt.date.max
        about = fs.events_about_member(member.id)
        if not about or since < about[0].date and about[-1].date <= last:
            continue  # every event within the member's working life (sorted by date): nothing to say
        for event in about:
            if since < event.date <= last:
                continue
            if event.kind in _CHANGE_KINDS and getattr(event, "member_id", None) == member.id and event.date <= since:
                warn(WarningCode.CHANGE_BEFORE_WORKING_SINCE, "event", event.id, member_id=member.id, working_since=since.isoformat())
            elif event.date < since:
                warn(WarningCode.EVENT_BEFORE_WORKING_SINCE, "event", event.id, member_id=member.id, working_since=since.isoformat())
            elif end is not None and event.date > end[0] and _binds_after_end(fs, event, member.id, end[0]):
                warn(WarningCode.EVENT_AFTER_DUTIES_ENDED, "event", event.id, member_id=member.id, ended_on=end[0].isoformat())


def _binds_after_end(fs: FactSet, event: Event, member_id: str, ended: dt.date) -> bool:
    """Whether an event after the end of duties is suspicious for this member.

    Not suspicious: attendance lists (ignored without a warning, semantics §18), further
    status changes and anything following up a fact dated on or before the end (the D3.K2
    notice of the ending change, a comment form issued before it).
    """
    if event.kind == "status_changed":
        return False
    cited = fs.events.get(getattr(event, "about_event_id", None) or "")
    if cited is not None and cited.date <= ended:
        return False
    if fs._member_of_id(event.id) == member_id:
        return True
    return any(
        member_id in ref_values(event, rf)
        for rf in ref_fields(type(event))
        if isinstance(rf.marker, MemberRef) and rf.name not in _ATTENDANCE_FIELDS
    )


def _warn_attendance(fs: FactSet, warn: Warn) -> None:
    registrations: dict[str, list[tuple[dt.date, str]]] = defaultdict(list)
    for reg in fs.events_of_kind_by_id("member_registered"):
        registrations[getattr(reg, "member_id")].append((reg.date, getattr(reg, "org_id")))
    # for each attendee, once: the last day of duties, and for a member who stayed in the cell
    # of their record throughout, that cell, its commune and the first registration there (any
    # registration on or before a meeting counts); None for the others (checked stay by stay)
    known: dict[str, tuple[dt.date, str | None, str | None, dt.date | None]] = {}
    for meeting in fs.events_of_kind_by_id("meeting_held"):
        assert isinstance(meeting, MeetingHeld)
        day, org_id = meeting.date, meeting.org_id
        for member_id in meeting.attendee_ids:
            facts = known.get(member_id) or known.setdefault(member_id, _attendee(fs, member_id, registrations))
            last, cell, commune, first = facts
            if last < day:
                continue  # attendance after the end of duties is ignored without a warning
            if cell is not None:
                if (org_id == cell or org_id == commune) and first is not None and first <= day:
                    continue
            elif _registered_at(fs, registrations.get(member_id, ()), member_id, meeting):
                continue
            warn(WarningCode.ATTENDEE_NOT_REGISTERED, "event", meeting.id, member_id=member_id, org_id=org_id)


def _attendee(
    fs: FactSet, member_id: str, registrations: Mapping[str, list[tuple[dt.date, str]]]
) -> tuple[dt.date, str | None, str | None, dt.date | None]:
    end = fs.end_of_duties(member_id)
    last = end[0] if end is not None else dt.date.max
    stays = fs.residence_stays(member_id)
    if len(stays) != 1 or stays[0].entered_by is not None:
        return last, None, None, None
    cell = stays[0].cell_id
    first = min((when for when, at in registrations.get(member_id, ()) if at == cell), default=None)
    return last, cell, fs.commune_of(cell), first


def _warn_not_invited(fs: FactSet, warn: Warn) -> None:
    """Periodic working-members meetings of a residence cell whose invitation list leaves out a
    ``regular`` member registered and notified at the cell by the meeting date (semantics
    R13). Such a member has no attendance occasion for the meeting; the omission is the
    cell's, so the data says so rather than the report blaming anyone."""
    meetings = [
        m for m in fs.events_of_kind_by_id("meeting_held")
        if isinstance(m, MeetingHeld) and m.meeting_type is MeetingType.WORKING_MEMBERS and m.periodic
        and m.invited_ids is not None and (org := fs.organizations.get(m.org_id)) is not None
        and org.kind is OrgKind.RESIDENCE_CELL
    ]  # fmt: skip
    if not meetings:
        return
    residents: dict[str, set[str]] = defaultdict(set)
    for member_id in fs.members:
        for stay in fs.residence_stays(member_id):
            residents[stay.cell_id].add(member_id)
    for meeting in meetings:
        invited = set(meeting.invited_ids or ())
        for member_id in sorted(residents.get(meeting.org_id, ()), key=lambda i: fs._order("member", i)):
            if member_id not in invited and _expected_at(fs, member_id, meeting):
                warn(WarningCode.MEMBER_NOT_INVITED, "event", meeting.id, member_id=member_id, org_id=meeting.org_id)


def _expected_at(fs: FactSet, member_id: str, meeting: MeetingHeld) -> bool:
    """A ``regular`` member whose duties run on the meeting date, living at the convening cell
    and registered and notified there within the current stay by that date."""
    if meeting.date < fs.members[member_id].working_since:
        return False
    end = fs.end_of_duties(member_id)
    if end is not None and end[0] < meeting.date:
        return False
    stay = fs._residence_stay_on(member_id, meeting.date)
    if stay is None or stay.cell_id != meeting.org_id:
        return False
    if fs.category_on(member_id, meeting.date) is not Category.REGULAR:
        return False
    since = stay.start if stay.entered_by is not None else dt.date.min
    done = {"member_registered": False, "member_notified": False}
    for event in fs.events_about_member(member_id):
        if event.kind in done and getattr(event, "member_id", None) == member_id:
            if getattr(event, "org_id", None) == stay.cell_id and since <= event.date <= meeting.date:
                done[event.kind] = True
    return all(done.values())


def _registered_at(fs: FactSet, regs: Iterable[tuple[dt.date, str]], member_id: str, meeting: MeetingHeld) -> bool:
    """Registered at the convening cell (or, for a commune meeting, at a cell of that commune)
    on or before the meeting, within the stay the member is in on that day."""
    stay = fs._residence_stay_on(member_id, meeting.date)
    if stay is None:
        return False
    if meeting.org_id not in (stay.cell_id, fs.commune_of(stay.cell_id)):
        return False
    # the initial stay has no known start: registrations before working_since (QĐ 76) count
    since = stay.start if stay.entered_by is not None else dt.date.min
    return any(cell == stay.cell_id and since <= day <= meeting.date for day, cell in regs)


def location_text(loc: SourceLocation | None) -> str:
    """Where a fact was read, for ``expected`` of a duplicate id: ``file:line`` or a JSON path."""
    if loc is None:
        return "?"
    if loc.line is not None:
        return f"{loc.file or ''}:{loc.line}"
    return loc.json_path or "?"

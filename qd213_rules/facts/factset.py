"""The validated, indexed fact set the engine evaluates (docs/facts.md, docs/semantics.md).

A :class:`FactSet` is built once — from Python objects (:meth:`FactSet.from_facts`), a fact
document (:meth:`FactSet.from_document`) or a file (:func:`qd213_rules.facts.load_facts`) —
and is immutable afterwards, so it can be shared across threads. Construction runs every
fact-level rule of :mod:`qd213_rules.facts.checks` and raises :class:`FactsError` listing the
problems; data warnings are kept in :attr:`FactSet.warnings`.

Indexes are built at construction: events by member (sorted by ``(date, id)``), the
organisation tree, and for each member the replayed history; events by kind and by organisation
(sorted the same way) each kind or organisation when first asked for.

**Replay.** The member record is the state at ``working_since``. Change events
(``residence_changed``, ``status_changed``, ``category_changed``, ``away_status_changed``) dated
after ``working_since`` are applied in ``(date, id)`` order; one dated on or before it is not
replayed (data warning ``change_before_working_since``). :meth:`FactSet.state_on` is a bisect
over the precomputed states.

>>> fs = FactSet.from_facts(
...     organizations=[
...         {"id": "DU-SYT", "kind": "workplace_committee"},
...         {"id": "CB-VP", "kind": "workplace_cell", "parent_id": "DU-SYT"},
...         {"id": "DU-P1", "kind": "commune_committee"},
...         {"id": "CB-KP3", "kind": "residence_cell", "parent_id": "DU-P1"},
...         {"id": "CB-KP4", "kind": "residence_cell", "parent_id": "DU-P1"},
...     ],
...     members=[{"id": "DV-1", "workplace_cell_id": "CB-VP", "residence_cell_id": "CB-KP3",
...               "category": "regular", "working_since": "2019-03-01"}],
...     events=[{"id": "E-1", "kind": "residence_changed", "date": "2021-05-01", "member_id": "DV-1",
...              "from_residence_cell_id": "CB-KP3", "to_residence_cell_id": "CB-KP4"}],
...     observation_from="2019-03-01")
>>> import datetime as dt
>>> fs.state_on("DV-1", dt.date(2021, 4, 30)).residence_cell_id, fs.state_on("DV-1", dt.date(2021, 5, 1)).residence_cell_id
('CB-KP3', 'CB-KP4')
>>> [(s.cell_id, str(s.end)) for s in fs.residence_stays("DV-1")]
[('CB-KP3', '2021-04-30'), ('CB-KP4', 'None')]
>>> fs.ancestors("CB-KP4"), fs.commune_of("CB-KP4"), fs.workplace_committee_of("CB-VP")
(('DU-P1',), 'DU-P1', 'DU-SYT')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import partial
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import attrgetter, call, itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple, cast

from pydantic_core import SchemaSerializer, core_schema

from ..errors import ErrorCode, Problem
from ._types import EventRef, MemberRef, OrgRef
from .checks import (
    Collector,
    FactType,
    ReferenceDigest,
    WarningCode,
    check_facts,
    data_warnings,
    json_path,
    location_text,
    ref_fields,
    ref_plan,
    ref_values,
    validate_date,
    validate_fact,
)
from .document import FactDocument
from .document_object import read_document_object
from .located import DataWarning, SourceLocation
from .events import (
    ENDING_CHANGES,
    AwayStatusChanged,
    CategoryChanged,
    CommentFormIssued,
    Event,
    EventBase,
    ResidenceChanged,
    StatusChange,
    StatusChanged,
)
from .members import AwayStatus, Category, Member
from .organizations import Organization, OrgKind

__all__ = ["FactSet", "SourceLocation", "DataWarning", "MemberState", "Stay", "REGULATION_START", "canonical_json"]

REGULATION_START = dt.date(2020, 1, 2)
"""QĐ 213 took effect on signing; the default observation start of an empty fact set."""

_TYPE_RANK = {"organization": 0, "member": 1, "event": 2}
_CHANGE_KINDS = frozenset({"residence_changed", "status_changed", "category_changed", "away_status_changed"})
"""Events replayed into a member's state."""
_DATE = attrgetter("date")
_ID = attrgetter("id")
_CANONICAL_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
"""The canonical JSON text of a fact in the digest (made once: ``json.dumps`` with these
options makes an encoder per call)."""

_UINT32 = 2**32 if array("I").itemsize >= 4 else 0
"""Fewer events than this keep their (date, id) order in 32 bits (0 where a C ``unsigned int``
is narrower)."""

_DIGEST_LINES = 32
"""Canonical lines hashed together by :meth:`FactSet.digest` (a small block: a province's
text joined whole would be its largest object)."""

if c_make_encoder is not None:
    # the standard library's C encoder for these options, made once: JSONEncoder.encode makes
    # one per call (a third of the digest's encoding time); no circular-reference check, as the
    # dumps of fact models hold none
    _C_CANONICAL = c_make_encoder(None, _CANONICAL_JSON.default, encode_basestring, None, ":", ",", True, False, True)

    def canonical_json(fact: dict[str, Any]) -> str:
        """The canonical JSON text of a fact's dict in the digest (streaming stages the same text)."""
        return "".join(_C_CANONICAL(fact, 0))
else:  # pragma: no cover - an interpreter without the C encoder

    def canonical_json(fact: dict[str, Any]) -> str:
        """The canonical JSON text of a fact's dict in the digest (streaming stages the same text)."""
        return _CANONICAL_JSON.encode(fact)


class _CanonicalPlan(NamedTuple):
    """How :func:`canonical_line` writes the facts of one model."""

    template: dict[str, Any]
    """Every field name and ``"type"``, sorted, ``"type"`` holding the fact's type."""
    to_json: Callable[..., bytes]


def _canonical_plan(model: type[Any], fact_type: str) -> _CanonicalPlan:
    """The plan of ``model``: a fact model's fields are strings, dates, integers, booleans, string
    enums and tuples of strings, none with an alias (tests/facts/test_digest.py), each written by
    the serializer of its own schema in the model (what the model's serializer writes in JSON
    mode; told the type, pydantic-core no longer infers it from each value: the digest writes
    every field of every fact of a province)."""
    template = dict.fromkeys(sorted((*model.model_fields, "type")))
    template["type"] = fact_type
    own = _model_fields_schema(model)["fields"]
    fields = {
        key: core_schema.typed_dict_field(core_schema.str_schema() if key == "type" else own[key]["schema"], required=False)
        for key in template
    }
    return _CanonicalPlan(template, SchemaSerializer(core_schema.typed_dict_schema(fields)).to_json)


def _model_fields_schema(model: type[Any]) -> Any:
    """The ``model-fields`` core schema of a fact model (its fields' own schemas)."""
    schema = model.__pydantic_core_schema__
    while schema["type"] != "model-fields":
        if schema["type"] not in ("model",):  # a fact model's schema refers to no definitions
            raise TypeError(f"unexpected core schema {schema['type']!r} for {model.__name__}")
        schema = schema["schema"]
    return schema


_CANONICAL_PLANS: dict[tuple[type[Any], str], _CanonicalPlan] = {}


def _plan_of(model: type[Any], fact_type: str) -> _CanonicalPlan:
    """The plan of ``model`` for facts of ``fact_type``, made once."""
    plan = _CANONICAL_PLANS.get((model, fact_type))
    if plan is None:
        plan = _CANONICAL_PLANS[model, fact_type] = _canonical_plan(model, fact_type)
    return plan


def canonical_line(fact: Any, fact_type: str) -> bytes:
    """The canonical JSON text of ``fact`` (a fact model) in the digest, in UTF-8: byte for byte
    :func:`canonical_json` of its JSON-mode dump (``null`` fields left out) with its ``type``.

    Written by pydantic-core from a copy of the sorted template of the model's keys, updated
    with the fact's ``__dict__`` (its fields, and nothing else: extra fields are refused), which
    keeps the template's order: the dump, the sort of its keys and the encoding in Python's
    encoder took two thirds more time (the digest reads every fact of a province)."""
    plan = _CANONICAL_PLANS.get((type(fact), fact_type)) or _plan_of(type(fact), fact_type)
    fields = plan.template.copy()
    fields.update(fact.__dict__)  # the keys are the template's: their order stays sorted
    return plan.to_json(fields, exclude_none=True)


# slotted, as the other per-member records: a province keeps one history per member (with a
# state and two stays each at least), about 800 bytes a member with a dict per object
@dataclass(frozen=True, slots=True)
class MemberState:
    """A member's replayed state on one day."""

    residence_cell_id: str | None
    workplace_cell_id: str
    category: Category
    away_status: AwayStatus
    ended_on: dt.date | None = None
    """The date the member's duties ended, when that is on or before the day asked."""


@dataclass(frozen=True, slots=True)
class Stay:
    """A period in one cell: ``end`` is the last day there (inclusive), None while still there.

    ``entered_by`` is the event that began it (``residence_changed`` or a transferring
    ``status_changed``), None for the state of the member record.
    """

    cell_id: str
    start: dt.date
    end: dt.date | None
    entered_by: str | None = None


# A province builds one state and two stays per member: made without the frozen dataclasses'
# own ``__init__`` (a Python call of ``object.__setattr__`` per field), by setting each slot
# through its descriptor, about half the cost. The names are checked against the fields below.
_new_object = object.__new__
_set_residence, _set_workplace, _set_category, _set_away, _set_ended = (
    MemberState.__dict__[name].__set__ for name in ("residence_cell_id", "workplace_cell_id", "category", "away_status", "ended_on")
)
_set_cell, _set_start, _set_end, _set_entered_by = (
    Stay.__dict__[name].__set__ for name in ("cell_id", "start", "end", "entered_by")
)
assert [f.name for f in fields(MemberState)] == ["residence_cell_id", "workplace_cell_id", "category", "away_status", "ended_on"]
assert [f.name for f in fields(Stay)] == ["cell_id", "start", "end", "entered_by"]


def _record_state(member: Member) -> MemberState:
    """``MemberState`` of the member record (see above)."""
    state = _new_object(MemberState)
    _set_residence(state, member.residence_cell_id)
    _set_workplace(state, member.workplace_cell_id)
    _set_category(state, member.category)
    _set_away(state, member.away_status)
    _set_ended(state, None)
    return state


def _stay_since(cell_id: str, start: dt.date) -> Stay:
    """``Stay(cell_id, start, None)``, an open stay of the member record (see above)."""
    stay = _new_object(Stay)
    _set_cell(stay, cell_id)
    _set_start(stay, start)
    _set_end(stay, None)
    _set_entered_by(stay, None)
    return stay


class _History(NamedTuple):
    """One member's replay: the states after each replayed change, for bisecting (a tuple,
    made by ``tuple.__new__`` once per member: a fifth of the cost of a slotted dataclass)."""

    initial: MemberState
    dates: tuple[dt.date, ...]
    states: tuple[MemberState, ...]
    residence: tuple[Stay, ...]
    workplace: tuple[Stay, ...]
    end: tuple[dt.date, str] | None


Located = tuple[Any, SourceLocation | int]


class FactSet:
    """Validated, indexed facts (see the module documentation).

    ``FactSet(...)`` takes the same arguments as :meth:`from_facts`.
    """

    organizations: Mapping[str, Organization]
    members: Mapping[str, Member]
    events: Mapping[str, Event]
    observation_from: dt.date
    observation_defaulted: bool
    locations: Mapping[str, SourceLocation]
    source_name: str | None

    def __init__(
        self,
        organizations: Iterable[Organization | Mapping[str, Any]] = (),
        members: Iterable[Member | Mapping[str, Any]] = (),
        events: Iterable[EventBase | Mapping[str, Any]] = (),
        *,
        observation_from: dt.date | str | None = None,
        source_name: str | None = None,
    ) -> None:
        collector = Collector(file=source_name)
        orgs = _coerce("organization", organizations, collector, source_name)
        mems = _coerce("member", members, collector, source_name)
        evs = _coerce("event", events, collector, source_name)
        observed = None
        if observation_from is not None:
            # reported after the facts, as if it followed them in the document
            observed = validate_date(observation_from, path="$.observation.from", collector=collector, order=(len(_TYPE_RANK),))
        collector.raise_if_any()
        self._setup(orgs, mems, evs, observed, source_name, collector)

    # -- constructors -------------------------------------------------------------------------

    @classmethod
    def from_facts(
        cls,
        organizations: Iterable[Organization | Mapping[str, Any]] = (),
        members: Iterable[Member | Mapping[str, Any]] = (),
        events: Iterable[EventBase | Mapping[str, Any]] = (),
        *,
        observation_from: dt.date | str | None = None,
        source_name: str | None = None,
    ) -> FactSet:
        """Facts given as models or plain dicts (dicts are validated); runs every check.

        Problems are located by JSON paths such as ``$.events[3].date`` (indexes into the
        given sequences). Raises :class:`~qd213_rules.errors.FactsError`.
        """
        return cls(organizations, members, events, observation_from=observation_from, source_name=source_name)

    @classmethod
    def from_document(cls, doc: Mapping[str, Any] | FactDocument, *, source_name: str | None = None) -> FactSet:
        """A fact document, as a :class:`FactDocument` or the parsed JSON object."""
        if isinstance(doc, FactDocument):
            observed = doc.observation.from_ if doc.observation is not None else None
            return cls(doc.organizations, doc.members, doc.events, observation_from=observed, source_name=source_name)
        return read_document_object(doc, cls.from_located, name=source_name)

    @classmethod
    def from_located(
        cls,
        organizations: Iterable[tuple[Organization, SourceLocation | int]],
        members: Iterable[tuple[Member, SourceLocation | int]],
        events: Iterable[tuple[Event, SourceLocation | int]],
        *,
        observation_from: dt.date | None,
        source_name: str | None,
        collector: Collector,
        part: bool = False,
    ) -> FactSet:
        """Validated models with where each was read (the entry point of the loaders, this
        package's and streaming's): a :class:`SourceLocation`, or the line number of a JSON
        Lines fact in ``source_name`` (its location is then made when asked for). ``part``: the
        facts are one shard of a larger input (no ``empty_input`` check). Each iterable is read
        once, in order (e.g. ``zip(models, line_numbers)``)."""
        self = cls.__new__(cls)
        self._setup(organizations, members, events, observation_from, source_name, collector, part=part)
        return self

    @classmethod
    def _from_lines(
        cls,
        lines: Mapping[str, tuple[Sequence[Any], Sequence[int]]],
        *,
        observation_from: dt.date | None,
        source_name: str | None,
        collector: Collector,
        event_keys: tuple[list[str], list[int]] | None = None,
    ) -> FactSet:
        """:meth:`from_located` for a JSON Lines file: each type's validated models and their
        line numbers, in two lists (``{"organization": (models, line_numbers), ...}``);
        ``event_keys``, when given, the events' ids and days (:func:`~._fast.day_number`) in
        the same order, as they were read (else they are read from the models): the fact set
        takes both lists over, and empties them once read."""
        self = cls.__new__(cls)
        self._setup((), (), (), observation_from, source_name, collector, lines=lines, event_keys=event_keys)
        return self

    # -- construction -------------------------------------------------------------------------

    def _setup(
        self,
        organizations: Iterable[Located],
        members: Iterable[Located],
        events: Iterable[Located],
        observation_from: dt.date | None,
        source_name: str | None,
        collector: Collector,
        *,
        part: bool = False,
        lines: Mapping[str, tuple[Sequence[Any], Sequence[int]]] | None = None,
        event_keys: tuple[list[str], list[int]] | None = None,
    ) -> None:
        self.source_name = source_name
        self._event_days: list[int] | None = None  # each event's day in id order, when known
        if lines is None or not self._gather_lines(lines, event_keys):
            if lines is not None:
                organizations, members, events = (zip(*lines[fact_type]) for fact_type in _TYPE_RANK)
            self._gather(organizations, members, events, collector)
        self._index_orgs()
        named = self._index_events()
        self._replay()
        check_facts(self, collector, whole=not part, named=named)
        collector.raise_if_any()

        self.observation_defaulted = observation_from is None
        if observation_from is None:
            observation_from = min(
                [e.date for e in self.events.values()] + [m.working_since for m in self.members.values()],
                default=REGULATION_START,
            )
        self.observation_from = observation_from
        # the data warnings are made when first read (:attr:`warnings`): no fact check needs
        # them, only a report, so a check with workers makes them while the workers evaluate
        # instead of before it forks them (loading is serial work that caps their speed-up)
        self._warnings: tuple[DataWarning, ...] | None = None
        # one id, one location: an event's wins over an organisation's or member's of the same id
        self.locations = _Locations(self._locs, source_name)
        self._digest: str | None = None
        self._lock = threading.Lock()
        self._derived: dict[str, Any] = {}
        self._sealed = True

    def _gather(
        self, organizations: Iterable[Located], members: Iterable[Located], events: Iterable[Located], collector: Collector
    ) -> None:
        """The facts by id, where each was read, and each duplicate id reported."""
        source_name = self.source_name
        # where each fact was read and its place in the input (problems are sorted by it), per type
        read: dict[str, dict[str, SourceLocation | int]] = {"organization": {}, "member": {}, "event": {}}
        self._locs: dict[str, Mapping[str, SourceLocation | int]] = dict(read)
        self._seq: dict[str, dict[str, int]] = {"organization": {}, "member": {}, "event": {}}
        orgs: dict[str, Organization] = {}
        mems: dict[str, Member] = {}
        evs: dict[str, Event] = {}
        counter = 0
        for fact_type, items, target in (("organization", organizations, orgs), ("member", members, mems), ("event", events, evs)):
            locs = read[fact_type]
            seq = self._seq[fact_type]
            for fact, loc in items:
                counter += 1
                fact_id = fact.id
                if fact_id in target or (fact_type == "member" and fact_id in orgs):
                    # members and organisations share one namespace; the first one read stays
                    first = self._where(locs[fact_id] if fact_id in target else read["organization"][fact_id])
                    here = self._where(loc)
                    collector.add(_duplicate(fact_id, fact_type, here, first, source_name), (here.line or 0, counter))
                    continue
                target[fact_id] = fact
                locs[fact_id] = loc
                if type(loc) is not int:  # a JSON Lines fact is placed by its line alone
                    seq[fact_id] = counter

        self.organizations = MappingProxyType(_by_id(orgs))
        self.members = MappingProxyType(_by_id(mems))
        self._events = _by_id(evs)
        self.events = MappingProxyType(self._events)
        del orgs, mems, evs  # the unsorted copies, freed before the indexes are built
        for fact_type, by_id in (("organization", self.organizations), ("member", self.members), ("event", self._events)):
            if not self._seq[fact_type] and len(by_id) > _LINES_FROM:  # JSON Lines: a line number each
                self._locs[fact_type] = _Lines(by_id, read[fact_type])
        del read  # the dicts made compact are freed before the indexes are built

    def _gather_lines(
        self, lines: Mapping[str, tuple[Sequence[Any], Sequence[int]]], event_keys: tuple[list[str], list[int]] | None
    ) -> bool:
        """:meth:`_gather` for facts read from JSON Lines (each type's models and their line
        numbers): when no id repeats, as in almost every input, each type is put in id order
        by one sort of its positions (no dict of locations built and then made compact, no
        dict of facts built and then sorted: at province scale each was a pass over millions
        of facts). Returns False, having done nothing, when an id repeats: :meth:`_gather`
        then reports each duplicate as it does for any input. ``event_keys``: the events' ids
        and days as the loader read them (:meth:`_from_lines`); the days are kept in id order
        for :meth:`_index_events`."""
        found: dict[str, tuple[dict[str, Any], Mapping[str, int]]] = {}
        event_days = None
        for fact_type in _TYPE_RANK:
            models, numbers = lines[fact_type]
            keys = event_keys if fact_type == "event" else None  # the ids and days the loader read
            ids: Sequence[str] = keys[0] if keys is not None else list(map(_ID, models))
            # each list put in id order by one itemgetter of every position, made once: a map
            # of each list's __getitem__ was a call through a method wrapper per fact and list
            order = sorted(range(len(ids)), key=ids.__getitem__)
            in_order = _permutation(order)
            # the line numbers are kept in reading order, found through the positions in id
            # order (an array of the ints the sort made): put in id order, each was a new int
            # object in a tuple of them all, then an array (performance: load_facts of 2,000
            # members 1,666.4 -> 1,654.5 million instructions, callgrind; 4 bytes a fact more)
            places = array(_place_typecode(len(order)), order) if len(order) > _LINES_FROM else None
            del order
            if keys is not None:
                # a list: its __getitem__ is read per event (a tuple's goes through a wrapper)
                event_days = list(in_order(keys[1]))
            sorted_ids = in_order(ids)  # kept for the line numbers' index
            by_id = dict(zip(sorted_ids, in_order(models)))
            if len(by_id) != len(ids):
                return False
            if keys is not None:
                for read in keys:  # taken over: freed before the indexes are built
                    read.clear()
            if len(by_id) > _LINES_FROM:
                # the loader's own array of line numbers (32 bits for any input under 4 GB)
                read_lines = numbers if isinstance(numbers, array) else array("L", numbers)
                where: Mapping[str, int] = _Lines.from_sorted(sorted_ids, read_lines, cast("array[int]", places))
            else:
                where = dict(zip(sorted_ids, in_order(numbers)))
            found[fact_type] = (by_id, where)
        if not found["organization"][0].keys().isdisjoint(found["member"][0]):
            return False  # members and organisations share one namespace
        self._seq = {fact_type: {} for fact_type in _TYPE_RANK}
        self._locs = {fact_type: where for fact_type, (_, where) in found.items()}
        self.organizations = MappingProxyType(found["organization"][0])
        self.members = MappingProxyType(found["member"][0])
        self._events = found["event"][0]
        self.events = MappingProxyType(self._events)
        self._event_days = event_days
        return True

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_sealed", False):
            raise AttributeError("a FactSet is immutable")
        object.__setattr__(self, name, value)

    def _index_orgs(self) -> None:
        children: dict[str, list[str]] = defaultdict(list)
        for org in self.organizations.values():
            if org.parent_id is not None:
                children[org.parent_id].append(org.id)
        self._children = {k: tuple(sorted(v)) for k, v in children.items()}

    def _index_events(self) -> ReferenceDigest:
        """Index the events; what they name, for :func:`check_facts`."""
        # The events are walked in id order, the order a file grouped by member (as most are)
        # leaves them in memory, and the per-member and per-organisation indexes are sorted by
        # date afterwards (stable: (date, id) order). Walking them in date order instead jumped
        # across the heap from one event to the next, reading each one's fields: at province
        # scale the cache misses cost more than the work. The indexes hold each event's place
        # in id order while they are built, and are sorted by its day as an integer read from a
        # list: sorting the events themselves by their date read each one again from the heap
        # (and compared dates by a call), which was most of the cost of the indexes.
        events = self._events
        in_id_order = list(events.values())
        days = self._event_days
        del self._event_days
        if days is None:  # not read with the facts: read from each event
            dates = list(map(_DATE, in_id_order))
            day_of = {day: day.toordinal() for day in set(dates)}
            days = list(map(day_of.__getitem__, dates))
            del dates, day_of
        by_day = days.__getitem__
        typecode = _place_typecode(len(in_id_order))
        # the (date, id) order of the events, as places in id order, is made when first asked
        # for (:meth:`_canonical_order`): only the digest reads it, and a check with workers
        # makes the digest in the caller while the children evaluate, not before it forks them
        # (loading is serial work that caps their speed-up); a stream's shards never read it.
        # performance: load_facts of 2,000 members 1,742 -> 1,690 million instructions (-3.0 %,
        # callgrind), the load and the digest together unchanged
        self._date_order: array[int] | None = None
        memo: dict[str, str | None] = {}
        # each kind's places in id order, noted by the walk while the event is in the processor's
        # cache; a kind's events are put in (date, id) order when first asked for
        # (:meth:`events_of_kind`): grouping them all here walked every event of the province
        # in date order, jumping across the heap, and most kinds are never asked for by a check
        kind_places: dict[str, array[int]] = {}
        about: dict[str, list[int]] = defaultdict(list)
        # each organisation's places in id order, put in (date, id) order when first asked for
        # (:meth:`events_of_org`): a check asks for few organisations' events, and ordering a
        # residence cell's events (most of them its members') touched them all across the heap.
        # In arrays: an int object kept per place would be kept until asked for
        of_org: dict[str, array[int]] = defaultdict(partial(array, typecode))
        changes: dict[str, list[Event]] = defaultdict(list)
        # the organisations named, by the kinds the naming field requires (checked once each)
        named_by: dict[tuple[OrgKind, ...], set[str]] = defaultdict(set)
        # citations: whether each names an earlier (or same-day) event of the right kind; the
        # pairs that must concern one member are compared once every event's member is known
        cites_hold = True
        same_member: list[tuple[str, str]] = []
        specs = _SPECS
        # each model's spec for this walk, made when its first event is met: its organisation
        # fields with the add of the set of ids they name (one lookup per model, not a set found
        # by its kinds per event and field), what else its events add (1 a replayed change, 2 an
        # assessment) and the add of its kind's places
        plans: dict[type[Any], _WalkPlan] = {}

        def new_plan(model: type[Any]) -> _WalkPlan:
            spec = specs.get(model) or _spec(model)
            places = kind_places[spec.kind] = array(typecode)
            plan = plans[model] = _walk_plan(spec, named_by, places.append)
            return plan

        # the first assessment of each (member, year) in id order: whether any differs is all
        # :func:`check_facts` needs (which one is first only matters to report a conflict)
        assessments: dict[tuple[str, int], Any] = {}
        assessments_hold = True
        # the member of the last event and its list: in id order, most files' events come
        # member by member (one dictionary lookup per member rather than per event)
        last_member: str | None = None
        none: list[int] = []  # (never appended to: a member is never None)
        add_about = none.append
        for place, event in enumerate(in_id_order):
            fields = event.__dict__
            # the plan's fields as locals, unpacked at once (this loop runs once per event)
            try:
                member_field, orgs, org_lists, citations, cites, extra, add_place = plans[type(event)]
            except KeyError:
                member_field, orgs, org_lists, citations, cites, extra, add_place = new_plan(type(event))
            add_place(place)
            if citations:
                for name, many, wanted, same in citations:
                    value = fields[name]
                    if value is None:
                        continue
                    for cited_id in value if many else (value,):
                        target = events.get(cited_id)
                        if target is None or (wanted and target.kind not in wanted) or target.date > fields["date"]:
                            cites_hold = False
                        elif same:
                            # when both events name their member in a field of their own (their
                            # member_of, :meth:`_compute_member_of`), compared here, while both
                            # are in the processor's cache, not fetched again after the walk
                            target_member = (specs.get(type(target)) or _spec(type(target))).member
                            if member_field is None or target_member is None:
                                same_member.append((fields["id"], cited_id))
                            elif fields[member_field] != target.__dict__[target_member]:
                                cites_hold = False
            if member_field is not None or cites is not None:
                # the common cases: one member field names the one member, or (a form-chain
                # step) the one event cited does
                if member_field is not None:
                    single = fields[member_field]  # read from the field when asked: not memoised
                else:
                    cited = events.get(fields[cites])
                    if cited is None:
                        single = None
                    else:
                        cited_spec = specs.get(type(cited)) or _spec(type(cited))
                        if cited_spec.member is not None:
                            single = cited.__dict__[cited_spec.member]
                        else:
                            single = self._compute_member_of(cited, depth=1)
                    memo[fields["id"]] = single
                if single is not None:
                    if single != last_member:
                        last_member, add_about = single, about[single].append
                    add_about(place)
                    if extra:
                        if extra == 1:
                            changes[single].append(event)
                        else:  # an assessment: single is the member_id (_walk_plan)
                            assessment = fields["assessment"]
                            if assessments.setdefault((single, fields["year"]), assessment) != assessment:
                                assessments_hold = False
                first = None
                for name, add_named in orgs:  # at most two: the second may repeat the first
                    org_id = fields[name]
                    if org_id is not None:
                        add_named(org_id)
                        if org_id != first:
                            of_org[org_id].append(place)
                            first = org_id
                continue
            plan = ref_plan(type(event))
            if plan.single_member is not None:
                single = fields[plan.single_member]
            elif plan.via_events:
                single = memo[fields["id"]] = self._compute_member_of(event, depth=0)
            else:
                single = None
            if extra == 1 and single is not None:
                changes[single].append(event)
            concerned = dict.fromkeys(fields[name] for name in plan.members)
            if single is not None:
                concerned = {single: None, **concerned}
            for name in plan.member_lists:
                concerned.update(dict.fromkeys(fields[name] or ()))
            concerned.pop(None, None)
            for member_id in concerned:
                about[member_id].append(place)
            named: dict[str, None] = {}
            for name, add_named in orgs:
                if fields[name] is not None:
                    named[fields[name]] = None
                    add_named(fields[name])
            for name, add_named in org_lists:
                for org_id in fields[name] or ():
                    named[org_id] = None
                    add_named(org_id)
            for org_id in named:
                of_org[org_id].append(place)
        self._member_of_memo = memo
        self._kind_places = kind_places
        self._by_kind: dict[str, tuple[Event, ...]] = {}
        # kept for the kinds and organisations grouped when first asked for (two lists of pointers)
        self._in_id_order = in_id_order
        self._days = days
        self._about = _placed(about, by_day, in_id_order)
        self._org_places = dict(of_org)
        self._of_org: dict[str, tuple[Event, ...]] = {}
        self._changes = changes  # in id order: sorted by _replay
        return ReferenceDigest(
            self._about.keys(),
            named_by,
            cites_hold and all(self._member_of_id(mine) == self._member_of_id(theirs) for mine, theirs in same_member),
            # known only when every assessment was compared in the walk (not one on the general path)
            assessments_hold and (CommentFormIssued not in plans or plans[CommentFormIssued][5] == 2),
        )

    def _compute_member_of(self, event: Event, depth: int) -> str | None:
        plan = ref_plan(type(event))
        if plan.single_member is not None:
            value: str | None = event.__dict__[plan.single_member]
            return value
        if not plan.via_events:
            return None  # several members
        # a form-chain step or a cancellation concerns the member of the event it cites (the
        # depth bound only matters for citations of the wrong kind, which are errors anyway)
        if depth < 4:
            for rf in plan.events:
                for cited_id in ref_values(event, rf):
                    cited = self.events.get(cited_id)
                    if cited is not None:
                        return self._compute_member_of(cited, depth + 1)
        return None

    def _replay(self) -> None:
        changes = self._changes  # each member's change events, in id order
        del self._changes
        for member_changes in changes.values():
            member_changes.sort(key=_DATE)  # stable: (date, id) order
        self._before: dict[str, MemberState] = {}
        self._history: dict[str, _History] = {}
        history = self._history
        changes_of = changes.get
        for member_id, member in self.members.items():
            changed = changes_of(member_id)
            if changed is None:  # most members: the record is the state throughout
                history[member_id] = _unchanged(member)
            else:
                history[member_id] = self._replay_member(member, changed)

    def _replay_member(self, member: Member, changes: Sequence[Event]) -> _History:
        if not changes:
            return _unchanged(member)
        state = _record_state(member)
        initial = state
        dates: list[dt.date] = []
        states: list[MemberState] = []
        residence = [_OpenStay(member.residence_cell_id, member.working_since, None)] if member.residence_cell_id else []
        workplace = [_OpenStay(member.workplace_cell_id, member.working_since, None)]
        end: tuple[dt.date, str] | None = None
        for event in changes:
            if event.date <= member.working_since:
                continue  # not replayed: the record is the state at working_since (warning)
            self._before[event.id] = state
            if isinstance(event, ResidenceChanged):
                _move(residence, event.to_residence_cell_id, event)
                state = replace(state, residence_cell_id=event.to_residence_cell_id)
            elif isinstance(event, StatusChanged):
                if event.change == StatusChange.TRANSFERRED and event.new_workplace_cell_id is not None:
                    _move(workplace, event.new_workplace_cell_id, event)
                    state = replace(state, workplace_cell_id=event.new_workplace_cell_id)
                if event.change in ENDING_CHANGES and end is None:
                    end = (event.date, event.id)
            elif isinstance(event, CategoryChanged):
                state = replace(state, category=event.category)
            elif isinstance(event, AwayStatusChanged):
                state = replace(state, away_status=event.away_status)
            dates.append(event.date)
            states.append(state)
        return _History(
            initial, tuple(dates), tuple(states), tuple(s.close() for s in residence), tuple(s.close() for s in workplace), end
        )

    # -- queries ------------------------------------------------------------------------------

    def events_of_kind(self, kind: str) -> tuple[Event, ...]:
        """Events of one kind, sorted by ``(date, id)``."""
        return self._grouped(self._by_kind, self._kind_places, kind)

    def events_of_kind_by_id(self, kind: str) -> Iterator[Event]:
        """Events of one kind in id order: for a walk whose outcome does not depend on the order.

        The fact set keeps its events in id order, so this walk reads them in the order they lie
        in memory when the file lists them by id, or by member; the ``(date, id)`` order of
        :meth:`events_of_kind` jumps across a province's whole heap, and at 100,000 members
        walking the annual facts that way took about 0.70 s against 0.44 s."""
        return map(self._in_id_order.__getitem__, self._kind_places.get(kind, ()))

    def _grouped(
        self, kept: dict[str, tuple[Event, ...]], places_of: Mapping[str, Sequence[int]], key: str
    ) -> tuple[Event, ...]:
        """``key``'s events in ``kept``, made when first asked for from its places in id order
        (``places_of``) in (date, id) order (a stable sort by day): two threads asking at once
        make equal tuples, and both return the one kept first."""
        found = kept.get(key)
        if found is None:
            places = places_of.get(key)
            if places is None:
                return ()
            in_order = sorted(places, key=self._days.__getitem__)
            found = kept.setdefault(key, tuple(map(self._in_id_order.__getitem__, in_order)))
        return found

    def events_about_member(self, member_id: str) -> tuple[Event, ...]:
        """Events that concern a member, sorted by ``(date, id)``.

        An event concerns the member when one of its member fields (``member_id``,
        ``member_ids``, ``attendee_ids``, ``excused_ids``, ``invited_ids``) names them, or when it
        has no member field and cites an event about them (comment-form chain steps, the
        cancellation of a personnel action).
        """
        return self._about.get(member_id, ())

    def events_of_org(self, org_id: str) -> tuple[Event, ...]:
        """Events with any organisation field (scalar or list) naming ``org_id``; sorted."""
        return self._grouped(self._of_org, self._org_places, org_id)

    def member_of(self, event: EventBase) -> str | None:
        """The single member an event concerns (through ``about_event_id`` for form-chain steps);
        None for events about several members or about organisations only."""
        if event.id in self._member_of_memo and self.events.get(event.id) is event:
            return self._member_of_memo[event.id]
        return self._compute_member_of(cast(Event, event), depth=0)

    def _member_of_id(self, event_id: str) -> str | None:
        # only the members found through a citation are memoised (an event with a member field
        # of its own is read: a memo entry per event was a large table to fill for nothing)
        if event_id in self._member_of_memo:
            return self._member_of_memo[event_id]
        event = self._events.get(event_id)
        return None if event is None else self._compute_member_of(event, depth=0)

    def state_on(self, member_id: str, day: dt.date) -> MemberState:
        """The member's state on ``day``: the record, then every replayed change dated ≤ day.

        Before ``working_since`` this is the member record. ``ended_on`` is set from the day the
        duties end (:meth:`end_of_duties`) on.
        """
        history = self._history[member_id]
        i = bisect_right(history.dates, day)
        state = history.states[i - 1] if i else history.initial
        if history.end is not None and history.end[0] <= day:
            return replace(state, ended_on=history.end[0])
        return state

    def category_on(self, member_id: str, day: dt.date) -> Category:
        """The member's category on ``day`` (follows ``category_changed``)."""
        return self.state_on(member_id, day).category

    def residence_stays(self, member_id: str) -> tuple[Stay, ...]:
        """The residence cells the member was in, oldest first (none if never in one).

        The first stay starts at ``working_since``. A move to the cell the member is already in
        does not split the stay; stays that would be empty (two moves on one day) are dropped.
        """
        return self._history[member_id].residence

    def workplace_stays(self, member_id: str) -> tuple[Stay, ...]:
        """The workplace cells the member was in (``transferred`` changes), oldest first."""
        return self._history[member_id].workplace

    def _residence_stay_on(self, member_id: str, day: dt.date) -> Stay | None:
        stays = self._history[member_id].residence
        current = None
        for stay in stays:
            if stay.start <= day or stay.entered_by is None:
                current = stay
        return current

    def end_of_duties(self, member_id: str) -> tuple[dt.date, str] | None:
        """``(date, event id)`` of the first replayed ``status_changed`` that ends the duties."""
        return self._history[member_id].end

    def _state_before(self, event_id: str) -> MemberState | None:
        """The replayed state just before a change event (None when it was not replayed)."""
        return self._before.get(event_id)

    def parent(self, org_id: str) -> str | None:
        """The organisation's ``parent_id``."""
        return self.organizations[org_id].parent_id

    def ancestors(self, org_id: str) -> tuple[str, ...]:
        """Parents up to the top, nearest first."""
        out: list[str] = []
        parent = self.organizations[org_id].parent_id
        while parent is not None and parent in self.organizations and parent not in out:
            out.append(parent)
            parent = self.organizations[parent].parent_id
        return tuple(out)

    def children(self, org_id: str) -> tuple[str, ...]:
        """Organisations whose parent is ``org_id``, sorted by id."""
        return self._children.get(org_id, ())

    def commune_of(self, residence_cell_id: str) -> str | None:
        """The commune committee a residence cell belongs to (its parent)."""
        org = self.organizations.get(residence_cell_id)
        parent = self.organizations.get(org.parent_id) if org is not None and org.parent_id else None
        return parent.id if parent is not None and parent.kind == OrgKind.COMMUNE_COMMITTEE else None

    def workplace_committee_of(self, org_id: str) -> str:
        """A workplace cell's parent committee, or the organisation itself if it is a
        workplace committee (a chi bộ cơ sở is its members' cell)."""
        org = self.organizations[org_id]
        if org.kind == OrgKind.WORKPLACE_COMMITTEE:
            return org.id
        if org.kind == OrgKind.WORKPLACE_CELL and org.parent_id is not None:
            return org.parent_id
        raise ValueError(f"{org_id!r} is a {org.kind.value}, not a workplace cell or committee")

    def location(self, fact_type: str | None, fact_id: str | None) -> SourceLocation | None:
        """Where the fact of this type and id was read (``locations`` lets events win a shared id)."""
        if fact_type is None or fact_id is None or fact_type not in self._locs:
            return None
        where = self._locs[fact_type].get(fact_id)
        return None if where is None else self._where(where)

    def _where(self, where: SourceLocation | int) -> SourceLocation:
        return SourceLocation(self.source_name, where, None) if type(where) is int else where  # type: ignore[return-value]

    def _order(self, fact_type: str, fact_id: str) -> tuple[int, ...]:
        """Where the fact comes in the input: (line, place), for sorting problems."""
        where = self._locs.get(fact_type, {}).get(fact_id)
        if where is None:
            return (0, 0)
        if type(where) is int:
            return (where, 0)  # one fact per line
        return (where.line or 0, self._seq[fact_type][fact_id])  # type: ignore[union-attr]

    # -- canonical form -----------------------------------------------------------------------

    def canonical_facts(self) -> list[dict[str, Any]]:
        """Every fact as a JSON-able dict with its ``type``, sorted: organisations and members by
        id, then events by ``(date, id)``. Defaults are written out and ``null`` fields left out,
        so equal facts give equal dicts however they were written."""
        return [{"type": fact_type, **dumped} for fact_type, dumped in self._canonical_dumps()]

    def _canonical_dumps(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """:meth:`canonical_facts` one at a time, each as its type and the dict of its fields
        (the digest never holds them all: at province scale that list was the largest thing
        alive when a check's results were)."""
        for fact_type, facts in self._canonical_order():
            for fact in facts:
                # model_dump without its Python layer: the same call of the model's serializer
                yield fact_type, fact.__pydantic_serializer__.to_python(fact, mode="json", by_alias=True, exclude_none=True)

    def _canonical_order(self) -> Iterator[tuple[str, Sequence[Any]]]:
        """Each fact type and its facts in canonical order (:meth:`canonical_facts`)."""
        yield "organization", list(self.organizations.values())
        yield "member", list(self.members.values())
        # the events are kept in id order; their (date, id) order is made once, from each one's
        # day as the index kept it (two threads asking at once make equal arrays)
        order = self._date_order
        if order is None:
            order = _in_date_order(self._days, _place_typecode(len(self._days)))
            object.__setattr__(self, "_date_order", order)
        yield "event", list(map(self._in_id_order.__getitem__, order))

    @property
    def derived(self) -> dict[str, Any]:
        """A store for what other modules derive from these facts (and from nothing that can
        change): it lives and dies with the fact set, so dropping the fact set drops what was
        derived from it — a module-level cache would keep every fact set alive. Keyed by the
        deriving module's name (the engine keeps the contexts of its one-subject evaluations
        here)."""
        return self._derived

    @property
    def warnings(self) -> tuple[DataWarning, ...]:
        """The data warnings of docs/facts.md that need no results, sorted by fact id and code
        (made once, when first read)."""
        with self._lock:
            if self._warnings is None:
                warnings = data_warnings(self)
                if self.observation_defaulted:
                    warnings.append(DataWarning(WarningCode.OBSERVATION_DEFAULTED.value, None,
                                                {"date": self.observation_from.isoformat()}))  # fmt: skip
                warnings.sort(key=lambda w: (w.fact_id or "", w.code, sorted(w.params.items())))
                object.__setattr__(self, "_warnings", tuple(warnings))
            assert self._warnings is not None
            return self._warnings

    def digest(self) -> str:
        """``input_sha256``: SHA-256 of the canonical facts, one canonical JSON text per line.

        The same facts in any order (and NFD or NFC text) give the same digest.
        """
        with self._lock:
            if self._digest is None:
                h = hashlib.sha256()
                for fact_type, facts in self._canonical_order():
                    # canonical_line written out, with each model's plan looked up by its type
                    # alone (this runs once per fact of a province)
                    plans: dict[type[Any], _CanonicalPlan] = {}
                    for start in range(0, len(facts), _DIGEST_LINES):
                        # hashed a block of lines at a time: one join and one update per block
                        # rather than two updates per fact
                        lines: list[bytes] = []
                        add = lines.append
                        for fact in facts[start : start + _DIGEST_LINES]:
                            plan = plans.get(type(fact))
                            if plan is None:
                                plan = plans[type(fact)] = _plan_of(type(fact), fact_type)
                            fields = plan.template.copy()
                            fields.update(fact.__dict__)  # the keys are the template's: their order stays sorted
                            add(plan.to_json(fields, exclude_none=True))
                        add(b"")
                        h.update(b"\n".join(lines))
                object.__setattr__(self, "_digest", h.hexdigest())
            assert self._digest is not None
            return self._digest

    def __repr__(self) -> str:
        return (
            f"FactSet({len(self.organizations)} organizations, {len(self.members)} members, "
            f"{len(self.events)} events, observation_from={self.observation_from.isoformat()})"
        )


class _Spec(NamedTuple):
    """How :meth:`FactSet._index_events` indexes an event model."""

    kind: str
    member: str | None
    """The one member field, when it is the model's only member field and the model has at
    most two organisation fields, none a list (else the general way)."""
    orgs: tuple[tuple[str, tuple[OrgKind, ...]], ...]
    """The organisation fields holding one id, each with the kinds it may name (any: none)."""
    org_lists: tuple[tuple[str, tuple[OrgKind, ...]], ...]
    """The organisation fields holding a tuple of ids, each with the kinds."""
    citations: tuple[tuple[str, bool, tuple[str, ...], bool], ...]
    """Every field citing events: (name, holds a tuple, kinds cited, same member required)."""
    cites: str | None
    """The one field citing an event, when the model has no member field (the event concerns
    the cited event's member) and at most two organisation fields, none a list."""
    change: bool
    """A change replayed into the member's state."""


def _spec(model: type[Any]) -> _Spec:
    plan = ref_plan(model)
    simple = (
        plan.single_member is not None and not plan.member_lists and len(plan.members) == 1
        and not plan.org_lists and len(plan.orgs) <= 2
    )  # fmt: skip
    via = (
        plan.via_events and len(plan.events) == 1 and not plan.events[0].many
        and not plan.org_lists and len(plan.orgs) <= 2
    )  # fmt: skip
    kind = model.model_fields["kind"].default
    kinds = {rf.name: rf.marker.kinds for rf in ref_fields(model) if isinstance(rf.marker, OrgRef)}
    spec = _Spec(
        kind,
        plan.single_member if simple else None,
        tuple((name, kinds[name]) for name in plan.orgs),
        tuple((name, kinds[name]) for name in plan.org_lists),
        tuple((rf.name, rf.many, rf.marker.kinds, rf.marker.same_member) for rf in plan.events),  # type: ignore[union-attr]
        plan.events[0].name if via else None,
        kind in _CHANGE_KINDS,
    )
    _SPECS[model] = spec
    return spec


_SPECS: dict[type[Any], _Spec] = {}


_WalkPlan = tuple[
    str | None,
    tuple[tuple[str, Callable[[str], None]], ...],
    tuple[tuple[str, Callable[[str], None]], ...],
    tuple[tuple[str, bool, tuple[str, ...], bool], ...],
    str | None,
    int,
    Callable[[int], None],
]
"""A :class:`_Spec` for one walk of :meth:`FactSet._index_events` (no kind): the member field,
the organisation fields and lists each with the ``add`` of the set of ids named by fields of
its kinds, the citations, the cited field, what else an event adds (0 nothing, 1 a change
to replay, 2 an assessment to compare: a ``comment_form_issued`` whose member is its
``member_id``), and the ``add`` of an event's place to its kind's places."""


def _walk_plan(spec: _Spec, named_by: dict[tuple[OrgKind, ...], set[str]], add_place: Callable[[int], None]) -> _WalkPlan:
    extra = 1 if spec.change else 2 if spec.kind == "comment_form_issued" and spec.member == "member_id" else 0
    return (
        spec.member,
        tuple((name, named_by[wanted].add) for name, wanted in spec.orgs),
        tuple((name, named_by[wanted].add) for name, wanted in spec.org_lists),
        spec.citations,
        spec.cites,
        extra,
        add_place,
    )


class _Locations(Mapping[str, SourceLocation]):
    """:attr:`FactSet.locations`: read-only, each location made when asked for (a JSON Lines
    fact keeps only its line number until then); an event's wins over an organisation's or a
    member's of the same id."""

    __slots__ = ("_by_type", "_file", "_merged")

    def __init__(self, by_type: Mapping[str, Mapping[str, SourceLocation | int]], file: str | None) -> None:
        # events first: the first dict that has the id answers
        self._by_type = (by_type["event"], by_type["member"], by_type["organization"])
        self._file = file
        self._merged: dict[str, SourceLocation | int] | None = None

    def __getitem__(self, fact_id: str) -> SourceLocation:
        for where_of in self._by_type:
            where = where_of.get(fact_id)
            if where is not None:
                return SourceLocation(self._file, where, None) if type(where) is int else where  # type: ignore[return-value]
        raise KeyError(fact_id)

    def __contains__(self, fact_id: object) -> bool:
        return any(fact_id in where_of for where_of in self._by_type)

    def _all(self) -> dict[str, SourceLocation | int]:
        if self._merged is None:  # made once, on the first walk over every id
            events, members, orgs = self._by_type
            self._merged = {**orgs, **members, **events}
        return self._merged

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"<{len(self)} fact locations>"


_LINES_FROM = 64
"""A fact type with more facts than this, all read from JSON Lines, keeps its line numbers
in a :class:`_Lines` (smaller ones keep their dict: nothing to gain)."""


class _Lines(Mapping[str, int]):
    """The line number of each fact of one type read from JSON Lines, by id: the sorted ids
    (references to the facts' own), an array of line numbers and, when read from JSON Lines,
    the place of each id's line number (the line numbers stay in the order they were read),
    12–20 bytes a fact instead of a dict entry and an int object (about 70). Looked up by
    bisection: locations are asked for by problems, waivers and CI annotations, not in bulk."""

    __slots__ = ("_ids", "_lines", "_places")
    _ids: Sequence[str]
    _places: Sequence[int]

    def __init__(self, by_id: Mapping[str, object], lines: Mapping[str, SourceLocation | int]) -> None:
        self._ids = list(by_id)  # sorted: the fact set keeps its facts in id order
        self._lines = array("L", map(cast(Callable[[str], int], lines.__getitem__), self._ids))
        self._places = range(len(self._ids))

    @classmethod
    def from_sorted(cls, ids: Sequence[str], lines: array[int], places: array[int]) -> _Lines:
        """From the sorted ids, the line numbers in the order they were read and the place in
        ``lines`` of each id's."""
        self = cls.__new__(cls)
        self._ids = ids
        self._lines = lines
        self._places = places
        return self

    def get(self, fact_id: str, default: Any = None) -> Any:
        ids = self._ids
        i = bisect_left(ids, fact_id)
        return self._lines[self._places[i]] if i < len(ids) and ids[i] == fact_id else default

    def __getitem__(self, fact_id: str) -> int:
        found = self.get(fact_id)
        if found is None:
            raise KeyError(fact_id)
        return int(found)

    def __contains__(self, fact_id: object) -> bool:
        return isinstance(fact_id, str) and self.get(fact_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


@dataclass(slots=True)
class _OpenStay:
    cell_id: str
    start: dt.date
    entered_by: str | None
    end: dt.date | None = None

    def close(self) -> Stay:
        return Stay(self.cell_id, self.start, self.end, self.entered_by)


def _move(stays: list[_OpenStay], cell_id: str, event: EventBase) -> None:
    """Close the current stay the day before ``event`` and open one in ``cell_id``."""
    if stays and stays[-1].cell_id == cell_id:
        return  # a move to the same cell (data warning) does not split the stay
    if stays:
        stays[-1].end = event.date - dt.timedelta(days=1)
        if stays[-1].end < stays[-1].start:
            stays.pop()  # entered and left on one day: no day spent there
            if stays and stays[-1].cell_id == cell_id:
                stays[-1].end = None
                return
    stays.append(_OpenStay(cell_id, event.date, event.id))


def _unchanged(member: Member) -> _History:
    """The history of a member no change is replayed for: the record is the state throughout."""
    since = member.working_since
    residence = member.residence_cell_id
    return tuple.__new__(
        _History,
        (_record_state(member), (), (), (_stay_since(residence, since),) if residence else (),
         (_stay_since(member.workplace_cell_id, since),), None),
    )  # fmt: skip


def _placed(
    lists: dict[str, list[int]], day_of: Callable[[int], int], in_id_order: Sequence[Event]
) -> dict[str, tuple[Event, ...]]:
    """An index of lists of places in id order as one of tuples of events in (date, id) order:
    each list is sorted by the day of each place (a stable sort: places in id order sorted by
    day are in (date, id) order), and freed as soon as its tuple is made (with every list and
    every tuple alive at once, this was the peak of a province's loading)."""
    for name, places in lists.items():
        places.sort(key=day_of)
        # one itemgetter of every place: a map of __getitem__ was a call per event (and an
        # itemgetter of one place gives the event itself, not a tuple of it). performance:
        # load_facts of 2,000 members 1,691 -> 1,681 million instructions (callgrind); written
        # out, not by _permutation, whose call and closure per list cost 19 million more
        lists[name] = itemgetter(*places)(in_id_order) if len(places) > 1 else (in_id_order[places[0]],)  # type: ignore[assignment]
    return dict(cast(dict[str, tuple[Event, ...]], lists))


def _place_typecode(count: int) -> str:
    """The array typecode of places ``0 .. count - 1`` of the events: 32 bits while they fit."""
    return "I" if count < _UINT32 else "L"


def _in_date_order(days: Sequence[int], typecode: str) -> array[int]:
    """The places ``0 .. len(days) - 1`` (events in id order, ``days`` their days) in (date, id)
    order: each place put in its day's array in id order, the arrays joined in day order (a
    stable sort by day). Done in C (``operator.call`` of each day's ``append``): a province has
    a few thousand days for millions of events, and ``sorted(range(n), key=days.__getitem__)``
    compared days about twenty times an event, and made and kept an int object for each place."""
    places_on = {day: array(typecode) for day in sorted(set(days))}  # kept in day order
    appends = {day: places.append for day, places in places_on.items()}
    deque(map(call, map(appends.__getitem__, days), range(len(days))), maxlen=0)
    ordered = array(typecode)
    for places in places_on.values():
        ordered.extend(places)
    return ordered


def _permutation(order: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """What puts a sequence in ``order`` (a list of its positions): a tuple of its items at
    those positions, picked by one :func:`~operator.itemgetter` of them all."""
    if len(order) < 2:  # an itemgetter of one position gives the item, not a tuple of it
        return lambda items: tuple([items[at] for at in order])
    return cast(Callable[[Sequence[Any]], tuple[Any, ...]], itemgetter(*order))


def _by_id(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts sorted by id."""
    return {fact_id: facts[fact_id] for fact_id in sorted(facts)}


def _coerce(
    fact_type: FactType, facts: Iterable[Any], collector: Collector, file: str | None
) -> list[tuple[Any, SourceLocation]]:
    """Models pass through; dicts are validated; each gets its index path as location."""
    model_type: type[Any] = {"organization": Organization, "member": Member, "event": EventBase}[fact_type]
    section = {"organization": "organizations", "member": "members", "event": "events"}[fact_type]
    out: list[tuple[Any, SourceLocation]] = []
    for i, fact in enumerate(facts):
        path = f"$.{section}[{i}]"
        if not isinstance(fact, model_type):
            fact = validate_fact(fact_type, fact, base=path, collector=collector, file=file, order=(_TYPE_RANK[fact_type], i))
            if fact is None:
                continue
        out.append((fact, SourceLocation(file, None, path)))
    return out


def _duplicate(fact_id: str, fact_type: str, loc: SourceLocation, first: SourceLocation, file: str | None) -> Problem:
    return Problem(
        ErrorCode.DUPLICATE_ID,
        file=loc.file if loc.file is not None else file,
        line=loc.line,
        json_path=json_path(loc.json_path or "$", "id"),
        fact_id=fact_id,
        found=fact_id,
        expected=location_text(first),
        params={"type": fact_type},
    )


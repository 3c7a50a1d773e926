"""The fast reading of a JSON Lines fact line: the models' own schemas with every check done
natively by pydantic-core, straight from the line's bytes.

The precise path (``json.loads``, then the models' validators in Python: NFC normalisation,
the id rule, ISO dates) is what decides and what reports problems. This path only *accepts*:
a line it accepts gives the model the precise path would give (same class, same values, same
fields set), and any other line — a problem, an id outside printable ASCII, text that is not
NFC, a ``"type"`` that is not the first key — is handed back (None) to be read precisely.
What it accepts is a subset of what the precise path accepts:

- the schemas are the models' core schemas with the Python validators replaced by native
  ones: an id is 1–200 printable ASCII characters, neither ``|`` nor a space at either end
  (such an id passes the id rule and is NFC); a date is ``[0-9]{4}-[0-9]{2}-[0-9]{2}`` that is a
  calendar date; length bounds are pydantic-core's own;
- free text is not normalised here, so a line that is not pure ASCII, or that has a ``\\u``
  escape, has its text fields checked to be NFC already (normalising would change nothing);
- ``"type"`` must be the first key; it is cut from the bytes, as the precise path pops it.

Each model it makes shares its fields set (``model_fields_set``) with every other model of
the same fields set: a set of five or more names is about 700 bytes, more than the rest of a
typical event, and a province has a few dozen distinct sets among millions of facts. The shared
set is a :class:`SharedFieldsSet`: a ``set`` (what pydantic-core needs to serialise with
``exclude_unset``) that refuses to be changed in place; a copy of it is a plain set, so
``model_copy(update=...)`` works as before.

pydantic-core's JSON reader agrees with ``json.loads`` on what matters here (a repeated key:
the last one wins) and refuses more (``NaN``, a lone surrogate), which only sends lines to the
precise path.

>>> fast_fact(b'{"type": "organization", "id": "DU-P1", "kind": "commune_committee"}')
('organization', Organization(id='DU-P1', kind=<OrgKind.COMMUNE_COMMITTEE: 'commune_committee'>, name=None, parent_id=None, has_cell_committee=False, note=None))
>>> fast_fact(b'{"type": "organization", "id": "DU P1 ", "kind": "commune_committee"}') is None
True
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import SchemaValidator, core_schema

from . import _types
from .events import EVENT_MODELS, Event
from .members import Member
from .organizations import Organization

__all__ = ["fast_fact", "fast_events", "day_number", "fast_schema", "FAST_ID_PATTERN", "SharedFieldsSet", "share_fields_set"]

FAST_ID_PATTERN = r"^[!-{}~](?:[ -{}~]*[!-{}~])?$"
"""Ids read by the fast path: printable ASCII, no ``|``, no space at either end (the length,
1–200, is checked as the model says)."""
_FAST_DATE = core_schema.chain_schema(
    [core_schema.str_schema(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), core_schema.date_schema()]
)
_TYPE_FIRST = re.compile(rb'\s*\{\s*"type"\s*:\s*"(organization|member|event)"\s*,')
_NFC = functools.partial(unicodedata.is_normalized, "NFC")


def _function(node: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    func = node["function"]["function"]
    if isinstance(func, functools.partial):
        return func.func, dict(func.keywords)
    return func, {}


def fast_schema(node: Any) -> Any:
    """A copy of a core schema with the fact types' Python validators made native (see the
    module documentation); other nodes are copied as they are."""
    if isinstance(node, list):
        return [fast_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") in ("function-before", "function-after"):
        func, keywords = _function(node)
        inner = fast_schema(node["schema"])
        if func is _types._text:
            # only NFC text reaches this schema (checked after validation), and pydantic-core's
            # JSON parser refuses a lone surrogate (the line goes to the precise path)
            return inner
        if func is _types._iso_date and inner.get("type") == "date":
            return _FAST_DATE
        if inner.get("type") == "str":
            if func is _types._check_id:
                return {**inner, "pattern": FAST_ID_PATTERN}
            # pydantic's own length checks, left in Python after a before-validator
            for bound in ("max_length", "min_length"):
                if getattr(func, "__name__", None) == f"{bound}_validator" and set(keywords) == {bound}:
                    return {**inner, bound: keywords[bound]}
    return {key: value if key in ("cls", "metadata") else fast_schema(value) for key, value in node.items()}


@contextmanager
def _own_validators(models: tuple[type[BaseModel], ...]) -> Iterator[None]:
    """pydantic-core reuses a complete model's own validator for its schema; while the fast
    validators are built, the models say they are not complete so that the fast schemas are
    compiled (were this ever to stop working, the precise validators would be used: slower,
    never wrong)."""
    saved = [model.__dict__.get("__pydantic_complete__", False) for model in models]
    for model in models:
        model.__pydantic_complete__ = False
    try:
        yield
    finally:
        for model, complete in zip(models, saved):
            model.__pydantic_complete__ = complete


_MODELS: tuple[type[BaseModel], ...] = (Organization, Member, *EVENT_MODELS)
_TARGETS: tuple[tuple[str, Any], ...] = (("organization", Organization), ("member", Member), ("event", Event))


_READERS: dict[bytes, tuple[str, Callable[[bytes], Any]]] = {}
"""The fast validator of each line type (``b"event"`` …), built on first use (a few ms)."""


_CORE_SCHEMAS: dict[str, Any] = {}


def core_schemas() -> dict[str, Any]:
    """The core schema of each line type (``organization``, ``member``, ``event``), made once
    from the complete models' own schemas: made while the models said they were not complete
    (:func:`_own_validators`), pydantic generated every model's schema again, most of the cost
    of building the fast validators; only compiling the schemas needs the models to say so."""
    if not _CORE_SCHEMAS:
        _CORE_SCHEMAS.update({name: TypeAdapter(target).core_schema for name, target in _TARGETS})
    return _CORE_SCHEMAS


def _validators() -> dict[bytes, tuple[str, Callable[[bytes], Any]]]:
    if not _READERS:
        schemas = {name: fast_schema(schema) for name, schema in core_schemas().items()}
        with _own_validators(_MODELS):
            built = {name: SchemaValidator(schema) for name, schema in schemas.items()}
        _READERS.update({name.encode(): (name, validator.validate_json) for name, validator in built.items()})
    return _READERS


def _nfc_fields(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name in model.model_fields if _is_nfc_field(model, name))


def _is_nfc_field(model: type[BaseModel], name: str) -> bool:
    """Free text: normalised to NFC by the model, and not an id (ids here are ASCII)."""
    schema = model.__pydantic_core_schema__["schema"]["fields"][name]["schema"]
    return _calls(schema, _types._text) and not _calls(schema, _types._check_id)


def _calls(node: Any, func: Any) -> bool:
    if isinstance(node, list):
        return any(_calls(item, func) for item in node)
    if not isinstance(node, dict):
        return False
    if node.get("type", "").startswith("function-") and _function(node)[0] is func:
        return True
    return any(_calls(value, func) for key, value in node.items() if key not in ("cls", "metadata"))


class SharedFieldsSet(set[str]):
    """A model's fields set shared by every model with the same fields (see the module
    documentation): changing it in place would change all of them, so it refuses; its copies
    are plain sets."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> Any:
        raise TypeError("a shared fields set cannot be changed; copy it first")

    add = discard = remove = pop = clear = update = _refuse
    intersection_update = difference_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (SharedFieldsSet, (list(self),))


_SHARED_SETS: dict[frozenset[str], SharedFieldsSet] = {}
_LAST_SET: dict[type[BaseModel], SharedFieldsSet] = {}
"""The shared fields sets, and the one each model type was last given (most lines of a kind
set the same fields: one comparison, no lookup)."""


def share_fields_set(model: BaseModel) -> None:
    """Give ``model`` the shared fields set equal to its own (its own set is then freed)."""
    fields_set = model.__pydantic_fields_set__
    shared = _LAST_SET.get(type(model))
    if shared is None or shared != fields_set:
        key = frozenset(fields_set)
        shared = _SHARED_SETS.get(key)
        if shared is None:
            shared = _SHARED_SETS[key] = SharedFieldsSet(key)
        _LAST_SET[type(model)] = shared
    object.__setattr__(model, "__pydantic_fields_set__", shared)


_EVENT_LINE = b'{"type":"event",'
"""How most lines start (``qd213 synth``, compact writers): recognised without the pattern."""


def fast_fact(raw: bytes) -> tuple[str, Organization | Member | Event] | None:
    """``(type, model)`` for a line the fast path accepts, None for any other line."""
    readers = _READERS or _validators()
    if raw.startswith(_EVENT_LINE):
        fact_type, validate = readers[b"event"]
        body = raw.replace(_EVENT_LINE, b"{", 1)  # one copy, where a slice and a concatenation made two
    else:
        match = _TYPE_FIRST.match(raw)
        if match is None:
            return None
        fact_type, validate = readers[match.group(1)]
        body = b"{" + raw[match.end() :]
    try:
        model = validate(body)
    except ValidationError:
        return None
    # a backslash is looked for first, as a byte (a search for one byte is a memchr; for the
    # two bytes of an escape, a search five times slower on every line without one)
    if (not raw.isascii() or (_BACKSLASH in raw and b"\\u" in raw)) and not all(
        _NFC(value) for value in (getattr(model, name) for name in _TEXT_FIELDS[type(model)]) if value is not None
    ):
        return None
    # share_fields_set, written out: this runs once per line of a province
    fields_set = model.__pydantic_fields_set__
    shared = _LAST_SET.get(type(model))
    if shared is not None and shared == fields_set:
        _SET_SLOT(model, "__pydantic_fields_set__", shared)
    else:
        share_fields_set(model)
    if fact_type == "event":  # a province's events fall on a few thousand days: one date object each
        fields = model.__dict__
        day = fields["date"]
        fields["date"] = _DAYS.setdefault(day, day)
    return fact_type, model


def fast_events(
    batch: Sequence[bytes], first_line: int, models: list[Any], line_numbers: list[int], ids: list[str], days: list[int]
) -> list[int]:
    """Read the event lines of ``batch`` (lines numbered from ``first_line``) that the fast path
    accepts: their models, line numbers, ids and days (:func:`day_number`) are appended to
    ``models``, ``line_numbers``, ``ids`` and ``days``, in order; the positions in ``batch`` of
    every other line are returned, in order, for the reader to read one by one (a line starting
    otherwise than as ``qd213 synth`` and compact writers write events, or one :func:`fast_fact`
    would hand back).

    :func:`fast_fact` for the event lines of a batch of lines, written out in one loop: most
    lines of a province are such lines, and a call, a tuple and a generator's step per line
    were about a third of reading them. The id and the day are read here, from the model just
    made, because the fact set sorts the events by both: read later, each was a walk over
    every event of the province in the heap (about 0.3 µs an event in cache misses)."""
    validate = (_READERS or _validators())[b"event"][1]
    add_model, add_line, add_id, add_day = models.append, line_numbers.append, ids.append, days.append
    last_set, set_slot, keys_of = _LAST_SET, _SET_SLOT, _DAY_KEYS
    text_fields, nfc, backslash = _TEXT_FIELDS, _NFC, _BACKSLASH
    left: list[int] = []
    for line_no, raw in enumerate(batch, first_line):
        if not raw.startswith(_EVENT_LINE):
            left.append(line_no - first_line)
            continue
        try:
            model = validate(raw.replace(_EVENT_LINE, b"{", 1))
        except ValidationError:
            left.append(line_no - first_line)
            continue
        model_type = type(model)
        if (not raw.isascii() or (backslash in raw and b"\\u" in raw)) and not all(
            nfc(value) for value in (getattr(model, name) for name in text_fields[model_type]) if value is not None
        ):
            left.append(line_no - first_line)
            continue
        fields_set = model.__pydantic_fields_set__
        shared = last_set.get(model_type)
        if shared is not None and shared == fields_set:
            set_slot(model, "__pydantic_fields_set__", shared)
        else:
            share_fields_set(model)
        fields = model.__dict__
        day = fields["date"]
        try:
            fields["date"], number = keys_of[day]
        except KeyError:
            fields["date"], number = _day_keys(day)
        add_model(model)
        add_line(line_no)
        add_id(fields["id"])
        add_day(number)
    return left


_SET_SLOT = object.__setattr__
_BACKSLASH = ord("\\")


_DAYS: dict[dt.date, dt.date] = {}
"""One date object per day an event is dated (an equal value: the model is unchanged)."""

_DAY_KEYS: dict[dt.date, tuple[dt.date, int]] = {}
"""Each day's date object (:data:`_DAYS`) and :func:`day_number`, made once: one lookup per
event line gives both."""


def _day_keys(day: dt.date) -> tuple[dt.date, int]:
    keys = _DAY_KEYS.get(day)
    if keys is None:
        keys = _DAY_KEYS[day] = (_DAYS.setdefault(day, day), day.toordinal())
    return keys


def day_number(day: dt.date) -> int:
    """The day as an integer (its ordinal: days sort as their numbers do)."""
    return _day_keys(day)[1]


_TEXT_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {model: _nfc_fields(model) for model in _MODELS}
"""The free-text fields of each model, checked to be NFC when a line is not pure ASCII."""

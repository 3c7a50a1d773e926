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
  calendar date, but for an event's ``date``, read as text and made a date by the model's own
  validator, once for each distinct text (:data:`_TEXT_DAYS`); length bounds are
  pydantic-core's own;
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
from pydantic_core import PydanticCustomError, SchemaValidator, core_schema

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
    if node.get("type") == "model-fields" and _is_event_day(node["fields"].get("date")):
        # an event's day is read as its text, made a date by the reader (fast_events,
        # fast_fact) from a table of the days read so far: most lines fall on a day read before
        fields = {**node["fields"], "date": {**node["fields"]["date"], "schema": core_schema.str_schema()}}
        return fast_schema({**node, "fields": fields})
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


def _is_event_day(field: Any) -> bool:
    """Whether a model field is a date read by :func:`~._types._iso_date` alone (an event's
    ``date``)."""
    if not isinstance(field, dict) or field.get("type") != "model-field":
        return False
    schema = field["schema"]
    return schema.get("type") == "function-before" and _function(schema)[0] is _types._iso_date and schema["schema"].get("type") == "date"


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
            _PLAIN_EVENTS[:] = [SchemaValidator(_without_id_pattern(schemas["event"])).validate_json]
        _READERS.update({name.encode(): (name, validator.validate_json) for name, validator in built.items()})
    return _READERS


_PLAIN_EVENTS: list[Callable[[bytes], Any]] = []
"""The fast validator of an event line with its ids not matched (:func:`fast_events`), built
with :data:`_READERS`."""


def _without_id_pattern(node: Any) -> Any:
    """A copy of a fast schema whose ids are not matched against :data:`FAST_ID_PATTERN` (their
    length bounds kept), for :func:`fast_events` to read the lines no id of which can break it."""
    if isinstance(node, list):
        return [_without_id_pattern(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "str" and node.get("pattern") == FAST_ID_PATTERN:
        return {key: value for key, value in node.items() if key != "pattern"}
    return {key: value if key in ("cls", "metadata") else _without_id_pattern(value) for key, value in node.items()}


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
    """Give ``model`` the shared fields set equal to its own (its own set is then freed): found
    by its size where the size decides it (:data:`_BY_SIZE`), else the one its type was last
    given when they are equal, else looked up."""
    fields_set = model.__pydantic_fields_set__
    by_size = _BY_SIZE.get(type(model))
    shared = by_size[len(fields_set)] if by_size is not None else None
    if shared is None:
        shared = _LAST_SET.get(type(model))
        if shared is None or shared != fields_set:
            shared = _shared_set(frozenset(fields_set))
            _LAST_SET[type(model)] = shared
    _SET_FIELDS_SET(model, shared)


def _shared_set(names: frozenset[str]) -> SharedFieldsSet:
    shared = _SHARED_SETS.get(names)
    if shared is None:
        shared = _SHARED_SETS[names] = SharedFieldsSet(names)
    return shared


def _sets_by_size(model: type[BaseModel]) -> list[SharedFieldsSet | None]:
    """The shared fields set of each size a fields set of ``model`` can have, where the size
    alone decides it (None elsewhere): a fields set is the model's required fields and the
    optional ones given, so a set of as many fields as are required is those, and one of every
    field is all of them. An event read by the fast path gives its ``kind`` too (the union picks
    its model by it): counted as required. Most lines give all their fields but the note, or all
    of them: their set is found by its size, without comparing it."""
    names = frozenset(model.model_fields)
    required = frozenset(name for name, field in model.model_fields.items() if field.is_required())
    if model in EVENT_MODELS:
        required |= {"kind"}
    by_size: list[SharedFieldsSet | None] = [None] * (len(names) + 1)
    by_size[len(required)] = _shared_set(required)
    by_size[len(names)] = _shared_set(names)
    return by_size


_EVENT_LINE = b'{"type":"event",'
"""How most lines start (``qd213 synth``, compact writers): recognised without the pattern."""
_MEMBER_LINE = b'{"type":"member",'
"""How a member's line starts in the same writers (about one line in twenty)."""
_EVENT_CUT, _MEMBER_CUT = len(_EVENT_LINE), len(_MEMBER_LINE)


def fast_fact(raw: bytes) -> tuple[str, Organization | Member | Event] | None:
    """``(type, model)`` for a line the fast path accepts, None for any other line."""
    readers = _READERS or _validators()
    # compared and cut by slices (as fast_events does: fewer instructions than startswith and
    # replace, which parses its arguments and searches the line)
    if raw[:_EVENT_CUT] == _EVENT_LINE:
        fact_type, validate = readers[b"event"]
        body = b"{" + raw[_EVENT_CUT:]
    elif raw[:_MEMBER_CUT] == _MEMBER_LINE:  # the pattern's match, found without it (a member a line)
        fact_type, validate = readers[b"member"]
        body = b"{" + raw[_MEMBER_CUT:]
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
        map(_NFC, filter(None, map(model.__dict__.__getitem__, _TEXT_FIELDS[type(model)])))
    ):
        return None
    share_fields_set(model)
    if fact_type == "event":  # its day, read as text: a date, one object per day
        fields = model.__dict__
        keys = _TEXT_DAYS.get(fields["date"]) or _text_day(fields["date"])
        if keys is None:
            return None
        fields["date"] = keys[0]
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
    validate_plain = _PLAIN_EVENTS[0]
    add_model, add_line, add_id, add_day = models.append, line_numbers.append, ids.append, days.append
    by_size, set_fields_set, keys_of = _BY_SIZE, _SET_FIELDS_SET, _TEXT_DAYS
    text_fields, nfc, backslash, space, bar, delete = _TEXT_FIELDS, _NFC, _BACKSLASH, _SPACE, _BAR, _DELETE
    prefix, cut = _EVENT_LINE, len(_EVENT_LINE)
    left: list[int] = []
    for line_no, raw in enumerate(batch, first_line):
        # the prefix compared as a slice and cut by a slice and a concatenation: startswith
        # parses its arguments by a format string and replace searches the line (performance:
        # fast_events over the lines of 2,000 members 865.7 -> 844.2 million instructions)
        if raw[:cut] != prefix:
            left.append(line_no - first_line)
            continue
        ascii = raw.isascii()
        escaped = backslash in raw
        # A line of printable ASCII with no escape, no space, no "|" and no DEL has no id that
        # can break the id rule (FAST_ID_PATTERN): JSON puts no raw control character in a
        # string, so each of its strings is of [!-~] but "|", '"' and "\\", and an empty id
        # is refused by the schema's own min_length. Such a line is read without matching its
        # ids (most event lines: few have text, which has spaces). performance: matching was
        # about 1,500 instructions an event and the three more byte searches cost about 950;
        # load_facts of 2,000 members 1,681.3 -> 1,666.4 million instructions (callgrind)
        if ascii and not escaped and space not in raw and bar not in raw and delete not in raw:
            read = validate_plain
        else:
            read = validate
        try:
            model = read(b"{" + raw[cut:])
        except ValidationError:
            left.append(line_no - first_line)
            continue
        model_type = type(model)
        # each text field NFC, read in C: an empty or missing text (None) is left out
        # (performance: no pair of generators made per line; with the member lines' prefix in
        # fast_fact, load_facts of 2,000 members 1,756 -> 1,742 million instructions, callgrind)
        if (not ascii or (escaped and b"\\u" in raw)) and not all(
            map(nfc, filter(None, map(model.__dict__.__getitem__, text_fields[model_type])))
        ):
            left.append(line_no - first_line)
            continue
        # share_fields_set's first step written out: this loop reads most lines of a province
        shared = by_size[model_type][len(model.__pydantic_fields_set__)]
        if shared is not None:
            set_fields_set(model, shared)
        else:
            share_fields_set(model)
        fields = model.__dict__
        day = fields["date"]  # its text (see fast_schema)
        try:
            fields["date"], number = keys_of[day]
        except KeyError:
            keys = _text_day(day)
            if keys is None:  # not a calendar date in the form YYYY-MM-DD: read precisely
                left.append(line_no - first_line)
                continue
            fields["date"], number = keys
        add_model(model)
        add_line(line_no)
        add_id(fields["id"])
        add_day(number)
    return left


_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
"""Sets a model's fields set: the slot's own descriptor, as ``object.__setattr__`` would find it
(without looking it up on the model's type for each line)."""
_BACKSLASH = ord("\\")
_SPACE, _BAR, _DELETE = ord(" "), ord("|"), 0x7F


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


_TEXT_DAYS: dict[str, tuple[dt.date, int]] = {}
"""Each event day's text read so far, with its date object (:data:`_DAYS`) and
:func:`day_number`: a line's day is one lookup of the string pydantic-core made (one object per
distinct text, from its string cache), instead of a date parsed, hashed and compared."""


def _text_day(text: str) -> tuple[dt.date, int] | None:
    """The date object and :func:`day_number` of a day's text, or None where the model's own
    validator (``_iso_date``) refuses the text."""
    try:
        day = _types._iso_date(text)
    except PydanticCustomError:
        return None
    keys = _TEXT_DAYS[text] = _day_keys(day)
    return keys


def day_number(day: dt.date) -> int:
    """The day as an integer (its ordinal: days sort as their numbers do)."""
    return _day_keys(day)[1]


_BY_SIZE: dict[type[BaseModel], list[SharedFieldsSet | None]] = {model: _sets_by_size(model) for model in _MODELS}
"""Each fact model's shared fields sets by size (:func:`_sets_by_size`), for the fast path."""

_TEXT_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {model: _nfc_fields(model) for model in _MODELS}
"""The free-text fields of each model, checked to be NFC when a line is not pure ASCII."""

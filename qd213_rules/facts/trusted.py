"""A fact read back from the canonical text this process wrote of it, without checking again
what was checked when it was read from the input (the streaming check's shards).

A streaming check validates every line once, while staging, and stores the fact's canonical
text (:func:`~qd213_rules.facts.factset.canonical_line`: the validated model's fields that are
not ``None``, keys sorted, ``"type"`` among them). Each shard that needs the fact reads that text
back. Reading it as an input line (the fast path of :func:`~qd213_rules.facts.load_facts`, after
moving ``"type"`` to the front) checked every id against the id rule, every date against its
pattern, every length and every text for NFC a second time, for values known to pass.

:func:`trusted_fact` reads it with the models' own schemas less those checks: the Python
validators of ids, dates and free text and the length and pattern bounds are left out, and the
``"type"`` member is ignored where it stands (so the text is read as stored). What is left
still builds the same model: the same class (the event's kind picks it), the same values —
dates, enum members and tuples as the models make them — in the same order, the same fields set
(the keys of the text), in half the time. It is only for text this process wrote from a model it
validated; anything it does not read is handed back (None) to be read as an input line.

>>> from qd213_rules.facts import Member
>>> from qd213_rules.facts.factset import canonical_line
>>> m = Member(id="DV-1", category="regular", working_since="2020-01-05", workplace_cell_id="CB-1")
>>> trusted_fact("member", canonical_line(m, "member")) == m
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from pydantic_core import SchemaValidator

from . import _types
from ._fast import _DAYS, _MODELS, _function, _own_validators, core_schemas, share_fields_set
from .events import Event
from .members import Member
from .organizations import Organization

__all__ = ["trusted_fact", "trusted_schema"]

_CHECKS = (_types._text, _types._check_id, _types._iso_date)
"""The models' Python validators that only check (or normalise what is already normal) a
value of the canonical text: left out."""
_BOUNDS = ("pattern", "min_length", "max_length")


def trusted_schema(node: Any) -> Any:
    """A copy of a core schema without the checks canonical text has passed (see the module
    documentation); other nodes are copied as they are."""
    if isinstance(node, list):
        return [trusted_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") in ("function-before", "function-after"):
        func, keywords = _function(node)
        inner = trusted_schema(node["schema"])
        if func in _CHECKS:
            return inner
        if getattr(func, "__name__", None) in ("min_length_validator", "max_length_validator") and set(keywords) <= set(_BOUNDS):
            return inner
        return {**node, "schema": inner}
    out = {key: value if key in ("cls", "metadata") else trusted_schema(value) for key, value in node.items()}
    if out.get("type") in ("str", "tuple", "list"):
        for bound in _BOUNDS:
            out.pop(bound, None)
    elif out.get("type") == "model-fields":
        out["extra_behavior"] = "ignore"  # the "type" member, where the canonical text has it
    elif out.get("type") == "model" and "config" in out:
        out["config"] = {**out["config"], "extra_fields_behavior": "ignore"}
    return out


_READERS: dict[str, Callable[[bytes], Any]] = {}
"""The reader of each fact type, built on first use."""


def _readers() -> dict[str, Callable[[bytes], Any]]:
    if not _READERS:
        schemas = {name: trusted_schema(schema) for name, schema in core_schemas().items()}
        with _own_validators(_MODELS):
            built = {name: SchemaValidator(schema) for name, schema in schemas.items()}
        _READERS.update({name: validator.validate_json for name, validator in built.items()})
    return _READERS


def trusted_fact(fact_type: str, text: bytes) -> Organization | Member | Event | None:
    """The model of a fact's canonical text (``fact_type``: ``organization``, ``member`` or
    ``event``), or None for text it does not read (read it as an input line then)."""
    read = (_READERS or _readers()).get(fact_type)
    if read is None:
        return None
    try:
        model: Organization | Member | Event = read(text)
    except ValidationError:
        return None
    # as the fast path does: one fields set per distinct set, one date object per event's day
    share_fields_set(model)
    if fact_type == "event":
        fields = model.__dict__
        day = fields["date"]
        fields["date"] = _DAYS.setdefault(day, day)
    return model

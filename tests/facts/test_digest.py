"""The digest's canonical lines (``factset.canonical_line``, written by pydantic-core from a dict
of the fact's fields in key order) are byte for byte the canonical JSON of each fact's
JSON-mode dump with its type, as ``json.dumps(..., sort_keys=True, ensure_ascii=False,
separators=(",", ":"))`` writes it: for every fact of random documents, for text of any
character, and for every kind of value a fact model's field can hold."""

from __future__ import annotations

import datetime as dt
import json
import typing
from enum import Enum
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from qd213_rules.facts import FactSet
from qd213_rules.facts.events import EVENT_MODELS
from qd213_rules.facts.factset import canonical_line
from qd213_rules.facts.members import Member
from qd213_rules.facts.organizations import Organization
from strategies import fact_documents

_FACT_MODELS: tuple[type[BaseModel], ...] = (Organization, Member, *EVENT_MODELS)


def _expected(fact: BaseModel, fact_type: str) -> bytes:
    dumped = {**fact.model_dump(mode="json", by_alias=True, exclude_none=True), "type": fact_type}
    return json.dumps(dumped, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@given(fact_documents(max_members=4))
def test_every_fact_of_a_document_has_its_canonical_line(doc: dict[str, Any]) -> None:
    facts = FactSet.from_document(doc)
    for fact_type, by_id in (("organization", facts.organizations), ("member", facts.members), ("event", facts.events)):
        for fact in by_id.values():
            assert canonical_line(fact, fact_type) == _expected(fact, fact_type)
            assert list(vars(fact)) == list(type(fact).model_fields)  # a fact's __dict__: its fields


@given(st.text(max_size=12), st.text(max_size=12))
def test_text_of_any_character_is_written_as_the_standard_encoder_writes_it(name: str, note: str) -> None:
    """Quotes, backslashes, control characters, line separators, characters beyond the BMP:
    whatever text a fact may hold (it is NFC and has no lone surrogate once validated)."""
    try:
        org = Organization.model_validate({"id": "DU-1", "kind": "commune_committee", "name": name, "note": note or None})
    except ValidationError:
        assume(False)
        raise
    assert canonical_line(org, "organization") == _expected(org, "organization")


def test_control_characters_and_escapes() -> None:
    org = Organization.model_validate(
        {"id": "DU-1", "kind": "commune_committee", "name": 'a"b\\c\n\t\x01\x1f\x7f\u2028é𝄞', "note": "\u00e9"}
    )
    assert canonical_line(org, "organization") == _expected(org, "organization")


def _kinds(annotation: Any) -> set[str]:
    """The kinds of value a field's annotation allows (None left out)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return set().union(*(_kinds(a) for a in typing.get_args(annotation) if a is not type(None)))
    if origin is typing.Literal:
        return {"str"} if all(isinstance(a, str) for a in typing.get_args(annotation)) else {repr(annotation)}
    if origin is tuple:
        args = typing.get_args(annotation)
        return {f"tuple[{k}]" for k in _kinds(args[0])} if len(args) == 2 and args[1] is Ellipsis else {repr(annotation)}
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return {"str enum"} if issubclass(annotation, str) else {repr(annotation)}
    if annotation in (str, bool, int, dt.date):
        return {annotation.__name__}
    return {repr(annotation)}


def test_every_fact_field_holds_a_value_the_canonical_line_writes_as_the_dump_does() -> None:
    """canonical_line writes a fact's field values by pydantic-core's own inference, which is
    what the models' serializer writes for these kinds of value (and no field has an alias):
    a new kind of field (a float, a nested model…) must be checked here first."""
    allowed = {"str", "bool", "int", "date", "str enum", "tuple[str]"}
    for model in _FACT_MODELS:
        for name, info in model.model_fields.items():
            assert info.alias is None and info.serialization_alias is None, (model.__name__, name)
            assert _kinds(info.annotation) <= allowed, (model.__name__, name, _kinds(info.annotation))

"""JSON ↔ model round trips for every fact model, and the event table of DESIGN.md §2.

A fact read from JSON, written back with ``by_alias=True`` and read again must be the same
model; a dict read into a model and dumped must come back as the same dict (after the one
normalisation the format allows: Unicode NFC), and dumping again changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from qd213_rules.facts.document import FactDocument
from qd213_rules.facts.events import EVENT_KINDS, EVENT_MODELS, Event
from qd213_rules.facts.members import Member
from qd213_rules.facts.organizations import Organization
from strategies import (
    event_of_kind,
    fact_documents,
    loose_fact_document_dicts,
    member_dicts,
    organization_dicts,
)

EVENTS: TypeAdapter[Any] = TypeAdapter(Event)
MODEL_BY_KIND = dict(zip(EVENT_KINDS, EVENT_MODELS))


def _nfc(value: Any) -> Any:
    """What loading does to a JSON value: strings to NFC, recursively."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _assert_round_trips(model: BaseModel, raw: dict[str, Any]) -> None:
    cls = type(model)
    # JSON → model → JSON → model
    assert cls.model_validate_json(model.model_dump_json(by_alias=True)) == model
    # dict → model → dict keeps every given value (NFC-normalised) …
    dumped = model.model_dump(mode="json", by_alias=True)
    for key, value in raw.items():
        assert dumped[key] == _nfc(value), key
    # … and is stable from then on
    again = cls.model_validate(dumped)
    assert again == model
    assert again.model_dump(mode="json", by_alias=True) == dumped


def test_there_are_46_event_models() -> None:
    assert len(EVENT_MODELS) == len(EVENT_KINDS) == len(set(EVENT_KINDS)) == 46


@pytest.mark.parametrize("kind", EVENT_KINDS)
@given(data=st.data())
def test_event_round_trips(kind: str, data: st.DataObject) -> None:
    raw = data.draw(event_of_kind(kind))
    event = EVENTS.validate_python(raw)
    assert type(event) is MODEL_BY_KIND[kind]
    _assert_round_trips(event, raw)
    # through the discriminated union as well as through the concrete model
    assert EVENTS.validate_json(EVENTS.dump_json(event, by_alias=True)) == event


@given(organization_dicts())
def test_organization_round_trips(raw: dict[str, Any]) -> None:
    _assert_round_trips(Organization.model_validate(raw), raw)


@given(member_dicts())
def test_member_round_trips(raw: dict[str, Any]) -> None:
    _assert_round_trips(Member.model_validate(raw), raw)


@given(loose_fact_document_dicts())
def test_document_of_loose_facts_round_trips(raw: dict[str, Any]) -> None:
    doc = FactDocument.model_validate(raw)
    assert FactDocument.model_validate_json(doc.model_dump_json(by_alias=True)) == doc
    dumped = doc.model_dump(mode="json", by_alias=True)
    assert FactDocument.model_validate(dumped).model_dump(mode="json", by_alias=True) == dumped


@given(fact_documents(max_members=3))
def test_generated_document_round_trips(raw: dict[str, Any]) -> None:
    doc = FactDocument.model_validate(raw)
    text = doc.model_dump_json(by_alias=True)
    assert FactDocument.model_validate_json(text) == doc
    if "observation" in raw:
        assert '"from"' in text  # the wire name, not the Python one
    # every generated value comes back unchanged, fact by fact
    dumped = doc.model_dump(mode="json", by_alias=True)
    for name in ("organizations", "members", "events"):
        assert len(dumped[name]) == len(raw[name])
        for fact, back in zip(raw[name], dumped[name]):
            assert {k: back[k] for k in fact} == fact


# -- the event table of DESIGN.md §2 ---------------------------------------------------------

_ROW = re.compile(r"^\|\s*`([a-z_]+)`\s*\|([^|]*)\|")
_NOT_FIELDS = {"bool", "or", "for", "optional", "default", "true", "and"}


def _event_table(design: Path) -> dict[str, set[str]]:
    """kind → the field names its row of the §2 events table mentions."""
    text = design.read_text(encoding="utf-8")
    section = text.split("### Events", 1)[1].split("\nReferential", 1)[0]
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        match = _ROW.match(line)
        if not match:
            continue
        kind, fields = match.groups()
        fields = re.sub(r"`[^`]*`", "", fields)  # enum values
        while re.search(r"\([^()]*\)", fields):  # explanations in parentheses
            fields = re.sub(r"\([^()]*\)", "", fields)
        table[kind] = set(re.findall(r"\b[a-z]+(?:_[a-z]+)*\b", fields)) - _NOT_FIELDS
    return table


@pytest.fixture(scope="module")
def design_table(shared_dir: Path) -> dict[str, set[str]]:
    design = shared_dir / "DESIGN.md"
    if not design.is_file():
        pytest.skip("../shared/DESIGN.md is not present")
    return _event_table(design)


def test_event_kinds_match_the_design_table(design_table: dict[str, set[str]]) -> None:
    assert len(design_table) == 46
    assert set(EVENT_KINDS) == set(design_table)
    assert list(EVENT_KINDS) == list(design_table)  # EVENT_MODELS keeps the table's order


def test_fields_of_the_design_table_exist(design_table: dict[str, set[str]]) -> None:
    for kind, fields in design_table.items():
        missing = fields - set(MODEL_BY_KIND[kind].model_fields)
        assert not missing, f"{kind}: {sorted(missing)}"

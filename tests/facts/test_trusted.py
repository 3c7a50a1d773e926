"""A fact read back from its canonical text by the streaming check's trusted reader
(qd213_rules.facts.trusted) is the model the checked reading of that text gives: same class,
same values in the same order and of the same types, same fields set."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from qd213_rules.examples import example_ward_facts
from qd213_rules.facts import Event, Member, Organization
from qd213_rules.facts._fast import fast_fact
from qd213_rules.facts.factset import canonical_line
from qd213_rules.facts.trusted import trusted_fact
from qd213_rules.synth import write_synth
from strategies import any_event_dicts, member_dicts, organization_dicts

_MODELS = {"organization": TypeAdapter(Organization), "member": TypeAdapter(Member), "event": TypeAdapter(Event)}


def checked(fact_type: str, text: bytes) -> Any:
    """The canonical text read as an input line is (load_facts' fast path, else its precise path)."""
    raw = json.loads(text)
    raw.pop("type")
    fast = fast_fact(b'{"type":"%s",' % fact_type.encode() + json.dumps(raw, ensure_ascii=False).encode()[1:])
    return fast[1] if fast is not None else _MODELS[fact_type].validate_python(raw)


def assert_same(fact_type: str, model: Any) -> None:
    text = canonical_line(model, fact_type)
    trusted = trusted_fact(fact_type, text)
    slow = checked(fact_type, text)
    assert trusted is not None, text
    assert type(trusted) is type(slow)
    assert list(trusted.__dict__.items()) == list(slow.__dict__.items())
    assert [type(v) for v in trusted.__dict__.values()] == [type(v) for v in slow.__dict__.values()]
    assert trusted.model_fields_set == slow.model_fields_set
    assert trusted.__pydantic_extra__ is None and trusted.__pydantic_private__ is None
    assert canonical_line(trusted, fact_type) == text


def test_every_fact_of_a_synthetic_province() -> None:
    out = io.StringIO()
    write_synth(out, members=60, seed=5)
    seen = set()
    for line in out.getvalue().splitlines():
        raw = json.loads(line)
        fact_type = raw.pop("type")
        if fact_type == "header":
            continue
        model = _MODELS[fact_type].validate_python(raw)
        assert_same(fact_type, model)
        seen.add(raw.get("kind", fact_type))
    assert len(seen) > 30


def test_every_fact_of_the_example_ward() -> None:
    facts = example_ward_facts()
    for fact_type, models in (("organization", list(facts.organizations.values())), ("member", list(facts.members.values())),
                              ("event", list(facts.events.values()))):  # fmt: skip
        assert models
        for model in models:
            assert_same(fact_type, model)


@given(st.one_of(
    st.tuples(st.just("event"), any_event_dicts()),
    st.tuples(st.just("member"), member_dicts()),
    st.tuples(st.just("organization"), organization_dicts()),
))  # fmt: skip
def test_generated_facts(case: tuple[str, dict[str, Any]]) -> None:
    fact_type, raw = case
    assert_same(fact_type, _MODELS[fact_type].validate_python(raw))


def test_text_it_does_not_read_is_handed_back() -> None:
    assert trusted_fact("event", b'{"type":"event","kind":"no_such_kind","id":"E1","date":"2025-01-01"}') is None
    assert trusted_fact("member", b'{"id": 3}') is None
    assert trusted_fact("header", b"{}") is None

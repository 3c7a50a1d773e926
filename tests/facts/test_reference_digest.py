"""The fact set checks references once per distinct id (checks.ReferenceDigest) and falls back
to checking fact by fact when one does not hold: the problems and warnings are exactly those of
checking every fact one by one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qd213_rules.errors import FactsError
from qd213_rules.facts import FactSet, Limits, checks, factset, load_facts
from strategies import fact_documents

BAD = Path(__file__).parent / "bad"
CASES: list[dict[str, Any]] = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))


def _outcome(load: Any) -> Any:
    try:
        fs = load()
    except FactsError as exc:
        return [(p.code, p.file, p.line, p.json_path, p.fact_id, p.found, p.expected, dict(p.params)) for p in exc.problems]
    return fs.digest(), fs.warnings


def _one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    real = checks.check_facts

    def without_digest(fs: FactSet, collector: checks.Collector, *, whole: bool = True, named: Any = None) -> None:
        real(fs, collector, whole=whole, named=None)

    monkeypatch.setattr(factset, "check_facts", without_digest)


def _assert_same_problems_either_way(doc: dict[str, Any]) -> None:
    """The document read with the fact set's digest and checked one fact at a time: the same
    problems (or the same digest and warnings)."""
    digested = _outcome(lambda: FactSet.from_document(doc))
    with pytest.MonkeyPatch.context() as patch:
        _one_by_one(patch)
        assert _outcome(lambda: FactSet.from_document(doc)) == digested


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_inputs_same_problems_either_way(case: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    def load() -> FactSet:
        return load_facts(BAD / case["file"], limits=Limits(**case.get("limits", {})))

    digested = _outcome(load)
    _one_by_one(monkeypatch)
    assert _outcome(load) == digested


_BREAKS = [
    ("members", "workplace_cell_id", "NO-SUCH-CELL"),
    ("members", "residence_cell_id", "DU-NOWHERE"),
    ("events", "member_id", "DV-NOBODY"),
    ("events", "org_id", "NO-ORG"),
    ("events", "to_org_id", None),  # replaced by the id of an organisation of another kind
    ("events", "about_event_id", "E-NONE"),
    ("events", "about_event_id", None),  # replaced by the id of a later event
    ("events", "attendee_ids", "DV-NOBODY"),
]


@given(fact_documents(min_members=2, max_members=4), st.data())
def test_damaged_documents_same_problems_either_way(doc: dict[str, Any], data: st.DataObject) -> None:
    """A consistent document with one reference broken: the same problems with the digest as
    checking every fact one by one."""
    doc = copy.deepcopy(doc)
    section, field, value = data.draw(st.sampled_from(_BREAKS))
    holders = [fact for fact in doc.get(section, []) if field in fact]
    if holders:
        fact = data.draw(st.sampled_from(holders))
        if value is None and field == "to_org_id":
            value = doc["organizations"][0]["id"]
        elif value is None:
            value = max(doc["events"], key=lambda e: e["date"])["id"]
        fact[field] = [value] if isinstance(fact[field], list) else value
    _assert_same_problems_either_way(doc)


@given(fact_documents(min_members=2, max_members=4), st.data())
def test_second_comment_forms_same_problems_either_way(doc: dict[str, Any], data: st.DataObject) -> None:
    """A second comment form for a member and year, with the same or another assessment (the
    fact set compares assessments while indexing): the same problems as checking one by one."""
    doc = copy.deepcopy(doc)
    forms = [event for event in doc.get("events", []) if event["kind"] == "comment_form_issued"]
    if forms:
        form = copy.deepcopy(data.draw(st.sampled_from(forms)))
        form["id"] += "-B"
        form["assessment"] = data.draw(st.sampled_from(["excellent", "good", "fulfilled", "not_fulfilled"]))
        doc["events"].append(form)
    _assert_same_problems_either_way(doc)


@given(fact_documents(min_members=2, max_members=4), st.data())
def test_citations_of_other_members_events_same_problems_either_way(doc: dict[str, Any], data: st.DataObject) -> None:
    """An event citing an earlier event of the kind it requires, about the same member or
    another (the fact set compares members while indexing when both name theirs in a field):
    the same problems as checking one by one."""
    doc = copy.deepcopy(doc)
    events = doc.get("events", [])
    received = [event for event in events if event["kind"] == "introduction_received" and event.get("about_event_id")]
    if received:
        event = data.draw(st.sampled_from(received))
        sent = [other for other in events if other["kind"] == "introduction_sent" and other["date"] <= event["date"]]
        if sent:
            event["about_event_id"] = data.draw(st.sampled_from(sent))["id"]
    _assert_same_problems_either_way(doc)

"""The bundled example ward: generated, valid, and rich enough for the demo."""

from __future__ import annotations

import importlib.resources
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from scripts import load_script

from qd213_rules import OBLIGATIONS, Status, evaluate, load_facts
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document, example_ward_path
from qd213_rules.facts import DataWarning
from qd213_rules.facts.document import FactDocument
from qd213_rules.facts.events import EVENT_KINDS
from qd213_rules.facts.members import Category

GENERATOR = Path(__file__).resolve().parent.parent / "tools" / "make_example_ward.py"
REGENERATE = "python tools/make_example_ward.py"


def _generator() -> ModuleType:
    return load_script(GENERATOR)


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return example_ward_document()


def test_committed_file_is_the_generator_output() -> None:
    generator = _generator()
    expected = generator.render(generator.build())
    committed = example_ward_path().read_text(encoding="utf-8")
    assert committed == expected, f"example_ward.json is stale: regenerate it with `{REGENERATE}`"


def test_generator_and_package_agree_on_the_as_of_date() -> None:
    assert _generator().AS_OF == EXAMPLE_AS_OF, f"align AS_OF with EXAMPLE_AS_OF, then run `{REGENERATE}`"


def test_document_validates(doc: dict[str, Any]) -> None:
    parsed = FactDocument.model_validate(doc)
    assert parsed.observation is not None
    assert parsed.observation.from_ == date(2024, 1, 1)


def test_every_event_kind_is_used(doc: dict[str, Any]) -> None:
    used = {e["kind"] for e in doc["events"]}
    assert set(EVENT_KINDS) - used == set()


def test_all_categories_are_present(doc: dict[str, Any]) -> None:
    categories = Counter(m["category"] for m in doc["members"])
    assert set(categories) == {c.value for c in Category}
    assert categories["regular"] > categories["introduced_exempt_from_activities"] >= categories["exempt_from_introduction"]


def test_member_count(doc: dict[str, Any]) -> None:
    assert 25 <= len(doc["members"]) <= 40


def test_events_span_both_years_up_to_the_as_of_date(doc: dict[str, Any]) -> None:
    dates = [date.fromisoformat(e["date"]) for e in doc["events"]]
    years = Counter(d.year for d in dates)
    assert years[2024] > 100 and years[2025] > 100
    assert max(dates) <= EXAMPLE_AS_OF
    # the record starts on observation.from; earlier facts are introduction history only
    early = {e["kind"] for e in doc["events"] if e["date"] < doc["observation"]["from"]}
    assert early <= {
        "introduction_sent", "introduction_received", "introduction_forwarded", "member_registered",
        "member_notified", "members_listed_by_residence", "dissemination_held", "guidance_issued",
    }


def test_ids_are_unique_readable_and_sorted(doc: dict[str, Any]) -> None:
    org_ids = [o["id"] for o in doc["organizations"]]
    member_ids = [m["id"] for m in doc["members"]]
    event_ids = [e["id"] for e in doc["events"]]
    assert len(set(org_ids + member_ids)) == len(org_ids) + len(member_ids)
    assert len(set(event_ids)) == len(event_ids)
    assert not any("|" in i for i in org_ids + member_ids + event_ids)
    assert org_ids == sorted(org_ids) and member_ids == sorted(member_ids) and event_ids == sorted(event_ids)
    assert [e["date"] for e in doc["events"]] == sorted(e["date"] for e in doc["events"])


def test_key_scenarios_are_present(doc: dict[str, Any]) -> None:
    events = doc["events"]
    meetings = [e for e in events if e["kind"] == "meeting_held"]
    assert {e["meeting_type"] for e in meetings} == {"working_members", "other", "people"}
    assert any(e.get("attendance_recorded") is False for e in meetings)
    assert any("invited_ids" in e for e in meetings)
    assert {e["written"] for e in events if e["kind"] == "away_notice_sent"} == {True, False}
    changes = {e["change"] for e in events if e["kind"] == "status_changed"}
    assert {"transferred", "retired"} <= changes
    waivers = [e for e in events if e["kind"] == "waiver_granted"]
    assert any("result_id" in e for e in waivers) and any("obligation_id" in e for e in waivers)
    assert any(e["kind"] == "comment_form_issued" and not e["with_front_committee"] for e in events)
    assert [e["obligation_id"] for e in events if e["kind"] == "conduct_breach_recorded"] == ["D2.K2a"]


DELIBERATE_WARNINGS = [("member_not_invited", "E-0494", {"member_id": "DV-027", "org_id": "CB-PH"})]
"""The ward's one data warning, on purpose: chi bộ Phước Hòa's 2025-H2 invitation list leaves out a
registered member (contract 1.1 §8.13)."""


def _warnings(found: Iterable[DataWarning]) -> list[tuple[str, str | None, dict[str, Any]]]:
    return [(w.code, w.fact_id, dict(w.params)) for w in found]


def test_loads_with_the_full_checks_and_only_the_deliberate_data_warning() -> None:
    with importlib.resources.as_file(example_ward_path()) as path:
        facts = load_facts(path)  # raises FactsError on any referential or consistency error
    assert _warnings(facts.warnings) == DELIBERATE_WARNINGS
    assert not facts.observation_defaulted


def test_demo_report_shows_every_status() -> None:
    """The README's demo must exercise the whole status vocabulary of semantics, statuses."""
    with importlib.resources.as_file(example_ward_path()) as path:
        report = evaluate(load_facts(path), as_of=EXAMPLE_AS_OF)
    shown = {status for status, count in report.summary.items() if count}
    assert shown == {s.value for s in Status}
    assert _warnings(report.data_warnings) == DELIBERATE_WARNINGS


def test_demo_report_cites_every_event_kind_and_covers_every_obligation() -> None:
    """Issue 5: in the demo report every event kind is cited by some result (trigger, evidence
    or the state a decision rests on) and every obligation has at least one result."""
    with importlib.resources.as_file(example_ward_path()) as path:
        facts = load_facts(path)
    report = evaluate(facts, as_of=EXAMPLE_AS_OF)
    cited = {e for r in report.results for e in (*r.evidence, r.trigger_event_id) if e}
    assert {facts.events[e].kind for e in cited} == set(EVENT_KINDS)
    assert {r.obligation_id for r in report.results} == {o.id for o in OBLIGATIONS}
    # every event is either cited or listed as unused with a reason
    unused = {u.id for u in report.unused_facts}
    assert set(facts.events) - cited - unused <= _state_only(facts)


def _state_only(facts: Any) -> set[str]:
    """Events read only as state (registrations and reviews used through replay)."""
    kinds = {"member_registered", "member_notified", "annual_review_scheduled", "annual_review_held",
             "residence_changed", "status_changed", "category_changed", "away_status_changed"}  # replay, R
    return {e.id for e in facts.events.values() if e.kind in kinds}

"""The strategies of ``tests/strategies.py`` keep their promises.

Generated documents are valid and consistent (checked here by an independent oracle, and by
``FactSet`` once the loader exists), varied enough that every event kind, member category and
interesting shape appears over a run — asserted, so the strategies cannot silently degrade —
and deterministic given a seed.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections import Counter, defaultdict
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from qd213_rules.facts import FactSet, load_facts
from qd213_rules.facts.checks import ref_fields
from qd213_rules.facts.document import FactDocument
from qd213_rules.facts.events import EVENT_KINDS, ENDING_CHANGES, StatusChange
from qd213_rules.facts._types import EventRef, MemberRef, OrgKind, OrgRef
from qd213_rules.facts.members import Category
from strategies import (
    CONDUCT_DUTIES,
    DEFAULT_YEARS,
    IN_FORCE,
    as_of_dates,
    categories_in,
    event_kinds_in,
    fact_document_and_as_of,
    fact_documents,
    org_trees,
    random_fact_document,
    shuffled,
    window_of,
    with_unrelated_member,
)

Doc = dict[str, Any]
_WORKPLACE_SIDE = {OrgKind.WORKPLACE_COMMITTEE, OrgKind.WORKPLACE_CELL}
_CHANGE_KINDS = {"residence_changed", "status_changed", "category_changed", "away_status_changed"}


# the generator omits observation sometimes, and leaves some absent members out of an invitation
# list (the cell's omission, semantics R13), on purpose
_EXPECTED_WARNINGS = {"observation_defaulted", "member_not_invited"}


def _load(raw: Doc) -> FactSet:
    """The product's own loader: raises FactsError on any error; only expected warnings."""
    fact_set = FactSet.from_document(raw)
    unexpected = [(w.code, w.fact_id, dict(w.params)) for w in fact_set.warnings if w.code not in _EXPECTED_WARNINGS]
    assert not unexpected, unexpected[:10]
    return fact_set


def _json_lines(raw: Doc) -> bytes:
    """The document as JSON Lines: a header, then one typed fact a line."""
    header: dict[str, Any] = {"type": "header", "schema_version": 1}
    if "observation" in raw:
        header["observation"] = raw["observation"]
    lines = [header]
    for section, fact_type in (("organizations", "organization"), ("members", "member"), ("events", "event")):
        lines += [{**fact, "type": fact_type} for fact in raw[section]]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")


# -- an independent oracle for "consistent" --------------------------------------------------


def consistency_problems(raw: Doc, years: tuple[int, int] = DEFAULT_YEARS) -> list[str]:
    """What is wrong with a generated document, as short texts (empty when it keeps every promise)."""
    problems: list[str] = []
    if json.loads(json.dumps(raw, ensure_ascii=False)) != raw:
        problems.append("not plain JSON")
    doc = FactDocument.model_validate(raw)
    # facts are handled dynamically here: each rule reads the fields of the kinds it is about
    orgs: dict[str, Any] = {o.id: o for o in doc.organizations}
    members: dict[str, Any] = {m.id: m for m in doc.members}
    events: dict[str, Any] = {e.id: e for e in doc.events}
    all_events: list[Any] = list(doc.events)
    ids = [*orgs, *members]
    for dup in [i for i, n in Counter(ids).items() if n > 1] + [i for i, n in Counter(e.id for e in doc.events).items() if n > 1]:
        problems.append(f"duplicate id {dup}")
    start, end = window_of(years)

    def ancestors(org_id: str) -> list[str]:
        out: list[str] = []
        parent = orgs[org_id].parent_id
        while parent is not None and parent not in out:
            out.append(parent)
            parent = orgs[parent].parent_id
        return out

    for org in doc.organizations:
        parent = orgs.get(org.parent_id) if org.parent_id else None
        want = {OrgKind.RESIDENCE_CELL: OrgKind.COMMUNE_COMMITTEE, OrgKind.WORKPLACE_CELL: OrgKind.WORKPLACE_COMMITTEE}
        if org.kind in want and (parent is None or parent.kind != want[org.kind]):
            problems.append(f"{org.id}: parent must be a {want[org.kind].value}")
    for member in doc.members:
        if member.residence_cell_id is None and member.category != Category.EXEMPT_FROM_INTRODUCTION:
            problems.append(f"{member.id}: no residence cell")

    # references, from the same field metadata the product's checks use
    facts: list[Any] = [*doc.organizations, *doc.members, *doc.events]
    for fact in facts:
        for rf in ref_fields(type(fact)):
            value = getattr(fact, rf.name)
            for ref in (() if value is None else tuple(value) if rf.many else (value,)):
                where = f"{fact.id}.{rf.name}={ref}"
                if isinstance(rf.marker, MemberRef) and ref not in members:
                    problems.append(f"{where}: no such member")
                elif isinstance(rf.marker, OrgRef):
                    if ref not in orgs:
                        problems.append(f"{where}: no such organisation")
                    elif rf.marker.kinds and orgs[ref].kind not in rf.marker.kinds:
                        problems.append(f"{where}: wrong organisation kind")
                elif isinstance(rf.marker, EventRef):
                    cited = events.get(ref)
                    if cited is None or cited.kind not in rf.marker.kinds or cited.date > fact.date:
                        problems.append(f"{where}: not an earlier {'/'.join(rf.marker.kinds)}")
                    elif rf.marker.same_member and getattr(cited, "member_id", None) != getattr(fact, "member_id", None):
                        problems.append(f"{where}: about another member")

    # replay each member's history
    by_member: dict[str, list[Any]] = defaultdict(list)
    for event in all_events:
        if not start <= event.date <= end:
            problems.append(f"{event.id}: dated {event.date} outside the window")
        if getattr(event, "member_id", None) in members:
            by_member[event.member_id].append(event)
    residence_line: dict[str, list[tuple[dt.date, str | None]]] = {}
    workplace_line: dict[str, list[tuple[dt.date, str]]] = {}
    category_line: dict[str, list[tuple[dt.date, Category]]] = {}
    ended: dict[str, dt.date] = {}
    for mid, member in members.items():
        res, work, category = member.residence_cell_id, member.workplace_cell_id, member.category
        residence_line[mid] = [(member.working_since, res)]
        workplace_line[mid] = [(member.working_since, work)]
        category_line[mid] = [(member.working_since, category)]
        for event in sorted(by_member[mid], key=lambda e: (e.date, e.id)):
            if event.date < member.working_since:
                problems.append(f"{event.id}: before {mid}'s working_since")
            if mid in ended and event.kind != "status_change_notified":
                problems.append(f"{event.id}: about {mid} after the end of duties")
            if event.kind in _CHANGE_KINDS and event.date <= member.working_since:
                problems.append(f"{event.id}: change on or before working_since")
            if event.kind == "residence_changed":
                if event.from_residence_cell_id != res or event.to_residence_cell_id == res:
                    problems.append(f"{event.id}: from {event.from_residence_cell_id}, replay says {res}")
                res = event.to_residence_cell_id
                residence_line[mid].append((event.date, res))
            elif event.kind == "status_changed":
                transferred = event.change == StatusChange.TRANSFERRED
                if (event.new_workplace_cell_id is not None) != transferred or (event.from_workplace_cell_id is not None) != transferred:
                    problems.append(f"{event.id}: transfer fields")
                if transferred:
                    if event.from_workplace_cell_id != work:
                        problems.append(f"{event.id}: from {event.from_workplace_cell_id}, replay says {work}")
                    work = event.new_workplace_cell_id
                    workplace_line[mid].append((event.date, work))
                if event.change in ENDING_CHANGES:
                    ended[mid] = event.date
            elif event.kind == "category_changed":
                category = event.category
                category_line[mid].append((event.date, category))

    def at(line: list[tuple[dt.date, Any]], day: dt.date) -> Any:
        return [v for since, v in line if since <= day][-1] if line[0][0] <= day else line[0][1]

    def active(mid: str, day: dt.date) -> bool:
        return members[mid].working_since <= day and (mid not in ended or day < ended[mid])

    def commune_of(cell: str | None) -> str | None:
        return orgs[cell].parent_id if cell else None

    registrations: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for event in all_events:
        if event.kind == "member_registered":
            registrations[(event.member_id, event.org_id)].append(event.date)

    def registered_at(mid: str, cells: set[str], day: dt.date) -> bool:
        line = residence_line[mid]
        stay_start = max((since for since, _ in line if since <= day), default=line[0][0])
        cell = at(line, day)
        earliest = dt.date.min if stay_start == line[0][0] else stay_start
        return cell in cells and any(earliest <= d <= day for d in registrations[(mid, cell)])

    forms: set[tuple[str, int]] = set()
    for event in all_events:
        listed = [i for rf in ref_fields(type(event)) if isinstance(rf.marker, MemberRef)
                  for i in ((getattr(event, rf.name) or ()) if rf.many else ())]  # fmt: skip
        for mid in listed:
            if mid in members and not active(mid, event.date):
                problems.append(f"{event.id}: lists {mid}, who is not active then")
        year = getattr(event, "year", None)
        if isinstance(year, int) and not dt.date(year, 1, 1) <= event.date <= dt.date(year + 1, 3, 31):
            problems.append(f"{event.id}: annual fact outside its year")
        if event.kind == "meeting_held":
            if set(event.attendee_ids) & set(event.excused_ids):
                problems.append(f"{event.id}: attendee and excused")
            if not event.attendance_recorded and (event.attendee_ids or event.excused_ids):
                problems.append(f"{event.id}: lists without a recorded attendance")
            cells = {event.org_id} | {o for o, org in orgs.items() if org.parent_id == event.org_id}
            for mid in (*event.attendee_ids, *event.excused_ids, *(event.invited_ids or ())):
                if not registered_at(mid, cells, event.date):
                    problems.append(f"{event.id}: {mid} is not registered at {event.org_id}")
        elif event.kind in ("introduction_sent", "away_notice_sent"):
            if event.to_org_id != commune_of(at(residence_line[event.member_id], event.date)):
                problems.append(f"{event.id}: letter to another commune")
            if event.kind == "introduction_sent" and at(category_line[event.member_id], event.date) == Category.EXEMPT_FROM_INTRODUCTION:
                problems.append(f"{event.id}: introduction of an exempt member")
        elif event.kind == "comment_form_issued":
            if (event.member_id, event.year) in forms:
                problems.append(f"{event.id}: second form for one member and year")
            forms.add((event.member_id, event.year))
            if not registered_at(event.member_id, {event.org_id}, event.date):
                problems.append(f"{event.id}: form from a cell the member is not registered at")
        elif event.kind == "conduct_breach_recorded":
            if event.obligation_id not in CONDUCT_DUTIES:
                problems.append(f"{event.id}: {event.obligation_id} is not a conduct duty")
            committee = at(workplace_line[event.member_id], event.date)
            committee = orgs[committee].parent_id if orgs[committee].kind == OrgKind.WORKPLACE_CELL else committee
            allowed = {committee, *ancestors(committee), commune_of(at(residence_line[event.member_id], event.date))}
            if event.recorded_by_org_id not in allowed:
                problems.append(f"{event.id}: recorded by {event.recorded_by_org_id} without authority")
        elif event.kind == "waiver_granted":
            if (event.result_id is None) == (event.obligation_id is None) or (event.period and event.about_event_id):
                problems.append(f"{event.id}: waiver key")
            subject = event.subject_id
            if subject in members:
                cell = at(workplace_line[subject], event.date)
                allowed = {cell, *ancestors(cell)}
            elif subject in orgs:
                allowed = {subject, *ancestors(subject)}
            else:
                problems.append(f"{event.id}: waiver for an unknown subject")
                continue
            if event.granted_by_org_id not in allowed:
                problems.append(f"{event.id}: waiver granted without authority")
    return problems


def _assert_consistent(raw: Doc, years: tuple[int, int] = DEFAULT_YEARS) -> None:
    problems = consistency_problems(raw, years)
    assert not problems, "\n".join(problems[:20])


# -- validity --------------------------------------------------------------------------------


@given(fact_documents())
def test_generated_documents_are_valid_and_consistent(raw: Doc) -> None:
    _assert_consistent(raw)
    _load(raw)
    assert raw["members"] and raw["events"]


@given(fact_documents(min_members=2, max_members=3, years=(2022, 2023)))
def test_other_sizes_and_years(raw: Doc) -> None:
    assert 2 <= len(raw["members"]) <= 3
    _assert_consistent(raw, (2022, 2023))


@pytest.mark.parametrize("seed", range(40))
def test_seeded_documents_are_consistent(seed: int) -> None:
    raw = random_fact_document(seed)
    _assert_consistent(raw)
    _load(raw)


@settings(max_examples=15)
@given(fact_documents())
def test_every_way_of_loading_gives_the_same_facts(raw: Doc) -> None:
    fact_set = _load(raw)
    assert fact_set.observation_defaulted == ("observation" not in raw)
    doc = FactDocument.model_validate(raw)
    from_model = FactSet.from_document(doc)
    from_facts = FactSet.from_facts(
        raw["organizations"], raw["members"], raw["events"],
        observation_from=doc.observation.from_ if doc.observation else None,
    )  # fmt: skip
    from_lines = load_facts(_json_lines(raw), name="facts.jsonl")
    assert fact_set.digest() == from_model.digest() == from_facts.digest() == from_lines.digest()
    assert len(fact_set.events) == len(raw["events"]) and len(fact_set.members) == len(raw["members"])


@given(org_trees())
def test_org_trees(orgs: list[dict[str, Any]]) -> None:
    doc = FactDocument.model_validate({"schema_version": 1, "organizations": orgs})
    kinds = Counter(o.kind for o in doc.organizations)
    assert kinds[OrgKind.PROVINCIAL_COMMITTEE] == 1
    assert 1 <= kinds[OrgKind.WORKPLACE_COMMITTEE] <= 2 and 1 <= kinds[OrgKind.COMMUNE_COMMITTEE] <= 2
    assert kinds[OrgKind.CENTRAL_ORGANIZATION_COMMISSION] <= 1
    assert kinds[OrgKind.RESIDENCE_CELL] >= 1
    assert not consistency_problems({"schema_version": 1, "organizations": orgs})


@given(as_of_dates())
def test_as_of_dates_stay_in_range(day: dt.date) -> None:
    assert IN_FORCE <= day <= dt.date(2026, 3, 31)


@given(fact_document_and_as_of(max_members=2))
def test_document_and_as_of(pair: tuple[Doc, dt.date]) -> None:
    raw, as_of = pair
    start, end = window_of(DEFAULT_YEARS)
    assert isinstance(as_of, dt.date) and start <= as_of <= end + dt.timedelta(days=90)


# -- helpers ---------------------------------------------------------------------------------


def _canonical(raw: Doc) -> dict[str, Any]:
    return {
        key: sorted(json.dumps(f, sort_keys=True) for f in value) if isinstance(value, list) else value
        for key, value in raw.items()
    }


@given(fact_documents(max_members=3), st.integers(0, 2**32 - 1))
def test_shuffled_keeps_the_facts(raw: Doc, seed: int) -> None:
    other = shuffled(raw, random.Random(seed))
    assert _canonical(other) == _canonical(raw)
    _assert_consistent(other)
    assert _load(other).digest() == _load(raw).digest()


@given(fact_documents(max_members=3))
def test_with_unrelated_member(raw: Doc) -> None:
    bigger = with_unrelated_member(raw)
    _assert_consistent(bigger)
    _load(bigger)
    old_facts = {name: raw[name] for name in ("organizations", "members", "events")}
    for name, facts in old_facts.items():
        assert bigger[name][: len(facts)] == facts  # nothing changed, only added
    (new_member,) = bigger["members"][len(raw["members"]) :]
    new_events = bigger["events"][len(raw["events"]) :]
    assert new_events
    # the newcomer shares only the commune and provincial levels with the others
    shared = {o["id"] for o in raw["organizations"]
              if o["kind"] in (OrgKind.COMMUNE_COMMITTEE.value, OrgKind.PROVINCIAL_COMMITTEE.value)}  # fmt: skip
    old_ids = {f["id"] for facts in old_facts.values() for f in facts} - shared
    for event in new_events:
        for value in event.values():
            refs = value if isinstance(value, list) else [value]
            assert not old_ids.intersection(r for r in refs if isinstance(r, str)), event
    new_org_ids = {o["id"] for o in bigger["organizations"][len(raw["organizations"]) :]}
    assert new_member["workplace_cell_id"] in new_org_ids and new_member["residence_cell_id"] in new_org_ids


@pytest.mark.parametrize("years", [(2020, 2025), (2022, 2023), (2024, 2024)])
def test_with_unrelated_member_twice_stays_unique_and_in_the_window(years: tuple[int, int]) -> None:
    for seed in range(5):
        raw = with_unrelated_member(with_unrelated_member(random_fact_document(seed, years=years)), seed=1)
        _assert_consistent(raw, years)
        _load(raw)


# -- coverage: the strategies reach every kind and every shape -------------------------------


def shapes_in(raw: Doc) -> set[str]:
    """Tags for the shapes of data the engine tests rely on meeting at least once."""
    tags = {f"kind:{k}" for k in event_kinds_in(raw)} | {f"category:{c}" for c in categories_in(raw)}
    tags.add("observation:" + ("given" if "observation" in raw else "defaulted"))
    orgs = {o["id"]: o for o in raw["organizations"]}
    members = {m["id"]: m for m in raw["members"]}
    for org in raw["organizations"]:
        if org.get("has_cell_committee"):
            tags.add("org:has_cell_committee")
        if org["kind"] == "workplace_committee" and org["id"] in {m["workplace_cell_id"] for m in raw["members"]}:
            tags.add("org:committee_is_cell")
    for member in raw["members"]:
        if "residence_cell_id" not in member:
            tags.add("member:no_residence")
        tags.add(f"away:{member.get('away_status', 'none')}")
        since = dt.date.fromisoformat(member["working_since"])
        tags.add("since:" + ("before_window" if since < dt.date(2019, 6, 1) else "before_in_force" if since < IN_FORCE else "inside"))
    steps: dict[str, set[str]] = defaultdict(set)
    by_id = {e["id"]: e for e in raw["events"]}

    def days_after_cited(event: dict[str, Any]) -> int:
        cited = by_id[event["about_event_id"]]
        return (dt.date.fromisoformat(event["date"]) - dt.date.fromisoformat(cited["date"])).days

    for event in raw["events"]:
        kind, day = event["kind"], dt.date.fromisoformat(event["date"])
        if kind == "introduction_sent" and day < IN_FORCE:
            tags.add("chain:before_in_force")
        if kind.startswith("introduction_") or kind.startswith("member_"):
            steps[event["member_id"]].add(kind)
        if kind == "meeting_held":
            tags.add(f"meeting:{event['meeting_type']}")
            tags.add("meeting:" + ("by_commune" if orgs[event["org_id"]]["kind"] == "commune_committee" else "by_cell"))
            if event.get("attendance_recorded") is False:
                tags.add("meeting:attendance_unknown")
            if "invited_ids" in event:
                tags.add("meeting:invited")
            if event.get("excused_ids"):
                tags.add("meeting:excused")
        elif kind == "status_changed":
            tags.add(f"change:{event['change']}")
        elif kind == "category_changed":
            tags.add(f"category_to:{event['category']}")
        elif kind == "away_notice_sent":
            tags.add(f"away_notice:written={event['written']}")
        elif kind == "comment_form_issued":
            tags.add(f"assessment:{event['assessment']}")
            tags.add(f"front_committee:{event['with_front_committee']}")
        elif kind == "residence_changed":
            same = orgs[event["from_residence_cell_id"]]["parent_id"] == orgs[event["to_residence_cell_id"]]["parent_id"]
            tags.add("move:" + ("within_commune" if same else "to_other_commune"))
        elif kind == "residence_change_reported":
            tags.add("move_report:to_" + orgs[event["to_org_id"]]["kind"])
            tags.add(("late:" if days_after_cited(event) > 30 else "timely:") + kind)
        elif kind == "misconduct_reported":
            tags.add("misconduct_report:to_" + orgs[event["to_org_id"]]["kind"])
        elif kind == "waiver_granted":
            tags.add("waiver:" + ("by_event" if "about_event_id" in event else "by_period"))
            tags.add("waiver_subject:" + ("member" if event.get("subject_id") in members else "organization"))
        elif kind == "residence_consultation_held":
            cited = by_id[event["about_event_id"]]
            if cited["kind"] == "personnel_action_planned":
                after = day > dt.date.fromisoformat(cited["decision_date"])
                tags.add("consultation:" + ("after_decision" if after else "before_decision"))
            else:
                tags.add("consultation:about_dispute")
        elif kind in ("introduction_received", "status_change_notified"):
            tags.add(f"late:{kind}" if days_after_cited(event) > 30 else f"timely:{kind}")
        elif kind == "annual_self_report" and day.year > event["year"]:
            tags.add("late:annual_self_report_next_year")
        elif kind == "implementation_review_held":
            tags.add(f"review:{event['review_kind']}")
    for kinds in steps.values():
        tags.add(f"chain_steps:{len(kinds)}")
    return tags


EXPECTED_SHAPES = (
    {f"kind:{k}" for k in EVENT_KINDS}
    | {f"category:{c.value}" for c in Category}
    | {f"change:{c.value}" for c in StatusChange}
    | {f"category_to:{c.value}" for c in Category}
    | {f"assessment:{a}" for a in ("excellent", "good", "fulfilled", "not_fulfilled")}
    | {f"meeting:{t}" for t in ("working_members", "other", "people", "by_commune", "by_cell",
                                "attendance_unknown", "invited", "excused")}  # fmt: skip
    | {f"away:{a}" for a in ("none", "often_away", "mobile", "special_duty")}
    | {f"chain_steps:{n}" for n in range(1, 6)}
    | {f"since:{s}" for s in ("before_window", "before_in_force", "inside")}
    | {f"review:{r}" for r in ("interim", "final", "inspection")}
    | {
        "observation:given", "observation:defaulted", "org:has_cell_committee", "org:committee_is_cell",
        "member:no_residence", "chain:before_in_force", "away_notice:written=True", "away_notice:written=False",
        "front_committee:True", "front_committee:False", "move:within_commune", "move:to_other_commune",
        "move_report:to_workplace_cell", "move_report:to_residence_cell", "move_report:to_workplace_committee",
        "misconduct_report:to_commune_committee", "misconduct_report:to_workplace_committee",
        "misconduct_report:to_workplace_cell", "waiver:by_event", "waiver:by_period", "waiver_subject:member",
        "waiver_subject:organization", "consultation:after_decision", "consultation:before_decision",
        "consultation:about_dispute", "late:annual_self_report_next_year",
    }
    | {f"{timing}:{kind}" for timing in ("late", "timely")
       for kind in ("introduction_received", "residence_change_reported", "status_change_notified")}
)  # fmt: skip


def test_seeded_documents_reach_every_shape() -> None:
    seen: set[str] = set()
    for seed in range(120):
        seen |= shapes_in(random_fact_document(seed))
    assert not EXPECTED_SHAPES - seen


def test_a_hypothesis_run_reaches_every_kind_and_category() -> None:
    kinds: set[str] = set()
    categories: set[str] = set()
    shapes: set[str] = set()

    @settings(max_examples=60, derandomize=True, database=None, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.too_slow], deadline=None)  # fmt: skip
    @given(fact_documents())
    def collect(raw: Doc) -> None:
        kinds.update(event_kinds_in(raw))
        categories.update(categories_in(raw))
        shapes.update(shapes_in(raw))

    collect()
    assert kinds == set(EVENT_KINDS), sorted(set(EVENT_KINDS) - kinds)
    assert categories == {c.value for c in Category}
    # most shapes also turn up within one derandomized run
    assert len(EXPECTED_SHAPES - shapes) <= len(EXPECTED_SHAPES) // 10, sorted(EXPECTED_SHAPES - shapes)


# -- determinism and speed -------------------------------------------------------------------


def test_seeded_generation_is_deterministic() -> None:
    assert random_fact_document(7) == random_fact_document(7)
    assert random_fact_document(7) != random_fact_document(8)


def test_hypothesis_generation_is_deterministic_when_derandomized() -> None:
    def run() -> list[Doc]:
        out: list[Doc] = []

        @settings(max_examples=10, derandomize=True, database=None, phases=[Phase.generate], deadline=None)
        @given(fact_documents(max_members=3))
        def collect(raw: Doc) -> None:
            out.append(raw)

        collect()
        return out

    first = run()
    assert len(first) == 10 and first == run()


def test_generation_is_fast() -> None:
    began = time.perf_counter()
    for seed in range(30):
        random_fact_document(seed)
    assert (time.perf_counter() - began) / 30 < 0.05  # well under 50 ms a document

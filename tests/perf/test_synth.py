"""The synthetic province of issue 7: deterministic, valid, realistic, every event kind."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from qd213_rules.facts import EVENT_KINDS, load_facts
from qd213_rules.synth import MEMBERS_PER_CELL, generate_lines, main, write_synth


def _lines(members: int, seed: int) -> list[dict[str, Any]]:
    return list(generate_lines(members, seed))


def test_deterministic_in_members_and_seed() -> None:
    assert _lines(120, 3) == _lines(120, 3)
    assert _lines(120, 3) != _lines(120, 4)


def test_header_then_organisations_then_cells() -> None:
    lines = _lines(300, 1)
    assert lines[0] == {"type": "header", "schema_version": 1, "observation": {"from": "2024-01-01"}}
    types = [line["type"] for line in lines[1:]]
    first_other = next(i for i, t in enumerate(types) if t != "organization")
    assert "organization" not in types[first_other:]
    # members come in sections by the cell they live in at the end of the record
    final = {line["member_id"]: line["to_residence_cell_id"] for line in lines if line.get("kind") == "residence_changed"}
    members = [line for line in lines if line["type"] == "member"]
    assert len(members) == 300
    cells = [final.get(m["id"], m.get("residence_cell_id")) for m in members]
    sections = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]
    assert len(sections) == len(set(cells))


def test_loads_without_errors_with_every_kind_and_category(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    counts = write_synth(path, 600, 11)
    facts = load_facts(path)
    assert len(facts.members) == 600
    assert set(EVENT_KINDS) <= set(counts["event_kinds"]), set(EVENT_KINDS) - set(counts["event_kinds"])
    assert {m.category.value for m in facts.members.values()} == {
        "regular", "introduced_exempt_from_activities", "exempt_from_introduction",
    }  # fmt: skip
    assert len(facts.warnings) <= 0.002 * len(facts.events) + 2  # realistic data is mostly clean
    assert counts["facts"] == len(facts.organizations) + len(facts.members) + len(facts.events)


@pytest.mark.perf
def test_proportions_at_two_thousand_members(synth_file: Any) -> None:
    path = synth_file(2000)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    types = Counter(line["type"] for line in lines)
    kinds = Counter(line["kind"] for line in lines if line["type"] == "event")
    members = types["member"]
    assert (types["organization"] + types["member"] + types["event"]) / members >= 20
    orgs = Counter(line["kind"] for line in lines if line["type"] == "organization")
    assert orgs["residence_cell"] == members // MEMBERS_PER_CELL
    assert orgs["commune_committee"] == 4
    # chains, yearly comments and meetings dominate; breaches and waivers are rare
    assert kinds["introduction_sent"] > 0.9 * members
    assert kinds["comment_form_issued"] > 1.2 * members
    assert kinds["meeting_held"] >= 4 * orgs["residence_cell"]
    assert 0 < kinds["conduct_breach_recorded"] < 0.01 * members
    assert 0 < kinds["waiver_granted"] < 0.05 * members
    assert kinds["residence_changed"] > 0.03 * members


def test_main_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "out.jsonl"
    assert main(["--members", "40", "--seed", "2", "--years", "2024-2025", "-o", str(path)]) == 0
    assert "40 members" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith('{"type":"header"')
    with pytest.raises(SystemExit):
        main(["--years", "2019-2020"])

"""Who may waive a result (contract 1.1 §8.3): the error names the grantor and the bearer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from qd213_rules import evaluate, load_facts
from qd213_rules.errors import FactsError

CASES = Path(__file__).resolve().parents[1] / "cases"


def _ward(tmp_path: Path, events: list[dict[str, object]]) -> Path:
    orgs = json.loads((CASES / "_orgs.json").read_text(encoding="utf-8"))["organizations"]
    base = json.loads((CASES / "_base.json").read_text(encoding="utf-8"))
    doc = {"schema_version": 1, "observation": {"from": "2020-01-02"}, "organizations": orgs,
           "members": base["members"], "events": base["events"] + events}
    path = tmp_path / "ward.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


MOVE = {"id": "E-01", "kind": "residence_changed", "date": "2024-03-01", "member_id": "DV-1",
        "from_residence_cell_id": "KP1", "to_residence_cell_id": "KP2"}


@pytest.mark.parametrize(
    ("grantor", "expected"),
    [("CB-A1", "DU-A | TU"), ("P1", "DU-A | TU"), ("DV-1", None)],
)
def test_a_member_duty_is_waived_by_the_workplace_committee_or_above(tmp_path: Path, grantor: str, expected: str | None) -> None:
    waiver = {"id": "W-1", "kind": "waiver_granted", "date": "2024-05-01", "granted_by_org_id": grantor,
              "reason": "synthetic", "result_id": "D2.K7b|DV-1|E-01|DV-1"}
    if expected is None:  # a member is no organisation: the reference check refuses it on load
        with pytest.raises(FactsError):
            load_facts(_ward(tmp_path, [MOVE, waiver]))
        return
    facts = load_facts(_ward(tmp_path, [MOVE, waiver]))
    with pytest.raises(FactsError) as info:
        evaluate(facts, as_of=dt.date(2024, 6, 30))
    (problem,) = info.value.problems
    assert (problem.code.value, problem.fact_id, problem.expected) == ("no_authority", "W-1", expected)
    assert problem.file is not None and problem.json_path == "$.events[7].granted_by_org_id"
    for lang in ("vi", "en"):
        text = problem.message(lang)  # type: ignore[arg-type]
        assert grantor in text and "DV-1" in text


def test_an_organisation_duty_is_waived_by_a_strict_ancestor_of_its_bearer(tmp_path: Path) -> None:
    own = {"id": "W-1", "kind": "waiver_granted", "date": "2024-12-20", "granted_by_org_id": "KP1",
           "reason": "synthetic", "obligation_id": "D4.K3b", "subject_id": "KP1", "period": "2024-H2"}
    with pytest.raises(FactsError) as info:
        evaluate(load_facts(_ward(tmp_path, [own])), as_of=dt.date(2025, 1, 10))
    (problem,) = info.value.problems
    assert (problem.code.value, problem.found, problem.expected) == ("no_authority", "KP1", "P1 | TU")
    assert "KP1" in problem.message("en")
    by_parent = dict(own, granted_by_org_id="P1")
    report = evaluate(load_facts(_ward(tmp_path, [by_parent])), as_of=dt.date(2025, 1, 10))
    assert report["D4.K3b|KP1|2024-H2|KP1"].status.value == "waived"

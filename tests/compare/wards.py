"""Hand-made fact sets whose changes between two readings are known (synthetic data)."""

from __future__ import annotations

from typing import Any

from engine.scenario import small_ward

from qd213_rules import FactSet


def move_reported_on_day_20() -> FactSet:
    """DV-1 moves on 01/03/2025 and reports the move to both cells that must hear of it (its
    workplace cell CB-VP and the cell it leaves, CB-KP1) on 21/03/2025, day 20: fulfilled when
    "kịp thời" is 30 days, fulfilled late when it is 15."""
    doc = small_ward()
    doc["events"] = [e for e in doc["events"] if e["id"] != "E14"] + [
        _report("E14", "2025-03-21", "CB-VP"),
        _report("E19", "2025-03-21", "CB-KP1"),
    ]
    return FactSet.from_document(doc)


def move_not_reported() -> FactSet:
    """DV-1 moves on 01/03/2025 and reports to nobody."""
    doc = small_ward()
    doc["events"] = [e for e in doc["events"] if e["id"] != "E14"]
    return FactSet.from_document(doc)


def _report(event_id: str, day: str, to: str) -> dict[str, Any]:
    return {"id": event_id, "kind": "residence_change_reported", "date": day, "member_id": "DV-1",
            "to_org_id": to, "about_event_id": "E13"}

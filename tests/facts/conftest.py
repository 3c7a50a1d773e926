"""A small synthetic ward for the fact-layer tests (``ward`` fixture).

Workplace: committee DU-SYT with cells CB-VP and CB-KT, and DU-CB (a chi bộ cơ sở: its own
members' cell). Residence: communes DU-P1 (cells CB-KP3, CB-KP4) and DU-P2 (cell CB-KP7), all
under the provincial committee TU-HCM. Members DV-1 and DV-2 work in CB-VP; DV-1 lives in
CB-KP3, DV-2 in CB-KP4; both since 2019-03-01. Each test gets fresh copies to change.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest

from qd213_rules.facts import FactSet

ORGS: list[dict[str, Any]] = [
    {"id": "TU-HCM", "kind": "provincial_committee", "name": "Thành uỷ TP. Hồ Chí Minh"},
    {"id": "DU-SYT", "kind": "workplace_committee", "name": "Đảng uỷ Sở Y tế", "parent_id": "TU-HCM"},
    {"id": "CB-VP", "kind": "workplace_cell", "parent_id": "DU-SYT"},
    {"id": "CB-KT", "kind": "workplace_cell", "parent_id": "DU-SYT"},
    {"id": "DU-CB", "kind": "workplace_committee", "parent_id": "TU-HCM"},
    {"id": "DU-P1", "kind": "commune_committee", "parent_id": "TU-HCM"},
    {"id": "CB-KP3", "kind": "residence_cell", "parent_id": "DU-P1", "has_cell_committee": True},
    {"id": "CB-KP4", "kind": "residence_cell", "parent_id": "DU-P1"},
    {"id": "DU-P2", "kind": "commune_committee", "parent_id": "TU-HCM"},
    {"id": "CB-KP7", "kind": "residence_cell", "parent_id": "DU-P2"},
]
MEMBERS: list[dict[str, Any]] = [
    {"id": "DV-1", "name": "Nguyễn Văn A", "workplace_cell_id": "CB-VP", "residence_cell_id": "CB-KP3",
     "category": "regular", "working_since": "2019-03-01"},
    {"id": "DV-2", "name": "Trần Thị B", "workplace_cell_id": "CB-VP", "residence_cell_id": "CB-KP4",
     "category": "regular", "working_since": "2019-03-01"},
]  # fmt: skip


@dataclass
class Ward:
    """Mutable copies of the ward's facts, and ways to build them."""

    orgs: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(ORGS))
    members: list[dict[str, Any]] = field(default_factory=lambda: copy.deepcopy(MEMBERS))
    events: list[dict[str, Any]] = field(default_factory=list)
    observation_from: str | None = "2019-03-01"

    def event(self, id: str, kind: str, date: str, **fields: Any) -> dict[str, Any]:
        """Add an event and return it (to change it further)."""
        event = {"id": id, "kind": kind, "date": date, **fields}
        self.events.append(event)
        return event

    def member(self, member_id: str) -> dict[str, Any]:
        return next(m for m in self.members if m["id"] == member_id)

    def build(self) -> FactSet:
        return FactSet.from_facts(self.orgs, self.members, self.events, observation_from=self.observation_from)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"schema_version": 1}
        if self.observation_from is not None:
            doc["observation"] = {"from": self.observation_from}
        doc.update(organizations=self.orgs, members=self.members, events=self.events)
        return doc


@pytest.fixture
def ward() -> Ward:
    return Ward()

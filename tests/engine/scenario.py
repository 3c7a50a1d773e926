"""A small, complete ward used by the engine tests (synthetic data)."""

from __future__ import annotations

from typing import Any


def small_ward() -> dict[str, Any]:
    """One workplace committee with a cell, one commune with two residence cells, two members:
    DV-1 introduced before the window and moving in 2025 (reported to one cell only); DV-2
    introduced late and attending a meeting."""
    return {
        "schema_version": 1,
        "observation": {"from": "2024-01-01"},
        "organizations": [
            {"id": "TU", "kind": "provincial_committee", "name": "Tỉnh ủy Mẫu"},
            {"id": "DU-SYT", "kind": "workplace_committee", "parent_id": "TU", "name": "Đảng ủy Sở Mẫu"},
            {"id": "CB-VP", "kind": "workplace_cell", "parent_id": "DU-SYT", "name": "Chi bộ Văn phòng"},
            {"id": "DU-P1", "kind": "commune_committee", "parent_id": "TU", "name": "Đảng ủy phường Một"},
            {"id": "CB-KP1", "kind": "residence_cell", "parent_id": "DU-P1", "has_cell_committee": True},
            {"id": "CB-KP2", "kind": "residence_cell", "parent_id": "DU-P1"},
        ],
        "members": [
            {"id": "DV-1", "name": "Đỗ Văn Thử", "workplace_cell_id": "CB-VP", "residence_cell_id": "CB-KP1",
             "category": "regular", "working_since": "2023-05-01"},
            {"id": "DV-2", "name": "Vũ Thị Mẫu", "workplace_cell_id": "CB-VP", "residence_cell_id": "CB-KP2",
             "category": "regular", "working_since": "2024-02-01"},
        ],
        "events": [
            {"id": "E01", "kind": "introduction_sent", "date": "2023-05-10", "member_id": "DV-1",
             "from_org_id": "DU-SYT", "to_org_id": "DU-P1"},
            {"id": "E02", "kind": "introduction_received", "date": "2023-05-20", "member_id": "DV-1",
             "org_id": "DU-P1", "about_event_id": "E01"},
            {"id": "E03", "kind": "introduction_forwarded", "date": "2023-05-25", "member_id": "DV-1",
             "from_org_id": "DU-P1", "to_org_id": "CB-KP1"},
            {"id": "E04", "kind": "member_registered", "date": "2023-06-01", "member_id": "DV-1", "org_id": "CB-KP1"},
            {"id": "E05", "kind": "member_notified", "date": "2023-06-02", "member_id": "DV-1", "org_id": "CB-KP1"},
            {"id": "E06", "kind": "introduction_sent", "date": "2024-04-15", "member_id": "DV-2",
             "from_org_id": "CB-VP", "to_org_id": "DU-P1"},
            {"id": "E07", "kind": "introduction_received", "date": "2024-04-20", "member_id": "DV-2",
             "org_id": "DU-P1", "about_event_id": "E06"},
            {"id": "E08", "kind": "introduction_forwarded", "date": "2024-04-22", "member_id": "DV-2",
             "from_org_id": "DU-P1", "to_org_id": "CB-KP2"},
            {"id": "E09", "kind": "member_registered", "date": "2024-05-02", "member_id": "DV-2", "org_id": "CB-KP2"},
            {"id": "E10", "kind": "member_notified", "date": "2024-05-03", "member_id": "DV-2", "org_id": "CB-KP2"},
            {"id": "E11", "kind": "meeting_held", "date": "2024-06-10", "org_id": "CB-KP2",
             "meeting_type": "working_members", "attendee_ids": ["DV-2"]},
            {"id": "E12", "kind": "meeting_held", "date": "2024-06-12", "org_id": "CB-KP1",
             "meeting_type": "working_members", "attendee_ids": [], "excused_ids": ["DV-1"]},
            {"id": "E13", "kind": "residence_changed", "date": "2025-03-01", "member_id": "DV-1",
             "from_residence_cell_id": "CB-KP1", "to_residence_cell_id": "CB-KP2"},
            {"id": "E14", "kind": "residence_change_reported", "date": "2025-03-05", "member_id": "DV-1",
             "to_org_id": "CB-VP", "about_event_id": "E13"},
            {"id": "E15", "kind": "annual_review_held", "date": "2024-12-10", "org_id": "CB-VP", "year": 2024,
             "attendee_ids": ["DV-1", "DV-2"]},
            {"id": "E16", "kind": "annual_self_report", "date": "2024-12-01", "member_id": "DV-1", "year": 2024,
             "to_org_id": "CB-VP"},
            {"id": "E17", "kind": "meeting_directed", "date": "2024-02-01", "org_id": "DU-P1",
             "to_org_ids": ["CB-KP1", "CB-KP2"]},
        ],
    }

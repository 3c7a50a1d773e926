"""Working Party members (đảng viên đang công tác) and their Hướng dẫn 33 category.

The member record is the state at ``working_since``; every later change is an event, and
evaluation as of a date replays them.

>>> m = Member(id="DV-1", workplace_cell_id="CB-VP", residence_cell_id="CB-KP3",
...            category="regular", working_since="2019-03-01")
>>> m.away_status.value, m.working_since.isoformat()
('none', '2019-03-01')
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from ..categories import Category
from ._base import FactModel
from ._types import Id, IsoDate, OrgKind, OrgRef, Text

__all__ = ["Member", "Category", "AwayStatus"]


class AwayStatus(StrEnum):
    """Đ3 K1 ¶2: members who often work away, work on the move, or have special duties."""

    NONE = "none"
    OFTEN_AWAY = "often_away"
    MOBILE = "mobile"
    SPECIAL_DUTY = "special_duty"


_WORKPLACE_CELL = OrgRef((OrgKind.WORKPLACE_CELL, OrgKind.WORKPLACE_COMMITTEE))


class Member(FactModel):
    """A working Party member as of ``working_since``."""

    id: Id
    name: Text | None = None
    workplace_cell_id: Annotated[Id, _WORKPLACE_CELL]
    residence_cell_id: Annotated[Id, OrgRef((OrgKind.RESIDENCE_CELL,))] | None = None
    category: Category
    working_since: IsoDate
    away_status: AwayStatus = AwayStatus.NONE
    note: Text | None = None

"""Organisations: committees and cells at the workplace and at the place of residence.

| kind | Vietnamese | role in QĐ 213 |
|---|---|---|
| ``workplace_committee`` | đảng uỷ cơ sở / chi bộ cơ sở nơi công tác | Điều 3 |
| ``workplace_cell`` | chi bộ trực thuộc nơi công tác (its chi uỷ) | receives the member's annual report (Đ2 K7) |
| ``commune_committee`` | đảng uỷ xã, phường, thị trấn (đặc khu) nơi cư trú | Điều 4 K1, K3, K5, K6 |
| ``residence_cell`` | chi bộ thôn, bản, tổ dân phố, khu dân cư | Điều 4 K2, K4 |
| ``provincial_committee`` | tỉnh uỷ, thành uỷ, đảng uỷ trực thuộc Trung ương | Đ5 K1 |
| ``central_organization_commission`` | Ban Tổ chức Trung ương | Đ5 K2 |

>>> Organization(id="CB-KP3", kind="residence_cell", parent_id="DU-P1").kind.value
'residence_cell'
"""

from __future__ import annotations

from typing import Annotated

from ._base import FactModel
from ._types import Flag, Id, OrgKind, OrgRef, Text

__all__ = ["Organization", "OrgKind"]


class Organization(FactModel):
    """A Party committee or cell (tổ chức đảng)."""

    id: Id
    kind: OrgKind
    name: Text | None = None
    parent_id: Annotated[Id, OrgRef()] | None = None
    has_cell_committee: Flag = False
    note: Text | None = None

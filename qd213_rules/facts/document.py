"""The top-level fact document of schema_version 1 (docs/facts.md).

>>> doc = FactDocument.model_validate({"schema_version": 1, "observation": {"from": "2020-01-02"}})
>>> doc.observation.from_.isoformat(), doc.events
('2020-01-02', ())
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from ._base import FactModel
from ._types import IsoDate
from .events import Event
from .members import Member
from .organizations import Organization

__all__ = ["FactDocument", "Observation", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1


class Observation(FactModel):
    """The date from which the record is complete."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    from_: IsoDate = Field(alias="from")


class FactDocument(FactModel):
    """One JSON document holding every fact (JSON Lines files are read line by line instead)."""

    schema_version: Literal[1]
    observation: Observation | None = None
    organizations: tuple[Organization, ...] = ()
    members: tuple[Member, ...] = ()
    events: tuple[Event, ...] = ()

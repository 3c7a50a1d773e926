"""The base of every fact model: frozen, unknown fields refused."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["FactModel"]


class FactModel(BaseModel):
    """Frozen pydantic model that refuses unknown fields (docs/facts.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

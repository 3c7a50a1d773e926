"""Where a fact was read, and the data warnings about facts: the small values the loader, the
checks and the fact set all pass around (so that none of them imports another for them).

>>> warning = DataWarning("waiver_unmatched", "W-1", {}, SourceLocation("ward.jsonl", 12))
>>> warning.location.line, warning.to_dict("en")["fact_id"]
(12, 'W-1')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..messages import Lang, t

__all__ = ["DataWarning", "SourceLocation"]


@dataclass(frozen=True)
class SourceLocation:
    """Where a fact was read: file name, line (JSON Lines) and JSON path (JSON document)."""

    file: str | None = None
    line: int | None = None
    json_path: str | None = None


@dataclass(frozen=True)
class DataWarning:
    """Suspicious but possible data (docs/facts.md): listed in reports, never an error.

    ``params`` hold plain JSON values (strings, numbers) used by the catalogue message.
    """

    code: str
    fact_id: str | None
    params: Mapping[str, Any] = field(default_factory=dict)
    location: SourceLocation | None = None

    def message(self, lang: Lang | None = None) -> str:
        """The warning in words (catalogue entry ``warnings.<code>``)."""
        return t(f"warnings.{self.code}", lang, fact_id=self.fact_id or "", **self.params)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """``{"code", "fact_id", "message"}`` as in the report's ``data_warnings``."""
        return {"code": self.code, "fact_id": self.fact_id, "message": self.message(lang)}

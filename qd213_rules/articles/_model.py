"""The declarative vocabulary of the obligation catalogue.

An :class:`Obligation` is one atomic duty of Quy định 213-QĐ/TW: who owes it (``bearer``), about
whom (``subject``), what the text says (``text_vi``, verbatim fragments of the canonical text),
its ``kind`` (semantics, obligations) and, in ``rule``, how the engine recognises its occasions and
evidence. Article modules (``dieu_1`` … ``dieu_5``) contain nothing but these declarations.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ..categories import Category
from ._rule import Rule

__all__ = [
    "Obligation",
    "Citation",
    "Role",
    "SubjectType",
    "Kind",
    "REGULATION_ID",
    "REGULATION_SIGNED",
]

REGULATION_ID = "213-QĐ/TW"
REGULATION_SIGNED = dt.date(2020, 1, 2)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Role(StrEnum):
    """Who bears a duty (semantics, obligations)."""

    MEMBER = "member"
    WORKPLACE_COMMITTEE = "workplace_committee"
    WORKPLACE_CELL = "workplace_cell"
    COMMUNE_COMMITTEE = "commune_committee"
    RESIDENCE_CELL = "residence_cell"
    PROVINCIAL_COMMITTEE = "provincial_committee"
    CENTRAL_ORGANIZATION_COMMISSION = "central_organization_commission"


class SubjectType(StrEnum):
    """Whom a result is about: the member, or the bearer organisation itself."""

    MEMBER = "member"
    ORGANIZATION = "organization"


class Kind(StrEnum):
    """Kinds of duty (semantics, obligations; §3 and §7 prevail over obligations.md's kind column)."""

    CONDUCT = "conduct"
    TRIGGERED = "triggered"
    GATE = "gate"
    PERIODIC = "periodic"
    ON_REQUEST = "on_request"
    DISCRETIONARY = "discretionary"
    ONE_OFF = "one_off"
    DERIVED = "derived"


class Citation(_Frozen):
    """Where a duty stands in the regulation.

    ``paragraph`` is set only for clauses with more than one paragraph (Đ3 K1, Đ5 K2).
    Vietnamese legal order names the smallest unit first ("Khoản 7 Điều 2 …").

    >>> Citation(article=2, clause=7).text()
    'Khoản 7 Điều 2 Quy định 213-QĐ/TW'
    >>> Citation(article=3, clause=1, paragraph=2).text()
    'Đoạn 2 Khoản 1 Điều 3 Quy định 213-QĐ/TW'
    >>> Citation(article=3, clause=1, paragraph=2).text("en")
    'Regulation 213-QĐ/TW, Article 3(1), paragraph 2'
    """

    document: str = REGULATION_ID
    article: int = Field(ge=1, le=5)
    clause: int = Field(ge=1)
    paragraph: int | None = Field(default=None, ge=1)

    def text(self, lang: str = "vi") -> str:
        """The citation as a person writes it."""
        if lang == "en":
            para = f", paragraph {self.paragraph}" if self.paragraph else ""
            return f"Regulation {self.document}, Article {self.article}({self.clause}){para}"
        para = f"Đoạn {self.paragraph} " if self.paragraph else ""
        return f"{para}Khoản {self.clause} Điều {self.article} Quy định {self.document}"


class Obligation(_Frozen):
    """One atomic duty of the regulation."""

    id: str = Field(pattern=r"^D[1-9]\.K[0-9]+[a-z]?$")
    """Permanent id (``D2.K7b``): never reused for another duty."""
    citation: Citation
    text_vi: tuple[str, ...] = Field(min_length=1)
    """The duty's own words: verbatim fragments of the canonical Vietnamese text."""
    summary_en: str
    bearer: Role
    subject: SubjectType
    kind: Kind
    deadline_param: str | None = None
    """Name of the Policy field that fixes the deadline (e.g. ``timely_days``), if any."""
    violation_grounds: tuple[str, ...] = ()
    """Reason codes (semantics §12) on which the engine may report ``violated``."""
    categories: frozenset[Category] = frozenset(Category)
    """Member categories the duty applies to (filled in from the HD33 overlay)."""
    in_force_from: dt.date = REGULATION_SIGNED
    in_force_to: dt.date | None = None
    interpretation: str | None = None
    """A short note where the product had to interpret the text (decisions.md)."""
    rule: Rule | None = None
    """How the engine recognises the duty's occasions and evidence (see ``_rule``)."""

"""The classes of a category overlay (:mod:`qd213_rules.overlays`): an overlay's entries, its
basis for each, and the matrix rows they make.

Each overlay module (``hd33``) builds on these; the package re-exports them and loads the
overlays on first use, so that imports run one way (docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from ..categories import Category

if TYPE_CHECKING:
    from ..policy import Policy

__all__ = ["Basis", "Applicability", "MatrixRow", "CategoryOverlay", "build_entries"]


class Basis(StrEnum):
    """Why an entry says what it says."""

    REGULATION = "regulation"
    """QĐ 213 itself: the overlay changes nothing for this duty and category."""
    VERIFIED = "verified"
    """The overlay's own text, read word for word (docs/categories.md)."""
    INTERPRETATION = "interpretation"
    """The product's reading where the text is silent or was not retrieved (semantics §9)."""


@dataclass(frozen=True)
class Applicability:
    """Whether ``obligation_id`` binds a member of ``category``, and on what basis.

    ``counts`` differs from ``applies`` only for organisation-subject duties: whether a member of
    this category makes the organisation owe the duty.
    """

    obligation_id: str
    category: Category
    applies: bool
    basis: Basis
    note: str
    counts: bool


class MatrixRow(NamedTuple):
    """One obligation with its entry for each category, in :class:`Category` order."""

    obligation_id: str
    entries: tuple[Applicability, ...]


@dataclass(frozen=True)
class CategoryOverlay:
    """A versioned overlay of member categories (e.g. Hướng dẫn 33-HD/BTCTW)."""

    id: str
    version: str
    signed: dt.date
    in_force_from: dt.date
    in_force_to: dt.date | None
    citation: str
    title_vi: str
    obligation_ids: tuple[str, ...]
    """Every obligation id the overlay covers, in catalogue order."""
    reasons: tuple[tuple[Category, str], ...]
    """``(category, reason code)`` for each category some duty does not apply to."""
    entries: tuple[Applicability, ...]
    _index: Mapping[tuple[str, Category], Applicability] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        index: dict[tuple[str, Category], Applicability] = {}
        for entry in self.entries:
            key = (entry.obligation_id, entry.category)
            if key in index:
                raise ValueError(f"{self.id}: {key} is listed twice")
            index[key] = entry
        ids = self.obligation_ids
        unknown = sorted({oid for oid, _ in index} - set(ids))
        if unknown:
            raise ValueError(f"{self.id}: entries for unknown obligations: {unknown}")
        for category in Category:
            missing = [oid for oid in ids if (oid, category) not in index]
            if missing:
                raise ValueError(f"{self.id}: no entry for {category.value}: {missing}")
        object.__setattr__(self, "_index", index)

    def ref(self) -> dict[str, str]:
        """How a report names the overlay (semantics, statuses ``overlays``)."""
        return {"id": self.id, "version": self.version}

    def in_force_on(self, day: dt.date, *, retroactive: bool = True) -> bool:
        """Whether the overlay governs ``day`` (before its own date only when ``retroactive``)."""
        if self.in_force_to is not None and day > self.in_force_to:
            return False
        return retroactive or day >= self.in_force_from

    def effective_category(
        self, category: Category, *, on: dt.date | None = None, policy: Policy | None = None
    ) -> Category:
        """The category that counts on ``on``: ``regular`` while the overlay is not in force.

        ``policy.hd33_retroactive`` (default true) makes the overlay apply before its own date.
        """
        if on is None:
            return category
        retroactive = True if policy is None else policy.hd33_retroactive
        return category if self.in_force_on(on, retroactive=retroactive) else Category.REGULAR

    def entry(self, obligation_id: str, category: Category) -> Applicability:
        """The entry for one obligation and category (:class:`KeyError` for an unknown id)."""
        try:
            return self._index[(obligation_id, Category(category))]
        except KeyError:
            raise KeyError(f"{self.id} does not cover obligation {obligation_id!r}") from None

    def applies(
        self,
        obligation_id: str,
        category: Category,
        *,
        on: dt.date | None = None,
        policy: Policy | None = None,
    ) -> bool:
        """Whether ``obligation_id`` binds a member of ``category`` (on ``on``, under ``policy``)."""
        return self.entry(obligation_id, self.effective_category(category, on=on, policy=policy)).applies

    def counts(
        self,
        obligation_id: str,
        category: Category,
        *,
        on: dt.date | None = None,
        policy: Policy | None = None,
    ) -> bool:
        """Whether a member of ``category`` makes the bearer owe ``obligation_id``."""
        return self.entry(obligation_id, self.effective_category(category, on=on, policy=policy)).counts

    def categories(self, obligation_id: str) -> frozenset[Category]:
        """The categories ``obligation_id`` applies to (for ``Obligation.categories``)."""
        return frozenset(c for c in Category if self.entry(obligation_id, c).applies)

    def not_applicable_reason(self, category: Category) -> str:
        """The reason code of a duty that does not apply to ``category`` (semantics §12)."""
        for known, reason in self.reasons:
            if known == category:
                return reason
        raise ValueError(f"{self.id} exempts {Category(category).value} members from nothing")

    def describe(self) -> list[MatrixRow]:
        """The matrix obligation × category, in catalogue order (for docs)."""
        return [
            MatrixRow(oid, tuple(self._index[(oid, category)] for category in Category))
            for oid in self.obligation_ids
        ]


def build_entries(
    category: Category, groups: Iterable[tuple[Iterable[str], bool, Basis, str, bool | None]]
) -> tuple[Applicability, ...]:
    """Entries of one category from ``(ids, applies, basis, note, counts)`` groups.

    ``counts`` ``None`` means "same as applies".
    """
    return tuple(
        Applicability(oid, category, applies, basis, note, applies if counts is None else counts)
        for ids, applies, basis, note, counts in groups
        for oid in ids
    )

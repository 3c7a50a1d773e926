"""The regulations the engine applies, and when each duty is in force.

A :class:`Regulation` is one signed document with its own obligation catalogue: QĐ 213 is one
(:data:`QD213`). A :class:`RegulationRegistry` holds the regulations an evaluation may apply; the
engine emits a result only for an obligation in force on the result's date (the trigger's date
for triggered, gate and on-request duties, the period's start for periodic ones, ``as_of`` for
standing ones), so an evaluation as of a date uses the rules in force on that date.

A successor regulation is registered beside QĐ 213, with obligation ids of its own, without
touching the engine. It may replace QĐ 213 whole (``replaces``: QĐ 213 then ends the day before
the successor's ``in_force_from`` and names it in ``replaced_by``) or end some of its duties
(``repeals``: those duties end the day before)::

    from qd213_rules import RegulationRegistry, evaluate, register_regulation
    register_regulation(successor)                   # into the default registry, or:
    registry = RegulationRegistry([QD213, successor])
    evaluate(facts, as_of="2027-01-31", regulations=registry)

>>> QD213.id, QD213.in_force_from.isoformat(), QD213.in_force_to
('213-QĐ/TW', '2020-01-02', None)
>>> default_registry().in_force_on(dt.date(2019, 12, 31))
()
>>> [r.id for r in default_registry().in_force_on(dt.date(2025, 1, 1))]
['213-QĐ/TW']
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .articles import CATALOGUE_VERSION, OBLIGATIONS, REGULATION_ID, REGULATION_SIGNED, Obligation

__all__ = [
    "Regulation",
    "RegulationRegistry",
    "QD213",
    "default_registry",
    "register_regulation",
    "unregister_regulation",
]

_ONE_DAY = dt.timedelta(days=1)

CatalogueKey = tuple[tuple[str, str, str, str, str, str], ...]
"""Identifies the obligations a registry gives the engine (see :meth:`RegulationRegistry.key`)."""

_View = tuple[tuple["Regulation", ...], tuple[Obligation, ...], CatalogueKey, Mapping[str, tuple[str, str]]]
"""Regulations, obligations (with effective dates), catalogue key, messages."""


class Regulation(BaseModel):
    """One regulation and its obligation catalogue.

    ``in_force_to`` is the last day in force (``None``: open-ended). ``messages`` gives the
    catalogue entries its duties need in both languages (at least
    ``obligation.<id>.title``, as ``{message id: (vi, en)}``). ``repeals`` names duties of
    earlier regulations that end the day before this one enters into force; ``replaces`` names
    regulations that end whole on that day.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    signed: dt.date
    in_force_from: dt.date
    in_force_to: dt.date | None = None
    replaced_by: str | None = None
    catalogue_version: str = Field(min_length=1)
    obligations: tuple[Obligation, ...] = Field(min_length=1)
    messages: Mapping[str, tuple[str, str]] = Field(default_factory=dict)
    repeals: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Regulation:
        if self.in_force_to is not None and self.in_force_to < self.in_force_from:
            raise ValueError(f"{self.id}: in_force_to {self.in_force_to} is before in_force_from {self.in_force_from}")
        ids = [ob.id for ob in self.obligations]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{self.id}: an obligation id is declared twice")
        from .messages import catalogue

        for ob in self.obligations:
            if ob.citation.document != self.id:
                raise ValueError(f"{self.id}: obligation {ob.id} cites {ob.citation.document}")
            title = f"obligation.{ob.id}.title"
            if title not in self.messages and title not in catalogue():  # reports name each duty
                raise ValueError(f"{self.id}: no message {title} (vi, en) for obligation {ob.id}")
        return self

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the regulation is in force on ``day``."""
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def ref(self) -> dict[str, str | None]:
        """How a report names the regulation (its ``regulation`` list)."""
        return {
            "id": self.id,
            "title": self.title,
            "signed": self.signed.isoformat(),
            "in_force_from": self.in_force_from.isoformat(),
            "in_force_to": self.in_force_to.isoformat() if self.in_force_to else None,
            "replaced_by": self.replaced_by,
            "catalogue_version": self.catalogue_version,
        }


QD213 = Regulation(
    id=REGULATION_ID,
    title=(
        "Quy định 213-QĐ/TW của Bộ Chính trị về trách nhiệm của đảng viên đang công tác "
        "thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú"
    ),
    signed=REGULATION_SIGNED,
    in_force_from=REGULATION_SIGNED,
    catalogue_version=CATALOGUE_VERSION,
    obligations=OBLIGATIONS,
)
"""Quy định 213-QĐ/TW (02/01/2020), in force from the day it was signed, open-ended."""


class RegulationRegistry:
    """The regulations an evaluation applies (thread-safe; an evaluation reads a snapshot).

    Registering checks that obligation ids stay unique across regulations (they key every
    result) and that ``repeals`` / ``replaces`` name something registered.
    """

    def __init__(self, regulations: Iterable[Regulation] = ()) -> None:
        self._lock = threading.Lock()
        self._regulations: dict[str, Regulation] = {}
        self._snapshot: _View | None = None
        # the last answers of require_in_force and applied, with the snapshot's tuple of
        # regulations they were read from (performance: every evaluation asks, and a caller
        # evaluating members one by one asks with the same registry and dates each time)
        self._first_kept: tuple[tuple[Regulation, ...], dt.date | None] | None = None
        self._applied_kept: tuple[tuple[Regulation, ...], dt.date, dt.date, tuple[Regulation, ...]] | None = None
        for regulation in regulations:
            self.register(regulation)

    # -- changing the registry -----------------------------------------------------------------

    def register(self, regulation: Regulation) -> None:
        """Add ``regulation`` (:class:`ValueError` if its id or one of its obligation ids is
        already registered, or if it repeals or replaces something unknown)."""
        with self._lock:
            if regulation.id in self._regulations:
                raise ValueError(f"regulation {regulation.id} is already registered")
            known = {ob.id: reg.id for reg in self._regulations.values() for ob in reg.obligations}
            for ob in regulation.obligations:
                if ob.id in known:
                    raise ValueError(f"obligation id {ob.id} of {regulation.id} is already used by {known[ob.id]}")
            for ob_id in regulation.repeals:
                if ob_id not in known:
                    raise ValueError(f"{regulation.id} repeals {ob_id}, which no registered regulation declares")
            for reg_id in regulation.replaces:
                if reg_id not in self._regulations:
                    raise ValueError(f"{regulation.id} replaces {reg_id}, which is not registered")
            from .messages import extend

            extend(regulation.messages)
            self._regulations[regulation.id] = regulation
            self._snapshot = None

    def unregister(self, regulation_id: str) -> Regulation:
        """Remove a regulation (:class:`KeyError` if unknown) and return it."""
        with self._lock:
            found = self._regulations.pop(regulation_id)
            self._snapshot = None
            return found

    # -- reading it ------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Regulation]:
        return iter(self.regulations())

    def __len__(self) -> int:
        return len(self.regulations())

    def regulations(self) -> tuple[Regulation, ...]:
        """The registered regulations as they apply: in force from/to and replaced by computed
        from the ``replaces`` of later ones, ordered by ``in_force_from`` then id."""
        return self._view()[0]

    def obligations(self) -> tuple[Obligation, ...]:
        """Every registered obligation (of every regulation), each with the dates it is in force."""
        return self._view()[1]

    def key(self) -> CatalogueKey:
        """What identifies the obligations the engine compiles and caches: per regulation its
        id, catalogue version, dates and what it repeals or replaces."""
        return self._view()[2]

    def in_force_on(self, day: dt.date) -> tuple[Regulation, ...]:
        """The regulations in force on ``day``."""
        return tuple(r for r in self.regulations() if r.in_force_on(day))

    def require_in_force(self, as_of: dt.date) -> None:
        """A :class:`~qd213_rules.errors.UsageError` (``no_regulation_in_force``) when ``as_of``
        is before every registered regulation is in force: there is nothing to evaluate
        (a report would otherwise show duties that did not exist yet)."""
        regulations = self.regulations()
        kept = self._first_kept
        if kept is not None and kept[0] is regulations:  # the snapshot's tuple: a new one when registering
            first = kept[1]
        else:
            first = min((r.in_force_from for r in regulations), default=None)
            self._first_kept = (regulations, first)
        if first is None or as_of < first:
            from .errors import ErrorCode, Problem, UsageError

            starts = "; ".join(f"{r.id}: {r.in_force_from.isoformat()}" for r in regulations) or "none registered"
            raise UsageError([Problem(ErrorCode.NO_REGULATION_IN_FORCE, found=as_of.isoformat(), expected=starts)])

    def applied(self, first: dt.date, last: dt.date) -> tuple[Regulation, ...]:
        """The regulations in force on some day from ``first`` to ``last`` (the report's list)."""
        regulations = self.regulations()
        kept = self._applied_kept
        if kept is not None and kept[0] is regulations and kept[1] == first and kept[2] == last:
            return kept[3]
        found = tuple(
            r for r in regulations if r.in_force_from <= last and (r.in_force_to is None or r.in_force_to >= first)
        )
        self._applied_kept = (regulations, first, last, found)
        return found

    def messages(self) -> Mapping[str, tuple[str, str]]:
        """The catalogue entries the registered regulations bring (beside the built-in ones)."""
        return self._view()[3]

    def _view(self) -> _View:
        snapshot = self._snapshot
        if snapshot is None:
            with self._lock:
                snapshot = self._snapshot = _effective(tuple(self._regulations.values()))
        return snapshot

    def __repr__(self) -> str:
        return f"RegulationRegistry({[r.id for r in self.regulations()]})"


def _effective(registered: tuple[Regulation, ...]) -> _View:
    """Regulations and obligations with the end dates their successors give them."""
    ends: dict[str, dt.date] = {}
    replaced_by: dict[str, str] = {}
    repealed: dict[str, dt.date] = {}
    for reg in registered:
        for reg_id in reg.replaces:
            end = reg.in_force_from - _ONE_DAY
            if reg_id not in ends or end < ends[reg_id]:
                ends[reg_id], replaced_by[reg_id] = end, reg.id
        for ob_id in reg.repeals:
            end = reg.in_force_from - _ONE_DAY
            repealed[ob_id] = min(end, repealed.get(ob_id, end))
    regulations = []
    obligations = []
    messages: dict[str, tuple[str, str]] = {}
    for reg in sorted(registered, key=lambda r: (r.in_force_from, r.id)):
        to = _earliest(reg.in_force_to, ends.get(reg.id))
        if to != reg.in_force_to or reg.id in replaced_by:
            reg = reg.model_copy(update={"in_force_to": to, "replaced_by": replaced_by.get(reg.id, reg.replaced_by)})
        regulations.append(reg)
        for ob in reg.obligations:
            start = max(ob.in_force_from, reg.in_force_from)
            last = _earliest(_earliest(ob.in_force_to, to), repealed.get(ob.id))
            if (start, last) != (ob.in_force_from, ob.in_force_to):
                ob = ob.model_copy(update={"in_force_from": start, "in_force_to": last})
            obligations.append(ob)
        messages.update(reg.messages)
    # what the engine caches per catalogue: a catalogue version names one content; the dates
    # and what each regulation ends change which duties are in force
    key = tuple(
        (r.id, r.catalogue_version, r.in_force_from.isoformat(), r.in_force_to.isoformat() if r.in_force_to else "",
         ",".join(r.repeals), ",".join(r.replaces))
        for r in regulations
    )
    return tuple(regulations), tuple(obligations), key, MappingProxyType(messages)


def _earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


_DEFAULT = RegulationRegistry([QD213])


def default_registry() -> RegulationRegistry:
    """The process's registry (QĐ 213 alone unless something was registered), used when
    :func:`~qd213_rules.evaluate` gets no ``regulations``: also by the CLI, streaming and Dask."""
    return _DEFAULT


def register_regulation(regulation: Regulation) -> None:
    """Register ``regulation`` in the default registry (see :meth:`RegulationRegistry.register`)."""
    _DEFAULT.register(regulation)


def unregister_regulation(regulation_id: str) -> Regulation:
    """Remove a regulation from the default registry."""
    return _DEFAULT.unregister(regulation_id)

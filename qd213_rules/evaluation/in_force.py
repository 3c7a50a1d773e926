"""Which obligations are in force on a result's date (semantics R8)."""

from __future__ import annotations

import datetime as dt

from ..articles import Obligation
from .context import REGIME_START
from .duties import Duty
from .occasions import Occasion

__all__ = ["out_of_force", "result_day"]


def result_day(occ: Occasion, as_of: dt.date) -> dt.date:
    """The date on which a result's obligation must be in force (contract semantics R8): ``as_of`` for
    standing duties (conduct, discretionary, one-off, derived); the start of the period for a
    period of the record (a year or half-year; the 2020 periods start with the regime,
    2020-01-02); else the occasion's date: the trigger's (or, for a trigger anchored at the
    member's start S, S's)."""
    if occ.duty.standing:
        return as_of
    if occ.trigger_fact is None and occ.period is not None:
        first = occ.start if occ.start is not None else dt.date(occ.year or int(occ.period[:4]), 1, 1)
        return max(first, REGIME_START)
    return occ.day


def out_of_force(ob: Obligation | Duty, day: dt.date) -> str | None:
    """``None`` when ``ob`` is in force on ``day``, else the unused-fact reason of a trigger
    dated then (``before_in_force`` / ``after_in_force``). The engine asks with an occasion's
    :class:`~.duties.Duty` (the same dates, read without pydantic's attribute hook)."""
    if day < ob.in_force_from:
        return "before_in_force"
    if ob.in_force_to is not None and day > ob.in_force_to:
        return "after_in_force"
    return None

"""Checks of the arguments of the public API (``evaluate``, the CLI's ``--as-of``): a wrong
argument is a :class:`~qd213_rules.errors.UsageError` naming the argument, the value found and
what was expected, in Vietnamese and English — never an ``AttributeError`` from deep inside.

>>> as_of_date("2025-12-10")
datetime.date(2025, 12, 10)
>>> try:
...     as_of_date("2025-02-30")
... except UsageError as exc:
...     print(exc.problems[0].message("en"))
Wrong usage: found "2025-02-30", expected a real calendar date: 2025-02-30 does not exist.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from .errors import ErrorCode, Problem, UsageError
from .facts import FactSet
from .messages import LANGS, Lang

__all__ = ["as_of_date", "checked_lang", "check_fact_set"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_of_date(value: Any, name: str = "as_of") -> dt.date:
    """``value`` as a date: a ``datetime.date`` or ``YYYY-MM-DD`` text of a day that exists."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise UsageError([Problem(ErrorCode.USAGE, json_path=name, found=value, params={
                "expected_msg": "usage.expected.real_date", "value": value.strip()})]) from None
    raise UsageError([Problem(ErrorCode.USAGE, json_path=name, found=_shown(value),
                              params={"expected_msg": "usage.expected.date"})])


def checked_lang(value: Any, name: str = "lang") -> Lang | None:
    """``value`` when it is ``None``, ``"vi"`` or ``"en"``; any other language is refused rather
    than ignored."""
    if value is None or value in LANGS:
        return value  # type: ignore[no-any-return]
    raise UsageError([Problem(ErrorCode.USAGE, json_path=name, found=_shown(value),
                              params={"expected_msg": "usage.expected.lang"})])


def check_fact_set(value: Any, name: str = "facts") -> None:
    """Refuse anything but a :class:`~qd213_rules.facts.FactSet` (a path says to load it first)."""
    if isinstance(value, FactSet):
        return
    shown = os.fspath(value) if isinstance(value, (str, os.PathLike)) else _shown(value)
    raise UsageError([Problem(ErrorCode.USAGE, json_path=name, found=shown,
                              params={"expected_msg": "usage.expected.facts"})])


def _shown(value: Any) -> Any:
    """JSON values as they are; anything else by its type name (never its repr: it may be large)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return f"<{type(value).__name__}>"

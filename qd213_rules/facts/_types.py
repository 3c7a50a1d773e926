"""Field types shared by every fact: ids, text, ISO dates, years, and reference markers.

Ids and text are normalised to Unicode NFC on load (docs/facts.md): NFD input is accepted,
never an error. Dates are ISO ``YYYY-MM-DD`` civil dates; lax coercions that could change a
legal outcome (``"0"`` → ``False``, an integer → a date) are refused.

Reference markers (:class:`MemberRef`, :class:`OrgRef`, :class:`EventRef`) are metadata on
``Annotated`` fields. Pydantic ignores them; the referential checks in
:mod:`qd213_rules.facts.checks` read them, so each model declares its references once, next to
the field, and no checker repeats them.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictBool
from pydantic_core import PydanticCustomError

__all__ = [
    "Id",
    "Text",
    "IsoDate",
    "Year",
    "Flag",
    "OrgKind",
    "MemberRef",
    "OrgRef",
    "EventRef",
    "nfc",
    "has_lone_surrogate",
]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def nfc(value: Any) -> Any:
    """Normalise a string to Unicode NFC; leave anything else for pydantic to judge."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _text(value: Any) -> Any:
    """:func:`nfc`, refusing a string that holds a lone surrogate: it is not text, and no UTF-8
    output (a report, the digest) can carry it."""
    if isinstance(value, str) and has_lone_surrogate(value):
        raise PydanticCustomError("text_surrogate", "a lone surrogate (\\ud800–\\udfff) is not text")
    return nfc(value)


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point, which only a ``\\udXXX`` escape that is not
    half of a pair can put into a decoded string (a pair decodes to one character)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_id(value: str) -> str:
    if "|" in value:
        # result ids are joined with "|" (semantics, statuses), so an id must not contain it
        raise PydanticCustomError("id_has_pipe", "an id must not contain '|'")
    if value != value.strip():
        raise PydanticCustomError("id_whitespace", "an id must not start or end with white space")
    if any(unicodedata.category(ch) in _HIDDEN_CATEGORIES for ch in value):
        # a zero-width space, a byte-order mark or a direction mark makes two ids that look
        # the same differ (and a lone one looks like no id at all)
        raise PydanticCustomError("id_control_character", "an id must not contain control or format characters")
    if not any(unicodedata.category(ch)[0] in _VISIBLE_CLASSES for ch in value):
        raise PydanticCustomError("id_invisible", "an id must contain a visible character")
    return value


_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf"})
"""Unicode control and format characters: never in an id."""
_VISIBLE_CLASSES = frozenset("LMNPS")
"""Letters, marks, numbers, punctuation, symbols: an id needs at least one."""


def _iso_date(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        raise PydanticCustomError("date_not_civil", "a civil date YYYY-MM-DD is expected, not a timestamp")
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise PydanticCustomError("date_format", "a date in the form YYYY-MM-DD is expected")
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_impossible", "this calendar date does not exist") from None
    raise PydanticCustomError("date_format", "a date in the form YYYY-MM-DD is expected")


Id = Annotated[str, BeforeValidator(_text), Field(min_length=1, max_length=200), AfterValidator(_check_id)]
"""A fact id: 1–200 characters, NFC, no ``|``, no white space at either end, no control or
format character, at least one visible character."""

Text = Annotated[str, BeforeValidator(_text), Field(max_length=10_000)]
"""Free text, NFC-normalised."""

IsoDate = Annotated[_dt.date, BeforeValidator(_iso_date)]
"""A civil date given as ``YYYY-MM-DD`` (or a :class:`datetime.date` from Python)."""

Year = Annotated[int, Field(strict=True, ge=1990, le=2200)]
"""A calendar year."""

Flag = StrictBool
"""A boolean that accepts only ``true``/``false`` (``"0"`` would flip a legal outcome)."""


class OrgKind(StrEnum):
    """Kinds of organisation (docs/facts.md)."""

    WORKPLACE_COMMITTEE = "workplace_committee"
    WORKPLACE_CELL = "workplace_cell"
    COMMUNE_COMMITTEE = "commune_committee"
    RESIDENCE_CELL = "residence_cell"
    PROVINCIAL_COMMITTEE = "provincial_committee"
    CENTRAL_ORGANIZATION_COMMISSION = "central_organization_commission"


WORKPLACE_SIDE = (OrgKind.WORKPLACE_COMMITTEE, OrgKind.WORKPLACE_CELL)
RESIDENCE_SIDE = (OrgKind.COMMUNE_COMMITTEE, OrgKind.RESIDENCE_CELL)


@dataclass(frozen=True)
class MemberRef:
    """The field holds member ids."""


@dataclass(frozen=True)
class OrgRef:
    """The field holds organisation ids of one of ``kinds`` (any kind when empty)."""

    kinds: tuple[OrgKind, ...] = ()


@dataclass(frozen=True)
class EventRef:
    """The field holds the id of an earlier (or same-day) event of one of ``kinds``.

    ``same_member``: the cited event must concern the same member as the citing one.
    """

    kinds: tuple[str, ...]
    same_member: bool = True

"""How results are put into words for people: dates, role names, the extension mark.

Every human-readable output (text, Markdown, JUnit and GitHub messages, ``explain``, the
notebook view) says these things the same way, so they are said here once:

- dates as dd/mm/yyyy in Vietnamese and as ISO dates in English;
- the commune level named as the regulation's wording of the date names it: "xã, phường, thị
  trấn" before 1 July 2025, "xã, phường, đặc khu" from then on (the two-level local government
  reform abolished the district level and the *thị trấn*, and created *đặc khu*);
- the mark of a result the product adds beyond the text (``extension``).

>>> import datetime as dt
>>> format_date(dt.date(2025, 4, 12), "vi"), format_date(dt.date(2025, 4, 12), "en")
('12/04/2025', '2025-04-12')
>>> role_label("commune_committee", "vi", dt.date(2025, 6, 30))
'Đảng ủy xã, phường, thị trấn nơi cư trú'
>>> role_label("commune_committee", "vi", dt.date(2025, 7, 1))
'Đảng ủy xã, phường, đặc khu nơi cư trú'
"""

from __future__ import annotations

import datetime as dt

from .messages import Lang, t

__all__ = ["COMMUNE_LEVEL_RENAMED", "format_date", "role_label", "commune_level", "extension_mark"]

COMMUNE_LEVEL_RENAMED = dt.date(2025, 7, 1)
"""From this date the commune level is "xã, phường, đặc khu" (no more "thị trấn")."""


def format_date(day: dt.date, lang: Lang) -> str:
    """dd/mm/yyyy in Vietnamese (as Vietnamese documents write dates), ISO 8601 in English."""
    if lang == "en":
        return day.isoformat()
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def commune_level(lang: Lang, on: dt.date | None = None) -> str:
    """The commune level as named on ``on``; both names (with the date of the change) when no
    date is given, as in the catalogue."""
    if on is None:
        return t("words.commune_level.both", lang)
    return t("words.commune_level.before" if on < COMMUNE_LEVEL_RENAMED else "words.commune_level.after", lang)


def role_label(role: str, lang: Lang, on: dt.date | None = None) -> str:
    """The label of a bearer role (``role.<role>``); the commune committee's names the commune
    level as it was called on ``on``."""
    if role == "commune_committee":
        return t("role.commune_committee", lang, level=commune_level(lang, on))
    return t(f"role.{role}", lang)


def extension_mark(lang: Lang) -> str:
    """The words that mark a result of an extension beyond the text."""
    return t("words.extension", lang)

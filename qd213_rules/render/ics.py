"""Deadlines as an iCalendar file (RFC 5545), written by hand: no dependency.

One all-day ``VEVENT`` per ``due`` result whose due date falls in ``[as_of, as_of + days]``,
and one per ``overdue`` result on the as-of date itself (its due date has passed, so it would
never fall in the window), its summary marked overdue and its description giving the due date. ``UID`` is the result id (plus a fixed domain
suffix), ``DTSTAMP`` is ``as_of`` at midnight UTC: the same report gives the same bytes. Lines
end in CRLF and are folded at 75 octets (never inside a UTF-8 sequence); TEXT values escape
``\\``, ``;``, ``,`` and newlines. With nothing due the file is still a valid, empty calendar.

>>> text = render_calendar_results([], as_of=dt.date(2025, 12, 10), lang="en")
>>> text.splitlines()[:4]
['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//qd213-rules//QD 213 deadlines//EN', 'CALSCALE:GREGORIAN']
>>> fold("X:" + "é" * 40) == "X:" + "é" * 36 + "\\r\\n " + "é" * 4
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..evaluation.results import Result, Status
from ..articles import get as get_obligation
from ..messages import Lang, t

if TYPE_CHECKING:
    from ..report import Report

__all__ = ["render_calendar", "render_calendar_results", "calendar_results", "event_date", "escape_text", "fold", "UID_DOMAIN",
           "DEFAULT_DAYS"]

UID_DOMAIN = "qd213-rules"
"""Suffix of every UID (``result_id@qd213-rules``), so they do not clash with other calendars."""
DEFAULT_DAYS = 30
_LINE_OCTETS = 75
CRLF = "\r\n"


def escape_text(text: str) -> str:
    """An RFC 5545 TEXT value (§3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (§3.1): continuation lines start with one space."""
    data = line.encode("utf-8")
    if len(data) <= _LINE_OCTETS:
        return line
    parts: list[str] = []
    start, limit = 0, _LINE_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # do not split a UTF-8 sequence
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, _LINE_OCTETS - 1  # the leading space counts towards the 75
    return (CRLF + " ").join(parts)


def event_date(result: Result, as_of: dt.date) -> dt.date:
    """The day of a result's event: the as-of date for an overdue duty, else its due date."""
    if result.status is Status.OVERDUE or result.due_date is None:
        return as_of
    return result.due_date


def calendar_results(results: Sequence[Result], as_of: dt.date, days: int = DEFAULT_DAYS) -> list[Result]:
    """The ``overdue`` results, and the ``due`` results whose due date is in ``[as_of, as_of + days]``,
    in the order of their event dates."""
    end = as_of + dt.timedelta(days=days)
    chosen = [r for r in results if r.status is Status.OVERDUE
              or (r.status is Status.DUE and r.due_date is not None and as_of <= r.due_date <= end)]
    return sorted(chosen, key=lambda r: (event_date(r, as_of), r.result_id))


def render_calendar(
    report: Report, lang: Lang, *, days: int = DEFAULT_DAYS, results: Sequence[Result] | None = None
) -> str:
    """The calendar of ``report`` (or of the selected ``results``) for the next ``days`` days."""
    from .common import facts_of, subject_names

    chosen = calendar_results(report.results if results is None else results, report.as_of, days)
    return render_calendar_results(chosen, as_of=report.as_of, lang=lang, names=subject_names(facts_of(report)))


def render_calendar_results(
    results: Sequence[Result], *, as_of: dt.date, lang: Lang, names: Mapping[str, str] | None = None
) -> str:
    """A VCALENDAR with one all-day VEVENT per result (an overdue one on ``as_of``, the others
    on their due date); ``names`` gives display names of subjects and bearers."""
    names = names or {}

    def named(entity_id: str) -> str:
        return f"{entity_id} — {names[entity_id]}" if entity_id in names else entity_id

    stamp = as_of.strftime("%Y%m%d") + "T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//qd213-rules//QD 213 deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(t('cli.calendar.name', lang))}",
    ]
    for r in results:
        title = t(f"obligation.{r.obligation_id}.title", lang)
        day = event_date(r, as_of)
        overdue = r.status is Status.OVERDUE
        summary = f"{r.obligation_id} {title} ({named(r.subject_id)})"
        if overdue:
            summary = f"[{t('status.overdue', lang).upper()}] {summary}"
        description = "\n".join([
            f"{t(f'status.{r.status.value}', lang)}: {r.message}",
            *([t("cli.calendar.overdue_since", lang, date=r.due_date.strftime("%d/%m/%Y"))]
              if overdue and r.due_date is not None else []),
            t("cli.calendar.subject", lang, subject=named(r.subject_id)),
            t("cli.calendar.bearer", lang, bearer=named(r.bearer_id)),
            t("cli.calendar.citation", lang, citation=get_obligation(r.obligation_id).citation.text(lang)),
            t("cli.calendar.result", lang, result_id=r.result_id),
        ])
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(r.result_id)}@{UID_DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}",
            f"CATEGORIES:{escape_text(r.status.value)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)

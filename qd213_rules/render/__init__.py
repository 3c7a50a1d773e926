"""Renderers: the catalogue and the reports as text, JSON, JUnit XML, GitHub workflow commands,
Markdown, HTML and iCalendar.

:func:`render_report` is the one entry point the CLI uses for a report; each format lives in its
own module (``text``, ``junit``, ``github``, ``markdown``, ``html``, ``ics``) and depends only on the public
:class:`~qd213_rules.report.Report` and, for names and source lines, the
:class:`~qd213_rules.facts.FactSet` it was evaluated from. Importing this package is cheap: the
format modules are imported when used.

>>> fail_level("overdue"), fail_level("due")
(2, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..evaluation.results import Result
from .common import (
    FAIL_ON,
    HTML_MEMBER_PAGES,
    REPORT_FORMATS,
    FailOn,
    ReportFormat,
    at_or_above,
    facts_of,
    fail_level,
    select_results,
    status_counts,
    subject_names,
)

if TYPE_CHECKING:
    from ..facts import FactSet
    from ..messages import Lang
    from ..report import Report

__all__ = [
    "status_counts",
    "ReportFormat",
    "REPORT_FORMATS",
    "FailOn",
    "FAIL_ON",
    "fail_level",
    "HTML_MEMBER_PAGES",
    "at_or_above",
    "select_results",
    "subject_names",
    "render_report",
    "report_json_chunks",
]

def report_json(report: Report, results: Sequence[Result] | None = None) -> str:
    """``report.to_json()``; with a selection, the same document whose ``results`` and ``summary``
    cover the selected results only (everything else still describes the whole evaluation)."""
    return b"".join(report_json_chunks(report, results)).decode()


def report_json_chunks(report: Report, results: Sequence[Result] | None = None, *, workers: int = 1) -> Iterator[bytes]:
    """:func:`report_json` in UTF-8 pieces, to write as they come (``workers``: encoded by that
    many processes, :meth:`Report.json_bytes`)."""
    if results is None or len(results) == len(report.results):
        return report.json_bytes(workers=workers)
    return report.json_bytes(results, workers=workers)


def render_report(
    report: Report,
    fmt: ReportFormat,
    *,
    lang: Lang,
    results: Iterable[Result] | None = None,
    facts: FactSet | None = None,
    source: str | None = None,
    show_all: bool = False,
    colour: bool = False,
    fail_on: FailOn = "overdue",
    selection: str | None = None,
    explain_hint: bool = True,
    width: int | None = None,
    member_pages: int | None = None,
) -> str:
    """The report in ``fmt``.

    ``results`` is the selection to show (default: every result); ``facts`` the fact set the
    report came from (default: the one the report kept), for names and, in ``github``, source
    lines; ``source`` the facts file as the user named it; ``show_all`` lists every result, not
    only the findings (``text``, ``markdown``); ``colour`` is for ``text`` on a terminal;
    ``fail_on`` decides which results are JUnit failures; ``selection`` names the ``--member`` or
    ``--org`` id, for the header; ``explain_hint`` ends the text report with the ``qd213 explain``
    command to run on ``source``; ``width`` wraps the ``text`` report's lines (a terminal's width);
    ``member_pages`` caps the full member pages of ``html``.
    """
    chosen = list(report.results if results is None else results)
    facts = facts if facts is not None else facts_of(report)
    if fmt == "json":
        return report_json(report, None if results is None else chosen)
    if fmt == "text":
        from .text import render_text

        return render_text(report, lang, colour=colour, show_all=show_all, results=chosen, source=source,
                           facts=facts, selection=selection, explain_hint=explain_hint, fail_on=fail_on,
                           width=width)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, lang, results=chosen, source=source, facts=facts, show_all=show_all,
                               selection=selection)
    if fmt == "junit":
        from .junit import render_junit

        return render_junit(report, lang, results=chosen, fail_on=fail_on, facts=facts)
    if fmt == "github":
        from .github import render_github

        return render_github(report, lang, results=chosen, source=source, facts=facts)
    if fmt == "html":
        from .html import render_html

        return render_html(report, lang, results=None if results is None else chosen, facts=facts, source=source,
                           fail_on=fail_on, selection=selection,
                           member_pages=HTML_MEMBER_PAGES if member_pages is None else member_pages)
    raise ValueError(f"unknown report format {fmt!r}")

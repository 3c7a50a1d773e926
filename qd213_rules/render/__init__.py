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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from ..evaluation.results import SEVERITY_RANK, Result

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

ReportFormat = Literal["text", "json", "junit", "github", "markdown", "html"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("text", "json", "junit", "github", "markdown", "html")

FailOn = Literal["due", "overdue", "violated"]
FAIL_ON: Mapping[str, int] = {"due": SEVERITY_RANK["notice"], "overdue": SEVERITY_RANK["warning"], "violated": SEVERITY_RANK["error"]}
"""``--fail-on`` value → the lowest severity rank that counts as a failure (semantics, statuses)."""


HTML_MEMBER_PAGES = 500
"""How many members with findings the HTML report gives a full page (``--html-member-pages``);
the others are summarised in a table, and the page says so."""


def fail_level(fail_on: str) -> int:
    return FAIL_ON[fail_on]


def at_or_above(result: Result, fail_on: str) -> bool:
    """Whether ``result`` fails a run with ``--fail-on fail_on``."""
    return SEVERITY_RANK[result.severity] >= FAIL_ON[fail_on]


def select_results(report: Report, *, member: str | None = None, org: str | None = None) -> list[Result]:
    """The results ``--member``/``--org`` print: those whose subject or bearer is the id given."""
    wanted = member or org
    if wanted is None:
        return list(report.results)
    return [r for r in report.results if r.subject_id == wanted or r.bearer_id == wanted]


def subject_names(facts: FactSet | None) -> dict[str, str]:
    """Display names of members and organisations (``id → name``) when the facts give one."""
    if facts is None:
        return {}
    names = {o.id: o.name for o in facts.organizations.values() if o.name}
    names.update({m.id: m.name for m in facts.members.values() if m.name})
    return names


def status_counts(results: Iterable[Result], order: Iterable[str]) -> tuple[dict[str, int], int]:
    """The results by status, in ``order`` (every status, zeros included), and apart the number
    of derived results (D1.K2a/b): they restate their sources' statuses, so the counts people
    read count each finding once (semantics R6). The JSON ``summary`` counts every result.

    >>> from types import SimpleNamespace as R
    >>> status_counts([R(kind="triggered", status=R(value="overdue")),
    ...                R(kind="derived", status=R(value="overdue"))], ["violated", "overdue"])
    ({'violated': 0, 'overdue': 1}, 1)
    """
    counts = {status: 0 for status in order}
    derived = 0
    for r in results:
        if r.kind == "derived":
            derived += 1
        else:
            counts[r.status.value] += 1
    return counts, derived


def facts_of(report: Report) -> FactSet | None:
    """The fact set a report was evaluated from, when it kept it."""
    ctx = report.context
    return ctx.facts if ctx is not None else None


def report_json(report: Report, results: Sequence[Result] | None = None) -> str:
    """``report.to_json()``; with a selection, the same document whose ``results`` and ``summary``
    cover the selected results only (everything else still describes the whole evaluation)."""
    return "".join(report_json_chunks(report, results))


def report_json_chunks(report: Report, results: Sequence[Result] | None = None) -> Iterator[str]:
    """:func:`report_json` in pieces, to write as they come."""
    if results is None or len(results) == len(report.results):
        return report.json_chunks()
    return report.json_chunks(results)


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

"""What the report formats share: failing levels, selections, names, status counts.

Each format module (``text``, ``junit``, ``github``, ``markdown``, ``html``, ``ics``) imports
these from here, and the package (:mod:`qd213_rules.render`) re-exports them and imports the
format modules when used: imports run one way (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from ..evaluation.results import SEVERITY_RANK, Result

if TYPE_CHECKING:
    from ..facts import FactSet
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
    "facts_of",
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

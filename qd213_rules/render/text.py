"""The report as text for a terminal: counts first, then the findings grouped by subject.

Colour is used only when asked (the CLI asks when stdout is a terminal and ``NO_COLOR`` is
not set); without it the output is plain text, the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..evaluation.results import SEVERITY_RANK, Result, Status
from ..messages import Lang, t
from . import facts_of, subject_names

if TYPE_CHECKING:
    from ..facts import FactSet
    from ..report import Report

__all__ = ["render_text", "format_date"]

_COLOUR = {
    Status.VIOLATED: "\033[31;1m",
    Status.OVERDUE: "\033[33m",
    Status.DUE: "\033[36m",
    Status.FULFILLED: "\033[32m",
    Status.FULFILLED_LATE: "\033[32m",
}
_BOLD = "\033[1m"
_RESET = "\033[0m"
_MAX_WARNINGS = 20


def format_date(day: dt.date) -> str:
    """``dd/mm/yyyy``, the way dates are written in Vietnamese documents (and in the messages)."""
    return day.strftime("%d/%m/%Y")


def render_text(
    report: Report,
    lang: Lang,
    *,
    colour: bool = False,
    show_all: bool = False,
    results: Sequence[Result] | None = None,
    source: str | None = None,
    facts: FactSet | None = None,
    selection: str | None = None,
    explain_hint: bool = True,
) -> str:
    """Summary line, then each subject's findings (or every result with ``show_all``)."""
    shown = list(report.results if results is None else results)
    names = subject_names(facts if facts is not None else facts_of(report))
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if colour else (lambda s: s)
    lines = [
        bold(t("cli.report.header", lang, as_of=format_date(report.as_of), source=source or "-", results=len(shown)))
    ]
    if selection:
        lines.append("  " + t("cli.report.selection", lang, id=_named(selection, names)))
    counts = {s: 0 for s in report.summary}
    for r in shown:
        counts[r.status.value] += 1
    # worst first, so that what needs action is read first
    lines.append("  " + " · ".join(f"{t(f'status.{s}', lang)}: {n}" for s, n in counts.items() if n))
    if not show_all:
        shown = [r for r in shown if SEVERITY_RANK[r.severity] > 0]
    by_subject: dict[str, list[Result]] = defaultdict(list)
    for r in shown:
        by_subject[r.subject_id].append(r)
    width = max((len(t(f"status.{s.value}", lang)) for s in Status), default=12)
    for subject in sorted(by_subject):
        lines.append("")
        lines.append(bold(_named(subject, names)))
        for r in by_subject[subject]:
            status = t(f"status.{r.status.value}", lang).ljust(width)  # pad before colouring
            if colour and r.status in _COLOUR:
                status = f"{_COLOUR[r.status]}{status}{_RESET}"
            due = f" ({t('cli.report.due', lang)} {format_date(r.due_date)})" if r.due_date else ""
            bearer = f" [{r.bearer_id}]" if r.bearer_id != r.subject_id else ""
            title = t(f"obligation.{r.obligation_id}.title", lang)
            lines.append(f"  {status} {r.obligation_id:<7} {r.key}{bearer}{due} — {title}")
            lines.append(f"  {'':{width}} {r.message}")
    if not shown:
        lines.append("")
        lines.append(t("cli.report.no_findings", lang))
    if report.data_warnings:
        lines.append("")
        lines.append(t("cli.report.warnings", lang, count=len(report.data_warnings)))
        for w in report.data_warnings[:_MAX_WARNINGS]:
            lines.append(f"  [{w.code}] {w.fact_id or '-'}: {w.message(lang)}")
        if len(report.data_warnings) > _MAX_WARNINGS:
            lines.append("  " + t("cli.report.more", lang, count=len(report.data_warnings) - _MAX_WARNINGS))
    if report.unused_facts:
        lines.append("")
        lines.append(t("cli.report.unused", lang, count=len(report.unused_facts)))
    if shown and source and explain_hint:
        lines.append("")
        lines.append(t("cli.report.explain_hint", lang, source=source, as_of=report.as_of.isoformat()))
    return "\n".join(lines) + "\n"


def _named(entity_id: str, names: dict[str, str]) -> str:
    return f"{entity_id} — {names[entity_id]}" if entity_id in names else entity_id

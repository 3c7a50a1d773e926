"""The report as text for a terminal: counts first, then the findings grouped by subject.

Colour is used only when asked (the CLI asks when stdout is a terminal and ``NO_COLOR`` is
not set).
"""

from __future__ import annotations

from collections import defaultdict

from ..evaluation.results import SEVERITY_RANK, Result, Status
from ..messages import Lang, t
from ..report import Report

__all__ = ["render_text"]

_COLOUR = {
    Status.VIOLATED: "\033[31;1m",
    Status.OVERDUE: "\033[33m",
    Status.DUE: "\033[36m",
    Status.FULFILLED: "\033[32m",
    Status.FULFILLED_LATE: "\033[32m",
}
_RESET = "\033[0m"


def render_text(
    report: Report,
    lang: Lang,
    *,
    colour: bool = False,
    show_all: bool = False,
    results: list[Result] | None = None,
    source: str | None = None,
) -> str:
    """Summary line, then each subject's findings (or every result with ``show_all``)."""
    shown = list(report.results if results is None else results)
    lines = [
        t("cli.report.header", lang, as_of=report.as_of.strftime("%d/%m/%Y"), source=source or "-",
          results=len(shown))
    ]
    counts = {s: 0 for s in report.summary}
    for r in shown:
        counts[r.status.value] += 1
    lines.append(
        "  " + " · ".join(f"{t(f'status.{s}', lang)}: {n}" for s, n in counts.items() if n)
    )
    if not show_all:
        shown = [r for r in shown if SEVERITY_RANK[r.severity] > 0]
    by_subject: dict[str, list[Result]] = defaultdict(list)
    for r in shown:
        by_subject[r.subject_id].append(r)
    names = _names(report)
    for subject in sorted(by_subject):
        lines.append("")
        lines.append(f"{subject}{(' — ' + names[subject]) if subject in names else ''}")
        for r in by_subject[subject]:
            status = t(f"status.{r.status.value}", lang)
            if colour and r.status in _COLOUR:
                status = f"{_COLOUR[r.status]}{status}{_RESET}"
            key = r.period or r.trigger_event_id or "-"
            due = f" ({t('cli.report.due', lang)} {r.due_date.strftime('%d/%m/%Y')})" if r.due_date else ""
            bearer = f" [{r.bearer_id}]" if r.bearer_id != r.subject_id else ""
            lines.append(f"  {status:<12} {r.obligation_id:<7} {key}{bearer}{due} — {t(f'obligation.{r.obligation_id}.title', lang)}")
            lines.append(f"               {r.message}")
    if not shown:
        lines.append("")
        lines.append(t("cli.report.no_findings", lang))
    if report.data_warnings:
        lines.append("")
        lines.append(t("cli.report.warnings", lang, count=len(report.data_warnings)))
        for w in report.data_warnings[:20]:
            lines.append(f"  [{w.code}] {w.fact_id or '-'}: {w.message(lang)}")
        if len(report.data_warnings) > 20:
            lines.append(f"  … +{len(report.data_warnings) - 20}")
    if report.unused_facts:
        lines.append("")
        lines.append(t("cli.report.unused", lang, count=len(report.unused_facts)))
    return "\n".join(lines) + "\n"


def _names(report: Report) -> dict[str, str]:
    ctx = report._context
    if ctx is None:
        return {}
    out = {m.id: m.name for m in ctx.facts.members.values() if m.name}
    out.update({o.id: o.name for o in ctx.facts.organizations.values() if o.name})
    return out

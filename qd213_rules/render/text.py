"""The report as text for a terminal: counts first, then the findings grouped by severity (worst
first) and by subject, then data warnings; the last line is the verdict against ``--fail-on``.

Colour is used only when asked (the CLI asks when stdout is a terminal and ``NO_COLOR`` is
not set); without it the output is plain text, the same bytes on every run.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..evaluation.results import SEVERITY_RANK, Result, Status
from ..messages import Lang, t
from ..explain import result_message, warning_message
from ..words import extension_mark, format_date
from .common import facts_of, status_counts, subject_names

if TYPE_CHECKING:
    from ..facts import FactSet
    from ..report import Report

__all__ = ["render_text", "verdict"]

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
_FINDING_ORDER = (Status.VIOLATED, Status.OVERDUE, Status.DUE)


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
    fail_on: str = "overdue",
    width: int | None = None,
) -> str:
    """Summary line, then the findings grouped by severity (worst first) and, within each group,
    by subject; with ``show_all`` the other results follow. The last line is the verdict against
    ``fail_on``. ``width`` wraps long lines (the CLI passes the terminal's width)."""
    shown = list(report.results if results is None else results)
    facts = facts if facts is not None else facts_of(report)
    names = subject_names(facts)
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if colour else (lambda s: s)
    wrap = _wrapper(width)
    lines = wrap(t("cli.report.header", lang, as_of=format_date(report.as_of, lang), source=source or "-",
                   results=len(shown)), "", bold)
    if selection:
        lines += wrap("  " + t("cli.report.selection", lang, id=_named(selection, names)), "    ")
    counts, derived = status_counts(shown, report.summary)
    # worst first, so that what needs action is read first
    parts = [f"{t(f'status.{s}', lang)}: {n}" for s, n in counts.items() if n]
    if derived:
        parts.append(t("cli.report.derived", lang, count=derived))
    lines += wrap("  " + " · ".join(parts), "  ")
    findings = [r for r in shown if SEVERITY_RANK[r.severity] > 0]
    groups: list[tuple[str, list[Result]]] = [
        (t(f"status.{status.value}", lang), [r for r in findings if r.status is status])
        for status in _FINDING_ORDER
    ]
    if show_all:
        groups.append((t("cli.report.other_results", lang), [r for r in shown if SEVERITY_RANK[r.severity] == 0]))
    width_status = max((len(t(f"status.{s.value}", lang)) for s in Status), default=12)
    for heading, group in groups:
        if not group:
            continue
        lines.append("")
        lines.append(bold(f"== {heading} ({len(group)}) =="))
        by_subject: dict[str, list[Result]] = defaultdict(list)
        for r in group:
            by_subject[r.subject_id].append(r)
        for subject in sorted(by_subject):
            lines.append("")
            lines += wrap(_named(subject, names), "  ", bold)
            for r in by_subject[subject]:
                status = t(f"status.{r.status.value}", lang).ljust(width_status)  # pad before colouring
                due = f" ({t('cli.report.due', lang)} {format_date(r.due_date, lang)})" if r.due_date else ""
                bearer = f" [{names.get(r.bearer_id, r.bearer_id)}]" if r.bearer_id != r.subject_id else ""
                title = t(f"obligation.{r.obligation_id}.title", lang)
                if r.extension:
                    title += f" ({extension_mark(lang)})"
                first = wrap(f"  {status} {r.obligation_id:<7} {r.key}{bearer}{due} — {title}",
                             " " * (width_status + 3))
                if colour and r.status in _COLOUR:  # wrapped without escapes, coloured after
                    first[0] = first[0].replace(status, f"{_COLOUR[r.status]}{status}{_RESET}", 1)
                lines += first
                lines += wrap(f"  {'':{width_status}} {result_message(r, lang, facts)}", " " * (width_status + 3))
    if not findings:
        lines.append("")
        lines += wrap(t("cli.report.no_findings", lang), "")
    if report.data_warnings:
        lines.append("")
        lines.append(t("cli.report.warnings", lang, count=len(report.data_warnings)))
        for w in report.data_warnings[:_MAX_WARNINGS]:
            lines += wrap(f"  {w.fact_id or '-'}: {warning_message(w, lang, facts)}", "    ")
        if len(report.data_warnings) > _MAX_WARNINGS:
            lines.append("  " + t("cli.report.more", lang, count=len(report.data_warnings) - _MAX_WARNINGS))
    if report.unused_facts:
        lines.append("")
        lines += wrap(t("cli.report.unused", lang, count=len(report.unused_facts)), "")
    if findings and source and explain_hint:
        lines.append("")
        lines += wrap(t("cli.report.explain_hint", lang, source=source, as_of=report.as_of.isoformat()), "    ")
    lines.append("")
    lines += wrap(verdict(shown, fail_on, lang), "", bold)
    return "\n".join(lines) + "\n"


def verdict(results: Sequence[Result], fail_on: str, lang: Lang) -> str:
    """The closing line: ``FAIL: 2 overdue ≥ --fail-on overdue`` or ``OK: nothing at or above overdue``.

    >>> verdict([], "overdue", "en")
    'OK: nothing at or above overdue (--fail-on overdue).'
    """
    from .common import at_or_above

    failing = [r for r in results if at_or_above(r, fail_on)]
    if not failing:
        return t("cli.report.verdict_ok", lang, threshold=t(f"status.{fail_on}", lang).lower(), fail_on=fail_on)
    counts = ", ".join(
        f"{n} {t(f'status.{status.value}', lang).lower()}" for status in _FINDING_ORDER
        if (n := sum(1 for r in failing if r.status is status))
    )
    return t("cli.report.verdict_fail", lang, counts=counts, fail_on=fail_on)


def _wrapper(width: int | None) -> Callable[..., list[str]]:
    """``wrap(line, indent, style)``: the line as one or more lines of at most ``width``
    characters (continuations start with ``indent``), each passed through ``style``."""

    def wrap(line: str, indent: str, style: Callable[[str], str] = lambda s: s) -> list[str]:
        if width is None or len(line) <= width:
            return [style(line)]
        lead = len(line) - len(line.lstrip(" "))
        parts = textwrap.wrap(line.strip(" "), width=max(width, 20), initial_indent=" " * lead,
                              subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
        return [style(p) for p in parts] or [style(line)]

    return wrap


def _named(entity_id: str, names: dict[str, str]) -> str:
    return f"{entity_id} — {names[entity_id]}" if entity_id in names else entity_id

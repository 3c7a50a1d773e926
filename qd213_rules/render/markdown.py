"""The report as Markdown, for pull-request comments and the GitHub job summary.

A heading, a table of counts per status (worst first), then one section per subject with a
table of its findings (or every result with ``show_all``), then the data warnings. Cell text is
escaped so that a name or message never breaks the table. ``max_bytes`` stops adding subject
sections once the text would exceed it (GitHub caps a job summary at 1 MiB and a comment at
65,536 characters), with a line saying how many were left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..evaluation.results import SEVERITY_RANK, Result, Status
from ..messages import Lang, t
from ..explain import result_message, warning_message
from ..words import extension_mark, format_date
from .common import facts_of, status_counts, subject_names

if TYPE_CHECKING:
    from ..facts import FactSet
    from ..report import Report

__all__ = ["render_markdown", "escape_cell"]

# a glyph per finding status, so that a long table can be scanned by colour
_MARK = {Status.VIOLATED: "🔴", Status.OVERDUE: "🟠", Status.DUE: "🟡"}
_MAX_WARNINGS = 20


def escape_cell(text: str) -> str:
    """Text safe inside a Markdown table cell (one line, no column break, no raw HTML)."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")
    out = out.replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*").replace("_", "\\_")
    return " ".join(out.split())


def _code(text: str) -> str:
    # ids in code spans: no escaping needed inside except the fence character itself
    return f"`{text}`" if "`" not in text else escape_cell(text)


def render_markdown(
    report: Report,
    lang: Lang,
    *,
    results: Sequence[Result] | None = None,
    source: str | None = None,
    facts: FactSet | None = None,
    show_all: bool = False,
    selection: str | None = None,
    max_bytes: int | None = None,
    heading_level: int = 2,
) -> str:
    chosen = list(report.results if results is None else results)
    facts = facts if facts is not None else facts_of(report)
    names = subject_names(facts)
    h = "#" * heading_level
    out = [f"{h} {t('cli.markdown.title', lang, as_of=format_date(report.as_of, lang))}", ""]
    out.append(t("cli.markdown.source", lang, source=_code(source or "-"), results=len(chosen)))
    if selection:
        out.append("")
        out.append(t("cli.report.selection", lang, id=_code(selection)))
    out.append("")
    counts, derived = status_counts(chosen, report.summary)
    out.append(f"| {t('cli.markdown.status', lang)} | {t('cli.markdown.count', lang)} |")
    out.append("|---|---:|")
    for status, n in counts.items():
        if n:
            mark = _MARK.get(Status(status), "")
            out.append(f"| {(mark + ' ') if mark else ''}{t(f'status.{status}', lang)} | {n} |")
    if derived:  # restating the rows above (semantics R6): the rows still add up to the total
        out.append(f"| {t('cli.report.derived', lang, count='').rstrip(': ')} | {derived} |")
    out.append(f"| **{t('cli.markdown.total', lang)}** | **{len(chosen)}** |")

    shown = chosen if show_all else [r for r in chosen if SEVERITY_RANK[r.severity] > 0]
    by_subject: dict[str, list[Result]] = defaultdict(list)
    for r in shown:
        by_subject[r.subject_id].append(r)
    tail = _warnings(report, lang, h, facts)
    out.append("")
    if by_subject:
        out.append(f"{h}# {t('cli.markdown.results' if show_all else 'cli.markdown.findings', lang)}")
    else:
        out.append(t("cli.report.no_findings", lang))
    size = _size(out) + _size(tail)
    subjects = sorted(by_subject)
    for index, subject in enumerate(subjects):
        section = _section(subject, by_subject[subject], names, lang, h, facts)
        if max_bytes is not None and size + _size(section) > max_bytes - 200:
            out.append("")
            out.append(t("cli.markdown.truncated", lang, count=len(subjects) - index))
            break
        out.extend(section)
        size += _size(section)
    out.extend(tail)
    return "\n".join(out) + "\n"


def _section(
    subject: str, results: list[Result], names: dict[str, str], lang: Lang, h: str, facts: FactSet | None
) -> list[str]:
    title = _code(subject) + (f" — {escape_cell(names[subject])}" if subject in names else "")
    lines = [
        "",
        f"{h}## {title}",
        "",
        f"| {t('cli.markdown.status', lang)} | {t('cli.markdown.obligation', lang)} | {t('cli.markdown.key', lang)} "
        f"| {t('cli.markdown.bearer', lang)} | {t('cli.markdown.due', lang)} | {t('cli.markdown.message', lang)} |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        mark = _MARK.get(r.status, "")
        status = f"{(mark + ' ') if mark else ''}{t(f'status.{r.status.value}', lang)}"
        obligation = f"{_code(r.obligation_id)} {escape_cell(t(f'obligation.{r.obligation_id}.title', lang))}"
        if r.extension:
            obligation += f" ({escape_cell(extension_mark(lang))})"
        due = format_date(r.due_date, lang) if r.due_date else ""
        bearer = escape_cell(names[r.bearer_id]) if r.bearer_id in names else _code(r.bearer_id)
        message = escape_cell(result_message(r, lang, facts))
        lines.append(f"| {status} | {obligation} | {_code(r.key)} | {bearer} | {due} | {message} |")
    return lines


def _warnings(report: Report, lang: Lang, h: str, facts: FactSet | None) -> list[str]:
    if not report.data_warnings:
        return []
    lines = ["", f"{h}# {t('cli.report.warnings', lang, count=len(report.data_warnings)).rstrip(':')}", ""]
    for w in report.data_warnings[:_MAX_WARNINGS]:
        lines.append(f"- {_code(w.fact_id) if w.fact_id else '-'}: {escape_cell(warning_message(w, lang, facts))}")
    if len(report.data_warnings) > _MAX_WARNINGS:
        lines.append(f"- {t('cli.report.more', lang, count=len(report.data_warnings) - _MAX_WARNINGS)}")
    return lines


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8")) + 1 for line in lines)

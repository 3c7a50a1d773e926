"""The report as GitHub Actions workflow commands (annotations), plus the job summary.

One ``::error``/``::warning``/``::notice`` line per finding (violated → error, overdue → warning,
due → notice), pointing at the facts file and, for JSON Lines input, at the line of the trigger
fact (else the line of the subject's own record); a JSON document gives the file only. Property
values are escaped for ``% \\r \\n : ,``, the message for ``% \\r \\n`` (GitHub's
``escapeProperty``/``escapeData``). The last line is a plain count. :func:`step_summary` is the
Markdown appended to ``$GITHUB_STEP_SUMMARY``.

>>> escape_property("a:b,c%d")
'a%3Ab%2Cc%25d'
>>> escape_data("line 1\\nline 2: 50%")
'line 1%0Aline 2: 50%25'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..evaluation.results import SEVERITY_RANK, Result, Status
from ..messages import Lang, t
from ..articles import get as get_obligation
from ..explain import result_message
from ..words import extension_mark, format_date
from .common import facts_of

if TYPE_CHECKING:
    from ..facts import FactSet
    from ..report import Report

__all__ = ["render_github", "escape_property", "escape_data", "step_summary", "STEP_SUMMARY_MAX_BYTES"]

_COMMAND = {"error": "error", "warning": "warning", "notice": "notice"}
STEP_SUMMARY_MAX_BYTES = 1024 * 1024
"""GitHub's limit for one step's summary; the summary written stays below it."""


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(
    report: Report,
    lang: Lang,
    *,
    results: Sequence[Result] | None = None,
    source: str | None = None,
    facts: FactSet | None = None,
) -> str:
    chosen = list(report.results if results is None else results)
    facts = facts if facts is not None else facts_of(report)
    lines = []
    for r in chosen:
        if SEVERITY_RANK[r.severity] == 0:
            continue
        props = []
        if source and source != "-":
            props.append(f"file={escape_property(source)}")
            line = _line_of(r, facts)
            if line is not None:
                props.append(f"line={line}")
        title = f"{r.obligation_id} {r.subject_id}: {t(f'obligation.{r.obligation_id}.title', lang)}"
        if r.extension:
            title += f" ({extension_mark(lang)})"
        props.append(f"title={escape_property(title)}")
        citation = get_obligation(r.obligation_id).citation.text(lang)
        message = f"{t(f'status.{r.status.value}', lang)}: {result_message(r, lang, facts)}\n{citation}"
        lines.append(f"::{_COMMAND[r.severity]} {','.join(props)}::{escape_data(message)}")
    counts = {s: 0 for s in (Status.VIOLATED, Status.OVERDUE, Status.DUE)}
    for r in chosen:
        # D1.K2a/b restate their sources' findings (severity none): counted once, at the sources
        if r.kind != "derived" and r.status in counts:
            counts[r.status] += 1
    lines.append(
        t("cli.github.summary", lang, violated=counts[Status.VIOLATED], overdue=counts[Status.OVERDUE],
          due=counts[Status.DUE], results=len(chosen), as_of=format_date(report.as_of, lang))
    )
    return "\n".join(lines) + "\n"


def _line_of(result: Result, facts: FactSet | None) -> int | None:
    """The JSON Lines line of the trigger fact, else of the subject's record (None for JSON)."""
    if facts is None:
        return None
    if result.trigger_event_id is not None and result.trigger_event_id in facts.events:
        loc = facts.locations.get(result.trigger_event_id)
        if loc is not None and loc.line is not None:
            return loc.line
    subject = result.subject_id
    # locations share one id map in which events win: only trust it when no event has the id
    if subject not in facts.events and (subject in facts.members or subject in facts.organizations):
        loc = facts.locations.get(subject)
        if loc is not None and loc.line is not None:
            return loc.line
    return None


def step_summary(
    report: Report,
    lang: Lang,
    *,
    results: Sequence[Result] | None = None,
    source: str | None = None,
    facts: FactSet | None = None,
    selection: str | None = None,
) -> str:
    """The Markdown for ``$GITHUB_STEP_SUMMARY`` (findings only, kept under GitHub's limit)."""
    from .markdown import render_markdown

    return render_markdown(report, lang, results=results, source=source, facts=facts, selection=selection,
                           max_bytes=STEP_SUMMARY_MAX_BYTES - 1024)

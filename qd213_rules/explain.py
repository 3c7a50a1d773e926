"""Explain a result so that a person can check it against the regulation without reading code.

An :class:`Explanation` records (OpenFisca's tracer, split into recording and rendering):
the obligation (title, citation, exact Vietnamese text, English summary), the subject and
bearer, the trigger fact, each evidence fact with what it did and which generated rule matched
it, the deadline arithmetic naming each policy parameter and its value, the recipients reached
or missing, and the judge rule that decided the status. ``str(explanation)`` renders it as
text; ``to_dict()`` as JSON.

>>> from importlib.resources import as_file
>>> from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path
>>> from qd213_rules.facts import load_facts
>>> with as_file(example_ward_path()) as path:
...     facts = load_facts(path)
>>> from qd213_rules import evaluate
>>> report = evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python")
>>> result = report.filter(status="overdue")[0]
>>> explanation = report.explain(result)
>>> explanation.result == result, explanation.citation in str(explanation)
(True, True)
>>> explanation.to_dict()["result"] == result.to_dict()
True

Without ``trace=True`` the trace is rebuilt by evaluating the subject again; it is the one a
traced evaluation records:

>>> traced = evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python", trace=True)
>>> report.trace_of(result) == traced[result.result_id].trace
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .articles import get as get_obligation
from .messages import Lang, t

if TYPE_CHECKING:
    from .articles import Obligation
    from .evaluation.results import Result
    from .facts import FactSet
    from .report import Report

__all__ = ["Explanation", "explain"]


@dataclass(frozen=True)
class Explanation:
    result: Result
    lang: Lang
    title: str
    citation: str
    text_vi: tuple[str, ...]
    summary_en: str
    lines: tuple[str, ...]
    data: dict[str, Any]

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def _repr_markdown_(self) -> str:
        return "```\n" + str(self) + "\n```"


def _params(params: dict[str, Any]) -> str:
    """``key=value`` pairs, lists comma-separated: readable, not a Python repr."""
    shown = []
    for key, value in sorted(params.items()):
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        shown.append(f"{key}={value}")
    return "; ".join(shown)


def _bearer_role(result: Result, declared: str, facts: FactSet | None) -> str:
    """The role label of the result's bearer: the kind of the organisation that bears it (a
    derived D1.K2b result is borne by a commune, not by a workplace committee), ``member`` for
    a member, else the obligation's declared bearer."""
    if facts is not None:
        org = facts.organizations.get(result.bearer_id)
        if org is not None:
            return org.kind.value
        if result.bearer_id in facts.members:
            return "member"
    return declared


def _label(key: str, lang: Lang) -> str:
    return t(f"explain.{key}", lang)


def _obligation(report: Report, obligation_id: str) -> Obligation:
    """The duty as the evaluation's regulations declare it (a successor's duties too)."""
    if report._context is not None:
        for ob in report._context.regulations.obligations():
            if ob.id == obligation_id:
                return ob
    return get_obligation(obligation_id)


def explain(report: Report, result: Result, lang: Lang) -> Explanation:
    ob = _obligation(report, result.obligation_id)
    title = t(f"obligation.{ob.id}.title", lang)
    trace = report.trace_of(result)
    facts = report.context.facts if report.context is not None else None
    lines = [
        f"{ob.id} — {title}",
        f"{_label('citation', lang)}: {ob.citation.text(lang)}",
        *(f'  «{fragment}»' for fragment in ob.text_vi),
        f"  ({ob.summary_en})" if lang == "en" else f"  ({t(f'obligation.{ob.id}.summary', lang)})",
        f"{_label('subject', lang)}: {result.subject_id} ({t(f'subject.{result.subject_type}', lang)})"
        f" · {_label('bearer', lang)}: {result.bearer_id} ({t(f'role.{_bearer_role(result, ob.bearer.value, facts)}', lang)})",
        f"{_label('status', lang)}: {t(f'status.{result.status.value}', lang)} [{result.status.value}]"
        f" — {result.message}",
        f"{_label('reason', lang)}: {result.reason.code}"
        + (f" ({_params(result.reason.params)})" if result.reason.params else ""),
    ]
    data: dict[str, Any] = {
        "result": result.to_dict(),
        "obligation": {"id": ob.id, "title": title, "citation": ob.citation.text(lang), "text_vi": list(ob.text_vi),
                       "summary_en": ob.summary_en},
    }
    if result.period:
        lines.append(f"{_label('period', lang)}: {result.period}")
    if trace is not None:
        if trace.trigger_event_id:
            event = facts.events.get(trace.trigger_event_id) if facts else None
            when = event.date.isoformat() if event else ""
            kind = event.kind if event else ""
            lines.append(f"{_label('trigger', lang)}: {trace.trigger_event_id} {kind} {when}".rstrip())
        elif trace.occasion_date:
            lines.append(f"{_label('occasion', lang)}: {trace.occasion} {trace.occasion_date.isoformat()}")
        if trace.deadline_steps:
            arithmetic = " ".join(
                f"{label} {value}" if not label.startswith("anchor") else f"{value} ({label.removeprefix('anchor.')})"
                for label, value in trace.deadline_steps
            )
            lines.append(f"{_label('deadline', lang)}: {arithmetic}")
        for role, orgs, reached in trace.recipients:
            mark = _label("reached" if reached else "missing", lang)
            lines.append(f"{_label('recipient', lang)}: {role} {', '.join(orgs) or '-'} — {mark}")
        if trace.evidence:
            lines.append(f"{_label('evidence', lang)}:")
            for ev in trace.evidence:
                to = f" → {ev.recipient}" if ev.recipient else ""
                counted = "" if ev.counted or ev.effect != "fulfils" else f" ({_label('not_counted', lang)})"
                lines.append(f"  {ev.event_id} {ev.kind} {ev.date.isoformat()} [{ev.effect}{to}]{counted} — {ev.rule}")
        else:
            lines.append(f"{_label('evidence', lang)}: {_label('none', lang)}")
        lines.append(
            f"{_label('decided_by', lang)}: {trace.decided_by}"
            + (f" ({_label('as_of', lang)} {trace.evaluated_as_of.isoformat()})" if trace.evaluated_as_of else "")
        )
        data["trace"] = {
            "occasion": trace.occasion,
            "occasion_date": trace.occasion_date.isoformat() if trace.occasion_date else None,
            "trigger_event_id": trace.trigger_event_id,
            "deadline": [list(step) for step in trace.deadline_steps],
            "recipients": [{"role": r, "orgs": list(o), "reached": ok} for r, o, ok in trace.recipients],
            "evidence": [
                {"event_id": e.event_id, "date": e.date.isoformat(), "kind": e.kind, "effect": e.effect,
                 "rule": e.rule, "recipient": e.recipient, "counted": e.counted}
                for e in trace.evidence
            ],
            "decided_by": trace.decided_by,
            "evaluated_as_of": trace.evaluated_as_of.isoformat() if trace.evaluated_as_of else None,
        }
    if result.derived_from:
        lines.append(f"{_label('derived_from', lang)}: {', '.join(result.derived_from)}")
    return Explanation(result, lang, title, ob.citation.text(lang), ob.text_vi, ob.summary_en, tuple(lines), data)

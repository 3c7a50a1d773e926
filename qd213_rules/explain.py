"""Explain a result in plain words, so that a cell secretary can check it against the records.

An :class:`Explanation` records (OpenFisca's tracer, split into recording and rendering) the
obligation (title, citation, exact Vietnamese text, summary), whom the result is about and who
bears the duty — by name where the facts give one —, the trigger, the deadline arithmetic in
words ("chuyển nơi cư trú ngày 12/04/2025 + 30 ngày (kịp thời, có thể thay đổi:
timely_days.D2.K7b) = hạn 12/05/2025"), the recipients reached and still missing, and each
record that counted or did not (and why). It is kept twice, from one place:

- ``sections``: labelled lines (:class:`Line`), for a renderer that lays them out itself (the
  notebook view, HTML);
- ``str(explanation)``: the same lines as plain text; ``_repr_markdown_`` as Markdown.

Engine identifiers (rule names, occasion keys, reason codes) stay out of the words; they are in
``to_dict()``, the JSON form, with the ids of every fact. :func:`result_message` is a result's
sentence as people read it (names, dates in the language's format); every human-readable
format uses it.

>>> from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
>>> facts = example_ward_facts()
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

import datetime as dt
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .articles import get as get_obligation
from .articles._rule import EACH_ROLES
from .messages import Lang, t
from .words import commune_level, extension_mark, format_date, role_label

if TYPE_CHECKING:
    from .articles import Obligation
    from .evaluation.results import Result, Trace, TraceEvidence
    from .facts.located import DataWarning
    from .facts import FactSet
    from .report import Report

__all__ = ["Explanation", "Line", "explain", "result_message", "warning_message", "period_words", "display_name"]

# placeholders of a reason sentence that hold organisation ids (shown by name)
_ORG_PARAMS = ("missing", "recorded_by", "granted_by")
# placeholders of a data warning that hold member or organisation ids, and dates
_WARNING_ENTITY_PARAMS = ("member_id", "org_id", "cell_id", "commune_id", "to_org_id")
_WARNING_DATE_PARAMS = ("date", "as_of", "ended_on", "observation_from", "working_since")


@dataclass(frozen=True)
class Line:
    """One labelled line of an explanation; ``items`` are its sub-lines (quoted text, records)."""

    label: str
    text: str = ""
    items: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text, "items": list(self.items)}


@dataclass(frozen=True)
class Explanation:
    result: Result
    lang: Lang
    title: str
    citation: str
    text_vi: tuple[str, ...]
    summary_en: str
    sections: tuple[Line, ...]
    data: dict[str, Any]

    @property
    def lines(self) -> tuple[str, ...]:
        """The plain-text lines (``str(explanation)``)."""
        out: list[str] = []
        for line in self.sections:
            if line.label and line.text:
                out.append(f"{line.label}: {line.text}")
            elif line.label:
                out.append(f"{line.label}:" if line.items else line.label)
            else:
                out.append(line.text)
            out.extend(f"  {item}" for item in line.items)
        return tuple(out)

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def _repr_markdown_(self) -> str:
        out: list[str] = []
        for index, line in enumerate(self.sections):
            if index == 0:
                out.append(f"**{_md(line.text)}**")
                continue
            head = f"**{_md(line.label)}:** {_md(line.text)}" if line.label else _md(line.text)
            out.append(f"- {head}")
            out.extend(f"  - {_md(item)}" for item in line.items)
        return "\n".join(out) + "\n"

    def _repr_html_(self) -> str:
        return explanation_html(self)


def explanation_html(explanation: Explanation) -> str:
    """The explanation as an HTML fragment: a heading and a definition list, readable text."""
    first, *rest = explanation.sections
    parts = [f'<div class="qd213-explain"><p><b>{html.escape(first.text)}</b></p><dl>']
    for line in rest:
        parts.append(f"<dt>{html.escape(line.label)}</dt><dd>{html.escape(line.text)}")
        if line.items:
            parts.append("<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in line.items) + "</ul>")
        parts.append("</dd>")
    parts.append("</dl></div>")
    return "".join(parts)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")


# -- names, dates, periods -------------------------------------------------------------------


def display_name(entity_id: str, facts: FactSet | None) -> str:
    """``Name (ID)`` for a member or organisation the facts name, else the id."""
    name = _name(entity_id, facts)
    return f"{name} ({entity_id})" if name else entity_id


def _name(entity_id: str, facts: FactSet | None) -> str | None:
    if facts is None:
        return None
    org = facts.organizations.get(entity_id)
    if org is not None:
        return org.name
    member = facts.members.get(entity_id)
    return member.name if member is not None else None


def _short_name(entity_id: str, facts: FactSet | None) -> str:
    """The name alone when the facts give one (inside a sentence), else the id."""
    return _name(entity_id, facts) or entity_id


def period_words(period: str, lang: Lang) -> str:
    """``2025`` → "năm 2025"; ``2025-H1`` → "6 tháng đầu năm 2025" (the first half of 2025)."""
    year, _, half = period.partition("-")
    if half in ("H1", "H2"):
        return t(f"words.period.{half}", lang, year=year)
    return t("words.period.year", lang, year=year)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _items(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [s.strip() for s in str(value).split(",") if s.strip()]


def _event_ref(event_id: str, facts: FactSet | None, lang: Lang) -> str:
    """An event as a sentence cites it: a meeting also names the organisation that held it
    (so that every absence names its meeting the same way: date and organisation)."""
    event = facts.events.get(event_id) if facts is not None else None
    if event is not None and event.kind == "meeting_held":
        return f"{event_id}, {_short_name(str(getattr(event, 'org_id')), facts)}"
    return event_id


def result_message(result: Result, lang: Lang, facts: FactSet | None = None) -> str:
    """The result's sentence for people: organisations by name where the facts give one, dates
    as dd/mm/yyyy (Vietnamese) or ISO (English), periods in words. Without the reason's
    catalogue entry (a report read back from elsewhere) the stored message is returned."""
    code = result.reason.code
    try:
        t(f"reason.{code}", lang)
    except KeyError:
        return result.message
    params: dict[str, str] = {
        k: "" for k in ("due_date", "fulfilled_on", "missing", "evidence", "policy", "overridden_status", "period",
                        "recorded_by", "recorded_on", "granted_by", "granted_on", "waiver_reason", "sources")
    }  # fmt: skip
    for key, value in result.reason.params.items():
        if key in _ORG_PARAMS:
            params[key] = ", ".join(_short_name(o, facts) for o in _items(value))
        elif key == "evidence":
            params[key] = ", ".join(_event_ref(e, facts, lang) for e in _items(value))
        elif key == "sources":  # the duties a derived result restates, by title
            params[key] = ", ".join(_duty_words(o, lang) for o in _items(value))
        elif key == "overridden_status":
            status = str(value)
            params[key] = t(f"status.{status}", lang) if f"status.{status}" in _catalogue() else status
        elif (day := _as_date(value)) is not None and key != "policy":
            params[key] = format_date(day, lang)
        elif isinstance(value, (list, tuple)):
            params[key] = ", ".join(str(v) for v in value)
        else:
            params[key] = str(value)
    if result.due_date is not None:
        params["due_date"] = format_date(result.due_date, lang)
    if result.fulfilled_on is not None:
        params["fulfilled_on"] = format_date(result.fulfilled_on, lang)
    if result.period:
        # the sentences say "năm {period}" / "in {period}" for a year themselves
        params["period"] = period_words(result.period, lang) if "-" in result.period else result.period
    return t(f"reason.{code}", lang, **params)


def warning_message(warning: DataWarning, lang: Lang, facts: FactSet | None = None) -> str:
    """A data warning's sentence for people: a member by name with the id (names repeat), an
    organisation by name where the facts give one, dates as dd/mm/yyyy (Vietnamese) or ISO
    (English). The report's JSON keeps :meth:`DataWarning.message`, with the ids.

    >>> from qd213_rules.examples import example_ward_facts
    >>> facts = example_ward_facts()
    >>> [w] = [w for w in facts.warnings if w.code == "member_not_invited"]
    >>> warning_message(w, "en", facts).split(",")[0]
    'The invitation list of periodic meeting E-0494 of Chi bộ thôn Phú Hòa leaves out member Lâm Văn Phúc (DV-027)'
    """
    params: dict[str, Any] = dict(warning.params)
    for key in _WARNING_ENTITY_PARAMS:
        if key in params:
            entity = str(params[key])
            name = _name(entity, facts)
            if name is None:
                params[key] = entity
            else:
                params[key] = f"{name} ({entity})" if facts is not None and entity in facts.members else name
    for key in _WARNING_DATE_PARAMS:
        if key in params and (day := _as_date(params[key])) is not None:
            params[key] = format_date(day, lang)
    return t(f"warnings.{warning.code}", lang, fact_id=warning.fact_id or "", **params)


def _duty_words(obligation_id: str, lang: Lang) -> str:
    """"Gửi giấy giới thiệu … (D3.K1b)": a duty by its title, with its id."""
    key = f"obligation.{obligation_id}.title"
    return f"{t(key, lang)} ({obligation_id})" if key in _catalogue() else obligation_id


def _catalogue() -> Mapping[str, tuple[str, str]]:
    from .messages import catalogue

    return catalogue()


# -- the explanation -------------------------------------------------------------------------


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
    citation = ob.citation.text(lang)
    trace = report.trace_of(result)
    facts = report.context.facts if report.context is not None else None
    on = result.due_date or report.as_of
    heading = f"{title} ({ob.id})" + (f" — {extension_mark(lang)}" if result.extension else "")
    summary = ob.summary_en if lang == "en" else t(f"obligation.{ob.id}.summary", lang)
    sections: list[Line] = [
        Line("", heading),
        Line(_label("citation", lang), citation, (*(f"«{fragment}»" for fragment in ob.text_vi), f"({summary})")),
    ]
    subject_label = _label("subject_member" if result.subject_type == "member" else "subject_org", lang)
    sections.append(Line(subject_label, display_name(result.subject_id, facts)))
    if result.bearer_id != result.subject_id or result.subject_type != "member":
        sections.append(Line(_label("bearer", lang), f"{display_name(result.bearer_id, facts)} — "
                                                     f"{_bearer_role(result, ob.bearer.value, facts, lang, on)}"))
    sections.append(Line(_label("status", lang),
                         f"{t(f'status.{result.status.value}', lang)} — {result_message(result, lang, facts)}"))
    if result.extension:
        sections.append(Line(_label("extension", lang), t("explain.extension_text", lang)))
    if result.period:
        sections.append(Line(_label("period", lang), period_words(result.period, lang)))
    data: dict[str, Any] = {
        "result": result.to_dict(),
        "obligation": {"id": ob.id, "title": title, "citation": citation, "text_vi": list(ob.text_vi),
                       "summary_en": ob.summary_en},
    }
    if trace is not None:
        sections.extend(_trace_lines(result, trace, facts, lang))
        data["trace"] = _trace_data(trace)
    if result.derived_from:
        sections.append(Line(_label("derived_from", lang), "", tuple(_derived(report, result, lang))))
    data["text"] = [line.to_dict() for line in sections]
    return Explanation(result, lang, title, citation, ob.text_vi, ob.summary_en, tuple(sections), data)


def _bearer_role(result: Result, role: str, facts: FactSet | None, lang: Lang, on: dt.date) -> str:
    """The role label of the result's bearer: the kind of the organisation that bears it (a
    derived D1.K2b result is borne by a commune, not by a workplace committee), ``member`` for
    a member, else the obligation's declared bearer."""
    if facts is not None:
        org = facts.organizations.get(result.bearer_id)
        if org is not None:
            return role_label(org.kind.value, lang, on)
        if result.bearer_id in facts.members:
            return role_label("member", lang, on)
    return role_label(role, lang, on)


def _event_words(event_id: str, facts: FactSet | None, lang: Lang, kind: str | None = None,
                 day: dt.date | None = None) -> str:
    """"chuyển nơi cư trú ngày 12/04/2025 (E-0354)": what happened, when, its id."""
    event = facts.events.get(event_id) if facts is not None else None
    kind = kind or (event.kind if event is not None else None)
    day = day or (event.date if event is not None else None)
    what = t(f"event.{kind}", lang) if kind and f"event.{kind}" in _catalogue() else _label("record", lang)
    if event is not None and event.kind == "meeting_held":
        what += " " + t("explain.of_org", lang, org=_short_name(str(getattr(event, "org_id")), facts))
    when = t("words.deadline.event", lang, event=what, date=format_date(day, lang)) if day else what
    return f"{when} ({event_id})"


def _trace_lines(result: Result, trace: Trace, facts: FactSet | None, lang: Lang) -> list[Line]:
    lines: list[Line] = []
    trigger = trace.trigger_event_id
    if trigger:
        lines.append(Line(_label("trigger", lang), _event_words(trigger, facts, lang)))
    if trace.deadline_steps:
        lines.append(Line(_label("deadline", lang), _deadline_words(result, trace, facts, lang)))
    reached_on = _reached_dates(trace)
    for role, orgs, reached in trace.recipients:
        who = _recipient_words(role, orgs, facts, lang, trace.occasion_date)
        if reached:
            day = reached_on.get(role)
            when = f", {t('explain.on_date', lang, date=format_date(day, lang))}" if day else ""
            lines.append(Line(_label("reached", lang), who + when))
        else:
            lines.append(Line(_label("missing", lang), who))
    if trace.evidence:
        lines.append(Line(_label("evidence", lang), "", tuple(_evidence_words(result, e, facts, lang) for e in trace.evidence)))
    elif result.status.value not in ("not_applicable", "waived"):
        lines.append(Line(_label("evidence", lang), _label("none", lang)))
    if trace.evaluated_as_of:
        lines.append(Line(_label("as_of", lang), format_date(trace.evaluated_as_of, lang)))
    return lines


def _reached_dates(trace: Trace) -> dict[str, dt.date]:
    """The date each recipient role was first reached by a record that counts."""
    out: dict[str, dt.date] = {}
    for ev in trace.evidence:
        if ev.recipient and ev.effect == "fulfils" and ev.counted:
            out.setdefault(ev.recipient, ev.date)
    return out


def _recipient_words(role: str, orgs: Iterable[str], facts: FactSet | None, lang: Lang, on: dt.date | None) -> str:
    """"Chi bộ khu phố 2 (nơi cư trú cũ)"; "một trong: A, B" when any one of them suffices."""
    names = [_short_name(o, facts) for o in orgs]
    key = f"recipient.{role}"
    role_words = (t(key, lang, level=commune_level(lang, on)) if "{level}" in _catalogue().get(key, ("", ""))[0]
                  else t(key, lang)) if key in _catalogue() else ""
    if not names:
        return role_words or "-"
    if len(names) > 1 and role not in EACH_ROLES:
        listed = t("words.either_of", lang, items=f" {t('words.or', lang)} ".join(names) if lang == "en"
                   else ", ".join(names))
    else:
        listed = ", ".join(names)
    return f"{listed} ({role_words})" if role_words else listed


def _evidence_words(result: Result, ev: TraceEvidence, facts: FactSet | None, lang: Lang) -> str:
    event = facts.events.get(ev.event_id) if facts is not None else None
    what = t(f"event.{ev.kind}", lang) if f"event.{ev.kind}" in _catalogue() else _label("record", lang)
    to = getattr(event, "to_org_id", None) if event is not None else None
    if to:
        what += " " + t("words.evidence.to", lang, org=_short_name(str(to), facts))
    elif event is not None and event.kind == "meeting_held":
        what += " " + t("explain.of_org", lang, org=_short_name(str(getattr(event, "org_id")), facts))
    elif ev.kind == "conduct_breach_recorded" and event is not None:
        what += " " + t("explain.by_org", lang, org=_short_name(str(getattr(event, "recorded_by_org_id")), facts))
    after_due = result.due_date is not None and ev.date > result.due_date
    if ev.effect == "fulfils":
        if not after_due:
            effect = t("words.evidence.counted" if ev.counted else "words.evidence.not_counted", lang)
        elif result.status.value == "fulfilled_late" and ev.counted:
            effect = t("words.evidence.counted_late", lang)
        elif result.kind == "gate" or result.status.value in ("violated", "fulfilled"):
            # a gate closes at its occasion: what comes after it does not count
            effect = t("words.evidence.after_gate", lang)
        else:
            effect = t("words.evidence.after_due_incomplete", lang)
    elif f"words.evidence.{ev.effect}" in _catalogue():
        effect = t(f"words.evidence.{ev.effect}", lang)
    else:
        effect = ""
    return f"{format_date(ev.date, lang)} — {what} ({ev.event_id})" + (f": {effect}" if effect else "")


def _deadline_words(result: Result, trace: Trace, facts: FactSet | None, lang: Lang) -> str:
    """The arithmetic of ``trace.deadline_steps`` in words (each policy parameter named)."""
    parts: list[str] = []
    steps = list(trace.deadline_steps)
    index = 0
    while index < len(steps):
        label, value = steps[index]
        index += 1
        repeat = 1
        while index < len(steps) and steps[index] == (label, value) and label[:2] in ("+ ", "- "):
            repeat, index = repeat + 1, index + 1
        if repeat > 1:
            value = f"{repeat} × {value}"
        if label.startswith("anchor."):
            parts.append(_anchor_words(label.removeprefix("anchor."), value, trace, facts, lang))
        elif label.startswith(("+ ", "- ")):
            param = label[2:]
            short_key = f"policy.{param.split('.', 1)[0]}.short"
            short = t(short_key, lang) if short_key in _catalogue() else param
            parts.append(t("words.deadline.days", lang, sign="+" if label[0] == "+" else "−", days=value, short=short,
                           param=param))
        elif label == "= due_date":
            day = _as_date(value)
            parts.append(t("words.deadline.due", lang, date=format_date(day, lang) if day else value))
    return " ".join(parts)


def _anchor_words(anchor: str, value: str, trace: Trace, facts: FactSet | None, lang: Lang) -> str:
    day = _as_date(value)
    date = format_date(day, lang) if day else value
    if anchor in ("trigger", "occasion") and trace.trigger_event_id:
        return _event_words(trace.trigger_event_id, facts, lang).rsplit(" (", 1)[0]
    if anchor == "start":
        return t("words.deadline.start", lang, date=date)
    if anchor.startswith("workplace_learned.report:"):  # semantics R4: the member's report
        return t("words.deadline.workplace_learned.report", lang, date=date,
                 evidence=anchor.removeprefix("workplace_learned.report:"))
    if anchor == "workplace_learned.member_due_date":  # semantics R4: never reported
        return t("words.deadline.workplace_learned.member_due_date", lang, date=date)
    if anchor == "period_end":
        return t("words.deadline.period_end", lang, period=_label("period_lower", lang), date=date)
    if anchor == "decision_date":
        return t("words.deadline.decision", lang, date=date)
    if anchor.startswith("review."):
        key = f"words.deadline.{anchor}"
        return t(key, lang, date=date) if key in _catalogue() else date
    if anchor.startswith("month_day:"):
        param = anchor.removeprefix("month_day:").split("=", 1)[0]
        return t("words.deadline.month_day", lang, date=date, param=param)
    return date


def _derived(report: Report, result: Result, lang: Lang) -> list[str]:
    out = []
    for source_id in result.derived_from:
        try:
            source = report[source_id]
        except KeyError:
            out.append(source_id)
            continue
        key = f", {period_words(source.period, lang)}" if source.period else ""
        out.append(f"{t(f'obligation.{source.obligation_id}.title', lang)} ({source.obligation_id}{key}): "
                   f"{t(f'status.{source.status.value}', lang)}")
    return out


def _trace_data(trace: Trace) -> dict[str, Any]:
    return {
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

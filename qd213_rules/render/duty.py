"""One duty on its own (``qd213 obligations D2.K7b``): what it requires of whom, by when, which
policy parameters set its deadline or its violation, and the cases in which it is reported
violated.

The fields are those of the catalogue (:mod:`qd213_rules.render.obligations`); this adds the
policy parameters with their default values and labels, and the violation grounds in words.

>>> render_duty(obligation("D2.K7b"), "text", "en").startswith("D2.K7b  ")
True
>>> [p["name"] for p in policy_parameters(obligation("D2.K7b"))]
['timely_days.D2.K7b', 'violation_after_days']
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from ..articles import Obligation, obligation
from ..messages import Lang, t
from .obligations import _entry, _fields, deadline_params

__all__ = ["render_duty", "policy_parameters"]

_WIDTH = 100


def policy_parameters(duty: Obligation) -> list[dict[str, Any]]:
    """The policy parameters that decide this duty's deadline or its violation, with their
    default values: ``[{"name": "timely_days.D2.K7b", "parameter": "timely_days", "default": 30}]``."""
    from ..policy import Policy

    defaults = Policy().effective()
    found: list[dict[str, Any]] = []
    for param in deadline_params(duty):
        value = defaults.get(param)
        if isinstance(value, dict):  # per-duty days
            found.append({"name": f"{param}.{duty.id}", "parameter": param, "default": value.get(duty.id)})
        else:
            found.append({"name": param, "parameter": param, "default": value})
    if "overdue_beyond_limit" in duty.violation_grounds:
        found.append({"name": "violation_after_days", "parameter": "violation_after_days",
                      "default": defaults["violation_after_days"]})
    if "decided_without_consultation" in duty.violation_grounds:
        found.append({"name": "consultation_max_age_days", "parameter": "consultation_max_age_days",
                      "default": defaults["consultation_max_age_days"]})
    return found


def render_duty(duty: Obligation, fmt: str, lang: Lang) -> str:
    """``duty`` as ``text``, ``json`` (the catalogue entry plus ``policy_parameters`` and
    ``cases``) or ``markdown``."""
    params = policy_parameters(duty)
    cases = [{"reason": code, "label": t(f"reason.{code}.label", lang)} for code in duty.violation_grounds]
    if fmt == "json":
        entry = _entry(duty, lang)
        entry["policy_parameters"] = [{**p, "label": t("policy." + p["parameter"] + ".label", lang)} for p in params]
        entry["cases"] = cases
        return json.dumps(entry, ensure_ascii=False, indent=2) + "\n"
    code = "`" if fmt == "markdown" else ""
    rows = _fields(duty, lang, code)
    labels = [t("policy." + p["parameter"] + ".label", lang) for p in params]
    rows.append((t("cli.duty.policy", lang), "; ".join(
        f"{code}{p['name']}{code} = {_value(p['default'], lang)} — {label}"
        for p, label in zip(params, labels)) or t("obligations.label.none", lang)))
    rows.append((t("cli.duty.cases", lang), "; ".join(
        f"{c['label']} ({code}{c['reason']}{code})" for c in cases) or t("cli.duty.no_cases", lang)))
    title = f"{duty.id}  {t(f'obligation.{duty.id}.title', lang)}"
    if fmt == "markdown":
        return "\n".join([f"## {duty.id} — {t(f'obligation.{duty.id}.title', lang)}", "",
                          *(f"- **{label}:** {value}" for label, value in rows)]) + "\n"
    width = max(len(label) for label, _ in rows) + 2
    out = [title]
    for label, value in rows:
        head = f"  {label + ':':<{width}}"
        out.append(textwrap.fill(value, width=_WIDTH, initial_indent=head, subsequent_indent=" " * len(head),
                                 break_long_words=False, break_on_hyphens=False))
    return "\n".join(out) + "\n"


def _value(value: Any, lang: Lang) -> str:
    return t("cli.duty.off", lang) if value is None else str(value)

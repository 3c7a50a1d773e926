"""How the results depend on one interpretation parameter: :func:`sensitivity`.

The regulation leaves numbers open ("kịp thời" has no number of days); each is a
:class:`~qd213_rules.policy.Policy` parameter. :func:`sensitivity` evaluates the same facts on
the same date once per value of one parameter — any number (``timely_days.D2.K7b``, or
``timely_days`` for every prompt duty at once, ``violation_after_days``, …), a switch
(``hd33_retroactive``, over ``true``/``false`` by default) or a month-day — and counts the
results by status for each value, with how many differ from the baseline (the policy as given).

Only what the parameter can change is evaluated again where the product knows it: a
``timely_days`` value only moves the due date of the duties it names, so only the subjects
having a result of those duties (or of a duty derived from them) are evaluated again, and the
other results are reused from the baseline. Every other parameter can change which occasions
exist (``min_notice_days``, ``reintroduce_*``), the review date (``annual_review_fallback``)
or every member's category (``hd33_retroactive``), so each value is a full evaluation. Either
way the results are exactly those of a full evaluation with that value (``method="full"``
forces full evaluations; the tests compare both on the example ward).

>>> from qd213_rules import load_facts
>>> from qd213_rules.examples import example_ward_path
>>> facts = load_facts(example_ward_path().read_bytes(), name="example_ward.json")
>>> table = sensitivity(facts, "timely_days.D2.K7b", [7, 15, 30], as_of="2025-12-10", obligations=["D2.K7b"])
>>> [(row.value, row.counts["overdue"], row.counts["due"], row.changed) for row in table.rows]
[(7, 2, 0, 1), (15, 2, 0, 1), (30, 1, 1, 0)]
>>> sensitivity(facts, "timely_day.D2.K7b", [7], as_of="2025-12-10")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
qd213_rules.errors.UsageError: --param: [unknown_parameter] ..."timely_day.D2.K7b"...: timely_days.D2.K7b | ...
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import ErrorCode, Problem, UsageError
from .evaluation.results import STATUS_ORDER, Result
from .messages import Lang, default_lang, t
from .policy import POLICY_FIELDS, TIMELY_DUTIES, Policy, load_policy

if TYPE_CHECKING:
    from .engine import Backend
    from .facts import FactSet

__all__ = ["Parameter", "Sensitivity", "SensitivityRow", "parameter", "parse_values", "sensitivity", "STATUSES"]

STATUSES: tuple[str, ...] = tuple(s.value for s in reversed(STATUS_ORDER))
"""The statuses counted in each row, worst first (as in a report's summary)."""

Value = int | bool | str | None
"""A parameter value: a number of days, a switch, a month-day ``"MM-DD"``, or ``None`` (off)."""


@dataclass(frozen=True)
class Parameter:
    """One policy parameter, as named on the command line: ``timely_days.D2.K7b``,
    ``timely_days`` (every prompt duty at once) or a field name."""

    name: str
    field: str
    duties: tuple[str, ...] = ()
    """For ``timely_days``: the duties whose days it sets."""

    def value_in(self, policy: Policy) -> Value:
        """The parameter's value in ``policy`` (for ``timely_days`` of several duties: the value
        they share, else ``None``)."""
        if self.field == "timely_days":
            found = {policy.timely(duty) for duty in self.duties}
            return found.pop() if len(found) == 1 else None
        value = policy.effective()[self.field]
        return value if value is None or isinstance(value, (bool, int, str)) else str(value)

    def with_value(self, policy: Policy, value: Value) -> Policy:
        """``policy`` with this parameter set to ``value``; :class:`PolicyError` (naming the
        JSON path and the value) when the parameter does not take it."""
        data = policy.effective()
        if self.field == "timely_days":
            data["timely_days"] = {**data["timely_days"], **dict.fromkeys(self.duties, value)}
        else:
            data[self.field] = value
        return load_policy(data)

    @property
    def is_switch(self) -> bool:
        return Policy.model_fields[self.field].annotation is bool

    @property
    def duty_scoped(self) -> bool:
        """Whether a value only moves due dates of :attr:`duties` (``timely_days``)."""
        return self.field == "timely_days"

    def label(self, lang: Lang | None = None) -> str:
        """The parameter in words, e.g. the policy label and the duty's title."""
        text = t(f"policy.{self.field}.label", lang)
        if self.field == "timely_days" and len(self.duties) == 1:
            return f"{text}: {t(f'obligation.{self.duties[0]}.title', lang)}"
        return text


def _names() -> list[str]:
    return [*POLICY_FIELDS, *(f"timely_days.{duty}" for duty in TIMELY_DUTIES)]


def parameter(name: str) -> Parameter:
    """The :class:`Parameter` named ``name``; :class:`UsageError` (``unknown_parameter``, with
    the closest names) otherwise."""
    if name == "timely_days":
        return Parameter(name, "timely_days", TIMELY_DUTIES)
    head, dot, duty = name.partition(".")
    if head == "timely_days" and dot and duty in TIMELY_DUTIES:
        return Parameter(name, "timely_days", (duty,))
    if name in POLICY_FIELDS:
        return Parameter(name, name)
    close = difflib.get_close_matches(name, _names(), n=3, cutoff=0.6)
    expected = " | ".join(close) if close else " | ".join([*POLICY_FIELDS, "timely_days.<D…>"])
    raise UsageError([Problem(ErrorCode.UNKNOWN_PARAMETER, json_path="--param", found=name, expected=expected)])


def parse_values(text: str) -> list[Value]:
    """``"7,15,30"`` → ``[7, 15, 30]``; ``true``/``false``; ``null``/``off`` → ``None``; anything
    else (``"12-20"``) is kept as text for the policy to check.

    >>> parse_values("7, 15,true,off,12-20")
    [7, 15, True, None, '12-20']
    """
    out: list[Value] = []
    for part in text.split(","):
        token = part.strip()
        lowered = token.lower()
        if lowered in ("true", "false"):
            out.append(lowered == "true")
        elif lowered in ("null", "off", "none"):
            out.append(None)
        else:
            try:
                out.append(int(token))
            except ValueError:
                out.append(token)
    return out


@dataclass(frozen=True)
class SensitivityRow:
    """The results for one value of the parameter."""

    value: Value
    counts: Mapping[str, int]
    """Results per status (every status, worst first), among the selected obligations."""
    changed: int
    """Selected results whose status differs from the baseline's (or that only one has)."""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "counts": dict(self.counts), "changed": self.changed}


@dataclass(frozen=True)
class Sensitivity:
    """Results by status for each value of one parameter (see :func:`sensitivity`)."""

    parameter: Parameter
    as_of: dt.date
    baseline_value: Value
    obligations: tuple[str, ...] | None
    rows: tuple[SensitivityRow, ...]
    results: tuple[tuple[Result, ...], ...] = field(repr=False, compare=False)
    """Every result for each value (all obligations, in report order), as a full evaluation
    with that value would give."""
    methods: tuple[str, ...] = field(repr=False, compare=False, default=())
    """How each value was evaluated: ``baseline``, ``partial`` or ``full``."""

    @property
    def values(self) -> list[Value]:
        return [row.value for row in self.rows]

    def statuses(self) -> list[str]:
        """The statuses some value has a result in, worst first."""
        return [s for s in STATUSES if any(row.counts[s] for row in self.rows)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter.name,
            "as_of": self.as_of.isoformat(),
            "baseline_value": self.baseline_value,
            "obligations": list(self.obligations) if self.obligations is not None else None,
            "rows": [row.to_dict() for row in self.rows],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per value: ``value``, one column per status, ``changed``."""
        return [{"value": row.value, **row.counts, "changed": row.changed} for row in self.rows]

    def to_dataframe(self) -> Any:
        """The table as a pandas DataFrame indexed by value (``pip install 'qd213-rules[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'qd213-rules[pandas]'") from exc
        frame = pd.DataFrame.from_records(self.to_records(), columns=["value", *STATUSES, "changed"])
        return frame.set_index("value")

    def plot(self, path: str | None = None, *, lang: Lang | None = None, ax: Any = None) -> Any:
        """A line chart of the results per status against the value (matplotlib, from the
        ``notebook`` extra); written to ``path`` (``.svg`` or ``.png``) when given. Returns the
        matplotlib Axes."""
        from .render.sensitivity import plot_sensitivity

        return plot_sensitivity(self, lang or default_lang(), path=path, ax=ax)


def sensitivity(
    facts: FactSet,
    parameter_name: str | Parameter,
    values: Iterable[Value] | str | None = None,
    *,
    as_of: dt.date | str | None = None,
    policy: Policy | None = None,
    obligations: Iterable[str] | None = None,
    lang: Lang | None = None,
    backend: Backend = "durable",
    method: str = "auto",
) -> Sensitivity:
    """Results by status for each value of ``parameter_name`` (see the module documentation).

    ``values`` is a sequence or a comma-separated text (:func:`parse_values`); for a switch it
    defaults to ``true, false``. ``policy`` (default: the defaults) is the baseline, and the
    other parameters keep its values; ``obligations`` restricts the counts (not the evaluation)
    to those duties. ``method``: ``auto`` evaluates again only what the parameter can change,
    ``full`` evaluates everything for every value; both give the same results.
    """
    from .engine import evaluate

    param = parameter_name if isinstance(parameter_name, Parameter) else parameter(parameter_name)
    if method not in ("auto", "full"):
        raise UsageError([Problem(ErrorCode.USAGE, json_path="method", found=method, expected="auto | full")])
    if isinstance(values, str):
        values = parse_values(values)
    chosen: list[Value] = list(values) if values is not None else ([True, False] if param.is_switch else [])
    if not chosen:
        raise UsageError([Problem(ErrorCode.USAGE, json_path="--values", found=None, expected="7,15,30")])
    base_policy = policy or Policy()
    policies = [param.with_value(base_policy, value) for value in chosen]  # every value checked first
    if isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    lang = lang or default_lang()
    baseline = evaluate(facts, as_of, base_policy, lang=lang, backend=backend)
    wanted = set(obligations) if obligations is not None else None
    if wanted is not None:
        from .articles import OBLIGATIONS

        unknown = sorted(wanted - {ob.id for ob in OBLIGATIONS})
        if unknown:
            raise UsageError([Problem(ErrorCode.UNKNOWN_OBLIGATION, json_path="--obligation", found=unknown[0])])
    scope = _subjects_to_redo(param, baseline.results) if method == "auto" and param.duty_scoped else None
    base_status = {r.result_id: r.status for r in baseline.results if wanted is None or r.obligation_id in wanted}
    rows: list[SensitivityRow] = []
    every: list[tuple[Result, ...]] = []
    methods: list[str] = []
    for value, value_policy in zip(chosen, policies, strict=True):
        if value_policy == base_policy:
            results, how = baseline.results, "baseline"
        elif scope is not None:
            results, how = _partial(facts, baseline.as_of, value_policy, baseline.results, scope, lang, backend), "partial"
        else:
            results, how = evaluate(facts, baseline.as_of, value_policy, lang=lang, backend=backend).results, "full"
        selected = [r for r in results if wanted is None or r.obligation_id in wanted]
        counts = dict.fromkeys(STATUSES, 0)
        for r in selected:
            counts[r.status.value] += 1
        seen = {r.result_id: r.status for r in selected}
        changed = sum(1 for rid, status in seen.items() if base_status.get(rid) is not status)
        changed += sum(1 for rid in base_status if rid not in seen)
        rows.append(SensitivityRow(value, counts, changed))
        every.append(tuple(results))
        methods.append(how)
    return Sensitivity(param, baseline.as_of, param.value_in(base_policy),
                       tuple(sorted(wanted)) if wanted is not None else None, tuple(rows), tuple(every),
                       tuple(methods))  # fmt: skip


def _reading(param: Parameter) -> set[str]:
    """The duties a ``timely_days`` value can change: those it names, and every duty derived
    from them (their status summarises the named ones)."""
    from .articles import OBLIGATIONS

    reached = set(param.duties)
    grew = True
    while grew:
        grew = False
        for ob in OBLIGATIONS:
            if ob.id not in reached and ob.rule is not None and reached & set(ob.rule.derived_from):
                reached.add(ob.id)
                grew = True
    return reached


def _subjects_to_redo(param: Parameter, results: Sequence[Result]) -> frozenset[str]:
    """The subjects having a result of a duty the parameter can change.

    A ``timely_days`` value enters only the deadline arithmetic of the duties it names: it
    creates no occasion and removes none, so the same results exist with other statuses and due
    dates, all of them about these subjects (derived duties summarise the same subject's)."""
    duties = _reading(param)
    return frozenset(r.subject_id for r in results if r.obligation_id in duties)


def _partial(
    facts: FactSet,
    as_of: dt.date,
    policy: Policy,
    base: Sequence[Result],
    subjects: frozenset[str],
    lang: Lang,
    backend: Backend,
) -> tuple[Result, ...]:
    """The baseline's results with those of ``subjects`` replaced by a new evaluation of only
    those subjects under ``policy``, in report order (which sorts by subject first)."""
    from .engine import evaluate

    if not subjects:
        return tuple(base)
    again = evaluate(facts, as_of, policy, sorted(subjects), lang=lang, backend=backend).results
    redone: dict[str, list[Result]] = {}
    for r in again:
        if r.subject_id in subjects:
            redone.setdefault(r.subject_id, []).append(r)
    out: list[Result] = []
    for r in base:
        if r.subject_id in subjects:
            out.extend(redone.pop(r.subject_id, ()))
        else:
            out.append(r)
    if redone:  # results of a subject the baseline had none of: where they go is the engine's call
        return evaluate(facts, as_of, policy, lang=lang, backend=backend).results
    return tuple(out)


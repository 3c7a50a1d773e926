"""The compliance report (DESIGN.md §4): results, summary, unused facts, data warnings.

A :class:`Report` is immutable. Query it (``for_member``, ``for_org``, ``filter``), explain a
result (``explain``), or export it (``to_json`` — byte-identical for the same input whatever
the fact order — ``to_records``, ``to_dataframe`` with pandas, and ``_repr_html_`` in a
notebook).
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import html
import json
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .articles import CATALOGUE_VERSION
from .articles._model import REGULATION_ID, REGULATION_SIGNED
from .evaluation.results import STATUS_ORDER, Result, Status, Trace
from .facts import DataWarning, FactSet
from .messages import Lang, t
from .overlays import hd33

if TYPE_CHECKING:
    from .evaluation.context import Context
    from .explain import Explanation

__all__ = ["Report", "UnusedFact", "REPORT_SCHEMA_VERSION"]

REPORT_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class UnusedFact:
    """An input event no result cites, and why."""

    id: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "reason": self.reason}


def _warning_key(warning: DataWarning) -> tuple[str, str, str]:
    return (warning.fact_id or "", warning.code, json.dumps(dict(warning.params), sort_keys=True))


_SORTED_WARNINGS: weakref.WeakKeyDictionary[FactSet, list[DataWarning]] = weakref.WeakKeyDictionary()


def _sorted_warnings(facts: FactSet) -> list[DataWarning]:
    """The fact set's data warnings in report order, sorted once per fact set (a one-member
    evaluation of a province should not sort the province's warnings)."""
    found = _SORTED_WARNINGS.get(facts)
    if found is None:
        found = _SORTED_WARNINGS[facts] = sorted(facts.warnings, key=_warning_key)
    return found


class Report:
    """The results of one evaluation and everything needed to check them."""

    def __init__(
        self,
        *,
        results: Sequence[Result],
        as_of: dt.date,
        observation_from: dt.date,
        observation_defaulted: bool,
        input_sha256: str,
        policy: dict[str, Any],
        unused_facts: Sequence[UnusedFact],
        data_warnings: Sequence[DataWarning],
        lang: Lang,
        backend: str,
        context: Context | None = None,
    ) -> None:
        self.results: tuple[Result, ...] = tuple(results)
        self.as_of = as_of
        self.observation_from = observation_from
        self.observation_defaulted = observation_defaulted
        self.input_sha256 = input_sha256
        self.policy = policy
        self.unused_facts: tuple[UnusedFact, ...] = tuple(unused_facts)
        self.data_warnings: tuple[DataWarning, ...] = tuple(data_warnings)
        self.lang: Lang = lang
        self.backend = backend
        self._context = context
        self._traces: dict[str, dict[str, Trace | None]] = {}

    @classmethod
    def build(
        cls,
        *,
        ctx: Context,
        results: Sequence[Result],
        unused: Sequence[UnusedFact],
        extra_warnings: Iterable[DataWarning],
        lang: Lang,
        backend: str,
    ) -> Report:
        facts = ctx.facts
        warnings = list(heapq.merge(_sorted_warnings(facts), sorted(extra_warnings, key=_warning_key), key=_warning_key))
        return cls(
            results=results,
            as_of=ctx.as_of,
            observation_from=facts.observation_from,
            observation_defaulted=facts.observation_defaulted,
            input_sha256=facts.digest(),
            policy=ctx.policy.effective(),
            unused_facts=unused,
            data_warnings=warnings,
            lang=lang,
            backend=backend,
            context=ctx,
        )

    # -- queries ---------------------------------------------------------------------------

    @functools.cached_property
    def _index(self) -> dict[str, Result]:
        """Results by id, built on first lookup (a province's report is mostly rendered, not searched)."""
        return {r.result_id: r for r in self.results}

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Any:
        return iter(self.results)

    def __getitem__(self, result_id: str) -> Result:
        return self._index[result_id]

    def for_member(self, member_id: str) -> list[Result]:
        """Results about the member (as subject)."""
        return [r for r in self.results if r.subject_type == "member" and r.subject_id == member_id]

    def for_org(self, org_id: str) -> list[Result]:
        """Results the organisation bears, or that are about it."""
        return [r for r in self.results if r.bearer_id == org_id or r.subject_id == org_id]

    def filter(
        self,
        *,
        status: str | Status | Iterable[str | Status] | None = None,
        obligation: str | Iterable[str] | None = None,
        bearer: str | Iterable[str] | None = None,
        subject: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
    ) -> list[Result]:
        """Results matching every criterion given (each a value or a collection of values)."""

        def _set(value: Any) -> set[str] | None:
            if value is None:
                return None
            if isinstance(value, str):
                return {value}
            return {str(v) for v in value}

        statuses, obligations, bearers, subjects, kinds = map(_set, (status, obligation, bearer, subject, kind))
        return [
            r
            for r in self.results
            if (statuses is None or r.status.value in statuses)
            and (obligations is None or r.obligation_id in obligations)
            and (bearers is None or r.bearer_id in bearers)
            and (subjects is None or r.subject_id in subjects)
            and (kinds is None or r.kind in kinds)
        ]

    @property
    def summary(self) -> dict[str, int]:
        """Count of results per status, every status listed (DESIGN.md §4)."""
        counts = Counter(r.status for r in self.results)
        return {s.value: counts.get(s, 0) for s in reversed(STATUS_ORDER)}

    def worst_severity(self) -> str:
        from .evaluation.results import SEVERITY_RANK

        return max((r.severity for r in self.results), key=SEVERITY_RANK.__getitem__, default="none")

    def explain(self, result: Result | str, lang: Lang | None = None) -> Explanation:
        """Why ``result`` has its status: trigger, evidence, deadline arithmetic, rule, text."""
        from .explain import explain

        if isinstance(result, str):
            result = self._index[result]
        return explain(self, result, lang or self.lang)

    def trace_of(self, result: Result | str) -> Trace | None:
        """The trace of ``result``: recorded (``evaluate(trace=True)``), else rebuilt by evaluating
        its subject again with tracing on (same facts, date, policy and backend); ``None`` for a
        report without its fact set (e.g. read back from JSON)."""
        if isinstance(result, str):
            result = self._index[result]
        if result.trace is not None or self._context is None:
            return result.trace
        traces = self._traces.get(result.subject_id)
        if traces is None:
            from .engine import _evaluate_context

            again = _evaluate_context(self._context, [result.subject_id], lang=self.lang, backend=self.backend,  # type: ignore[arg-type]
                                      trace=True)  # fmt: skip
            traces = self._traces[result.subject_id] = {r.result_id: r.trace for r in again.results}
        return traces.get(result.result_id)

    # -- export ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": REPORT_SCHEMA_VERSION,
            "regulation": {"id": REGULATION_ID, "signed": REGULATION_SIGNED.isoformat()},
            "catalogue_version": CATALOGUE_VERSION,
            "overlays": [{"id": hd33.ID, "version": hd33.VERSION}],
            "engine": {"version": __version__, "backend": self.backend},
            "input_sha256": self.input_sha256,
            "as_of": self.as_of.isoformat(),
            "observation": {"from": self.observation_from.isoformat(), "defaulted": self.observation_defaulted},
            "lang": self.lang,
            "policy": self.policy,
            "summary": self.summary,
            "results": [r.to_dict() for r in self.results],
            "unused_facts": [u.to_dict() for u in self.unused_facts],
            "data_warnings": [w.to_dict(self.lang) for w in self.data_warnings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON: the same input gives byte-identical output."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False) + "\n"

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per result (no dependency), e.g. for ``pandas.DataFrame``."""
        records = []
        for r in self.results:
            row = r.to_dict()
            reason = row.pop("reason")
            row["reason_code"] = reason["code"]
            row["reason_params"] = json.dumps(reason["params"], ensure_ascii=False, sort_keys=True)
            row["evidence"] = ",".join(row["evidence"])
            row["derived_from"] = ",".join(row["derived_from"])
            row["title"] = t(f"obligation.{r.obligation_id}.title", self.lang)
            records.append(row)
        return records

    def to_dataframe(self) -> Any:
        """The results as a pandas DataFrame (``pip install 'qd213-rules[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'qd213-rules[pandas]'") from exc
        frame = pd.DataFrame.from_records(self.to_records())
        for column in ("due_date", "fulfilled_on"):
            if column in frame:
                frame[column] = pd.to_datetime(frame[column])
        return frame

    def _repr_html_(self) -> str:
        rows = []
        for r in self.results[:500]:
            rows.append(
                f'<tr class="qd213-{r.status.value}"><td>{html.escape(r.subject_id)}</td>'
                f"<td>{html.escape(r.obligation_id)}</td><td>{html.escape(r.key)}</td>"
                f"<td>{html.escape(r.bearer_id)}</td><td style=\"color:{_COLOURS.get(r.status, '#000')}\">"
                f"{html.escape(r.status.value)}</td><td>{r.due_date or ''}</td>"
                f"<td>{html.escape(r.message)}</td></tr>"
            )
        more = f"<p>… {len(self.results) - 500} more</p>" if len(self.results) > 500 else ""
        summary = ", ".join(f"{k}: {v}" for k, v in self.summary.items() if v)
        return (
            f"<div><p><b>QĐ 213 — as of {self.as_of}</b> ({len(self.results)} results; {html.escape(summary)})</p>"
            "<table><thead><tr><th>subject</th><th>obligation</th><th>key</th><th>bearer</th><th>status</th>"
            f"<th>due</th><th>message</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{more}</div>"
        )

    def __repr__(self) -> str:
        return f"<Report as_of={self.as_of} results={len(self.results)} summary={self.summary}>"


_COLOURS = {
    Status.VIOLATED: "#b00020",
    Status.OVERDUE: "#c75000",
    Status.DUE: "#8a6d00",
    Status.FULFILLED: "#1b7f3b",
    Status.FULFILLED_LATE: "#4f7f1b",
    Status.WAIVED: "#555",
    Status.ONGOING: "#1f4e99",
    Status.NOT_APPLICABLE: "#777",
}

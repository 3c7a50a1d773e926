"""The compliance report (semantics, statuses): results, summary, unused facts, data warnings.

A :class:`Report` is immutable. Query it (``for_member``, ``for_org``, ``filter``), explain a
result (``explain``), compare it with another reading of the same facts (``compare``), or
export it (``to_json`` — byte-identical for the same input whatever
the fact order — ``to_records``, ``to_dataframe`` with pandas, and ``_repr_html_`` in a
notebook).

>>> from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
>>> facts = example_ward_facts()
>>> from qd213_rules import evaluate
>>> report = evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python")
>>> overdue = report.filter(status="overdue")
>>> overdue == [r for r in report if r.status.value == "overdue"], len(overdue) == report.summary["overdue"]
(True, True)
>>> import json
>>> document = json.loads(report.to_json())
>>> document["as_of"], document["summary"] == report.summary, len(document["results"]) == len(report)
('2025-12-10', True, True)
>>> report[overdue[0].result_id] is overdue[0]
True
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import json
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .evaluation.results import STATUS_ORDER, Result, Status, Trace, UnusedFact
from .regulations import QD213, Regulation
from .facts import DataWarning, FactSet
from .messages import Lang, t
from .overlays import hd33

if TYPE_CHECKING:
    from .compare import Comparison
    from .evaluation.context import Context
    from .explain import Explanation

__all__ = ["Report", "UnusedFact", "REPORT_SCHEMA_VERSION"]

REPORT_SCHEMA_VERSION = 1


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
        regulations: Sequence[Regulation] = (QD213,),
        retrace: Callable[[str], Sequence[Result]] | None = None,
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
        self.regulations: tuple[Regulation, ...] = tuple(regulations)
        """The regulations applied: those in force on some day from the observed start to as_of."""
        self._context = context
        self._retrace = retrace
        """The results of one subject evaluated again with traces (given by the engine)."""
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
        retrace: Callable[[str], Sequence[Result]] | None = None,
    ) -> Report:
        facts = ctx.facts
        extra = sorted(extra_warnings, key=_warning_key)
        # most evaluations add no warning of their own: the fact set's list, copied, without a merge
        warnings = list(heapq.merge(_sorted_warnings(facts), extra, key=_warning_key)) if extra else list(_sorted_warnings(facts))
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
            regulations=ctx.regulations.applied(ctx.window_start, ctx.as_of) or ctx.regulations.in_force_on(ctx.as_of),
            retrace=retrace,
        )

    @property
    def context(self) -> Context | None:
        """What the report was evaluated from (the fact set, as-of date and policy), for the
        package's explanations and renderers; ``None`` for a report without its fact set."""
        return self._context

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
        article: int | None = None,
        clause: int | None = None,
    ) -> list[Result]:
        """Results matching every criterion given (each a value or a collection of values).

        ``obligation`` takes ids (``D2.K7b``) or patterns (``D2.K7*``); ``article`` and
        ``clause`` select the duties of Điều ``article`` (khoản ``clause``). A status, kind,
        obligation id, pattern, article or clause that names nothing raises
        :class:`~qd213_rules.errors.UsageError` with the closest valid values.
        """
        from .articles import Kind, select_ids

        def _set(value: Any) -> set[str] | None:
            if value is None:
                return None
            if isinstance(value, str):
                return {value}
            return {str(v) for v in value}

        statuses, bearers, subjects, kinds = map(_set, (status, bearer, subject, kind))
        _check_values("status", statuses, [s.value for s in reversed(STATUS_ORDER)], "usage.expected.status")
        _check_values("kind", kinds, [k.value for k in Kind], "usage.expected.kind")
        obligations = select_ids(obligation, article=article, clause=clause)
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
        """Count of results per status, every status listed (semantics, statuses)."""
        counts = Counter(r.status for r in self.results)
        return {s.value: counts.get(s, 0) for s in reversed(STATUS_ORDER)}

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
        if result.trace is not None or self._retrace is None:
            return result.trace
        traces = self._traces.get(result.subject_id)
        if traces is None:
            again = self._retrace(result.subject_id)
            traces = self._traces[result.subject_id] = {r.result_id: r.trace for r in again}
        return traces.get(result.result_id)

    def compare(self, other: Report) -> Comparison:
        """The results whose status differs in ``other`` — the same facts read with another
        policy, as-of date or regulation version — and the status transition matrix (see
        :mod:`qd213_rules.compare`); :class:`~qd213_rules.errors.UsageError` for another fact set."""
        from .compare import compare_reports

        return compare_reports(self, other)

    # -- export ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {**self._head(self.summary), "results": [r.to_dict() for r in self.results], **self._tail()}

    def _head(self, summary: dict[str, int]) -> dict[str, Any]:
        """The document's keys before ``results``."""
        return {
            "schema_version": REPORT_SCHEMA_VERSION,
            "regulation": [r.ref() for r in self.regulations],
            "catalogue_version": self.regulations[0].catalogue_version if self.regulations else QD213.catalogue_version,
            "overlays": [{"id": hd33.ID, "version": hd33.VERSION}],
            "engine": {"version": __version__, "backend": self.backend},
            "input_sha256": self.input_sha256,
            "as_of": self.as_of.isoformat(),
            "observation": {"from": self.observation_from.isoformat(), "defaulted": self.observation_defaulted},
            "lang": self.lang,
            "policy": self.policy,
            "summary": summary,
        }

    def _tail(self) -> dict[str, Any]:
        """The document's keys after ``results``."""
        return {
            "unused_facts": [u.to_dict() for u in self.unused_facts],
            "data_warnings": [w.to_dict(self.lang) for w in self.data_warnings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON: the same input gives byte-identical output."""
        if indent == 2:
            return b"".join(self.json_bytes()).decode()
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False) + "\n"

    def json_chunks(self, results: Sequence[Result] | None = None, *, workers: int = 1) -> Iterator[str]:
        """``to_json()`` in pieces, to write as they come (a province's report is never one
        string): :meth:`json_bytes`, decoded."""
        for chunk in self.json_bytes(results, workers=workers):
            yield chunk.decode()

    def json_bytes(self, results: Sequence[Result] | None = None, *, workers: int = 1) -> Iterator[bytes]:
        """``to_json()`` in UTF-8 pieces, to write as they come. With ``results``, the same
        document whose ``results`` and ``summary`` cover those results only (everything else
        still describes the whole evaluation). ``workers`` > 1 encodes the results in that many
        processes (the same bytes, :func:`~qd213_rules.parallel.result_batches_in_processes`)."""
        from .jsonout import document_chunks
        from .parallel import result_batches_in_processes

        if results is None:
            chosen: Sequence[Result] = self.results
            summary = self.summary
        else:
            chosen = results
            counts = Counter(r.status for r in results)
            summary = {s.value: counts.get(s, 0) for s in reversed(STATUS_ORDER)}
        batches = result_batches_in_processes(chosen, workers) if workers > 1 else None
        yield from document_chunks(self._head(summary), chosen, self._tail(), batches=batches)
        yield b"\n"

    def document_bytes(self, summary: dict[str, int], batches: Iterable[bytes]) -> Iterator[bytes]:
        """The document of :meth:`json_bytes` with ``summary`` and the results' text ``batches``
        made elsewhere (:func:`~qd213_rules.engine.evaluate_to_json`: by the worker processes
        that evaluated them), for a report built without its results."""
        from .jsonout import document_chunks

        yield from document_chunks(self._head(summary), (), self._tail(), batches=batches)
        yield b"\n"

    def document_frame(self, summary: dict[str, int], *, empty: bool) -> tuple[bytes, bytes]:
        """The document of :meth:`document_bytes` before its results' text (through
        ``"results": [``) and after it (with the final newline); ``empty``: no results' text."""
        from .jsonout import document_head, document_tail

        return document_head(self._head(summary)), document_tail(self._tail(), empty=empty) + b"\n"

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
        """The results as a pandas DataFrame (``pip install 'qd213-rules[pandas]'``).

        Besides the columns of :meth:`to_records`: ``article`` and ``clause`` of the duty;
        ``residence_cell_id`` and ``workplace_cell_id``, the member's cells on the result's date
        (its due date, else the as-of date; for an organisation, the organisation itself when it
        is such a cell); ``status`` as an ordered categorical, best to worst, so that
        ``frame[frame.status >= "overdue"]`` keeps the overdue and violated results; ``citation``
        in the report's language. Which cells have overdue duties under Điều 2 khoản 7::

            df[(df.article == 2) & (df.clause == 7) & (df.status == "overdue")].residence_cell_id.unique()
        """
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe needs pandas: pip install 'qd213-rules[pandas]'") from exc
        from .articles import get as obligation_of

        records = self.to_records()
        facts = self._context.facts if self._context is not None else None
        for row, r in zip(records, self.results):
            duty = obligation_of(r.obligation_id)
            row["article"], row["clause"] = duty.citation.article, duty.citation.clause
            row["citation"] = duty.citation.text(self.lang)
            row["residence_cell_id"], row["workplace_cell_id"] = _cells(facts, r, r.due_date or self.as_of)
        frame = pd.DataFrame.from_records(records)
        for column in ("due_date", "fulfilled_on"):
            if column in frame:
                frame[column] = pd.to_datetime(frame[column])
        frame["status"] = pd.Categorical(frame.get("status", []), categories=[s.value for s in STATUS_ORDER],
                                         ordered=True)
        return frame

    def _repr_html_(self) -> str:
        """The notebook view: the counts, then the findings (worst first, by name), then how many
        other results there are; every cell in words (names, status labels, dates in the
        report's language), so nothing needs an engine identifier to read."""
        from .evaluation.results import SEVERITY_RANK
        import html  # here, not at the top: only a notebook's view needs it (every check imports this module)

        from .explain import display_name, result_message
        from .words import extension_mark, format_date

        lang = self.lang
        facts = self._context.facts if self._context is not None else None
        findings = sorted(
            (r for r in self.results if SEVERITY_RANK[r.severity] > 0),
            key=lambda r: (-SEVERITY_RANK[r.severity], r.subject_id, r.obligation_id, r.key),
        )
        shown = findings[:_HTML_MAX_ROWS]
        rows = []
        for r in shown:
            title = t(f"obligation.{r.obligation_id}.title", lang)
            if r.extension:
                title += f" ({extension_mark(lang)})"
            bearer = display_name(r.bearer_id, facts) if r.bearer_id != r.subject_id else ""
            rows.append(
                f'<tr class="qd213-{r.status.value}"><td>{html.escape(display_name(r.subject_id, facts))}</td>'
                f"<td>{html.escape(title)} ({html.escape(r.obligation_id)})</td><td>{html.escape(r.key)}</td>"
                f"<td>{html.escape(bearer)}</td><td style=\"color:{_COLOURS.get(r.status, '#000')}\">"
                f"{html.escape(t(f'status.{r.status.value}', lang))}</td>"
                f"<td>{format_date(r.due_date, lang) if r.due_date else ''}</td>"
                f"<td>{html.escape(result_message(r, lang, facts))}</td></tr>"
            )
        summary = ", ".join(f"{t(f'status.{k}', lang)}: {v}" for k, v in self.summary.items() if v)
        head = "".join(f"<th>{html.escape(t(f'report.html.{c}', lang))}</th>"
                       for c in ("subject", "obligation", "key", "bearer", "status", "due", "message"))
        title = t("report.html.title", lang, as_of=format_date(self.as_of, lang), results=len(self.results))
        parts = [f"<div><p><b>{html.escape(title)}</b> ({html.escape(summary)})</p>"]
        if rows:
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        else:
            parts.append(f"<p>{html.escape(t('cli.report.no_findings', lang))}</p>")
        if len(findings) > len(shown):
            parts.append(f"<p>{html.escape(t('report.html.more_findings', lang, count=len(findings) - len(shown)))}</p>")
        rest = len(self.results) - len(findings)
        if rest:
            parts.append(f"<p>{html.escape(t('report.html.rest', lang, count=rest))}</p>")
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self) -> str:
        return f"<Report as_of={self.as_of} results={len(self.results)} summary={self.summary}>"


def _cells(facts: FactSet | None, result: Result, day: dt.date) -> tuple[str | None, str | None]:
    """(residence cell, workplace cell) of the result's subject on ``day``."""
    if facts is None:
        return None, None
    if result.subject_type == "member":
        if result.subject_id not in facts.members:
            return None, None
        state = facts.state_on(result.subject_id, day)
        return state.residence_cell_id, state.workplace_cell_id
    org = facts.organizations.get(result.subject_id)
    kind = org.kind.value if org is not None else None
    return (result.subject_id if kind == "residence_cell" else None,
            result.subject_id if kind == "workplace_cell" else None)


def _check_values(name: str, given: set[str] | None, valid: list[str], expected_msg: str) -> None:
    """Refuse a value that can match nothing (a typo would otherwise give an empty list)."""
    import difflib

    from .errors import ErrorCode, Problem, UsageError

    for value in sorted(given or ()):
        if value not in valid:
            close = difflib.get_close_matches(value, valid, n=3, cutoff=0.5)
            raise UsageError([Problem(ErrorCode.USAGE, json_path=name, found=value, params={
                "expected_msg": expected_msg, "options": " | ".join(valid), "did_you_mean": close})])


_HTML_MAX_ROWS = 500
"""At most this many findings in the notebook view (the rest are counted)."""

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

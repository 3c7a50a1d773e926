"""Two readings of the same facts, side by side: :meth:`Report.compare`.

Two reports of the *same* fact set — evaluated with another policy, on another as-of date or
under another version of the regulation — are matched result by result (by ``result_id``: one
obligation, subject, key and bearer). A :class:`Comparison` keeps the results whose status
changed, appeared (only in the second report) or disappeared (only in the first), each with
both statuses and both reasons, and counts every result in a status transition matrix (rows:
the status before, columns: the status after; :data:`ABSENT` for a result one report does not
have). A result whose status is the same in both is unchanged, even if its due date moved: the
question is which findings a different reading changes.

Comparing reports of different fact sets is refused (:class:`~qd213_rules.errors.UsageError`,
code ``different_facts``): their results say nothing about one another.

>>> from qd213_rules import Policy, evaluate, load_facts
>>> from qd213_rules.examples import example_ward_path
>>> facts = load_facts(example_ward_path().read_bytes(), name="example_ward.json")
>>> before = evaluate(facts, "2025-12-10", lang="en")
>>> after = evaluate(facts, "2025-12-10", Policy(timely_days={"D2.K7b": 15}), lang="en")
>>> diff = before.compare(after)
>>> [(c.obligation_id, c.subject_id, c.before_status, c.after_status) for c in diff]
[('D2.K7b', 'DV-003', 'due', 'overdue')]
>>> diff.matrix["due"]["overdue"], diff.changed
(1, True)
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .errors import ErrorCode, Problem, UsageError
from .evaluation.results import STATUS_ORDER, Result

if TYPE_CHECKING:
    from .report import Report

__all__ = ["ABSENT", "Change", "ChangeKind", "Comparison", "ReadingInfo", "compare_reports", "policy_changes"]

ABSENT = "absent"
"""The row or column of the transition matrix for a result one of the reports does not have."""

ChangeKind = Literal["changed", "appeared", "disappeared"]

MATRIX_STATES: tuple[str, ...] = (*(s.value for s in reversed(STATUS_ORDER)), ABSENT)
"""Rows and columns of the transition matrix: the statuses worst first, then :data:`ABSENT`."""


@dataclass(frozen=True)
class Change:
    """One result whose status differs between the two reports (or that only one has)."""

    kind: ChangeKind
    before: Result | None
    after: Result | None

    @property
    def _either(self) -> Result:
        found = self.after if self.after is not None else self.before
        assert found is not None
        return found

    @property
    def result_id(self) -> str:
        return self._either.result_id

    @property
    def obligation_id(self) -> str:
        return self._either.obligation_id

    @property
    def subject_id(self) -> str:
        return self._either.subject_id

    @property
    def bearer_id(self) -> str:
        return self._either.bearer_id

    @property
    def key(self) -> str:
        return self._either.key

    @property
    def before_status(self) -> str:
        """The status in the first report, or :data:`ABSENT`."""
        return self.before.status.value if self.before is not None else ABSENT

    @property
    def after_status(self) -> str:
        """The status in the second report, or :data:`ABSENT`."""
        return self.after.status.value if self.after is not None else ABSENT

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON-able data (the results as in a report, ``null`` when absent)."""
        return {
            "kind": self.kind,
            "result_id": self.result_id,
            "obligation_id": self.obligation_id,
            "subject_id": self.subject_id,
            "bearer_id": self.bearer_id,
            "key": self.key,
            "before": _side(self.before),
            "after": _side(self.after),
        }

    def to_record(self) -> dict[str, Any]:
        """One flat row (for a DataFrame)."""
        row: dict[str, Any] = {
            "kind": self.kind,
            "result_id": self.result_id,
            "obligation_id": self.obligation_id,
            "subject_id": self.subject_id,
            "bearer_id": self.bearer_id,
            "key": self.key,
        }
        for side, result in (("before", self.before), ("after", self.after)):
            row[f"{side}_status"] = result.status.value if result is not None else ABSENT
            row[f"{side}_due_date"] = result.due_date if result is not None else None
            row[f"{side}_fulfilled_on"] = result.fulfilled_on if result is not None else None
            row[f"{side}_reason_code"] = result.reason.code if result is not None else None
            row[f"{side}_reason_params"] = (
                json.dumps(result.to_dict()["reason"]["params"], ensure_ascii=False, sort_keys=True)
                if result is not None else None
            )  # fmt: skip
            row[f"{side}_message"] = result.message if result is not None else None
        return row


def _side(result: Result | None) -> dict[str, Any] | None:
    if result is None:
        return None
    data = result.to_dict()
    return {k: data[k] for k in ("status", "severity", "due_date", "fulfilled_on", "evidence", "reason", "message")}


@dataclass(frozen=True)
class ReadingInfo:
    """What one side of a comparison was evaluated with."""

    as_of: dt.date
    policy: Mapping[str, Any]
    regulation: tuple[Mapping[str, Any], ...]
    """The regulations applied (the report's ``regulation`` list)."""
    catalogue_version: str
    results: int

    @classmethod
    def of(cls, report: Report) -> ReadingInfo:
        doc_head = _head(report)
        return cls(report.as_of, report.policy, tuple(doc_head["regulation"]), str(doc_head["catalogue_version"]),
                   len(report.results))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "policy": dict(self.policy),
            "regulation": [dict(r) for r in self.regulation],
            "catalogue_version": self.catalogue_version,
            "results": self.results,
        }


def _head(report: Report) -> dict[str, Any]:
    """The report's own header (regulation, catalogue, policy, …), without serialising its
    results (a province has millions): a shallow copy with no results, so that whatever the
    header holds (a regulation version, say) comes along."""
    head = copy.copy(report)
    head.__dict__.pop("_index", None)
    head.results, head.unused_facts, head.data_warnings = (), (), ()
    return head.to_dict()


@dataclass(frozen=True)
class Comparison:
    """The results two readings of the same facts disagree on (see the module documentation).

    Iterating gives the :class:`Change` objects, in the first report's result order, then the
    appeared ones in the second's.
    """

    input_sha256: str
    before: ReadingInfo
    after: ReadingInfo
    changes: tuple[Change, ...]
    matrix: Mapping[str, Mapping[str, int]]
    """``matrix[before][after]``: how many results went from one status to the other (the
    diagonal counts the unchanged ones); keys are :data:`MATRIX_STATES`."""

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    @property
    def changed(self) -> bool:
        """Whether any result changed status, appeared or disappeared."""
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        """How many results changed, appeared, disappeared, and stayed the same."""
        kinds = {"changed": 0, "appeared": 0, "disappeared": 0}
        for change in self.changes:
            kinds[change.kind] += 1
        same = sum(self.matrix[s][s] for s in MATRIX_STATES if s != ABSENT)
        return {**kinds, "unchanged": same}

    def policy_changes(self) -> list[tuple[str, Any, Any]]:
        """``(parameter, before, after)`` for each policy value that differs (``timely_days``
        per duty: ``timely_days.D2.K7b``)."""
        return policy_changes(self.before.policy, self.after.policy)

    def matrix_rows(self, *, compact: bool = True) -> tuple[list[str], list[str]]:
        """The row and column states to show: with ``compact``, only those with a count."""
        if not compact:
            return list(MATRIX_STATES), list(MATRIX_STATES)
        rows = [s for s in MATRIX_STATES if any(self.matrix[s].values())]
        cols = [s for s in MATRIX_STATES if any(self.matrix[r][s] for r in MATRIX_STATES)]
        return rows, cols

    def to_dict(self) -> dict[str, Any]:
        return {
            "input_sha256": self.input_sha256,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "policy_changes": [{"parameter": p, "before": b, "after": a} for p, b, a in self.policy_changes()],
            "counts": self.counts(),
            "matrix": {row: dict(cols) for row, cols in self.matrix.items()},
            "changes": [c.to_dict() for c in self.changes],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """The comparison as JSON: the same two reports give byte-identical output."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per change (no dependency)."""
        return [c.to_record() for c in self.changes]

    def to_dataframe(self) -> Any:
        """The changes as a pandas DataFrame (``pip install 'qd213-rules[pandas]'``)."""
        pd = _pandas()
        columns = ["kind", "result_id", "obligation_id", "subject_id", "bearer_id", "key"] + [
            f"{side}_{field}" for side in ("before", "after")
            for field in ("status", "due_date", "fulfilled_on", "reason_code", "reason_params", "message")
        ]  # fmt: skip
        frame = pd.DataFrame.from_records(self.to_records(), columns=columns)
        for column in ("before_due_date", "after_due_date", "before_fulfilled_on", "after_fulfilled_on"):
            frame[column] = pd.to_datetime(frame[column])
        return frame

    def matrix_frame(self, *, compact: bool = False) -> Any:
        """The transition matrix as a pandas DataFrame (index: before, columns: after)."""
        pd = _pandas()
        rows, cols = self.matrix_rows(compact=compact)
        frame = pd.DataFrame([[self.matrix[r][c] for c in cols] for r in rows], index=rows, columns=cols)
        frame.index.name, frame.columns.name = "before", "after"
        return frame

    def __repr__(self) -> str:
        return f"<Comparison {self.before.as_of} → {self.after.as_of} {self.counts()}>"


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install 'qd213-rules[pandas]'") from exc
    return pd


def compare_reports(before: Report, after: Report) -> Comparison:
    """The :class:`Comparison` of two reports of the same fact set (see :meth:`Report.compare`)."""
    if before.input_sha256 != after.input_sha256:
        raise UsageError([Problem(ErrorCode.DIFFERENT_FACTS, found=after.input_sha256[:12],
                                  expected=before.input_sha256[:12])])  # fmt: skip
    matrix = {row: dict.fromkeys(MATRIX_STATES, 0) for row in MATRIX_STATES}
    later = {r.result_id: r for r in after.results}
    seen: set[str] = set()
    changes: list[Change] = []
    for old in before.results:
        new = later.get(old.result_id)
        if new is None:
            matrix[old.status.value][ABSENT] += 1
            changes.append(Change("disappeared", old, None))
            continue
        seen.add(old.result_id)
        matrix[old.status.value][new.status.value] += 1
        if new.status is not old.status:
            changes.append(Change("changed", old, new))
    for new in after.results:
        if new.result_id not in seen:
            matrix[ABSENT][new.status.value] += 1
            changes.append(Change("appeared", None, new))
    return Comparison(before.input_sha256, ReadingInfo.of(before), ReadingInfo.of(after), tuple(changes), matrix)


def policy_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """The parameters whose effective values differ, in field order; ``timely_days`` per duty."""
    out: list[tuple[str, Any, Any]] = []
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            for key in sorted({*old, *new}):
                if old.get(key) != new.get(key):
                    out.append((f"{name}.{key}", old.get(key), new.get(key)))
        elif old != new:
            out.append((name, old, new))
    return out


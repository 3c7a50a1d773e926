"""A library that leaves its host alone (issue 17 items 4 and 5).

The garbage collector is the host's: ``evaluate`` and ``check_stream`` neither switch it off nor
freeze the host's objects (a reference cycle of the host alive during an evaluation is collected
after it). Every error the library raises is a :class:`Qd213Error`; a worker process's failure
comes back with its own type and message.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import pickle
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qd213_rules import parallel
from qd213_rules.engine import Run, evaluate
from qd213_rules.errors import EngineError, ErrorCode, FactsError, Problem, Qd213Error, WorkerError
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet
from qd213_rules.matching.durable import DurableRulesError
from qd213_rules.matching.python import PythonMatcherError
from qd213_rules.stream import check_stream


class _Node:
    """A host object in a reference cycle."""

    def __init__(self) -> None:
        self.other: Any = None


@pytest.fixture
def facts() -> FactSet:
    return FactSet.from_document(example_ward_document())


@pytest.fixture
def ward_lines(tmp_path: Path) -> Path:
    import json

    doc = example_ward_document()
    lines = [json.dumps({"type": "header", "schema_version": 1, "observation": doc["observation"]})]
    for section, fact_type in (("organizations", "organization"), ("members", "member"), ("events", "event")):
        lines += [json.dumps({"type": fact_type, **fact}, ensure_ascii=False) for fact in doc[section]]
    path = tmp_path / "ward.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def one_subject_per_task() -> Iterator[None]:
    saved = parallel.TASK_SUBJECTS
    parallel.TASK_SUBJECTS = 1  # the example ward fits one task: force a fork
    try:
        yield
    finally:
        parallel.TASK_SUBJECTS = saved


def _host_cycle_survives(call: Any) -> tuple[bool, bool, int]:
    """A host cycle alive while ``call`` runs, dropped after it, then a collection:
    (the cycle was collected, the collector is on after the call, objects newly frozen)."""
    # objects an earlier in-process CLI run froze may be freed during the call and lower the
    # count: start from an empty permanent generation, so that only new freezing counts
    gc.unfreeze()
    gc.collect()
    frozen = gc.get_freeze_count()
    collected: list[bool] = []
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    watch = weakref.ref(a, lambda _: collected.append(True))
    call()
    enabled = gc.isenabled()
    del a, b  # only the collector can free the cycle now
    gc.collect()
    assert (watch() is None) == bool(collected)
    return bool(collected), enabled, gc.get_freeze_count() - frozen


@pytest.mark.parametrize("workers", [1, 2])
def test_evaluate_leaves_the_collector_to_the_host(facts: FactSet, workers: int, one_subject_per_task: None) -> None:
    assert gc.isenabled()
    collected, enabled, frozen = _host_cycle_survives(
        lambda: evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python", workers=workers)
    )
    assert collected, "a host's reference cycle was not collected after evaluate()"
    assert enabled and frozen == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_check_stream_leaves_the_collector_to_the_host(ward_lines: Path, workers: int) -> None:
    collected, enabled, frozen = _host_cycle_survives(
        lambda: check_stream(ward_lines, io.StringIO(), as_of=EXAMPLE_AS_OF, lang="en", backend="python", workers=workers)
    )
    assert collected, "a host's reference cycle was not collected after check_stream()"
    assert enabled and frozen == 0


def test_a_host_may_pause_the_collector_around_its_calls(facts: FactSet) -> None:
    with parallel.paused_gc():
        assert not gc.isenabled()
        with parallel.paused_gc():  # re-entrant
            evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python")
        assert not gc.isenabled()
    assert gc.isenabled()


# -- errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("error", [DurableRulesError, PythonMatcherError, EngineError, WorkerError])
def test_every_error_is_in_the_family(error: type[Exception]) -> None:
    exc = error("the matcher failed")
    assert isinstance(exc, Qd213Error) and isinstance(exc, RuntimeError)  # RuntimeError: as before
    assert str(exc) == "the matcher failed" and exc.problems == ()  # type: ignore[attr-defined]
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is error and str(again) == str(exc)


def test_input_errors_cross_processes_with_their_problems() -> None:
    exc = FactsError([Problem(ErrorCode.DUPLICATE_ID, file="f.jsonl", line=3, fact_id="X", found="X")])
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is FactsError and again.problems == exc.problems and str(again) == str(exc)


def _fail_in_children(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    parent = os.getpid()
    original = Run.evaluate_part

    def evaluate_part(self: Run, subjects: Any) -> Any:
        if os.getpid() != parent:
            raise exc
        return original(self, subjects)

    monkeypatch.setattr(Run, "evaluate_part", evaluate_part)


@pytest.mark.parametrize(
    "exc",
    [ValueError("bad value in a worker"), FactsError([Problem(ErrorCode.NO_AUTHORITY, fact_id="E-9", found="CB-X")])],
    ids=["ValueError", "FactsError"],
)
def test_a_worker_failure_is_raised_with_its_own_type_and_message(
    facts: FactSet, monkeypatch: pytest.MonkeyPatch, one_subject_per_task: None, exc: BaseException
) -> None:
    _fail_in_children(monkeypatch, exc)
    with pytest.raises(type(exc)) as caught:
        evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python", workers=2)
    assert str(caught.value) == str(exc)
    if isinstance(exc, Qd213Error):
        assert caught.value.problems == exc.problems  # type: ignore[attr-defined]
    assert any("worker process" in note for note in getattr(caught.value, "__notes__", ()))


def test_a_worker_failure_that_cannot_travel_is_a_worker_error(
    facts: FactSet, monkeypatch: pytest.MonkeyPatch, one_subject_per_task: None
) -> None:
    class LocalError(Exception):  # defined here: cannot be pickled
        pass

    _fail_in_children(monkeypatch, LocalError("only here"))
    with pytest.raises(WorkerError, match="LocalError: only here"):
        evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python", workers=2)


def test_a_streaming_worker_failure_keeps_its_problems(tmp_path: Path) -> None:
    """A breach recorded without authority is found inside a shard: with two workers the same
    FactsError, problems and all, as with one."""
    lines = [
        '{"type": "header", "schema_version": 1, "observation": {"from": "2024-01-01"}}',
        '{"type": "organization", "id": "DU-A", "kind": "workplace_committee"}',
        '{"type": "organization", "id": "CB-A", "kind": "workplace_cell", "parent_id": "DU-A"}',
        '{"type": "organization", "id": "DU-B", "kind": "workplace_committee"}',
        '{"type": "organization", "id": "P1", "kind": "commune_committee"}',
        '{"type": "organization", "id": "K1", "kind": "residence_cell", "parent_id": "P1"}',
        '{"type": "member", "id": "DV-1", "workplace_cell_id": "CB-A", "residence_cell_id": "K1", "category": "regular", "working_since": "2015-01-01"}',
        '{"type": "event", "id": "E-1", "kind": "conduct_breach_recorded", "date": "2024-05-01", "member_id": "DV-1", "obligation_id": "D1.K1a", "recorded_by_org_id": "DU-B"}',
    ]  # fmt: skip
    path = tmp_path / "breach.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcomes = []
    for workers in (1, 2):
        with pytest.raises(FactsError) as caught:
            check_stream(path, io.StringIO(), as_of=dt.date(2024, 12, 31), lang="en", backend="python", workers=workers)
        outcomes.append([(p.code, p.fact_id, p.line) for p in caught.value.problems])
    assert outcomes[0] == outcomes[1] and (ErrorCode.NO_AUTHORITY, "E-1", 8) in outcomes[0]

"""``evaluate(..., workers=N)`` and Dask give the report one worker gives (issue 7)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings

from qd213_rules import parallel
from qd213_rules.engine import Part, Run, evaluate, matcher
from qd213_rules.errors import FactsError, UsageError
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.results import Result
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.parallel import pack_tasks, paused_gc, shard_subjects
from qd213_rules.policy import Policy
from strategies import fact_document_and_as_of

from .helpers import problems, report_json

Doc = dict[str, Any]


@settings(max_examples=10)
@given(fact_document_and_as_of(min_members=2, max_members=6))
def test_two_workers_give_the_same_report(pair: tuple[Doc, dt.date]) -> None:
    doc, as_of = pair
    facts = FactSet.from_document(doc)
    outcomes: list[Any] = []
    for workers in (1, 2):
        try:
            with _one_subject_per_task():  # small documents would fit one task: no fork
                outcomes.append(evaluate(facts, as_of=as_of, lang="en", workers=workers).to_json())
        except FactsError as exc:
            outcomes.append(problems(exc))
    assert outcomes[0] == outcomes[1]


@contextlib.contextmanager
def _one_subject_per_task() -> Iterator[None]:
    saved = parallel.TASK_SUBJECTS
    parallel.TASK_SUBJECTS = 1
    try:
        yield
    finally:
        parallel.TASK_SUBJECTS = saved


@pytest.mark.perf
@pytest.mark.parametrize("backend", ["durable", "python"])
def test_workers_on_a_synth_province(synth_file: Any, backend: str) -> None:
    facts = load_facts(synth_file(1200))
    as_of = dt.date(2025, 8, 20)
    one = evaluate(facts, as_of=as_of, backend=backend, workers=1)  # type: ignore[arg-type]
    workers = 2 if backend == "durable" else 3
    many = evaluate(facts, as_of=as_of, backend=backend, workers=workers)  # type: ignore[arg-type]
    assert many.to_json() == one.to_json()
    # the explanation of a result computed in a worker is the same too
    for result in [r for r in one.results if r.status.value in ("overdue", "violated")][:20]:
        assert many.explain(result.result_id).to_dict() == one.explain(result.result_id).to_dict()


def test_shards_keep_a_cell_together(synth_file: Any) -> None:
    facts = load_facts(synth_file(300, seed=3))
    ctx = Context(facts, dt.date(2025, 12, 31), Policy())
    run = Run(ctx, matcher("python"), "en")
    subjects = [("member", m, run.member_obligations) for m in ctx.active_members()]
    subjects += [("org", "CB-X0000-01", run.org_obligations)]
    shards = shard_subjects(ctx, subjects)
    assert sorted(p for shard in shards for p in shard) == list(range(len(subjects)))
    for shard in shards:
        kinds = {subjects[p][0] for p in shard}
        if kinds == {"member"}:
            cells = {ctx.residence_cell(subjects[p][1], ctx.as_of) for p in shard}
            assert len(cells) == 1
        else:
            assert len(shard) == 1
    tasks = pack_tasks(shards, size=64)
    assert sorted(p for task in tasks for p in task) == list(range(len(subjects)))


def test_report_tasks_are_runs_of_the_report_order() -> None:
    # members and organisations interleaved, ids out of order: the tasks are runs of consecutive
    # subjects by id, each of ``size`` but the last, every position once
    ids = ["DV-000009", "CB-X0000-02", "DV-000001", "DV-000005", "CB-X0000-01", "DV-000003", "DV-000002"]
    subjects: list[parallel.Subject] = [("org" if i.startswith("CB") else "member", i, []) for i in ids]
    for size in (1, 2, 3, 7, 64):
        tasks = parallel.report_tasks(subjects, size)
        assert [subjects[p][1] for task in tasks for p in task] == sorted(ids)
        assert all(len(task) == size for task in tasks[:-1]) and 0 < len(tasks[-1]) <= size
    assert parallel.report_tasks([], 3) == []


def test_workers_must_be_a_positive_integer() -> None:
    facts = FactSet.from_facts([{"id": "DU-P1", "kind": "commune_committee"}])
    for bad in (0, -1, 1.5, True):
        with pytest.raises(UsageError):
            evaluate(facts, as_of=dt.date(2025, 1, 1), workers=bad)  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        evaluate(facts, as_of=dt.date(2025, 1, 1), backend="rete")  # type: ignore[arg-type]


def test_the_collector_is_restored() -> None:
    import gc

    assert gc.isenabled()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.unfreeze()


def test_a_worker_failure_reaches_the_caller(synth_file: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception in a forked worker is raised in the caller, not lost."""
    import qd213_rules.engine as engine

    facts = load_facts(synth_file(300, seed=3))
    parent = os.getpid()
    original = engine.Run.evaluate_part

    def failing(self: Any, subjects: Any) -> Any:
        if os.getpid() != parent:
            raise ValueError("boom in a worker")
        return original(self, subjects)

    monkeypatch.setattr(engine.Run, "evaluate_part", failing)
    with pytest.raises(ValueError, match="boom in a worker"):  # its own type (issue 17 item 5)
        evaluate(facts, as_of=dt.date(2025, 12, 31), backend="python", workers=2)


@pytest.mark.perf
def test_dask_local_cluster_gives_the_same_report(synth_file: Any) -> None:
    """``evaluate_on_dask`` on a 2-worker LocalCluster (skipped without dask)."""
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    from qd213_rules.cluster import evaluate_on_dask

    path = synth_file(600, seed=5)
    as_of = dt.date(2025, 12, 31)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:  # type: ignore[no-untyped-call]
        with Client(cluster) as client:  # type: ignore[no-untyped-call]
            dask_report = evaluate_on_dask(path, client, as_of=as_of, lang="en", backend="python")
            traced = evaluate_on_dask(path, client, as_of=as_of, lang="en", backend="python", trace=True)
    local = evaluate(load_facts(path), as_of=as_of, lang="en", backend="python")
    assert report_json(dask_report) == report_json(local)
    assert report_json(traced) == report_json(local)
    assert all(r.trace is not None for r in traced.results)
    assert all(r.trace is None for r in dask_report.results)


def _fields(result: Result) -> dict[str, Any]:
    """Every field of a result, the trace included (a result has slots, no ``vars``)."""
    return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}


def test_the_worker_codec_carries_every_field() -> None:
    """What a worker sends back decodes to equal results, field by field, traces included."""
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    for trace in (False, True):
        results = list(evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", trace=trace).results)
        kinds = {type(v) for r in results for v in r.reason.params.values()}
        assert {str, dt.date, list} <= kinds  # both ways of carrying params are exercised
        part = Part([results[:10], results[10:]], results[:3], results[3:5], {"E1": (0, "no_obligation_uses_it")})
        back = parallel.decode_part(parallel.encode_part(part))
        assert [[_fields(r) for r in rs] for rs in back.session] == [[_fields(r) for r in rs] for rs in part.session]
        assert [_fields(r) for r in back.derived + back.exempt] == [_fields(r) for r in part.derived + part.exempt]
        assert back.first_notes == part.first_notes
        assert {type(v) for r in back.session[1] for v in (r.status, r.due_date) if v is not None} <= {
            type(results[0].status), dt.date}


def test_traced_evaluation_in_workers_keeps_the_traces() -> None:
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    one = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", trace=True)
    with _one_subject_per_task():
        two = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", trace=True, workers=2)
    assert [r.trace for r in one.results] == [r.trace for r in two.results]
    assert all(r.trace is not None for r in two.results)


@pytest.mark.parametrize("order", ["earlier part first", "later part first"])
def test_merge_parts_keeps_the_first_subjects_unused_note(order: str) -> None:
    """An event noted unused by two subjects in two parts (an event noted twice): the note of
    the subject that comes first in the one-process order wins, whichever part arrives first."""
    subjects: list[parallel.Subject] = [("member", f"DV-{i}", []) for i in range(4)]
    early = ([0, 1], Part([[], []], [], [], {"E-1": (1, "after_duties_ended")}))
    late = ([2, 3], Part([[], []], [], [], {"E-1": (3, "no_matching_occasion"), "E-2": (2, "before_observation")}))
    parts = [early, late] if order == "earlier part first" else [late, early]

    class Ctx:
        state_used: dict[str, None] = {}

    class Run:
        unused_reasons: dict[str, str] = {}
        ctx = Ctx()

    run = Run()
    run.unused_reasons = {}
    assert parallel.merge_parts(run, subjects, parts) == []  # type: ignore[arg-type]
    assert run.unused_reasons == {"E-1": "after_duties_ended", "E-2": "before_observation"}


def test_subjects_listed_after_the_fork_reach_the_children(monkeypatch: pytest.MonkeyPatch) -> None:
    """The organisations are listed by the caller once the children evaluate members: children
    that run out of member tasks wait for the organisations' tasks and take their share; the
    report is one process's."""
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    one = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python")
    listed = Run.org_subjects
    calls: list[int] = []

    def slow(self: Run, wanted: set[str] | None) -> list[parallel.Subject]:
        calls.append(os.getpid())
        time.sleep(1.0)  # the children have long run out of member tasks
        return listed(self, wanted)

    monkeypatch.setattr(Run, "org_subjects", slow)
    with _one_subject_per_task():
        three = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python", workers=3)
    assert three.to_json() == one.to_json()
    assert calls == [os.getpid()]  # listed once, by the caller


def test_a_long_list_of_later_subjects_does_not_hold_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """The organisations' tasks, listed after the fork, reach a child through a pipe that it
    reads only once it has run out of member tasks. A province's list does not fit in a pipe's
    buffer: the caller must not wait for the child to read it, but evaluate members meanwhile
    (a 100,000-member check with 2 workers was slower than with one)."""
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    one = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python")
    caller = os.getpid()
    padding = b"x" * (4 << 20)  # larger than any pipe buffer
    more_tasks, add_tasks, evaluate_part = parallel._more_tasks, parallel._add_tasks, Run.evaluate_part
    mine: list[list[Any]] = []

    def padded(run: Run, subjects: list[parallel.Subject], later: Any) -> tuple[list[list[int]], bytes]:
        tasks, blob = more_tasks(run, subjects, later)
        return tasks, blob + padding

    def unpadded(run: Run, subjects: list[parallel.Subject], tasks: list[list[int]], blob: bytes) -> None:
        add_tasks(run, subjects, tasks, blob[: -len(padding)])

    def noted(self: Run, subjects: Any) -> Part:
        if os.getpid() == caller:
            mine.append([kind for _, (kind, _, _) in subjects])
        else:
            time.sleep(0.05)  # a slow child: the caller has time to take member tasks
        return evaluate_part(self, subjects)

    monkeypatch.setattr(parallel, "_more_tasks", padded)
    monkeypatch.setattr(parallel, "_add_tasks", unpadded)
    monkeypatch.setattr(Run, "evaluate_part", noted)
    with _one_subject_per_task():
        two = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", backend="python", workers=2)
    assert two.to_json() == one.to_json()
    assert any("member" in kinds for kinds in mine), "the caller evaluated no member"


def _parts(facts: FactSet, as_of: dt.date, size: int) -> tuple[Run, list[parallel.Subject], list[tuple[list[int], Part]]]:
    """A run's subjects and its parts as workers compute them (in this process), ``size`` subjects a task."""
    from qd213_rules.evaluation.occasions import org_subjects

    ctx = Context(facts, as_of, Policy())
    run = Run(ctx, matcher("python"), "en")
    orgs: dict[str, list[Any]] = {}
    for ob in run.org_obligations:
        for org in org_subjects(ctx, ob):
            orgs.setdefault(org, []).append(ob)
    subjects: list[parallel.Subject] = [("member", m, run.member_obligations) for m in ctx.active_members()]
    subjects += [("org", o, obs) for o, obs in sorted(orgs.items())]
    tasks = pack_tasks(shard_subjects(ctx, subjects), size)
    return run, subjects, [(task, run.evaluate_part([(p, subjects[p]) for p in task])) for task in tasks]


@pytest.mark.parametrize("size", [1, 3, 64])
def test_parts_sorted_by_workers_merge_into_report_order(size: int) -> None:
    """Parts sorted where they were computed (``sort_part``) and merged by runs of subjects give
    the results, object for object, that merging unsorted parts and sorting everything gives."""
    from qd213_rules.engine import sort_results
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    run, subjects, parts = _parts(facts, EXAMPLE_AS_OF, size)
    assert len(parts) > 1 or size == 64
    expected = parallel.merge_parts(run, subjects, parts)
    assert not run.in_report_order
    sort_results(expected)
    for positions, part in parts:
        parallel.sort_part(run, positions, subjects, part)
        assert part.order is not None and part.runs is not None
    # through the codec, as a worker sends them (results decoded again: compare fields)
    sent = [(positions, parallel.decode_part(parallel.encode_part(part))) for positions, part in parts]
    merged = parallel.merge_parts(run, subjects, sent)
    assert run.in_report_order
    assert [_fields(r) for r in merged] == [_fields(r) for r in expected]
    assert len({r.subject_id for r in merged}) == sum(len(part.runs or ()) for _, part in parts)


def test_a_part_with_a_result_about_another_subject_is_merged_unsorted() -> None:
    """A result about a subject its part did not evaluate: the part is left unsorted, and the
    merge gives the one-process order for the engine to sort (no run of a subject is split)."""
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    run, subjects, parts = _parts(facts, EXAMPLE_AS_OF, 3)
    expected = parallel.merge_parts(run, subjects, parts)
    (positions, first), (_, second) = parts[0], parts[1]
    stranger = next(r for results in second.session for r in results)
    first.session[0] = [*first.session[0], stranger]
    parallel.sort_part(run, positions, subjects, first)
    assert first.order is None
    for other_positions, part in parts[1:]:
        parallel.sort_part(run, other_positions, subjects, part)
    merged = parallel.merge_parts(run, subjects, parts)
    assert not run.in_report_order
    assert sorted(map(id, merged)) == sorted(map(id, [*expected, stranger]))


# -- the JSON report encoded by worker processes ----------------------------------------------------


def test_the_events_a_worker_read_as_state_reach_the_caller() -> None:
    """A review read as state (the one that fixed a member's date R) by a worker's evaluation is
    known to the caller, whose context never read it, so its unused-fact reason is the one a
    single process gives ("read_as_state", not "superseded")."""
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    worker, subjects, parts = _parts(facts, EXAMPLE_AS_OF, 1)
    read = [event_id for _, part in parts for event_id in part.state_used]
    assert read, "the example ward's members read some review as state"
    assert len(read) == len(set(read)) and set(read) == set(worker.ctx.state_used)  # each id sent once
    caller = Run(Context(facts, EXAMPLE_AS_OF, Policy()), matcher("python"), "en")
    assert not caller.ctx.state_used
    sent = [(positions, parallel.decode_part(parallel.encode_part(part))) for positions, part in parts]
    parallel.merge_parts(caller, subjects, sent)
    assert set(caller.ctx.state_used) == set(read)


@contextlib.contextmanager
def _tiny_blocks() -> Iterator[None]:
    """One result per batch, one batch per block: a small report is dealt round the processes."""
    from qd213_rules import jsonout

    saved = jsonout.RESULTS_PER_CHUNK, parallel.BLOCK_BATCHES
    jsonout.RESULTS_PER_CHUNK, parallel.BLOCK_BATCHES = 1, 1
    try:
        yield
    finally:
        jsonout.RESULTS_PER_CHUNK, parallel.BLOCK_BATCHES = saved


@settings(max_examples=10)
@given(fact_document_and_as_of(min_members=2, max_members=6))
def test_workers_write_the_json_report_of_one_process(pair: tuple[Doc, dt.date]) -> None:
    """``json_chunks(workers=N)`` gives the bytes of one process, for the whole report and for a
    selection, on documents with quiet cells and communes and members without any event."""
    doc, as_of = pair
    try:
        report = evaluate(FactSet.from_document(doc), as_of=as_of, lang="en", backend="python")
    except FactsError:
        return
    whole = report.to_json()
    some = list(report.results[1::2])
    with _tiny_blocks():
        for workers in (2, 3):
            assert "".join(report.json_chunks(workers=workers)) == whole
            assert "".join(report.json_chunks(some, workers=workers)) == "".join(report.json_chunks(some))


def test_a_failure_while_encoding_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    from qd213_rules import jsonout
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts

    report = evaluate(example_ward_facts(), as_of=EXAMPLE_AS_OF, lang="en", backend="python")
    parent = os.getpid()
    original = jsonout.results_json

    def failing(results: Any) -> bytes:
        if os.getpid() != parent:
            raise ValueError("boom while encoding")
        time.sleep(0.01)  # the caller claims blocks too: slowed, it leaves some to the children
        return original(results)

    monkeypatch.setattr(jsonout, "results_json", failing)
    with _tiny_blocks(), pytest.raises(ValueError, match="boom while encoding"):
        "".join(report.json_chunks(workers=2))


def test_a_writer_that_stops_early_leaves_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that goes away (``qd213 check … | head``) closes the chunks: the children end."""
    import multiprocessing

    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts

    report = evaluate(example_ward_facts(), as_of=EXAMPLE_AS_OF, lang="en", backend="python")
    with _tiny_blocks():
        chunks = report.json_chunks(workers=3)
        while '"result_id"' not in next(chunks):  # past the head: the children are at work
            pass
        next(chunks)
        assert len(multiprocessing.active_children()) == 2
        chunks.close()
    assert multiprocessing.active_children() == []


def test_a_workers_results_cross_without_the_message_text_their_maker_writes() -> None:
    """A result whose message the judge's maker writes when read crosses from a child as the
    maker's id, not its text (the child does not write it, the pipe does not carry it), and the
    caller's copy writes the same text with the same maker; a maker the caller does not share
    (not the run's) sends the text, as does a result that was given one."""
    from qd213_rules.evaluation.results import given_message
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document

    facts = FactSet.from_document(example_ward_document())
    one = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en")
    with _one_subject_per_task():
        two = evaluate(facts, as_of=EXAMPLE_AS_OF, lang="en", workers=2)
    assert two.to_json() == one.to_json()
    made = [given_message(r) is None for r in one.results]
    assert sum(made) > len(made) / 2
    assert [given_message(r) is None for r in two.results] == made  # the children's results too

    from qd213_rules.evaluation.results import message_slot

    run = Run(Context(facts, EXAMPLE_AS_OF, Policy()), matcher("python"), "en")
    makers = parallel.run_makers(run)
    assert list(makers.values()) and all(m is message_slot(r, Result) for r in one.results for m in makers.values()
                                          if given_message(r) is None)
    results = list(one.results)
    part = Part([results], [], [], {})
    back = parallel.decode_part(parallel.encode_part(part, makers), makers).session[0]
    assert [r.message for r in back] == [r.message for r in results]
    assert [given_message(r) is None for r in back] == made
    plain = parallel.decode_part(parallel.encode_part(part)).session[0]  # no makers shared: texts
    assert all(given_message(r) == r.message for r in plain) and plain == results
    strangers = parallel.decode_part(parallel.encode_part(part, {1: makers[next(iter(makers))]}), makers).session[0]
    assert all(given_message(r) == r.message for r in strangers) and strangers == results

"""Parallel evaluation: shards of subjects in worker processes, or on a Dask cluster (issue 7).

The durable-rules C core never releases the GIL (docs/durable-rules.md), so
parallelism comes from processes. ``evaluate(facts, workers=N)`` (:func:`qd213_rules.engine.evaluate`)
shards the subjects — the members living in one residence cell on ``as_of`` (members without a
residence cell by workplace cell), and each organisation subject on its own — and evaluates the
shards in N processes: the calling process and N − 1 forked children, each with its own
compiled ruleset (the matcher cache is keyed by process id). Shards are handed out one batch at
a time from a shared counter, so a slow shard does not hold up the others. The organisation
subjects, whose list reads the whole province, are listed by the caller after the fork, while
the children evaluate members; it sends their tasks to each child through a pipe.

Each process returns, per subject, exactly what one process would have computed (the judged
results, the derived and exempt-fill results of its members, and which unused-fact notes it
made first); :func:`merge_parts` puts them back in the single-process order, so the report is
byte-identical whatever the number of workers. Each process also sorts its parts into report
order (:func:`sort_part`), so that the caller merges runs of whole subjects instead of sorting
every result once the children are done. Waivers, unused facts and the report are then done
once, in the calling process.

``qd213 check --format json --workers N`` goes further (:func:`json_in_processes`, through
:func:`qd213_rules.engine.evaluate_to_json`): the process that evaluates a task also writes its
results' report text (:func:`json_part`), and sends its status counts and the events its
results cite instead of the results, so that the caller neither decodes the children's results
nor encodes them. A child keeps its text until the caller writes the report. Into a regular
file, every process writes its own texts at their offsets, all at once, from the lengths the
children sent with their parts (:meth:`JsonResults.write_into`); elsewhere (a pipe, a terminal,
a file opened to append) a child sends its text in report order (:class:`TextHolders`), and
the caller copies it to the output a subject's run at a time (:func:`assemble_json`,
:meth:`JsonResults.batches`): no process holds more of the report than it wrote. With two
workers and stdout alone, redirected to a regular file, the processes do not keep their text
at all (:func:`json_into_file`): the tasks are runs of consecutive subjects in report order,
the caller claims them from the front and the child from the back, and each writes its texts
into the file as it evaluates them, from a guessed place (the caller's region up from the
head's guessed end, the child's down from the results' guessed end); once they meet, a region
whose guess was wrong is moved once within the file, and the texts that did not fit between
the regions are written there. The process
that evaluated a subject some waiver names also applies that subject's waivers (the engine
hands it how: a waiver only ever matches results of the subject it names) and writes the
waived results' text; it sends the waivers' warnings, unused-reasons and problems, which the
caller puts together in the order one process gives them (the caller applied every waiver and
wrote those results itself, serial work after the last task).

Children are forked (they inherit the loaded facts without copying them); where ``fork`` is
not available (Windows) the evaluation runs in the calling process. Results come back to the
caller through a :mod:`multiprocessing` queue as :mod:`marshal` rows of plain values
(:func:`encode_part`; written and read in a third less time than pickled dataclasses). Only
our own processes write them; no input is ever unmarshalled or unpickled.

Dask: :func:`qd213_rules.cluster.evaluate_on_dask` runs the same shards on a
``distributed.Client`` through an :class:`Executor` (:func:`executing`) and merges them the same
way. This module sits below the engine: the engine hands it a run (:meth:`Run.evaluate_part`,
:meth:`Run.new_matcher`), and it imports nothing of the engine (docs/architecture.md).

>>> from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
>>> facts = example_ward_facts()
>>> from qd213_rules import evaluate
>>> one = evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python")
>>> two = evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python", workers=2)
>>> two.to_json() == one.to_json()
True
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import gc
import itertools
import marshal
import multiprocessing
import multiprocessing.connection as mp_connection
import multiprocessing.reduction as mp_reduction
import operator
import os
import pickle
import stat
import queue
import struct
import threading
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, cast

try:  # Unix: widens the pipes the JSON texts cross
    import fcntl
except ImportError:  # pragma: no cover - Windows, where nothing is forked
    fcntl = None  # type: ignore[assignment]

from .articles import Obligation
from .errors import EngineError, Problem, WorkerError
from .facts import DataWarning
from .evaluation.results import MessageMaker, Reason, Result, Status, bare_reason, given_id, message_slot, new_result
from . import jsonout
from .jsonout import FIRST_SEPARATOR, SEPARATOR, result_batches, results_json

if TYPE_CHECKING:
    from .engine import Run
    from .evaluation.context import Context

__all__ = ["evaluate_in_processes", "json_in_processes", "json_part", "encode_json_part", "decode_json_part",
           "assemble_json", "can_place", "json_into_file", "report_tasks", "Placed", "HeadLength", "JsonPart", "JsonResults", "TextHolders", "result_batches_in_processes", "shard_subjects", "pack_tasks", "merge_parts",
           "sort_part", "part_results", "encode_part", "decode_part", "run_makers", "Makers", "Part", "Executor", "executing", "paused_gc", "forking", "Subject",
           "Waive", "WaiverOutcome"]

Subject = tuple[str, str, list[Obligation]]
"""``(kind, subject id, obligations)`` as the engine lists them: kind ``member`` or ``org``."""

TASK_SUBJECTS = 64
"""Subjects per task handed to a worker (whole shards, about one durable-rules batch)."""


def shard_subjects(ctx: Context, subjects: Sequence[Subject]) -> list[list[int]]:
    """Positions of ``subjects`` grouped into shards: members by residence cell on ``as_of``
    (else by workplace cell), each organisation alone; shards in order of their first subject."""
    groups: dict[tuple[str, str], list[int]] = {}
    for position, (kind, subject, _) in enumerate(subjects):
        if kind == "member":
            day = min(ctx.end_date(subject) or ctx.as_of, ctx.as_of)
            cell = ctx.residence_cell(subject, day)
            key = ("residence", cell) if cell is not None else ("workplace", ctx.workplace_cell(subject, day))
        else:
            key = ("org", subject)
        groups.setdefault(key, []).append(position)
    return list(groups.values())


def pack_tasks(shards: Sequence[list[int]], size: int | None = None) -> list[list[int]]:
    """Whole shards packed into tasks of about ``size`` (:data:`TASK_SUBJECTS`) subjects, largest first."""
    size = size or TASK_SUBJECTS
    tasks: list[list[int]] = []
    current: list[int] = []
    for shard in shards:
        if current and len(current) + len(shard) > size:
            tasks.append(current)
            current = []
        current = current + shard
    if current:
        tasks.append(current)
    tasks.sort(key=len, reverse=True)  # stable: equal sizes keep their order
    return tasks


# -- moving results between processes ---------------------------------------------------------------

_FROM_ORDINAL = dt.date.fromordinal


def _result_row(r: Result, makers: Makers | None = None) -> tuple[Any, ...]:
    reason = r.reason
    params = reason.params
    due = r.due_date
    fulfilled = r.fulfilled_on
    return (
        given_id(r), r.obligation_id, r.kind, r.citation, r.subject_type, r.subject_id, r.bearer_id, r.period,
        r.trigger_event_id, r.status._value_, due.toordinal() if due else 0,
        fulfilled.toordinal() if fulfilled else 0, r.evidence, reason.code,
        _params_row(params) if params else None, r.extension, r.derived_from,
        _message_row(r, makers), pickle.dumps(r.trace, protocol=pickle.HIGHEST_PROTOCOL) if r.trace is not None else None,
    )  # fmt: skip


def _params_row(params: dict[str, Any]) -> dict[str, Any] | bytes:
    for value in params.values():
        if type(value) is not str:  # dates, lists (rare): pickled
            return pickle.dumps(params, protocol=pickle.HIGHEST_PROTOCOL)
    # nearly always: marshal carries it as it is, but not a reason's shared read-only params
    # (results.shared_reason), a dict of another type
    return params if type(params) is dict else dict(params)


Makers = dict[int, MessageMaker]
"""The message makers a forked child and its caller share, by ``id`` (:func:`run_makers`)."""


def run_makers(run: Run) -> Makers:
    """The :class:`~qd213_rules.evaluation.results.MessageMaker` objects ``run``'s judge holds,
    by ``id``. A child forked after they were made has them at the same address, so a result
    whose message one of them writes crosses as the maker's ``id`` instead of its text: the
    child does not write the text, the pipe does not carry it, and the caller's copy of the
    result writes it when it is read, as the caller's own results do (about a fifth of what
    crossing a result costs, and the memory of a string per result)."""
    judge = run.judge
    found: Makers = {}
    for name in getattr(type(judge), "__slots__", ()):
        value = getattr(judge, name, None)
        if isinstance(value, MessageMaker):
            found[id(value)] = value
    return found


def _message_row(r: Result, makers: Makers | None) -> str | int:
    if makers:
        maker = message_slot(r, Result)
        if type(maker) is not str and makers.get(id(maker)) is maker:
            return id(maker)
    return r.message


def _result_of(row: tuple[Any, ...], makers: Makers | None = None) -> Result:
    (result_id, obligation_id, kind, citation, subject_type, subject_id, bearer_id, period, trigger_event_id, status,
     due, fulfilled, evidence, code, params, extension, derived_from, message, trace) = row  # fmt: skip
    reason = bare_reason(code) if params is None else Reason(code, pickle.loads(params) if type(params) is bytes else params)
    return new_result(result_id, obligation_id, kind, citation, subject_type, subject_id, bearer_id, period,
                      trigger_event_id, _STATUSES[status], _FROM_ORDINAL(due) if due else None,
                      _FROM_ORDINAL(fulfilled) if fulfilled else None, evidence, reason, extension, derived_from,
                      message if type(message) is str else makers[message] if makers else _no_maker(message),
                      pickle.loads(trace) if trace is not None else None)  # fmt: skip


def _no_maker(message: Any) -> str:
    raise EngineError(f"a worker's result names message maker {message!r}, which its caller does not know")


_STATUSES = {status.value: status for status in Status}


@dataclass
class Part:
    """What :meth:`qd213_rules.engine.Run.evaluate_part` computed for some subjects: per
    subject its judged results, then the derived and exempt-fill results of the member
    subjects, and which unused-fact notes each position made first (event id → (position,
    reason)). It lives here, below the engine, because it is what crosses between processes."""

    session: list[list[Result]]
    derived: list[Result]
    exempt: list[Result]
    first_notes: dict[str, tuple[int, str]]
    order: list[int] | None = None
    """The report order of the part's results (:func:`sort_part`): positions in :func:`part_results`."""
    runs: list[tuple[str, int]] | None = None
    """Each subject's run of results in that order: its id and how many."""
    state_used: list[str] = field(default_factory=list)
    """The events the part's evaluation read as state that its process had not read before
    (``Context.state_used``): the caller adds them to its own context for the unused facts."""


def encode_part(part: Part, makers: Makers | None = None) -> bytes:
    """A worker's part as :mod:`marshal` bytes of plain tuples (about twice as fast to write and
    read as pickled dataclasses, which is most of what parallel evaluation loses). ``makers``:
    the message makers the reading process shares (:func:`run_makers`; only between a forked
    child and its caller), whose results cross without their text. Only our own processes read
    them: never input."""
    rows = ([[_result_row(r, makers) for r in results] for results in part.session],
            [_result_row(r, makers) for r in part.derived], [_result_row(r, makers) for r in part.exempt],
            part.first_notes, part.order, part.runs, part.state_used)  # fmt: skip
    return marshal.dumps(rows)


def decode_part(blob: bytes, makers: Makers | None = None) -> Part:
    """The part :func:`encode_part` wrote (with the same ``makers``, by ``id``)."""
    session, derived, exempt, first_notes, order, runs, state_used = marshal.loads(blob)
    return Part([[_result_of(row, makers) for row in results] for results in session],
                [_result_of(row, makers) for row in derived], [_result_of(row, makers) for row in exempt],
                first_notes, order, runs, state_used)  # fmt: skip


def part_results(
    positions: Sequence[int], subjects: Sequence[Subject], part: Part, *, check: bool = False
) -> list[Result] | None:
    """The part's results in the order one process gives them (:func:`merge_parts`), restricted
    to the part's subjects. With ``check``: None when a result is about a subject the part did not
    evaluate (a session's result about another subject; a derived or exempt-fill result about
    none of the part's members), since only a merge of every part can place those."""
    out: list[Result] = []
    members: list[str] = []
    for i in sorted(range(len(positions)), key=positions.__getitem__):
        kind, subject, _ = subjects[positions[i]]
        results = part.session[i]
        # in C: a generator step per result was most of this check
        if check and any(map(operator.ne, map(_SUBJECT_OF, results), itertools.repeat(subject))):
            return None
        out += results
        if kind == "member":
            members.append(subject)
    for extra in (part.derived, part.exempt):
        by_member: dict[str, list[Result]] = defaultdict(list)
        for result in extra:
            by_member[result.subject_id].append(result)
        if check and not by_member.keys() <= set(members):
            return None
        out += [r for member in members for r in by_member.get(member, ())]
    return out


def sort_part(run: Run, positions: Sequence[int], subjects: Sequence[Subject], part: Part) -> None:
    """Set ``part.order`` and ``part.runs``: the part's results in report order, in the worker,
    so that the caller merges runs of whole subjects instead of sorting every result again
    (:func:`merge_parts`). Only when every result of the part is about one of its subjects: then
    each subject's results are all in one part, and sorted there as in the whole list."""
    flat = part_results(positions, subjects, part, check=True)
    if flat is None:
        return
    ordered = list(flat)
    part.runs = _sorted_runs(run, ordered)
    index = {id(result): i for i, result in enumerate(flat)}
    part.order = [index[id(result)] for result in ordered]


def _sorted_runs(run: Run, results: list[Result]) -> list[tuple[str, int]]:
    """Sort ``results`` (a part's, every one about one of its subjects) in place in report
    order; each subject's run of them: its id and how many."""
    run.sort_results(results)
    return [(subject, len(list(group))) for subject, group in itertools.groupby(results, _SUBJECT_OF)]  # counted in C


_SUBJECT_OF = operator.attrgetter("subject_id")


def _merge_sorted(subjects: Sequence[Subject], parts: Sequence[tuple[list[int], Part]]) -> list[Result] | None:
    """Every part's results in report order, by merging the parts' runs of whole subjects: None
    unless every part was sorted by :func:`sort_part` and no subject has runs in two parts."""
    runs: list[tuple[str, int, int, int]] = []
    ordered: list[list[Result]] = []
    for number, (positions, part) in enumerate(parts):
        if part.order is None or part.runs is None:
            return None
        flat = part_results(positions, subjects, part)
        assert flat is not None
        ordered.append([flat[i] for i in part.order])
        start = 0
        for subject, count in part.runs:
            runs.append((subject, number, start, start + count))
            start += count
    runs.sort()
    if any(a[0] == b[0] for a, b in zip(runs, itertools.islice(runs, 1, None))):
        return None
    out: list[Result] = []
    for _, number, start, end in runs:
        out += ordered[number][start:end]
    return out


def merge_parts(run: Run, subjects: Sequence[Subject], parts: Sequence[tuple[list[int], Part]]) -> list[Result]:
    """The results in the order one process produces them, and ``run.unused_reasons`` as one
    process would have noted them (the first subject to note an event wins). When every part was
    sorted by its worker (:func:`sort_part`), the results in report order instead, and
    ``run.in_report_order`` is set: the caller need not sort them again."""
    session: dict[int, list[Result]] = {}
    derived: dict[str, list[Result]] = defaultdict(list)
    exempt: dict[str, list[Result]] = defaultdict(list)
    for positions, part in parts:
        for position, results in zip(positions, part.session):
            session[position] = results
        for result in part.derived:
            derived[result.subject_id].append(result)
        for result in part.exempt:
            exempt[result.subject_id].append(result)
    missing = [p for p in range(len(subjects)) if p not in session]
    if missing:
        raise EngineError(f"parallel evaluation lost {len(missing)} subjects (first: {subjects[missing[0]][1]})")
    _merge_notes(run, parts)
    merged = _merge_sorted(subjects, parts)
    if merged is not None:
        run.in_report_order = True
        return merged
    members = [subject for kind, subject, _ in subjects if kind == "member"]
    out = [r for position in range(len(subjects)) for r in session[position]]
    out += [r for member in members for r in derived.get(member, ())]
    out += [r for member in members for r in exempt.get(member, ())]
    return out


# -- garbage collection ------------------------------------------------------------------------------

_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False
_gc_freeze = False


@contextlib.contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while the block runs (re-entrant, thread-safe): opt-in.

    An evaluation allocates millions of small objects that live until the report is built.
    With the collector on, it keeps traversing them — and regularly the whole heap, the loaded
    fact set included — which at province scale costs as much as the evaluation itself (and
    makes unpickling a worker's results five times slower). The fact set, the context and the
    report hold no reference cycles, so reference counting frees them without the collector.

    The collector is the host's, so the library never pauses it on its own in the caller's
    process: :func:`~qd213_rules.engine.evaluate` and :func:`~qd213_rules.stream.check_stream`
    leave it as they find it. The processes the library forks pause it, and so does the CLI,
    which owns its process. A host may opt in around its calls::

        with paused_gc():
            report = evaluate(facts)

    ``freeze=True`` (the CLI's choice) also moves the objects alive when the outermost pause ends
    to the permanent generation (:func:`gc.freeze`) before switching the collector back on, so
    that its next run does not traverse every result once more. That freezes every object of
    the process, reference cycles included (they wait for :func:`gc.unfreeze`): only for a
    process whose objects are all the caller's own.
    """
    global _gc_pauses, _gc_was_enabled, _gc_freeze
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            _gc_freeze = freeze
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                if _gc_freeze:
                    gc.freeze()
                gc.enable()


# -- processes --------------------------------------------------------------------------------------

class Executor(Protocol):
    """Evaluates the subjects of a run elsewhere (:mod:`qd213_rules.cluster`: on Dask)."""

    def evaluate(self, run: Run, subjects: list[Subject]) -> list[Result]: ...


_EXECUTOR: contextvars.ContextVar[Executor | None] = contextvars.ContextVar("qd213_executor", default=None)


@contextlib.contextmanager
def executing(executor: Executor) -> Iterator[None]:
    """Evaluations with workers in this context (thread, task) hand their subjects to
    ``executor`` instead of forking processes."""
    token = _EXECUTOR.set(executor)
    try:
        yield
    finally:
        _EXECUTOR.reset(token)

# set in the calling process just before forking: the children read them (fork copies memory)
_FORKED: dict[str, Any] = {}
_fork_lock = threading.Lock()


def failure_payload(exc: BaseException) -> bytes:
    """A worker's exception for the caller: pickled as it was raised, with the worker's
    traceback as a note; if it cannot be pickled, a :class:`WorkerError` naming its type and
    message. Only our own processes write and read these bytes: never input."""
    detail = "".join(traceback.format_exception(exc))
    try:
        exc.add_note(f"raised in a worker process (pid {os.getpid()}):\n{detail}")
        blob = pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(blob)  # what cannot be rebuilt must not reach the caller
        return blob
    except Exception:  # noqa: BLE001 - any exception, even one that cannot be pickled, comes back
        fallback = WorkerError(f"a worker process failed: {type(exc).__name__}: {exc}\n{detail}")
        return pickle.dumps(fallback, protocol=pickle.HIGHEST_PROTOCOL)


def raised_in_worker(payload: bytes) -> BaseException:
    """The exception :func:`failure_payload` packed, to raise again in the caller."""
    exc = pickle.loads(payload)
    return exc if isinstance(exc, BaseException) else WorkerError(f"a worker process failed: {exc!r}")


@contextlib.contextmanager
def forking(store: dict[str, Any], **values: Any) -> Iterator[None]:
    """``store`` holds ``values`` while the block forks children (they read them from their
    copy of memory: nothing is pickled). One forking evaluation at a time in the process —
    evaluations with workers and streaming checks with workers share this lock — so that no
    thread's children read another's values."""
    with _fork_lock:
        store.update(values)
        try:
            yield
        finally:
            store.clear()


def _claim(counter: Any, total: int) -> int | None:
    with counter.get_lock():
        index = int(counter.value)
        if index >= total:
            return None
        counter.value = index + 1
    return index


def _child(counter: Any, results: Any, later: Any, holding: _Holding | None = None) -> None:
    """A forked worker: its own matcher, then tasks until none are left. ``later``: where the
    caller sends the tasks it had still to list when it forked (:func:`_more_tasks`), or None.
    ``holding``: the child keeps the report text it writes and sends it when the caller writes
    the report (:func:`_serve_texts`), instead of sending it with each part."""
    run: Run = _FORKED["run"]
    subjects: list[Subject] = _FORKED["subjects"]
    tasks: list[list[int]] = _FORKED["tasks"]
    waived: Container[str] | None = _FORKED["waived"]
    gc.disable()  # a process of our own: see paused_gc
    for end in _FORKED.get("caller_ends", ()):  # the caller's ends of every pipe forked so far:
        _close_end(end)  # held here too, a pipe would never tell this child that the caller is gone
    makers = run_makers(run)  # made before the fork: the caller has them at the same addresses
    waive: Waive | None = _FORKED.get("waive")
    held: list[bytes] | None = [] if holding is not None else None
    try:
        run.new_matcher()  # a C ruleset handle must not cross fork
        while (index := _claim(counter, len(tasks) if later is None else _UNKNOWN)) is not None:
            if later is not None and index >= len(tasks):
                _add_tasks(run, subjects, tasks, later.recv_bytes())
                later.close()
                later = None
                if index >= len(tasks):
                    break
            run.unused_reasons.clear()
            part = run.evaluate_part([(p, subjects[p]) for p in tasks[index]])
            text = json_part(tasks[index], subjects, part, waived, waive, run) if waived is not None else None
            if text is not None:
                if held is not None and holding is not None:
                    text = _hold_texts(text, held, holding.number)
                results.put(("json", index, encode_json_part(text, makers)))
            else:  # the part crosses to the caller: sorted with the positions it merges by
                sort_part(run, tasks[index], subjects, part)
                results.put(("ok", index, encode_part(part, makers)))
    except BaseException as exc:  # noqa: BLE001 - reported to the caller, who raises it again
        results.put(("error", -1, failure_payload(exc)))
        held = None
    finally:
        results.close()
        results.join_thread()
    if held is not None and holding is not None:
        _serve_texts(held, holding)


_UNKNOWN = 1 << 62
"""How many tasks a child claims from before it knows them all (``later`` of :func:`evaluate_in_processes`)."""


def _more_tasks(run: Run, subjects: list[Subject], later: Sequence[Subject]) -> tuple[list[list[int]], bytes]:
    """The tasks of the subjects ``later`` adds after ``subjects``, and what tells a child of
    them (:func:`_add_tasks`): ids and duty ids, as :mod:`marshal` bytes."""
    offset = len(subjects)
    tasks = [[offset + p for p in task] for task in pack_tasks(shard_subjects(run.ctx, later))]
    listed = [(kind, subject, [ob.id for ob in obligations]) for kind, subject, obligations in later]
    return tasks, marshal.dumps((listed, tasks))


def _send_and_close(sender: mp_connection.Connection, blob: bytes) -> None:
    """Send ``blob`` to a child through its pipe, then close it (in a thread of the caller)."""
    with contextlib.suppress(OSError):  # a child that died is reported by the caller
        sender.send_bytes(blob)
    sender.close()


def _add_tasks(run: Run, subjects: list[Subject], tasks: list[list[int]], blob: bytes) -> None:
    """Add the subjects and tasks :func:`_more_tasks` described (in a child)."""
    listed, more = marshal.loads(blob)
    duties = {ob.id: ob for ob in (*run.member_obligations, *run.org_obligations)}
    subjects.extend((kind, subject, [duties[i] for i in ids]) for kind, subject, ids in listed)
    tasks.extend(more)


def evaluate_in_processes(
    run: Run, subjects: list[Subject], workers: int, *, later: Callable[[], list[Subject]] | None = None
) -> list[Result]:
    """The results of ``subjects`` computed by ``workers`` processes (see the module docs), and
    of the subjects ``later`` lists after them: the caller lists those (the organisations, whose
    list reads the whole province) once the children are evaluating the first ones, and sends
    them their tasks; the order of the results is that of ``subjects + later()``."""
    executor = _EXECUTOR.get()
    subjects = list(subjects)
    tasks = pack_tasks(shard_subjects(run.ctx, subjects))
    forks = "fork" in multiprocessing.get_all_start_methods()
    if later is not None and (executor is not None or not forks or len(tasks) < 2):
        subjects += later()
        later = None
        tasks = pack_tasks(shard_subjects(run.ctx, subjects))
    if executor is not None:
        return executor.evaluate(run, subjects)
    if not forks or (len(tasks) < 2 and later is None):
        part = run.evaluate_part(list(enumerate(subjects)))
        return merge_parts(run, subjects, [(list(range(len(subjects))), part)])
    parts, _ = _run_tasks(run, subjects, tasks, workers, later, None)
    return merge_parts(run, subjects, [(positions, part) for positions, part in parts if isinstance(part, Part)])


def json_in_processes(
    run: Run, subjects: list[Subject], workers: int, waived: Container[str],
    *, later: Callable[[], list[Subject]] | None = None, waive: Waive | None = None,
) -> JsonResults | None:
    """What :func:`evaluate_in_processes` computes, written as report text by the process that
    evaluated it (:func:`json_part`): the caller keeps the counts, the cited events and what
    applying the waivers of the subjects in ``waived`` (which a waiver names) gave besides their
    results — with ``waive``, each process applies those of the subjects it evaluated; without,
    their results are kept for the caller to apply them —, and copies the text in report order
    (:func:`assemble_json`).
    None where that cannot be done — no ``fork``, a Dask executor, or a part with a result about
    a subject it did not evaluate (only a merge of every part can place it) — and the caller
    evaluates again the ordinary way (:func:`evaluate_in_processes`), with a fresh run."""
    if _EXECUTOR.get() is not None or "fork" not in multiprocessing.get_all_start_methods():
        return None
    subjects = list(subjects)
    tasks = pack_tasks(shard_subjects(run.ctx, subjects))
    if later is not None and len(tasks) < 2:
        subjects += later()
        later = None
        tasks = pack_tasks(shard_subjects(run.ctx, subjects))
    parts, holders = _run_tasks(run, subjects, tasks, workers, later, waived, waive)
    try:
        written = assemble_json(run, subjects, parts, holders)
    except BaseException:
        if holders is not None:
            holders.close(kill=True)
        raise
    if written is None and holders is not None:
        holders.close()
    return written


def _run_tasks(
    run: Run, subjects: list[Subject], tasks: list[list[int]], workers: int,
    later: Callable[[], list[Subject]] | None, waived: Container[str] | None, waive: Waive | None = None,
) -> tuple[list[tuple[list[int], Part | JsonPart]], TextHolders | None]:
    """Every task evaluated by the caller and ``workers`` − 1 forked children: each part with
    its positions, as a :class:`JsonPart` when ``waived`` is given and the part allows it
    (:func:`json_part`), else as a :class:`Part`. ``subjects`` and ``tasks`` grow by what
    ``later`` lists. With ``waived``, the children keep the text they wrote (their parts name
    it by number) and wait, alive, for the caller to ask for it: the :class:`TextHolders`
    returned, which the caller must close (None when no child was forked)."""
    context = multiprocessing.get_context("fork")
    counter = context.Value("l", 0)
    results = context.Queue()
    children = []
    senders: list[mp_connection.Connection] = []  # the tasks listed later go to each child through its pipe
    sendings: list[threading.Thread] = []
    commands: list[mp_connection.Connection] = []  # with waived: what each child is asked to send
    readers: list[int] = []  # with waived: where each child sends its text
    caller_ends: list[Any] = []  # every pipe end a child must close (see _child)
    with forking(_FORKED, run=run, subjects=subjects, tasks=tasks, waived=waived, waive=waive, caller_ends=caller_ends):
        for number in range(workers - 1 if later is not None else min(workers, len(tasks)) - 1):
            receiver: mp_connection.Connection | None = None
            if later is not None:
                receiver, sender = context.Pipe(duplex=False)
                senders.append(sender)
                caller_ends.append(sender)
            holding: _Holding | None = None
            if waived is not None:
                # both ways (a socket pair): the caller sends commands and the output file's
                # descriptor (:meth:`TextHolders.write`), the child confirms what it wrote
                asked, asking = context.Pipe(duplex=True)
                reader, writer = os.pipe()
                _widen(writer)
                commands.append(asking)
                readers.append(reader)
                caller_ends += (asking, reader)
                holding = _Holding(number, asked, writer)
            child = context.Process(target=_child, args=(counter, results, receiver, holding), daemon=True)
            try:
                child.start()
            finally:  # the child's ends: a child that dies ends the caller's reads (EOF)
                if receiver is not None:
                    receiver.close()
                if holding is not None:
                    holding.commands.close()
                    os.close(holding.writer)
            children.append(child)
    holders = TextHolders(children, commands, readers) if waived is not None and children else None
    parts: list[tuple[list[int], Part | JsonPart]] = []
    mine: dict[str, str] = dict(run.unused_reasons)
    makers = run_makers(run)

    def receive(timeout: float | None) -> bool:
        """Take one child's result (unpickling it here); False when none came in time."""
        try:
            status, index, payload = results.get(timeout=timeout) if timeout else results.get_nowait()
        except queue.Empty:
            # a child that holds its text lives until the caller closes it: one ended is one failed
            ended = any if holders is not None else all
            if timeout and ended(not child.is_alive() for child in children) and results.empty():
                codes = [child.exitcode for child in children]
                raise WorkerError(f"a worker process died (exit codes {codes})") from None
            return False
        if status == "error":
            raise raised_in_worker(payload)
        parts.append((tasks[index], decode_json_part(payload, makers) if status == "json" else decode_part(payload, makers)))
        return True

    try:
        if later is not None:
            more = later()
            extra, blob = _more_tasks(run, subjects, more)
            subjects += more
            tasks += extra
            # each from a thread of its own: a child reads its pipe only once it has run out of
            # member tasks, and a province's list (a few hundred kB) does not fit in a pipe's
            # buffer, so sending it here would hold the caller until then, and the children
            # would evaluate every member alone
            for sender in senders:
                sending = threading.Thread(target=_send_and_close, args=(sender, blob), daemon=True)
                sending.start()
                sendings.append(sending)
        # the report needs the input digest (input_sha256), which reads every fact, and the data
        # warnings: made here, while the children evaluate, they are more tasks of the parallel
        # part instead of serial work after it or before the fork (the children claim the tasks
        # the caller has no time for)
        run.ctx.facts.digest()
        run.ctx.facts.warnings  # noqa: B018 - made when first read (FactSet.warnings)
        # the calling process works too (with N workers, N − 1 children), and decodes the
        # children's results between its own tasks, while they keep computing
        while (index := _claim(counter, len(tasks))) is not None:
            run.unused_reasons.clear()
            part = run.evaluate_part([(p, subjects[p]) for p in tasks[index]])
            text = json_part(tasks[index], subjects, part, waived, waive, run) if waived is not None else None
            if text is None:
                sort_part(run, tasks[index], subjects, part)
            parts.append((tasks[index], text if text is not None else part))
            while receive(None):
                pass
        while len(parts) < len(tasks):
            receive(1.0)
    except BaseException:
        if holders is not None:
            holders.close(kill=True)
        raise
    finally:
        for child in children:
            if child.is_alive() and len(parts) < len(tasks):
                child.terminate()
            if holders is None:  # else: alive until the caller has its text (holders.close)
                child.join()
        for sending in sendings:  # done: each child read its pipe, or ended and closed it
            sending.join()
        results.close()
    run.unused_reasons.clear()
    run.unused_reasons.update(mine)
    return parts, holders


# -- the report text written where the results are ------------------------------------------------

_TRIGGER = operator.attrgetter("trigger_event_id")
_EVIDENCE = operator.attrgetter("evidence")
_STATUS_VALUE = operator.attrgetter("status._value_")
_KIND = operator.attrgetter("kind")


WaiverOutcome = tuple[list[DataWarning], dict[str, str], list[Problem]]
"""What applying one subject's waivers gave besides its results
(:func:`~qd213_rules.evaluation.waivers.apply_waivers_by_subject` of that subject alone): the
waiver warnings, the unused-reasons of waivers, and the problems it raised (none when it did
not)."""


@dataclass
class JsonPart:
    """A part as its report text (:func:`json_part`): per subject's run of results, in report
    order, its text (:func:`~qd213_rules.jsonout.results_json`), or None for a subject some
    waiver names, whose results are ``kept`` as they are (in the same order) when the part's
    process did not apply its waivers; and what the caller needs of the written results: how
    many per (status, derived) — the summary and the exit code —, the events they cite (the
    unused facts), the notes and state events of :class:`Part`, and per subject whose waivers
    the part's process applied, what that gave besides the results (``waivers``).
    ``holder``: the number of the child that keeps the texts, which are then the numbers it
    knows them by and their lengths (:func:`_hold_texts`); -1 when the texts are here."""

    runs: list[tuple[str, int]]
    texts: list[bytes | tuple[int, int] | None]
    kept: list[Result]
    counts: dict[tuple[str, bool], int]
    cited: list[str]
    first_notes: dict[str, tuple[int, str]]
    state_used: list[str]
    holder: int = -1
    waivers: dict[str, WaiverOutcome] = field(default_factory=dict)


Waive = Callable[[str, list[Result]], tuple[list[Result], WaiverOutcome]]
"""Applies one subject's waivers to its results, in the process that evaluated them: the
waived results and a :data:`WaiverOutcome` (the engine's ``_waive_subject``)."""


def json_part(
    positions: Sequence[int], subjects: Sequence[Subject], part: Part, waived: Container[str], waive: Waive | None = None,
    run: Run | None = None,
) -> JsonPart | None:
    """``part`` as a :class:`JsonPart`: sorted by :func:`sort_part`, or, given the ``run`` that
    evaluated it, sorted here (the positions :func:`sort_part` keeps are for a part that crosses
    between processes; the text is written where the part was evaluated and never needs them).
    None when it is not sorted or cannot be (a result about a subject it did not evaluate). The
    results of a subject in ``waived`` (a waiver names it) are ``kept`` for the caller to apply
    the waivers to; with ``waive``, this process applies them and writes the text (work the
    caller did alone after the last task)."""
    flat = part_results(positions, subjects, part, check=part.order is None)
    if flat is None:
        return None
    if part.order is not None and part.runs is not None:
        ordered, runs = [flat[i] for i in part.order], part.runs
    elif run is not None:
        ordered, runs = flat, _sorted_runs(run, flat)
    else:
        return None
    texts: list[bytes | tuple[int, int] | None] = []
    kept: list[Result] = []
    written: list[Result] = []
    outcomes: dict[str, WaiverOutcome] = {}
    start = 0
    for subject, count in runs:
        results = ordered[start : start + count]
        start += count
        if subject in waived:  # its waivers may change some of these results
            if waive is None:  # the caller applies them and writes these
                texts.append(None)
                kept += results
                continue
            results, outcomes[subject] = waive(subject, results)
        texts.append(results_json(results))
        written += results
    # counted and their events gathered once for the part, each in one pass in C
    counts = Counter(zip(map(_STATUS_VALUE, written), map(operator.eq, map(_KIND, written), itertools.repeat("derived"))))
    cited: set[str | None] = set(map(_TRIGGER, written))
    cited.update(itertools.chain.from_iterable(map(_EVIDENCE, written)))
    cited.discard(None)  # so every id left is a str: listed in C, not tested one by one
    return JsonPart(runs, texts, kept, dict(counts), cast("list[str]", list(cited)),
                    part.first_notes, part.state_used, waivers=outcomes)  # fmt: skip


def encode_json_part(part: JsonPart, makers: Makers | None = None) -> bytes:
    """A :class:`JsonPart` as :mod:`marshal` bytes (its kept results as :func:`encode_part` writes
    them; the waivers' warnings and problems pickled: only our own processes read them)."""
    outcomes = pickle.dumps(part.waivers, protocol=pickle.HIGHEST_PROTOCOL) if part.waivers else None
    return marshal.dumps((part.runs, part.texts, [_result_row(r, makers) for r in part.kept], part.counts,
                          part.cited, part.first_notes, part.state_used, part.holder, outcomes))  # fmt: skip


def decode_json_part(blob: bytes, makers: Makers | None = None) -> JsonPart:
    """The part :func:`encode_json_part` wrote (with the same ``makers``)."""
    runs, texts, kept, counts, cited, first_notes, state_used, holder, outcomes = marshal.loads(blob)
    return JsonPart([tuple(run) for run in runs], texts, [_result_of(row, makers) for row in kept], counts, cited,
                    first_notes, state_used, holder, pickle.loads(outcomes) if outcomes is not None else {})  # fmt: skip


@dataclass
class JsonResults:
    """A whole evaluation's results as report text, in report order (:func:`assemble_json`):
    ``pieces`` are texts, lists of the results the caller holds (the subjects some waiver
    names), or ``(child, number, length)``: a text that child holds (``holders``) and sends
    when :meth:`batches` reaches it, or writes into an output file itself (:meth:`write_into`);
    ``counts`` per (status value, derived) and the events ``cited``, of the texts. :meth:`close`
    once the report is written: it lets the children end."""

    pieces: list[bytes | list[Result] | tuple[int, int, int]]
    counts: Counter[tuple[str, bool]]
    cited: set[str]
    holders: TextHolders | None = None
    waivers: dict[str, WaiverOutcome] = field(default_factory=dict)
    """Per subject whose waivers the process that evaluated it applied, what that gave besides its results."""
    placed: Placed | None = None
    """Where :func:`json_into_file` wrote the texts into the output file (then ``pieces`` is empty):
    :meth:`write_into` that file puts the document around them; :meth:`batches` cannot be read."""
    uncited: set[str] | None = None
    """The ids of the events no text cites, when known (:func:`json_into_file`: then ``cited``
    holds none of the texts' citations)."""
    ending: Any = None
    """The child of :func:`json_into_file`, which sent all it had and is ending: waited for by
    :meth:`close`, so that its exit (the system taking back its memory) goes on while the
    caller finishes the report instead of before."""

    def kept(self) -> list[Result]:
        """The results the caller holds, in report order."""
        return [r for piece in self.pieces if type(piece) is list for r in piece]

    def replace_kept(self, results: Sequence[Result]) -> None:
        """Put ``results`` (:meth:`kept` after the waivers, one for one) in their places, and
        count them and the events they cite."""
        rest = iter(results)
        for i, piece in enumerate(self.pieces):
            if type(piece) is list:
                self.pieces[i] = [next(rest) for _ in piece]
        self.counts.update([(r.status._value_, r.kind == "derived") for r in results])
        self.cited.update(r.trigger_event_id for r in results if r.trigger_event_id is not None)
        self.cited.update(itertools.chain.from_iterable(r.evidence for r in results))

    def batches(self) -> Iterator[bytes]:
        """The results' text, a subject's run at a time (what :func:`~qd213_rules.jsonout.result_batches`
        gives, cut elsewhere: the same bytes once joined by :func:`~qd213_rules.jsonout.document_chunks`).
        A text a child holds is read from its pipe when its turn comes, so the caller holds one
        such text at a time, never the report. Each call reads every text again (one per output);
        a call given up before its end closes the children (their pipes hold the rest)."""
        if self.placed is not None:
            raise EngineError("the report's text is in the output file it was written into, not in the workers")
        holders = self.holders
        if holders is not None:
            wanted: defaultdict[int, list[int]] = defaultdict(list)
            for piece in self.pieces:
                if type(piece) is tuple:
                    wanted[piece[0]].append(piece[1])
            holders.ask(wanted)
        finished = False
        try:
            for piece in self.pieces:
                if type(piece) is bytes:
                    yield piece
                elif type(piece) is tuple:
                    assert holders is not None
                    yield holders.text(piece[0], piece[1])
                elif piece:
                    yield results_json(piece)  # type: ignore[arg-type]
            finished = True
        finally:
            if not finished and holders is not None:
                holders.close(kill=True)

    def write_into(self, fd: int, frame: Callable[[bool], tuple[bytes, bytes]]) -> bool:
        """The whole document written into the regular file open as ``fd`` from its current
        position, each text by the process that holds it, at its place (:func:`os.pwritev`),
        all at once: ``frame(empty)`` gives the document before and after the results' text
        (``empty``: there is none). Then ``fd``'s position is the document's end, and the file
        ends there. False, and nothing written, when ``fd`` is not a regular file that takes
        writes at offsets (a pipe, a terminal, a file opened to append, where the kernel writes
        at the end whatever the offset): then write :meth:`batches`.

        The caller works out every text's offset from the lengths the children sent with their
        parts, hands each child its offsets and the file (its descriptor, through the socket it
        is asked through), writes the document's head and its own texts meanwhile, waits for
        every child to confirm, and writes the document's end last: the children's text never
        crosses a pipe, and the file never ends as a whole document before every text is in.
        If a process fails, the file is cut after ``"results": [`` (what a writer in order
        leaves when its first text fails: no JSON document, no unwritten gap) and the error
        raised; a child that died is a :class:`~qd213_rules.errors.WorkerError`."""
        if self.placed is not None:
            _write_placed(self.placed, fd, frame)
            return True
        if not _takes_offsets(fd):
            return False
        holders = self.holders
        if holders is not None:
            holders.check_open()
        base = os.lseek(fd, 0, os.SEEK_CUR)
        has_text = any(type(piece) is not list or piece for piece in self.pieces)
        head, tail = frame(not has_text)
        opening = base + len(head)
        mine: list[tuple[int, bool, bytes]] = [(base, False, head + FIRST_SEPARATOR if has_text else head)]
        theirs: dict[int, tuple[list[int], list[int], bool]] = {}
        position = mine[0][0] + len(mine[0][2])
        separated = False  # the first text follows the head's separator
        for piece in self.pieces:
            if type(piece) is tuple:
                child, number, length = piece
                numbers, offsets, bare = theirs.setdefault(child, ([], [], not separated))
                numbers.append(number)
                offsets.append(position)
            else:
                if type(piece) is list:
                    if not piece:
                        continue
                    text = results_json(piece)
                else:
                    text = piece  # type: ignore[assignment]
                length = len(text)
                mine.append((position, separated, text))
            position += length + (len(SEPARATOR) if separated else 0)
            separated = True
        end = position + len(tail)
        try:
            if holders is not None:
                holders.write(fd, theirs)
            _write_at(fd, mine)
            if holders is not None:
                holders.confirm()
            _write_at(fd, [(position, False, tail)])
            if os.fstat(fd).st_size > end:  # the file was longer: what follows is not the report's
                os.ftruncate(fd, end)
            os.lseek(fd, end, os.SEEK_SET)
        except BaseException:
            if holders is not None:
                holders.close(kill=True)  # none of them writes any more
            with contextlib.suppress(OSError):
                cut = min(os.fstat(fd).st_size, opening)
                os.ftruncate(fd, cut)
                os.lseek(fd, cut, os.SEEK_SET)
            raise
        return True

    def close(self) -> None:
        """Let the children that hold text end (and wait for them); :meth:`batches` cannot be read after."""
        if self.holders is not None:
            self.holders.close()
        if self.placed is not None and self.placed.moved >= 0:  # never written: its answer is not read
            os.close(self.placed.moved)
            self.placed.moved = -1
        if self.ending is not None:
            self.ending.join()
            self.ending = None

    # a host that writes the report in a ``with`` block cannot forget the children that hold its text
    def __enter__(self) -> JsonResults:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def assemble_json(
    run: Run, subjects: Sequence[Subject], parts: Sequence[tuple[list[int], Part | JsonPart]],
    holders: TextHolders | None = None,
) -> JsonResults | None:
    """The :class:`JsonPart` s of every task as one :class:`JsonResults` in report order (each
    subject's run in one part, the runs by subject id: the order :func:`_merge_sorted` gives),
    with ``run.unused_reasons`` and ``run.ctx.state_used`` as :func:`merge_parts` leaves them;
    None when some part is not a :class:`JsonPart`. ``holders``: the children that hold the
    texts of parts with a ``holder``."""
    written = [(positions, part) for positions, part in parts if isinstance(part, JsonPart)]
    if len(written) < len(parts):
        return None
    covered = {p for positions, _ in written for p in positions}
    if len(covered) < len(subjects):
        missing = next(p for p in range(len(subjects)) if p not in covered)
        raise EngineError(f"parallel evaluation lost {len(subjects) - len(covered)} subjects (first: {subjects[missing][1]})")
    if holders is None and any(part.holder >= 0 for _, part in written):
        raise EngineError("a worker's part names text that a worker holds, and no worker holds any")
    _merge_notes(run, written)
    order: list[tuple[str, int, int]] = []
    kept_at: list[list[int]] = []  # per part, where each run's kept results start
    for number, (_, part) in enumerate(written):
        order += [(subject, number, k) for k, (subject, _) in enumerate(part.runs)]
        starts, start = [], 0
        for (_, count), text in zip(part.runs, part.texts):
            starts.append(start)
            start += count if text is None else 0
        kept_at.append(starts)
    order.sort()
    if any(a[0] == b[0] for a, b in zip(order, itertools.islice(order, 1, None))):
        return None  # cannot happen when every part is sorted: a subject is in one task
    pieces: list[bytes | list[Result] | tuple[int, int, int]] = []
    counts: Counter[tuple[str, bool]] = Counter()
    cited: set[str] = set()
    waivers: dict[str, WaiverOutcome] = {}
    for _, part in written:
        counts.update(part.counts)
        cited.update(part.cited)
        waivers.update(part.waivers)
    for _, number, k in order:
        part = written[number][1]
        text = part.texts[k]
        if text is None:
            start = kept_at[number][k]
            pieces.append(part.kept[start : start + part.runs[k][1]])
        elif type(text) is tuple:
            pieces.append((part.holder, *text))
        else:
            assert isinstance(text, bytes)
            pieces.append(text)
    return JsonResults(pieces, counts, cited, holders, waivers)


# -- report text kept by the child that wrote it until the caller writes the report -----------------

_TEXT_HEADER = struct.Struct("<qq")
"""Before each text a holding child sends: its number (-1: the exception it met) and its length."""


@dataclass
class _Holding:
    """A child's side of :class:`TextHolders`: its number, where it is asked for texts, and
    the file descriptor it sends them to."""

    number: int
    commands: mp_connection.Connection
    writer: int


def _close_end(end: Any) -> None:
    """Close a pipe end a child inherited: a :class:`~multiprocessing.connection.Connection` or
    a file descriptor."""
    with contextlib.suppress(OSError):
        if isinstance(end, int):
            os.close(end)
        else:
            end.close()


def _hold_texts(part: JsonPart, held: list[bytes], holder: int) -> JsonPart:
    """``part`` with each of its texts kept in ``held`` and named by its place there and its
    length (the caller works out where each text goes in an output file from the lengths)."""
    texts: list[bytes | tuple[int, int] | None] = []
    for text in part.texts:
        if isinstance(text, bytes):
            texts.append((len(held), len(text)))
            held.append(text)
        else:
            texts.append(text)
    part.texts = texts
    part.holder = holder
    return part


def _serve_texts(held: list[bytes], holding: _Holding) -> None:
    """A holding child, once its tasks are done, does what the caller asks for each output of
    the report, until the caller closes the socket it asks through (or ends): ``send`` (a list
    of numbers): send those texts in that order, each behind its number and length, an
    exception in place of the next text (number -1); ``write`` (numbers, offsets, whether the
    first text is the report's first), followed by the output file's descriptor: write those
    texts into it at those offsets (:func:`_write_held`), then answer empty bytes, or the
    exception met (:meth:`TextHolders.confirm`)."""
    writer = holding.writer
    try:
        while True:
            try:
                command = marshal.loads(holding.commands.recv_bytes())
            except EOFError:  # the caller has written the report, or is gone
                return
            if command[0] == "write":
                _, numbers, offsets, bare = command
                answer = b""
                fd = mp_reduction.recv_handle(holding.commands)
                try:
                    _write_held(fd, held, numbers, offsets, bare)
                except BaseException as exc:  # noqa: BLE001 - reported to the caller, who raises it again
                    answer = failure_payload(exc)
                finally:
                    os.close(fd)
                holding.commands.send_bytes(answer)
                continue
            for number in command[1]:
                text = held[number]
                _write_all_parts(writer, _TEXT_HEADER.pack(number, len(text)), text)
    except OSError:  # the caller stopped reading (it closed its end): nothing to tell it
        return
    except BaseException as exc:  # noqa: BLE001 - reported to the caller, who raises it again
        payload = failure_payload(exc)
        with contextlib.suppress(OSError):
            _write_all(writer, _TEXT_HEADER.pack(-1, len(payload)) + payload)
    finally:
        with contextlib.suppress(OSError):
            os.close(writer)


def _write_held(fd: int, held: list[bytes], numbers: Sequence[int], offsets: Sequence[int], bare: bool) -> None:
    """A holding child's texts ``numbers`` written into the file open as ``fd`` at ``offsets``,
    each behind the separator of the results, but the first when ``bare``."""
    _write_at(fd, [(offset, not bare or k > 0, held[number]) for k, (number, offset) in enumerate(zip(numbers, offsets))])


def _takes_offsets(fd: int) -> bool:
    """Whether ``fd`` is a regular file that writes at the offset a write names: not one opened
    to append (Linux writes at its end whatever the offset)."""
    if fcntl is None or not hasattr(os, "pwritev"):  # pragma: no cover - Windows, old macOS
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and not fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND
    except OSError:
        return False


_WRITE_BYTES = 1 << 19
"""Bytes of adjacent texts handed to the file in one call at most: few calls, and no call much
larger than the chunks the report is written in otherwise (writing far larger pieces has cost
far more system time on a Linux VM: :func:`result_batches_in_processes`)."""

_WRITE_BUFFERS = 1000
"""Buffers in one call at most (Linux takes 1,024)."""


def _write_at(fd: int, writes: Sequence[tuple[int, bool, bytes]]) -> None:
    """Each ``(offset, separated, text)`` of ``writes`` into the file open as ``fd``: ``text`` at
    ``offset``, behind :data:`~qd213_rules.jsonout.SEPARATOR` when ``separated`` (which then
    starts at ``offset``); adjacent texts in one call, in the order given."""
    buffers: list[bytes] = []
    start = end = 0
    for offset, separated, text in writes:
        if buffers and (offset != end or end - start >= _WRITE_BYTES or len(buffers) >= _WRITE_BUFFERS):
            _pwrite_all(fd, buffers, start)
            buffers = []
        if not buffers:
            start = end = offset
        if separated:
            buffers.append(SEPARATOR)
            end += len(SEPARATOR)
        buffers.append(text)
        end += len(text)
    if buffers:
        _pwrite_all(fd, buffers, start)


def _pwrite_all(fd: int, buffers: list[bytes], offset: int) -> None:
    done = os.pwritev(fd, buffers, offset)
    total = sum(map(len, buffers))
    if done < total:  # a short write (a signal, a full disk): the rest, or the error it meets
        rest = memoryview(b"".join(buffers))[done:]
        offset += done
        while rest:
            done = os.pwrite(fd, rest, offset)
            rest = rest[done:]
            offset += done


def _write_all_parts(fd: int, header: bytes, text: bytes) -> None:
    """``header`` then ``text`` to ``fd``, in one system call where the pipe takes them."""
    done = os.writev(fd, [header, text])
    if done < len(header):
        _write_all(fd, header[done:])
        done = len(header)
    if done - len(header) < len(text):
        _write_all(fd, memoryview(text)[done - len(header):])


class TextHolders:
    """The children of :func:`json_in_processes` that keep the report text they wrote: asked
    for their texts in the order the report needs them (:meth:`ask`, once per output), they
    send them one at a time through a pipe each (:meth:`text`), so that no process holds more
    of the report than it wrote, and the caller a text at a time; or, for an output that is a
    regular file, they write them into it at the offsets the caller gives (:meth:`write`,
    :meth:`confirm`), and nothing crosses a pipe. :meth:`close` lets them end."""

    def __init__(self, children: Sequence[Any], commands: Sequence[mp_connection.Connection], readers: Sequence[int]) -> None:
        self._children = list(children)
        self._commands = list(commands)
        self._readers = list(readers)
        self._closed = False
        self._pending = 0  # texts asked for and not read yet
        self._writing: list[int] = []  # the children asked to write and not heard from yet

    def check_open(self) -> None:
        """Raise unless the children can be asked for their texts (not closed, no reading half done)."""
        if self._closed:
            raise EngineError("the worker processes holding the report's text were closed before it was written")
        if self._pending or self._writing:
            raise EngineError("the report's text was asked of the workers again before the last reading ended")

    def ask(self, wanted: dict[int, list[int]]) -> None:
        """Ask each child for its texts ``wanted[child]``, in that order."""
        self.check_open()
        for child, numbers in wanted.items():
            try:
                self._commands[child].send_bytes(marshal.dumps(("send", numbers)))
            except OSError:
                self._died(child)
            self._pending += len(numbers)

    def write(self, fd: int, wanted: dict[int, tuple[list[int], list[int], bool]]) -> None:
        """Ask each child to write its texts ``wanted[child]`` — numbers, offsets, whether the
        first is the report's first (no separator before it) — into the file open as ``fd``
        (:func:`_write_held`), which it receives as a descriptor of its own; :meth:`confirm`."""
        self.check_open()
        for child, (numbers, offsets, bare) in wanted.items():
            commands = self._commands[child]
            self._writing.append(child)
            try:
                commands.send_bytes(marshal.dumps(("write", numbers, offsets, bare)))
                mp_reduction.send_handle(commands, fd, self._children[child].pid)
            except OSError:
                self._died(child, "writing")

    def confirm(self) -> None:
        """Wait for every child asked to :meth:`write` to have written; raise what one met."""
        while self._writing:
            child = self._writing[0]
            try:
                answer = self._commands[child].recv_bytes()
            except (EOFError, OSError):
                self._died(child, "writing")
            if answer:
                self.close(kill=True)
                raise raised_in_worker(answer)
            self._writing.pop(0)

    def text(self, child: int, number: int) -> bytes:
        """The next text of ``child``, which must be its text ``number``."""
        reader = self._readers[child]
        header = self._read(child, reader, _TEXT_HEADER.size)
        sent, length = _TEXT_HEADER.unpack(header)
        body = self._read(child, reader, length)
        if sent < 0:
            self.close(kill=True)
            raise raised_in_worker(body)
        if sent != number:
            self.close(kill=True)
            raise EngineError(f"worker {child} sent report text {sent} where {number} was due")
        self._pending -= 1
        return body

    def _read(self, child: int, reader: int, length: int) -> bytes:
        """``length`` bytes from ``reader``, without copying them again when one read gives them."""
        if self._closed:
            raise EngineError("the worker processes holding the report's text were closed before it was written")
        got = os.read(reader, length)
        if len(got) == length:
            return got
        chunks = [got]
        done = len(got)
        while got and done < length:
            got = os.read(reader, length - done)
            chunks.append(got)
            done += len(got)
        if done < length:
            self._died(child)
        return b"".join(chunks)

    def _died(self, child: int, doing: str = "sending") -> NoReturn:
        process = self._children[child]
        process.join(1.0)
        code = process.exitcode
        self.close(kill=True)
        raise WorkerError(f"a worker process ended (exit code {code}) before {doing} its part of the report text")

    def close(self, *, kill: bool = False) -> None:
        """Let the children end (closing the pipes they are asked through) and wait for them;
        ``kill``: end them at once (a failure: they may still be evaluating or sending)."""
        if self._closed:
            return
        self._closed = True
        for commands in self._commands:
            commands.close()  # a child waiting to be asked ends
        for reader in self._readers:  # a child still sending (a reading given up) fails and ends
            with contextlib.suppress(OSError):
                os.close(reader)
        for child in self._children:
            if kill and child.is_alive():
                child.terminate()
            child.join(_HOLDER_EXIT_SECONDS)
            if child.is_alive():  # pragma: no cover - a child that does not end when told
                child.terminate()
                child.join()


_HOLDER_EXIT_SECONDS = 30.0
"""How long :meth:`TextHolders.close` waits for a child told to end before ending it."""


def _merge_notes(run: Run, parts: Sequence[tuple[list[int], Part | JsonPart]]) -> None:
    """``run.unused_reasons`` as one process would have noted them (the first subject to note an
    event wins), and the events the parts read as state added to ``run.ctx.state_used``."""
    notes: dict[str, tuple[int, str]] = {}
    for _, part in parts:
        for event_id, (position, reason) in part.first_notes.items():
            if event_id not in notes or position < notes[event_id][0]:
                notes[event_id] = (position, reason)
        run.ctx.state_used.update(dict.fromkeys(part.state_used))
    for event_id, (_, reason) in sorted(notes.items(), key=lambda item: item[1][0]):
        run.unused_reasons.setdefault(event_id, reason)


# -- writing the report ------------------------------------------------------------------------------

BLOCK_BATCHES = 8
"""Batches of :data:`~qd213_rules.jsonout.RESULTS_PER_CHUNK` results a process encodes in a row."""

_PIPE_BYTES = 1 << 20
"""What a child's pipe holds (Linux's default ceiling for an unprivileged process; 64 KB
otherwise): a text crosses in one turn instead of seven."""

_HEADER = struct.Struct("<qqq")
"""Before each text a child sends: its block's number (-1: the exception it met), the text's
length and 1 after the block's last text, else 0."""


def result_batches_in_processes(results: Sequence[Result], workers: int) -> Iterator[bytes]:
    """:func:`qd213_rules.jsonout.result_batches` of ``results``, the same bytes in the same
    order, encoded by ``workers`` processes: the caller and ``workers`` − 1 forked children.

    Encoding every result as JSON is a serial part of a check after the parallel evaluation
    (about 10 % of a one-worker check). The results are cut into blocks of :data:`BLOCK_BATCHES`
    batches, which every process claims from a shared counter, one at a time: the caller also
    writes every text, so it takes fewer blocks than a child when it is the slower, and the
    processes end together (with blocks dealt round in turn, the caller was the last to finish).
    A child sends each batch's text through a pipe of its own, raw bytes behind a 24-byte
    header, from a thread of its own, into a pipe widened to :data:`_PIPE_BYTES` (one copy each
    way; a marshalled list of texts through a 64 KB pipe kept the child waiting on the caller);
    the caller hands the texts on in order, encoding a block itself whenever the next one is not
    there yet. Texts stay batch-sized (about 0.4 MB): handed to the file a block (3.5 MB) at a
    time, the same bytes cost ten times the system time to write on a Linux VM. Children
    inherit the sorted results by ``fork``; where it is not available, or there are too few
    results, the caller encodes them alone. Only our own processes write and read what the
    pipes carry.
    """
    size = jsonout.RESULTS_PER_CHUNK * BLOCK_BATCHES
    blocks = [results[i : i + size] for i in range(0, len(results), size)]
    workers = min(workers, len(blocks))
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from result_batches(results)
        return
    context = multiprocessing.get_context("fork")
    counter = context.Value("l", 0)
    readers: list[int] = []
    children = []
    try:
        with forking(_FORKED, blocks=blocks):
            for _ in range(1, workers):
                reader, writer = os.pipe()
                readers.append(reader)
                _widen(writer)
                child = context.Process(target=_encoding_child, args=(writer, counter), daemon=True)
                try:
                    child.start()
                finally:
                    os.close(writer)  # the child's end: a child that dies ends our reads (EOF)
                children.append(child)
        texts: dict[int, list[bytes]] = {}  # blocks encoded or received before their turn
        coming: dict[int, list[bytes]] = defaultdict(list)  # blocks whose last text is still to come
        sending = list(readers)  # the children that may still send a text

        def receive(ready: list[Any]) -> None:
            for reader in ready:
                header = _read_exactly(reader, _HEADER.size, children, eof_ok=True)
                if header is None:  # the child has sent everything it encoded
                    sending.remove(reader)
                    continue
                number, length, last = _HEADER.unpack(header)
                text = _read_exactly(reader, length, children)
                assert text is not None
                if number < 0:
                    raise raised_in_worker(text)
                coming[number].append(text)
                if last:
                    texts[number] = coming.pop(number)

        for number in range(len(blocks)):
            while number not in texts:
                ready = mp_connection.wait(sending, timeout=0)  # texts that are there: take them first
                if ready:
                    receive(ready)
                elif (mine := _claim(counter, len(blocks))) is not None:
                    texts[mine] = list(result_batches(blocks[mine]))
                elif sending:  # every block is claimed: wait for this one's text
                    receive(mp_connection.wait(sending))
                else:  # claimed by a child that ended without sending it
                    codes = [child.exitcode for child in children]
                    raise WorkerError(f"a worker process died (exit codes {codes})")
            yield from texts.pop(number)
    finally:  # also when the writer stops early (a closed pipe): no child is left behind
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
        for reader in readers:
            os.close(reader)


def _widen(fd: int) -> None:
    """Let the pipe hold :data:`_PIPE_BYTES` where the system allows it (Linux); else leave it."""
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setpipe is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, setpipe, _PIPE_BYTES)


def _read_exactly(fd: int, length: int, children: Sequence[Any], *, eof_ok: bool = False) -> bytes | None:
    """``length`` bytes from a child's pipe. A child that ended before sending them is a
    :class:`WorkerError`, unless ``eof_ok`` and it ended before sending any of them (None)."""
    buffer = bytearray(length)
    view = memoryview(buffer)
    done = 0
    while done < length:
        got = os.readv(fd, [view[done:]])
        if got == 0:
            if eof_ok and done == 0:
                return None
            codes = [child.exitcode for child in children]
            raise WorkerError(f"a worker process died (exit codes {codes})")
        done += got
    view.release()
    return bytes(buffer)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _encoding_child(writer: int, counter: Any) -> None:
    """A forked child of :func:`result_batches_in_processes`: blocks claimed from ``counter``
    until none is left, each sent as its number, its length and its text; or the exception it met.

    A thread of its own writes the texts, so that the child encodes its next block while the
    caller, busy with a block of its own, has not read the last one yet (a text is larger than
    the pipe holds; the write waits in the kernel, without the interpreter's lock)."""
    gc.disable()  # a process of our own: see paused_gc
    blocks: list[Sequence[Result]] = _FORKED["blocks"]
    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=_OUTBOX_TEXTS)
    sender = threading.Thread(target=_send_all, args=(writer, outbox), daemon=True)
    sender.start()
    try:
        while (number := _claim(counter, len(blocks))) is not None:
            texts = list(result_batches(blocks[number]))
            for i, text in enumerate(texts, 1):
                outbox.put(_HEADER.pack(number, len(text), i == len(texts)) + text)
    except BaseException as exc:  # noqa: BLE001 - reported to the caller, who raises it again
        payload = failure_payload(exc)
        outbox.put(_HEADER.pack(-1, len(payload), 1) + payload)
    finally:
        outbox.put(None)
        sender.join()
        os.close(writer)


_OUTBOX_TEXTS = 2 * BLOCK_BATCHES
"""Texts a child may have encoded and not yet written (two blocks: its memory stays small)."""


def _send_all(writer: int, outbox: queue.Queue[bytes | None]) -> None:
    """Write every message of ``outbox`` until None; after a failed write (the caller is gone),
    take the rest without writing, so that the encoding thread never waits on a full outbox."""
    failed = False
    while (message := outbox.get()) is not None:
        if not failed:
            try:
                _write_all(writer, message)
            except OSError:
                failed = True


# -- two processes writing the report text straight into a regular file ------------------------------

# What the caller and its one child share while they evaluate (:func:`json_into_file`): the
# tasks each claims (the caller from the front, the child from the back), where each writes
# next, how much each has evaluated and written (to guess where the child's region ends),
# whether to stop, and where the results' text begins (0: not guessed yet).
_LO, _HI, _UP, _DOWN, _CALLER_SUBJECTS, _CALLER_BYTES, _CHILD_SUBJECTS, _CHILD_BYTES, _STOP, _START = range(10)
_NOWHERE = 1 << 62
"""``_DOWN`` before the child has chosen where its region ends: the caller may write anywhere."""

GUESS_TASKS = 8
"""Tasks a process evaluates, their texts kept, before it guesses where its region begins (the
caller: from the summary counts so far, per kind of subject) or ends (the child: from how many bytes a subject's
text took so far); a guess from fewer subjects is further off."""

GUESS_MARGIN = 1.01
"""The child's guess of the report's length, scaled up: a guess too short makes the two
regions meet, and the texts that do not fit are kept in memory and written at the end (fresh
memory twice); a guess too long leaves a gap the child's region is moved back over (once)."""

_MOVE_BYTES = 1 << 20
"""Bytes moved at a time when a region is moved within the file (:func:`_move`)."""


@dataclass
class Placed:
    """Where :func:`json_into_file` left the results' text in the output file ``fd`` (each text
    behind :data:`~qd213_rules.jsonout.SEPARATOR`): the caller's region ``[caller_at, caller_at +
    caller_length)``, the texts that did not fit in either region (``held``, in report order,
    separators included), the child's region ``[child_at, child_at + child_length)``; the
    document begins at ``base``."""

    fd: int
    base: int
    caller_at: int
    caller_length: int
    held: list[bytes]
    child_at: int
    child_length: int
    moved_to: tuple[int, int] | None = None
    """Where the child is moving the caller's and its own region (their places under the head
    the final counts give) while the caller finishes the report; None: nothing moves before
    :func:`_write_placed`."""
    moved: int = -1
    """The end of the pipe the child confirms the move through (``b"m"``, else its failure; end
    of file: it died); -1 once read."""


def _task_bytes(texts: Sequence[bytes]) -> int:
    return sum(map(len, texts)) + len(SEPARATOR) * len(texts)


def _separated(texts: Sequence[bytes]) -> list[bytes]:
    """A task's texts as they stand in the results' text: each behind the separator."""
    out: list[bytes] = []
    for text in texts:
        out += (SEPARATOR, text)
    return out


def _offsets(at: int, texts: Sequence[bytes]) -> list[int]:
    offsets = []
    for text in texts:
        offsets.append(at)
        at += len(SEPARATOR) + len(text)
    return offsets


def report_tasks(subjects: Sequence[Subject], size: int | None = None) -> list[list[int]]:
    """Positions of ``subjects`` in runs of about ``size`` (:data:`TASK_SUBJECTS`) consecutive
    subjects in report order (by subject id): each process writes a contiguous part of the report."""
    size = size or TASK_SUBJECTS
    ids = [subject[1] for subject in subjects]  # the key read by list index, in C (performance)
    order = sorted(range(len(subjects)), key=ids.__getitem__)
    return [order[i : i + size] for i in range(0, len(order), size)]


def _texts_of(part: JsonPart) -> list[bytes]:
    """The part's texts, taken out of it (what crosses to the caller is the rest)."""
    texts = [text for text in part.texts if isinstance(text, bytes)]
    part.texts = []
    return texts


def _claim_end(state: Any, back: bool) -> int | None:
    """The next task from the front (the caller) or the back (the child); None once they meet."""
    with state.get_lock():
        if state[_STOP] or state[_LO] >= state[_HI]:
            return None
        if back:
            index = int(state[_HI]) - 1
            state[_HI] = index
        else:
            index = int(state[_LO])
            state[_LO] = index + 1
    return index


def _evaluated(state: Any, subjects: int, length: int, back: bool) -> None:
    with state.get_lock():
        state[_CHILD_SUBJECTS if back else _CALLER_SUBJECTS] += subjects
        state[_CHILD_BYTES if back else _CALLER_BYTES] += length


def _room_up(state: Any, length: int) -> int:
    """Where the caller's next ``length`` bytes go, reserved; -1 when they would reach the child's."""
    with state.get_lock():
        at = int(state[_UP])
        if at + length > state[_DOWN]:
            return -1
        state[_UP] = at + length
    return at


def _room_down(state: Any, length: int) -> int:
    """Where the child's next ``length`` bytes go (just below its last), reserved; -1 when they
    would reach the caller's."""
    with state.get_lock():
        at = int(state[_DOWN]) - length
        if at < state[_UP]:
            return -1
        state[_DOWN] = at
    return at


class _Side:
    """One process's side of :func:`json_into_file`: its tasks' texts written into its region
    (the caller's grows up from the guessed start, the child's down from the guessed end), kept
    (``waiting``) until the guess is made, and kept for good (``kept``) from the first that
    does not fit (the region stays contiguous)."""

    def __init__(self, state: Any, fd: int, back: bool) -> None:
        self.state = state
        self.fd = fd
        self.back = back
        self.waiting: list[tuple[int, list[bytes]]] = []
        self.kept: list[tuple[int, list[bytes]]] = []
        self.placing = False

    def add(self, index: int, texts: list[bytes]) -> None:
        if not self.placing:
            self.waiting.append((index, texts))
        else:
            self._put(index, texts)

    def place(self) -> None:
        """The guess is made: write what waited."""
        self.placing = True
        for index, texts in self.waiting:
            self._put(index, texts)
        self.waiting = []

    def _put(self, index: int, texts: list[bytes]) -> None:
        length = _task_bytes(texts)
        at = -1
        if not self.kept:
            at = (_room_down if self.back else _room_up)(self.state, length)
        if at < 0:
            self.kept.append((index, texts))
        else:  # either side: each text behind its separator, adjacent texts in one call
            _write_at(self.fd, [(offset, True, text) for offset, text in zip(_offsets(at, texts), texts)])


def _placing_child(state: Any, results: Any, fd: int, orders: int, moved: int, callers: tuple[int, int]) -> None:
    """The forked child of :func:`json_into_file`: tasks from the back until the two processes
    meet, each task's texts written into ``fd`` just before the last one's once the caller has
    guessed where the results' text begins and this child where it ends (:func:`_guess_end`);
    texts that would reach the caller's are kept, and sent with its last message. Then the
    regions moved into place as the caller asks (:func:`_move_when_asked`); ``callers``: the
    caller's ends of those pipes, closed here (else the orders would never end)."""
    for caller_end in callers:
        os.close(caller_end)
    run: Run = _FORKED["run"]
    subjects: list[Subject] = _FORKED["subjects"]
    tasks: list[list[int]] = _FORKED["tasks"]
    waived: Container[str] = _FORKED["waived"]
    waive: Waive | None = _FORKED["waive"]
    gc.disable()  # a process of our own: see paused_gc
    makers = run_makers(run)
    side = _Side(state, fd, back=True)
    end = _NOWHERE
    ended = False
    try:
        run.new_matcher()  # a C ruleset handle must not cross fork
        while (index := _claim_end(state, back=True)) is not None:
            run.unused_reasons.clear()
            part = run.evaluate_part([(p, subjects[p]) for p in tasks[index]])
            written = json_part(tasks[index], subjects, part, waived, waive, run)
            if written is None:  # only a merge of every part can place it: the caller falls back
                with state.get_lock():
                    state[_STOP] = 1
                results.put(("none", index, b""))
                break
            texts = _texts_of(written)
            _evaluated(state, len(tasks[index]), _task_bytes(texts), back=True)
            side.add(index, texts)
            if not side.placing and len(side.waiting) >= GUESS_TASKS and state[_START]:
                end = _guess_end(state, len(subjects))
                with state.get_lock():
                    state[_DOWN] = end
                side.place()
            results.put(("json", index, encode_json_part(written, makers)))
        kept = side.kept + side.waiting  # what waited for a guess never made: the caller writes it
        held = sorted((index, _separated(texts)) for index, texts in kept)
        results.put(("end", -1, marshal.dumps((int(state[_DOWN]), end, held))))
        ended = True
    except BaseException as exc:  # noqa: BLE001 - reported to the caller, who raises it again
        results.put(("error", -1, failure_payload(exc)))
    finally:
        results.close()
        results.join_thread()
    if ended:
        _move_when_asked(fd, orders, moved)


def _move_when_asked(fd: int, orders: int, moved: int) -> None:
    """The child of :func:`json_into_file`, its last message sent: the moves the caller writes
    to ``orders`` (:func:`_region_moves`; none when it closes it without) made in ``fd``, and
    ``b"m"`` written to ``moved`` (or the failure): the caller is idle no more once both have
    met (the unused facts, the document's head and end), and a region moved within the file
    (about 0.3 s per GB) was most of its serial tail."""
    blob = b""
    while chunk := os.read(orders, 1 << 16):
        blob += chunk
    os.close(orders)
    if not blob:
        return
    try:
        _make_moves(fd, marshal.loads(blob))
        done = b"m"
    except BaseException as exc:  # noqa: BLE001 - reported to the caller, who raises it again
        done = failure_payload(exc)
    with contextlib.suppress(OSError):  # the caller gone: nothing to tell
        _write_all(moved, done)
    os.close(moved)


def _guess_end(state: Any, total: int) -> int:
    """Where the child's region should end: the guessed start of the results' text, what both
    processes evaluated, and the subjects left at the bytes a subject's text took in the child
    (members, as most subjects left are)."""
    with state.get_lock():
        done = int(state[_CALLER_SUBJECTS] + state[_CHILD_SUBJECTS])
        written = int(state[_CALLER_BYTES] + state[_CHILD_BYTES])
        rate = state[_CHILD_BYTES] / max(1, state[_CHILD_SUBJECTS])
        start = int(state[_START])
    return start + written + int(max(0, total - done) * rate * GUESS_MARGIN)


HeadLength = Callable[[Counter[tuple[str, bool]]], int]
"""The length of the document's head (through ``"results": [``) for these counts per (status, derived)."""


def can_place(fd: int) -> bool:
    """Whether :func:`json_into_file` can write into ``fd`` here: ``fork``, no Dask executor, and
    a regular file that takes writes at offsets."""
    if _EXECUTOR.get() is not None or "fork" not in multiprocessing.get_all_start_methods() or not _takes_offsets(fd):
        return False
    reader = _reader_of(fd)
    if reader < 0:
        return False
    os.close(reader)
    return True


def _reader_of(fd: int) -> int:
    """A descriptor of the file open as ``fd`` that also reads it (stdout redirected to a file
    is open to write only, and a region is moved by reading it): opened again through
    ``/proc/self/fd`` (Linux); -1 where that cannot be done."""
    try:
        reader = os.open(f"/proc/self/fd/{fd}", os.O_RDWR)
    except OSError:
        return -1
    try:
        same = os.path.sameopenfile(reader, fd)
    except OSError:
        same = False
    if not same:
        os.close(reader)
        return -1
    return reader


def json_into_file(
    run: Run, subjects: list[Subject], waived: Container[str], waive: Waive, fd: int, head_length: HeadLength
) -> JsonResults | None:
    """:func:`json_in_processes` with two processes, its text written straight into the regular
    file open as ``fd`` while the processes evaluate, instead of kept in each process until the
    end (a province's text, in fresh memory twice, was about half of a two-worker check's page
    faults and most of its system time over one worker's).

    The tasks are runs of consecutive subjects in report order (:func:`report_tasks`;
    ``subjects`` must already list the organisations): the caller claims them from the front
    and writes their texts up from the guessed end of the document's head (``head_length`` of
    the counts so far, each kind of subject's scaled to all of that kind); the child claims them from the back and writes
    theirs down from a guessed end of the results' text (:func:`_guess_end`). Once they meet,
    the child moves each region once within the file if a guess was wrong (pages already in
    the page cache) to where the final counts put the head, while the caller finishes the
    report; :meth:`JsonResults.write_into` waits for that and writes the texts that did not fit
    between them. None
    where it cannot be done (no ``fork``, a Dask executor, ``fd`` not a regular file written at
    offsets, too few tasks, a part that cannot be written where it was evaluated): nothing is
    left in the file after its position, and the caller checks the ordinary way. On a failure
    (a child that died: :class:`WorkerError`) the file is cut at its position."""
    if not can_place(fd):
        return None
    tasks = report_tasks(subjects)
    if len(tasks) < 2:
        return None
    base = os.lseek(fd, 0, os.SEEK_CUR)
    context = multiprocessing.get_context("fork")
    state = context.Array("q", 10)
    state[_HI] = len(tasks)
    state[_DOWN] = _NOWHERE
    results = context.Queue()
    orders_in, orders = os.pipe()  # the moves the child is asked for, once both processes met
    moved, moved_out = os.pipe()  # the child's answer
    try:
        with forking(_FORKED, run=run, subjects=subjects, tasks=tasks, waived=waived, waive=waive):
            child = context.Process(target=_placing_child, args=(state, results, fd, orders_in, moved_out, (orders, moved)),
                                    daemon=True)
            child.start()
    except BaseException:
        for end_ in (orders_in, orders, moved, moved_out):
            os.close(end_)
        raise
    os.close(orders_in)
    os.close(moved_out)
    parts: list[tuple[list[int], JsonPart]] = []
    mine: dict[str, str] = dict(run.unused_reasons)
    makers = run_makers(run)
    side = _Side(state, fd, back=False)
    every_kind = Counter(kind for kind, _, _ in subjects)
    ending: tuple[int, int, list[tuple[int, list[bytes]]]] | None = None
    fell_back = False
    start = 0
    # what the caller keeps of every part, gathered as each part is done or arrives (while the
    # child evaluates) rather than all at once once both have ended: the events cited are
    # almost every event of the province, and that gathering was serial work after the fork
    counts: Counter[tuple[str, bool]] = Counter()
    # the events no part cites, every part's citations taken out as it is done or arrives: the
    # unused facts then need not read every event of the province once both have ended (the
    # serial tail); made at the first part, after the fork (every event id: as large as the
    # set of the events cited that it replaces)
    uncited: set[str] | None = None
    waivers: dict[str, WaiverOutcome] = {}

    def keep(positions: list[int], done: JsonPart) -> None:
        nonlocal uncited
        parts.append((positions, done))
        counts.update({(status, bool(derived)): n for (status, derived), n in done.counts.items()})
        if uncited is None:
            uncited = set(run.ctx.facts.events)
        uncited.difference_update(done.cited)
        done.cited = []  # taken out of the set now: not held until the end
        waivers.update(done.waivers)

    def receive(timeout: float | None) -> bool:
        nonlocal ending, fell_back
        try:
            status, index, payload = results.get(timeout=timeout) if timeout else results.get_nowait()
        except queue.Empty:
            if timeout and not child.is_alive() and results.empty():
                raise WorkerError(f"a worker process ended (exit code {child.exitcode}) before writing its part of the report text") from None
            return False
        if status == "error":
            raise raised_in_worker(payload)
        if status == "none":
            fell_back = True
        elif status == "end":
            ending = marshal.loads(payload)
        else:
            keep(tasks[index], decode_json_part(payload, makers))
        return True

    def guess() -> None:
        """Where the results' text begins: the head's length for the counts so far, each kind of
        subject's scaled to every subject of that kind (a part's counts shared out by its kinds).
        The caller's first tasks are organisations (first in report order, most of them) and
        the child's members: the counts of both scaled together to every subject were far off
        (at 40,000 members three of the summary's eight numbers guessed with a digit too few,
        and a head guessed wrong moves the caller's whole region, half the report's text, once
        the two processes met); by kind, one (the waived results, 885 guessed for 1,376)."""
        nonlocal start
        evaluated: Counter[str] = Counter()
        by_kind: defaultdict[str, defaultdict[tuple[str, bool], float]] = defaultdict(lambda: defaultdict(float))
        for positions, seen in parts:
            kinds = Counter(subjects[p][0] for p in positions)
            evaluated.update(kinds)
            for kind, n in kinds.items():
                share = n / len(positions)
                for (status, derived), count in seen.counts.items():
                    by_kind[kind][(status, bool(derived))] += count * share
        by_own_kind = all(evaluated[kind] for kind in every_kind)
        # else a kind none of whose subjects was evaluated yet: every subject alike
        scale = len(subjects) / max(1, sum(evaluated.values()))
        scaled: defaultdict[tuple[str, bool], float] = defaultdict(float)
        for kind, counts in by_kind.items():
            for key, amount in counts.items():
                scaled[key] += amount * every_kind[kind] / evaluated[kind] if by_own_kind else amount * scale
        start = base + head_length(Counter({key: round(amount) for key, amount in scaled.items()}))
        start += len(FIRST_SEPARATOR) - len(SEPARATOR)
        with state.get_lock():
            state[_UP] = start
            state[_START] = start
        side.place()

    try:
        run.ctx.facts.digest()  # see _run_tasks: work for the caller while the child evaluates
        run.ctx.facts.warnings  # noqa: B018 - made when first read (FactSet.warnings)
        while (index := _claim_end(state, back=False)) is not None:
            run.unused_reasons.clear()
            part = run.evaluate_part([(p, subjects[p]) for p in tasks[index]])
            written = json_part(tasks[index], subjects, part, waived, waive, run)
            if written is None:
                with state.get_lock():
                    state[_STOP] = 1
                fell_back = True
                break
            texts = _texts_of(written)
            _evaluated(state, len(tasks[index]), _task_bytes(texts), back=False)
            keep(tasks[index], written)
            side.add(index, texts)
            while receive(None):
                pass
            if not side.placing and len(side.waiting) >= GUESS_TASKS:
                guess()
        while ending is None:
            receive(1.0)
        if not fell_back and not side.placing:
            guess()
        down, end, theirs = ending if ending is not None else (0, _NOWHERE, [])
        covered = {p for positions, _ in parts for p in positions}
        if not fell_back and len(covered) < len(subjects):
            missing = next(p for p in range(len(subjects)) if p not in covered)
            raise EngineError(f"parallel evaluation lost {len(subjects) - len(covered)} subjects (first: {subjects[missing][1]})")
        placed: Placed | None = None
        if not fell_back:
            kept = sorted([(index, _separated(texts)) for index, texts in side.kept] + [(i, t) for i, t in theirs])
            held = [text for _, texts in kept for text in texts]
            child_length = end - down if end != _NOWHERE else 0
            placed = Placed(fd, base, start, int(state[_UP]) - start, held, down, child_length)
            # the head's length is known from the final counts: the child moves the regions
            # there while this process finishes the report (_write_placed checks the head)
            final = base + head_length(counts) + len(FIRST_SEPARATOR) - len(SEPARATOR)
            moved_to = (final, final + placed.caller_length + sum(map(len, held)))
            _write_all(orders, marshal.dumps(_region_moves(placed, *moved_to)))
            placed.moved_to, placed.moved = moved_to, moved
    except BaseException:
        os.close(orders)
        os.close(moved)
        if child.is_alive():
            child.terminate()
        child.join()
        _cut(fd, base)
        raise
    finally:
        results.close()
        run.unused_reasons.clear()
        run.unused_reasons.update(mine)
    os.close(orders)  # the child reads to its end
    if placed is None:
        os.close(moved)
        child.join()
        _cut(fd, base)
        return None
    _merge_notes(run, parts)
    # the child has sent everything: it moves the regions and ends while the caller finishes
    # the report (JsonResults.close waits for it)
    return JsonResults([], counts, set(), None, waivers, placed=placed, uncited=uncited, ending=child)


def _cut(fd: int, base: int) -> None:
    """The file open as ``fd`` cut at ``base`` (where the document began), if it is longer."""
    with contextlib.suppress(OSError):
        if os.fstat(fd).st_size > base:
            os.ftruncate(fd, base)


def _move(fd: int, source: int, target: int, length: int) -> None:
    """``length`` bytes of the file open as ``fd`` moved from ``source`` to ``target`` (the
    ranges may overlap): a piece at a time, from the end that is not overwritten first."""
    if source == target or length <= 0:
        return
    buffer = bytearray(min(_MOVE_BYTES, length))
    view = memoryview(buffer)
    starts = range(0, length, len(buffer))
    for offset in (starts if target < source else reversed(starts)):
        size = min(len(buffer), length - offset)
        if os.preadv(fd, [view[:size]], source + offset) < size:
            raise EngineError("the report's text in the output file is shorter than what was written there")
        piece, at = view[:size], target + offset
        while piece:
            done = os.pwrite(fd, piece, at)
            piece, at = piece[done:], at + done


def _region_moves(placed: Placed, caller_to: int, child_to: int) -> list[tuple[int, int, int]]:
    """The moves (source, target, length) that put the caller's region of ``placed`` at
    ``caller_to`` and the child's at ``child_to``, from where they are (where the child moved
    them, if it did), in an order in which no region overwrites one not yet moved: those moving
    towards the start first, from the first; then those moving towards the end, from the last."""
    caller_at, child_at = placed.moved_to or (placed.caller_at, placed.child_at)
    regions = [(caller_at, caller_to, placed.caller_length), (child_at, child_to, placed.child_length)]
    moves = [(source, target, length) for source, target, length in regions if source != target and length]
    return [move for move in moves if move[1] < move[0]] + [move for move in reversed(moves) if move[1] > move[0]]


def _make_moves(fd: int, moves: Sequence[tuple[int, int, int]]) -> None:
    """``moves`` (:func:`_region_moves`) made in the file open as ``fd``, through a descriptor that
    reads it too (:func:`_reader_of`)."""
    if not moves:
        return
    reader = _reader_of(fd)
    if reader < 0:
        raise EngineError("the report's output file cannot be read again to move its text into place")
    try:
        for source, target, length in moves:
            _move(reader, source, target, length)
    finally:
        os.close(reader)


def _wait_moved(placed: Placed) -> None:
    """Wait for the child of :func:`json_into_file` to have moved the regions (if it was asked):
    its failure raised again, its death a :class:`WorkerError`."""
    if placed.moved < 0:
        return
    answer = b""
    try:
        while chunk := os.read(placed.moved, 1 << 16):
            answer += chunk
    finally:
        os.close(placed.moved)
        placed.moved = -1
    if answer != b"m":
        if answer:
            raise raised_in_worker(answer)
        raise WorkerError("a worker process ended before moving its part of the report text into place")


def _write_placed(placed: Placed, fd: int, frame: Callable[[bool], tuple[bytes, bytes]]) -> None:
    """The document around the text :func:`json_into_file` placed: each region moved to its
    place if a guess was wrong (by the child, while the caller finished the report, to where
    the final counts put the head; again here if the head is another length after all), the
    texts that did not fit written between them, the head (whose first separator replaces the
    first text's) and the end. Then ``fd``'s position is the document's end, and the file ends
    there."""
    if fd != placed.fd or os.lseek(fd, 0, os.SEEK_CUR) != placed.base:
        raise EngineError("the report's text was placed in another file than the one it is written into")
    try:
        _wait_moved(placed)
        held_length = sum(map(len, placed.held))
        has_text = bool(placed.caller_length or held_length or placed.child_length)
        head, tail = frame(not has_text)
        if not has_text:
            _write_at(fd, [(placed.base, False, head + tail)])
            end = placed.base + len(head) + len(tail)
        else:
            start = placed.base + len(head) + len(FIRST_SEPARATOR) - len(SEPARATOR)
            _make_moves(fd, _region_moves(placed, start, start + placed.caller_length + held_length))
            at = start + placed.caller_length
            writes = []
            for text in placed.held:  # adjacent: written in few calls
                writes.append((at, False, text))
                at += len(text)
            _write_at(fd, writes)
            _write_at(fd, [(placed.base, False, head + FIRST_SEPARATOR)])
            results_end = start + placed.caller_length + held_length + placed.child_length
            _write_at(fd, [(results_end, False, tail)])
            end = results_end + len(tail)
        if os.fstat(fd).st_size > end:  # the file was longer: what follows is not the report's
            os.ftruncate(fd, end)
        os.lseek(fd, end, os.SEEK_SET)
    except BaseException:
        _cut(fd, placed.base)
        raise

"""Evaluation on a Dask cluster: the shards of :mod:`qd213_rules.parallel` as Dask tasks.

:func:`evaluate_on_dask` sends the tasks that ``evaluate(facts, workers=N)`` would hand to
forked processes to a ``distributed.Client`` instead: each Dask worker loads the facts file once
and compiles one ruleset, and the caller merges the parts the same way, so the report is the
one of a single process (``pip install 'qd213-rules[dask]'``). On one machine plain processes
are faster; Dask pays off across machines, with the facts file on a shared file system
(docs/durable-rules.md).

This module sits above the engine and :mod:`~qd213_rules.parallel` and imports both; neither
imports it (docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .engine import Run, evaluate, matcher, ruled_obligations
from .evaluation.context import Context
from .evaluation.results import Result
from .facts import load_facts
from .matching.backend import Backend
from .parallel import Subject, decode_part, encode_part, executing, merge_parts, pack_tasks, shard_subjects

if TYPE_CHECKING:
    from .messages import Lang
    from .policy import Policy
    from .report import Report

__all__ = ["evaluate_on_dask"]


@dataclass(frozen=True)
class _RunKey:
    path: str
    size: int
    mtime_ns: int
    as_of: dt.date
    policy: str
    lang: Lang
    backend: Backend
    tracing: bool


_DASK_RUNS: dict[_RunKey, Run] = {}


def _dask_run(key: _RunKey, policy: Policy) -> Run:
    """The worker's run for this evaluation: facts loaded once per worker process."""
    run = _DASK_RUNS.get(key)
    if run is None:
        _DASK_RUNS.clear()  # one evaluation at a time per worker: free the previous facts
        facts = load_facts(key.path)
        run = _DASK_RUNS[key] = Run(Context(facts, key.as_of, policy), matcher(key.backend), key.lang,
                                   tracing=key.tracing)
    return run


def _dask_task(key: _RunKey, policy: Policy, task: list[tuple[int, str, str, tuple[str, ...]]]) -> bytes:
    """One task on a Dask worker: the subjects named by (position, kind, id, obligation ids)."""
    run = _dask_run(key, policy)
    by_id = {ob.id: ob for ob in ruled_obligations()}
    run.unused_reasons.clear()
    return encode_part(run.evaluate_part([(p, (kind, subject, [by_id[i] for i in obs])) for p, kind, subject, obs in task]))


class _DaskExecutor:
    """A :class:`~qd213_rules.parallel.Executor` that sends the tasks to a Dask client."""

    def __init__(self, client: Any, path: str) -> None:
        self.client = client
        self.path = path

    def evaluate(self, run: Run, subjects: list[Subject]) -> list[Result]:
        stat = os.stat(self.path)
        ctx = run.ctx
        key = _RunKey(self.path, stat.st_size, stat.st_mtime_ns, ctx.as_of, ctx.policy.model_dump_json(), run.lang,
                      run.matcher.backend, run.tracing)  # fmt: skip
        tasks = pack_tasks(shard_subjects(ctx, subjects))
        payloads = [[(p, subjects[p][0], subjects[p][1], tuple(ob.id for ob in subjects[p][2])) for p in task] for task in tasks]
        futures = self.client.map(_dask_task, [key] * len(tasks), [ctx.policy] * len(tasks), payloads, pure=False)
        parts = [(task, decode_part(blob)) for task, blob in zip(tasks, self.client.gather(futures))]
        return merge_parts(run, subjects, parts)


def evaluate_on_dask(
    facts_path: str | os.PathLike[str],
    client: Any,
    *,
    as_of: dt.date | str | None = None,
    policy: Policy | None = None,
    lang: Lang | None = None,
    backend: Backend = "durable",
    trace: bool = False,
) -> Report:
    """Evaluate the facts file on a Dask cluster: the report of :func:`qd213_rules.engine.evaluate`.

    ``client`` is a ``distributed.Client``. The file must be readable at the same path by the
    workers (a shared file system, or a local cluster). Each worker loads it once and compiles
    one ruleset; the caller loads it too, to plan the shards and build the report.
    """
    path = str(Path(facts_path).resolve())
    facts = load_facts(path)
    workers = max(2, len(client.scheduler_info().get("workers", {})))
    with executing(_DaskExecutor(client, path)):
        return evaluate(facts, as_of, policy, lang=lang, backend=backend, workers=workers, trace=trace)

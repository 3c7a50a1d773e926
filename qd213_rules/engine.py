"""The engine: ``evaluate(facts, as_of, policy)`` → :class:`~qd213_rules.report.Report`.

Pipeline (docs/semantics.md, its rules):

1. a :class:`~.evaluation.context.Context` derives state and dates in Python;
2. state-derived occasions are generated per subject (``evaluation.occasions``);
3. each subject's session — its events flattened (``evaluation.payload``), its occasions and
   the recipients they need — is matched by the rules compiled from the declarations
   (``matching.compiler``) in durable-rules (``matching.durable``), in batches;
4. matched triggers become occasions, matched evidence is attached, and the judge
   (``evaluation.judge``) decides each status; derived duties (D1.K2), the exempt categories'
   not-applicable results, waivers and the unused facts follow.

The ruleset is compiled once per process, lazily; each evaluation uses its own session ids
and leaves no state behind. Evaluation is deterministic and independent of fact order, and
safe to call from several threads (the C core is serialised by a lock per ruleset).

>>> from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
>>> facts = example_ward_facts()
>>> report = evaluate(facts, EXAMPLE_AS_OF, lang="en", backend="python")
>>> report.as_of.isoformat(), report.backend, sum(report.summary.values()) == len(report)
('2025-12-10', 'python', True)

Restricted to one member, the evaluation gives that member's results of the whole one:

>>> mine = evaluate(facts, EXAMPLE_AS_OF, subjects=["DV-001"], lang="en", backend="python")
>>> list(mine) == [r for r in report if "DV-001" in (r.subject_id, r.bearer_id)]
True
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import os
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .arguments import as_of_date, check_fact_set, checked_lang
from .articles import OBLIGATIONS, Obligation
from .articles._model import SubjectType
from .errors import ErrorCode, FactsError, Problem, UsageError
from .evaluation.context import Context
from .evaluation.judge import DAYS, Cited, Hit, Judge, Ranked, cites_only, day_of
from .evaluation.needs import event_kinds, member_event_kinds, org_event_kinds
from .evaluation.occasions import Occasion, from_trigger, occasions_of, org_subjects
from .evaluation.event_kind import EVENT_KIND
from .evaluation.payload import RuleReads, event_facts, need_facts, occasion_facts
from .evaluation.derived import derived_results, exempt_results
from .evaluation.duties import Duty, duty_of
from .evaluation.in_force import out_of_force, result_day
from .evaluation.results import STATUS_ORDER, Result
from .evaluation.unused import unused_facts
from .evaluation.waivers import apply_waivers_by_subject, waivers_by_subject
from .facts import DataWarning, FactSet
from .facts.events import Event
from .facts.checks import WarningCode
from .matching.backend import BACKENDS, Backend, Match, Matcher, SplitFacts
from .matching.compiler import CompiledRules, RuleRef, compile_rules
from .matching.python import GroupedSession, PythonMatcher
from .messages import Lang, default_lang
from .parallel import JsonResults, Part, WaiverOutcome, can_place, evaluate_in_processes, json_in_processes, json_into_file
from .policy import Policy
from .regulations import CatalogueKey, RegulationRegistry, default_registry
from .report import Report

__all__ = ["evaluate", "evaluate_to_json", "matcher", "compiled_rules", "BATCH_SIZE", "BACKENDS", "Backend", "Part", "Run", "today_in_vietnam"]

BATCH_SIZE = 16
"""Subjects per matcher call. The durable matcher asserts a call's subjects into a C-core
session in one ``assert_facts`` and deletes that session when the call ends: fewer calls, fewer
round trips into the C core, and one session's index tables per call, not per subject; the C
core's tables grow to what one call holds (docs/durable-rules.md, pitfall 9)."""

_lock = threading.Lock()
_compiled: dict[tuple[CatalogueKey, bool, bool], CompiledRules] = {}
_matchers: dict[tuple[int, str, CatalogueKey], Matcher] = {}
_evaluations = itertools.count()



def today_in_vietnam() -> dt.date:
    """Today's date in Asia/Ho_Chi_Minh (the default as_of, docs/cli.md)."""
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    except Exception:  # no tz database: Vietnam has kept UTC+7 without DST since 1975
        return (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=7)).date()


def ruled_obligations(regulations: RegulationRegistry | None = None) -> tuple[Obligation, ...]:
    """The obligations the engine matches: those with a rule, of every registered regulation
    (QĐ 213 alone by default), each with the dates it is in force."""
    registry = regulations or default_registry()
    key = registry.key()
    found = _ruled.get(key)
    if found is None:
        found = _ruled[key] = tuple(ob for ob in registry.obligations() if ob.rule is not None)
    return found


_ruled: dict[CatalogueKey, tuple[Obligation, ...]] = {}
"""Per set of regulations (ids and catalogue versions: a version names one content)."""


@dataclass(frozen=True)
class _Layout:
    """What every run derives from the catalogue (once per process: a one-member evaluation
    should not recompute it)."""

    member_obligations: list[Obligation]
    org_obligations: list[Obligation]
    member_kinds: frozenset[str]
    org_kinds: frozenset[str]
    need_roles: dict[str, tuple[str, ...]]
    reads: RuleReads


def _layout(registry: RegulationRegistry | None = None) -> _Layout:
    registry = registry or default_registry()
    key = registry.key()
    found = _layouts.get(key)
    if found is None:
        found = _layouts[key] = _make_layout(ruled_obligations(registry))
    return found


_layouts: dict[CatalogueKey, _Layout] = {}


def _make_layout(obligations: tuple[Obligation, ...]) -> _Layout:
    members = [ob for ob in obligations if ob.subject is SubjectType.MEMBER]
    orgs = [ob for ob in obligations if ob.subject is SubjectType.ORGANIZATION]
    return _Layout(members, orgs, _with(member_event_kinds(), members), _with(org_event_kinds(), orgs), _need_roles(members), RuleReads(obligations))


def _with(closure_kinds: frozenset[str], obligations: list[Obligation]) -> frozenset[str]:
    """The closure's kind list (one list for the engine and the shards), plus any kind only a
    registered successor's duties read."""
    extra = event_kinds(obligations) - closure_kinds
    return closure_kinds | extra if extra else closure_kinds


def compiled_rules(regulations: RegulationRegistry | None = None, *, batched: bool = True, members: bool = False) -> CompiledRules:
    """The ruleset compiled from the registered catalogues (once per process and set of
    regulations: a successor's duties are compiled into the ruleset like QĐ 213's); with
    ``batched`` false, for matcher calls of one session (``matching.compiler.compile_rules``);
    with ``members``, of the members' duties alone (what a member's session is judged by)."""
    registry = regulations or default_registry()
    key = (registry.key(), batched, members)
    with _lock:
        found = _compiled.get(key)
        if found is None:
            obligations = tuple(_layout(registry).member_obligations) if members else ruled_obligations(registry)
            try:
                found = _compiled[key] = compile_rules(obligations, batched=batched)
            except ImportError as exc:  # durable.lang builds the ruleset: no silent fallback
                from .matching.durable import DurableRulesError

                raise DurableRulesError(f"durable-rules is not importable: {exc}") from exc
        return found


def matcher(backend: Backend = "durable", regulations: RegulationRegistry | None = None) -> Matcher:
    """The process's matcher for ``backend`` and the registered regulations (created on first
    use; a forked child makes its own, since a C ruleset handle does not survive ``fork``).

    ``durable`` (the default) runs the rules in durable-rules' C core; ``python`` runs the same
    declarations as Python tests (:mod:`.matching.python`), with identical matches.
    """
    if backend not in BACKENDS:
        raise UsageError([Problem(ErrorCode.USAGE, found=backend, expected=" | ".join(BACKENDS))])
    registry = regulations or default_registry()
    key = (os.getpid(), backend, registry.key())
    with _lock:
        found = _matchers.get(key)
    if found is not None:
        return found
    if backend == "durable":
        compiled = compiled_rules(registry)  # takes the lock itself
        from .matching.durable import DurableMatcher

        # a call of one session (a one-member evaluation) runs the rules without the joins
        # that keep a batch's sessions apart; a member's, those of the members' duties alone
        made: Matcher = DurableMatcher(
            compiled, single=compiled_rules(registry, batched=False),
            parts={_MEMBER: compiled_rules(registry, batched=False, members=True)},
        )
    else:
        made = PythonMatcher(ruled_obligations(registry))
    with _lock:
        found = _matchers.get(key)
        if found is None:  # another thread may have won the race: keep one matcher per process
            found = _matchers[key] = made
        elif backend == "durable":
            made.close()
        return found


# -- the evaluation ------------------------------------------------------------------------------


def evaluate(
    facts: FactSet,
    as_of: dt.date | str | None = None,
    policy: Policy | None = None,
    subjects: Iterable[str] | None = None,
    *,
    lang: Lang | None = None,
    backend: Backend = "durable",
    workers: int = 1,
    trace: bool = False,
    regulations: RegulationRegistry | None = None,
) -> Report:
    """Evaluate every obligation for every member and organisation as of ``as_of``.

    ``as_of`` defaults to today in Vietnam; ``subjects`` restricts the results to those
    members or organisations (the evaluation still reads the whole fact set). ``backend``
    chooses the matcher (``durable`` or ``python``: identical reports but for
    ``engine.backend``). ``workers`` > 1 evaluates shards of subjects — the members living in
    one residence cell, each organisation — in that many processes (:mod:`.parallel`); the
    report is identical to one worker's. ``trace=True`` records each result's trace
    (:attr:`Result.trace`: the trigger, evidence, deadline arithmetic and deciding rule);
    without it :meth:`Report.explain` rebuilds the trace of the one result it explains, by
    evaluating that subject again — a province's check does not pay for millions of traces.
    ``regulations`` are the regulations applied (default: :func:`~.regulations.default_registry`,
    QĐ 213 alone unless more were registered): a result exists only for an obligation in force
    on its date, and an ``as_of`` before every registered regulation is a :class:`UsageError`.
    """
    check_fact_set(facts)
    as_of = as_of_date(as_of) if as_of is not None else today_in_vietnam()
    policy = policy or _DEFAULT_POLICY
    lang = checked_lang(lang) or default_lang()
    registry = regulations if regulations is not None else default_registry()
    registry.require_in_force(as_of)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise UsageError([Problem(ErrorCode.USAGE, found=workers, expected="workers: an integer ≥ 1")])
    # the garbage collector is the host's: left as it is (a caller may pause it, parallel.paused_gc)
    if subjects is None:  # a whole evaluation: a context of its own (it also collects the state events read)
        return evaluate_context(
            Context(facts, as_of, policy, registry), None, lang=lang, backend=backend, workers=workers, trace=trace
        )
    kept = _kept_context(facts, as_of, policy, registry)
    return evaluate_context(
        kept.ctx, subjects, lang=lang, backend=backend, workers=workers, trace=trace, judge=kept.judge(lang, trace)
    )


class _KeptContext:
    """A context kept for the evaluations of some subjects of one fact set, with its judges.

    What a context derives is a function of its facts, ``as_of``, policy and regulations alone
    (its caches are memos of them), and a judge's plans of its context and language alone, so
    evaluations of some subjects with the same four share them as the subjects of one
    evaluation do (performance: a one-member evaluation rebuilt every obligation's judging plan
    and policy labels, and the derived state of the member's organisations, each time). Only
    :func:`evaluate` with ``subjects`` uses it: a whole evaluation makes its own context, which
    also collects the state events its results read (``Context.state_used``, for the unused
    facts)."""

    __slots__ = ("ctx", "judges")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.judges: dict[tuple[Lang, bool], Judge] = {}

    def judge(self, lang: Lang, tracing: bool) -> Judge:
        found = self.judges.get((lang, tracing))
        if found is None:
            found = self.judges[(lang, tracing)] = Judge(self.ctx, lang, tracing=tracing)
        return found


_KEPT_PER_FACTS = 4
"""Contexts kept per fact set, the oldest dropped first (a caller evaluating members one by one
asks with one ``as_of`` and policy; each kept context grows with the subjects evaluated, up to
what a whole evaluation's holds)."""

_kept_lock = threading.Lock()


def _kept_context(facts: FactSet, as_of: dt.date, policy: Policy, registry: RegulationRegistry) -> _KeptContext:
    """The context :func:`evaluate` of some subjects uses: one per fact set, thread, ``as_of``,
    policy (hashed by value) and set of regulations. It is kept in the fact set's own store
    (:attr:`FactSet.derived`), so it lives as long as the facts and no longer. A context and a
    judge are not shared between threads (their memos and a judge's current subject are not
    locked): the key holds the thread's id.

    The context a thread used last is found first by the policy's identity (performance:
    hashing a policy by value and comparing it took about 12 µs of every one-member call; a
    caller asks again and again with one policy object, or none: :data:`_DEFAULT_POLICY`)."""
    thread = threading.get_ident()
    regulations = registry.key()
    with _kept_lock:
        last: dict[int, tuple[dt.date, Policy, Any, _KeptContext]] = facts.derived.setdefault(_LAST_KEPT, {})
        found_last = last.get(thread)
        if found_last is not None and found_last[1] is policy and found_last[0] == as_of and found_last[2] == regulations:
            return found_last[3]
        kept: dict[tuple[Any, ...], _KeptContext] = facts.derived.setdefault(__name__, {})
        key = (thread, as_of, policy, regulations)
        found = kept.get(key)
        if found is None:
            while len(kept) >= _KEPT_PER_FACTS:
                del kept[next(iter(kept))]
                last.clear()  # it may name the context dropped
            found = kept[key] = _KeptContext(Context(facts, as_of, policy, registry))
        if len(last) >= _KEPT_PER_FACTS:
            last.clear()
        last[thread] = (as_of, policy, regulations, found)
        return found


_MEMBER = "member"
"""The durable matcher's part of the rules of the members' duties (:func:`matcher`)."""

_LAST_KEPT = __name__ + ".last"
"""The key, in a fact set's store, of the context each thread used last (by thread id)."""

_DEFAULT_POLICY = Policy()
"""The policy of an evaluation given none (policies are frozen: one object serves every call)."""


def evaluate_context(
    ctx: Context,
    subjects: Iterable[str] | None,
    *,
    lang: Lang,
    backend: Backend,
    workers: int = 1,
    trace: bool = False,
    judge: Judge | None = None,
) -> Report:
    """The body of :func:`evaluate` for a given context (package-internal: :mod:`.stream`
    evaluates the organisations of a shard with a context whose owing cells were gathered from
    the members' shards; :meth:`Report.trace_of` evaluates one subject again). ``judge``: one
    of ``ctx`` for ``lang`` and ``trace`` kept from an earlier evaluation (default: a new one)."""
    wanted = set(subjects) if subjects is not None else None
    run = Run(ctx, matcher(backend, ctx.regulations), lang, tracing=trace, judge=judge)
    results = run.evaluate(wanted, workers=workers)
    results, waiver_warnings, waiver_citations = apply_waivers_by_subject(ctx, results, lang, wanted)
    if wanted is not None:
        results = [r for r in results if r.subject_id in wanted or r.bearer_id in wanted]
    if not run.in_report_order:  # workers sort their parts: merged, they stay in order (.parallel)
        sort_results(results)
    return Report.build(
        ctx=ctx,
        results=results,
        unused=unused_facts(ctx, results, waiver_citations, run.unused_reasons, run.member_kinds | run.org_kinds)
        if wanted is None
        else [],
        extra_warnings=[*waiver_warnings, *_as_of_warnings(ctx)],
        lang=lang,
        backend=backend,
        retrace=functools.partial(_traced_results, ctx, lang, backend),
    )


def evaluate_to_json(
    facts: FactSet,
    as_of: dt.date,
    policy: Policy | None = None,
    *,
    lang: Lang,
    backend: Backend = "durable",
    workers: int = 2,
    into: int | None = None,
) -> tuple[Report, JsonResults] | None:
    """A whole evaluation in ``workers`` processes, its results written as report text where
    they are evaluated (:func:`~.parallel.json_in_processes`; for ``qd213 check --format json
    --workers N``): a report without results, which gives the document's other keys
    (:meth:`Report.document_bytes`), and the results' text in report order with their counts.
    The same document as :func:`evaluate`'s report gives (:meth:`Report.json_bytes`), but the
    calling process neither decodes the children's results nor writes their text: it copies
    it. Each process applies the waivers of the subjects it evaluated, and the caller puts
    their warnings and unused-reasons together (:func:`_waivers_of_parts`). None when it cannot be done (see ``json_in_processes``): call
    :func:`evaluate`. The worker processes keep the text they wrote until it is read
    (:meth:`~.parallel.JsonResults.batches`): call :meth:`~.parallel.JsonResults.close` once the
    report is written, or write it in a ``with`` block of the :class:`~.parallel.JsonResults`.
    ``into``: the file descriptor the report will be written to (:meth:`~.parallel.JsonResults.write_into`
    of this descriptor alone): with two workers and a regular file, each process writes its
    text into it as it evaluates (:func:`~.parallel.json_into_file`), and the texts are never
    kept in the processes."""
    check_fact_set(facts)
    registry = default_registry()
    registry.require_in_force(as_of)
    ctx = Context(facts, as_of, policy or _DEFAULT_POLICY, registry)
    run = Run(ctx, matcher(backend, ctx.regulations), lang)
    members = ctx.active_members()
    subjects: list[tuple[str, str, list[Obligation]]] = [("member", m, run.member_obligations) for m in members]
    waive = functools.partial(_waive_subject, ctx, lang)
    waived = frozenset(waivers_by_subject(facts))
    if into is not None and workers == 2 and can_place(into):
        def head_length(counts: Mapping[tuple[str, bool], int]) -> int:
            # the head depends on the results by the summary alone (called twice, for the guess
            # and for the final counts, after the caller made the input digest and the warnings:
            # this report costs little)
            frame = Report.build(ctx=ctx, results=(), unused=(), extra_warnings=(), lang=lang, backend=backend)
            return len(frame.document_frame(json_summary(counts), empty=False)[0])

        # the organisations listed before the fork: the tasks are runs of the report's order
        written = json_into_file(run, [*subjects, *run.org_subjects(None)], waived, waive, into, head_length)
    else:
        written = json_in_processes(run, subjects, workers, waived, later=functools.partial(run.org_subjects, None),
                                    waive=waive)  # fmt: skip
    if written is None:
        return None
    try:
        kept, waiver_warnings, waiver_citations = _waivers_of_parts(ctx, written.kept(), lang, written.waivers)
        written.replace_kept(kept)
        # written.cited taken over (added to, not copied): nothing reads it after
        unused = unused_facts(ctx, kept, waiver_citations, run.unused_reasons, run.member_kinds | run.org_kinds,
                              cited=written.cited, uncited=written.uncited)  # fmt: skip
        report = Report.build(ctx=ctx, results=(), unused=unused, extra_warnings=[*waiver_warnings, *_as_of_warnings(ctx)],
                              lang=lang, backend=backend)  # fmt: skip
    except BaseException:
        written.close()
        raise
    return report, written


def json_summary(counts: Mapping[tuple[str, bool], int]) -> dict[str, int]:
    """The report's summary (results per status, worst first) of counts per (status value, derived)."""
    summary = {s.value: 0 for s in reversed(STATUS_ORDER)}
    for (status, _), count in counts.items():
        summary[status] += count
    return summary


def _waive_subject(ctx: Context, lang: Lang, subject: str, results: list[Result]) -> tuple[list[Result], WaiverOutcome]:
    """The waivers of ``subject`` applied to its ``results`` in the process that evaluated them
    (:func:`~.parallel.json_in_processes`): :func:`apply_waivers_by_subject` of that subject
    alone, which gives that subject's part of what the whole call gives (a waiver only ever
    matches results of the subject it names; :func:`_waivers_of_parts` puts the parts together).
    The problems of a waiver that cannot apply are kept, for the caller to raise with the others."""
    try:
        waived, warnings, citations = apply_waivers_by_subject(ctx, results, lang, {subject})
    except FactsError as exc:
        return results, ([], {}, list(exc.problems))
    return waived, (warnings, citations, [])


def _waivers_of_parts(
    ctx: Context, kept: Sequence[Result], lang: Lang, outcomes: Mapping[str, WaiverOutcome]
) -> tuple[list[Result], list[DataWarning], dict[str, str]]:
    """What :func:`apply_waivers_by_subject` of every waiver gives, when the processes that
    evaluated some subjects applied those subjects' waivers themselves (``outcomes``, by
    subject: :func:`_waive_subject`) and the other subjects' results are ``kept``
    here: the ``kept`` results waived, and every subject's warnings, unused-reasons and problems
    put together in the order of the whole call (subjects in the order of their first waiver;
    warnings, reasons and problems sorted by their waiver's place, stably: a subject's own list
    is already in that order, so sorting the lists put together gives the whole call's order)."""
    if not outcomes:
        return apply_waivers_by_subject(ctx, kept, lang)
    order: dict[str, int] = {}
    applied: list[str] = []
    for subject, group in waivers_by_subject(ctx.facts).items():
        visible = [(i, w) for i, w in group if w.date <= ctx.as_of]
        if visible:
            applied.append(subject)
            order.update((w.id, i) for i, w in visible)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, result in enumerate(kept):
        positions[result.subject_id].append(i)
    out = list(kept)
    warnings: list[tuple[int, DataWarning]] = []
    citations: dict[str, str] = {}
    problems: list[tuple[int, Problem]] = []
    for subject in applied:
        outcome = outcomes.get(subject)
        if outcome is None:  # kept here, or a subject without results (its waivers match nothing)
            mine = positions.get(subject, [])
            try:
                waived, found, cited = apply_waivers_by_subject(ctx, [kept[i] for i in mine], lang, {subject})
            except FactsError as exc:
                problems += [(order.get(p.fact_id or "", -1), p) for p in exc.problems]
                continue
            for i, result in zip(mine, waived):
                out[i] = result
        else:
            found, cited, failed = outcome
            if failed:
                problems += [(order.get(p.fact_id or "", -1), p) for p in failed]
                continue
        warnings += [(order.get(w.fact_id or "", -1), w) for w in found]
        citations.update(cited)
    if problems:
        raise FactsError([p for _, p in sorted(problems, key=lambda item: item[0])])
    return (out, [w for _, w in sorted(warnings, key=lambda item: item[0])],
            dict(sorted(citations.items(), key=lambda kv: order.get(kv[0], -1))))  # fmt: skip


def _traced_results(ctx: Context, lang: Lang, backend: Backend, subject: str) -> tuple[Result, ...]:
    """The results of ``subject`` evaluated again with their traces (what a report calls to
    explain a result of an evaluation without traces: the report does not import the engine)."""
    return evaluate_context(ctx, [subject], lang=lang, backend=backend, trace=True).results



def sort_results(results: list[Result]) -> None:
    """Sort ``results`` in place in report order: by subject, duty (article, then clause), key
    and bearer; equal results keep their order (the sort is stable).

    Sorted by subject first, then each subject's run of results by the rest: the same order as
    one sort by the whole key, without a key tuple per result alive at once (about 90 bytes per
    result, 400 MB for a 100,000-member province's 4.7 million results, at the peak of a check
    where every result is held).
    """
    id_keys = _ID_KEYS  # a few dozen ids, millions of results

    def rest(r: Result) -> tuple[str, str, str]:
        # Result.key written out: a property's call per result is a fifth of this sort
        return (id_keys[r.obligation_id], r.period or r.trigger_event_id or "-", r.bearer_id)

    results.sort(key=_subject_of)
    if not results or results[0].subject_id == results[-1].subject_id:  # one subject (sorted: first and last)
        results.sort(key=rest)
        return
    # each subject's run found by groupby (in C: a Python loop over every result cost as much
    # as the sorts), sorted and put back in place; a run replaced by one of the same length
    # leaves the list iterator under groupby, which has read one result past the run, where it was
    start = 0
    for _, run in itertools.groupby(results, _subject_of):
        ordered = sorted(run, key=rest)
        end = start + len(ordered)
        results[start:end] = ordered
        start = end


_subject_of = operator.attrgetter("subject_id")


def _id_key(obligation_id: str) -> str:
    article, clause = obligation_id[1:].split(".K")
    digits = "".join(ch for ch in clause if ch.isdigit())
    return f"{int(article):02d}.{int(digits):03d}{clause[len(digits):]}"


class _IdKeys(dict[str, str]):
    """Obligation id -> its sort key (:func:`_id_key`), each worked out at its first use and kept
    for the process (performance: a set and a dict of the ids of each sort's results were about
    a third of sorting a one-member evaluation's results)."""

    def __missing__(self, obligation_id: str) -> str:
        found = self[obligation_id] = _id_key(obligation_id)
        return found


_ID_KEYS = _IdKeys()


class Run:
    """One evaluation's sessions, matches and results."""

    def __init__(
        self, ctx: Context, matcher: Matcher, lang: Lang, *, tracing: bool = False, judge: Judge | None = None
    ) -> None:
        self.ctx = ctx
        self.matcher = matcher
        self.lang = lang
        self.tracing = tracing
        self.compiled: CompiledRules = matcher.compiled
        self.token = f"e{next(_evaluations)}"
        layout = _layout(ctx.regulations)
        self.member_obligations = layout.member_obligations
        self.org_obligations = layout.org_obligations
        self.member_kinds = layout.member_kinds
        self.org_kinds = layout.org_kinds
        self.need_roles = layout.need_roles
        self.reads = layout.reads
        self.unused_reasons: dict[str, str] = {}
        self.in_report_order = False
        """Whether :meth:`evaluate` gave the results in report order (:func:`sort_results`; waivers
        keep it): the parts of a parallel evaluation, each sorted by its worker, merged."""
        self.judge = judge if judge is not None else Judge(ctx, lang, tracing=tracing)
        self._route_cache = _route_cache(self.compiled)
        self.records = matcher.backend == "python"
        """Whether sessions hand the matcher their occasions themselves instead of their
        ``$occasion`` dicts (the Python backend reads them as they are: ``OccasionRecord``)."""
        self._match, self.grouped, self.lone_records = _ways_of(matcher)
        """How the run matches (:meth:`_match_of`); ``grouped``: whether sessions are handed to the
        matcher grouped as it groups them (``matching.python.GroupedSession``: the Python backend);
        ``lone_records``: whether a call of one subject hands the matcher its occasions themselves:
        durable-rules reads what its rules read of them off them (performance: a one-member
        evaluation made each of its some twenty occasions into a dict only for that; a batch of
        subjects still hands it dicts, the way it is measured against the in-memory check). Worked
        out once per matcher (:func:`_ways_of`)."""
        last = _last_routes
        self._routes_of_list: tuple[Sequence[Obligation], _Routes] | None = (
            (last[1], last[2]) if last is not None and last[0] is self.compiled else None
        )
        """The routes :meth:`_routes` gave last, with the list of obligations it was given (to
        begin with, those of the process's last run of the same ruleset: a one-member evaluation
        otherwise made its list's key of 46 obligation ids again each call)."""

    # -- sessions ---------------------------------------------------------------------------

    def new_matcher(self) -> None:
        """This process's own matcher, for a forked child (:mod:`.parallel`): a C ruleset
        handle must not cross ``fork``."""
        self.matcher = matcher(self.matcher.backend, self.ctx.regulations)
        self._match, self.grouped, self.lone_records = _ways_of(self.matcher)

    @staticmethod
    def _grouped(found: Matcher) -> bool:
        return isinstance(found, PythonMatcher)

    @staticmethod
    def _lone_records(found: Matcher) -> bool:
        if found.backend != "durable":
            return False
        from .matching.durable import DurableMatcher

        return isinstance(found, DurableMatcher)

    @staticmethod
    def _match_of(found: Matcher) -> _MatchWay:
        """How a run matches its sessions: in the order :meth:`_judge` needs rather than the
        canonical one (``matching.python.judged_order``: the same results, without sorting most
        rules' frames). Its second argument names the part of the rules whose matches the call's
        subjects are judged by (:data:`_MEMBER`, or ``None``: all), which durable-rules runs
        alone in a call of one session (``DurableMatcher.match``'s ``part``); its third and
        fourth, the rules whose evidence the judge only cites and the per-session tables their
        frames go into as :data:`~.evaluation.judge.Cited` pairs (:meth:`_cites`; ``None``: none),
        which the engine's backends fill instead of making those frames (another backend
        ignores them: the judge then groups their frames itself)."""
        if found.backend == "python":
            if isinstance(found, PythonMatcher):
                python = functools.partial(found.match, canonical=False)
                return lambda sessions, part, cites, cited: python(sessions, cites=cites, cited=cited)
        elif found.backend == "durable":
            from .matching.durable import DurableMatcher

            if isinstance(found, DurableMatcher):
                durable = found.match
                return lambda sessions, part, cites, cited: durable(sessions, canonical=False, part=part, cites=cites, cited=cited)
        return lambda sessions, part, cites, cited: found.match(sessions)

    def sort_results(self, results: list[Result]) -> None:
        """:func:`sort_results`, for :mod:`.parallel` (which imports nothing of the engine)."""
        sort_results(results)

    def evaluate(self, wanted: set[str] | None, *, workers: int = 1) -> list[Result]:
        ctx = self.ctx
        if wanted is None:
            members = ctx.active_members()
        else:  # the same list as filtering active_members(), without visiting the whole province
            members = sorted(m for m in wanted if m in ctx.facts.members and ctx.start(m) <= ctx.as_of)
        subjects: list[tuple[str, str, list[Obligation]]] = [("member", m, self.member_obligations) for m in members]
        if workers > 1 and wanted is None:
            # the organisations that owe a duty are listed while the workers evaluate members
            return evaluate_in_processes(self, subjects, workers, later=functools.partial(self.org_subjects, wanted))
        subjects += self.org_subjects(wanted)
        if workers > 1 and len(subjects) > 1:
            return evaluate_in_processes(self, subjects, workers)
        part = self.evaluate_part(list(enumerate(subjects)))
        # joined by itertools in C (performance: a comprehension's step per result; a map or
        # compress chain with a bound method such as set.__contains__ was slower than one)
        return [*itertools.chain.from_iterable(part.session), *part.derived, *part.exempt]

    def org_subjects(self, wanted: set[str] | None) -> list[tuple[str, str, list[Obligation]]]:
        """The organisation subjects (of ``wanted``, if given), each with the duties it owes, by id."""
        ctx = self.ctx
        orgs: dict[str, list[Obligation]] = defaultdict(list)
        if wanted is None or any(map(ctx.facts.organizations.__contains__, wanted)):
            for ob in self.org_obligations:
                for org in org_subjects(ctx, ob):
                    if wanted is None or org in wanted:
                        orgs[org].append(ob)
        return [("org", o, obs) for o, obs in sorted(orgs.items())]

    def evaluate_part(self, subjects: Sequence[tuple[int, tuple[str, str, list[Obligation]]]]) -> Part:
        """Results of some subjects (each with its position in the whole run), in that order:
        the matched and judged results per subject, then the derived and exempt-fill results of
        the member subjects; and which unused-fact notes each position made first."""
        results: list[list[Result]] = []
        first_notes: dict[str, tuple[int, str]] = {}
        state_read = len(self.ctx.state_used)
        tracing = self.tracing
        for batch in _batches(subjects, BATCH_SIZE):
            sessions: dict[str, Any] = {}
            occasions: dict[str, dict[str, Occasion]] = {}
            records = self.records or (self.lone_records and len(batch) == 1)
            grouped = self.grouped
            for _, (kind, subject, obligations) in batch:
                sid = f"{self.token}|{kind}|{subject}"
                sessions[sid], occasions[sid] = self._session(kind, subject, obligations, records=records, grouped=grouped)
            # a lone member is judged by the members' duties alone (the durable matcher then
            # runs their rules alone: Run._match_of)
            lone = batch[0][1] if len(batch) == 1 else None
            # the evidence the judge only cites, read by the matcher straight into each session's
            # table of cited pairs, when the batch's subjects owe one list of duties (its members)
            shared = batch[0][1][2]
            cites: dict[str, str] | None = None
            cited: dict[str, defaultdict[str, list[Cited]]] | None = None
            if not tracing and (lone is not None or all(entry[1][2] is shared for entry in batch)):
                cites = self._cites(shared)
                cited = {sid: defaultdict(list) for sid in sessions}
            matches = self._match(sessions, _MEMBER if lone is not None and lone[2] is self.member_obligations else None, cites, cited)
            for position, (kind, subject, obligations) in batch:
                sid = f"{self.token}|{kind}|{subject}"
                noted = len(self.unused_reasons)
                results.append(self._judge(subject, obligations, occasions[sid], matches[sid], cited[sid] if cited is not None else None))
                if len(self.unused_reasons) > noted:  # notes are first-wins: remember who noted first
                    added = list(itertools.islice(reversed(self.unused_reasons), len(self.unused_reasons) - noted))
                    for event_id in reversed(added):  # read from the end, as state_used below
                        first_notes[event_id] = (position, self.unused_reasons[event_id])
        members = [subject for _, (kind, subject, _) in subjects if kind == "member"]
        flat = list(itertools.chain.from_iterable(results))  # in C (performance: a step per result)
        derived = derived_results(self.ctx, self.member_obligations, flat, members, self.lang, tracing=self.tracing)
        exempt = exempt_results(self.ctx, self.member_obligations, flat + derived, members, self.lang, tracing=self.tracing)
        # the events this part read as state: in another process, the caller's context never sees
        # them, and its unused facts would give such a review "superseded" (not "read_as_state")
        # read from the end: slicing from the start would walk every id the context read before
        # (a kept context of a large province: one-member calls grew dearer with each call)
        read = self.ctx.state_used
        state_used = list(itertools.islice(reversed(read), len(read) - state_read))[::-1]
        return Part(results, derived, exempt, first_notes, state_used=state_used)

    def _session(
        self,
        kind: str,
        subject: str,
        obligations: Sequence[Obligation],
        *,
        every_fact: bool = False,
        records: bool = False,
        grouped: bool = False,
    ) -> tuple[Any, dict[str, Occasion]]:
        """The subject's session facts and its occasions. Only the facts some rule can read
        (:class:`~.evaluation.payload.RuleReads`) are built, unless ``every_fact`` (tests: to
        check that leaving the others out changes no match). With ``records``, the occasions
        stand in the session as themselves, not as ``$occasion`` dicts (for the Python backend:
        most are joined to nothing, and their dicts were built for nothing). With ``grouped``
        too (the Python backend), the facts are given as a ``matching.python.GroupedSession``
        where no fact needs dropping as a repeat, grouped as they are made (else as a list)."""
        ctx = self.ctx
        occasions = occasions_of(ctx, obligations, subject)
        kind_of = EVENT_KIND  # event.kind, read by the event's type (performance: see EVENT_KIND)
        visible: list[Event]
        if kind == "member":
            kinds = self.member_kinds
            # the member's own events are sorted and each listed once: their visible prefix
            # needs no filter by date and no check for repeats (performance: once per member)
            visible = [event for event in ctx.visible_about_member(subject) if kind_of[type(event)] in kinds]
            meetings = {o.fields["meeting_id"] for o in occasions.values() if "meeting_id" in o.fields}
            if meetings:  # the meetings of the member's occasions, after their own events
                events = ctx.facts.events
                # the member's own events by identity: the fact set's index holds the events
                # themselves and ids are unique, so this is the set of their ids without reading
                # each event's id (performance: at a large province each read is a cache miss)
                own = set(map(id, visible))
                for meeting_id in sorted(meetings):
                    event = events[meeting_id]
                    if id(event) in own or event.date > ctx.as_of or kind_of[type(event)] not in kinds:
                        continue
                    if ctx.facts.member_of(event) != subject:
                        visible.append(event)
            member: str | None = subject
        else:
            kinds = self.org_kinds
            seen: dict[str, Event] = {}
            for event in ctx.facts.events_of_org(subject):
                # the kind first: most events naming an organisation are its members' (performance)
                if kind_of[type(event)] in kinds and event.id not in seen and event.date <= ctx.as_of:
                    seen[event.id] = event
            visible = list(seen.values())
            member = None
        if every_fact:
            asserted: Iterable[Occasion] = occasions.values()
            read: Container[str] = kinds
        else:
            present = frozenset(map(kind_of.__getitem__, map(type, visible)))
            reads = self.reads
            readable = reads.occasions_read(present)
            asserted = [occ for occ in occasions.values() if occ.duty.id in readable]
            read = reads.session_kinds_read(present, frozenset(map(_obligation_id_of, asserted)))
        facts: list[Any] = []
        several = False
        # with grouped records, the facts are also grouped as the Python matcher groups them (by
        # kind, each event's facts being of its kind; the $need facts by the event or occasion
        # they serve), in the same order; the list is kept for a session whose repeats must be
        # dropped
        by_kind: dict[str, list[Any]] | None = {} if grouped and records else None
        needs: dict[str, list[Any]] = {}
        for event in visible:
            event_kind = kind_of[type(event)]
            if event_kind not in read:
                continue
            flat = event_facts(ctx, event, member)
            if len(flat) > 1:
                several = True
            facts.extend(flat)
            if by_kind is not None:
                group = by_kind.get(event_kind)
                if group is None:
                    by_kind[event_kind] = flat  # a list of its own (event_facts makes one per call)
                else:
                    group.extend(flat)
            roles = self.need_roles.get(event_kind)
            if roles and member is not None:
                need = need_facts(event.id, ctx.recipients(roles, member, event.date, flat[0]))
                if need:
                    facts.extend(need)
                    if by_kind is not None:
                        needs[event.id] = need  # an event's id is no other's, nor an occasion's ("$occ|…")
        if by_kind is not None and not several:
            for occasion in asserted:
                if occasion.recipients:
                    need = need_facts(occasion._fact_id or occasion.fact_id, occasion.recipients)
                    if need:
                        needs[need[0]["occ"]] = need
            # a member's session: each of its facts names the member (event_facts), which its
            # occasions' evidence joins on
            records_of = asserted if type(asserted) is list else list(asserted)
            return GroupedSession(by_kind, needs, records_of, member), occasions
        # only the facts of an event flattened into one per organisation of a list can repeat
        # (an organisation listed twice): the visible events are each listed once, an event's
        # one fact has its unique id, and a $need id names its event, role and one of the role's
        # distinct organisations; an occasion's id and its $need ids hold more "|" than any
        # event's facts' ids (a fact id holds none: facts.checks). So the ids are compared only
        # after such an event (performance: a set of some thirty ids per member, for nothing)
        if several:
            facts = _dedupe(facts)
        if not records:
            facts.extend(occasion_facts(asserted, records=False))
            return facts, occasions
        # the occasions stand as themselves: the session is handed over with its dicts and its
        # records apart too, as they are made here (SplitFacts: durable-rules reads both halves,
        # and sorted the list into them again; performance, two passes over some fifty facts)
        split = SplitFacts(facts)
        record_ids: list[str] = []
        for occasion in asserted:  # occasion_facts(asserted, records=True), each need also a dict
            split.append(occasion)
            # its fact id as occasions_of made it (performance: durable-rules read each through
            # the property, a call from C per record)
            fact_id = occasion._fact_id or occasion.fact_id
            record_ids.append(fact_id)
            if occasion.recipients:
                need = need_facts(fact_id, occasion.recipients)
                split.extend(need)
                facts.extend(need)
        split.dicts = facts
        split.records = asserted if type(asserted) is list else list(asserted)
        split.record_ids = record_ids
        return split, occasions

    # -- from matches to results ----------------------------------------------------------

    def _judge(
        self, subject: str, obligations: Sequence[Obligation], occasions: dict[str, Occasion], matches: list[Match],
        cited_given: defaultdict[str, list[Cited]] | None = None,
    ) -> list[Result]:
        """The results of one subject's occasions from its session's matches. ``cited_given``:
        the :data:`~.evaluation.judge.Cited` pairs the matcher read straight from its frames of
        the rules :meth:`_cites` named (by occasion key); a frame of those rules still among
        ``matches`` is added to them here, as every frame was before (their order never
        matters: the judge sorts them whole)."""
        ctx = self.ctx
        routes = self._routes(obligations)
        hits: dict[str, list[Hit]] = defaultdict(list)
        cited: defaultdict[str, list[Cited]] = cited_given if cited_given is not None else defaultdict(list)
        breaches: dict[str, list[dict[str, Any]]] = defaultdict(list)
        event_occasions: dict[str, Occasion] = {}
        new_hit, days = object.__new__, DAYS
        tracing = self.tracing
        for rule_name, frame in matches:
            route = routes.get(rule_name)
            if route is None:
                continue
            duty, ref, cites = route
            role = ref.role
            if role == "breach":
                breaches[duty.id].append(frame["b"])
                continue
            trigger = frame["o"]
            if type(trigger) is Occasion:  # an occasion record (the Python backend)
                # its fact_id, without the property's call: made when the session listed it
                occasion_key = trigger._fact_id or trigger.fact_id
            elif trigger["t"] != "$occasion":
                # one key per obligation and trigger fact (an obligation id holds no "|"), made
                # once per match: it keys the occasion itself too
                occasion_key = f"event|{duty.id}|{trigger['id']}"
                if role == "trigger" and occasion_key not in event_occasions:
                    subject_id = trigger.get(duty.triggers[ref.trigger_index].subject_field or "", subject) if duty.rule else subject
                    occ, why = from_trigger(ctx, duty, ref.trigger_index, trigger, str(subject_id))
                    if occ is None:
                        self._note_unused(trigger["event"], why or "no_matching_occasion")
                        continue
                    event_occasions[occasion_key] = occ
            else:
                occasion_key = trigger["id"]
            if role == "evidence":
                if cites and not tracing:  # evidence the judge only cites: its day and event (judge.Cited)
                    fact = frame["e"]
                    event = fact["event"]
                    cited[occasion_key].append((fact["day"], event if type(event) is str else str(event)))
                    continue
                # Hit(...) written out (what its __init__ sets, in its order): a class with an
                # __init__ of its own is called through the interpreter's generic slot, a quarter
                # of each of a province's millions of hits (at 500 members 12 of 973 million
                # instructions of judging)
                need = frame.get("n")
                fact = frame["e"]
                hit = new_hit(Hit)
                hit.evidence_index = ref.evidence_index
                hit.fact = fact
                hit.rule = rule_name
                if need:
                    hit.role = need["role"]
                    hit.org = need["org"]
                else:
                    hit.role = hit.org = None
                day = days.get(fact["day"])  # Hit.day: day_of, without the call when the day is known
                hit.day = day if day is not None else day_of(int(fact["day"]))
                event = fact["event"]  # Hit.event_id: str() of it, without the call for a string (nearly all)
                hit.event_id = event if type(event) is str else str(event)
                hits[occasion_key].append(hit)
        all_occasions: dict[str, Occasion] = dict(occasions)
        all_occasions.update(event_occasions)  # never one of the session's keys ("$occ|…")
        as_of = ctx.as_of
        # judged in (obligation, key, rank, day, occasion key) order: the keys are unique, so
        # the occasions themselves are never compared
        ranked: list[Ranked] = []
        for occasion_key, occ in all_occasions.items():
            duty = occ.duty
            # what out_of_force(duty, result_day(occ, as_of)) gives, without the two calls when the
            # day is as_of (a standing duty) or the occasion's own (performance: once per occasion)
            if duty.standing:
                day = as_of
            elif occ.trigger_fact is None and occ.period is not None:
                day = result_day(occ, as_of)
            else:
                day = occ.day
            if day < duty.in_force_from or (duty.in_force_to is not None and day > duty.in_force_to):
                why = out_of_force(duty, day)
            else:
                why = None
            if why is not None:  # the rules in force on the result's date apply (semantics R8)
                if occ.trigger_event_id is not None:
                    self._note_unused(occ.trigger_event_id, why)
                continue
            # _rank, called only for an occasion of a year's comment-form chain (a trigger with a form)
            trigger_fact = occ.trigger_fact
            rank = self._rank(occ) if occ.year is not None and trigger_fact is not None and "form_id" in trigger_fact else 0
            ranked.append((duty.id, occ.key, rank, occ.day, occasion_key, occ))
        ranked.sort()
        results = self.judge.judge_all(ranked, hits, breaches, cited)
        # two results have one id only if their occasions have one obligation and key, which the
        # sort puts side by side: most subjects have none, and their ids need not be made here
        # (compared pair by pair in C: a generator per subject was 85,000 steps at 2,000 members)
        pairs = list(map(_obligation_and_key, ranked))
        if any(map(operator.eq, pairs, itertools.islice(pairs, 1, None))):
            return _one_per_key(results)
        return results

    def _routes(self, obligations: Sequence[Obligation]) -> _Routes:
        """The generated rules whose matches concern ``obligations``, each with its obligation's
        :class:`~.evaluation.duties.Duty` and whether the judge only cites its evidence
        (:func:`~.evaluation.judge.cites_only`), worked out once per list of obligations: every
        member has the same list."""
        kept = self._routes_of_list
        if kept is not None and kept[0] is obligations:  # every member's list is one object
            return kept[1]
        key = tuple(ob.id for ob in obligations)
        found = self._route_cache.get(key)
        if found is None:
            by_id = {ob.id: duty_of(ob) for ob in obligations}
            found = self._route_cache[key] = {
                name: (by_id[ref.obligation_id], ref, cites_only(by_id[ref.obligation_id]))
                for name, ref in self.compiled.refs.items() if ref.obligation_id in by_id
            }
        global _last_routes
        self._routes_of_list = (obligations, found)
        _last_routes = (self.compiled, obligations, found)
        return found

    def _cites(self, obligations: Sequence[Obligation]) -> dict[str, str]:
        """The evidence rules of ``obligations`` whose frames the judge only cites (the routes'
        third field, :func:`~.evaluation.judge.cites_only`) and that reach no recipient (a frame
        of two facts, ``o`` and ``e``), each with the start of the occasion key of a frame whose
        ``o`` is an event fact (:meth:`_judge`: ``event|<obligation>|`` and the fact's id).
        Worked out once per routes (performance: the matcher reads those frames straight into
        the judge's pairs, about twenty of a member's some fifty matches, instead of making a
        frame the judge reads again)."""
        routes = self._routes(obligations)
        kept = _cites_kept.get(id(routes))
        if kept is not None and kept[0] is routes:
            return kept[1]
        found: dict[str, str] = {}
        for name, (duty, ref, cites) in routes.items():
            rule = duty.rule
            if cites and ref.role == "evidence" and rule is not None and rule.evidence[ref.evidence_index].recipient_field is None:
                found[name] = f"event|{duty.id}|"
        with _lock:
            _cites_kept[id(routes)] = (routes, found)
        return found

    def _rank(self, occ: Occasion) -> int:
        """0 for the occasion a shared result id should follow, else 1: of a year's comment-form
        chain, the steps of the form :meth:`Context.chain_form` chose (semantics §10)."""
        if occ.year is None or occ.trigger_fact is None or "form_id" not in occ.trigger_fact:
            return 0
        return 0 if occ.trigger_fact["form_id"] == self.ctx.chain_form(occ.subject_id, occ.year) else 1

    def _note_unused(self, event_id: str, reason: str) -> None:
        self.unused_reasons.setdefault(event_id, reason)

_Routes = dict[str, tuple[Duty, RuleRef, bool]]

_MatchWay = Callable[
    [Mapping[str, Sequence[Any]], str | None, Mapping[str, str] | None, Mapping[str, defaultdict[str, list[Cited]]] | None],
    dict[str, list[Match]],
]

_ways: dict[int, tuple[Matcher, _MatchWay, bool, bool]] = {}


def _ways_of(found: Matcher) -> tuple[_MatchWay, bool, bool]:
    """:meth:`Run._match_of`, :meth:`Run._grouped` and :meth:`Run._lone_records` of ``found``,
    worked out once per matcher (performance: about 4 µs of every one-member evaluation, which
    makes a run of its own). Keyed by the matcher's identity, which the entry keeps alive: a
    process has one matcher per backend and set of regulations (a forked child, its own)."""
    kept = _ways.get(id(found))
    if kept is None or kept[0] is not found:
        with _lock:
            kept = _ways[id(found)] = (found, Run._match_of(found), Run._grouped(found), Run._lone_records(found))
    return kept[1], kept[2], kept[3]

_routes_kept: dict[int, tuple[CompiledRules, dict[tuple[str, ...], _Routes]]] = {}

_cites_kept: dict[int, tuple[_Routes, dict[str, str]]] = {}
""":meth:`Run._cites` of each routes, by their identity (the entry keeps them alive)."""

_last_routes: tuple[CompiledRules, Sequence[Obligation], _Routes] | None = None
"""The ruleset, list of obligations and routes of the process's last :meth:`Run._routes` that
worked them out (each run starts from it: the list kept alive, its identity never another's)."""


def _route_cache(compiled: CompiledRules) -> dict[tuple[str, ...], _Routes]:
    """The routes of ``compiled`` per list of obligations (:meth:`Run._routes`), kept per process
    (performance: a one-member evaluation worked them out again each time). Keyed by the ruleset's
    identity, which the entry keeps alive: a process has one ruleset per backend and set of
    regulations."""
    found = _routes_kept.get(id(compiled))
    if found is None or found[0] is not compiled:
        with _lock:
            found = _routes_kept.get(id(compiled))
            if found is None or found[0] is not compiled:
                found = _routes_kept[id(compiled)] = (compiled, {})
    return found[1]


def _as_of_warnings(ctx: Context) -> list[DataWarning]:
    """``as_of_before_observation``: nothing observed can be reported yet (contract semantics R8)."""
    if ctx.as_of >= ctx.observation_from:
        return []
    return [DataWarning(WarningCode.AS_OF_BEFORE_OBSERVATION.value, None,
                        {"as_of": ctx.as_of.isoformat(), "observation_from": ctx.observation_from.isoformat()})]



def _need_roles(obligations: Sequence[Obligation]) -> dict[str, tuple[str, ...]]:
    """Event kind → recipient roles of the rules that event opens (resolved on its date)."""
    out: dict[str, dict[str, None]] = defaultdict(dict)
    for ob in obligations:
        assert ob.rule is not None
        if not ob.rule.recipients:
            continue
        for trigger in ob.rule.triggers:
            if trigger.pattern is not None:
                out[trigger.pattern.kind].update(dict.fromkeys(ob.rule.recipients))
    return {kind: tuple(roles) for kind, roles in out.items()}


def _batches(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _dedupe(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first fact of each id, in order (an event can reach a session twice, e.g. a meeting
    the member attended and the meeting of their own occasion)."""
    if len(set(map(_id_of, facts))) == len(facts):  # the usual case, checked in C
        return facts
    first: dict[str, dict[str, Any]] = {}
    for fact in facts:
        first.setdefault(fact["id"], fact)
    return list(first.values())


_id_of = operator.itemgetter("id")
_obligation_and_key = operator.itemgetter(0, 1)
_obligation_id_of = operator.attrgetter("duty.id")


def _one_per_key(results: list[Result]) -> list[Result]:
    """Two occasions with one result id (e.g. two forms of one year): the first wins — the
    occasions come ranked (the chain's own form first, :meth:`Run._rank`), then earliest
    (semantics §10)."""
    seen: dict[str, Result] = {}
    for result in results:
        seen.setdefault(result.result_id, result)
    return list(seen.values()) if len(seen) < len(results) else results

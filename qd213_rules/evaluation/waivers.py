"""Waivers: a ``waiver_granted`` dated on or before as_of turns one result into ``waived``.

A waiver names one result, by ``result_id`` or by obligation + subject (+ period or the
trigger event). Precedence (semantics, statuses): waived > recorded breach > computed status; the
status that lost is kept in ``reason.params.overridden_status``. A waiver that matches no
result is a data warning (``waiver_unmatched``); one that matches several, or that was granted
by an organisation without authority over the bearer, is an input error.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ..articles._model import Kind
from ..errors import ErrorCode, FactsError, Problem
from ..facts import DataWarning, FactSet
from ..facts.events import Event, WaiverGranted
from ..messages import Lang, t
from .context import Context
from .judge import format_params
from .results import Reason, Result, Status, deciding_sources, worst

__all__ = ["apply_waivers", "apply_waivers_by_subject", "waivers_by_subject"]


def _matches(waiver: WaiverGranted, result: Result) -> bool:
    if waiver.result_id is not None:
        return waiver.result_id == result.result_id
    if waiver.obligation_id != result.obligation_id or waiver.subject_id != result.subject_id:
        return False
    if waiver.period is not None:
        return result.period == waiver.period
    if waiver.about_event_id is not None:
        return result.trigger_event_id == waiver.about_event_id
    return True


def _allowed(ctx: Context, waiver: WaiverGranted, result: Result) -> tuple[str, ...]:
    """Who may waive ``result`` (semantics R3): a strict ancestor of the bearer
    organisation — no one waives their own duty; for a member's own duty, the member's
    workplace committee on the waiver date or an organisation above it."""
    facts = ctx.facts
    if result.bearer_id in facts.organizations:
        return facts.ancestors(result.bearer_id)
    member = result.subject_id
    if member not in facts.members:
        return ()
    day = min(ctx.end_date(member) or ctx.as_of, ctx.as_of, waiver.date)
    committee = facts.workplace_committee_of(ctx.workplace_cell(member, day))
    return (committee, *facts.ancestors(committee))


def apply_waivers(
    ctx: Context, results: Sequence[Result], lang: Lang, waivers: Iterable[Event]
) -> tuple[list[Result], list[DataWarning], dict[str, str]]:
    """The results with ``waivers`` applied (those dated after as_of are left out), the waiver
    warnings, and unused-reasons of waivers.

    Waivers of source results apply first; derived results (D1.K2a/b) are then derived again
    from their sources, so that a waived source counts as waived; waivers naming a derived
    result apply last (semantics §18).
    """
    out = list(results)
    warnings: list[DataWarning] = []
    unused: dict[str, str] = {}
    problems: list[Problem] = []
    index = {r.result_id: i for i, r in enumerate(out)}
    targets: list[tuple[WaiverGranted, Result]] = []
    for waiver in waivers:
        assert isinstance(waiver, WaiverGranted)
        if waiver.date > ctx.as_of:
            continue
        location = ctx.facts.locations.get(waiver.id)
        found = [r for r in out if _matches(waiver, r)]
        if not found:
            warnings.append(DataWarning("waiver_unmatched", waiver.id, {}, location))
            unused[waiver.id] = "waiver_unmatched"
            continue
        file = location.file if location else None
        line = location.line if location else None
        json_path = location.json_path if location else None
        if len(found) > 1:
            problems.append(
                Problem(ErrorCode.WAIVER_AMBIGUOUS, fact_id=waiver.id, found=len(found),
                        expected="a waiver naming exactly one result: add period or about_event_id, or give result_id "
                        f"(candidates: {', '.join(sorted(r.result_id for r in found)[:5])})",
                        file=file, line=line, json_path=json_path)
            )
            continue
        target = found[0]
        allowed = _allowed(ctx, waiver, target)
        if waiver.granted_by_org_id not in allowed:
            problems.append(
                Problem(ErrorCode.NO_AUTHORITY, fact_id=waiver.id, found=waiver.granted_by_org_id,
                        expected=" | ".join(allowed) or "-", file=file, line=line,
                        json_path=f"{json_path}.granted_by_org_id" if json_path else None,
                        params={"bearer": target.bearer_id})
            )
            continue
        targets.append((waiver, target))
    if problems:
        raise FactsError(problems)
    for derived in (False, True):
        if derived:
            _rederive(out, index, lang)
        for waiver, target in targets:
            if _is_derived(target) is not derived:
                continue
            current = out[index[target.result_id]]
            if current.status is Status.WAIVED:
                continue  # an earlier waiver already applies
            out[index[target.result_id]] = _waived(current, waiver, lang)
    return out, warnings, unused


def _is_derived(result: Result) -> bool:
    return result.kind == Kind.DERIVED.value


def _waived(target: Result, waiver: WaiverGranted, lang: Lang) -> Result:
    # who granted the waiver, when and why travel with the result into every format (semantics R3)
    params = {"overridden_status": target.status.value, "waiver": waiver.id, "overridden_reason": target.reason.code,
              "evidence": waiver.id, "granted_by": waiver.granted_by_org_id, "granted_on": waiver.date,
              "waiver_reason": waiver.reason}
    return dataclasses.replace(
        target,
        status=Status.WAIVED,
        evidence=tuple(dict.fromkeys((*target.evidence, waiver.id))),
        reason=Reason("waived", params),
        message=t(
            "reason.waived",
            lang,
            **format_params(
                {
                    **params,
                    "overridden_status": t(f"status.{target.status.value}", lang),
                }
            ),
        ),
    )


def _rederive(out: list[Result], index: dict[str, int], lang: Lang) -> None:
    """Derive each derived result again from its sources as they stand after the waivers."""
    for i, result in enumerate(out):
        if not _is_derived(result) or not result.derived_from or result.reason.code != "derived":
            continue
        sources = [out[index[rid]] for rid in result.derived_from if rid in index]
        status = worst(s.status for s in sources)
        evidence = tuple(dict.fromkeys(e for s in sources for e in s.evidence))
        if status is result.status and evidence == result.evidence:
            continue
        params = {**result.reason.params, "derived_status": status.value, "sources": deciding_sources(sources, status)}
        out[i] = dataclasses.replace(
            result,
            status=status,
            evidence=evidence,
            reason=Reason("derived", params),
            message=t("reason.derived", lang, **format_params(params)),
        )


def apply_waivers_by_subject(
    ctx: Context, results: Sequence[Result], lang: Lang, wanted: set[str] | None = None
) -> tuple[list[Result], list[DataWarning], dict[str, str]]:
    """:func:`apply_waivers` with every waiver of the fact set, subject by subject, merged back
    in place (performance).

    ``apply_waivers`` compares every waiver with every result it is given: at province scale,
    thousands of waivers times millions of results. A waiver only ever matches results of the
    subject it names (``subject_id``, or the subject part of ``result_id``), so each subject's
    waivers, in their order, are applied to that subject's results, in theirs: the same waived
    results, warnings, unused reasons and errors (all errors are raised together, in waiver
    order, as one call would). When the evaluation is restricted to ``wanted`` subjects, only
    their waivers are applied (the others could only be reported as unmatched).
    """
    groups = waivers_by_subject(ctx.facts)
    order: dict[str, int] = {}
    applied: dict[str, list[Event]] = {}
    named = groups.items() if wanted is None else [(s, groups[s]) for s in sorted(wanted) if s in groups]
    for subject, group in named:
        visible = [(i, w) for i, w in group if w.date <= ctx.as_of]
        if visible:
            applied[subject] = [w for _, w in visible]
            order.update((w.id, i) for i, w in visible)
    if not applied:  # nothing to waive nor to derive again (a one-member evaluation, mostly)
        return list(results), [], {}
    positions: dict[str, list[int]] = defaultdict(list)
    for i, result in enumerate(results):
        if result.subject_id in applied:
            positions[result.subject_id].append(i)
    out = list(results)
    warnings: list[tuple[int, DataWarning]] = []
    citations: dict[str, str] = {}
    problems: list[tuple[int, Problem]] = []
    for subject, chosen in applied.items():
        mine = positions.get(subject, [])
        try:
            waived, found, cited = apply_waivers(ctx, [results[i] for i in mine], lang, chosen)
        except FactsError as exc:
            problems += [(order.get(p.fact_id or "", -1), p) for p in exc.problems]
            continue
        for i, result in zip(mine, waived):
            out[i] = result
        warnings += [(order.get(w.fact_id or "", -1), w) for w in found]
        citations.update(cited)
    if problems:
        raise FactsError([p for _, p in sorted(problems, key=lambda item: item[0])])
    return out, [w for _, w in sorted(warnings, key=lambda item: item[0])], dict(sorted(citations.items(), key=lambda kv: order.get(kv[0], -1)))


_waiver_index: weakref.WeakKeyDictionary[FactSet, dict[str, list[tuple[int, Event]]]] = weakref.WeakKeyDictionary()


def waivers_by_subject(facts: FactSet) -> dict[str, list[tuple[int, Event]]]:
    """Every waiver of the fact set with its position, by the subject it names (once per fact set)."""
    found = _waiver_index.get(facts)
    if found is None:
        found = {}
        for i, waiver in enumerate(facts.events_of_kind("waiver_granted")):
            result_id = getattr(waiver, "result_id", None)
            subject = getattr(waiver, "subject_id", None)
            if result_id is not None:
                parts = result_id.split("|")
                subject = parts[1] if len(parts) > 1 else result_id
            found.setdefault(str(subject), []).append((i, waiver))
        _waiver_index[facts] = found
    return found

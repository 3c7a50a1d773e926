"""Waivers: a ``waiver_granted`` dated on or before as_of turns one result into ``waived``.

A waiver names one result, by ``result_id`` or by obligation + subject (+ period or the
trigger event). Precedence (DESIGN.md §4): waived > recorded breach > computed status; the
status that lost is kept in ``reason.params.overridden_status``. A waiver that matches no
result is a data warning (``waiver_unmatched``); one that matches several, or that was granted
by an organisation without authority over the bearer, is an input error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..errors import ErrorCode, FactsError, Problem
from ..facts import DataWarning
from ..facts.events import WaiverGranted
from ..messages import Lang, t
from .context import Context
from .judge import format_params
from .results import Reason, Result, Status

__all__ = ["apply_waivers"]


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


def _authorised(ctx: Context, waiver: WaiverGranted, result: Result) -> bool:
    """The bearer organisation or an ancestor; for a member's own duty, the member's workplace
    cell or an ancestor, or the residence cell or its commune (DESIGN.md §2)."""
    facts = ctx.facts
    granter = waiver.granted_by_org_id
    if result.bearer_id in facts.organizations:
        return granter == result.bearer_id or granter in facts.ancestors(result.bearer_id)
    member = result.subject_id
    if member not in facts.members:
        return False
    day = min(ctx.end_date(member) or ctx.as_of, ctx.as_of, waiver.date)
    cell = ctx.workplace_cell(member, day)
    if granter == cell or granter in facts.ancestors(cell):
        return True
    residence = ctx.residence_cell(member, day)
    return residence is not None and granter in (residence, facts.commune_of(residence))


def apply_waivers(
    ctx: Context, results: Sequence[Result], lang: Lang
) -> tuple[list[Result], list[DataWarning], dict[str, str]]:
    """The results with waivers applied, the waiver warnings, and unused-reasons of waivers."""
    out = list(results)
    warnings: list[DataWarning] = []
    unused: dict[str, str] = {}
    problems: list[Problem] = []
    index = {r.result_id: i for i, r in enumerate(out)}
    for waiver in ctx.facts.events_of_kind("waiver_granted"):
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
        if not _authorised(ctx, waiver, target):
            problems.append(
                Problem(ErrorCode.NO_AUTHORITY, fact_id=waiver.id, found=waiver.granted_by_org_id,
                        expected=f"the bearer {target.bearer_id} or an organisation above it",
                        file=file, line=line, json_path=json_path)
            )
            continue
        if target.status is Status.WAIVED:
            continue  # an earlier waiver already applies
        params = {"overridden_status": target.status.value, "waiver": waiver.id, "overridden_reason": target.reason.code}

        out[index[target.result_id]] = dataclasses.replace(
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
                        "evidence": waiver.id,
                        "overridden_status": t(f"status.{target.status.value}", lang),
                        "due_date": target.due_date or "",
                    }
                ),
            ),
        )
    if problems:
        raise FactsError(problems)
    return out, warnings, unused

"""Results decided without matching: the derived duties (D1.K2a/b) and the placeholders of
``exempt_from_introduction`` members (HD33).

The derived duties are read from the member's other results (the worst status per grassroots
organisation); an exempt member gets one ``not_applicable`` result per duty the category
exempts, borne by the organisation that would bear it, so that every duty of every member is
accounted for.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter

from ..articles import Obligation
from ..articles._model import Kind, Role
from ..facts import FactSet
from ..facts.members import Category
from ..facts.organizations import OrgKind
from ..messages import Lang
from ..overlays import hd33
from .context import Context
from .in_force import out_of_force
from .duties import Duty, duty_of
from .judge import make_result, message_maker
from .results import Reason, Result, Status, Trace, bare_reason, deciding_sources, id_slot, new_reason, new_result, worst

__all__ = ["derived_results", "exempt_results", "grassroots_org"]

# the traces of results decided without matching (one shared object each)
_DERIVED_ENDED = Trace("derived", None, None, decided_by="applicability.subject_ended")
_DERIVED_NO_SOURCE = Trace("derived", None, None, decided_by="derived.no_source")
_DERIVED_WORST = Trace("derived", None, None, decided_by="derived.worst_of_sources")
_EXEMPT = Trace("-", None, None, decided_by="applicability.category")


def _traced(trace: Trace, tracing: bool) -> Trace | None:
    return trace if tracing else None


def derived_results(
    ctx: Context, obligations: Sequence[Obligation], results: list[Result], members: list[str], lang: Lang, *,
    tracing: bool = False,
) -> list[Result]:
    """The derived duties (D1.K2a/b) of ``members``: per grassroots organisation, the worst
    status of the member's source results there, ``not_applicable`` ones included (all of them
    ``not_applicable``: ``not_applicable``), naming the sources that decided it; ``ongoing`` with
    no source, ``not_applicable`` after the end of duties (semantics §7, §18, R6)."""
    as_of = ctx.as_of
    duties, any_source = _derived_in_force(obligations, as_of)
    if not duties:
        return []
    # each member's results of some derived duty's sources (about a quarter of the results)
    by_member: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        if result.obligation_id in any_source:
            by_member[result.subject_id].append(result)
    # each bearer's grassroots organisation, kept with the fact set (a member's few bearers are
    # named by dozens of results, and a one-member evaluation asked for them again each call)
    grassroots: dict[str, str] = ctx.facts.derived.setdefault(_GRASSROOTS, {})
    maker = message_maker(lang)
    trace = _traced(_DERIVED_WORST, tracing)
    out: list[Result] = []
    for member in members:
        day = min(ctx.end_date(member) or as_of, as_of)
        category = ctx.category(member, day)
        for ob, wanted, shape in duties:
            if category not in ob.categories:
                continue  # the exempt fill below reports it
            groups: dict[str, list[tuple[str, Result]]] = defaultdict(list)
            for source in by_member.get(member, ()):
                # not_applicable sources stay: a derived result restates them (semantics R6)
                if source.obligation_id in wanted:
                    bearer = source.bearer_id
                    org = grassroots.get(bearer)
                    if org is None:
                        org = grassroots[bearer] = grassroots_org(ctx.facts, bearer)
                    # with its result id (an engine result makes its id when read: Result.result_id
                    # without the property's call), by which the group's sources are ranked
                    rid = id_slot(source, Result)
                    if rid is None:  # its subject is the member (by_member)
                        rid = f"{source.obligation_id}|{member}|{source.period or source.trigger_event_id or '-'}|{bearer}"
                    groups[org].append((rid, source))
            if not groups:
                bearer = ctx.workplace_committee(member, day)
                ended = ctx.end(member)
                if ended is not None:  # no source left after the end of duties (semantics §7)
                    out.append(make_result(ob, member, bearer, None, None, Status.NOT_APPLICABLE, None, None,
                                           (ended[1],), Reason("subject_ended", {"evidence": ended[1]}),
                                           lang, trace=_traced(_DERIVED_ENDED, tracing)))
                    continue
                out.append(make_result(ob, member, bearer, None, None, Status.ONGOING, None, None, (),
                                       Reason("derived", {"sources": "—"}), lang,
                                       trace=_traced(_DERIVED_NO_SOURCE, tracing)))
                continue
            for org, ranked in sorted(groups.items()):
                if len(ranked) > 1:
                    ranked.sort(key=_FIRST)  # by result id (stable: equal ids keep their order)
                sources = list(map(_SECOND, ranked))  # read in C (itemgetter), not a comprehension
                status = worst([s.status for s in sources])
                out.append(new_result(
                    None, shape.id, shape.kind_text, shape.citation, shape.subject_text, member, org, None, None,
                    status, None, None,
                    # each source's evidence joined in C (a comprehension's steps per id, not per source)
                    tuple(dict.fromkeys(chain.from_iterable([s.evidence for s in sources]))),
                    new_reason("derived", {"derived_status": _STATUS_VALUES[status],
                                           "sources": deciding_sources(sources, status)}),
                    False, tuple(map(_FIRST, ranked)), maker, trace,
                ))  # make_result's fields, without its three calls of 14 to 18 arguments
    return out


_DerivedDuties = tuple[list[Obligation], dict[str, frozenset[str]], frozenset[str]]

_last_derived: tuple[Sequence[Obligation], _DerivedDuties] | None = None

_InForce = list[tuple[Obligation, frozenset[str], Duty]]

_last_in_force: tuple[Sequence[Obligation], dt.date, _InForce, frozenset[str]] | None = None


def _derived_in_force(obligations: Sequence[Obligation], as_of: dt.date) -> tuple[_InForce, frozenset[str]]:
    """The derived duties of ``obligations`` in force on ``as_of`` (the same for every member),
    each with its sources and its fields as plain slots (:func:`~.duties.duty_of`), and every
    source of a derived duty: worked out once per list of obligations and ``as_of`` in a row
    (performance: a one-member evaluation read each derived obligation's dates and fields again
    per call). The list is kept with what was found: the identity compared is never another list's."""
    global _last_in_force
    last = _last_in_force
    if last is not None and last[0] is obligations and last[1] == as_of:
        return last[2], last[3]
    derived, sources_of, any_source = _derived_duties(obligations)
    duties = [(ob, sources_of[ob.id], duty_of(ob)) for ob in derived if out_of_force(ob, as_of) is None]
    _last_in_force = (obligations, as_of, duties, any_source)
    return duties, any_source


def _derived_duties(obligations: Sequence[Obligation]) -> _DerivedDuties:
    """The derived duties of ``obligations`` (with a rule), each one's sources as a set, and
    every source: worked out once per list of obligations in a row (performance: every member
    of a process has one list, and reading each obligation's fields per call was about a fifth
    of a one-member evaluation's derived results). The list is kept with what was found: the
    identity compared is never another list's."""
    global _last_derived
    last = _last_derived
    if last is not None and last[0] is obligations:
        return last[1]
    derived = [ob for ob in obligations if ob.kind is Kind.DERIVED and ob.rule is not None]
    sources_of = {ob.id: frozenset(ob.rule.derived_from) for ob in derived if ob.rule is not None}
    found = (derived, sources_of, frozenset().union(*sources_of.values()))
    _last_derived = (obligations, found)
    return found


_GRASSROOTS = __name__ + ".grassroots"
"""The key, in a fact set's store (:attr:`FactSet.derived`), of each organisation's grassroots
organisation (:func:`grassroots_org`: a function of the fact set alone)."""

_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_STATUS_VALUES = {status: status.value for status in Status}
"""Each status's value, read from a table: ``Status.value`` is a property written in Python
(about 1,500 instructions a read, 2 % of making a derived result)."""


def grassroots_org(facts: FactSet, org_id: str) -> str:
    """A cell's result counts for its parent committee (semantics §18)."""
    org = facts.organizations.get(org_id)
    if org is None:
        return org_id
    # the kind compared with the enum's members, not through ``.value`` (performance: a Python
    # property of Enum; read for each cell a one-member call meets for the first time)
    kind = org.kind
    if kind == OrgKind.RESIDENCE_CELL:
        return facts.commune_of(org_id) or org_id
    if kind == OrgKind.WORKPLACE_CELL:
        return facts.workplace_committee_of(org_id)
    return org_id


def exempt_results(
    ctx: Context, obligations: Sequence[Obligation], results: list[Result], members: list[str], lang: Lang, *,
    tracing: bool = False,
) -> list[Result]:
    """``exempt_from_introduction`` members: one ``not_applicable`` result per duty of
    ``obligations`` that has none for them (HD33), borne by whom it would be."""
    exempt: list[tuple[str, dt.date, Category]] = []
    for member in members:
        day = min(ctx.end_date(member) or ctx.as_of, ctx.as_of)
        category = ctx.category(member, day)
        if category is Category.EXEMPT_FROM_INTRODUCTION:
            exempt.append((member, day, category))
    if not exempt:
        return []
    # the duties the exempt members already have a result of (not a pair per result of the
    # province: at its end the evaluation's peak memory is its results and what is made from them)
    named = {member for member, _, _ in exempt}
    have = {(r.subject_id, r.obligation_id) for r in results if r.subject_id in named}
    out = []
    for member, day, category in exempt:
        for ob in obligations:
            if (member, ob.id) in have or out_of_force(ob, ctx.as_of) is not None or category in ob.categories:
                continue
            bearer = _exempt_bearer(ctx, ob, member, day)
            out.append(make_result(ob, member, bearer, None, None, Status.NOT_APPLICABLE, None, None, (),
                                   bare_reason(hd33.not_applicable_reason(category)), lang,
                                   trace=_traced(_EXEMPT, tracing)))
    return out


_BEARER_ROLES = {
    Role.MEMBER: "member",
    Role.WORKPLACE_CELL: "workplace_cell",
    Role.WORKPLACE_COMMITTEE: "workplace_committee",
    Role.RESIDENCE_CELL: "residence_cell",
    Role.COMMUNE_COMMITTEE: "residence_commune",
}
"""The member's organisation that would bear a duty of each bearer kind (an event-borne duty
names its bearer in the trigger; with no trigger, the member's state on the day names it)."""


def _exempt_bearer(ctx: Context, ob: Obligation, member: str, day: dt.date) -> str:
    """Who would bear ``ob`` for ``member`` on ``day``: the member for their own duties, else
    the organisation of the obligation's bearer kind in the member's state (the residence cell
    or its commune, the workplace cell or committee), ``-`` when the member has none (no
    residence)."""
    assert ob.rule is not None
    role = ob.rule.bearer
    if role in ("member", "comment_cell", "owing_cells"):  # the rule's bearer comes from the trigger
        role = _BEARER_ROLES.get(ob.bearer, "") if role == "member" else ("residence_cell" if role == "comment_cell" else "")
    if not role:
        return "-"
    found = ctx.role(role, member, day)
    return found[0] if found else "-"

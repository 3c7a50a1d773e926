"""A matching backend in plain Python, generated from the same obligation declarations.

:class:`PythonMatcher` gives exactly what :class:`~.durable.DurableMatcher` gives — the same rule
names, the same frames ``{alias: fact}``, in the same order — for the rules that
:mod:`.compiler` generates, interpreting each declaration the way the generated durable-rules
rule does:

- ``<id>/t<i>`` — event triggers only; alias ``o``: a fact of the trigger pattern (``t`` = the
  kind, every ``equals`` field equal, each ``one_of`` field equal to one of its values);
- ``<id>/t<i>/e<j>`` — ``o`` as above, or for a state-derived trigger the ``$occasion`` fact
  whose ``ob`` is the obligation id, and ``e`` a *different* fact of the evidence pattern whose
  ``same`` fields equal the occasion's fields (read through the trigger's ``bearer_field`` and
  ``subject_field`` for event triggers), dated on or after ``o.since`` or within
  ``o.start..o.end``; when the evidence names a ``recipient_field``, also ``n``: a ``$need`` fact
  with ``n.occ == o.id`` and ``e[recipient_field] == n.org``, one frame per such ``$need``;
- ``<id>/breach`` — alias ``b``: a ``conduct_breach_recorded`` naming the obligation.

The declarations are compiled once into small test tuples and an index from fact kind (or
obligation id, for occasions) to the rules it can open; a session is indexed by kind, so each
fact meets only the rules that can use it. No JSON, no C, no GIL-bound engine: this is the
backend to use where durable-rules cannot be installed (Python 3.13) and the reference the
durable backend is tested against (``tests/perf/test_differential.py``).

Comparison semantics. Equality is typed (a string equals only a string, a boolean only a
boolean, a number only a number); a field a fact lacks matches nothing. durable-rules compares
some mixed types loosely (``1 == "1"``) and crashes or fails on ordered comparisons with a
missing field; the engine never builds such facts (payload fields have one type each), and a
missing ``since``/``start``/``end`` on an occasion or trigger is reported here as
:class:`PythonMatcherError` instead of matching silently. Frames share the session's fact
dicts: treat them as read-only.

>>> from qd213_rules.articles import OBLIGATIONS
>>> matcher = PythonMatcher(OBLIGATIONS)
>>> facts = [
...     {"t": "residence_changed", "id": "E1", "event": "E1", "day": 10, "since": 10, "member": "M"},
...     {"t": "$need", "id": "n1", "occ": "E1", "role": "workplace_cell", "org": "CB"},
...     {"t": "residence_change_reported", "id": "E2", "event": "E2", "day": 12, "since": 12,
...      "member": "M", "about_event_id": "E1", "to_org_id": "CB"},
... ]
>>> [(name, sorted(frame)) for name, frame in matcher.match({"s": facts})["s"]]
[('D2.K7b/t0', ['o']), ('D2.K7b/t0/e0', ['e', 'n', 'o'])]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import operator
from collections import defaultdict
from json.encoder import encode_basestring_ascii as _json_string
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any

from ..articles import Obligation
from ..articles._rule import Evidence, Pattern, Trigger
from ..errors import EngineError
from .backend import Backend, Fact, Match, OccasionRecord
from .compiler import NEED_KIND, CompiledRules, RuleRef, fact_kinds, occasion_field

__all__ = ["GroupedSession", "PythonMatcher", "PythonMatcherError", "judged_order", "judged_order_of", "judged_order_of_rules", "sort_matches"]


_MISSING: Any = object()


class PythonMatcherError(EngineError):
    """A session the rules cannot be applied to (duplicate fact ids, an occasion without the
    dates its evidence is timed against)."""


def _same(a: Any, b: Any) -> bool:
    """Typed equality: ``True`` is not ``1``, ``"1"`` is not ``1``; a missing field equals nothing."""
    return a is not _MISSING and type(a) is type(b) and a == b


@dataclass(frozen=True)
class _Test:
    """A compiled :class:`Pattern` (without its kind, which the index has already checked)."""

    equals: tuple[tuple[str, Any], ...]
    one_of: tuple[tuple[str, tuple[Any, ...]], ...]

    @classmethod
    def of(cls, pattern: Pattern) -> _Test:
        return cls(
            tuple(sorted(pattern.equals.items())),
            tuple((name, tuple(values)) for name, values in sorted(pattern.one_of.items()) if values),
        )

    def __call__(self, fact: Fact) -> bool:
        # _same inlined (performance: called for every candidate fact); a declared value is
        # never _MISSING, so a missing field fails on its type
        for name, value in self.equals:
            found = fact.get(name, _MISSING)
            if type(found) is not type(value) or not found == value:
                return False
        for name, values in self.one_of:
            found = fact.get(name, _MISSING)
            kind = type(found)
            for value in values:
                if kind is type(value) and found == value:
                    break
            else:
                return False
        return True

    def select(self, facts: Sequence[Fact]) -> list[Fact]:
        """The facts of ``facts`` that pass, in order. A test of one field, the usual shape, is
        written out as one comprehension (performance: a session's evidence candidates are
        selected here, one call per fact of ``__call__`` was a sixth of matching its occasions)."""
        if not self.one_of:
            if not self.equals:
                return list(facts)
            if len(self.equals) > 1:
                return [f for f in facts if self(f)]
            name, value = self.equals[0]
            if type(value) is bool:  # True and False are the only booleans: identity is typed equality
                return [f for f in facts if f.get(name) is value]
            kind = type(value)
            return [f for f in facts if type(f.get(name, _MISSING)) is kind and f[name] == value]
        return [f for f in facts if self(f)]


@dataclass(frozen=True)
class _EvidenceRule:
    name: str
    kind: str
    test: _Test
    same: tuple[tuple[str, str], ...]
    """(evidence field, trigger-fact field) pairs that must be equal."""
    timing: str
    recipient_field: str | None
    selector: int
    """Which (kind, test) pair this is among the matcher's evidence rules: rules that share one
    share, in a session, the list of the facts that pass it (see :meth:`PythonMatcher._fire`)."""


@dataclass(frozen=True)
class _TriggerRule:
    name: str | None
    """None when the trigger rule itself is not part of the ruleset (only its evidence rules)."""
    test: _Test | None
    """None for ``$occasion`` triggers (the index already checked ``ob``)."""
    evidence: tuple[_EvidenceRule, ...]


def _trigger_test(trigger: Trigger) -> tuple[str, _Test | None]:
    if trigger.source == "event":
        assert trigger.pattern is not None
        return trigger.pattern.kind, _Test.of(trigger.pattern)
    return "$occasion", None


def _evidence_rule(
    name: str, ob: Obligation, trigger: Trigger, evidence: Evidence, selectors: dict[tuple[str, _Test], int]
) -> _EvidenceRule:
    same = tuple((mine, occasion_field(ob, trigger, theirs)) for mine, theirs in sorted(evidence.same.items()))
    test = _Test.of(evidence.pattern)
    selector = selectors.setdefault((evidence.pattern.kind, test), len(selectors))
    return _EvidenceRule(name, evidence.pattern.kind, test, same, evidence.timing, evidence.recipient_field, selector)


class GroupedSession:
    """A session's facts as :meth:`PythonMatcher.match` groups them itself, built so by the
    engine as it builds the session (performance: the matcher walked every fact again to group
    it and check its id, some fifty facts and occasions per member): its facts by kind (``t``;
    its ``$need`` facts need not be among them, no rule matches that kind alone), its ``$need``
    facts by the fact they serve (``occ``), and its occasion records, in the order the facts
    would have been given. The caller vouches that no two of its facts and records share an
    id (they are not checked).

    ``member``: the member every fact of ``by_kind`` names in its ``member`` field (a string),
    if any (a member's session: each event's facts name the session's member), or None. An
    occasion record of that member then joins its evidence without comparing their ``member``
    fields, which are equal (performance: most evidence of a member's occasions joins on that
    field alone)."""

    __slots__ = ("by_kind", "needs", "records", "member")

    def __init__(
        self,
        by_kind: dict[str, list[Fact]],
        needs: dict[str, list[Fact]],
        records: list[OccasionRecord],
        member: str | None = None,
    ) -> None:
        self.by_kind = by_kind
        self.needs = needs
        self.records = records
        self.member = member


class PythonMatcher:
    """The obligation rules as Python tests and indexes; thread-safe (it keeps no state but
    how to read each type of occasion record, worked out once and never changed)."""

    backend: Backend = "python"

    def __init__(self, compiled_or_obligations: CompiledRules | Iterable[Obligation]) -> None:
        if isinstance(compiled_or_obligations, CompiledRules):
            from ..articles import OBLIGATIONS

            wanted: set[str] | None = set(compiled_or_obligations.refs)
            ids = {ref.obligation_id for ref in compiled_or_obligations.refs.values()}
            obligations = [ob for ob in OBLIGATIONS if ob.id in ids]
            missing = ids - {ob.id for ob in obligations}
            if missing:
                raise PythonMatcherError(f"rules name obligations the catalogue does not have: {sorted(missing)}")
        else:
            wanted = None
            obligations = [ob for ob in compiled_or_obligations if ob.rule is not None]
        refs: dict[str, RuleRef] = {}
        description: dict[str, Any] = {}
        kinds = {"$occasion", "$need"}
        by_kind: dict[str, list[_TriggerRule]] = {}
        by_occasion: dict[str, list[_TriggerRule]] = {}
        breaches: dict[str, str] = {}
        selectors: dict[tuple[str, _Test], int] = {}
        for ob in obligations:
            rule = ob.rule
            assert rule is not None
            kinds |= fact_kinds(ob)
            for i, trigger in enumerate(rule.triggers):
                trigger_name = f"{ob.id}/t{i}"
                evidence_rules = []
                for j, evidence in enumerate(rule.evidence):
                    name = f"{trigger_name}/e{j}"
                    if wanted is None or name in wanted:
                        evidence_rules.append(_evidence_rule(name, ob, trigger, evidence, selectors))
                        refs[name] = RuleRef(ob.id, "evidence", i, j)
                        description[name] = {"trigger": trigger_name, "evidence": evidence.model_dump(mode="json")}
                # a state-derived trigger has no rule of its own, only its evidence joins (the
                # ``$occasion`` facts are the occasions already: see matching.compiler)
                has_trigger = trigger.source == "event" and (wanted is None or trigger_name in wanted)
                if has_trigger:
                    refs[trigger_name] = RuleRef(ob.id, "trigger", i)
                    description[trigger_name] = {"obligation": ob.id, "trigger": trigger.model_dump(mode="json")}
                if not has_trigger and not evidence_rules:
                    continue
                key, test = _trigger_test(trigger)
                compiled = _TriggerRule(trigger_name if has_trigger else None, test, tuple(evidence_rules))
                if key == "$occasion":
                    by_occasion.setdefault(ob.id, []).append(compiled)
                else:
                    by_kind.setdefault(key, []).append(compiled)
            breach_name = f"{ob.id}/breach"
            if rule.breach_recordable and (wanted is None or breach_name in wanted):
                breaches[ob.id] = breach_name
                refs[breach_name] = RuleRef(ob.id, "breach")
                description[breach_name] = {"obligation": ob.id, "breach": "conduct_breach_recorded"}
        self.compiled = CompiledRules(ruleset=description, refs=refs, kinds=frozenset(kinds))
        """What each rule is for (``ruleset`` describes the Python rules; no durable JSON)."""
        self._by_kind = {k: tuple(v) for k, v in by_kind.items()}
        if NEED_KIND in by_kind or any(ev.kind == NEED_KIND for rules in (*by_kind.values(), *by_occasion.values()) for rule in rules for ev in rule.evidence):
            # a GroupedSession leaves its $need facts out of its kinds
            raise PythonMatcherError(f"a rule matches {NEED_KIND} facts as a trigger or evidence")
        self._by_occasion = {k: tuple(v) for k, v in by_occasion.items()}
        self._breaches = breaches
        self._record_plans: dict[type[OccasionRecord], _RecordPlan] = {}
        """How to match occasion records of each type (:meth:`_record_plan`; filled as types come)."""

    def close(self) -> None:
        """Nothing to release (the same interface as the durable matcher)."""

    def match(
        self, sessions: Mapping[str, Sequence[Fact | OccasionRecord] | GroupedSession], *, canonical: bool = True,
        cites: Mapping[str, str] | None = None, cited: Mapping[str, defaultdict[str, list[Any]]] | None = None,
    ) -> dict[str, list[Match]]:
        """Every match of every session, sorted like :meth:`DurableMatcher.match`. A session's
        ``$occasion`` facts may be given as :class:`~.backend.OccasionRecord` objects: the
        matches are those of their dicts (:meth:`~.backend.OccasionRecord.as_fact`), with the
        record in their place in the frames. A session may also be given already grouped
        (:class:`GroupedSession`: the engine's own sessions).

        With ``canonical`` false, the same matches in the order the judge needs and no more
        (:func:`judged_order`: the engine's own calls; performance: the canonical sort of the
        frames of each rule was about a third of matching).

        ``cites`` and ``cited``: as :meth:`DurableMatcher.match`'s (the engine's), for the frames
        of an occasion record (:meth:`_records`): those of the other facts stay matches (the
        engine groups them itself)."""
        out = {}
        if not cites or cited is None:
            cites = cited = None
        for sid, facts in sessions.items():
            into = cited[sid] if cited is not None else None
            if type(facts) is GroupedSession:
                out[sid] = self._grouped(sid, facts.by_kind, facts.needs, facts.records, None, canonical, facts.member, cites, into)
            else:
                out[sid] = self._session(sid, facts, canonical, cites, into)  # type: ignore[arg-type]
        return out

    def _session(
        self, sid: str, facts: Sequence[Fact | OccasionRecord], canonical: bool = True, cites: Mapping[str, str] | None = None,
        cited: defaultdict[str, list[Any]] | None = None,
    ) -> list[Match]:
        by_kind: dict[Any, list[Fact]] = {}
        needs: dict[Any, list[Fact]] = {}
        ids: set[Any] = set()
        records: list[OccasionRecord] = []
        for fact in facts:
            if type(fact) is not dict and not isinstance(fact, dict):
                records.append(fact)
                continue
            fact_id = fact.get("id")
            if fact_id in ids:
                raise PythonMatcherError(f"duplicate fact id in session {sid}: {fact_id!r}")
            ids.add(fact_id)
            kind = fact.get("t")
            found = by_kind.get(kind)
            if found is None:
                by_kind[kind] = [fact]
            else:
                found.append(fact)
            if kind == "$need":
                needs.setdefault(fact.get("occ", _MISSING), []).append(fact)
        return self._grouped(sid, by_kind, needs, records, ids, canonical, None, cites, cited)

    def _grouped(
        self,
        sid: str,
        by_kind: dict[Any, list[Fact]],
        needs: dict[Any, list[Fact]],
        records: list[OccasionRecord],
        ids: set[Any] | None,
        canonical: bool,
        member: str | None,
        cites: Mapping[str, str] | None = None,
        cited: defaultdict[str, list[Any]] | None = None,
    ) -> list[Match]:
        """The matches of a session's facts grouped by kind (``t``), its ``$need`` facts by the
        fact they serve (``occ``) and its occasion records; ``ids``, the ids of its facts, to
        check the records' ids against (None: a :class:`GroupedSession`, whose ids are unique);
        ``member``, that of :class:`GroupedSession`; ``cites`` and ``cited`` (the session's
        table), as :meth:`match`'s."""
        out: list[Match] = []
        chosen: dict[int, Sequence[Fact]] = {}
        unique: dict[int, bool] = {}
        tied: set[str] = set()  # rules whose frames the judge may find tied (judged_order)
        fire = self._fire
        for kind, group in by_kind.items():
            if type(kind) is not str:
                continue
            if kind == "$occasion":
                for o in group:
                    ob = o.get("ob")
                    rules = self._by_occasion.get(ob) if type(ob) is str else None
                    for rule in rules or ():
                        fire(rule, o, by_kind, chosen, unique, needs, out, tied)
                continue
            if kind == "conduct_breach_recorded" and self._breaches:
                breached: set[str] = set()
                for b in group:
                    named = b.get("obligation_id")
                    breach = self._breaches.get(named) if type(named) is str else None
                    if breach is not None:
                        out.append((breach, {"b": b}))
                        if breach in breached:
                            tied.add(breach)
                        breached.add(breach)
            for rule in self._by_kind.get(kind, ()):
                selected = group if rule.test is None else rule.test.select(group)
                if rule.name is not None and len(selected) > 1 and _events_repeat(selected):
                    tied.add(rule.name)
                for o in selected:
                    fire(rule, o, by_kind, chosen, unique, needs, out, tied)
        if records:
            self._records(sid, records, ids, by_kind, chosen, unique, needs, out, tied, member, cites, cited)
        return sort_matches(out) if canonical else judged_order(out, tied)

    def _records(
        self,
        sid: str,
        records: list[OccasionRecord],
        ids: set[Any] | None,
        by_kind: dict[Any, list[Fact]],
        chosen: dict[int, Sequence[Fact]],
        unique: dict[int, bool],
        needs: dict[Any, list[Fact]],
        out: list[Match],
        tied: set[str],
        member: str | None = None,
        cites: Mapping[str, str] | None = None,
        cited: defaultdict[str, list[Any]] | None = None,
    ) -> None:
        """The matches of the occasion records of a session: those of their ``$occasion`` facts
        (see :meth:`_fire`: an ``$occasion`` trigger has no rule of its own, only its evidence
        joins), each field read off the record (:meth:`_record_plan`). Each record's id is
        checked against ``ids`` unless None (the ids are unique: :class:`GroupedSession`), and
        then read only where a join needs it (performance: a property's call per record). A
        record whose ``member`` is ``member`` (every fact's: :class:`GroupedSession`) is joined
        by the plan that leaves that field out (:attr:`_RecordPlan.of_member`). The frames of a
        rule of ``cites`` (of two facts) go to ``cited`` as :meth:`match` says, not to ``out``."""
        plans = self._record_plans
        plan = None
        fact_id: Any = None
        for occ in records:
            if ids is not None:
                fact_id = occ.fact_id
                if fact_id in ids:
                    raise PythonMatcherError(f"duplicate fact id in session {sid}: {fact_id!r}")
                ids.add(fact_id)
            record_cited: list[Any] | None = None  # the record's list in ``cited``, once asked
            if plan is None or type(occ) is not plan.record_type:
                plan = plans.get(type(occ)) or self._record_plan(type(occ))
            ob = plan.obligation(occ)
            if member is not None and plan.member(occ) == member:  # both strings: a fact's member is one
                joins = plan.of_member
            else:
                joins = plan.by_occasion
            for ev, kind, selector, name, reaches, read_low, read_high, same, mine, read_one in (
                joins.get(ob, ()) if type(ob) is str else ()
            ):
                # the facts of the selector that pass its test, once per session: a selector kept
                # there had facts of its kind (performance: the kind is looked up only once)
                candidates = chosen.get(selector)
                if candidates is None:
                    group = by_kind.get(kind)
                    if not group:
                        continue
                    test = ev.test
                    candidates = chosen[selector] = test.select(group) if test.equals or test.one_of else group
                if not candidates:  # no fact of its kind passes its test: nothing to join, as with no fact of its kind
                    continue  # (performance: a quarter of a session's record and evidence-rule pairs)
                into: list[Any] | None = None
                if cites is not None and not reaches and name in cites:  # its frames read as cited pairs
                    if record_cited is None:
                        assert cited is not None
                        record_cited = cited[fact_id if fact_id is not None else occ.fact_id]
                    into = record_cited
                if read_low is None:
                    low = high = None
                else:
                    low = _record_bound(read_low(occ), occ, "since" if read_high is None else "start", name)
                    high = _record_bound(read_high(occ), occ, "end", name) if read_high is not None else None
                if not same:  # no field to join on (a join on the member alone, left out): each candidate in its days
                    before = len(out)
                    for e in candidates:
                        if low is not None:
                            day = e.get("day", _MISSING)
                            day_type = type(day)  # _number inlined
                            if (day_type is not int and day_type is not float) or day < low or (high is not None and day > high):
                                continue
                        if into is not None:
                            event = e["event"]
                            into.append((e["day"], event if type(event) is str else str(event)))
                        elif not reaches:
                            out.append((name, {"o": occ, "e": e}))
                        else:
                            _reach(ev, occ, fact_id if fact_id is not None else occ.fact_id, e, needs, out)
                    if len(out) - before > 1 and _may_repeat(selector, candidates, unique, reaches) and _evidence_repeats(out, before):
                        tied.add(name)
                    continue
                if read_one is not None:  # a join on one field, the usual shape: the loop below written for it
                    value = read_one(occ)
                    if value is _MISSING:  # a field the occasion lacks equals nothing
                        continue
                    value_type = type(value)
                    before = len(out)
                    for e in candidates:
                        found = e.get(mine, _MISSING)
                        # _same inlined (equal first: most candidates differ); a missing field equals nothing
                        if not found == value or type(found) is not value_type:
                            continue
                        if low is not None:
                            day = e.get("day", _MISSING)
                            day_type = type(day)  # _number inlined
                            if (day_type is not int and day_type is not float) or day < low or (high is not None and day > high):
                                continue
                        if into is not None:
                            event = e["event"]
                            into.append((e["day"], event if type(event) is str else str(event)))
                        elif not reaches:
                            out.append((name, {"o": occ, "e": e}))
                        else:
                            _reach(ev, occ, fact_id if fact_id is not None else occ.fact_id, e, needs, out)
                    if len(out) - before > 1 and _may_repeat(selector, candidates, unique, reaches) and _evidence_repeats(out, before):
                        tied.add(name)
                    continue
                wanted = []
                for mine, read in same:
                    value = read(occ)
                    if value is _MISSING:  # a field the occasion lacks equals nothing
                        break
                    wanted.append((mine, value))
                else:  # the join of _fire (as there)
                    before = len(out)
                    for e in candidates:
                        for mine, value in wanted:  # _same inlined: every value is there
                            found = e.get(mine, _MISSING)
                            if type(found) is not type(value) or not found == value:
                                break
                        else:  # joined (an evidence fact is never the record itself)
                            if low is not None:
                                day = e.get("day", _MISSING)
                                day_type = type(day)  # _number inlined
                                if (day_type is not int and day_type is not float) or day < low or (high is not None and day > high):
                                    continue
                            if into is not None:
                                event = e["event"]
                                into.append((e["day"], event if type(event) is str else str(event)))
                            elif not reaches:
                                out.append((name, {"o": occ, "e": e}))
                            else:
                                _reach(ev, occ, fact_id if fact_id is not None else occ.fact_id, e, needs, out)
                    if len(out) - before > 1 and _may_repeat(selector, candidates, unique, reaches) and _evidence_repeats(out, before):
                        tied.add(name)

    def _record_plan(self, record_type: type[OccasionRecord]) -> _RecordPlan:
        """How to match occasion records of ``record_type``: for each obligation, the evidence
        rules of its ``$occasion`` triggers, each with what a join reads of it (its kind,
        selector, name and whether it reaches a recipient: unpacked once per process, not read
        off the rule for each record and fact) and the readers of the fields it reads (``since``,
        or ``start`` and ``end``, by its timing; those of its ``same``); and the same without
        the join of the evidence's ``member`` to the record's (:attr:`_RecordPlan.of_member`)."""
        reader: Callable[[str], Callable[[Any], Any]] = functools.partial(record_type.fact_reader, missing=_MISSING)

        def joins(ev: _EvidenceRule, same: tuple[tuple[str, str], ...]) -> _RecordEvidence:
            return (
                ev, ev.kind, ev.selector, ev.name, ev.recipient_field is not None,
                reader("since") if ev.timing == "on_or_after" else reader("start") if ev.timing == "within_period" else None,
                reader("end") if ev.timing == "within_period" else None,
                tuple((mine, reader(theirs)) for mine, theirs in same),
                same[0][0] if len(same) == 1 else "",
                reader(same[0][1]) if len(same) == 1 else None,
            )

        by_occasion: dict[str, tuple[_RecordEvidence, ...]] = {}
        of_member: dict[str, tuple[_RecordEvidence, ...]] = {}
        for ob_id, rules in self._by_occasion.items():
            # an $occasion trigger has no rule of its own (rule.name is None)
            by_occasion[ob_id] = tuple(joins(ev, ev.same) for rule in rules for ev in rule.evidence)
            of_member[ob_id] = tuple(
                joins(ev, tuple(pair for pair in ev.same if pair != _MEMBER_JOIN)) for rule in rules for ev in rule.evidence
            )
        found = self._record_plans[record_type] = _RecordPlan(record_type, reader("ob"), by_occasion, reader("member"), of_member)
        return found

    @staticmethod
    def _fire(
        rule: _TriggerRule,
        o: Fact,
        by_kind: dict[Any, list[Fact]],
        chosen: dict[int, Sequence[Fact]],
        unique: dict[int, bool],
        needs: dict[Any, list[Fact]],
        out: list[Match],
        tied: set[str],
    ) -> None:
        """The trigger's own match and its evidence joins, for one trigger fact ``o``.

        ``chosen`` keeps, per evidence selector, the session's facts of its kind that pass its
        test (performance: a session's occasions and triggers ask the same few evidence
        patterns in turn — every year of a yearly duty, every duty of a kind — and each fact
        is tested once per session instead of once per trigger)."""
        if rule.name is not None:
            out.append((rule.name, {"o": o}))
        for ev in rule.evidence:
            group = by_kind.get(ev.kind)
            if not group:
                continue
            low = high = None
            if ev.timing == "on_or_after":
                low = _bound(o, "since", ev.name)
            elif ev.timing == "within_period":
                low, high = _bound(o, "start", ev.name), _bound(o, "end", ev.name)
            wanted = []
            for mine, theirs in ev.same:
                value = o.get(theirs, _MISSING)
                if value is _MISSING:  # a field the trigger lacks equals nothing
                    break
                wanted.append((mine, value))
            else:
                candidates = chosen.get(ev.selector)
                if candidates is None:
                    test = ev.test
                    candidates = chosen[ev.selector] = test.select(group) if test.equals or test.one_of else group
                name = ev.name
                before = len(out)
                for e in candidates:
                    if e is o:
                        continue
                    for mine, value in wanted:  # _same inlined: every value is there
                        found = e.get(mine, _MISSING)
                        if type(found) is not type(value) or not found == value:
                            break
                    else:  # joined
                        if low is not None:
                            day = e.get("day", _MISSING)
                            kind = type(day)  # _number inlined
                            if (kind is not int and kind is not float) or day < low or (high is not None and day > high):
                                continue
                        if ev.recipient_field is None:
                            out.append((name, {"o": o, "e": e}))
                        else:
                            _reach(ev, o, o["id"] if "id" in o else _NOWHERE, e, needs, out)
                if len(out) - before > 1 and _may_repeat(ev.selector, candidates, unique, ev.recipient_field is not None) and _evidence_repeats(out, before):
                    tied.add(name)


_Reader = Callable[[Any], Any]

_RecordEvidence = tuple[
    _EvidenceRule, str, int, str, bool, _Reader | None, _Reader | None, tuple[tuple[str, _Reader], ...], str,
    _Reader | None,
]
"""An evidence rule of an ``$occasion`` trigger, its kind, selector and name, whether it names a
recipient field, and the readers of the record's fields it reads: ``since`` (on or after) or ``start`` (within the period), or None (any day); ``end``
(within the period) or None; and each evidence field of ``same`` with the reader of the
occasion's field it must equal; for a join on one field, that field and its reader (else ``""``
and None) (:meth:`PythonMatcher._record_plan`)."""


@dataclass(frozen=True)
class _RecordPlan:
    record_type: type[OccasionRecord]
    obligation: _Reader
    """The reader of the record's ``ob``."""
    by_occasion: dict[str, tuple[_RecordEvidence, ...]]
    member: _Reader
    """The reader of the record's ``member``."""
    of_member: dict[str, tuple[_RecordEvidence, ...]]
    """:attr:`by_occasion` without the join of the evidence's ``member`` to the record's
    (:data:`_MEMBER_JOIN`), for a record of the member every fact of the session names
    (:class:`GroupedSession`): that join holds for every candidate."""


_MEMBER_JOIN = ("member", "member")
"""The join of an evidence fact's ``member`` to its occasion's (``Evidence.same``)."""

_NOWHERE: Any = object()
"""The id of a trigger fact that has none (no ``$need`` names it)."""


def _reach(ev: _EvidenceRule, o: Any, o_id: Any, e: Fact, needs: dict[Any, list[Fact]], out: list[Match]) -> None:
    """The matches of evidence ``e`` joined to ``o`` (whose id is ``o_id``) through each
    ``$need`` of ``o`` it reaches."""
    reached = e.get(ev.recipient_field or "", _MISSING)
    for n in needs.get(o_id, ()):
        if n is not o and n is not e and _same(reached, n.get("org", _MISSING)):
            out.append((ev.name, {"o": o, "n": n, "e": e}))


def _number(value: Any) -> bool:
    return type(value) is int or type(value) is float


def _bound(o: Fact, name: str, rule: str) -> Any:
    value = o.get(name, _MISSING)
    if not _number(value):
        raise PythonMatcherError(f"rule {rule}: the trigger fact {o.get('id')!r} has no numeric {name!r}")
    return value


def _record_bound(value: Any, record: OccasionRecord, name: str, rule: str) -> Any:
    """:func:`_bound` of a field read off an occasion record."""
    if not _number(value):
        raise PythonMatcherError(f"rule {rule}: the trigger fact {record.fact_id!r} has no numeric {name!r}")
    return value


def _record_fact(record: Any) -> Fact:
    """The dict of an occasion record in a frame (the JSON order of frames is that of the facts
    durable-rules would have been given)."""
    as_fact = getattr(record, "as_fact", None)
    if as_fact is None:
        raise TypeError(f"Object of type {type(record).__name__} is not JSON serializable")
    found: Fact = as_fact()
    return found


_CANONICAL = json.JSONEncoder(sort_keys=True, default=_record_fact).encode
"""``json.dumps(fact, sort_keys=True)`` without building an encoder per call (an occasion record
written as its dict)."""


def sort_matches(matches: list[Match]) -> list[Match]:
    """Sort by ``(rule name, canonical JSON of the frame)`` — the order of
    :meth:`DurableMatcher.match`.

    Frames of one rule are compared without serialising them where the facts allow it
    (performance: serialising every frame's facts was half of the Python backend's matching):
    see :func:`_frame_order`. A rule that matched once needs no comparison at all."""
    matches.sort(key=_rule_name)
    start = 0
    total = len(matches)
    compare = _FrameOrder().compare
    key = functools.cmp_to_key(compare)
    while start < total:
        end = start + 1
        name = matches[start][0]
        while end < total and matches[end][0] == name:
            end += 1
        if end - start == 2:  # most often: one comparison, as the stable sort would make it
            if compare(matches[start], matches[start + 1]) > 0:
                matches[start], matches[start + 1] = matches[start + 1], matches[start]
        elif end - start > 2:
            matches[start:end] = sorted(matches[start:end], key=key)
        start = end
    return matches


_rule_name = operator.itemgetter(0)
"""A match's rule name (a C getter: the sort calls it once per match)."""


def judged_order(matches: list[Match], tied: Set[str]) -> list[Match]:
    """``matches`` (as the Python matcher makes them) in an order the judge cannot tell from
    the canonical one (:func:`sort_matches`), sorting frames only where it could.

    What the engine makes of a session's matches (``engine.Run._judge``) depends on their order
    only through: the rules, in name order (a trigger fact two rules of one obligation match
    opens the occasion of the first; of two triggers of one event, the first notes why it
    opens nothing); among the matches of one rule and one trigger fact, the order of evidence
    of one day and event (the judge sorts an occasion's evidence by day and event, stably: a
    tie keeps the match order), and for a trigger rule, of trigger facts of one event; of a
    breach rule, the order of its facts. So the matches are sorted by rule name, stably, and
    the frames of a rule are sorted canonically only where the matcher saw one of those ties
    (``tied``: two frames of one rule and trigger fact with evidence of one day and event —
    an event flattened into one fact per organisation of a list, or one evidence fact reaching
    two recipients; two trigger facts of one event; two breach facts): otherwise no two of its
    frames can change places in anything the judge makes, and their order is the matcher's
    (its facts', which is deterministic). ``tests/matching/test_judged_order.py`` judges every
    session of generated provinces in both orders."""
    matches.sort(key=_rule_name)
    for name in tied:
        low = bisect.bisect_left(matches, name, key=_rule_name)
        high = bisect.bisect_right(matches, name, lo=low, key=_rule_name)
        if high - low > 1:
            matches[low:high] = sort_matches(matches[low:high])
    return matches


def judged_order_of(matches: list[Match], events_apart: bool = False) -> list[Match]:
    """:func:`judged_order` of matches in any order (a backend that does not tell which rules'
    frames may tie: durable-rules): sorted by rule name, stably, and the frames of each rule
    sorted canonically where two of them tie as :func:`judged_order` tells (two of one trigger
    fact with evidence of one day and event, two trigger facts of one event, two breaches),
    found by reading each frame's trigger fact id and its evidence's day and event
    (performance: the canonical sort compares the frames' facts, field by field).

    ``events_apart``: the caller knows that no two of the session's facts but its occasions and
    ``$need`` facts (which are never evidence nor an event trigger) are of one event, and that
    each of those others names its event: then two frames of a trigger, or of a trigger fact
    and one piece of evidence, never tie (their trigger facts, or their pieces of evidence,
    are of two events), and only the frames that reach a recipient (three facts: one piece of
    evidence may reach two) or hold a breach are read (performance: about 16 rules' frames
    read per member, almost never tied)."""
    matches.sort(key=_rule_name)
    total = len(matches)
    start = 0
    while start < total:
        name = matches[start][0]
        end = start + 1
        while end < total and matches[end][0] == name:
            end += 1
        if end - start > 1:
            frame = matches[start][1]
            if (not events_apart or len(frame) > 2 or "o" not in frame) and _frames_tie(matches, start, end):
                matches[start:end] = sort_matches(matches[start:end])
        start = end
    return matches


def judged_order_of_rules(matches: list[Match], several: Iterable[str], events_apart: bool = False) -> list[Match]:
    """:func:`judged_order_of`, given the rules that may have more than one frame in ``matches``
    (``several``: every such rule, and maybe others): only their frames are read, each rule's
    found by bisection (performance: a matcher that hands out each rule's frames at once knows
    them, and a member's matches are some fifty frames of some thirty rules)."""
    matches.sort(key=_rule_name)
    for name in several:
        start = bisect.bisect_left(matches, name, key=_rule_name)
        end = bisect.bisect_right(matches, name, lo=start, key=_rule_name)
        if end - start > 1:
            frame = matches[start][1]
            if (not events_apart or len(frame) > 2 or "o" not in frame) and _frames_tie(matches, start, end):
                matches[start:end] = sort_matches(matches[start:end])
    return matches


def _frames_tie(matches: list[Match], start: int, end: int) -> bool:
    """Whether two frames of ``matches[start:end]`` (of one rule) tie for the judge
    (:func:`judged_order`)."""
    seen = set()
    for index in range(start, end):
        frame = matches[index][1]
        o = frame.get("o")
        if o is None:  # a breach rule: two of its facts
            return True
        e = frame.get("e")
        o_id = o.fact_id if type(o) is not dict else o.get("id")
        key = (o_id, e.get("day"), str(e.get("event"))) if e is not None else str(o.get("event"))
        if key in seen:
            return True
        seen.add(key)
    return False


def _events_repeat(facts: Sequence[Fact]) -> bool:
    """Whether two of ``facts`` (trigger facts of one rule) are of one event."""
    events = [str(f.get("event")) for f in facts]
    return len(set(events)) < len(events)


def _may_repeat(selector: int, candidates: Sequence[Fact], unique: dict[int, bool], reaches: bool) -> bool:
    """Whether frames of one rule and trigger fact joined to ``candidates`` (the facts of
    ``selector`` in the session) may hold evidence of one day and event (:func:`_evidence_repeats`
    says whether they do): not when no two candidates are of one day and event and each candidate
    makes one frame (no recipient to reach, which may make one frame per ``$need``). Whether the
    candidates are so is found once per selector and session (performance: the same evidence
    facts are joined to many occasions of a member — each standing duty's, each year's)."""
    if reaches:
        return True
    found = unique.get(selector)
    if found is None:
        found = unique[selector] = len({(e.get("day"), str(e.get("event"))) for e in candidates}) == len(candidates)
    return not found


def _evidence_repeats(out: list[Match], start: int) -> bool:
    """Whether two of the frames ``out[start:]`` (of one rule and trigger fact) hold evidence of
    one day and event: the judge cannot order them by what it sorts evidence by."""
    seen = set()
    for _, frame in itertools.islice(out, start, None):
        e = frame["e"]
        key = (e.get("day"), str(e.get("event")))
        if key in seen:
            return True
        seen.add(key)
    return False


class _FrameOrder:
    """Compares two matches of one rule as their frames' canonical JSON texts compare
    (``json.dumps(frame, sort_keys=True)``), reading as little of them as it can.

    The text of a frame is ``{"a1": F1, "a2": F2, …}`` with its aliases sorted and each fact
    ``F`` itself ``{"k1": v1, "k2": v2, …}`` with its keys sorted. Two frames with the same
    aliases, and two facts with the same keys, share their text up to the first alias (key)
    whose fact (value) differs; a fact's text is never a proper prefix of another's (its
    closing brace ends it), so that value decides — its JSON text followed by what comes after
    it (``,`` or the closing ``}``), which settles a number that is a prefix of another
    (``1`` and ``10``). Values that are the same object, or equal strings, integers or
    booleans, have the same text. Anything else — other alias or key sets, other value types
    (floats: ``0.0 == -0.0``) — is compared by the full canonical JSON, cached per fact.
    ``tests/matching/test_sort_matches.py`` checks this order against the JSON on generated
    frames."""

    def __init__(self) -> None:
        self._texts: dict[int, str] = {}  # id(fact) -> its canonical JSON (facts outlive the sort)
        self._orders: dict[tuple[int, int], int] = {}  # (id(a), id(b)) -> _fact_order_of(a, b)

    def _text(self, fact: Any) -> str:
        found = self._texts.get(id(fact))
        if found is None:
            found = self._texts[id(fact)] = _CANONICAL(fact)
        return found

    def _by_text(self, a: Any, b: Any) -> int:
        ta, tb = self._text(a), self._text(b)
        return (ta > tb) - (ta < tb)

    def compare(self, x: Match, y: Match) -> int:
        a, b = x[1], y[1]
        ka = tuple(a)
        aliases = _SORTED_KEYS.get(ka) if ka == tuple(b) else None  # the usual case, inlined
        if aliases is None:
            aliases = _sorted_keys(a, b)
            if aliases is None:
                return self._by_text(a, b)
        # each pair of facts is compared once, its order kept (performance: rules that join one
        # occasion each to the same evidence facts — a member's standing duties and the
        # campaigns they took part in — compare the same pairs of facts in turn: half of a
        # session's comparisons were repeats)
        orders = self._orders
        for alias in aliases:
            fa, fb = a[alias], b[alias]
            if fa is not fb:
                pair = (id(fa), id(fb))
                found = orders.get(pair)
                if found is None:
                    found = orders[pair] = self._fact_order_of(fa, fb)
                if found:
                    return found
        return 0

    def _fact_order_of(self, a: Any, b: Any) -> int:
        # _sorted_keys and, for strings and integers, _scalar_json inlined (performance: called
        # once or more per pair of matches of one rule, some twenty pairs per member)
        if type(a) is not dict or type(b) is not dict:
            return self._by_text(a, b)
        ka = tuple(a)
        if ka != tuple(b) and a.keys() != b.keys():
            return self._by_text(a, b)
        keys = _SORTED_KEYS.get(ka) or _sorted_keys(a, b)
        assert keys is not None
        for name in keys:
            va, vb = a[name], b[name]
            if va is vb:
                continue
            kind = type(va)
            if kind is type(vb):
                if kind is int:
                    if va == vb:
                        continue
                    ta, tb = int.__repr__(va), int.__repr__(vb)
                elif kind is str:
                    if va == vb:
                        continue
                    ta, tb = _json_string(va), _json_string(vb)
                elif kind is bool and va == vb:
                    continue
                else:
                    ta, tb = _scalar_json(va), _scalar_json(vb)  # type: ignore[assignment]
            else:
                ta, tb = _scalar_json(va), _scalar_json(vb)  # type: ignore[assignment]
            if ta is None or tb is None:
                return self._by_text(a, b)
            after = "}" if name is keys[-1] else ","
            ta, tb = ta + after, tb + after
            return (ta > tb) - (ta < tb)
        return 0


_SORTED_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _sorted_keys(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, ...] | None:
    """The keys of ``a`` and ``b`` sorted, if they have the same keys; else None. Facts of one
    kind are built with their keys in one order, so the sorted keys are kept per key order
    (performance: sorting a fact's keys cost more than comparing it); a few hundred orders."""
    ka = tuple(a)
    if ka != tuple(b):
        if a.keys() != b.keys():
            return None
    found = _SORTED_KEYS.get(ka)
    if found is None:
        if len(_SORTED_KEYS) >= 4096:  # facts made elsewhere (tests, callers): keep the table bounded
            _SORTED_KEYS.clear()
        found = _SORTED_KEYS[ka] = tuple(sorted(ka))
    return found


def _scalar_json(value: Any) -> str | None:
    """The JSON text of a string, integer, boolean or None (as ``json.dumps``); else None."""
    kind = type(value)
    if kind is str:
        return _json_string(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return None

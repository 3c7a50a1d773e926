"""Compile obligation declarations into a durable-rules ruleset.

For every obligation with a rule, and every trigger ``i`` and evidence ``j`` of it:

- ``<id>/t<i>`` matches an event trigger: an event of the trigger pattern (each match opens an
  occasion). A state-derived trigger has no such rule: its occasions are generated in Python
  and asserted as ``$occasion`` facts, so a rule matching them would only hand each one back
  (it fired once per asserted occasion — 40 % of all firings — and the engine read nothing
  from it);
- ``<id>/t<i>/e<j>`` joins the trigger (alias ``o``: the event, or the ``$occasion`` fact whose
  ``ob`` is the obligation) with an evidence fact (alias ``e``): the
  evidence pattern, its ``same`` field equalities, its timing (on or after the occasion's
  ``since``, or within its period) and, when the evidence names a recipient, a ``$need`` fact
  (alias ``n``) of the occasion whose organisation the evidence reached;
- ``<id>/breach`` matches a ``conduct_breach_recorded`` naming the obligation.

Two more rules serve the matcher, not the obligations. ``$accept`` never fires (its second fact
never exists) but makes every asserted fact "handled", so that a non-zero return code of
``assert_facts`` is always a real error. ``$open`` fires once per session, on the one
``$session`` fact the durable matcher asserts into each: durable-rules 2.0.28 frees a session's
action context when the session is deleted, and that context is set only by an action — a
session in which no rule fired can hand ``free`` an uninitialised pointer and abort the process
(docs/durable-rules.md, pitfall 10).
The output is plain JSON, readable and snapshot-tested per obligation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..articles import Obligation
from ..articles._rule import Evidence, Pattern, Trigger

__all__ = ["RuleRef", "CompiledRules", "compile_rules", "compile_obligation", "fact_kinds", "occasion_field", "ACCEPT_RULE", "OPEN_RULE", "SESSION_KIND", "kind_key"]

ACCEPT_RULE = "$accept"
OPEN_RULE = "$open"
SESSION_KIND = "$session"
"""The kind of the fact ``OPEN_RULE`` fires on (one per session; see the module docstring)."""


@dataclass(frozen=True)
class RuleRef:
    """What a generated rule is for."""

    obligation_id: str
    role: str
    """``trigger``, ``evidence`` or ``breach``."""
    trigger_index: int = 0
    evidence_index: int = 0


@dataclass(frozen=True)
class CompiledRules:
    """The ruleset JSON, what each rule is for, and the fact kinds worth asserting."""

    ruleset: dict[str, Any]
    refs: dict[str, RuleRef]
    kinds: frozenset[str]


def _m(name: str) -> Any:
    from durable.lang import m

    return getattr(m, name)


def _ref(alias: str, name: str) -> Any:
    from durable.lang import c

    return getattr(getattr(c, alias), name)


def kind_key(kind: str) -> str:
    """The property the durable matcher adds to every fact of kind ``kind`` (``t``), which every
    condition on that kind tests for first (see :func:`_kind`)."""
    return "t=" + kind


def _kind(kind: str) -> Any:
    """A fact of kind ``kind``: it has the property :func:`kind_key` names, and ``t == kind``.

    The first test is for the C core's speed (the condition itself is ``t == kind``): its alpha
    network looks a fact's properties up by name in a hash table, then tests the values of every
    test on that name one by one — with ``t == kind`` first, every fact met every kind's test (a
    string comparison each, about 50 kinds). A test on a name of the fact's own kind is found by
    the hash alone. Measured on the facts of 400 members: the C core's matching 0.52-0.56 ->
    0.46-0.51 ms per member."""
    return +_m(kind_key(kind)) & (_m("t") == kind)


def _pattern(pattern: Pattern) -> Any:
    cond = _kind(pattern.kind)
    for name, value in sorted(pattern.equals.items()):
        cond = cond & (_m(name) == value)
    for name, values in sorted(pattern.one_of.items()):
        alternatives = None
        for value in values:
            test = _m(name) == value
            alternatives = test if alternatives is None else alternatives | test
        if alternatives is not None:
            cond = cond & alternatives
    return cond


def _trigger_condition(ob: Obligation, trigger: Trigger) -> Any:
    if trigger.source == "event":
        assert trigger.pattern is not None, f"{ob.id}: an event trigger needs a pattern"
        return _pattern(trigger.pattern)
    return _kind("$occasion") & (_m("ob") == ob.id)


def occasion_field(ob: Obligation, trigger: Trigger, name: str) -> str:
    """The trigger fact's field that stands for an occasion field named in ``same``."""
    if trigger.source != "event":
        return name
    if name == "bearer":
        if trigger.bearer_field is None:
            raise ValueError(f"{ob.id}: evidence joins on the bearer, but its event trigger names no bearer_field")
        return trigger.bearer_field
    if name == "subject":
        return trigger.subject_field or "member"
    return name


def _evidence_rule(ob: Obligation, trigger: Trigger, evidence: Evidence) -> Any:
    from durable.lang import c, when_all

    cond = _pattern(evidence.pattern)
    for mine, theirs in sorted(evidence.same.items()):
        cond = cond & (_m(mine) == _ref("o", occasion_field(ob, trigger, theirs)))
    if evidence.timing == "on_or_after":
        cond = cond & (_m("day") >= _ref("o", "since"))
    elif evidence.timing == "within_period":
        cond = cond & (_m("day") >= _ref("o", "start")) & (_m("day") <= _ref("o", "end"))
    occasion = c.o << _trigger_condition(ob, trigger)
    if evidence.recipient_field is not None:
        need = c.n << (_kind("$need") & (_m("occ") == _ref("o", "id")))
        cond = cond & (_m(evidence.recipient_field) == _ref("n", "org"))
        return when_all(occasion, need, c.e << cond)
    return when_all(occasion, c.e << cond)


def compile_obligation(ob: Obligation) -> dict[str, tuple[RuleRef, dict[str, Any]]]:
    """The generated rules of one obligation: ``{name: (ref, rule JSON)}``."""
    from durable.lang import c, when_all

    out: dict[str, tuple[RuleRef, dict[str, Any]]] = {}
    rule = ob.rule
    if rule is None:
        return out
    for i, trigger in enumerate(rule.triggers):
        if trigger.source == "event":  # an $occasion is already an occasion: see the module docstring
            out[f"{ob.id}/t{i}"] = (RuleRef(ob.id, "trigger", i), when_all(c.o << _trigger_condition(ob, trigger)).define())
        for j, evidence in enumerate(rule.evidence):
            out[f"{ob.id}/t{i}/e{j}"] = (
                RuleRef(ob.id, "evidence", i, j),
                _evidence_rule(ob, trigger, evidence).define(),
            )
    if rule.breach_recordable:
        breach = _kind("conduct_breach_recorded") & (_m("obligation_id") == ob.id)
        out[f"{ob.id}/breach"] = (RuleRef(ob.id, "breach"), when_all(c.b << breach).define())
    return out


def fact_kinds(ob: Obligation) -> set[str]:
    """The fact kinds ``ob``'s rules read (triggers, evidence, breaches; both backends declare them)."""
    rule = ob.rule
    if rule is None:
        return set()
    kinds = {t.pattern.kind for t in rule.triggers if t.pattern is not None}
    kinds |= {e.pattern.kind for e in rule.evidence}
    if rule.breach_recordable:
        kinds.add("conduct_breach_recorded")
    return kinds


def compile_rules(obligations: Iterable[Obligation]) -> CompiledRules:
    """The whole ruleset: every obligation's rules plus ``$accept`` and ``$open``."""
    from durable.lang import c, m, when_all

    ruleset: dict[str, Any] = {}
    refs: dict[str, RuleRef] = {}
    kinds = {"$occasion", "$need"}
    for ob in obligations:
        for name, (ref, rule_json) in compile_obligation(ob).items():
            ruleset[name] = rule_json
            refs[name] = ref
        kinds |= fact_kinds(ob)
    ruleset[ACCEPT_RULE] = when_all(c.f << +m.t, c.x << (m.t == "$never")).define()
    ruleset[OPEN_RULE] = when_all(c.s << _kind(SESSION_KIND)).define()
    return CompiledRules(ruleset=ruleset, refs=refs, kinds=frozenset(kinds))

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
  (alias ``n``) of the occasion whose organisation the evidence reached. Every fact it joins is
  of the trigger's session (``s``, :data:`SUBJECT_KEY`), and a rule reads a fact's own id as
  ``fid`` (:data:`FACT_ID`): the durable matcher asserts every session of a call into one C-core
  session, in which ``id`` is its own (see :mod:`.durable`);
- ``<id>/breach`` matches a ``conduct_breach_recorded`` naming the obligation.

One more rule serves the matcher, not the obligations: ``$open`` fires once per session, on the
one ``$session`` fact the durable matcher asserts into each: durable-rules 2.0.28 frees a
session's action context when the session is deleted, and that context is set only by an
action — a session in which no rule fired can hand ``free`` an uninitialised pointer and abort
the process (docs/durable-rules.md, pitfall 10).

Every condition on a fact tests its kind by two properties the durable matcher adds to each fact
it asserts (:func:`speed_keys`: its group and ``t=<kind>``, or ``t=$occasion/<obligation>`` for an
``$occasion``), which the C core finds by hash alone, then the condition's own tests: see
:func:`_kind`. A pattern's
alternatives (``one_of``, a ``$or``) come after every join of its condition: durable-rules
2.0.28 drops the joins that follow a ``$or`` in a condition (they match whatever the other
fact holds; docs/durable-rules.md, pitfall 11).
The output is plain JSON, readable and snapshot-tested per obligation.
"""

from __future__ import annotations

from collections.abc import Iterable
import zlib
from dataclasses import dataclass
from typing import Any

from ..articles import Obligation
from ..articles._rule import Evidence, Pattern, Trigger

__all__ = [
    "RuleRef", "CompiledRules", "compile_rules", "compile_obligation", "fact_kinds", "occasion_field", "OPEN_RULE",
    "SESSION_KIND", "OCCASION_KIND", "NEED_KIND", "speed_keys", "is_speed_key", "occasion_leaf", "property_reads", "SUBJECT_KEY", "FACT_ID",
]  # fmt: skip

OPEN_RULE = "$open"
SESSION_KIND = "$session"
"""The kind of the fact ``OPEN_RULE`` fires on (one per session; see the module docstring)."""
OCCASION_KIND = "$occasion"
"""The kind of a state-derived occasion's fact (its ``ob`` names the obligation)."""
NEED_KIND = "$need"
"""The kind of the fact that says an occasion needs evidence to reach an organisation (``occ``
names the occasion, ``org`` the organisation)."""

SUBJECT_KEY = "s"
"""The property that says which session of a matcher call a fact belongs to: every fact a
multi-fact rule joins to its trigger (alias ``o``) must have the trigger's."""
FACT_ID = "fid"
"""The property a rule reads for a fact's own id (``o.id`` of the declarations): durable-rules
identifies each asserted fact by ``id``, which the durable matcher makes unique within a call
(one event is in several subjects' sessions: a meeting, a cell's review)."""

KEY_GROUPS = 8
"""How many group properties (``g=0`` … ``g=7``) the kinds are spread over (see :func:`_kind`)."""


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


def occasion_leaf(ob_id: str) -> str:
    """The leaf (see :func:`speed_keys`) of the ``$occasion`` facts of obligation ``ob_id``."""
    return f"{OCCASION_KIND}/{ob_id}"


def speed_keys(leaf: str) -> tuple[str, str]:
    """The two properties the durable matcher adds to every fact whose leaf is ``leaf`` — its
    kind, or :func:`occasion_leaf` for an ``$occasion`` — and every condition on such a fact
    tests for first (see :func:`_kind`): its group ``g=<n>`` and ``t=<leaf>``."""
    return f"g={zlib.crc32(leaf.encode()) % KEY_GROUPS}", "t=" + leaf


def is_speed_key(name: str) -> bool:
    """Whether ``name`` is one of the properties :func:`speed_keys` makes (``g=<n>``, ``t=<leaf>``)."""
    return name.startswith(("g=", "t="))


def _has(leaf: str) -> Any:
    group, key = speed_keys(leaf)
    return +_m(group) & +_m(key)


def _kind(kind: str) -> Any:
    """A fact of kind ``kind``: it has the two properties :func:`speed_keys` names.

    The durable matcher writes them from the fact's kind (``t``), so they are the test of the
    kind itself: no ``t == kind`` follows them (it held whenever they did, and cost a walk and a
    string comparison for every fact that reached it: 4-5 % of the matching). They are two, not
    one, for the C core's speed. Its alpha network keeps the tests that follow a node in a hash
    table keyed by property name, and for each property of a fact it walks that table from the
    name's slot to the next empty one, then tests the values of every test on that name one by
    one. With ``t == kind`` first, every fact met every kind's test (a string comparison each,
    about 50 kinds); with one property per kind first (``t=<kind>``, found by the hash alone),
    every property of every fact walked the ~50 entries of one table (they all start in its
    first 32 slots). Two levels of a few entries each — a group of kinds, then the kind — keep
    every walk short. Measured on the facts of 500 members, with the property reads of
    :func:`property_reads`: the C core 0.37 -> 0.28 ms per member."""
    return _has(kind)


def _occasion(ob_id: str) -> Any:
    """An ``$occasion`` of obligation ``ob_id``: like :func:`_kind`, by its own leaf
    (:func:`occasion_leaf`), which the matcher writes from its ``ob``: about 60 obligations
    tested ``ob == id`` after ``t == "$occasion"``, a walk and a string comparison each, for
    every occasion."""
    return _has(occasion_leaf(ob_id))


def _pattern(pattern: Pattern, *joins: Any) -> Any:
    """The pattern's tests, then ``joins`` (tests against other facts), then its alternatives:
    after a ``$or``, durable-rules 2.0.28 drops every join of the condition."""
    cond = _kind(pattern.kind)
    for name, value in sorted(pattern.equals.items()):
        cond = cond & (_m(name) == value)
    for join in joins:
        cond = cond & join
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
    return _occasion(ob.id)


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


def _occasion_ref(name: str) -> Any:
    """The trigger's (alias ``o``) property ``name`` as a join reads it (its id is ``fid``)."""
    return _ref("o", FACT_ID if name == "id" else name)


def _evidence_rule(ob: Obligation, trigger: Trigger, evidence: Evidence, batched: bool = True) -> Any:
    from durable.lang import c, when_all

    joins = [_m(mine) == _occasion_ref(occasion_field(ob, trigger, theirs)) for mine, theirs in sorted(evidence.same.items())]
    if evidence.timing == "on_or_after":
        joins.append(_m("day") >= _ref("o", "since"))
    elif evidence.timing == "within_period":
        joins += [_m("day") >= _ref("o", "start"), _m("day") <= _ref("o", "end")]
    same_session = _m(SUBJECT_KEY) == _ref("o", SUBJECT_KEY)
    if batched:
        joins.append(same_session)
    occasion = c.o << _trigger_condition(ob, trigger)
    if evidence.recipient_field is not None:
        need_condition = _kind(NEED_KIND) & (_m("occ") == _occasion_ref("id"))
        need = c.n << (need_condition & same_session if batched else need_condition)
        joins.append(_m(evidence.recipient_field) == _ref("n", "org"))
        return when_all(occasion, need, c.e << _pattern(evidence.pattern, *joins))
    return when_all(occasion, c.e << _pattern(evidence.pattern, *joins))


def compile_obligation(ob: Obligation, *, batched: bool = True) -> dict[str, tuple[RuleRef, dict[str, Any]]]:
    """The generated rules of one obligation: ``{name: (ref, rule JSON)}``; with ``batched``
    false, without the joins on :data:`SUBJECT_KEY` (see :func:`compile_rules`)."""
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
                _evidence_rule(ob, trigger, evidence, batched).define(),
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


def compile_rules(obligations: Iterable[Obligation], *, batched: bool = True) -> CompiledRules:
    """The whole ruleset: every obligation's rules plus ``$open``.

    ``batched=False`` leaves out every join on :data:`SUBJECT_KEY` (``s == o.s``): the rules
    for a matcher call of one session, where every fact is of that session. The same rules,
    names and matches, with about a tenth less work in the C core (its join hashes; the durable
    matcher then asserts no ``s``)."""
    from durable.lang import c, when_all

    ruleset: dict[str, Any] = {}
    refs: dict[str, RuleRef] = {}
    kinds = {OCCASION_KIND, NEED_KIND}
    for ob in obligations:
        for name, (ref, rule_json) in compile_obligation(ob, batched=batched).items():
            ruleset[name] = rule_json
            refs[name] = ref
        kinds |= fact_kinds(ob)
    ruleset[OPEN_RULE] = when_all(c.s << _kind(SESSION_KIND)).define()
    return CompiledRules(ruleset=ruleset, refs=refs, kinds=frozenset(kinds))


def property_reads(ruleset: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Fact kind -> every property some rule of ``ruleset`` reads of a fact of that kind (for
    an ``$occasion``, by its leaf, :func:`occasion_leaf`: of the occasions of one obligation):
    the names its conditions test, and the names other facts' conditions read of it (``{"o":
    "since"}``). The durable matcher asserts only these (the frames it returns are the whole
    facts): the C core parses every property of a fact and looks each one up at every alpha
    node the fact reaches. A condition on a fact that names no kind (no ``t=<kind>`` test) reads
    any kind: its names count for every kind (key ``""``)."""
    reads: dict[str, set[str]] = {}
    for rule in ruleset.values():
        kinds: dict[str, str] = {}
        tested: dict[str, set[str]] = {}
        referenced: set[tuple[str, str]] = set()
        for part in rule["all"]:
            for alias, condition in part.items():
                names: set[str] = set()
                _condition_names(condition, names, referenced)
                tested[alias] = names
                kinds[alias] = _condition_kind(condition)
        for alias, names in tested.items():
            reads.setdefault(kinds[alias], set()).update(names)
        for alias, name in referenced:
            reads.setdefault(kinds.get(alias, ""), set()).add(name)
    anything = reads.pop("", set())
    return {kind: frozenset(names | anything) for kind, names in reads.items()}


def _condition_kind(condition: dict[str, Any]) -> str:
    """The leaf a condition is on (its kind, or :func:`occasion_leaf`): that of its
    ``t=<leaf>`` test (:func:`_kind`); ``""`` if it names none."""
    for test in condition.get("$and", [condition]):
        for name in test.get("$ex", ()):
            if name.startswith("t="):
                return str(name[2:])
    return ""


def _condition_names(condition: Any, names: set[str], referenced: set[tuple[str, str]]) -> None:
    if not isinstance(condition, dict):
        return
    for key, value in condition.items():
        if key in ("$and", "$or"):
            for part in value:
                _condition_names(part, names, referenced)
        elif key.startswith("$"):  # $ex, $gte, $lte, …: {"$op": {name: value}}
            _condition_names(value, names, referenced)
        else:
            names.add(key)
            if isinstance(value, dict):  # {name: {alias: name}}: a join reads the other fact
                referenced.update(value.items())

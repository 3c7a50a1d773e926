"""The rule half of the declarations: every name they use exists, no bare numbers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from qd213_rules.articles import OBLIGATIONS
from qd213_rules.articles._model import Kind
from qd213_rules.articles._rule import OCCASION_SOURCES, PREDICATES, ROLES
from qd213_rules.evaluation.occasions import sources
from qd213_rules.facts.events import EVENT_MODELS
from qd213_rules.messages.reasons import REASON_CODES
from qd213_rules.policy import Policy

ARTICLES = Path(__file__).parents[2] / "qd213_rules" / "articles"
FIELDS = {m.model_fields["kind"].annotation.__args__[0]: set(m.model_fields) for m in EVENT_MODELS}  # type: ignore[union-attr]


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=[o.id for o in OBLIGATIONS])
def test_deadline_parameters_are_policy_fields(ob: object) -> None:
    rule = ob.rule  # type: ignore[attr-defined]
    assert rule is not None
    if rule.deadline is None:
        return
    names = [n for n in (rule.deadline.plus, rule.deadline.month_day, *rule.deadline.minus) if n]
    for name in names:
        assert name in Policy.model_fields, f"{ob.id}: deadline names unknown policy field {name}"  # type: ignore[attr-defined]
    if rule.deadline.plus == "timely_days":
        assert ob.id in Policy().timely_days, f"{ob.id}: no timely_days default"  # type: ignore[attr-defined]


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=[o.id for o in OBLIGATIONS])
def test_rule_vocabulary_is_known(ob: object) -> None:
    rule = ob.rule  # type: ignore[attr-defined]
    assert rule is not None
    assert rule.bearer in ROLES and set(rule.recipients) <= set(ROLES)
    for trigger in rule.triggers:
        assert trigger.source in OCCASION_SOURCES and trigger.source in sources() | {"event"}
        assert set(trigger.requires) <= set(PREDICATES)
        if trigger.pattern is not None:
            assert trigger.pattern.kind in FIELDS, trigger.pattern.kind
    for evidence in rule.evidence:
        assert evidence.pattern.kind in FIELDS, evidence.pattern.kind
        if evidence.reason is not None:
            assert evidence.reason in REASON_CODES
    if rule.violated_reason is not None:
        assert rule.violated_reason in REASON_CODES
    assert rule.partial_reason in REASON_CODES
    if ob.kind is Kind.DERIVED:  # type: ignore[attr-defined]
        assert rule.derived_from and not rule.triggers
    else:
        assert rule.triggers, f"{ob.id} has no occasion"  # type: ignore[attr-defined]


def test_no_bare_day_counts_in_rule_declarations() -> None:
    """Interpretation lives in named policy parameters (issue 4): the article modules contain
    no numeric literal outside citations (article, clause, paragraph)."""
    for path in sorted(ARTICLES.glob("dieu_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Citation":
                allowed |= {id(kw.value) for kw in node.keywords}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float) and id(node) not in allowed:
                raise AssertionError(f"{path.name}:{node.lineno}: bare number {node.value!r} in a declaration")


_FORM_KINDS = {"comment_form_issued", "comment_form_sent", "comment_form_certified", "comment_form_forwarded", "comment_disputed"}
_OCCASION_FIELDS = {"id", "ob", "day", "since", "subject", "member", "bearer", "start", "end", "year",
                    "meeting_id", "workplace_cell", "comment_cell"}


def _fact_fields(kind: str) -> set[str]:
    """Fields a flattened event fact may carry (evaluation/payload.py)."""
    base = FIELDS[kind] - {"note", "kind", "date"}
    out = base | {"event", "day", "since", "member"}
    for name in base:
        if name in ("member_ids", "attendee_ids", "excused_ids", "invited_ids"):
            out.add(f"in_{name}")
        elif name.endswith("_ids"):
            out.add(f"{name}_item")
        if name == "org_id" or name.endswith("_org_id") or name.endswith("workplace_cell_id"):
            out |= {f"{name}_kind", f"{name}_committee"}
    if kind in _FORM_KINDS:
        out |= {"form_id", "form_year", "form_assessment"}
    if "about_event_id" in base:
        out.add("about_event_given")
    if kind == "annual_self_report":
        out.add("to_own_workplace_cell")
    return out


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=[o.id for o in OBLIGATIONS])
def test_patterns_and_joins_name_real_fields(ob: object) -> None:
    rule = ob.rule  # type: ignore[attr-defined]
    assert rule is not None
    for trigger in rule.triggers:
        occasion = _OCCASION_FIELDS
        if trigger.pattern is not None:
            fields = _fact_fields(trigger.pattern.kind)
            assert set(trigger.pattern.equals) | set(trigger.pattern.one_of) <= fields
            for name in (trigger.bearer_field, trigger.subject_field):
                assert name is None or name in fields
            occasion = fields | {"id", "bearer", "subject"}
        for evidence in rule.evidence:
            fields = _fact_fields(evidence.pattern.kind)
            assert set(evidence.pattern.equals) | set(evidence.pattern.one_of) <= fields, evidence.pattern
            assert set(evidence.same) <= fields, (ob.id, evidence.same)  # type: ignore[attr-defined]
            assert set(evidence.same.values()) <= occasion, (ob.id, evidence.same)  # type: ignore[attr-defined]
            assert evidence.recipient_field is None or evidence.recipient_field in fields

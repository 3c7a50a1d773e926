"""The generated durable-rules ruleset: readable JSON, snapshot-tested per obligation."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qd213_rules.articles import OBLIGATIONS
from qd213_rules.matching.compiler import OPEN_RULE, compile_obligation, compile_rules

SNAPSHOTS = Path(__file__).parent / "snapshots"
REGENERATE = "QD213_UPDATE_SNAPSHOTS=1 python -m pytest tests/matching/test_compiler.py"


def _snapshot(ob_id: str) -> dict[str, object]:
    ob = next(o for o in OBLIGATIONS if o.id == ob_id)
    return {name: rule for name, (_ref, rule) in sorted(compile_obligation(ob).items())}


@pytest.mark.parametrize("ob_id", [o.id for o in OBLIGATIONS])
def test_ruleset_snapshot(ob_id: str) -> None:
    """Each obligation's generated rules equal the committed snapshot (review changes to it)."""
    current = json.dumps(_snapshot(ob_id), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = SNAPSHOTS / f"{ob_id}.json"
    if os.environ.get("QD213_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(current, encoding="utf-8")
    assert path.exists(), f"no snapshot for {ob_id}; create it with: {REGENERATE}"
    assert path.read_text(encoding="utf-8") == current, f"ruleset of {ob_id} changed; review and run: {REGENERATE}"


def test_every_obligation_with_occasions_has_rules() -> None:
    """An event trigger has its own rule (its matches open occasions) and every trigger joins
    each evidence; a state-derived trigger has no rule of its own: its ``$occasion`` facts are
    the occasions already, and a rule matching them only fired once per occasion for nothing."""
    for ob in OBLIGATIONS:
        assert ob.rule is not None, f"{ob.id} has no rule"
        rules = compile_obligation(ob)
        for i, trigger in enumerate(ob.rule.triggers):
            assert (f"{ob.id}/t{i}" in rules) == (trigger.source == "event"), (ob.id, i)
            for j in range(len(ob.rule.evidence)):
                assert f"{ob.id}/t{i}/e{j}" in rules, (ob.id, i, j)


def test_ruleset_is_plain_json_with_open_rule() -> None:
    compiled = compile_rules(OBLIGATIONS)
    assert OPEN_RULE in compiled.ruleset
    json.loads(json.dumps(compiled.ruleset))  # plain JSON, no Python objects
    assert set(compiled.refs) == set(compiled.ruleset) - {OPEN_RULE}
    # facts worth asserting are exactly the kinds some rule reads, plus the engine's own facts
    assert {"$occasion", "$need", "residence_changed", "residence_change_reported"} <= compiled.kinds


def _code_strings(path: Path) -> list[str]:
    """String constants of a module, docstrings excluded."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    ]


def test_engine_and_judge_contain_no_obligation_ids() -> None:
    """Per-clause behaviour lives in the declarations, not in the engine or the judge (issue 5)."""
    import re

    root = Path(__file__).parents[2] / "qd213_rules"
    pattern = re.compile(r"D[1-5]\.K[0-9]+[a-z]?")
    paths = [root / "engine.py", *sorted((root / "evaluation").glob("*.py")), *sorted((root / "matching").glob("*.py"))]
    for path in paths:
        for literal in _code_strings(path):
            assert not pattern.search(literal), f"{path.name}: obligation id literal {literal!r}"


def test_every_condition_names_its_kind_by_its_speed_keys() -> None:
    """Each condition's kind is tested by the two properties the durable matcher writes from a
    fact's kind (``speed_keys``), with no ``t`` or ``ob`` test after them; ``property_reads``
    finds every condition's kind from them (none reads "any kind"), and reads no ``t``."""
    from qd213_rules.matching.compiler import OCCASION_KIND, occasion_leaf, property_reads, speed_keys

    compiled = compile_rules(OBLIGATIONS)
    for name, rule in compiled.ruleset.items():
        for part in rule["all"]:
            for condition in part.values():
                tests = condition["$and"]
                leaves = [key[2:] for test in tests for key in test.get("$ex", {}) if key.startswith("t=")]
                assert len(leaves) == 1, name
                assert {"$ex": {speed_keys(leaves[0])[0]: 1}} in tests, name
                assert not any("t" in test or "ob" in test for test in tests), name
    reads = property_reads(compiled.ruleset)
    occasions = {leaf for leaf in reads if leaf.startswith(OCCASION_KIND + "/")}
    assert "" not in reads and set(reads) - occasions <= compiled.kinds | {"$session"}
    assert occasion_leaf("D2.K1") in occasions and OCCASION_KIND not in reads  # an occasion's reads: per obligation
    assert not any("t" in names or "ob" in names for names in reads.values())

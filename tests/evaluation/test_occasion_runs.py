"""A member's consecutive standing duties (``member_once``) make their occasions in one step
(``occasions._member_once_run``, issue 13): the occasions, their order and their fact ids must
be those each duty makes alone (``occasions._member_once``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from qd213_rules.engine import Run, ruled_obligations
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.occasions import Occasion, _member_once, _plan_of, generate, occasions_of
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.matching.python import PythonMatcher
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth


def _fields(occ: Occasion) -> tuple[object, ...]:
    return (*(getattr(occ, f.name) for f in dataclasses.fields(Occasion) if f.name != "_fact_id"), occ.fact_id)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[Run]:
    path = tmp_path_factory.mktemp("runs") / "province.jsonl"
    write_synth(path, 80, 5)
    contexts = [
        Context(load_facts(path), dt.date(2025, 12, 31), Policy()),
        Context(load_facts(path), dt.date(2022, 6, 30), Policy()),  # duties that end, and start, later
        Context(FactSet.from_document(example_ward_document()), EXAMPLE_AS_OF, Policy()),
    ]
    return [Run(ctx, PythonMatcher(ruled_obligations()), "en") for ctx in contexts]


def test_the_members_duties_have_runs(runs: list[Run]) -> None:
    plan = _plan_of(runs[0].member_obligations)
    assert any(step[3] is not _member_once and step[2].source == "member_once" for step in plan)
    assert len(plan) < sum(1 for ob in runs[0].member_obligations for t in ob.rule.triggers if t.source != "event")  # type: ignore[union-attr]


def test_a_run_makes_what_each_duty_makes_alone(runs: list[Run]) -> None:
    compared = 0
    for run in runs:
        for member in sorted(run.ctx.facts.members):
            together = list(occasions_of(run.ctx, run.member_obligations, member).items())
            alone = [(occ.fact_id, occ) for ob in run.member_obligations for occ in generate(run.ctx, ob, member)]
            assert [(key, _fields(occ)) for key, occ in together] == [(key, _fields(occ)) for key, occ in alone], member
            compared += len(together)
    assert compared > 2000

"""``Context.owing_cells`` reads a commune cell by cell, each until one resident qualifies, and
the whole province skipping the residents of a cell already found to owe (issue 13: it read
every resident's category and registration, half-year by half-year); the cells must be those
of semantics §5 read member by member, as this reference does, on a synthetic province at
several dates and for the whole province (``commune`` None)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given

from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.occasions import half_years
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_document
from qd213_rules.facts import FactSet, load_facts
from qd213_rules.facts.members import Category
from qd213_rules.facts.organizations import OrgKind
from qd213_rules.policy import Policy
from qd213_rules.synth import write_synth
from strategies import Doc, fact_document_and_as_of


def _reference(ctx: Context, commune: str | None, first: dt.date, last: dt.date) -> tuple[str, ...]:
    day = min(last - dt.timedelta(days=ctx.policy.min_notice_days), ctx.as_of)
    found: set[str] = set()
    for member in ctx.facts.members:
        if ctx.start(member) > day or (ctx.end_date(member) or dt.date.max) < day:
            continue
        if ctx.category(member, day) is not Category.REGULAR:
            continue
        cell = ctx.residence_cell(member, day)
        if cell is None or (commune is not None and ctx.facts.commune_of(cell) != commune):
            continue
        if ctx.registered_on(member, cell, day, notified=False) is not None:
            found.add(cell)
    return tuple(sorted(found))


@pytest.mark.parametrize("as_of", [dt.date(2025, 12, 31), dt.date(2023, 3, 31)])
def test_owing_cells_of_a_province(tmp_path: Path, as_of: dt.date) -> None:
    path = tmp_path / "province.jsonl"
    write_synth(path, 40, 7)
    _check(Context(load_facts(path), as_of, Policy()), must_owe=as_of.year == 2025)


@pytest.mark.parametrize("as_of", [EXAMPLE_AS_OF, dt.date(2024, 12, 31)])
def test_owing_cells_of_the_example_ward(as_of: dt.date) -> None:
    # its members include exempt categories and residents not yet registered: cells that a
    # resident alone does not make owe
    _check(Context(FactSet.from_document(example_ward_document()), as_of, Policy()), must_owe=True)


@given(fact_document_and_as_of(max_members=6))
def test_owing_cells_of_generated_documents(case: tuple[Doc, dt.date]) -> None:
    # few members per cell: a cell's one resident is often of an exempt category or not yet
    # registered, so a reading that skipped either test would find cells that do not owe
    doc, as_of = case
    _check(Context(FactSet.from_document(doc), as_of, Policy()), must_owe=False)


def _check(ctx: Context, *, must_owe: bool) -> None:
    communes = list(ctx.orgs_of_kind(OrgKind.COMMUNE_COMMITTEE))
    assert communes or not must_owe
    owed = 0
    for _, first, last in half_years(ctx):
        for commune in [*communes, None]:
            found = ctx.owing_cells(commune, first, last)
            assert found == _reference(ctx, commune, first, last), (commune, first)
            owed += len(found)
    if must_owe:
        assert owed  # the province has owing cells to find

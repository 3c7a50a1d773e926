"""Unit tests of evaluation details behind the readable cases (tests/cases/), and of the fixes
made while writing them; each names the docs/semantics.md rule it pins."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from qd213_rules.articles import get
from qd213_rules.evaluation.context import Context
from qd213_rules.evaluation.occasions import half_years, org_subjects
from qd213_rules.evaluation.payload import event_facts
from qd213_rules.facts import FactSet
from qd213_rules.policy import Policy

from .scenario import small_ward


def _context(as_of: str, observation: str | None = None) -> Context:
    doc = small_ward()
    if observation:
        doc["observation"] = {"from": observation}
    return Context(FactSet.from_document(doc), dt.date.fromisoformat(as_of), Policy())


def test_second_half_of_the_first_observed_year_is_evaluated() -> None:
    """semantics §1: a period counts when it starts on or after observation.from — 2024-H2 when the
    record starts on 2024-03-01, although the year 2024 and 2024-H1 do not."""
    labels = [label for label, _, _ in half_years(_context("2025-02-01", "2024-03-01"))]
    assert labels == ["2024-H2", "2025-H1"]


def test_first_half_of_2020_counts_from_the_regime_start() -> None:
    labels = [label for label, _, _ in half_years(_context("2020-12-31", "2020-01-02"))]
    assert labels == ["2020-H1", "2020-H2"]


def test_an_organisation_with_nothing_to_evaluate_is_no_subject() -> None:
    """A commune with no cell owing a meeting and no event has no D4.K3a occasion: it is not a
    subject (an empty matching session must not be opened)."""
    doc = small_ward()
    doc["organizations"].append({"id": "DU-P9", "kind": "commune_committee", "parent_id": "TU"})
    ctx = Context(FactSet.from_document(doc), dt.date(2024, 12, 31), Policy())
    subjects = org_subjects(ctx, get("D4.K3a"))
    assert "DU-P1" in subjects and "DU-P9" not in subjects


def test_workplace_cell_fields_carry_their_committee() -> None:
    """payload: a transfer's cells get ``<field>_committee``, so a declaration can name the
    committee being left as the bearer of D3.K2."""
    doc = small_ward()
    doc["organizations"] += [
        {"id": "DU-B", "kind": "workplace_committee", "parent_id": "TU"},
        {"id": "CB-B1", "kind": "workplace_cell", "parent_id": "DU-B"},
    ]
    doc["events"].append({"id": "E90", "kind": "status_changed", "date": "2025-05-01", "member_id": "DV-2",
                          "change": "transferred", "from_workplace_cell_id": "CB-VP", "new_workplace_cell_id": "CB-B1"})
    ctx = Context(FactSet.from_document(doc), dt.date(2025, 6, 1), Policy())
    (fact,) = event_facts(ctx, ctx.facts.events["E90"], "DV-2")
    assert fact["from_workplace_cell_id_committee"] == "DU-SYT"
    assert fact["new_workplace_cell_id_committee"] == "DU-B"


def test_an_empty_session_in_a_batch_is_harmless() -> None:
    """The matcher is handed a batch where one session has no fact; it must return no match
    for it. Run in a child process: the failure can abort the interpreter."""
    code = textwrap.dedent(
        """
        from qd213_rules.engine import matcher
        fact = {"t": "residence_changed", "id": "E1", "event": "E1", "day": 10, "since": 10, "member": "M"}
        out = matcher().match({"s1": [fact], "s2": []})
        assert out["s2"] == [] and out["s1"], out
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]

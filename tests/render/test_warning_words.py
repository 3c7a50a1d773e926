"""Data warnings in the human-readable reports name members and organisations as the results do
(a cell secretary reads names, not ids); the JSON report keeps the ids for programs."""

from __future__ import annotations

import json
import re

import pytest

from qd213_rules import evaluate
from qd213_rules.examples import example_ward_facts
from qd213_rules.facts import DataWarning
from qd213_rules.explain import warning_message
from qd213_rules.messages import Lang
from qd213_rules.render import render_report

AS_OF = "2025-12-10"


def _not_invited() -> tuple[str, str, str, str]:
    """The example ward's member_not_invited warning: meeting, cell id, member id, names."""
    facts = example_ward_facts()
    [w] = [w for w in facts.warnings if w.code == "member_not_invited"]
    member, cell = str(w.params["member_id"]), str(w.params["org_id"])
    return member, cell, str(facts.members[member].name), str(facts.organizations[cell].name)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_data_warning_names_the_member_and_the_cell(fmt: str, lang: Lang) -> None:
    member, cell, member_name, cell_name = _not_invited()
    facts = example_ward_facts()
    report = evaluate(facts, as_of=AS_OF)
    out = render_report(report, fmt, lang=lang, facts=facts)  # type: ignore[arg-type]
    [line] = [ln for ln in out.splitlines() if "E-0494" in ln and member in ln]
    assert member_name in line and cell_name in line
    assert not re.search(rf"\b{re.escape(cell)}\b", line)  # the cell by its name alone


def test_the_json_report_keeps_the_ids() -> None:
    member, cell, member_name, _ = _not_invited()
    report = evaluate(example_ward_facts(), as_of=AS_OF)
    [w] = [w for w in json.loads(report.to_json())["data_warnings"] if w["code"] == "member_not_invited"]
    assert member in w["message"] and cell in w["message"] and member_name not in w["message"]


@pytest.mark.parametrize(("lang", "shown"), [("vi", "01/02/2025"), ("en", "2025-02-01")])
def test_dates_read_as_a_secretary_writes_them(lang: Lang, shown: str) -> None:
    warning = DataWarning("annual_fact_outside_year", "E-1", {"year": 2024, "date": "2025-02-01"}, None)
    assert shown in warning_message(warning, lang)
    assert ("2025-02-01" in warning_message(warning, lang)) is (lang == "en")

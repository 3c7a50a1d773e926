"""The analyst notebook (docs/examples/analyst.ipynb) is a real Jupyter notebook: valid, shipped
without outputs, every import provided by the package or its ``notebook`` extra, and it runs
from top to bottom in a Jupyter kernel with the numbers of the example ward."""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from pathlib import Path

import nbclient
import nbformat
from cli.cli_support import DOCS, REPO

from qd213_rules import evaluate, load_facts
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path

NOTEBOOK = DOCS / "examples" / "analyst.ipynb"

# appended to a copy of the notebook: what the test reads back from the kernel
_PROBE = """
import json as _json
print(_json.dumps({
    "summary": report.summary,
    "overdue": sorted(overdue["result_id"]),
    "late": [None if v is None or v != v else int(v) for v in overdue["days_late"].astype("float")],
    "cells": sorted(df[(df.article == 2) & (df.clause == 7) & (df.status == "overdue")].residence_cell_id.unique()),
    "explained": str(explanation).split("\\n", 1)[0].rsplit("(", 1)[-1].rstrip(")"),
    "first": overdue.loc[0, "obligation_id"],
    "by_cell": int(by_cell.to_numpy().sum()),
    "figure": str(figure_path),
    "k7b_days": [int(i) for i in k7b.to_dataframe().index],
    "k7b_overdue": [int(n) for n in k7b.to_dataframe()["overdue"]],
    "changes": list(changes["subject_id"]),
    "due_to_overdue": int(diff.matrix["due"]["overdue"]),
    "chart": str(sensitivity_path),
}))
"""


def _notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def test_notebook_is_valid_and_shipped_without_outputs() -> None:
    nb = _notebook()
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 10 and any(c.cell_type == "markdown" for c in nb.cells)
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


def test_the_notebook_extra_installs_what_it_imports() -> None:
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    provided = {re.split(r"[<>=\[ ]", spec)[0] for spec in extras["notebook"]}
    assert {"pandas", "matplotlib", "ipykernel"} <= provided  # a kernel to run it in
    imported = set()
    for cell in _notebook().cells:
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Import):
                    imported |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module:
                    imported.add(node.module.split(".")[0])
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m != "qd213_rules"}
    assert third_party and third_party <= provided


def test_notebook_runs_in_a_kernel(tmp_path: Path) -> None:
    nb = _notebook()
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE))
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    probe = json.loads(nb.cells[-1].outputs[0]["text"])
    report = evaluate(load_facts(example_ward_path()), as_of=EXAMPLE_AS_OF, lang="en")
    assert probe["summary"] == report.summary
    assert probe["overdue"] == sorted(r.result_id for r in report.results if r.status.value == "overdue")
    late = [v for v in probe["late"] if v is not None]
    assert late and all(v > 0 for v in late) and late == sorted(late, reverse=True)
    facts = load_facts(example_ward_path())
    cells = {facts.state_on(r.subject_id, r.due_date or EXAMPLE_AS_OF).residence_cell_id
             for r in report.results if r.obligation_id.startswith("D2.K7") and r.status.value == "overdue"}
    assert probe["cells"] == sorted(cells) and cells
    assert probe["explained"] == probe["first"]
    assert probe["by_cell"] == sum(1 for r in report.results if r.subject_type == "member")
    # reading the text differently: D2.K7b findings by days, and the change at 15 days
    assert probe["k7b_days"] == [7, 15, 30, 45, 60] and probe["k7b_overdue"] == [2, 2, 1, 1, 1]
    assert probe["changes"] == ["DV-003"] and probe["due_to_overdue"] == 1
    for name in ("figure", "chart"):
        figure = Path(probe[name])
        try:
            assert figure.read_bytes().startswith(b"\x89PNG")
        finally:
            figure.unlink(missing_ok=True)
            figure.parent.rmdir()

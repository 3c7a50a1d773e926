"""The analyst notebook (docs/examples/analyst.py, jupytext percent format) runs as a script."""

from __future__ import annotations

import importlib.util
import runpy
import tempfile
from pathlib import Path

import pytest
from cli.cli_support import DOCS

NOTEBOOK = DOCS / "examples" / "analyst.py"


def test_notebook_is_in_percent_format() -> None:
    text = NOTEBOOK.read_text(encoding="utf-8")
    assert "format_name: percent" in text
    assert text.count("\n# %%") >= 10 and "# %% [markdown]" in text


def test_notebook_runs_as_a_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the figure goes under tmp_path
    namespace = runpy.run_path(str(NOTEBOOK), run_name="__main__")
    report, overdue = namespace["report"], namespace["overdue"]
    assert list(overdue["result_id"]) and set(overdue["result_id"]) == {
        r.result_id for r in report.results if r.status.value == "overdue"}
    late = overdue["days_late"].dropna()
    assert len(late) and (late > 0).all() and list(late) == sorted(late, reverse=True)
    assert str(namespace["explanation"]).startswith(overdue.loc[0, "obligation_id"])
    assert namespace["by_cell"].to_numpy().sum() == sum(1 for r in report.results if r.subject_type == "member")
    figure = namespace["figure_path"]
    if importlib.util.find_spec("matplotlib") is None:
        assert figure is None  # the plotting cell is skipped, the rest ran
    else:
        assert figure is not None and figure.is_relative_to(tmp_path)
        assert figure.read_bytes().startswith(b"\x89PNG")
    # reading the text differently: D2.K7b findings by days, and the change at 15 days
    k7b = namespace["k7b"].to_dataframe()
    assert list(k7b.index) == [7, 15, 30, 45, 60] and list(k7b["overdue"]) == [2, 2, 1, 1, 1]
    assert list(namespace["changes"]["subject_id"]) == ["DV-003"]
    assert namespace["diff"].matrix["due"]["overdue"] == 1
    chart = namespace["sensitivity_path"]
    if chart is not None:
        assert chart.is_relative_to(tmp_path) and chart.read_bytes().startswith(b"\x89PNG")

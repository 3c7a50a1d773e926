"""docs/performance.md's chart of every 100,000-member run (benchmarks/runs_chart.py): drawn from
the page's own table as it stands, every row of it read, the latest run judged as the page judges
it, shown on the page, and as a browser draws it (every point inside its panel, no text cut off
at the chart's edge, no console error, nothing fetched)."""

from __future__ import annotations

import doctest
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from scripts import load_script

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "benchmarks" / "runs_chart.py"

_TARGET_ROWS = ("load_facts_x_floor", "check_python_x_floor", "check_durable_x_floor", "workers_2_speedup",
                "one_member_p50_ms", "stream_x_in_memory")  # fmt: skip
"""The rows of the page's table of targets, in the order of the chart's panels."""


@pytest.fixture(scope="module")
def chart() -> ModuleType:
    return load_script(GENERATOR)


def test_the_committed_chart_is_drawn_from_the_page_table(chart: ModuleType, page: str) -> None:
    assert chart.CHART.read_text(encoding="utf-8") == chart.svg(chart.runs(page)), (
        "docs/img/performance-runs-100000.svg is out of date: run `python benchmarks/runs_chart.py`"
    )
    assert chart.main(["--check"]) == 0


def test_every_row_of_the_table_is_a_run(chart: ModuleType, page: str) -> None:
    section = page[page.index(chart.TABLE_TITLE) :]
    table = section[: section.index("\n\n", section.index("\n|"))]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    runs = chart.runs(page)
    assert [run.commit for run in runs] == [row.split("`")[1] for row in rows]
    assert len(runs) >= 20
    for run in runs:  # every run has its ratios; only an early run lacks the one-member figure
        assert sum(figure is not None for figure in run.figures) >= len(chart.TARGETS) - 1, run.commit
    # the machine changed once, and stayed changed
    machines = [run.amd for run in runs]
    assert machines == sorted(machines) and machines[0] is False and machines[-1] is True


def test_a_figure_is_read_as_its_run_was_judged(chart: ModuleType) -> None:
    assert doctest.testmod(chart).failed == 0
    assert chart.figure("1.00 ms (1.0009)") == 1.0009  # over the 1 ms bound: missed, as its run said
    assert chart.figure("20.0× (20.003)") == 20.003
    assert chart.figure("1.73× (1,553 MB; 7.0 s in the kernel)") == 1.73
    assert chart.figure("20.4× (9.8 s in the kernel; 17.5× and 17.4× by hand right after)") == 20.4
    latency = chart.TARGETS[4]
    assert not latency.meets(chart.figure("1.00 ms (1.0009)")) and latency.meets(1.0)


def test_the_latest_run_is_judged_as_the_page_judges_it(chart: ModuleType, page: str, latest_run: str,
                                                        verdicts: dict[str, tuple[str, bool]]) -> None:  # fmt: skip
    latest = chart.runs(page)[-1]
    for target, name, figure in zip(chart.TARGETS, _TARGET_ROWS, latest.figures, strict=True):
        assert figure is not None
        assert target.meets(figure) == verdicts[name][1], name
    assert f"commit `{latest.commit}`" in latest_run  # the run the page's figures are of


def test_the_page_shows_the_chart_and_how_to_draw_it(chart: ModuleType, page: str) -> None:
    assert "](img/performance-runs-100000.svg)" in page
    assert "python benchmarks/runs_chart.py" in page


def test_the_chart_as_a_browser_draws_it(chart: ModuleType, page: str, browser: Any) -> None:
    runs = chart.runs(page)
    tab = browser.page(1100, 700)
    tab.open(chart.CHART.as_uri())
    drawn = tab.evaluate("""(() => {
      const svg = document.documentElement, width = svg.viewBox.baseVal.width;
      const panels = [...document.querySelectorAll('g.panel')].map(g => {
        const frame = [...g.querySelectorAll('rect')].find(r => r.getAttribute('fill') === 'none').getBBox();
        const points = [...g.querySelectorAll('circle.run')].map(c => c.getBBox());
        const inside = points.every(b => b.x >= frame.x - 1 && b.x + b.width <= frame.x + frame.width + 1
                                       && b.y >= frame.y - 1 && b.y + b.height <= frame.y + frame.height + 1);
        return {points: points.length, inside, missed: g.querySelectorAll('circle.missed').length,
                latest: g.querySelectorAll('circle.latest').length};
      });
      const cut = [...document.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x < 0 || b.x + b.width > width; })
                   .map(t => t.textContent);
      return {panels, cut};
    })()""")
    assert tab.console_errors == []
    assert tab.requests == [chart.CHART.as_uri()]  # the chart fetches nothing
    assert drawn["cut"] == []
    assert len(drawn["panels"]) == len(chart.TARGETS)
    for index, (target, shown) in enumerate(zip(chart.TARGETS, drawn["panels"], strict=True)):
        figures = [run.figures[index] for run in runs if run.figures[index] is not None]
        assert shown["points"] == len(figures), target.title
        assert shown["missed"] == sum(not target.meets(f) for f in figures), target.title
        assert shown["inside"] and shown["latest"] == 1, target.title

#!/usr/bin/env python3
"""Draw every 100,000-member run's ratios against the targets of issue 13 (an SVG chart).

    python benchmarks/runs_chart.py            # writes docs/img/performance-runs-100000.svg
    python benchmarks/runs_chart.py --check    # changes nothing; exits 1 when the chart is stale

The figures come from the table "Every 100,000-member run so far" of docs/performance.md, the
one record of every run, kept by hand as each round's run is added (``run.py --markdown`` prints
a run's own tables). The chart reads, for each run (oldest first) and each target with a ratio,
the figure the table shows; where a cell gives a more precise figure in brackets — ``1.00 ms
(1.0009)``, ``20.0× (20.003)`` — that one, so that a point is judged as its run was. A run
without a figure (``—``) has no point.

Each of the six panels draws one target: the runs' figures joined by a grey line, the target as
a dashed line, the side of it that meets the target shaded, each point filled when it meets the
target and hollow (red) when it misses it, the latest run's point larger and its figure in the
panel's heading. A
dotted line marks where the runs moved from the Intel Xeon to the AMD EPYC machine. The SVG is
written by hand, standard library only, so that the same table always gives the same bytes
(``--check``, and tests/docs/test_performance_chart.py, compare them); each point carries a
``<title>`` (its run and figure), which a browser shows when the SVG is opened on its own.
"""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "performance.md"
CHART = REPO / "docs" / "img" / "performance-runs-100000.svg"
TABLE_TITLE = "**Every 100,000-member run so far**"


@dataclass(frozen=True)
class Target:
    """One panel: the table's column, what it measures, the bound and which side of it meets."""

    column: int
    """The column of the table (0: the run)."""
    title: str
    unit: str
    bound: float
    at_most: bool
    """True: a figure at most ``bound`` meets the target; False: at least."""

    def meets(self, value: float) -> bool:
        return value <= self.bound if self.at_most else value >= self.bound

    def shown(self, text: str) -> str:
        return f"{text}{self.unit}"


def _bounds() -> dict[str, float]:
    """The bounds :mod:`run` judges every run by (one place for them: benchmarks/run.py)."""
    spec = importlib.util.spec_from_file_location("qd213_benchmark_run", Path(__file__).with_name("run.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.TARGETS)


_BOUND = _bounds()

TARGETS: tuple[Target, ...] = (
    Target(2, "load_facts ÷ json floor", "×", _BOUND["load_ratio"], True),
    Target(3, "check --backend python ÷ json floor", "×", _BOUND["python_ratio"], True),
    Target(4, "check (durable-rules) ÷ json floor", "×", _BOUND["durable_ratio"], True),
    Target(5, "--workers 2: speed-up over 1 worker", "×", _BOUND["speedup"], False),
    Target(6, "one member from loaded facts: p50", " ms", _BOUND["latency_p50_ms"], True),
    Target(7, "check --stream ÷ the in-memory check", "×", _BOUND["stream_ratio"], True),
)
"""The targets of issue 13 with a ratio or a time (the memory targets and the identical reports
are met in every run and have no panel), with the bounds of benchmarks/run.py."""


@dataclass(frozen=True)
class Run:
    commit: str
    label: str
    texts: tuple[str | None, ...]
    """One figure per target of :data:`TARGETS`, in its order, as the table writes it (``1.10``,
    ``24.0``, ``1.0009``; None: the run has no figure)."""
    amd: bool
    """Measured on the AMD EPYC machine (the rows from the first that says so)."""

    @property
    def figures(self) -> tuple[float | None, ...]:
        """:attr:`texts` as numbers."""
        return tuple(None if text is None else float(text) for text in self.texts)


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PRECISE = re.compile(r"\((\d+\.\d+)\)")


def figure(cell: str) -> float | None:
    """The figure a cell shows: its first number, or the more precise one it gives in brackets
    right after (``1.00 ms (1.0009)`` → 1.0009); None for a cell without a number (``—``).

    >>> figure("1.20× (3,775 MB)"), figure("1.00 ms (1.0009)"), figure("20.0× (20.003)"), figure("—")
    (1.2, 1.0009, 20.003, None)
    """
    text = figure_text(cell)
    return None if text is None else float(text)


def figure_text(cell: str) -> str | None:
    """:func:`figure` as the cell writes it (``1.10 ms`` → ``1.10``)."""
    found = _NUMBER.search(cell)
    if found is None:
        return None
    text = found.group().replace(",", "")
    precise = _PRECISE.search(cell, found.end())
    if precise is not None and round(float(precise.group(1)), len(text.partition(".")[2])) == float(text):
        return precise.group(1)
    return text


def runs(page: str) -> list[Run]:
    """Every row of the page's table of 100,000-member runs, oldest first."""
    start = page.find(TABLE_TITLE)
    if start < 0:
        raise SystemExit(f"{PAGE.name}: no table {TABLE_TITLE!r}")
    rows: list[Run] = []
    amd = False
    in_table = False
    for line in page[start:].splitlines()[1:]:
        if not line.startswith("|"):
            if in_table:
                break
            continue
        in_table = True
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not cells[0].startswith("`"):  # the header and its rule
            continue
        if len(cells) != 8:
            raise SystemExit(f"{PAGE.name}: a row of {len(cells)} cells, not 8: {line}")
        amd = amd or "AMD EPYC" in cells[0]
        commit = cells[0].split("`")[1]
        rows.append(Run(commit, cells[0], tuple(figure_text(cells[t.column]) for t in TARGETS), amd))
    if not rows:
        raise SystemExit(f"{PAGE.name}: the table {TABLE_TITLE!r} has no run")
    return rows


# -- drawing -----------------------------------------------------------------------------------------

COLUMNS = 2
PANEL_W, PANEL_H = 345, 230
WIDTH = COLUMNS * PANEL_W + 15
TOP = 58  # the legend above the panels
PLOT = (48, 44, 316, 196)  # the plot area in a panel: left, top, right, bottom
MET, MISSED, LINE, SHADE, INK, FAINT = "#1f6f43", "#c0392b", "#9aa4ad", "#e6f2ea", "#1d2327", "#5f6b75"


def _nice_ticks(low: float, high: float) -> list[float]:
    """About four round values between ``low`` and ``high``."""
    raw = (high - low) / 4
    step = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * step:
            step *= factor
            break
    first = math.ceil(low / step - 1e-9) * step
    return [round(first + i * step, 10) for i in range(int((high - first) / step + 1e-9) + 1)]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def panel(target: Target, index: int, rows: Sequence[Run]) -> list[str]:
    """The SVG of one target's panel."""
    x0 = (index % COLUMNS) * PANEL_W
    y0 = TOP + (index // COLUMNS) * PANEL_H
    left, top, right, bottom = PLOT
    # (position, run, figure, as written) of each run with a figure for this target
    points = [(i, run, float(text), text) for i, run in enumerate(rows) if (text := run.texts[index]) is not None]
    values = [v for _, _, v, _ in points]
    latest_text = points[-1][3]
    low = min([*values, target.bound])
    high = max([*values, target.bound])
    pad = (high - low) * 0.12 or target.bound * 0.1
    low, high = max(0.0, low - pad), high + pad

    def x(i: float) -> float:
        return x0 + left + (right - left) * (i + 0.5) / len(rows)

    def y(value: float) -> float:
        return y0 + bottom - (bottom - top) * (value - low) / (high - low)

    met = sum(target.meets(v) for v in values)
    side = "≤" if target.at_most else "≥"
    out = [f'<g class="panel" id="panel-{index}" data-target="{escape(target.title)}" data-bound="{target.bound}">']
    out.append(f'<text x="{x0 + left}" y="{y0 + 16}" class="title">{escape(target.title)}</text>')
    out.append(f'<text x="{x0 + left}" y="{y0 + 32}" class="sub">target {side} {_num(target.bound)}{escape(target.unit)}: '
               f"met in {met} of {len(values)} runs, the latest {escape(target.shown(latest_text))}</text>")
    # the side of the bound that meets the target, shaded
    edge = y(target.bound)
    shade_top, shade_bottom = (edge, y0 + bottom) if target.at_most else (y0 + top, edge)
    out.append(f'<rect class="met-side" x="{x0 + left}" y="{shade_top:.1f}" width="{right - left}" '
               f'height="{shade_bottom - shade_top:.1f}" fill="{SHADE}"/>')
    for tick in _nice_ticks(low, high):
        ty = y(tick)
        out.append(f'<line x1="{x0 + left}" x2="{x0 + right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#eef0f2"/>')
        out.append(f'<text x="{x0 + left - 5}" y="{ty + 3.5:.1f}" class="tick">{_num(tick)}</text>')
    out.append(f'<rect x="{x0 + left}" y="{y0 + top}" width="{right - left}" height="{bottom - top}" fill="none" stroke="#c9ced3"/>')
    switch = next((i for i, run in enumerate(rows) if run.amd), None)
    if switch is not None and switch > 0:
        sx = x(switch - 0.5)
        out.append(f'<line class="machine" x1="{sx:.1f}" x2="{sx:.1f}" y1="{y0 + top}" y2="{y0 + bottom}" '
                   f'stroke="{FAINT}" stroke-dasharray="1 3"/>')
        out.append(f'<text x="{sx + 3:.1f}" y="{y0 + bottom - 4}" class="note">AMD EPYC →</text>')
    out.append(f'<line class="bound" x1="{x0 + left}" x2="{x0 + right}" y1="{edge:.1f}" y2="{edge:.1f}" '
               f'stroke="{INK}" stroke-dasharray="6 4"/>')
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, _, v, _ in points)
    out.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="1.2"/>')
    for i, run, v, text in points:
        ok = target.meets(v)
        latest = run is points[-1][1]
        fill, stroke = (MET, MET) if ok else ("#ffffff", MISSED)
        verdict = "met" if ok else "missed"
        out.append(f'<circle class="run {verdict}{" latest" if latest else ""}" data-commit="{run.commit}" data-value="{v}" '
                   f'cx="{x(i):.1f}" cy="{y(v):.1f}" r="{5.2 if latest else 3.6}" fill="{fill}" stroke="{stroke}" stroke-width="1.6">'
                   f"<title>{escape(run.commit)}: {escape(target.shown(text))} ({verdict})</title></circle>")
    if index // COLUMNS == (len(TARGETS) - 1) // COLUMNS:
        out.append(f'<text x="{x0 + (left + right) / 2:.1f}" y="{y0 + bottom + 20}" class="axis">runs, oldest → newest</text>')
    out.append("</g>")
    return out


def svg(rows: Sequence[Run]) -> str:
    """The whole chart."""
    height = TOP + PANEL_H * math.ceil(len(TARGETS) / COLUMNS) + 12
    first, last = rows[0].commit, rows[-1].commit
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        'role="img" aria-labelledby="chart-title chart-desc">',
        '<title id="chart-title">Every 100,000-member run against the targets of issue 13</title>',
        f'<desc id="chart-desc">{len(rows)} runs, {first} to {last}, as the table of docs/performance.md lists them: '
        "one panel per target, the target dashed, each run a point, filled when it meets the target.</desc>",
        "<style>text{font-family:sans-serif;fill:" + INK + "}.title{font-size:12.5px;font-weight:bold}"
        ".sub{font-size:11px;fill:" + FAINT + "}.tick{font-size:10px;text-anchor:end;fill:" + FAINT + "}"
        ".note{font-size:9.5px;fill:" + FAINT + "}.axis{font-size:10.5px;text-anchor:middle;fill:" + FAINT + "}"
        ".legend{font-size:11.5px}</style>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="48" y="22" class="title">Every 100,000-member run ({len(rows)}, {first} → {last}) against the targets</text>',
        f'<circle cx="54" cy="40" r="3.6" fill="{MET}" stroke="{MET}" stroke-width="1.6"/>'
        '<text x="63" y="44" class="legend">meets the target</text>',
        f'<circle cx="184" cy="40" r="3.6" fill="#ffffff" stroke="{MISSED}" stroke-width="1.6"/>'
        '<text x="193" y="44" class="legend">misses it</text>',
        f'<line x1="274" x2="300" y1="40" y2="40" stroke="{INK}" stroke-dasharray="6 4"/>'
        '<text x="306" y="44" class="legend">the target, its met side shaded; larger: the latest run</text>',
    ]
    body = [line for index, target in enumerate(TARGETS) for line in panel(target, index, rows)]
    return "\n".join([*head, *body, "</svg>", ""])


def main(argv: list[str]) -> int:
    drawn = svg(runs(PAGE.read_text(encoding="utf-8")))
    if "--check" in argv:
        stale = not CHART.is_file() or CHART.read_text(encoding="utf-8") != drawn
        if stale:
            print(f"{CHART.relative_to(REPO)} is out of date: run `python benchmarks/runs_chart.py`", file=sys.stderr)
        return 1 if stale else 0
    CHART.parent.mkdir(parents=True, exist_ok=True)
    CHART.write_text(drawn, encoding="utf-8")
    print(f"wrote {CHART.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

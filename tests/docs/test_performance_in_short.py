"""docs/performance.md's first table and paragraph ("In short") say what the latest 100,000-member
run below on the page measured: each wall time the median of its rounds, each peak memory that
of its step (the largest over the rounds, the first round's within a few per cent), the one
member the median p50, and the verdicts those of the page's table of targets. The table is the
benchmark's own (``benchmarks/run.py --markdown`` prints it first), so a run's figures pasted
into the page keep the two sections one reading."""

from __future__ import annotations

import doctest
import re
import statistics
from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

REPO = Path(__file__).resolve().parents[2]

_ROUND_COLUMNS = {"load_facts": 2, "check_python": 3, "check_durable": 4, "check_durable_2_workers": 5, "check_stream": 6}
"""The column of each step in the page's table of rounds (``| round | json floor | load_facts | …``)."""

_STEP_ROWS = {
    "load_facts": "`load_facts`",
    "check_python": "`qd213 check --backend python`",
    "check_durable": "`qd213 check` (durable-rules;",
    "check_durable_2_workers": "`qd213 check --workers 2`",
    "check_stream": "`qd213 check --stream`",
}
"""How each step's row of the page's table of steps begins."""

_WORDS = {0: "none", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_script(REPO / "benchmarks" / "run.py")


def _in_short(page: str) -> tuple[dict[str, list[str]], str]:
    """The rows of the In-short table by label, and the section's text."""
    section = page[page.index("## In short") : page.index("## How it is measured")]
    table = section[section.index("<!-- in-short -->") : section.index("<!-- /in-short -->")]
    rows = {cells[0]: cells[1:] for line in table.splitlines()[3:]
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}  # fmt: skip
    return rows, section


def _seconds(text: str) -> float:
    found = re.fullmatch(r"(?:(\d+) min (\d\d)|([\d.]+)) s", text)
    assert found, text
    return int(found[1]) * 60 + int(found[2]) if found[1] else float(found[3])


def test_the_benchmark_writes_the_table_as_a_person_reads_it(bench: ModuleType) -> None:
    assert doctest.testmod(bench).failed == 0
    rounds = [{"check_durable": {"wall_s": wall, "peak_mb": peak}, "latency": {"p50_ms": p50}}
              for wall, peak, p50 in ((157.9, 3291.0, 1.10), (149.0, 3290.0, 1.01), (158.2, 3303.4, 1.15))]  # fmt: skip
    table = bench.in_short({"rounds": rounds})
    assert "| `qd213 check` (durable-rules, the default) | 2 min 38 s | 3,303 MB |" in table  # median time, largest peak
    assert "| 1.10 ms | |" in table
    assert "backend python" not in table  # a step not measured has no row
    # one run without rounds: its steps as measured
    single = bench.in_short({"steps": {"load_facts": {"wall_s": 12.47, "peak_mb": 1248.6}}})
    assert single.splitlines()[2] == "| `load_facts` (read, validate and index every fact) | 12.5 s | 1,249 MB |"


def test_the_table_is_the_latest_runs_medians(bench: ModuleType, page: str, latest_run: str) -> None:
    rows, section = _in_short(page)
    header = "| round | json floor | `load_facts` | python | `qd213 check` |"
    table = latest_run[latest_run.index(header) :]
    rounds = [line.split("|")[1:-1] for line in table[: table.index("\n\n")].splitlines()[2:]]
    assert len(rounds) >= 2
    for name, label in bench._IN_SHORT.items():
        wall, peak = rows[label]
        walls = [float(cells[_ROUND_COLUMNS[name]].split()[0]) for cells in rounds]
        assert _seconds(wall) == pytest.approx(statistics.median(walls), abs=0.55), name
        step = next(line for line in latest_run.splitlines() if line.startswith(f"| {_STEP_ROWS[name]}"))
        first_peak = float(step.split("|")[6].strip().removesuffix(" MB").replace(",", ""))
        largest = float(peak.removesuffix(" MB").replace(",", ""))
        assert first_peak <= largest <= first_peak * 1.03, name
    p50s = [float(cells[7].split()[0]) for cells in rounds]
    (one,) = [cells for label, cells in rows.items() if label.startswith("one member")]
    assert one[0] == f"{statistics.median(p50s):.2f} ms"
    # the first call after a load, which the section's advice names, is the run's
    first = re.search(r"; the first call ([\d,]+) ms\)", latest_run)
    assert first, "the latest run's one-member row names its first call"
    assert f"takes longer (about {int(first[1].replace(',', '')) / 1000:.1f} s" in " ".join(section.split())


def test_the_verdicts_are_the_pages(page: str, verdicts: dict[str, tuple[str, bool]]) -> None:
    _, section = _in_short(page)
    text = " ".join(section.split())
    missed = [(name, float(value)) for name, (value, met) in verdicts.items() if not met]
    assert f"Of the {_WORDS[len(verdicts)]} targets" in text
    assert f"{_WORDS[len(verdicts) - len(missed)]} are met in this run and {_WORDS[len(missed)]} are missed" in text
    shown = {"check_python_x_floor": "{:.1f}×", "workers_2_speedup": "{:.2f}×", "one_member_p50_ms": "{:.2f} ms",
             "load_facts_x_floor": "{:.2f}×", "check_durable_x_floor": "{:.1f}×", "stream_x_in_memory": "{:.2f}×"}  # fmt: skip
    for name, value in missed:
        assert shown[name].format(value) in text, name

"""docs/reading-differently.md: its tables are what the commands it shows print today, its chart
exists, and the command that regenerates them is the one the page documents."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from types import ModuleType

import pytest
from scripts import load_script

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "tools" / "reading_differently.py"
PAGE = REPO / "docs" / "reading-differently.md"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return load_script(GENERATOR)


def test_page_figures_match_a_fresh_computation(generator: ModuleType) -> None:
    page = PAGE.read_text(encoding="utf-8")
    fresh = generator.blocks()
    assert generator.fill(page, fresh) == page, (
        "docs/reading-differently.md is out of date: run `python tools/reading_differently.py`"
    )
    # the blocks are not empty and carry the figures the page's prose reads from them
    table = fresh["sensitivity-d2-k7b"]
    assert "| 15 days | 2 | 0 | 1 | 2 | 1 |" in table and "| 30 days | 1 | 1 | 1 | 2 | 0 |" in table
    assert "Nguyễn Thị Hồng Nhung" in fresh["compare-d2-k7b-15"]


def test_page_shows_the_commands_that_make_its_blocks(generator: ModuleType) -> None:
    page = PAGE.read_text(encoding="utf-8")
    shown = [shlex.split(block.replace("\\\n", " "))
             for block in re.findall(r"```sh\n(qd213 .*?)```", page, re.S)]  # fmt: skip
    made = [["qd213", *args] for args in generator.COMMANDS.values()]
    made[0] += generator.PLOT
    assert shown == made
    assert "python tools/reading_differently.py" in page


def test_chart_is_committed_and_shown(generator: ModuleType) -> None:
    chart = REPO / generator.CHART
    assert chart.is_file() and chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert f"]({Path(generator.CHART).relative_to('docs')})" in PAGE.read_text(encoding="utf-8")

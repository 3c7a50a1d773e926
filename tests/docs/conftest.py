"""docs/performance.md as its tests read it: the page, the section of its latest 100,000-member
run, and that run's verdicts (the chart's tests and In short's read the same tables)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PERFORMANCE_PAGE = Path(__file__).resolve().parents[2] / "docs" / "performance.md"


@pytest.fixture(scope="module")
def page() -> str:
    """docs/performance.md."""
    return PERFORMANCE_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def latest_run(page: str) -> str:
    """The page's section of its latest 100,000-member run: from its heading to the table of
    every run."""
    return page[page.index("### 100,000 members") : page.index("**Every 100,000-member run so far**")]


@pytest.fixture(scope="module")
def verdicts(latest_run: str) -> dict[str, tuple[str, bool]]:
    """The latest run's table of targets: each target's measured figure as the table writes it,
    and whether it is met."""
    rows = re.findall(r"^\| (\w+) \| ([^|]+) \| [^|]+ \| (met|\*\*missed\*\*) \|$", latest_run, re.M)
    return {name: (value, verdict == "met") for name, value, verdict in rows}

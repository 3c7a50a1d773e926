"""Regenerate the figures of docs/reading-differently.md from the example ward.

Run from the repository root: ``python tools/reading_differently.py``. It runs the ``qd213``
commands the page shows, puts their output between the page's ``<!-- BEGIN name -->`` and
``<!-- END name -->`` markers, and draws the chart (``docs/img/reading-differently-d2-k7b.svg``).
``--check`` changes nothing and exits 1 when the page differs from a fresh computation (the test
suite checks the same).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "reading-differently.md"
CHART = "docs/img/reading-differently-d2-k7b.svg"
WARD = "qd213_rules/data/example_ward.json"
AS_OF = "2025-12-10"

COMMANDS: dict[str, list[str]] = {
    "sensitivity-d2-k7b": ["sensitivity", WARD, "--as-of", AS_OF, "--param", "timely_days.D2.K7b",
                           "--values", "7,15,30,45,60", "--obligation", "D2.K7b", "--format", "markdown",
                           "--lang", "en"],
    "compare-d2-k7b-15": ["compare", WARD, "--as-of", AS_OF, "--against-policy", "docs/examples/kip-thoi-15.toml",
                          "--format", "markdown", "--lang", "en"],
    "sensitivity-all-timely": ["sensitivity", WARD, "--as-of", AS_OF, "--param", "timely_days",
                               "--values", "7,15,30,45,60", "--format", "markdown", "--lang", "en"],
}  # fmt: skip
"""The blocks of the page and the command that writes each (``qd213`` omitted)."""

PLOT = ["--plot", CHART]
"""Added to the first command when the chart is drawn."""


def run(args: list[str]) -> str:
    """``qd213 args`` from the repository root; its stdout (an exit code above 1 is an error)."""
    from qd213_rules.commands import main

    out = io.StringIO()
    with contextlib.chdir(REPO), contextlib.redirect_stdout(out):
        code = main(args)
    if code not in (0, 1):
        raise SystemExit(f"qd213 {' '.join(args)} exited {code}")
    return out.getvalue()


def blocks() -> dict[str, str]:
    """Each block's text, freshly computed."""
    return {name: run(args) for name, args in COMMANDS.items()}


def fill(page: str, fresh: dict[str, str]) -> str:
    """``page`` with every block replaced by its fresh text."""
    for name, text in fresh.items():
        pattern = re.compile(rf"(<!-- BEGIN {re.escape(name)} -->\n).*?(<!-- END {re.escape(name)} -->)", re.S)
        if not pattern.search(page):
            raise SystemExit(f"{PAGE.name}: no block {name}")
        page = pattern.sub(lambda m: m.group(1) + text + m.group(2), page)
    return page


def main(argv: list[str]) -> int:
    page = PAGE.read_text(encoding="utf-8")
    fresh = blocks()
    updated = fill(page, fresh)
    if "--check" in argv:
        return 0 if updated == page else 1
    run([*COMMANDS["sensitivity-d2-k7b"], *PLOT])
    PAGE.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

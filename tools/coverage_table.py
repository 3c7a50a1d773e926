"""Generate docs/coverage.md: which statuses the readable case files reach for each obligation.

Usage (from the repository root)::

    python tools/coverage_table.py            # rewrite docs/coverage.md
    python tools/coverage_table.py --check    # exit 1 if docs/coverage.md is stale

The table is read from the case files' ``expect`` entries (tests/cases/**/*.json), not from
an evaluation: a case asserts each status it lists, and tests/test_cases.py runs every case,
so a status shown here is one the engine is tested to reach. tests/test_cases.py also imports
this module to check coverage rules and that the committed file is current.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "cases"
OUTPUT = ROOT / "docs" / "coverage.md"
REGENERATE = "python tools/coverage_table.py"

# kinds whose cases must show a fulfilled and a late result (semantics, obligations)
TIMED_KINDS = ("triggered", "gate", "periodic", "on_request")
LATE_STATUSES = ("overdue", "violated")
STATUS_ORDER = (
    "fulfilled", "fulfilled_late", "due", "overdue", "violated", "ongoing", "waived", "not_applicable",
)  # fmt: skip


def case_files(cases_dir: Path = CASES_DIR) -> list[Path]:
    """Every case file, sorted; files whose name starts with ``_`` are bases, not cases."""
    return sorted(p for p in cases_dir.rglob("*.json") if not p.name.startswith("_"))


def case_name(path: Path, cases_dir: Path = CASES_DIR) -> str:
    """``D2.K7b/late_report`` for tests/cases/D2.K7b/late_report.json."""
    return path.relative_to(cases_dir).with_suffix("").as_posix()


def expected_obligation(entry: dict[str, Any]) -> str:
    """The obligation id an ``expect`` entry is about (``obligation`` or the result id's first part)."""
    if "result_id" in entry:
        return str(entry["result_id"]).split("|", 1)[0]
    return str(entry["obligation"])


@dataclass
class CaseSummary:
    name: str
    path: Path
    title: str
    obligations: tuple[str, ...]
    statuses: dict[str, set[str]] = field(default_factory=dict)
    """obligation id -> statuses the case expects for it."""
    reasons: set[str] = field(default_factory=set)
    error: str | None = None
    xfail: bool = False
    """A case marked ``xfail`` (a reported engine bug) proves nothing: its statuses do not count."""


def summarise(path: Path, cases_dir: Path = CASES_DIR) -> CaseSummary:
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = CaseSummary(
        case_name(path, cases_dir), path, str(data.get("title", "")), tuple(data.get("obligations", ())),
        xfail=bool(data.get("xfail")),
    )
    for entry in data.get("expect", ()):
        ob = expected_obligation(entry)
        if "status" in entry:
            summary.statuses.setdefault(ob, set()).add(str(entry["status"]))
        if "reason" in entry:
            summary.reasons.add(str(entry["reason"]))
    if isinstance(data.get("expect_error"), dict):
        summary.error = str(data["expect_error"].get("code"))
    return summary


def summaries(cases_dir: Path = CASES_DIR) -> list[CaseSummary]:
    return [summarise(p, cases_dir) for p in case_files(cases_dir)]


@dataclass(frozen=True)
class Row:
    obligation: str
    kind: str
    statuses: tuple[str, ...]
    cases: tuple[str, ...]
    """Names of the cases that expect a result of the obligation or list it."""


def _catalogue() -> list[tuple[str, str]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from qd213_rules.articles import OBLIGATIONS

    return [(ob.id, ob.kind.value) for ob in OBLIGATIONS]


def rows(found: Iterable[CaseSummary], catalogue: Iterable[tuple[str, str]] | None = None) -> list[Row]:
    by_ob_status: dict[str, set[str]] = defaultdict(set)
    by_ob_cases: dict[str, set[str]] = defaultdict(set)
    for case in found:
        for ob, statuses in case.statuses.items():
            if not case.xfail:
                by_ob_status[ob] |= statuses
            by_ob_cases[ob].add(case.name)
        for ob in case.obligations:
            by_ob_cases[ob].add(case.name)
    out = []
    for ob, kind in catalogue if catalogue is not None else _catalogue():
        reached = tuple(s for s in STATUS_ORDER if s in by_ob_status[ob])
        out.append(Row(ob, kind, reached, tuple(sorted(by_ob_cases[ob]))))
    return out


def problems(table: Iterable[Row]) -> Iterator[str]:
    """What the coverage rules require and the cases lack (empty when complete)."""
    for row in table:
        if not row.cases:
            yield f"{row.obligation}: no case"
        elif not row.statuses:
            yield f"{row.obligation}: no case expects a status for it"
        if row.kind in TIMED_KINDS:
            if "fulfilled" not in row.statuses:
                yield f"{row.obligation} ({row.kind}): no case expects a fulfilled result"
            if not any(s in row.statuses for s in LATE_STATUSES):
                yield f"{row.obligation} ({row.kind}): no case expects a late result (overdue or violated)"


def render(found: list[CaseSummary], catalogue: Iterable[tuple[str, str]] | None = None) -> str:
    table = rows(found, catalogue)
    xfailed = {case.name for case in found if case.xfail}
    lines = [
        "# Case coverage",
        "",
        f"Generated by `{REGENERATE}` from the case files in `tests/cases/` (see",
        "`tests/cases/README.md`); do not edit by hand. Each status listed is asserted by at least one",
        "case, and `tests/test_cases.py` runs every case. Triggered, gate, periodic and on-request duties",
        "need a `fulfilled` and a late (`overdue` or `violated`) case.",
        "",
        f"{len(found)} cases; {sum(1 for r in table if r.cases)} of {len(table)} obligations covered.",
        "",
        "| Obligation | Kind | Statuses reached | Cases |",
        "|---|---|---|---|",
    ]
    for row in table:
        statuses = ", ".join(f"`{s}`" for s in row.statuses) or "—"
        links = "<br>".join(
            # a code span, not a link: the case files live outside docs/ (tests/cases/<name>.json)
            f"`{name}`"
            + (" (xfail)" if name in xfailed else "")
            for name in row.cases
        )
        lines.append(f"| {row.obligation} | {row.kind} | {statuses} | {links or '—'} |")
    reasons: dict[str, set[str]] = defaultdict(set)
    errors: dict[str, set[str]] = defaultdict(set)
    for case in found:
        for reason in case.reasons:
            reasons[reason].add(case.name)
        if case.error:
            errors[case.error].add(case.name)
    lines += ["", "## Reason codes asserted", "", "| Reason | Cases |", "|---|---|"]
    for reason in sorted(reasons):
        lines.append(f"| `{reason}` | {len(reasons[reason])} |")
    if errors:
        lines += ["", "## Input errors asserted", "", "| Error code | Cases |", "|---|---|"]
        for code in sorted(errors):
            lines.append(f"| `{code}` | {', '.join(sorted(errors[code]))} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/coverage.md is stale")
    args = parser.parse_args(argv)
    text = render(summaries())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"docs/coverage.md is stale: run `{REGENERATE}`", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

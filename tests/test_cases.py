"""Run the readable case files of tests/cases/ (format: tests/cases/README.md).

Each case is a small fact set, an as-of date and the results the contract (docs/semantics.md,
decisions.md) says it must give. A mismatch fails with the differences and the ``explain()``
text of the result concerned. The coverage tests check that every obligation has a case, that
every timed duty has a fulfilled and a late case, and that docs/coverage.md is current.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from scripts import load_script

from qd213_rules.articles import OBLIGATIONS
from qd213_rules.engine import evaluate
from qd213_rules.errors import Qd213Error
from qd213_rules.evaluation.results import Result, Status
from qd213_rules.facts import FactSet
from qd213_rules.policy import Policy, load_policy
from qd213_rules.report import Report

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).resolve().parent / "cases"
GENERATOR = ROOT / "tools" / "coverage_table.py"

CASE_KEYS = frozenset({
    "title", "description", "obligations", "base", "observation", "organizations", "members", "events",
    "as_of", "policy", "expect", "expect_absent", "expect_unused", "expect_warnings", "expect_error", "xfail",
})  # fmt: skip
EXPECT_KEYS = frozenset({
    "result_id", "obligation", "subject", "key", "bearer", "status", "reason", "reason_params", "due_date",
    "fulfilled_on", "evidence_includes", "evidence_excludes", "trigger_event_id", "period", "extension",
    "derived_from",
})  # fmt: skip
FACT_LISTS = ("organizations", "members", "events")


def _generator() -> ModuleType:
    return load_script(GENERATOR, required=True)  # the coverage table is part of the legal tests


coverage = _generator()


# -- loading a case --------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    path: Path
    data: dict[str, Any]
    document: dict[str, Any]
    as_of: dt.date
    policy: Policy
    bases: list[str] = field(default_factory=list)


def _read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: a case file holds one JSON object"
    unknown = set(data) - CASE_KEYS
    assert not unknown, f"{path}: unknown keys {sorted(unknown)} (see tests/cases/README.md)"
    return data


def _merged(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict[str, Any], list[str]]:
    """The case's facts on top of its base's (recursively); a fact with the id of a base fact
    replaces it. Returns the merged data and the base chain."""
    assert path not in seen, f"base cycle: {' -> '.join(map(str, (*seen, path)))}"
    data = _read(path)
    base_name = data.get("base")
    if not base_name:
        return data, []
    base_path = path.parent / base_name
    if not base_path.exists():
        base_path = CASES_DIR / base_name
    assert base_path.exists(), f"{path}: base {base_name!r} not found beside the case or in tests/cases/"
    base, chain = _merged(base_path, (*seen, path))
    out = dict(data)
    for key in FACT_LISTS:
        own = data.get(key, [])
        ids = {fact["id"] for fact in own}
        out[key] = [fact for fact in base.get(key, []) if fact["id"] not in ids] + list(own)
    for key in ("observation", "as_of", "policy"):
        if key not in data and key in base:
            out[key] = base[key]
    return out, [base_path.name, *chain]


def load_case(path: Path) -> Case:
    data, bases = _merged(path)
    document: dict[str, Any] = {"schema_version": 1}
    if data.get("observation") is not None:
        document["observation"] = data["observation"]
    for key in FACT_LISTS:
        document[key] = data.get(key, [])
    assert "as_of" in data, f"{path}: as_of is required"
    policy = load_policy(data["policy"]) if data.get("policy") else Policy()
    return Case(coverage.case_name(path, CASES_DIR), path, _read(path), document, dt.date.fromisoformat(data["as_of"]),
                policy, bases)


def run_case(case: Case) -> Report:
    return evaluate(FactSet.from_document(case.document), as_of=case.as_of, policy=case.policy, lang="en")


# -- checking expectations --------------------------------------------------------------------


def _find(report: Report, entry: dict[str, Any]) -> tuple[Result | None, str]:
    """The result an expectation names, or None and why."""
    if "result_id" in entry:
        rid = str(entry["result_id"])
        found = [r for r in report.results if r.result_id == rid]
        return (found[0], rid) if found else (None, rid)
    ob, subject = entry["obligation"], entry["subject"]
    key = entry.get("key")
    bearer = entry.get("bearer")
    found = [
        r for r in report.results
        if r.obligation_id == ob and r.subject_id == subject and (key is None or r.key == key)
        and (bearer is None or r.bearer_id == bearer)
    ]  # fmt: skip
    label = f"{ob}|{subject}|{key or '*'}|{bearer or '*'}"
    if len(found) != 1:
        return None, label + (f" (matches {len(found)} results: {[r.result_id for r in found]})" if found else "")
    return found[0], label


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _differences(result: Result, entry: dict[str, Any]) -> list[str]:
    out = []

    def check(name: str, want: Any, got: Any) -> None:
        if want != got:
            out.append(f"  {name}: expected {want!r}, got {got!r}")

    if "status" in entry:
        check("status", entry["status"], result.status.value)
    if "reason" in entry:
        check("reason", entry["reason"], result.reason.code)
    for name, want in entry.get("reason_params", {}).items():
        got = result.reason.params.get(name)
        check(f"reason.params.{name}", want, list(got) if isinstance(got, tuple) else got)
    if "due_date" in entry:
        check("due_date", entry["due_date"], _date(result.due_date))
    if "fulfilled_on" in entry:
        check("fulfilled_on", entry["fulfilled_on"], _date(result.fulfilled_on))
    if "trigger_event_id" in entry:
        check("trigger_event_id", entry["trigger_event_id"], result.trigger_event_id)
    if "period" in entry:
        check("period", entry["period"], result.period)
    if "extension" in entry:
        check("extension", entry["extension"], result.extension)
    if "bearer" in entry and "result_id" in entry:
        check("bearer", entry["bearer"], result.bearer_id)
    if "derived_from" in entry:
        check("derived_from", sorted(entry["derived_from"]), sorted(result.derived_from))
    missing = [e for e in entry.get("evidence_includes", ()) if e not in result.evidence]
    if missing:
        out.append(f"  evidence: expected to include {missing}, got {list(result.evidence)}")
    extra = [e for e in entry.get("evidence_excludes", ()) if e in result.evidence]
    if extra:
        out.append(f"  evidence: expected not to include {extra}, got {list(result.evidence)}")
    return out


def _neighbours(report: Report, label: str) -> str:
    ob, subject = label.split("|")[:2]
    near = [r for r in report.results if r.obligation_id == ob and r.subject_id == subject]
    if not near:
        return f"  no result of {ob} for {subject} at all"
    return "  results of the same obligation and subject:\n" + "\n".join(
        f"    {r.result_id}  {r.status.value} ({r.reason.code})" for r in near
    )


def check_case(case: Case, report: Report) -> list[str]:
    """Every mismatch between the case's expectations and the report, with explanations."""
    failures: list[str] = []
    for entry in case.data.get("expect", ()):
        unknown = set(entry) - EXPECT_KEYS
        assert not unknown, f"{case.name}: unknown expectation keys {sorted(unknown)}"
        result, label = _find(report, entry)
        if result is None:
            failures.append(f"missing result {label}\n{_neighbours(report, label)}")
            continue
        diffs = _differences(result, entry)
        if diffs:
            explanation = "\n".join("    " + line for line in str(report.explain(result)).splitlines())
            failures.append(f"result {result.result_id}:\n" + "\n".join(diffs) + f"\n  explain():\n{explanation}")
    for pattern in case.data.get("expect_absent", ()):
        present = [r for r in report.results if fnmatch.fnmatchcase(r.result_id, pattern)]
        for r in present:
            failures.append(
                f"result {r.result_id} ({r.status.value}, {r.reason.code}) must not exist (expect_absent {pattern!r})"
            )
    unused = {u.id: u.reason for u in report.unused_facts}
    for entry in case.data.get("expect_unused", ()):
        found = unused.get(entry["id"])
        if found != entry["reason"]:
            failures.append(f"unused fact {entry['id']}: expected reason {entry['reason']!r}, got {found!r}")
    warnings = {(w.code, w.fact_id) for w in report.data_warnings}
    for entry in case.data.get("expect_warnings", ()):
        if (entry["code"], entry.get("fact_id")) not in warnings:
            failures.append(
                f"data warning {entry['code']} on {entry.get('fact_id')} missing; got {sorted(warnings, key=str)}"
            )
    return failures


# -- the tests --------------------------------------------------------------------------------

CASE_PATHS = coverage.case_files(CASES_DIR)


def _param(path: Path) -> Any:
    """A case as a pytest parameter; ``xfail`` marks a reported engine bug (strict: once the
    bug is fixed the case passes, the run fails, and the marker must be removed)."""
    reason = json.loads(path.read_text(encoding="utf-8")).get("xfail")
    marks = [pytest.mark.xfail(reason=str(reason), strict=True)] if reason else []
    return pytest.param(path, id=coverage.case_name(path, CASES_DIR), marks=marks)


@pytest.mark.parametrize("path", [_param(p) for p in CASE_PATHS])
def test_case(path: Path) -> None:
    case = load_case(path)
    if case.data.get("xfail"):
        # a known engine bug may crash or corrupt the durable-rules core: run it in its own process
        done = subprocess.run([sys.executable, __file__, str(path)], capture_output=True, text=True, timeout=300)
        output = done.stdout + done.stderr[-3000:]
        assert done.returncode == 0, f"{case.name} (isolated run, exit {done.returncode}):\n{output}"
        return
    failures = case_failures(case)
    assert not failures, f"{case.name} — {case.data.get('title', '')}\n\n" + "\n\n".join(failures)


def case_failures(case: Case) -> list[str]:
    """Everything that differs from the case's expectations (empty when it passes)."""
    error = case.data.get("expect_error")
    if error is not None:
        try:
            run_case(case)
        except Qd213Error as exc:
            codes = {(p.code.value, p.fact_id) for p in exc.problems}
            if any(code == error["code"] and error.get("fact_id") in (None, fact) for code, fact in codes):
                return []
            return [f"expected error {error}, got {sorted(codes, key=str)}"]
        return [f"expected error {error}, but the input was accepted"]
    return check_case(case, run_case(case))


def test_case_files_are_well_formed() -> None:
    """Every case has a title, a description, catalogue obligation ids and something to check."""
    ids = {ob.id for ob in OBLIGATIONS}
    statuses = {s.value for s in Status}
    for path in CASE_PATHS:
        data = _read(path)
        name = coverage.case_name(path, CASES_DIR)
        assert data.get("title") and data.get("description"), f"{name}: title and description are required"
        assert data.get("obligations"), f"{name}: list the obligations the case is about"
        assert set(data["obligations"]) <= ids, f"{name}: unknown obligation ids {set(data['obligations']) - ids}"
        assert any(data.get(k) for k in ("expect", "expect_absent", "expect_error")), f"{name}: nothing to check"
        for entry in data.get("expect", ()):
            assert coverage.expected_obligation(entry) in ids, f"{name}: unknown obligation in {entry}"
            assert entry.get("status") is None or entry["status"] in statuses, f"{name}: unknown status in {entry}"


def test_every_obligation_has_cases() -> None:
    """Each of the 55 obligations has a case; each timed duty a fulfilled and a late one."""
    found = coverage.summaries(CASES_DIR)
    missing = list(coverage.problems(coverage.rows(found)))
    assert len(coverage.rows(found)) == len(OBLIGATIONS) == 55
    assert not missing, "case coverage is incomplete:\n" + "\n".join(missing)


def test_coverage_doc_is_current() -> None:
    expected = coverage.render(coverage.summaries(CASES_DIR))
    current = coverage.OUTPUT.read_text(encoding="utf-8") if coverage.OUTPUT.exists() else ""
    assert current == expected, f"docs/coverage.md is stale: regenerate it with `{coverage.REGENERATE}`"


if __name__ == "__main__":  # run one case in this process: python tests/test_cases.py tests/cases/X/y.json
    _case = load_case(Path(sys.argv[1]).resolve())
    _failures = case_failures(_case)
    print("\n\n".join(_failures) or "ok")
    sys.exit(1 if _failures else 0)

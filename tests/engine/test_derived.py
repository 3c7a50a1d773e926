"""Derived results restate, they do not add (semantics R6): severity none, counted once."""

from __future__ import annotations

import sys
from pathlib import Path

from qd213_rules import Report, Status
from qd213_rules.render import at_or_above
from qd213_rules.render.github import render_github
from qd213_rules.render.text import render_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_cases import load_case, run_case  # noqa: E402

CASE = Path(__file__).resolve().parents[1] / "cases" / "derived" / "D1.K2a_worst_of_sources.json"


def _report() -> Report:
    return run_case(load_case(CASE))


def test_a_derived_result_has_no_severity_of_its_own() -> None:
    report = _report()
    derived = report["D1.K2a|DV-2|-|P1"]
    assert derived.status is Status.OVERDUE and derived.kind == "derived"
    assert derived.severity == "none" and derived.to_dict()["severity"] == "none"
    import json

    written = {r["result_id"]: r for r in json.loads(report.to_json())["results"]}  # the JSON report's writer
    assert written["D1.K2a|DV-2|-|P1"]["severity"] == "none"
    assert not at_or_above(derived, "due")
    source = report["D4.K2b|DV-2|E-04|KP2"]
    assert source.status is Status.OVERDUE and source.severity == "warning" and at_or_above(source, "overdue")


def test_the_text_summary_counts_each_finding_once() -> None:
    report = _report()
    overdue = [r for r in report.results if r.status is Status.OVERDUE]
    own = [r for r in overdue if r.kind != "derived"]
    assert len(own) < len(overdue)  # the derived result restates one of them
    text = render_text(report, lang="en", show_all=True)
    counts = text.splitlines()[1]
    assert f"Overdue: {len(own)}" in counts
    assert "not counted again" in counts
    assert f"FAIL: {len(own)} overdue" in text.splitlines()[-1]


def test_the_github_summary_counts_each_finding_once() -> None:
    report = _report()
    own = [r for r in report.results if r.status is Status.OVERDUE and r.kind != "derived"]
    summary = render_github(report, lang="en").splitlines()[-1]
    assert f" {len(own)} overdue" in summary


def test_fail_on_counts_each_finding_once() -> None:
    """``--fail-on overdue`` fails on the sources, not again on the derived results."""
    from qd213_rules.render.junit import render_junit

    report = _report()
    own = [r for r in report.results if r.status is Status.OVERDUE and r.kind != "derived"]
    assert [r for r in report.results if at_or_above(r, "overdue")] == own
    assert f'failures="{len(own)}"' in render_junit(report, "en", fail_on="overdue")


def test_the_message_names_the_sources_that_decided_it() -> None:
    report = _report()
    derived = report["D1.K2a|DV-2|-|P1"]
    assert derived.reason.params["sources"] == ["D4.K2b"]
    assert derived.message.endswith(": D4.K2b.")
    # in the words people read, the duty by its title
    from qd213_rules.messages import t

    explained = str(report.explain(derived, "en"))
    assert f"carry this one out: {t('obligation.D4.K2b.title', 'en')} (D4.K2b)." in explained, explained

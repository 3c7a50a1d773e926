"""The other subcommands: explain, obligations, schema, demo, validate, calendar, --version."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli.cli_support import AS_OF, Run, run_script

from qd213_rules import OBLIGATIONS, __version__, evaluate, load_facts
from qd213_rules.articles import get as get_obligation
from qd213_rules.facts.schema import facts_json_schema
from qd213_rules.render.obligations import render_obligations

# -- explain ----------------------------------------------------------------------------------


def test_explain_exits_0_with_the_explanation(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("explain", str(ward_json), "--obligation", "D2.K7b", "--subject", "DV-005", "--as-of", AS_OF, "--lang", "en")
    assert run.code == 0 and run.err == ""
    assert run.out.startswith("Report a change of residence (D2.K7b)\nCitation: Regulation 213-QĐ/TW, Article 2(7)")


def test_explain_json_is_a_list_of_explanations(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("explain", str(ward_json), "--obligation", "D4.K4a", "--subject", "DV-009", "--as-of", AS_OF,
                "--format", "json")
    assert run.code == 0
    data = json.loads(run.out)
    assert isinstance(data, list) and len(data) >= 2
    assert {d["result"]["obligation_id"] for d in data} == {"D4.K4a"}
    assert all(d["trace"]["deadline"] for d in data)


@pytest.mark.parametrize("lang,text", [("vi", "Không có kết quả nào"), ("en", "No result of obligation")])
def test_explain_exits_2_without_a_result(qd213: Callable[..., Run], ward_json: Path, lang: str, text: str) -> None:
    run = qd213("explain", str(ward_json), "--obligation", "D2.K7b", "--subject", "DV-001", "--as-of", AS_OF, "--lang", lang)
    assert run.code == 2 and text in run.err and run.out == ""


# -- obligations, schema, demo, validate, version -----------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_obligations_is_the_catalogue(qd213: Callable[..., Run], fmt: str, lang: str) -> None:
    run = qd213("obligations", "--format", fmt, "--lang", lang)
    assert run.code == 0 and run.out == render_obligations(fmt, lang)  # type: ignore[arg-type]
    if fmt == "json":
        assert [e["id"] for e in json.loads(run.out)] == [o.id for o in OBLIGATIONS]


def test_schema_is_the_facts_json_schema(qd213: Callable[..., Run]) -> None:
    run = qd213("schema")
    assert run.code == 0 and json.loads(run.out) == facts_json_schema()


def test_schema_is_the_published_file(qd213: Callable[..., Run]) -> None:
    published = Path(__file__).resolve().parents[2] / "docs" / "schema" / "facts.schema.json"
    if not published.exists():
        pytest.skip("docs/schema/facts.schema.json is not generated yet")
    assert json.loads(qd213("schema").out) == json.loads(published.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "markdown"])
def test_demo_runs_check_on_the_example_ward_at_its_fixed_date(qd213: Callable[..., Run], ward_json: Path, fmt: str) -> None:
    demo = qd213("demo", "--format", fmt, "--lang", "en")
    assert demo.code == 0  # a demonstration, not a check
    check = qd213("check", str(ward_json), "--as-of", AS_OF, "--format", fmt, "--lang", "en")
    assert check.code == 1
    if fmt == "json":
        assert demo.out == check.out
    elif fmt == "text":
        # the header names the file; check adds a hint before the closing verdict
        assert demo.out.splitlines()[1:-2] == check.out.splitlines()[1:-4]
        assert demo.out.splitlines()[-1] == check.out.splitlines()[-1]


def test_validate_prints_counts_and_warnings(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("validate", str(ward_json), "--lang", "en")
    facts = load_facts(ward_json)
    assert run.code == 0
    assert f"valid — {len(facts.organizations)} organisations, {len(facts.members)} members" in run.out


@pytest.mark.parametrize("args", [["--version"], ["--version", "--lang", "en"]])
def test_version(qd213: Callable[..., Run], args: list[str]) -> None:
    run = qd213(*args)
    assert run.code == 0 and run.out == f"qd213-rules {__version__}\n"


@pytest.mark.parametrize("lang,usage,options", [("vi", "cách dùng: qd213", "tùy chọn:"), ("en", "usage: qd213", "options:")])
def test_help_in_the_chosen_language(qd213: Callable[..., Run], lang: str, usage: str, options: str) -> None:
    for args in (["--help"], ["check", "--help"], ["calendar", "-h"]):
        run = qd213(*args, "--lang", lang)
        assert run.code == 0 and run.out.startswith(usage) and options in run.out


def test_no_command_prints_help_and_exits_2(qd213: Callable[..., Run]) -> None:
    run = qd213()
    assert run.code == 2 and "COMMAND" in run.err


def test_console_script_version_and_check(ward_json: Path) -> None:
    assert run_script(["--version"]).stdout.decode() == f"qd213-rules {__version__}\n"
    proc = run_script(["check", str(ward_json), "--as-of", AS_OF, "--format", "json"])
    assert proc.returncode == 1 and proc.stderr == b""
    assert json.loads(proc.stdout)["as_of"] == AS_OF


# -- calendar ---------------------------------------------------------------------------------

def _calendar(data: bytes) -> object:
    # the `calendar` and `test` extras install icalendar; qd213 itself writes iCalendar by hand
    icalendar = pytest.importorskip("icalendar")
    return icalendar.Calendar.from_ical(data)


def _events(data: bytes) -> list[object]:
    cal = _calendar(data)
    return [c for c in cal.walk() if c.name == "VEVENT"]  # type: ignore[attr-defined]


def test_calendar_lists_what_falls_due_in_the_window(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("calendar", str(ward_json), "--as-of", AS_OF, "--lang", "en")
    assert run.code == 0
    data = run.out.encode("utf-8")
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    cal = _calendar(data)
    assert str(cal["VERSION"]) == "2.0" and "qd213-rules" in str(cal["PRODID"])  # type: ignore[index]
    assert str(cal["CALSCALE"]) == "GREGORIAN"  # type: ignore[index]
    report = evaluate(load_facts(ward_json), as_of=AS_OF, lang="en")
    as_of = dt.date.fromisoformat(AS_OF)
    expected = {r.result_id: r for r in report.results if r.status.value == "overdue"
                or (r.status.value == "due" and r.due_date and as_of <= r.due_date <= as_of + dt.timedelta(days=30))}
    events = _events(data)
    assert expected and len(events) == len(expected)
    for event in events:
        uid = str(event["UID"])  # type: ignore[index]
        result = expected[uid.removesuffix("@qd213-rules")]
        overdue = result.status.value == "overdue"  # on the as-of date, marked
        assert event["DTSTART"].dt == (as_of if overdue else result.due_date)  # type: ignore[index]
        assert event["DTSTAMP"].dt == dt.datetime(2025, 12, 10, tzinfo=dt.timezone.utc)  # type: ignore[index]
        prefix = "[OVERDUE] " if overdue else ""
        assert str(event["SUMMARY"]).startswith(f"{prefix}{result.obligation_id} ")  # type: ignore[index]
        description = str(event["DESCRIPTION"])  # type: ignore[index]
        citation = get_obligation(result.obligation_id).citation.text("en")
        assert result.message in description and citation in description and result.result_id in description


def test_calendar_days_member_and_output_file(qd213: Callable[..., Run], ward_json: Path, tmp_path: Path) -> None:
    target = tmp_path / "due.ics"
    run = qd213("calendar", str(ward_json), "--as-of", AS_OF, "--days", "10", "--member", "DV-005", "-o", str(target))
    assert run.code == 0 and run.out == ""
    events = _events(target.read_bytes())
    assert events and all("DV-005" in str(e["UID"]) for e in events)  # type: ignore[index]
    assert all(e["DTSTART"].dt <= dt.date(2025, 12, 20) for e in events)  # type: ignore[index]
    assert target.read_bytes() == qd213("calendar", str(ward_json), "--as-of", AS_OF, "--days", "10", "--member",
                                        "DV-005").out.encode("utf-8")  # deterministic


def test_calendar_is_valid_and_empty_when_nothing_falls_due(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = qd213("calendar", str(ward_json), "--as-of", "2023-01-01", "--days", "0")  # before any duty is due
    assert run.code == 0
    assert _events(run.out.encode("utf-8")) == []
    assert run.out.startswith("BEGIN:VCALENDAR\r\n") and run.out.endswith("END:VCALENDAR\r\n")

"""``qd213 check``: every format, ``--output``, ``--member/--org``, ``--fail-on``, exit codes,
stdin, colour and progress (docs/cli.md, semantics §16; issue 6)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cli.cli_support import AS_OF, CI_EXAMPLE, Run, jsonl_lines, run_script

from qd213_rules import evaluate, load_facts
from qd213_rules.commands import ProgressReader, _colour, load
from qd213_rules.evaluation.results import SEVERITY_RANK
from qd213_rules.messages import t
from qd213_rules.examples import example_ward_document
from qd213_rules.render import FAIL_ON, render_report
from qd213_rules.render.text import render_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def ward_report(ward_json_module: Path) -> object:
    return evaluate(load_facts(ward_json_module), as_of=AS_OF, lang="en")


@pytest.fixture(scope="module")
def ward_json_module() -> Path:
    from qd213_rules.examples import example_ward_path

    return Path(str(example_ward_path()))


def _check(qd213: Callable[..., Run], path: str | Path, *args: str) -> Run:
    return qd213("check", str(path), "--as-of", AS_OF, *args)


# -- exit codes -------------------------------------------------------------------------------


def test_exit_1_on_findings_at_or_above_the_default_threshold(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = _check(qd213, ward_json)
    assert run.code == 1 and run.err == ""


_SETTLED = [
    {"id": "DU-A", "kind": "workplace_committee"},
    {"id": "CB-A1", "kind": "workplace_cell", "parent_id": "DU-A"},
    {"id": "P1", "kind": "commune_committee"},
    {"id": "KP1", "kind": "residence_cell", "parent_id": "P1"},
    {"id": "KP2", "kind": "residence_cell", "parent_id": "P1"},
]
_CHAIN_2019 = [  # listed and introduced under QĐ 76: nothing of the chain is owed from 2020
    {"id": "B-0", "kind": "members_listed_by_residence", "date": "2019-03-15", "org_id": "CB-A1", "member_ids": ["DV-1"]},
    {"id": "B-1", "kind": "introduction_sent", "date": "2019-04-01", "member_id": "DV-1", "from_org_id": "DU-A", "to_org_id": "P1"},
    {"id": "B-2", "kind": "introduction_received", "date": "2019-04-05", "member_id": "DV-1", "org_id": "P1", "about_event_id": "B-1"},
    {"id": "B-3", "kind": "introduction_forwarded", "date": "2019-04-10", "member_id": "DV-1", "from_org_id": "P1", "to_org_id": "KP1"},
    {"id": "B-4", "kind": "member_registered", "date": "2019-04-15", "member_id": "DV-1", "org_id": "KP1"},
    {"id": "B-5", "kind": "member_notified", "date": "2019-04-16", "member_id": "DV-1", "org_id": "KP1"},
]
_MOVE = {"id": "E-1", "kind": "residence_changed", "date": "2020-01-10", "member_id": "DV-1",
         "from_residence_cell_id": "KP1", "to_residence_cell_id": "KP2"}
_BREACH = {"id": "E-2", "kind": "conduct_breach_recorded", "date": "2020-02-20", "member_id": "DV-1",
           "obligation_id": "D2.K1", "recorded_by_org_id": "DU-A"}
_WORST: dict[str, tuple[list[dict[str, object]], str]] = {
    # worst status of the file as of the date: written from the contract, not from the engine
    "none": ([], "2020-06-30"),  # the Commission alone: a conduct duty and one-offs, all ongoing
    "due": (_CHAIN_2019, "2020-02-01"),  # the year's report and the half's meeting not yet due
    "overdue": ([*_CHAIN_2019, _MOVE], "2020-03-01"),  # the move of 10/01 unreported, due 09/02
    "violated": ([*_CHAIN_2019, _MOVE, _BREACH], "2020-03-01"),  # and a breach of D2.K1 recorded
}
_EXIT = {  # (worst status in the file, --fail-on) -> exit code, by hand (semantics, statuses; docs/cli.md)
    ("none", "due"): 0, ("none", "overdue"): 0, ("none", "violated"): 0,
    ("due", "due"): 1, ("due", "overdue"): 0, ("due", "violated"): 0,
    ("overdue", "due"): 1, ("overdue", "overdue"): 1, ("overdue", "violated"): 0,
    ("violated", "due"): 1, ("violated", "overdue"): 1, ("violated", "violated"): 1,
}  # fmt: skip


def _worst_file(tmp_path: Path, worst: str) -> tuple[Path, str]:
    events, as_of = _WORST[worst]
    if worst == "none":
        document: dict[str, object] = {"organizations": [{"id": "BTC", "kind": "central_organization_commission"}],
                                       "members": [], "events": []}
    else:
        document = {"organizations": _SETTLED, "events": events, "members": [
            {"id": "DV-1", "workplace_cell_id": "CB-A1", "residence_cell_id": "KP1", "category": "regular",
             "working_since": "2018-03-01"}]}
    path = tmp_path / f"{worst}.json"
    path.write_text(json.dumps({"schema_version": 1, "observation": {"from": "2020-01-02"}, **document}), encoding="utf-8")
    return path, as_of


@pytest.mark.parametrize("worst, fail_on", sorted(_EXIT))
def test_fail_on_compares_severities(qd213: Callable[..., Run], tmp_path: Path, worst: str, fail_on: str) -> None:
    path, as_of = _worst_file(tmp_path, worst)
    report = json.loads(qd213("check", str(path), "--as-of", as_of, "--format", "json", "--exit-zero").out)
    present = {r["status"] for r in report["results"]}
    findings = ["none", "due", "overdue", "violated"]
    assert worst == "none" or worst in present, present  # the file is what the table says
    assert not present & set(findings[findings.index(worst) + 1:]), present
    assert qd213("check", str(path), "--as-of", as_of, "--fail-on", fail_on).code == _EXIT[worst, fail_on]
    if fail_on == "overdue":  # the default threshold
        assert qd213("check", str(path), "--as-of", as_of).code == _EXIT[worst, fail_on]


def test_exit_zero_reports_but_passes(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = _check(qd213, ward_json, "--exit-zero")
    assert run.code == 0 and "DV-005" in run.out


def test_thresholds_on_a_small_file(qd213: Callable[..., Run], ci_facts: Path) -> None:
    # the CI example has one overdue duty and some due ones, nothing violated
    assert qd213("check", str(ci_facts), "--as-of", "2025-04-30").code == 1
    assert qd213("check", str(ci_facts), "--as-of", "2025-04-30", "--fail-on", "violated").code == 0
    with ci_facts.open("a", encoding="utf-8") as handle:
        handle.write((CI_EXAMPLE / "missing_fact.jsonl").read_text(encoding="utf-8"))
    assert qd213("check", str(ci_facts), "--as-of", "2025-04-30").code == 0
    assert qd213("check", str(ci_facts), "--as-of", "2025-04-30", "--fail-on", "due").code == 1


# -- formats ----------------------------------------------------------------------------------


def test_json_is_the_report_unchanged(qd213: Callable[..., Run], ward_json: Path, ward_report: object) -> None:
    run = _check(qd213, ward_json, "--format", "json", "--lang", "en")
    assert run.out == ward_report.to_json()  # type: ignore[attr-defined]


def test_text_counts_first_then_findings_by_subject(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = _check(qd213, ward_json, "--lang", "en")
    lines = run.out.splitlines()
    assert lines[0].startswith("Regulation 213-QĐ/TW — report as of 2025-12-10")
    assert re.match(r"  Not performed: \d+ · Overdue: \d+ · Due: \d+", lines[1])
    groups = "\n".join(lines[2:]).split("\n== ")[1:]  # by severity, then by subject
    assert [g.split(" (")[0] for g in groups] == ["Not performed", "Overdue", "Due"]
    for group in groups:
        subjects = [line.split(" — ")[0] for line in group.splitlines()[1:] if re.match(r"^[A-Z]", line)]
        headings = [s for s in subjects if re.fullmatch(r"[A-Z][A-Z0-9-]*", s)]
        assert headings == sorted(headings)
    assert "\nDV-005 — " in groups[2]
    assert not ANSI.search(run.out), "no colour when stdout is not a terminal"
    assert "--all" not in run.out and "Fulfilled      " not in run.out  # findings only by default
    everything = _check(qd213, ward_json, "--lang", "en", "--all").out
    assert "Fulfilled      " in everything and len(everything) > len(run.out)


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch, ward_report: object) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    assert _colour() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert _colour() is False
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: only a non-empty value counts
    assert _colour() is True
    coloured = render_text(ward_report, "en", colour=True)  # type: ignore[arg-type]
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == render_text(ward_report, "en", colour=False)  # type: ignore[arg-type]


def test_junit_is_valid_and_counts_right(qd213: Callable[..., Run], ward_json: Path, ward_report: object) -> None:
    run = _check(qd213, ward_json, "--format", "junit", "--fail-on", "due", "--lang", "en")
    assert run.code == 1
    assert run.out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(run.out.encode("utf-8"))
    assert root.tag == "testsuites"
    results = {r.result_id: r for r in ward_report.results}  # type: ignore[attr-defined]
    cases = root.findall("./testsuite/testcase")
    assert sorted(c.get("name") for c in cases) == sorted(results)  # one test case per result
    total = {"tests": 0, "failures": 0, "skipped": 0}
    for suite in root.findall("testsuite"):
        suite_cases = suite.findall("testcase")
        counts = {
            "tests": len(suite_cases),
            "failures": sum(1 for c in suite_cases if c.find("failure") is not None),
            "skipped": sum(1 for c in suite_cases if c.find("skipped") is not None),
        }
        for key, value in counts.items():
            assert suite.get(key) == str(value), (suite.get("name"), key)
            total[key] += value
        assert suite.get("errors") == "0"
    for key, value in total.items():
        assert root.get(key) == str(value)
    for case in cases:
        result = results[case.get("name")]  # type: ignore[index]
        assert case.get("classname") == result.obligation_id
        failure = case.find("failure")
        assert (failure is not None) == (SEVERITY_RANK[result.severity] >= FAIL_ON["due"])
        if failure is not None:
            assert failure.get("type") == result.status.value
            assert (failure.get("message") or "").startswith(t(f"status.{result.status.value}", "en") + ": ")
            body = failure.text or ""
            assert result.obligation_id in body and "Citation:" in body and "Status:" in body
            assert "Decided by" not in body and "$occ" not in body
        assert (case.find("skipped") is not None) == (result.status.value == "not_applicable")


def test_junit_failures_follow_fail_on(qd213: Callable[..., Run], ward_json: Path, ward_report: object) -> None:
    root = ET.fromstring(_check(qd213, ward_json, "--format", "junit", "--fail-on", "violated").out.encode("utf-8"))
    violated = sum(1 for r in ward_report.results if r.status.value == "violated")  # type: ignore[attr-defined]
    assert root.get("failures") == str(violated) and violated > 0


def test_github_annotations_point_at_the_trigger_line(qd213: Callable[..., Run], ward_jsonl: str) -> None:
    run = _check(qd213, ward_jsonl, "--format", "github", "--lang", "en")
    results = evaluate(load_facts(ward_jsonl), as_of=dt.date(2025, 12, 10)).results
    assert run.code == 1
    lines = Path(ward_jsonl).read_text(encoding="utf-8").splitlines()
    annotations = [line for line in run.out.splitlines() if line.startswith("::")]
    assert annotations
    pattern = re.compile(r"^::(error|warning|notice) file=ward\.jsonl,line=(\d+),title=([^,:]+)::(.+)$")
    seen = set()
    for annotation in annotations:
        match = pattern.match(annotation)
        assert match, annotation
        command, line_no, title, message = match.groups()
        obligation, subject = title.split("%3A ", 1)[0].split(" ")
        status = message.split(":", 1)[0]
        assert {"error": "Not performed", "warning": "Overdue", "notice": "Due"}[command] == status
        fact = json.loads(lines[int(line_no) - 1])
        keys = {r.key for r in results if r.obligation_id == obligation and r.subject_id == subject
                and r.status.value == {"error": "violated", "warning": "overdue", "notice": "due"}[command]}
        if fact["id"] in keys:
            assert fact["id"].startswith("E-")  # the trigger fact's own line
        else:
            assert fact["id"] == subject  # periodic duties: the subject's record
        assert "\n" not in message and "%0A" in message
        assert "|" not in message  # no result id in the words (it is in JSON)
        seen.add(command)
    assert seen == {"error", "warning", "notice"}
    assert run.out.splitlines()[-1].startswith("qd213: ")


def test_github_on_a_json_document_names_the_file_only(qd213: Callable[..., Run], ward_json: Path) -> None:
    run = _check(qd213, ward_json, "--format", "github")
    annotations = [line for line in run.out.splitlines() if line.startswith("::")]
    assert annotations and all(f" file={ward_json},title=" in line for line in annotations)
    assert ",line=" not in run.out


def test_github_appends_the_job_summary(qd213: Callable[..., Run], ward_jsonl: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _check(qd213, ward_jsonl, "--format", "github", "--lang", "en")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("previous step\n## Regulation 213-QĐ/TW — report as of 2025-12-10")
    assert "| 🟠 Overdue |" in text and "#### `DV-005`" in text
    # only when a github report is produced
    summary.write_text("", encoding="utf-8")
    _check(qd213, ward_jsonl, "--format", "text")
    assert summary.read_text(encoding="utf-8") == ""


def test_markdown_has_a_summary_table_and_findings_by_subject(qd213: Callable[..., Run], ward_json: Path,
                                                                ward_report: object) -> None:
    out = _check(qd213, ward_json, "--format", "markdown", "--lang", "en").out
    assert out.startswith("## Regulation 213-QĐ/TW — report as of 2025-12-10\n")
    assert "| Status | Results |\n|---|---:|\n" in out
    total = len(ward_report.results)  # type: ignore[attr-defined]
    assert f"| **Total** | **{total}** |" in out
    assert "### Findings by subject" in out
    headings = re.findall(r"^#### `([^`]+)`", out, re.M)
    findings = sorted({r.subject_id for r in ward_report.results if r.severity != "none"})  # type: ignore[attr-defined]
    assert headings == findings
    for row in re.findall(r"^\| .*\|$", out, re.M):
        assert row.count(" | ") + 2 == row.count("|") - row.count("\\|")  # no cell breaks the table


# -- --output and --member/--org ----------------------------------------------------------------


def test_output_writes_several_formats_in_one_run(qd213: Callable[..., Run], ward_json: Path, tmp_path: Path) -> None:
    files = {fmt: tmp_path / f"report.{fmt}" for fmt in ("text", "json", "junit", "github", "markdown")}
    args = [a for fmt, path in files.items() for a in ("--output", f"{fmt}={path}")]
    run = _check(qd213, ward_json, "--format", "markdown", "--lang", "en", *args)
    assert run.code == 1
    assert run.out == _check(qd213, ward_json, "--format", "markdown", "--lang", "en").out
    for fmt, path in files.items():
        alone = _check(qd213, ward_json, "--format", fmt, "--lang", "en").out
        assert path.read_text(encoding="utf-8") == alone, fmt
    ET.parse(files["junit"])


@pytest.mark.parametrize("option,entity", [("--member", "DV-005"), ("--org", "CB-KP3"), ("--org", "DU-SYT")])
def test_member_and_org_filter_the_printed_results(qd213: Callable[..., Run], ward_json: Path, ward_report: object,
                                                   option: str, entity: str) -> None:
    doc = json.loads(_check(qd213, ward_json, "--format", "json", "--lang", "en", option, entity).out)
    expected = [r.to_dict() for r in ward_report.results if entity in (r.subject_id, r.bearer_id)]  # type: ignore[attr-defined]
    # the same results as in the whole evaluation: the evaluation covered the whole file
    assert doc["results"] == expected and expected
    assert sum(doc["summary"].values()) == len(expected)
    assert doc["input_sha256"] == ward_report.input_sha256  # type: ignore[attr-defined]
    text = _check(qd213, ward_json, "--lang", "en", option, entity, "--all").out
    assert f"Only the results about {entity}" in text


def test_exit_code_follows_the_selection(qd213: Callable[..., Run], ward_json: Path, ward_report: object) -> None:
    quiet = [m for m in ("DV-001", "DV-003", "DV-004", "DV-007") if not any(
        r.severity in ("warning", "error") for r in ward_report.results if m in (r.subject_id, r.bearer_id))]  # type: ignore[attr-defined]
    assert quiet, "the example ward should have a member with nothing overdue"
    assert _check(qd213, ward_json, "--member", quiet[0]).code == 0
    assert _check(qd213, ward_json, "--member", "DV-005").code == 1


@pytest.mark.parametrize("lang,text", [("vi", "Không có đảng viên"), ("en", "No member")])
def test_unknown_member_is_bad_input(qd213: Callable[..., Run], ward_json: Path, lang: str, text: str) -> None:
    run = _check(qd213, ward_json, "--member", "DV-404", "--lang", lang)
    assert run.code == 2 and text in run.err and "DV-404" in run.err and run.out == ""


# -- stdin, progress ----------------------------------------------------------------------------


@pytest.mark.parametrize("as_lines", [False, True], ids=["json", "jsonl"])
def test_facts_from_stdin(qd213: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, ward_json: Path,
                          as_lines: bool) -> None:
    data = ("\n".join(jsonl_lines(example_ward_document())) + "\n").encode() if as_lines else ward_json.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    run = qd213("check", "-", "--as-of", AS_OF, "--format", "json")
    assert run.code == 1
    assert json.loads(run.out)["input_sha256"] == load_facts(ward_json).digest()


def test_progress_reader_counts_lines_and_bytes() -> None:
    seen: list[tuple[int, int]] = []
    reader = ProgressReader(io.BytesIO(b'{"a": 1}\n{"b": 2}\n{"c"'), lambda n, size: seen.append((n, size)), interval=0)
    assert reader.readline() == b'{"a": 1}\n'
    reader.readline()
    assert reader.read() == b'{"c"'
    assert seen == [(1, 9), (2, 18), (2, 22)]


def test_progress_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     ward_jsonl: str) -> None:
    load(ward_jsonl, "en")
    assert capsys.readouterr().err == ""  # stderr is not a terminal here
    monkeypatch.setattr("qd213_rules.commands.PROGRESS_INTERVAL", 0.0)
    facts = load(ward_jsonl, "en", progress=True)
    err = capsys.readouterr().err
    assert "Reading ward.jsonl: " in err and " lines, " in err
    assert err.endswith("\r\x1b[K")  # the progress line is erased once loading is done
    assert len(facts.events) == len(example_ward_document()["events"])


def test_real_console_script_with_stdin_and_no_terminal(ward_jsonl: str) -> None:
    data = Path(ward_jsonl).read_bytes()
    proc = run_script(["check", "-", "--as-of", AS_OF, "--format", "github", "--lang", "en"], cwd=Path.cwd(), stdin=data)
    assert proc.returncode == 1, proc.stderr.decode()
    assert proc.stderr == b""  # no progress, no colour, no warnings when not on a terminal
    out = proc.stdout.decode("utf-8")
    assert out.startswith("::") and "file=" not in out  # stdin has no file to point at
    assert not ANSI.search(out)


def test_render_report_rejects_an_unknown_format(ward_report: object) -> None:
    with pytest.raises(ValueError):
        render_report(ward_report, "sarif", lang="en")  # type: ignore[arg-type]


def test_the_program_writes_everything_before_it_ends(ward_json: Path, tmp_path: Path) -> None:
    """``qd213`` ends its process without freeing its objects (``cli.run``): its output, to a
    pipe and to a file, and its exit code are still those of ``main`` in this process; a reader
    that stops early still ends it with 141 (SIGPIPE's code), as main reports it."""
    import os
    import subprocess

    from qd213_rules.cli import main

    args = ["check", str(ward_json), "--as-of", AS_OF, "--format", "json", "--lang", "en"]
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        code = main([*args, "--output", f"text={tmp_path / 'here.txt'}"])
    finally:
        sys.stdout = saved
    proc = run_script([*args, "--output", f"text={tmp_path / 'there.txt'}"])
    assert (proc.returncode, proc.stdout.decode()) == (code, out.getvalue())
    assert code == 1 and len(out.getvalue()) > 100_000
    assert (tmp_path / "there.txt").read_bytes() == (tmp_path / "here.txt").read_bytes()
    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: the first write breaks the pipe
    script = [sys.executable, "-c", "from qd213_rules.cli import run; run()"]
    broken = subprocess.run(script + args, stdout=writer, stderr=subprocess.PIPE, timeout=300, check=False)
    os.close(writer)
    assert broken.returncode == 128 + 13, broken.stderr.decode()

"""Input problems are first-class output (issue 14 item 1): on exit code 2, ``--format`` and
``--output`` carry the problems in the format the pipeline reads (GitHub annotations, JUnit test
cases in error, ``{"problems": [...]}``, a Markdown table), and ``qd213 validate`` takes them too."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cli.cli_support import Run

BAD_LINES = (
    '{"type": "organization", "id": "CB-1", "kind": "cell"}\n'
    '{"type": "member", "id": "DV-1"}\n'
)


@pytest.fixture
def bad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "bad.jsonl").write_text(BAD_LINES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "bad.jsonl"


def test_github_annotations_point_at_file_and_line(qd213: Callable[..., Run], bad: str) -> None:
    run = qd213("check", bad, "--format", "github", "--lang", "en")
    assert run.code == 2
    errors = [line for line in run.out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 4
    assert errors[0].startswith("::error file=bad.jsonl,line=1,title=invalid_value $.kind CB-1::Invalid value")
    assert all("file=bad.jsonl,line=2," in line for line in errors[1:])
    assert "[invalid_value]" in run.err  # the human-readable lines stay on stderr


def test_junit_report_is_written_on_exit_2(qd213: Callable[..., Run], bad: str, tmp_path: Path) -> None:
    run = qd213("check", bad, "--output", "junit=report.xml", "--lang", "en")
    assert run.code == 2
    root = ET.parse(tmp_path / "report.xml").getroot()
    assert root.get("errors") == "4" and root.get("tests") == "4"
    cases = root.findall(".//testcase")
    assert [c.get("classname") for c in cases] == ["input.invalid_value"] + ["input.missing_field"] * 3
    assert all(c.find("error") is not None for c in cases)
    assert "bad.jsonl:2 $.category (fact DV-1)" in (cases[2].find("error").text or "")  # type: ignore[union-attr]


def test_json_lists_problems_with_every_field(qd213: Callable[..., Run], bad: str) -> None:
    run = qd213("check", bad, "--format", "json", "--lang", "vi")
    assert run.code == 2
    problems = json.loads(run.out)["problems"]
    assert len(problems) == 4
    assert problems[0] == {
        "code": "invalid_value", "file": "bad.jsonl", "line": 1, "json_path": "$.kind", "fact_id": "CB-1",
        "found": "cell",
        "expected": "workplace_committee | workplace_cell | commune_committee | residence_cell | "
                    "provincial_committee | central_organization_commission",
        "message": problems[0]["message"],
    }
    assert problems[0]["message"].startswith("Giá trị \"cell\" không hợp lệ")


def test_markdown_table_of_problems(qd213: Callable[..., Run], bad: str) -> None:
    run = qd213("check", bad, "--format", "markdown", "--lang", "en")
    assert run.code == 2
    assert run.out.startswith("## Input problems (4)")
    assert "| bad.jsonl:2 $.category (fact DV-1) | `missing_field` | Required field category is missing. |" in run.out


def test_usage_problems_too(qd213: Callable[..., Run], bad: str) -> None:
    run = qd213("check", bad, "--as-of", "soon", "--format", "json", "--lang", "en")
    assert run.code == 2
    [problem] = json.loads(run.out)["problems"]
    assert problem["code"] == "usage" and problem["json_path"] == "--as-of"


def test_validate_takes_format_and_output(qd213: Callable[..., Run], bad: str, tmp_path: Path,
                                          ward_json: Path) -> None:
    run = qd213("validate", bad, "--format", "github", "--output", "json=problems.json", "--lang", "en")
    assert run.code == 2
    assert run.out.count("::error file=bad.jsonl,") == 4
    assert len(json.loads((tmp_path / "problems.json").read_text(encoding="utf-8"))["problems"]) == 4
    ok = qd213("validate", str(ward_json), "--format", "json", "--output", "junit=ok.xml")
    assert ok.code == 0
    doc = json.loads(ok.out)
    assert doc["problems"] == [] and doc["counts"]["members"] > 0
    root = ET.parse(tmp_path / "ok.xml").getroot()
    assert root.get("tests") == "1" and root.get("errors") == "0"

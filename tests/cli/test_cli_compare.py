"""qd213 compare and qd213 sensitivity: exit codes, formats, languages, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from cli.cli_support import AS_OF, Run

Qd213 = Callable[..., Run]


@pytest.fixture
def k7b_15(tmp_path: Path) -> Path:
    path = tmp_path / "kip-thoi-15.toml"
    path.write_text('[timely_days]\n"D2.K7b" = 15\n', encoding="utf-8")
    return path


def test_compare_exits_1_when_a_status_changes(qd213: Qd213, ward_json: Path, k7b_15: Path) -> None:
    run = qd213("compare", str(ward_json), "--as-of", AS_OF, "--against-policy", str(k7b_15))
    assert run.code == 1, run.err
    assert "Nguyễn Thị Hồng Nhung" in run.out  # names, not ids
    assert "Báo cáo khi chuyển nơi cư trú" in run.out and "D2.K7b" not in run.out
    assert "Trước: Đến hạn (hạn 24/12/2025)" in run.out and "Sau: Quá hạn (hạn 09/12/2025)" in run.out
    assert "30 ngày → 15 ngày" in run.out
    assert "DV-003" not in run.out and "E-0500" not in run.out


def test_compare_exits_0_when_nothing_changes(qd213: Qd213, ward_json: Path, tmp_path: Path) -> None:
    same = tmp_path / "same.toml"
    same.write_text('[timely_days]\n"D2.K7b" = 45\n', encoding="utf-8")
    run = qd213("compare", str(ward_json), "--as-of", AS_OF, "--against-policy", str(same), "--lang", "en")
    assert run.code == 0, run.err
    assert "No result changed status." in run.out


def test_compare_against_another_date(qd213: Qd213, ward_json: Path) -> None:
    run = qd213("compare", str(ward_json), "--as-of", AS_OF, "--against-as-of", "2025-12-20", "--format", "json")
    assert run.code == 1
    doc = json.loads(run.out)
    assert (doc["before"]["as_of"], doc["after"]["as_of"]) == (AS_OF, "2025-12-20")
    assert doc["counts"]["changed"] == len(doc["changes"]) > 0
    assert all(c["before"]["status"] != c["after"]["status"] for c in doc["changes"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "--against-policy"),  # nothing to compare against
        (("--against-as-of", "2025-13-01"), "--against-as-of"),
        (("--as-of", "yesterday", "--against-as-of", "2025-12-01"), "--as-of"),
        (("--against-policy", "missing.toml"), "missing.toml"),
        (("--format", "pdf", "--against-as-of", "2025-12-01"), "pdf"),
    ],
)
def test_compare_bad_input_exits_2(qd213: Qd213, ward_json: Path, args: tuple[str, ...], needle: str) -> None:
    run = qd213("compare", str(ward_json), *args, "--lang", "en")
    assert run.code == 2
    assert needle in run.err and "Traceback" not in run.err


def test_compare_bad_policy_and_missing_facts_exit_2(qd213: Qd213, ward_json: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[timely_days]\n"D2.K7b" = -1\n', encoding="utf-8")
    run = qd213("compare", str(ward_json), "--against-policy", str(bad))
    assert run.code == 2 and "bad.toml" in run.err and "policy_invalid" in run.err
    run = qd213("compare", str(tmp_path / "none.json"), "--against-as-of", "2025-01-01")
    assert run.code == 2 and "file_not_found" in run.err


def test_compare_markdown_html_and_output_files(qd213: Qd213, ward_json: Path, k7b_15: Path, tmp_path: Path) -> None:
    page = tmp_path / "compare.html"
    run = qd213("compare", str(ward_json), "--as-of", AS_OF, "--against-policy", str(k7b_15), "--lang", "en",
                "--format", "markdown", "--output", f"html={page}")
    assert run.code == 1
    assert "| Nguyễn Thị Hồng Nhung | Report a change of residence" in run.out
    assert "### Status transitions (rows: before, columns: after)" in run.out
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text
    assert "Nguyễn Thị Hồng Nhung" in text and "Overdue (due 2025-12-09)" in text
    # the HTML report's look, standing alone: its stylesheet inline, no script, no request
    from importlib import resources

    css = resources.files("qd213_rules").joinpath("render/templates/report.css").read_text(encoding="utf-8")
    assert css in text and '<span class="badge s-overdue">' in text
    assert "Content-Security-Policy" in text and "<script" not in text and "http" not in text.replace("http-equiv", "")
    checker = _Balanced()
    checker.feed(text)
    assert checker.stack == []


class _Balanced(HTMLParser):
    """Every element the page opens is closed, in order (void elements aside)."""

    VOID = {"meta", "br", "img", "link", "hr", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()


def test_sensitivity_table_and_plot(qd213: Qd213, ward_json: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "chart.svg"
    run = qd213("sensitivity", str(ward_json), "--as-of", AS_OF, "--param", "timely_days.D2.K7b",
                "--values", "7,15,30,45,60", "--obligation", "D2.K7b", "--plot", str(chart), "--lang", "en")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "Results by value of the parameter"
    assert any(line.split() == ["7", "days", "2", "0", "1", "2", "1"] for line in lines)
    assert any(line.split() == ["30", "days", "1", "1", "1", "2", "0"] for line in lines)
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_sensitivity_json(qd213: Qd213, ward_json: Path) -> None:
    run = qd213("sensitivity", str(ward_json), "--as-of", AS_OF, "--param", "hd33_retroactive", "--format", "json")
    assert run.code == 0
    doc = json.loads(run.out)
    assert [row["value"] for row in doc["rows"]] == [True, False] and doc["baseline_value"] is True


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--param", "timely_day.D2.K7b", "--values", "7"), "did you mean: timely_days.D2.K7b"),
        (("--param", "timely_days.D2.K7b", "--values", "7,x"), "timely_days['D2.K7b']"),
        (("--param", "timely_days.D2.K7b"), "--values"),
        (("--param", "timely_days.D2.K7b", "--values", "7", "--plot", "chart.pdf"), "chart.pdf"),
        (("--param", "timely_days.D2.K7b", "--values", "7", "--obligation", "D9.K9"), "D9.K9"),
    ],
)
def test_sensitivity_bad_input_exits_2(qd213: Qd213, ward_json: Path, args: tuple[str, ...], needle: str) -> None:
    run = qd213("sensitivity", str(ward_json), *args, "--lang", "en")
    assert run.code == 2
    assert needle in run.err and "Traceback" not in run.err


def test_sensitivity_without_matplotlib_says_how_to_install(qd213: Qd213, ward_json: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    run = qd213("sensitivity", str(ward_json), "--param", "timely_days.D2.K7b", "--values", "7",
                "--plot", "chart.svg")
    assert run.code == 2
    assert "pip install 'qd213-rules[notebook]'" in run.err and "matplotlib" in run.err
    run = qd213("sensitivity", str(ward_json), "--param", "timely_days.D2.K7b", "--values", "7",
                "--plot", "chart.svg", "--lang", "en")
    assert "drawing the chart needs matplotlib" in run.err


@pytest.mark.parametrize("fmt", ["html", "json", "markdown"])
def test_compare_bad_input_in_every_format_exits_2_without_a_traceback(qd213: Qd213, ward_json: Path,
                                                                       tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[timely_days]\n"D2.K7b" = -1\n', encoding="utf-8")
    run = qd213("compare", str(ward_json), "--format", fmt, "--against-policy", str(bad), "--lang", "en",
                "--output", f"html={tmp_path / 'page.html'}")
    assert run.code == 2
    assert "policy_invalid" in run.err and "Traceback" not in run.err
    if fmt == "json":
        assert json.loads(run.out)["problems"][0]["code"] == "policy_invalid"
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "policy_invalid" in page  # a problem page, not a stale one

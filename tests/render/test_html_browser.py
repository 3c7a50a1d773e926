"""The example ward's HTML report in a real browser (headless Chromium, driven over the DevTools
pipe by tools/headless_chromium.py): no console error, no request leaving the page, the counts
and member pages as the browser shows them, a page that fits a phone, a cell sheet that prints
on A4, a page that reads without JavaScript.

The browser is the ``browser`` fixture of tests/conftest.py: skipped, with the reason shown,
where no Chromium is installed (``apt-get install chromium``); ``.ci/run`` installs it and sets
``QD213_REQUIRE_BROWSER``, which turns the skip into a failure.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from qd213_rules import evaluate, load_facts
from qd213_rules.cli import main
from qd213_rules.evaluation.results import SEVERITY_RANK
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path
from qd213_rules.facts import FactSet
from qd213_rules.report import Report

A4_POINTS = (595.28, 841.89)


@pytest.fixture(scope="module")
def ward() -> tuple[FactSet, Report]:
    facts = load_facts(example_ward_path())
    return facts, evaluate(facts, as_of=EXAMPLE_AS_OF)


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example ward's report as the CLI writes it."""
    target = tmp_path_factory.mktemp("html") / "report.html"
    assert main(["demo", "--output", f"html={target}", "--lang", "vi"]) == 0
    return target


@pytest.fixture(scope="module")
def opened(browser: Any, report_file: Path) -> Any:
    page = browser.page(1280, 900)
    page.open(report_file.as_uri())
    return page


def test_no_console_error_and_no_request_leaves_the_page(browser: Any, report_file: Path) -> None:
    opened = browser.page(1280, 900)
    opened.open(report_file.as_uri())
    # the script runs: sort a table by a column, filter the members
    opened.evaluate("document.querySelector('#attention-table th:nth-child(4)').click()")
    opened.evaluate("""(() => { const box = document.querySelector('input[data-filter~="member-pages"]');
                       box.value = 'thu'; box.dispatchEvent(new Event('input')); })()""")
    shown = opened.evaluate("[...document.querySelectorAll('article.member')].filter(a => !a.hidden).length")
    assert 0 < shown < opened.evaluate("document.querySelectorAll('article.member').length"), "the filter hides some"
    assert opened.evaluate("document.querySelector('#attention-table th:nth-child(4)').getAttribute('aria-sort')")
    assert opened.console_errors == []
    assert set(opened.requests) == {report_file.as_uri()}


def test_counts_shown_equal_the_summary(ward: tuple[FactSet, Report], opened: Any) -> None:
    _, report = ward
    shown = opened.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#counts .card')]"
        ".map(c => [c.dataset.status, Number(c.querySelector('.n').textContent)]))")
    derived = [r for r in report.results if r.kind == "derived"]  # on a line of their own (semantics R6)
    assert shown == {status: n - sum(1 for r in derived if r.status.value == status)
                     for status, n in report.summary.items()}


def test_every_member_with_a_finding_has_a_page_naming_them(ward: tuple[FactSet, Report], opened: Any) -> None:
    facts, report = ward
    owing = {r.subject_id for r in report.results if r.subject_type == "member" and SEVERITY_RANK[r.severity] > 0}
    pages = opened.evaluate(
        "Object.fromEntries([...document.querySelectorAll('article.member')]"
        ".map(a => [a.id, [a.querySelector('h3').firstChild.textContent.trim(), a.offsetHeight > 0]]))")
    assert {f"m-{m}" for m in owing} == set(pages)
    for member_id in owing:
        name, visible = pages[f"m-{member_id}"]
        assert name == facts.members[member_id].name and visible


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_screenshots_at_desktop_and_phone_widths(browser: Any, report_file: Path, tmp_path: Path) -> None:
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        page = browser.page(width, height, mobile=width < 600)
        page.open(report_file.as_uri())
        # nothing wider than the screen: tables scroll inside their box, the page does not
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        shot = page.screenshot(tmp_path / f"{name}.png", full_page=False)
        assert _png_size(shot) == (width, height)
        assert page.console_errors == []


def _media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def test_a_cell_sheet_prints_alone_on_a4(browser: Any, report_file: Path, tmp_path: Path) -> None:
    page = browser.page(1280, 900)
    page.open(report_file.as_uri() + "#sheet-CB-KP3")
    pdf = page.pdf(tmp_path / "sheet-CB-KP3.pdf").read_bytes()
    boxes = _media_boxes(pdf)
    assert boxes and all(abs(w - A4_POINTS[0]) < 1.5 and abs(h - A4_POINTS[1]) < 1.5 for w, h in boxes), boxes
    assert len(boxes) <= 2, "one cell's sheet is one or two pages, not the whole report"
    page.emulate_media("print")
    shown = page.evaluate("""Object.fromEntries(['#summary', '#members', '#sheet-CB-KP1', '#sheet-CB-KP3']
                              .map(s => [s, getComputedStyle(document.querySelector(s)).display !== 'none']))""")
    assert shown == {"#summary": False, "#members": False, "#sheet-CB-KP1": False, "#sheet-CB-KP3": True}
    members = page.evaluate("[...document.querySelectorAll('#sheet-CB-KP3 tbody.owes strong')].map(e => e.textContent)")
    assert members, "the sheet names the members who owe something"
    assert page.console_errors == []


def test_the_whole_report_prints_on_a4(browser: Any, report_file: Path, tmp_path: Path) -> None:
    page = browser.page(1280, 900)
    page.open(report_file.as_uri())
    boxes = _media_boxes(page.pdf(tmp_path / "report.pdf").read_bytes())
    sheets = page.evaluate("document.querySelectorAll('section.sheet').length")
    assert len(boxes) > sheets and all(abs(w - A4_POINTS[0]) < 1.5 for w, _ in boxes)


def test_reads_without_javascript(browser: Any, report_file: Path, ward: tuple[FactSet, Report]) -> None:
    page = browser.page(1280, 900)
    page.send("Emulation.setScriptExecutionDisabled", {"value": True})
    page.open(report_file.as_uri())
    page.send("Emulation.setScriptExecutionDisabled", {"value": False})  # to read the page from here
    _, report = ward
    assert page.evaluate("document.querySelectorAll('article.member').length") > 0
    # the filter boxes need the script, so they stay hidden; the tables are there, unsorted
    assert page.evaluate("[...document.querySelectorAll('p.filter')].every(p => p.hidden)")
    assert page.evaluate("document.querySelectorAll('#attention-table th[tabindex]').length") == 0
    total = page.evaluate("[...document.querySelectorAll('#counts .card .n')].reduce((s, n) => s + Number(n.textContent), 0)")
    assert total == sum(1 for r in report.results if r.kind != "derived")  # joint duties on their own line

"""The HTML report without a browser: escaping of user text, the counts and member pages it
shows, one organisation's page, the member-page cap, a self-contained file, the CLI."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qd213_rules import evaluate, load_facts
from qd213_rules.cli import main
from qd213_rules.evaluation.results import SEVERITY_RANK
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path
from qd213_rules.messages import t
from qd213_rules.facts import FactSet
from qd213_rules.render import render_report
from qd213_rules.render.html import render_html
from qd213_rules.report import Report

from test_plain_words import identifiers  # the words lane's scanner (tests/render is on the path)

TEMPLATES = Path(__file__).resolve().parents[2] / "qd213_rules" / "render" / "templates"
EVIL_NAME = '<script>alert("name")</script> Nguyễn "Văn" O\'Brien & co'
EVIL_NOTE = '</p><script>alert(1)</script><img src=x onerror="alert(2)">'
EVIL_ORG = 'Chi bộ "khu phố" <b>3</b> & \'Tân\''


class _Collect(HTMLParser):
    """Tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.labels: list[str] = []  # attribute text a reader sees (tooltips, placeholders)
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.labels += [v for k, v in attrs if k in ("title", "aria-label", "placeholder", "alt") and v]
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script:
            self.text.append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def ward() -> tuple[FactSet, Report]:
    facts = load_facts(example_ward_path())
    return facts, evaluate(facts, as_of=EXAMPLE_AS_OF, trace=True)


@pytest.fixture(scope="module")
def ward_page(ward: tuple[FactSet, Report]) -> str:
    facts, report = ward
    return render_html(report, "vi", facts=facts, source="example_ward.json")


def _evil_facts() -> FactSet:
    return FactSet.from_facts(
        organizations=[
            {"id": "DU-SYT", "kind": "workplace_committee", "name": "Đảng ủy <i>Sở</i>"},
            {"id": "CB-VP", "kind": "workplace_cell", "parent_id": "DU-SYT", "name": "Chi bộ Văn phòng"},
            {"id": "DU-P1", "kind": "commune_committee", "name": "Đảng ủy phường 1"},
            {"id": "CB-KP3", "kind": "residence_cell", "parent_id": "DU-P1", "name": EVIL_ORG},
            {"id": "CB-KP4", "kind": "residence_cell", "parent_id": "DU-P1", "name": "Chi bộ khu phố 4"},
        ],
        members=[{"id": "DV-1", "name": EVIL_NAME, "note": EVIL_NOTE, "workplace_cell_id": "CB-VP",
                  "residence_cell_id": "CB-KP3", "category": "regular", "working_since": "2019-03-01"}],
        events=[{"id": "E-1", "kind": "residence_changed", "date": "2025-01-10", "member_id": "DV-1",
                 "from_residence_cell_id": "CB-KP3", "to_residence_cell_id": "CB-KP4", "note": EVIL_NOTE}],
        observation_from="2024-01-01",
    )


def test_names_and_notes_arrive_escaped() -> None:
    facts = _evil_facts()
    report = evaluate(facts, as_of=dt.date(2025, 12, 10), trace=True)
    assert any(SEVERITY_RANK[r.severity] > 0 for r in report.for_member("DV-1")), "the member needs a page"
    page = render_html(report, "vi", facts=facts, source='ward "<x>".json')
    parsed = _parse(page)
    # the page's own script is the only script; no attribute handler, no image came from the facts
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    assert not [tag for tag, _ in parsed.tags if tag in ("img", "b", "i")]
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert "<script>alert" not in page and 'onerror="' not in page
    # …and the text reads as it was written
    text = "".join(parsed.text)
    assert EVIL_NAME in text and EVIL_NOTE in text and EVIL_ORG in text and 'ward "<x>".json' in text
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;" in page
    # quotes inside attributes cannot close them
    member = next(attrs for tag, attrs in parsed.tags if tag == "article")
    assert member["data-text"] is not None and EVIL_NAME in member["data-text"]


def test_templates_mark_nothing_safe() -> None:
    for template in TEMPLATES.iterdir():
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "Markup(" not in text, template.name
        assert "autoescape false" not in text, template.name


def test_counts_shown_equal_the_summary(ward: tuple[FactSet, Report], ward_page: str) -> None:
    # each finding once (semantics R6): the joint duties D1.K2a/b, which restate their sources,
    # are on a line of their own, and the cards and that line add up to the JSON summary
    _, report = ward
    shown = {k: int(v) for k, v in re.findall(r'data-status="([a-z_]+)" data-count="(\d+)"', ward_page)}
    derived = [r for r in report.results if r.kind == "derived"]
    assert derived and sum(shown.values()) + len(derived) == sum(report.summary.values())
    for status, n in report.summary.items():
        assert shown[status] == n - sum(1 for r in derived if r.status.value == status)
    assert t("cli.report.derived", "vi", count=len(derived)) in html.unescape(ward_page)


@pytest.mark.parametrize(("fail_on", "lang", "expected"), [
    ("overdue", "vi", "Có 11 kết quả từ mức «Quá hạn» trở lên: cần xem xét, xử lý."),
    ("violated", "en", "4 results at «Not performed» or worse: to be looked into."),
    ("due", "en", "45 results at «Due» or worse: to be looked into."),
])
def test_the_verdict_names_its_threshold_in_words(ward: tuple[FactSet, Report], fail_on: str, lang: str, expected: str) -> None:
    """The page's verdict says the threshold as the page says statuses, not as the command-line
    option that chose it: committee staff read the page, they did not type the command."""
    facts, report = ward
    parsed = _parse(render_html(report, lang, facts=facts, source="example_ward.json", fail_on=fail_on))  # type: ignore[arg-type]
    text = " ".join(" ".join(parsed.text).split())
    assert "--fail-on" not in text and f" {fail_on})" not in text
    assert expected in text


def test_every_member_with_a_finding_has_a_page(ward: tuple[FactSet, Report], ward_page: str) -> None:
    facts, report = ward
    owing = {r.subject_id for r in report.results if r.subject_type == "member" and SEVERITY_RANK[r.severity] > 0}
    assert owing
    for member_id in owing:
        match = re.search(rf'<article class="member" id="m-{re.escape(member_id)}"[^>]*>\s*<h3>([^<]*)<', ward_page)
        assert match, member_id
        assert match[1].strip() == facts.members[member_id].name
    assert ward_page.count('<article class="member"') == len(owing)


def test_each_cell_has_a_sheet_and_a_bar(ward: tuple[FactSet, Report], ward_page: str) -> None:
    facts, _ = ward
    for org in facts.organizations.values():
        if org.kind.value == "residence_cell":
            assert f'id="sheet-{org.id}"' in ward_page
            block = ward_page.split(f'id="org-{org.id}"', 1)[1].split("</section>", 1)[0]
            assert '<svg class="bar"' in block and "<rect" in block


def test_self_contained(ward_page: str) -> None:
    parsed = _parse(ward_page)
    assert not [tag for tag, _ in parsed.tags if tag in ("link", "img", "iframe", "object", "embed")]
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs]
    assert not re.search(r"https?:|url\(|@import|@font-face", ward_page)
    assert "default-src 'none'" in ward_page


def test_language(ward: tuple[FactSet, Report], ward_page: str) -> None:
    facts, report = ward
    assert ward_page.startswith("<!DOCTYPE html>\n<html lang=\"vi\">")
    english = render_html(report, "en", facts=facts)
    assert english.startswith("<!DOCTYPE html>\n<html lang=\"en\">") and "Members with findings" in english


def test_the_cap_summarises_the_other_members(ward: tuple[FactSet, Report]) -> None:
    facts, report = ward
    page = render_html(report, "en", facts=facts, member_pages=3)
    owing = {r.subject_id for r in report.results if r.subject_type == "member" and SEVERITY_RANK[r.severity] > 0}
    assert page.count('<article class="member"') == 3
    assert f"only the 3 with the most serious findings have a full page. The other {len(owing) - 3}" in page
    for member_id in owing:  # nobody is dropped silently: a page or a summary row
        assert f'id="m-{member_id}"' in page


def test_one_organisations_page(ward: tuple[FactSet, Report]) -> None:
    facts, report = ward
    page = render_html(report, "vi", facts=facts, selection="CB-KP3")
    assert 'id="sheet-CB-KP3"' in page and 'id="sheet-CB-KP1"' not in page
    members = {m.id for m in facts.members.values() if facts.state_on(m.id, EXAMPLE_AS_OF).residence_cell_id == "CB-KP3"}
    elsewhere = {m.id for m in facts.members.values()} - members
    assert [m for m in members if f'<article class="member" id="m-{m}"' in page]
    assert not [m for m in elsewhere if f'<article class="member" id="m-{m}"' in page]


def test_render_report_routes_html(ward: tuple[FactSet, Report]) -> None:
    facts, report = ward
    assert render_report(report, "html", lang="vi", facts=facts).startswith("<!DOCTYPE html>")


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_writes_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    code, _, err = _run(["demo", "--output", f"html={target}", "--lang", "en"], capsys)
    assert code == 0 and not err
    assert target.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')
    code, out, _ = _run(["check", str(example_ward_path()), "--as-of", EXAMPLE_AS_OF.isoformat(), "--format", "html",
                         "--org", "CB-KP3"], capsys)
    assert code == 1 and 'id="sheet-CB-KP3"' in out


def test_cli_says_when_jinja2_is_missing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "jinja2", None)  # import jinja2 now raises ImportError
    for lang, words in (("vi", "Báo cáo HTML cần gói Jinja2"), ("en", "The HTML report needs Jinja2")):
        code, out, err = _run(["demo", "--output", f"html={tmp_path / 'r.html'}", "--lang", lang], capsys)
        assert code == 2 and words in err and "pip install 'qd213-rules[html]'" in err and not out
    assert not (tmp_path / "r.html").exists()
    code, _, err = _run(["check", str(example_ward_path()), "--format", "html"], capsys)
    assert code == 2 and "Jinja2" in err


def test_render_html_raises_a_clear_import_error(monkeypatch: pytest.MonkeyPatch,
                                                 ward: tuple[FactSet, Report]) -> None:
    import sys

    from qd213_rules.render import html

    facts, report = ward
    monkeypatch.setitem(sys.modules, "jinja2", None)
    html._environment.cache_clear()
    try:
        with pytest.raises(ImportError, match="qd213-rules\\[html\\]"):
            render_html(report, "en", facts=facts)
    finally:
        html._environment.cache_clear()



def test_bad_input_writes_a_problem_page_not_a_stale_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "header", "schema_version": 1}\n{"type": "member", "id": "<b>DV-1</b>"}\n', encoding="utf-8")
    target = tmp_path / "report.html"
    target.write_text("an earlier run's report", encoding="utf-8")
    code, _, err = _run(["check", str(bad), "--output", f"html={target}", "--lang", "en"], capsys)
    page = target.read_text(encoding="utf-8")
    assert code == 2 and err
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and "input problems" in page.lower()
    assert "<b>DV-1</b>" not in page and "&lt;b&gt;DV-1&lt;/b&gt;" in page


def test_validate_offers_no_html(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["validate", str(example_ward_path()), "--format", "html"], capsys)
    assert code == 2 and "html" in err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_reads_without_engine_identifiers(ward: tuple[FactSet, Report], lang: str) -> None:
    """What a reader sees of the example ward's page (text, tooltips, placeholders; no browser
    needed) carries no rule name, occasion key, result id or snake_case code."""
    facts, report = ward
    parsed = _parse(render_html(report, lang, facts=facts, source="example_ward.json"))  # type: ignore[arg-type]
    hits = identifiers("\n".join([*parsed.text, *parsed.labels]))
    assert hits[:10] == []


def test_the_report_ranks_results_as_their_severity_and_status_say() -> None:
    """The HTML report reads a result's rank and its status's place from tables (every result
    is ranked several times): the same values as ``SEVERITY_RANK[r.severity]`` and
    ``r.status.rank``, derived results (which restate their sources) ranked 0."""
    import dataclasses

    from qd213_rules.evaluation.results import Status
    from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_facts
    from qd213_rules.render.html import _ORDER, _rank

    result = evaluate(example_ward_facts(), EXAMPLE_AS_OF, lang="en", backend="python").results[0]
    for status in Status:
        for kind in ("derived", "periodic", "triggered"):
            r = dataclasses.replace(result, status=status, kind=kind)
            assert _rank(r) == SEVERITY_RANK[r.severity]
        assert _ORDER[status] == status.rank

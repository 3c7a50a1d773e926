"""Human-readable output reads as plain words (semantics R7, issue 12 items 5, 6, 8).

The whole example ward, in Vietnamese and English, in every human-readable format — text and
Markdown reports of every result, ``explain`` of every result, JUnit and GitHub messages, the
notebook view — carries no engine identifier: no rule name (``deadline.overdue``,
``D2.K7b/t0/e0``), no occasion key (``$occ|…``), no result id (``D2.K7b|DV-005|…``), no
snake_case code (reason codes, statuses, event kinds, roles, warning codes). Policy parameter
names stay: they are what a user writes in ``--policy FILE``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from xml.etree import ElementTree as ET

import pytest

from qd213_rules import evaluate, load_facts
from qd213_rules.evaluation.results import Status
from qd213_rules.examples import EXAMPLE_AS_OF, example_ward_path
from qd213_rules.messages import Lang, t
from qd213_rules.policy import POLICY_FIELDS
from qd213_rules.render import render_report
from qd213_rules.report import Report

LANGS: tuple[Lang, ...] = ("vi", "en")

_IDENTIFIERS = {
    "occasion key": re.compile(r"\$occ"),
    "result id": re.compile(r"D\d\.K\d+[a-z]?\|"),
    "generated rule name": re.compile(r"/t\d+/e\d+|/breach\b"),
    "judge rule name": re.compile(
        r"\b(?:gate|deadline|conduct|applicability|one_off|derived|discretionary|waiver)\.[a-z_]+"
    ),
    "deadline step label": re.compile(r"\banchor\.|= due_date"),
    "snake_case code": re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w(])"),
}
# what a user types or looks up, so it may be shown: policy parameters, the facts file's own
# name, the JSON field the text report points to
_ALLOWED = {*POLICY_FIELDS, "example_ward", "unused_facts"}


def identifiers(text: str) -> list[str]:
    """Every engine identifier in ``text``, as ``kind: match``."""
    found = []
    for kind, pattern in _IDENTIFIERS.items():
        for match in pattern.finditer(text):
            if kind == "snake_case code" and match.group(0) in _ALLOWED:
                continue
            start = max(0, match.start() - 40)
            found.append(f"{kind}: {match.group(0)!r} in …{text[start:match.end() + 40]}…")
    return found


@cache
def ward(lang: Lang) -> Report:
    facts = load_facts(str(example_ward_path()))
    return evaluate(facts, as_of=EXAMPLE_AS_OF, lang=lang)


def test_the_scanner_finds_each_kind_of_identifier() -> None:
    old_explain = (
        "Lý do: recipients_missing (missing=CB-KP2)\nDịp phát sinh: $occ|D4.K4a|2024|CB-KP3\n"
        "Thời hạn: 2025-04-12 (trigger) + timely_days.D2.K7b 30 = due_date 2025-05-12\n"
        "  E-0357 residence_change_reported 2025-04-20 [fulfils → workplace_cell] — D2.K7b/t0/e0\n"
        "Quy tắc quyết định: deadline.overdue\nD2.K7b|DV-005|E-0354|DV-005"
    )
    kinds = {hit.split(":", 1)[0] for hit in identifiers(old_explain)}
    assert kinds == set(_IDENTIFIERS) - {"deadline step label"} | {"deadline step label"}
    assert identifiers("+ 30 ngày (kịp thời, có thể thay đổi: timely_days.D2.K7b) = hạn 12/05/2025") == []


@pytest.mark.parametrize("lang", LANGS)
def test_reports_read_without_engine_identifiers(lang: Lang) -> None:
    report = ward(lang)
    outputs = {
        "text": render_report(report, "text", lang=lang, show_all=True, source="example_ward.json"),
        "markdown": render_report(report, "markdown", lang=lang, show_all=True, source="example_ward.json"),
        "github": render_report(report, "github", lang=lang, source="example_ward.json"),
        "notebook": report._repr_html_(),
    }
    junit = ET.fromstring(render_report(report, "junit", lang=lang, fail_on="due"))
    outputs["junit"] = "\n".join(
        [*(e.get("message", "") for e in junit.iter() if e.tag in ("failure", "skipped")),
         *(e.text or "" for e in junit.iter() if e.tag in ("failure", "skipped", "system-out"))]
    )
    problems = {fmt: identifiers(text)[:5] for fmt, text in outputs.items()}
    assert {fmt: hits for fmt, hits in problems.items() if hits} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_explanation_reads_without_engine_identifiers(lang: Lang) -> None:
    report = ward(lang)
    problems = {}
    for result in report.results:
        explanation = report.explain(result)
        text = "\n".join([str(explanation), explanation._repr_markdown_(), explanation._repr_html_()])
        hits = identifiers(text)
        if hits:
            problems[result.result_id] = hits[:3]
    assert dict(list(problems.items())[:5]) == {}


def test_explanations_keep_the_identifiers_in_json() -> None:
    report = ward("en")
    data = report.explain("D2.K7b|DV-005|E-0354|DV-005").to_dict()
    assert data["trace"]["decided_by"] == "deadline.overdue"
    assert data["result"]["reason"]["code"] == "recipients_missing"
    assert data["trace"]["occasion"].startswith("$occ|")


# -- item 6: names, dates, arithmetic, recipients, evidence after a gate ----------------------


def test_explain_in_plain_vietnamese() -> None:
    text = str(ward("vi").explain("D2.K7b|DV-005|E-0354|DV-005"))
    assert "Đảng viên: Võ Thị Thanh Tâm (DV-005)" in text
    assert ("chuyển nơi cư trú ngày 12/04/2025 + 30 ngày (kịp thời, có thể thay đổi: timely_days.D2.K7b)"
            " = hạn 12/05/2025") in text
    assert "Chưa gửi đến: Chi bộ khu phố 2 (nơi cư trú cũ)" in text
    assert "Trạng thái: Quá hạn — Chưa gửi đến: Chi bộ khu phố 2 (hạn 12/05/2025)." in text


def test_explain_in_plain_english_with_iso_dates() -> None:
    text = str(ward("en").explain("D2.K7b|DV-005|E-0354|DV-005"))
    assert "Member: Võ Thị Thanh Tâm (DV-005)" in text
    assert ("move of residence on 2025-04-12 + 30 days (promptly, adjustable: timely_days.D2.K7b)"
            " = due 2025-05-12") in text
    assert "Not yet reached: Chi bộ khu phố 2 (the residence left)" in text
    assert not re.search(r"\d\d/\d\d/\d{4}", text)


def test_evidence_after_a_gate_is_shown_as_not_counted() -> None:
    from qd213_rules.facts import FactSet

    from engine.scenario import small_ward

    document = small_ward()
    # DV-2's 2024 report reaches the cell ten days after the review of 10/12/2024
    document["events"].append({"id": "E90", "kind": "annual_self_report", "date": "2024-12-20", "member_id": "DV-2",
                               "year": 2024, "to_org_id": "CB-VP"})
    report = evaluate(FactSet.from_document(document), as_of=dt.date(2025, 6, 30), lang="vi")
    result = report["D2.K7a|DV-2|2024|DV-2"]
    assert result.status is Status.VIOLATED
    text = str(report.explain(result))
    assert "20/12/2024 — báo cáo kết quả thực hiện nhiệm vụ nơi cư trú gửi Chi bộ Văn phòng (E90): sau hạn, không được tính" in text
    assert "kiểm điểm cuối năm của chi bộ ngày 10/12/2024 = hạn 10/12/2024" in text


def test_either_of_when_any_one_recipient_suffices() -> None:
    from qd213_rules.explain import _recipient_words

    facts = ward("vi").context.facts  # type: ignore[union-attr]
    orgs = sorted(o.id for o in facts.organizations.values() if o.kind.value == "workplace_cell")[:2]
    words = _recipient_words("workplace_side", orgs, facts, "vi", dt.date(2025, 1, 1))
    assert words.startswith("một trong: ")
    assert _recipient_words("workplace_side", orgs, facts, "en", None).startswith("either of ")


# -- item 5: labels, citations, extensions, the commune level by date ------------------------


def test_violated_is_not_performed() -> None:
    assert t("status.violated", "vi") == "Không thực hiện"
    assert t("status.violated", "en") == "Not performed"


@pytest.mark.parametrize("lang", LANGS)
def test_vi_pham_only_quotes_a_recorded_breach(lang: Lang) -> None:
    report = ward("vi")
    for result in report.results:
        message = render_report(report, "text", lang="vi", results=[result], show_all=True).split("\n", 3)[-1]
        body = message.replace(t(f"obligation.{result.obligation_id}.title", "vi"), "")
        if result.reason.code != "breach_recorded":
            assert "vi phạm" not in body.lower(), (result.result_id, body)
        else:
            assert "ghi nhận ngày" in body


def test_recorded_breach_names_who_and_when() -> None:
    report = ward("vi")
    breach = next(r for r in report.results if r.reason.code == "breach_recorded")
    assert re.fullmatch(r"Vi phạm do \S+ ghi nhận ngày \d\d/\d\d/\d{4} \(E-\d+\)\.", breach.message)
    shown = render_report(report, "text", lang="vi", results=[breach], show_all=True)
    assert "Vi phạm do Chi bộ" in shown or "Vi phạm do Đảng ủy" in shown


def test_citations_in_vietnamese_legal_order_everywhere() -> None:
    from qd213_rules.render.obligations import render_obligations

    report = ward("vi")
    assert report["D2.K7b|DV-005|E-0354|DV-005"].citation == "Khoản 7 Điều 2 Quy định 213-QĐ/TW"
    assert "Căn cứ: Khoản 7 Điều 2 Quy định 213-QĐ/TW" in str(report.explain("D2.K7b|DV-005|E-0354|DV-005"))
    assert "Regulation 213-QĐ/TW, Article 2(7)" in str(ward("en").explain("D2.K7b|DV-005|E-0354|DV-005"))
    catalogue = render_obligations("markdown", "vi")
    assert "Khoản 7 Điều 2 Quy định 213-QĐ/TW" in catalogue and "Điều 2 khoản 7" not in catalogue
    assert "Regulation 213-QĐ/TW, Article 2(7)" in render_obligations("text", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_format_marks_extension_results(lang: Lang) -> None:
    report = ward(lang)
    extensions = [r for r in report.results if r.extension]
    assert extensions, "the example ward shows an extension result"
    mark = t("words.extension", lang)
    result = extensions[0]
    for fmt in ("text", "markdown"):
        assert mark in render_report(report, fmt, lang=lang, results=[result], show_all=True), fmt  # type: ignore[arg-type]
    assert mark in render_report(report, "junit", lang=lang, results=[result], fail_on="due")
    assert mark in str(report.explain(result))


def test_extension_mark_with_a_synthetic_result() -> None:
    from dataclasses import replace

    report = ward("vi")
    base = report.filter(status="due")[0]
    result = replace(base, extension=True)
    mark = "mở rộng ngoài văn bản"
    for fmt in ("text", "markdown", "github"):
        assert mark in render_report(report, fmt, lang="vi", results=[result], source="w.json"), fmt  # type: ignore[arg-type]
    assert mark in render_report(report, "junit", lang="vi", results=[result], fail_on="due")


def test_commune_level_is_named_as_on_the_date() -> None:
    from qd213_rules.render.obligations import render_obligations
    from qd213_rules.words import role_label

    assert role_label("commune_committee", "vi", dt.date(2025, 6, 30)) == "Đảng ủy xã, phường, thị trấn nơi cư trú"
    assert role_label("commune_committee", "vi", dt.date(2025, 7, 1)) == "Đảng ủy xã, phường, đặc khu nơi cư trú"
    assert "xã, phường, thị trấn (từ 01/07/2025: xã, phường, đặc khu)" in render_obligations("markdown", "vi")
    report = ward("vi")
    commune = [r for r in report.results if r.bearer_id.startswith("DU-X") and r.due_date is not None]
    before = next(r for r in commune if r.due_date and r.due_date < dt.date(2025, 7, 1))
    after = next(r for r in commune if r.due_date and r.due_date >= dt.date(2025, 7, 1))
    assert "xã, phường, thị trấn" in str(report.explain(before))
    assert "xã, phường, đặc khu" in str(report.explain(after))


# -- item 8: wording fixes -------------------------------------------------------------------


def test_wording_fixes_of_the_review() -> None:
    assert "nghiêm trọng" in t("obligation.D4.K4d.summary", "vi")
    assert "has not complied well with" in t("obligation.D4.K4d.summary", "en")
    beyond = t("reason.overdue_beyond_limit", "vi", due_date="01/01/2025", policy="violation_after_days=30")
    assert "tham số diễn giải" in beyond and "chính sách" not in beyond and "vi phạm" not in beyond
    pending = t("reason.one_off_pending", "vi")
    assert not (t("status.ongoing", "vi") == "Đang thực hiện" and "chưa có căn cứ đã thực hiện" in pending)
    assert not t("obligation.D4.K1a.title", "vi").endswith(" về")


@pytest.mark.parametrize("lang", LANGS)
def test_excused_and_unexcused_absences_name_the_meeting_alike(lang: Lang) -> None:
    # the engine's own sentences (JSON) name the meeting by its date in both cases
    for code in ("excused_absence", "absent_without_excuse"):
        assert "<day> (<id>)" in t(f"reason.{code}", lang, due_date="<day>", evidence="<id>"), code
    report = ward(lang)
    facts = report.context.facts  # type: ignore[union-attr]
    meeting = next(e for e in facts.events.values() if e.kind == "meeting_held")
    org = facts.organizations[meeting.org_id].name  # type: ignore[attr-defined]
    from dataclasses import replace

    from qd213_rules.evaluation.results import Reason

    base = report.filter(obligation="D2.K3a")[0]
    day = meeting.date
    shown = []
    for code in ("excused_absence", "absent_without_excuse"):
        result = replace(base, due_date=day, reason=Reason(code, {"evidence": meeting.id, "due_date": day}))
        from qd213_rules.explain import result_message

        shown.append(result_message(result, lang, facts))
    date = day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()
    for message in shown:
        assert f"{date} ({meeting.id}, {org})" in message, message


def test_deadline_parameter_named_is_the_one_the_arithmetic_used() -> None:
    report = ward("en")
    k7a = [r for r in report.filter(obligation="D2.K7a") if r.status is not Status.NOT_APPLICABLE]
    for result in k7a:
        trace = report.trace_of(result)
        assert trace is not None
        fallback = any(label == "anchor.review.fallback" for label, _ in trace.deadline_steps)
        assert ("annual_review_fallback" in str(result.reason.params.get("policy", ""))) == fallback, result.result_id
    from qd213_rules.articles import get
    from qd213_rules.render.duty import render_duty

    # the duty on its own names every parameter of its arithmetic, not chain_step_days alone
    shown = render_duty(get("D3.K4a"), "text", "en")
    assert all(p in shown for p in ("annual_review_fallback", "comment_lead_days", "chain_step_days"))
    for result in report.filter(obligation="D3.K4a"):
        if result.reason.code == "insufficient_residence_time":
            continue  # names the stay it measured, not a deadline
        policy = str(result.reason.params.get("policy", ""))
        if policy:
            assert "comment_lead_days" in policy and "chain_step_days" in policy, policy


# -- issue 14 item 7: the notebook view ------------------------------------------------------


def test_notebook_view_shows_findings_first_then_counts_the_rest() -> None:
    report = ward("vi")
    view = report._repr_html_()
    rows = re.findall(r'<tr class="qd213-(\w+)">', view)
    findings = [r for r in report.results if r.severity != "none"]
    assert len(rows) == len(findings)
    assert rows == sorted(rows, key=lambda s: {"violated": 0, "overdue": 1, "due": 2}[s])
    assert rows[0] == "violated"
    assert f"Còn {len(report.results) - len(findings)} kết quả khác không cần xử lý" in view
    assert "<th>Trạng thái</th>" in view and "Không thực hiện" in view


def test_an_explanation_renders_as_text_in_a_notebook() -> None:
    explanation = ward("vi").explain("D2.K7b|DV-005|E-0354|DV-005")
    markdown = explanation._repr_markdown_()
    assert "```" not in markdown
    assert "**Báo cáo khi chuyển nơi cư trú (D2.K7b)**" in markdown
    assert "<dt>Thời hạn</dt>" in explanation._repr_html_()
    assert identifiers(markdown) == []

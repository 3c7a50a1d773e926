"""A waived result says who granted the waiver, when and why, in every format (semantics R3;
issue 12 item 2): the JSON params, the sentence that the text, Markdown, HTML and JUnit reports
print, ``Report.explain()`` and ``qd213 explain``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from qd213_rules.cli import main
from qd213_rules.messages import Lang
from qd213_rules.render import render_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_cases import load_case, run_case  # noqa: E402

CASE = Path(__file__).resolve().parents[1] / "cases" / "waivers" / "who_granted_when_why.json"
RESULT_ID = "D2.K7b|DV-1|E-01|DV-1"
WHY = "Đồng chí đi công tác dài ngày (synthetic)"
GRANTOR = "Đảng ủy Sở Mẫu"  # DU-A, by its name
ON = {"vi": "01/05/2024", "en": "2024-05-01"}


def _says_who_when_why(text: str, lang: Lang) -> None:
    assert GRANTOR in text, text[:600]
    assert ON[lang] in text, text[:600]
    assert WHY in text, text[:600]


def test_the_json_result_carries_grantor_date_and_reason() -> None:
    report = run_case(load_case(CASE))
    params = report[RESULT_ID].to_dict()["reason"]["params"]
    assert (params["granted_by"], params["granted_on"], params["waiver_reason"], params["evidence"]) == (
        "DU-A", "2024-05-01", WHY, "E-02")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit"])  # github annotates findings only
def test_every_report_format_says_who_when_why(fmt: str, lang: Lang) -> None:
    report = run_case(load_case(CASE))
    out = render_report(report, fmt, lang=lang, show_all=True)  # type: ignore[arg-type]
    _says_who_when_why(out, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_explain_says_who_when_why(lang: Lang) -> None:
    report = run_case(load_case(CASE))
    explanation = report.explain(report[RESULT_ID], lang)
    _says_who_when_why(str(explanation), lang)
    _says_who_when_why(explanation._repr_markdown_().replace("\\", ""), lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_qd213_explain_says_who_when_why(lang: Lang, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = load_case(CASE)
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(case.document, ensure_ascii=False), encoding="utf-8")
    assert main(["--lang", lang, "explain", str(path), "--obligation", "D2.K7b", "--subject", "DV-1",
                 "--as-of", case.as_of.isoformat()]) == 0
    _says_who_when_why(capsys.readouterr().out, lang)

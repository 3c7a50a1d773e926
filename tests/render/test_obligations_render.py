"""The rendered catalogue: JSON shape, the other formats, and docs/obligations.md drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qd213_rules.articles import OBLIGATIONS, get
from qd213_rules.render.obligations import REGENERATE, main, render_obligations

DOCS = Path(__file__).resolve().parents[2] / "docs" / "obligations.md"

KEYS = [
    "id",
    "citation",
    "title",
    "text_vi",
    "summary_en",
    "bearer",
    "subject",
    "kind",
    "deadline_param",
    "deadline_params",
    "violation_grounds",
    "categories",
    "in_force_from",
    "in_force_to",
    "interpretation",
]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_json_lists_every_obligation_with_stable_keys(lang: str) -> None:
    entries = json.loads(render_obligations("json", lang))  # type: ignore[arg-type]
    assert [e["id"] for e in entries] == [o.id for o in OBLIGATIONS]
    for entry in entries:
        assert list(entry) == KEYS
        assert list(entry["citation"]) == ["document", "article", "clause", "paragraph", "text"]
        assert entry["categories"] == sorted(entry["categories"])
        obligation = get(entry["id"])
        assert tuple(entry["text_vi"]) == obligation.text_vi
        assert entry["citation"]["text"] == obligation.citation.text(lang)


def test_json_values() -> None:
    entry = {e["id"]: e for e in json.loads(render_obligations("json", "en"))}["D2.K7b"]
    assert entry["title"] == "Report a change of residence"
    assert entry["citation"] == {
        "document": "213-QĐ/TW",
        "article": 2,
        "clause": 7,
        "paragraph": None,
        "text": "Regulation 213-QĐ/TW, Article 2(7)",
    }
    assert (entry["bearer"], entry["subject"], entry["kind"]) == ("member", "member", "triggered")
    assert entry["deadline_param"] == "timely_days" and entry["deadline_params"] == ["timely_days"]
    assert (entry["in_force_from"], entry["in_force_to"]) == ("2020-01-02", None)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_deterministic_and_complete(fmt: str, lang: str) -> None:
    first = render_obligations(fmt, lang)  # type: ignore[arg-type]
    assert first == render_obligations(fmt, lang)  # type: ignore[arg-type]
    assert first.endswith("\n") and not first.endswith("\n\n")
    for obligation in OBLIGATIONS:
        assert obligation.id in first
        assert obligation.text_vi[0] in first or fmt == "text"  # text mode wraps long lines


def test_markdown_goes_clause_by_clause() -> None:
    markdown = render_obligations("markdown", "en")
    assert markdown.count("\n## Article ") == 5
    assert markdown.count("\n### Clause ") == 23
    assert markdown.count("\n#### D") == 55
    assert markdown.index("#### D3.K1c") < markdown.index("### Clause 2", markdown.index("## Article 3"))


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_obligations("html")  # type: ignore[arg-type]


def test_main_prints_the_committed_document(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == render_obligations("markdown", "vi")


def test_docs_obligations_md_is_up_to_date() -> None:
    expected = render_obligations("markdown", "vi")
    if not DOCS.is_file():
        pytest.fail(f"docs/obligations.md is missing; generate it with\n    {REGENERATE}", pytrace=False)
    committed = DOCS.read_text(encoding="utf-8")
    if committed != expected:
        old, new = committed.splitlines(), expected.splitlines()
        line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        pytest.fail(
            f"docs/obligations.md differs from the catalogue (first at line {line + 1});"
            f" regenerate it with\n    {REGENERATE}",
            pytrace=False,
        )

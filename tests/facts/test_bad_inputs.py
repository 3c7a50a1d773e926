"""The bad-input corpus: every file in tests/facts/bad/ is refused with exactly the problems its
entry in cases.json lists — code, line (JSON Lines), JSON path and fact id — and nothing else.

Each entry also says, in ``note``, what the file shows; ``limits`` shrink the input limits so the
size cases stay tiny.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from qd213_rules.errors import ErrorCode, FactsError, printable
from qd213_rules.facts import Limits, load_facts

BAD = Path(__file__).parent / "bad"
CASES: list[dict[str, Any]] = json.loads((BAD / "cases.json").read_text(encoding="utf-8"))


def _load(case: dict[str, Any]) -> FactsError:
    path = BAD / case["file"]
    with pytest.raises(FactsError) as info:
        load_facts(path, limits=Limits(**case.get("limits", {})))
    return info.value


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_is_refused_with_exactly_its_problems(case: dict[str, Any]) -> None:
    exc = _load(case)
    found = [
        {"code": p.code.value, "line": p.line, "json_path": p.json_path, "fact_id": p.fact_id} for p in exc.problems
    ]
    assert found == case["problems"], case["note"]
    assert all(p.file == str(BAD / case["file"]) for p in exc.problems)


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_input_formats_one_line_per_problem_in_both_languages(case: dict[str, Any]) -> None:
    exc = _load(case)
    for lang in ("vi", "en"):
        text = exc.format(lang)
        lines = text.splitlines()
        assert len(lines) == len(exc.problems)
        for line, problem in zip(lines, exc.problems):
            assert line.startswith(str(BAD / case["file"]))
            assert f"[{problem.code.value}]" in line
            if problem.json_path:
                assert problem.json_path in line
            if problem.fact_id:
                assert printable(problem.fact_id) in line  # hidden characters shown as \uXXXX
            assert "Traceback" not in line and "{" not in line.split("]", 1)[1].replace("{}", "")


def test_corpus_is_complete_and_broad() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "cases.json"}
    listed = [c["file"] for c in CASES]
    assert sorted(listed) == sorted(files), "every corpus file has exactly one entry"
    assert len(files) >= 35
    codes = {p["code"] for c in CASES for p in c["problems"]}
    assert len(codes) >= 18
    assert codes <= {code.value for code in ErrorCode}
    assert any(name.endswith(".jsonl") for name in files) and any(name.endswith(".json") for name in files)


def test_broken_line_does_not_hide_or_invent_problems() -> None:
    exc = _load(next(c for c in CASES if c["file"] == "broken_line.jsonl"))
    (problem,) = exc.problems
    assert problem.code is ErrorCode.JSON_MALFORMED and problem.line == 11
    # the same file without the broken line loads: the other lines were good
    text = (BAD / "broken_line.jsonl").read_text(encoding="utf-8").splitlines()
    facts = load_facts("\n".join(text[:10] + text[11:]) + "\n", name="fixed.jsonl")
    assert "E-3" in facts.events and "E-2" not in facts.events

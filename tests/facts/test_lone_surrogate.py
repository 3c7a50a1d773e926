"""A lone surrogate — a ``\\ud800`` escape that is not half of a pair — is refused where it is
read, located like any bad value (``not_utf8``): JSON parsers accept it, but the string it makes
is not text, and no UTF-8 output (a report, an error listing, the digest) can carry it. Before,
such a line loaded, and the check crashed with a traceback when it hashed the facts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from qd213_rules import load_facts
from qd213_rules.errors import ErrorCode, FactsError
from qd213_rules.facts import Organization

HEADER = '{"type":"header","schema_version":1,"observation":{"from":"2024-01-01"}}'
TOP = '{"type":"organization","id":"BTCTW","kind":"central_organization_commission","name":"Ban"}'


def _lines(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "ward.jsonl"
    path.write_text("\n".join([HEADER, TOP, *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "json_path", "fact_id"),
    [
        ('{"type":"organization","id":"O-1","kind":"workplace_committee","name":"Ban \\ud800","parent_id":"BTCTW"}', "$.name", "O-1"),
        ('{"type":"organization","id":"O\\udc00","kind":"workplace_committee","parent_id":"BTCTW"}', "$.id", "O\udc00"),
        ('{"type":"organization","id":"O-2","kind":"workplace_committee","na\\ud800me":"x"}', '$["na\\ud800me"]', "O-2"),
        ('{"type":"organization","id":"O-3","kind":"workplace_committee\\udfff"}', "$.kind", "O-3"),
    ],
)
def test_a_lone_surrogate_in_a_line_is_located(tmp_path: Path, line: str, json_path: str, fact_id: str) -> None:
    with pytest.raises(FactsError) as raised:
        load_facts(_lines(tmp_path, line))
    [problem] = raised.value.problems
    assert (problem.code, problem.line, problem.json_path, problem.fact_id) == (ErrorCode.NOT_UTF8, 3, json_path, fact_id)
    assert "\\ud" in problem.format("en") and "\\ud" in problem.format("vi")  # shown as its escape
    problem.format("en").encode("utf-8")  # and printable


def test_a_surrogate_pair_is_one_character_and_loads(tmp_path: Path) -> None:
    line = '{"type":"organization","id":"O-1","kind":"workplace_committee","name":"Ban \\ud83d\\ude00","parent_id":"BTCTW"}'
    facts = load_facts(_lines(tmp_path, line))
    assert facts.organizations["O-1"].name == "Ban \U0001f600"
    assert len(facts.digest()) == 64


def test_a_lone_surrogate_in_a_document_is_located(tmp_path: Path) -> None:
    path = tmp_path / "ward.json"
    path.write_text(
        '{"schema_version": 1,\n "organizations": [\n  {"id": "BTCTW", "kind": "central_organization_commission",\n'
        '   "name": "x\\ud800"}],\n "members": [], "events": []}\n',
        encoding="utf-8",
    )
    with pytest.raises(FactsError) as raised:
        load_facts(path)
    [problem] = raised.value.problems
    assert (problem.code, problem.line, problem.json_path) == (ErrorCode.NOT_UTF8, 4, "$.organizations[0].name")


def test_a_model_made_in_python_refuses_a_lone_surrogate() -> None:
    with pytest.raises(ValidationError) as raised:
        Organization(id="O-1", kind="central_organization_commission", name="x\ud800")
    assert raised.value.errors()[0]["type"] == "text_surrogate"


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "markdown", "html"])
def test_the_cli_names_the_line_and_exits_2_in_every_format(tmp_path: Path, fmt: str) -> None:
    path = _lines(tmp_path, '{"type":"organization","id":"O\\udc00","kind":"workplace_committee","parent_id":"BTCTW"}')
    run = subprocess.run([sys.executable, "-m", "qd213_rules", "check", str(path), "--lang", "en", "--format", fmt],
                         capture_output=True, timeout=120)  # fmt: skip
    assert run.returncode == 2, run.stderr.decode("utf-8", "replace")
    shown = (run.stdout + run.stderr).decode("utf-8")  # valid UTF-8: no surrogate reached the output
    assert "Traceback" not in shown and "not_utf8" in shown and "udc00" in shown

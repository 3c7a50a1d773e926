"""The JSON Schema of the fact format: generated from the models, committed, never drifting."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qd213_rules.facts import EVENT_KINDS, EVENT_MODELS, facts_json_schema
from qd213_rules.facts.schema import lines_json_schema, schema_text

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "docs" / "schema" / "facts.schema.json"
REGENERATE = "python -m qd213_rules.facts.schema > docs/schema/facts.schema.json"


def test_committed_schema_matches_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        f"docs/schema/facts.schema.json is out of date with the fact models; regenerate it with `{REGENERATE}`"
    )


def test_schema_describes_the_document() -> None:
    schema = facts_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["required"] == ["schema_version"] and schema["additionalProperties"] is False
    assert schema["properties"]["observation"]["anyOf"][0] == {"$ref": "#/$defs/Observation"}
    assert "from" in schema["$defs"]["Observation"]["properties"]  # by alias
    mapping = schema["properties"]["events"]["items"]["discriminator"]["mapping"]
    assert sorted(mapping) == sorted(EVENT_KINDS)


def test_schema_documents_json_lines() -> None:
    defs = facts_json_schema()["$defs"]
    assert {r["$ref"] for r in defs["JsonLinesLine"]["oneOf"]} == {
        "#/$defs/JsonLinesHeader", "#/$defs/OrganizationLine", "#/$defs/MemberLine", "#/$defs/EventLine",
    }  # fmt: skip
    assert defs["JsonLinesHeader"]["properties"]["type"] == {"const": "header"}
    assert "required" in defs["JsonLinesHeader"] and defs["JsonLinesHeader"]["required"] == ["type"]
    assert len(defs["EventLine"]["oneOf"]) == len(EVENT_MODELS)
    for model in EVENT_MODELS:
        line = defs[f"{model.__name__}Line"]
        assert line["properties"]["type"] == {"const": "event"}
        assert line["required"][:1] == ["type"] and "kind" in line["required"]
        assert line["additionalProperties"] is False
        # the document's own definition stays without "type"
        assert "type" not in defs[model.__name__]["properties"]


def test_id_fields_carry_the_id_rule() -> None:
    defs = facts_json_schema()["$defs"]
    assert "pattern" in defs["Member"]["properties"]["id"]
    assert "pattern" in defs["MeetingHeld"]["properties"]["attendee_ids"]["items"]
    # result ids contain '|' and are not fact ids
    assert "pattern" not in defs["WaiverGranted"]["properties"]["result_id"]["anyOf"][0]


def test_schema_module_runs_and_the_package_stays_light() -> None:
    code = (
        "import sys, qd213_rules.facts as f; f.facts_json_schema(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('durable', 'pandas', 'qd213_rules') "
        "and not m.startswith(('qd213_rules.facts', 'qd213_rules.messages', 'qd213_rules.errors', 'qd213_rules._version', 'qd213_rules.limits', 'qd213_rules.categories')) "
        "and m != 'qd213_rules'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]", out.stdout
    printed = subprocess.run(
        [sys.executable, "-m", "qd213_rules.facts.schema"], capture_output=True, check=True, cwd=REPO
    )
    assert printed.stdout.decode("utf-8") == schema_text() and not printed.stderr
    json.loads(printed.stdout)


LINES_COMMITTED = REPO / "docs" / "schema" / "facts-line.schema.json"


def test_committed_line_schema_matches_the_models() -> None:
    assert LINES_COMMITTED.read_text(encoding="utf-8") == schema_text(lines=True), (
        "docs/schema/facts-line.schema.json is out of date; regenerate it with "
        "`python -m qd213_rules.facts.schema --lines > docs/schema/facts-line.schema.json`"
    )


def test_every_definition_is_described() -> None:
    defs = facts_json_schema()["$defs"]
    assert len(defs) > 100
    undescribed = sorted(name for name, schema in defs.items() if not schema.get("description"))
    assert not undescribed


def test_line_schema_validates_each_line_and_the_document_schema_the_document() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from qd213_rules.examples import example_ward_document

    document = example_ward_document()
    jsonschema.Draft202012Validator(facts_json_schema()).validate(document)
    lines = jsonschema.Draft202012Validator(lines_json_schema())
    header = {"type": "header", "schema_version": 1, "observation": document["observation"]}
    rows = [header] + [{"type": fact_type, **fact} for section, fact_type in (
        ("organizations", "organization"), ("members", "member"), ("events", "event")) for fact in document[section]]
    for row in rows:
        lines.validate(row)
    assert not jsonschema.Draft202012Validator(facts_json_schema()).is_valid(rows[1])  # a line is not a document
    assert not lines.is_valid(document)
    bad = {**rows[-1], "kind": "no_such_kind"}
    assert not lines.is_valid(bad)
    no_kind = {k: v for k, v in rows[-1].items() if k != "kind"}
    assert not lines.is_valid(no_kind)  # the models preset kind, the wire format requires it


def test_schema_command_prints_the_line_schema(capsys: pytest.CaptureFixture[str]) -> None:
    from qd213_rules.cli import main

    assert main(["schema", "--lines"]) == 0
    assert json.loads(capsys.readouterr().out) == lines_json_schema()

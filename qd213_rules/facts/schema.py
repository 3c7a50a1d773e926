"""The JSON Schema of the fact interchange format (docs/facts.md), for ``qd213 schema``.

:func:`facts_json_schema` is the schema of a fact document (:class:`FactDocument`, by alias),
generated from the models, plus ``$defs`` documenting JSON Lines: ``JsonLinesLine`` is one line,
i.e. an organisation, member or event object with one more property ``"type"``
(``organization`` · ``member`` · ``event``), or the optional header line. The line definitions
are the models' own, each with ``type`` added (``<Model>Line``).

Id fields carry the id rule as a ``pattern`` (no ``|``, no white space at either end), which
the models check in code.

The committed copies are ``docs/schema/facts.schema.json`` (a document) and
``docs/schema/facts-line.schema.json`` (one JSON Lines line, :func:`lines_json_schema`);
regenerate them with ``python -m qd213_rules.facts.schema > docs/schema/facts.schema.json`` and
``python -m qd213_rules.facts.schema --lines > docs/schema/facts-line.schema.json``. Every
definition has a description (the models' docstrings).

>>> schema = facts_json_schema()
>>> schema["properties"]["schema_version"]["const"]
1
>>> schema["$defs"]["OrganizationLine"]["properties"]["type"]
{'const': 'organization'}
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .checks import EVENT_MODEL_BY_KIND
from .document import SCHEMA_VERSION, FactDocument
from .loader import JsonLinesHeader

__all__ = ["facts_json_schema", "lines_json_schema", "schema_text", "JSON_SCHEMA_DIALECT"]

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ID_PATTERN = r"^[^|\s](?:[^|]*[^|\s])?$"
_REF = "#/$defs/"


def facts_json_schema() -> dict[str, Any]:
    """The JSON Schema of the fact format (a new dict on each call)."""
    schema = FactDocument.model_json_schema(by_alias=True)
    defs: dict[str, Any] = schema["$defs"]
    _mark_ids(schema)
    header = JsonLinesHeader.model_json_schema(by_alias=True, ref_template=_REF + "{model}")
    header.pop("$defs", None)  # its Observation is the document's
    defs["JsonLinesHeader"] = _line(header, "header")
    defs["OrganizationLine"] = _line(defs["Organization"], "organization")
    defs["MemberLine"] = _line(defs["Member"], "member")
    mapping = {}
    for model in EVENT_MODEL_BY_KIND.values():
        # the models preset ``kind`` for code that builds them; on the wire it is required
        event = defs[model.__name__]
        event["properties"]["kind"].pop("default", None)
        required = {"kind", *event.get("required", [])}
        event["required"] = [name for name in event["properties"] if name in required]
    for kind, model in EVENT_MODEL_BY_KIND.items():
        name = f"{model.__name__}Line"
        defs[name] = _line(defs[model.__name__], "event")
        mapping[kind] = _REF + name
    defs["EventLine"] = {
        "description": "An event line: any event object with \"type\": \"event\" (its kind selects the model).",
        "oneOf": [{"$ref": ref} for ref in mapping.values()],
        "discriminator": {"propertyName": "kind", "mapping": mapping},
    }
    defs["JsonLinesLine"] = {
        "description": (
            "One line of a JSON Lines fact file: an organisation, member or event object with one more "
            "property \"type\" (an event keeps its own \"kind\"). Lines may come in any order; the header "
            "line, optional, may only be the first non-blank line."
        ),
        "oneOf": [
            {"$ref": _REF + "JsonLinesHeader"},
            {"$ref": _REF + "OrganizationLine"},
            {"$ref": _REF + "MemberLine"},
            {"$ref": _REF + "EventLine"},
        ],
    }
    out: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"qd213-rules facts (schema_version {SCHEMA_VERSION})",
    }
    out.update((key, value) for key, value in schema.items() if key != "title")
    return out


def lines_json_schema() -> dict[str, Any]:
    """The JSON Schema of one line of a JSON Lines fact file (``qd213 schema --lines``): its
    root is ``JsonLinesLine`` (the header, an organisation, a member or an event, each with
    ``"type"``), so a validator can check a file line by line; the definitions are those of
    :func:`facts_json_schema`. (The document schema's root is the JSON document: it rejects a
    line.)

    >>> lines_json_schema()["$ref"]
    '#/$defs/JsonLinesLine'
    """
    document = facts_json_schema()
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"qd213-rules facts, one JSON Lines line (schema_version {SCHEMA_VERSION})",
        "description": document["$defs"]["JsonLinesLine"]["description"],
        "$ref": _REF + "JsonLinesLine",
        "$defs": document["$defs"],
    }


def schema_text(lines: bool = False) -> str:
    """The schema as committed: two-space indentation, UTF-8 text, final newline (``lines``:
    the schema of one JSON Lines line)."""
    schema = lines_json_schema() if lines else facts_json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _line(model_schema: dict[str, Any], line_type: str) -> dict[str, Any]:
    line = copy.deepcopy(model_schema)
    line["title"] = f"{model_schema.get('title', line_type)} (JSON Lines)"
    line["properties"] = {"type": {"const": line_type}, **line["properties"]}
    line["required"] = ["type", *line.get("required", [])]
    return line


def _mark_ids(node: Any) -> None:
    """Add the id pattern to every string schema of an id (the ``Id`` type: 1–200 characters)."""
    if isinstance(node, dict):
        if node.get("type") == "string" and node.get("minLength") == 1 and node.get("maxLength") == 200 and "pattern" not in node:
            node["pattern"] = _ID_PATTERN
        for value in node.values():
            _mark_ids(value)
    elif isinstance(node, list):
        for value in node:
            _mark_ids(value)


if __name__ == "__main__":
    import sys

    sys.stdout.buffer.write(schema_text(lines="--lines" in sys.argv[1:]).encode("utf-8"))

"""Helpers of the performance-path tests: documents as JSON Lines, comparable reports."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from qd213_rules.errors import FactsError
from qd213_rules.report import Report


def document_lines(doc: dict[str, Any], rnd: random.Random | None = None) -> list[str]:
    """A fact document as JSON Lines: the header first, then every fact with its ``type``
    (in a shuffled order when ``rnd`` is given: streaming accepts any line order)."""
    header: dict[str, Any] = {"type": "header", "schema_version": 1}
    if doc.get("observation") is not None:
        header["observation"] = doc["observation"]
    facts = [
        json.dumps({"type": fact_type, **fact}, ensure_ascii=False)
        for section, fact_type in (("organizations", "organization"), ("members", "member"), ("events", "event"))
        for fact in doc.get(section, ())
    ]
    if rnd is not None:
        rnd.shuffle(facts)
    return [json.dumps(header), *facts]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def report_json(report: Report) -> str:
    """The report's JSON without the one field that names the backend."""
    doc = report.to_dict()
    doc["engine"]["backend"] = "-"
    return json.dumps(doc, ensure_ascii=False, sort_keys=False)


def problems(exc: FactsError) -> list[tuple[str, str | None, str | None]]:
    return [(p.code.value, p.fact_id, p.json_path) for p in exc.problems]

"""An input with no organisation and no member is ``empty_input`` (exit 2) in every mode: an
export that lost its data must not pass a CI check with exit 0 (contract semantics R9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qd213_rules.cli import main

HEADER = {"type": "header", "schema_version": 1}
ORPHAN_EVENT = {"type": "event", "id": "E-1", "kind": "member_registered", "date": "2021-01-01", "member_id": "DV-1", "org_id": "KP1"}  # fmt: skip


@pytest.mark.parametrize("lines", [[], [HEADER], [HEADER, ORPHAN_EVENT]], ids=["blank", "header_only", "events_only"])
def test_check_and_stream_refuse_an_empty_export_alike(
    lines: list[dict[str, object]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    errs = []
    for extra in ([], ["--stream"]):
        assert main(["check", str(path), "--as-of", "2025-12-31", "--lang", "en", *extra]) == 2
        out, err = capsys.readouterr()
        assert out == "" or "empty_input" in out
        errs.append(err)
    assert errs[0] == errs[1]
    first = errs[0].splitlines()[0]
    assert first.startswith(str(path)) and "[empty_input]" in first and "no organisation and no member" in first
    assert main(["validate", str(path)]) == 2
    assert "[empty_input]" in capsys.readouterr().err

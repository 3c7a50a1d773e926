"""Who bears a result, as ``--org`` and ``explain`` show it (issue 11 items 2 and 10).

An exempt_from_introduction member's not-applicable residence-side results are borne by the
residence cell or its commune (never by the member), so ``--org`` finds them; ``explain``
labels a bearer by the kind of the organisation that bears the result (a derived D1.K2a result
borne by a commune is not the "workplace committee")."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli.cli_support import Run

from qd213_rules.messages import t
from qd213_rules.words import role_label

# the commune level as named before the 2025 reform (these cases are dated 2019-2023)
BEFORE_2025_07 = dt.date(2023, 12, 31)

ORGS = [
    {"id": "DU-A", "kind": "workplace_committee", "name": "Đảng ủy Sở Mẫu"},
    {"id": "CB-A1", "kind": "workplace_cell", "name": "Chi bộ Văn phòng", "parent_id": "DU-A"},
    {"id": "P1", "kind": "commune_committee", "name": "Đảng ủy phường Một"},
    {"id": "KP1", "kind": "residence_cell", "name": "Chi bộ khu phố 1", "parent_id": "P1"},
]


def _write(tmp_path: Path, members: list[dict[str, object]], events: list[dict[str, object]]) -> Path:
    path = tmp_path / "facts.json"
    document = {"schema_version": 1, "observation": {"from": "2020-01-02"}, "organizations": ORGS,
                "members": members, "events": events}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def exempt_file(tmp_path: Path) -> Path:
    return _write(tmp_path, [{"id": "DV-9", "workplace_cell_id": "CB-A1", "residence_cell_id": "KP1",
                              "category": "exempt_from_introduction", "working_since": "2023-02-01"}], [])


def test_org_filter_finds_the_exempt_members_commune_duties(qd213: Callable[..., Run], exempt_file: Path) -> None:
    run = qd213("check", str(exempt_file), "--as-of", "2023-12-31", "--org", "P1", "--format", "json")
    results = {r["result_id"]: r for r in json.loads(run.out)["results"]}
    for ob in ("D4.K1a", "D4.K1b", "D4.K5a", "D4.K5b", "D4.K5d", "D4.K6"):
        assert results[f"{ob}|DV-9|-|P1"]["status"] == "not_applicable"
    run = qd213("check", str(exempt_file), "--as-of", "2023-12-31", "--org", "KP1", "--format", "json")
    results = {r["result_id"]: r for r in json.loads(run.out)["results"]}
    for ob in ("D4.K2a", "D4.K2b", "D4.K4b", "D4.K4d"):
        assert results[f"{ob}|DV-9|-|KP1"]["status"] == "not_applicable"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_labels_the_exempt_members_commune_duty_as_the_communes(
    qd213: Callable[..., Run], exempt_file: Path, lang: str
) -> None:
    run = qd213("explain", str(exempt_file), "--obligation", "D4.K1a", "--subject", "DV-9", "--as-of", "2023-12-31",
                "--lang", lang)
    assert run.code == 0, run.err
    bearer_line = next(line for line in run.out.splitlines() if t("explain.bearer", lang) + ":" in line)  # type: ignore[arg-type]
    assert "P1" in bearer_line and role_label("commune_committee", lang, BEFORE_2025_07) in bearer_line, bearer_line  # type: ignore[arg-type]
    assert t("role.member", lang) not in bearer_line  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_labels_a_derived_result_by_its_bearers_kind(qd213: Callable[..., Run], tmp_path: Path, lang: str) -> None:
    path = _write(
        tmp_path,
        [{"id": "DV-1", "workplace_cell_id": "CB-A1", "residence_cell_id": "KP1", "category": "regular",
          "working_since": "2019-03-01"}],
        [{"id": "E-1", "kind": "introduction_sent", "date": "2019-04-01", "member_id": "DV-1", "from_org_id": "DU-A",
          "to_org_id": "P1"}],
    )
    run = qd213("check", str(path), "--as-of", "2021-12-31", "--format", "json", "--fail-on", "violated")
    derived = [r for r in json.loads(run.out)["results"] if r["obligation_id"] == "D1.K2a" and r["bearer_id"] == "P1"]
    assert derived, "a D1.K2a result borne by the commune"
    run = qd213("explain", str(path), "--obligation", "D1.K2a", "--subject", "DV-1", "--as-of", "2021-12-31",
                "--lang", lang)
    for line in run.out.splitlines():
        if t("explain.bearer", lang) + ":" in line and "P1" in line:  # type: ignore[arg-type]
            assert role_label("commune_committee", lang, BEFORE_2025_07) in line, line  # type: ignore[arg-type]
            assert t("role.workplace_committee", lang) not in line, line  # type: ignore[arg-type]
            break
    else:
        raise AssertionError(run.out)

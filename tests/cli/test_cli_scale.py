"""The options for large workloads: synth, --backend, --workers, --stream, --dask-scheduler."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from qd213_rules.cli import main

AS_OF = "2025-12-01"


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "province.jsonl"
    assert main(["synth", "--members", "120", "--seed", "7", "-o", str(path)]) == 0
    return path


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["check", *args, "--as-of", AS_OF, "--format", "json", "--exit-zero"])
    report = json.loads(capsys.readouterr().out)
    report["engine"] = None  # the backend is recorded there; everything else must agree
    return code, report


def test_synth_is_deterministic(workload: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    again = tmp_path / "again.jsonl"
    assert main(["synth", "--members", "120", "--seed", "7", "-o", str(again)]) == 0
    assert again.read_bytes() == workload.read_bytes()
    assert "120" in capsys.readouterr().err
    assert main(["validate", str(workload)]) == 0


def test_backends_and_workers_give_the_same_report(workload: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, durable = _report(capsys, str(workload))
    _, python = _report(capsys, str(workload), "--backend", "python")
    _, parallel = _report(capsys, str(workload), "--workers", "2")
    assert durable == python == parallel
    assert sum(durable["summary"].values()) > 1000  # type: ignore[union-attr]


def test_stream_writes_results_then_a_summary(workload: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, full = _report(capsys, str(workload))
    code = main(["check", str(workload), "--as-of", AS_OF, "--stream", "--fail-on", "violated"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    summary = lines[-1]
    assert summary["type"] == "summary"
    assert summary["summary"] == full["summary"]
    assert sorted(r["result_id"] for r in lines[:-1]) == sorted(r["result_id"] for r in full["results"])  # type: ignore[union-attr]
    assert code == (1 if summary["summary"]["violated"] else 0)


@pytest.mark.parametrize("extra", [["--format", "json"], ["--member", "X"]])
def test_stream_refuses_options_it_cannot_honour(
    workload: Path, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(workload), "--stream", "--lang", "en", *extra]) == 2
    assert "--stream" in capsys.readouterr().err


def test_bad_numbers_are_usage_errors(workload: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(workload), "--workers", "0", "--lang", "en"]) == 2
    assert "positive whole number" in capsys.readouterr().err
    assert main(["synth", "--members", "5", "--years", "2025-2024", "--lang", "en"]) == 2
    assert "year range" in capsys.readouterr().err


@pytest.mark.skipif(importlib.util.find_spec("distributed") is not None, reason="dask is installed")
def test_dask_scheduler_without_the_extra_says_how_to_install(workload: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(workload), "--dask-scheduler", "tcp://127.0.0.1:1", "--lang", "en"]) == 2
    assert "qd213-rules[dask]" in capsys.readouterr().err


def test_stream_exits_as_check_on_the_ci_example_with_the_introduction_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11 item 1: with DV-2's introduction chain completed, the quiet cell KP1 owes its
    half-yearly meeting; a plain check and --stream both find it overdue and exit 1."""
    ci = Path(__file__).resolve().parents[2] / "docs" / "examples" / "ci" / "facts.jsonl"
    chain = [
        {"id": "E-08", "kind": "introduction_sent", "date": "2025-02-10", "member_id": "DV-2", "from_org_id": "DU-A", "to_org_id": "P1"},
        {"id": "E-09", "kind": "introduction_received", "date": "2025-02-12", "member_id": "DV-2", "org_id": "P1", "about_event_id": "E-08"},
        {"id": "E-10", "kind": "introduction_forwarded", "date": "2025-02-14", "member_id": "DV-2", "from_org_id": "P1", "to_org_id": "KP1"},
        {"id": "E-11", "kind": "member_registered", "date": "2025-02-16", "member_id": "DV-2", "org_id": "KP1"},
        {"id": "E-12", "kind": "member_notified", "date": "2025-02-17", "member_id": "DV-2", "org_id": "KP1"},
    ]  # fmt: skip
    path = tmp_path / "facts.jsonl"
    path.write_text(ci.read_text(encoding="utf-8") + "".join(json.dumps({"type": "event", **e}) + "\n" for e in chain), encoding="utf-8")
    plain = main(["check", str(path), "--as-of", "2025-07-15", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    streamed = main(["check", str(path), "--as-of", "2025-07-15", "--stream"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    statuses = {r["result_id"]: r["status"] for r in lines[:-1]}
    assert statuses["D4.K3b|KP1|2025-H1|KP1"] == statuses["D4.K3a|P1|2025-H1|P1"] == "overdue"
    assert statuses == {r["result_id"]: r["status"] for r in report["results"]}
    assert plain == streamed == 1

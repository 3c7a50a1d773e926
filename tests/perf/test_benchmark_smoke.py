"""The benchmark script runs end to end (issue 7).

A tiny province runs here (about half a minute), so the script cannot rot. The 10,000-member smoke
benchmark (``python benchmarks/run.py --members 10000 --quick``) is a step of ``make test`` of its
own: it prints its figures, and fails only when the reports of the backends and worker counts
differ — never on a timing (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def _bench(members: int, out: Path, timeout: float) -> tuple[dict[str, object], str]:
    env = dict(os.environ, QD213_BENCH_OUT=str(out))
    proc = subprocess.run([sys.executable, str(RUN), "--members", str(members), "--quick"], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures: dict[str, object] = json.loads((out / f"bench-{members}-quick.json").read_text(encoding="utf-8"))
    return figures, proc.stdout


@pytest.mark.perf
def test_tiny_benchmark_runs(tmp_path: Path) -> None:
    figures, printed = _bench(300, tmp_path, timeout=300)
    workload = figures["workload"]
    assert isinstance(workload, dict)
    assert f"{workload['facts_per_member']} facts/member" in printed
    assert "event kinds (46, " in printed  # the histogram: every kind of the fact model
    targets = figures["targets"]
    assert isinstance(targets, dict)
    assert targets["identical_reports"]["status"] == "met"
    for name in ("durable_1_worker_ratio", "python_1_worker_ratio", "latency_p50", "stream_mb_per_million_facts", "cold_start"):
        assert targets[name]["status"] in ("met", "MISSED"), name

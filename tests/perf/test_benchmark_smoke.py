"""The benchmark script runs end to end (issue 7).

A tiny province always runs here (about half a minute), so the script cannot rot. The 10,000-member
smoke benchmark (``python benchmarks/run.py --members 10000 --quick``) takes about five minutes on
two cores — over the one-minute budget of the default suite — so it runs only when
``QD213_SMOKE_BENCHMARK=1`` is set (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def _bench(members: int, out: Path, timeout: float) -> dict[str, object]:
    env = dict(os.environ, QD213_BENCH_OUT=str(out))
    proc = subprocess.run([sys.executable, str(RUN), "--members", str(members), "--quick"], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures: dict[str, object] = json.loads((out / f"bench-{members}-quick.json").read_text(encoding="utf-8"))
    return figures


@pytest.mark.perf
def test_tiny_benchmark_runs(tmp_path: Path) -> None:
    figures = _bench(300, tmp_path, timeout=300)
    targets = figures["targets"]
    assert isinstance(targets, dict)
    assert targets["identical_reports"]["status"] == "met"
    for name in ("durable_1_worker_ratio", "python_1_worker_ratio", "latency_p50", "stream_mb_per_million_facts", "cold_start"):
        assert targets[name]["status"] in ("met", "MISSED"), name


@pytest.mark.skipif(os.environ.get("QD213_SMOKE_BENCHMARK") != "1", reason="about 5 minutes: set QD213_SMOKE_BENCHMARK=1")
def test_smoke_benchmark_ten_thousand(tmp_path: Path) -> None:
    figures = _bench(10_000, tmp_path, timeout=1800)
    targets = figures["targets"]
    assert isinstance(targets, dict)
    assert targets["identical_reports"]["status"] == "met"
    assert targets["durable_1_worker_ratio"]["status"] == "met"
    assert targets["python_1_worker_ratio"]["status"] == "met"

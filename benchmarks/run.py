#!/usr/bin/env python3
"""Province-scale benchmark of qd213-rules (issue 7): one command, every figure from the same run.

    python benchmarks/run.py                          # 100,000 members (about 50 minutes on 2 cores)
    python benchmarks/run.py --members 10000 --quick  # the smoke benchmark (CI)
    python benchmarks/run.py --stream-sizes 50000,200000   # streaming memory at two sizes (flatness)

It writes a deterministic synthetic province (:mod:`qd213_rules.synth`, cached in
``benchmarks/out/``), then measures, each in a fresh process so that no run warms up the next:

- the parse+validate floor: ``load_facts`` of the file (the same models the engine uses);
- ``evaluate`` with the durable backend on 1 worker and on every core, and with the Python
  backend on 1 worker and on every core (facts loaded beforehand; ratios to the floor,
  throughput, speed-up, and a digest of each report to show they are identical);
- single-member latency: ``evaluate(facts, subjects=[m])`` for sampled members (durable);
- streaming (``qd213_rules.stream.check_stream``): peak RSS, per million facts;
- CLI cold start: ``qd213 --version`` against a bare ``python -c pass``;
- the workload: facts per member and the event-kind histogram.

Figures go to ``benchmarks/out/bench-<members>.json`` (gitignored) and are printed with each
target of issue 7 marked met or missed. The machine's load average is recorded before and after
each measurement: other work on the machine shows up there, and in wall times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("QD213_BENCH_OUT") or HERE / "out")
AS_OF = "2025-12-31"
SEED = 42

TARGETS = {
    "durable_ratio": 12.0,  # durable, 1 worker, at most 12x the parse+validate floor
    "python_ratio": 5.0,  # python backend, 1 worker, at most 5x the floor
    "speedup": 1.8,  # 2 workers at least 1.8x the 1-worker throughput
    "latency_p50_ms": 0.5,  # single member, durable
    "stream_mb_per_million": 150.0,  # peak RSS per million facts when streaming
    "stream_flat": 0.10,  # peak RSS at two sizes within 10 %
    "cold_start_ms": 50.0,  # qd213 --version within 50 ms of a bare interpreter
}


# -- measurements (each runs in its own process: ``run.py --measure NAME ...``) -----------------------


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def measure_floor(path: str) -> dict[str, Any]:
    from qd213_rules import load_facts

    start, cpu = time.perf_counter(), _cpu()
    facts = load_facts(path)
    wall = time.perf_counter() - start
    return {"wall_s": wall, "cpu_s": _cpu() - cpu, "facts": len(facts.organizations) + len(facts.members) + len(facts.events),
            "members": len(facts.members), "rss_mb": _rss_mb()[0]}  # fmt: skip


def measure_eval(path: str, backend: str, workers: int, digest: bool) -> dict[str, Any]:
    from qd213_rules import load_facts
    from qd213_rules.engine import evaluate, matcher

    facts = load_facts(path)
    start = time.perf_counter()
    facts.digest()  # input_sha256 of the report: computed once per fact set, timed apart
    digest_s = time.perf_counter() - start
    matcher(backend)  # type: ignore[arg-type]  # the ruleset is compiled once per process: not part of a run
    start, cpu = time.perf_counter(), _cpu()
    report = evaluate(facts, as_of=AS_OF, backend=backend, workers=workers)  # type: ignore[arg-type]
    wall = time.perf_counter() - start
    out: dict[str, Any] = {"wall_s": wall, "cpu_s": _cpu() - cpu, "digest_s": digest_s, "results": len(report.results),
                           "summary": report.summary, "rss_mb": _rss_mb()}  # fmt: skip
    if digest:  # the report's JSON, hashed piece by piece (the whole text would need gigabytes)
        h = hashlib.sha256()
        for result in report.results:
            h.update(json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8"))
        for part in (report.summary, [u.to_dict() for u in report.unused_facts], [w.to_dict(report.lang) for w in report.data_warnings]):
            h.update(json.dumps(part, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        out["report_sha256"] = h.hexdigest()
    return out


def measure_latency(path: str, samples: int) -> dict[str, Any]:
    from qd213_rules import load_facts
    from qd213_rules.engine import evaluate

    facts = load_facts(path)
    facts.digest()
    members = sorted(facts.members)
    chosen = [random.Random(1).choice(members) for _ in range(samples)]
    start = time.perf_counter()
    evaluate(facts, as_of=AS_OF, subjects=[chosen[0]], backend="durable")
    first = time.perf_counter() - start
    times = []
    for member in chosen:
        start = time.perf_counter()
        evaluate(facts, as_of=AS_OF, subjects=[member], backend="durable")
        times.append(time.perf_counter() - start)
    times.sort()
    return {"first_ms": first * 1000, "p50_ms": times[len(times) // 2] * 1000, "p99_ms": times[int(len(times) * 0.99)] * 1000,
            "mean_ms": statistics.fmean(times) * 1000, "samples": samples}  # fmt: skip


def measure_stream(path: str, backend: str) -> dict[str, Any]:
    from qd213_rules.stream import check_stream

    before = _rss_mb()[0]
    start, cpu = time.perf_counter(), _cpu()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        summary = check_stream(path, sink, as_of=AS_OF, backend=backend, workers=1, temp_dir=str(OUT))
    facts = sum(summary["facts"].values())
    return {"wall_s": time.perf_counter() - start, "cpu_s": _cpu() - cpu, "facts": facts, "results": summary["results"],
            "shards": summary["shards"], "rss_mb": _rss_mb()[0], "rss_before_mb": before}  # fmt: skip


def measure_imports() -> dict[str, Any]:
    """RSS of an idle process that has imported the engine and compiled the ruleset."""
    from qd213_rules.engine import matcher

    matcher("durable")
    return {"rss_mb": _rss_mb()[0]}


# -- the driver ---------------------------------------------------------------------------------------


def _child(*argv: str, timeout: float = 7200) -> dict[str, Any]:
    load = os.getloadavg()[0]
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), *argv], capture_output=True, text=True,
                          timeout=timeout, check=False)  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"measurement {argv} failed:\n{proc.stderr[-4000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    out["load_before"], out["load_after"] = round(load, 2), round(os.getloadavg()[0], 2)
    return out


def _scaling_ceiling(path: Path, cores: int, alone: float) -> dict[str, Any]:
    """How far this machine lets the floor's own work scale: ``cores`` parse+validate runs of
    the workload at once, in separate processes sharing nothing, against one run alone
    (``cores`` × alone ÷ together). Memory bandwidth, shared caches, SMT siblings and neighbours
    all show up here; no engine can scale better than its own parsing does."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", "floor", "--file", str(path)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(cores)]
    together = max(json.loads(proc.communicate()[0].strip().splitlines()[-1])["wall_s"] for proc in procs)
    return {"alone_s": alone, "together_s": together, "cores": cores, "ceiling": cores * alone / together}


def _cold_start(runs: int) -> dict[str, Any]:
    qd213 = shutil.which("qd213") or str(Path(sys.executable).with_name("qd213"))
    commands = {"bare": [sys.executable, "-c", "pass"], "version": [qd213, "--version"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # interleaved, so that drift hits both
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    bare, version = statistics.median(times["bare"]) * 1000, statistics.median(times["version"]) * 1000
    return {"bare_ms": bare, "version_ms": version, "difference_ms": version - bare, "runs": runs}


def _workload(members: int, seed: int) -> tuple[Path, dict[str, Any]]:
    from qd213_rules.synth import write_synth

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"synth-{members}-{seed}.jsonl"
    meta = path.with_suffix(".counts.json")
    if path.exists() and meta.exists():
        return path, json.loads(meta.read_text(encoding="utf-8"))
    start = time.perf_counter()
    counts = write_synth(path, members, seed)
    counts["generate_s"] = round(time.perf_counter() - start, 2)
    counts["bytes"] = path.stat().st_size
    meta.write_text(json.dumps(counts, indent=1), encoding="utf-8")
    return path, counts


def _machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        durable = version("durable-rules")
    except Exception:  # noqa: BLE001
        durable = "?"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    return {"cores": os.cpu_count(), "cpu": model, "memory_gib": round(memory, 1), "python": platform.python_version(),
            "platform": platform.platform(), "durable_rules": durable}  # fmt: skip


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def drive(args: argparse.Namespace) -> dict[str, Any]:
    started = dt.datetime.now(dt.timezone.utc)
    cores = args.workers or os.cpu_count() or 1
    print(f"# qd213-rules benchmark: {args.members} members, seed {args.seed}, as of {AS_OF}, {cores} cores", flush=True)
    path, counts = _workload(args.members, args.seed)
    print(f"workload: {path.name}: {counts['lines']} lines, {counts['facts']} facts, {counts['facts_per_member']} facts/member", flush=True)
    kinds = counts["event_kinds"]
    print(f"event kinds ({len(kinds)}, {sum(kinds.values())} events): "
          + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))), flush=True)  # fmt: skip
    out: dict[str, Any] = {"members": args.members, "seed": args.seed, "as_of": AS_OF, "quick": args.quick, "machine": _machine(),
                           "started": started.isoformat(timespec="seconds"), "workload": counts}  # fmt: skip
    out["imports"] = _child("--measure", "imports")
    out["floor"] = floor = _child("--measure", "floor", "--file", str(path))
    print(f"floor (load_facts): {floor['wall_s']:.2f} s", flush=True)
    if cores > 1:
        out["scaling_ceiling"] = ceiling = _scaling_ceiling(path, cores, floor["wall_s"])
        print(f"scaling ceiling ({cores} floors at once, {ceiling['together_s']:.2f} s): {ceiling['ceiling']:.2f}x", flush=True)
    runs: dict[str, Any] = {}
    for backend in ("durable", "python"):
        for workers in sorted({1, cores}):
            name = f"{backend}_{workers}"
            best: dict[str, Any] | None = None
            for _ in range(args.repeat):
                got = _child("--measure", "eval", "--file", str(path), "--backend", backend, "--workers", str(workers),
                             *([] if args.quick else ["--digest"]))  # fmt: skip
                best = got if best is None or got["wall_s"] < best["wall_s"] else best
            assert best is not None
            best["ratio_to_floor"] = best["wall_s"] / floor["wall_s"]
            best["members_per_s"] = args.members / best["wall_s"]
            best["facts_per_s"] = counts["facts"] / best["wall_s"]
            runs[name] = best
            print(f"{name}: {best['wall_s']:.2f} s (cpu {best['cpu_s']:.1f} s), {best['ratio_to_floor']:.2f}x floor, "
                  f"{best['members_per_s']:.0f} members/s, load {best['load_before']}->{best['load_after']}", flush=True)  # fmt: skip
    out["evaluate"] = runs
    summaries = {json.dumps(r["summary"], sort_keys=True) for r in runs.values()}
    digests = {r.get("report_sha256") for r in runs.values()}
    out["identical_reports"] = len(summaries) == 1 and (args.quick or len(digests) == 1)
    if "latency" not in args.skip:
        out["latency"] = _child("--measure", "latency", "--file", str(path), "--samples", str(300 if args.quick else 2000))
        print(f"latency (durable, one member): p50 {out['latency']['p50_ms']:.2f} ms, p99 {out['latency']['p99_ms']:.2f} ms", flush=True)
    stream_paths = [] if "stream" in args.skip else [(args.members, path, counts)]
    for size in args.stream_sizes:
        if size != args.members or "stream" in args.skip:
            other, other_counts = _workload(size, args.seed)
            stream_paths.append((size, other, other_counts))
    streams = {}
    for size, stream_path, _ in stream_paths:
        got = _child("--measure", "stream", "--file", str(stream_path), "--backend", args.stream_backend)
        got["mb_per_million_facts"] = got["rss_mb"] / (got["facts"] / 1e6)
        streams[str(size)] = got
        print(f"stream {size}: peak RSS {got['rss_mb']:.0f} MB for {got['facts']} facts "
              f"({got['mb_per_million_facts']:.0f} MB per million), {got['wall_s']:.0f} s", flush=True)  # fmt: skip
    out["stream"] = streams
    out["cold_start"] = _cold_start(5 if args.quick else 15)
    print(f"cold start: qd213 --version {out['cold_start']['version_ms']:.0f} ms, python -c pass {out['cold_start']['bare_ms']:.0f} ms", flush=True)
    out["targets"] = _targets(out, cores)
    out["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    return out


def _targets(out: dict[str, Any], cores: int) -> dict[str, Any]:
    runs = out["evaluate"]
    t: dict[str, Any] = {}
    t["durable_1_worker_ratio"] = {"value": runs["durable_1"]["ratio_to_floor"], "target": f"<= {TARGETS['durable_ratio']}x"}
    t["durable_1_worker_ratio"]["status"] = _verdict(runs["durable_1"]["ratio_to_floor"] <= TARGETS["durable_ratio"])
    t["python_1_worker_ratio"] = {"value": runs["python_1"]["ratio_to_floor"], "target": f"<= {TARGETS['python_ratio']}x"}
    t["python_1_worker_ratio"]["status"] = _verdict(runs["python_1"]["ratio_to_floor"] <= TARGETS["python_ratio"])
    if cores > 1:
        for backend in ("durable", "python"):
            speed = runs[f"{backend}_1"]["wall_s"] / runs[f"{backend}_{cores}"]["wall_s"]
            t[f"{backend}_{cores}_workers_speedup"] = {"value": speed, "target": f">= {TARGETS['speedup']}x",
                                                       "status": _verdict(speed >= TARGETS["speedup"])}  # fmt: skip
        if "scaling_ceiling" in out:  # context for the speed-up, not a target
            t["machine_scaling_ceiling"] = {"value": out["scaling_ceiling"]["ceiling"], "target": f"(independent processes on {cores} cores)",
                                            "status": "info"}  # fmt: skip
    if "latency" in out:
        lat = out["latency"]["p50_ms"]
        t["latency_p50"] = {"value": lat, "target": f"<= {TARGETS['latency_p50_ms']} ms", "status": _verdict(lat <= TARGETS["latency_p50_ms"])}
    if out["stream"]:
        worst = max(s["mb_per_million_facts"] for s in out["stream"].values())
        t["stream_mb_per_million_facts"] = {"value": worst, "target": f"<= {TARGETS['stream_mb_per_million']}",
                                            "status": _verdict(worst <= TARGETS["stream_mb_per_million"])}  # fmt: skip
    if len(out["stream"]) > 1:
        peaks = [s["rss_mb"] for s in out["stream"].values()]
        spread = (max(peaks) - min(peaks)) / min(peaks)
        t["stream_flat"] = {"value": spread, "target": f"<= {TARGETS['stream_flat']:.0%}", "status": _verdict(spread <= TARGETS["stream_flat"])}
    cold = out["cold_start"]["difference_ms"]
    t["cold_start"] = {"value": cold, "target": f"<= {TARGETS['cold_start_ms']} ms over bare python",
                       "status": _verdict(cold <= TARGETS["cold_start_ms"])}  # fmt: skip
    t["identical_reports"] = {"value": out["identical_reports"], "target": "every backend and worker count", "status": _verdict(out["identical_reports"])}
    return t


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    found: dict[str, Any]
    if args.measure == "floor":
        found = measure_floor(args.file)
    elif args.measure == "eval":
        found = measure_eval(args.file, args.backend, args.workers or 1, args.digest)
    elif args.measure == "latency":
        found = measure_latency(args.file, args.samples)
    elif args.measure == "stream":
        found = measure_stream(args.file, args.backend)
    else:
        found = measure_imports()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quick", action="store_true", help="fewer latency samples, no report digests (CI smoke run)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each evaluation; the fastest counts (default 1)")
    parser.add_argument("--workers", type=int, default=0, help="the 'all cores' worker count (default: every core)")
    parser.add_argument("--stream-sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=[],
                        help="also stream provinces of these sizes (e.g. 50000,200000) for the flatness target")  # fmt: skip
    parser.add_argument("--stream-backend", default="python", choices=("durable", "python"))
    parser.add_argument("--skip", type=lambda s: set(s.split(",")), default=set(), help="skip measurements: latency, stream")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="durable", help=argparse.SUPPRESS)
    parser.add_argument("--samples", type=int, default=2000, help=argparse.SUPPRESS)
    parser.add_argument("--digest", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # inside a measurement process: print one JSON line
        from qd213_rules.parallel import paused_gc

        with paused_gc(freeze=True):  # the process is ours, as the CLI's is (docs/decisions.md §23)
            found = _measure(args)
        print(json.dumps(found))
        return 0
    out = drive(args)
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / f"bench-{args.members}{'-quick' if args.quick else ''}{'-partial' if args.skip else ''}.json"
    target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{'target':34} {'value':>10}  {'goal':34} status")
    for name, row in out["targets"].items():
        value = row["value"]
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"{name:34} {shown:>10}  {row['target']:34} {row['status']}")
    print(f"\nfigures: {target.relative_to(HERE.parent) if target.is_relative_to(HERE.parent) else target}")
    if not out["identical_reports"]:  # a correctness failure, not a timing: the backends disagree
        print("the reports of the backends and worker counts differ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

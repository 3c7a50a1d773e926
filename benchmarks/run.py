#!/usr/bin/env python3
"""Province-scale benchmark of qd213-rules (issue 13): every figure against one independent floor.

    python benchmarks/run.py                              # 100,000 members (the figures of docs/performance.md)
    python benchmarks/run.py --members 10000 --quick      # the smoke benchmark (make test)
    python benchmarks/run.py --stream-only --stream-sizes 5000,20000   # streaming memory at two sizes
    python benchmarks/run.py --stream-sizes 50000,200000  # ... the sizes of the flatness target
    python benchmarks/run.py --rounds 3                   # every ratio judged by its median over 3 rounds

It writes a deterministic synthetic province (:mod:`qd213_rules.synth`, cached in
``benchmarks/out/``) and measures, each step in a fresh process (so that no step warms up the
next) whose peak resident memory is read from the kernel when it ends (``wait4``: the largest
``ru_maxrss`` of the process and of any worker it forked):

- **the floor**: the standard library's ``json.loads`` on every line of the file — nothing of
  the package. Every ratio divides by it;
- ``load_facts`` of the file (parse, validate, check, index);
- ``qd213 check --backend python`` and ``qd213 check`` (durable-rules), end to end through the
  CLI, the JSON report written to a file (``--format json``); and ``qd213 check --workers 2``
  (durable-rules) for the speed-up over 1 worker, end to end;
- one member evaluated from loaded facts with durable-rules (``evaluate(facts, subjects=[m])``):
  p50 and p99;
- ``qd213 check --stream`` of the same file, end to end, against the in-memory check;
- with ``--stream-sizes A,B``: ``qd213 check --stream`` of provinces of A and B members
  (flatness of its peak memory);
- ``qd213 --version`` against a bare ``python -c pass`` (cold start, for information);
- the memory floor (for information): the standard library touching as much fresh memory as the
  durable-rules check's peak and writing a file as large as its report — what the machine itself
  charges for that memory and output (on a virtual machine, fresh memory costs kernel time).

It prints the workload (facts per member, the event-kind histogram), each figure as it is
measured, then a table of the targets of issue 13, each with its target value and ``met`` or
``MISSED``. Figures go to ``benchmarks/out/bench-<members>[-quick].json`` (gitignored). The JSON
reports of the three in-memory checks are hashed (but for ``engine.backend``) and compared, and
the stream's summary line (status counts, results, input digest) is compared with the in-memory
report's: the script exits 1 when they differ — a correctness failure — and never on a timing.
The machine's load average is recorded before and after each step: other work on the machine
shows up there, and in wall times. With ``--rounds N``, every step a target's ratio divides or
is divided by (the json floor, ``load_facts``, the checks, the stream) and the one-member latency
are measured N times, side by side in each round, and those targets are judged by the median of
the rounds (see ``_more_rounds``); so is the flatness of the stream's memory over
``--stream-sizes`` (see ``_stream_sizes``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("QD213_BENCH_OUT") or HERE / "out")
AS_OF = "2025-12-31"
SEED = 42

TARGETS = {
    "load_ratio": 4.0,  # load_facts at most 4x the json floor
    "python_ratio": 20.0,  # qd213 check --backend python, end to end, at most 20x the floor
    "durable_ratio": 40.0,  # qd213 check (durable-rules), end to end, at most 40x the floor
    "speedup": 1.8,  # qd213 check --workers 2 at least 1.8x faster than 1 worker
    "gb_per_million": 2.0,  # peak memory of an in-memory check per million facts
    "latency_p50_ms": 1.0,  # one member from loaded facts, durable-rules
    "stream_ratio": 1.5,  # check --stream at most 1.5x the in-memory check of the same file
    "stream_flat": 0.10,  # peak memory of check --stream at two sizes within 10 %
}

MB = 1024 * 1024


# -- measurements inside a child process (``run.py --measure NAME ...``): one JSON line out -----------


def measure_json_floor(path: str) -> dict[str, Any]:
    """The floor: the standard library parsing every line, nothing of the package imported."""
    start = time.perf_counter()
    lines = 0
    with open(path, "rb") as handle:
        for line in handle:
            json.loads(line)
            lines += 1
    return {"wall_s": time.perf_counter() - start, "lines": lines}


def measure_memory_floor(megabytes: int, path: str, size: int) -> dict[str, Any]:
    """What the machine itself charges for a check's memory and output, nothing of the package:
    the standard library touching ``megabytes`` of fresh memory (one byte per page), then writing
    ``size`` bytes to ``path`` in 1 MB blocks (a file as large as the check's report). On a
    virtual machine whose fresh memory is paid for on first touch, this is what a large check
    spends in the kernel without doing anything of its own."""
    import mmap

    page = mmap.PAGESIZE
    start = time.perf_counter()
    memory = mmap.mmap(-1, megabytes * MB)
    for offset in range(0, megabytes * MB, page):
        memory[offset] = 1
    touched = time.perf_counter() - start
    memory.close()
    block = b"x" * MB
    start = time.perf_counter()
    with open(path, "wb") as handle:
        for _ in range(size // MB):
            handle.write(block)
        handle.write(block[: size % MB])
    written = time.perf_counter() - start
    os.unlink(path)
    return {"wall_s": touched + written, "touch_s": touched, "write_s": written, "megabytes": megabytes, "bytes": size}


def measure_load(path: str) -> dict[str, Any]:
    from qd213_rules import load_facts

    start = time.perf_counter()
    facts = load_facts(path)
    wall = time.perf_counter() - start
    return {"wall_s": wall, "facts": len(facts.organizations) + len(facts.members) + len(facts.events), "members": len(facts.members)}


def measure_latency(path: str, samples: int) -> dict[str, Any]:
    from qd213_rules import load_facts
    from qd213_rules.engine import evaluate

    facts = load_facts(path)
    facts.digest()
    members = sorted(facts.members)
    rng = random.Random(1)  # one generator: a fresh Random(1) per draw would pick one member every time
    chosen = [rng.choice(members) for _ in range(samples)]
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
            "mean_ms": statistics.fmean(times) * 1000, "samples": samples,
            "distinct_members": len(set(chosen))}  # fmt: skip


def _latency_notes(latency: dict[str, Any]) -> str:
    """`` (N members; the first call T ms)`` of a run that recorded how many distinct members it
    sampled and how long its first call took (the first after a load works out what every
    report of the province carries: a user meets it once per load)."""
    notes = [f"{latency['distinct_members']:,} members"] if "distinct_members" in latency else []
    if "first_ms" in latency:
        notes.append(f"the first call {latency['first_ms']:,.0f} ms")
    return f" ({'; '.join(notes)})" if notes else ""


def _measure(args: argparse.Namespace) -> dict[str, Any]:
    if args.measure == "json":
        return measure_json_floor(args.file)
    if args.measure == "memory":
        return measure_memory_floor(args.megabytes, args.file, args.bytes)
    if args.measure == "synth":
        return _write_workload(Path(args.file), args.members, args.seed)
    from qd213_rules.parallel import paused_gc

    with paused_gc(freeze=True):  # the process is ours, as the CLI's is (docs/decisions.md §23)
        if args.measure == "load":
            return measure_load(args.file)
        return measure_latency(args.file, args.samples)


# -- the driver -------------------------------------------------------------------------------------


def _spawn(argv: list[str], stdout: Path | None = None, timeout: float = 4 * 3600) -> dict[str, Any]:
    """Run one step in a fresh process: its wall time, its peak resident memory (``ru_maxrss``
    from ``wait4``: the largest of the process and the children it waited for), and its
    output (the last line of stdout when ``stdout`` is None, else written to that file)."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as err, (open(stdout, "wb") if stdout is not None else tempfile.TemporaryFile()) as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        err.seek(0)
        errors = err.read().decode("utf-8", "replace")
        printed = ""
        if stdout is None:
            out.seek(0)
            printed = out.read().decode("utf-8", "replace")
    # User and kernel time apart: on a virtual machine whose fresh memory is paid for on first
    # touch, the kernel's share (and the page faults behind it) says what the memory held cost.
    found: dict[str, Any] = {"wall_s": wall, "peak_mb": usage.ru_maxrss / 1024, "cpu_s": usage.ru_utime + usage.ru_stime,
                             "user_s": usage.ru_utime, "sys_s": usage.ru_stime, "minor_faults": usage.ru_minflt,
                             "exit": proc.returncode, "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}  # fmt: skip
    if proc.returncode not in (0, 1) or (stdout is None and proc.returncode != 0):  # 1: the check found something
        raise RuntimeError(f"step {argv} failed ({proc.returncode}):\n{errors[-4000:]}")
    if stdout is None:
        found.update(json.loads(printed.strip().splitlines()[-1]))
    return found


def _child(*argv: str) -> dict[str, Any]:
    """A measurement of this script's own, in a fresh process."""
    return _spawn([sys.executable, str(Path(__file__).resolve()), *argv])


def _latency(args: argparse.Namespace, path: Path) -> dict[str, Any]:
    """One-member evaluations from loaded facts, in a fresh process: 300 draws (``--quick``) or 2,000."""
    return _child("--measure", "latency", "--file", str(path), "--samples", str(300 if args.quick else 2000))


def _qd213() -> list[str]:
    script = Path(sys.executable).with_name("qd213")
    return [str(script)] if script.exists() else [sys.executable, "-m", "qd213_rules"]


def _cli_check(path: Path, report: Path, *options: str) -> dict[str, Any]:
    """``qd213 check`` end to end, its report (``--format json``, or the stream's lines) written to ``report``."""
    fmt = [] if "--stream" in options else ["--format", "json"]
    return _spawn([*_qd213(), "check", str(path), "--as-of", AS_OF, *fmt, "--exit-zero", *options], stdout=report)


def _report_digest(report: Path) -> tuple[str, dict[str, Any]]:
    """The SHA-256 of a JSON report but for ``engine.backend`` (line by line: the report of a
    province does not fit a ``json.load``), and its head (everything before the results)."""
    h = hashlib.sha256()
    head: list[str] = []
    in_head = True
    with open(report, encoding="utf-8") as handle:
        for line in handle:
            if in_head:
                if line.startswith('  "results": ['):
                    in_head = False
                else:
                    head.append(line)
                    if line.lstrip().startswith('"backend":'):
                        continue
            h.update(line.encode("utf-8"))
    return h.hexdigest(), json.loads("".join(head).rstrip().rstrip(",") + "}")


def _stream_summary(report: Path) -> dict[str, Any]:
    """The summary line that ends ``check --stream`` output (the last line of the file)."""
    with open(report, "rb") as handle:
        handle.seek(max(0, report.stat().st_size - 1_000_000))
        last: dict[str, Any] = json.loads(handle.read().splitlines()[-1])
    return last


def _stream_agrees(line: dict[str, Any], head: dict[str, Any]) -> bool:
    """Whether the stream's summary line (:func:`_stream_summary`) says what the in-memory
    report's head says: the status counts, the input digest and the number of results."""
    return bool(line["summary"] == head["summary"] and line["input_sha256"] == head["input_sha256"]
                and line["results"] == sum(head["summary"].values()))  # fmt: skip


def _scaling_ceiling(path: Path, cores: int, alone: float) -> dict[str, Any]:
    """How far this machine lets the package's own parsing scale: ``cores`` ``load_facts`` runs
    at once, in separate processes sharing nothing, against one run alone (``cores`` × alone ÷
    together). Memory bandwidth, shared caches, SMT siblings and neighbours all show up here."""
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", "load", "--file", str(path)]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(cores)]
    together = max(json.loads(proc.communicate()[0].strip().splitlines()[-1])["wall_s"] for proc in procs)
    return {"alone_s": alone, "together_s": together, "cores": cores, "ceiling": cores * alone / together}


def _cold_start(runs: int) -> dict[str, Any]:
    commands = {"bare": [sys.executable, "-c", "pass"], "version": [*_qd213(), "--version"]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # interleaved, so that drift hits both
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times[name].append(time.perf_counter() - start)
    bare, version = statistics.median(times["bare"]) * 1000, statistics.median(times["version"]) * 1000
    return {"bare_ms": bare, "version_ms": version, "difference_ms": version - bare, "runs": runs}


def _workload(members: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The cached province of ``members`` members, written by a process of its own.

    This process must stay small: the kernel counts the peak memory of the process that starts
    a step into the step's own ``ru_maxrss`` (``subprocess`` starts it with ``vfork``, and
    ``exec`` keeps the larger of the two), so a province generated here would show up as the
    peak of every later step (``runner_peak_mb`` in the figures says how small it stayed)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"synth-{members}-{seed}.jsonl"
    meta = path.with_suffix(".counts.json")
    if not (path.exists() and meta.exists()):
        _child("--measure", "synth", "--file", str(path), "--members", str(members), "--seed", str(seed))
    return path, json.loads(meta.read_text(encoding="utf-8"))


def _write_workload(path: Path, members: int, seed: int) -> dict[str, Any]:
    from qd213_rules.synth import write_synth

    start = time.perf_counter()
    counts = write_synth(path, members, seed)
    counts["generate_s"] = round(time.perf_counter() - start, 2)
    counts["bytes"] = path.stat().st_size
    path.with_suffix(".counts.json").write_text(json.dumps(counts, indent=1), encoding="utf-8")
    return {"written": str(path)}


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
        pydantic = version("pydantic")
    except Exception:  # noqa: BLE001
        durable = pydantic = "?"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    return {"cores": os.cpu_count(), "cpu": model, "memory_gib": round(memory, 1), "python": platform.python_version(),
            "platform": platform.platform(), "durable_rules": durable, "pydantic": pydantic,
            "commit": commit.stdout.strip() or "?"}  # fmt: skip


def _per_million(step: dict[str, Any], facts: int) -> None:
    step["gb_per_million_facts"] = step["peak_mb"] / 1024 / (facts / 1e6)


def _print_workload(path: Path, counts: dict[str, Any]) -> None:
    print(f"workload: {path.name}: {counts['lines']} lines, {counts['facts']} facts ({counts['member']} members, "
          f"{counts['organization']} organizations, {counts['event']} events), {counts['facts_per_member']} facts/member", flush=True)  # fmt: skip
    kinds = counts["event_kinds"]
    print(f"event kinds ({len(kinds)}, {sum(kinds.values())} events): "
          + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))), flush=True)  # fmt: skip


def _stream_sizes(args: argparse.Namespace, out: dict[str, Any]) -> None:
    """``check --stream`` of provinces of each size in ``--stream-sizes`` (flatness of memory).

    With ``--rounds N`` each size is streamed N times, the sizes side by side in each round (their
    order reversed every other round), and the flatness target is judged by the median of the
    rounds' spreads: a peak moves by a few per cent from one run of the same code to the next
    (the heap's layout, when the collector runs), which one run per size cannot tell from growth.
    Every round's stream of a size must give the same summary line."""
    streams: dict[str, Any] = {}
    spreads: list[float] = []
    for number in range(1, args.rounds + 1):
        sizes = args.stream_sizes if number % 2 else list(reversed(args.stream_sizes))
        peaks: dict[int, float] = {}
        for size in sizes:
            path, counts = _workload(size, args.seed)
            report = OUT / f"stream-{size}.jsonl"
            got = _cli_check(path, report, "--stream", "--backend", args.stream_backend)
            got["summary_line"] = _stream_summary(report)
            report.unlink()
            got["facts"] = counts["facts"]
            got["members"] = size
            _per_million(got, counts["facts"])
            peaks[size] = got["peak_mb"]
            first = streams.setdefault(str(size), got)
            first.setdefault("rounds", []).append({k: got[k] for k in ("wall_s", "peak_mb", "user_s", "load_before", "load_after")})
            if got["summary_line"] != first["summary_line"]:
                out["stream_rounds_identical"] = False
            print(f"{f'round {number}: ' if args.rounds > 1 else ''}check --stream ({args.stream_backend}), {size} members: "
                  f"{got['wall_s']:.1f} s, peak {got['peak_mb']:.0f} MB ({got['gb_per_million_facts'] * 1024:.0f} MB per million facts)",
                  flush=True)  # fmt: skip
        if len(peaks) > 1:
            spreads.append((max(peaks.values()) - min(peaks.values())) / min(peaks.values()))
    out["stream_sizes"] = streams
    if args.rounds > 1 and spreads:
        out.setdefault("round_ratios", {})["stream_flat_memory"] = spreads
        print(f"stream_flat_memory by round: {', '.join(f'{v:.3f}' for v in spreads)}; median {statistics.median(spreads):.3f}", flush=True)


def _read_through(path: Path) -> float:
    """Read ``path`` once, its bytes dropped, before anything is timed (so that the operating
    system holds it in its page cache, as it does for every step after the first): the seconds
    it took, for the record."""
    start = time.perf_counter()
    with path.open("rb", buffering=0) as f:
        while f.read(1 << 20):
            pass
    return time.perf_counter() - start


def drive(args: argparse.Namespace) -> dict[str, Any]:
    started = dt.datetime.now(dt.timezone.utc)
    machine = _machine()
    sizes = f"check --stream of {', '.join(map(str, args.stream_sizes))} members" if args.stream_only else f"{args.members} members"
    print(f"# qd213-rules benchmark: {sizes}, seed {args.seed}, as of {AS_OF}; {machine['cores']} cores, "
          f"{machine['cpu']}, Python {machine['python']}, commit {machine['commit']}", flush=True)  # fmt: skip
    out: dict[str, Any] = {"members": args.members, "seed": args.seed, "as_of": AS_OF, "quick": args.quick, "machine": machine,
                           "stream_backend": args.stream_backend,
                           "started": started.isoformat(timespec="seconds")}  # fmt: skip
    _compile_package()
    if args.stream_only:
        _stream_sizes(args, out)
        out["targets"] = _targets(out)
        out["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        out["runner_peak_mb"] = _runner_peak_mb()
        return out
    path, counts = _workload(args.members, args.seed)
    out["workload"] = counts
    facts = counts["facts"]
    _print_workload(path, counts)
    steps: dict[str, Any] = {}
    out["steps"] = steps

    def show(name: str, label: str, extra: str = "") -> None:
        step = steps[name]
        _per_million(step, facts)
        if name != "json_floor":
            step["x_floor"] = step["wall_s"] / steps["json_floor"]["wall_s"]
        if "load_facts" in steps and name not in ("json_floor", "load_facts"):
            step["x_load_facts"] = step["wall_s"] / steps["load_facts"]["wall_s"]
        ratio = f", {step['x_floor']:.1f}x floor" if "x_floor" in step else ""
        print(f"{label}: {step['wall_s']:.2f} s{ratio}, peak {step['peak_mb']:.0f} MB "
              f"({step['gb_per_million_facts']:.2f} GB per million facts){extra}, load {step['load_before']}->{step['load_after']}",
              flush=True)  # fmt: skip

    # every step reads the file from the page cache, the floor first among them: a floor that read
    # it from the disk would be the slower for it, and every ratio to it the better
    out["file_first_read_s"] = _read_through(path)
    steps["json_floor"] = _child("--measure", "json", "--file", str(path))
    show("json_floor", "json floor (json.loads per line)")
    steps["load_facts"] = _child("--measure", "load", "--file", str(path))
    show("load_facts", "load_facts")
    cores = os.cpu_count() or 1
    if not args.quick and cores > 1:
        out["scaling_ceiling"] = ceiling = _scaling_ceiling(path, 2, steps["load_facts"]["wall_s"])
        print(f"scaling ceiling (2 load_facts at once, {ceiling['together_s']:.2f} s): {ceiling['ceiling']:.2f}x", flush=True)
    digests: dict[str, str] = {}
    heads: dict[str, dict[str, Any]] = {}
    checks = (("check_python", "qd213 check --backend python", ("--backend", "python")),
              ("check_durable", "qd213 check (durable-rules)", ("--backend", "durable")),
              ("check_durable_2_workers", "qd213 check --workers 2 (durable-rules)", ("--backend", "durable", "--workers", "2")))  # fmt: skip
    report_bytes = 0
    for name, label, options in checks:
        report = OUT / f"report-{name}.json"
        steps[name] = _cli_check(path, report, *options)
        if name == "check_durable":  # the memory floor writes a file as large as this report
            report_bytes = report.stat().st_size
        digests[name], heads[name] = _report_digest(report)
        report.unlink()
        steps[name]["report_sha256"] = digests[name]
        extra = ""
        if name == "check_durable_2_workers":
            speed = steps["check_durable"]["wall_s"] / steps[name]["wall_s"]
            steps[name]["speedup"] = speed
            extra = f", speed-up {speed:.2f}x over 1 worker"
        show(name, label, extra)
    # for information, no target: what touching the durable check's peak memory and writing its
    # report cost on this machine, done by the standard library alone
    peak = round(steps["check_durable"]["peak_mb"])
    out["memory_floor"] = floor = _child("--measure", "memory", "--megabytes", str(peak), "--bytes", str(report_bytes),
                                         "--file", str(OUT / "memory-floor.bin"))  # fmt: skip
    print(f"memory floor (the standard library touching {peak} MB, then writing {report_bytes / MB:.0f} MB): "
          f"{floor['touch_s']:.2f} s + {floor['write_s']:.2f} s; user {floor['user_s']:.1f} s, kernel {floor['sys_s']:.1f} s", flush=True)  # fmt: skip
    if "latency" not in args.skip:
        out["latency"] = lat = _latency(args, path)
        print(f"one member (durable-rules, from loaded facts): p50 {lat['p50_ms']:.2f} ms, p99 {lat['p99_ms']:.2f} ms "
              f"({lat['samples']} samples; the first {lat['first_ms']:.0f} ms), peak {lat['peak_mb']:.0f} MB", flush=True)  # fmt: skip
    identical = len(set(digests.values())) == 1
    if "stream" not in args.skip:
        report = OUT / "report-stream.jsonl"
        backend = args.stream_backend
        steps["check_stream"] = _cli_check(path, report, "--stream", "--backend", backend)
        line = _stream_summary(report)
        report.unlink()
        agrees = _stream_agrees(line, heads["check_durable"])
        steps["check_stream"]["agrees_with_in_memory"] = agrees
        identical = identical and agrees
        versus = steps[f"check_{backend}"]["wall_s"]
        steps["check_stream"]["x_in_memory"] = steps["check_stream"]["wall_s"] / versus
        show("check_stream", f"qd213 check --stream ({backend})",
             f", {steps['check_stream']['x_in_memory']:.2f}x the in-memory check, {line['shards']} shards")
    if args.rounds > 1:
        identical = _more_rounds(args, path, out, digests, heads) and identical
    out["identical_reports"] = identical
    if args.stream_sizes:
        _stream_sizes(args, out)
    out["cold_start"] = cold = _cold_start(5 if args.quick else 15)
    print(f"cold start: qd213 --version {cold['version_ms']:.0f} ms, python -c pass {cold['bare_ms']:.0f} ms", flush=True)
    out["targets"] = _targets(out)
    out["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    out["runner_peak_mb"] = _runner_peak_mb()
    return out


_ROUND_STEPS = ("json_floor", "load_facts", "check_python", "check_durable", "check_durable_2_workers", "check_stream", "latency")
"""What a round measures again: every step a target's ratio divides or is divided by, and the
one-member latency (see :func:`_more_rounds`)."""


def _first_round(out: dict[str, Any]) -> dict[str, Any]:
    """The run's first round, as the rounds keep it: its steps that a target's ratio reads, and
    its one-member latency (measured apart from the steps)."""
    steps = out.get("steps", {})
    first = {name: steps[name] for name in _ROUND_STEPS if name in steps}
    if "latency" in out:
        first["latency"] = out["latency"]
    return first


def _more_rounds(args: argparse.Namespace, path: Path, out: dict[str, Any], digests: dict[str, str],
                 heads: dict[str, dict[str, Any]]) -> bool:  # fmt: skip
    """Measure the json floor, ``load_facts``, the Python, one-worker and two-worker checks, the
    stream and the one-member latency ``args.rounds - 1`` more times, and judge the targets of
    their ratios (and the latency) by the median over the rounds.

    Why: the two-worker speed-up and the stream's ratio each divide one check by another, and a
    shared machine's speed moves between the minutes of one check and the next (one run of the
    same code measured the one-worker check at 131 s, the next at 170 s), and so does every ratio
    to the json floor, measured minutes before the check it divides. A ratio of two steps
    measured side by side, in each round, and the median of the rounds, says more of the code
    and less of the minute. The order of the steps is reversed every other round, so that a
    drift of the machine's speed within a round does not always favour the same side. Returns
    whether every round's reports are the first round's."""
    steps = out["steps"]
    backend = args.stream_backend
    rounds = [_first_round(out)]
    if backend != "durable" and f"check_{backend}" in steps:
        rounds[0][f"check_{backend}"] = steps[f"check_{backend}"]
    names = [name for name in rounds[0]]
    identical = True
    for number in range(2, args.rounds + 1):
        this: dict[str, Any] = {}
        for name in names if number % 2 else names[::-1]:
            if name == "latency":
                this[name] = _latency(args, path)
                print(f"round {number}: one member p50 {this[name]['p50_ms']:.2f} ms", flush=True)
                continue
            if name in ("json_floor", "load_facts"):
                this[name] = got = _child("--measure", "json" if name == "json_floor" else "load", "--file", str(path))
                print(f"round {number}: {name} {got['wall_s']:.2f} s", flush=True)
                continue
            stream = name == "check_stream"
            report = OUT / ("report-stream.jsonl" if stream else f"report-{name}.json")
            options: tuple[str, ...] = ("--stream", "--backend", backend) if stream else ("--backend", name.split("_")[1])
            options += ("--workers", "2") if name == "check_durable_2_workers" else ()
            this[name] = got = _cli_check(path, report, *options)
            if stream:
                identical = _stream_agrees(_stream_summary(report), heads["check_durable"]) and identical
            else:
                identical = identical and _report_digest(report)[0] == digests.get(name, digests["check_durable"])
            report.unlink()
            print(f"round {number}: {name} {got['wall_s']:.2f} s (user {got['user_s']:.1f} s), load {got['load_before']}->{got['load_after']}",
                  flush=True)  # fmt: skip
        rounds.append(this)
    ratios: dict[str, list[float]] = {"load_facts_x_floor": [], "check_python_x_floor": [], "check_durable_x_floor": [],
                                      "workers_2_speedup": [], "stream_x_in_memory": [], "one_member_p50_ms": []}  # fmt: skip
    for got in rounds:
        if "json_floor" in got:
            for name in ("load_facts", "check_python", "check_durable"):
                if name in got:
                    ratios[f"{name}_x_floor"].append(got[name]["wall_s"] / got["json_floor"]["wall_s"])
        if "check_durable_2_workers" in got:
            ratios["workers_2_speedup"].append(got["check_durable"]["wall_s"] / got["check_durable_2_workers"]["wall_s"])
        if "check_stream" in got:
            ratios["stream_x_in_memory"].append(got["check_stream"]["wall_s"] / got[f"check_{backend}"]["wall_s"])
        if "latency" in got:
            ratios["one_member_p50_ms"].append(got["latency"]["p50_ms"])
    out["rounds"] = rounds
    out["round_ratios"] = {name: values for name, values in ratios.items() if values}
    for name, values in out["round_ratios"].items():
        print(f"{name} by round: {', '.join(f'{v:.2f}' for v in values)}; median {statistics.median(values):.2f}", flush=True)
    return identical


def _compile_package() -> None:
    """Write the package's bytecode (``.pyc``) before anything is timed, as installing it does:
    in a checkout run with ``PYTHONDONTWRITEBYTECODE`` set, every step would otherwise compile
    the package from source (0.2–0.5 s per process), a cost no installed copy pays. Found by
    ``find_spec``, which does not import the package into this process (it must stay small)."""
    from importlib.util import find_spec

    spec = find_spec("qd213_rules")
    if spec is not None and spec.origin:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(spec.origin).parent)], capture_output=True, check=False)


def _runner_peak_mb() -> float:
    """This process's own peak memory: a lower bound of every step's peak (see :func:`_workload`)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _row(value: float | bool, op: str, limit: float, shown: str) -> dict[str, Any]:
    ok = bool(value) if isinstance(value, bool) else (value <= limit if op == "<=" else value >= limit)
    return {"value": value, "target": shown if isinstance(value, bool) else f"{op} {limit:g}{shown}", "status": _verdict(ok)}


def _judged(out: dict[str, Any], name: str, single: float) -> tuple[float, str]:
    """The figure a target is judged by: the median over the rounds when ``--rounds`` measured
    it more than once (and the words that say so), else the single figure."""
    values = out.get("round_ratios", {}).get(name, [])
    if len(values) > 1:
        return statistics.median(values), f" (median of {len(values)} rounds)"
    return single, ""


def _targets(out: dict[str, Any]) -> dict[str, Any]:
    """Each target of issue 13 with its value, its target value and ``met`` or ``MISSED``."""
    steps = out.get("steps", {})
    t: dict[str, Any] = {}
    for name, limit in (("load_facts", "load_ratio"), ("check_python", "python_ratio"), ("check_durable", "durable_ratio")):
        if name in steps:
            ratio, of = _judged(out, f"{name}_x_floor", steps[name]["x_floor"])
            t[f"{name}_x_floor"] = _row(ratio, "<=", TARGETS[limit], f"x json floor{of}")
    if "check_durable_2_workers" in steps:
        speedup, of = _judged(out, "workers_2_speedup", steps["check_durable_2_workers"]["speedup"])
        t["workers_2_speedup"] = _row(speedup, ">=", TARGETS["speedup"], f"x 1 worker{of}")
    # every in-memory check is held to the memory target, the two-worker one too (its peak is the
    # largest of the calling process and its workers)
    for name in ("check_python", "check_durable", "check_durable_2_workers"):
        if name in steps:
            t[f"{name}_gb_per_million"] = _row(steps[name]["gb_per_million_facts"], "<=", TARGETS["gb_per_million"], " GB per million facts")
    if "latency" in out:
        p50, of = _judged(out, "one_member_p50_ms", out["latency"]["p50_ms"])
        t["one_member_p50_ms"] = _row(p50, "<=", TARGETS["latency_p50_ms"], f" ms (durable-rules){of}")
    if "check_stream" in steps:
        stream, of = _judged(out, "stream_x_in_memory", steps["check_stream"]["x_in_memory"])
        t["stream_x_in_memory"] = _row(stream, "<=", TARGETS["stream_ratio"], f"x in-memory check{of}")
    sizes = out.get("stream_sizes", {})
    if len(sizes) > 1:
        peaks = [s["peak_mb"] for s in sizes.values()]
        spread, of = _judged(out, "stream_flat_memory", (max(peaks) - min(peaks)) / min(peaks))
        t["stream_flat_memory"] = _row(spread, "<=", TARGETS["stream_flat"], f" spread of peaks ({', '.join(sizes)} members){of}")
    if "identical_reports" in out:
        t["identical_reports"] = _row(out["identical_reports"], "", 0, "python = durable = 2 workers = stream")
    return t


def _cpu(step: dict[str, Any], key: str) -> str:
    """A step's user or kernel time, or nothing for figures recorded before they were kept apart."""
    return f"{step[key]:.1f}" if key in step else ""


def _print_table(out: dict[str, Any]) -> None:
    steps = out.get("steps", {})
    if steps:
        print(f"\n{'step':28} {'wall s':>9} {'x floor':>8} {'x load':>7} {'user s':>8} {'kernel s':>8} {'peak MB':>9} {'GB/M facts':>10}")
        for name, step in steps.items():
            ratio = f"{step['x_floor']:.1f}" if "x_floor" in step else "1"
            load = f"{step['x_load_facts']:.2f}" if "x_load_facts" in step else ""
            print(f"{name:28} {step['wall_s']:9.2f} {ratio:>8} {load:>7} {_cpu(step, 'user_s'):>8} {_cpu(step, 'sys_s'):>8} "
                  f"{step['peak_mb']:9.0f} {step['gb_per_million_facts']:10.3f}")  # fmt: skip
    print(f"\n{'target':28} {'value':>10}  {'target value':52} status")
    for name, row in out["targets"].items():
        value = row["value"]
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        print(f"{name:28} {shown:>10}  {row['target']:52} {row['status']}")


_STEP_LABELS = {
    "json_floor": "json floor (`json.loads` of every line)",
    "load_facts": "`load_facts`",
    "check_python": "`qd213 check --backend python` (JSON report written)",
    "check_durable": "`qd213 check` (durable-rules; JSON report written)",
    "check_durable_2_workers": "`qd213 check --workers 2` (durable-rules)",
    "check_stream": "`qd213 check --stream` (results written)",
}


_IN_SHORT = {
    "load_facts": "`load_facts` (read, validate and index every fact)",
    "check_python": "`qd213 check --backend python`",
    "check_durable": "`qd213 check` (durable-rules, the default)",
    "check_durable_2_workers": "`qd213 check --workers 2`",
    "check_stream": "`qd213 check --stream` (results as JSON lines)",
}


def _duration(seconds: float) -> str:
    """A wall time as a person reads it: seconds under a minute, else minutes and seconds.

    >>> _duration(12.466), _duration(59.96), _duration(110.8), _duration(3600)
    ('12.5 s', '1 min 00 s', '1 min 51 s', '60 min 00 s')
    """
    if round(seconds, 1) < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def in_short(out: dict[str, Any]) -> str:
    """The first table of docs/performance.md: what each way of checking the run's province cost
    a user, without ratios — its wall time (the median of the rounds, as the targets are judged)
    and its largest peak memory over the rounds."""
    rounds = out.get("rounds") or [_first_round(out)]
    lines = ["| what runs | wall time | peak memory |", "|---|---|---|"]
    for name, label in _IN_SHORT.items():
        measured = [got[name] for got in rounds if name in got]
        if measured:
            wall = statistics.median(step["wall_s"] for step in measured)
            peak = max(step["peak_mb"] for step in measured)
            lines.append(f"| {label} | {_duration(wall)} | {peak:,.0f} MB |")
    latencies = [got["latency"]["p50_ms"] for got in rounds if "latency" in got]
    if latencies:
        lines.append(f"| one member from facts already loaded (p50) | "
                     f"{statistics.median(latencies):.2f} ms | |")  # fmt: skip
    return "\n".join(lines) + "\n"


def markdown(out: dict[str, Any]) -> str:
    """The figures of a run as the tables of docs/performance.md (the first, :func:`in_short`,
    opens the page)."""
    m = out["machine"]
    lines = [f"Measured {out['started']} – {out['finished']} (UTC) at commit `{m['commit']}` on {m['cores']} cores ({m['cpu']}), "
             f"{m['memory_gib']} GiB of RAM, {m['platform']}, CPython {m['python']}, durable-rules {m['durable_rules']}, "
             f"pydantic {m.get('pydantic', '?')}."]  # fmt: skip
    measured = [*out.get("steps", {}).values(), *out.get("stream_sizes", {}).values(),
                *(step for got in out.get("rounds", [])[1:] for step in got.values())]  # fmt: skip
    loads = [s[k] for s in measured for k in ("load_before", "load_after") if k in s]
    if loads:
        lines[0] += f" Load average of the machine during the steps: {min(loads):.2f} to {max(loads):.2f}."
    if "runner_peak_mb" in out:
        lines[0] += (f" The measuring process itself peaked at {out['runner_peak_mb']:,.0f} MB, a lower bound of every"
                     " step's peak memory.")
    if "workload" in out:
        w = out["workload"]
        kinds = sorted(w["event_kinds"].items(), key=lambda kv: (-kv[1], kv[0]))
        lines += ["", f"Workload: `qd213 synth` of {out['members']:,} members (seed {out['seed']}), {w['lines']:,} lines, "
                  f"{w['facts']:,} facts ({w['organization']:,} organisations, {w['member']:,} members, {w['event']:,} events): "
                  f"**{w['facts_per_member']} facts per member**; {len(kinds)} event kinds, the most frequent "
                  + ", ".join(f"{k} {n:,}" for k, n in kinds[:12]) + f", and {len(kinds) - 12} more kinds "
                  f"({sum(n for _, n in kinds[12:]):,} events)."]  # fmt: skip
    steps = out.get("steps", {})
    if steps:
        lines += ["", "| step | wall time | × json floor | × `load_facts` | user / kernel time | peak memory | GB per million facts |",
                  "|---|---|---|---|---|---|---|"]  # fmt: skip
        for name, step in steps.items():
            extra = ""
            if "speedup" in step:
                extra = f" (speed-up {step['speedup']:.2f}×)"
            if "x_in_memory" in step:
                extra = f" ({step['x_in_memory']:.2f}× the in-memory check)"
            ratio = f"{step['x_floor']:.1f}×" if "x_floor" in step else "1×"
            load = f"{step['x_load_facts']:.2f}×" if "x_load_facts" in step else ""
            cpu = f"{step['user_s']:.1f} / {step['sys_s']:.1f} s" if "sys_s" in step else ""
            lines.append(f"| {_STEP_LABELS.get(name, name)} | {step['wall_s']:.2f} s{extra} | {ratio} | {load} | {cpu} | "
                         f"{step['peak_mb']:,.0f} MB | {step['gb_per_million_facts']:.2f} |")  # fmt: skip
        if "latency" in out:
            lat = out["latency"]
            lines.append(f"| one member from loaded facts (durable-rules), p50 / p99 of {lat['samples']:,}"
                         f"{_latency_notes(lat)} | "
                         f"{lat['p50_ms']:.2f} ms / {lat['p99_ms']:.2f} ms | | | | {lat['peak_mb']:,.0f} MB | |")  # fmt: skip
    if "memory_floor" in out:
        f = out["memory_floor"]
        lines += ["", f"Memory floor (for information; no target): the standard library alone touching {f['megabytes']:,} MB of fresh "
                  f"memory (the durable-rules check's peak) took {f['touch_s']:.2f} s, and writing a file of {f['bytes'] / MB:,.0f} MB "
                  f"(its report) {f['write_s']:.2f} s: {f['user_s']:.1f} s of user and {f['sys_s']:.1f} s of kernel time."]  # fmt: skip
    sizes = out.get("stream_sizes", {})
    if sizes:
        lines += ["", "| `check --stream` | facts | wall time | peak memory | MB per million facts |", "|---|---|---|---|---|"]
        for size, got in sizes.items():
            lines.append(f"| {int(size):,} members | {got['facts']:,} | {got['wall_s']:.1f} s | {got['peak_mb']:,.0f} MB | "
                         f"{got['gb_per_million_facts'] * 1024:.0f} |")  # fmt: skip
        spreads = out.get("round_ratios", {}).get("stream_flat_memory", [])
        if len(spreads) > 1:
            lines += ["", "| round | " + " | ".join(f"{int(size):,} members: wall time, peak" for size in sizes) + " | spread |",
                      "|---|" + "---|" * (len(sizes) + 1)]  # fmt: skip
            for number, spread in enumerate(spreads):
                cells = [f"{got['rounds'][number]['wall_s']:.1f} s, {got['rounds'][number]['peak_mb']:,.0f} MB" for got in sizes.values()]
                lines.append(f"| {number + 1}{' (sizes in reverse order)' if number % 2 else ''} | {' | '.join(cells)} | {spread:.1%} |")
    rounds = out.get("rounds", [])
    if len(rounds) > 1:
        lines += ["", "| round | json floor | `load_facts` | python | `qd213 check` | `--workers 2` (speed-up) | `--stream` "
                  "(× the in-memory check) | one member p50 |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for number, got in enumerate(rounds, 1):
            floor = got.get("json_floor")
            cells = [f"{floor['wall_s']:.2f} s" if floor else ""]
            for name in ("load_facts", "check_python", "check_durable"):
                step = got.get(name)
                shown = f"{step['wall_s']:.1f} s" if step else ""
                cells.append(f"{shown} ({step['wall_s'] / floor['wall_s']:.1f}×)" if step and floor else shown)
            workers = got.get("check_durable_2_workers")
            cells.append(f"{workers['wall_s']:.1f} s ({got['check_durable']['wall_s'] / workers['wall_s']:.2f}×)" if workers else "")
            stream = got.get("check_stream")
            versus = got.get(f"check_{out.get('stream_backend', 'durable')}", got.get("check_durable"))
            cells.append(f"{stream['wall_s']:.1f} s ({stream['wall_s'] / versus['wall_s']:.2f}×)" if stream and versus else "")
            cells.append(f"{got['latency']['p50_ms']:.2f} ms" if "latency" in got else "")
            lines.append(f"| {number}{' (steps in reverse order)' if number % 2 == 0 else ''} | " + " | ".join(cells) + " |")
    lines += ["", "| target (issue 13) | measured | target value | verdict |", "|---|---|---|---|"]
    for name, row in out["targets"].items():
        value = row["value"]
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        verdict = "met" if row["status"] == "met" else "**missed**"
        lines.append(f"| {name} | {shown} | {row['target']} | {verdict} |")
    return in_short(out) + "\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quick", action="store_true", help="fewer latency samples, no scaling ceiling (CI smoke run)")
    parser.add_argument("--stream-sizes", type=lambda s: [int(x) for x in s.split(",") if x], default=[],
                        help="also stream provinces of these sizes (e.g. 50000,200000, or 5000,20000 for a quick look) "
                             "for the flatness target")  # fmt: skip
    parser.add_argument("--stream-only", action="store_true", help="measure only --stream-sizes")
    parser.add_argument("--stream-backend", default="durable", choices=("durable", "python"))
    parser.add_argument("--skip", type=lambda s: set(s.split(",")), default=set(), help="skip measurements: latency, stream")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure the json floor, load_facts, the checks, the stream, the one-member latency and each of "
                             "--stream-sizes this many times, alternating, and judge their targets by the median "
                             "(e.g. 3 for the figures of docs/performance.md)")  # fmt: skip
    parser.add_argument("--markdown", metavar="FIGURES_JSON", help="print the tables of docs/performance.md from a run's figures, and exit")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--samples", type=int, default=2000, help=argparse.SUPPRESS)
    parser.add_argument("--megabytes", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--bytes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # inside a measurement process: print one JSON line
        print(json.dumps(_measure(args)))
        return 0
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text(encoding="utf-8"))), end="")
        return 0
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.stream_only and len(args.stream_sizes) < 1:
        parser.error("--stream-only needs --stream-sizes")
    out = drive(args)
    OUT.mkdir(parents=True, exist_ok=True)
    name = f"stream-{'-'.join(map(str, args.stream_sizes))}" if args.stream_only else f"{args.members}{'-quick' if args.quick else ''}"
    target = OUT / f"bench-{name}{'-partial' if args.skip else ''}.json"
    target.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    _print_table(out)
    print(f"\nfigures: {target.relative_to(HERE.parent) if target.is_relative_to(HERE.parent) else target}")
    if not out.get("stream_rounds_identical", True):  # a correctness failure: one file, two answers
        print("the streams of one province gave different summary lines in different rounds", file=sys.stderr)
        return 1
    if not out.get("identical_reports", True):  # a correctness failure, not a timing: the checks disagree
        print("the reports of the backends, worker counts and streaming differ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

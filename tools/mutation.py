"""Mutation testing of the evaluation core (``make mutation``; not part of ``make test`` or CI).

Runs mutmut 3 (the ``mutation`` extra) over one module or folder at a time, each against the
tests that cover it, in a scratch copy of the repository under ``build/mutation/<name>/`` so
that mutmut's ``mutants/`` tree and its cached results never touch the working tree. A run
that hits its time budget is stopped; the next run with the same paths resumes where it
stopped (mutmut keeps a verdict per mutant).

    MUTATION_PATHS   space-separated modules or folders (default: the four below)
    MUTATION_TESTS   space-separated test paths to use instead of each module's own selection
    MUTATION_BUDGET  seconds per path before the run is stopped (default 1800)
    MUTATION_JOBS    mutants tested at once (default 2: the reference machine has 2 cores)
    MUTATION_RERUN   "survivors": test again only the survivors of the last run (after adding
                     tests that should kill them); the verdicts of the others stand

Prints, per path, the mutants killed, survived, timed out and not tested yet, and writes the
survivors' names to ``build/mutation/<name>/survivors.txt`` (``mutmut show NAME`` in that
directory prints a survivor's diff). docs/testing.md explains what to do with survivors.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "mutation"

# each path with the tests that cover it (mutmut then runs, per mutant, only those of these
# tests that call the mutated function)
SELECTION: dict[str, list[str]] = {
    # the case files, and the engine's fast unit tests (tests/engine's property and durable-rules
    # integration tests take minutes per mutant on a loaded 2-core machine: MUTATION_TESTS=tests/engine)
    "qd213_rules/evaluation/": ["tests/test_cases.py", "tests/evaluation", "tests/engine/test_semantics.py",
                                "tests/engine/test_status_order.py", "tests/engine/test_traces.py",
                                "tests/engine/test_waivers.py"],
    "qd213_rules/matching/": ["tests/test_cases.py", "tests/matching"],
    "qd213_rules/stream.py": ["tests/perf/test_stream.py", "tests/perf/test_one_answer.py"],
    "qd213_rules/parallel.py": ["tests/perf/test_parallel.py", "tests/perf/test_one_answer.py",
                                "tests/engine/test_host.py"],
}
DEFAULT_PATHS = list(SELECTION)
# tests left out of every mutant's run: each evaluates the whole example ward (seconds per
# mutant that survives, for checks of determinism that the case files and tests/evaluation make
# sharply); `make test` still runs them
DESELECT = ["tests/engine/test_traces.py::test_rebuilt_traces_equal_recorded_ones",
            "tests/engine/test_semantics.py::test_an_empty_session_in_a_batch_is_harmless"]
# what the tests read besides the package and themselves
COPY = ["qd213_rules", "tests", "docs", "benchmarks", "tools", "pyproject.toml", "README.md", "CHANGELOG.md",
        "mkdocs.yml", "Makefile", "LICENSE"]


def _tests_for(path: str) -> list[str]:
    override = os.environ.get("MUTATION_TESTS", "").split()
    if override:
        return override
    for prefix, tests in SELECTION.items():
        if path == prefix or path.startswith(prefix):
            return tests
    raise SystemExit(f"no test selection for {path}: set MUTATION_TESTS")


def _name(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", path.removeprefix("qd213_rules/")).strip("_")


def _prepare(path: str, tests: list[str]) -> Path:
    work = BUILD / _name(path)
    work.mkdir(parents=True, exist_ok=True)
    for item in COPY:
        # mutmut copies tests and data into mutants/ without removing what the repository no
        # longer has (a deleted case file would still run): start those copies afresh; its
        # mutated package under mutants/qd213_rules (with the verdicts) stays
        stale = work / "mutants" / item
        if item != "qd213_rules" and stale.is_dir():
            shutil.rmtree(stale)
        elif item != "qd213_rules" and stale.exists():
            stale.unlink()
        src, dst = REPO / item, work / item
        if dst.is_dir():
            shutil.rmtree(dst)
        elif dst.exists():
            dst.unlink()
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dst)
    only = path + "*" if path.endswith("/") else path
    lines = [
        "[mutmut]",
        "source_paths = qd213_rules",
        f"only_mutate = {only}",
        # pytest's own options: no cache, stop at the first failure (a mutant is killed by one)
        "pytest_add_cli_args =\n    -p\n    no:cacheprovider\n    -x\n    -q"
        + "".join(f"\n    --deselect\n    {t}" for t in DESELECT),
        "pytest_add_cli_args_test_selection =\n" + "\n".join(f"    {t}" for t in tests),
        "also_copy =\n" + "\n".join(f"    {c}" for c in COPY if c not in ("qd213_rules", "tests")),
    ]
    (work / "setup.cfg").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return work


def _mutmut(work: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("mutmut")
    env = {**os.environ, "CI": "true"}  # the bounded Hypothesis profile
    proc = subprocess.Popen([str(exe), *args], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        print(f"  stopped after the budget of {timeout:.0f} s (run again to resume)")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, "")


def _results(work: Path, path: str) -> Counter[str]:
    out = _mutmut(work, "results", "--all", "true").stdout
    module = path.removesuffix(".py").replace("/", ".")
    counts: Counter[str] = Counter()
    survivors: list[str] = []
    for line in out.splitlines():
        name, sep, verdict = line.strip().rpartition(": ")
        if not sep or not name.startswith(module):
            continue
        counts[verdict] += 1
        if verdict == "survived":
            survivors.append(name)
    (work / "survivors.txt").write_text("".join(f"{s}\n" for s in survivors), encoding="utf-8")
    return counts


def main() -> int:
    paths = os.environ.get("MUTATION_PATHS", "").split() or DEFAULT_PATHS
    budget = float(os.environ.get("MUTATION_BUDGET", "1800"))
    jobs = os.environ.get("MUTATION_JOBS", "2")
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None:
        raise SystemExit("mutmut is not installed: pip install -e '.[mutation]'")
    for path in paths:
        tests = _tests_for(path)
        work = _prepare(path, tests)
        print(f"{path}: tests {' '.join(tests)}; budget {budget:.0f} s; in {work.relative_to(REPO)}", flush=True)
        names: list[str] = []
        if os.environ.get("MUTATION_RERUN") == "survivors":
            survivors = work / "survivors.txt"
            names = survivors.read_text(encoding="utf-8").split() if survivors.exists() else []
            if not names:
                print("  no survivors to test again", flush=True)
                continue
        run = _mutmut(work, "run", "--max-children", jobs, *names, timeout=budget)
        if run.returncode not in (0, -signal.SIGTERM, -signal.SIGKILL):
            # e.g. a test that fails before any mutation: mutmut stops and says why
            print("\n".join(run.stdout.splitlines()[-40:]), flush=True)
        counts = _results(work, path)
        total = sum(counts.values())
        killed = counts["killed"]
        tested = total - counts["not checked"]
        ratio = f"{100 * killed / tested:.1f} % of tested" if tested else "none tested"
        detail = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
        print(f"  {killed} killed of {total} mutants ({ratio}); {detail}; survivors in survivors.txt", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

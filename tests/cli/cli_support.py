"""Helpers of the command-line tests (constants, the in-process runner's result, JSON Lines
conversion, the real console script); the fixtures are in conftest.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from qd213_rules.examples import EXAMPLE_AS_OF

CLI_DIR = Path(__file__).resolve().parent
REPO = CLI_DIR.parents[1]
DOCS = REPO / "docs"
GOLDEN = CLI_DIR / "golden"
CI_EXAMPLE = DOCS / "examples" / "ci"
AS_OF = EXAMPLE_AS_OF.isoformat()
CLEARED_ENV = ("QD213_LANG", "GITHUB_STEP_SUMMARY", "NO_COLOR")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def jsonl_lines(document: dict[str, object]) -> list[str]:
    """A fact document as JSON Lines: a header, then organisations, members and events."""
    lines = [json.dumps({"type": "header", "schema_version": 1, "observation": document["observation"]},
                        ensure_ascii=False)]
    for section, fact_type in (("organizations", "organization"), ("members", "member"), ("events", "event")):
        for fact in document[section]:  # type: ignore[attr-defined]
            lines.append(json.dumps({"type": fact_type, **fact}, ensure_ascii=False))
    return lines


def console_script() -> list[str]:
    """The installed ``qd213`` script beside this interpreter, else ``python -m qd213_rules``."""
    script = Path(sys.executable).with_name("qd213")
    return [str(script)] if script.exists() else [sys.executable, "-m", "qd213_rules"]


def run_script(args: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
               stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real ``qd213`` in a child process (no terminal: stdout and stderr are pipes)."""
    full_env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    full_env.update(env or {})
    return subprocess.run(console_script() + args, cwd=cwd, env=full_env, input=stdin, capture_output=True,
                          timeout=300, check=False)

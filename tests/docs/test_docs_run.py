"""Every command and code block of README.md and docs/*.md runs, against the files it names, and
every output the documentation shows is the output the command prints today.

Each page is one session, in the order of its blocks, in a scratch copy of the repository root
(``docs/`` copied, so commands that write there change nothing; the rest linked), the
directory a reader runs the commands from:

* a ``sh``/``shell`` block: each command line that starts with ``qd213 `` or ``cp `` is run by
  bash with this environment's ``qd213`` and ``python`` first on the PATH (continuation lines
  joined, ``# comments`` dropped); it must exit 0 or 1 (1 is a finding or a change, by design),
  never 2 or with a traceback. Lines that start with ``make``, ``pip``, ``python`` or
  ``jupyter`` are installation, the test suite itself, benchmarks or generators, and are not run
  here (``make demo``/``make test`` are tested by tests/test_makefile.py; generators by their
  own drift tests); any other line is an error, so that a new kind of command is not silently
  left out;
* a ``console`` block is a session transcript: its ``$ `` lines are run by bash in order, in one
  script, and what they print together must be the rest of the block;
* a ``text`` (or unmarked) block right after a command block, or after an ``<!-- output -->``
  marker, is the output of the last command run before it, compared as below;
* a ``python`` block is executed in the page's namespace (blocks build on one another), in the
  session directory; a block with ``>>>`` prompts is run as a doctest;
* a ``json``/``toml``/``yaml`` block must say what it is: after a caption line ``\\`NAME\\`:``
  (or ``\\`NAME\\` (…):``) it is written to NAME in the session directory — a policy file is
  loaded with ``load_policy``; after ``<!-- facts -->`` it is a facts snippet (a JSON document
  or JSON Lines), written to a file and checked with ``qd213 validate``; after ``<!-- same as:
  PATH -->`` each of its lines is a line of that file of the repository; the blocks between
  ``<!-- ci:…:begin -->`` markers are run by tests/cli/test_cli_ci_snippet.py;
* a block after ``<!-- not run: REASON -->`` is skipped — the reason is shown to the reader as the
  HTML comment's text in the Markdown source and must not be empty. Such exceptions are few.

Before a page's blocks, the ``<!-- setup -->`` blocks run: those of the page itself, and for
docs/ pages those of docs/index.md (README.md has its own). They create ``ward.json``, the name
the examples use for "your facts", as a copy of the bundled example ward, as the pages tell the
reader to do.

Output comparison: trailing white space is ignored and ``…`` stands for any text (several lines
included), as doctest's ELLIPSIS does; otherwise the shown output must be the whole output. The
version string (``qd213-rules X.Y.Z``) is normalised.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from qd213_rules.policy import load_policy

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
PAGES = ["README.md", *sorted(f"docs/{p.name}" for p in DOCS.glob("*.md"))]
SHELL_LANGS = {"sh", "shell", "bash"}
TEXT_LANGS = {"", "text"}
NOT_RUN_PREFIXES = ("make ", "make\t", "pip ", "python ", "jupyter ")
CLEARED_ENV = ("QD213_LANG", "GITHUB_STEP_SUMMARY", "NO_COLOR", "COLUMNS", "FORCE_COLOR")
FENCE = re.compile(r"^```(\S*)[^\n]*\n(.*?)^```[ \t]*$", re.S | re.M)
MARKER = re.compile(r"^<!--\s*(.*?)\s*-->$")
CAPTION = re.compile(r"^`([^`\s]+)`(?: \([^)]*\))?:$")


@dataclass
class Block:
    page: str
    line: int
    lang: str
    body: str
    before: str           # the nearest non-blank line before the fence
    follows_block: bool   # only blank lines between the previous block's fence and this one

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def marker(self) -> str | None:
        found = MARKER.match(self.before)
        return found.group(1) if found else None


def blocks(page: str) -> list[Block]:
    text = (REPO / page).read_text(encoding="utf-8")
    found: list[Block] = []
    previous_end = -1
    for match in FENCE.finditer(text):
        head = text[: match.start()]
        lines_before = [line for line in head.splitlines() if line.strip()]
        gap = text[previous_end: match.start()] if previous_end >= 0 else "x"
        found.append(Block(page, head.count("\n") + 1, match.group(1).lower(), match.group(2),
                           lines_before[-1].strip() if lines_before else "", not gap.strip()))
        previous_end = match.end()
    return found


def commands(block: Block) -> list[str]:
    """The command lines of a shell block, continuation lines joined, comments dropped."""
    joined: list[str] = []
    pending = ""
    for raw in block.body.splitlines():
        line = pending + raw.strip() if pending else raw.rstrip()
        if line.endswith("\\"):
            pending = line[:-1].rstrip() + " "
            continue
        pending = ""
        line = re.sub(r"(^|\s+)#\s.*$", "", line).strip()
        if line:
            joined.append(line)
    return joined


def _normalise(text: str) -> str:
    text = re.sub(r"qd213-rules \d+\.\d+\.\d+\S*", "qd213-rules X.Y.Z", text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def assert_output(shown: str, actual: str, where: str) -> None:
    expected = _normalise(shown)
    got = _normalise(actual)
    pattern = ".*?".join(re.escape(part) for part in expected.split("…"))
    assert re.fullmatch(pattern, got, re.S), (
        f"{where}: the output shown differs from the output printed today.\n--- shown\n{expected}\n"
        f"--- printed\n{got}")


@dataclass
class Session:
    root: Path
    env: dict[str, str]
    cwd: Path = Path()
    namespace: dict[str, object] = field(default_factory=dict)
    last_output: str | None = None
    ran: int = 0

    def bash(self, script: str, where: str) -> subprocess.CompletedProcess[str]:
        # a `cd` in a transcript holds for the rest of the page, as in a reader's terminal
        script += '\nstatus=$?; echo "@@cwd=$PWD" >&2; exit $status'
        proc = subprocess.run(["bash", "-c", script], cwd=self.root / self.cwd, env=self.env,
                              capture_output=True, text=True, timeout=300, check=False)
        stderr, _, cwd = proc.stderr.rpartition("@@cwd=")
        self.cwd = Path(cwd.strip()).relative_to(self.root.resolve())
        assert "Traceback" not in stderr, f"{where}: {script}\n{stderr}"
        self.ran += 1
        return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout, stderr)

    def shell(self, block: Block) -> None:
        for command in commands(block):
            if command.startswith(("qd213 ", "cp ")):
                proc = self.bash(command, block.where)
                assert proc.returncode in (0, 1), (
                    f"{block.where}: `{command}` exited with {proc.returncode}\n{proc.stderr}")
                self.last_output = proc.stdout
            elif not command.startswith(NOT_RUN_PREFIXES):
                pytest.fail(f"{block.where}: `{command}` is neither run by this test nor an install, test, "
                            "benchmark or generator command; run it here or mark the block <!-- not run: … -->")

    def console(self, block: Block) -> None:
        script = [line[2:] for line in block.body.splitlines() if line.startswith("$ ")]
        shown = "\n".join(line for line in block.body.splitlines() if not line.startswith("$ "))
        assert script, f"{block.where}: a console block without a `$ ` command"
        proc = self.bash("\n".join(script), block.where)
        assert_output(shown, proc.stdout, block.where)

    def python(self, block: Block) -> None:
        os.chdir(self.root / self.cwd)
        if ">>>" in block.body:
            test = doctest.DocTestParser().get_doctest(block.body, self.namespace, block.where, block.page,
                                                       block.line)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test, clear_globs=False)
            assert not runner.failures, f"{block.where}: the doctest fails"
        else:
            exec(compile(block.body, block.where, "exec"), self.namespace)  # noqa: S102 - our own docs
        self.ran += 1

    def data(self, block: Block) -> None:
        marker = block.marker or ""
        caption = CAPTION.match(block.before)
        if marker.startswith("ci:"):
            assert (REPO / "tests/cli/test_cli_ci_snippet.py").exists()
        elif marker == "facts":
            suffix = ".json" if block.body.lstrip().startswith("{\n") or block.body.count("\n{") == 0 else ".jsonl"
            name = f"snippet-{block.line}{suffix}"
            (self.root / name).write_text(block.body, encoding="utf-8")
            proc = self.bash(f"qd213 validate {name} --lang en", block.where)
            assert proc.returncode == 0, f"{block.where}: the facts shown do not validate:\n{proc.stderr}"
        elif marker.startswith("same as:"):
            path = REPO / marker.split(":", 1)[1].strip()
            lines = set(path.read_text(encoding="utf-8").splitlines())
            for line in block.body.splitlines():
                assert line in lines, f"{block.where}: {line!r} is not in {path.relative_to(REPO)}"
        elif caption:
            target = self.root / caption.group(1)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
            if "policy" in target.name:
                load_policy(str(target))
        else:
            pytest.fail(f"{block.where}: a {block.lang} block that says neither what it is nor that it is not "
                        "run (a `NAME`: caption, <!-- facts -->, <!-- same as: PATH -->, <!-- not run: … -->)")

    def run(self, block: Block) -> None:
        marker = block.marker or ""
        if marker.startswith("not run"):
            assert marker.partition(":")[2].strip(), f"{block.where}: <!-- not run: … --> needs a reason"
            return
        if block.lang in SHELL_LANGS:
            self.shell(block)
        elif block.lang == "console":
            self.console(block)
        elif block.lang == "python":
            self.python(block)
        elif block.lang in {"json", "toml", "yaml"}:
            self.data(block)
        elif block.lang in TEXT_LANGS:
            if marker == "output" or block.follows_block and self.last_output is not None:
                assert self.last_output is not None, f"{block.where}: an output block before any command"
                assert_output(block.body, self.last_output, block.where)
                self.last_output = None
        else:
            pytest.fail(f"{block.where}: a block in {block.lang!r}, which this test does not know")
        if block.lang not in TEXT_LANGS and block.lang not in SHELL_LANGS:
            self.last_output = None


def _session_root(tmp_path: Path) -> Path:
    root = (tmp_path / "repo").resolve()
    root.mkdir()
    for entry in REPO.iterdir():
        if entry.name in {".git", ".venv", "build", "docs"} or entry.name.startswith(".mypy"):
            continue
        (root / entry.name).symlink_to(entry)
    shutil.copytree(DOCS, root / "docs")
    return root


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["MPLBACKEND"] = "Agg"
    return env


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_as_shown(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    session = Session(_session_root(tmp_path), _environment())
    monkeypatch.chdir(session.root)
    setup = [b for b in blocks(page) if b.marker == "setup"]
    if page.startswith("docs/"):
        setup = [b for b in blocks("docs/index.md") if b.marker == "setup"] + setup
    for block in setup:
        session.shell(block)
    for block in blocks(page):
        if block.marker != "setup":
            session.run(block)


def test_every_block_is_seen() -> None:
    """The parser finds the blocks (a change of fence style would otherwise skip them all)."""
    total = sum(len(blocks(page)) for page in PAGES)
    fences = sum((REPO / page).read_text(encoding="utf-8").count("\n```") for page in PAGES)
    assert total * 2 == fences, (total, fences)


def test_setup_names_the_example_ward() -> None:
    """The setup the examples rely on is in the pages, visible: README and docs/index.md."""
    for page in ("README.md", "docs/index.md"):
        setup = [b for b in blocks(page) if b.marker == "setup"]
        assert setup and "ward.json" in setup[0].body, page


def test_output_comparison_can_fail() -> None:
    assert_output("a …\nz", "a b\nc\nz", "x")
    with pytest.raises(AssertionError):
        assert_output("a\nz", "a b\nz", "x")


def test_qd213_is_this_environment_s() -> None:
    """The commands run as `qd213` are this checkout's (the console script beside this python)."""
    assert Path(sys.executable).with_name("qd213").exists()

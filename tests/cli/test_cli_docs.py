"""The user documentation (docs/) stays true to the code: every command and option is in
cli.md, every fact kind and field in facts.md, the quickstart's Python runs, links resolve,
and mkdocs.yml lists existing pages (and builds, when ProperDocs is installed)."""

from __future__ import annotations

import argparse
import importlib.util
import re
import tempfile
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli.cli_support import DOCS, REPO

from qd213_rules.commands import build_parser
from qd213_rules.examples import example_ward_path
from qd213_rules.facts import EVENT_MODELS, Member, Organization, OrgKind

OWN_PAGES = ("index.md", "quickstart.md", "facts.md", "cli.md", "ci.md", "notebooks.md", "faq.md",
             "reading-differently.md")
GENERATED = ("obligations.md", "policy.md", "categories.md", "errors.md", "coverage.md", "decisions.md")


def _read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_cli_md_documents_every_command_and_option() -> None:
    text = _read("cli.md")
    commands = _subparsers(build_parser("en"))
    for name, sub in commands.items():
        assert f"## `{name}`" in text, name
        section = text.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in section or option in text, (name, option)
            if action.choices and not isinstance(action, argparse._SubParsersAction):
                for choice in action.choices:
                    assert str(choice) in section, (name, action.dest, choice)
    for code in ("`0`", "`1`", "`2`"):
        assert f"| {code} |" in text


def test_facts_md_documents_every_kind_and_field() -> None:
    text = _read("facts.md")
    for kind in OrgKind:
        assert f"`{kind.value}`" in text
    for model in (Organization, Member):
        for field in model.model_fields:
            assert f"`{field}`" in text, field
    for model in EVENT_MODELS:
        kind = model.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
        row = next((line for line in text.splitlines() if line.startswith(f"| `{kind}` |")), None)
        assert row is not None, kind
        for field in model.model_fields:
            if field not in ("id", "kind", "date", "note"):
                assert f"`{field}`" in row, (kind, field)
    assert "schema/facts.schema.json" in text


def test_quickstart_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    text = _read("quickstart.md")
    code = re.search(r"<!-- quickstart-example -->\n```python\n(.*?)```", text, re.S)
    assert code, "the quickstart's example block is marked <!-- quickstart-example -->"
    source = code.group(1)
    assert len([line for line in source.splitlines() if line.strip()]) <= 10
    shutil.copyfile(str(example_ward_path()), tmp_path / "ward.json")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(source, "quickstart.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "'overdue':" in out and "Citation:" in out
    assert str(namespace["report_json"]).startswith("{")


@pytest.mark.parametrize("page", OWN_PAGES)
def test_links_resolve(page: str) -> None:
    text = _read(page)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (DOCS / target.split("#", 1)[0]).resolve()
        assert path.exists(), f"{page} links to {target}, which does not exist"
    for machine_path in (str(DOCS.resolve().parents[1]), tempfile.gettempdir()):  # the checkout's parent, /tmp
        assert machine_path + "/" not in text, f"{page} names a machine path"


def test_mkdocs_nav_lists_existing_pages() -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^docs_dir: docs$", config, re.M)
    pages = re.findall(r":\s+(\S+\.md)\s*$", config, re.M)
    assert set(OWN_PAGES) | set(GENERATED) <= set(pages)
    missing = [p for p in pages if not (DOCS / p).exists() and p not in GENERATED]
    assert not missing


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None, reason="the docs extra is not installed")
def test_site_builds_with_properdocs(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "properdocs", "build", "-f", str(REPO / "mkdocs.yml"), "-d",
                           str(tmp_path / "site")], capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "WARNING" in line]   # strict: true fails on them too
    assert not warnings, warnings
    assert (tmp_path / "site" / "cli" / "index.html").exists()

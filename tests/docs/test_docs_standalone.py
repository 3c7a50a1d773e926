"""The product stands alone: a user who installed the package, or reads its docs, has everything
it refers to. No file of the package, of docs/ or README.md, and no output of the commands that
print reference material (``qd213 obligations`` in every format and language, ``qd213 schema``,
``qd213 schema --lines``) mentions the workspace the product was built in: ``../shared``, the
contract ``DESIGN.md``, or its ``domain/`` and ``research/`` folders. What users need from them
is in docs/ (regulation.md, interpretation.md, semantics.md, durable-rules.md, decisions.md).

The tests themselves may still read ../shared when it is present (they skip when it is not)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qd213_rules.cli import main

REPO = Path(__file__).resolve().parents[2]
OUTSIDE = re.compile(r"\.\./shared|DESIGN\.md|DESIGN §|\bdomain/|\bresearch/")
SHIPPED = ("qd213_rules", "docs", "README.md")
BINARY = {".png", ".jpg", ".jpeg", ".gif", ".ico", ".pyc", ".so", ".woff", ".woff2"}


def _shipped_files() -> list[Path]:
    files: list[Path] = []
    for name in SHIPPED:
        root = REPO / name
        candidates = [root] if root.is_file() else sorted(root.rglob("*"))
        files += [p for p in candidates if p.is_file() and p.suffix not in BINARY and "__pycache__" not in p.parts]
    return files


def mentions(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if OUTSIDE.search(line)]


def test_no_shipped_file_refers_outside_the_repository() -> None:
    found = []
    for path in _shipped_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(REPO)}: {line[:120]}" for line in mentions(text)]
    assert not found, "\n".join(found[:40]) + (f"\n… {len(found)} in all" if len(found) > 40 else "")


@pytest.mark.parametrize("args", [
    ["obligations", "--lang", "vi"], ["obligations", "--lang", "en"],
    ["obligations", "--format", "markdown", "--lang", "en"], ["obligations", "--format", "json"],
    ["obligations", "D2.K7b", "--lang", "en"], ["schema"], ["schema", "--lines"],
], ids=" ".join)
def test_cli_reference_output_refers_to_nothing_outside(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.strip()
    assert not mentions(out), mentions(out)[:10]


def test_the_check_can_fail() -> None:
    assert mentions("see DESIGN.md §7.3") and mentions("(../shared/domain/qd213.md)")
    assert mentions("research/durable.md") and not mentions("semantics §3, interpretation Q1")

"""Imports run one way: no circle among the package's modules (docs/architecture.md).

The graph is read from the source with :mod:`ast`: every import of a ``qd213_rules`` module
(``import``/``from … import``) — at module level, inside ``try`` and ordinary ``if`` blocks, and
inside functions and methods too (an import put off until a call is still a dependency: a circle
hidden in a function is a circle) — but not under ``if TYPE_CHECKING:``, which only the type
checker follows. A module's own parent packages are not edges (importing ``a.b.c`` runs ``a``
and ``a.b`` first, whoever asks); a module that imports a name from a package depends on that
package's ``__init__``, or on the submodule when the name is one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import qd213_rules

PACKAGE = Path(qd213_rules.__file__).parent


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _module_level(node.body)
            yield from _module_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                yield from _module_level(block)


def _every_import(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import of ``body``, nested blocks, functions and classes included, except those
    under ``if TYPE_CHECKING:``."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _every_import(node.orelse)
        else:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _every_import([child])
                elif isinstance(child, (ast.excepthandler, ast.match_case)):
                    yield from _every_import(child.body)


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, modules: set[str]) -> set[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            prefix = ".".join([*base, *([node.module] if node.module else [])])
        else:
            prefix = node.module or ""
        names = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix for alias in node.names]
    own_parents = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    out = set()
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            candidate = ".".join(parts[:i])
            if candidate in modules and candidate != module and (candidate == name or candidate not in own_parents):
                out.add(candidate)
    return out


def import_graph(*, in_functions: bool = True) -> dict[str, set[str]]:
    """Module → the package modules it imports (``in_functions=False``: at module level only)."""
    modules = _modules()
    imports = _every_import if in_functions else _module_level
    graph = {}
    for module, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[module] = set().union(*(_targets(module, is_package, n, set(modules)) for n in imports(tree.body)))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), and self-loops."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_circle() -> None:
    graph = import_graph()
    assert "qd213_rules.engine" in graph and "qd213_rules.report" in graph["qd213_rules.engine"]
    assert "qd213_rules.parallel" in graph["qd213_rules.engine"]  # the graph sees imports in functions too
    circles = cycles(graph)
    assert circles == [], "import circles: " + "; ".join(
        " ↔ ".join(f"{m} → {sorted(graph[m] & set(c))}" for m in c) for c in circles
    )


def test_the_check_sees_a_circle() -> None:
    """The detector finds the circles it is meant to refuse (a test that cannot fail is no test)."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"a"}}) == [["a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_reads_relative_imports_and_skips_type_checking(tmp_path: Path) -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from .facts import FactSet\n"
        "from .evaluation.results import Result\n"
        "if TYPE_CHECKING:\n"
        "    from .report import Report\n"
        "def later():\n"
        "    from .engine import evaluate\n"
    )
    tree = ast.parse(source)
    modules = set(_modules())
    targets = set().union(*(_targets("qd213_rules.explain", False, n, modules) for n in _module_level(tree.body)))
    assert targets == {"qd213_rules.facts", "qd213_rules.evaluation", "qd213_rules.evaluation.results"}


def test_the_seams_of_issue_13_hold() -> None:
    """The engine calls the process machinery (parallel) and builds the report, neither of which
    imports it back; the loader builds on the fact set, which does not import the loader; the
    Dask entry point sits above the engine (docs/architecture.md)."""
    graph = import_graph()
    for low in ("qd213_rules.parallel", "qd213_rules.report", "qd213_rules.jsonout"):
        assert "qd213_rules.engine" not in graph[low], low
        assert "qd213_rules.cluster" not in graph[low], low
    assert "qd213_rules.facts.loader" not in graph["qd213_rules.facts.factset"]
    assert "qd213_rules.facts.factset" not in graph["qd213_rules.facts.document_object"]
    assert "qd213_rules.facts.loader" not in graph["qd213_rules.facts.document_object"]
    for fact_module in [m for m in graph if m.startswith("qd213_rules.facts")]:
        assert not any(t.startswith(("qd213_rules.engine", "qd213_rules.evaluation", "qd213_rules.report")) for t in graph[fact_module])


def test_the_graph_reads_imports_in_functions(tmp_path: Path) -> None:
    """An import put off until a call is an edge; one under TYPE_CHECKING is not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from .report import Report\n"
        "class C:\n"
        "    def method(self):\n"
        "        with open('x'):\n"
        "            for _ in ():\n"
        "                try:\n"
        "                    pass\n"
        "                except ImportError:\n"
        "                    from .engine import evaluate\n"
        "def later():\n"
        "    if True:\n"
        "        from .facts import FactSet\n"
    )
    tree = ast.parse(source)
    modules = set(_modules())
    targets = set().union(*(_targets("qd213_rules.explain", False, n, modules) for n in _every_import(tree.body)))
    assert targets == {"qd213_rules.engine", "qd213_rules.facts"}
    # the circle the graph used to hold, through imports in functions (parallel ↔ engine)
    assert cycles({"qd213_rules.engine": {"qd213_rules.parallel"}, "qd213_rules.parallel": {"qd213_rules.engine"}}) != []

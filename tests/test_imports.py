"""The layout holds: no import cycle anywhere under lint/, and every folder says what it holds.

The graph is read from the source (ast), not by importing: every `import lint...` and
`from lint... import ...`, at module level or inside a function (a deferred import still ties
two modules together). `from lint.x import y` is an edge to the module `lint.x.y` when y is a
module, else to `lint.x`. The parent packages an import runs first are not edges: the kinds'
registry (lint/kinds/__init__.py) imports every kind, and every kind imports lint.kinds.base;
that is how a package works, not a cycle between modules.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

import pytest

LINT = Path(__file__).resolve().parent.parent / "lint"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(LINT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> Dict[str, Path]:
    return {module_name(p): p for p in sorted(LINT.rglob("*.py")) if "__pycache__" not in p.parts}


def imports_of(name: str, path: Path, known: Set[str]) -> Set[str]:
    """The lint modules `path` imports, anywhere in it."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from ..y import z
                base = package[: len(package) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                out.add(submodule if submodule in known else source)
    return {m for m in out if m in known and m != name}


def import_graph() -> Dict[str, Set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def find_cycles(graph: Dict[str, Set[str]]) -> List[List[str]]:
    """One cycle (a -> b -> ... -> a) through each strongly connected group of modules."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    groups: List[List[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graph is ~100 modules deep at most
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, set(group)) for group in groups]


def _cycle_in(graph: Dict[str, Set[str]], group: Set[str]) -> List[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph[node] & group):
                if target == start:
                    return paths[node] + [start]
                if target not in paths:
                    paths[target] = paths[node] + [target]
                    following.append(target)
        frontier = following
    return sorted(group)  # unreachable for a strongly connected group


def test_the_walk_sees_every_kind_of_import():
    """The walker itself: a module-level import, one inside a function, `from package import
    module` and a relative import are all edges; a cycle through them is named."""
    graph = import_graph()
    assert "lint.drafts.decode" in graph["lint.drafts.reader"]  # from lint.drafts.decode import ...
    assert "lint.drafts.decode" in graph["lint.packs.yamlload"]  # from lint.drafts import decode, in a function
    assert "lint.cli.check" in graph["lint.cli.main"]  # from lint.cli import check, in a function
    assert "lint.kinds.base" in graph["lint.kinds.generic.existence"]
    toy = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": set()}
    assert find_cycles(toy) == [["a", "b", "c", "a"]]


def test_lint_has_no_import_cycle():
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles under lint/ (move the shared piece to a module both can import):\n" + "\n".join(
        " -> ".join(cycle) for cycle in cycles
    )


FOLDERS = sorted(p for p in LINT.rglob("*") if p.is_dir() and p.name != "__pycache__" and any(p.glob("*.py")))


@pytest.mark.parametrize("folder", [LINT] + FOLDERS, ids=lambda p: str(p.relative_to(LINT.parent)))
def test_every_folder_says_what_it_holds(folder):
    init = folder / "__init__.py"
    assert init.is_file(), f"{folder} has no __init__.py"
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring, f"{init} has no docstring: say in a sentence what the folder holds"
    first = docstring.strip().split("\n\n")[0]
    assert len(first.split()) >= 6 and first.rstrip().endswith("."), f"{init}: the docstring should be at least a sentence: {first!r}"

"""suggest/ is laid out as DESIGN.md says: small modules, no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import annotator.core.suggest as suggest

ROOT = Path(suggest.__file__).parent
PACKAGE = "annotator.core.suggest"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in ROOT.rglob("*.py")}


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:`` (never imported at run time)."""
    out: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        out.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return out


def imports_of(source: str, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``source`` imports (at any depth, at run time)."""
    found = set()
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                if sub in modules:
                    found.add(sub)
                elif node.module in modules:
                    found.add(node.module)
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], dict.fromkeys(graph, 0)  # 0 new, 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state[nxt] == 1:
                found.append([*path[path.index(nxt) :], nxt])
            elif state[nxt] == 0:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node, [node])
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    names = set(modules)
    return {
        name: imports_of(path.read_text(encoding="utf-8"), names) - {name}
        for name, path in modules.items()
    }


def test_suggest_has_no_import_cycle():
    graph = _graph()
    assert f"{PACKAGE}.analysis" in graph[f"{PACKAGE}.compose"]  # the reader sees imports
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]
    source = "from x import y\nif TYPE_CHECKING:\n    import b\ndef f():\n    import a\n"
    assert imports_of(source, {"a", "b", "x", "x.y"}) == {"a", "x.y"}


def test_no_module_in_suggest_is_over_400_lines():
    lengths = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in _modules().values()
    }
    assert {name: n for name, n in lengths.items() if n > 400} == {}


def test_every_component_is_registered_and_in_the_config():
    from annotator.core.suggest.components import REGISTRY
    from annotator.core.suggest.pipeline import config

    cfg = config()
    assert sorted(cfg["components"]) == sorted(REGISTRY)
    for cls in REGISTRY.values():
        assert cls.labels, cls.name
        assert set(cls.rules()) <= set(cfg["priorities"]), cls.name

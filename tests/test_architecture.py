"""The house's shape: no import cycles, lower modules never import higher ones, and defined names
are spelled only in the spec module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import dsi_xl
from dsi_xl import spec

SRC = Path(dsi_xl.__file__).parent
SPEC_MODULE = "dsi_xl.spec"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every dsi_xl module ``name`` imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target.startswith("dsi_xl"):
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    graph = {name: _imports(name, path, known) for name, path in modules.items()}
    # a package's __init__ importing its own submodules is not a dependency on the package
    for name, edges in graph.items():
        edges -= {e for e in edges if name.startswith(e + ".") and e != "dsi_xl"} - set()
        # every "from dsi_xl import x" names the package root too; dsi_xl/__init__ holds the version
        # and main(), the ribbon button's entry, which imports the Excel shell only when called
        # (tests/test_validation_imports.py: importing dsi_xl loads no other module of it)
        edges.discard("dsi_xl")
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


def test_modules_import_no_cycle():
    graph = {m: {e for e in edges if not m.startswith(e + ".")} for m, edges in _graph().items()}
    assert _cycle(graph) is None


def test_packages_import_no_cycle():
    packages: dict[str, set[str]] = {}
    for module, edges in _graph().items():
        packages.setdefault(_package(module), set()).update(
            _package(e) for e in edges if _package(e) != _package(module))
    assert _cycle(packages) is None


LOWER = ("dsi_xl.errors", "dsi_xl.format", "dsi_xl.money", "dsi_xl.spec", "dsi_xl.workbook")
BASE = {"dsi_xl.errors", "dsi_xl.format", "dsi_xl.money", "dsi_xl.agreement", "dsi_xl.spec", "dsi_xl.workbook"}


@pytest.mark.parametrize("lower", LOWER)
def test_lower_modules_import_only_lower_ones(lower):
    """errors, formats, money, the spec and the reader sit at the bottom: they import nothing from
    the template, the validator, the reports, the shells or the functions."""
    for module, edges in _graph().items():
        if _package(module) == lower:
            above = {e for e in edges if _package(e) not in BASE}
            assert not above, f"{module} imports {sorted(above)}"


# a defined name inside any text: not part of a longer word, and not a function call (DSI_BUDGET( is the function)
_NAME_IN_TEXT = re.compile(r"(?<![A-Za-z0-9_])DSI_[A-Z0-9_]+(?![A-Za-z0-9_(])")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _spelled(source: str) -> set[str]:
    """Every defined name spelled in a string literal of ``source`` (alone, or inside a longer text such
    as ``"=SUM(DSI_FAKTISK)"`` or an f-string's text), docstrings aside: every name of the spec, and
    every name shaped like a payment goal's own (``DSI_M4_VAERDI``)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    defined = {entry.name for entry in spec.ALL_NAMES}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            found |= {t for t in _NAME_IN_TEXT.findall(node.value) if t in defined or spec.GOAL_NAME.fullmatch(t)}
    return found


def test_only_the_spec_module_spells_a_defined_name():
    offenders = {
        name: sorted(found)
        for name, path in _modules().items()
        if name != SPEC_MODULE and (found := _spelled(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


@pytest.mark.parametrize(("source", "found"), [
    ('x = "DSI_FAKTISK"', {"DSI_FAKTISK"}),
    ('x = "=SUM(DSI_UDBETALT_BELOEB)"', {"DSI_UDBETALT_BELOEB"}),
    ('x = f"{a} er forklaret i DSI_AFVIGELSE_FORKLARING."', {"DSI_AFVIGELSE_FORKLARING"}),
    ('x = "DSI_M4_VAERDI og DSI_M12_RESULTAT"', {"DSI_M4_VAERDI", "DSI_M12_RESULTAT"}),
    ('x = "=DSI_BUDGET(1,2027,DSI_X)"', set()),  # the function DSI_BUDGET, and no name
    ('x = "DSI_FAKTISKE"', set()),  # a longer word
    ('"""DSI_FAKTISK in a docstring."""', set()),
    ('x = f"={DSI_FAKTISK}"', set()),  # the constant, spelled by the spec
])
def test_the_spelling_check_sees_a_name_inside_a_longer_text(source, found):
    assert _spelled(source) == found


def test_the_architecture_test_sees_real_imports():
    """The graph is not empty by accident: the validator's engine imports the spec."""
    graph = _graph()
    assert "dsi_xl.spec" in graph["dsi_xl.validation.engine"] or "dsi_xl.spec" in graph["dsi_xl.validation.context"]

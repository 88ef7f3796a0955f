"""The layout keeps its promises: stages import only the stages before them, no module of
``tui`` takes part in an import circle, the engine never imports Textual, and every module is
short and says what it is for (see README, "Architecture").

Imports are read from each module's source (its AST), every import statement wherever it
stands, inside functions too, so a lazy import cannot hide a circle; relative imports are
resolved. Imports under ``if TYPE_CHECKING:`` (annotations only, never run) count too: the
stage rules hold for them, and they close no circle either.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tui"
MAX_LINES = 500

STAGES = ("ingest", "align", "diverge", "corpus", "export", "pipeline", "model", "reports")
ALLOWED = {
    # stage: the parts of tui.core it may import (itself always)
    "model": set(),
    "reports": {"model"},  # (the values of the corpus stage)
    "ingest": {"model"},
    "align": {"model"},
    "diverge": {"model", "align"},
    "pipeline": {"model", "ingest", "align", "diverge"},
    "corpus": {"model", "reports", "ingest", "align", "pipeline"},
    "export": {"model", "reports", "ingest"},
}


def module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Is ``node`` in the body of an ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)?"""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.If) and child in parent.body:
            test = parent.test
            if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                    isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
                return True
        child, parent = parent, parents.get(parent)
    return False


@cache
def imports(name: str) -> tuple[tuple[str, bool], ...]:
    """``(imported name, type-checking only)`` for every import statement of module ``name``:
    the module a ``from X import y`` takes ``y`` from, or ``X.y`` when that is a module."""
    path = modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules()
                       else source for alias in node.names]
        else:
            continue
        only_types = _type_checking_only(node, parents)
        found.extend((target, only_types) for target in targets)
    return tuple(found)


def graph(*, with_type_checking: bool) -> dict[str, set[str]]:
    """Module -> the modules of ``tui`` it imports."""
    known = modules()
    return {name: {target for target, only_types in imports(name)
                   if target in known and target != name
                   and (with_type_checking or not only_types)}
            for name in known}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def stage(name: str) -> str | None:
    parts = name.split(".")
    if parts[:2] != ["tui", "core"] or len(parts) < 3:
        return None
    return parts[2]


# ----------------------------------------------------------------------------- the tests


def test_the_import_walk_sees_lazy_and_relative_imports():
    """The walk itself: a lazy import inside a function and a relative one are both found."""
    edges = graph(with_type_checking=False)
    assert "tui.core.pipeline" in edges["tui"]  # (tui.compare imports it inside the function)
    assert "tui.core.align.linker" in edges["tui.core.pipeline"]  # (from .align.linker)
    assert "tui.core.align.vector" in edges["tui.core.align.linker"]  # (lazy, long texts)
    assert "tui.core.ingest.meta" in edges["tui.core.ingest.loader"]  # (from . import meta)


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle_anywhere_in_tui():
    assert circles(graph(with_type_checking=False)) == []


def test_no_circle_even_through_annotation_only_imports():
    assert circles(graph(with_type_checking=True)) == []


def test_stages_import_only_the_stages_before_them():
    wrong = []
    for name, targets in graph(with_type_checking=True).items():
        own = stage(name)
        if own is None:
            continue
        assert own in ALLOWED, f"{name}: a folder of tui/core that ALLOWED does not list"
        for target in targets:
            other = stage(target)
            if other is None:
                wrong.append(f"{name} imports {target} (outside the engine)")
            elif other != own and other not in ALLOWED[own]:
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_alignment_knows_nothing_of_divergences():
    for name in modules():
        if name.startswith("tui.core.align"):
            assert not [target for target, _ in imports(name)
                        if target.startswith("tui.core.diverge")], name


def test_no_engine_module_imports_textual():
    for name in modules():
        if name.startswith("tui.core"):
            assert not [target for target, _ in imports(name)
                        if target.split(".")[0] == "textual"
                        or target.startswith("tui.app")], name


def test_every_module_is_short_and_says_what_it_is_for():
    long, silent = [], []
    for path in modules().values():
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES:
            long.append(f"{path.relative_to(ROOT)}: {lines} lines")
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))):
            silent.append(str(path.relative_to(ROOT)))
    assert long == [], f"modules over {MAX_LINES} lines: split them"
    assert silent == [], "modules without a docstring"


def test_every_engine_folder_is_a_stage():
    folders = {p.name for p in (PACKAGE / "core").iterdir()
               if p.is_dir() and (p / "__init__.py").exists()}
    files = {p.stem for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__"}
    assert folders | files == set(STAGES)

"""Imports run one way (docs/architecture.md): a file's imports tell its layer.

    core, cypher  <-  loader, graph  <-  report  <-  app, smp (the command line)

Every import in every module is checked, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYER = {
    "core": 0,
    "cypher": 0,
    "loader": 1,
    "graph": 1,
    "report": 2,
    "synth": 2,
    "app": 3,
    "smp": 3,
}
#: Imports across one layer that are allowed: graph's one reader reads the records the
#: loader wrote through the loader's own reading back.
ACROSS = {("graph.read", "loader.readback")}
#: graph's analyses are pure functions over NetworkX graphs.
NOT_IN_ANALYSES = ("neo4j", "loader", "cypher", "streamlit", "pandas")


def _modules():
    for package in LAYER:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield name.removesuffix(".__init__"), path


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


MODULES = dict(_modules())


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module):
    own = module.split(".")[0]
    wrong = []
    for target in _imports(MODULES[module]):
        other = target.split(".")[0]
        if other not in LAYER or other == own:
            continue
        if (module, target) in ACROSS or any(target.startswith(f"{t}.") for m, t in ACROSS
                                              if m == module):  # fmt: skip
            continue
        if LAYER[other] >= LAYER[own]:
            wrong.append(target)
    assert not wrong, f"{module} imports {wrong}: a layer may import only layers below it"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("graph.")))
def test_graph_analyses_are_pure(module):
    if module == "graph.read":
        return
    barred = NOT_IN_ANALYSES
    if module == "graph.frames":  # the analyses' findings as DataFrames: pandas, no more
        barred = tuple(b for b in NOT_IN_ANALYSES if b != "pandas")
    used = [t for t in _imports(MODULES[module]) if t.split(".")[0] in barred]
    assert not used, f"{module} imports {used}"


def test_the_base_imports_nothing_of_ours():
    for module, path in MODULES.items():
        if module.startswith("core"):
            ours = [t for t in _imports(path) if t.split(".")[0] in LAYER and t[:4] != "core"]
            assert not ours, (module, ours)


def test_the_check_itself_sees_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from smp.cli import main\n")
    assert "smp.cli" in _imports(bad)


def test_declared_dependencies_are_the_pinned_ones():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = (ROOT / "requirements.txt").read_text().lower().splitlines()
    dev = (ROOT / "requirements-dev.txt").read_text().lower().splitlines()
    for pin in project["dependencies"]:
        assert pin.lower() in runtime, pin
    for pin in project["optional-dependencies"]["dev"]:
        assert pin.lower() in dev and pin.lower() not in runtime, pin


#: What only graph/fastnx.py may touch: networkx's private dicts and cache.
NX_INTERNALS = ("_node", "_adj", "_succ", "_pred", "_clear_cache")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_networkx_internals_only_in_fastnx(module):
    """networkx's private internals are read and written in one module, whose tests
    (tests/test_fastnx.py) fail first if an upgrade changes them."""
    if module == "graph.fastnx":
        return
    used = sorted({
        node.attr for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in NX_INTERNALS
    })  # fmt: skip
    assert not used, f"{module} uses networkx's {used}: go through graph/fastnx.py"


#: What a page may not import: it arranges what app.data and app.updates give it.
DATABASE_WORK = (
    "neo4j", "core.db", "cypher", "graph.read", "loader.write", "loader.readback",
    "loader.history", "loader.validate", "loader.annotate",
)  # fmt: skip


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("app.views.")))
def test_pages_only_arrange(module):
    used = [t for t in _imports(MODULES[module])
            if any(t == w or t.startswith(f"{w}.") for w in DATABASE_WORK)]  # fmt: skip
    assert not used, (
        f"{module} imports {used}: database work belongs in app/data.py or app/updates.py"
    )

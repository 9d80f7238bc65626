"""Every notebook runs top to bottom against the test server, draws at least one chart
that needs no internet, keeps its outputs small, and is stored without outputs; its
tables put names first and show text whole and left-aligned; it analyses as of today.

``SMP_NOTEBOOK_OUT=folder`` keeps each executed notebook there, to look at its outputs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import run_smp

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"


@pytest.fixture(scope="module")
def sample_loaded(neo4j_env):
    assert run_smp("load", str(SAMPLE), "--replace").returncode == 0


def test_there_are_notebooks():
    assert len(NOTEBOOKS) == 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


#: "Today" for the notebooks: a day in the sample network's life (the suite's own
#: SMP_TODAY is a year on, when every term has ended).
TODAY = "2026-11-15"


@pytest.mark.neo4j
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(sample_loaded, path, monkeypatch):
    monkeypatch.setenv("SMP_TODAY", TODAY)  # the kernel's: they analyse as of today
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    if os.environ.get("SMP_NOTEBOOK_OUT"):
        nbformat.write(notebook, Path(os.environ["SMP_NOTEBOOK_OUT"]) / path.name)
    text = "".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "Traceback" not in text
    assert "as of 15 November 2026" in text  # the latest data: today
    if path.name.startswith("04"):
        assert "Cypher and NetworkX agree: True" in text
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    charts = [o for o in outputs if "image/png" in o.get("data", {})]
    assert charts, f"{path.name} draws no chart"  # a static picture: works offline
    tables = [o["data"]["text/html"] for o in outputs if "<table" in o.get("data", {}).get(
        "text/html", "")]  # fmt: skip
    assert tables, path.name
    for table in tables:  # names first, text left-aligned and whole
        headers = [h.strip() for h in re.findall(r"<th[^>]*>([^<]*)</th>", table) if h.strip()]
        assert not re.search(r"(_id|\bid|code)$", headers[0]), (path.name, headers)
        assert "text-align: left" in table and "..." not in table, path.name
    stored = json.dumps(outputs)
    assert len(stored) < 400_000, f"{path.name}: {len(stored):,} bytes of output"
    assert not re.search(r"<script[^>]+src=|https?://[^\s\"']+\.js", stored), path.name


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["02-coverage", "04-cypher-and-networkx"])
def test_with_names_off_no_person_is_named_or_identified(sample_loaded, name, monkeypatch):
    """SMP_NAMES=0 (issue 28, row 15): every cell describes people by role and
    organisation; no name and no person id in any output."""
    monkeypatch.setenv("SMP_NAMES", "0")
    monkeypatch.setenv("SMP_TODAY", TODAY)
    path = next(p for p in NOTEBOOKS if p.stem == name)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # fmt: skip
    text = json.dumps([o for c in notebook.cells if c.cell_type == "code" for o in c.outputs])
    assert not re.findall(r"P-\d{5}", text), re.findall(r".{60}P-\d{5}", text)[:3]
    for sample_name in ("Leanne Griffiths", "Robert Roberts"):
        assert sample_name not in text

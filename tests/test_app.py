"""Every page of the app, run headless with streamlit.testing against the test server
loaded with the sample network."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import run_smp

pytestmark = pytest.mark.neo4j
MAIN = str(Path(__file__).resolve().parent.parent / "app" / "main.py")
AS_OF = dt.date(2026, 9, 30)
YORKSHIRE = "E12000003"


@pytest.fixture(scope="module")
def sample_loaded(neo4j_env):
    sample = Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"
    result = run_smp("load", str(sample), "--replace")
    assert result.returncode == 0, result.stderr


def app(page: str | None = None, region: str = "") -> AppTest:
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(MAIN, default_timeout=120)
    at.session_state["as_of"] = AS_OF
    at.session_state["region"] = region
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_overview(sample_loaded):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Council areas covered"] == "350 of 361"
    assert metrics["Local groups connected"] == "83 of 87"
    assert metrics["Fragile groups"] == "6"
    assert len(at.dataframe) == 1
    at.selectbox(key="region").set_value(YORKSHIRE).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Council areas covered"] == "10 of 15"
    assert metrics["Fragile groups"] == "5"


def test_explorer_filters_change_the_view(sample_loaded):
    at = app("views/explorer.py", region=YORKSHIRE)
    first = next(c.value for c in at.caption if "nodes" in c.value)
    at.multiselect(key="ex_levels").set_value(["local"]).run()
    assert not at.exception
    second = next(c.value for c in at.caption if "nodes" in c.value)
    assert first != second
    at.text_input(key="ex_query").set_value("Kirklees multi-agency forum").run()
    third = next(c.value for c in at.caption if "nodes" in c.value)
    assert int(third.split()[0]) < int(second.split()[0])
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download GRAPHML", "Download GEXF"]


def test_explorer_aggregates_big_views(sample_loaded):
    at = app("views/explorer.py")
    assert any("Showing groups only" in w.value for w in at.warning)


def test_coverage_filter_and_downloads(sample_loaded):
    at = app("views/coverage.py")
    table = at.dataframe[0].value
    assert len(table) == 361
    at.multiselect(key="cov_status").set_value(["expired"]).run()
    table = at.dataframe[0].value
    assert sorted(table["area_id"]) == ["E08000023", "E08000032"]
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel"]


def test_flow_routes_lists_and_what_if(sample_loaded):
    at = app("views/flow.py", region=YORKSHIRE)
    at.selectbox(key="flow_group").set_value("G-KIR-MAF").run()
    assert not at.exception
    routes = at.dataframe[0].value
    assert "Unstaffed: nobody sits on both groups" in set(routes["carried by"])
    broken = at.dataframe[1].value
    assert "Kirklees multi-agency forum" in set(broken["group"])
    at.multiselect(key="wi_people").set_value(["P-02150"]).run()
    assert any("would break" in e.value for e in at.error)


def test_data_page_without_upload(sample_loaded):
    at = app("views/data.py")
    assert at.title[0].value == "Data"


def test_connection_trouble_is_a_message_not_a_traceback(sample_loaded, monkeypatch):
    monkeypatch.setitem(os.environ, "NEO4J_URI", "bolt://127.0.0.1:1")
    at = app()
    assert any("Cannot use the database" in e.value for e in at.error)
    monkeypatch.undo()
    st.cache_resource.clear()
    at.run()  # the server is back: the same session recovers
    assert not at.error
    assert {m.label for m in at.metric} >= {"Council areas covered"}


def test_explorer_sub_region_and_area_search(sample_loaded):
    at = app("views/explorer.py", region=YORKSHIRE)
    at.multiselect(key="ex_levels").set_value(["local", "sub_regional"]).run()
    everything = next(c.value for c in at.caption if "nodes" in c.value)
    at.multiselect(key="ex_areas").set_value(["yh-west-yorkshire"]).run()
    assert not at.exception
    west = next(c.value for c in at.caption if "nodes" in c.value)
    assert int(west.split()[0]) < int(everything.split()[0])
    at.text_input(key="ex_query").set_value("Calderdale").run()
    found = next(c.value for c in at.caption if "nodes" in c.value)
    assert 0 < int(found.split()[0]) < int(west.split()[0])


def test_reports_page_generates_every_format(sample_loaded):
    at = app("views/reports.py", region=YORKSHIRE)
    at.selectbox(key="rep_quarter").set_value("2026Q3").run()
    at.button[0].click().run()
    assert not at.exception
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["Download HTML", "Download PDF", "Download XLSX"]


def test_openid_sign_in_is_asked_for_when_configured(sample_loaded):
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(MAIN, default_timeout=120)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-only-cookie-secret",
        "client_id": "smp",
        "client_secret": "test-only",
        "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
    }
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric  # nothing of the network before signing in

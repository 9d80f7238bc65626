"""Every page of the app, run headless with streamlit.testing against the test server
loaded with the sample network."""

from __future__ import annotations

import datetime as dt
import os
import re
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
    assert any("sample network are fictional" in c.value for c in at.sidebar.caption)
    at.selectbox(key="region").set_value(YORKSHIRE).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Council areas covered"] == "10 of 15"
    assert metrics["Fragile groups"] == "5"


def test_overview_explains_the_council_chosen(sample_loaded):
    at = app(region=YORKSHIRE)
    at.selectbox(key="ov_gap").set_value("E08000017").run()  # Doncaster
    assert not at.exception, [e.message for e in at.exception]
    assert at.main.warning[0].value.startswith("Doncaster")
    at.selectbox(key="ov_gap").set_value(None).run()
    assert not at.main.warning


def _nodes(at: AppTest) -> int:
    return int(next(c.value for c in at.caption if " nodes, " in c.value).split()[0])


def test_explorer_filters_change_the_view(sample_loaded):
    at = app("views/explorer.py", region=YORKSHIRE)
    first = _nodes(at)
    assert first > 500  # Yorkshire and The Humber: its groups and people
    at.multiselect(key="ex_levels").set_value(["local"]).run()
    assert not at.exception
    assert _nodes(at) < first
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download GRAPHML", "Download GEXF"]
    # The same view as text (issue 30, item 8): every drawn node a row, problems first.
    nodes, lines = (frame.value for frame in at.dataframe)
    assert len(nodes) == _nodes(at)
    kirklees = nodes[nodes["name"] == "Kirklees multi-agency forum"].iloc[0]
    assert kirklees["problems"].startswith("cut off from regional and national level")
    assert nodes["problems"].iloc[0] != "none" and nodes["problems"].iloc[-1] == "none"
    groups = nodes[~nodes["what"].str.startswith(("person", "organisation"))]
    assert len(groups) and groups["what"].str.startswith("local ").all()
    assert list(lines.columns) == ["from", "reports to", "carried by"]


def test_explorer_finds_a_group_and_shows_its_details(sample_loaded):
    at = app("views/explorer.py", region=YORKSHIRE)
    at.selectbox(key="ex_find").set_value("group:G-KIR-MAF").run()
    assert not at.exception
    assert any(h.value == "Kirklees multi-agency forum" for h in at.subheader)
    shown = " ".join(m.value for m in at.markdown)
    assert "nobody sits on both it and West Yorkshire Sub-Regional Migration Group" in shown
    assert "could join West Yorkshire Sub-Regional Migration Group" in shown  # who could fix it
    at.toggle(key="ex_around").set_value(True).run()
    assert _nodes(at) < 100  # only what is around the forum


def test_explorer_finds_a_person_and_what_breaks_without_them(sample_loaded):
    at = app("views/explorer.py", region=YORKSHIRE)
    at.selectbox(key="ex_find").set_value("person:P-02150").run()
    assert any(h.value == "Leanne Griffiths" for h in at.subheader)
    assert any("Hull multi-agency forum" in e.value for e in at.error)  # cut off without her


def test_explorer_aggregates_big_views(sample_loaded):
    at = app("views/explorer.py")
    assert any("Showing groups only" in w.value for w in at.warning)


def test_coverage_filter_and_downloads(sample_loaded):
    at = app("views/coverage.py")
    table = at.dataframe[0].value
    assert len(table) == 361
    at.multiselect(key="cov_status").set_value(["expired"]).run()
    table = at.dataframe[0].value
    assert sorted(table["code"]) == ["E08000023", "E08000032"]
    why = dict(zip(table["area"], table["why"], strict=True))
    assert why["Bradford"] == "the last elected VCS rep's term ended on 9 April 2026."
    assert list(table.columns[:4]) == ["area", "partnership", "status", "why"]  # names first
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel"]


@pytest.mark.parametrize(
    ("area", "words"),
    [("Doncaster", "works for Doncaster Council, which is not a voluntary-sector organisation"),
     ("Rotherham", "was nominated, not elected"),
     ("South Tyneside", "term ended on 31 January 2026"),
     ("Wakefield", "term starts on 15 October 2026"),
     ("Rutland", "no VCS rep has been recorded")],
)  # fmt: skip
def test_coverage_explains_each_reason(sample_loaded, area, words):
    at = app("views/coverage.py")
    table = at.dataframe[0].value.set_index("area")
    assert words in table.loc[area, "why"]


def test_flow_routes_lists_and_what_if(sample_loaded):
    at = app("views/flow.py", region=YORKSHIRE)
    # It opens on the partnership's first cut-off group, with why and who could fix it.
    assert at.selectbox(key="flow_group").value == "G-KIR-MAF"
    assert any("nobody sits on both it and West Yorkshire" in e.value for e in at.error)
    routes = at.dataframe[0].value
    assert "Unstaffed: nobody sits on both groups" in set(routes["carried by"])
    broken = at.dataframe[1].value
    assert "Kirklees multi-agency forum" in set(broken["group"])
    at.selectbox(key="wi_person").set_value("P-02150").run()
    assert at.session_state["wi_chosen"] == ["P-02150"]  # exactly the one picked
    assert any("Leanne Griffiths (Migration Yorkshire)" in m.value for m in at.markdown)
    assert any("would be cut off" in e.value for e in at.error)
    cut = set(at.dataframe[-1].value["group"])
    assert "Hull multi-agency forum" in cut
    at.button(key="wi_remove_P-02150").click().run()  # and out again
    assert at.session_state["wi_chosen"] == []
    assert not any("would be cut off" in e.value for e in at.error)


def test_flow_offers_one_row_per_line_and_per_single_point_to_download(sample_loaded):
    at = app("views/flow.py", region=YORKSHIRE)
    labels = [b.proto.label for b in at.get("download_button")]
    # Kirklees forum → West Yorkshire group is Yorkshire's one line nobody carries.
    assert "Lines nobody carries (1, Excel)" in labels
    assert any(label.startswith("Single points of failure (") for label in labels)


def test_coverage_shows_each_reps_attendance(sample_loaded):
    at = app("views/coverage.py", region=YORKSHIRE)
    table = at.dataframe[0].value.set_index("area")
    assert table.loc["York", "attendance"] == (
        "below expectation: no meetings attended of 15 held, no engagement days; "
        "expected 6 meetings (3 in person, 3 online), 2 engagement days"
    )
    assert table.loc["Leeds", "attendance"] == (
        "22 meetings attended of 22 held (13 in person, 9 online), 2 engagement days; "
        "expected 8 meetings (4 in person, 4 online), 2 engagement days"
    )
    captions = [c.value for c in at.caption]
    # The reps of areas counted as gaps too (Rotherham's, Doncaster's): as the report
    # counts them ("9 of 11 representatives ... met the expected attendance; 2 did not").
    assert any("2 of the 11 reps whose groups recorded meetings are below it" in c
               for c in captions), captions  # fmt: skip
    [also] = [e for e in at.expander if e.label.startswith("Also counted")]
    assert also.label == "Also counted: 2 reps in post for areas shown as gaps"
    at.toggle(key="cov_low").set_value(True).run()
    assert sorted(at.dataframe[0].value["area"]) == ["Kirklees", "York"]


def test_flow_marks_a_line_carried_only_on_paper(sample_loaded):
    at = app("views/flow.py", region=YORKSHIRE)
    at.selectbox(key="flow_group").set_value("G-YRK-MAF").run()
    assert not at.exception
    [note] = [i.value for i in at.info if "carried only on paper" in i.value]
    assert "Robert Roberts (York Destitution Network) attended 0 of York multi-agency" in note
    routes = at.dataframe[0].value.set_index("from")
    assert routes.loc["York multi-agency forum", "in practice"].startswith("only on paper")
    on_paper = at.dataframe[3].value
    assert list(on_paper["from"]) == ["York multi-agency forum"]


def test_data_page_without_upload(sample_loaded):
    at = app("views/data.py")
    assert at.title[0].value == "Data"


def test_the_partnership_chosen_stays_across_the_data_page(sample_loaded):
    """The Data page draws no partnership box; coming back from it keeps the choice."""
    at = app()
    at.selectbox(key="region").set_value(YORKSHIRE).run()
    at.switch_page("views/data.py")
    at.run()
    at.switch_page("views/coverage.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="region").value == YORKSHIRE


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
    everything = _nodes(at)
    at.multiselect(key="ex_areas").set_value(["yh-west-yorkshire"]).run()
    assert not at.exception
    west = _nodes(at)
    assert west < everything
    # An area found by its name: its explanation, and only what is around its groups.
    at.selectbox(key="ex_find").set_value("area:E08000033").run()
    assert any(h.value == "Calderdale" for h in at.subheader)
    at.toggle(key="ex_around").set_value(True).run()
    assert 0 < _nodes(at) < west


def test_reports_page_generates_every_format(sample_loaded):
    at = app("views/reports.py", region=YORKSHIRE)
    at.selectbox(key="rep_quarter").set_value("2026Q3").run()
    at.text_input(key="rep_author").input("Migration Yorkshire").run()
    at.button[0].click().run()
    assert not at.exception
    [html] = [content for _name, suffix, content in at.session_state["report"]["files"]
              if suffix == ".html"]  # fmt: skip
    assert b"<p>Prepared by Migration Yorkshire.</p>" in html
    labels = sorted(b.label for b in at.get("download_button"))
    assert labels == ["Download HTML", "Download PDF", "Download XLSX",
                      "Download the paper (Word)"]  # fmt: skip
    # The key messages and asks show on the page, as the paper has them.
    assert [h.value for h in at.subheader][-2:] == [
        "Key messages, July to September 2026 (Q2 2026/27)",
        "Asks of the board",
    ]
    shown = " ".join(m.value for m in at.markdown)
    assert "1. 10 of 15 council areas had an elected VCS representative on 30 September 2026" in (
        shown
    )
    assert "Run nominations for an elected VCS representative in the 5 council areas" in shown
    assert "**Yorkshire and The Humber, July to September 2026 (Q2 2026/27)**" in shown
    # Another partnership chosen: that report is not shown as this one's.
    at.selectbox(key="region").set_value("E12000001").run()
    assert not at.exception and not at.get("download_button")
    assert "The report made last (Yorkshire and The Humber, July to September 2026" in (
        at.info[-1].value
    )


def test_openid_sign_in_is_asked_for_when_configured(sample_loaded, own_sign_in):
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


PASSWORD = "a-long-password-1"


def signed_in(name: str, role: str, page: str | None = None, region: str = "") -> AppTest:
    """An app session in which ``name`` signed in through the form (as ``role``)."""
    from core import users

    users.add_user(name, PASSWORD, role)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(MAIN, default_timeout=120)
    at.run()
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click().run()
    at.session_state["as_of"] = AS_OF
    at.session_state["region"] = region
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(f"Signed in as **{name}** ({role})" in c.value for c in at.sidebar.caption)
    return at


def _everything_shown(at: AppTest) -> str:
    """Every text, table and drawn view of the page, as one string."""
    parts = [repr(e.value) for e in (*at.markdown, *at.caption, *at.title, *at.metric)]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    parts += [el.proto.srcdoc for el in at.get("iframe")]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "page",
    ["views/coverage.py", "views/explorer.py", "views/flow.py", "views/overview.py"],
)
def test_a_viewer_sees_no_person_ids_or_names(sample_loaded, own_sign_in, page):
    at = signed_in("vera", "viewer", page, region=YORKSHIRE)
    shown = _everything_shown(at)
    assert not re.search(r"P-\d{5}", shown), re.search(r".{80}P-\d{5}.{20}", shown)
    for name in ("Leanne Griffiths", "Robert Roberts"):  # sample people in Yorkshire
        assert name not in shown
    if page == "views/coverage.py":
        reps = set(at.dataframe[0].value["rep"])
        assert reps <= {"in post", ""} and "in post" in reps


def test_an_analyst_reads_names_and_organisations(sample_loaded, own_sign_in):
    at = signed_in("ann", "analyst", "views/coverage.py", region=YORKSHIRE)
    reps = set(at.dataframe[0].value["rep"])
    assert "Robert Roberts (York Destitution Network)" in reps


def test_an_emptied_users_file_lets_nobody_in(sample_loaded, own_sign_in):
    from core import users

    at = signed_in("vera", "viewer")
    users.users_file().write_text("{}")
    at.run()
    assert any("Nobody can sign in until this is fixed" in e.value for e in at.error)
    assert not at.metric and not at.sidebar.button
    users.users_file().unlink()  # missing altogether: still closed (the marker remembers)
    at.run()
    assert any("Nobody can sign in" in e.value for e in at.error) and not at.metric


def test_a_users_file_gone_elsewhere_is_noticed_through_the_database(sample_loaded, own_sign_in):
    signed_in("ada", "admin")  # the app records in the database that sign-in is set up
    for leftover in own_sign_in.iterdir():  # as if SMP_HOME pointed elsewhere
        leftover.unlink()
    at = AppTest.from_file(MAIN, default_timeout=120)
    at.run()
    assert any("was set up for this database" in e.value for e in at.error)
    assert not at.metric


def test_demotion_and_removal_take_effect_at_the_next_click(sample_loaded, own_sign_in):
    from core import users

    at = signed_in("ann", "analyst", "views/coverage.py", region=YORKSHIRE)
    assert "Robert Roberts (York Destitution Network)" in set(at.dataframe[0].value["rep"])
    assert users.set_role("ann", "viewer")  # smp user role ann viewer
    at.run()
    assert any("Signed in as **ann** (viewer)" in c.value for c in at.sidebar.caption)
    assert set(at.dataframe[0].value["rep"]) <= {"in post", ""}
    users.add_user("ann", PASSWORD, "analyst")  # a new password signs ann out
    at.run()
    assert any("signed out" in i.value for i in at.info)
    assert not at.metric
    users.add_user("ada", PASSWORD, "admin")
    at = signed_in("ann", "analyst")
    users.remove_user("ann")
    at.run()
    assert any("signed out" in i.value for i in at.info) and not at.metric


def test_an_idle_session_is_signed_out(sample_loaded, own_sign_in):
    at = signed_in("ann", "analyst")
    at.session_state["auth"] = {**at.session_state["auth"], "last_seen": 0.0}
    at.run()
    assert any("minutes without activity" in i.value for i in at.info)
    assert not at.metric


def test_signing_out_clears_everything_of_the_session(sample_loaded, own_sign_in):
    at = signed_in("ann", "analyst", "views/reports.py", region=YORKSHIRE)
    at.selectbox(key="rep_quarter").set_value("2026Q3").run()
    at.checkbox(key="rep_names").check().run()
    at.button[0].click().run()
    assert len(at.get("download_button")) == 4
    at.sidebar.button[0].click().run()  # Sign out
    assert "report" not in at.session_state and "auth" not in at.session_state
    assert at.text_input(key="sign_in_name")


def test_an_erasure_from_the_command_line_shows_at_the_next_click(sample_loaded, driver):
    at = app("views/coverage.py", region=YORKSHIRE)
    assert "Robert Roberts (York Destitution Network)" in set(at.dataframe[0].value["rep"])
    try:
        assert run_smp("forget", "P-03346", "--yes").returncode == 0
        at.run()
        york = at.dataframe[0].value.set_index("code").loc["E06000014"]
        assert york["status"] != "covered" and "Robert Roberts" not in _everything_shown(at)
    finally:
        result = run_smp(
            "load", str(Path(__file__).resolve().parent.parent / "data" / "sample" / "uk"),
            "--replace", "--allow-erased",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr

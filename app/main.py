"""The SMP Network Analyser app: `smp app` serves it (``app/serve.py``).

A global as-of date and partnership apply to every page; pages only arrange widgets
and call into ``graph/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run app/main.py` from anywhere
    sys.path.insert(0, str(ROOT))

from app import auth, data  # noqa: E402
from app.common import plain  # noqa: E402
from core.clock import today  # noqa: E402

st.set_page_config(
    page_title="SMP Network Analyser",
    page_icon=str(ROOT / "app" / "static" / "favicon.png"),
    layout="wide",
)
st.logo(str(ROOT / "app" / "static" / "logo.svg"), size="large")  # the name above the pages
# Captions in GOV.UK's secondary text colour: Streamlit's own grey reads at 3.8:1 on the
# sidebar, under the 4.5:1 WCAG 2.2 AA asks for small text.
st.html(
    "<style>[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] * "
    "{ color: #505a5f !important; }</style>"
)
# One small query per run: a load or an erasure made anywhere shows at once, and the
# database says whether sign-in was set up for it.
marker = data.refresh_marker()
role = auth.sign_in(marker.sign_in, data.record_sign_in)
st.session_state["app_role"] = role

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(
        "views/explorer.py", title="Network explorer", icon=":material/hub:", url_path="explorer"
    ),
    st.Page("views/coverage.py", title="Coverage", icon=":material/map:", url_path="coverage"),
    st.Page(
        "views/flow.py", title="Information flow", icon=":material/account_tree:", url_path="flow"
    ),
    st.Page("views/reports.py", title="Reports", icon=":material/description:", url_path="reports"),
]
if auth.can(role, "admin"):  # only admins load workbooks
    PAGES.append(
        st.Page("views/data.py", title="Data", icon=":material/upload_file:", url_path="data")
    )
page = st.navigation(PAGES)

# The Data page draws no partnership box, and Streamlit forgets the value of a widget
# a run does not draw: kept here as plain state, the choice survives a visit to it.
if "region" in st.session_state:
    st.session_state["region"] = st.session_state["region"]

with st.sidebar:
    st.date_input(
        "As of",
        key="as_of",
        value=today(),
        format="DD/MM/YYYY",
        help="Every page shows the network as it stood on this day.",
    )
    G = data.network() if page.title != "Data" else None
    if G is not None:
        choices = data.partnership_names()
        st.selectbox(
            "Partnership",
            ["", *choices],
            key="region",
            format_func=lambda r: choices.get(r, "All twelve partnerships"),
        )
    st.caption(plain(data.loaded_words(marker)))
    if G is not None and data.fictional():  # never said of anyone real
        st.caption("People in the sample network are fictional.")
auth.banner(role)

page.run()

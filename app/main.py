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

# The logo as SVG text: Streamlit sends it inside the page (a data: URL), so even the
# sign-in page shows it; files Streamlit serves from /media/ are for the signed-in only.
LOGO = (ROOT / "app" / "static" / "logo.svg").read_text(encoding="utf-8")
st.set_page_config(
    page_title="SMP Network Analyser",
    page_icon=LOGO,
    layout="wide",
)
st.logo(LOGO, size="large")  # the name above the pages
# WCAG 2.2 AA (UK public bodies must meet it), where Streamlit's own styles fall short:
# captions in GOV.UK's secondary text colour, not faded (Streamlit's grey at 60%
# opacity reads at 2.7:1 on the sidebar; 4.5:1 is asked for small text); the date
# field's day, month and year at least 24 px square (they were 18 by 20); a visible
# focus ring on everything a keyboard reaches.
st.html(
    "<style>"
    "[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] * "
    "{ color: #505a5f !important; opacity: 1 !important; }"
    "[data-testid='stDateInputField'] [role='spinbutton'], "
    "[data-testid='stDateInput'] [role='spinbutton'] "
    "{ min-width: 24px; min-height: 24px; display: inline-flex; align-items: center; "
    "justify-content: center; }"
    ":focus-visible { outline: 3px solid #ffdd00 !important; outline-offset: 0; "
    "box-shadow: 0 0 0 5px #0b0c0c !important; }"
    "</style>"
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

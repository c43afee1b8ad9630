"""Streamlit entry point: builds the database if needed, draws the shared sidebar, routes pages."""

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project root that holds the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import db, filters

st.set_page_config(
    page_title="China chips & export controls",
    page_icon=":material/memory:",
    layout="wide",
    initial_sidebar_state="auto",
)
db.begin_run()

PAGES = [
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("views/timeline.py", title="Policy timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("views/chips.py", title="Chips: Ascend vs Nvidia", icon=":material/memory:", url_path="chips"),
    st.Page("views/checker.py", title="Export-control checker", icon=":material/rule:", url_path="checker"),
    st.Page("views/adoption.py", title="Adoption", icon=":material/hub:", url_path="adoption"),
    st.Page("views/energy.py", title="Solar and EVs", icon=":material/solar_power:", url_path="solar-evs"),
    st.Page("views/sources.py", title="Sources and data", icon=":material/menu_book:", url_path="sources"),
]
page = st.navigation(PAGES, position="top")
filters.remember(filters.shared_sidebar(db.vocabulary()))
page.run()

"""Streamlit entry point: builds the database if needed, draws the shared sidebar, routes the pages of
the registry (dashboard/pages.py)."""

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the project root that holds the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import filters, pages, queries, store, ui

st.set_page_config(
    page_title="China chips & export controls",
    page_icon=":material/memory:",
    layout="wide",
    initial_sidebar_state="auto",
)
store.begin_run()
ui.style()

page = st.navigation(
    [st.Page(p.file, title=p.title, icon=p.icon, url_path=p.path or None, default=not p.path) for p in pages.PAGES],
    position="hidden" if ui.embedded() else "top",
)
with ui.sidebar():
    filters.remember(filters.shared_sidebar(queries.vocabulary()))
page.run()
ui.footer()

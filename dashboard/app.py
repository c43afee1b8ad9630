"""Streamlit entry point."""

import duckdb
import streamlit as st

from dashboard import build

if build.is_stale():
    build.build()

st.set_page_config(page_title="China chips & export controls", layout="wide")
st.title("China chips & export controls: data tables")
con = duckdb.connect(str(build.DB_PATH), read_only=True)
for table in ("events", "chips", "adoption", "sector_stats", "sources"):
    st.subheader(table)
    with con.cursor() as cur:
        st.dataframe(cur.execute(f"SELECT * FROM {table}").df(), width="stretch")

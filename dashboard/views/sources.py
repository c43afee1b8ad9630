"""Sources and data: every source with its link, the data dictionary, downloads and limitations."""

import streamlit as st

from dashboard import build, db, transforms, ui

st.title("Sources and data")
ui.data_as_of_caption()
headline = db.headline()
st.markdown(
    "**Cite this dashboard:** China chips & export controls dashboard, data as of "
    f"{headline['data_as_of']:%d %B %Y}. Each figure's own source is listed below and under every chart."
)

st.subheader("Download the data")
left, right = st.columns(2)
left.download_button(
    "All tables (ZIP of CSVs, with the data dictionary)",
    data=db.zip_of_csvs,
    file_name="china-chips-dashboard-data.zip",
    mime="application/zip",
    on_click="ignore",
    key="download-zip",
    icon=":material/folder_zip:",
    width="stretch",
)
right.download_button(
    "Database (DuckDB file)",
    data=db.database_file,
    file_name="china-chips-dashboard.duckdb",
    mime="application/octet-stream",
    on_click="ignore",
    key="download-duckdb",
    icon=":material/database:",
    width="stretch",
)

sources = db.sources()
st.subheader(f"All {len(sources)} sources")
search = st.text_input("Search sources", key="source_search", max_chars=100)
table = transforms.search_rows(sources, search, ["title", "publisher"])
ui.table(
    table[["publisher", "title", "url", "published", "kind", "licence", "rows_cited"]],
    {
        "publisher": "Publisher",
        "title": st.column_config.TextColumn("Title", width="large"),
        "url": st.column_config.LinkColumn("Link", display_text="open"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "kind": "Kind",
        "licence": "Licence",
        "rows_cited": st.column_config.NumberColumn("Rows citing it"),
    },
)

readme = (build.DATA_DIR / "README.md").read_text(encoding="utf-8")
st.subheader("Known limitations")
limitations = readme.split("## Known limitations and gaps (values left NULL)", 1)[-1].split("\n## ", 1)[0]
st.markdown(limitations)
st.subheader("Data dictionary")
ui.table(db.data_dictionary())
with ui.on_request("Full data documentation (data/README.md)", "data_docs") as shown:
    if shown:
        st.markdown(readme)

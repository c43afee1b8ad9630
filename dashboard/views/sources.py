"""Sources and data: the release and how to cite it, every source with its link, downloads, the data
dictionary, the changelog and the known limitations."""

import streamlit as st

from dashboard import build, citation, downloads, publish, queries, transforms, ui

ui.page_header("Sources and data")
info = ui.current_release()
st.header(f"Data release {info['version']}", anchor=False)
st.markdown(
    f"Newest record **{info['newest_record']:%d %B %Y}**; the stored sources were searched through "
    f"**{info['checked_through']:%d %B %Y}**. Every figure's own sources are listed below and under every chart, "
    "primary sources (the government's, company's or statistics office's own document) first."
)
# In a popover, as under every chart: a shut popover is not drawn, and code blocks drawn on load made this
# page the one slower than the November build (A/B: 1.26x its load time, 1.00x with the popover).
with st.popover("Cite this dataset", icon=":material/format_quote:"):
    url = ui.current_view_url()
    st.markdown("**Cite this dataset**")
    st.code(citation.dataset_text(info, url), language=None, wrap_lines=True)
    st.markdown("**BibTeX**")
    st.code(citation.dataset_bibtex(info, url), language="bibtex", wrap_lines=True)
if info["report_problem_url"]:
    st.markdown(f"Found a wrong or missing figure? [Report a problem]({info['report_problem_url']}).")
else:
    st.markdown("Found a wrong or missing figure? Open an issue on the repository this dashboard is published from.")

st.header("Download the data", anchor=False)
left, right = st.columns(2)
left.download_button(
    "All tables (ZIP of CSVs, with the data dictionary)",
    data=downloads.zip_of_csvs,
    file_name=ui.versioned("china-chips-dashboard-data", "zip"),
    mime="application/zip",
    on_click="ignore",
    key="download-zip",
    icon=":material/folder_zip:",
    width="stretch",
)
right.download_button(
    "Database (DuckDB file)",
    data=downloads.database_file,
    file_name=ui.versioned("china-chips-dashboard", "duckdb"),
    mime="application/octet-stream",
    on_click="ignore",
    key="download-duckdb",
    icon=":material/database:",
    width="stretch",
)

st.subheader("Fixed addresses for scripts and feed readers", anchor=False)
site = ui.site_url()
st.markdown(
    "Each release is also published at fixed addresses: every table as CSV, the data dictionary, the database "
    f"file and an [Atom feed of the newest events]({site}{publish.SERVED_AT}/feed.xml), each entry linking to its "
    f'primary source. Read a table straight into pandas: `pd.read_csv("{site}{publish.SERVED_AT}/data/events.csv")`'
)
with ui.on_request("Every published file", "static_files") as shown:
    if shown:
        ui.table(
            [{"file": path.split("/")[-1], "address": site + path} for path in publish.files()],
            {"address": st.column_config.LinkColumn("Address")},
        )

sources = queries.sources()
st.header(f"All {len(sources)} sources", anchor=False)
search = st.text_input("Search sources", key="source_search", max_chars=100, bind="query-params")
table = transforms.search_rows(sources, search, ["title", "publisher"])
ui.table(
    table[["is_primary", "publisher", "title", "url", "published", "kind_label", "licence", "rows_cited"]],
    {
        "is_primary": st.column_config.CheckboxColumn("Primary", help="The issuer's own document"),
        "publisher": "Publisher",
        "title": st.column_config.TextColumn("Title", width="large"),
        "url": st.column_config.LinkColumn("Link", display_text="open"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "kind_label": "Kind",
        "licence": "Licence",
        "rows_cited": st.column_config.NumberColumn("Rows citing it"),
    },
)

readme = (build.DATA_DIR / "README.md").read_text(encoding="utf-8")
st.header("Known limitations", anchor=False)
limitations = readme.split("## Known limitations and gaps (values left NULL)", 1)[-1].split("\n## ", 1)[0]
st.markdown(limitations)
with ui.on_request(
    "Data dictionary: every table's columns and types, with the schema's notes on them", "dictionary"
) as shown:
    if shown:
        ui.table(downloads.data_dictionary())
with ui.on_request("What changed in each release (data/CHANGELOG.md)", "changelog") as shown:
    if shown:
        st.markdown((build.DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8"))
with ui.on_request("Full data documentation (data/README.md)", "data_docs") as shown:
    if shown:
        st.markdown(readme)

"""The Streamlit side of a chart: draw it with its title block, downloads, citation, embed code and
sources panel; page headers; sections built on request; tables.

Every chart on every page goes through `show_chart`, so each one has the same caption, the same CSV of
exactly the plotted data, the same captioned image and HTML files and the same sources panel. In an
embedded view (`?embed=true`) a page shows its chart alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import builders, citation, images, queries, release
from dashboard.chart import Chart, Drawn, primary_first, source_line
from dashboard.filters import Filters, escape_markdown


def embedded() -> bool:
    return bool(st.context.is_embedded)


def page_header(title: str, caption: str = "") -> None:
    """A page's title and its one-paragraph explanation (left out of an embedded view)."""
    if embedded():
        return
    st.title(title, anchor=False)
    if caption:
        st.caption(caption)


@contextmanager
def controls() -> Iterator[None]:
    """Where a page puts its pickers. In an embedded view they still set the chart from the link, but
    are hidden (styled away by the key's class), so the embed shows the chart alone."""
    if not embedded():
        yield
        return
    with st.container(key="embedded-controls"):
        yield


@contextmanager
def sidebar() -> Iterator[None]:
    """Where the shared filters go: the sidebar, or, in an embedded view, a hidden container (the filters
    still set the chart from the link)."""
    with st.container(key="embedded-filters") if embedded() else st.sidebar:
        yield


def company_labels(companies: pd.DataFrame) -> dict[str, str]:
    """Each company as a picker shows it: its name, Chinese name and aliases, so a search in either finds it."""
    labels = {}
    for row in companies.itertuples():
        extra = " · ".join(part for part in (row.name_zh, row.alias_text) if isinstance(part, str) and part)
        labels[row.company] = f"{row.company} ({extra[:80]})" if extra else row.company
    return labels


def safe_link(title: str, url: str) -> str:
    """A markdown link when the URL is http(s); plain escaped text otherwise."""
    text = escape_markdown(title)
    parsed = urlparse(url or "")
    if parsed.scheme in ("http", "https") and parsed.netloc and not any(c in url for c in " <>()\"'"):
        return f"[{text}]({url})"
    return text


def sources_markdown(sources: pd.DataFrame) -> str:
    """One line per source, primary sources first and marked."""
    lines = [
        f"- {'**Primary:** ' if row.is_primary else ''}{safe_link(row.title, row.url)} "
        f"({escape_markdown(row.publisher)}; {escape_markdown(row.kind_label.lower())})"
        for row in primary_first(sources).itertuples()
    ]
    return "\n".join(lines)


@st.cache_data(show_spinner=False, max_entries=500)
def _source_notes(version: int, plotted: tuple[str, ...], cited: tuple[str, ...]) -> tuple[str, int, str]:
    """A chart's source line (publishers of what it plots), and the count and list of all it cites."""
    sources = queries.sources_for(cited)
    return source_line(queries.sources_for(plotted)), len(sources), sources_markdown(sources)


def fingerprint(value) -> bytes:
    """A cache key for drawn rows: Streamlit's own hashes DataFrames row by row (4-7 ms a chart)."""
    return hashlib.md5(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).digest()


@st.cache_resource(
    show_spinner=False,
    max_entries=500,
    hash_funcs={Chart: lambda chart: chart.name, Drawn: lambda drawn: fingerprint(drawn)},
)
def finished_figure(chart: Chart, drawn: Drawn) -> go.Figure:
    """The figure, built once per chart and distinct rows and shared read-only by every session: Plotly
    validates each trace and shape as it is built, which costs more than the queries."""
    return chart.figure(drawn)


@st.cache_data(show_spinner=False, max_entries=200)
def current_release() -> dict:
    info = queries.release_info()
    return {**info, "report_problem_url": release.read().report_problem_url}


def site_url() -> str:
    """The scheme and host the visitor reached the dashboard at ("https://example.org")."""
    parsed = urlparse(st.context.url or "")
    return f"{parsed.scheme}://{parsed.netloc}" if parsed.netloc else ""


def current_view_url(**extra: str) -> str:
    """The address of the page as the visitor sees it, with its filters (what a link or an embed opens)."""
    base = st.context.url or ""
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    return citation.view_url(base, query, **extra)


def show_chart(chart: Chart, filters: Filters, key: str | None = None):
    """Draw a chart with its caption, downloads, citation, embed code and sources; return its selection
    event when the chart is selectable, and None when there is nothing to draw."""
    drawn = chart.drawn(filters)
    if drawn.empty:
        st.info(chart.empty_text)
        return None
    title, subtitle = chart.text(drawn)
    line, source_count, source_list = _source_notes(
        queries.store.database_version(),
        tuple(chart.source_ids(drawn, with_markers=False)),
        tuple(chart.source_ids(drawn)),
    )
    figure = finished_figure(chart, drawn)
    # Title and subtitle in one element (each element costs the browser a mount; this is every chart's).
    heading = f'<h2 class="chart-title">{html.escape(title)}</h2>'
    if subtitle:
        heading += f'<p class="chart-subtitle">{html.escape(subtitle)}</p>'
    st.markdown(heading, unsafe_allow_html=True)
    selection = {"on_select": "rerun", "selection_mode": "points"} if chart.selectable else {}
    event = st.plotly_chart(
        figure,
        width="stretch",
        theme=None,
        config=builders.PLOTLY_CONFIG,
        key=key or f"chart-{chart.name}",
        **selection,
    )
    st.caption(escape_markdown(line))
    if embedded():
        st.markdown(f"[Open this chart in the dashboard]({current_view_url()})")
        return event
    info = current_release()
    with st.container(horizontal=True, key=f"tools-{chart.name}"):
        csv_download("Data shown (CSV)", chart.csv_rows(drawn), versioned(chart.name, "csv"))
        image_format = filters.image_format

        def captioned() -> go.Figure:  # built on a click only: a copy of the figure costs a run 10%
            return builders.captioned(figure, title, subtitle, line)

        st.download_button(
            f"Image ({image_format.upper()})",
            data=lambda: images.render(captioned(), image_format),
            file_name=versioned(chart.name, image_format),
            mime=images.FORMATS[image_format],
            on_click="ignore",
            key=f"image-{chart.name}",
            icon=":material/image:",
        )
        st.download_button(
            "Interactive chart (HTML)",
            data=lambda: captioned().to_html(include_plotlyjs=True, full_html=True).encode("utf-8"),
            file_name=versioned(chart.name, "html"),
            mime="text/html",
            on_click="ignore",
            key=f"html-{chart.name}",
            icon=":material/code:",
        )
        url = current_view_url()
        with st.popover("Cite or embed", icon=":material/format_quote:"):
            st.markdown("**Cite this chart**")
            sources = queries.sources_for(chart.source_ids(drawn, with_markers=False))
            st.code(
                citation.chart_text(title, sources, info, url, f"{dt.date.today():%d %B %Y}"),
                language=None,
                wrap_lines=True,
            )
            st.markdown("**Embed it**: paste this into a web page to show this chart with the filters of this view")
            height = chart.plot_height(drawn) + 220
            st.code(
                citation.embed_snippet(title, current_view_url(embed="true"), height), language="html", wrap_lines=True
            )
    # On request: the browser re-parsed this list on every rerun (A/B: reruns 20-35% faster without it).
    with on_request(f"Sources for this chart ({source_count})", f"sources-{chart.name}", in_link=False) as shown:
        if shown:
            st.markdown(source_list or "No sources for the current filters.")
    return event


def versioned(stem: str, suffix: str) -> str:
    """A download's file name carrying the data release."""
    return release.file_name(stem, current_release()["version"], suffix)


def csv_download(label: str, frame: pd.DataFrame, file_name: str, container=st, **options) -> None:
    """A button that downloads `frame` as CSV; the CSV is written only when clicked."""
    container.download_button(
        label,
        data=lambda: frame.to_csv(index=False).encode("utf-8"),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
        key=f"csv-{file_name}",
        icon=":material/table:",
        **options,
    )


@contextmanager
def on_request(label: str, key: str, opened_by: Sequence[str] = (), in_link: bool = True) -> Iterator[bool]:
    """A collapsed section whose content is built only once a visitor opens it; open or shut is kept in
    the link under `key` (unless not `in_link`: then for the session only), and a link that sets one of the
    `opened_by` parameters opens it. Tables and secondary charts live here, so a page's first paint is its
    chart: each table costs about a quarter of a second of browser time (bench/README.md). An embedded view
    shows none."""
    if embedded():
        yield False
        return
    expanded = any(name in st.query_params for name in opened_by)
    bind = "query-params" if in_link else None
    with st.expander(label, expanded=expanded, key=key, bind=bind, on_change="rerun") as section:
        yield section.open


COMMON_COLUMNS = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "source_url": st.column_config.LinkColumn("Source", display_text="open"),
}


def table(frame, columns: dict | None = None) -> None:
    """A full-width table without the index: dates read YYYY-MM-DD and source URLs open as links,
    unless `columns` configures them otherwise."""
    common = {name: config for name, config in COMMON_COLUMNS.items() if name in getattr(frame, "columns", ())}
    st.dataframe(frame, width="stretch", hide_index=True, column_config=common | (columns or {}))


def data_dates_caption() -> None:
    """The two dates every page shows: the newest record, and how far the sources were searched."""
    info = current_release()
    headline = queries.headline()
    st.caption(
        f"Newest record {pd.Timestamp(info['newest_record']):%d %B %Y} · sources checked through "
        f"{pd.Timestamp(info['checked_through']):%d %B %Y} · data release {info['version']} · "
        f"{headline['sources']} sources · every figure links to its source."
    )


STYLE = """
<style>
/* An embedded view hides the pickers that set its chart from the link. */
.st-key-embedded-controls, .st-key-embedded-filters { display: none; }
/* Less white space above the page title (below the navigation bar; none in an embedded view), so a
   page's first chart starts within the first screen. */
[data-testid="stMainBlockContainer"] { padding-top: %s !important; }
[data-testid="stMain"] h1 { font-size: 2.25rem; padding-top: 0.5rem; }
/* Chart titles are the page's second heading level, at a chart title's size. */
[data-testid="stMain"] h2 { font-size: 1.6rem; }
.chart-title { padding: 0.6rem 0 0.2rem 0; margin: 0; }
.chart-subtitle { color: #595959; font-size: 0.875rem; margin: 0; }
</style>
"""


def style() -> None:
    st.html(STYLE % ("1rem" if embedded() else "4.5rem"))


def footer() -> None:
    """Under every page: the two dates of the data (left out of an embedded view)."""
    if not embedded():
        data_dates_caption()

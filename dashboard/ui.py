"""The Streamlit side of a chart: draw it, offer its downloads, and list its sources with links.

Every chart on every page goes through `show_chart`, so each one has the same toolbar, the same
CSV of exactly the plotted data, the same self-contained HTML file and the same sources panel.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from urllib.parse import urlparse

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, db
from dashboard.filters import SharedFilters, escape_markdown


def safe_link(title: str, url: str) -> str:
    """A markdown link when the URL is http(s); plain escaped text otherwise."""
    text = escape_markdown(title)
    parsed = urlparse(url or "")
    if parsed.scheme in ("http", "https") and parsed.netloc and not any(c in url for c in " <>()\"'"):
        return f"[{text}]({url})"
    return text


def sources_markdown(sources: pd.DataFrame) -> str:
    lines = [
        f"- {safe_link(row.title, row.url)} ({escape_markdown(row.publisher)})"
        for row in sources.sort_values(["publisher", "title"]).itertuples()
    ]
    return "\n".join(lines)


@st.cache_data(show_spinner=False, max_entries=500)
def _source_notes(version: float, plotted: tuple[str, ...], cited: tuple[str, ...]) -> tuple[tuple[str, ...], int, str]:
    """The publishers a chart's source line names, and the count and markdown list of every source it cites."""
    sources = db.sources_for(cited)
    return tuple(db.sources_for(plotted)["publisher"]), len(sources), sources_markdown(sources)


def frame_fingerprint(frame: pd.DataFrame) -> bytes:
    """A cache key for a DataFrame: Streamlit's own hashes it row by row, which cost a chart 4-7 ms a run."""
    return hashlib.md5(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)).digest()


@st.cache_resource(show_spinner=False, max_entries=500, hash_funcs={pd.DataFrame: frame_fingerprint})
def finished_figure(
    builder: str, args: tuple, options: tuple, spec: charts.ChartSpec, publishers: tuple, markers
) -> go.Figure:
    """A finished figure, built once per distinct input and shared read-only by every session:
    Plotly validates each trace and shape as it is built, which costs more than the queries."""
    figure = charts.BUILDERS[builder](*args, **dict(options))
    return charts.finish(figure, spec, list(publishers), markers)


def show_chart(
    builder: Callable[..., go.Figure],
    args: tuple,
    data: pd.DataFrame,
    spec: charts.ChartSpec,
    filters: SharedFilters,
    source_ids,
    *,
    options: dict | None = None,
    markers: pd.DataFrame | None = None,
    on_select: str = "ignore",
    key: str | None = None,
):
    """Build (or reuse) the finished figure, draw it, and put its downloads and sources under it."""
    shown_markers = markers if spec.time_axis and markers is not None else None
    plotted = set(source_ids)
    cited = plotted | (set(shown_markers["source_id"]) if shown_markers is not None else set())
    publishers, source_count, source_list = _source_notes(
        db.database_version(), tuple(sorted(plotted)), tuple(sorted(cited))
    )
    fig = finished_figure(
        builder.__name__, tuple(args), tuple(sorted((options or {}).items())), spec, publishers, shown_markers
    )
    selection = {"on_select": on_select, "selection_mode": "points"} if on_select != "ignore" else {}
    event = st.plotly_chart(
        fig,
        width="stretch",
        theme=None,
        config=charts.plotly_config(spec, filters.image_format),
        key=key or f"chart-{spec.name}",
        alt=spec.title,
        **selection,
    )
    csv_column, html_column = st.columns(2)
    csv_download("Data shown (CSV)", data, spec.name, f"csv-{spec.name}", csv_column, width="stretch")
    html_column.download_button(
        "Interactive chart (HTML)",
        data=lambda: fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8"),
        file_name=f"{spec.name}.html",
        mime="text/html",
        on_click="ignore",
        key=f"html-{spec.name}",
        icon=":material/code:",
        width="stretch",
    )
    with st.expander(f"Sources for this chart ({source_count})"):
        st.markdown(source_list or "No sources for the current filters.")
    return event


def csv_download(label: str, frame: pd.DataFrame, name: str, key: str, container=st, **options) -> None:
    """A button that downloads `frame` as `name`.csv; the CSV is written only when clicked."""
    container.download_button(
        label,
        data=lambda: frame.to_csv(index=False).encode("utf-8"),
        file_name=f"{name}.csv",
        mime="text/csv",
        on_click="ignore",
        key=key,
        icon=":material/table:",
        **options,
    )


@contextmanager
def on_request(label: str, key: str, opened_by: Sequence[str] = ()) -> Iterator[bool]:
    """A collapsed section whose content is built only once a visitor opens it; open or shut is kept in
    the link under `key`, and a link that sets one of the `opened_by` parameters opens it. Tables and
    secondary charts live here, so a page's first paint is its chart: each table costs about a quarter
    of a second of browser time (bench/README.md)."""
    expanded = any(name in st.query_params for name in opened_by)
    with st.expander(label, expanded=expanded, key=key, bind="query-params", on_change="rerun") as section:
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


def data_as_of_caption() -> None:
    headline = db.headline()
    st.caption(
        f"Data as of {pd.Timestamp(headline['data_as_of']):%d %B %Y} · "
        f"{headline['sources']} sources · every figure links to its source."
    )

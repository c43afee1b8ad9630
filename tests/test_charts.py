"""Every chart the pages can draw, built without Streamlit: its rows, its figure, its sources, its CSV."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import queries, store
from dashboard.chart import cited_in
from dashboard.charts import catalogue

store.ensure_database()  # the catalogue reads the chip attributes and rule versions when the tests are collected
CHARTS = catalogue()


def test_every_chart_name_is_unique() -> None:
    names = [chart.name for chart, _ in CHARTS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("chart", "filters"), CHARTS, ids=[chart.name for chart, _ in CHARTS])
def test_chart_builds_from_its_rows_and_cites_what_it_draws(chart, filters) -> None:
    drawn = chart.drawn(filters)
    assert not drawn.empty, "with every year and company, each chart has rows"
    figure = chart.figure(drawn)
    assert [trace for trace in figure.data if trace.name != "Policy events"], "the figure draws the rows"
    title, _ = chart.text(drawn)
    assert title.strip()
    cited = chart.source_ids(drawn)
    assert cited, "a chart cites the sources of the rows it draws"
    known = set(queries.sources()["source_id"])
    assert set(cited) <= known
    assert set(cited_in(drawn.rows)) <= set(cited)
    if chart.time_axis and drawn.markers is not None and not drawn.markers.empty:
        assert set(drawn.markers["source_id"]) <= set(cited), "marker sources are cited too"
    csv = chart.csv_rows(drawn)
    assert len(csv) == len(drawn.rows) and not [c for c in csv if c.endswith("_colour")]


def test_narrower_filters_narrow_the_sources_cited() -> None:
    chart = next(chart for chart, _ in CHARTS if chart.name == "adoption-by-company")
    from dashboard.filters import Filters

    everyone = chart.source_ids(chart.drawn(Filters()), with_markers=False)
    baidu = chart.drawn(Filters(companies=("Baidu",)))
    assert set(baidu.rows["company"]) | set(baidu.rows["vendor"]) >= {"Baidu"}
    assert 0 < len(chart.source_ids(baidu, with_markers=False)) < len(everyone)
    assert isinstance(baidu.rows, pd.DataFrame)


@pytest.mark.parametrize(("chart", "filters"), CHARTS, ids=[chart.name for chart, _ in CHARTS])
def test_a_legend_entry_shows_a_solid_marker_when_its_series_has_one(chart, filters) -> None:
    # Plotly draws a legend entry with the trace's first marker; an open one reads as "estimate" for all.
    # A line's points stay in date order: its legend entry is the line, drawn solid. (In the estimates
    # chart an open circle is a plain figure beside the bound triangles, and no point is a solid circle.)
    for trace in chart.figure(chart.drawn(filters)).data:
        if "lines" in (getattr(trace, "mode", None) or ""):
            continue
        symbols = getattr(getattr(trace, "marker", None), "symbol", None)
        if isinstance(symbols, tuple | list) and "circle" in symbols:
            assert "open" not in symbols[0], f"{chart.name}: {trace.name} starts with an open marker"

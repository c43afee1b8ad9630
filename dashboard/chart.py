"""A chart is one object that owns its rows, its text, its sources and its downloads.

`Chart.rows(filters)` returns the rows drawn; `Chart.figure(drawn)` builds the finished figure from
them. The sources a chart cites are taken from the rows drawn (their `source_ids` or `source_id`),
from the extra layers it draws (e.g. a rule's zones) and from the event markers shown, never passed
by hand. Pure apart from the queries: no Streamlit calls, so every chart can be built and checked in a
unit test. The Streamlit side (toolbar, downloads, cite, embed) is `ui.show_chart`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard import builders, queries
from dashboard.filters import Filters

SITE = "China chips & export controls dashboard"
Text = str | Callable[["Drawn"], str]
Layers = Callable[[Filters], Mapping[str, pd.DataFrame]]


@dataclass(frozen=True)
class Drawn:
    """What one chart draws for one set of filters."""

    rows: pd.DataFrame
    filters: Filters = field(default_factory=Filters)
    layers: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    markers: pd.DataFrame | None = None

    @property
    def empty(self) -> bool:
        return self.rows.empty


@dataclass(frozen=True)
class Chart:
    name: str  # unique; the download file name and the figure cache key
    rows: Callable[[Filters], pd.DataFrame]
    builder: Callable[..., go.Figure]  # builder(rows, **layers, **options)
    title: Text  # a headline rule: a string, or a function of what is drawn (rows, filters, layers)
    subtitle: Text = ""
    columns: tuple[str, ...] = ()  # the CSV of the data shown; all but internal columns when empty
    time_axis: bool = False  # x is a date axis that carries the policy-event markers
    height: int | Callable[[pd.DataFrame], int] = 460
    layers: Layers | None = None
    options: Mapping = field(default_factory=dict)
    empty_text: str = "No data for these filters."
    selectable: bool = False  # points can be selected (the page reads the selection)

    def drawn(self, filters: Filters) -> Drawn:
        markers = queries.markers(filters.years, filters.marker_categories) if self.time_axis else None
        layers = dict(self.layers(filters)) if self.layers else {}
        return Drawn(self.rows(filters), filters, layers, markers)

    def text(self, drawn: Drawn) -> tuple[str, str]:
        return _resolve(self.title, drawn), _resolve(self.subtitle, drawn)

    def plot_height(self, drawn: Drawn) -> int:
        return self.height(drawn.rows) if callable(self.height) else self.height

    def figure(self, drawn: Drawn) -> go.Figure:
        """The finished figure as shown on screen: built from the rows, laid out, with markers."""
        figure = self.builder(drawn.rows, **drawn.layers, **self.options)
        return builders.finish(figure, self.plot_height(drawn), drawn.markers)

    def source_ids(self, drawn: Drawn, with_markers: bool = True) -> list[str]:
        frames = [drawn.rows, *drawn.layers.values()]
        if with_markers and drawn.markers is not None:
            frames.append(drawn.markers)
        return sorted({source for frame in frames for source in cited_in(frame)})

    def csv_rows(self, drawn: Drawn) -> pd.DataFrame:
        if self.columns:
            return drawn.rows[[c for c in self.columns if c in drawn.rows]]
        internal = [c for c in drawn.rows if c.endswith("_colour") or c in INTERNAL_COLUMNS]
        return drawn.rows.drop(columns=internal)


INTERNAL_COLUMNS = {"colour", "marker_size", "textposition", "label", "china_label", "estimate_label", "panel"}


def _resolve(text: Text, drawn: Drawn) -> str:
    return text(drawn) if callable(text) else text


def cited_in(frame: pd.DataFrame) -> Iterable[str]:
    """The source ids a frame's rows cite: every id of a `source_ids` list, and the `source_id` column."""
    if "source_ids" in frame:
        for ids in frame["source_ids"]:
            if ids is not None and not (isinstance(ids, float) and pd.isna(ids)):
                yield from (str(source) for source in ids)
    if "source_id" in frame:
        yield from (str(source) for source in frame["source_id"].dropna())


def primary_first(sources: pd.DataFrame) -> pd.DataFrame:
    """Primary sources (the issuer's own documents) first, then by publisher and title."""
    return sources.sort_values(["is_primary", "publisher", "title"], ascending=[False, True, True])


def source_line(sources: pd.DataFrame, limit: int = 4) -> str:
    """'Source: BIS (primary); Reuters; and 3 more. <site>.': publishers, primary ones first and marked."""
    ordered = primary_first(sources)
    marked = [
        f"{p} (primary)" if primary else p
        for p, primary in zip(ordered["publisher"], ordered["is_primary"], strict=True)
    ]
    names = list(dict.fromkeys(marked))
    shown = "; ".join(names[:limit])
    more = f"; and {len(names) - limit} more" if len(names) > limit else ""
    return f"Source: {shown}{more}. {SITE}." if names else f"{SITE}."

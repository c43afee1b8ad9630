"""Pure figure builders: rows in, Plotly figure out, no Streamlit.

Colours come with the rows (the vocabularies' colours, joined in data/views.sql). `finish` gives every
chart the same layout and its policy-event markers; `captioned` adds the title block and source line
inside the figure for the image and HTML downloads, which travel without the page around them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

FONT = "Inter, Segoe UI, Helvetica, Arial, sans-serif"
GREY = "#595959"  # 7:1 on white
# Okabe-Ito (colour-blind safe), for series whose vocabulary has no colour of its own.
FALLBACK_COLOURS = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#444444", "#F0E442"]
CONFIDENCE_SYMBOLS = {"confirmed": "circle", "reported": "circle", "estimate": "circle-open"}
EXPORT_WIDTH = 1000  # image downloads are drawn at this width, so their title block wraps for it


def first_colour(group: pd.DataFrame, column: str, fallback: str = GREY) -> str:
    """The colour a group's rows carry in `column` (the vocabulary's colour), or the fallback."""
    if column in group and group[column].notna().any():
        return str(group[column].dropna().iloc[0])
    return fallback


def solid_first(group: pd.DataFrame, symbols: pd.Series) -> tuple[pd.DataFrame, list[str]]:
    """The group and its marker symbols, solid markers first: Plotly draws a legend entry with the trace's
    first marker, and a hollow one there would read as "estimate" (or "China variant") for the whole series."""
    order = symbols.str.endswith("-open").sort_values(kind="stable").index
    return group.loc[order], list(symbols.loc[order])


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most `width` characters (Plotly does not wrap SVG text)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


LEGEND_ROW_CHARS = 36  # legend entries per row on a phone-width plot


def finish(fig: go.Figure, height: int, markers: pd.DataFrame | None = None) -> go.Figure:
    """One layout for every chart on screen: no title inside (the page prints it above, at the chart's
    width), a legend below the plot, event markers on time axes."""
    if markers is not None and not markers.empty:
        add_event_markers(fig, markers)
    legend_labels = [t.name or "" for t in fig.data if t.showlegend is not False and t.name]
    legend_rows = 0 if len(legend_labels) < 2 else -(-sum(len(n) + 6 for n in legend_labels) // LEGEND_ROW_CHARS)
    bottom = 40 + 21 * legend_rows
    fig.update_layout(
        font={"family": FONT, "size": 12, "color": "#222"},
        template="plotly_white",
        height=height + bottom - 40,
        margin={"l": 8, "r": 8, "t": 24, "b": bottom, "autoexpand": True},
        legend={
            "orientation": "h",
            "x": 0,
            "xref": "container",
            "y": 0,
            "yref": "container",
            "yanchor": "bottom",
            "font": {"size": 11},
        },
        hoverlabel={"font": {"family": FONT}},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    return fig


TITLE_CHARS, SUBTITLE_CHARS, SOURCE_CHARS = 80, 110, 130  # per line at EXPORT_WIDTH


def captioned(fig: go.Figure, title: str, subtitle: str, source_line: str) -> go.Figure:
    """A copy of a finished figure with its title, subtitle and source line inside, drawn at the export
    width, for the image and HTML downloads."""
    copy = go.Figure(fig)
    title_lines = wrap(title, TITLE_CHARS)
    small = [(wrap(subtitle, SUBTITLE_CHARS), 13), (wrap(source_line, SOURCE_CHARS), 11)]
    text = "<br>".join(f"<b>{line}</b>" for line in title_lines)
    for lines, size in small:
        if lines:
            text += f"<br><span style='font-size:{size}px;color:{GREY}'>" + "<br>".join(lines) + "</span>"
    # Plotly spaces every line of a title at the title's line height, small print included.
    top = 36 + 24 * (len(title_lines) + sum(len(lines) for lines, _ in small))
    copy.update_layout(
        title={
            "text": text,
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 20, "l": 12},
            "font": {"size": 18},
        },
        margin={"t": top, "l": 12, "r": 12},
        height=copy.layout.height + top - copy.layout.margin.t,
        width=EXPORT_WIDTH,
    )
    return copy


def add_event_markers(fig: go.Figure, markers: pd.DataFrame) -> go.Figure:
    """A dotted vertical line per key event, and a hoverable triangle at the top of each."""
    # One layout update for all lines: add_shape validates the whole layout on every call.
    lines = [
        {
            "type": "line",
            "x0": row.date,
            "x1": row.date,
            "xref": "x",
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"dash": "dot", "width": 1, "color": row.thread_colour},
            "opacity": 0.55,
            "layer": "below",
        }
        for row in markers.itertuples()
    ]
    fig.update_layout(shapes=[*fig.layout.shapes, *lines])
    fig.add_trace(
        go.Scatter(
            x=markers["date"],
            y=[1.0] * len(markers),
            yaxis="y9",
            mode="markers",
            marker={
                "symbol": "triangle-down",
                "size": 9,
                "color": list(markers["thread_colour"]),
            },
            name="Policy events",
            customdata=markers[["title", "category_label", "actor"]].to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>%{x|%d %b %Y} · %{customdata[1]}"
            "<br>%{customdata[2]}<extra></extra>",
            showlegend=True,
        )
    )
    fig.update_layout(yaxis9={"overlaying": "y", "range": [0, 1.02], "visible": False, "fixedrange": True})
    return fig


# The toolbar's camera would save the plot without its title and source line: images are downloaded
# captioned from the chart's own download button instead.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d", "autoScale2d"],
}


def year_to_date(years: pd.Series) -> pd.Series:
    """Annual values are drawn at mid-year, so event markers fall in the right year."""
    return pd.to_datetime(years.astype(int).astype(str) + "-07-01")


def fiscal_year_end(years: pd.Series) -> pd.Series:
    """Nvidia's fiscal year N ends in late January of calendar year N."""
    return pd.to_datetime(years.astype(int).astype(str) + "-01-28")


# ---- builders


def policy_timeline(events: pd.DataFrame) -> go.Figure:
    """Events on a time axis, one lane per category, coloured by jurisdiction."""
    fig = go.Figure()
    lanes = events.sort_values("category_label")["category_label"].drop_duplicates().tolist()
    for jurisdiction, group in events.groupby("jurisdiction", sort=True):
        fig.add_trace(
            go.Scatter(
                x=group["date"],
                y=group["category_label"],
                mode="markers",
                name=jurisdiction,
                marker={
                    "size": [14 if k else 9 for k in group["key_event"]],
                    "color": first_colour(group, "jurisdiction_colour"),
                    "line": {"width": 1, "color": "white"},
                    "opacity": 0.85,
                },
                customdata=group[["event_id", "title", "summary", "actor"]].to_numpy(),
                hovertemplate="<b>%{customdata[1]}</b><br>%{x|%d %b %Y} · %{customdata[3]}"
                "<br>%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=lanes[::-1], title=None, automargin=True, fixedrange=True)
    fig.update_xaxes(title=None, type="date")
    fig.update_layout(hovermode="closest", clickmode="event+select")
    return fig


def overview_timeline(rows: pd.DataFrame) -> go.Figure:
    """Top: key events of the three threads. Bottom: China's NEV and solar shares, the outcomes.
    `rows` holds both, told apart by `panel` ("events" or "outcomes")."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.45, 0.55], vertical_spacing=0.06)
    key_events, outcomes = rows[rows["panel"] == "events"], rows[rows["panel"] == "outcomes"]
    for series, group in key_events.groupby("series", sort=False):
        fig.add_trace(
            go.Scatter(
                x=group["date"],
                y=[series] * len(group),
                mode="markers",
                name=series,
                marker={"size": 11, "color": first_colour(group, "colour"), "symbol": "diamond"},
                customdata=group[["title", "actor"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{x|%d %b %Y} · %{customdata[1]}<extra></extra>",
            ),
            row=1,
            col=1,
        )
    for series, group in outcomes.groupby("series", sort=False):
        fig.add_trace(
            go.Scatter(
                x=year_to_date(group["year"]),
                y=group["value"],
                mode="lines+markers",
                name=series,
                line={"width": 2.5, "color": first_colour(group, "colour")},
                customdata=group[["year"]].to_numpy(),
                hovertemplate=f"{series}<br>%{{customdata[0]}}: %{{y:.1f}}%<extra></extra>",
            ),
            row=2,
            col=1,
        )
    fig.update_yaxes(title=None, fixedrange=True, row=1, col=1)
    fig.update_yaxes(title="Percent", ticksuffix="%", rangemode="tozero", row=2, col=1)
    fig.update_xaxes(type="date", row=2, col=1)
    return fig


def spec_scatter(chips: pd.DataFrame, axis_title: str) -> go.Figure:
    """One chip attribute (`value`) against release date (log scale), by vendor; China variants as open
    diamonds."""
    column = "value"
    data = chips.dropna(subset=[column, "release_date"])
    released = data["release_date"].astype("int64")
    logged = data[column].map(math.log10)
    data = data.assign(
        textposition=label_positions(
            fractions(released, released.min(), released.max()),
            fractions(logged, logged.min(), logged.max()),
            list(data["label"]),
        )
    )
    fig = go.Figure()
    for vendor, group in data.groupby("vendor", sort=True):
        group, symbols = solid_first(group, group["china_variant"].map({True: "diamond-open", False: "circle"}))
        vendor_colour = first_colour(group, "vendor_colour")
        fig.add_trace(
            go.Scatter(
                x=group["release_date"],
                y=group[column],
                mode="markers+text",
                name=vendor,
                text=group["label"],
                textposition=list(group["textposition"]),
                textfont={"size": 10, "color": vendor_colour},
                marker={
                    "size": 12,
                    "color": vendor_colour,
                    "symbol": symbols,
                    "line": {"width": 2, "color": vendor_colour},
                },
                customdata=group[["name", "china_label", "estimate_label"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b>%{customdata[1]}%{customdata[2]}<br>"
                f"{axis_title}: %{{y:,.0f}}<br>Released %{{x|%b %Y}}<extra></extra>",
            )
        )
    fig.update_yaxes(title=axis_title, type="log", dtick=1)
    fig.update_xaxes(title=None, type="date")
    return fig


def chip_comparison(long: pd.DataFrame) -> go.Figure:
    """Picked chips side by side: one panel per attribute, bars coloured by vendor."""
    attributes = long["attribute_label"].drop_duplicates().tolist()
    fig = make_subplots(rows=len(attributes), cols=1, subplot_titles=attributes, vertical_spacing=0.09)
    for i, attribute in enumerate(attributes, start=1):
        group = long[long["attribute_label"] == attribute]
        fig.add_trace(
            go.Bar(
                x=group["value"],
                y=group["name"],
                orientation="h",
                marker={"color": list(group["vendor_colour"].fillna(GREY))},
                text=[f"{v:,.0f}" for v in group["value"]],
                textposition="auto",
                hovertemplate="%{y}: %{x:,.1f}<extra></extra>",
                showlegend=False,
            ),
            row=i,
            col=1,
        )
        fig.update_yaxes(autorange="reversed", automargin=True, row=i, col=1)
    return fig


def adoption_timeline(records: pd.DataFrame) -> go.Figure:
    """Who adopted which chips: one row per company, coloured by vendor, open markers for estimates."""
    fig = go.Figure()
    for vendor, group in records.groupby("vendor", sort=True):
        group, symbols = solid_first(group, group["confidence"].map(CONFIDENCE_SYMBOLS).fillna("circle"))
        vendor_colour = first_colour(group, "vendor_colour")
        fig.add_trace(
            go.Scatter(
                x=group["date"],
                y=group["company_label"],
                mode="markers",
                name=vendor,
                marker={
                    "size": group["marker_size"],
                    "color": vendor_colour,
                    "symbol": symbols,
                    "line": {"width": 2, "color": vendor_colour},
                    "opacity": 0.85,
                },
                customdata=group[["summary", "kind", "confidence", "quantity"]].to_numpy(),
                hovertemplate="<b>%{y}</b> · %{customdata[1]} (%{customdata[2]})<br>%{x|%b %Y}"
                "<br>%{customdata[3]}<br>%{customdata[0]}<extra></extra>",
            )
        )
    fig.update_yaxes(title=None, automargin=True, categoryorder="category descending", fixedrange=True)
    fig.update_xaxes(title=None, type="date")
    return fig


def estimate_ranges(estimates: pd.DataFrame, unit_label: str) -> go.Figure:
    """Estimates that sources disagree on: a bar from the lowest to the highest, a dot per source."""
    fig = go.Figure()
    spans = estimates.groupby("year")["point"].agg(["min", "max"]).reset_index()
    fig.add_trace(
        go.Bar(
            x=spans["year"].astype(str),
            y=spans["max"] - spans["min"],
            base=spans["min"],
            marker={"color": "rgba(213,94,0,0.18)", "line": {"color": "#D55E00", "width": 1}},
            name="Range across sources",
            hovertemplate="%{x}: %{base:,.0f} to %{y:,.0f} more<extra></extra>",
            width=0.5,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=estimates["year"].astype(str),
            y=estimates["point"],
            mode="markers",
            name="One source's figure",
            marker={
                "size": 11,
                "color": "#D55E00",
                "symbol": [
                    "triangle-up" if b == "at least" else "triangle-down" if b == "at most" else "circle-open"
                    for b in estimates["bound"]
                ],
                "line": {"width": 2, "color": "#D55E00"},
            },
            customdata=estimates[["publisher", "bound", "summary"]].to_numpy(),
            hovertemplate="%{x}: %{customdata[1]} %{y:,.0f}<br>%{customdata[0]}<br>%{customdata[2]}<extra></extra>",
        )
    )
    fig.update_yaxes(title=unit_label, rangemode="tozero", separatethousands=True)
    fig.update_xaxes(title="Year the figure is for", type="category")
    return fig


def revenue_bars(revenue: pd.DataFrame) -> go.Figure:
    """Nvidia's China revenue by fiscal year, with China's share of the total where both are known."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Bar(
            x=revenue["fiscal_date"],
            y=revenue["china_bn"],
            name="China revenue (US$ bn)",
            marker={"color": "#009E73"},
            customdata=revenue[["fiscal_label"]].to_numpy(),
            hovertemplate="%{customdata[0]}: $%{y:.1f} bn<extra></extra>",
            width=1000 * 3600 * 24 * 200,
        ),
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=revenue["fiscal_date"],
            y=revenue["share_pct"],
            name="Share of Nvidia revenue (%)",
            mode="lines+markers",
            connectgaps=False,
            line={"color": "#444444", "width": 2},
            customdata=revenue[["fiscal_label"]].to_numpy(),
            hovertemplate="%{customdata[0]}: %{y:.0f}% of revenue<extra></extra>",
        ),
        secondary_y=True,
    )
    fig.update_yaxes(title="US$ billion", rangemode="tozero", secondary_y=False)
    fig.update_yaxes(
        title="Percent of revenue",
        ticksuffix="%",
        rangemode="tozero",
        tickformat=".0f",
        showgrid=False,
        secondary_y=True,
    )
    fig.update_xaxes(title="Nvidia fiscal year (ends late January)", type="date")
    return fig


def region_lines(series: pd.DataFrame, unit_title: str, percent: bool = False) -> go.Figure:
    """One line per region (and basis, when several), annual values at mid-year, in the colour the rows
    carry (`colour`) or, where they carry none, the next of the fallback colours."""
    fig = go.Figure()
    labels = series["region"].drop_duplicates().tolist()
    colours = series.dropna(subset=["colour"]).drop_duplicates("region").set_index("region")["colour"].to_dict()
    spare = iter([c for c in FALLBACK_COLOURS if c not in colours.values()] * 2)
    palette = {label: colours.get(label) or next(spare) for label in labels}
    bases = series["basis"].drop_duplicates().tolist()
    dashes = dict(zip(bases, ["solid", "dot", "dash", "dashdot"], strict=False))
    for (region, basis), group in series.groupby(["region", "basis"], sort=False):
        label = region if len(bases) == 1 else f"{region} ({basis})"
        estimate = group["confidence"].isin(["estimate", "derived"])
        if "period" in group:  # part of a year: hollow, like an estimate
            estimate |= group["period"] != "year"
        fig.add_trace(
            go.Scatter(
                x=year_to_date(group["year"]),
                y=group["value"],
                mode="lines+markers",
                name=label,
                line={
                    "width": 3 if region == "China" else 2,
                    "color": palette[region],
                    "dash": dashes.get(basis, "solid"),
                },
                marker={
                    "symbol": ["circle-open" if e else "circle" for e in estimate],
                    "size": 8,
                    "line": {"width": 2, "color": palette[region]},
                },
                customdata=group[["year", "basis", "confidence"]].to_numpy(),
                hovertemplate=f"{label}<br>%{{customdata[0]}}: %{{y:,.{1 if percent else 0}f}}"
                f"{'%' if percent else ''}<br>%{{customdata[1]}} · %{{customdata[2]}}<extra></extra>",
            )
        )
    fig.update_yaxes(title=unit_title, rangemode="tozero", ticksuffix="%" if percent else "", separatethousands=True)
    # Over a few years Plotly ticks every half year, and "%Y" would print each year twice: tick once a year,
    # at mid-year where the values sit.
    yearly = {"dtick": "M12", "tick0": "2000-07-01"} if series["year"].nunique() <= 6 else {}
    fig.update_xaxes(title=None, type="date", tickformat="%Y", **yearly)
    return fig


TPP_RANGE, PD_RANGE = (100.0, 60000.0), (0.5, 60.0)
ZONE_COLOURS = {"a": "rgba(213,94,0,0.16)", "b": "rgba(230,159,0,0.16)"}


def _zone_label(paragraph: pd.Series) -> str:
    label = paragraph["paragraph"]
    if paragraph["scope"] == "datacenter":
        label += "<br>(datacenter chips)"
    if pd.notna(paragraph.get("interconnect_min_gbs")):
        label += f"<br>if chip-to-chip ≥ {paragraph['interconnect_min_gbs']:,.0f} GB/s"
    return label


# Label placement assumes the narrowest plot (a phone), where labels collide first.
LABEL_PLOT_PX, LABEL_CHAR_PX, LABEL_LINE_PX, MARKER_RADIUS_PX = (280, 330), 6, 12, 7
# Text position -> offset of the label box's lower-left corner from its marker's centre, as multiples of
# (label width, marker radius) across and (label height, marker radius) up.
LABEL_OFFSETS = {
    "top center": (-0.5, 0, 0, 1),
    "bottom center": (-0.5, 0, -1, -1),
    "middle right": (0, 1, -0.5, 0),
    "middle left": (-1, -1, -0.5, 0),
    "top right": (0, 0.5, 0, 0.5),
    "top left": (-1, -0.5, 0, 0.5),
    "bottom right": (0, 0.5, -1, -0.5),
    "bottom left": (-1, -0.5, -1, -0.5),
}


def _overlap(a: tuple, b: tuple) -> float:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def label_positions(xs, ys, labels, fixed: Sequence[dict] = ()) -> list[str]:
    """A text position for each point's label that overlaps the other markers, the `fixed` annotations
    (x, y, text, xanchor, yanchor), the labels already placed and the plot's edges as little as it can:
    greedy, left to right. Positions are fractions of the plot's width and height (0 to 1)."""
    width, height = LABEL_PLOT_PX
    plot = (0, 0, width, height)
    to_px = [(x * width, y * height) for x, y in zip(xs, ys, strict=True)]
    r = MARKER_RADIUS_PX
    boxes = [(x - r, y - r, x + r, y + r) for x, y in to_px]
    for note in fixed:
        lines = note["text"].split("<br>")
        w, h = LABEL_CHAR_PX * max(len(line) for line in lines), LABEL_LINE_PX * len(lines)
        x, y = note["x"] * width, note["y"] * height
        x0 = {"left": x, "right": x - w}.get(note.get("xanchor"), x - w / 2)
        y0 = {"bottom": y, "top": y - h}.get(note.get("yanchor"), y - h / 2)
        boxes.append((x0, y0, x0 + w, y0 + h))

    def cost(box: tuple) -> float:
        outside = (box[2] - box[0]) * (box[3] - box[1]) - _overlap(box, plot)
        return sum(_overlap(box, other) for other in boxes) + 2 * outside

    positions = ["top center"] * len(to_px)
    for index in sorted(range(len(to_px)), key=lambda i: to_px[i][0]):
        if not labels[index]:
            continue
        (x, y), w, h = to_px[index], LABEL_CHAR_PX * len(labels[index]), LABEL_LINE_PX
        candidates = {}
        for name, (across_w, across_r, up_h, up_r) in LABEL_OFFSETS.items():
            x0, y0 = x + across_w * w + across_r * r, y + up_h * h + up_r * r
            candidates[name] = (x0, y0, x0 + w, y0 + h)
        own = boxes.pop(index)  # a label may touch its own marker
        best = min(candidates, key=lambda name: cost(candidates[name]))
        boxes.insert(index, own)
        boxes.append(candidates[best])
        positions[index] = best
    return positions


def fractions(values, low: float, high: float) -> list[float]:
    """Where values sit between an axis's two ends, 0 to 1 (the middle when the ends meet)."""
    return [(value - low) / (high - low) if high > low else 0.5 for value in values]


def threshold_map(points: pd.DataFrame, paragraphs: pd.DataFrame) -> go.Figure:
    """Chips on TPP against performance density (log axes), over the controlled zones of one rule."""
    fig = go.Figure()
    zone_labels = []
    for _, paragraph in paragraphs.iterrows():
        x0 = paragraph["tpp_min"] if pd.notna(paragraph["tpp_min"]) else TPP_RANGE[0]
        x1 = paragraph["tpp_below"] if pd.notna(paragraph["tpp_below"]) else TPP_RANGE[1]
        y0 = paragraph["pd_min"] if pd.notna(paragraph["pd_min"]) else PD_RANGE[0]
        y1 = paragraph["pd_below"] if pd.notna(paragraph["pd_below"]) else PD_RANGE[1]
        if paragraph["outcome"] == "case_by_case":
            fig.add_shape(
                type="rect", x0=x0, x1=x1, y0=y0, y1=y1, line={"color": "#0072B2", "dash": "dash", "width": 2}
            )
            zone_labels.append(
                {
                    "x": math.log10(x1),
                    "y": math.log10(y1),
                    "text": f"Case-by-case licence review<br>below TPP {x1:,.0f}",
                    "xanchor": "right",
                    "yanchor": "top",
                    "font": {"size": 10, "color": "#0072B2"},
                }
            )
            continue
        kind = "b" if ".b" in paragraph["paragraph"] else "a"
        fig.add_shape(
            type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=ZONE_COLOURS[kind], line={"width": 0}, layer="below"
        )
        zone_labels.append(
            {
                "x": (math.log10(x0) + math.log10(x1)) / 2,
                "y": math.log10(y1)
                if kind == "a" and pd.isna(paragraph["pd_below"])
                else (math.log10(y0) + math.log10(y1)) / 2,
                "yanchor": "top" if pd.isna(paragraph["pd_below"]) else "middle",
                "text": _zone_label(paragraph),
                "font": {"size": 10, "color": "#8a3b00" if kind == "a" else "#7a5200"},
            }
        )
    for note in zone_labels:
        fig.add_annotation(showarrow=False, **note)
    x_range = (math.log10(TPP_RANGE[0]), math.log10(TPP_RANGE[1]))
    y_range = (math.log10(PD_RANGE[0]), math.log10(PD_RANGE[1]))
    points = points.assign(
        textposition=label_positions(
            fractions([math.log10(x) for x in points["tpp"]], *x_range),
            fractions([math.log10(y) for y in points["performance_density"]], *y_range),
            list(points["label"]),
            [
                note | {"x": fractions([note["x"]], *x_range)[0], "y": fractions([note["y"]], *y_range)[0]}
                for note in zone_labels
            ],
        )
    )
    for vendor, group in points.groupby("vendor", sort=True):
        vendor_colour = first_colour(group, "vendor_colour")
        fig.add_trace(
            go.Scatter(
                x=group["tpp"],
                y=group["performance_density"],
                mode="markers+text",
                name=vendor,
                text=group["label"],
                textposition=list(group["textposition"]),
                textfont={"size": 10, "color": vendor_colour},
                marker={
                    "size": 12,
                    "color": vendor_colour,
                    "symbol": [
                        "diamond-open" if cv else "square" if not dc else "circle"
                        for cv, dc in zip(group["china_variant"], group["datacenter"], strict=True)
                    ],
                    "line": {"width": 2, "color": vendor_colour},
                },
                customdata=group[["name", "status_text", "reason"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>TPP %{x:,.0f} · density %{y:.2f}<br>%{customdata[1]}"
                "<br>%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_xaxes(
        title="Total processing performance (TPP, log scale)",
        type="log",
        dtick=1,
        range=list(x_range),
    )
    fig.update_yaxes(title="Performance density (TPP per mm², log)", type="log", dtick=1, range=list(y_range))
    return fig


def listings_by_quarter(listings: pd.DataFrame, colour_by: str = "sector") -> go.Figure:
    """Entities listed per quarter (a bulk row counts its entities), stacked by sector or by list."""
    label, colour = (
        ("sector_label", "sector_colour") if colour_by == "sector" else ("list_label", "jurisdiction_colour")
    )
    counts = listings.groupby(["quarter", label], sort=True)["entity_count"].sum().reset_index()
    order = listings.sort_values("sector_sort" if colour_by == "sector" else "list_label")[label].drop_duplicates()
    fig = go.Figure()
    spare = iter(FALLBACK_COLOURS * 2)
    for name in order:
        group = counts[counts[label] == name]
        colours = listings.loc[listings[label] == name, colour].dropna()
        fig.add_trace(
            go.Bar(
                x=group["quarter"],
                y=group["entity_count"],
                name=name,
                marker={"color": colours.iloc[0] if colour_by == "sector" and len(colours) else next(spare)},
                hovertemplate=f"{name}<br>%{{x|%b %Y}} quarter: %{{y:,.0f}} entities<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", bargap=0.15)
    fig.update_yaxes(title="Entities listed", rangemode="tozero")
    fig.update_xaxes(title=None, type="date")
    return fig


SIDE_COLOURS = {"China (SMIC)": "#D55E00", "Leading edge": "#0072B2"}


def node_steps(steps: pd.DataFrame, claims: pd.DataFrame) -> go.Figure:
    """The smallest nm class reached by each side, year by year, as steps (log axis, small at the top);
    claims and plans as hollow points."""
    fig = go.Figure()
    for side, group in steps.groupby("side", sort=False):
        fig.add_trace(
            go.Scatter(
                x=year_to_date(group["year"]),
                y=group["class_nm"],
                mode="lines+markers",
                line={"shape": "hv", "width": 3, "color": SIDE_COLOURS.get(side, GREY)},
                marker={"size": 8, "color": SIDE_COLOURS.get(side, GREY)},
                name=side,
                customdata=group[["year", "name", "maker", "first_product", "years_behind"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}: %{y} nm class</b><br>%{customdata[2]} %{customdata[1]}"
                "<br>%{customdata[3]}<br>%{customdata[4]} years behind the leading edge<extra></extra>",
            )
        )
    if not claims.empty:
        fig.add_trace(
            go.Scatter(
                x=claims["date"],
                y=claims["class_nm"],
                mode="markers",
                marker={
                    "size": 11,
                    "symbol": "circle-open",
                    "line": {"width": 2, "color": "#D55E00"},
                    "color": "#D55E00",
                },
                name="Claims and plans (estimates)",
                customdata=claims[["name", "evidence", "publisher"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]} · %{customdata[2]}<extra></extra>",
            )
        )
    fig.update_yaxes(
        title="Process class (nm, log scale)", type="log", autorange="reversed", tickvals=[2, 3, 5, 7, 14, 28]
    )
    fig.update_xaxes(title=None, type="date")
    return fig


def soc_chart(socs: pd.DataFrame) -> go.Figure:
    """Huawei's phone chips by launch date, one row per foundry, labelled."""
    fig = go.Figure()
    for foundry, group in socs.groupby("foundry_group", sort=True):
        fig.add_trace(
            go.Scatter(
                x=group["date"],
                y=group["node_label"],
                mode="markers+text",
                text=group["chip"],
                textposition="top center",
                textfont={"size": 10},
                marker={"size": 12, "color": SIDE_COLOURS["Leading edge" if foundry == "TSMC" else "China (SMIC)"]},
                name=foundry,
                customdata=group[["device", "evidence", "die_area_text"]].to_numpy(),
                hovertemplate="<b>%{text}</b> · %{y}<br>%{customdata[0]}<br>%{customdata[1]}%{customdata[2]}"
                "<extra></extra>",
            )
        )
    fig.update_yaxes(title=None, automargin=True, fixedrange=True)
    fig.update_xaxes(title=None, type="date")
    return fig

"""Pure functions: URL filter validation, chart finishing, derived numbers."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import builders, chart, filters, transforms, ui
from dashboard.measures import MEASURES


def test_split_known_keeps_known_in_order_and_reports_the_rest() -> None:
    kept, dropped = filters.split_known(["Huawei", "<script>", "Baidu", "Huawei", "x' OR 1=1"], ["Baidu", "Huawei"])
    assert kept == ["Huawei", "Baidu"]
    assert dropped == ["<script>", "x' OR 1=1"]


def test_parse_year_range() -> None:
    bounds = (2015, 2026)
    assert filters.parse_year_range([], bounds) == (None, False)
    assert filters.parse_year_range(["2020", "2023"], bounds) == ((2020, 2023), False)
    assert filters.parse_year_range(["2023", "2020"], bounds) == ((2020, 2023), False)
    assert filters.parse_year_range(["1900", "2020"], bounds) == (None, True)
    assert filters.parse_year_range(["2020-2023"], bounds) == (None, True)
    assert filters.parse_year_range(["twenty", "2020"], bounds) == (None, True)


def test_shown_values_are_clipped_and_inert() -> None:
    text = filters.shown(["[click](javascript:alert(1))", "a" * 5000, "b", "c", "d", "e", "f"])
    assert "](" not in text and "\\[click\\]" in text
    assert len(text) < 400
    assert text.endswith("and 2 more")


def test_safe_link_only_links_http() -> None:
    assert ui.safe_link("EO", "https://example.org/a") == "[EO](https://example.org/a)"
    assert "](" not in ui.safe_link("bad", "javascript:alert(1)")
    assert "](" not in ui.safe_link("bad", "https://example.org/a) [x](javascript:1")


def test_finish_draws_markers_and_captioned_puts_title_subtitle_and_source_inside() -> None:
    markers = pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-10-07", "2023-10-17"]),
            "thread_colour": ["#0072B2"] * 2,
            "title": ["Rule one", "Rule two"],
            "category_label": ["Chip rule"] * 2,
            "actor": ["BIS"] * 2,
        }
    )
    fig = builders.finish(go.Figure(go.Scatter(x=[1], y=[1], name="data")), 460, markers)
    assert not fig.layout.title.text, "on screen the page prints the title above the chart, at its width"
    assert len(fig.layout.shapes) == 2
    assert fig.data[-1].name == "Policy events" and list(fig.data[-1].customdata[:, 0]) == ["Rule one", "Rule two"]
    assert not builders.finish(go.Figure(), 460, None).layout.shapes
    exported = builders.captioned(fig, "A finding " * 12, "Units", "Source: Epoch AI; NEA.")
    title = exported.layout.title.text
    assert "A finding" in title and "Units" in title and "Source: Epoch AI; NEA." in title
    assert title.count("<br>") >= 2, "a long title wraps at the export width"
    assert exported.layout.width == builders.EXPORT_WIDTH and exported.layout.margin.t > fig.layout.margin.t
    assert not fig.layout.title.text, "the screen figure is left as it was"


def test_source_line_names_primary_publishers_first_and_counts_the_rest() -> None:
    sources = pd.DataFrame(
        {
            "publisher": ["A", "B", "A", "C", "D", "E", "F"],
            "title": list("abcdefg"),
            "is_primary": [False, False, False, False, False, False, True],
        }
    )
    assert chart.source_line(sources).startswith("Source: F (primary); A; B; C; and 2 more.")


def test_export_titles_wrap_at_the_export_width() -> None:
    lines = builders.wrap("China accounts for over half of the world's new solar capacity " * 2, builders.TITLE_CHARS)
    assert all(len(line) <= builders.TITLE_CHARS for line in lines) and len(lines) > 1


def test_quantity_text_and_marker_size() -> None:
    nan = float("nan")
    assert transforms.quantity_text(1600, nan, nan, 61830000) == "1,600 chips, $62 m"
    assert transforms.quantity_text(nan, 100000, nan, nan) == "at least 100,000 chips"
    assert transforms.quantity_text(nan, nan, 30000, nan) == "at most 30,000 chips"
    assert transforms.quantity_text(nan, nan, nan, 2e9) == "$2.00 bn"
    assert transforms.marker_size(nan, nan, nan) == 8.0
    assert transforms.marker_size(1_000_000, nan, nan) > transforms.marker_size(1000, nan, nan)


def test_output_estimates_keep_one_point_per_source_with_its_bound() -> None:
    records = pd.DataFrame(
        {
            "company": ["Huawei"] * 4,
            "vendor": ["Huawei"] * 4,
            "kind": ["production", "production", "production", "plan"],
            "date": pd.to_datetime(["2025-01-01"] * 4),
            "units": [805000, None, None, 160000],
            "units_low": [None, 800000, None, None],
            "units_high": [None, None, 200000, None],
        }
    )
    estimates = transforms.output_estimates(records)
    assert list(estimates["point"]) == [200000, 800000, 805000]
    assert list(estimates["bound"]) == ["at most", "at least", "about"]


def test_nvidia_revenue_leaves_gaps_for_unsourced_years() -> None:
    stats = pd.DataFrame(
        {
            "metric": ["nvidia_china_revenue_usd", "nvidia_china_revenue_usd", "nvidia_total_revenue_usd"] * 1,
            "year": [2020, 2022, 2020],
            "value": [2.731e9, 7.111e9, 10.918e9],
            "source_id": ["a", "a", "b"],
            "source_url": ["https://a"] * 3,
        }
    )
    revenue = transforms.nvidia_revenue(stats)
    assert list(revenue["year"]) == [2020, 2021, 2022]
    assert pd.isna(revenue.loc[1, "china_bn"])
    assert round(revenue.loc[0, "share_pct"], 1) == 25.0


def test_china_share_of_world_uses_one_basis() -> None:
    series = pd.DataFrame(
        {
            "basis": ["X", "X", "Y"],
            "year": [2020, 2020, 2020],
            "region": ["China", "World", "World"],
            "value": [50.0, 200.0, 100.0],
        }
    )
    share = transforms.china_share_of_world(series)
    assert list(share["share_pct"]) == [25.0]


def test_search_rows_is_a_plain_case_insensitive_substring_match() -> None:
    frame = pd.DataFrame({"title": ["Huawei added", "SMIC (7nm)", None], "summary": ["x", "y", "huawei again"]})
    assert list(transforms.search_rows(frame, "HUAWEI", ["title", "summary"]).index) == [0, 2]
    assert list(transforms.search_rows(frame, "(7nm", ["title"]).index) == [1]
    assert len(transforms.search_rows(frame, "", ["title"])) == 3


def test_short_company_names_for_aggregates() -> None:
    assert transforms.short_company_name("Chinese AI developers (aggregate)") == "China: AI developers"
    assert transforms.short_company_name("Chinese buyers (aggregate)") == "China: buyers"
    assert transforms.short_company_name("Baidu") == "Baidu"


def test_case_by_case_zone_is_labelled_with_its_own_threshold() -> None:
    paragraph = {
        "paragraph": "case-by-case review",
        "outcome": "case_by_case",
        "scope": "any",
        "tpp_min": None,
        "tpp_below": 15000.0,
        "pd_min": None,
        "pd_below": None,
        "interconnect_min_gbs": None,
    }
    columns = [
        "vendor",
        "tpp",
        "performance_density",
        "label",
        "china_variant",
        "datacenter",
        "name",
        "status_text",
        "reason",
    ]
    points = pd.DataFrame(columns=columns)
    fig = builders.threshold_map(points, pd.DataFrame([paragraph]))
    assert [a.text for a in fig.layout.annotations] == ["Case-by-case licence review<br>below TPP 15,000"]


def sector_rows(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["metric", "region", "basis", "year", "value"])


def test_headlines_are_computed_from_the_years_shown() -> None:
    stats = sector_rows(
        [
            ("pv_added_gw", "China", "IRENA via OWID", 2022, 90.0),
            ("pv_added_gw", "World", "IRENA via OWID", 2022, 200.0),
            ("pv_added_gw", "China", "IRENA via OWID", 2023, 210.0),
            ("pv_added_gw", "World", "IRENA via OWID", 2023, 350.0),
            ("pv_added_gw", "China", "NEA (AC)", 2024, 277.0),  # no World figure on this basis
        ]
    )
    solar = MEASURES["solar-added"]
    assert solar.title(stats) == "China added 60% of the world's new solar capacity in 2023"
    assert solar.title(stats[stats["year"] == 2022]) == "China added 45% of the world's new solar capacity in 2022"
    # Without both figures for one year on one basis the title says what is drawn, not a finding.
    assert solar.title(stats[stats["region"] == "China"]) == "Solar PV capacity added per year"


def test_change_headline_needs_two_years() -> None:
    stats = sector_rows(
        [
            ("nev_sales", "China", "CAAM (wholesale, incl. exports)", 2019, 1_206_000.0),
            ("nev_sales", "China", "CAAM (wholesale, incl. exports)", 2025, 16_490_000.0),
            ("nev_exports", "China", "CAAM (wholesale, incl. exports)", 2025, 2_615_000.0),
        ]
    )
    nev = MEASURES["nev-sales"]
    assert nev.title(stats) == "China's NEV sales went from 1.2 million in 2019 to 16.5 million in 2025"
    assert nev.title(stats[stats["year"] == 2025]) == "China's NEV sales and exports"


def test_widest_disagreement_between_sources_of_one_year() -> None:
    estimates = pd.DataFrame({"year": [2024, 2025, 2025, 2025, 2026], "point": [2e5, 2e5, 4e5, 8.05e5, 6e5]})
    assert transforms.widest_disagreement(estimates) == (2025, 2e5, 8.05e5)
    assert transforms.widest_disagreement(estimates[estimates["year"] != 2025]) is None


def test_region_lines_tick_once_a_year_over_a_short_span() -> None:
    def series(years: range) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "region": "China",
                "basis": "X",
                "year": list(years),
                "value": 1.0,
                "confidence": "reported",
                "colour": None,
            }
        )

    assert builders.region_lines(series(range(2015, 2019)), "GW").layout.xaxis.dtick == "M12"
    assert builders.region_lines(series(range(2015, 2026)), "GW").layout.xaxis.dtick is None


def test_map_labels_move_apart_and_stay_inside_the_plot() -> None:
    (x0, x1), (y0, y1) = (2.0, 4.78), (-0.3, 1.78)

    def at(xs, ys):
        return builders.fractions(xs, x0, x1), builders.fractions(ys, y0, y1)

    # Two labelled chips on one spot, and one at the left edge.
    positions = builders.label_positions(
        *at([3.68, 3.68, 2.05], [0.9, 0.9, 0.1]), ["A800 SXM", "Ascend 910", "Ascend 310"]
    )
    assert positions[0] != positions[1]
    assert "left" not in positions[2]
    # A fixed annotation just above a chip pushes its label off the top.
    (note_x,), (note_y,) = at([3.0], [1.0])
    note = {"x": note_x, "y": note_y, "text": "3A090.b.1<br>(datacenter chips)", "yanchor": "bottom"}
    assert builders.label_positions(*at([3.0], [0.97]), ["H20"], fixed=[note])[0].startswith(("bottom", "middle"))


def test_chip_scatter_labels_do_not_share_a_spot() -> None:
    chips = pd.DataFrame(
        {
            "name": ["Nvidia H100 SXM", "Nvidia H800 SXM", "Nvidia B200", "Huawei Ascend 310"],
            "vendor": "Nvidia",
            "release_date": pd.to_datetime(["2022-09-01", "2023-03-01", "2024-11-01", "2018-10-01"]),
            "value": [989.0, 989.0, 2250.0, 8.0],
            "label": ["H100 SXM", "H800 SXM", "B200", ""],
            "china_variant": [False, True, False, False],
            "china_label": "",
            "estimate_label": "",
        }
    )
    trace = builders.spec_scatter(chips, "FP16").data[0]
    positions = dict(zip(trace.text, trace.textposition, strict=True))
    assert positions["H100 SXM"] != positions["H800 SXM"]
    assert "top" not in positions["B200"]  # the highest point keeps its label inside the plot
    # the legend entry shows the trace's first marker: a solid one, not the China variant's open diamond
    assert trace.marker.symbol[0] == "circle"

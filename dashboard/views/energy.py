"""Solar and EVs: China's build-out against the world, absolute and as a share of the world."""

import streamlit as st

from dashboard import filters, queries, ui
from dashboard.charts import energy
from dashboard.measures import MEASURES

ui.page_header(
    "Solar power and electric vehicles",
    "Each line keeps one statistical basis: China's National Energy Administration counts AC capacity, "
    "IEA PVPS counts DC; CAAM counts all new energy vehicles sold wholesale (including exports), the IEA "
    "counts electric cars. Hollow markers are derived or estimated values.",
)
with ui.controls():
    key = (
        st.segmented_control(
            "Measure",
            list(MEASURES),
            default=energy.DEFAULT_MEASURE,
            key="measure",
            bind="query-params",
            format_func=lambda k: MEASURES[k].label if k in MEASURES else k,
        )
        or energy.DEFAULT_MEASURE
    )
    left, right = st.columns([3, 1])
    regions = filters.bound_multiselect(
        left,
        "Compare with",
        [region for region in queries.vocabulary()["regions"] if region != "China"],
        "region",
        default=list(energy.DEFAULT_REGIONS),
    )
    as_share = right.toggle(
        "China's share of the world",
        key="share",
        bind="query-params",
        disabled=MEASURES[key].share_basis is None,
        help="China as a percentage of the world total, on one basis for both.",
    )
chosen = filters.current().choose(regions=regions)
ui.show_chart(energy.measure_chart(key, bool(as_share and MEASURES[key].share_basis)), chosen)

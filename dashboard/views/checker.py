"""Export-control checker: every chip against every version of the US thresholds, and a calculator."""

import streamlit as st

from dashboard import filters, queries, rules, tables, transforms, ui
from dashboard.charts import checker

shared = filters.current()
ui.page_header(
    "Export-control checker",
    "Each chip's Total Processing Performance (dense throughput × bit length) and performance density (TPP per "
    "mm² of die) against the US thresholds of ECCN 3A090, version by version. A status is computed from the "
    "figures stored for the chip, not taken from a ruling; a figure we lack makes the status undetermined.",
)
versions = queries.rule_versions_table().set_index("rule_id")
with ui.controls():
    rule_id = (
        st.segmented_control(
            "Rule version",
            list(versions.index),
            default=checker.DEFAULT_RULE,
            key="rule",
            bind="query-params",
            format_func=lambda r: r.replace("us-", "").replace("-", "/"),
            help="Year/month the rule version was announced.",
        )
        or checker.DEFAULT_RULE
    )
rule = versions.loc[rule_id]
chosen = shared.choose(rule=rule_id)
ui.show_chart(checker.threshold_map(rule_id), chosen)
if not ui.embedded():
    st.markdown(f"**{rule['title']}.** {rule['summary']}")
under_rule = checker.under_rule(chosen)
missing = under_rule[under_rule["performance_density"].isna()]["name"].tolist()
if missing and not ui.embedded():
    st.caption("Not on the map (no TPP or no die area, so no density): " + ", ".join(missing) + ".")

with ui.on_request("What was in force on a date", "in_force", opened_by=["as_of"]) as shown:
    if shown:
        as_of = filters.as_of_picker("A rule version applies from its effective date, not from its announcement.")
        st.caption(checker.in_force_caption(checker.rule_in_force(as_of)))
        ui.table(checker.status_on(shared, as_of))
        if shared.companies:
            listed = transforms.listed_on(queries.listings(shared.companies), as_of)
            st.markdown(f"**Listings of the companies chosen in force on {as_of:%d %B %Y}**")
            if listed.empty:
                st.caption("None of the companies chosen was listed on that date.")
            else:
                tables.show(listed, tables.LISTINGS)

with ui.on_request("Status of every chip under every rule version (table)", "status_table") as shown:
    if shown:
        status = checker.statuses(shared)
        ui.table(transforms.status_matrix(status))
        ui.csv_download(
            "Status table (CSV)", status[list(checker.STATUS_COLUMNS)], ui.versioned("chip-rule-status", "csv")
        )

with ui.on_request(f"Why each chip has its status under {rule_id}", "reasons_table") as shown:
    if shown:
        ui.table(under_rule[["name", "status_text", "reason", "licence_policy", "licence_exception"]])

with ui.on_request("Licensing actions aimed at named chips", "licensing_table") as shown:
    if shown:
        st.caption(
            "These act on named products, not through thresholds, so they are shown beside the threshold status."
        )
        licensing = transforms.named_chip_actions(
            queries.events(categories=("licensing",)), queries.chips()["name"].tolist()
        )
        ui.table(licensing[["date", "title", "actor", "summary", "source_url"]])

with ui.on_request("Calculator: would a chip with these figures be controlled?", "calculator") as shown:
    if shown:
        left, right = st.columns(2)
        throughput = left.number_input(
            "Peak dense throughput (TOPS or TFLOPS, no sparsity)", 0.0, 1e6, 296.0, step=10.0, key="calc_throughput"
        )
        bits = left.selectbox("Bit length of that operation", [4, 8, 16, 32], index=1, key="calc_bits")
        die = left.number_input("Die area, mm² (0 = unknown)", 0.0, 1e5, 814.0, step=10.0)
        link = right.number_input("Chip-to-chip bandwidth, GB/s (0 = unknown)", 0.0, 1e6, 900.0, step=50.0)
        dram = right.number_input("Memory (DRAM) bandwidth, GB/s (0 = unknown)", 0.0, 1e6, 4000.0, step=100.0)
        datacenter = right.toggle("Designed or marketed for datacenters", value=True, key="calc_datacenter")
        typed = rules.figures_for_throughput(throughput, bits, die or None, link or None, dram or None, datacenter)
        st.metric("TPP of these figures", f"{rules.tpp(throughput, bits):,.0f}")
        band = checker.tariff_band_of(rules.tpp(throughput, bits), dram or None)
        if band:
            st.caption(
                f"These figures fall in band {band.band} of the January 2026 Section 232 tariff ({band.rate_pct:.0f}%)."
            )
        ui.table(
            checker.calculator_answers(typed),
            {"rule source": st.column_config.LinkColumn("Rule (Federal Register)", display_text="open")},
        )

with ui.on_request("The rule wording relied on", "rule_wording") as shown:
    if shown:
        for row in queries.rule_paragraphs().itertuples():
            st.markdown(
                f"**{row.rule_id} {row.paragraph}**: “{filters.escape_markdown(row.wording)}” "
                f"({ui.safe_link(row.source_title, row.source_url)}). {filters.escape_markdown(row.note or '')}"
            )

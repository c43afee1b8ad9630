"""Export-control checker: every chip against every version of the US thresholds, and a calculator."""

import streamlit as st

from dashboard import charts, db, filters, rules, transforms, ui

shared = filters.current()
st.title("Export-control checker")
st.caption(
    "Each chip's Total Processing Performance (dense throughput × bit length) and performance density (TPP per "
    "mm² of die) against the US thresholds of ECCN 3A090, version by version. A status is computed from the "
    "figures stored for the chip, not taken from a ruling; a figure we lack makes the status undetermined."
)
versions, paragraphs = db.rule_tables()
titles = dict(zip(versions["rule_id"], versions["title"], strict=True))
rule_id = (
    st.segmented_control(
        "Rule version",
        list(titles),
        default="us-2023-10",
        key="rule",
        bind="query-params",
        format_func=lambda r: r.replace("us-", "").replace("-", "/"),
        help="Year/month the rule version was announced.",
    )
    or "us-2023-10"
)
rules_by_id = versions.set_index("rule_id")
rule = rules_by_id.loc[rule_id]
st.markdown(f"**{rule['title']}.** {rule['summary']}")

vendors = db.vendors_among(shared.companies)
status = db.rule_status(vendors)
in_years = status["release_date"].dt.year.between(*shared.years) | status["release_date"].isna()
status = status[in_years]
chosen = status[status["rule_id"] == rule_id].copy()
chosen["status_text"] = [
    transforms.status_text(c, e) for c, e in zip(chosen["controlled"], chosen["eccn"], strict=True)
]
chosen["label"] = transforms.short_chip_name(chosen["name"]).where(
    chosen["china_variant"] | chosen["vendor"].eq("Huawei"), ""
)
plotted = chosen.dropna(subset=["tpp", "performance_density"])
shown_paragraphs = db.paragraphs_of(rule_id)
spec = charts.ChartSpec(
    name=f"export-control-map-{rule_id}",
    title={
        "us-2022-10": "In 2022 performance alone did not decide: chips also needed 600 GB/s links to be controlled",
        "us-2026-01": "Most controlled chips fall inside the 2026 case-by-case review zone",
    }.get(rule_id, "Nvidia's China parts sit just outside the shaded zones of the rule they were made for"),
    subtitle=f"{rule['title']}; circles datacenter chips, squares consumer chips, open diamonds China variants",
    height=560,
)
ui.show_chart(
    charts.threshold_map,
    (plotted, shown_paragraphs),
    plotted[["name", "vendor", "rule_id", "tpp", "performance_density", "controlled", "eccn", "reason"]],
    spec,
    shared,
    [*shown_paragraphs["source_id"], rule["source_id"], *db.chip_specs(plotted["chip_id"])["source_id"]],
)
missing = chosen[chosen["performance_density"].isna()]["name"].tolist()
if missing:
    st.caption("Not on the map (no TPP or no die area, so no density): " + ", ".join(missing) + ".")

with ui.on_request("Status of every chip under every rule version (table)", "status_table") as shown:
    if shown:
        matrix = transforms.status_matrix(status)
        ui.table(matrix)
        exported = [
            "chip_id",
            "name",
            "vendor",
            "rule_id",
            "tpp",
            "performance_density",
            "controlled",
            "eccn",
            "reason",
            "licence_policy",
        ]
        ui.csv_download("Status table (CSV)", status[exported], "chip-rule-status", "csv-rule-status")

with ui.on_request(f"Why each chip has its status under {rule_id}", "reasons_table") as shown:
    if shown:
        ui.table(chosen[["name", "status_text", "reason", "licence_policy"]])

with ui.on_request("Licensing actions aimed at named chips", "licensing_table") as shown:
    if shown:
        st.caption(
            "These act on named products, not through thresholds, so they are shown beside the threshold status."
        )
        licensing = transforms.named_chip_actions(db.events(categories=("licensing",)), db.chips()["name"].tolist())
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
        answers = []
        for version_id, version in db.rule_versions().items():
            result = rules.classify(typed, version)
            cited = db.paragraphs_of(version_id)
            answers.append(
                {
                    "rule": version_id,
                    "status": transforms.status_text(result.controlled, result.eccn),
                    "reason": result.reason,
                    "licence policy": result.licence_policy,
                    "rule source": rules_by_id.loc[version_id, "source_url"],
                    "wording from": ", ".join(cited["publisher"].drop_duplicates()),
                }
            )
        ui.table(answers, {"rule source": st.column_config.LinkColumn("Rule (Federal Register)", display_text="open")})

with ui.on_request("The rule wording relied on", "rule_wording") as shown:
    if shown:
        for row in paragraphs.itertuples():
            st.markdown(
                f"**{row.rule_id} {row.paragraph}**: “{filters.escape_markdown(row.wording)}” "
                f"({ui.safe_link(row.source_title, row.source_url)}). {filters.escape_markdown(row.note or '')}"
            )

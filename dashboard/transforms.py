"""Pure calculations on query results: labels, estimate ranges, shares. No Streamlit, no SQL."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd

from dashboard.builders import fiscal_year_end


def quantity_text(units, low, high, value_usd) -> str:
    parts = []
    if pd.notna(units):
        parts.append(f"{units:,.0f} chips")
    elif pd.notna(low) and pd.notna(high):
        parts.append(f"{low:,.0f} to {high:,.0f} chips")
    elif pd.notna(low):
        parts.append(f"at least {low:,.0f} chips")
    elif pd.notna(high):
        parts.append(f"at most {high:,.0f} chips")
    if pd.notna(value_usd):
        parts.append(f"${value_usd / 1e9:,.2f} bn" if value_usd >= 1e8 else f"${value_usd / 1e6:,.0f} m")
    return ", ".join(parts) or "no quantity given"


def marker_size(units, low, high) -> float:
    """8 px without a count, growing with the logarithm of the number of chips."""
    count = next((v for v in (units, low, high) if pd.notna(v)), None)
    if count is None:
        return 8.0
    return float(min(30.0, 8.0 + 3.5 * math.log10(max(count, 1.0))))


def describe_adoption(records: pd.DataFrame) -> pd.DataFrame:
    described = records.copy()
    cols = ["units", "units_low", "units_high", "value_usd"]
    described["quantity"] = [quantity_text(*row) for row in described[cols].itertuples(index=False)]
    described["marker_size"] = [marker_size(*row) for row in described[cols[:3]].itertuples(index=False)]
    described["chip_label"] = described["chip_label"].fillna("")
    described["company_label"] = described["company"].map(short_company_name)
    return described


def short_company_name(company: str) -> str:
    """Aggregate rows read 'China: all buyers' rather than 'Chinese buyers (aggregate)', to fit a phone."""
    if not company.endswith(" (aggregate)"):
        return company
    rest = company.removesuffix(" (aggregate)").removeprefix("Chinese ")
    keep_case = len(rest) > 1 and rest[1].isupper()  # an acronym such as "AI"
    return "China: " + (rest if keep_case else rest[0].lower() + rest[1:])


def output_estimates(records: pd.DataFrame) -> pd.DataFrame:
    """Huawei's own Ascend output per year, one row per source, as a point and a bound word."""
    rows = records[
        (records["company"] == "Huawei")
        & (records["vendor"] == "Huawei")
        & (records["kind"] == "production")
        & records[["units", "units_low", "units_high"]].notna().any(axis=1)
    ].copy()
    if rows.empty:
        return rows.assign(year=pd.Series(dtype=int), point=pd.Series(dtype=float), bound=pd.Series(dtype=str))
    rows["year"] = rows["date"].dt.year
    rows["point"] = rows["units"].fillna(rows["units_low"]).fillna(rows["units_high"])
    rows["bound"] = [
        "about" if pd.notna(u) else "at least" if pd.notna(lo) else "at most"
        for u, lo in zip(rows["units"], rows["units_low"], strict=True)
    ]
    return rows.sort_values(["year", "point"])


def widest_disagreement(estimates: pd.DataFrame) -> tuple[int, float, float] | None:
    """The year whose output estimates from two or more sources lie furthest apart (by ratio), with the
    lowest and highest point; None when no year has two sources."""
    spread = estimates.groupby("year")["point"].agg(["min", "max", "count"])
    spread = spread[(spread["count"] >= 2) & (spread["min"] > 0)]
    if spread.empty:
        return None
    year = (spread["max"] / spread["min"]).idxmax()
    return int(year), float(spread.loc[year, "min"]), float(spread.loc[year, "max"])


def full_years(stats: pd.DataFrame) -> pd.DataFrame:
    """The rows for whole years (a partial year is never compared with whole ones)."""
    return stats[stats["period"] == "year"] if "period" in stats else stats


def nvidia_revenue(stats: pd.DataFrame) -> pd.DataFrame:
    """China revenue per Nvidia fiscal year, with its share of the total where both are known."""
    stats = full_years(stats)
    china = stats[stats["metric"] == "nvidia_china_revenue_usd"].set_index("year")
    total = stats[stats["metric"] == "nvidia_total_revenue_usd"].set_index("year")
    if china.empty:
        return pd.DataFrame()
    # Every fiscal year in the span gets a row, so a year without a source shows as a gap, not a slope.
    years = pd.RangeIndex(min(china.index.min(), total.index.min()), max(china.index.max(), total.index.max()) + 1)
    frame = pd.DataFrame(
        {
            "china_bn": (china["value"] / 1e9).reindex(years),
            "total_bn": (total["value"] / 1e9).reindex(years),
            "source_url": china["source_url"].reindex(years),
        },
        index=years,
    )
    frame["share_pct"] = 100 * frame["china_bn"] / frame["total_bn"]
    frame["source_ids"] = sources_by(stats, ["year"]).reindex(years).tolist()
    frame = frame.rename_axis("year").reset_index()
    frame["fiscal_label"] = "FY" + frame["year"].astype(str)
    frame["fiscal_date"] = fiscal_year_end(frame["year"])
    return frame


def sources_by(rows: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Every source id the rows of each group cite (their `source_ids` lists and `source_id`), sorted."""

    def ids(group: pd.DataFrame) -> list[str]:
        found = set(group["source_id"].dropna()) if "source_id" in group else set()
        if "source_ids" in group:
            found |= {source for listed in group["source_ids"].dropna() for source in listed}
        return sorted(found)

    return rows.groupby(keys).apply(ids, include_groups=False)


def china_share_of_world(series: pd.DataFrame) -> pd.DataFrame:
    """China as a percentage of the World value, per year and basis where both exist, citing the sources
    of both."""
    series = full_years(series)
    wide = series.pivot_table(index=["basis", "year"], columns="region", values="value").reset_index()
    if "China" not in wide or "World" not in wide:
        return pd.DataFrame(columns=["basis", "year", "China", "World", "share_pct", "source_ids"])
    wide = wide.dropna(subset=["China", "World"])
    wide["share_pct"] = 100 * wide["China"] / wide["World"]
    both = series[series["region"].isin(["China", "World"])]
    cited = sources_by(both, ["basis", "year"]) if "source_id" in both or "source_ids" in both else None
    wide["source_ids"] = (
        [cited.get((b, y), []) for b, y in zip(wide["basis"], wide["year"], strict=True)]
        if cited is not None
        else [[] for _ in range(len(wide))]
    )
    return wide[["basis", "year", "China", "World", "share_pct", "source_ids"]]


def latest_common_year(
    stats: pd.DataFrame, metric: str, regions: Sequence[str], basis: str
) -> tuple[int, list[float]] | None:
    """The latest year in which every one of `regions` has a value of `metric` on `basis`, and those values."""
    stats = full_years(stats)
    rows = stats[(stats["metric"] == metric) & (stats["basis"] == basis) & stats["region"].isin(regions)]
    wide = rows.pivot_table(index="year", columns="region", values="value")
    wide = wide.reindex(columns=list(regions)).dropna()
    if wide.empty:
        return None
    year = int(wide.index.max())
    return year, [float(value) for value in wide.loc[year]]


def first_and_last(stats: pd.DataFrame, metric: str, region: str, basis: str) -> tuple[tuple[int, float], ...] | None:
    """The first and the last (year, value) of one series, or None unless it spans two years or more."""
    stats = full_years(stats)
    rows = stats[(stats["metric"] == metric) & (stats["region"] == region) & (stats["basis"] == basis)]
    rows = rows.dropna(subset=["value"]).sort_values("year")
    if rows["year"].nunique() < 2:
        return None
    first, last = rows.iloc[0], rows.iloc[-1]
    return (int(first["year"]), float(first["value"])), (int(last["year"]), float(last["value"]))


def status_text(controlled, eccn) -> str:
    if controlled is None or pd.isna(controlled):
        return "Undetermined"
    return f"Controlled ({eccn})" if controlled else "Not controlled"


def status_matrix(status: pd.DataFrame) -> pd.DataFrame:
    """One row per chip, one column per rule version, each cell the short status."""
    table = status.assign(cell=[status_text(c, e) for c, e in zip(status["controlled"], status["eccn"], strict=True)])
    return table.pivot_table(index=["name", "vendor"], columns="rule_id", values="cell", aggfunc="first").reset_index()


def named_chip_actions(events: pd.DataFrame, chip_names: list[str]) -> pd.DataFrame:
    """Licensing events whose title names a chip (e.g. the H20 licence requirement)."""
    models = {token for name in chip_names for token in re.findall(r"\b[A-Z]{1,3}\d{2,4}[A-Z]?\b", name)}
    if not models:
        return events.iloc[0:0]
    pattern = "|".join(re.escape(model) for model in sorted(models))
    titles = events["title"].str.contains(rf"\b(?:{pattern})\b", regex=True)
    return events[(events["category"] == "licensing") & titles]


def search_rows(frame: pd.DataFrame, text: str, columns: list[str]) -> pd.DataFrame:
    """Rows where any of the columns contains the text (plain, case-insensitive substring)."""
    if not text:
        return frame
    needle = text.lower()
    hits = pd.Series(False, index=frame.index)
    for column in columns:
        hits |= frame[column].fillna("").str.lower().str.contains(needle, regex=False)
    return frame[hits]


def in_force(rows: pd.DataFrame, as_of, keys: list[str], start: str = "date") -> pd.DataFrame:
    """Each key's latest row whose `start` date is on or before `as_of`: what held on that date."""
    if rows.empty:
        return rows
    started = rows[pd.to_datetime(rows[start]) <= pd.Timestamp(as_of)]
    return started.sort_values(start).groupby(keys, as_index=False).tail(1)


def listed_on(listings: pd.DataFrame, as_of) -> pd.DataFrame:
    """The entities on each list on a date: the latest action on or before it (by effective date, else
    the announcement) is an addition or a change, not a removal."""
    if listings.empty:
        return listings
    dated = listings.assign(in_force_from=listings["effective"].fillna(listings["date"]))
    latest = in_force(dated, as_of, ["list", "entity"], start="in_force_from")
    return latest[latest["action"] != "removed"]


CHINA_MAKERS = ("SMIC",)
LEADING_MAKERS = ("TSMC", "Samsung", "Intel")


def node_steps(nodes: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """For each year, the smallest nm class China's foundries (SMIC) and the leading edge (TSMC, Samsung,
    Intel) had reached by its end, with the node and the product it was found in, and how many years the
    leading edge had reached China's class before it. Plans, estimates and test chips (a tape-out is not
    production) do not count as reached."""
    test_chip = nodes["first_product"].fillna("").str.contains("tape-out|test chip", case=False)
    real = nodes[~nodes["planned"] & (nodes["confidence"] != "estimate") & ~test_chip]
    rows = []
    for year in range(years[0], years[1] + 1):
        end = pd.Timestamp(f"{year}-12-31")
        for side, makers in (("China (SMIC)", CHINA_MAKERS), ("Leading edge", LEADING_MAKERS)):
            reached = real[real["maker"].isin(makers) & (pd.to_datetime(real["date"]) <= end)]
            if reached.empty:
                continue
            best = reached.sort_values(["class_nm", "date"]).iloc[0]
            rows.append(
                {
                    "side": side,
                    "year": year,
                    **best[["class_nm", "name", "maker", "first_product", "date", "source_id", "source_ids"]].to_dict(),
                }
            )
    steps = pd.DataFrame(rows)
    if steps.empty:
        return steps
    leading = real[real["maker"].isin(LEADING_MAKERS)]
    first_year = {
        c: pd.to_datetime(leading.loc[leading["class_nm"] <= c, "date"]).dt.year.min()
        for c in steps["class_nm"].unique()
    }
    steps["years_behind"] = [
        year - first_year[c] if side.startswith("China") and pd.notna(first_year[c]) else 0
        for side, year, c in zip(steps["side"], steps["year"], steps["class_nm"], strict=True)
    ]
    return steps


def node_gap_headline(steps: pd.DataFrame) -> str | None:
    """ "SMIC's best process trailed the leading edge's by N years in YYYY", for the last year shown."""
    china = steps[steps["side"].str.startswith("China")]
    if china.empty:
        return None
    last = china.sort_values("year").iloc[-1]
    return (
        f"In {last['year']}, SMIC's best process ({last['class_nm']} nm class) was one the leading edge had "
        f"reached {last['years_behind']} years earlier"
    )

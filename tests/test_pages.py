"""AppTest: every page renders, and the shared filters change what the charts hold."""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import build, pages

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGES = {page.file: page for page in pages.PAGES}
DEFAULT_PAGE = pages.by_path("").file


@pytest.fixture(scope="module", autouse=True)
def database() -> None:
    if build.is_stale():
        build.build()


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page != DEFAULT_PAGE:
        at.switch_page(page)
        at.run()
    return at


def open_sections(at: AppTest, *keys: str) -> AppTest:
    """Open collapsed on-request sections, as a click on their headers does."""
    for key in keys:
        at.session_state[key] = True
    at.run()
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def values(array) -> np.ndarray:
    """Plotly 7 writes numeric arrays as base64 typed arrays; strings stay lists."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
    return np.asarray(array)


def chart_titles(at: AppTest) -> list[str]:
    """The titles printed above the charts (an h2 with the chart's subtitle, in one Markdown element)."""
    found = []
    for element in at.markdown:
        match = re.match(r'<h2 class="chart-title">(.*?)</h2>', element.value)
        if match:
            found.append(html.unescape(match.group(1)))
    return found


def data_traces(fig: dict) -> list[dict]:
    return [t for t in fig["data"] if t.get("name") != "Policy events"]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_renders_without_exception(page: str) -> None:
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == PAGES[page].charts
    captions = [c.value for c in at.caption]
    for _ in figures(at):
        assert any(c.replace("\\", "").startswith("Source: ") for c in captions), "every chart names its sources"


WITH_CHART_SECTIONS = sorted(file for file, page in PAGES.items() if page.charts and page.sections)


@pytest.mark.parametrize("page", WITH_CHART_SECTIONS)
def test_sections_on_request_are_built_only_when_opened(page: str) -> None:
    keys, (charts, tables) = PAGES[page].sections, PAGES[page].opened
    at = open_page(page)
    assert len(at.dataframe) == 0, "a page's tables wait until asked for"
    open_sections(at, *keys)
    assert not at.exception, [e.value for e in at.exception]
    assert (len(at.get("plotly_chart")), len(at.dataframe)) == (charts, tables)
    assert all(len(table.value) > 0 for table in at.dataframe)
    for table in at.dataframe:
        if "source_url" in table.value.columns:
            assert json.loads(table.proto.columns)["source_url"]["type_config"]["type"] == "link"


def test_link_opens_a_section_on_request() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["compare"] = ["nvidia-h20", "huawei-ascend-910b"]
    at.run()
    at.switch_page("views/chips.py").run()
    assert len(at.get("plotly_chart")) == 2, "a link naming chips to compare opens the comparison"


def test_chart_toolbar_has_no_uncaptioned_image_button_and_downloads_carry_the_release() -> None:
    at = open_page("views/chips.py")
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert "toImage" in config["modeBarButtonsToRemove"], "images come captioned from the download button"
    assert config["displaylogo"] is False
    names = {button.proto.label for button in at.get("download_button")}
    assert {"Data shown (CSV)", "Image (PNG)", "Interactive chart (HTML)"} <= names


def test_company_filter_narrows_adoption_chart() -> None:
    at = open_page("views/adoption.py")
    everyone = {y for t in data_traces(figures(at)[0]) for y in values(t["y"])}
    assert {"Baidu", "ByteDance", "Tencent"} <= everyone
    at.multiselect(key="company").set_value(["Tencent"]).run()
    assert not at.exception
    traces = data_traces(figures(at)[0])
    companies = {y for t in traces for y in values(t["y"])}
    assert companies == {"Tencent"}


def test_company_filter_includes_the_affiliates_the_data_link() -> None:
    at = open_page("views/adoption.py")
    at.multiselect(key="company").set_value(["Baidu"]).run()
    assert not at.exception
    notices = " ".join(c.value for c in at.sidebar.caption)
    assert "Includes affiliates" in notices and "Kunlunxin" in notices
    vendors = {t["name"] for t in data_traces(figures(at)[0])}
    assert "Kunlunxin" in vendors, "Baidu's chip unit's records come with Baidu"


def test_year_filter_narrows_timeline() -> None:
    at = open_page("views/timeline.py")
    at.slider(key="years").set_value((2023, 2023)).run()
    assert not at.exception
    dates = pd.to_datetime([x for t in data_traces(figures(at)[0]) for x in values(t["x"])])
    assert len(dates) > 5
    assert set(dates.year) == {2023}


def test_year_filter_narrows_energy_series() -> None:
    at = open_page("views/energy.py")
    at.slider(key="years").set_value((2020, 2022)).run()
    assert not at.exception
    first = figures(at)[0]
    dates = pd.to_datetime([x for t in data_traces(first) for x in values(t["x"])])
    assert set(dates.year) <= {2020, 2021, 2022}
    assert {2020, 2022} <= set(dates.year)
    title = chart_titles(at)[0]
    assert title.startswith("China added")
    assert "2022" in title and "2025" not in title


def test_company_filter_keeps_only_that_vendors_chips() -> None:
    at = open_page("views/chips.py")
    at.multiselect(key="company").set_value(["Huawei"]).run()
    assert not at.exception
    names = {t["name"] for t in data_traces(figures(at)[0])}
    assert names == {"Huawei"}


def test_markers_toggle_removes_event_lines() -> None:
    at = open_page("views/energy.py")
    assert any(t.get("name") == "Policy events" for t in figures(at)[0]["data"])
    at.toggle(key="markers").set_value(False).run()
    assert not any(t.get("name") == "Policy events" for t in figures(at)[0]["data"])
    assert not figures(at)[0]["layout"].get("shapes")


def test_timeline_category_filter() -> None:
    at = open_page("views/timeline.py")
    at.multiselect(key="category").set_value(["entity_list"]).run()
    lanes = {y for t in data_traces(figures(at)[0]) for y in values(t["y"])}
    assert lanes == {"Entity List"}


def test_checker_calculator_answers_for_typed_figures() -> None:
    at = open_sections(open_page("views/checker.py"), "calculator")
    at.number_input(key="calc_throughput").set_value(600.0)
    at.selectbox(key="calc_bits").set_value(8)
    at.run()
    answers = at.dataframe[-1].value.set_index("rule")
    assert answers.loc["us-2023-10", "status"] == "Controlled (3A090.a.1)"
    assert answers.loc["us-2022-10", "status"] == "Controlled (3A090.a)"  # 900 GB/s link by default
    at.number_input(key="calc_throughput").set_value(599.0).run()
    answers = at.dataframe[-1].value.set_index("rule")
    # TPP 4,792 over 814 mm2 is a density of 5.89: inside the 3A090.b.1 band for datacenter chips ...
    assert answers.loc["us-2023-10", "status"] == "Controlled (3A090.b.1)"
    at.toggle(key="calc_datacenter").set_value(False).run()
    answers = at.dataframe[-1].value.set_index("rule")
    # ... and outside 3A090 for a consumer chip below TPP 4,800 (Note 2).
    assert answers.loc["us-2023-10", "status"] == "Not controlled"
    assert "4,792 < 4,800" in answers.loc["us-2023-10", "reason"]


def test_checker_rule_version_changes_the_zones() -> None:
    at = open_page("views/checker.py")
    zones_2023 = len(figures(at)[0]["layout"]["shapes"])
    at.segmented_control(key="rule").set_value("us-2022-10").run()
    assert not at.exception
    assert len(figures(at)[0]["layout"]["shapes"]) < zones_2023


@pytest.mark.parametrize("measure", ["solar-added", "solar-capacity", "solar-generation", "ev-sales"])
def test_china_share_of_world_view(measure) -> None:
    at = open_page("views/energy.py")
    at.segmented_control(key="measure").set_value(measure).run()
    at.toggle(key="share").set_value(True).run()
    assert not at.exception
    traces = data_traces(figures(at)[0])
    assert [t["name"] for t in traces] == ["China's share of world"]
    shares = values(traces[0]["y"])
    assert len(shares) >= 8 and ((shares > 0) & (shares < 100)).all()


@pytest.mark.parametrize("view", ["records", "ascend-output", "nvidia-revenue"])
def test_adoption_views(view) -> None:
    at = open_page("views/adoption.py")
    at.segmented_control(key="view").set_value(view).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1


def test_dataset_zip_holds_every_table_including_rule_status() -> None:
    import io
    import zipfile

    from dashboard import downloads

    with zipfile.ZipFile(io.BytesIO(downloads.zip_of_csvs())) as archive:
        names = set(archive.namelist())
    assert {f"{table}.csv" for table in downloads.published_tables()} <= names
    assert {"rules.csv", "rule_paragraphs.csv", "chip_rule_status.csv", "README.md", "schema.sql"} <= names
    assert {"events.csv", "sources.csv", "release_info.csv", "data_dictionary.csv"} <= names
    assert not any(name.startswith("check_") for name in names)


@pytest.mark.parametrize("view", ["nodes", "smic", "ic-trade", "taiwan", "tools", "huawei", "phones"])
def test_chipmaking_views(view) -> None:
    from dashboard.charts import chipmaking

    at = open_page("views/chipmaking.py")
    at.segmented_control(key="view").set_value(view).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == 1
    title = chart_titles(at)[0]
    assert title and title != chipmaking.VIEWS[view]


def test_chipmaking_headline_follows_the_years() -> None:
    at = open_page("views/chipmaking.py")
    at.slider(key="years").set_value((2015, 2022)).run()
    assert chart_titles(at)[0].startswith("In 2022, SMIC's best process")


def test_company_page_picker_sets_the_shared_filter() -> None:
    at = open_page("views/company.py")
    assert len(at.get("plotly_chart")) == 0, "no company chosen: a picker, no chart"
    at.selectbox(key="profile").set_value("SMIC").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="company").value == ["SMIC"]
    assert len(at.get("plotly_chart")) == 1
    assert at.title[0].value.startswith("SMIC")


def test_company_page_shows_what_was_listed_on_a_date() -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["company"] = ["SMIC"]
    at.query_params["as_of"] = ["2020-12-01"]
    at.run()
    at.switch_page("views/company.py").run()
    assert not at.exception
    headers = [h.value for h in at.header]
    assert "Listed on 01 December 2020" in headers
    assert any("No listing of SMIC" in m.value for m in at.markdown), "SMIC was listed on 18 December 2020"
    at.date_input(key="as_of").set_value(pd.Timestamp("2021-01-01").date()).run()
    listed = at.dataframe[0].value
    assert "Entity List" in set(listed["list_label"])


def test_entity_list_search_finds_chinese_names() -> None:
    at = open_page("views/entity_list.py")
    at.text_input(key="entity_search").set_value("华为").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) >= 1 and all("华为" in zh for zh in table["entity_zh"])
    assert set(table["parent_company"]) == {"Huawei"}


def test_sources_page_opens_the_data_dictionary_on_request() -> None:
    at = open_page("views/sources.py")
    tables_before = len(at.dataframe)
    open_sections(at, "dictionary")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.dataframe) == tables_before + 1
    dictionary = at.dataframe[-1].value  # after the sources table
    assert list(dictionary.columns) == ["table", "column", "type", "meaning"]
    assert {"events", "entity_listings", "process_nodes"} <= set(dictionary["table"])

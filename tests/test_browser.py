"""Browser tests: the app served by Streamlit, driven in Debian's headless Chromium."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from bench.browser import EXPECTED_CHARTS, PAGES, serious_violations, wait_rendered
from dashboard import release

pytestmark = pytest.mark.browser


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_its_charts(page, app_url, path) -> None:
    page.goto(f"{app_url}/{path}")
    wait_rendered(page, EXPECTED_CHARTS[path])
    no_exception(page)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == EXPECTED_CHARTS[path]
    assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= EXPECTED_CHARTS[path]


def test_url_with_company_and_years_reopens_filtered_view(page, app_url) -> None:
    page.goto(f"{app_url}/adoption?company=Tencent&years=2023&years=2025")
    wait_rendered(page)
    no_exception(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert "Tencent" in sidebar.locator('[data-testid="stMultiSelect"]').first.inner_text()
    slider_text = sidebar.locator('[data-testid="stSlider"]').inner_text()
    assert "2023" in slider_text and "2025" in slider_text
    companies = {
        t.strip()
        for t in page.locator('[data-testid="stPlotlyChart"]').first.locator(".ytick text").all_text_contents()
    }
    assert companies == {"Tencent"}
    assert "company=Tencent" in page.url


def chart_y_labels(page) -> set[str]:
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    return {t.strip() for t in chart.locator(".ytick text").all_text_contents()}


def test_sidebar_filters_drive_the_page(page, app_url) -> None:
    page.goto(f"{app_url}/adoption")
    wait_rendered(page, 1)
    assert len(chart_y_labels(page)) > 1
    companies = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    companies.click()
    page.keyboard.type("Tencent")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_rendered(page, 1)
    assert chart_y_labels(page) == {"Tencent"}
    assert "company=Tencent" in page.url

    markers_shown = page.locator('[data-testid="stPlotlyChart"] .shapelayer path').count()
    page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').first.click()
    wait_rendered(page, 1)
    assert page.locator('[data-testid="stPlotlyChart"] .shapelayer path').count() < markers_shown
    assert "markers=false" in page.url


def test_reversed_years_link_shows_what_the_slider_shows(page, app_url) -> None:
    page.goto(f"{app_url}/adoption?years=2025&years=2023")
    wait_rendered(page, 1)
    no_exception(page)
    slider = page.locator('[data-testid="stSidebar"] [data-testid="stSlider"]').inner_text()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    ticks = " ".join(chart.locator(".xtick text").all_text_contents())
    years = {int(year) for year in re.findall(r"\b(?:19|20)\d\d\b", ticks)}
    if "2023" in slider and "2025" in slider:
        assert years and min(years) >= 2023 - 1 and max(years) <= 2025 + 1
    else:
        assert years and min(years) < 2023


def test_chart_csv_download_is_the_data_shown(page, app_url) -> None:
    page.goto(f"{app_url}/solar-evs")
    wait_rendered(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Data shown (CSV)").first.click()
    download = info.value
    assert download.suggested_filename == f"solar-added-{release.read().version}.csv"
    text = download.path().read_text(encoding="utf-8")
    assert text.startswith("metric,region,year,value,unit,basis,confidence,source_url")
    assert "China" in text and len(text.splitlines()) > 10


def test_dataset_zip_download(page, app_url) -> None:
    page.goto(f"{app_url}/sources")
    wait_rendered(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="All tables (ZIP of CSVs, with the data dictionary)").click()
    data = info.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert {"events.csv", "chips.csv", "sources.csv", "README.md"} <= names
        assert archive.read("events.csv").decode().startswith("event_id,date,")


def test_dataset_citation_opens_with_its_release_and_bibtex(page, app_url) -> None:
    page.goto(f"{app_url}/sources")
    wait_rendered(page)
    page.get_by_role("button", name="Cite this dataset").click()
    blocks = page.locator('[data-testid="stPopoverBody"] code')
    blocks.nth(1).wait_for()
    text, bibtex = blocks.nth(0).inner_text(), blocks.nth(1).inner_text()
    assert release.read().version in text and f"{app_url}/sources" in text
    assert bibtex.startswith("@") and release.read().version in bibtex


def test_html_chart_download_is_self_contained(page, app_url) -> None:
    page.goto(f"{app_url}/")
    wait_rendered(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Interactive chart (HTML)").first.click()
    html = info.value.path().read_text(encoding="utf-8")
    assert info.value.suggested_filename == f"overview-policy-and-outcomes-{release.read().version}.html"
    assert html.lstrip().lower().startswith("<!doctype html>") and "plotly" in html.lower() and len(html) > 1_000_000


HOSTILE = [
    "timeline?company=%3Cscript%3Ealert(1)%3C%2Fscript%3E&years=1&years=99999",
    "adoption?company=Tencent%27%3B%20DROP%20TABLE%20events%3B--&years=2020-2023",
    "chips?company=" + "A" * 5000 + "&compare=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "solar-evs?region=%00%01&years=2024&years=2019&markers=maybe&image=gif",
    "timeline?category=%27%20OR%201%3D1--&actor=%3Csvg%2Fonload%3Dalert(1)%3E&jurisdiction=Mars",
    "?company=%5Bx%5D(javascript%3Aalert(1))&years=2030&years=2031&marker_category=%3Cb%3E",
    "checker?rule=us-1999-01%3Cscript%3E&company=Nvidia%27--",
    "sources?years=-1&years=abc&image=%3Cscript%3E",
    "company?company=%3Cscript%3Ealert(1)%3C%2Fscript%3E&as_of=2024-13-45",
    "entity-list?list=%3Cimg%20src%3Dx%3E&sector=x&entity_search=%27%20OR%201%3D1--&colour=%3Cb%3E",
    "chipmaking?view=%3Cscript%3Ealert(1)%3C%2Fscript%3E&nodes_table=maybe",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_url_shows_a_clean_page(page, app_url, query) -> None:
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}/{query}")
    path = query.split("?")[0]
    wait_rendered(page, EXPECTED_CHARTS[path])
    no_exception(page)
    assert dialogs == []
    assert page.locator("script:text('alert(1)')").count() == 0
    # A `compare` parameter, even a hostile one, opens the chip comparison with its chart.
    assert page.locator('[data-testid="stPlotlyChart"]').count() >= EXPECTED_CHARTS[path]


def test_unknown_company_in_link_is_reported(page, app_url) -> None:
    page.goto(f"{app_url}/adoption?company=Tencent&company=Nonexistent%20Corp")
    wait_rendered(page)
    notice = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Ignored unknown companies in the link" in notice and "Nonexistent Corp" in notice


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_has_no_horizontal_scroll_and_passes_axe(browser, app_url, path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{app_url}/{path}")
    wait_rendered(page, EXPECTED_CHARTS[path])
    overflow = page.evaluate(
        """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
            .filter(Boolean).map(e => e.scrollWidth - e.clientWidth)"""
    )
    violations = serious_violations(page)
    context.close()
    assert max(overflow) <= 0
    assert violations == [], "no serious or critical axe-core violation at phone width"


def test_static_files_and_feed_are_served(app_url) -> None:
    import urllib.request
    from xml.etree import ElementTree

    with urllib.request.urlopen(f"{app_url}/app/static/data/events.csv", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        assert response.read().decode("utf-8").startswith("event_id,date,")
    with urllib.request.urlopen(f"{app_url}/app/static/data/data_dictionary.csv", timeout=10) as response:
        assert b"table,column,type,meaning" in response.read()
    with urllib.request.urlopen(f"{app_url}/app/static/data/dashboard.duckdb", timeout=10) as response:
        assert response.read(16)[8:12] == b"DUCK", "the DuckDB file itself"
    with urllib.request.urlopen(f"{app_url}/app/static/feed.xml", timeout=10) as response:
        feed = ElementTree.fromstring(response.read())
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 50
    assert all(entry.find(f"{atom}link").get("href").startswith("http") for entry in entries)
    dates = [entry.find(f"{atom}updated").text for entry in entries]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_company_page_for_a_link(page, app_url) -> None:
    page.goto(f"{app_url}/company?company=SMIC&as_of=2021-01-01")
    wait_rendered(page, 1)
    no_exception(page)
    assert page.locator("h1").first.inner_text().startswith("SMIC")
    headings = page.locator("h2").all_inner_texts()
    assert "Listed on 01 January 2021" in headings
    assert "company=SMIC" in page.url and "as_of=2021-01-01" in page.url

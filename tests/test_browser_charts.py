"""Browser tests of the chart object as a visitor meets it: the first chart fills the screen, every page
passes axe-core, and each chart can be cited, embedded and downloaded as a captioned image."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from bench.browser import serious_violations, wait_rendered
from dashboard import pages, release

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 900}


def plot_area(page) -> dict:
    """The box around every plot area (subplots included) of the first chart."""
    boxes = [
        b
        for b in (
            d.bounding_box() for d in page.locator('[data-testid="stPlotlyChart"]').first.locator(".nsewdrag").all()
        )
        if b
    ]
    top, bottom = min(b["y"] for b in boxes), max(b["y"] + b["height"] for b in boxes)
    return {"top": top, "bottom": bottom}


@pytest.mark.parametrize("page_spec", pages.PAGES, ids=lambda p: p.path or "overview")
def test_page_layout_and_accessibility(browser, app_url, page_spec) -> None:
    """On a 1400 x 900 screen the first chart's plot starts within 500 px and shows at least 300 px; no
    serious or critical axe-core violation with every section open (phone width: test_browser.py)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{app_url}/{page_spec.path}")
    wait_rendered(page, page_spec.charts)
    if page_spec.charts:
        area = plot_area(page)
        assert area["top"] < 500, f"plot starts at {area['top']:.0f} px"
        assert min(area["bottom"], DESKTOP["height"]) - area["top"] >= 300
    if page_spec.sections:
        page.goto(f"{app_url}/{page_spec.path}?" + "&".join(f"{s}=true" for s in page_spec.sections))
        wait_rendered(page, page_spec.opened[0])
    assert serious_violations(page) == []
    context.close()


def test_embedded_view_shows_the_one_chart_of_the_link(page, app_url) -> None:
    page.goto(f"{app_url}/solar-evs?measure=EV+sales&region=India&embed=true")
    wait_rendered(page, 1, heading=False)
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 1
    assert page.locator("h1").count() == 0, "no page title"
    assert page.locator('[data-testid="stDownloadButton"]').count() == 0
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert "electric cars" in page.locator("h2").first.inner_text()
    legend = " ".join(page.locator('[data-testid="stPlotlyChart"] .legendtext').all_text_contents())
    assert "India" in legend and "United States" not in legend, "the link's filters set the embedded chart"


def test_cite_and_embed_give_the_url_of_the_current_view(page, app_url) -> None:
    page.goto(f"{app_url}/solar-evs?measure=EV+sales&region=India")
    wait_rendered(page, 1)
    page.get_by_role("button", name="Cite or embed").click()
    citation = page.locator('[data-testid="stPopoverBody"] code').first.inner_text()
    assert release.read().version in citation and "electric cars" in citation
    url = citation.split(" (accessed")[0].rsplit(" ", 1)[-1]
    assert parse_qs(urlparse(url).query) == {"measure": ["EV sales"], "region": ["India"]}
    snippet = page.locator('[data-testid="stPopoverBody"] code').last.inner_text()
    assert snippet.startswith("<iframe") and "embed=true" in snippet and "region=India" in snippet


def test_sources_panel_lists_every_source_it_counts_primary_first(page, app_url) -> None:
    """The panel is built when opened (its list is the heaviest text on a chart page): the count on its label
    is the number of linked sources inside, the government's and vendors' own documents first."""
    page.goto(f"{app_url}/chips")
    wait_rendered(page, 1)
    panel = page.locator('[data-testid="stExpander"]').filter(has_text="Sources for this chart").first
    count = int(re.search(r"\((\d+)\)", panel.locator("summary").inner_text()).group(1))
    assert panel.locator("li").count() == 0, "nothing is drawn before the panel opens"
    panel.locator("summary").click()
    items = panel.locator("li")
    items.nth(count - 1).wait_for()
    assert items.count() == count > 10
    assert all(
        href.startswith(("https://", "http://"))
        for href in panel.locator("li a").evaluate_all("as => as.map(a => a.href)")
    )
    marked = [text.startswith("Primary:") for text in items.all_inner_texts()]
    assert marked[0] and marked == sorted(marked, reverse=True)


def test_image_download_is_captioned_and_named_with_the_release(page, app_url) -> None:
    page.goto(f"{app_url}/solar-evs")
    wait_rendered(page, 1)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Image (PNG)").click()
    assert info.value.suggested_filename == f"solar-added-{release.read().version}.png"
    assert info.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.goto(f"{app_url}/solar-evs?image=SVG")
    wait_rendered(page, 1)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Image (SVG)").click()
    svg = info.value.path().read_text(encoding="utf-8")
    assert "<svg" in svg and "Source:" in svg and "of the world" in svg, "title and sources inside the image"

"""Screenshot every page at desktop and phone width (for looking at what you built).

usage: .venv/bin/python scripts/screenshots.py [BASE_URL] [OUT_DIR]
Starts nothing: run `streamlit run dashboard/app.py` first (default BASE_URL http://127.0.0.1:8501).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.browser import CHROMIUM, EXPECTED_CHARTS, PAGES, wait_rendered

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501"
out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
out.mkdir(exist_ok=True)
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
    for label, width, height in (("desktop", 1400, 900), ("phone", 390, 844)):
        page = browser.new_page(viewport={"width": width, "height": height})
        for path in PAGES:
            page.goto(f"{base}/{path}")
            wait_rendered(page, EXPECTED_CHARTS[path])
            name = path or "overview"
            page.screenshot(path=str(out / f"{name}-{label}.png"))
            # The app scrolls inside its own container, so each chart is captured on its own too.
            for i, chart in enumerate(page.locator('[data-testid="stPlotlyChart"]').all()):
                chart.scroll_into_view_if_needed()
                chart.screenshot(path=str(out / f"{name}-{label}-chart{i + 1}.png"))
            print("saved", out / f"{name}-{label}.png")
        page.close()
    browser.close()

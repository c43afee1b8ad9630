"""Helpers shared by the browser tests and scripts/screenshots.py."""

from __future__ import annotations

import os
import shutil

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = ["", "timeline", "chips", "checker", "adoption", "solar-evs", "sources"]


def wait_rendered(page, timeout: float = 60_000) -> None:
    """Wait until the script finished and every Plotly chart drew its SVG."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_function(
        """() => {
            if (document.querySelector('[data-testid="stSkeleton"]')) return false;
            const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
            return charts.every(c => c.querySelector('.main-svg'));
        }""",
        timeout=timeout,
    )

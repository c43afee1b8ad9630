"""Browser and server helpers shared by the benchmarks, the browser tests and scripts/screenshots.py."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from dashboard import pages  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Page paths and the number of Plotly charts each draws with default filters, from the page registry.
EXPECTED_CHARTS = {page.path: page.charts for page in pages.PAGES}
PAGES = list(EXPECTED_CHARTS)

# True once the script finished, no skeleton is left and at least `expected` charts drew their SVG.
READY_JS = """([expected, heading]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    if (heading && !document.querySelector('[data-testid="stMain"] h1')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.length >= expected && charts.every(c => c.querySelector('.main-svg'));
}"""


def wait_rendered(page, expected: int | None = None, timeout: float = 60_000, heading: bool = True) -> None:
    """Wait until the script finished, the page title is drawn (none in an embedded view) and every Plotly
    chart drew its SVG."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_timeout(300)  # reruns are debounced
    page.wait_for_function(READY_JS, arg=[expected or 0, heading], timeout=timeout, polling="raf")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(app: str | Path, cwd: Path = ROOT, timeout: float = 60) -> tuple[subprocess.Popen, str, float]:
    """Start `streamlit run app` on a free port; return the process, its URL and the seconds to healthy."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(app),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return process, url, time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise TimeoutError(f"{app} not healthy after {timeout} s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical accessibility violations on the page (axe.min.js ships in the
    axe-playwright-python package, a test requirement)."""
    import axe_playwright_python

    page.evaluate((Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => (await axe.run(document)).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""
    )

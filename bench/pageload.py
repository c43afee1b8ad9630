"""Benchmark: page render times, rerun after a filter change, cold start, build time, server memory.

usage: .venv/bin/python -m bench.pageload [--runs 5] [--write]
Every time is also measured for a baseline started beside the dashboard in the same run (a one-chart
page for page loads, a one-widget page for reruns), in rounds that visit the baselines and every page
once each, and reported as a ratio, so results hold on a noisy machine. --write stores the JSON in
bench/results/ and the table in bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.browser import CHROMIUM, EXPECTED_CHARTS, LAUNCH_ARGS, READY_JS, ROOT, rss_mb, start_streamlit, stop

ONE_CHART = """
import pandas as pd
import plotly.express as px
import streamlit as st

st.title("baseline")
frame = pd.DataFrame({"year": list(range(2019, 2027)), "value": [1, 3, 2, 5, 8, 13, 21, 34]})
st.plotly_chart(px.line(frame, x="year", y="value"))
"""
ONE_WIDGET = """
import streamlit as st

st.title("baseline")
shown = st.sidebar.toggle("Show key events", value=True, key="markers")
st.write("on" if shown else "off")
"""
ONE_WIDGET_ONE_CHART = """
import pandas as pd
import plotly.express as px
import streamlit as st

st.title("baseline")
shown = st.sidebar.toggle("Show key events", value=True, key="markers")
frame = pd.DataFrame({"year": list(range(2019, 2027)), "value": [1, 3, 2, 5, 8, 13, 21, 34]})
st.plotly_chart(px.line(frame, x="year", y="value" if shown else "year"))
"""
TARGETS = {"page": 1.3, "rerun": 1.2, "cold_start_s": 3.0}

# Tracks the last change to the page, so a rerun's end is its last DOM change before a quiet spell.
WATCH_JS = """() => {
    window.__lastChange = performance.now();
    new MutationObserver(() => { window.__lastChange = performance.now(); })
        .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    return performance.now();
}"""
QUIET_JS = """([expected, quietMs]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    if (charts.length < expected || !charts.every(c => c.querySelector('.main-svg'))) return false;
    return performance.now() - window.__lastChange > quietMs ? window.__lastChange : false;
}"""
QUIET_MS = 500


def page_time(browser, url: str, expected: int, warm: bool = False) -> float:
    """Seconds from navigation start until the script finished and every chart drew. `warm` opens the page
    once before the timed load, so the code chunks come from the browser's cache, as for a returning visitor."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    for _ in range(2 if warm else 1):
        page.goto(url)
        page.wait_for_function(READY_JS, arg=[expected, True], timeout=60_000, polling="raf")
    seconds = page.evaluate("() => performance.now()") / 1000
    context.close()
    return seconds


def rerun_time(browser, url: str, expected: int) -> float:
    """Seconds from switching the sidebar's "Show key events" toggle until the rerun finished."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(READY_JS, arg=[expected, True], timeout=60_000, polling="raf")
    page.wait_for_timeout(QUIET_MS)
    start = page.evaluate(WATCH_JS)
    page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').first.click()
    finished = page.wait_for_function(QUIET_JS, arg=[expected, QUIET_MS], timeout=60_000, polling=50).json_value()
    context.close()
    return (finished - start) / 1000


def summary(times: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
    }


def interleaved(measures: dict, runs: int) -> dict:
    """Median of `runs` timings per measure, taken in rounds that visit every measure once, so a
    machine that slows down for a while slows the baselines and the pages alike."""
    for measure in measures.values():
        measure()  # warm-up: imports, caches
    times: dict = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            times[name].append(measure())
    return {name: summary(values) for name, values in times.items()}


def build_times(runs: int) -> dict:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dashboard.build"], cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return summary(times)


def run(runs: int) -> dict:
    results: dict = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"), "runs": runs}
    results["machine"] = (
        f"{platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    results["build"] = build_times(runs)
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "one_chart.py").write_text(ONE_CHART)
        Path(tmp, "one_widget.py").write_text(ONE_WIDGET)
        Path(tmp, "one_widget_chart.py").write_text(ONE_WIDGET_ONE_CHART)
        app, app_url, cold = start_streamlit("dashboard/app.py")
        chart_base, chart_url, _ = start_streamlit(Path(tmp, "one_chart.py"), cwd=Path(tmp))
        widget_base, widget_url, _ = start_streamlit(Path(tmp, "one_widget.py"), cwd=Path(tmp))
        chart_widget_base, chart_widget_url, _ = start_streamlit(Path(tmp, "one_widget_chart.py"), cwd=Path(tmp))
        try:
            results["cold_start_s"] = round(cold, 2)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                loads = interleaved(
                    {"baseline": lambda: page_time(browser, chart_url, 1)}
                    | {
                        path: lambda url=f"{app_url}/{path}", expected=expected: page_time(browser, url, expected)
                        for path, expected in EXPECTED_CHARTS.items()
                    },
                    runs,
                )
                warm_loads = interleaved(
                    {"baseline": lambda: page_time(browser, chart_url, 1, warm=True)}
                    | {
                        path: lambda url=f"{app_url}/{path}", expected=expected: page_time(
                            browser, url, expected, warm=True
                        )
                        for path, expected in EXPECTED_CHARTS.items()
                    },
                    runs,
                )
                reruns = interleaved(
                    {
                        "baseline": lambda: rerun_time(browser, widget_url, 0),
                        "baseline_with_chart": lambda: rerun_time(browser, chart_widget_url, 1),
                    }
                    | {
                        path: lambda url=f"{app_url}/{path}", expected=expected: rerun_time(browser, url, expected)
                        for path, expected in EXPECTED_CHARTS.items()
                    },
                    runs,
                )
                base_page, base_rerun = loads.pop("baseline"), reruns.pop("baseline")
                base_warm, base_chart_rerun = warm_loads.pop("baseline"), reruns.pop("baseline_with_chart")
                results["baseline"] = {
                    "page": base_page,
                    "warm_page": base_warm,
                    "rerun": base_rerun,
                    "rerun_with_chart": base_chart_rerun,
                }
                results["pages"] = {
                    "/" + path: {
                        "load": loads[path],
                        "load_ratio": round(loads[path]["median_s"] / base_page["median_s"], 2),
                        "warm_load": warm_loads[path],
                        "warm_load_ratio": round(warm_loads[path]["median_s"] / base_warm["median_s"], 2),
                        "rerun": reruns[path],
                        "rerun_ratio": round(reruns[path]["median_s"] / base_rerun["median_s"], 2),
                        "rerun_ratio_chart": round(reruns[path]["median_s"] / base_chart_rerun["median_s"], 2),
                    }
                    for path in EXPECTED_CHARTS
                }
                browser.close()
            results["server_rss_mb"] = round(rss_mb(app.pid), 1)
        finally:
            for process in (app, chart_base, widget_base, chart_widget_base):
                stop(process)
    return results


def table(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {results['machine']}, {results['runs']} runs per figure (median).",
        "",
        f"- Baseline one-chart page: {results['baseline']['page']['median_s']:.2f} s "
        f"({results['baseline']['warm_page']['median_s']:.2f} s with its code chunks cached); "
        f"one-widget rerun: {results['baseline']['rerun']['median_s']:.2f} s; "
        f"one-widget rerun that redraws one chart: {results['baseline']['rerun_with_chart']['median_s']:.2f} s",
        f"- Cold start (process start to healthy): {results['cold_start_s']:.2f} s "
        f"(target < {TARGETS['cold_start_s']} s)",
        f"- `python -m dashboard.build`: {results['build']['median_s']:.2f} s (includes Python start-up)",
        f"- Server memory after visiting every page: {results['server_rss_mb']:.0f} MB",
        "",
        f"| page | load (s) | load / baseline (target ≤ {TARGETS['page']}) | returning visitor: load (s) | "
        f"/ baseline | rerun (s) | rerun / baseline (target ≤ {TARGETS['rerun']}) | "
        "rerun / widget-and-chart baseline |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for path, row in results["pages"].items():
        lines.append(
            f"| `{path}` | {row['load']['median_s']:.2f} | {row['load_ratio']:.2f} | "
            f"{row['warm_load']['median_s']:.2f} | {row['warm_load_ratio']:.2f} | "
            f"{row['rerun']['median_s']:.2f} | {row['rerun_ratio']:.2f} | {row['rerun_ratio_chart']:.2f} |"
        )
    return "\n".join(lines)


def write(results: dict) -> None:
    folder = ROOT / "bench" / "results"
    folder.mkdir(exist_ok=True)
    stamp = results["date"][:16].replace(":", "")
    (folder / f"pageload-{stamp}.json").write_text(json.dumps(results, indent=1) + "\n")
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text()
    start, end = "<!-- pageload results -->", "<!-- /pageload results -->"
    head, rest = text.split(start, 1)
    readme.write_text(head + start + "\n" + table(results) + "\n" + end + rest.split(end, 1)[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="store results in bench/results and bench/README.md")
    args = parser.parse_args()
    results = run(args.runs)
    print(table(results))
    if args.write:
        write(results)


if __name__ == "__main__":
    main()

"""Load test: concurrent browser sessions walking every page against one server on 127.0.0.1.

usage: .venv/bin/python -m bench.load [--sessions 8] [--rounds 2] [--write]
Counts exceptions and wrong or empty pages (a chart missing or not drawn, no page title), reports the
p50/p95 page time and the server's memory. Bounded: at most 16 sessions and 10 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import time

from playwright.async_api import async_playwright

from bench.browser import CHROMIUM, EXPECTED_CHARTS, LAUNCH_ARGS, READY_JS, ROOT, rss_mb, start_streamlit, stop

MAX_SESSIONS, TIME_LIMIT_S = 16, 600


async def visit(context, url: str, expected: int) -> tuple[float, list[str]]:
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{url}: JavaScript error {error}"))
    started = time.perf_counter()
    try:
        await page.goto(url)
        await page.wait_for_function(READY_JS, arg=[expected, True], timeout=60_000, polling="raf")
        elapsed = time.perf_counter() - started
        exceptions = await page.locator('[data-testid="stException"]').count()
        charts = await page.locator('[data-testid="stPlotlyChart"]').count()
        drawn = await page.locator('[data-testid="stPlotlyChart"] .main-svg').count()
        title = (await page.locator('[data-testid="stMain"] h1').first.inner_text()).strip()
        if exceptions:
            errors.append(f"{url}: {exceptions} exception(s) shown")
        if charts != expected or drawn < expected:
            errors.append(f"{url}: {charts} charts ({drawn} drawn), expected {expected}")
        if not title:
            errors.append(f"{url}: empty page")
    except Exception as exc:
        elapsed = time.perf_counter() - started
        errors.append(f"{url}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await page.close()
    return elapsed, errors


async def session(browser, base_url: str, rounds: int, offset: int) -> tuple[list[float], list[str]]:
    """One visitor: every page, `rounds` times, starting at a different page than the others."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    paths = list(EXPECTED_CHARTS)
    times, errors = [], []
    for round_number in range(rounds):
        for i in range(len(paths)):
            path = paths[(i + offset + round_number) % len(paths)]
            elapsed, visit_errors = await visit(context, f"{base_url}/{path}", EXPECTED_CHARTS[path])
            times.append(elapsed)
            errors += visit_errors
    await context.close()
    return times, errors


async def run_load(base_url: str, sessions: int, rounds: int) -> dict:
    sessions = min(sessions, MAX_SESSIONS)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        started = time.perf_counter()
        outcomes = await asyncio.wait_for(
            asyncio.gather(*(session(browser, base_url, rounds, i) for i in range(sessions))), TIME_LIMIT_S
        )
        wall = time.perf_counter() - started
        await browser.close()
    times = sorted(t for session_times, _ in outcomes for t in session_times)
    errors = [e for _, session_errors in outcomes for e in session_errors]
    return {
        "sessions": sessions,
        "rounds": rounds,
        "page_visits": len(times),
        "errors": errors,
        "p50_s": round(statistics.median(times), 2),
        "p95_s": round(times[max(0, int(0.95 * len(times)) - 1)], 2),
        "max_s": round(times[-1], 2),
        "wall_s": round(wall, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="store results in bench/results and bench/README.md")
    args = parser.parse_args()
    process, url, _ = start_streamlit("dashboard/app.py")
    try:
        before = rss_mb(process.pid)
        results = asyncio.run(run_load(url, args.sessions, args.rounds))
        results.update(
            date=dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
            server_rss_mb_before=round(before, 1),
            server_rss_mb_after=round(rss_mb(process.pid), 1),
        )
    finally:
        stop(process)
    summary = (
        f"Measured {results['date']}: {results['sessions']} concurrent sessions x {results['rounds']} rounds of every "
        f"page = {results['page_visits']} page visits in {results['wall_s']} s; **{len(results['errors'])} errors**; "
        f"page time p50 {results['p50_s']} s, p95 {results['p95_s']} s, max {results['max_s']} s; server memory "
        f"{results['server_rss_mb_before']:.0f} MB before, {results['server_rss_mb_after']:.0f} MB after."
    )
    print(summary)
    for error in results["errors"][:20]:
        print("  ", error)
    if args.write:
        folder = ROOT / "bench" / "results"
        folder.mkdir(exist_ok=True)
        stamp = results["date"][:16].replace(":", "")
        (folder / f"load-{stamp}.json").write_text(json.dumps(results, indent=1) + "\n")
        readme = ROOT / "bench" / "README.md"
        head, rest = readme.read_text().split("<!-- load results -->", 1)
        tail = rest.split("<!-- /load results -->", 1)[1]
        readme.write_text(head + "<!-- load results -->\n" + summary + "\n<!-- /load results -->" + tail)


if __name__ == "__main__":
    main()

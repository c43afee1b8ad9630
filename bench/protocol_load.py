"""Protocol-level load test: how many concurrent visitors one server process holds.

    .venv/bin/python -m bench.protocol_load [--steps 25 50 100 200] [--hold 60] [--rebuild-at 100]

Starts the dashboard, then Locust (as a library: its users, ramp and statistics) runs simulated visitors
(bench/protocol.py) in steps. Each visitor opens a page with its query string, waits for script_finished,
checks the page's charts in the deltas, switches the event markers, thinks 3-6 s and moves to the next page;
one visitor in ten drops its websocket once and reconnects to its session. For each step: page runs per
second, p50/p95/max time to script_finished, errors, wrong or empty results, the server's CPU and memory,
and memory per session. At the step named by --rebuild-at, the data are rebuilt once in the middle of the
hold. Results go to bench/results/protocol-<time>.json and a Markdown summary to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import gevent
from locust import User, between, events, task
from locust.env import Environment

from bench.browser import EXPECTED_CHARTS, ROOT, rss_mb, start_streamlit, stop
from bench.protocol import MARKERS_TOGGLE, Visitor

RESULTS = ROOT / "bench" / "results"
RECONNECT_SHARE = 0.1


class StreamlitVisitor(User):
    """A Locust user that is one Streamlit session walking the pages."""

    wait_time = between(3, 6)
    abstract = False

    def on_start(self) -> None:
        self.visitor = Visitor(self.host)
        self.visitor.connect()
        self.pages = list(EXPECTED_CHARTS)
        random.shuffle(self.pages)
        self.next = 0
        self.will_reconnect = random.random() < RECONNECT_SHARE
        self.markers_on = True

    def on_stop(self) -> None:
        self.visitor.close()

    def _record(self, name: str, action) -> object:
        started = time.perf_counter()
        try:
            run = action()
        except Exception as exc:  # a dropped socket, a timeout: an error of this request
            events.request.fire(
                request_type="WS",
                name=name,
                response_time=(time.perf_counter() - started) * 1000,
                response_length=0,
                exception=exc,
            )
            self.visitor.close()
            self.visitor.connect()
            return None
        expected = EXPECTED_CHARTS[self.visitor.page]
        problems = run.problems(expected)
        events.request.fire(
            request_type="WS",
            name=name,
            response_time=run.seconds * 1000,
            response_length=run.bytes,
            exception=AssertionError("; ".join(problems)) if problems else None,
        )
        return run

    @task
    def next_page(self) -> None:
        path = self.pages[self.next % len(self.pages)]
        self.next += 1
        if self.will_reconnect and self.next == 3:
            self.will_reconnect = False
            self.visitor.close()
            self.visitor.connect()  # the same session id: the server reattaches the session
            self._record("reconnect", lambda: self.visitor.open(self.visitor.page, self.visitor.query))
        run = self._record("open page", lambda: self.visitor.open(path))
        if run is not None and EXPECTED_CHARTS[path] and MARKERS_TOGGLE in run.toggles:
            self.markers_on = not self.markers_on
            widget = run.toggles[MARKERS_TOGGLE]
            self._record("change filter", lambda: self.visitor.set_toggle(widget, self.markers_on))


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def snapshot(env: Environment, server_pid: int, cpu_start: float, wall: float, users: int, rss_before: float) -> dict:
    total = env.stats.total
    times = {}
    for name in ("open page", "change filter", "reconnect"):
        entry = env.stats.entries.get((name, "WS"))
        if entry and entry.num_requests:
            times[name] = {
                "requests": entry.num_requests,
                "p50_s": entry.get_response_time_percentile(0.5) / 1000,
                "p95_s": entry.get_response_time_percentile(0.95) / 1000,
                "max_s": entry.max_response_time / 1000,
            }
    wrong = [e for e in env.stats.errors.values() if "AssertionError" in e.error]
    broken = [e for e in env.stats.errors.values() if "AssertionError" not in e.error]
    rss = rss_mb(server_pid)
    return {
        "users": users,
        "runs_per_s": round(total.num_requests / wall, 2),
        "p50_s": round(total.get_response_time_percentile(0.5) / 1000, 3),
        "p95_s": round(total.get_response_time_percentile(0.95) / 1000, 3),
        "max_s": round(total.max_response_time / 1000, 3),
        "requests": total.num_requests,
        "errors": sum(e.occurrences for e in broken),
        "wrong_results": sum(e.occurrences for e in wrong),
        "error_kinds": [f"{e.name}: {e.error[:160]}" for e in env.stats.errors.values()][:8],
        "by_kind": times,
        "server_cpu_pct": round(100 * (cpu_seconds(server_pid) - cpu_start) / wall, 1),
        "server_rss_mb": round(rss, 1),
        "mb_per_session": round((rss - rss_before) / users, 2),
    }


def rebuild_copy() -> None:
    """Rebuild the database while visitors run (the CSVs are unchanged; the version changes)."""
    subprocess.run([sys.executable, "-m", "dashboard.build"], cwd=ROOT, check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--hold", type=float, default=60, help="seconds measured at each step")
    parser.add_argument("--rebuild-at", type=int, default=100, help="step at which the data are rebuilt once")
    args = parser.parse_args(argv)

    process, url, _ = start_streamlit("dashboard/app.py")
    try:
        warm = Visitor(url)
        warm.connect()
        for path in EXPECTED_CHARTS:
            warm.open(path)
        warm.close()
        rss_before = rss_mb(process.pid)
        env = Environment(user_classes=[StreamlitVisitor], host=url, events=events)
        runner = env.create_local_runner()
        steps = []
        for users in args.steps:
            runner.start(users, spawn_rate=max(5, users / 10))
            while runner.user_count < users:
                gevent.sleep(0.5)
            gevent.sleep(10)  # the new visitors' first pages, before measuring
            env.stats.reset_all()
            cpu_start, started = cpu_seconds(process.pid), time.perf_counter()
            if users == args.rebuild_at:
                gevent.spawn_later(args.hold / 2, rebuild_copy)
            gevent.sleep(args.hold)
            step = snapshot(env, process.pid, cpu_start, time.perf_counter() - started, users, rss_before)
            step["rebuilt_during"] = users == args.rebuild_at
            steps.append(step)
            print(json.dumps(step), flush=True)
        runner.stop()
        gevent.with_timeout(30, runner.quit, timeout_value=None)
    finally:
        stop(process)
    knee = next((s["users"] for s in steps if s["p95_s"] > 2), None)
    held = max((s["users"] for s in steps if s["p95_s"] <= 2 and s["errors"] == 0), default=None)
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M"),
        "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        "think_time_s": [3, 6],
        "hold_s": args.hold,
        "steps": steps,
        "knee_users": knee,
        "held_users": held,
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"protocol-{result['when'].replace(':', '')}.json"
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print("\n| visitors | page runs/s | p50 s | p95 s | max s | errors | wrong | server CPU % | RSS MB | MB/session |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in steps:
        print(
            f"| {s['users']}{' (rebuild)' if s['rebuilt_during'] else ''} | {s['runs_per_s']} | {s['p50_s']} | "
            f"{s['p95_s']} | {s['max_s']} | {s['errors']} | {s['wrong_results']} | {s['server_cpu_pct']} | "
            f"{s['server_rss_mb']} | {s['mb_per_session']} |"
        )
    print(f"\nheld at p95 <= 2 s: {held} visitors; knee (p95 > 2 s) at: {knee}; results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

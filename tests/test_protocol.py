"""The small protocol-level load test (the full one is bench/protocol_load.py): simulated visitors that speak
Streamlit's websocket protocol walk every page at once and change a filter, also while the data are rebuilt,
with no error and no wrong result; a visitor whose websocket drops gets its page back."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.browser import EXPECTED_CHARTS
from bench.protocol import MARKERS_TOGGLE, Visitor, visit_every_page
from dashboard import build, publish

pytestmark = pytest.mark.browser  # needs the served app (the browser tests' server)

VISITORS = 12


def test_concurrent_visitors_get_every_page_right_while_the_data_are_rebuilt(app_url) -> None:
    rebuilt = threading.Event()

    def rebuild() -> None:
        build.build(static_dir=publish.STATIC_DIR)
        rebuilt.set()

    timer = threading.Timer(2.0, rebuild)
    timer.start()
    with ThreadPoolExecutor(max_workers=VISITORS) as pool:
        walks = list(pool.map(lambda _: visit_every_page(app_url, EXPECTED_CHARTS), range(VISITORS)))
    timer.join()
    assert rebuilt.is_set()
    runs = [run for walk in walks for run in walk]
    assert len(runs) >= VISITORS * len(EXPECTED_CHARTS)
    problems = [(what, problem) for what, _, found in runs for problem in found]
    assert problems == []
    assert all(run.status == 0 for _, run, _ in runs)


def test_a_visitor_whose_websocket_drops_gets_its_page_back(app_url) -> None:
    visitor = Visitor(app_url)
    visitor.connect()
    first = visitor.open("chips")
    off = visitor.set_toggle(first.toggles[MARKERS_TOGGLE], False)
    session = visitor.session_id
    visitor.close()  # the connection drops
    visitor.connect()  # and comes back, naming its session
    again = visitor.open(visitor.page, visitor.query)
    visitor.close()
    assert session and visitor.session_id == session, "the server reattached the same session"
    assert again.problems(EXPECTED_CHARTS["chips"]) == []
    assert again.bytes < first.bytes and abs(again.bytes - off.bytes) < 0.05 * off.bytes, (
        "the session kept its filters: the markers stay off"
    )

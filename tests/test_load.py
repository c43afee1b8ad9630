"""A small load test in the suite: concurrent browser sessions against one server, no errors."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bench.browser import PAGES
from bench.load import run_load

pytestmark = pytest.mark.browser


def test_two_browser_sessions_walk_every_page_without_errors(app_url) -> None:
    # Its own thread and event loop: pytest-playwright drives the synchronous API on the main thread.
    outcome: dict = {}
    worker = threading.Thread(target=lambda: outcome.update(asyncio.run(run_load(app_url, sessions=2, rounds=1))))
    worker.start()
    worker.join(timeout=300)
    assert outcome, "load run did not finish"
    assert outcome["errors"] == []
    assert outcome["page_visits"] == 2 * len(PAGES)

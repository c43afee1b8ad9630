"""Shared fixtures: a Streamlit server for the browser tests, and Debian's Chromium to drive it."""

from __future__ import annotations

import pytest

from bench.browser import CHROMIUM, LAUNCH_ARGS, start_streamlit, stop
from dashboard import store


@pytest.fixture(scope="session")
def app_url():
    store.ensure_database()  # the database and the release's static files
    process, url, _ = start_streamlit("dashboard/app.py")
    try:
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": LAUNCH_ARGS}

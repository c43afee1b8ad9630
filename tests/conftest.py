"""Shared fixtures: a Streamlit server for the browser tests, and Debian's Chromium to drive it.

The suite runs on two workers (pytest-xdist, `-n 2 --dist loadgroup` in pyproject.toml): the browser tests
share one group, so one worker drives one server through them while the other runs the rest."""

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


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))

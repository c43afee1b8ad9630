"""Hostile input: fuzzed URL state, and every page opened with malicious query parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import filters, pages, ui

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
OPTIONS = ["Baidu", "Huawei", "Nvidia", "Tencent"]
HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    "' OR 1=1; DROP TABLE events; --",
    "A" * 5000,
    "[x](javascript:alert(1))",
    "\x00\x01\u202e",
    "2020-2023",
    "99999",
    "-1",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(OPTIONS + HOSTILE_VALUES), st.text(max_size=300)), max_size=30))
def test_split_known_only_ever_keeps_known_options(raw) -> None:
    kept, dropped = filters.split_known(raw, OPTIONS)
    assert set(kept) <= set(OPTIONS)
    assert len(kept) == len(set(kept))
    assert set(kept) | set(dropped) == set(raw)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.integers(-(10**6), 10**6).map(str)), max_size=4))
def test_year_range_parsing_never_raises_and_stays_in_bounds(raw) -> None:
    bounds = (2015, 2026)
    years, unusable = filters.parse_year_range(raw, bounds)
    if years is not None:
        assert bounds[0] <= years[0] <= years[1] <= bounds[1]
        assert not unusable
    assert unusable == bool(raw and years is None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=6000), max_size=20))
def test_notices_are_short_and_inert(raw) -> None:
    text = filters.shown(raw)
    assert len(text) <= filters.MAX_SHOWN_VALUES * (2 * filters.MAX_SHOWN_LENGTH + 8) + 20
    unescaped = text.replace("\\[", "").replace("\\]", "").replace("\\(", "").replace("\\)", "")
    assert "](" not in unescaped and "<" not in unescaped.replace("\\<", "")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_escaped_markdown_keeps_the_printable_text_and_escapes_every_special_character(text) -> None:
    escaped = filters.escape_markdown(text)
    unescaped, index = [], 0
    while index < len(escaped):
        if escaped[index] == "\\":
            assert escaped[index + 1] in "\\`*_{}[]()<>#+-.!|~$:"
            index += 1
        else:
            assert escaped[index] not in "\\`*_{}[]()<>#+-.!|~$:"
        unescaped.append(escaped[index])
        index += 1
    assert "".join(unescaped) == "".join(ch for ch in text if ch.isprintable())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=300))
def test_links_render_only_for_http(title, url) -> None:
    link = ui.safe_link(title, url)
    if link.startswith("[") and "](" in link:
        assert url.startswith(("http://", "https://"))


@pytest.mark.parametrize("page", pages.PAGES, ids=lambda page: page.file)
def test_every_page_survives_hostile_query_parameters(page) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    for key in page.url_params:
        at.query_params[key] = HOSTILE_VALUES
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    notices = " ".join(c.value for c in at.sidebar.caption)
    assert "Ignored unknown companies in the link" in notices
    assert "Ignored the year range in the link" in notices
    assert "<script>" not in notices and "](" not in notices.replace("\\](", "")
    if page.path:
        at.switch_page(page.file)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    shown_text = " ".join(m.value for m in [*at.markdown, *at.caption])
    assert "<script>" not in shown_text

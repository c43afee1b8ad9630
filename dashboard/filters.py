"""Filter state kept in the URL, and its validation.

Widgets are bound to query parameters (`bind="query-params"`), so a copied link reopens the same
view. Streamlit drops URL values a widget cannot take without a word; the pure functions here
find those values first, so the visitor is told what was dropped. Nothing from the URL reaches
SQL unless it is one of the known options.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

COMPANY_KEY = "company"
YEARS_KEY = "years"
MARKERS_KEY = "markers"
MARKER_CATEGORIES_KEY = "marker_category"
IMAGE_FORMAT_KEY = "image"
IMAGE_FORMATS = ("png", "svg")
MAX_SHOWN_LENGTH = 40
MAX_SHOWN_VALUES = 5


@dataclass(frozen=True)
class Filters:
    """What a visitor chose: the shared filters of the sidebar, and a page's own choices (a picker's
    value, a rule version, regions) by name. Hashable, so charts can be cached by it."""

    companies: tuple[str, ...] = ()
    years: tuple[int, int] = (2010, 2030)
    marker_categories: tuple[str, ...] = ()  # empty when markers are switched off
    image_format: str = "png"
    choices: tuple[tuple[str, Any], ...] = ()

    def choose(self, **choices: Any) -> Filters:
        """These filters with a page's choices added (lists become tuples, so they hash)."""
        merged = dict(self.choices) | {k: tuple(v) if isinstance(v, list) else v for k, v in choices.items()}
        return replace(self, choices=tuple(sorted(merged.items())))

    def choice(self, name: str, default: Any = None) -> Any:
        return dict(self.choices).get(name, default)


def split_known(raw: Iterable[str], options: Sequence[str]) -> tuple[list[str], list[str]]:
    """Values the widget will keep (known options, first occurrence) and the ones it will drop."""
    allowed = set(options)
    kept, dropped = [], []
    for value in raw:
        target = kept if value in allowed else dropped
        if value not in target:
            target.append(value)
    return kept, dropped


def parse_year_range(raw: Sequence[str], bounds: tuple[int, int]) -> tuple[tuple[int, int] | None, bool]:
    """The year range a URL asks for, and whether the URL value was unusable.

    A usable value is two whole years within bounds (`?years=2020&years=2023`), in either order, as the
    slider takes them.
    """
    if not raw:
        return None, False
    if len(raw) != 2:
        return None, True
    try:
        low, high = sorted(int(value.strip()) for value in raw)
    except ValueError:
        return None, True
    if not (bounds[0] <= low <= high <= bounds[1]):
        return None, True
    return (low, high), False


def with_affiliates(chosen: Sequence[str], groups: dict[str, list[str]]) -> tuple[list[str], dict[str, list[str]]]:
    """The chosen companies with the affiliates of each (HiSilicon for Huawei), and which were added."""
    expanded, added = list(chosen), {}
    for company in chosen:
        extra = [m for m in groups.get(company, []) if m not in expanded]
        if extra:
            expanded += extra
            added[company] = extra
    return expanded, added


def shown(values: Iterable[str]) -> str:
    """A short, inert rendering of URL values for a notice: clipped, quoted, markdown escaped."""
    values = list(values)
    parts = []
    for value in values[:MAX_SHOWN_VALUES]:
        clipped = value if len(value) <= MAX_SHOWN_LENGTH else value[:MAX_SHOWN_LENGTH] + "…"
        parts.append("“" + escape_markdown(clipped) + "”")
    if len(values) > MAX_SHOWN_VALUES:
        parts.append(f"and {len(values) - MAX_SHOWN_VALUES} more")
    return ", ".join(parts)


MARKDOWN_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]()<>#+-.!|~$:"})


def escape_markdown(text: str) -> str:
    printable = text if text.isprintable() else "".join(ch for ch in text if ch.isprintable())
    return printable.translate(MARKDOWN_ESCAPES)


def _notice(container, message: str) -> None:
    container.caption(":warning: " + message)


def bound_multiselect(
    container,
    label: str,
    options: Sequence[str],
    key: str,
    format_func: Callable[[str], str] = str,
    default: Sequence[str] = (),
    help: str | None = None,
) -> list[str]:
    """A multiselect kept in the URL under `key`, telling the visitor about unknown values."""
    _, dropped = split_known(st.query_params.get_all(key), options)
    if dropped:
        _notice(container, f"Ignored unknown {label.lower()} in the link: {shown(dropped)}.")
    return container.multiselect(
        label,
        options,
        default=list(default),
        key=key,
        format_func=format_func,
        bind="query-params",
        help=help,
        placeholder="All",
    )


def shared_sidebar(vocabulary: dict) -> Filters:
    """The filters every page shares: companies, years, event markers and image format (drawn where the
    caller's container is: the sidebar, or hidden in an embedded view)."""
    st.markdown("**Filters** (kept in the link: copy it to share this view)")
    companies = bound_multiselect(
        st,
        "Companies",
        vocabulary["companies"],
        COMPANY_KEY,
        help="Shows events, chips and adoption records that involve these companies.",
    )
    companies, included = with_affiliates(companies, vocabulary.get("groups", {}))
    if included:
        st.caption(
            "Includes affiliates the data link to the companies chosen: "
            + "; ".join(f"{escape_markdown(c)}: {escape_markdown(', '.join(m))}" for c, m in included.items())
            + "."
        )
    bounds = vocabulary["year_bounds"]
    _, unusable = parse_year_range(st.query_params.get_all(YEARS_KEY), bounds)
    if unusable:
        _notice(
            st,
            f"Ignored the year range in the link: {shown(st.query_params.get_all(YEARS_KEY))} "
            f"(use two years between {bounds[0]} and {bounds[1]}).",
        )
    years = st.slider("Years", bounds[0], bounds[1], value=bounds, key=YEARS_KEY, bind="query-params", step=1)
    st.markdown("**Policy events on charts**")
    show_markers = st.toggle("Show key events", value=True, key=MARKERS_KEY, bind="query-params")
    categories = vocabulary["categories"]
    chosen = bound_multiselect(
        st,
        "Event categories",
        list(categories),
        MARKER_CATEGORIES_KEY,
        format_func=lambda c: categories.get(c, c),
        help="Which key events to draw as vertical lines. Empty means all.",
    )
    image_format = st.segmented_control(
        "Chart image download",
        IMAGE_FORMATS,
        default="png",
        key=IMAGE_FORMAT_KEY,
        bind="query-params",
        format_func=str.upper,
        help="Format of each chart's image download (title and sources inside the image).",
    )
    marker_categories = tuple(chosen or categories) if show_markers else ()
    return Filters(
        companies=tuple(companies),
        years=(int(min(years)), int(max(years))),  # a link may hand the slider its ends reversed
        marker_categories=marker_categories,
        image_format=image_format or "png",
    )


AS_OF_KEY = "as_of"
AS_OF_RANGE = (dt.date(2015, 1, 1), dt.date(2030, 12, 31))


def as_of_picker(help: str) -> dt.date:
    """The "in force on" date, kept in the link (?as_of=2024-06-30); today when the link has none. A date
    the widget cannot take is dropped from the link, as for every bound widget."""
    return st.date_input(
        "In force on",
        value=dt.date.today(),
        min_value=AS_OF_RANGE[0],
        max_value=AS_OF_RANGE[1],
        key=AS_OF_KEY,
        bind="query-params",
        help=help,
    )


STATE_KEY = "shared_filters"


def remember(shared: Filters) -> None:
    st.session_state[STATE_KEY] = shared


def current() -> Filters:
    """The shared filters drawn by the router for this run."""
    return st.session_state[STATE_KEY]

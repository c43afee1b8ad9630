"""How to cite and embed: a chart in its current view, and the dataset as a release. Pure text."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd

from dashboard.chart import SITE, primary_first


def view_url(base_url: str, query: Mapping[str, list[str]], **extra: str) -> str:
    """The URL of the current view: the page's address with its query parameters (repeated keys kept)."""
    pairs = [(key, value) for key, values in query.items() for value in values]
    pairs += list(extra.items())
    return f"{base_url}?{urlencode(pairs)}" if pairs else base_url


CITED_PUBLISHERS = 6


def chart_text(title: str, sources: pd.DataFrame, release: Mapping, url: str, accessed: str) -> str:
    """Plain-text citation of one chart in its current view."""
    names = list(dict.fromkeys(primary_first(sources)["publisher"]))
    publishers = "; ".join(names[:CITED_PUBLISHERS]) or "see the dashboard"
    if len(names) > CITED_PUBLISHERS:
        publishers += f"; and {len(names) - CITED_PUBLISHERS} more (listed under the chart)"
    return (
        f"“{title}”. Data: {publishers}. {SITE}, data release {release['version']} "
        f"(checked through {release['checked_through']}). {url} (accessed {accessed})."
    )


def embed_snippet(title: str, url: str, height: int) -> str:
    safe_title = title.replace('"', "&quot;").replace("<", "&lt;")
    return (
        f'<iframe src="{url}" title="{safe_title}" width="100%" height="{height}" '
        'style="border:0" loading="lazy"></iframe>'
    )


def dataset_text(release: Mapping, url: str) -> str:
    return (
        f"{SITE}, data release {release['version']} (newest record {release['newest_record']:%Y-%m-%d}, "
        f"sources checked through {release['checked_through']:%Y-%m-%d}). {url}"
    )


def dataset_bibtex(release: Mapping, url: str) -> str:
    key = "china_chips_dashboard_" + release["version"].replace(".", "_")
    return (
        f"@misc{{{key},\n"
        f"  title = {{{{{SITE}}}}},\n"
        f"  note = {{Data release {release['version']}; sources checked through "
        f"{release['checked_through']:%Y-%m-%d}}},\n"
        f"  year = {{{release['checked_through']:%Y}}},\n"
        f"  version = {{{release['version']}}},\n"
        f"  url = {{{url}}}\n"
        "}"
    )

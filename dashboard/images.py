"""Chart images rendered on the server (kaleido drives Debian's Chromium), for the image downloads.

One Chromium is started on the first request and kept for the process; requests take turns.
"""

from __future__ import annotations

import threading

import plotly.graph_objects as go

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
_lock = threading.Lock()
_started = False


def render(figure: go.Figure, image_format: str) -> bytes:
    global _started
    import kaleido  # imported on the first download only: it is not needed to serve pages

    with _lock:
        if not _started:
            kaleido.start_sync_server(silence_warnings=True)
            _started = True
        return figure.to_image(format=image_format, scale=2 if image_format == "png" else 1)

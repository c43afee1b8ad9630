"""A visitor that speaks Streamlit's own browser protocol, without a browser: protobuf messages over the
websocket /_stcore/stream (BackMsg from the client, ForwardMsg from the server, classes shipped in the
streamlit package). It opens a session, asks for a page with a query string, reads the deltas until the
script finishes, checks that the page drew what it should (its Plotly charts with a non-empty figure, no
exception), changes a filter (the "Show key events" toggle) and moves on. One visitor costs the server what
a browser's session costs it, and this machine a thread, so hundreds fit where eight browsers did not.

Used by bench/locust_protocol.py (the ramp and statistics) and by the small protocol load test in the suite.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MARKERS_TOGGLE = "Show key events"


@dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    charts: int = 0  # Plotly charts with a non-empty figure
    empty_charts: int = 0
    exceptions: list[str] = field(default_factory=list)
    toggles: dict[str, str] = field(default_factory=dict)  # label -> widget id
    bytes: int = 0
    status: int | None = None  # ScriptFinishedStatus

    def problems(self, expected_charts: int) -> list[str]:
        """Why this run is a wrong result, if it is one."""
        found = [f"exception: {text}" for text in self.exceptions]
        if self.charts != expected_charts:
            found.append(f"{self.charts} charts drawn, {expected_charts} expected")
        if self.empty_charts:
            found.append(f"{self.empty_charts} charts with an empty figure")
        if self.status not in (0, None):
            found.append(f"script finished with status {self.status}")
        return found


class Visitor:
    """One browser tab's worth of Streamlit session, driven over the websocket."""

    def __init__(self, base_url: str, timeout: float = 60):
        parsed = urlparse(base_url)
        self.origin = f"{parsed.scheme}://{parsed.netloc}"
        self.stream = f"{'wss' if parsed.scheme == 'https' else 'ws'}://{parsed.netloc}/_stcore/stream"
        self.timeout = timeout
        self.session_id: str | None = None
        self.page = ""
        self.query = ""
        self.socket: websocket.WebSocket | None = None

    def connect(self) -> None:
        """Open the websocket; a known session id asks the server to reattach that session (a reconnect)."""
        protocols = ["streamlit", "", self.session_id] if self.session_id else ["streamlit"]
        self.socket = websocket.create_connection(
            self.stream, subprotocols=protocols, origin=self.origin, timeout=self.timeout
        )

    def close(self) -> None:
        if self.socket is not None:
            self.socket.close()
            self.socket = None

    def open(self, page: str, query: str = "") -> Run:
        """Ask for a page (its URL path, "" for the default page) with a query string, as a new visit does."""
        self.page, self.query = page, query
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        return self._run(message)

    def set_toggle(self, widget_id: str, value: bool) -> Run:
        """Change a toggle on the current page, as a click does (a rerun with the widget's new state)."""
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_name = self.page
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.bool_value = value
        return self._run(message)

    def _run(self, message: BackMsg) -> Run:
        assert self.socket is not None, "connect first"
        started = time.perf_counter()
        self.socket.send_binary(message.SerializeToString())
        run = Run(seconds=0.0)
        while True:
            raw = self.socket.recv()
            run.bytes += len(raw)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.session_id = forward.new_session.initialize.session_id or self.session_id
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._read_element(forward.delta.new_element, run)
            elif kind == "script_finished":
                # A run ended to make way for another (a rerun) is followed by the new run's messages.
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                run.status = int(forward.script_finished)
                run.seconds = time.perf_counter() - started
                return run

    @staticmethod
    def _read_element(element, run: Run) -> None:
        kind = element.WhichOneof("type")
        if kind == "plotly_chart":
            if len(element.plotly_chart.spec) > 100:
                run.charts += 1
            else:
                run.empty_charts += 1
        elif kind == "exception":
            run.exceptions.append(element.exception.message[:200])
        elif kind == "checkbox":
            run.toggles[element.checkbox.label] = element.checkbox.id


def visit_every_page(base_url: str, pages: dict[str, int], toggle: bool = True) -> list[tuple[str, Run, list[str]]]:
    """One visitor: every page in turn (path -> expected charts), switching the markers off on each chart page;
    returns (what, run, problems) for every run."""
    visitor = Visitor(base_url)
    visitor.connect()
    results = []
    try:
        for path, expected in pages.items():
            run = visitor.open(path)
            results.append((f"open /{path}", run, run.problems(expected)))
            if toggle and expected and MARKERS_TOGGLE in run.toggles:
                rerun = visitor.set_toggle(run.toggles[MARKERS_TOGGLE], False)
                results.append((f"filter /{path}", rerun, rerun.problems(expected)))
    finally:
        visitor.close()
    return results

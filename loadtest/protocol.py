"""Streamlit's websocket protocol as a browser tab speaks it: BackMsg out, ForwardMsg in.

Pure functions only (no sockets): building the rerun request a tab sends and reading what one
server message means for a session. The session in `loadtest.session` does the I/O.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM_PATH = "_stcore/stream"
HEALTH_PATH = "_stcore/health"
# The browser repurposes Sec-WebSocket-Protocol: the subprotocol, then an auth token slot
# (a placeholder when there is none), then the session to resume, if any.
SUBPROTOCOLS = ("streamlit", "PLACEHOLDER_AUTH_TOKEN")

FINISHED_OK = ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_FRAGMENT = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
FINISHED_COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
FINISHED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN


@dataclass(frozen=True)
class Slider:
    """A numeric slider as the server described it (one thumb).

    Attributes:
        widget_id: the id the server expects back in the widget state.
        key: the user key (the URL parameter for bound widgets), e.g. "growth".
        minimum, maximum, step: the slider's range and step, in its own units.
        default: the value the slider starts at.
    """

    widget_id: str
    key: str
    minimum: float
    maximum: float
    step: float
    default: float


@dataclass
class PageState:
    """What one tab knows about its page: filled in from the server's messages."""

    page_hashes: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    page_hash: str = ""
    query_string: str = ""
    sliders: dict[str, Slider] = field(default_factory=dict)  # key -> slider
    cached_hashes: set[str] = field(default_factory=set)
    drawn: list[str] = field(default_factory=list)  # hashes of the elements of the latest run


@dataclass(frozen=True)
class Update:
    """What one server message means to the waiting tab.

    Attributes:
        finished: the script run is over (successfully or not); the tab's wait ends.
        error: a description of what went wrong in the run, or "" if nothing did.
    """

    finished: bool = False
    error: str = ""


def websocket_url(base_url: str) -> str:
    """Return the websocket stream URL for an app at `base_url` (http(s)://host:port/prefix)."""
    parts = urlsplit(base_url)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme)
    if scheme is None:
        raise ValueError(f"not an http(s) URL: {base_url!r}")
    path = parts.path.rstrip("/") + "/" + STREAM_PATH
    return urlunsplit((scheme, parts.netloc, path, "", ""))


def origin(base_url: str) -> str:
    """Return the Origin header a browser sends for pages of `base_url`."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def rerun_request(
    *,
    page_name: str = "",
    page_hash: str = "",
    query_string: str = "",
    widget_values: Mapping[str, float] | None = None,
    cached_hashes: Iterable[str] = (),
) -> bytes:
    """Return the serialized BackMsg a tab sends to (re)run its page.

    A first load names the page by its URL path (`page_name`, "" for the default page); later
    runs name it by `page_hash`, as the browser does once the server has told it the hashes.

    Args:
        page_name: URL path of the page on a first load.
        page_hash: page script hash on later runs.
        query_string: the tab's URL query string, without "?".
        widget_values: slider values by widget id (each a one-thumb slider).
        cached_hashes: hashes of cacheable messages the tab holds, so the server may send
            references instead of the elements again.
    """
    message = BackMsg()
    state = message.rerun_script
    state.page_name = page_name
    state.page_script_hash = page_hash
    state.query_string = query_string
    state.context_info.timezone = "UTC"
    state.context_info.timezone_offset = 0
    state.context_info.locale = "en-US"
    state.context_info.is_embedded = False
    state.context_info.color_scheme = "light"
    state.cached_message_hashes.extend(sorted(cached_hashes))
    for widget_id, value in sorted((widget_values or {}).items()):
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.double_array_value.data.append(value)
    return bytes(message.SerializeToString())


def read_update(raw: bytes, state: PageState) -> Update:
    """Decode one server message, record what the tab must remember, and say what it means.

    Args:
        raw: one binary websocket frame from the server.
        state: the tab's page state; updated in place (page hashes, sliders, query string).
    """
    message = ForwardMsg()
    message.ParseFromString(raw)
    if message.metadata.cacheable and message.hash:
        state.cached_hashes.add(message.hash)
    kind = message.WhichOneof("type")
    if kind == "session_status_changed" and message.session_status_changed.script_is_running:
        state.drawn.clear()
    elif kind == "new_session":
        state.page_hash = message.new_session.page_script_hash
    elif kind == "navigation":
        state.page_hashes = {
            page.url_pathname: page.page_script_hash for page in message.navigation.app_pages
        }
        state.page_hash = message.navigation.page_script_hash or state.page_hash
    elif kind == "page_info_changed":
        state.query_string = message.page_info_changed.query_string
    elif kind == "page_not_found":
        return Update(error=f"page not found: {message.page_not_found.page_name!r}")
    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        return _read_element(message, state)
    elif kind == "script_finished":
        return _read_finished(message.script_finished)
    return Update()


def _read_element(message: ForwardMsg, state: PageState) -> Update:
    element = message.delta.new_element
    state.drawn.append(message.hash or message.ref_hash)
    element_kind = element.WhichOneof("type")
    if element_kind == "exception":
        return Update(error=f"exception in the app: {element.exception.type}")
    if element_kind == "slider" and len(element.slider.default) == 1:
        slider = element.slider
        key = slider.query_param_key or slider.id.rsplit("-", 1)[-1]
        state.sliders[key] = Slider(
            widget_id=slider.id,
            key=key,
            minimum=slider.min,
            maximum=slider.max,
            step=slider.step,
            default=slider.default[0],
        )
    return Update()


def _read_finished(status: int) -> Update:
    if status in (FINISHED_OK, FINISHED_FRAGMENT):
        return Update(finished=True)
    if status == FINISHED_COMPILE_ERROR:
        return Update(finished=True, error="the page failed to compile")
    # FINISHED_EARLY_FOR_RERUN: a newer run replaces this one; keep waiting for it.
    return Update()


def next_slider_value(
    slider: Slider, current: float, rng: random.Random, max_steps: int = 10
) -> float:
    """Return where a person drags the slider next: a few steps away, inside its range, never `current`.

    Args:
        slider: the slider being moved.
        current: its value now.
        rng: the source of randomness (seeded for repeatable runs).
        max_steps: the largest move, in slider steps.
    """
    positions = round((slider.maximum - slider.minimum) / slider.step)
    here = round((current - slider.minimum) / slider.step)
    choices = [
        position
        for position in range(max(0, here - max_steps), min(positions, here + max_steps) + 1)
        if position != here
    ]
    if not choices:
        raise ValueError(f"slider {slider.key!r} has nowhere to move")
    return round(slider.minimum + rng.choice(choices) * slider.step, 10)

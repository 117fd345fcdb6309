"""Simulated people: each opens the app's websocket as a browser tab does and uses the page.

A visit: fetch the page's HTML (which sets cookies, e.g. a load balancer's route cookie), open
`/_stcore/stream`, run the page, move a slider a few times at a human pace (each move waits for
the rerun to finish), switch to another page, and leave. Every step is timed as a `Sample`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import http.client
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from loadtest.protocol import (
    SUBPROTOCOLS,
    PageState,
    next_slider_value,
    origin,
    read_update,
    rerun_request,
    websocket_url,
)
from loadtest.stats import Sample, start_offsets

# Pages a visitor goes on to after the scenario page, in turn ("" is the overview).
OTHER_PAGES = ("", "flows", "projects")


@dataclass(frozen=True)
class LoadConfig:
    """One load run.

    Attributes:
        base_url: the app, e.g. "http://127.0.0.1:8501" (a load balancer or one process).
        users: simulated people at once.
        ramp_seconds: users start evenly spread over this many seconds.
        duration_seconds: how long each user keeps visiting, counted from the first start.
        think_seconds: (shortest, longest) pause between a person's actions.
        moves: slider moves per visit.
        page: URL path of the page each visit opens.
        slider_key: key of the slider moved (its URL parameter).
        timeout_seconds: an action that takes longer counts as an error.
        seed: makes the pauses and slider values repeatable.
        visits: visits per user, then the user leaves (0: keep visiting until the duration ends).
    """

    base_url: str
    users: int = 10
    ramp_seconds: float = 10.0
    duration_seconds: float = 60.0
    think_seconds: tuple[float, float] = (2.0, 5.0)
    moves: int = 5
    page: str = "scenario"
    slider_key: str = "growth"
    timeout_seconds: float = 30.0
    seed: int = 0
    visits: int = 0


class ActionFailed(Exception):
    """The server answered, but not with a finished run of the page."""


def fetch_cookies(url: str, timeout: float) -> str:
    """GET `url` as a browser opening the page does; return its cookies as a Cookie header value."""
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.netloc, timeout=timeout)
    try:
        connection.request("GET", parts.path or "/", headers={"Accept": "text/html"})
        reply = connection.getresponse()
        reply.read()
        if reply.status != 200:
            raise ActionFailed(f"GET {parts.path or '/'}: HTTP {reply.status}")
        jar: SimpleCookie = SimpleCookie()
        for header in reply.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    finally:
        connection.close()
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


class Tab:
    """One open websocket session and what the tab knows about its page."""

    def __init__(self, socket: ClientConnection, timeout: float) -> None:
        self.socket = socket
        self.state = PageState()
        self.timeout = timeout

    async def run(self, request: bytes) -> None:
        """Send a (re)run request and wait until the server says the run finished."""
        await self.socket.send(request)
        async with asyncio.timeout(self.timeout):
            while True:
                raw = await self.socket.recv()
                if isinstance(raw, str):
                    continue
                update = read_update(raw, self.state)
                if update.error:
                    raise ActionFailed(update.error)
                if update.finished:
                    return


class User:
    """One simulated person, visiting the app again and again until the run's end."""

    def __init__(self, config: LoadConfig, number: int, clock: Callable[[], float]) -> None:
        self.config = config
        self.rng = random.Random(config.seed * 100_003 + number)
        self.clock = clock
        self.samples: list[Sample] = []
        self.next_page = number % len(OTHER_PAGES)

    def time_left(self) -> bool:
        """Whether the run's duration has not yet passed."""
        return self.clock() < self.config.duration_seconds

    async def pause(self) -> None:
        """Wait as long as a person looks at the page before the next action."""
        await asyncio.sleep(self.rng.uniform(*self.config.think_seconds))

    async def timed(self, action: str, step: Callable[[], object]) -> None:
        """Run one action and record its latency, or the error it ended in."""
        started = self.clock()
        error = ""
        try:
            result = step()
            if asyncio.iscoroutine(result):
                await result
        except TimeoutError:
            error = "timeout"
        except ActionFailed as failure:
            error = str(failure)
        except InvalidStatus as refused:
            error = f"websocket refused: HTTP {refused.response.status_code}"
        except ConnectionClosed as closed:
            error = f"connection closed ({closed.rcvd.code if closed.rcvd else 'no close frame'})"
        except (OSError, InvalidHandshake) as failure:
            error = f"connection failed: {type(failure).__name__}"
        self.samples.append(Sample(action, self.clock() - started, error, started))
        if error:
            raise ActionFailed(error)

    async def visit(self) -> None:
        """Open the page, move the slider, go to another page, leave."""
        config = self.config
        page_url = f"{config.base_url.rstrip('/')}/{config.page}"
        tabs: list[Tab] = []

        async def open_page() -> None:
            cookies = await asyncio.to_thread(fetch_cookies, page_url, config.timeout_seconds)
            socket = await connect(
                websocket_url(config.base_url),
                subprotocols=[*SUBPROTOCOLS],  # type: ignore[list-item]
                additional_headers={"Origin": origin(config.base_url), "Cookie": cookies},
                max_size=None,
                open_timeout=config.timeout_seconds,
            )
            tabs.append(Tab(socket, config.timeout_seconds))
            await tabs[0].run(rerun_request(page_name=config.page))

        try:
            await self.timed("load", open_page)
            await self.use_page(tabs[0])
        finally:
            if tabs:
                await tabs[0].socket.close()

    async def use_page(self, tab: Tab) -> None:
        """Move the slider `moves` times at a human pace, then switch to another page."""
        config = self.config
        values: dict[str, float] = {}
        for _ in range(config.moves):
            await self.pause()
            if not self.time_left():
                return
            slider = tab.state.sliders.get(config.slider_key)
            if slider is None:
                await self.timed("slider", _missing(config.slider_key, config.page))
                return
            value = next_slider_value(
                slider, values.get(slider.widget_id, slider.default), self.rng
            )
            values[slider.widget_id] = value
            request = rerun_request(
                page_hash=tab.state.page_hash,
                query_string=tab.state.query_string,
                widget_values=values,
                cached_hashes=tab.state.cached_hashes,
            )
            await self.timed("slider", functools.partial(tab.run, request))
        await self.pause()
        if not self.time_left():
            return
        path = OTHER_PAGES[self.next_page]
        self.next_page = (self.next_page + 1) % len(OTHER_PAGES)
        request = rerun_request(
            page_hash=tab.state.page_hashes.get(path, ""),
            page_name=path,
            cached_hashes=tab.state.cached_hashes,
        )
        await self.timed("page", functools.partial(tab.run, request))

    async def run(self, delay: float) -> list[Sample]:
        """Start after `delay` seconds and visit until the duration has passed."""
        await asyncio.sleep(delay)
        visits = 0
        while self.time_left() and not (self.config.visits and visits >= self.config.visits):
            visits += 1
            # A failure is recorded as a sample; a person would reload and try again.
            with contextlib.suppress(ActionFailed):
                await self.visit()
            await self.pause()
        return self.samples


def _missing(key: str, page: str) -> Callable[[], object]:
    def fail() -> None:
        raise ActionFailed(f"no slider {key!r} on page {page!r}")

    return fail


async def run_load(config: LoadConfig) -> list[Sample]:
    """Run `config.users` simulated people against the app; return every timed action."""
    start = time.monotonic()

    def clock() -> float:
        return time.monotonic() - start

    users = [User(config, number, clock) for number in range(config.users)]
    offsets = start_offsets(config.users, config.ramp_seconds)
    results = await asyncio.gather(
        *(user.run(offset) for user, offset in zip(users, offsets, strict=True))
    )
    return [sample for samples in results for sample in samples]

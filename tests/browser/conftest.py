"""A running app and a headless Chromium (Debian's) that records every request it makes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from ca_trade.export import chromium_path as system_chromium
from ca_trade.paths import PROJECT_ROOT
from deploy.serve import free_port, stop, wait_for_ok

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 60


def chromium_path() -> str:
    """Return the system Chromium; the test command installs it, so its absence is a failure."""
    path = system_chromium()
    if not path:
        pytest.fail("Chromium is not installed: run `make test`, which installs Debian's chromium")
    return path


@dataclass
class Server:
    """A `streamlit run app.py` process on the loopback interface."""

    url: str
    process: subprocess.Popen[bytes]
    log: list[str] = field(default_factory=list)


def start_server() -> Server:
    """Start the app and wait until its health endpoint answers `ok`."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_ok(f"{url}/_stcore/health", STARTUP_TIMEOUT_S)
    except TimeoutError as error:
        stop(process)
        pytest.fail(str(error))
    return Server(url=url, process=process)


def stop_server(server: Server) -> None:
    """Stop the app process."""
    stop(server.process)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The app on the bundled data, for the whole browser session."""
    running = start_server()
    yield running
    stop_server(running)


# Per module, not per session: Playwright's sync API keeps an event loop running in the main
# thread until it stops, and tests after the browser modules (e.g. tests/loadtest) call
# asyncio.run(), which refuses to start inside a running loop.
@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    launched = playwright_instance.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS
    )
    yield launched
    launched.close()


@dataclass
class Visit:
    """A browser page plus every outside request it attempted and every page error."""

    page: Page
    outside_requests: list[str]
    page_errors: list[str]


def is_outside(url: str) -> bool:
    """Whether a request goes to any host but this machine (data: and blob: stay local)."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about", "chrome-extension"}:
        return False
    return (parsed.hostname or "") not in LOCAL_HOSTS


def open_visit(browser: Browser, width: int = 1280, height: int = 900) -> Visit:
    """Open a fresh browser context that records outside requests and page errors."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    visit = Visit(page=page, outside_requests=[], page_errors=[])
    page.on(
        "request",
        lambda request: (
            visit.outside_requests.append(request.url) if is_outside(request.url) else None
        ),
    )
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    return visit


def wait_until_drawn(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the page script has run and its first chart is drawn.

    The app reports its script as finished a little before the browser has drawn the elements.
    """
    wait_until_idle(page, timeout_ms)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)
    page.wait_for_timeout(300)


def wait_until_idle(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the app has finished running the page script."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms
    )
    page.wait_for_timeout(300)


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    """A desktop-sized browser page; fails the test if it attempted any outside request."""
    opened = open_visit(browser)
    yield opened
    opened.page.context.close()
    assert opened.outside_requests == [], f"requests left this machine: {opened.outside_requests}"


GROWTH_SLIDER = ".st-key-growth input[type='range']"


def step_growth_up(page: Page) -> None:
    """Press the Scenario page's growth slider one step up, 4.5 -> 4.6 (% a year), and wait
    until the link says so. One key press: a burst of them races the reruns it starts."""
    thumb = page.locator(GROWTH_SLIDER)
    expect(thumb).to_have_value("4.5")
    thumb.focus()
    page.keyboard.press("ArrowRight")
    expect(thumb).to_have_value("4.6")
    # Bound widgets rewrite the URL in place (no page load), so poll the address itself.
    page.wait_for_function(r"() => /[?&]growth=4\.6(&|$)/.test(location.search)")

"""A running app and a headless Chromium (Debian's) that records every request it makes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from ca_trade.export import chromium_path as system_chromium
from ca_trade.paths import PROJECT_ROOT
from deploy.serve import free_port, stop, wait_for_ok
from tests.conftest import STOP_CHROMIUM

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Pages of one site in one context share a renderer process (see SharedChromium.context).
    "--process-per-site",
]
STARTUP_TIMEOUT_S = 60
# Web-first assertions wait this long (Playwright's default is 5 s): on a busy machine a rerun
# after a click may take longer than that to reach the page.
expect.set_options(timeout=30_000)
# Each page and the charts its script draws at first (tests/ui check which ones).
CHARTS = {"/": 1, "/flows": 3, "/projects": 1, "/scenario": 1}
DESKTOP = (1400, 900)
# On a phone the first run draws the wide map; the rerun that follows once the window's width is
# known replaces it (Streamlit gives a chart with a new figure a new element), and plotly's
# pending basemap load for the replaced chart may then finish on a chart already taken down. The
# map on screen is unaffected; any other error fails the test.
REPLACED_CHART_ERROR = "Cannot read properties of undefined (reading '_scrollZoom')"
PHONE = (375, 800)


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


class SharedChromium:
    """Playwright and one Chromium, started by the first browser module a test process runs and
    kept for the next ones.

    Playwright's sync API keeps an event loop running in this thread until it stops, and other
    tests (e.g. tests/loadtest) call asyncio.run(), which refuses to start inside a running loop:
    tests/conftest.py stops it before any test outside tests/browser."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None

    def browser(self) -> Browser:
        """The running Chromium, launched if there is none."""
        if self._browser is None:
            path = chromium_path()
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=path, args=CHROMIUM_ARGS
            )
        return self._browser

    def context(self, server: Server) -> BrowserContext:
        """A desktop-sized context, opened if there is none: its pages share the HTTP cache, so
        the app's scripts load once.

        A page left open on the app keeps the site's renderer process alive, so each new page
        starts in it (--process-per-site) with the app's scripts already compiled, about half a
        page load's CPU, instead of in a new process."""
        if self._context is None:
            self._context = self.browser().new_context(
                viewport={"width": DESKTOP[0], "height": DESKTOP[1]}, accept_downloads=True
            )
            self._context.new_page().goto(f"{server.url}/_stcore/health")
        return self._context

    def stop(self) -> None:
        """Close Chromium (and its contexts) and stop Playwright, if they run."""
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._browser = self._playwright = None
        self._context = None


@pytest.fixture(scope="session")
def chromium(pytestconfig: pytest.Config) -> Iterator[SharedChromium]:
    """This test process's Playwright and Chromium, started on first use."""
    shared = SharedChromium()
    pytestconfig.stash[STOP_CHROMIUM] = shared.stop
    yield shared
    shared.stop()


@pytest.fixture(scope="module")
def browser(chromium: SharedChromium) -> Browser:
    """The running Chromium (launched again if other tests stopped it)."""
    return chromium.browser()


@pytest.fixture(scope="module")
def context(chromium: SharedChromium, server: Server) -> BrowserContext:
    """The desktop-sized browser context the browser modules of this process share (see
    `SharedChromium.context`). Each page is its own Streamlit session."""
    return chromium.context(server)


@dataclass
class Visit:
    """A browser page plus every outside request it attempted and every page error."""

    page: Page
    outside_requests: list[str]
    page_errors: list[str]

    def unexpected_errors(self) -> list[str]:
        """The page errors but the one a phone's first wide map may leave (see below)."""
        return [error for error in self.page_errors if error != REPLACED_CHART_ERROR]

    def close(self) -> None:
        """Close the page; fail if it attempted any request off this machine."""
        self.page.close()
        assert self.outside_requests == [], f"requests left this machine: {self.outside_requests}"


def is_outside(url: str) -> bool:
    """Whether a request goes to any host but this machine (data: and blob: stay local)."""
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about", "chrome-extension"}:
        return False
    return (parsed.hostname or "") not in LOCAL_HOSTS


def open_visit(context: BrowserContext, size: tuple[int, int] = DESKTOP) -> Visit:
    """Open a page of `context` at this window size that records outside requests and page
    errors."""
    page = context.new_page()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    visit = Visit(page=page, outside_requests=[], page_errors=[])
    page.on(
        "request",
        lambda request: (
            visit.outside_requests.append(request.url) if is_outside(request.url) else None
        ),
    )
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))
    return visit


def wait_until_idle(page: Page, timeout_ms: int = 60_000) -> None:
    """Wait until the app has run the page script and is not running it.

    Right after a load this means the first run has ended. After a click the rerun may not have
    started yet: wait for its outcome (the URL, a text) with a web-first `expect` instead.
    """
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms
    )


CHARTS_DRAWN_JS = """([count, narrow]) => {
    const charts = [...document.querySelectorAll('.js-plotly-plot')];
    const map = charts.find((g) => g._fullLayout && g._fullLayout.geo);
    return charts.length === count && charts.every((g) => g._fullLayout && g.querySelector('.main-svg'))
        && (narrow === null || !map || (map.layout.meta || {}).narrow === narrow);
}"""


def wait_until_drawn(page: Page, charts: int | None = None, timeout_ms: int = 60_000) -> None:
    """Wait until the page script has run and its charts are drawn: `charts` of them, if given
    (a map laid out for this window's width), else the first one."""
    wait_until_idle(page, timeout_ms)
    if charts is None:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)
        return
    size = page.viewport_size
    narrow = size["width"] < 640 if size else None
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(CHARTS_DRAWN_JS, arg=[charts, narrow], timeout=timeout_ms)


def sideways_overflow(page: Page) -> int:
    """How many pixels the page scrolls sideways (0 when it fits its window)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


# Most blank space allowed under a page's title, px. A heading's anchor link, which wraps onto a
# line of its own when the title fills a phone's width, left ~30 px more there.
TITLE_GAP_MAX_PX = 24


# Most lines a page's title may take on a phone: at Streamlit's 2.75rem the longest Russian title
# took six, a phone's first screen.
TITLE_LINES_MAX = 4


@dataclass(frozen=True)
class TitleLayout:
    """How the page's title is drawn: its lines of text, and the blank space under the last one
    to the next element shown (px)."""

    lines: int
    blank_below_px: float


def title_layout(page: Page) -> TitleLayout:
    """Measure the page's title where it is drawn."""
    lines, blank = page.evaluate(
        """() => {
  const title = document.querySelector("[data-testid='stMainBlockContainer'] h1");
  const text = document.createRange();
  text.selectNodeContents(title);
  const tops = new Set([...text.getClientRects()].map((line) => Math.round(line.top)));
  const shown = [...document.querySelectorAll(
      "[data-testid='stMainBlockContainer'] [data-testid='stElementContainer']")]
    .filter((element) => element.getBoundingClientRect().height > 0);
  const next = shown[shown.indexOf(title.closest("[data-testid='stElementContainer']")) + 1];
  return [tops.size, next.getBoundingClientRect().top - text.getBoundingClientRect().bottom];
}"""
    )
    return TitleLayout(int(lines), float(blank))


@pytest.fixture
def visit(context: BrowserContext) -> Iterator[Visit]:
    """A desktop-sized page; fails the test if it attempted any outside request."""
    opened = open_visit(context)
    yield opened
    opened.close()


GROWTH_SLIDER = ".st-key-growth input[type='range']"


def step_growth_up(page: Page) -> None:
    """Press the Scenario page's growth slider one step up, 4.5 -> 4.6 (% a year), and wait
    until the link and the share link (drawn by the rerun) say so. One key press: a burst of
    them races the reruns it starts."""
    thumb = page.locator(GROWTH_SLIDER)
    expect(thumb).to_have_value("4.5", timeout=30_000)
    thumb.focus()
    page.keyboard.press("ArrowRight")
    expect(thumb).to_have_value("4.6")
    # Bound widgets rewrite the URL in place (no page load), so poll the address itself.
    page.wait_for_function(r"() => /[?&]growth=4\.6(&|$)/.test(location.search)")
    expect(page.locator(".st-key-scenario_share_link a")).to_contain_text(
        "growth=4.6", timeout=30_000
    )
    wait_until_idle(page)  # the rerun has started (the link changed): wait for its end


DRAWN_MARGINS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(g => {
    const set = g.layout.margin || {}, drawn = g._fullLayout._size;
    return [g.layout.title.text, ['l', 'r', 't', 'b'].map(k => [set[k], Math.round(drawn[k])])];
})"""


def assert_drawn_with_the_margins_set(page: Page) -> None:
    """Margins that already fit: plotly's automargin did not grow any chart's and draw it again
    (wait_until_drawn first)."""
    for title, margins in page.evaluate(DRAWN_MARGINS_JS):
        # The chord has no axes: the template's margins.
        grown = [(side, drawn) for side, drawn in margins if drawn > (side or 10)]
        assert grown == [], (page.url, title)

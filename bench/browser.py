"""Measurements in headless Chromium: page ready, and a slider step until its chart settles.

Times are taken inside the page (`performance.now()`), so the cost of driving the browser from
Python is not counted: page ready is measured from the navigation's start, a slider step from the
key press (seen by a capturing `keydown` listener) to the last change of the chart's DOM.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, WebSocket

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 120_000
# A chart has settled when its DOM has not changed for this long after the run has finished.
QUIET_MS = 600

# Ready: the script has finished, no skeleton or spinner is left, and every chart is drawn
# (a map's country layer too, which plotly draws only once the basemap file has arrived).
READY_JS = """
() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector(
      "[data-testid='stSkeleton'], [data-testid='stAppSkeleton'], [data-testid='stSpinner']"))
    return false;
  const charts = document.querySelectorAll("[data-testid='stPlotlyChart']");
  if (!charts.length) return false;
  for (const chart of charts) {
    if (!chart.querySelector(".main-svg")) return false;
    const geo = chart.querySelector(".geolayer > g");
    if (geo && !geo.querySelector("path")) return false;
  }
  return performance.now();
}
"""

# Records the time of the key press and of every DOM change inside the plot `selector` (or its
# replacement by a new one).
WATCH_JS = """
(selector) => {
  if (window.__bench) window.__bench.observer.disconnect();
  const state = {start: null, first: null, last: null, observer: null};
  const inside = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return element !== null && element.closest(selector) !== null;
  };
  state.observer = new MutationObserver((records) => {
    if (state.start === null) return;
    const touched = records.some((r) => inside(r.target) || [...r.addedNodes].some(
      (n) => n.nodeType === 1 && (n.matches(selector) || n.querySelector(selector))));
    if (!touched) return;
    const now = performance.now();
    if (state.first === null) state.first = now;
    state.last = now;
  });
  state.observer.observe(document.body,
    {subtree: true, childList: true, attributes: true, characterData: true});
  window.addEventListener("keydown", () => { state.start = performance.now(); },
    {capture: true, once: true});
  window.__bench = state;
}
"""

SETTLED_JS = """
(quiet) => {
  const state = window.__bench;
  const app = document.querySelector("[data-testid='stApp']");
  if (state.last === null || app.getAttribute("data-test-script-state") !== "notRunning")
    return false;
  return performance.now() - state.last > quiet
    ? [state.first - state.start, state.last - state.start] : false;
}
"""


@dataclass
class FrameCount:
    """Websocket frames the server sent to one page, counted while `on` is set."""

    on: bool = False
    frames: int = 0
    size: int = 0
    sizes: list[int] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        def listen(socket: WebSocket) -> None:
            socket.on("framereceived", self._received)

        page.on("websocket", listen)

    def _received(self, payload: str | bytes) -> None:
        if self.on:
            self.frames += 1
            self.size += len(payload)
            self.sizes.append(len(payload))

    def start(self) -> None:
        self.on, self.frames, self.size, self.sizes = True, 0, 0, []


@dataclass
class Step:
    """One slider step: first and last change of the chart after the key press, and traffic."""

    first_ms: float
    last_ms: float
    frames: int
    size: int


def page_ready_ms(browser: Browser, url: str) -> float:
    """Open `url` in a new browser context (empty cache, as a new visitor) until ready (ms)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        ready = page.wait_for_function(READY_JS, polling="raf", timeout=TIMEOUT_MS)
        return float(ready.json_value())
    finally:
        context.close()


@dataclass
class SliderPage:
    """A page held open to step its slider and watch one chart."""

    page: Page
    slider: str
    chart: str
    traffic: FrameCount
    direction: str = "ArrowRight"

    @classmethod
    def open(cls, browser: Browser, url: str, slider: str, chart: str) -> SliderPage:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        traffic = FrameCount()
        traffic.attach(page)
        page.goto(url)
        page.wait_for_function(READY_JS, polling="raf", timeout=TIMEOUT_MS)
        if not page.locator(chart).count():
            raise RuntimeError(f"no chart {chart!r} on {url}")
        plot = f"{chart} [data-testid='stPlotlyChart']"  # the plot, not the stale-run fading
        return cls(page, f"{slider} input[type='range']", plot, traffic)

    def step(self) -> Step:
        """Press an arrow key on the slider and wait until the chart has settled."""
        self.page.evaluate(WATCH_JS, self.chart)
        self.page.locator(self.slider).focus()
        self.traffic.start()
        self.page.keyboard.press(self.direction)
        settled = self.page.wait_for_function(
            SETTLED_JS, arg=QUIET_MS, polling=50, timeout=TIMEOUT_MS
        ).json_value()
        self.traffic.on = False
        # Steps go up and down in turn, so the value stays in the slider's range.
        self.direction = "ArrowLeft" if self.direction == "ArrowRight" else "ArrowRight"
        return Step(settled[0], settled[1], self.traffic.frames, self.traffic.size)

    def close(self) -> None:
        self.page.close()

"""Measurements in headless Chromium: page ready, and a slider step until its chart settles.

Times are taken inside the page (`performance.now()`), so the cost of driving the browser from
Python is not counted: page ready is measured from the navigation's start, a slider step from the
key press (seen by a capturing `keydown` listener) to the last change of the chart's DOM, and the
server's turn from the page's websocket: its request to the run's last message.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser, Page

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 120_000
# A chart has settled when its DOM has not changed for this long after the run has finished.
QUIET_MS = 600

# A Streamlit plotly chart, or a chart that follows a slider (`ca_trade.ui.plot_in_place`).
CHARTS = "[data-testid='stPlotlyChart'], .ca-plot"

# Ready: the script has finished, no skeleton or spinner is left, and every chart is drawn
# (a map's country layer too, which plotly draws only once the basemap file has arrived).
READY_JS = """
() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector(
      "[data-testid='stSkeleton'], [data-testid='stAppSkeleton'], [data-testid='stSpinner']"))
    return false;
  const charts = document.querySelectorAll("CHARTS");
  if (!charts.length) return false;
  for (const chart of charts) {
    if (!chart.querySelector(".main-svg")) return false;
    const geo = chart.querySelector(".geolayer > g");
    if (geo && !geo.querySelector("path")) return false;
  }
  return performance.now();
}
""".replace("CHARTS", CHARTS)

# Every websocket message to and from the server, timed (installed before the page loads).
SOCKET_JS = """
window.__socket = {sent: [], received: []};
const NativeSocket = window.WebSocket;
window.WebSocket = class extends NativeSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      const size = event.data.byteLength ?? event.data.size ?? event.data.length;
      window.__socket.received.push([performance.now(), size]);
    });
  }
  send(data) {
    window.__socket.sent.push(performance.now());
    super.send(data);
  }
};
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

# Once the plot has settled: its first and last change after the key press; the server's turn
# (from the first message the page sent after the key press to the last one it received); and
# the messages received and their bytes.
SETTLED_JS = """
(quiet) => {
  const state = window.__bench;
  const app = document.querySelector("[data-testid='stApp']");
  if (state.last === null || app.getAttribute("data-test-script-state") !== "notRunning"
      || performance.now() - state.last <= quiet)
    return false;
  const sent = window.__socket.sent.filter((time) => time >= state.start);
  const received = window.__socket.received.filter(([time]) => time >= state.start);
  if (!sent.length || !received.length) return false;
  return [state.first - state.start, state.last - state.start,
          received[received.length - 1][0] - sent[0], received.length,
          received.reduce((total, [, size]) => total + size, 0)];
}
"""


@dataclass
class Step:
    """One slider step: first and last change of the chart after the key press, the server's
    turn (request sent to last message received), and the messages received."""

    first_ms: float
    last_ms: float
    server_ms: float
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
    plot: str
    direction: str = "ArrowRight"

    @classmethod
    def open(cls, browser: Browser, url: str, slider: str, chart: str) -> SliderPage:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.add_init_script(SOCKET_JS)
        page.goto(url)
        page.wait_for_function(READY_JS, polling="raf", timeout=TIMEOUT_MS)
        if not page.locator(chart).count():
            raise RuntimeError(f"no chart {chart!r} on {url}")
        plot = f"{chart} :is({CHARTS})"  # the plot, not the stale-run fading
        return cls(page, f"{slider} input[type='range']", plot)

    def step(self) -> Step:
        """Press an arrow key on the slider and wait until the chart has settled."""
        self.page.evaluate(WATCH_JS, self.plot)
        self.page.locator(self.slider).focus()
        self.page.keyboard.press(self.direction)
        first, last, server, frames, size = self.page.wait_for_function(
            SETTLED_JS, arg=QUIET_MS, polling=50, timeout=TIMEOUT_MS
        ).json_value()
        # Steps go up and down in turn, so the value stays in the slider's range.
        self.direction = "ArrowLeft" if self.direction == "ArrowRight" else "ArrowRight"
        return Step(first, last, server, int(frames), int(size))

    def close(self) -> None:
        self.page.close()

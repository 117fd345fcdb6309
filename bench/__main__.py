"""Benchmarks, each against the floor app in the same run; writes bench/RESULTS.md.

Run with `make bench`. Measures: loading the data package; server time to render each page
(AppTest); in headless Chromium, cold start to first chart, page switch, slider change to
updated chart; warm chart export; the server's peak memory; and 8 sessions moving sliders at
once. Timings are medians of repeated runs on this machine.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import plotly.graph_objects as go
from playwright.async_api import Browser as AsyncBrowser
from playwright.async_api import async_playwright
from playwright.sync_api import Browser, Page, sync_playwright

from ca_trade.data import load_trade_data
from ca_trade.export import ImageRenderer
from ca_trade.paths import PROJECT_ROOT
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server
from tests.ui.apptest import open_page

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
APP_PAGES = ["/", "/flows", "/projects", "/scenario"]
PAGE_FILES = ["overview.py", "flows.py", "projects.py", "scenario.py"]
SLIDER_PAGE = "/scenario"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CHART = ".js-plotly-plot .main-svg"
# Both the app and the floor app key their growth slider "growth".
SLIDER = ".st-key-growth input[type='range']"
REPEATS = 5
LOAD_SESSIONS = 8
LOAD_MOVES = 5


@dataclass
class Row:
    """One line of the results table."""

    measure: str
    app_ms: float | None
    floor_ms: float | None = None
    target: str = ""

    def ratio(self) -> str:
        if self.app_ms is None or not self.floor_ms:
            return ""
        return f"{self.app_ms / self.floor_ms:.2f}x"


def median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    """Return the median wall time of `action`, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def wait_idle(page: Page) -> None:
    """Wait until the script run has finished and a chart is drawn."""
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_selector(CHART, timeout=60_000)


def cold_start_ms(browser: Browser, app: Path) -> float:
    """Start a server and load its first page until a chart is visible (ms, one run)."""
    start = time.perf_counter()
    server = start_server(app=app)
    page = browser.new_page()
    page.goto(server.url)
    wait_idle(page)
    elapsed = (time.perf_counter() - start) * 1000
    page.close()
    stop_server(server)
    return elapsed


def page_ready_ms(browser: Browser, url: str) -> float:
    """Median time to open `url` in a fresh tab until its chart is drawn (ms)."""

    def open_page() -> None:
        page = browser.new_page()
        page.goto(url)
        wait_idle(page)
        page.close()

    return median_ms(open_page)


def slider_update_ms(page: Page) -> float:
    """Median time from a keyboard step of the first slider to the redrawn chart (ms)."""
    thumb = page.locator(SLIDER)

    def step() -> None:
        before = page.locator(CHART).first.inner_html()
        thumb.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([sel, before]) => document.querySelector(sel) && document.querySelector(sel).innerHTML !== before",
            arg=[CHART, before],
            timeout=30_000,
        )
        page.wait_for_selector(IDLE, timeout=30_000)

    return median_ms(step)


def peak_memory_mb(pid: int) -> float:
    """Return the peak resident memory of a process and its children (MB, from /proc)."""
    total_kb = 0
    pids = [
        pid,
        *map(
            int,
            subprocess.run(
                ["pgrep", "-P", str(pid)], capture_output=True, text=True
            ).stdout.split(),
        ),
    ]
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


async def _session_latencies(browser: AsyncBrowser, url: str) -> list[float]:
    """One session: open the page, then step the slider LOAD_MOVES times; return each latency (ms)."""
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url)
    await page.wait_for_selector(IDLE, timeout=120_000)
    await page.wait_for_selector(CHART, timeout=120_000)
    latencies = []
    for _ in range(LOAD_MOVES):
        before = await page.locator(CHART).first.inner_html()
        start = time.perf_counter()
        await page.locator(SLIDER).focus()
        await page.keyboard.press("ArrowRight")
        await page.wait_for_function(
            "([sel, before]) => document.querySelector(sel) && document.querySelector(sel).innerHTML !== before",
            arg=[CHART, before],
            timeout=120_000,
        )
        await page.wait_for_selector(IDLE, timeout=120_000)
        latencies.append((time.perf_counter() - start) * 1000)
    if await page.locator("[data-testid='stException']").count():
        raise RuntimeError("exception on the page")
    await context.close()
    return latencies


def load_test(url: str) -> tuple[int, float, float]:
    """Sessions moving sliders at once; return (errors, median ms, 95th percentile ms)."""

    async def run() -> list[list[float] | BaseException]:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            results = await asyncio.gather(
                *(_session_latencies(browser, url) for _ in range(LOAD_SESSIONS)),
                return_exceptions=True,
            )
            await browser.close()
            return results

    # Playwright's sync API holds this thread's event loop: run the async sessions on another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = pool.submit(asyncio.run, run()).result()
    latencies = sorted(v for r in results if isinstance(r, list) for v in r)
    errors = sum(isinstance(r, BaseException) for r in results)
    if not latencies:
        return errors, float("nan"), float("nan")
    return errors, statistics.median(latencies), latencies[int(0.95 * (len(latencies) - 1))]


def concurrent_exports_correct() -> tuple[int, int]:
    """Render distinct charts from 8 threads at once; return (right images, total)."""
    renderer = ImageRenderer()
    titles = [f"session {n}" for n in range(LOAD_SESSIONS)]
    figures = [
        go.Figure(go.Bar(x=["a"], y=[n + 1]), layout={"title": {"text": t}})
        for n, t in enumerate(titles)
    ]
    with ThreadPoolExecutor(max_workers=LOAD_SESSIONS) as pool:
        images = list(pool.map(lambda f: renderer.render(f, "svg", 400, 300), figures))
    right = sum(title.encode() in image for title, image in zip(titles, images, strict=True))
    return right, len(titles)


def export_ms() -> float:
    """Median warm PNG export of a typical line chart (ms), after one warm-up render."""
    renderer = ImageRenderer()
    figure = go.Figure(go.Scatter(x=list(range(2018, 2041)), y=list(range(23))))
    renderer.render(figure, "png")
    return median_ms(lambda: renderer.render(figure, "png"))


def server_render_ms(page_file: str) -> float:
    """Median server time to run a page script once, in the same process (AppTest, ms)."""
    at = open_page(page_file)

    def rerun() -> None:
        at.run()

    return median_ms(rerun)


def data_load_ms() -> float:
    """Median time to load and validate the whole data package (ms)."""
    return median_ms(load_trade_data, repeats=20)


def machine() -> str:
    """Describe this machine in one line."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory_gb:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    """Run every benchmark and write bench/RESULTS.md."""
    rows: list[Row] = [Row("load and validate the data package", data_load_ms())]
    rows.extend(
        Row(f"server re-run of {name} (AppTest)", server_render_ms(name)) for name in PAGE_FILES
    )
    rows.append(Row("warm PNG export (1200x700 px at 2x)", export_ms(), target="< 500 ms"))
    right, total = concurrent_exports_correct()
    rows.append(
        Row(f"concurrent exports from {total} threads: {right} of {total} images right", None)
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        floor_app = BENCH_DIR / "floor_app.py"
        rows.append(
            Row(
                "cold start to first chart",
                cold_start_ms(browser, PROJECT_ROOT / "app.py"),
                cold_start_ms(browser, floor_app),
            )
        )
        app = start_server()
        floor = start_server(app=floor_app)
        try:
            floor_ready = page_ready_ms(browser, floor.url)
            for path in APP_PAGES:
                rows.append(
                    Row(
                        f"page ready: {path}",
                        page_ready_ms(browser, app.url + path),
                        floor_ready,
                        "< 1.5x floor",
                    )
                )
            app_page = browser.new_page()
            app_page.goto(app.url + SLIDER_PAGE)
            wait_idle(app_page)
            floor_page = browser.new_page()
            floor_page.goto(floor.url)
            wait_idle(floor_page)
            rows.append(
                Row(
                    "slider change to updated chart",
                    slider_update_ms(app_page),
                    slider_update_ms(floor_page),
                    "< 1.3x floor",
                )
            )
            errors, load_median, load_p95 = load_test(app.url + SLIDER_PAGE)
            rows.append(
                Row(
                    f"slider update, {LOAD_SESSIONS} sessions at once: median ({errors} errors)",
                    load_median,
                )
            )
            rows.append(
                Row(f"slider update, {LOAD_SESSIONS} sessions at once: 95th percentile", load_p95)
            )
            app_memory = peak_memory_mb(app.process.pid)
            floor_memory = peak_memory_mb(floor.process.pid)
        finally:
            stop_server(app)
            stop_server(floor)
        browser.close()
    write_results(rows, app_memory, floor_memory)
    print(RESULTS.read_text())


def write_results(rows: list[Row], app_memory: float, floor_memory: float) -> None:
    """Write the results table with the machine's description."""

    def cell(value: float | None) -> str:
        return "" if value is None else f"{value:,.0f}"

    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}.",
        "Medians of repeated runs; the floor app (`bench/floor_app.py`) is a bare Streamlit page",
        "with one slider and one plotly chart, run in the same session. `make bench` rewrites this file.",
        "",
        "| measure | app (ms) | floor (ms) | ratio | target |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {r.measure} | {cell(r.app_ms)} | {cell(r.floor_ms)} | {r.ratio()} | {r.target} |"
            for r in rows
        ),
        f"| peak server memory (MB) | {app_memory:,.0f} | {floor_memory:,.0f} | "
        f"{app_memory / floor_memory:.2f}x | < 400 MB |",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()

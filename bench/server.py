"""Measurements on the server side: script re-runs (AppTest, and timed in a running server)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from ca_trade.data import load_trade_data
from ca_trade.export import ImageRenderer
from ca_trade.paths import PROJECT_ROOT
from deploy.serve import free_port, stop, wait_for_ok
from tests.ui.apptest import TIMEOUT_S, open_page

GROWTH_KEY = "growth"


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """Return the median wall time of `action`, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _raise_on_exception(at: AppTest) -> None:
    if at.exception:
        raise RuntimeError(f"the script raised: {at.exception[0].message}")


def growth_rerun_ms(at: AppTest, repeats: int) -> float:
    """Median time of the re-run that follows a one-step change of the growth slider (ms).

    The value goes up and down by one step in turn, so each run is a real change.
    """
    slider = at.slider(key=GROWTH_KEY)
    low, step, top = (float(str(v)) for v in (slider.value, slider.step, slider.max))
    high = low + step if low + step <= top else low - step
    times = []
    for n in range(repeats):
        at.slider(key=GROWTH_KEY).set_value(high if n % 2 == 0 else low)
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        _raise_on_exception(at)
    return statistics.median(times)


def app_growth_rerun_ms(repeats: int) -> float:
    """Re-run of the app on /scenario after a growth step (ms)."""
    at = open_page("scenario.py")
    _raise_on_exception(at)
    at.run()  # a second run, so caches filled on the first visit are warm
    return growth_rerun_ms(at, repeats)


def floor_growth_rerun_ms(floor_app: Path, repeats: int) -> float:
    """Re-run of the floor app after a growth step (ms)."""
    at = AppTest.from_file(str(floor_app), default_timeout=TIMEOUT_S).run()
    _raise_on_exception(at)
    return growth_rerun_ms(at, repeats)


def page_rerun_ms(page_file: str, repeats: int) -> float:
    """Median time of a re-run of a page with nothing changed (ms, warm caches)."""
    at = open_page(page_file)
    _raise_on_exception(at)
    return median_ms(at.run, repeats)


def data_load_ms(repeats: int) -> float:
    """Median time to load and validate the whole data package, uncached (ms)."""
    return median_ms(load_trade_data, repeats)


def export_ms(repeats: int) -> float:
    """Median warm PNG export of a typical line chart (ms), after one warm-up render."""
    renderer = ImageRenderer()
    figure = go.Figure(go.Scatter(x=list(range(2018, 2041)), y=list(range(23))))
    renderer.render(figure, "png")
    return median_ms(lambda: renderer.render(figure, "png"), repeats)


@dataclass
class TimedServer:
    """A `streamlit run` process (bench.timed_server) that logs how long each script run takes."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def runs(self) -> list[tuple[float, float]]:
        """Every run so far as (wall, CPU) milliseconds, oldest first."""
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [(float(wall), float(cpu)) for wall, cpu, _ in (line.split("\t") for line in lines)]


def start_timed_server(app: Path, log_dir: Path) -> TimedServer:
    """Start `app` on a free port and wait until its health endpoint answers `ok`."""
    port = free_port()
    log = log_dir / f"runs-{port}.tsv"
    command = [
        sys.executable, "-m", "bench.timed_server", str(app),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env={**os.environ, "BENCH_RUN_LOG": str(log)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_ok(f"{url}/_stcore/health")
    except TimeoutError:
        stop(process)
        raise
    return TimedServer(url, process, log)

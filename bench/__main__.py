"""Benchmarks of the dashboard against the floor app, started in the same run.

`make bench` (or `python -m bench`) runs every group and prints the table; `--only scenario`
(`make bench ONLY=scenario`) runs some groups; `--record before` (`make bench RECORD=before`) also
writes the table into bench/RESULTS.md under "Speed: before", replacing an older one of that name.

Groups:
- scenario: one step of the growth slider on /scenario until the projection chart's DOM has not
  changed for a quiet window, against the floor app's slider and chart (headless Chromium);
- ready: every page opened by a new visitor until every chart is drawn and no skeleton or spinner
  is left, against the floor app; and the servers' peak memory;
- server: the server's re-run after a growth change (AppTest, in this process), against the floor
  app; a re-run of each page; loading the data package;
- export: a warm PNG export of a chart.

The floor app (bench/floor_app.py) is a bare Streamlit page with one slider and one plotly chart.
A reference without a target, bench/floor_controls_app.py, is the floor's slider and chart in a
fragment on a page with as many controls of each kind as /scenario (none of them used): what
Streamlit spends on a page of that size before the dashboard does any work.
The machine is shared, so app and floor are measured in turn, and the ratio within a run is what
counts; every time is a median of repeated measurements.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench import browser as chromium
from bench import server
from ca_trade.paths import PROJECT_ROOT
from deploy.serve import stop
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
FLOOR_APP = BENCH_DIR / "floor_app.py"
CONTROLS_APP = BENCH_DIR / "floor_controls_app.py"
GROUPS = ("scenario", "ready", "server", "export")
APP_PAGES = ("/", "/flows", "/scenario", "/projects")
PAGE_FILES = ("overview.py", "flows.py", "scenario.py", "projects.py")
# The growth slider and the projection chart on /scenario, and their twins in the floor app.
APP_SLIDER, APP_CHART = ".st-key-growth", ".st-key-scenario_projection"
FLOOR_SLIDER, FLOOR_CHART = ".st-key-growth", ".st-key-chart"
SECTION = "## Speed: "
CONTROLS = "the floor page with /scenario's controls"


@dataclass
class Repeats:
    """How many times each measurement is repeated (the median is reported)."""

    steps: int = 11
    visits: int = 5
    reruns: int = 15

    @classmethod
    def all(cls, n: int) -> Repeats:
        return cls(n, n, n)


@dataclass
class Row:
    """One line of the results table; `limit` is a ratio to the floor, or a time if `absolute`."""

    measure: str
    app: float
    floor: float | None = None
    unit: str = "ms"
    limit: float | None = None
    absolute: bool = False

    def ratio(self) -> float | None:
        return self.app / self.floor if self.floor else None

    def target(self) -> str:
        if self.limit is None:
            return ""
        return f"< {self.limit:g} {self.unit}" if self.absolute else f"≤ {self.limit}x floor"

    def verdict(self) -> str:
        if self.limit is None:
            return ""
        value = self.app if self.absolute else self.ratio()
        return "met" if value is not None and value <= self.limit else "MISSED"


def scenario_rows(browser: Browser, servers: Servers, repeats: Repeats) -> list[Row]:
    """Growth slider step to the projection chart's last change: app, floor and the floor page
    with /scenario's controls in turn."""
    app, floor = servers.app, servers.floor
    app_page = chromium.SliderPage.open(browser, app.url + "/scenario", APP_SLIDER, APP_CHART)
    floor_page = chromium.SliderPage.open(browser, floor.url, FLOOR_SLIDER, FLOOR_CHART)
    controls_page = chromium.SliderPage.open(
        browser, servers.controls.url, FLOOR_SLIDER, FLOOR_CHART
    )
    pages = (app_page, floor_page, controls_page)
    for page in pages:  # one unmeasured step each: the first one fills caches
        page.step()
    app_steps: list[chromium.Step] = []
    floor_steps: list[chromium.Step] = []
    controls_steps: list[chromium.Step] = []
    app_runs: list[tuple[float, float]] = []
    floor_runs: list[tuple[float, float]] = []
    for _ in range(repeats.steps):
        for page, timed, steps, runs in (
            (app_page, app, app_steps, app_runs),
            (floor_page, floor, floor_steps, floor_runs),
        ):
            before = len(timed.runs())
            steps.append(page.step())
            new_runs = timed.runs()[before:]
            runs.append((sum(w for w, _ in new_runs), sum(c for _, c in new_runs)))
        controls_steps.append(controls_page.step())
    for page in pages:
        page.close()

    def median(steps: list[chromium.Step], field: str) -> float:
        return float(statistics.median(getattr(step, field) for step in steps))

    return [
        Row(
            "growth step on /scenario → projection chart's last change",
            median(app_steps, "last_ms"),
            median(floor_steps, "last_ms"),
            limit=1.5,
        ),
        Row(
            "reference: growth step on the floor page with /scenario's controls → chart's last "
            "change",
            median(controls_steps, "last_ms"),
            median(floor_steps, "last_ms"),
        ),
        Row(
            "growth step on /scenario → projection chart's first change",
            median(app_steps, "first_ms"),
            median(floor_steps, "first_ms"),
        ),
        *(
            Row(
                f"growth step: the server's run, {what}",
                statistics.median(run[n] for run in app_runs),
                statistics.median(run[n] for run in floor_runs),
                limit=50,
                absolute=True,
            )
            for n, what in enumerate(
                ("wall time (timed in the server)", "CPU time of the script thread")
            )
        ),
        Row(
            "growth step: server's turn, request sent → last message received",
            median(app_steps, "server_ms"),
            median(floor_steps, "server_ms"),
        ),
        Row(
            "growth step: websocket frames from the server",
            median(app_steps, "frames"),
            median(floor_steps, "frames"),
            unit="frames",
        ),
        Row(
            "growth step: websocket bytes from the server",
            median(app_steps, "size") / 1000,
            median(floor_steps, "size") / 1000,
            unit="kB",
        ),
    ]


def ready_rows(browser: Browser, servers: Servers, repeats: Repeats) -> list[Row]:
    """Page ready for a new visitor on every page and on the floor apps, visited in turn."""
    app, floor = servers.app, servers.floor
    urls = {
        "floor": floor.url,
        **{path: app.url + path for path in APP_PAGES},
        CONTROLS: servers.controls.url,
    }
    for url in urls.values():  # one unmeasured visit each: the servers' caches fill
        chromium.page_ready_ms(browser, url)
    times: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(repeats.visits):
        for name, url in urls.items():
            times[name].append(chromium.page_ready_ms(browser, url))
    floor_ms = statistics.median(times.pop("floor"))
    controls_ms = statistics.median(times.pop(CONTROLS))
    rows = [
        Row(f"page ready: {path}", statistics.median(values), floor_ms, limit=1.3)
        for path, values in times.items()
    ]
    rows.append(Row(f"reference: page ready, {CONTROLS}", controls_ms, floor_ms))
    rows.append(
        Row(
            "peak server memory",
            peak_memory_mb(app.process.pid),
            peak_memory_mb(floor.process.pid),
            unit="MB",
        )
    )
    return rows


def server_rows(repeats: Repeats) -> list[Row]:
    """The server's re-run after a growth change, page re-runs, and loading the data."""
    rows = [
        Row(
            "server re-run of the whole app after a growth step (AppTest, no fragments)",
            server.app_growth_rerun_ms(repeats.reruns),
            server.floor_growth_rerun_ms(FLOOR_APP, repeats.reruns),
        )
    ]
    rows.extend(
        Row(f"server re-run of {name}, nothing changed (AppTest)", server.page_rerun_ms(name, 5))
        for name in PAGE_FILES
    )
    rows.append(Row("load and validate the data package", server.data_load_ms(repeats.reruns)))
    return rows


def peak_memory_mb(pid: int) -> float:
    """Return the peak resident memory of a process (MB, from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


@dataclass
class Servers:
    """The app, the floor app and the floor page with /scenario's controls."""

    app: server.TimedServer
    floor: server.TimedServer
    controls: server.TimedServer


@contextmanager
def started_servers() -> Iterator[Servers]:
    """The app and the floor apps, each a `streamlit run` process that times its script runs."""
    with tempfile.TemporaryDirectory(prefix="bench-") as logs, ExitStack() as running:
        started = []
        for script in (PROJECT_ROOT / "app.py", FLOOR_APP, CONTROLS_APP):
            started.append(server.start_timed_server(script, Path(logs)))
            running.callback(stop, started[-1].process)
        yield Servers(*started)


def run(groups: list[str], repeats: Repeats) -> list[Row]:
    """Run the chosen groups and return their rows."""
    rows: list[Row] = []
    if "server" in groups:
        rows.extend(server_rows(repeats))
    if "scenario" in groups or "ready" in groups:
        with sync_playwright() as playwright, started_servers() as servers:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            if "scenario" in groups:
                rows.extend(scenario_rows(browser, servers, repeats))
            if "ready" in groups:
                rows.extend(ready_rows(browser, servers, repeats))
            browser.close()
    if "export" in groups:
        rows.append(
            Row(
                "warm PNG export (1200x700 px at 2x)",
                server.export_ms(repeats.reruns),
                limit=500,
                absolute=True,
            )
        )
    return rows


def table(rows: list[Row]) -> list[str]:
    """The rows as a Markdown table."""

    def cell(value: float | None, unit: str) -> str:
        if value is None:
            return ""
        return f"{value:,.1f} {unit}" if unit == "kB" else f"{value:,.0f} {unit}"

    lines = ["| measure | app | floor | ratio | target | |", "|---|---:|---:|---:|---|---|"]
    for row in rows:
        ratio = row.ratio()
        lines.append(
            f"| {row.measure} | {cell(row.app, row.unit)} | {cell(row.floor, row.unit)} "
            f"| {'' if ratio is None else f'{ratio:.2f}x'} | {row.target()} | {row.verdict()} |"
        )
    return lines


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
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_gb:.0f} GiB, load average {load:.1f} at the "
        f"start, Python {platform.python_version()}, {platform.system()}"
    )


def commit() -> str:
    """The commit measured, marked when the work tree has changes."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()

    dirty = " with local changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return git("rev-parse", "--short", "HEAD") + dirty


def record(label: str, section: list[str]) -> None:
    """Write `section` into RESULTS.md as "Speed: <label>", replacing one of that name.

    A new section goes after the last "Speed" section; other sections are kept as they are.
    """
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    parts = re.split(r"(?m)^(?=## )", text)
    body = "\n".join(section) + "\n\n"
    heading = f"{SECTION}{label}\n"
    if any(part.startswith(heading) for part in parts):
        parts = [body if part.startswith(heading) else part for part in parts]
    else:
        speed = [n for n, part in enumerate(parts) if part.startswith(SECTION)]
        parts.insert(speed[-1] + 1 if speed else len(parts), body)
    RESULTS.write_text("".join(parts).rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only", default="", help=f"comma-separated groups among {', '.join(GROUPS)}"
    )
    parser.add_argument("--repeats", type=int, help="repetitions of every measurement")
    parser.add_argument("--record", metavar="LABEL", help="write the table into RESULTS.md")
    options = parser.parse_args()
    groups = [g.strip() for g in options.only.split(",") if g.strip()] or list(GROUPS)
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose among {', '.join(GROUPS)}")
    repeats = Repeats.all(options.repeats) if options.repeats else Repeats()
    started = datetime.now(UTC)
    about = f"commit {commit()}, {machine()}"
    rows = run(groups, repeats)
    section = [
        f"{SECTION}{options.record or 'this run'}",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC on {about}; groups: {', '.join(groups)}; "
        f"medians of {repeats.steps} slider steps, {repeats.visits} visits per page, "
        f"{repeats.reruns} re-runs; load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        *table(rows),
    ]
    print("\n".join(section))
    if options.record:
        record(options.record, section)


if __name__ == "__main__":
    main()

"""Slider latency in one session while another fires a burst of image and PDF exports.

Usage: `python -m bench.export_burst [--url URL] [--requests 50] [--moves 15]`; without
`--url` it starts the app on a free port. One tab opens /scenario and collects the deferred
PNG, SVG, PDF and report downloads; after one warm-up export it asks for `--requests` of them at
once, as that many clicks would. Meanwhile a second tab moves the growth slider and times each
rerun, as it did before the burst (the baseline). Prints the latencies and how the exports
ended (made, or refused as busy).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from deploy.serve import free_port, stop, wait_for_ok
from loadtest.protocol import (
    SUBPROTOCOLS,
    next_slider_value,
    origin,
    read_update,
    rerun_request,
    websocket_url,
)
from loadtest.session import Tab

ROOT = Path(__file__).resolve().parents[1]
IMAGE_LABELS = {"PNG", "SVG", "PDF", "Report (PDF)"}
TIMEOUT_S = 120.0


@contextmanager
def app_server() -> Iterator[str]:
    """Run the app on a free port; yield its base URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = Path(os.environ.get("BURST_SERVER_LOG", os.devnull)).open("wb")  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_ok(f"{url}/_stcore/health")
        yield url
    finally:
        stop(process)
        log.close()


async def connect_tab(base_url: str) -> Tab:
    """Open a websocket to the app as a browser tab does, without running a page."""
    socket = await connect(
        websocket_url(base_url),
        subprotocols=[*SUBPROTOCOLS],  # type: ignore[list-item]
        additional_headers={"Origin": origin(base_url)},
        max_size=None,
    )
    return Tab(socket, TIMEOUT_S)


async def open_tab(base_url: str, page: str) -> Tab:
    tab = await connect_tab(base_url)
    await tab.run(rerun_request(page_name=page))
    return tab


async def deferred_downloads(
    base_url: str, labels: set[str]
) -> tuple[Tab, str, list[tuple[str, str]]]:
    """Open /scenario; return the tab, its session id and (label, deferred file id) of every
    download with one of `labels`."""
    tab = await connect_tab(base_url)
    socket = tab.socket
    found: list[tuple[str, str]] = []
    session_id = ""
    await socket.send(rerun_request(page_name="scenario"))
    async with asyncio.timeout(TIMEOUT_S):
        while True:
            raw = await socket.recv()
            if isinstance(raw, str):
                continue
            message = ForwardMsg()
            message.ParseFromString(raw)
            if message.WhichOneof("type") == "new_session":
                session_id = message.new_session.initialize.session_id
            if message.WhichOneof("type") == "delta":
                element = message.delta.new_element
                if element.WhichOneof("type") == "download_button":
                    button = element.download_button
                    if button.deferred_file_id and button.label in labels:
                        found.append((button.label, button.deferred_file_id))
            if read_update(raw, tab.state).finished:
                return tab, session_id, found


async def request_files(tab: Tab, session_id: str, file_ids: list[str]) -> list[tuple[str, float]]:
    """Ask for every file at once; return (outcome, seconds) per request as answers arrive."""
    started = time.monotonic()
    pending: dict[str, int] = {}
    for number, file_id in enumerate(file_ids):
        message = BackMsg()
        message.backend_operation_request.request_id = f"burst-{number}"
        message.backend_operation_request.session_id = session_id
        message.backend_operation_request.deferred_file.file_id = file_id
        pending[f"burst-{number}"] = number
        await tab.socket.send(message.SerializeToString())
    outcomes: list[tuple[str, float]] = []
    async with asyncio.timeout(TIMEOUT_S):
        while pending:
            raw = await tab.socket.recv()
            if isinstance(raw, str):
                continue
            message = ForwardMsg()
            message.ParseFromString(raw)
            if message.WhichOneof("type") != "backend_operation_response":
                continue
            response = message.backend_operation_response
            if pending.pop(response.request_id, None) is None:
                continue
            outcome = "made" if response.HasField("deferred_file") else response.error_msg
            outcomes.append((outcome, time.monotonic() - started))
    return outcomes


async def slider_latencies(
    tab: Tab, moves: int, rng: random.Random, stop: asyncio.Event | None
) -> list[float]:
    """Move the growth slider `moves` times (or until `stop`), timing each rerun in seconds."""
    slider = tab.state.sliders["growth"]
    values: dict[str, float] = {}
    latencies: list[float] = []
    for _ in range(moves):
        if stop is not None and stop.is_set():
            break
        value = next_slider_value(slider, values.get(slider.widget_id, slider.default), rng)
        values[slider.widget_id] = value
        request = rerun_request(
            page_hash=tab.state.page_hash,
            query_string=tab.state.query_string,
            widget_values=values,
            cached_hashes=tab.state.cached_hashes,
        )
        started = time.monotonic()
        await tab.run(request)
        latencies.append(time.monotonic() - started)
        await asyncio.sleep(0.2)
    return latencies


def summary(name: str, seconds: list[float]) -> str:
    if not seconds:
        return f"{name}: no samples"
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"{name}: n={len(seconds)} median={statistics.median(seconds) * 1000:.0f} ms "
        f"p95={p95 * 1000:.0f} ms max={ordered[-1] * 1000:.0f} ms"
    )


async def measure(base_url: str, requests: int, moves: int) -> None:
    rng = random.Random(0)
    burster, session_id, downloads = await deferred_downloads(base_url, IMAGE_LABELS)
    other, other_session, html = await deferred_downloads(base_url, {"HTML (interactive)"})
    if not downloads:
        raise SystemExit("no image downloads on /scenario (is Chromium installed?)")
    print(
        f"image downloads on /scenario: {len(downloads)} ({', '.join(sorted({d[0] for d in downloads}))})"
    )
    warm = time.monotonic()
    first = next(file_id for label, file_id in downloads if label == "PNG")
    print(
        f"warm-up export (starts the renderer): {await request_files(burster, session_id, [first])}, {time.monotonic() - warm:.1f} s"
    )
    mover = await open_tab(base_url, "scenario")
    print(summary("slider, idle", await slider_latencies(mover, moves, rng, None)))
    ids = [file_id for _, file_id in itertools.islice(itertools.cycle(downloads), requests)]
    stop = asyncio.Event()

    async def burst() -> list[tuple[str, float]]:
        try:
            return await request_files(burster, session_id, ids)
        finally:
            stop.set()

    async def other_downloads() -> list[float]:
        """Another user's HTML downloads (no Chromium needed), one a second during the burst."""
        seconds: list[float] = []
        while not stop.is_set():
            seconds.append((await request_files(other, other_session, [html[0][1]]))[0][1])
            await asyncio.sleep(1)
        return seconds

    outcomes, during, html_during = await asyncio.gather(
        burst(), slider_latencies(mover, 1000, rng, stop), other_downloads()
    )
    made = [s for outcome, s in outcomes if outcome == "made"]
    refused = [s for outcome, s in outcomes if outcome != "made"]
    print("answers:", sorted({outcome for outcome, _ in outcomes}))
    print(f"burst of {requests}: made {len(made)}, refused as busy {len(refused)}")
    print(summary("  made, time to answer", made))
    print(summary("  refused, time to answer", refused))
    print(summary("slider, during the burst", during))
    print(summary("another user's HTML download, during the burst", html_during))
    print(summary("slider, after", await slider_latencies(mover, moves, rng, None)))
    await burster.socket.close()
    await mover.socket.close()
    await other.socket.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", help="a running app; default: start one on a free port")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--moves", type=int, default=15)
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    if args.url:
        asyncio.run(measure(args.url, args.requests, args.moves))
    else:
        with app_server() as url:
            asyncio.run(measure(url, args.requests, args.moves))


if __name__ == "__main__":
    main()

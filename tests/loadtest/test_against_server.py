"""The load generator against the real app: a short run on loopback, every action succeeds."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator

import pytest
from websockets.asyncio.client import connect

from deploy.serve import free_port
from loadtest.__main__ import main
from loadtest.protocol import SUBPROTOCOLS, PageState, rerun_request, websocket_url
from loadtest.server import start_app, wait_healthy
from loadtest.session import LoadConfig, Tab, fetch_cookies, run_load


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    port = free_port()
    process = start_app(port)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_moved_slider_reaches_the_server(app_url: str) -> None:
    async def move() -> tuple[PageState, list[str], list[str]]:
        fetch_cookies(f"{app_url}/scenario", timeout=10)
        async with connect(
            websocket_url(app_url),
            subprotocols=[*SUBPROTOCOLS],  # type: ignore[list-item]
            max_size=None,
        ) as socket:
            tab = Tab(socket, timeout=60)
            await tab.run(rerun_request(page_name="scenario"))
            growth = tab.state.sliders["growth"]
            before = list(tab.state.drawn)
            await tab.run(
                rerun_request(
                    page_hash=tab.state.page_hash,
                    widget_values={growth.widget_id: 7.5},
                    cached_hashes=tab.state.cached_hashes,
                )
            )
            return tab.state, before, list(tab.state.drawn)

    state, before, after = asyncio.run(move())
    assert set(state.page_hashes) == {"", "flows", "scenario", "projects"}
    assert state.page_hash == state.page_hashes["scenario"]
    # The page drawn at 7.5 % growth differs from the one at the default, in some elements only.
    assert len(before) > 20
    assert len(after) > 20
    assert before != after
    assert len(set(before) & set(after)) > len(before) // 2


def test_a_short_run_has_no_errors(app_url: str) -> None:
    config = LoadConfig(
        base_url=app_url,
        users=2,
        ramp_seconds=1,
        duration_seconds=600,  # a bound only: each user makes one visit and leaves
        think_seconds=(0.2, 0.5),
        moves=3,
        timeout_seconds=60,
        visits=1,
    )
    samples = asyncio.run(run_load(config))
    errors = [sample.error for sample in samples if sample.error]
    assert errors == []
    assert (
        sorted(sample.action for sample in samples) == ["load"] * 2 + ["page"] * 2 + ["slider"] * 6
    )
    assert all(0 < sample.seconds < 60 for sample in samples)


def test_the_command_line_refuses_a_remote_target(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--url", "http://192.0.2.10:8501"])
    assert stopped.value.code == 2
    assert "loopback" in capsys.readouterr().err


def test_the_command_line_prints_percentiles(app_url: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "loadtest", "--url", app_url, "--users", "1", "--duration", "600", "--visits", "1",
         "--ramp", "0", "--think", "0.2", "0.4", "--moves", "2"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "| slider |" in completed.stdout
    assert "p95 (ms)" in completed.stdout

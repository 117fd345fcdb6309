"""Two replicas behind nginx (`make serve REPLICAS=2`) in Chromium: pages, slider, downloads,
sticky sessions, and what happens when one replica stops."""

from __future__ import annotations

import json
import re
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from deploy.serve import Topology, free_port, serving, stop
from tests.browser.conftest import (
    Visit,
    open_visit,
    step_growth_up,
    wait_until_drawn,
)

ROUTE_COOKIE = "ca_route"


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    """nginx on a free loopback port in front of two Streamlit processes, for the module: its
    last test stops one of them."""
    with serving(replicas=2, port=free_port(), run_dir=tmp_path_factory.mktemp("nginx")) as running:
        yield running


def new_visitor(browser: Browser) -> Visit:
    """A page in a context of its own: a new visitor to nginx, without its route cookie."""
    return open_visit(browser.new_context(accept_downloads=True))


def route_of(page: Page) -> str:
    """The route cookie nginx gave this browser."""
    [route] = [c["value"] for c in page.context.cookies() if c["name"] == ROUTE_COOKIE]
    return route


def upstreams_of(topology: Topology, route: str) -> dict[str, set[str]]:
    """Which replica (host:port) served each request path of one browser, from nginx's log."""
    served: dict[str, set[str]] = {}
    for line in topology.access_log().splitlines():
        if f"route={route} " in line:
            path = line.split('"')[1].split()[1].split("?")[0]
            upstream = line.split("upstream=")[1].split()[0]
            served.setdefault(path, set()).add(upstream)
    return served


def wait_for_log(topology: Topology, route: str, path: str) -> dict[str, set[str]]:
    """Wait (up to 10 s) until nginx has logged `path` for this browser; return its log."""
    deadline = time.monotonic() + 10
    while path not in (served := upstreams_of(topology, route)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path in served, served
    return served


def parameters_download(page: Page, tmp_path: Path) -> dict[str, object]:
    """Download the scenario's parameters (a file the replica holds in memory) and read them."""
    with page.expect_download(timeout=60_000) as caught:
        page.get_by_role("button", name="Parameters (JSON)", exact=True).first.click()
    target = tmp_path / caught.value.suggested_filename
    caught.value.save_as(target)
    fields: dict[str, object] = json.loads(target.read_text(encoding="utf-8"))
    return fields


def test_through_nginx_a_session_stays_on_one_replica(
    topology: Topology, browser: Browser, tmp_path: Path
) -> None:
    visit = new_visitor(browser)
    page = visit.page
    # Two pages are enough to show navigation keeps the replica; every page's own checks run
    # without nginx in test_every_page.
    for path in ("", "scenario"):
        page.goto(f"{topology.url}/{path}")
        wait_until_drawn(page)
        assert page.locator("[data-testid='stException']").count() == 0, path
    step_growth_up(page)
    fields = parameters_download(page, tmp_path)
    assert fields["growth"] == pytest.approx(0.046)

    assert page.locator("[data-testid='stException']").count() == 0
    assert visit.page_errors == []
    route = route_of(page)
    page.context.close()  # nginx logs the websocket once it closes
    assert visit.outside_requests == [], f"requests left this machine: {visit.outside_requests}"

    served = wait_for_log(topology, route, "/_stcore/stream")
    assert len(set().union(*served.values())) == 1, served  # page, websocket, download: one replica
    assert any(path.startswith("/media/") for path in served), served


def test_nginx_spreads_new_visitors_compresses_and_caches(topology: Topology) -> None:
    for _ in range(16):
        with urllib.request.urlopen(f"{topology.url}/", timeout=10) as reply:
            assert reply.status == 200
            assert re.match(r"ca_route=[0-9a-f]{32};", reply.headers["Set-Cookie"])
    first_visits = [line for line in topology.access_log().splitlines() if '"GET / ' in line]
    replicas = {line.split("upstream=")[1].split()[0] for line in first_visits}
    assert replicas == {f"127.0.0.1:{replica.port}" for replica in topology.replicas}

    basemap = urllib.request.Request(
        f"{topology.url}/app/static/topojson/asia_50m.json", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(basemap, timeout=10) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
        assert reply.headers["Cache-Control"] == "public, max-age=86400"
    too_big = urllib.request.Request(f"{topology.url}/", data=b"x" * (2 * 1024 * 1024))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(too_big, timeout=10)
    refused.value.close()
    assert refused.value.code == 413


# Last in the module (one test process runs a module in file order): it stops a replica of the
# shared topology.
def test_after_a_replica_stops_new_and_reloaded_sessions_work(
    topology: Topology, browser: Browser
) -> None:
    first = new_visitor(browser)
    first.page.goto(f"{topology.url}/scenario")
    wait_until_drawn(first.page)
    [address] = set().union(*upstreams_of(topology, route_of(first.page)).values())
    [its_replica] = [r for r in topology.replicas if address.endswith(f":{r.port}")]
    stop(its_replica.process)

    first.page.reload()
    wait_until_drawn(first.page)
    step_growth_up(first.page)
    assert first.page.locator("[data-testid='stException']").count() == 0

    second = new_visitor(browser)
    second.page.goto(f"{topology.url}/scenario")
    wait_until_drawn(second.page)
    step_growth_up(second.page)
    for visit in (first, second):
        visit.page.context.close()
        assert visit.outside_requests == []

"""Every page in a real browser: loads cleanly, stays on this machine, fits a phone, is accessible."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, expect

from ca_trade.paths import PROJECT_ROOT
from tests.browser.conftest import Server, Visit, open_visit, wait_until_drawn

# Each page and the charts its script sends (tests/ui check which ones).
CHARTS = {"/": 1, "/flows": 5, "/projects": 1, "/scenario": 3}
PAGES = list(CHARTS)
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE_WIDTH_PX = 375


@pytest.fixture(scope="module", params=PAGES)
def desktop(request: pytest.FixtureRequest, server: Server, browser: Browser) -> Iterator[Visit]:
    """One desktop visit per page, drawn, that the desktop checks share."""
    visit = open_visit(browser)
    visit.page.goto(server.url + request.param)
    wait_until_drawn(visit.page)
    yield visit
    visit.page.context.close()
    assert visit.outside_requests == [], f"requests left this machine: {visit.outside_requests}"


def test_page_loads_without_errors_and_draws_every_chart(desktop: Visit) -> None:
    path = urlparse(desktop.page.url).path
    expect(desktop.page.locator(".js-plotly-plot .main-svg >> nth=0")).to_be_visible()
    expect(desktop.page.locator(".js-plotly-plot")).to_have_count(CHARTS[path])
    assert desktop.page.locator("[data-testid='stException']").count() == 0
    assert desktop.page.locator("[data-testid='stAlertContentError']").count() == 0
    assert desktop.page_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone(server: Server, browser: Browser, path: str) -> None:
    phone = open_visit(browser, width=PHONE_WIDTH_PX, height=800)
    try:
        phone.page.goto(server.url + path)
        wait_until_drawn(phone.page)
        overflow = phone.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {PHONE_WIDTH_PX} px"
        assert phone.outside_requests == []
    finally:
        phone.page.context.close()


def test_no_serious_accessibility_violation(desktop: Visit) -> None:
    visit = desktop
    visit.page.add_script_tag(path=str(AXE_SCRIPT))
    results = visit.page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], json.dumps(serious, indent=1)

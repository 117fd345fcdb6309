"""Every page in a real browser: loads cleanly, stays on this machine, fits a phone, is accessible."""

from __future__ import annotations

import json

import pytest

from ca_trade.paths import PROJECT_ROOT
from tests.browser.conftest import Server, Visit, open_visit, wait_until_drawn

PAGES = ["/", "/flows", "/projects", "/scenario"]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE_WIDTH_PX = 375


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors(server: Server, visit: Visit, path: str) -> None:
    visit.page.goto(server.url + path)
    wait_until_drawn(visit.page)
    assert visit.page.locator("[data-testid='stException']").count() == 0
    assert visit.page.locator("[data-testid='stAlertContentError']").count() == 0
    assert visit.page.locator(".js-plotly-plot").count() >= 1, "no chart was drawn"
    assert visit.page_errors == []


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone(server: Server, browser: object, path: str) -> None:
    phone = open_visit(browser, width=PHONE_WIDTH_PX, height=800)  # type: ignore[arg-type]
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


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(server: Server, visit: Visit, path: str) -> None:
    visit.page.goto(server.url + path)
    wait_until_drawn(visit.page)
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

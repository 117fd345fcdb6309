"""Every page in a real browser: loads cleanly, stays on this machine, fits a phone, is accessible,
and draws its overview and flows charts with the margins they set."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import BrowserContext, expect

from ca_trade.paths import PROJECT_ROOT
from tests.browser.conftest import (
    CHARTS,
    PHONE,
    TITLE_GAP_MAX_PX,
    Server,
    Visit,
    assert_drawn_with_the_margins_set,
    open_visit,
    sideways_overflow,
    title_layout,
    wait_until_drawn,
)

PAGES = list(CHARTS)
# On a phone, the overview with a goal chosen and the flows with both sides' reports and the
# sections below the first screen open (six charts).
PHONE_LINKS = {
    "/": ("/?goal=20&target_year=2030", CHARTS["/"]),
    "/flows": ("/flows?year=2023&sides=true&series=true&coverage=true", CHARTS["/flows"] + 3),
    "/projects": ("/projects", CHARTS["/projects"]),
    "/scenario": ("/scenario", CHARTS["/scenario"]),
}
# Pages whose charts set margins that already fit: plotly's automargin draws them once.
MARGINS_FIT = {"/", "/flows", "/scenario"}
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_draws_every_chart_and_is_accessible(
    server: Server, visit: Visit, path: str
) -> None:
    page = visit.page
    page.goto(server.url + path)
    wait_until_drawn(page, CHARTS[path])
    expect(page.locator(".js-plotly-plot")).to_have_count(CHARTS[path])
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("[data-testid='stAlertContentError']").count() == 0
    assert visit.page_errors == []
    if path in MARGINS_FIT:
        assert_drawn_with_the_margins_set(page)
    # The row above the page sits just under the navigation (Streamlit's default left ~90 px).
    header = page.locator("[data-testid='stHeader']").bounding_box()
    row = page.locator(".st-key-frame_bar").bounding_box()
    assert header is not None
    assert row is not None
    assert row["y"] - header["height"] == 16  # theme.paddingTop
    # No serious accessibility violation.
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], json.dumps(serious, indent=1)


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_a_phone(server: Server, context: BrowserContext, path: str) -> None:
    link, charts = PHONE_LINKS[path]
    phone = open_visit(context, PHONE)
    try:
        phone.page.goto(server.url + link)
        wait_until_drawn(phone.page, charts)
        overflow = sideways_overflow(phone.page)
        assert overflow <= 0, f"{link} scrolls sideways by {overflow} px at {PHONE[0]} px"
        assert title_layout(phone.page).blank_below_px <= TITLE_GAP_MAX_PX
        assert phone.page.locator("[data-testid='stException']").count() == 0
        assert phone.unexpected_errors() == []
        if path == "/":
            assert_drawn_with_the_margins_set(phone.page)
    finally:
        phone.close()

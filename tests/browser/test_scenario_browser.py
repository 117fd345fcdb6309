"""The Scenario page in Chromium: the growth slider writes the URL and redraws the chart; a reload
keeps the view; a link reproduces a scenario; all on this machine (the `visit` fixture fails on any
outside request)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import GROWTH_SLIDER, Server, Visit, step_growth_up, wait_until_idle

PROJECTION = "Projected trade and the goals"


CENTRAL_AT = """([title, year]) => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find(p => p.layout && p.layout.title && p.layout.title.text === title);
    const trace = plot && (plot._fullData || []).find(t => t.name === 'Projected trade (central)');
    if (!trace) return null;
    const xs = Array.from(trace.x);
    return Array.from(trace.y)[xs.indexOf(year)];
}"""


def projected(page: Page, year: int) -> float:
    """The central projection in `year`, read from the chart drawn in the page (USD billion)."""
    page.wait_for_function(f"args => ({CENTRAL_AT})(args) !== null", arg=[PROJECTION, year])
    return float(page.evaluate(CENTRAL_AT, [PROJECTION, year]))


def metric(page: Page, label: str) -> str:
    """The value shown by the metric with this label."""
    box = page.locator("[data-testid='stMetric']").filter(
        has=page.locator(
            "[data-testid='stMetricLabel']", has_text=re.compile(f"^{re.escape(label)}$")
        )
    )
    return box.locator("[data-testid='stMetricValue']").inner_text().strip()


def test_moving_the_growth_slider_updates_the_url_and_the_chart_and_survives_a_reload(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario")
    wait_until_idle(page)
    assert "growth=" not in page.url  # the default is not written into the link
    before = projected(page, 2030)
    assert metric(page, "Goal reached") == "2030"

    step_growth_up(page)
    page.wait_for_function(
        f"([title, year, before]) => Math.abs(({CENTRAL_AT})([title, year]) - before) > 0.01",
        arg=[PROJECTION, 2030, before],
        timeout=30_000,
    )
    wait_until_idle(page)
    after = projected(page, 2030)
    # 11.5 x 1.046^6 plus the projects' 0.607 in 2030 (0.45 + 0.027 rail, 0.08 + 0.05 hubs).
    assert after == pytest.approx(11.5 * 1.046**6 + 0.607, abs=0.01)
    assert after > before
    assert metric(page, "Growth needed, 2024–2030") == "+4.5% a year"  # the goal did not move
    # Only the growth fragment re-ran: the share link beside the chart follows it too.
    expect(page.locator(".st-key-scenario_share_link a")).to_contain_text("growth=4.6")
    shown = page.url

    page.reload()
    wait_until_idle(page)
    assert page.url == shown
    assert projected(page, 2030) == pytest.approx(after, abs=1e-9)
    expect(page.locator(GROWTH_SLIDER)).to_have_value("4.6", timeout=20_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert visit.page_errors == []


def test_a_link_reproduces_the_scenario(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario?growth=5&goal=15&target_year=2030&effects=false")
    wait_until_idle(page)
    assert metric(page, "Goal reached") == "2030"
    assert metric(page, "Growth needed, 2024–2030") == "+4.5% a year"
    assert metric(page, "Projected trade in 2030") == "$15.4bn"
    assert projected(page, 2030) == pytest.approx(11.5 * 1.05**6, abs=1e-9)
    expect(page.locator(".st-key-effects input[type='checkbox']")).not_to_be_checked()
    assert visit.page_errors == []


def test_choosing_a_preset_writes_its_settings_into_the_link(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario")
    wait_until_idle(page)
    page.locator(".st-key-preset [role='combobox']").click()
    page.get_by_role("option", name="Doubling in five years (2029)").click()
    page.wait_for_function("() => location.search.includes('target_year=2029')")
    wait_until_idle(page)
    for part in ("growth=13.9", "goal=22", "target_year=2029", "preset=doubling"):
        assert part in page.url
    assert metric(page, "Growth needed, 2024–2029") == "+13.9% a year"
    linked = page.url
    page.goto(linked)
    wait_until_idle(page)
    assert metric(page, "Goal reached") == "2029"
    assert visit.page_errors == []


def test_a_burst_of_key_presses_leaves_slider_link_and_chart_in_agreement(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario")
    wait_until_idle(page)
    projected(page, 2025)
    thumb = page.locator(GROWTH_SLIDER)
    thumb.focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(3000)
    wait_until_idle(page)
    page.wait_for_timeout(1000)
    shown = float(thumb.input_value())
    assert shown > 4.5
    match = re.search(r"[?&]growth=([0-9.]+)", page.url)
    assert match is not None, page.url
    assert float(match.group(1)) == pytest.approx(shown)
    # The organic path of the first projected year is 11.5 x (1 + growth); no project adds yet.
    assert projected(page, 2025) == pytest.approx(11.5 * (1 + shown / 100), abs=1e-9)
    page.reload()
    wait_until_idle(page)
    expect(page.locator(GROWTH_SLIDER)).to_have_value(f"{shown:g}", timeout=20_000)

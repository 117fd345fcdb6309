"""Overview and Trade flows in a real browser: drawn charts, URL state written back.

Their phone width and chart margins are checked with every page (test_every_page.py)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    CHARTS,
    Server,
    Visit,
    assert_drawn_with_the_margins_set,
    wait_until_drawn,
    wait_until_idle,
)

METRIC_VALUE = "[data-testid='stMetricValue']"


def assert_clean(visit: Visit) -> None:
    """No Python exception shown and no JavaScript error."""
    assert visit.page.locator("[data-testid='stException']").count() == 0
    assert visit.page_errors == []


def test_overview_draws_the_chart_and_the_numbers(server: Server, visit: Visit) -> None:
    visit.page.goto(server.url + "/")
    wait_until_drawn(visit.page, CHARTS["/"])
    # Web-first: a busy machine may draw the metrics row after the first chart.
    expect(visit.page.locator(METRIC_VALUE)).to_have_text(
        ["$11.5bn", "76.7%", "$3.5bn", "+4.5% a year", "On track", "12.5%", "≈ $12.7bn"],
        timeout=30_000,
    )
    assert_clean(visit)
    chart = visit.page.locator(".js-plotly-plot")
    # Every trace the page sent was drawn (tests/ui check which traces), the goal's label once.
    sent = visit.page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".filter(trace => (trace.type || 'scatter') === 'scatter').length"
    )
    expect(chart.locator(".scatterlayer .trace")).to_have_count(sent)
    expect(chart.locator("text", has_text="$15bn goal")).to_have_count(1)


def test_overview_writes_the_chosen_goal_to_the_url(server: Server, visit: Visit) -> None:
    visit.page.goto(server.url + "/?target_year=2035")
    wait_until_idle(visit.page)
    visit.page.locator("[data-testid='stRadio'] label").filter(has_text=re.compile(r"^20")).click()
    visit.page.wait_for_url(re.compile(r"goal=20"), timeout=30_000)
    expect(visit.page.locator(METRIC_VALUE).nth(2)).to_have_text("$8.5bn", timeout=30_000)
    assert "target_year=2035" in visit.page.url
    assert_clean(visit)


def test_flows_2023_draws_every_chart_and_keeps_the_switch_in_the_url(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(server.url + "/flows?year=2023")
    wait_until_drawn(page, CHARTS["/flows"])
    expect(page.locator(METRIC_VALUE).filter(has_text="9 of 10")).to_have_count(1, timeout=30_000)
    expect(
        page.locator(".js-plotly-plot .heatmaplayer image, .js-plotly-plot .hm").first
    ).to_be_attached()
    matrix = page.locator(".js-plotly-plot").first
    expect(matrix).to_contain_text("4,400")
    expect(matrix).to_contain_text("Jan–Nov")
    assert_clean(visit)

    page.get_by_label("Compare what each side reports").check(force=True)
    page.wait_for_url(re.compile(r"sides=true"), timeout=30_000)
    # The rerun may start after the URL changes: wait for its result, not for idleness.
    expect(page.locator(".js-plotly-plot").first).to_contain_text(
        "What each country reports, 2023", timeout=30_000
    )
    wait_until_drawn(page, CHARTS["/flows"] + 1)  # + the mirror charts
    # The pairs over time are drawn when their section is opened, which the URL keeps.
    page.locator(".st-key-series summary").click()
    page.wait_for_url(re.compile(r"series=true"), timeout=30_000)
    wait_until_drawn(page, CHARTS["/flows"] + 2)
    expect(page.locator(".st-key-pair_series")).to_contain_text("Trade by pair", timeout=30_000)
    assert_drawn_with_the_margins_set(page)
    assert_clean(visit)

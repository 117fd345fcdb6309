"""Overview and Trade flows in a real browser: drawn charts, URL state written back, phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Server, Visit, open_visit, wait_until_idle

PHONE_WIDTH_PX = 375


METRIC_VALUE = "[data-testid='stMetricValue']"


def assert_clean(visit: Visit) -> None:
    """No Python exception shown and no JavaScript error."""
    assert visit.page.locator("[data-testid='stException']").count() == 0
    assert visit.page_errors == []


def test_overview_draws_the_chart_and_the_numbers(server: Server, visit: Visit) -> None:
    visit.page.goto(server.url + "/")
    wait_until_idle(visit.page)
    assert_clean(visit)
    # Charts are drawn after the script run ends; under load that can take a moment.
    expect(visit.page.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=30_000)
    # Web-first: a busy machine may draw the metrics row after the first chart.
    expect(visit.page.locator(METRIC_VALUE)).to_have_text(
        ["$11.5bn", "76.7%", "$3.5bn", "+4.5% a year", "On track", "12.5%", "≈ $12.7bn"],
        timeout=30_000,
    )
    chart = visit.page.locator(".js-plotly-plot")
    assert chart.count() == 1
    # Every trace the page sent was drawn (tests/ui check which traces), the goal's label once.
    sent = visit.page.evaluate(
        "() => document.querySelector('.js-plotly-plot').data"
        ".filter(trace => (trace.type || 'scatter') === 'scatter').length"
    )
    assert chart.locator(".scatterlayer .trace").count() == sent
    assert chart.locator("text", has_text="$15bn goal").count() == 1


def test_overview_writes_the_chosen_goal_to_the_url(server: Server, visit: Visit) -> None:
    visit.page.goto(server.url + "/?target_year=2035")
    wait_until_idle(visit.page)
    visit.page.locator("[data-testid='stRadio'] label").filter(has_text=re.compile(r"^20")).click()
    visit.page.wait_for_url(re.compile(r"goal=20"), timeout=30_000)
    expect(visit.page.locator("[data-testid='stMetricValue']").nth(2)).to_have_text(
        "$8.5bn", timeout=30_000
    )
    assert "target_year=2035" in visit.page.url
    assert_clean(visit)


def test_flows_2023_draws_every_chart(server: Server, visit: Visit) -> None:
    visit.page.goto(server.url + "/flows?year=2023")
    wait_until_idle(visit.page)
    assert_clean(visit)
    # A web-first assertion: it waits for the metric, as a busy machine may draw it after the
    # first "not running" state is seen.
    expect(
        visit.page.locator("[data-testid='stMetricValue']").filter(has_text="9 of 10")
    ).to_have_count(1, timeout=30_000)
    charts = visit.page.locator(".js-plotly-plot")
    expect(charts).to_have_count(5, timeout=30_000)
    assert (
        visit.page.locator(".js-plotly-plot .heatmaplayer image, .js-plotly-plot .hm").count() >= 1
    )
    matrix_text = visit.page.locator(".js-plotly-plot").first.inner_text()
    assert "4,400" in matrix_text
    assert "Jan–Nov" in matrix_text


def test_flows_switch_is_kept_in_the_url(server: Server, visit: Visit) -> None:
    visit.page.goto(server.url + "/flows?year=2023")
    wait_until_idle(visit.page)
    visit.page.get_by_label("Compare what each side reports").check(force=True)
    visit.page.wait_for_url(re.compile(r"sides=true"), timeout=30_000)
    # The rerun may start after the URL changes: wait for its result, not for idleness.
    expect(visit.page.locator(".js-plotly-plot").first).to_contain_text(
        "What each country reports, 2023", timeout=30_000
    )
    wait_until_idle(visit.page)
    expect(visit.page.locator(".js-plotly-plot")).to_have_count(6, timeout=30_000)  # + mirrors
    assert_clean(visit)


def test_both_pages_fit_a_phone(server: Server, browser: Browser) -> None:
    phone = open_visit(browser, width=PHONE_WIDTH_PX, height=800)
    try:
        for path in ("/", "/?goal=20&target_year=2030", "/flows?year=2023&sides=true"):
            phone.page.goto(server.url + path)
            wait_until_idle(phone.page)
            overflow = phone.page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow} px"
            assert phone.page.locator("[data-testid='stException']").count() == 0
        assert phone.outside_requests == []
        assert phone.page_errors == []
    finally:
        phone.page.context.close()


DRAWN_MARGINS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(g => {
    const set = g.layout.margin || {}, drawn = g._fullLayout._size;
    return [g.layout.title.text, ['l', 'r', 't', 'b'].map(k => [set[k], Math.round(drawn[k])])];
})"""


@pytest.mark.parametrize(
    ("width", "paths"),
    [
        (1400, (("/", 1), ("/flows", 5), ("/flows?sides=true", 6), ("/?lang=ru", 1))),
        # A phone: the legends are one entry a line, so they are as tall as on a desktop.
        (PHONE_WIDTH_PX, (("/", 1), ("/flows?lang=ru", 5))),
    ],
)
def test_charts_are_drawn_with_the_margins_they_set(
    server: Server, browser: Browser, width: int, paths: tuple[tuple[str, int], ...]
) -> None:
    """Margins that already fit: plotly's automargin does not grow them and draw the chart again."""
    visit = open_visit(browser, width=width)
    try:
        for path, count in paths:
            visit.page.goto(server.url + path)
            wait_until_idle(visit.page)
            visit.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            visit.page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {count}",
                timeout=30_000,
            )
            charts = visit.page.evaluate(DRAWN_MARGINS_JS)
            assert len(charts) == count, path
            for title, margins in charts:
                # The chord has no axes: the template's margins.
                grown = [(side, drawn) for side, drawn in margins if drawn > (side or 10)]
                assert grown == [], (path, title)
    finally:
        visit.page.context.close()

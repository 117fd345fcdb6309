"""The Scenario page in Chromium: the growth slider writes the URL and redraws the chart; a reload
keeps the view; a link reproduces a scenario, its parameters file and its report; all on this
machine (the `visit` fixture fails on any outside request)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import (
    CHARTS,
    GROWTH_SLIDER,
    Server,
    Visit,
    step_growth_up,
    wait_until_drawn,
    wait_until_idle,
)
from tests.browser.test_downloads import download

PROJECTION = "Projected trade and the goals"


CENTRAL_AT = """([title, year]) => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find(p => p.layout && p.layout.title && p.layout.title.text === title);
    const trace = plot && (plot._fullData || []).find(t => t.name === 'Projected trade (central)');
    if (!trace) return null;
    const xs = Array.from(trace.x);
    return Array.from(trace.y)[xs.indexOf(year)];
}"""


# Marks the plot titled `title` (set) or tells whether it is the plot marked (not set).
MARK_PLOT = """([title, set]) => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find(p => p.layout && p.layout.title && p.layout.title.text === title);
    if (set) plot.dataset.marked = 'yes';
    return plot.dataset.marked === 'yes';
}"""


def projected(page: Page, year: int) -> float:
    """The central projection in `year`, read from the chart drawn in the page (USD billion)."""
    page.wait_for_function(f"args => ({CENTRAL_AT})(args) !== null", arg=[PROJECTION, year])
    return float(page.evaluate(CENTRAL_AT, [PROJECTION, year]))


def metric(page: Page, label: str) -> Locator:
    """The value of the metric with this label (for a web-first `expect`)."""
    box = page.locator("[data-testid='stMetric']").filter(
        has=page.locator(
            "[data-testid='stMetricLabel']", has_text=re.compile(f"^{re.escape(label)}$")
        )
    )
    return box.locator("[data-testid='stMetricValue']")


def test_moving_the_growth_slider_updates_the_url_and_the_chart_and_survives_a_reload(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario")
    wait_until_idle(page)
    assert "growth=" not in page.url  # the default is not written into the link
    before = projected(page, 2030)
    expect(metric(page, "Goal reached")).to_have_text("2030")

    # The projection follows the slider in place: the plot drawn is updated, not replaced.
    page.evaluate(MARK_PLOT, [PROJECTION, True])
    # Only the growth fragment re-runs: the share link beside the chart follows it too.
    step_growth_up(page)
    page.wait_for_function(
        f"([title, year, before]) => Math.abs(({CENTRAL_AT})([title, year]) - before) > 0.01",
        arg=[PROJECTION, 2030, before],
        timeout=30_000,
    )
    after = projected(page, 2030)
    assert page.evaluate(MARK_PLOT, [PROJECTION, False]), "the projection was drawn anew"
    # 11.5 x 1.046^6 plus the projects' 0.607 in 2030 (0.45 + 0.027 rail, 0.08 + 0.05 hubs).
    assert after == pytest.approx(11.5 * 1.046**6 + 0.607, abs=0.01)
    assert after > before
    # The fragment re-sends the four metrics growth changes; the goal and the projects' part
    # did not move.
    expect(page.locator("[data-testid='stMetric']")).to_have_count(6)
    expect(metric(page, "Projected trade in 2030")).to_have_text("$15.7bn")
    expect(metric(page, "Growth needed, 2024–2030")).to_have_text("+4.5% a year")
    expect(metric(page, "Projects' contribution in 2030")).to_have_text("+$0.61bn")
    shown = page.url

    page.reload()
    wait_until_idle(page)
    assert page.url == shown
    assert projected(page, 2030) == pytest.approx(after, abs=1e-9)
    expect(page.locator(GROWTH_SLIDER)).to_have_value("4.6", timeout=20_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert visit.page_errors == []


def test_a_link_reproduces_the_scenario_its_parameters_and_its_report(
    server: Server, visit: Visit, tmp_path: Path
) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario?growth=5&goal=15&target_year=2030&effects=false")
    wait_until_drawn(page, CHARTS["/scenario"])
    expect(metric(page, "Goal reached")).to_have_text("2030")
    expect(metric(page, "Growth needed, 2024–2030")).to_have_text("+4.5% a year")
    expect(metric(page, "Projected trade in 2030")).to_have_text("$15.4bn")
    assert projected(page, 2030) == pytest.approx(11.5 * 1.05**6, abs=1e-9)
    expect(page.locator(".st-key-effects input[type='checkbox']")).not_to_be_checked()
    share_link = page.locator(".st-key-scenario_share_link a").first
    expect(share_link).to_contain_text("growth=5")
    expect(share_link).to_contain_text(re.compile("effects=false", re.IGNORECASE))

    name, content = download(visit, "Parameters (JSON)", tmp_path)
    assert name == "central-asia-trade-scenario.json"
    fields = json.loads(content)
    assert (fields["growth"], fields["effects_enabled"]) == (0.05, False)
    name, content = download(visit, "Report (PDF)", tmp_path)
    assert name.startswith("central-asia-trade-report-")
    assert name.endswith(".pdf")
    assert content.startswith(b"%PDF")
    assert content.count(b"/Subtype /Image") == 3
    assert visit.page_errors == []


def test_choosing_a_preset_writes_its_settings_into_the_link(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario")
    wait_until_idle(page)
    page.locator(".st-key-preset [role='combobox']").click()
    page.get_by_role("option", name="Doubling in five years (2029)").click()
    for part in ("growth=13.9", "goal=22", "target_year=2029", "preset=doubling"):
        expect(page).to_have_url(re.compile(rf"[?&]{re.escape(part)}(&|$)"), timeout=30_000)
    expect(metric(page, "Growth needed, 2024–2029")).to_have_text("+13.9% a year")
    linked = page.url
    page.goto(linked)
    wait_until_idle(page)
    expect(metric(page, "Goal reached")).to_have_text("2029")
    assert visit.page_errors == []


# Slider, link and chart as the page shows them, once no run is pending.
SETTLED_JS = f"""([slider, title, year]) => {{
    const app = document.querySelector("[data-testid='stApp']");
    const match = location.search.match(/[?&]growth=([0-9.]+)/);
    return {{
        idle: app.getAttribute('data-test-script-state') === 'notRunning',
        slider: document.querySelector(slider).value,
        link: match ? match[1] : null,
        chart: ({CENTRAL_AT})([title, year]),
    }};
}}"""


def settled(page: Page) -> dict[str, object]:
    """Wait until the page is idle with slider, link and chart unchanged across three looks a
    half-second apart (a burst's reruns have ended); return what they show."""
    looks: list[dict[str, object]] = []
    for _ in range(120):
        now: dict[str, object] = page.evaluate(SETTLED_JS, [GROWTH_SLIDER, PROJECTION, 2025])
        looks = [*looks[-2:], now]
        if len(looks) == 3 and now["idle"] and looks[0] == looks[1] == now:
            return now
        page.wait_for_timeout(500)
    last = looks[-1]
    pytest.fail(f"the page did not settle after a burst of key presses: {last}")


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
    # The burst's first rerun writes the link: wait for it, then for the reruns to end.
    page.wait_for_function("() => /[?&]growth=/.test(location.search)", timeout=30_000)
    state = settled(page)
    shown = float(str(state["slider"]))
    assert shown > 4.5
    assert state["link"] is not None, page.url
    assert float(str(state["link"])) == pytest.approx(shown)
    # The organic path of the first projected year is 11.5 x (1 + growth); no project adds yet.
    assert float(str(state["chart"])) == pytest.approx(11.5 * (1 + shown / 100), abs=1e-9)
    page.reload()
    wait_until_idle(page)
    expect(page.locator(GROWTH_SLIDER)).to_have_value(f"{shown:g}", timeout=20_000)

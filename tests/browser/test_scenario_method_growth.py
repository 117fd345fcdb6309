"""The Scenario page in Chromium with 'How this is computed' open: one step of the growth slider
re-runs only its fragment, yet the method text outside it names the new rate."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import Server, Visit, step_growth_up, wait_until_idle


def test_a_growth_step_updates_the_open_method_text(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario?how=true")
    wait_until_idle(page)
    method = page.locator(".st-key-how")
    expect(method).to_contain_text("and g = +4.5% a year.")

    step_growth_up(page)
    wait_until_idle(page)
    expect(method).to_contain_text("and g = +4.6% a year.", timeout=30_000)
    expect(method).not_to_contain_text("and g = +4.5% a year.")
    expect(page.locator(".st-key-scenario_share_link a")).to_contain_text("growth=4.6")
    assert page.locator("[data-testid='stException']").count() == 0
    assert visit.page_errors == []

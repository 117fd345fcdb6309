"""The Russian interface in a real browser: text, the language switch and the URL, phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Server, Visit, open_visit, wait_until_drawn, wait_until_idle

PAGES = ["/", "/flows", "/projects", "/scenario"]
PHONE_WIDTH_PX = 375
NBSP = "\u00a0"
SOFT_HYPHEN = "\u00ad"  # lets a long Russian word break, with a hyphen, on a phone


def metric_values(page: Page, count: int) -> list[str]:
    """The values of the page's `count` st.metric elements, as shown, spaces made plain.

    Waits for all of them: a busy machine may draw the metrics after the first chart.
    """
    metrics = page.locator("[data-testid='stMetricValue']")
    expect(metrics).to_have_count(count, timeout=30_000)
    return [text.strip().replace(NBSP, " ") for text in metrics.all_inner_texts()]


def test_overview_in_russian_from_the_link(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/?lang=ru")
    wait_until_drawn(page)
    expect(page.locator("h1").first).to_have_text(
        "Взаимная торговля стран Центральной Азии и поставленные цели"
    )
    values = metric_values(page, 7)
    assert "11,5 млрд $" in values
    assert "76,7 %" in values
    assert "+4,5 % в год" in values
    navigation = page.locator("[data-testid='stTopNav']")
    for title in ("Обзор", "Торговые потоки", "Сценарий", "Проекты"):
        expect(navigation.get_by_text(title, exact=True)).to_be_visible()
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator("text", has_text="Цель 15").first).to_be_attached()
    # plotly's own Russian locale: the toolbar speaks Russian too.
    expect(chart.locator(".modebar-btn[data-title='Сохранить в формате PNG']")).to_be_attached()
    assert "lang=ru" in page.url
    assert visit.page_errors == []


def test_scenario_in_russian_from_the_link(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario?lang=ru&growth=5&goal=15&target_year=2030")
    wait_until_drawn(page)
    expect(page.locator("h1").first).to_have_text("Когда будет достигнута цель? Сценарий")
    values = metric_values(page, 6)
    assert "+4,5 % в год" in values
    assert any(re.fullmatch(r"\d+,\d млрд \$", value) for value in values), values
    chart = page.locator(".js-plotly-plot").first
    expect(chart.locator("text", has_text="Расчётная торговля и цели").first).to_be_attached()
    expect(chart.locator("text", has_text="Цель 15").first).to_be_attached()
    assert visit.page_errors == []


def test_choosing_russian_at_the_top_writes_lang_into_the_link(
    server: Server, visit: Visit
) -> None:
    page = visit.page
    page.goto(f"{server.url}/flows?year=2024")
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text("Who trades with whom")
    page.locator(".st-key-lang button").filter(has_text="Русский").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('lang') === 'ru'")
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text("Кто с кем торгует")
    assert "year=2024" in page.url  # the other settings stay in the link
    linked = page.url
    page.goto(linked)
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text("Кто с кем торгует")
    assert visit.page_errors == []


def test_a_russian_browser_gets_russian_without_asking(server: Server, browser: Browser) -> None:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{server.url}/projects")
        wait_until_idle(page)
        title = page.locator("h1").first.inner_text().replace(SOFT_HYPHEN, "")
        assert title == "Совместные инфраструктурные проекты"
        assert "lang=" not in page.url  # the browser's language is the default: not in the link
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_in_russian_scrolls_sideways_on_a_phone(
    server: Server, browser: Browser, path: str
) -> None:
    phone = open_visit(browser, width=PHONE_WIDTH_PX, height=800)
    try:
        phone.page.goto(f"{server.url}{path}?lang=ru")
        wait_until_drawn(phone.page)
        assert not phone.page.locator("h1").first.inner_text().isascii()
        overflow = phone.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {PHONE_WIDTH_PX} px"
        assert phone.outside_requests == []
        assert phone.page_errors == []
    finally:
        phone.page.context.close()

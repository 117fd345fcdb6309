"""The Russian interface in a real browser: text, the language switch and the URL, phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import (
    CHARTS,
    DESKTOP,
    PHONE,
    TITLE_GAP_MAX_PX,
    TITLE_LINES_MAX,
    Server,
    Visit,
    assert_drawn_with_the_margins_set,
    open_visit,
    sideways_overflow,
    title_layout,
    wait_until_drawn,
    wait_until_idle,
)

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
    wait_until_drawn(page, CHARTS["/"])
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
    assert_drawn_with_the_margins_set(page)
    assert visit.page_errors == []


def test_scenario_in_russian_from_the_link(server: Server, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{server.url}/scenario?lang=ru&growth=5&goal=15&target_year=2030")
    wait_until_drawn(page, CHARTS["/scenario"])
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
    context = browser.new_context(
        locale="ru-RU", viewport={"width": DESKTOP[0], "height": DESKTOP[1]}
    )
    try:
        page = context.new_page()
        page.goto(f"{server.url}/projects")
        wait_until_idle(page)
        title = "Совместные инфраструктурные проекты"
        # Soft hyphens may sit between any two letters of the title.
        expect(page.locator("h1").first).to_have_text(
            re.compile(f"{SOFT_HYPHEN}?".join(map(re.escape, title)))
        )
        assert "lang=" not in page.url  # the browser's language is the default: not in the link
    finally:
        context.close()


@pytest.mark.parametrize("path", list(CHARTS))
def test_no_page_in_russian_scrolls_sideways_on_a_phone(
    server: Server, context: BrowserContext, path: str
) -> None:
    phone = open_visit(context, PHONE)
    try:
        phone.page.goto(f"{server.url}{path}?lang=ru")
        wait_until_drawn(phone.page, CHARTS[path])
        expect(phone.page.locator("h1").first).not_to_have_text(re.compile(r"^[ -~]*$"))
        overflow = sideways_overflow(phone.page)
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {PHONE[0]} px"
        title = title_layout(phone.page)
        assert title.blank_below_px <= TITLE_GAP_MAX_PX
        assert title.lines <= TITLE_LINES_MAX
        assert phone.unexpected_errors() == []
        if path == "/flows":
            assert_drawn_with_the_margins_set(phone.page)
    finally:
        phone.close()

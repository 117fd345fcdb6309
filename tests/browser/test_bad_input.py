"""Bad input in a real browser: what only a browser shows (script errors in the page).

AppTest covers the notices and error messages themselves (tests/ui/test_every_page.py).
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import Server, Visit, wait_until_idle

GARBAGE_LINKS = [
    "/scenario?growth=abc",
    "/flows?year=1800",
    "/?goal=-5&target_year=99999",
    "/scenario?growth=" + "9" * 500,
    "/?lang=%D0%BA%D0%B0%D0%B7%3Cscript%3Ealert(1)%3C%2Fscript%3E",
]


def test_garbage_links_raise_no_script_error_in_the_page(server: Server, visit: Visit) -> None:
    for link in GARBAGE_LINKS:
        visit.page.goto(server.url + link)
        wait_until_idle(visit.page)
        expect(visit.page.locator("h1").first).to_be_visible()  # the page was drawn
        assert visit.page.locator("[data-testid='stException']").count() == 0, link
        assert visit.page_errors == [], link

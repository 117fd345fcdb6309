"""Projects map in a real browser: it draws from the app's own basemap with every outside host
unreachable, a click on a marker opens the project's card and writes it to the URL, filters in
the URL redraw it. Its size on a desktop and a phone: test_projects_map_views.py."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, Request, Route, expect

from ca_trade.data import TradeData
from ca_trade.projects import filter_projects, map_positions
from tests.browser.conftest import Server, Visit, is_outside, wait_until_idle

MAP = ".js-plotly-plot:has(g.geo)"


def cut_off_outside(page: Page) -> list[str]:
    """Make every host but this machine unreachable for `page`; return the blocked URLs."""
    blocked: list[str] = []

    def handle(route: Route, request: Request) -> None:
        if is_outside(request.url):
            blocked.append(request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/*", handle)
    return blocked


def basemap_replies(page: Page) -> list[tuple[str, int]]:
    """Record (url, status) of every basemap file the page receives."""
    replies: list[tuple[str, int]] = []
    page.on(
        "response",
        lambda response: (
            replies.append((response.url, response.status)) if "topojson" in response.url else None
        ),
    )
    return replies


def open_map(page: Page, url: str) -> None:
    """Open the page and wait until the map's countries and markers are in the SVG."""
    page.goto(url)
    wait_until_idle(page)
    page.wait_for_selector(f"{MAP} g.geo path.choroplethlocation", timeout=30_000)
    page.wait_for_selector(f"{MAP} g.geo path.point", timeout=30_000)


def drawn_lines(page: Page) -> int:
    """How many route line paths of the map have at least one segment (the key's are empty)."""
    return int(
        page.evaluate(
            """(selector) => [...document.querySelectorAll(selector)]
                .filter((path) => {
                    const trace = path.closest('g.trace').__data__[0].trace;
                    return (trace.meta || {}).role === 'routes'
                        && (path.getAttribute('d') || '').includes('L');
                }).length""",
            f"{MAP} g.geo path.js-line",
        )
    )


RENDERED_JS = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')]
        .find((g) => g._fullLayout && g._fullLayout.geo);
    const found = [];
    for (const group of gd.querySelectorAll('g.geo g.trace')) {
        if (!group.__data__) continue;
        const trace = group.__data__[0].trace;
        const role = (trace.meta || {}).role || '';
        for (const point of group.querySelectorAll('path.point')) {
            const r = point.getBoundingClientRect();
            const i = point.__data__.i;
            found.push({role, kind: 'point', id: trace.customdata ? trace.customdata[i] : null,
                        box: [r.x, r.y, r.width, r.height]});
        }
        for (const text of group.querySelectorAll('text')) {
            const r = text.getBoundingClientRect();
            found.push({role, kind: 'text', id: text.textContent,
                        box: [r.x, r.y, r.width, r.height]});
        }
    }
    return found;
}"""


def rendered(page: Page, role: str, kind: str = "point") -> list[dict[str, Any]]:
    """Return the map's rendered points (or texts) of traces of `role`: id and screen box."""
    return [
        item for item in page.evaluate(RENDERED_JS) if item["role"] == role and item["kind"] == kind
    ]


def placed_count(data: TradeData, year: int) -> int:
    """How many projects have a marker on the map in `year` (no filter)."""
    shown = filter_projects(data.projects, year=year)
    return len(map_positions(shown, data.project_routes))


def click_marker(page: Page, project_id: str) -> None:
    """Click, with the mouse, the centre of the map marker drawn for `project_id`."""
    box = page.evaluate(
        """(pid) => {
            for (const point of document.querySelectorAll('g.geo g.trace path.point')) {
                const trace = point.closest('g.trace').__data__[0].trace;
                if ((trace.meta || {}).role !== 'sites') continue;
                if (trace.customdata[point.__data__.i] !== pid) continue;
                const r = point.getBoundingClientRect();
                return [r.x + r.width / 2, r.y + r.height / 2];
            }
            return null;
        }""",
        project_id,
    )
    assert box is not None, f"no marker for {project_id}"
    hover_and_click(page, box[0], box[1])


HOVERED_JS = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')]
        .find((g) => g._fullLayout && g._fullLayout.geo);
    return !!gd && Array.isArray(gd._hoverdata) && gd._hoverdata.length > 0;
}"""


def hover_and_click(page: Page, x: float, y: float) -> None:
    """Move the mouse to a point of the map, wait until plotly has a point under it (its click
    event reports the hovered point), then click."""
    page.mouse.move(x, y)
    page.wait_for_function(HOVERED_JS, timeout=10_000)
    page.mouse.click(x, y)


SELECTED_DRAWN_JS = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')]
        .find((g) => g._fullLayout && g._fullLayout.geo);
    return !!gd && [...gd.querySelectorAll('g.geo g.trace')].some((group) => group.__data__
        && ((group.__data__[0].trace.meta || {}).role === 'selected_site')
        && group.querySelector('path.point'));
}"""


def wait_for_selection(page: Page) -> None:
    """Wait until the map has drawn the ring of a selected project (the rerun after a click)."""
    page.wait_for_function(SELECTED_DRAWN_JS, timeout=30_000)


def test_the_map_draws_offline_and_a_click_on_a_marker_opens_its_card(
    server: Server, visit: Visit, bundled: TradeData
) -> None:
    blocked = cut_off_outside(visit.page)
    replies = basemap_replies(visit.page)
    open_map(visit.page, server.url + "/projects?year=2026")
    chart = visit.page.locator(MAP)
    # The basemap: land and borders drawn from the vendored file, served by the app itself, once.
    geo = visit.page.evaluate("(map) => document.querySelector(map).layout.geo", MAP)
    assert [url.rsplit("/", 1)[1] for url, _ in replies] == [
        f"{geo['scope']}_{geo['resolution']}m.json"
    ]
    # Plotly draws each basemap layer of a geo subplot as one path; the chart has one subplot.
    expect(chart.locator("g.geo .layer.land path")).to_have_count(1)
    expect(chart.locator("g.geo .layer.countries path")).to_have_count(1)
    assert all(re.match(r"http://127\.0\.0\.1:\d+/app/static/topojson/", url) for url, _ in replies)
    assert {status for _, status in replies} == {200}
    # The five countries, shaded or left as a gap, and one marker per placed project at least.
    expect(chart.locator("g.geo path.choroplethlocation")).to_have_count(5)
    assert len(rendered(visit.page, "sites")) == placed_count(bundled, 2026)
    shown = filter_projects(bundled.projects, year=2026)
    routed = shown[shown["project_id"].isin(bundled.project_routes["project_id"])]
    # One line per status that has routes: every corridor is drawn.
    assert drawn_lines(visit.page) == routed["status_as_of"].nunique()
    names = chart.locator("g.geo text").all_text_contents()
    assert {"Kazakhstan", "Uzbekistan"} <= {name.strip() for name in names}
    assert blocked == []

    # A click on a marker opens the project's card, writes it to the URL and rings the site.
    chart.scroll_into_view_if_needed()
    click_marker(visit.page, "rogun_hpp")
    visit.page.wait_for_url(re.compile(r"project=rogun_hpp"), timeout=30_000)
    card = visit.page.locator(".st-key-project_card")
    expect(card.get_by_role("heading", name="Rogun HPP")).to_be_visible(timeout=30_000)
    expect(card.locator("[data-testid='stMetricValue']").first).to_have_text("3,780 MW")
    wait_for_selection(visit.page)
    assert [item["id"] for item in rendered(visit.page, "selected_site")] == [None]
    assert visit.page_errors == []


def test_filters_in_the_url_redraw_the_map(
    server: Server, visit: Visit, bundled: TradeData
) -> None:
    cut_off_outside(visit.page)
    open_map(visit.page, server.url + "/projects?type=hydropower")
    hydro = filter_projects(bundled.projects, year=2026, types=["hydropower"])
    expect(visit.page.get_by_text(f"{len(hydro)} of {len(bundled.projects)}")).to_be_visible()
    points = len(rendered(visit.page, "sites"))
    assert points == len(map_positions(hydro, bundled.project_routes))
    assert drawn_lines(visit.page) == 0
    # The filters are in a popover, drawn only once opened; a choice there goes into the URL.
    page = visit.page
    expect(page.locator(".st-key-status")).to_have_count(0)
    page.locator(".st-key-filters button").first.click()
    page.locator(".st-key-status input").click()
    page.get_by_role("option", name="Operational", exact=True).click()
    page.wait_for_url(re.compile(r"type=hydropower&status=operational"), timeout=30_000)
    working = filter_projects(
        bundled.projects, year=2026, types=["hydropower"], statuses=["operational"]
    )
    shown = f"{len(working)} of {len(bundled.projects)}"
    expect(page.get_by_text(shown)).to_be_visible(timeout=30_000)

"""The projects map at a desktop (1400 px) and a phone (375 px) window, one page load each: its
size, then every named view chosen from its button and written to the URL with no two markers or
names piled up (measured from what the browser drew), then a click on a route far from its
middle."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from ca_trade.charts.projects_map_layout import DEFAULT_VIEW, VIEWS
from ca_trade.data import TradeData
from ca_trade.present.projects import view_label
from tests.browser.conftest import DESKTOP, PHONE, Server, Visit, open_visit, wait_until_idle
from tests.browser.test_projects_map import (
    MAP,
    RENDERED_JS,
    cut_off_outside,
    hover_and_click,
    rendered,
    wait_for_selection,
)

MARKER_ROLES = ("sites", "clusters")

MAP_AREA_JS = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')]
        .find((g) => g._fullLayout && g._fullLayout.geo);
    const r = gd._fullLayout.geo._subplot.bgRect.node().getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height, meta: gd.layout.meta,
            chart: gd._fullLayout.width};
}"""


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def window(request: pytest.FixtureRequest, context: BrowserContext) -> Iterator[Visit]:
    """A desktop or a phone window that must make no outside request and raise no error."""
    opened = open_visit(context, request.param)
    cut_off_outside(opened.page)
    yield opened
    opened.close()
    errors = opened.unexpected_errors() if request.param == PHONE else opened.page_errors
    assert errors == []


def is_phone(page: Page) -> bool:
    """Whether the page's window is the phone's."""
    size = page.viewport_size
    return size is not None and size["width"] == PHONE[0]


# Plotly redraws in steps: look at what it drew until two looks 300 ms apart agree, in the page
# (one round trip); return that look and the map's area on screen.
SETTLED_MAP_JS = f"""async () => {{
    const look = {RENDERED_JS};
    let before = JSON.stringify(look());
    for (let i = 0; i < 20; i++) {{
        await new Promise((done) => setTimeout(done, 300));
        const now = JSON.stringify(look());
        if (now === before) break;
        before = now;
    }}
    return {{drawn: JSON.parse(before), area: ({MAP_AREA_JS})()}};
}}"""


def wait_for_map(page: Page, view: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Wait until the map shows `view` laid out for this window and plotly has finished drawing
    it; return its area on screen and its drawn markers and texts (`RENDERED_JS`)."""
    wait_until_idle(page)
    page.wait_for_function(
        """([view, narrow]) => {
            const gd = [...document.querySelectorAll('.js-plotly-plot')]
                .find((g) => g._fullLayout && g._fullLayout.geo);
            return gd && gd.layout.meta && gd.layout.meta.view === view
                && gd.layout.meta.narrow === narrow
                && gd._fullLayout.geo && gd._fullLayout.geo._subplot
                && gd.querySelectorAll('g.geo path.choroplethlocation').length > 0;
        }""",
        arg=[view, is_phone(page)],
        timeout=60_000,
    )
    settled: dict[str, Any] = page.evaluate(SETTLED_MAP_JS)
    return settled["area"], settled["drawn"]


SENT_IDS_JS = """(role) => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')]
        .find((g) => g._fullLayout && g._fullLayout.geo);
    return gd.data.filter((trace) => (trace.meta || {}).role === role)
        .flatMap((trace) => trace.customdata);
}"""


def inside(box: list[float], area: dict[str, Any]) -> bool:
    """Whether a box's centre lies inside the map's area."""
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    x, y, width, height = (float(area[key]) for key in ("x", "y", "width", "height"))
    return x <= cx <= x + width and y <= cy <= y + height


def overlap_share(a: list[float], b: list[float]) -> float:
    """How far two round markers overlap, as a share of the smaller one's diameter."""
    ra, rb = max(a[2], a[3]) / 2, max(b[2], b[3]) / 2
    centre_a = (a[0] + a[2] / 2, a[1] + a[3] / 2)
    centre_b = (b[0] + b[2] / 2, b[1] + b[3] / 2)
    overlap = ra + rb - math.dist(centre_a, centre_b)
    return max(overlap, 0.0) / (2 * min(ra, rb))


def boxes_meet(a: list[float], b: list[float]) -> bool:
    """Whether two screen boxes (x, y, width, height) overlap."""
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def assert_large_on_a_desktop_and_fills_a_phone(page: Page, area: dict[str, Any]) -> None:
    """The map's size and place at the default view, for this window."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    if is_phone(page):
        assert area["width"] >= width - 40  # the page's own margins only
        assert area["height"] >= 420
        assert area["height"] <= PHONE[1] - 100  # the whole map fits on the screen
        # Most of it on the first screen: the filters are folded, the views sit below it.
        assert area["y"] + area["height"] * 2 / 3 <= PHONE[1]
    else:
        assert area["width"] >= 900
        assert area["height"] >= 600
        # At this window the map takes the chart's whole width: no blank bands at the sides.
        assert area["width"] >= area["chart"] - 20
    assert area["x"] >= 0
    assert area["x"] + area["width"] <= width
    # The key sits below the map, not over it.
    legend = page.locator(f"{MAP} g.legend").first.bounding_box()
    assert legend is not None
    assert legend["y"] >= area["y"] + area["height"] - 1


def assert_nothing_piled_up(area: dict[str, Any], drawn: list[dict[str, Any]], view: str) -> None:
    """No two markers overlap much, and every country name sits inside the map, clear of the
    markers and of the other names (`drawn`: what `wait_for_map` returned)."""
    markers = [
        item["box"]
        for item in drawn
        if item["role"] in MARKER_ROLES and item["kind"] == "point" and inside(item["box"], area)
    ]
    assert markers, f"no marker in view {view}"
    for a, b in itertools.combinations(markers, 2):
        assert overlap_share(a, b) <= 1 / 3, f"markers piled up at {view}: {a} {b}"
    names = [item for item in drawn if (item["role"], item["kind"]) == ("country_names", "text")]
    for name in names:
        box = name["box"]
        assert area["x"] <= box[0], f"{name['id']} leaves the map at {view}"
        assert box[0] + box[2] <= area["x"] + area["width"], f"{name['id']} leaves at {view}"
        assert not any(boxes_meet(box, marker) for marker in markers), (
            f"{name['id']} hides under a marker at {view}"
        )
    for a, b in itertools.combinations(names, 2):
        assert not boxes_meet(a["box"], b["box"]), f"{a['id']} meets {b['id']} at {view}"


def route_pixel_far_from_middle(page: Page, project_id: str) -> tuple[float, float, float]:
    """Return a screen point on the project's route line between two of its click points, as
    far as possible from its marker, and that distance in pixels."""
    hits = [item["box"] for item in rendered(page, "route_hits") if item["id"] == project_id]
    # Every click point the app sent for the route is drawn.
    sent = page.evaluate(SENT_IDS_JS, "route_hits")
    assert len(hits) == sent.count(project_id) > 2, f"{project_id}: {len(hits)} drawn"
    (marker,) = [item["box"] for item in rendered(page, "sites") if item["id"] == project_id]
    middle = (marker[0] + marker[2] / 2, marker[1] + marker[3] / 2)
    centres = [(box[0] + box[2] / 2, box[1] + box[3] / 2) for box in hits]
    between = [
        ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        for a, b in itertools.pairwise(centres)
        if math.dist(a, b) < 20  # neighbours on one segment, not the jump between segments
    ]
    far = max(between, key=lambda point: math.dist(point, middle))
    return far[0], far[1], math.dist(far, middle)


ROUTE_VIEW = "KGZ"  # chosen last: a route of it is then clicked
ROUTED_PROJECT = "china_kyrgyzstan_uzbekistan_railway"


def test_the_map_fits_the_window_every_view_piles_nothing_up_and_a_route_click_selects(
    server: Server, window: Visit, bundled: TradeData
) -> None:
    """One load, then, in the page as a reader does: every named view from its button, and a
    click on a route far from its middle."""
    page = window.page
    page.goto(server.url + "/projects")
    previous, drawn = wait_for_map(page, DEFAULT_VIEW)
    assert_large_on_a_desktop_and_fills_a_phone(page, previous)
    assert_nothing_piled_up(previous, drawn, DEFAULT_VIEW)
    for view in [*(v for v in VIEWS if v not in {DEFAULT_VIEW, ROUTE_VIEW}), ROUTE_VIEW]:
        page.locator(".st-key-view").get_by_role(
            "radio", name=view_label(view, bundled.countries), exact=True
        ).click()
        area, drawn = wait_for_map(page, view)
        expect(page).to_have_url(re.compile(rf"[?&]view={view}(&|$)"))
        assert area["meta"]["lon"] != previous["meta"]["lon"]
        assert_nothing_piled_up(area, drawn, view)
        previous = area

    # A click on a route, far from its marker, selects its project.
    page.locator(MAP).scroll_into_view_if_needed()
    wait_for_map(page, ROUTE_VIEW)
    x, y, distance = route_pixel_far_from_middle(page, ROUTED_PROJECT)
    assert distance > 80
    hover_and_click(page, x, y)
    page.wait_for_url(re.compile(rf"project={ROUTED_PROJECT}"), timeout=30_000)
    (name,) = bundled.projects.loc[bundled.projects["project_id"] == ROUTED_PROJECT, "name"]
    card = page.locator(".st-key-project_card")
    expect(card.get_by_role("heading", name=name)).to_be_visible(timeout=30_000)
    # The route is highlighted and the view stayed where it was.
    wait_for_selection(page)
    wait_for_map(page, ROUTE_VIEW)
    assert [item["id"] for item in rendered(page, "selected_site")] == [None]  # one ring
    halo = page.evaluate(
        "(map) => document.querySelector(map).data"
        ".filter((t) => (t.meta || {}).role === 'selected_route').map((t) => t.meta.project_id)",
        MAP,
    )
    assert halo == [ROUTED_PROJECT]

"""The projects map and timeline figures: traces, symbols, key, shading, export."""

from __future__ import annotations

import itertools
import math
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from ca_trade.charts.projects_map import (
    BOTTOM_MARGIN_PX,
    TOP_MARGIN_PX,
    projects_map_figure,
    route_coordinates,
    route_segments,
)
from ca_trade.charts.projects_map_key import (
    STATUS_COLOURS,
    STATUS_DASHES,
    STATUS_FILLS,
    TYPE_SYMBOLS,
    marker_symbol,
)
from ca_trade.charts.projects_map_layout import (
    NARROW_BOX,
    VIEWS,
    WIDE_BOX,
    MapView,
    fit_frame,
    marker_positions,
    px_per_radian,
)
from ca_trade.charts.projects_map_routes import ROUTE_HIT_SIZE
from ca_trade.charts.projects_map_trade import colourbar_ticks, trade_shading_note
from ca_trade.charts.projects_timeline import projects_timeline_figure, short_label
from ca_trade.charts.theme import PALETTE
from ca_trade.data import TradeData
from ca_trade.export import ImageRenderer
from ca_trade.present.projects import named_timeline_rows
from ca_trade.projects import (
    PROJECT_TYPES,
    STATUSES,
    country_trade_with_region,
    filter_projects,
    timeline_rows,
    trade_year_for,
)
from tests.project_frames import (
    COUNTRIES,
    MAP_PROJECTS,
    MAP_ROUTES,
    ids_drawn,
    make_projects,
    no_trade,
    traces_with,
    trade_flows,
)


def map_of(
    projects: pd.DataFrame,
    selected: str | None = None,
    year: int = 2025,
    view: MapView | None = None,
) -> go.Figure:
    """Draw the map of `projects` (all statuses as of `year`) with no trade data."""
    return projects_map_figure(
        filter_projects(projects, year=year),
        MAP_ROUTES,
        COUNTRIES,
        no_trade(),
        trade_year=None,
        selected=selected,
        view=view,
    )


def test_every_project_with_coordinates_or_a_route_appears() -> None:
    figure = map_of(MAP_PROJECTS)
    assert ids_drawn(figure, "sites") == {"dam", "plant", "hub", "rail", "pipe"}
    assert ids_drawn(figure, "routes") == {"rail", "pipe"}
    assert "idea" not in ids_drawn(figure, "sites") | ids_drawn(figure, "routes")


def test_one_marker_trace_and_one_line_trace_per_status() -> None:
    figure = map_of(MAP_PROJECTS)
    (sites,) = traces_with(figure, "sites")
    # Drawn in the order of the types, so that a type's markers always lie over the same others.
    assert list(sites.customdata) == ["dam", "plant", "pipe", "rail", "hub"]
    routes = traces_with(figure, "routes")
    assert [t.meta["status"] for t in routes] == ["operational", "under_construction"]
    assert all(trace.mode == "lines" for trace in routes)
    assert len(figure.data) == 16


def test_route_segments_are_separated_by_none() -> None:
    lons, lats, ids = route_coordinates(route_segments(MAP_ROUTES), ["rail"])
    assert lons == [75.99, 75.39, None, 73.00, 72.34, None]
    assert lats == [39.47, 40.56, None, 40.93, 40.78, None]
    assert ids == ["rail", "rail", None, "rail", "rail", None]
    (hits,) = traces_with(map_of(MAP_PROJECTS), "route_hits")
    named = [text for text, pid in zip(hits.text, hits.customdata, strict=True) if pid == "rail"]
    assert named[0].endswith("<br>Kashgar")
    (rail,) = [t for t in traces_with(map_of(MAP_PROJECTS), "routes") if "rail" in t.customdata]
    assert list(rail.lon) == lons


def test_symbol_by_type_and_colour_by_status_never_colour_alone() -> None:
    figure = map_of(MAP_PROJECTS)
    (sites,) = traces_with(figure, "sites")
    symbols = dict(zip(sites.customdata, sites.marker.symbol, strict=True))
    assert symbols == {
        "dam": "triangle-up-open",
        "plant": "triangle-up",
        "pipe": "circle",
        "rail": "square-open-dot",
        "hub": "hexagram-open",
    }
    colours = dict(zip(sites.customdata, sites.marker.color, strict=True))
    assert colours["dam"] == STATUS_COLOURS["planned"]
    assert colours["plant"] == STATUS_COLOURS["operational"]
    assert set(STATUS_COLOURS.values()) <= set(PALETTE)
    assert len(set(TYPE_SYMBOLS.values())) == len(PROJECT_TYPES)
    # Every status differs from every other by something besides colour.
    assert len(set(STATUS_DASHES.values())) == len(STATUSES)
    cues = {(STATUS_FILLS[s], s == "suspended") for s in STATUSES}
    assert len(cues) == len(STATUSES)
    crosses = traces_with(figure, "suspended_cross")
    assert len(crosses) == 1
    assert (list(crosses[0].lat), list(crosses[0].lon)) == ([44.2], [80.4])
    assert marker_symbol("port", "under_construction") == "pentagon-open-dot"


def test_the_key_lists_types_and_statuses_present() -> None:
    figure = map_of(MAP_PROJECTS)
    types = [t.meta["type"] for t in traces_with(figure, "key_type")]
    statuses = [t.meta["status"] for t in traces_with(figure, "key_status")]
    assert types == ["hydropower", "gas", "rail", "hub"]
    assert statuses == ["operational", "under_construction", "planned", "suspended"]
    data_traces = traces_with(figure, "sites") + traces_with(figure, "routes")
    assert not any(trace.showlegend for trace in data_traces)


def test_selected_route_is_highlighted_and_selected_site_ringed() -> None:
    rail = traces_with(map_of(MAP_PROJECTS, selected="rail"), "selected_route")
    assert len(rail) == 1
    assert list(rail[0].lon) == [75.99, 75.39, None, 73.00, 72.34, None]
    assert rail[0].line.width > 2.5
    dam = map_of(MAP_PROJECTS, selected="dam")
    (ring,) = traces_with(dam, "selected_site")
    assert (list(ring.lat), list(ring.lon)) == ([41.77], [73.44])
    assert traces_with(dam, "selected_route") == []
    assert traces_with(map_of(MAP_PROJECTS), "selected_site") == []


def test_the_map_shows_the_named_view_filling_the_chart_and_needs_no_network() -> None:
    figure = map_of(MAP_PROJECTS)
    geo = figure.layout.geo
    assert geo.scope == "asia"
    region = fit_frame(VIEWS["region"], WIDE_BOX)
    assert tuple(geo.lonaxis.range) == region.lon
    assert tuple(geo.lataxis.range) == region.lat
    assert figure.layout.meta["view"] == "region"
    assert figure.layout.height == TOP_MARGIN_PX[False] + WIDE_BOX.height + BOTTOM_MARGIN_PX[False]
    fergana = map_of(MAP_PROJECTS, view=MapView(name="fergana", narrow=True)).layout
    frame = fit_frame(VIEWS["fergana"], NARROW_BOX)
    assert tuple(fergana.geo.lonaxis.range) == frame.lon
    assert tuple(fergana.geo.lataxis.range) == frame.lat
    assert fergana.height > figure.layout.height - WIDE_BOX.height + NARROW_BOX.height
    assert figure.layout.dragmode == "pan"
    assert geo.showcountries
    assert "http" not in figure.to_json()
    (labels,) = traces_with(figure, "country_names")
    assert set(labels.text) <= set(COUNTRIES["name"])
    assert "Kazakhstan" in set(labels.text)


def test_a_route_is_clickable_along_its_whole_length() -> None:
    figure = map_of(MAP_PROJECTS)
    (hits,) = traces_with(figure, "route_hits")
    assert set(hits.customdata) == {"rail", "pipe"}
    assert hits.mode == "markers"
    assert hits.marker.size == ROUTE_HIT_SIZE
    pipe = [
        (lon, lat) for lon, lat, pid in zip(hits.lon, hits.lat, hits.customdata, strict=True)
        if pid == "pipe"
    ]  # fmt: skip
    # Olot (63.80) to Khorgos (80.40): points all along, none farther apart than their size.
    lons = sorted(lon for lon, _ in pipe)
    assert lons[0] == pytest.approx(63.80, abs=0.01)
    assert lons[-1] == pytest.approx(80.40, abs=0.01)
    scale = px_per_radian(MapView().frame(), WIDE_BOX)  # on screen at a 1400 px window
    gaps = [(b - a) * math.pi / 180 * scale for a, b in itertools.pairwise(lons)]
    assert max(gaps) < ROUTE_HIT_SIZE  # the points' disks overlap along the line


def test_markers_that_share_a_place_are_spread_with_leader_lines() -> None:
    crowded = make_projects(
        *(
            {"project_id": f"p{i}", "type": "hub", "latitude": 41.3, "longitude": 69.3}
            for i in range(4)
        )
    )
    figure = map_of(crowded)
    sites = traces_with(figure, "sites")
    points = [(lon, lat) for trace in sites for lon, lat in zip(trace.lon, trace.lat, strict=True)]
    assert len(set(points)) == 4
    (leaders, dots) = traces_with(figure, "leaders") + traces_with(figure, "true_points")
    assert list(leaders.lon[0::3]) == [69.3] * 4  # each line runs from the true point
    assert list(leaders.lon[2::3]) == [None] * 4
    assert set(dots.lon) == {69.3}
    assert traces_with(figure, "clusters") == []


def test_countries_are_shaded_by_trade_and_a_country_without_data_is_a_gap() -> None:
    flows = trade_flows(
        (2023, "KAZ", "KGZ", 1000, "KAZ"),
        (2023, "KAZ", "TJK", 500, "KAZ"),
        (2023, "KAZ", "TKM", 700, "KAZ"),
        (2023, "KAZ", "UZB", 4000, "KAZ"),
        (2023, "KAZ", "UZB", 4300, "UZB"),
        (2023, "UZB", "TJK", 600, "UZB"),
    )
    trade = country_trade_with_region(flows, COUNTRIES, 2023).set_index("iso3")
    assert trade.loc["KAZ", "value_usd_m"] == 6200  # KAZ reports KAZ-UZB: its value, not UZB's
    assert trade.loc["KAZ", "complete"]
    assert trade.loc["UZB", "value_usd_m"] == 4600
    assert not trade.loc["UZB", "complete"]
    assert trade.loc["TJK", "partners_covered"] == 2
    assert trade.loc["TKM", "value_usd_m"] == 700  # from KAZ: Turkmenistan is always mirrored
    assert trade_year_for(flows, COUNTRIES, 2026) == 2023
    assert trade_year_for(flows, COUNTRIES, 2022) is None
    # A later year shades the map as soon as one country has all four partners in it.
    later = trade_flows(*((2024, "KAZ", other, 100, "KAZ") for other in ["KGZ", "TJK", "TKM"]))
    assert trade_year_for(pd.concat([flows, later]), COUNTRIES, 2026) == 2023
    later = pd.concat([later, trade_flows((2024, "KAZ", "UZB", 100, "UZB"))])
    assert trade_year_for(pd.concat([flows, later]), COUNTRIES, 2026) == 2024

    def map_of_2025_projects(**shown_year: int) -> go.Figure:
        """The map of the 2025 projects, its countries shaded by their trade of 2023."""
        return projects_map_figure(
            filter_projects(MAP_PROJECTS, year=2025),
            MAP_ROUTES,
            COUNTRIES,
            trade.reset_index(),
            trade_year=2023,
            **shown_year,
        )

    figure = map_of_2025_projects()
    (shaded,) = traces_with(figure, "trade")
    assert shaded.locationmode == "ISO-3"
    assert list(shaded.locations) == ["KAZ"]
    assert list(shaded.z) == [6.2]  # USD bn
    assert shaded.zmin == 0
    assert shaded.colorbar.title.text == "Trade with the other four, 2023"
    (shaded,) = traces_with(map_of_2025_projects(shown_year=2026), "trade")
    assert shaded.colorbar.title.text == (
        "Trade with the other four, 2023<br>the latest year with complete data"
    )
    assert list(shaded.colorbar.tickvals) == [0, 2, 4, 6]
    assert list(shaded.colorbar.ticktext) == ["$0bn", "$2bn", "$4bn", "$6bn"]
    (gap,) = traces_with(figure, "no_trade_data")
    assert list(gap.locations) == ["KGZ", "TJK", "TKM", "UZB"]
    assert "at least $4.6bn" in gap.text[3]
    assert {colour for _, colour in gap.colorscale} == {"#FFFFFF"}
    note = trade_shading_note(trade.reset_index(), COUNTRIES, 2023, 2026)
    assert "2023" in note
    assert "Uzbekistan" in note


def test_colourbar_ticks_are_round() -> None:
    assert colourbar_ticks(7.66) == [0, 2, 4, 6]
    assert colourbar_ticks(11.5) == [0, 5, 10]
    assert colourbar_ticks(0.35) == [0, 0.1, 0.2, 0.3]
    assert colourbar_ticks(0) == [0]


def test_no_trade_data_shades_nothing() -> None:
    figure = map_of(MAP_PROJECTS)
    assert traces_with(figure, "trade") == []
    (gap,) = traces_with(figure, "no_trade_data")
    assert sorted(gap.locations) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert "shaded" in trade_shading_note(no_trade(), COUNTRIES, None, 2026)


def test_bundled_projects_all_appear_on_the_map(bundled: TradeData) -> None:
    shown = filter_projects(bundled.projects, year=2026)
    figure = projects_map_figure(
        shown, bundled.project_routes, bundled.countries, no_trade(), trade_year=None
    )
    placed = shown[
        shown["latitude"].notna() | shown["project_id"].isin(bundled.project_routes["project_id"])
    ]
    assert ids_drawn(figure, "sites") == set(placed["project_id"])
    assert ids_drawn(figure, "routes") == set(bundled.project_routes["project_id"])
    markers = sum(len(trace.lat) for trace in traces_with(figure, "sites"))
    assert markers == len(placed)
    assert traces_with(figure, "clusters") == []


@pytest.mark.parametrize(
    ("name", "latitude", "longitude"),
    [
        # 41°46'17.8"N 73°26'10.3"E and 38°40'59"N 69°46'19"E, as published.
        ("Kambarata HPP-1", 41 + 46 / 60 + 17.8 / 3600, 73 + 26 / 60 + 10.3 / 3600),
        ("Rogun HPP", 38 + 40 / 60 + 59 / 3600, 69 + 46 / 60 + 19 / 3600),
    ],
)
def test_the_big_dams_sit_at_their_coordinates(
    bundled: TradeData, name: str, latitude: float, longitude: float
) -> None:
    (pid,) = bundled.projects.loc[bundled.projects["name"] == name, "project_id"]
    figure = projects_map_figure(
        filter_projects(bundled.projects, year=2026),
        bundled.project_routes,
        bundled.countries,
        no_trade(),
        trade_year=None,
    )
    positions = marker_positions(
        filter_projects(bundled.projects, year=2026), bundled.project_routes, MapView()
    ).set_index("project_id")
    assert positions.loc[pid, "latitude"] == pytest.approx(latitude, abs=0.001)
    assert positions.loc[pid, "longitude"] == pytest.approx(longitude, abs=0.001)
    (sites,) = traces_with(figure, "sites")
    at = list(sites.customdata).index(pid)
    drawn = (sites.lon[at], sites.lat[at])
    if positions.loc[pid, "moved"]:
        # Spread from a crowded place: a leader line runs from the marker to the true point.
        (leaders,) = traces_with(figure, "leaders")
        pairs = list(zip(leaders.lon, leaders.lat, strict=True))
        start = pairs.index((positions.loc[pid, "longitude"], positions.loc[pid, "latitude"]))
        assert pairs[start + 1] == pytest.approx(drawn)
    else:
        assert drawn == pytest.approx((longitude, latitude), abs=0.001)


@pytest.mark.parametrize("view", ["region", "fergana", "KGZ"])
def test_the_map_passes_plotly_checks(bundled: TradeData, view: str) -> None:
    # The figure is built without plotly's checks, for speed: they run here instead.
    year = trade_year_for(bundled.trade_flows, bundled.countries, 2026)
    assert year is not None
    figure = projects_map_figure(
        filter_projects(bundled.projects, year=2026),
        bundled.project_routes,
        bundled.countries,
        country_trade_with_region(bundled.trade_flows, bundled.countries, year),
        trade_year=year,
        selected="china_kyrgyzstan_uzbekistan_railway",
        view=MapView(name=view, narrow=view == "KGZ", zoom=3 if view == "region" else 0),
    )
    checked = go.Figure(figure.to_dict())
    assert checked.to_dict() == figure.to_dict()
    assert {trace.meta["role"] for trace in figure.data} >= {"sites", "routes", "key_status"}


@pytest.mark.parametrize(
    "name_start",
    ["China–Kyrgyzstan–Uzbekistan railway", "Central Asia–China gas pipeline"],
)
def test_the_big_corridors_are_drawn_as_lines(bundled: TradeData, name_start: str) -> None:
    ids = set(
        bundled.projects.loc[bundled.projects["name"].str.startswith(name_start), "project_id"]
    )
    assert ids
    figure = projects_map_figure(
        filter_projects(bundled.projects, year=2026),
        bundled.project_routes,
        bundled.countries,
        no_trade(),
        trade_year=None,
    )
    for pid in ids:
        lines = [t for t in traces_with(figure, "routes") if pid in set(t.customdata)]
        assert len(lines) == 1
        points = [
            lat for lat, who in zip(lines[0].lat, lines[0].customdata, strict=True) if who == pid
        ]
        # Every waypoint of the route, none dropped or doubled.
        assert len(points) == (bundled.project_routes["project_id"] == pid).sum()


@pytest.mark.chromium
def test_the_bundled_map_exports_offline_with_countries_and_markers(bundled: TradeData) -> None:
    year = trade_year_for(bundled.trade_flows, bundled.countries, 2026)
    assert year is not None
    shown = filter_projects(bundled.projects, year=2026)
    figure = projects_map_figure(
        shown,
        bundled.project_routes,
        bundled.countries,
        country_trade_with_region(bundled.trade_flows, bundled.countries, year),
        trade_year=year,
        selected="kambarata_1_hpp",
    )
    # The export points plotly.io at the vendored basemap (a file:// URI): no network.
    svg = ImageRenderer().render(figure, "svg", 1200, 700).decode("utf-8")
    assert svg.count('class="choroplethlocation"') == 5
    assert re.search(r'<g class="layer countries"><path d="M[\d.]+', svg)
    assert re.search(r'<g class="layer land"><path d="M[\d.]+', svg)
    # One point per marker the figure sends (sites, clusters, click points along the routes,
    # the ring...); the key's traces hold no position and draw none.
    sent = sum(
        sum(lon is not None and lat is not None for lon, lat in zip(t.lon, t.lat, strict=True))
        for t in figure.data
        if t.type == "scattergeo" and "markers" in (t.mode or "")
    )
    assert svg.count('class="point"') == sent


def test_timeline_rows_run_from_start_to_completion() -> None:
    projects = make_projects(
        {"project_id": "late", "start_year": 2024, "completion_year": 2030},
        {
            "project_id": "early",
            "start_year": 2010,
            "completion_year": 2015,
            "status": "operational",
        },
        {"project_id": "open", "start_year": 2020},
        {"project_id": "unplaced"},
    )
    shown = filter_projects(projects, year=2026)
    assert list(timeline_rows(shown)["project_id"]) == ["early", "open", "late"]
    assert "name" not in timeline_rows(shown).columns
    rows = named_timeline_rows(shown)
    assert list(rows["project_id"]) == ["early", "open", "late"]
    assert list(rows["name"]) == ["early", "open", "late"]
    assert list(rows["open_ended"]) == [False, True, False]
    assert rows["end_year"].isna().tolist() == [False, True, False]

    figure = projects_timeline_figure(rows, current_year=2026, as_of_year=2030, selected="late")
    bars = [trace for trace in figure.data if (trace.meta or {}).get("role") == "bars"]
    assert sorted(trace.meta["status"] for trace in bars) == ["operational", "planned"]
    planned = next(trace for trace in bars if trace.meta["status"] == "planned")
    by_id = dict(zip(planned.y, zip(planned.base, planned.x, strict=True), strict=True))
    assert by_id["late"] == (2024, 7)  # 2024 to the end of 2030
    assert by_id["open"][0] == 2020
    assert by_id["open"][0] + by_id["open"][1] == figure.layout.xaxis.range[1]
    now = figure.layout.shapes[0]
    assert (now.x0, now.x1) == (2026, 2027)
    assert any("2026" in a.text for a in figure.layout.annotations)
    assert any("2030" in a.text for a in figure.layout.annotations)
    names = next(trace for trace in figure.data if (trace.meta or {}).get("role") == "names")
    assert "<b>late</b>" in names.text
    assert short_label("x" * 60).endswith("…")
    assert len(short_label("x" * 60)) == 46

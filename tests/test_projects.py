"""Projects: status in a year, filters, map traces, card, table, timeline and country shading."""

from __future__ import annotations

import math
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from ca_trade.charts.projects_map import (
    FRAME_ASPECT,
    GEO_SCOPE,
    LAT_RANGE,
    LON_RANGE,
    STATUS_COLOURS,
    STATUS_DASHES,
    STATUS_FILLS,
    TYPE_SYMBOLS,
    colourbar_ticks,
    map_frame,
    marker_symbol,
    projects_map_figure,
    route_coordinates,
    trade_shading_note,
)
from ca_trade.charts.projects_timeline import projects_timeline_figure, short_label
from ca_trade.charts.theme import PALETTE
from ca_trade.data import TradeData, load_trade_data
from ca_trade.export import ImageRenderer
from ca_trade.format import format_capacity
from ca_trade.paths import PROJECT_ROOT
from ca_trade.present.projects import (
    country_name,
    format_cost,
    named_timeline_rows,
    project_card,
    project_table,
    unplaced_names,
)
from ca_trade.projects import (
    PROJECT_TYPES,
    STATUSES,
    country_trade_with_region,
    filter_projects,
    map_positions,
    project_country_codes,
    status_counts,
    timeline_rows,
    trade_year_for,
    unplaced_ids,
    with_status_in_year,
    year_range,
)

VALID_FIXTURE = Path(__file__).parent / "data" / "valid"
DESCRIPTOR = PROJECT_ROOT / "data" / "datapackage.json"

PROJECT_DEFAULTS: dict[str, Any] = {
    "name_ru": "проект",
    "type": "rail",
    "geometry": "point",
    "countries": "KAZ;UZB",
    "status": "planned",
    "status_date": pd.Timestamp("2025-06-01"),
    "start_year": None,
    "completion_year": None,
    "capacity_value": None,
    "capacity_unit": None,
    "length_km": None,
    "cost_usd_bn": None,
    "partners": None,
    "latitude": None,
    "longitude": None,
    "coord_precision": None,
    "coord_source": None,
    "description": "A project.",
    "trade_relevance": "Carries trade.",
    "note": None,
}


def make_projects(*rows: dict[str, Any]) -> pd.DataFrame:
    """Build a projects frame with the loader's dtypes from partial rows."""
    records = [
        {"project_id": row["project_id"], "name": row.get("name", row["project_id"])}
        | PROJECT_DEFAULTS
        | row
        for row in rows
    ]
    frame = pd.DataFrame(records)
    return frame.astype(
        {
            "start_year": "Int64",
            "completion_year": "Int64",
            "capacity_value": "float64",
            "length_km": "float64",
            "cost_usd_bn": "float64",
            "latitude": "float64",
            "longitude": "float64",
        }
    )


def make_routes(*waypoints: tuple[str, int, int, str, float, float]) -> pd.DataFrame:
    """Build a project_routes frame from (project_id, segment, seq, place, lat, lon) tuples."""
    frame = pd.DataFrame(
        waypoints, columns=["project_id", "segment", "seq", "place", "latitude", "longitude"]
    )
    return frame.astype({"segment": "Int64", "seq": "Int64"})


COUNTRIES = pd.DataFrame(
    {
        "iso3": ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
        "name": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
        "name_ru": ["Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"],
        "reporter_priority": pd.array([1, 3, 4, None, 2], dtype="Int64"),
        "label_lat": [48.0, 41.5, 38.8, 39.0, 41.5],
        "label_lon": [67.0, 74.5, 71.0, 59.5, 64.0],
    }
)


def trade_flows(*rows: tuple[int, str, str, float, str]) -> pd.DataFrame:
    """Build full-year turnover rows from (year, country, partner, value_usd_m, reporter)."""
    return pd.DataFrame(
        {
            "flow_id": [f"f{i}" for i in range(len(rows))],
            "year": pd.array([r[0] for r in rows], dtype="Int64"),
            "months": pd.array([12] * len(rows), dtype="Int64"),
            "country": [r[1] for r in rows],
            "partner": [r[2] for r in rows],
            "flow": ["turnover"] * len(rows),
            "value_usd_m": [float(r[3]) for r in rows],
            "reporter": [r[4] for r in rows],
            "qualifier": ["exact"] * len(rows),
            "source_id": ["src_a"] * len(rows),
            "note": [None] * len(rows),
        }
    )


def no_trade() -> pd.DataFrame:
    """Country trade with no data for anyone (every country a gap)."""
    return country_trade_with_region(trade_flows(), COUNTRIES, 2023)


@pytest.fixture
def fixture_data(tmp_path: Path) -> TradeData:
    """The tiny valid package, described by the real datapackage.json."""
    folder = tmp_path / "package"
    shutil.copytree(VALID_FIXTURE, folder)
    shutil.copy(DESCRIPTOR, folder / "datapackage.json")
    return load_trade_data(folder)


@pytest.fixture(scope="module")
def bundled() -> TradeData:
    """The bundled data package in data/."""
    return load_trade_data()


def traces_with(figure: go.Figure, role: str) -> list[Any]:
    """Return the traces whose meta role is `role`."""
    return [trace for trace in figure.data if (trace.meta or {}).get("role") == role]


def ids_drawn(figure: go.Figure, role: str) -> set[str]:
    """Return the project ids in the customdata of the traces of `role`."""
    return {pid for trace in traces_with(figure, role) for pid in trace.customdata if pid}


# --- status in a year ------------------------------------------------------------------------


def test_a_project_completed_by_the_year_counts_as_operational() -> None:
    projects = make_projects(
        {
            "project_id": "built",
            "status": "operational",
            "start_year": 2008,
            "completion_year": 2015,
        }
    )
    statuses = {
        year: with_status_in_year(projects, year)["status_as_of"].iloc[0]
        for year in (2005, 2010, 2015, 2020)
    }
    assert statuses == {
        2005: "planned",
        2010: "under_construction",
        2015: "operational",
        2020: "operational",
    }


def test_a_scheduled_completion_counts_only_after_the_status_date() -> None:
    projects = make_projects(
        {
            "project_id": "due",
            "status": "under_construction",
            "status_date": pd.Timestamp("2025-03-01"),
            "start_year": 2022,
            "completion_year": 2025,
        }
    )
    # The 2025 source still says "under construction": the schedule does not override it.
    same_year = with_status_in_year(projects, 2025)
    assert same_year["status_as_of"].iloc[0] == "under_construction"
    assert not same_year["status_is_scheduled"].iloc[0]
    later = with_status_in_year(projects, 2026)
    assert later["status_as_of"].iloc[0] == "operational"
    assert later["status_is_scheduled"].iloc[0]


def test_suspended_stays_suspended_and_future_starts_are_planned() -> None:
    projects = make_projects(
        {
            "project_id": "halted",
            "status": "suspended",
            "start_year": 2014,
            "completion_year": 2020,
        },
        {"project_id": "later", "status": "under_construction", "start_year": 2024},
        {"project_id": "partly", "status": "partially_operational", "completion_year": 2033},
    )
    in_2022 = with_status_in_year(projects, 2022).set_index("project_id")["status_as_of"]
    in_2030 = with_status_in_year(projects, 2030).set_index("project_id")["status_as_of"]
    in_2033 = with_status_in_year(projects, 2033).set_index("project_id")["status_as_of"]
    assert in_2022.to_dict() == {
        "halted": "suspended",
        "later": "planned",
        "partly": "partially_operational",
    }
    assert in_2030["halted"] == "suspended"
    assert in_2030["later"] == "under_construction"
    assert in_2030["partly"] == "partially_operational"
    assert in_2033["partly"] == "operational"


# --- filters ---------------------------------------------------------------------------------

FILTER_PROJECTS = make_projects(
    {"project_id": "dam", "type": "hydropower", "countries": "KGZ;KAZ;UZB", "status": "planned"},
    {"project_id": "pipe", "type": "gas", "countries": "TKM;UZB;KAZ;CHN", "status": "operational"},
    {
        "project_id": "rail",
        "type": "rail",
        "countries": "CHN;KGZ;UZB",
        "status": "under_construction",
    },
    {"project_id": "road", "type": "road", "countries": "TJK", "status": "operational"},
    {
        "project_id": "soon",
        "type": "rail",
        "countries": "KAZ",
        "status": "under_construction",
        "completion_year": 2027,
    },
)


def test_empty_filters_keep_every_project() -> None:
    shown = filter_projects(FILTER_PROJECTS, year=2025)
    assert list(shown["project_id"]) == list(FILTER_PROJECTS["project_id"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"types": ["rail"]}, ["rail", "soon"]),
        ({"types": ["hydropower", "gas"]}, ["dam", "pipe"]),
        ({"statuses": ["operational"]}, ["pipe", "road"]),
        ({"countries": ["TJK"]}, ["road"]),
        ({"countries": ["KGZ", "TJK"]}, ["dam", "rail", "road"]),
        ({"types": ["rail"], "countries": ["UZB"]}, ["rail"]),
        ({"types": ["port"]}, []),
    ],
)
def test_filters_return_what_they_say(filters: dict[str, list[str]], expected: list[str]) -> None:
    shown = filter_projects(FILTER_PROJECTS, year=2025, **filters)
    assert list(shown["project_id"]) == expected
    for row in shown.to_dict("records"):
        assert not filters.get("types") or row["type"] in filters["types"]
        assert not filters.get("statuses") or row["status_as_of"] in filters["statuses"]
        codes = set(project_country_codes(row["countries"]))
        assert not filters.get("countries") or codes & set(filters["countries"])


def test_status_filter_applies_to_the_status_in_the_year() -> None:
    assert "soon" not in set(
        filter_projects(FILTER_PROJECTS, year=2026, statuses=["operational"])["project_id"]
    )
    in_2027 = filter_projects(FILTER_PROJECTS, year=2027, statuses=["operational"])
    assert set(in_2027["project_id"]) == {"pipe", "road", "soon"}
    counts = status_counts(filter_projects(FILTER_PROJECTS, year=2027))
    assert counts == {
        "operational": 3,
        "partially_operational": 0,
        "under_construction": 1,
        "planned": 1,
        "suspended": 0,
    }


def test_year_range_spans_starts_and_completions() -> None:
    projects = make_projects(
        {"project_id": "a", "start_year": 1976, "completion_year": 2033},
        {"project_id": "b", "start_year": 2020},
    )
    assert year_range(projects) == (1976, 2033)
    with pytest.raises(ValueError, match="no project"):
        year_range(make_projects({"project_id": "c"}))


# --- map -------------------------------------------------------------------------------------

MAP_PROJECTS = make_projects(
    {"project_id": "dam", "type": "hydropower", "latitude": 41.77, "longitude": 73.44},
    {
        "project_id": "plant",
        "type": "hydropower",
        "status": "operational",
        "latitude": 38.7,
        "longitude": 69.8,
    },
    {
        "project_id": "hub",
        "type": "hub",
        "status": "suspended",
        "latitude": 44.2,
        "longitude": 80.4,
    },
    {"project_id": "rail", "type": "rail", "geometry": "line", "status": "under_construction"},
    {"project_id": "pipe", "type": "gas", "geometry": "line", "status": "operational"},
    {"project_id": "idea", "type": "water_energy", "geometry": "none"},
)
MAP_ROUTES = make_routes(
    ("rail", 1, 1, "Kashgar", 39.47, 75.99),
    ("rail", 1, 2, "Torugart", 40.56, 75.39),
    ("rail", 2, 1, "Jalal-Abad", 40.93, 73.00),
    ("rail", 2, 2, "Andijan", 40.78, 72.34),
    ("pipe", 1, 1, "Olot", 39.42, 63.80),
    ("pipe", 1, 2, "Shymkent", 42.30, 69.60),
    ("pipe", 1, 3, "Khorgos", 44.20, 80.40),
)


def map_of(
    projects: pd.DataFrame, selected: str | None = None, year: int = 2025, zoom: bool = False
) -> go.Figure:
    """Draw the map of `projects` (all statuses as of `year`) with no trade data."""
    return projects_map_figure(
        filter_projects(projects, year=year),
        MAP_ROUTES,
        COUNTRIES,
        no_trade(),
        trade_year=None,
        selected=selected,
        zoom=zoom,
    )


def test_every_project_with_coordinates_or_a_route_appears() -> None:
    figure = map_of(MAP_PROJECTS)
    assert ids_drawn(figure, "sites") == {"dam", "plant", "hub", "rail", "pipe"}
    assert ids_drawn(figure, "routes") == {"rail", "pipe"}
    assert "idea" not in ids_drawn(figure, "sites") | ids_drawn(figure, "routes")


def test_one_marker_trace_per_type_and_one_line_trace_per_type_and_status() -> None:
    figure = map_of(MAP_PROJECTS)
    sites = traces_with(figure, "sites")
    assert sorted(trace.meta["type"] for trace in sites) == ["gas", "hub", "hydropower", "rail"]
    hydro = next(trace for trace in sites if trace.meta["type"] == "hydropower")
    assert len(hydro.lat) == 2
    routes = traces_with(figure, "routes")
    assert sorted((t.meta["type"], t.meta["status"]) for t in routes) == [
        ("gas", "operational"),
        ("rail", "under_construction"),
    ]
    assert all(trace.mode == "lines" for trace in routes)


def test_route_segments_are_separated_by_none() -> None:
    lons, lats, ids, places = route_coordinates(MAP_ROUTES, ["rail"])
    assert lons == [75.99, 75.39, None, 73.00, 72.34, None]
    assert lats == [39.47, 40.56, None, 40.93, 40.78, None]
    assert ids == ["rail", "rail", None, "rail", "rail", None]
    assert places[:2] == ["Kashgar", "Torugart"]
    rail = next(t for t in traces_with(map_of(MAP_PROJECTS), "routes") if t.meta["type"] == "rail")
    assert list(rail.lon) == lons


def test_sites_are_at_their_coordinates_and_lines_marked_at_a_middle_waypoint() -> None:
    positions = map_positions(MAP_PROJECTS, MAP_ROUTES).set_index("project_id")
    assert (positions.loc["dam", "latitude"], positions.loc["dam", "longitude"]) == (41.77, 73.44)
    assert not positions.loc["dam", "on_route"]
    assert (positions.loc["pipe", "latitude"], positions.loc["pipe", "longitude"]) == (42.30, 69.60)
    assert positions.loc["rail", "on_route"]
    assert "idea" not in positions.index
    assert unplaced_ids(MAP_PROJECTS, MAP_ROUTES) == ["idea"]
    assert unplaced_names(MAP_PROJECTS, MAP_ROUTES) == ["idea"]


def test_symbol_by_type_and_colour_by_status_never_colour_alone() -> None:
    figure = map_of(MAP_PROJECTS)
    hydro = next(t for t in traces_with(figure, "sites") if t.meta["type"] == "hydropower")
    by_id = dict(zip(hydro.customdata, hydro.marker.symbol, strict=True))
    assert by_id == {"dam": "triangle-up-open", "plant": "triangle-up"}
    colours = dict(zip(hydro.customdata, hydro.marker.color, strict=True))
    assert colours == {"dam": STATUS_COLOURS["planned"], "plant": STATUS_COLOURS["operational"]}
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


def test_the_map_frames_central_asia_and_needs_no_network() -> None:
    figure = map_of(MAP_PROJECTS)
    geo = figure.layout.geo
    assert geo.scope == GEO_SCOPE == "asia"
    assert tuple(geo.lonaxis.range) == LON_RANGE
    assert tuple(geo.lataxis.range) == LAT_RANGE
    # Zoomed, it fits what is drawn (63.8-80.4 E, 38.7-44.2 N) with a margin, same shape.
    zoomed = map_of(MAP_PROJECTS, zoom=True).layout.geo
    assert tuple(zoomed.lonaxis.range) == pytest.approx((62.3, 81.9))
    lat_span = 19.6 / FRAME_ASPECT
    assert tuple(zoomed.lataxis.range) == pytest.approx(
        (41.45 - lat_span / 2, 41.45 + lat_span / 2)
    )
    assert geo.showcountries
    assert "http" not in figure.to_json()
    labels = traces_with(figure, "country_names")[0]
    assert list(labels.text) == [name.upper() for name in COUNTRIES["name"]]


def test_the_frame_fits_what_is_drawn_inside_the_region() -> None:
    nothing = make_routes()
    empty = pd.DataFrame({"longitude": [], "latitude": []})
    assert map_frame(empty, nothing) == (LON_RANGE, LAT_RANGE)
    one = pd.DataFrame({"longitude": [73.44], "latitude": [41.77]})
    lons, lats = map_frame(one, nothing)
    assert lats == pytest.approx((41.77 - 3.5, 41.77 + 3.5))  # at least 7 degrees
    assert lons == pytest.approx((73.44 - 3.5 * FRAME_ASPECT, 73.44 + 3.5 * FRAME_ASPECT))
    edge = pd.DataFrame({"longitude": [87.5], "latitude": [55.5]})
    lons, lats = map_frame(edge, nothing)
    assert lons == pytest.approx((LON_RANGE[1] - 7 * FRAME_ASPECT, LON_RANGE[1]))
    assert lats == pytest.approx((LAT_RANGE[1] - 7, LAT_RANGE[1]))
    tall = pd.DataFrame({"longitude": [70.0, 70.5], "latitude": [36.0, 46.0]})
    lons, lats = map_frame(tall, nothing)
    assert (lons[1] - lons[0]) / (lats[1] - lats[0]) == pytest.approx(FRAME_ASPECT)
    assert lats == pytest.approx((34.5, 47.5))
    wide = pd.DataFrame({"longitude": [30.0, 100.0], "latitude": [20.0, 60.0]})
    assert map_frame(wide, nothing) == (LON_RANGE, LAT_RANGE)


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

    figure = projects_map_figure(
        filter_projects(MAP_PROJECTS, year=2025),
        MAP_ROUTES,
        COUNTRIES,
        trade.reset_index(),
        trade_year=2023,
    )
    (shaded,) = traces_with(figure, "trade")
    assert shaded.locationmode == "ISO-3"
    assert list(shaded.locations) == ["KAZ"]
    assert list(shaded.z) == [6.2]  # USD bn
    assert shaded.zmin == 0
    assert "2023" in shaded.colorbar.title.text
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


def test_the_fixture_package_uses_the_reporter_rule(fixture_data: TradeData) -> None:
    trade = country_trade_with_region(
        fixture_data.trade_flows, fixture_data.countries, 2023
    ).set_index("iso3")
    assert trade.loc["KAZ", "value_usd_m"] == 4000
    assert trade.loc["KAZ", "partners_covered"] == 1
    assert math.isnan(trade.loc["KGZ", "value_usd_m"])  # its only 2023 value covers 10 months
    assert trade_year_for(fixture_data.trade_flows, fixture_data.countries, 2025) is None


# --- card, table, timeline --------------------------------------------------------------------


def test_the_card_holds_figures_with_units_dates_and_sources(fixture_data: TradeData) -> None:
    card = project_card(
        "dam_a",
        fixture_data.projects,
        fixture_data.project_routes,
        fixture_data.project_sources,
        fixture_data.sources,
        fixture_data.countries,
    )
    assert card.name == "Dam A"
    assert card.capacity == "1,860 MW"
    assert card.cost == "$4.2bn"
    assert card.facts.cost_usd_bn == 4.2
    assert (card.facts.start_year, card.facts.completion_year) == (2022, 2030)
    assert card.status_label == "Under construction"
    assert card.facts.status_date == date(2025, 10, 16)
    assert card.status_day == "16 Oct 2025"
    assert card.facts.country_codes == ("KGZ", "KAZ", "UZB")
    assert card.countries == ("Kyrgyzstan", "Kazakhstan", "Uzbekistan")
    assert not card.facts.coordinates_approximate
    assert not card.facts.has_route
    assert [(s.title, s.url) for s in card.sources] == [
        ("Fixture source A", "https://example.org/a")
    ]
    rail = project_card(
        "rail_b",
        fixture_data.projects,
        fixture_data.project_routes,
        fixture_data.project_sources,
        fixture_data.sources,
        fixture_data.countries,
    )
    assert rail.facts.has_route
    assert rail.length == "300 km"
    assert rail.capacity is None
    with pytest.raises(KeyError):
        project_card(
            "nope",
            fixture_data.projects,
            fixture_data.project_routes,
            fixture_data.project_sources,
            fixture_data.sources,
            fixture_data.countries,
        )


def test_formats_and_names() -> None:
    assert format_capacity(30, "bcm_per_year") == "30 bcm/yr"
    assert format_capacity(1.5, "mt_per_year") == "1.5 Mt/yr"
    assert format_capacity(None, "MW") is None
    assert format_cost(0.282) == "$0.28bn"
    assert format_cost(6.29) == "$6.29bn"
    assert format_cost(None) is None
    assert country_name("KGZ", COUNTRIES) == "Kyrgyzstan"
    assert country_name("CHN", COUNTRIES) == "China"
    assert country_name("XXX", COUNTRIES) == "XXX"


def test_the_table_has_one_row_per_project_with_labels_and_links(fixture_data: TradeData) -> None:
    shown = filter_projects(fixture_data.projects, year=2031)
    table = project_table(
        shown, fixture_data.project_sources, fixture_data.sources, fixture_data.countries
    )
    assert list(table["project_id"]) == ["dam_a", "rail_b"]
    assert list(table["status"]) == ["Operational (scheduled)", "Operational (scheduled)"]
    assert list(table["source_url"]) == ["https://example.org/a", "https://example.org/b"]
    assert list(table["countries"]) == [
        "Kyrgyzstan, Kazakhstan, Uzbekistan",
        "Kyrgyzstan, Uzbekistan",
    ]
    assert table["cost_usd_bn"].tolist() == [4.2, 4.7]


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


# --- the bundled data --------------------------------------------------------------------------


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
    assert tuple(figure.layout.geo.lonaxis.range) == LON_RANGE
    assert tuple(figure.layout.geo.lataxis.range) == LAT_RANGE
    markers = sum(len(trace.lat) for trace in traces_with(figure, "sites"))
    assert markers == len(placed)
    for trace in traces_with(figure, "routes"):
        assert all(LAT_RANGE[0] - 5 <= lat <= LAT_RANGE[1] for lat in trace.lat if lat is not None)


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
    hydro = next(t for t in traces_with(figure, "sites") if t.meta["type"] == "hydropower")
    at = list(hydro.customdata).index(pid)
    assert hydro.lat[at] == pytest.approx(latitude, abs=0.001)
    assert hydro.lon[at] == pytest.approx(longitude, abs=0.001)


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
        assert len(points) >= 2


def test_the_bundled_shading_year_has_a_complete_country(bundled: TradeData) -> None:
    year = trade_year_for(bundled.trade_flows, bundled.countries, 2026)
    assert year is not None
    trade = country_trade_with_region(bundled.trade_flows, bundled.countries, year)
    assert trade["complete"].any()
    assert (trade.loc[trade["complete"], "value_usd_m"] > 0).all()


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
    markers = len(map_positions(shown, bundled.project_routes))
    assert svg.count('class="point"') >= markers

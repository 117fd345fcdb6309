"""Projects core: status in a year, filters, map positions, facts, timeline rows, country trade."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ca_trade.data import TradeData
from ca_trade.projects import (
    country_trade_with_region,
    filter_projects,
    map_positions,
    map_trade,
    project_country_codes,
    status_counts,
    trade_year_for,
    unplaced_ids,
    with_status_in_year,
    year_range,
)
from tests.project_frames import MAP_PROJECTS, MAP_ROUTES, make_projects


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


def test_sites_are_at_their_coordinates_and_lines_marked_at_a_middle_waypoint() -> None:
    positions = map_positions(MAP_PROJECTS, MAP_ROUTES).set_index("project_id")
    assert (positions.loc["dam", "latitude"], positions.loc["dam", "longitude"]) == (41.77, 73.44)
    assert not positions.loc["dam", "on_route"]
    assert (positions.loc["pipe", "latitude"], positions.loc["pipe", "longitude"]) == (42.30, 69.60)
    assert positions.loc["rail", "on_route"]
    assert "idea" not in positions.index
    assert unplaced_ids(MAP_PROJECTS, MAP_ROUTES) == ["idea"]


def test_the_fixture_package_uses_the_reporter_rule(fixture_data: TradeData) -> None:
    trade = country_trade_with_region(
        fixture_data.trade_flows, fixture_data.countries, 2023
    ).set_index("iso3")
    assert trade.loc["KAZ", "value_usd_m"] == 4000
    assert trade.loc["KAZ", "partners_covered"] == 1
    assert math.isnan(trade.loc["KGZ", "value_usd_m"])  # its only 2023 value covers 10 months
    assert trade_year_for(fixture_data.trade_flows, fixture_data.countries, 2025) is None


def test_map_trade_without_a_year_to_shade_by_marks_no_country_complete(
    fixture_data: TradeData,
) -> None:
    trade_year, trade = map_trade(fixture_data.trade_flows, fixture_data.countries, 2025)
    assert trade_year is None
    assert trade["iso3"].tolist() == fixture_data.countries["iso3"].tolist()
    assert not trade["complete"].any()


def test_map_trade_shades_by_the_latest_year_with_a_complete_country(bundled: TradeData) -> None:
    trade_year, trade = map_trade(bundled.trade_flows, bundled.countries, 2026)
    assert trade_year == trade_year_for(bundled.trade_flows, bundled.countries, 2026)
    assert trade_year is not None
    expected = country_trade_with_region(bundled.trade_flows, bundled.countries, trade_year)
    pd.testing.assert_frame_equal(trade, expected)


def test_the_bundled_shading_year_has_a_complete_country(bundled: TradeData) -> None:
    year = trade_year_for(bundled.trade_flows, bundled.countries, 2026)
    assert year is not None
    trade = country_trade_with_region(bundled.trade_flows, bundled.countries, year)
    assert trade["complete"].any()
    assert (trade.loc[trade["complete"], "value_usd_m"] > 0).all()

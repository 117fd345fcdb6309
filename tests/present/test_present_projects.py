"""Words of the Projects page: card, labels, names, table and timeline names."""

from __future__ import annotations

from datetime import date

import pytest

from ca_trade.data import TradeData
from ca_trade.format import format_capacity
from ca_trade.present.projects import (
    country_name,
    format_cost,
    project_card,
    project_table,
    unplaced_names,
    view_label,
)
from ca_trade.projects import filter_projects
from tests.project_frames import COUNTRIES, MAP_PROJECTS, MAP_ROUTES


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


def test_names_of_unplaced_projects_and_views() -> None:
    assert unplaced_names(MAP_PROJECTS, MAP_ROUTES) == ["idea"]
    assert view_label("fergana", COUNTRIES) == "Fergana valley"
    assert view_label("KGZ", COUNTRIES) == "Kyrgyzstan"

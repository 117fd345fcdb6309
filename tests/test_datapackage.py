"""The bundled data package: valid, fully sourced, and holding the facts of its release."""

from __future__ import annotations

import json

import frictionless
import pandas as pd
import pytest

from ca_trade.data import TradeData, load_trade_data
from ca_trade.paths import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"


@pytest.fixture(scope="module")
def data() -> TradeData:
    return load_trade_data(DATA)


def test_frictionless_reports_the_package_valid() -> None:
    report = frictionless.validate(str(DATA / "datapackage.json"))
    errors = [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]
    assert report.valid, errors[:20]


def test_every_csv_in_the_folder_is_described() -> None:
    described = {
        r["path"]
        for r in frictionless.Package(str(DATA / "datapackage.json")).to_dict()["resources"]
    }
    assert {p.name for p in DATA.glob("*.csv")} == described


def test_every_figure_has_a_source_with_a_url(data: TradeData) -> None:
    urls = data.sources.set_index("source_id")["url"]
    assert urls.str.match(r"https?://").all()
    for name in ("trade_totals", "trade_flows", "targets", "events"):
        frame: pd.DataFrame = getattr(data, name)
        assert frame["source_id"].isin(urls.index).all(), name
    sourced = data.assumptions[data.assumptions["basis"] == "sourced"]
    assert sourced["source_id"].notna().all()
    assert sourced["source_id"].isin(urls.index).all()
    illustrative = data.assumptions[data.assumptions["basis"] == "illustrative"]
    assert illustrative["note"].notna().all(), "an illustrative assumption must give its reasoning"


def test_every_project_has_a_source(data: TradeData) -> None:
    assert set(data.projects["project_id"]) == set(data.project_sources["project_id"])


def test_headline_series_is_the_official_one(data: TradeData) -> None:
    headline = data.trade_totals[
        (data.trade_totals["scope"] == "CA5") & (data.trade_totals["series"] == "headline")
    ]
    by_year = headline.groupby("year")["value_usd_bn"].agg(set).to_dict()
    assert by_year == {2018: {5.7}, 2023: {11.0}, 2024: {11.5}}


def test_goals_are_the_announced_ones(data: TradeData) -> None:
    regional = data.targets[(data.targets["scope"] == "CA5") & data.targets["value_usd_bn"].notna()]
    assert {15.0, 20.0} <= set(regional["value_usd_bn"])
    fifteen = regional[regional["value_usd_bn"] == 15.0]
    assert fifteen["deadline_year"].isna().all(), "no deadline was stated for the $15bn goal"
    twenty_announced = regional[regional["value_usd_bn"] == 20.0]["announced"].max()
    assert twenty_announced == pd.Timestamp("2025-11-16")
    kazakhstan = data.targets[data.targets["scope"] == "KAZ_CA"]
    assert (kazakhstan["value_usd_bn"] == 15.0).any()


def test_release_row_counts(data: TradeData) -> None:
    counts = {name: len(getattr(data, name)) for name in TradeData.__dataclass_fields__}
    assert counts == {
        "sources": 382,
        "countries": 5,
        "trade_totals": 28,
        "trade_flows": 184,
        "targets": 22,
        "events": 7,
        "projects": 47,
        "project_routes": 85,
        "project_sources": 214,
        "assumptions": 117,  # the pair trade is read from trade_flows
        "scenario_settings": 3,
        "scenario_parameters": 34,
    }


def test_kazakh_side_2025_values_are_in(data: TradeData) -> None:
    flows = data.trade_flows.set_index("flow_id")
    kaz_uzb = flows.loc["kaz_uzb_2025_turnover_kaz_1"]
    assert (kaz_uzb["year"], kaz_uzb["months"], kaz_uzb["reporter"]) == (2025, 12, "KAZ")
    assert (kaz_uzb["value_usd_m"], kaz_uzb["qualifier"]) == (4300.0, "exact")
    kaz_kgz = flows.loc["kaz_kgz_2025_turnover_kaz_1"]
    assert (kaz_kgz["value_usd_m"], kaz_kgz["qualifier"]) == (2000.0, "approximate")
    tokayev = flows.loc["kaz_kgz_2024_turnover_kaz_2"]
    assert (tokayev["value_usd_m"], tokayev["qualifier"]) == (1700.0, "exact")
    assert tokayev["source_id"] == "baq_2025_08_22_tokayev_japarov_3bn"


def test_railway_completion_and_cost_carry_their_sources(data: TradeData) -> None:
    railway = data.projects.set_index("project_id").loc["china_kyrgyzstan_uzbekistan_railway"]
    assert (railway["completion_year"], railway["cost_usd_bn"]) == (2030, 4.7)
    assert "523" in railway["note"]
    assert "532.53" in railway["note"]
    cited = set(
        data.project_sources.loc[
            data.project_sources["project_id"] == "china_kyrgyzstan_uzbekistan_railway",
            "source_id",
        ]
    )
    assert {"prj_kyrgyzstantime_cku_2030", "prj_vstime_cku_cost_2024"} <= cited
    darbaza = data.projects.set_index("project_id").loc["darbaza_maktaaral_railway"]
    assert (darbaza["capacity_value"], darbaza["capacity_unit"]) == (20.0, "mt_per_year")


def test_declared_cutoff_is_the_newest_source(data: TradeData) -> None:
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    newest = data.sources["published"].max().date()
    assert descriptor["cutoff"] == newest.isoformat() == "2026-03-21"


def test_line_projects_have_routes_and_point_projects_have_sites(data: TradeData) -> None:
    routed = set(data.project_routes["project_id"])
    lines = data.projects[data.projects["geometry"] == "line"]
    assert set(lines["project_id"]) == routed
    points = data.projects[data.projects["geometry"] == "point"]
    assert points[["latitude", "longitude"]].notna().all().all()

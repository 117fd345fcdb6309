"""The bundled data package: valid and fully sourced (`make dossier-check` compares it with research)."""

from __future__ import annotations

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


def test_headline_series_matches_the_dossier(data: TradeData) -> None:
    headline = data.trade_totals[
        (data.trade_totals["scope"] == "CA5") & (data.trade_totals["series"] == "headline")
    ]
    by_year = headline.groupby("year")["value_usd_bn"].agg(set).to_dict()
    assert by_year == {2018: {5.7}, 2023: {11.0}, 2024: {11.5}}


def test_goals_match_the_dossier(data: TradeData) -> None:
    regional = data.targets[(data.targets["scope"] == "CA5") & data.targets["value_usd_bn"].notna()]
    assert {15.0, 20.0} <= set(regional["value_usd_bn"])
    fifteen = regional[regional["value_usd_bn"] == 15.0]
    assert fifteen["deadline_year"].isna().all(), "no deadline was stated for the $15bn goal"
    twenty_announced = regional[regional["value_usd_bn"] == 20.0]["announced"].max()
    assert twenty_announced == pd.Timestamp("2025-11-16")
    kazakhstan = data.targets[data.targets["scope"] == "KAZ_CA"]
    assert (kazakhstan["value_usd_bn"] == 15.0).any()


def test_line_projects_have_routes_and_point_projects_have_sites(data: TradeData) -> None:
    routed = set(data.project_routes["project_id"])
    lines = data.projects[data.projects["geometry"] == "line"]
    assert set(lines["project_id"]) == routed
    points = data.projects[data.projects["geometry"] == "point"]
    assert points[["latitude", "longitude"]].notna().all().all()


def test_loading_never_writes_to_data() -> None:
    before = {p.name: p.stat().st_mtime_ns for p in DATA.iterdir()}
    load_trade_data(DATA)
    assert {p.name: p.stat().st_mtime_ns for p in DATA.iterdir()} == before

"""Small projects, routes, countries and trade frames for the projects tests, and helpers to
read the traces of a map figure."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ca_trade.data import TradeData, load_trade_data
from ca_trade.paths import PROJECT_ROOT
from ca_trade.projects import country_trade_with_region

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


def traces_with(figure: go.Figure, role: str) -> list[Any]:
    """Return the traces whose meta role is `role`."""
    return [trace for trace in figure.data if (trace.meta or {}).get("role") == role]


def ids_drawn(figure: go.Figure, role: str) -> set[str]:
    """Return the project ids in the customdata of the traces of `role`."""
    return {pid for trace in traces_with(figure, role) for pid in trace.customdata if pid}


def fixture_package(tmp_path: Path) -> TradeData:
    """Load the tiny valid package, described by the real datapackage.json."""
    folder = tmp_path / "package"
    shutil.copytree(VALID_FIXTURE, folder)
    shutil.copy(DESCRIPTOR, folder / "datapackage.json")
    return load_trade_data(folder)


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

"""Joint infrastructure projects: status in a year, filters, map positions, a project's facts,
timeline rows and each country's trade with the region; pure, no words (see ca_trade.present)."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from ca_trade.flows import country_totals, pair_values, turnover_candidates
from ca_trade.progress import FULL_YEAR_MONTHS

# Order of the schema's enums, as shown in filters and legends.
PROJECT_TYPES = (
    "hydropower",
    "water_energy",
    "gas",
    "power_transmission",
    "rail",
    "road",
    "port",
    "hub",
)
STATUSES = ("operational", "partially_operational", "under_construction", "planned", "suspended")


def status_counts(projects: pd.DataFrame) -> dict[str, int]:
    """Return how many projects of `filter_projects` have each status as of its year, every
    status listed (0 if none)."""
    counts = projects["status_as_of"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def project_country_codes(codes: str) -> list[str]:
    """Split the `countries` cell of projects.csv ('KGZ;KAZ;UZB') into ISO3 codes."""
    return [code.strip() for code in str(codes).split(";") if code.strip()]


def year_range(projects: pd.DataFrame) -> tuple[int, int]:
    """Return the first and last year named by any project (start or completion), inclusive.

    Raises:
        ValueError: if no project has a start or completion year.
    """
    years = pd.concat([projects["start_year"], projects["completion_year"]]).dropna()
    if years.empty:
        raise ValueError("no project has a start or a completion year")
    return int(years.min()), int(years.max())


def _optional_int(value: Any) -> int | None:
    """Return `value` as int, or None where it is missing (NA, NaN, None)."""
    return None if value is None or pd.isna(value) else int(value)


def _optional_float(value: Any) -> float | None:
    """Return `value` as float, or None where it is missing."""
    return None if value is None or pd.isna(value) else float(value)


def _optional_text(value: Any) -> str | None:
    """Return `value` as stripped text, or None where it is missing or blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _status_in_year(row: Mapping[Hashable, Any], year: int) -> tuple[str, bool]:
    """Return (status in `year`, whether that status rests on a scheduled completion)."""
    status = str(row["status"])
    start = _optional_int(row["start_year"])
    done = _optional_int(row["completion_year"])
    status_year = pd.Timestamp(row["status_date"]).year
    if status == "suspended":
        return status, False
    if start is not None and start > year:
        return "planned", False
    if done is not None and done <= year:
        if status == "operational":
            return status, False
        if year > status_year:
            return "operational", True
    if status == "operational" and done is not None and done > year:
        return "under_construction", False
    return status, False


def with_status_in_year(projects: pd.DataFrame, year: int) -> pd.DataFrame:
    """Add each project's status as it stands in `year`.

    The recorded status is the one of the latest source (`status_date`). For another year:
    a suspended project stays suspended; a project that starts after `year` is planned; one that
    completed by `year` is operational, and so is one scheduled to complete by `year` when `year`
    lies after the date of its latest status (the schedule is then all the data say); an
    operational project completed after `year` was under construction. Otherwise the recorded
    status stands.

    Returns a copy with `status_as_of` (a status code) and `status_is_scheduled` (bool: the
    status rests on a completion year still in the future at the status date).
    """
    rows = projects.to_dict("records")
    pairs = [_status_in_year(row, year) for row in rows]
    shown = projects.copy()
    shown["status_as_of"] = pd.Series([p[0] for p in pairs], index=projects.index, dtype="str")
    shown["status_is_scheduled"] = pd.Series(
        [p[1] for p in pairs], index=projects.index, dtype="bool"
    )
    return shown


def filter_projects(
    projects: pd.DataFrame,
    *,
    year: int,
    types: Collection[str] = (),
    statuses: Collection[str] = (),
    countries: Collection[str] = (),
) -> pd.DataFrame:
    """Return the projects of the given types, statuses (as they stand in `year`, see
    `with_status_in_year`) and countries (ISO3; any country the project involves), in input
    order with a fresh index. An empty collection does not filter."""
    shown = with_status_in_year(projects, year)
    keep = pd.Series(True, index=shown.index)
    if types:
        keep &= shown["type"].isin(list(types))
    if statuses:
        keep &= shown["status_as_of"].isin(list(statuses))
    if countries:
        wanted = set(countries)
        keep &= shown["countries"].map(
            lambda codes: bool(wanted & set(project_country_codes(codes)))
        )
    return shown[keep].reset_index(drop=True)


def map_positions(projects: pd.DataFrame, routes: pd.DataFrame) -> pd.DataFrame:
    """Return where each project's marker goes: its site, else the middle waypoint of its route.

    One row per project that has either: project_id, latitude, longitude (degrees) and
    `on_route` (True where the position is a route's middle waypoint).
    """
    ordered = routes.sort_values(["project_id", "segment", "seq"])
    middles = {
        str(pid): waypoints.iloc[len(waypoints) // 2]
        for pid, waypoints in ordered.groupby("project_id", sort=False)
    }
    records: list[tuple[str, float, float, bool]] = []
    for row in projects.to_dict("records"):
        pid = str(row["project_id"])
        lat, lon = _optional_float(row["latitude"]), _optional_float(row["longitude"])
        if lat is not None and lon is not None:
            records.append((pid, lat, lon, False))
        elif pid in middles:
            middle = middles[pid]
            records.append((pid, float(middle["latitude"]), float(middle["longitude"]), True))
    columns = ["project_id", "latitude", "longitude", "on_route"]
    return pd.DataFrame(records, columns=columns).astype(
        {"project_id": "str", "latitude": "float64", "longitude": "float64", "on_route": "bool"}
    )


def unplaced_ids(projects: pd.DataFrame, routes: pd.DataFrame) -> list[str]:
    """Return the ids of the projects with neither coordinates nor a route, in input order."""
    placed = set(map_positions(projects, routes)["project_id"])
    return [str(pid) for pid in projects["project_id"] if str(pid) not in placed]


@dataclass(frozen=True)
class SourceLink:
    """A publication supporting a project, as listed in sources.csv."""

    source_id: str
    title: str
    publisher: str
    url: str
    published: date | None


@dataclass(frozen=True)
class ProjectFacts:
    """What the data say about one project, as numbers, codes and dates (no words made here).

    Texts in the data (name, description, partners, notes) are read in the reader's language by
    `ca_trade.present.projects`, which turns these facts into a card.
    """

    project_id: str
    type: str
    status: str
    status_date: date
    country_codes: tuple[str, ...]
    start_year: int | None
    completion_year: int | None
    capacity_value: float | None
    capacity_unit: str | None
    length_km: float | None
    cost_usd_bn: float | None
    latitude: float | None
    longitude: float | None
    coord_precision: str | None
    has_route: bool
    sources: tuple[SourceLink, ...]

    @property
    def coordinates_approximate(self) -> bool:
        """Whether the marker stands at a nearby place rather than the published site."""
        return self.coord_precision == "approximate"


def sources_by_project(
    project_sources: pd.DataFrame, sources: pd.DataFrame
) -> dict[str, tuple[SourceLink, ...]]:
    """Return every project's sources, newest publication first, undated last."""
    links = {
        str(row["source_id"]): SourceLink(
            source_id=str(row["source_id"]),
            title=str(row["title"]),
            publisher=str(row["publisher"]),
            url=str(row["url"]),
            published=None if pd.isna(row["published"]) else pd.Timestamp(row["published"]).date(),
        )
        for row in sources.to_dict("records")
    }
    grouped: dict[str, list[SourceLink]] = {}
    for row in project_sources.to_dict("records"):
        link = links.get(str(row["source_id"]))
        if link is not None:
            grouped.setdefault(str(row["project_id"]), []).append(link)

    def newest_first(link: SourceLink) -> tuple[bool, int, str]:
        return link.published is None, -(link.published or date.min).toordinal(), link.source_id

    return {pid: tuple(sorted(found, key=newest_first)) for pid, found in grouped.items()}


def project_facts(
    project_id: str,
    projects: pd.DataFrame,
    routes: pd.DataFrame,
    project_sources: pd.DataFrame,
    sources: pd.DataFrame,
) -> ProjectFacts:
    """Return the facts of one project: figures in their units, dates, countries and sources;
    KeyError if `project_id` is not in `projects`."""
    matches = projects[projects["project_id"] == project_id].to_dict("records")
    if not matches:
        raise KeyError(project_id)
    row = matches[0]
    mine = project_sources[project_sources["project_id"] == project_id]
    return ProjectFacts(
        project_id=project_id,
        type=str(row["type"]),
        status=str(row["status"]),
        status_date=pd.Timestamp(row["status_date"]).date(),
        country_codes=tuple(project_country_codes(row["countries"])),
        start_year=_optional_int(row["start_year"]),
        completion_year=_optional_int(row["completion_year"]),
        capacity_value=_optional_float(row["capacity_value"]),
        capacity_unit=_optional_text(row["capacity_unit"]),
        length_km=_optional_float(row["length_km"]),
        cost_usd_bn=_optional_float(row["cost_usd_bn"]),
        latitude=_optional_float(row["latitude"]),
        longitude=_optional_float(row["longitude"]),
        coord_precision=_optional_text(row["coord_precision"]),
        has_route=bool((routes["project_id"] == project_id).any()),
        sources=sources_by_project(mine, sources).get(project_id, ()),
    )


def timeline_rows(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of the projects timeline (Gantt) of `filter_projects`' output, earliest
    start first (ties in input order), leaving out projects without a start year.

    Columns: project_id, type, status (as of the year), start_year, end_year (completion year,
    NA where none is stated), open_ended (bool).
    """
    placed = projects[projects["start_year"].notna()]
    rows = pd.DataFrame(
        {
            "project_id": placed["project_id"].astype("str"),
            "type": placed["type"].astype("str"),
            "status": placed["status_as_of"].astype("str"),
            "start_year": placed["start_year"].astype("Int64"),
            "end_year": placed["completion_year"].astype("Int64"),
            "open_ended": placed["completion_year"].isna().astype("bool"),
        }
    )
    return rows.sort_values(
        ["start_year", "end_year"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def trade_year_for(flows: pd.DataFrame, countries: pd.DataFrame, year: int) -> int | None:
    """Return the year whose trade shades the map when the page shows `year`.

    That is the latest year up to `year` in which at least one country has a full-year value
    for its trade with every other country; None if there is no such year.
    """
    candidates = turnover_candidates(flows, countries)
    full = candidates[candidates["months"] == FULL_YEAR_MONTHS]
    for candidate_year in sorted({int(y) for y in full["year"] if int(y) <= year}, reverse=True):
        totals = country_totals(pair_values(candidates, countries, candidate_year), countries)
        if (totals["pairs_with_data"] == totals["pairs"]).any():
            return candidate_year
    return None


def country_trade_with_region(
    flows: pd.DataFrame, countries: pd.DataFrame, year: int
) -> pd.DataFrame:
    """Return each country's trade turnover with the other four in `year`, USD million.

    Each pair takes one value by the reporter rule of `ca_trade.flows` (full-year values only).
    A country's value is the sum over its pairs that have one; it is `complete` only when every
    pair has one, and otherwise a lower bound.

    Returns one row per country, in countries.csv order: iso3, value_usd_m (NaN where no pair
    has a value), partners_covered, partners_total, complete (bool).
    """
    pairs = pair_values(turnover_candidates(flows, countries), countries, year)
    totals = country_totals(pairs, countries)
    return pd.DataFrame(
        {
            "iso3": totals["iso3"].astype("str"),
            "value_usd_m": totals["value_usd_m"].astype("float64"),
            "partners_covered": totals["pairs_with_data"].astype("int64"),
            "partners_total": totals["pairs"].astype("int64"),
            "complete": (totals["pairs_with_data"] == totals["pairs"]).astype("bool"),
        }
    )


def map_trade(
    flows: pd.DataFrame, countries: pd.DataFrame, year: int
) -> tuple[int | None, pd.DataFrame]:
    """Return the year whose trade shades the map when it shows `year` (`trade_year_for`), and
    each country's trade with the other four in it (`country_trade_with_region`, USD million).

    With no year to shade by (None), the trade is that of `year` itself, where by the same rule
    no country is `complete`.
    """
    trade_year = trade_year_for(flows, countries, year)
    return trade_year, country_trade_with_region(
        flows, countries, year if trade_year is None else trade_year
    )

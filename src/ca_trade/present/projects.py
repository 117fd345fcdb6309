"""Words of the Projects page: type and status labels, country names, a project's card, the
table of projects and the names on the timeline, in the current language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel import Locale
from babel.core import get_global

from ca_trade.format import (
    format_capacity,
    format_length_km,
    format_short_date,
    format_usd_bn_compact,
)
from ca_trade.i18n import current_language, localized, t
from ca_trade.projects import (
    ProjectFacts,
    SourceLink,
    project_country_codes,
    project_facts,
    sources_by_project,
    timeline_rows,
    unplaced_ids,
)


def type_label(project_type: str) -> str:
    """Return the reader-facing name of a project type (e.g. 'power_transmission')."""
    labels = {
        "hydropower": t("Hydropower"),
        "water_energy": t("Water and energy"),
        "gas": t("Gas"),
        "power_transmission": t("Power lines"),
        "rail": t("Rail"),
        "road": t("Road"),
        "port": t("Port"),
        "hub": t("Trade hub"),
    }
    return labels.get(project_type, project_type)


def status_label(status: str) -> str:
    """Return the reader-facing name of a project status (e.g. 'under_construction')."""
    labels = {
        "operational": t("Operational"),
        "partially_operational": t("Partly operational"),
        "under_construction": t("Under construction"),
        "planned": t("Planned"),
        "suspended": t("Suspended"),
    }
    return labels.get(status, status)


def status_in_year_label(status: str, scheduled: bool) -> str:
    """Return a status as it stands in a year; one resting on a schedule says so."""
    label = status_label(status)
    return t("{status} (scheduled)", status=label) if scheduled else label


def country_name(iso3: str, countries: pd.DataFrame) -> str:
    """Return a country's name (ISO3 code) in the interface language: from countries.csv for
    the five (`name_<lang>` where present), else from the locale data (CLDR)."""
    known = countries[countries["iso3"] == iso3]
    if not known.empty:
        return localized(known.iloc[0], "name")
    aliases: Mapping[str, list[str]] = get_global("territory_aliases")
    alpha2 = aliases.get(iso3, [None])[0]
    if alpha2:
        name = Locale.parse(current_language()).territories.get(alpha2)
        if name:
            return str(name)
    return iso3


def format_cost(value_usd_bn: float | None) -> str | None:
    """Format a cost in USD billion ('$4.2bn', '$0.28bn'); None if unknown."""
    return None if value_usd_bn is None else format_usd_bn_compact(value_usd_bn)


def capacity_unit_label(unit: str | None) -> str | None:
    """Spell out a capacity unit ('bcm_per_year' -> 'billion cubic metres of gas a year')."""
    if unit is None:
        return None
    labels = {
        "MW": t("megawatts of generating or transfer capacity"),
        "bcm_per_year": t("billion cubic metres of gas a year"),
        "mt_per_year": t("million tonnes of freight a year"),
        "teu_per_year": t("containers (twenty-foot equivalent units) a year"),
        "trucks_per_year": t("trucks a year"),
        "lanes": t("traffic lanes"),
        "ha": t("hectares of land"),
    }
    return labels.get(unit, unit)


def _text(value: str) -> str | None:
    """Return a text cell stripped, or None where it is blank."""
    return value.strip() or None


@dataclass(frozen=True)
class ProjectCard:
    """What the page shows about one project, in the current language, beside its facts."""

    facts: ProjectFacts
    name: str
    type_label: str
    status_label: str
    status_day: str
    countries: tuple[str, ...]
    capacity: str | None
    capacity_unit: str | None
    length: str | None
    cost: str | None
    partners: str | None
    description: str
    trade_relevance: str
    note: str | None
    coord_source: str | None

    @property
    def sources(self) -> tuple[SourceLink, ...]:
        """The project's sources, newest first."""
        return self.facts.sources


def project_card(
    project_id: str,
    projects: pd.DataFrame,
    routes: pd.DataFrame,
    project_sources: pd.DataFrame,
    sources: pd.DataFrame,
    countries: pd.DataFrame,
) -> ProjectCard:
    """Return the card of one project: its facts, formatted, and its texts.

    Names and texts are in the interface language where the data have it (`name_ru`; a
    `description_ru` or `note_ru` column would be read the same way), else in English.

    Raises:
        KeyError: if `project_id` is not in `projects`.
    """
    facts = project_facts(project_id, projects, routes, project_sources, sources)
    row: dict[Any, Any] = projects[projects["project_id"] == project_id].to_dict("records")[0]
    return ProjectCard(
        facts=facts,
        name=localized(row, "name"),
        type_label=type_label(facts.type),
        status_label=status_label(facts.status),
        status_day=format_short_date(facts.status_date),
        countries=tuple(country_name(code, countries) for code in facts.country_codes),
        capacity=format_capacity(facts.capacity_value, facts.capacity_unit),
        capacity_unit=capacity_unit_label(facts.capacity_unit),
        length=format_length_km(facts.length_km),
        cost=format_cost(facts.cost_usd_bn),
        partners=_text(localized(row, "partners")),
        description=localized(row, "description"),
        trade_relevance=localized(row, "trade_relevance"),
        note=_text(localized(row, "note")),
        coord_source=_text(localized(row, "coord_source")),
    )


TABLE_COLUMNS = [
    "project_id", "name", "type", "status", "countries", "start_year", "completion_year",
    "capacity", "cost_usd_bn", "source_url", "source_count",
]  # fmt: skip


def project_table(
    projects: pd.DataFrame,
    project_sources: pd.DataFrame,
    sources: pd.DataFrame,
    countries: pd.DataFrame,
) -> pd.DataFrame:
    """Return one display row per project, for a table of the filtered projects.

    Args:
        projects: projects with `status_as_of` and `status_is_scheduled` (see
            `projects.filter_projects`).
        project_sources: project_id -> source_id.
        sources: the sources frame.
        countries: the countries frame, for names.

    Returns:
        Columns: project_id, name (in the interface language), type, status (label as of the
        year; scheduled completions say so), countries (names), start_year, completion_year
        (Int64), capacity (text), cost_usd_bn (USD billion, NaN where unknown), source_url
        (newest source), source_count.
    """
    linked = sources_by_project(
        project_sources[project_sources["project_id"].isin(projects["project_id"])], sources
    )
    names = localized(projects, "name")
    records = []
    for name, row in zip(names, projects.to_dict("records"), strict=True):
        pid = str(row["project_id"])
        links = linked.get(pid, ())
        capacity = row["capacity_value"]
        unit = row["capacity_unit"]
        records.append(
            {
                "project_id": pid,
                "name": name,
                "type": type_label(str(row["type"])),
                "status": status_in_year_label(
                    str(row["status_as_of"]), bool(row["status_is_scheduled"])
                ),
                "countries": ", ".join(
                    country_name(code, countries)
                    for code in project_country_codes(row["countries"])
                ),
                "start_year": row["start_year"],
                "completion_year": row["completion_year"],
                "capacity": format_capacity(
                    None if pd.isna(capacity) else float(capacity),
                    None if pd.isna(unit) else str(unit),
                ),
                "cost_usd_bn": row["cost_usd_bn"],
                "source_url": links[0].url if links else None,
                "source_count": len(links),
            }
        )
    table = pd.DataFrame(records, columns=TABLE_COLUMNS)
    return table.astype(
        {
            "start_year": "Int64",
            "completion_year": "Int64",
            "cost_usd_bn": "float64",
            "source_count": "int64",
        }
    )


def named_timeline_rows(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the timeline rows (see `projects.timeline_rows`) with each project's name in the
    interface language, earliest start first and, within a year, by name."""
    rows = timeline_rows(projects)
    names = dict(zip(projects["project_id"].astype(str), localized(projects, "name"), strict=True))
    rows.insert(1, "name", [names[pid] for pid in rows["project_id"]])
    return rows.sort_values(["start_year", "end_year", "name"], na_position="last").reset_index(
        drop=True
    )


def unplaced_names(projects: pd.DataFrame, routes: pd.DataFrame) -> list[str]:
    """Return the names (interface language) of the projects with neither coordinates nor a
    route, in input order."""
    names = dict(zip(projects["project_id"].astype(str), localized(projects, "name"), strict=True))
    return [names[pid] for pid in unplaced_ids(projects, routes)]


def view_label(view: str, countries: pd.DataFrame) -> str:
    """Return the name of a map view: a country's name for a country code (e.g. 'KGZ')."""
    labels = {
        "region": t("Whole region"),
        "fergana": t("Fergana valley"),
        "caspian": t("Caspian coast"),
        "china_border": t("Border with China"),
        "south": t("Routes south"),
    }
    return labels.get(view) or country_name(view, countries)


def coordinates_note(card: ProjectCard) -> str:
    """Return how precisely the map places the project: its site, a nearby place or a route."""
    facts = card.facts
    source = card.coord_source or t("source not stated")
    parts = []
    if facts.latitude is not None and facts.longitude is not None:
        if facts.coordinates_approximate:
            parts.append(
                t(
                    "Approximate: the exact site is not published, so a nearby place stands in "
                    "({source}).",
                    source=source,
                )
            )
        else:
            parts.append(t("Exact: the marker is at the published site ({source}).", source=source))
    if facts.has_route:
        parts.append(
            t(
                "The line joins named places on the route; it is not the surveyed alignment, "
                "and the marker sits at a middle point of it."
            )
        )
    if not parts:
        parts.append(t("This project has no place on the map."))
    return " ".join(parts)

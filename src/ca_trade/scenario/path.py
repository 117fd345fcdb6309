"""The projected path: organic growth of intraregional trade plus the projects' contributions.

All trade values are USD billion a year. The path is `organic + sum of project contributions`. A
project's contribution in year t is its effect level in t minus its level in the base year, so
whatever a project already delivered in the base year is part of the base value and the total
equals the base value exactly in the base year. The level ramps linearly from the start year:
`full x min(1, (t - start + 1) / ramp_years)`, times a price index where a contract has one. The
start is the completion year, plus the delay for projects due after the base year.

The band: `low` uses growth - band_width and, for every project parameter, the end of its range
that lowers the effect (the low end of parameters that add trade, the high end of those that
subtract it, such as displaced imports or ramp years); `high` does the opposite. A parameter
without a range uses its value in every band.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ca_trade.scenario.effects import PROJECT_COLUMNS, project_effects
from ca_trade.scenario.params import BANDS, Band, ScenarioParams, check_columns, finite

GROUP_PREFIX = "effect_"


def start_year(completion_year: int, base_year: int, delay_years: int) -> int:
    """Return the year a project's effect starts: its completion year, plus the delay if due later.

    The delay moves only completions after the base year: a project already completed cannot
    be delayed.
    """
    return completion_year + delay_years if completion_year > base_year else completion_year


def _project_contributions(
    effects: pd.DataFrame, years: np.ndarray, delay_years: int
) -> list[tuple[str, str, np.ndarray]]:
    """Return (project_id, group, level minus base-year level) of each counted project, USD bn/yr."""
    contributions: list[tuple[str, str, np.ndarray]] = []
    base_year = int(years[0])
    for record in effects[effects["counted"]].to_dict("records"):
        start = start_year(int(record["completion_year"]), base_year, delay_years)
        ramp = float(record["ramp_years"])
        share = np.clip((years - start + 1) / ramp, 0.0, 1.0)
        index = np.power(1.0 + float(record["escalation_per_year"]), np.maximum(0, years - start))
        level = float(record["full_effect_usd_bn"]) * share * index
        contributions.append((str(record["project_id"]), str(record["group"]), level - level[0]))
    return contributions


def _effect_levels(
    effects: pd.DataFrame, years: np.ndarray, delay_years: int
) -> dict[str, np.ndarray]:
    """Sum, per group, each counted project's level minus its base-year level (USD bn/yr)."""
    by_group: dict[str, np.ndarray] = {}
    for _, group, contribution in _project_contributions(effects, years, delay_years):
        by_group[group] = by_group.get(group, np.zeros(len(years))) + contribution
    return by_group


def _active_projects(params: ScenarioParams, projects: pd.DataFrame) -> pd.DataFrame:
    """Return the projects whose effects are switched on, after checking the names switched off.

    Raises:
        ValueError: if a disabled project or type is not in the projects frame.
    """
    check_columns(projects, PROJECT_COLUMNS, "projects")
    ids = set(projects["project_id"].astype(str))
    groups = set(projects["type"].astype(str))
    unknown = sorted(params.disabled_projects - ids) + sorted(params.disabled_types - groups)
    if unknown:
        raise ValueError(f"disabled project(s) or type(s) not in the projects frame: {unknown}")
    return projects[
        ~projects["type"].astype(str).isin(params.disabled_types)
        & ~projects["project_id"].astype(str).isin(params.disabled_projects)
    ]


@dataclass(frozen=True)
class EffectLevels:
    """The projects' contributions to a path, per band and group, before organic growth is added.

    They do not depend on the growth rate or the band's growth spread, so a page can keep them
    while the growth changes (see `effect_levels` and `path_from_levels`).

    Attributes:
        base_year: first year of the path.
        horizon_year: last year of the path.
        groups: every project type in the projects frame, sorted.
        by_band: band -> group -> contribution per year (USD billion a year); a group without a
            counted project is absent.
    """

    base_year: int
    horizon_year: int
    groups: tuple[str, ...]
    by_band: Mapping[Band, Mapping[str, np.ndarray]]


def effect_levels(
    params: ScenarioParams, projects: pd.DataFrame, assumptions: pd.DataFrame
) -> EffectLevels:
    """Return the projects' contributions per band and group for `params` (growth is unused).

    Raises:
        ValueError: as `project_path`.
    """
    active = _active_projects(params, projects)
    groups = tuple(sorted(set(projects["type"].astype(str))))
    years = np.arange(params.base_year, params.horizon_year + 1, dtype="int64")
    contributions: dict[Band, dict[str, np.ndarray]] = {b: {} for b in BANDS}
    if params.effects_enabled:
        for band in BANDS:
            effects = project_effects(
                active, assumptions, band=band, overrides=params.assumption_overrides
            )
            contributions[band] = _effect_levels(effects, years, params.delay_years)
    return EffectLevels(params.base_year, params.horizon_year, groups, contributions)


def path_from_levels(params: ScenarioParams, levels: EffectLevels) -> pd.DataFrame:
    """Add organic growth to the projects' contributions: the path of `project_path`.

    Raises:
        ValueError: if the levels were computed for other years than `params`.
    """
    if (levels.base_year, levels.horizon_year) != (params.base_year, params.horizon_year):
        raise ValueError(
            f"effect levels cover {levels.base_year}-{levels.horizon_year}, the params "
            f"{params.base_year}-{params.horizon_year}"
        )
    years = np.arange(params.base_year, params.horizon_year + 1, dtype="int64")
    steps = (years - params.base_year).astype("float64")
    base = params.base_value_usd_bn

    def organic(growth: float) -> np.ndarray:
        grown: np.ndarray = base * np.power(1.0 + growth, steps)
        return grown

    columns: dict[str, np.ndarray] = {"year": years, "organic": organic(params.growth)}
    band_organic = {
        "low": organic(params.growth - params.band_width),
        "high": organic(params.growth + params.band_width),
    }
    zeros = np.zeros(len(years))
    total = columns["organic"].copy()
    for group in levels.groups:
        central = levels.by_band["central"].get(group, zeros)
        columns[f"{GROUP_PREFIX}{group}"] = central
        total = total + central
    columns["total"] = total
    for band_name in ("low", "high"):
        level = band_organic[band_name].copy()
        for group in levels.groups:
            level = level + levels.by_band[band_name].get(group, zeros)
        columns[band_name] = level
    return pd.DataFrame(columns)


def project_path(
    params: ScenarioParams, projects: pd.DataFrame, assumptions: pd.DataFrame
) -> pd.DataFrame:
    """Project intraregional trade year by year from the base year to the horizon.

    Args:
        params: the scenario settings.
        projects: the projects frame (see `project_effects`).
        assumptions: the assumptions frame.

    Returns:
        One row per year with `year`, `organic` (base x (1 + growth)^(t - base_year)), one
        column `effect_<type>` per project type in `projects` (sorted by type) with that type's
        contribution, `total` (organic + contributions), `low` and `high` (the band); all values
        USD billion a year. In the base year `total` equals the base value exactly.

    Raises:
        ValueError: if a disabled project or type is unknown, an override matches nothing, or
            the frames are invalid (see `project_effects`).
    """
    return path_from_levels(params, effect_levels(params, projects, assumptions))


def group_columns(path: pd.DataFrame) -> list[str]:
    """Return the per-group contribution columns of a path, in order."""
    return [c for c in path.columns if str(c).startswith(GROUP_PREFIX)]


def goal_reached_year(
    path: pd.DataFrame, goal_usd_bn: float, *, column: str = "total"
) -> int | None:
    """Return the first year in which `column` reaches the goal.

    Args:
        path: a frame from `project_path`.
        goal_usd_bn: the goal, USD billion a year.
        column: `total`, `low`, `high` or `organic`.

    Returns:
        The first year with value >= goal (the base year if the goal is already met), or None
        if the goal is not reached by the horizon.

    Raises:
        ValueError: if the goal is not a positive number or the column is missing.
    """
    goal = finite(goal_usd_bn, "goal_usd_bn")
    if goal <= 0:
        raise ValueError(f"goal_usd_bn must be positive, got {goal}")
    check_columns(path, ("year", column), "path")
    reached = path.loc[path[column] >= goal, "year"]
    return None if reached.empty else int(reached.iloc[0])


def _path_row(path: pd.DataFrame, year: int) -> pd.Series:
    """Return the row of `year`, or raise ValueError."""
    check_columns(path, ("year",), "path")
    rows = path[path["year"] == year]
    if rows.empty:
        first, last = int(path["year"].min()), int(path["year"].max())
        raise ValueError(f"year {year} is outside the path ({first}-{last})")
    return rows.iloc[0]


def contribution_by_group(path: pd.DataFrame, year: int) -> pd.Series:
    """Return each project group's contribution in a year, USD billion, indexed by group.

    Raises:
        ValueError: if the year is not in the path.
    """
    row = _path_row(path, year)
    columns = group_columns(path)
    values = [float(row[c]) for c in columns]
    index = [c.removeprefix(GROUP_PREFIX) for c in columns]
    return pd.Series(values, index=pd.Index(index, name="group"), name=year, dtype="float64")


def gap_at_year(path: pd.DataFrame, goal_usd_bn: float, target_year: int) -> float:
    """Return goal minus projected total in a year, USD billion (negative = goal exceeded).

    Raises:
        ValueError: if the year is not in the path or the goal is not finite.
    """
    goal = finite(goal_usd_bn, "goal_usd_bn")
    return goal - float(_path_row(path, target_year)["total"])


CONTRIBUTION_COLUMNS = ("year", "project_id", "group", "contribution_usd_bn")


def project_contributions(
    params: ScenarioParams, projects: pd.DataFrame, assumptions: pd.DataFrame
) -> pd.DataFrame:
    """Return each counted project's contribution to the central path, year by year.

    Args:
        params: the scenario settings (projects and types switched off are left out).
        projects: the projects frame (see `project_effects`).
        assumptions: the assumptions frame.

    Returns:
        Long frame with `CONTRIBUTION_COLUMNS`: one row per counted project and year from the base
        year to the horizon, `contribution_usd_bn` in USD billion a year. Summed by group it gives
        the `effect_<type>` columns of `project_path`. Empty when effects are switched off.

    Raises:
        ValueError: as `project_path`.
    """
    active = _active_projects(params, projects)
    years = np.arange(params.base_year, params.horizon_year + 1, dtype="int64")
    rows: list[pd.DataFrame] = []
    if params.effects_enabled:
        effects = project_effects(active, assumptions, overrides=params.assumption_overrides)
        for project_id, group, values in _project_contributions(effects, years, params.delay_years):
            rows.append(
                pd.DataFrame(
                    {
                        "year": years,
                        "project_id": project_id,
                        "group": group,
                        "contribution_usd_bn": values,
                    }
                )
            )
    if not rows:
        return pd.DataFrame(
            {
                "year": pd.Series(dtype="int64"),
                "project_id": pd.Series(dtype="str"),
                "group": pd.Series(dtype="str"),
                "contribution_usd_bn": pd.Series(dtype="float64"),
            }
        )
    return pd.concat(rows, ignore_index=True).astype(
        {"project_id": "str", "group": "str", "contribution_usd_bn": "float64"}
    )


def projects_with_effect(contributions: pd.DataFrame) -> list[str]:
    """Return the ids of projects whose contribution is not zero in some year, in frame order."""
    moving = contributions.loc[contributions["contribution_usd_bn"] != 0, "project_id"]
    return list(dict.fromkeys(moving.astype(str)))

"""Where trade stands against the goals: headline figures, gaps and required growth; pure pandas.

Growth rates are fractions per year (0.045 = 4.5% a year); amounts are USD billion, current
prices. The on-track test is the CAGR-ratio method used by Open SDG and Statistics Canada:
the ratio of the observed compound annual growth to the growth still required.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import pandas as pd

HEADLINE_SCOPE = "CA5"
FULL_YEAR_MONTHS = 12

# Thresholds of the CAGR-ratio method (a method constant, not a policy figure).
ON_TRACK_RATIO = 0.95
LIMITED_PROGRESS_RATIO = 0.6


@dataclass(frozen=True)
class SourcedValue:
    """A figure (USD billion) with the year it refers to and its source (a sources.csv row)."""

    year: int
    value_usd_bn: float
    source_id: str
    source_title: str
    source_url: str
    # exact, approximate ('about') or lower_bound ('more than')
    qualifier: str = "exact"


@dataclass(frozen=True)
class Goal:
    """A regional goal of annual trade in USD billion, with who announced it, when and where.

    `deadline_year` (to reach it by) and `base_year` (whose trade it is measured against) are
    None where the statement gives none.
    """

    target_id: str
    value_usd_bn: float
    announced_year: int
    speaker: str
    deadline_year: int | None
    source_id: str
    base_year: int | None = None
    announced: date | None = None
    event: str | None = None


class Status(StrEnum):
    """Where trade stands on the path to a goal (CAGR-ratio method)."""

    MET = "met"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"


@dataclass(frozen=True)
class GoalAssessment:
    """Every headline number of the Overview for one goal and one target year (the user's).

    Growth rates are compound, a year, fractions; None where undefined (a met goal requires no
    growth; no observed growth without an earlier firm figure; no status without both).
    """

    goal: Goal
    latest: SourcedValue  # the latest full-year headline figure
    target_year: int
    share_reached: float  # latest / goal, a fraction (0.77 = 77%)
    gap_usd_bn: float  # goal - latest, USD billion; 0 once met
    met: bool
    required_growth: float | None  # from the latest year to the goal by the target year
    baseline: SourcedValue | None  # the figure of the goal's base year
    progress_since_baseline: float | None  # share of the rise from baseline to goal achieved
    window: tuple[int, int] | None  # (first year, last year) of the observed growth
    observed_growth: float | None
    growth_ratio: float | None  # observed / required growth
    status: Status | None


def _firm_full_year(totals: pd.DataFrame) -> pd.DataFrame:
    """Return the firm, full-year CA5 headline rows, ordered by year then total_id."""
    firm = totals[
        (totals["scope"] == HEADLINE_SCOPE)
        & (totals["series"] == "headline")
        & (totals["months"] == FULL_YEAR_MONTHS)
    ]
    return firm.sort_values(["year", "total_id"])


def _sourced(row: Mapping[Hashable, Any], sources: pd.DataFrame) -> SourcedValue:
    """Return a trade_totals row as a SourcedValue, with its source's title and URL."""
    source = sources.set_index("source_id").loc[str(row["source_id"])]
    return SourcedValue(
        year=int(row["year"]),
        value_usd_bn=float(row["value_usd_bn"]),
        source_id=str(row["source_id"]),
        source_title=str(source["title"]),
        source_url=str(source["url"]),
        qualifier=str(row["qualifier"]),
    )


def latest_headline_total(totals: pd.DataFrame, sources: pd.DataFrame) -> SourcedValue:
    """Return the latest full-year figure of the firm headline series (USD billion), with its
    source; ValueError if the data hold none."""
    firm = _firm_full_year(totals)
    if firm.empty:
        raise ValueError("the data hold no full-year headline figure of regional trade")
    return _sourced(firm.to_dict("records")[-1], sources)


def headline_total_for_year(
    totals: pd.DataFrame, sources: pd.DataFrame, year: int, prefer_source: str | None = None
) -> SourcedValue | None:
    """Return the firm full-year headline figure of `year` (USD billion), or None if there is none.

    Where several sources give one, `prefer_source`'s is taken (for a goal's baseline: the
    statement that set the goal), else the last by total_id, as in `latest_headline_total`.
    """
    firm = _firm_full_year(totals)
    rows = firm[firm["year"] == year].to_dict("records")
    preferred = [row for row in rows if row["source_id"] == prefer_source]
    if preferred:
        return _sourced(preferred[-1], sources)
    return _sourced(rows[-1], sources) if rows else None


def headline_line(totals: pd.DataFrame) -> pd.DataFrame:
    """Return one firm full-year headline figure per year, the line the chart draws: columns
    `year` (int) and `value_usd_bn` (USD billion), sorted."""
    per_year = _firm_full_year(totals).drop_duplicates("year", keep="last")
    line = per_year[["year", "value_usd_bn"]].astype({"year": int, "value_usd_bn": float})
    return line.reset_index(drop=True)


def headline_goals(targets: pd.DataFrame) -> list[Goal]:
    """Return the distinct CA5 goals stated in USD billion, smallest first (one per value).

    Where several statements name the same value, the latest announcement represents it: a goal
    restated by the heads of state at a summit supersedes an earlier aspiration. Speaker and
    event are as written in targets.csv (English); `present.progress.localized_goals` names them
    in another language where the data have it.
    """
    valued = targets[(targets["scope"] == HEADLINE_SCOPE) & targets["value_usd_bn"].notna()]
    latest = valued.sort_values("announced").drop_duplicates("value_usd_bn", keep="last")
    return [
        Goal(
            target_id=str(row["target_id"]),
            value_usd_bn=float(row["value_usd_bn"]),
            announced_year=int(row["announced"].year),
            speaker=str(row["speaker"]),
            deadline_year=None if pd.isna(row["deadline_year"]) else int(row["deadline_year"]),
            source_id=str(row["source_id"]),
            base_year=None if pd.isna(row["base_year"]) else int(row["base_year"]),
            announced=row["announced"].date(),
            event=None if pd.isna(row["event"]) else str(row["event"]),
        )
        for row in latest.sort_values("value_usd_bn").to_dict("records")
    ]


def goal_with_value(goals: list[Goal], value_usd_bn: float) -> Goal:
    """Return the goal of `value_usd_bn` (USD billion) among `goals`; KeyError if none has it."""
    for goal in goals:
        if math.isclose(goal.value_usd_bn, value_usd_bn):
            return goal
    raise KeyError(f"no regional goal of {value_usd_bn} USD billion in targets.csv")


def compound_growth(start_value: float, end_value: float, years: float) -> float:
    """Return the compound annual growth rate from `start_value` (> 0) to `end_value` (>= 0,
    same unit) over `years` (> 0), a fraction; negative for a decline. ValueError otherwise."""
    if years <= 0:
        raise ValueError(f"the period must be at least some time long, got {years} years")
    if start_value <= 0 or end_value < 0:
        raise ValueError("growth needs a positive start value and a non-negative end value")
    return float((end_value / start_value) ** (1 / years) - 1)


def required_growth(
    current_usd_bn: float, goal_usd_bn: float, current_year: int, target_year: int
) -> float:
    """Return the compound growth a year (a fraction) needed to go from the current value to the
    goal by the target year; zero or negative if the goal is met. ValueError unless the target
    year is after the current year."""
    if target_year <= current_year:
        raise ValueError(
            f"the target year ({target_year}) must be after the latest year ({current_year})"
        )
    return compound_growth(current_usd_bn, goal_usd_bn, target_year - current_year)


def required_path(
    current_year: int, current_usd_bn: float, target_year: int, goal_usd_bn: float
) -> pd.DataFrame:
    """Return the constant-growth path from the latest figure to the goal: columns `year`
    (current_year to target_year) and `value_usd_bn`. ValueError unless target_year is later."""
    growth = required_growth(current_usd_bn, goal_usd_bn, current_year, target_year)
    years = list(range(current_year, target_year + 1))
    values = [current_usd_bn * (1 + growth) ** (year - current_year) for year in years]
    values[-1] = goal_usd_bn  # exact at the end, whatever the rounding on the way
    return pd.DataFrame({"year": years, "value_usd_bn": values})


def share_of_goal(value_usd_bn: float, goal_usd_bn: float) -> float:
    """Return value / goal as a fraction (0.77 = 77% reached); ValueError for a goal <= 0."""
    if goal_usd_bn <= 0:
        raise ValueError("a goal must be a positive amount")
    return value_usd_bn / goal_usd_bn


def progress_since_baseline(
    baseline_usd_bn: float, current_usd_bn: float, goal_usd_bn: float
) -> float:
    """Return (current - baseline) / (goal - baseline): 0 at the baseline, 1 at the goal,
    negative below the baseline. ValueError if the goal does not exceed the baseline."""
    if goal_usd_bn <= baseline_usd_bn:
        raise ValueError("the goal does not exceed its baseline: there is no increase to measure")
    return (current_usd_bn - baseline_usd_bn) / (goal_usd_bn - baseline_usd_bn)


def on_track_status(observed: float, required: float) -> Status:
    """Classify progress by R = observed / required growth (CAGR-ratio method): MET if nothing
    more is required (required <= 0); R >= 0.95 on track; 0.6 <= R < 0.95 acceleration needed;
    0 <= R < 0.6 limited progress; R < 0 deterioration."""
    if required <= 0:
        return Status.MET
    ratio = observed / required
    if ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK
    if ratio >= LIMITED_PROGRESS_RATIO:
        return Status.ACCELERATION_NEEDED
    if ratio >= 0:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def growth_window(totals: pd.DataFrame, goal: Goal, latest_year: int) -> tuple[int, int] | None:
    """Choose the years over which observed growth is measured for `goal`.

    From the goal's base year to the latest year, as Open SDG measures from the baseline. Where
    the base year is missing, has no firm figure, or is not before the latest year (a goal set
    against the latest figure), the window starts at the latest earlier year with a firm
    full-year figure. None if no firm full-year figure precedes the latest year.
    """
    years = set(_firm_full_year(totals)["year"].astype(int))
    if goal.base_year is not None and goal.base_year < latest_year and goal.base_year in years:
        return goal.base_year, latest_year
    earlier = [year for year in years if year < latest_year]
    return (max(earlier), latest_year) if earlier else None


def assess_goal(
    totals: pd.DataFrame, sources: pd.DataFrame, goal: Goal, target_year: int
) -> GoalAssessment:
    """Compute where the latest headline figure stands against `goal` by `target_year`.

    ValueError if there is no firm headline figure, or the goal is not yet met and the target
    year is not after the latest year.
    """
    latest = latest_headline_total(totals, sources)
    met = latest.value_usd_bn >= goal.value_usd_bn
    required = None
    if not met:
        required = required_growth(latest.value_usd_bn, goal.value_usd_bn, latest.year, target_year)
    baseline = None
    if goal.base_year is not None:
        baseline = headline_total_for_year(totals, sources, goal.base_year, goal.source_id)
    progress = (
        progress_since_baseline(baseline.value_usd_bn, latest.value_usd_bn, goal.value_usd_bn)
        if baseline is not None and goal.value_usd_bn > baseline.value_usd_bn
        else None
    )
    window = growth_window(totals, goal, latest.year)
    observed: float | None = None
    if window is not None:
        start = headline_total_for_year(totals, sources, window[0])
        if start is not None and start.value_usd_bn > 0:
            observed = compound_growth(
                start.value_usd_bn, latest.value_usd_bn, window[1] - window[0]
            )
    ratio = observed / required if observed is not None and required else None
    status = Status.MET if met else None
    if observed is not None and required is not None:
        status = on_track_status(observed, required)
    return GoalAssessment(
        goal=goal,
        latest=latest,
        target_year=target_year,
        share_reached=share_of_goal(latest.value_usd_bn, goal.value_usd_bn),
        gap_usd_bn=max(goal.value_usd_bn - latest.value_usd_bn, 0.0),
        met=met,
        required_growth=required,
        baseline=baseline,
        progress_since_baseline=progress,
        window=window,
        observed_growth=observed,
        growth_ratio=ratio,
        status=status,
    )

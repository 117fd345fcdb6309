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
    """A figure with the year it refers to and the source it comes from.

    Attributes:
        year: calendar year the figure refers to.
        value_usd_bn: the figure, USD billion.
        source_id: row of sources.csv.
        source_title: title of that source.
        source_url: address of that source.
        qualifier: exact, approximate ('about') or lower_bound ('more than').
    """

    year: int
    value_usd_bn: float
    source_id: str
    source_title: str
    source_url: str
    qualifier: str = "exact"


@dataclass(frozen=True)
class Goal:
    """A regional trade goal in USD billion, with who announced it and when.

    Attributes:
        target_id: row of targets.csv.
        value_usd_bn: the goal, USD billion of annual trade.
        announced_year: year of the announcement.
        speaker: who announced it.
        deadline_year: year by which to reach it; None where none was stated.
        source_id: row of sources.csv.
        base_year: year whose trade the goal is measured against; None where not stated.
        announced: date of the announcement.
        event: where it was announced.
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
    """Every headline number of the Overview for one goal and one target year.

    Attributes:
        goal: the goal assessed.
        latest: the latest full-year headline figure.
        target_year: the year by which the goal is to be reached (the user's choice).
        share_reached: latest figure / goal, a fraction (0.77 = 77%).
        gap_usd_bn: goal minus the latest figure, USD billion; 0 once the goal is met.
        met: whether the latest figure has reached the goal.
        required_growth: compound growth a year needed from the latest year to reach the goal
            by the target year, a fraction; None once the goal is met.
        baseline: the headline figure of the goal's base year; None where there is none.
        progress_since_baseline: share of the increase from the baseline to the goal achieved
            so far, a fraction; None where there is no baseline or the goal does not exceed it.
        window: (first year, last year) of the observed growth; None where no earlier firm
            figure exists.
        observed_growth: compound growth a year over `window`, a fraction; None without window.
        growth_ratio: observed / required growth; None where either is undefined.
        status: the on-track status; None where the growth ratio cannot be computed.
    """

    goal: Goal
    latest: SourcedValue
    target_year: int
    share_reached: float
    gap_usd_bn: float
    met: bool
    required_growth: float | None
    baseline: SourcedValue | None
    progress_since_baseline: float | None
    window: tuple[int, int] | None
    observed_growth: float | None
    growth_ratio: float | None
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
    """Return the latest full-year figure of the firm headline series, with its source.

    Args:
        totals: the trade_totals frame.
        sources: the sources frame, for the title and URL.

    Returns:
        The figure, USD billion, with its year and source.

    Raises:
        ValueError: if the data hold no firm headline figure.
    """
    firm = _firm_full_year(totals)
    if firm.empty:
        raise ValueError("the data hold no full-year headline figure of regional trade")
    return _sourced(firm.to_dict("records")[-1], sources)


def headline_total_for_year(
    totals: pd.DataFrame, sources: pd.DataFrame, year: int, prefer_source: str | None = None
) -> SourcedValue | None:
    """Return the firm full-year headline figure of `year` (USD billion), or None if there is none.

    Args:
        totals: the trade_totals frame.
        sources: the sources frame.
        year: calendar year.
        prefer_source: a source_id to take the figure from where it gives one (for a goal's
            baseline: the statement that set the goal).

    Where several sources give a firm figure for the year, the preferred source's is taken,
    else the last by total_id, the same rule as `latest_headline_total`.
    """
    firm = _firm_full_year(totals)
    rows = firm[firm["year"] == year].to_dict("records")
    preferred = [row for row in rows if row["source_id"] == prefer_source]
    if preferred:
        return _sourced(preferred[-1], sources)
    return _sourced(rows[-1], sources) if rows else None


def headline_line(totals: pd.DataFrame) -> pd.DataFrame:
    """Return one firm full-year headline figure per year: the line the chart draws.

    Returns:
        Columns `year` (int) and `value_usd_bn` (USD billion), one row per year, sorted.
    """
    firm = _firm_full_year(totals)
    per_year = firm.drop_duplicates("year", keep="last")
    return pd.DataFrame(
        {
            "year": per_year["year"].astype(int).to_numpy(),
            "value_usd_bn": per_year["value_usd_bn"].astype(float).to_numpy(),
        }
    )


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
    """Return the goal of `value_usd_bn` (USD billion) among `goals`.

    Raises:
        KeyError: if no goal has that value.
    """
    for goal in goals:
        if math.isclose(goal.value_usd_bn, value_usd_bn):
            return goal
    raise KeyError(f"no regional goal of {value_usd_bn} USD billion in targets.csv")


def compound_growth(start_value: float, end_value: float, years: float) -> float:
    """Return the compound annual growth rate from `start_value` to `end_value` over `years`.

    Args:
        start_value: value at the start, any unit (> 0).
        end_value: value at the end, same unit (>= 0).
        years: length of the period, years (> 0).

    Returns:
        Growth per year as a fraction (0.045 = 4.5% a year); negative for a decline.

    Raises:
        ValueError: if the period is not positive or the start value is not positive.
    """
    if years <= 0:
        raise ValueError(f"the period must be at least some time long, got {years} years")
    if start_value <= 0 or end_value < 0:
        raise ValueError("growth needs a positive start value and a non-negative end value")
    return float((end_value / start_value) ** (1 / years) - 1)


def required_growth(
    current_usd_bn: float, goal_usd_bn: float, current_year: int, target_year: int
) -> float:
    """Return the growth a year needed to go from the current value to the goal by the target year.

    Args:
        current_usd_bn: latest value, USD billion.
        goal_usd_bn: goal, USD billion.
        current_year: year of the latest value.
        target_year: year by which the goal is to be reached.

    Returns:
        Compound growth per year as a fraction; zero or negative if the goal is already met.

    Raises:
        ValueError: if the target year is not after the current year.
    """
    if target_year <= current_year:
        raise ValueError(
            f"the target year ({target_year}) must be after the latest year ({current_year})"
        )
    return compound_growth(current_usd_bn, goal_usd_bn, target_year - current_year)


def required_path(
    current_year: int, current_usd_bn: float, target_year: int, goal_usd_bn: float
) -> pd.DataFrame:
    """Return the constant-growth path from the latest figure to the goal, one row per year.

    Returns:
        Columns `year` (int, current_year to target_year inclusive) and `value_usd_bn`
        (USD billion), starting at the current value and ending at the goal.

    Raises:
        ValueError: if the target year is not after the current year.
    """
    growth = required_growth(current_usd_bn, goal_usd_bn, current_year, target_year)
    years = list(range(current_year, target_year + 1))
    values = [current_usd_bn * (1 + growth) ** (year - current_year) for year in years]
    values[-1] = goal_usd_bn  # exact at the end, whatever the rounding on the way
    return pd.DataFrame({"year": years, "value_usd_bn": values})


def share_of_goal(value_usd_bn: float, goal_usd_bn: float) -> float:
    """Return value / goal as a fraction (0.77 = 77% of the goal reached).

    Raises:
        ValueError: if the goal is not positive.
    """
    if goal_usd_bn <= 0:
        raise ValueError("a goal must be a positive amount")
    return value_usd_bn / goal_usd_bn


def progress_since_baseline(
    baseline_usd_bn: float, current_usd_bn: float, goal_usd_bn: float
) -> float:
    """Return the share of the increase from baseline to goal achieved so far, as a fraction.

    Args:
        baseline_usd_bn: the goal's baseline, USD billion.
        current_usd_bn: the latest value, USD billion.
        goal_usd_bn: the goal, USD billion.

    Returns:
        (current - baseline) / (goal - baseline): 0 at the baseline, 1 at the goal, negative
        if trade fell below the baseline, above 1 past the goal.

    Raises:
        ValueError: if the goal does not exceed the baseline (there is no increase to measure).
    """
    if goal_usd_bn <= baseline_usd_bn:
        raise ValueError("the goal does not exceed its baseline: there is no increase to measure")
    return (current_usd_bn - baseline_usd_bn) / (goal_usd_bn - baseline_usd_bn)


def on_track_status(observed: float, required: float) -> Status:
    """Classify progress by the ratio of observed to required growth (CAGR-ratio method).

    Args:
        observed: observed compound growth a year, a fraction.
        required: required compound growth a year, a fraction; <= 0 means the goal is met.

    Returns:
        MET if nothing more is required; else by the ratio R = observed / required:
        R >= 0.95 on track; 0.6 <= R < 0.95 acceleration needed; 0 <= R < 0.6 limited
        progress; R < 0 deterioration.
    """
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
    full-year figure, so the most recent observed change is used.

    Returns:
        (start year, latest year), or None if no firm full-year figure precedes the latest year.
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

    Args:
        totals: the trade_totals frame.
        sources: the sources frame.
        goal: the goal, USD billion.
        target_year: year by which the goal is to be reached.

    Returns:
        The share reached, gap (USD billion), required and observed growth (fractions a year),
        the on-track status and progress since the goal's baseline.

    Raises:
        ValueError: if there is no firm headline figure, or the goal is not yet met and the
            target year is not after the latest year.
    """
    latest = latest_headline_total(totals, sources)
    met = latest.value_usd_bn >= goal.value_usd_bn
    required = (
        None
        if met
        else required_growth(latest.value_usd_bn, goal.value_usd_bn, latest.year, target_year)
    )
    baseline = (
        headline_total_for_year(totals, sources, goal.base_year, prefer_source=goal.source_id)
        if goal.base_year is not None
        else None
    )
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
    if met:
        status: Status | None = Status.MET
    elif observed is not None and required is not None:
        status = on_track_status(observed, required)
    else:
        status = None
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

"""The goals a scenario can aim at, and the observed trend of the official series towards them.

Speakers and events are as written in targets.csv (English); `present.progress.localized_goals`
names them in another language.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ca_trade.progress import (
    HEADLINE_SCOPE,
    Goal,
    compound_growth,
    headline_goals,
    headline_total_for_year,
)
from ca_trade.scenario.params import check_columns


@dataclass(frozen=True)
class ObservedTrend:
    """Compound annual growth of an observed series over a window of years.

    Attributes:
        start_year: first year of the window.
        end_year: last year of the window.
        start_value: value in start_year, in the series' unit (USD billion for the headline).
        end_value: value in end_year.
        cagr: compound annual growth rate, fraction per year.
    """

    start_year: int
    end_year: int
    start_value: float
    end_value: float
    cagr: float


def observed_cagr(
    series: pd.DataFrame,
    start_year: int | None = None,
    end_year: int | None = None,
    *,
    year_column: str = "year",
    value_column: str = "value_usd_bn",
) -> ObservedTrend:
    """Return the compound annual growth of an observed series between two of its years.

    Args:
        series: one row per year with a year and a value column (no duplicate years).
        start_year: first year of the window; default the earliest year.
        end_year: last year of the window; default the latest year.
        year_column: name of the year column.
        value_column: name of the value column (USD billion for the headline series).

    Returns:
        The trend, with the window it covers.

    Raises:
        ValueError: if columns are missing, years repeat, a window year is absent, the window
            is not at least one year long, or a value is not positive.
    """
    check_columns(series, (year_column, value_column), "series")
    years = series[year_column].astype("int64")
    if years.duplicated().any():
        repeated = sorted(set(years[years.duplicated()].tolist()))
        raise ValueError(f"series has more than one value for year(s) {repeated}")
    if series.empty:
        raise ValueError("series is empty")
    first = int(years.min()) if start_year is None else int(start_year)
    last = int(years.max()) if end_year is None else int(end_year)
    if last <= first:
        raise ValueError(f"the window {first}-{last} must span at least one year")
    values = dict(zip(years.tolist(), series[value_column].astype("float64").tolist(), strict=True))
    for year in (first, last):
        if year not in values:
            raise ValueError(f"series has no value for {year}")
        if not values[year] > 0:
            raise ValueError(f"value for {year} must be positive, got {values[year]}")
    cagr = compound_growth(values[first], values[last], last - first)
    return ObservedTrend(first, last, values[first], values[last], cagr)


def multiplied_goals(
    targets: pd.DataFrame, totals: pd.DataFrame, sources: pd.DataFrame
) -> list[Goal]:
    """Return the CA5 goals stated as a multiple of a year's trade, as amounts in USD billion.

    A goal such as 'double mutual trade in five years' (targets.csv: `multiplier` 2, `base_year`
    2023) becomes multiplier x the firm headline figure of its base year, taken from the goal's own
    source where it gives one. Rows whose base year has no firm figure are left out.
    """
    rows = targets[
        (targets["scope"] == HEADLINE_SCOPE)
        & targets["multiplier"].notna()
        & targets["base_year"].notna()
    ]
    goals: list[Goal] = []
    for row in rows.sort_values("announced").to_dict("records"):
        base_year = int(row["base_year"])
        base = headline_total_for_year(
            totals, sources, base_year, prefer_source=str(row["source_id"])
        )
        if base is None:
            continue
        goals.append(
            Goal(
                target_id=str(row["target_id"]),
                value_usd_bn=float(row["multiplier"]) * base.value_usd_bn,
                announced_year=int(row["announced"].year),
                speaker=str(row["speaker"]),
                deadline_year=None if pd.isna(row["deadline_year"]) else int(row["deadline_year"]),
                source_id=str(row["source_id"]),
                base_year=base_year,
                announced=row["announced"].date(),
                event=None if pd.isna(row["event"]) else str(row["event"]),
            )
        )
    return goals


def scenario_goals(
    targets: pd.DataFrame, totals: pd.DataFrame, sources: pd.DataFrame
) -> list[Goal]:
    """Return the goals a scenario can aim at: the CA5 goals in USD billion, then the multiples.

    A multiple whose amount equals a stated goal is left out (the stated goal represents it).
    Sorted by amount, smallest first.
    """
    stated = headline_goals(targets)
    values = {round(goal.value_usd_bn, 6) for goal in stated}
    extra = [
        goal
        for goal in multiplied_goals(targets, totals, sources)
        if round(goal.value_usd_bn, 6) not in values
    ]
    return sorted([*stated, *extra], key=lambda goal: goal.value_usd_bn)

"""Where trade stands against the goals: headline figures, gaps and required growth; pure pandas."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

HEADLINE_SCOPE = "CA5"


@dataclass(frozen=True)
class SourcedValue:
    """A figure with the year it refers to and the source it comes from."""

    year: int
    value_usd_bn: float
    source_id: str
    source_title: str
    source_url: str


@dataclass(frozen=True)
class Goal:
    """A regional trade goal in USD billion, with who announced it and when."""

    target_id: str
    value_usd_bn: float
    announced_year: int
    speaker: str
    deadline_year: int | None
    source_id: str


def headline_series(totals: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of the official CA5 headline series (firm and soft points), by year."""
    rows = totals[
        (totals["scope"] == HEADLINE_SCOPE) & totals["series"].isin(["headline", "headline_soft"])
    ]
    return rows.sort_values(["year", "total_id"]).reset_index(drop=True)


def latest_headline_total(totals: pd.DataFrame, sources: pd.DataFrame) -> SourcedValue:
    """Return the latest full-year figure of the firm headline series, with its source.

    Args:
        totals: the trade_totals frame.
        sources: the sources frame, for the title and URL.

    Raises:
        ValueError: if the data hold no firm headline figure.
    """
    firm = totals[
        (totals["scope"] == HEADLINE_SCOPE)
        & (totals["series"] == "headline")
        & (totals["months"] == 12)
    ]
    if firm.empty:
        raise ValueError("the data hold no full-year headline figure of regional trade")
    latest = firm.sort_values(["year", "total_id"]).iloc[-1]
    source = sources.set_index("source_id").loc[latest["source_id"]]
    return SourcedValue(
        year=int(latest["year"]),
        value_usd_bn=float(latest["value_usd_bn"]),
        source_id=str(latest["source_id"]),
        source_title=str(source["title"]),
        source_url=str(source["url"]),
    )


def headline_goals(targets: pd.DataFrame) -> list[Goal]:
    """Return the distinct CA5 goals stated in USD billion, smallest first (one per value).

    Where several statements name the same value, the latest announcement represents it: a goal
    restated by the heads of state at a summit supersedes an earlier aspiration.
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
        )
        for row in latest.sort_values("value_usd_bn").to_dict("records")
    ]

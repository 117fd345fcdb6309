"""Years after the latest official total, estimated from partner data by chain-linking; pure.

An estimate, never official data. For a year Y after the latest official regional total (year
B), the official total is carried forward by the growth of the pairs that can be compared:

    estimate(Y) = estimate(Y - 1) x sum of matched pairs in Y / sum of the same pairs in Y - 1,
    with estimate(B) = the official total of B.

A pair is matched between two years when one reporter gives a full-year turnover for it in both
years (same pair, same reporter). Among several such reporters the one the reporter rule prefers
gives the central value; the others give the range. Values are turnover, USD million; totals
and estimates USD billion.

The range widens the central value for what the figures do not pin down: every combination of
the matched reporters, and each figure's qualifier: "about" counts as within
+/- APPROXIMATE_MARGIN of the figure, "more than" as between the figure and LOWER_BOUND_MARGIN
above it. Both margins are assumptions of this method, stated where the estimate is shown.

An estimate is made only when the matched pairs are at least MIN_MATCHED_PAIRS and carry at least
MIN_COVERAGE_SHARE of the previous year's pair sum (the sum of every pair's value by the reporter
rule): below half, the pairs left out weigh more than those compared, and could move the total
further than the matched pairs do.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ca_trade.flows import country_pairs, pair_values, reporter_choices, reporter_priority
from ca_trade.progress import FULL_YEAR_MONTHS, latest_headline_total

APPROXIMATE_MARGIN = 0.05
LOWER_BOUND_MARGIN = 0.10
MIN_COVERAGE_SHARE = 0.5
MIN_MATCHED_PAIRS = 2


@dataclass(frozen=True)
class MatchedValue:
    """One reporter's (ISO3 or UNSPECIFIED) full-year turnover of a pair in both years of a link,
    USD million, with the qualifier of each."""

    reporter: str
    previous_usd_m: float
    current_usd_m: float
    previous_qualifier: str
    current_qualifier: str


@dataclass(frozen=True)
class MatchedPair:
    """A pair comparable between two years (countries.csv order): the values of the reporter the
    rule prefers among those matched, and the other matched reporters' (they widen the range)."""

    country_a: str
    country_b: str
    central: MatchedValue
    others: tuple[MatchedValue, ...] = ()


@dataclass(frozen=True)
class Link:
    """How the matched pairs moved from one year to the next.

    `index` is the sum of the central values in `year` / their sum in `previous_year` (None
    without a matched pair), `index_low`/`index_high` its range (see module doc).
    `coverage_share` is the rule values of the matched pairs in `previous_year` as a share of
    the sum of every pair's rule value that year (`previous_pair_sum_usd_m`). `sufficient`: the
    link meets MIN_MATCHED_PAIRS and MIN_COVERAGE_SHARE.
    """

    previous_year: int
    year: int
    matched: tuple[MatchedPair, ...]
    index: float | None
    index_low: float | None
    index_high: float | None
    previous_pair_sum_usd_m: float
    coverage_share: float
    sufficient: bool


@dataclass(frozen=True)
class ChainEstimate:
    """The estimate of one year after the latest official total (never official data).

    The chain starts from the official total (USD billion) and has one link per year up to
    `year`. The value and its range (USD billion) are None where a link is not sufficient.
    """

    year: int
    official_year: int
    official_usd_bn: float
    links: tuple[Link, ...]
    value_usd_bn: float | None
    low_usd_bn: float | None
    high_usd_bn: float | None


def value_interval(value: float, qualifier: str) -> tuple[float, float]:
    """Return the (low, high) a figure stands for, given its qualifier (see module doc)."""
    if qualifier == "approximate":
        return value * (1 - APPROXIMATE_MARGIN), value * (1 + APPROXIMATE_MARGIN)
    if qualifier == "lower_bound":
        return value, value * (1 + LOWER_BOUND_MARGIN)
    return value, value


def _full_year_preferred(candidates: pd.DataFrame, year: int) -> pd.DataFrame:
    """Each reporter's preferred full-year value of each pair in `year`."""
    return candidates[
        (candidates["year"] == year)
        & (candidates["months"] == FULL_YEAR_MONTHS)
        & (candidates["rank"] == 0)
    ]


def matched_pairs(
    candidates: pd.DataFrame, countries: pd.DataFrame, previous_year: int, year: int
) -> list[MatchedPair]:
    """Return the pairs (countries.csv order) one reporter gives a full-year value for in both
    years, from `flows.turnover_candidates`."""
    priority = reporter_priority(countries)
    before = _by_pair_and_reporter(_full_year_preferred(candidates, previous_year))
    after = _by_pair_and_reporter(_full_year_preferred(candidates, year))
    matched: list[MatchedPair] = []
    for a, b in country_pairs(countries):
        values = [
            MatchedValue(
                reporter,
                float(old["value_usd_m"]),
                float(new["value_usd_m"]),
                str(old["qualifier"]),
                str(new["qualifier"]),
            )
            for reporter in reporter_choices(a, b, priority)
            if (old := before.get((a, b, reporter))) and (new := after.get((a, b, reporter)))
        ]
        if values:
            matched.append(MatchedPair(a, b, central=values[0], others=tuple(values[1:])))
    return matched


def _by_pair_and_reporter(rows: pd.DataFrame) -> dict[tuple[str, str, str], Mapping[Hashable, Any]]:
    """Index candidate rows by (country_a, country_b, reporter)."""
    return {
        (str(row["country_a"]), str(row["country_b"]), str(row["reporter"])): row
        for row in rows.to_dict("records")
    }


def _index_range(matched: Sequence[MatchedPair]) -> tuple[float, float]:
    """Return the lowest and highest index over reporters and qualifier intervals."""
    options = [(pair.central, *pair.others) for pair in matched]
    low, high = math.inf, -math.inf
    for choice in itertools.product(*options):
        current = [value_interval(v.current_usd_m, v.current_qualifier) for v in choice]
        previous = [value_interval(v.previous_usd_m, v.previous_qualifier) for v in choice]
        low = min(low, sum(c[0] for c in current) / sum(p[1] for p in previous))
        high = max(high, sum(c[1] for c in current) / sum(p[0] for p in previous))
    return low, high


def link(candidates: pd.DataFrame, countries: pd.DataFrame, previous_year: int, year: int) -> Link:
    """Return how the matched pairs moved from `previous_year` to `year`."""
    matched = matched_pairs(candidates, countries, previous_year, year)
    rule = pair_values(candidates, countries, previous_year)
    rule_values = {
        (str(row["country_a"]), str(row["country_b"])): float(row["value_usd_m"])
        for row in rule.to_dict("records")
        if not pd.isna(row["value_usd_m"])
    }
    pair_sum = sum(rule_values.values())
    covered = sum(rule_values.get((p.country_a, p.country_b), 0.0) for p in matched)
    share = covered / pair_sum if pair_sum > 0 else 0.0
    previous_sum = sum(p.central.previous_usd_m for p in matched)
    index = (
        sum(p.central.current_usd_m for p in matched) / previous_sum if previous_sum > 0 else None
    )
    index_low, index_high = _index_range(matched) if index is not None else (None, None)
    return Link(
        previous_year=previous_year,
        year=year,
        matched=tuple(matched),
        index=index,
        index_low=index_low,
        index_high=index_high,
        previous_pair_sum_usd_m=pair_sum,
        coverage_share=share,
        sufficient=(
            index is not None and len(matched) >= MIN_MATCHED_PAIRS and share >= MIN_COVERAGE_SHARE
        ),
    )


def chain_estimates(
    candidates: pd.DataFrame, countries: pd.DataFrame, totals: pd.DataFrame, sources: pd.DataFrame
) -> list[ChainEstimate]:
    """Return an estimate for every year after the latest official total that has partner data.

    Each year with any full-year bilateral value after the official year gets an entry; where
    a link of the chain is not sufficient, that year and every later one have no value (the
    entry still says how many pairs matched).
    """
    official = latest_headline_total(totals, sources)
    full_years = candidates.loc[candidates["months"] == FULL_YEAR_MONTHS, "year"]
    last_year = max((int(y) for y in full_years), default=official.year)
    low, high = value_interval(official.value_usd_bn, official.qualifier)
    value: float | None = official.value_usd_bn
    links: list[Link] = []
    estimates: list[ChainEstimate] = []
    for year in range(official.year + 1, last_year + 1):
        step = link(candidates, countries, year - 1, year)
        links.append(step)
        if value is not None and step.sufficient:
            value *= step.index or 0.0
            low *= step.index_low or 0.0
            high *= step.index_high or 0.0
        else:
            value = None
        estimates.append(
            ChainEstimate(
                year=year,
                official_year=official.year,
                official_usd_bn=official.value_usd_bn,
                links=tuple(links),
                value_usd_bn=value,
                low_usd_bn=low if value is not None else None,
                high_usd_bn=high if value is not None else None,
            )
        )
    return estimates

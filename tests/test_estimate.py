"""The chain-linked estimate of years after the latest official total: exact values, properties."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ca_trade.data import TradeData, load_trade_data
from ca_trade.estimate import (
    APPROXIMATE_MARGIN,
    LOWER_BOUND_MARGIN,
    chain_estimates,
    link,
    value_interval,
)
from ca_trade.flows import turnover_candidates
from ca_trade.paths import PROJECT_ROOT

COUNTRIES = pd.DataFrame(
    {
        "iso3": ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
        "reporter_priority": pd.array([1, 3, 4, None, 2], dtype="Int64"),
    }
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["s"],
        "title": ["A source"],
        "url": ["https://example.org"],
        "published": pd.to_datetime(["2026-03-21"]),
    }
)


def totals(value: float = 10.0, qualifier: str = "exact") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "total_id": ["t"],
            "year": [2024],
            "months": [12],
            "scope": ["CA5"],
            "value_usd_bn": [value],
            "qualifier": [qualifier],
            "series": ["headline"],
            "source_id": ["s"],
        }
    )


Row = tuple[int, str, str, float, str, str]  # year, country, partner, value, reporter, qualifier


def flows(rows: list[Row]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "flow_id": [f"f{i}" for i in range(len(rows))],
            "year": [r[0] for r in rows],
            "months": [12] * len(rows),
            "country": [r[1] for r in rows],
            "partner": [r[2] for r in rows],
            "flow": ["turnover"] * len(rows),
            "value_usd_m": [r[3] for r in rows],
            "reporter": [r[4] for r in rows],
            "qualifier": [r[5] for r in rows],
            "source_id": ["s"] * len(rows),
        }
    )


def estimate_of(rows: list[Row], official: float = 10.0, qualifier: str = "exact"):  # type: ignore[no-untyped-def]
    candidates = turnover_candidates(flows(rows), COUNTRIES)
    (estimate,) = chain_estimates(candidates, COUNTRIES, totals(official, qualifier), SOURCES)
    return estimate


BASE: list[Row] = [
    (2024, "KAZ", "UZB", 4000.0, "KAZ", "exact"),
    (2025, "KAZ", "UZB", 4400.0, "KAZ", "exact"),
    (2024, "KAZ", "KGZ", 1000.0, "KAZ", "exact"),
    (2025, "KAZ", "KGZ", 1100.0, "KAZ", "exact"),
    (2024, "TKM", "UZB", 1000.0, "UZB", "exact"),  # 2024 only: in the pair sum, not matched
]


def test_exact_chain_link() -> None:
    estimate = estimate_of(BASE)
    (step,) = estimate.links
    assert (step.previous_year, step.year) == (2024, 2025)
    assert [(p.country_a, p.country_b) for p in step.matched] == [("KAZ", "KGZ"), ("KAZ", "UZB")]
    assert step.index == pytest.approx(5500 / 5000)
    assert step.previous_pair_sum_usd_m == 6000
    assert step.coverage_share == pytest.approx(5000 / 6000)
    assert estimate.value_usd_bn == pytest.approx(11.0)
    assert (estimate.low_usd_bn, estimate.high_usd_bn) == pytest.approx((11.0, 11.0))


def test_a_second_reporter_and_qualifiers_widen_the_range() -> None:
    rows = [
        *BASE,
        (2024, "UZB", "KAZ", 4200.0, "UZB", "exact"),
        (2025, "UZB", "KAZ", 4970.0, "UZB", "exact"),
    ]
    rows[3] = (2025, "KAZ", "KGZ", 1100.0, "KAZ", "approximate")
    rows[0] = (2024, "KAZ", "UZB", 4000.0, "KAZ", "lower_bound")
    estimate = estimate_of(rows)
    # Central: Kazakhstan, the rule's first reporter, for both pairs.
    assert estimate.value_usd_bn == pytest.approx(10 * 5500 / 5000)
    low = (1100 * (1 - APPROXIMATE_MARGIN) + 4400) / (1000 + 4000 * (1 + LOWER_BOUND_MARGIN))
    high = (1100 * (1 + APPROXIMATE_MARGIN) + 4970) / (1000 + 4200)
    assert estimate.low_usd_bn == pytest.approx(10 * low)
    assert estimate.high_usd_bn == pytest.approx(10 * high)


def test_an_official_lower_bound_widens_the_range_upwards() -> None:
    estimate = estimate_of(BASE, official=10.0, qualifier="lower_bound")
    assert estimate.value_usd_bn == pytest.approx(11.0)
    assert estimate.high_usd_bn == pytest.approx(11.0 * (1 + LOWER_BOUND_MARGIN))


def test_too_little_coverage_gives_no_estimate() -> None:
    rows = [*BASE[:4], (2024, "TKM", "UZB", 6000.0, "UZB", "exact")]
    estimate = estimate_of(rows)
    (step,) = estimate.links
    assert step.coverage_share == pytest.approx(5000 / 11000)
    assert not step.sufficient
    assert estimate.value_usd_bn is None


def test_one_matched_pair_is_not_enough() -> None:
    estimate = estimate_of(BASE[:2])
    assert estimate.links[0].coverage_share == 1.0
    assert estimate.value_usd_bn is None


def test_different_reporters_in_the_two_years_do_not_match() -> None:
    rows = [
        (2024, "KAZ", "UZB", 4000.0, "KAZ", "exact"),
        (2025, "KAZ", "UZB", 4970.0, "UZB", "exact"),
        *BASE[2:4],
    ]
    (step,) = estimate_of(rows).links
    assert [(p.country_a, p.country_b) for p in step.matched] == [("KAZ", "KGZ")]


def test_value_interval() -> None:
    assert value_interval(100.0, "exact") == (100.0, 100.0)
    assert value_interval(100.0, "approximate") == pytest.approx((95.0, 105.0))
    assert value_interval(100.0, "lower_bound") == pytest.approx((100.0, 110.0))


PAIRS = [("KAZ", "KGZ"), ("KAZ", "UZB"), ("KGZ", "UZB"), ("KAZ", "TJK"), ("TJK", "UZB")]
values = st.floats(min_value=1.0, max_value=10_000.0, allow_nan=False)


def two_years(before: list[float], after: list[float]) -> list[Row]:
    rows: list[Row] = []
    for (a, b), x, y in zip(PAIRS, before, after, strict=False):
        rows += [(2024, a, b, x, a, "exact"), (2025, a, b, y, a, "exact")]
    return rows


@given(st.lists(values, min_size=2, max_size=5))
def test_equal_years_give_an_index_of_one(level: list[float]) -> None:
    estimate = estimate_of(two_years(level, level))
    assert estimate.links[0].index == pytest.approx(1.0)
    assert estimate.value_usd_bn == pytest.approx(10.0)


@given(st.lists(values, min_size=4, max_size=4), values, values)
def test_an_unmatched_pair_changes_nothing(
    level: list[float], unmatched_2024: float, unmatched_2025: float
) -> None:
    before, after = level[:2], level[2:]
    alone = estimate_of(two_years(before, after))
    # TKM-UZB has a value in each year, but from different reporters: not matched. Kept below
    # the matched pairs' sum, so the coverage stays above the threshold.
    small = min(unmatched_2024, sum(before)) / 2
    widened = estimate_of(
        [
            *two_years(before, after),
            (2024, "TKM", "UZB", small, "UZB", "exact"),
            (2025, "TKM", "UZB", unmatched_2025, "UNSPECIFIED", "exact"),
        ]
    )
    assert widened.links[0].index == pytest.approx(alone.links[0].index)
    assert widened.links[0].coverage_share < 1.0
    assert widened.value_usd_bn == pytest.approx(alone.value_usd_bn)


@given(st.lists(values, min_size=6, max_size=6), st.floats(min_value=0.1, max_value=10.0))
def test_scaling_every_pair_scales_the_estimate(level: list[float], factor: float) -> None:
    before, after = level[:3], level[3:]
    plain = estimate_of(two_years(before, after))
    scaled = estimate_of(two_years(before, [value * factor for value in after]))
    assert plain.value_usd_bn is not None
    assert scaled.value_usd_bn == pytest.approx(plain.value_usd_bn * factor)
    assert scaled.low_usd_bn == pytest.approx(plain.low_usd_bn * factor)  # type: ignore[operator]


@pytest.fixture(scope="module")
def data() -> TradeData:
    return load_trade_data(PROJECT_ROOT / "data")


def test_the_2025_estimate_on_the_bundled_data(data: TradeData) -> None:
    candidates = turnover_candidates(data.trade_flows, data.countries)
    (estimate,) = chain_estimates(candidates, data.countries, data.trade_totals, data.sources)
    assert (estimate.year, estimate.official_year, estimate.official_usd_bn) == (2025, 2024, 11.5)
    (step,) = estimate.links
    # KAZ-KGZ 1,700 -> about 2,000 and KAZ-UZB more than 4,000 -> 4,300, both Kazakh data.
    assert [(p.country_a, p.country_b, p.central.reporter) for p in step.matched] == [
        ("KAZ", "KGZ", "KAZ"),
        ("KAZ", "UZB", "KAZ"),
    ]
    assert [p.others[0].reporter for p in step.matched] == ["KGZ", "UZB"]
    assert step.index == pytest.approx(6300 / 5700)
    assert step.previous_pair_sum_usd_m == pytest.approx(8188.0)
    assert step.coverage_share == pytest.approx(5700 / 8188)
    assert estimate.value_usd_bn == pytest.approx(11.5 * 6300 / 5700)
    assert estimate.low_usd_bn == pytest.approx(11.5 * (1900 + 4300) / (1700 + 4400))
    assert estimate.high_usd_bn == pytest.approx(11.5 * (2200 + 4970) / (1340 + 4200))
    assert math.isclose(round(estimate.value_usd_bn, 1), 12.7)


def test_link_directly(data: TradeData) -> None:
    candidates = turnover_candidates(data.trade_flows, data.countries)
    assert link(candidates, data.countries, 2023, 2024).sufficient

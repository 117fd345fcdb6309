"""Headline, gap, required growth and on-track status: edge cases first, then the fixture."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ca_trade.data import TradeData, load_trade_data
from ca_trade.paths import PROJECT_ROOT
from ca_trade.progress import (
    Goal,
    Status,
    assess_goal,
    compound_growth,
    goal_with_value,
    growth_window,
    headline_goals,
    headline_line,
    headline_total_for_year,
    latest_headline_total,
    on_track_status,
    progress_since_baseline,
    required_growth,
    required_path,
    share_of_goal,
)

VALID_FIXTURE = Path(__file__).parent / "data" / "valid"
SOURCES = pd.DataFrame(
    {
        "source_id": ["s1", "s2"],
        "title": ["Source one", "Source two"],
        "url": ["https://example.org/1", "https://example.org/2"],
    }
)


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> TradeData:
    """The tiny valid package, loaded through the real loader and descriptor."""
    folder = tmp_path_factory.mktemp("package")
    shutil.copytree(VALID_FIXTURE, folder, dirs_exist_ok=True)
    shutil.copy(PROJECT_ROOT / "data" / "datapackage.json", folder / "datapackage.json")
    return load_trade_data(folder)


def totals_frame(rows: list[tuple[int, int, str, float, str]]) -> pd.DataFrame:
    """Build a trade_totals frame from (year, months, series, value USD bn, source_id) rows."""
    return pd.DataFrame(
        {
            "total_id": [f"t{i}" for i in range(len(rows))],
            "year": [r[0] for r in rows],
            "months": [r[1] for r in rows],
            "scope": ["CA5"] * len(rows),
            "value_usd_bn": [r[3] for r in rows],
            "qualifier": ["exact"] * len(rows),
            "series": [r[2] for r in rows],
            "source_id": [r[4] for r in rows],
        }
    )


def goal(value: float, base_year: int | None = 2023) -> Goal:
    """A CA5 goal of `value` USD bn measured against `base_year`."""
    return Goal(
        target_id=f"g{value:g}",
        value_usd_bn=value,
        announced_year=2024,
        speaker="Speaker",
        deadline_year=None,
        source_id="s1",
        base_year=base_year,
    )


# --- negative and edge cases ---------------------------------------------------------------


def test_required_growth_refuses_target_year_not_after_latest_year() -> None:
    with pytest.raises(ValueError, match="must be after the latest year"):
        required_growth(11.5, 15, 2024, 2024)
    with pytest.raises(ValueError, match="must be after the latest year"):
        required_growth(11.5, 15, 2024, 2020)


def test_compound_growth_refuses_empty_period_and_zero_start() -> None:
    with pytest.raises(ValueError, match="period"):
        compound_growth(10, 11, 0)
    with pytest.raises(ValueError, match="positive start"):
        compound_growth(0, 11, 3)


def test_required_growth_is_negative_when_goal_already_exceeded() -> None:
    assert required_growth(16, 15, 2024, 2030) < 0


def test_on_track_status_boundaries() -> None:
    assert on_track_status(0.05, 0.0) is Status.MET
    assert on_track_status(0.05, -0.01) is Status.MET
    assert on_track_status(0.95, 1.0) is Status.ON_TRACK
    assert on_track_status(0.9499, 1.0) is Status.ACCELERATION_NEEDED
    assert on_track_status(0.6, 1.0) is Status.ACCELERATION_NEEDED
    assert on_track_status(0.5999, 1.0) is Status.LIMITED_PROGRESS
    assert on_track_status(0.0, 1.0) is Status.LIMITED_PROGRESS
    assert on_track_status(-0.01, 1.0) is Status.DETERIORATION


def test_progress_since_baseline_refuses_goal_not_above_baseline() -> None:
    with pytest.raises(ValueError, match="does not exceed"):
        progress_since_baseline(15, 16, 15)


def test_progress_since_baseline_below_baseline_is_negative_and_past_goal_above_one() -> None:
    assert progress_since_baseline(11, 10, 15) == pytest.approx(-0.25)
    assert progress_since_baseline(11, 17, 15) == pytest.approx(1.5)


def test_share_of_goal_refuses_non_positive_goal() -> None:
    with pytest.raises(ValueError, match="positive"):
        share_of_goal(11, 0)


def test_no_firm_figure_is_an_error() -> None:
    soft_only = totals_frame([(2022, 12, "headline_soft", 10, "s1")])
    with pytest.raises(ValueError, match="no full-year headline figure"):
        latest_headline_total(soft_only, SOURCES)


def test_partial_year_is_not_the_latest_full_year_figure() -> None:
    totals = totals_frame([(2024, 12, "headline", 11.5, "s1"), (2025, 6, "headline", 7.0, "s2")])
    latest = latest_headline_total(totals, SOURCES)
    assert (latest.year, latest.value_usd_bn) == (2024, 11.5)
    assert headline_total_for_year(totals, SOURCES, 2025) is None
    assert headline_line(totals)["year"].tolist() == [2024]


def test_only_partial_year_data_has_no_latest_figure() -> None:
    totals = totals_frame([(2025, 6, "headline", 7.0, "s1")])
    with pytest.raises(ValueError, match="full-year"):
        latest_headline_total(totals, SOURCES)


def test_goal_already_met_has_no_required_growth_and_ignores_target_year() -> None:
    totals = totals_frame([(2023, 12, "headline", 11, "s1"), (2024, 12, "headline", 16, "s2")])
    result = assess_goal(totals, SOURCES, goal(15), target_year=2024)
    assert result.met
    assert result.status is Status.MET
    assert result.required_growth is None
    assert result.gap_usd_bn == 0
    assert result.share_reached == pytest.approx(16 / 15)
    assert result.progress_since_baseline == pytest.approx(5 / 4)


def test_goal_not_met_with_target_year_not_after_latest_is_an_error() -> None:
    totals = totals_frame([(2023, 12, "headline", 11, "s1"), (2024, 12, "headline", 11.5, "s2")])
    with pytest.raises(ValueError, match="must be after"):
        assess_goal(totals, SOURCES, goal(15), target_year=2024)


def test_single_figure_has_no_window_and_no_status() -> None:
    totals = totals_frame([(2024, 12, "headline", 11.5, "s1")])
    result = assess_goal(totals, SOURCES, goal(15, base_year=2024), target_year=2030)
    assert result.window is None
    assert result.observed_growth is None
    assert result.status is None
    assert result.required_growth == pytest.approx((15 / 11.5) ** (1 / 6) - 1)


def test_goal_without_base_year_has_no_progress_since_baseline() -> None:
    totals = totals_frame([(2023, 12, "headline", 11, "s1"), (2024, 12, "headline", 11.5, "s2")])
    result = assess_goal(totals, SOURCES, goal(15, base_year=None), target_year=2030)
    assert result.baseline is None
    assert result.progress_since_baseline is None
    assert result.window == (2023, 2024)


def test_falling_trade_is_deterioration() -> None:
    totals = totals_frame([(2022, 12, "headline", 12, "s1"), (2024, 12, "headline", 11.5, "s2")])
    result = assess_goal(totals, SOURCES, goal(15, base_year=2022), target_year=2030)
    assert result.status is Status.DETERIORATION
    assert result.observed_growth is not None
    assert result.observed_growth < 0


def test_growth_window_skips_base_year_without_firm_figure() -> None:
    totals = totals_frame(
        [
            (2018, 12, "headline", 5.7, "s1"),
            (2022, 12, "headline_soft", 10, "s1"),
            (2023, 12, "headline", 11, "s1"),
            (2024, 12, "headline", 11.5, "s2"),
        ]
    )
    assert growth_window(totals, goal(15, base_year=2018), 2024) == (2018, 2024)
    assert growth_window(totals, goal(15, base_year=2022), 2024) == (2023, 2024)
    assert growth_window(totals, goal(20, base_year=2024), 2024) == (2023, 2024)
    assert growth_window(totals, goal(20, base_year=2030), 2024) == (2023, 2024)


def test_goal_with_value_unknown_is_key_error() -> None:
    with pytest.raises(KeyError, match="no regional goal of 17"):
        goal_with_value([goal(15), goal(20)], 17)


def test_required_path_refuses_target_not_after_latest() -> None:
    with pytest.raises(ValueError, match="must be after"):
        required_path(2024, 11.5, 2024, 15)


# --- the fixture package --------------------------------------------------------------------


def test_headline_goals_carry_base_year_and_announcement(fixture_data: TradeData) -> None:
    goals = headline_goals(fixture_data.targets)
    assert [g.value_usd_bn for g in goals] == [15, 20]
    assert [g.base_year for g in goals] == [2023, 2024]
    assert goals[0].event == "Meeting 6"
    assert str(goals[1].announced) == "2025-11-16"


def test_assessment_of_15bn_by_2030(fixture_data: TradeData) -> None:
    goals = headline_goals(fixture_data.targets)
    result = assess_goal(
        fixture_data.trade_totals, fixture_data.sources, goal_with_value(goals, 15), 2030
    )
    assert (result.latest.year, result.latest.value_usd_bn) == (2024, 11.5)
    assert result.share_reached == pytest.approx(11.5 / 15)
    assert result.gap_usd_bn == pytest.approx(3.5)
    assert result.required_growth == pytest.approx((15 / 11.5) ** (1 / 6) - 1)
    assert round(result.required_growth or 0, 3) == 0.045
    assert result.baseline is not None
    assert (result.baseline.year, result.baseline.value_usd_bn) == (2023, 11)
    assert result.progress_since_baseline == pytest.approx(0.5 / 4)
    assert result.window == (2023, 2024)
    assert result.observed_growth == pytest.approx(11.5 / 11 - 1)
    assert result.status is Status.ON_TRACK
    assert result.latest.source_url == "https://example.org/a"


def test_assessment_of_20bn_by_2030_measured_from_its_2024_base(fixture_data: TradeData) -> None:
    goals = headline_goals(fixture_data.targets)
    result = assess_goal(
        fixture_data.trade_totals, fixture_data.sources, goal_with_value(goals, 20), 2030
    )
    assert result.gap_usd_bn == pytest.approx(8.5)
    assert result.required_growth == pytest.approx((20 / 11.5) ** (1 / 6) - 1)
    assert result.progress_since_baseline == pytest.approx(0)
    # The goal's base year is the latest year: the most recent change is the evidence.
    assert result.window == (2023, 2024)
    assert result.status is Status.LIMITED_PROGRESS


def test_headline_line_has_one_firm_point_per_year(fixture_data: TradeData) -> None:
    line = headline_line(fixture_data.trade_totals)
    assert line["year"].tolist() == [2018, 2023, 2024]  # 2022 is a soft point
    assert line["value_usd_bn"].tolist() == [5.7, 11, 11.5]


# --- properties -------------------------------------------------------------------------


@given(
    current=st.floats(1, 100),
    goal_value=st.floats(1, 100),
    start=st.integers(2000, 2040),
    span=st.integers(1, 30),
)
def test_required_path_reaches_the_goal_at_the_required_rate(
    current: float, goal_value: float, start: int, span: int
) -> None:
    path = required_path(start, current, start + span, goal_value)
    assert path["year"].tolist() == list(range(start, start + span + 1))
    assert path["value_usd_bn"].iloc[0] == current
    assert path["value_usd_bn"].iloc[-1] == goal_value
    rate = required_growth(current, goal_value, start, start + span)
    assert math.isclose(current * (1 + rate) ** span, goal_value, rel_tol=1e-9)


def test_baseline_comes_from_the_goal_statement_where_it_gives_one() -> None:
    totals = totals_frame([(2023, 12, "headline", 11, "s1"), (2023, 12, "headline", 11, "s2")])
    usual = headline_total_for_year(totals, SOURCES, 2023)
    assert usual is not None
    assert usual.source_id == "s2"  # the last by total_id
    chosen = headline_total_for_year(totals, SOURCES, 2023, prefer_source="s1")
    assert chosen is not None
    assert (chosen.source_id, chosen.source_title) == ("s1", "Source one")
    missing = headline_total_for_year(totals, SOURCES, 2023, prefer_source="s9")
    assert missing is not None
    assert missing.source_id == "s2"  # falls back to the usual rule
    assert headline_total_for_year(totals, SOURCES, 2022) is None


def test_bundled_data_meets_the_issue_numbers() -> None:
    data = load_trade_data()
    goals = headline_goals(data.targets)
    result = assess_goal(data.trade_totals, data.sources, goal_with_value(goals, 15), 2030)
    assert (result.latest.year, result.latest.value_usd_bn) == (2024, 11.5)
    assert round(result.share_reached * 100) == 77
    assert result.gap_usd_bn == pytest.approx(3.5)
    assert result.required_growth == pytest.approx((15 / 11.5) ** (1 / 6) - 1)
    assert result.baseline is not None
    assert result.baseline.source_id == goal_with_value(goals, 15).source_id

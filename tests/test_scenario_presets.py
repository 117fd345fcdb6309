"""Scenario additions for the page: cached effect levels, per-project contributions, goals, presets.

Invalid input first, then known values on the real data package, then properties.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ca_trade.data import TradeData, load_trade_data
from ca_trade.paths import PROJECT_ROOT
from ca_trade.progress import Goal, headline_goals, headline_line
from ca_trade.scenario import (
    CONTRIBUTION_COLUMNS,
    ObservedTrend,
    Preset,
    ScenarioParams,
    ScenarioSettings,
    effect_levels,
    goal_reached_year,
    group_columns,
    matching_preset,
    multiplied_goals,
    observed_cagr,
    path_from_levels,
    project_contributions,
    project_path,
    projects_with_effect,
    required_growth,
    scenario_goals,
    scenario_presets,
    scenario_settings,
    start_year,
)
from ca_trade.scenario.pairs import with_pair_trade

GROWTH_RANGE = (-5.0, 20.0)
SETTINGS = ScenarioSettings(2027, 3, 2030, "https://example.org/roadmap")


@pytest.fixture(scope="module")
def data() -> TradeData:
    return load_trade_data(PROJECT_ROOT / "data")


@pytest.fixture(scope="module")
def assumptions(data: TradeData) -> pd.DataFrame:
    """The assumptions the model reads: the file's, with each pair's trade from trade_flows."""
    return with_pair_trade(data.assumptions, data.trade_flows, data.countries)


@pytest.fixture(scope="module")
def params() -> ScenarioParams:
    return ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.045)


def trend(cagr: float) -> ObservedTrend:
    return ObservedTrend(2023, 2024, 11.0, 11.0 * (1 + cagr), cagr)


def goal(value: float, *, deadline: int | None = None, base_year: int | None = None) -> Goal:
    return Goal(
        target_id=f"g{value:g}",
        value_usd_bn=value,
        announced_year=2024,
        speaker="Someone",
        deadline_year=deadline,
        source_id="s",
        base_year=base_year,
        announced=date(2024, 8, 9),
    )


# --- invalid input ------------------------------------------------------------------------------


def test_path_from_levels_rejects_levels_of_other_years(
    data: TradeData, assumptions: pd.DataFrame, params: ScenarioParams
) -> None:
    levels = effect_levels(params, data.projects, assumptions)
    with pytest.raises(ValueError, match="effect levels cover 2024-2040"):
        path_from_levels(replace(params, base_year=2023), levels)
    with pytest.raises(ValueError, match="effect levels cover"):
        path_from_levels(replace(params, horizon_year=2035), levels)


def test_contributions_reject_unknown_switched_off_names(
    data: TradeData, assumptions: pd.DataFrame, params: ScenarioParams
) -> None:
    with pytest.raises(ValueError, match="not in the projects frame"):
        project_contributions(
            replace(params, disabled_projects=frozenset({"no_such_project"})),
            data.projects,
            assumptions,
        )
    with pytest.raises(ValueError, match="not in the projects frame"):
        project_contributions(
            replace(params, disabled_types=frozenset({"canal"})), data.projects, assumptions
        )


def test_a_preset_missing_a_setting_does_not_match() -> None:
    preset = Preset("roadmap", growth_percent=9.3, goal_usd_bn=15.0, target_year=2027)
    assert not preset.matches(growth_percent=9.3, goal_usd_bn=15.0)
    assert not preset.matches(growth_percent=9.2, goal_usd_bn=15.0, target_year=2027)
    assert preset.matches(growth_percent=9.3 + 1e-9, goal_usd_bn=15.0, target_year=2027)


def test_presets_without_trend_goal_or_deadline_set_only_what_they_can() -> None:
    presets = scenario_presets(
        base_year=2024,
        base_value_usd_bn=11.5,
        trend=None,
        goals=[goal(10.0)],  # already met: no goal left for the roadmap
        multiples=[goal(22.0, base_year=2023)],  # no deadline: no doubling year
        growth_range_percent=GROWTH_RANGE,
        settings=SETTINGS,
    )
    assert presets["recent_trend"].growth_percent is None
    assert presets["recent_trend"].settings() == {"delay_years": 0, "effects_enabled": True}
    assert presets["roadmap"].goal_usd_bn is None
    assert presets["roadmap"].growth_percent is None
    assert presets["doubling"].target_year is None
    assert presets["own"].settings() == {}


def test_a_deadline_not_after_the_base_year_sets_no_growth() -> None:
    presets = scenario_presets(
        base_year=2029,
        base_value_usd_bn=11.5,
        trend=trend(0.05),
        goals=[goal(15.0)],
        multiples=[goal(22.0, deadline=2029, base_year=2023)],
        growth_range_percent=GROWTH_RANGE,
        settings=SETTINGS,
    )
    assert presets["doubling"].growth_percent is None
    assert presets["roadmap"].growth_percent is None  # the roadmap ends before 2029


# --- known values on the real data --------------------------------------------------------------


def test_the_doubling_goal_is_twice_the_2023_total_by_2029(data: TradeData) -> None:
    (doubling,) = multiplied_goals(data.targets, data.trade_totals, data.sources)
    assert doubling.value_usd_bn == pytest.approx(22.0)
    assert (doubling.base_year, doubling.deadline_year) == (2023, 2029)
    assert doubling.target_id == "ca5_x2_2024_08_09_mirziyoyev_cm6"


def test_scenario_goals_are_the_stated_goals_then_the_multiples_by_value(data: TradeData) -> None:
    goals = scenario_goals(data.targets, data.trade_totals, data.sources)
    assert [g.value_usd_bn for g in goals] == pytest.approx([15.0, 20.0, 22.0])
    stated = {g.target_id for g in headline_goals(data.targets)}
    assert {g.target_id for g in goals} - stated == {"ca5_x2_2024_08_09_mirziyoyev_cm6"}


def test_a_multiple_equal_to_a_stated_goal_is_not_repeated(data: TradeData) -> None:
    targets = data.targets.copy()
    targets.loc[targets["target_id"] == "ca5_x2_2024_08_09_mirziyoyev_cm6", "multiplier"] = 20 / 11
    goals = scenario_goals(targets, data.trade_totals, data.sources)
    assert [round(g.value_usd_bn, 6) for g in goals] == [15.0, 20.0]


def test_presets_on_the_real_data(data: TradeData) -> None:
    history = headline_line(data.trade_totals)
    observed = observed_cagr(history, 2023, 2024)
    presets = scenario_presets(
        base_year=2024,
        base_value_usd_bn=11.5,
        trend=observed,
        goals=scenario_goals(data.targets, data.trade_totals, data.sources),
        multiples=multiplied_goals(data.targets, data.trade_totals, data.sources),
        growth_range_percent=GROWTH_RANGE,
        settings=SETTINGS,
    )
    # 11.5 / 11.0 - 1 = 4.545...% a year, to the slider's 0.1 step.
    assert presets["recent_trend"].settings() == {
        "growth_percent": 4.5,
        "delay_years": 0,
        "effects_enabled": True,
    }
    # (15 / 11.5)^(1/3) - 1 = 9.26%, rounded up so organic growth alone reaches the goal.
    assert presets["roadmap"].settings() == {
        "growth_percent": 9.3,
        "goal_usd_bn": 15.0,
        "target_year": SETTINGS.roadmap_end_year,
        "delay_years": 0,
        "effects_enabled": True,
    }
    # (22 / 11.5)^(1/5) - 1 = 13.85%, rounded up.
    assert presets["doubling"].settings() == {
        "growth_percent": 13.9,
        "goal_usd_bn": pytest.approx(22.0),
        "target_year": 2029,
        "delay_years": 0,
        "effects_enabled": True,
    }
    assert presets["projects_delayed"].delay_years == SETTINGS.delayed_preset_years
    assert presets["projects_delayed"].growth_percent == 4.5


@pytest.mark.parametrize("preset_id", ["roadmap", "doubling"])
def test_deadline_presets_reach_their_goal_by_the_deadline_on_organic_growth_alone(
    data: TradeData, assumptions: pd.DataFrame, preset_id: str
) -> None:
    presets = scenario_presets(
        base_year=2024,
        base_value_usd_bn=11.5,
        trend=None,
        goals=scenario_goals(data.targets, data.trade_totals, data.sources),
        multiples=multiplied_goals(data.targets, data.trade_totals, data.sources),
        growth_range_percent=GROWTH_RANGE,
        settings=SETTINGS,
    )
    preset = presets[preset_id]  # type: ignore[index]
    assert preset.growth_percent is not None
    assert preset.goal_usd_bn is not None
    assert preset.target_year is not None
    params = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=preset.growth_percent / 100,
        effects_enabled=False,
    )
    path = project_path(params, data.projects, assumptions)
    assert goal_reached_year(path, preset.goal_usd_bn) == preset.target_year
    slower = project_path(
        replace(params, growth=(preset.growth_percent - 0.1) / 100), data.projects, assumptions
    )
    assert goal_reached_year(slower, preset.goal_usd_bn) != preset.target_year


def test_growth_is_clamped_to_the_slider_range() -> None:
    presets = scenario_presets(
        base_year=2024,
        base_value_usd_bn=11.5,
        trend=trend(0.40),
        goals=[goal(100.0)],
        multiples=[],
        growth_range_percent=GROWTH_RANGE,
        settings=SETTINGS,
    )
    assert presets["recent_trend"].growth_percent == 20.0
    assert presets["roadmap"].growth_percent == 20.0


def test_matching_prefers_the_preset_that_fixes_more_settings() -> None:
    presets = {
        "recent_trend": Preset("recent_trend", growth_percent=9.3, delay_years=0),
        "roadmap": Preset(
            "roadmap", growth_percent=9.3, goal_usd_bn=15.0, target_year=2027, delay_years=0
        ),
        "own": Preset("own"),
    }
    current = {"growth_percent": 9.3, "goal_usd_bn": 15.0, "target_year": 2027, "delay_years": 0}
    assert matching_preset(presets, **current) == "roadmap"  # type: ignore[arg-type]
    current["target_year"] = 2030
    assert matching_preset(presets, **current) == "recent_trend"  # type: ignore[arg-type]
    current["delay_years"] = 2
    assert matching_preset(presets, **current) == "own"  # type: ignore[arg-type]


def test_start_year_delays_only_completions_after_the_base_year() -> None:
    assert start_year(2030, 2024, 3) == 2033
    assert start_year(2024, 2024, 3) == 2024
    assert start_year(2015, 2024, 3) == 2015


def test_contributions_add_up_to_the_group_columns_of_the_path(
    data: TradeData, assumptions: pd.DataFrame, params: ScenarioParams
) -> None:
    for delay in (0, 3):
        scenario = replace(params, delay_years=delay)
        path = project_path(scenario, data.projects, assumptions)
        contributions = project_contributions(scenario, data.projects, assumptions)
        assert list(contributions.columns) == list(CONTRIBUTION_COLUMNS)
        by_group = contributions.pivot_table(
            index="year", columns="group", values="contribution_usd_bn", aggfunc="sum"
        )
        for column in group_columns(path):
            group = column.removeprefix("effect_")
            expected = path.set_index("year")[column]
            got = by_group[group] if group in by_group else pd.Series(0.0, index=expected.index)
            np.testing.assert_allclose(got.reindex(expected.index).fillna(0.0), expected)


def test_the_projects_with_an_effect_on_the_real_data(
    data: TradeData, assumptions: pd.DataFrame, params: ScenarioParams
) -> None:
    contributions = project_contributions(params, data.projects, assumptions)
    moving = projects_with_effect(contributions)
    # Roads completed in 2015 are counted but already in the base: they never move the path.
    # Data 0.2.0 dates the CKU railway (2030) and the Kazakh-Kyrgyz complex (2026): both count.
    assert set(moving) == {
        "rogun_hpp",
        "darbaza_maktaaral_railway",
        "icic_central_asia_kaz_uzb",
        "china_kyrgyzstan_uzbekistan_railway",
        "kaz_kgz_trade_logistics_complex",
    }
    at_2030 = contributions[contributions["year"] == 2030].set_index("project_id")
    # Darbaza-Maktaaral: 10 Mt x 0.5 x 0.3 x USD 300/t = USD 450m, full from 2030 (5-year ramp).
    assert at_2030.loc["darbaza_maktaaral_railway", "contribution_usd_bn"] == pytest.approx(0.45)
    # ICIC: USD 100m at maturity, 4 of 5 ramp years in 2030.
    assert at_2030.loc["icic_central_asia_kaz_uzb", "contribution_usd_bn"] == pytest.approx(0.08)
    assert at_2030.loc["rogun_hpp", "contribution_usd_bn"] == 0.0
    assert at_2030.loc["kaz_kgz_trade_logistics_complex", "contribution_usd_bn"] == pytest.approx(
        0.05
    )
    assert at_2030.loc["china_kyrgyzstan_uzbekistan_railway", "contribution_usd_bn"] == (
        pytest.approx(0.027)
    )


def test_contributions_are_empty_with_effects_off_or_everything_switched_off(
    data: TradeData, assumptions: pd.DataFrame, params: ScenarioParams
) -> None:
    off = project_contributions(replace(params, effects_enabled=False), data.projects, assumptions)
    assert off.empty
    assert list(off.columns) == list(CONTRIBUTION_COLUMNS)
    types = frozenset(data.projects["type"].astype(str))
    none = project_contributions(replace(params, disabled_types=types), data.projects, assumptions)
    assert none.empty


# --- properties --------------------------------------------------------------------------------


@given(
    growth=st.floats(-0.05, 0.2),
    band=st.floats(0.0, 0.03),
    delay=st.integers(0, 6),
    effects=st.booleans(),
)
def test_property_levels_cached_without_growth_give_the_same_path(
    data: TradeData,
    assumptions: pd.DataFrame,
    growth: float,
    band: float,
    delay: int,
    effects: bool,
) -> None:
    params = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=growth,
        band_width=band,
        delay_years=delay,
        effects_enabled=effects,
    )
    levels = effect_levels(replace(params, growth=0.0, band_width=0.0), data.projects, assumptions)
    pd.testing.assert_frame_equal(
        path_from_levels(params, levels), project_path(params, data.projects, assumptions)
    )


@given(base=st.floats(1.0, 30.0), goal_value=st.floats(1.0, 60.0), years=st.integers(1, 15))
def test_property_a_deadline_preset_never_asks_for_less_than_required(
    base: float, goal_value: float, years: int
) -> None:
    target = 2024 + years
    needed = required_growth(base, goal_value, 2024, target) * 100
    assume(-50.0 < needed < 499.0)  # inside the range, where no clamping happens
    presets = scenario_presets(
        base_year=2024,
        base_value_usd_bn=base,
        trend=None,
        goals=[goal(goal_value)],
        multiples=[goal(goal_value, deadline=target, base_year=2023)],
        growth_range_percent=(-50.0, 500.0),
        settings=SETTINGS,
    )
    preset = presets["doubling"]
    assert preset.growth_percent is not None
    assert preset.growth_percent >= needed - 1e-9
    assert preset.growth_percent - needed < 0.1 + 1e-9
    assert math.isclose(round(preset.growth_percent * 10), preset.growth_percent * 10)


def test_the_policy_numbers_are_read_from_the_data_with_their_source(data: TradeData) -> None:
    read = scenario_settings(data.scenario_settings)
    assert (read.roadmap_end_year, read.delayed_preset_years, read.default_target_year) == (
        2027,
        3,
        2030,
    )
    assert read.roadmap_source_url.startswith("https://kapital.kz/")
    sourced = data.scenario_settings.set_index("setting_id")
    assert sourced.loc["roadmap_end_year", "basis"] == "sourced"
    assert sourced["note"].str.len().gt(20).all()


def test_a_missing_setting_is_named() -> None:
    frame = pd.DataFrame(
        {"setting_id": ["roadmap_end_year"], "value": [2027], "source_url": ["https://x.org"]}
    )
    with pytest.raises(ValueError, match="delayed_preset_years, default_target_year"):
        scenario_settings(frame)


def test_a_later_roadmap_year_in_the_data_moves_the_preset() -> None:
    later = replace(SETTINGS, roadmap_end_year=2029, delayed_preset_years=5)
    presets = scenario_presets(
        base_year=2024,
        base_value_usd_bn=11.5,
        trend=trend(0.045),
        goals=[goal(15.0)],
        multiples=[],
        growth_range_percent=GROWTH_RANGE,
        settings=later,
    )
    assert presets["roadmap"].target_year == 2029
    assert presets["projects_delayed"].delay_years == 5

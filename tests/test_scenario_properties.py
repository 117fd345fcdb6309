"""Properties of the scenario model on random projects and assumptions (hypothesis)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import assume, given
from hypothesis import strategies as st

from ca_trade.scenario import (
    ScenarioParams,
    goal_reached_year,
    group_columns,
    project_effects,
    project_path,
)
from tests.test_scenario import arow, assumptions_frame, effects_by_id, projects_frame


@st.composite
def scenario_inputs(draw: st.DrawFn) -> tuple[ScenarioParams, pd.DataFrame, pd.DataFrame]:
    """Random params with hubs and plants whose effects are not negative."""
    base_year = draw(st.integers(2000, 2030))
    horizon = base_year + draw(st.integers(0, 25))
    params = ScenarioParams(
        base_year=base_year,
        base_value_usd_bn=draw(st.floats(0.5, 100.0)),
        growth=draw(st.floats(-0.2, 0.3)),
        horizon_year=horizon,
        delay_years=draw(st.integers(0, 5)),
        band_width=draw(st.floats(0.0, 0.05)),
    )
    projects: list[tuple[str, str, int | None, str]] = []
    rows: list[dict[str, Any]] = []
    for number in range(draw(st.integers(1, 4))):
        project_id = f"p{number}"
        year = draw(st.none() | st.integers(base_year - 10, horizon + 3))
        ramp = float(draw(st.integers(1, 8)))
        if draw(st.booleans()):
            projects.append((project_id, "hub", year, "KAZ;UZB"))
            value = draw(st.floats(0.0, 500.0))
            rows.append(arow("hub.turnover_default", project_id, value, 0.0, value * 2))
        else:
            projects.append((project_id, "hydropower", year, "TJK"))
            rows += [
                arow("hydro.generation_full", project_id, draw(st.floats(0.0, 20.0))),
                arow("hydro.regional_export_share", project_id, draw(st.floats(0.0, 1.0))),
                arow("power.price_contract", project_id, draw(st.floats(0.0, 10.0))),
                arow("power.price_indexation", project_id, draw(st.floats(0.0, 5.0))),
            ]
        rows.append(arow("effect.ramp_years", project_id, ramp, 1.0, ramp + 2))
    return params, projects_frame(projects), assumptions_frame(rows)


def with_changes(params: ScenarioParams, **changes: Any) -> ScenarioParams:
    """Return a copy of params with some fields changed."""
    values = {name: getattr(params, name) for name in params.__dataclass_fields__}
    values.update(changes)
    return ScenarioParams(**values)


@given(scenario_inputs())
def test_property_the_path_starts_at_the_base_value(
    inputs: tuple[ScenarioParams, pd.DataFrame, pd.DataFrame],
) -> None:
    params, projects, assumptions = inputs
    path = project_path(params, projects, assumptions)
    first = path.iloc[0]
    assert first["year"] == params.base_year
    assert first["total"] == params.base_value_usd_bn
    assert first["low"] == params.base_value_usd_bn
    assert first["high"] == params.base_value_usd_bn
    assert len(path) == params.horizon_year - params.base_year + 1


@given(scenario_inputs(), st.floats(0.0, 0.2))
def test_property_higher_growth_never_lowers_any_year(
    inputs: tuple[ScenarioParams, pd.DataFrame, pd.DataFrame], extra: float
) -> None:
    params, projects, assumptions = inputs
    slower = project_path(params, projects, assumptions)
    faster = project_path(with_changes(params, growth=params.growth + extra), projects, assumptions)
    for column in ("total", "low", "high"):
        assert (faster[column] >= slower[column]).all(), column


@given(scenario_inputs(), st.data())
def test_property_switching_a_project_on_never_lowers_any_year(
    inputs: tuple[ScenarioParams, pd.DataFrame, pd.DataFrame], data: st.DataObject
) -> None:
    params, projects, assumptions = inputs
    project_id = data.draw(st.sampled_from(projects["project_id"].tolist()))
    effects = effects_by_id(project_effects(projects, assumptions))
    assume(effects[project_id]["full_effect_usd_bn"] >= 0)
    off = project_path(
        with_changes(params, disabled_projects=frozenset({project_id})), projects, assumptions
    )
    on = project_path(params, projects, assumptions)
    for column in ("total", "low", "high"):
        assert (on[column] >= off[column]).all(), column


@given(scenario_inputs(), st.floats(0.0, 0.2), st.floats(1.0, 300.0))
def test_property_the_reached_year_never_gets_later_as_growth_rises(
    inputs: tuple[ScenarioParams, pd.DataFrame, pd.DataFrame], extra: float, goal: float
) -> None:
    params, projects, assumptions = inputs
    slower = goal_reached_year(project_path(params, projects, assumptions), goal)
    faster = goal_reached_year(
        project_path(with_changes(params, growth=params.growth + extra), projects, assumptions),
        goal,
    )
    if slower is not None:
        assert faster is not None
        assert faster <= slower


@given(scenario_inputs())
def test_property_zero_growth_and_no_effects_keep_the_path_flat(
    inputs: tuple[ScenarioParams, pd.DataFrame, pd.DataFrame],
) -> None:
    params, projects, assumptions = inputs
    flat = with_changes(params, growth=0.0, effects_enabled=False, band_width=0.0)
    path = project_path(flat, projects, assumptions)
    for column in ("organic", "total", "low", "high"):
        assert path[column].eq(params.base_value_usd_bn).all(), column
    assert path[group_columns(path)].eq(0.0).all().all()

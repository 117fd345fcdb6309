"""Scenario model: invalid input first, then known values, properties, the golden path, real data.

The golden file `tests/golden/scenario_projection.csv` is the path of `GOLDEN_PARAMS` on the
test-local frames below. After a deliberate change to the model, regenerate it with

    CA_TRADE_REGENERATE_GOLDEN=1 PYTHONPATH=src .venv/bin/python -m pytest \
        tests/test_scenario.py -k golden

and review the diff before committing it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from ca_trade.paths import PROJECT_ROOT
from ca_trade.scenario import (
    EFFECT_COLUMNS,
    ObservedTrend,
    ScenarioParams,
    contribution_by_group,
    gap_at_year,
    goal_reached_year,
    group_columns,
    observed_cagr,
    project_effects,
    project_path,
    required_growth,
)
from ca_trade.scenario.formulas import Term

DATA = PROJECT_ROOT / "data"
GOLDEN = Path(__file__).parent / "golden" / "scenario_projection.csv"
NAN = float("nan")

ASSUMPTION_DTYPES = {
    "assumption_id": "str",
    "parameter": "str",
    "applies_to": "str",
    "value": "float64",
    "low": "float64",
    "high": "float64",
    "unit": "str",
    "basis": "str",
    "is_default": "bool",
    "source_id": "str",
    "note": "str",
}


# --- test-local frames ------------------------------------------------------------------------


def arow(
    parameter: str,
    applies_to: str,
    value: float,
    low: float = NAN,
    high: float = NAN,
    *,
    default: bool = True,
    suffix: str = "",
) -> dict[str, Any]:
    """One assumptions row (illustrative, so no source)."""
    return {
        "assumption_id": f"{parameter}.{applies_to}{suffix}",
        "parameter": parameter,
        "applies_to": applies_to,
        "value": value,
        "low": low,
        "high": high,
        "unit": "test unit",
        "basis": "illustrative",
        "is_default": default,
        "source_id": None,
        "note": "test row",
    }


def assumptions_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Assumptions with the schema's columns and dtypes."""
    return pd.DataFrame(rows, columns=list(ASSUMPTION_DTYPES)).astype(ASSUMPTION_DTYPES)


def projects_frame(rows: list[tuple[str, str, int | None, str]]) -> pd.DataFrame:
    """Projects: (project_id, type, completion_year, countries)."""
    frame = pd.DataFrame(rows, columns=["project_id", "type", "completion_year", "countries"])
    return frame.astype(
        {"project_id": "str", "type": "str", "completion_year": "Int64", "countries": "str"}
    )


PROJECTS = projects_frame(
    [
        ("dam_t", "hydropower", 2030, "TJK"),
        ("dam_k", "hydropower", 2029, "KGZ;KAZ;UZB"),
        ("dam_z", "hydropower", 2032, "KGZ"),
        ("dam_y", "hydropower", None, "TJK;UZB"),
        ("field_g", "gas", 2027, "TKM"),
        ("pipe_x", "gas", 2015, "TKM;CHN"),
        ("line_r", "rail", 2026, "KAZ;UZB"),
        ("line_x", "rail", 2027, "KAZ;CHN"),
        ("road_t", "road", 2028, "TJK;UZB"),
        ("road_p", "road", 2030, "KAZ;KGZ;TJK"),
        ("hub_c", "hub", 2027, "KAZ;UZB"),
        ("grid_w", "water_energy", None, "KAZ;KGZ;TJK;TKM;UZB"),
    ]
)

KGZ_ROWS = [
    row
    for plant in ("dam_k", "dam_z")
    for row in (
        arow("power.price_default_uncontracted", plant, 3.4, 2.0, 3.4),
        arow("power.displacement_kgz_imports", plant, 3.5, 0.0, 4.5),
        arow("power.kgz_imports_intraregional_share", plant, 0.91, 0.75, 0.95),
        arow("power.price_kgz_imports", plant, 3.0, 2.4, 3.4),
    )
]

ASSUMPTIONS = assumptions_frame(
    [
        # A Rogun-like plant, with its pre-completion stage netted out.
        arow("hydro.generation_full", "dam_t", 13.1, 13.1, 17.1),
        arow("hydro.generation_full", "dam_t", 17.1, default=False, suffix=".alt"),
        arow("hydro.regional_export_share", "dam_t", 0.7),
        arow("power.price_contract", "dam_t", 3.4),
        arow("power.price_indexation", "dam_t", 1.0),
        arow("hydro.generation_current_stage", "dam_t", 1.3, 1.0, 1.5),
        arow("hydro.regional_export_share_pre_completion", "dam_t", 0.35, 0.2, 0.5),
        arow("power.displacement_tjk_existing", "dam_t", 0.0, 0.0, 1.3),
        arow("power.price_tjk_uzb_2022", "hydropower", 2.0),
        # Two Kyrgyz-like plants sharing one pool of displaced imports.
        arow("hydro.generation_full", "dam_k", 5.6),
        arow("hydro.regional_export_share", "dam_k", 0.5, 0.33, 0.66),
        arow("hydro.generation_full", "dam_z", 3.7463),
        arow("hydro.regional_export_share", "dam_z", 0.2, 0.0, 0.5),
        *KGZ_ROWS,
        # An undated plant.
        arow("hydro.generation_full", "dam_y", 0.7, 0.7, 0.8),
        arow("hydro.regional_export_share", "dam_y", 1.0),
        arow("power.price_default_uncontracted", "dam_y", 3.4, 2.0, 3.4),
        # Gas sold within the region, and a transit pipeline.
        arow("gas.volume_tkm_kaz_intended", "field_g", 1.5, 0.0, 1.5),
        arow("gas.volume_new_tkm_uzb", "field_g", 1.0, 0.0, 3.0),
        arow("gas.volume_tkm_uzb_contract", "field_g", 2.0, 1.5, 2.0),
        arow("gas.price_intraregional", "gas", 220.0, 120.0, 300.0),
        arow("gas.transit_projects_effect", "pipe_x", 0.0),
        # Rail by the volume method, a transit line, a road by the time method.
        arow("rail.additional_cargo", "line_r", 10.0, 10.0, 14.0),
        arow("freight.intraregional_share", "line_r", 0.5, 0.35, 0.7),
        arow("freight.intraregional_share", "line_x", 0.0, 0.0, 0.1),
        arow("freight.additionality", "rail", 0.3, 0.1, 0.5),
        arow("freight.value_per_tonne", "rail", 300.0, 150.0, 600.0),
        arow("pair.trade.tjk_uzb", "all", 756.8),
        arow("pair.trade.kaz_uzb", "all", 4400.0),
        arow("tf.trade_loss_per_day", "road", 1.0),
        arow("corridor.days_saved", "road", 0.5, 0.25, 2.0),
        # A hub with its elasticity cross-check, and a grid enabler.
        arow("hub.turnover_default", "hub_c", 100.0, 50.0, 300.0),
        arow("hub.share_of_pair_trade_via_crossing", "hub", 0.3, 0.1, 0.5),
        arow("tf.elasticity_importer_border_time", "hub", 1.41, 1.0, 2.0),
        arow("hub.border_time_cut", "hub", 50.0, 25.0, 75.0),
        arow("power.transmission_effect", "grid_w", 0.0),
        # Ramps per type.
        arow("effect.ramp_years", "hydropower", 4.0, 3.0, 8.0),
        arow("effect.ramp_years", "gas", 2.0, 1.0, 4.0),
        arow("effect.ramp_years", "rail", 5.0, 3.0, 8.0),
        arow("effect.ramp_years", "road", 2.0, 1.0, 4.0),
        arow("effect.ramp_years", "hub", 5.0, 3.0, 8.0),
    ]
)

# Expected full effects in USD billion a year (scenario/SOURCES.md arithmetic).
DAM_T = (10 * 13.1 * 0.7 * 3.4 - 10 * 1.3 * 0.35 * 3.4) / 1000
DAM_K = (10 * 5.6 * 0.5 * 3.4 - 10 * 2.8 * 0.91 * 3.0) / 1000
DAM_Z_AFTER_K = (10 * 3.7463 * 0.2 * 3.4 - 10 * 0.7 * 0.91 * 3.0) / 1000
DAM_Z_ALONE = (10 * 3.7463 * 0.2 * 3.4 - 10 * (3.7463 * 0.8) * 0.91 * 3.0) / 1000
FIELD_G = 2.5 * 220 / 1000
LINE_R = 10 * 0.5 * 0.3 * 300 / 1000
ROAD_T = 756.8 * 0.01 * 0.5 / 1000
HUB_C = 100 / 1000

BASE = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.05, effects_enabled=False)
GOLDEN_PARAMS = ScenarioParams(
    base_year=2024,
    base_value_usd_bn=11.5,
    growth=0.05,
    horizon_year=2040,
    delay_years=1,
    disabled_projects=frozenset({"dam_z"}),
    assumption_overrides={"gas.price_intraregional": 250.0},
    band_width=0.01,
)


def effects_by_id(frame: pd.DataFrame) -> dict[str, dict[Hashable, Any]]:
    """The rows of an effects frame by project id."""
    return {str(row["project_id"]): row for row in frame.to_dict("records")}


# --- invalid input ----------------------------------------------------------------------------


@pytest.mark.parametrize(("base_year", "target_year"), [(2024, 2024), (2024, 2020)])
def test_required_growth_rejects_a_target_year_not_after_the_base_year(
    base_year: int, target_year: int
) -> None:
    with pytest.raises(ValueError, match="must be after"):
        required_growth(11.5, 15.0, base_year, target_year)


def test_required_growth_rejects_a_non_positive_base() -> None:
    with pytest.raises(ValueError, match="positive"):
        required_growth(0.0, 15.0, 2024, 2030)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"base_value_usd_bn": 0.0}, "positive"),
        ({"base_value_usd_bn": -1.0}, "positive"),
        ({"growth": math.nan}, "finite"),
        ({"growth": math.inf}, "finite"),
        ({"growth": -1.0}, "above -1"),
        ({"growth": 0.0, "band_width": 1.0}, "above -1"),
        ({"band_width": -0.01}, ">= 0"),
        ({"horizon_year": 2023}, "before base_year"),
        ({"delay_years": -1}, ">= 0"),
        ({"assumption_overrides": {"gas.price_intraregional": math.nan}}, "finite"),
    ],
)
def test_invalid_params_raise_value_error(changes: dict[str, Any], message: str) -> None:
    values: dict[str, Any] = {"base_year": 2024, "base_value_usd_bn": 11.5, "growth": 0.05}
    values.update(changes)
    with pytest.raises(ValueError, match=message):
        ScenarioParams(**values)


@pytest.mark.parametrize(
    "changes",
    [
        {"base_year": 2024.0},
        {"base_year": True},
        {"delay_years": 1.5},
        {"growth": "0.05"},
        {"effects_enabled": "yes"},
        {"disabled_projects": "dam_t"},
    ],
)
def test_params_of_the_wrong_type_raise_type_error(changes: dict[str, Any]) -> None:
    values: dict[str, Any] = {"base_year": 2024, "base_value_usd_bn": 11.5, "growth": 0.05}
    values.update(changes)
    with pytest.raises(TypeError):
        ScenarioParams(**values)


def test_an_override_matching_nothing_raises() -> None:
    params = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=0.05,
        assumption_overrides={"no.such.parameter": 1.0},
    )
    with pytest.raises(ValueError, match=r"no\.such\.parameter"):
        project_path(params, PROJECTS, ASSUMPTIONS)


@pytest.mark.parametrize(
    "changes",
    [{"disabled_projects": frozenset({"nowhere"})}, {"disabled_types": frozenset({"canal"})}],
)
def test_disabling_an_unknown_project_or_type_raises(changes: dict[str, Any]) -> None:
    params = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.05, **changes)
    with pytest.raises(ValueError, match="not in the projects frame"):
        project_path(params, PROJECTS, ASSUMPTIONS)


def test_frames_without_required_columns_raise() -> None:
    with pytest.raises(ValueError, match="completion_year"):
        project_path(BASE, PROJECTS.drop(columns=["completion_year"]), ASSUMPTIONS)
    with pytest.raises(ValueError, match="is_default"):
        project_effects(PROJECTS, ASSUMPTIONS.drop(columns=["is_default"]))


def test_two_default_rows_for_one_parameter_and_project_raise() -> None:
    doubled = pd.concat(
        [
            ASSUMPTIONS,
            assumptions_frame([arow("hydro.generation_full", "dam_t", 17.1, suffix=".second")]),
        ],
        ignore_index=True,
    )
    with pytest.raises(ValueError, match=r"2 default rows .*hydro\.generation_full"):
        project_effects(PROJECTS, doubled)


def test_an_unknown_band_raises() -> None:
    with pytest.raises(ValueError, match="band"):
        project_effects(PROJECTS, ASSUMPTIONS, band="middle")  # type: ignore[arg-type]


def test_goal_and_year_queries_reject_bad_input() -> None:
    path = project_path(BASE, PROJECTS, ASSUMPTIONS)
    with pytest.raises(ValueError, match="positive"):
        goal_reached_year(path, 0.0)
    with pytest.raises(ValueError, match="finite"):
        goal_reached_year(path, math.nan)
    with pytest.raises(ValueError, match="lacks column"):
        goal_reached_year(path, 15.0, column="median")
    with pytest.raises(ValueError, match="outside the path"):
        contribution_by_group(path, 2041)
    with pytest.raises(ValueError, match="outside the path"):
        gap_at_year(path, 15.0, 2023)


@pytest.mark.parametrize(
    ("series", "start", "end", "message"),
    [
        ({"year": [2023, 2023, 2024], "value_usd_bn": [11.0, 10.9, 11.5]}, None, None, "more than"),
        ({"year": [2018, 2024], "value_usd_bn": [5.7, 11.5]}, 2019, None, "no value for 2019"),
        ({"year": [2018, 2024], "value_usd_bn": [5.7, 11.5]}, 2024, 2018, "at least one year"),
        ({"year": [2024], "value_usd_bn": [11.5]}, None, None, "at least one year"),
        ({"year": [2018, 2024], "value_usd_bn": [0.0, 11.5]}, None, None, "positive"),
        ({"year": [], "value_usd_bn": []}, None, None, "empty"),
    ],
)
def test_observed_cagr_rejects_bad_series(
    series: dict[str, list[Any]], start: int | None, end: int | None, message: str
) -> None:
    frame = pd.DataFrame(series).astype({"year": "Int64", "value_usd_bn": "float64"})
    with pytest.raises(ValueError, match=message):
        observed_cagr(frame, start, end)


# --- known values -----------------------------------------------------------------------------


def test_the_known_check_five_percent_reaches_fifteen_in_2030() -> None:
    path = project_path(BASE, PROJECTS, ASSUMPTIONS).set_index("year")
    assert path.loc[2030, "total"] == pytest.approx(11.5 * 1.05**6)
    assert path.loc[2030, "total"] == pytest.approx(15.41, abs=0.005)
    assert path.loc[2029, "total"] == pytest.approx(14.68, abs=0.005)
    assert goal_reached_year(path.reset_index(), 15.0) == 2030
    assert required_growth(11.5, 15.0, 2024, 2030) == pytest.approx((15 / 11.5) ** (1 / 6) - 1)
    assert round(required_growth(11.5, 15.0, 2024, 2030) * 100, 2) == 4.53


def test_a_goal_already_met_is_reached_in_the_base_year() -> None:
    path = project_path(BASE, PROJECTS, ASSUMPTIONS)
    assert goal_reached_year(path, 11.5) == 2024
    assert goal_reached_year(path, 5.0) == 2024
    assert gap_at_year(path, 11.0, 2024) == pytest.approx(-0.5)


def test_a_goal_beyond_the_horizon_is_none() -> None:
    path = project_path(BASE, PROJECTS, ASSUMPTIONS)
    assert goal_reached_year(path, 1000.0) is None
    assert gap_at_year(path, 20.0, 2030) == pytest.approx(20.0 - 11.5 * 1.05**6)


def test_path_columns_and_types() -> None:
    path = project_path(GOLDEN_PARAMS, PROJECTS, ASSUMPTIONS)
    groups = sorted(set(PROJECTS["type"]))
    assert list(path.columns) == [
        "year",
        "organic",
        *(f"effect_{g}" for g in groups),
        "total",
        "low",
        "high",
    ]
    assert group_columns(path) == [f"effect_{g}" for g in groups]
    assert path["year"].tolist() == list(range(2024, 2041))
    assert path["year"].dtype == "int64"
    assert all(path[c].dtype == "float64" for c in path.columns if c != "year")


def test_project_effects_follow_the_documented_formulas() -> None:
    effects = project_effects(PROJECTS, ASSUMPTIONS)
    assert list(effects.columns) == list(EFFECT_COLUMNS)
    assert effects["project_id"].tolist() == PROJECTS["project_id"].tolist()
    by_id = effects_by_id(effects)
    expected = {
        "dam_t": DAM_T,
        "dam_k": DAM_K,
        "dam_z": DAM_Z_AFTER_K,
        "field_g": FIELD_G,
        "line_r": LINE_R,
        "road_t": ROAD_T,
        "hub_c": HUB_C,
    }
    for project_id, value in expected.items():
        assert by_id[project_id]["formula_effect_usd_bn"] == pytest.approx(value), project_id
        assert by_id[project_id]["full_effect_usd_bn"] == pytest.approx(value), project_id
        assert bool(by_id[project_id]["counted"]), project_id
    assert by_id["dam_t"]["escalation_per_year"] == pytest.approx(0.01)
    assert by_id["line_r"]["ramp_years"] == 5.0
    assert by_id["dam_t"]["terms"][0] == Term("hydro_sales", (13.1, 0.7, 3.4))
    assert [term.kind for term in by_id["dam_t"]["terms"]][:2] == [
        "hydro_sales",
        "hydro_pre_completion",
    ]
    assert by_id["field_g"]["terms"][-1] == Term("gas_existing_contract", (2.0,))
    assert by_id["hub_c"]["terms"][-1].kind == "hub_check"
    assert str(by_id["dam_t"]["assumption_ids"]).split(";")[:3] == [
        "hydro.generation_full.dam_t",
        "hydro.regional_export_share.dam_t",
        "power.price_contract.dam_t",
    ]
    # Only default rows are read.
    assert "hydro.generation_full.dam_t.alt" not in str(by_id["dam_t"]["assumption_ids"])


def test_projects_without_formula_or_year_get_no_effect_and_say_why() -> None:
    by_id = effects_by_id(project_effects(PROJECTS, ASSUMPTIONS))
    assert by_id["dam_y"]["formula_effect_usd_bn"] == pytest.approx(0.0238)
    assert by_id["dam_y"]["full_effect_usd_bn"] == 0.0
    assert by_id["dam_y"]["reason"] == "no_completion_year"
    assert by_id["road_p"]["method"] == "none"
    assert math.isnan(float(by_id["road_p"]["formula_effect_usd_bn"]))
    assert by_id["road_p"]["reason"] == "no_formula"
    assert by_id["road_p"]["terms"] == ()
    for project_id in ("pipe_x", "line_x", "grid_w"):
        assert by_id[project_id]["full_effect_usd_bn"] == 0.0
        assert not bool(by_id[project_id]["counted"])
        assert by_id[project_id]["reason"] == "zero_own", project_id
    assert by_id["pipe_x"]["reason_detail"] == "gas.transit_projects_effect"
    assert all(row["full_effect_usd_bn"] == 0.0 for row in by_id.values() if not row["counted"])
    assert {row["reason"] for row in by_id.values() if row["counted"]} == {"counted"}


def test_kyrgyz_plants_share_the_pool_of_displaced_imports() -> None:
    alone = effects_by_id(project_effects(PROJECTS[PROJECTS["project_id"] != "dam_k"], ASSUMPTIONS))
    assert alone["dam_z"]["full_effect_usd_bn"] == pytest.approx(DAM_Z_ALONE)
    assert DAM_Z_ALONE < 0 < DAM_Z_AFTER_K


def test_a_project_with_a_negative_net_effect_lowers_the_path() -> None:
    """Displacement can outweigh sales (SOURCES.md 3.1): the model shows it, it does not clip."""
    params = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=0.05,
        disabled_projects=frozenset({"dam_k"}),
    )
    with_z = project_path(params, PROJECTS, ASSUMPTIONS)
    without_z = project_path(
        ScenarioParams(
            base_year=2024,
            base_value_usd_bn=11.5,
            growth=0.05,
            disabled_projects=frozenset({"dam_k", "dam_z"}),
        ),
        PROJECTS,
        ASSUMPTIONS,
    )
    assert (with_z["total"] <= without_z["total"]).all()
    assert with_z["total"].iloc[-1] < without_z["total"].iloc[-1]


def test_effects_ramp_linearly_from_the_completion_year_plus_delay() -> None:
    params = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.0)
    path = project_path(params, PROJECTS, ASSUMPTIONS).set_index("year")
    rail = path["effect_rail"]
    assert rail.loc[2025] == 0.0
    assert rail.loc[2026] == pytest.approx(LINE_R / 5)
    assert rail.loc[2029] == pytest.approx(LINE_R * 4 / 5)
    assert rail.loc[2030:].eq(rail.loc[2030]).all()
    assert rail.loc[2030] == pytest.approx(LINE_R)
    delayed = project_path(
        ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.0, delay_years=2),
        PROJECTS,
        ASSUMPTIONS,
    ).set_index("year")
    assert delayed.loc[2027, "effect_rail"] == 0.0
    assert delayed.loc[2028, "effect_rail"] == pytest.approx(LINE_R / 5)
    # The Rogun-like plant's price index runs from its first counted year.
    hydro_2040 = path.loc[2040, "effect_hydropower"]
    expected = DAM_T * 1.01**10 + DAM_K + DAM_Z_AFTER_K
    assert hydro_2040 == pytest.approx(expected)


def test_a_delay_does_not_move_projects_already_completed() -> None:
    projects = projects_frame([("hub_old", "hub", 2022, "KAZ;UZB")])
    assumptions = assumptions_frame(
        [arow("hub.turnover_default", "hub_old", 100.0), arow("effect.ramp_years", "hub", 5.0)]
    )
    for delay in (0, 3):
        params = ScenarioParams(
            base_year=2024, base_value_usd_bn=11.5, growth=0.0, delay_years=delay
        )
        path = project_path(params, projects, assumptions).set_index("year")
        # Ramp years 2022-2026: 3/5 is in the base, the last 2/5 comes in 2025-2026.
        assert path.loc[2024, "total"] == 11.5
        assert path.loc[2026, "effect_hub"] == pytest.approx(0.1 * 2 / 5)


def test_the_band_brackets_the_total_and_uses_the_pessimistic_ends() -> None:
    params = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.04, band_width=0.01)
    path = project_path(params, PROJECTS, ASSUMPTIONS)
    assert (path["low"] <= path["total"]).all()
    assert (path["total"] <= path["high"]).all()
    low = effects_by_id(project_effects(PROJECTS, ASSUMPTIONS, band="low"))
    high = effects_by_id(project_effects(PROJECTS, ASSUMPTIONS, band="high"))
    # Low: stage output and share at their high ends, displaced exports at 1.3 bn kWh.
    expected_low = (10 * 13.1 * 0.7 * 3.4 - 10 * 1.5 * 0.5 * 3.4 - 10 * 1.3 * 2.0) / 1000
    assert low["dam_t"]["full_effect_usd_bn"] == pytest.approx(expected_low)
    assert high["dam_t"]["full_effect_usd_bn"] == pytest.approx(
        (10 * 17.1 * 0.7 * 3.4 - 10 * 1.0 * 0.2 * 3.4) / 1000
    )
    assert low["line_r"]["full_effect_usd_bn"] == pytest.approx(10 * 0.35 * 0.1 * 150 / 1000)
    assert high["line_r"]["full_effect_usd_bn"] == pytest.approx(14 * 0.7 * 0.5 * 600 / 1000)
    assert low["line_r"]["ramp_years"] == 8.0
    assert high["line_r"]["ramp_years"] == 3.0
    assert low["dam_k"]["full_effect_usd_bn"] < 0 < high["dam_k"]["full_effect_usd_bn"]


def test_overrides_by_id_and_by_parameter() -> None:
    by_parameter = effects_by_id(
        project_effects(PROJECTS, ASSUMPTIONS, overrides={"gas.price_intraregional": 250.0})
    )
    assert by_parameter["field_g"]["full_effect_usd_bn"] == pytest.approx(2.5 * 250 / 1000)
    by_id = effects_by_id(
        project_effects(PROJECTS, ASSUMPTIONS, overrides={"hub.turnover_default.hub_c": 400.0})
    )
    assert by_id["hub_c"]["full_effect_usd_bn"] == pytest.approx(0.4)
    # The range widens to include the override, so the high band is the override.
    high = effects_by_id(
        project_effects(
            PROJECTS, ASSUMPTIONS, band="high", overrides={"hub.turnover_default.hub_c": 400.0}
        )
    )
    assert high["hub_c"]["full_effect_usd_bn"] == pytest.approx(0.4)
    # An override on the zero rule of a transit project gives it an effect.
    pipe = effects_by_id(
        project_effects(PROJECTS, ASSUMPTIONS, overrides={"gas.transit_projects_effect": 50.0})
    )
    assert pipe["pipe_x"]["formula_effect_usd_bn"] == pytest.approx(0.05)


def test_disabling_types_and_projects_removes_their_contribution() -> None:
    on = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.05)
    off = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=0.05,
        disabled_types=frozenset({"rail"}),
        disabled_projects=frozenset({"hub_c"}),
    )
    path_on = project_path(on, PROJECTS, ASSUMPTIONS)
    path_off = project_path(off, PROJECTS, ASSUMPTIONS)
    assert path_off["effect_rail"].eq(0.0).all()
    assert path_off["effect_hub"].eq(0.0).all()
    assert path_on["effect_rail"].iloc[-1] == pytest.approx(LINE_R)
    difference = path_on["total"] - path_off["total"]
    assert difference.iloc[-1] == pytest.approx(LINE_R + HUB_C)
    by_group = contribution_by_group(path_on, 2040)
    assert by_group.index.tolist() == sorted(set(PROJECTS["type"]))
    assert by_group["rail"] == pytest.approx(LINE_R)
    assert by_group.sum() == pytest.approx(path_on["total"].iloc[-1] - path_on["organic"].iloc[-1])


def test_observed_cagr_shows_its_window() -> None:
    series = pd.DataFrame({"year": [2018, 2023, 2024], "value_usd_bn": [5.7, 11.0, 11.5]}).astype(
        {"year": "Int64", "value_usd_bn": "float64"}
    )
    trend = observed_cagr(series)
    assert (trend.start_year, trend.end_year) == (2018, 2024)
    assert (trend.start_value, trend.end_value) == (5.7, 11.5)
    assert trend.cagr == pytest.approx((11.5 / 5.7) ** (1 / 6) - 1)
    assert isinstance(trend, ObservedTrend)
    recent = observed_cagr(series, 2023, 2024)
    assert recent.cagr == pytest.approx(11.5 / 11.0 - 1)


def test_equal_params_hash_equal() -> None:
    first = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=0.05,
        assumption_overrides={"a": 1.0, "b": 2.0},
        disabled_types=frozenset({"rail"}),
    )
    second = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=0.05,
        assumption_overrides={"b": 2.0, "a": 1.0},
        disabled_types=frozenset({"rail"}),
    )
    assert first == second
    assert hash(first) == hash(second)


# --- golden projection ------------------------------------------------------------------------


def test_golden_projection_is_reproduced_exactly() -> None:
    path = project_path(GOLDEN_PARAMS, PROJECTS, ASSUMPTIONS)
    if os.environ.get("CA_TRADE_REGENERATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        path.to_csv(GOLDEN, index=False, lineterminator="\n")
    golden = pd.read_csv(GOLDEN, dtype={"year": "int64"})
    pd.testing.assert_frame_equal(path, golden, check_exact=True)

"""Scenario model: organic growth of intraregional trade plus the effects of projects; pure.

The model returns numbers, ids, years and frozen dataclasses; `ca_trade.present.scenario` and
`ca_trade.present.scenario_effects` write them out. By topic: `params` (ScenarioParams, the one
definition of what a projection depends on), `formulas` and `effects` (each project's effect),
`path` (the projection over the years), `goals` (goals and the observed trend) and `presets`.

`required_growth` is `ca_trade.progress.required_growth`, re-exported here:
`required_growth(current_usd_bn, goal_usd_bn, current_year, target_year)`.
"""

from __future__ import annotations

from ca_trade.progress import required_growth
from ca_trade.scenario.effects import EFFECT_COLUMNS, project_effects
from ca_trade.scenario.goals import ObservedTrend, multiplied_goals, observed_cagr, scenario_goals
from ca_trade.scenario.params import (
    BANDS,
    DEFAULT_BAND_WIDTH,
    DEFAULT_HORIZON_YEAR,
    Band,
    ScenarioParams,
)
from ca_trade.scenario.path import (
    CONTRIBUTION_COLUMNS,
    GROUP_PREFIX,
    EffectLevels,
    contribution_by_group,
    effect_levels,
    gap_at_year,
    goal_reached_year,
    group_columns,
    path_from_levels,
    project_contributions,
    project_path,
    projects_with_effect,
    start_year,
)
from ca_trade.scenario.presets import (
    GROWTH_STEP_PERCENT,
    PRESET_IDS,
    Preset,
    PresetId,
    ScenarioSettings,
    matching_preset,
    scenario_presets,
    scenario_settings,
)

__all__ = [
    "BANDS",
    "CONTRIBUTION_COLUMNS",
    "DEFAULT_BAND_WIDTH",
    "DEFAULT_HORIZON_YEAR",
    "EFFECT_COLUMNS",
    "GROUP_PREFIX",
    "GROWTH_STEP_PERCENT",
    "PRESET_IDS",
    "Band",
    "EffectLevels",
    "ObservedTrend",
    "Preset",
    "PresetId",
    "ScenarioParams",
    "ScenarioSettings",
    "contribution_by_group",
    "effect_levels",
    "gap_at_year",
    "goal_reached_year",
    "group_columns",
    "matching_preset",
    "multiplied_goals",
    "observed_cagr",
    "path_from_levels",
    "project_contributions",
    "project_effects",
    "project_path",
    "projects_with_effect",
    "required_growth",
    "scenario_goals",
    "scenario_presets",
    "scenario_settings",
    "start_year",
]

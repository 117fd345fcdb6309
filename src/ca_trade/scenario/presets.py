"""Scenario presets: the settings a named reading of the goals fixes (growth, goal, year, delay)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from ca_trade.progress import Goal, required_growth
from ca_trade.scenario.goals import ObservedTrend

PresetId = Literal["recent_trend", "roadmap", "doubling", "projects_delayed", "own"]
PRESET_IDS: tuple[PresetId, ...] = (
    "recent_trend",
    "roadmap",
    "doubling",
    "projects_delayed",
    "own",
)
GROWTH_STEP_PERCENT = 0.1
SETTING_IDS = ("roadmap_end_year", "delayed_preset_years", "default_target_year")


@dataclass(frozen=True)
class ScenarioSettings:
    """The policy numbers of the scenario page, from scenario_settings.csv (with sources there).

    Attributes:
        roadmap_end_year: last year of the 2024 regional Roadmap; the Roadmap preset's year.
        delayed_preset_years: years the Projects delayed preset adds to completions.
        default_target_year: the target year the page opens with.
        roadmap_source_url: where the Roadmap's end year is stated.
    """

    roadmap_end_year: int
    delayed_preset_years: int
    default_target_year: int
    roadmap_source_url: str


def scenario_settings(settings: pd.DataFrame) -> ScenarioSettings:
    """Return the settings of scenario_settings.csv (columns setting_id, value, source_url).

    Raises:
        ValueError: if a setting is missing.
    """
    rows = {str(r["setting_id"]): r for r in settings.to_dict("records")}
    missing = [name for name in SETTING_IDS if name not in rows]
    if missing:
        raise ValueError(f"scenario_settings: no row for {', '.join(missing)}")
    url = rows["roadmap_end_year"]["source_url"]
    return ScenarioSettings(
        roadmap_end_year=int(rows["roadmap_end_year"]["value"]),
        delayed_preset_years=int(rows["delayed_preset_years"]["value"]),
        default_target_year=int(rows["default_target_year"]["value"]),
        roadmap_source_url="" if pd.isna(url) else str(url),
    )


@dataclass(frozen=True)
class Preset:
    """The values a preset sets; None leaves that setting as it is.

    Attributes:
        preset_id: which preset.
        growth_percent: organic growth, percent a year, on the slider's step.
        goal_usd_bn: the goal, USD billion a year.
        target_year: the year the goal is to be reached by.
        delay_years: years added to completions due after the base year.
        effects_enabled: whether project effects count.
        goal: the goal the preset reads from targets.csv, where it sets one.
    """

    preset_id: PresetId
    growth_percent: float | None = None
    goal_usd_bn: float | None = None
    target_year: int | None = None
    delay_years: int | None = None
    effects_enabled: bool | None = None
    goal: Goal | None = None

    def settings(self) -> dict[str, float | int | bool]:
        """Return the settings this preset fixes, by name (growth_percent, goal_usd_bn, ...)."""
        names = ("growth_percent", "goal_usd_bn", "target_year", "delay_years", "effects_enabled")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def matches(self, **current: float | int | bool) -> bool:
        """Whether every setting this preset fixes equals the current one (growth to its step)."""
        for name, value in self.settings().items():
            if name not in current:
                return False
            if isinstance(value, float) and not isinstance(value, bool):
                if not math.isclose(float(current[name]), value, abs_tol=1e-6):
                    return False
            elif current[name] != value:
                return False
        return True


def _on_step(percent: float, step: float, *, up: bool) -> float:
    """Round a growth in percent to the slider's step: up, or to the nearest."""
    steps = percent / step
    whole = math.ceil(round(steps, 6)) if up else round(steps)
    return round(whole * step, 6)


def scenario_presets(
    *,
    base_year: int,
    base_value_usd_bn: float,
    trend: ObservedTrend | None,
    goals: Sequence[Goal],
    multiples: Sequence[Goal],
    growth_range_percent: tuple[float, float],
    settings: ScenarioSettings,
    growth_step_percent: float = GROWTH_STEP_PERCENT,
) -> dict[PresetId, Preset]:
    """Return what each preset sets, given the base year, the observed trend and the goals.

    - recent_trend: growth = the observed trend (to the nearest step), no delay, effects on.
    - roadmap: the nearest goal above the base value by settings.roadmap_end_year, growth = what it
      requires from the base (rounded up to the step, so organic growth alone reaches it), no
      delay, effects on.
    - doubling: the first of `multiples` (goals stated as a multiple, see `multiplied_goals`)
      with a deadline, by that deadline, growth = what it requires (rounded up), no delay,
      effects on.
    - projects_delayed: as recent_trend, with every completion after the base year moved
      settings.delayed_preset_years later.
    - own: sets nothing.

    A growth outside `growth_range_percent` is clamped to it. A preset whose goal or deadline is
    missing, or whose deadline is not after the base year, sets only what it can.
    """
    low, high = growth_range_percent

    def clamp(percent: float) -> float:
        return min(max(percent, low), high)

    trend_percent = (
        clamp(_on_step(trend.cagr * 100, growth_step_percent, up=False)) if trend else None
    )

    def required(goal: Goal | None, year: int | None) -> float | None:
        if goal is None or year is None or year <= base_year:
            return None
        growth = required_growth(base_value_usd_bn, goal.value_usd_bn, base_year, year)
        return clamp(_on_step(growth * 100, growth_step_percent, up=True))

    open_goals = [g for g in goals if g.value_usd_bn > base_value_usd_bn]
    roadmap_goal = min(open_goals, key=lambda g: g.value_usd_bn) if open_goals else None
    dated = [g for g in multiples if g.deadline_year is not None]
    doubling_goal = dated[0] if dated else None
    doubling_year = doubling_goal.deadline_year if doubling_goal else None
    return {
        "recent_trend": Preset(
            "recent_trend", growth_percent=trend_percent, delay_years=0, effects_enabled=True
        ),
        "roadmap": Preset(
            "roadmap",
            growth_percent=required(roadmap_goal, settings.roadmap_end_year),
            goal_usd_bn=roadmap_goal.value_usd_bn if roadmap_goal else None,
            target_year=settings.roadmap_end_year,
            delay_years=0,
            effects_enabled=True,
            goal=roadmap_goal,
        ),
        "doubling": Preset(
            "doubling",
            growth_percent=required(doubling_goal, doubling_year),
            goal_usd_bn=doubling_goal.value_usd_bn if doubling_goal else None,
            target_year=doubling_year,
            delay_years=0,
            effects_enabled=True,
            goal=doubling_goal,
        ),
        "projects_delayed": Preset(
            "projects_delayed",
            growth_percent=trend_percent,
            delay_years=settings.delayed_preset_years,
            effects_enabled=True,
        ),
        "own": Preset("own"),
    }


def matching_preset(presets: Mapping[PresetId, Preset], **current: float | int | bool) -> PresetId:
    """Return the preset whose settings all equal the current ones, else 'own'.

    Presets that fix more settings are tried first, so a deadline preset wins over a trend
    preset that happens to share its growth.
    """
    candidates = [p for p in presets.values() if p.preset_id != "own" and p.settings()]
    candidates.sort(key=lambda p: -len(p.settings()))
    for preset in candidates:
        if preset.matches(**current):
            return preset.preset_id
    return "own"

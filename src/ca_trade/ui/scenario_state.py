"""The Scenario page's state: widget keys (URL parameters), presets written into widgets, old links.

Each widget's key is its URL parameter. The pure functions say what to write; the callbacks are
one line over them. A preset is applied only on the user's choice: a value written by a run
while a slider moves would race the browser's own copy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import streamlit as st

from ca_trade.present.scenario import AssumptionInput
from ca_trade.scenario import PRESET_IDS, Preset, PresetId
from ca_trade.scenario.formulas import PAIR_PREFIX
from ca_trade.scenario.pairs import OLD_PAIR_PREFIX
from ca_trade.ui.url_state import write_choice

GROWTH = "growth"
GOAL = "goal"
TARGET_YEAR = "target_year"
DELAY = "delay"
EFFECTS = "effects"
PRESET = "preset"
BASE_YEAR = "base_year"
TREND_FROM = "trend_from"
HOW = "how"
ASSUMPTIONS = "assumptions"
PROJECT_CHARTS = "project_charts"
GROWTH_RANGE_PERCENT = (-5.0, 20.0)
MAX_DELAY_YEARS = 10
# Preset settings and the widget keys (URL parameters) that hold them.
SETTING_KEYS = {
    "growth_percent": GROWTH,
    "goal_usd_bn": GOAL,
    "target_year": TARGET_YEAR,
    "delay_years": DELAY,
    "effects_enabled": EFFECTS,
}


def group_key(group: str) -> str:
    """Return the key (URL parameter) of a project group's switch."""
    return f"group_{group}"


def project_key(project_id: str) -> str:
    """Return the key (URL parameter) of a project's switch."""
    return f"project_{project_id}"


def preset_writes(preset: Preset, keep: Iterable[str] = ()) -> dict[str, float | int | bool]:
    """Return widget key -> value for what `preset` sets, leaving out the keys in `keep`."""
    kept = set(keep)
    writes = {SETTING_KEYS[name]: value for name, value in preset.settings().items()}
    return {key: value for key, value in writes.items() if key not in kept}


def upgraded_link(query: Mapping[str, list[str]]) -> dict[str, list[str]] | None:
    """Return the URL parameters of an older link renamed to today's keys, or None if none is old.

    Links made when the pair trade was fixed at 2023 name its inputs `pair.trade_2023.<pair>.all`;
    they are `pair.trade.<pair>.all` now. A key given in both forms keeps the new one.
    """
    old = [key for key in query if key.startswith(OLD_PAIR_PREFIX)]
    if not old:
        return None
    renamed = {key: values for key, values in query.items() if key not in old}
    for key in old:
        renamed.setdefault(PAIR_PREFIX + key.removeprefix(OLD_PAIR_PREFIX), query[key])
    return renamed


def upgrade_old_link() -> None:
    """Rename an older link's parameters in the URL before anything reads them."""
    renamed = upgraded_link({key: st.query_params.get_all(key) for key in st.query_params})
    if renamed is not None:
        st.query_params.from_dict(renamed)


def _number(raw: str | None) -> float:
    """Return the number a URL parameter holds, else NaN."""
    try:
        return float(raw) if raw is not None else math.nan
    except ValueError:
        return math.nan


def linked_overrides(specs: Iterable[AssumptionInput]) -> dict[str, float]:
    """Return the assumption values the link changes from their defaults.

    A value no input could take (not a number, below 0 or above its maximum) is dropped from
    the link, as an input bound to it would (the notice for refused parameters names it).
    """
    overrides: dict[str, float] = {}
    for spec in specs:
        key = spec.assumption_id
        if key not in st.query_params:
            continue
        value = _number(st.query_params.get(key))
        if not 0.0 <= value <= (math.inf if spec.max_value is None else spec.max_value):
            del st.query_params[key]
        elif not math.isclose(value, spec.value, abs_tol=1e-12):
            overrides[key] = value
    return overrides


def link_overrides(
    specs: Iterable[AssumptionInput], values: Mapping[str, float]
) -> dict[str, float]:
    """Write the inputs' values into the link (a default value as no parameter); return the
    values changed from their defaults."""
    overrides: dict[str, float] = {}
    for spec in specs:
        key, value = spec.assumption_id, values[spec.assumption_id]
        if math.isclose(value, spec.value, abs_tol=1e-12):
            if key in st.query_params:
                del st.query_params[key]
            continue
        overrides[key] = value
        if _number(st.query_params.get(key)) != value:
            st.query_params[key] = f"{value:.12g}"
    return overrides


def write_into(writes: Mapping[str, object]) -> None:
    """Put widget values into the session state."""
    for key, value in writes.items():
        st.session_state[key] = value


def pending_flag(key: str, default: bool) -> bool:
    """Return a toggle's value before it is drawn in this run: its state, else the link's."""
    if key in st.session_state:
        return bool(st.session_state[key])
    raw = st.query_params.get(key)
    return {"true": True, "false": False}.get(str(raw).lower(), default)


def pending_number(key: str, default: float, bounds: tuple[float, float]) -> float:
    """Return a slider's value before it is drawn in this run: its state, else the link's if it
    is a number within `bounds`, else `default`."""
    raw = st.session_state.get(key, st.query_params.get(key))
    try:
        value = float(raw) if raw is not None else default
    except ValueError:
        return default
    return value if bounds[0] <= value <= bounds[1] else default


@dataclass(frozen=True)
class PresetState:
    """The callbacks of the base year, trend window and preset selector, over pure functions.

    Attributes:
        presets_for: every preset's settings for a base year and a trend's first year.
        window_starts: the first years a trend ending in a base year can start from.
        default_base: the base year the page opens with.
    """

    presets_for: Callable[[int, int], dict[PresetId, Preset]]
    window_starts: Callable[[int], list[int]]
    default_base: int

    def base_and_start(self) -> tuple[int, int]:
        """Return the base year and trend start held in the session, else the defaults."""
        base = st.session_state.get(BASE_YEAR, self.default_base)
        starts = self.window_starts(base)
        if not starts:
            base, starts = self.default_base, self.window_starts(self.default_base)
        start = st.session_state.get(TREND_FROM, starts[-1])
        return base, start if start in starts else starts[-1]

    def chosen(self) -> PresetId | None:
        """Return the preset chosen in the session, or None for 'own' or none."""
        chosen = st.session_state.get(PRESET)
        return chosen if chosen in PRESET_IDS and chosen != "own" else None

    def apply_preset(self) -> None:
        """Callback of the preset selector: the link keeps its code, the widgets its values."""
        chosen = st.session_state.get(PRESET)
        write_choice(PRESET, chosen if chosen in PRESET_IDS else None, PRESET_IDS[0])
        preset = self.chosen()
        if preset is not None:
            write_into(preset_writes(self.presets_for(*self.base_and_start())[preset]))

    def base_year_changed(self) -> None:
        """Callback of the base year: keep the trend window valid and re-apply a chosen preset."""
        base = st.session_state.get(BASE_YEAR, self.default_base)
        if st.session_state.get(TREND_FROM) not in self.window_starts(base):
            st.session_state[TREND_FROM] = self.window_starts(base)[-1]
        preset = self.chosen()
        if preset is not None:
            write_into(preset_writes(self.presets_for(*self.base_and_start())[preset]))

    def trend_window_changed(self) -> None:
        """Callback of the trend window: growth follows the trend over the new window."""
        growth = self.presets_for(*self.base_and_start())["recent_trend"].growth_percent
        if growth is not None:
            st.session_state[GROWTH] = growth

    def seed_from_link(self, defaults: Mapping[PresetId, Preset]) -> None:
        """A link may name only a preset: its settings fill every setting the link does not give."""
        if PRESET in st.session_state:
            return
        linked = st.query_params.get(PRESET)
        if linked in PRESET_IDS and linked != "own":
            writes = preset_writes(defaults[linked], keep=st.query_params.keys())
            write_into(writes)


# Set while the page's run draws the growth view: a growth step alone re-runs only the view.
FULL_RUN = "_scenario_full_run"

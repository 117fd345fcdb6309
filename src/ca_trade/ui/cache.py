"""The app's caches of the validated data package and the pure results made from it, keyed on the
data files' versions (`figure_cache` keeps finished charts and tables on the same key)."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from ca_trade.data import TradeData, data_version, load_trade_data
from ca_trade.estimate import ChainEstimate, chain_estimates
from ca_trade.flows import coverage, pair_series, pair_values, turnover_candidates
from ca_trade.i18n import current_language, language, localized
from ca_trade.paths import data_dir
from ca_trade.present.progress import localized_goals
from ca_trade.present.scenario import AssumptionInput, assumption_inputs, parameter_labels
from ca_trade.progress import Goal, SourcedValue, headline_line, headline_total_for_year
from ca_trade.scenario import (
    EffectLevels,
    ScenarioParams,
    effect_levels,
    multiplied_goals,
    path_from_levels,
    project_contributions,
    project_effects,
    scenario_goals,
)
from ca_trade.scenario.pairs import with_pair_trade

# The data folder and its files' versions: every cache below is keyed on them.
Version = tuple[tuple[str, int, int], ...]


def data_key() -> tuple[str, Version]:
    """Return the data folder and the versions of its files, now."""
    folder = data_dir()
    return str(folder), data_version(folder)


@st.cache_resource(show_spinner=False, max_entries=4)
def _shared_trade_data(folder: str, version: Version) -> TradeData:
    """Load the package once per (folder, file versions), for all sessions; errors are not cached."""
    del version  # part of the cache key only: an edited file loads afresh
    return load_trade_data(Path(folder))


def _trade_data_for(folder: str, version: Version) -> TradeData:
    """Return the package with frames of its own for the caller.

    Shallow copies: with pandas' copy-on-write, a change made to one never reaches the shared
    package, and they cost microseconds where st.cache_data's copy (unpickling) costs about 8 ms,
    several times in every re-run of every page.
    """
    shared = _shared_trade_data(folder, version)
    return replace(
        shared,
        **{
            field.name: value.copy(deep=False)
            for field in fields(shared)
            if isinstance(value := getattr(shared, field.name), pd.DataFrame)
        },
    )


def trade_data() -> TradeData:
    """Return the validated data package, reloading when a file in the folder changes."""
    return _trade_data_for(*data_key())


# --- scenario ------------------------------------------------------------------------------------
# ScenarioParams holds a read-only mapping that cannot be pickled: it is keyed by `cache_key`, the
# values of its own fields.


@st.cache_data(show_spinner=False, max_entries=4)
def _model_assumptions_for(folder: str, version: Version) -> pd.DataFrame:
    """The assumptions the model reads (see `model_assumptions`)."""
    data = _trade_data_for(folder, version)
    return with_pair_trade(data.assumptions, data.trade_flows, data.countries)


def model_assumptions() -> pd.DataFrame:
    """Return assumptions.csv with each pair's trade read from trade_flows by the reporter rule."""
    return _model_assumptions_for(*data_key())


def _without_growth(params: ScenarioParams) -> ScenarioParams:
    """Return `params` with growth and band spread zeroed: what project effects depend on."""
    return replace(params, growth=0.0, band_width=0.0)


@st.cache_data(
    show_spinner=False, max_entries=512, hash_funcs={ScenarioParams: ScenarioParams.cache_key}
)
def _scenario_levels_for(folder: str, version: Version, params: ScenarioParams) -> EffectLevels:
    """The projects' contributions of one scenario, whatever its growth (see `scenario_path`)."""
    data = _trade_data_for(folder, version)
    return effect_levels(params, data.projects, _model_assumptions_for(folder, version))


def scenario_path(params: ScenarioParams) -> pd.DataFrame:
    """Return `ca_trade.scenario.project_path` of `params` on the current data package.

    The projects' contributions are cached apart from growth, so moving the growth slider only
    adds organic growth to them.
    """
    levels = _scenario_levels_for(*data_key(), _without_growth(params))
    return path_from_levels(params, levels)


@st.cache_data(
    show_spinner=False, max_entries=512, hash_funcs={ScenarioParams: ScenarioParams.cache_key}
)
def _scenario_contributions_for(
    folder: str, version: Version, params: ScenarioParams
) -> pd.DataFrame:
    """Each project's contribution of one scenario (see `scenario_contributions`)."""
    data = _trade_data_for(folder, version)
    return project_contributions(params, data.projects, _model_assumptions_for(folder, version))


def scenario_contributions(params: ScenarioParams) -> pd.DataFrame:
    """Return `ca_trade.scenario.project_contributions` of `params` on the current data package."""
    return _scenario_contributions_for(*data_key(), _without_growth(params))


@st.cache_data(show_spinner=False, max_entries=128)
def _scenario_effects_for(
    folder: str,
    version: Version,
    overrides: tuple[tuple[str, float], ...],
) -> pd.DataFrame:
    """Every project's central effect under some assumption overrides (see `scenario_effects`)."""
    data = _trade_data_for(folder, version)
    assumptions = _model_assumptions_for(folder, version)
    return project_effects(data.projects, assumptions, overrides=dict(overrides))


def scenario_effects(overrides: tuple[tuple[str, float], ...] = ()) -> pd.DataFrame:
    """Return `ca_trade.scenario.project_effects` (central) of every project, with `overrides`.

    Args:
        overrides: (assumption id or parameter, value) pairs, sorted, as in ScenarioParams.
    """
    return _scenario_effects_for(*data_key(), overrides)


@st.cache_data(show_spinner=False, max_entries=4)
def _scenario_goals_for(folder: str, version: Version) -> tuple[list[Goal], list[Goal]]:
    """The goals a scenario can aim at, and those stated as multiples (see `scenario_goals`)."""
    data = _trade_data_for(folder, version)
    return (
        scenario_goals(data.targets, data.trade_totals, data.sources),
        multiplied_goals(data.targets, data.trade_totals, data.sources),
    )


def scenario_goal_options() -> tuple[list[Goal], list[Goal]]:
    """Return `ca_trade.scenario.scenario_goals` and `multiplied_goals` on the current data,
    with who announced them and where in the current language."""
    goals, multiples = _scenario_goals_for(*data_key())
    targets = trade_data().targets
    return localized_goals(goals, targets), localized_goals(multiples, targets)


@st.cache_data(show_spinner=False, max_entries=4)
def _headline_figures_for(folder: str, version: Version) -> dict[int, SourcedValue]:
    """The firm full-year headline figure of every year that has one, with its source."""
    data = _trade_data_for(folder, version)
    figures: dict[int, SourcedValue] = {}
    for year in headline_line(data.trade_totals)["year"].astype(int):
        figure = headline_total_for_year(data.trade_totals, data.sources, int(year))
        if figure is not None:
            figures[int(year)] = figure
    return figures


def headline_figures() -> dict[int, SourcedValue]:
    """Return the firm full-year headline figure (USD billion, with its source) by year."""
    return _headline_figures_for(*data_key())


@st.cache_data(show_spinner=False, max_entries=4)
def _headline_line_for(folder: str, version: Version) -> pd.DataFrame:
    """The firm full-year headline figures, one per year (see `headline_history`)."""
    return headline_line(_trade_data_for(folder, version).trade_totals)


def headline_history() -> pd.DataFrame:
    """Return `ca_trade.progress.headline_line` on the current data: year, value_usd_bn."""
    return _headline_line_for(*data_key())


@st.cache_data(show_spinner=False, max_entries=8)
def _assumption_inputs_for(folder: str, version: Version, lang: str) -> list[AssumptionInput]:
    """The number inputs of the default assumptions, in one language (see `scenario_inputs`)."""
    data = _trade_data_for(folder, version)
    with language(lang):
        ids = data.projects["project_id"].astype(str)
        assumptions = _model_assumptions_for(folder, version)
        flags = assumptions["is_default"].astype("boolean").fillna(False).astype(bool)
        return assumption_inputs(
            assumptions[flags],
            dict(zip(ids, localized(data.projects, "name"), strict=True)),
            dict(zip(ids, data.projects["type"].astype(str), strict=True)),
            labels=parameter_labels(data.scenario_parameters),
            country_names=dict(
                zip(
                    data.countries["iso3"].astype(str),
                    localized(data.countries, "name"),
                    strict=True,
                )
            ),
        )


def scenario_inputs() -> list[AssumptionInput]:
    """Return the number inputs of every default assumption, labelled in the current language."""
    return _assumption_inputs_for(*data_key(), current_language())


# --- trade flows and the overview's estimate ------------------------------------------------------
# Computed once per version of the data files and shared by all sessions (cache_resource): the
# pages only read these frames, and the estimates are frozen dataclasses.


@st.cache_resource(show_spinner=False, max_entries=4)
def _bilateral_for(
    folder: str, version: Version
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Turnover candidates, pair series and coverage grid of one version of the data."""
    data = _trade_data_for(folder, version)
    candidates = turnover_candidates(data.trade_flows, data.countries)
    return (
        candidates,
        pair_series(candidates, data.countries),
        coverage(candidates, data.countries),
    )


def bilateral() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (turnover candidates, pair series, coverage grid) of the data in use, each a copy
    of its own (see `flows.turnover_candidates`, `pair_series`, `coverage`)."""
    frames = _bilateral_for(*data_key())
    candidates, series, grid = (frame.copy(deep=False) for frame in frames)
    return candidates, series, grid


@st.cache_resource(show_spinner=False, max_entries=64)
def _pair_values_for(folder: str, version: Version, year: int) -> pd.DataFrame:
    """Every pair's value in `year` by the reporter rule, for one version of the data."""
    data = _trade_data_for(folder, version)
    return pair_values(_bilateral_for(folder, version)[0], data.countries, year)


def year_pair_values(year: int) -> pd.DataFrame:
    """Return every pair's value in `year` by the reporter rule (`flows.pair_values`), a copy."""
    return _pair_values_for(*data_key(), year).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=4)
def _estimates_for(folder: str, version: Version) -> tuple[ChainEstimate, ...]:
    """The chain-linked estimates of one version of the data."""
    data = _trade_data_for(folder, version)
    candidates = _bilateral_for(folder, version)[0]
    return tuple(chain_estimates(candidates, data.countries, data.trade_totals, data.sources))


def estimates() -> list[ChainEstimate]:
    """Return the estimates of the years after the latest official total
    (`estimate.chain_estimates`)."""
    return list(_estimates_for(*data_key()))

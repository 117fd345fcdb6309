"""Scenario page: when is a goal reached, under which growth, and what the projects add.

Layout and the widgets the whole page depends on; the preset, the main settings, the summary, the
projection chart and sharing are `scenario_view` (a growth step re-runs its fragment only), and
the state machine of presets and links is `scenario_state`.
"""

from __future__ import annotations

import streamlit as st

from ca_trade.charts.projects_timeline import short_label
from ca_trade.charts.scenario_projects import (
    contribution_figure,
    contribution_table,
    landing_table,
    timeline_figure,
)
from ca_trade.format import format_growth, format_number, format_usd_bn
from ca_trade.i18n import localized, t
from ca_trade.present.projects import type_label
from ca_trade.present.scenario import format_effect, parameter_labels, section_label
from ca_trade.scenario import (
    DEFAULT_HORIZON_YEAR,
    Preset,
    PresetId,
    ScenarioParams,
    observed_cagr,
    projects_with_effect,
    scenario_presets,
    scenario_settings,
)
from ca_trade.ui.cache import (
    headline_figures,
    headline_history,
    model_assumptions,
    scenario_contributions,
    scenario_effects,
    scenario_goal_options,
    scenario_inputs,
)
from ca_trade.ui.charts import show_chart
from ca_trade.ui.common import escape_markdown, folded_section, small_markdown, trade_data_or_stop
from ca_trade.ui.estimate_base import base_choice, chosen_base
from ca_trade.ui.scenario_sections import how_section
from ca_trade.ui.scenario_state import (
    ASSUMPTIONS,
    BASE_YEAR,
    EFFECTS,
    FULL_RUN,
    GROWTH_RANGE_PERCENT,
    HOW,
    PROJECT_CHARTS,
    TREND_FROM,
    PresetState,
    group_key,
    link_overrides,
    linked_overrides,
    pending_flag,
    project_key,
    upgrade_old_link,
)
from ca_trade.ui.scenario_view import ScenarioPage, main_view, source_line

PROJECT_LABEL_CHARS = 26  # fits a phone's width beside the checkbox and its year

data = trade_data_or_stop()
names = dict(
    zip(
        data.projects["project_id"].astype(str),
        localized(data.projects, "name"),
        strict=True,
    )
)
project_types = dict(
    zip(data.projects["project_id"].astype(str), data.projects["type"].astype(str), strict=True)
)
country_names = dict(
    zip(data.countries["iso3"].astype(str), localized(data.countries, "name"), strict=True)
)
settings = scenario_settings(data.scenario_settings)
labels = parameter_labels(data.scenario_parameters)
assumptions = model_assumptions()
history = headline_history()
firm_years = [int(year) for year in history["year"]]
# A base year needs an earlier firm figure, so that an observed trend exists.
base_options = [year for year in firm_years if any(other < year for other in firm_years)]
goals, multiples = scenario_goal_options()
goal_values = [goal.value_usd_bn for goal in goals]


def window_starts(base_year: int) -> list[int]:
    """Return the firm years a trend ending in `base_year` can start from."""
    return [year for year in firm_years if year < base_year]


def base_value(base_year: int) -> float:
    """Return the official total of the base year, USD billion."""
    return float(history.loc[history["year"] == base_year, "value_usd_bn"].iloc[0])


def presets_for(base_year: int, start: int) -> dict[PresetId, Preset]:
    """Return every preset's settings for a base year (or the estimate chosen) and a trend window."""
    start_from = chosen_base(base_year, base_value(base_year))
    return scenario_presets(
        base_year=start_from.year,
        base_value_usd_bn=start_from.value_usd_bn,
        trend=observed_cagr(history, start, base_year),
        goals=goals,
        multiples=multiples,
        growth_range_percent=GROWTH_RANGE_PERCENT,
        settings=settings,
    )


DEFAULT_BASE = base_options[-1]
DEFAULT_START = window_starts(DEFAULT_BASE)[-1]
DEFAULT_PRESETS = presets_for(DEFAULT_BASE, DEFAULT_START)
DEFAULT_GROWTH = DEFAULT_PRESETS["recent_trend"].growth_percent or 0.0
open_goals = [value for value in goal_values if value > base_value(DEFAULT_BASE)]
DEFAULT_GOAL = open_goals[0] if open_goals else goal_values[-1]
state = PresetState(presets_for, window_starts, DEFAULT_BASE)


def reset_assumptions() -> None:
    """Callback of the reset button: every assumption back to its default value."""
    for spec in scenario_inputs():
        st.session_state[spec.assumption_id] = spec.value


upgrade_old_link()
state.seed_from_link(DEFAULT_PRESETS)

st.title(t("When is the goal reached? A scenario"), anchor=False)
st.markdown(
    escape_markdown(
        t(
            "Trade among the five grows from the latest official total at a rate you choose, and "
            "the large joint projects add their own trade as they are completed. Everything on "
            "this page is a model: the growth rate and every project effect are assumptions, "
            "not data."
        )
    )
)


main_slot = st.container()
more = st.expander(t("Base year, observed trend, and which projects count"))
# The project charts, the assumptions and the method are drawn only while their section is open
# (the URL keeps which are): closed, they cost nothing on a growth step or a first visit.
charts_box = folded_section(t("What the projects add, and when they land"), PROJECT_CHARTS)
assumptions_box = folded_section(
    t("Change the assumptions behind the project effects"), ASSUMPTIONS
)
how_box = folded_section(t("How this is computed"), HOW)

# --- base year and observed trend (script order: needed by the presets) -------------------------
with more:
    base_columns = st.columns(2)
    base_year = int(
        base_columns[0].selectbox(
            t("Base year (latest official total by default)"),
            base_options,
            index=base_options.index(DEFAULT_BASE),
            format_func=str,
            key=BASE_YEAR,
            bind="query-params",
            on_change=state.base_year_changed,
        )
        or DEFAULT_BASE
    )
    starts = window_starts(base_year)
    trend_start = int(
        base_columns[1].selectbox(
            t("Observed trend measured from"),
            starts,
            index=len(starts) - 1,
            format_func=str,
            key=TREND_FROM,
            bind="query-params",
            on_change=state.trend_window_changed,
            help=t("Choosing a window sets the growth rate to the trend observed over it."),
        )
        or starts[-1]
    )
    base_choice(base_year, base_value(base_year))
trend = observed_cagr(history, trend_start, base_year)
presets = presets_for(base_year, trend_start)
# From here on the base is the one chosen: the official total of the base year, or the estimate.
start_from = chosen_base(base_year, base_value(base_year))
base_year, base = start_from.year, start_from.value_usd_bn
base_source = headline_figures().get(base_year)

# --- assumptions (script order: the projects counted depend on them) ----------------------------
# The link holds every changed value; the ~90 inputs are drawn only while their section is open
# (half of the page's elements otherwise, slowing every redraw of the page).
inputs = scenario_inputs()
overrides = linked_overrides(inputs)
if assumptions_box.open:
    with assumptions_box:
        small_markdown(
            escape_markdown(
                t(
                    "Each value is a model assumption, not data. 'Sourced' values are printed in "
                    "the publication listed under How this is computed; 'illustrative' ones are our "
                    "own estimates, with the range the low-high band uses. A change applies at "
                    "once and is kept in the link."
                )
            )
        )
        st.button(
            t("Reset every assumption to its default"),
            key="reset_assumptions",
            on_click=reset_assumptions,
            icon=":material/restart_alt:",
        )
        sections = list(dict.fromkeys(spec.section for spec in inputs))
        tabs = st.tabs([section_label(section) for section in sections])
        values: dict[str, float] = {}
        for tab, section in zip(tabs, sections, strict=True):
            columns = tab.columns(3)
            for index, spec in enumerate(s for s in inputs if s.section == section):
                value = columns[index % 3].number_input(
                    spec.label,
                    min_value=0.0,
                    max_value=spec.max_value,
                    value=overrides.get(spec.assumption_id, spec.value),
                    step=spec.step,
                    format=spec.number_format,
                    key=spec.assumption_id,
                    help=escape_markdown(spec.help),
                )
                values[spec.assumption_id] = spec.value if value is None else float(value)
        overrides = link_overrides(inputs, values)
override_items = tuple(sorted(overrides.items()))
effects = scenario_effects(override_items)

# --- which projects count ------------------------------------------------------------------------
all_on = ScenarioParams(
    base_year=base_year,
    base_value_usd_bn=base,
    growth=DEFAULT_GROWTH / 100,  # unused: the projects' effects do not depend on growth
    assumption_overrides=overrides,
)
effects_on = pending_flag(EFFECTS, default=True)
with_effect = projects_with_effect(scenario_contributions(all_on))
groups_with_effect = sorted({project_types[p] for p in with_effect}, key=lambda g: type_label(g))
disabled_types: set[str] = set()
disabled_projects: set[str] = set()
with more:
    st.markdown(
        escape_markdown(
            t(
                "Observed trend {start}–{end}: ({end_value} / {start_value})^(1 / {years}) − 1 "
                "= {rate}. Official totals: {start_amount} in {start}, {end_amount} in {end}.",
                start=trend.start_year,
                end=trend.end_year,
                end_value=format_number(trend.end_value),
                start_value=format_number(trend.start_value),
                years=trend.end_year - trend.start_year,
                rate=format_growth(trend.cagr),
                start_amount=format_usd_bn(trend.start_value),
                end_amount=format_usd_bn(trend.end_value),
            )
        )
    )
    # The switches sit in a popover: its content is not put on the page until it is opened, so
    # a visitor's browser does not lay out the ~25 switches behind every first view and redraw.
    projects_box = st.popover(
        t("Projects counted"), icon=":material/checklist:", key="projects_counted"
    )
with projects_box:
    if not groups_with_effect:
        small_markdown(escape_markdown(t("No project has an effect with these assumptions.")))
    for group in groups_with_effect:
        group_on = st.toggle(
            type_label(group),
            value=True,
            key=group_key(group),
            bind="query-params",
            disabled=not effects_on,
        )
        if not group_on:
            disabled_types.add(group)
        indent, listing = st.columns([1, 24])
        for project_id in [p for p in with_effect if project_types[p] == group]:
            row = effects[effects["project_id"] == project_id].iloc[0]
            # Widget labels do not wrap: a short name in the label, the effect in the help.
            project_on = listing.checkbox(
                escape_markdown(
                    t(
                        "{year}: {project}",
                        project=short_label(names[project_id], PROJECT_LABEL_CHARS),
                        year=int(row["completion_year"]),
                    )
                ),
                help=escape_markdown(
                    t(
                        "{project}, completed {year}: {amount} a year at full level",
                        project=names[project_id],
                        year=int(row["completion_year"]),
                        amount=format_effect(float(row["full_effect_usd_bn"]), signed=True),
                    )
                ),
                value=True,
                key=project_key(project_id),
                bind="query-params",
                disabled=not effects_on or not group_on,
            )
            if not project_on:
                disabled_projects.add(project_id)
    undated = effects[
        effects["completion_year"].isna() & (effects["formula_effect_usd_bn"].fillna(0) != 0)
    ]
    if not undated.empty:
        listed = "; ".join(
            t(
                "{project} ({amount} a year)",
                project=names[str(r["project_id"])],
                amount=format_effect(float(r["formula_effect_usd_bn"])),
            )
            for r in undated.to_dict("records")
        )
        small_markdown(
            escape_markdown(
                t(
                    "Not counted because no completion year is stated, so the effect cannot be "
                    "placed in time: {projects}.",
                    projects=listed,
                )
            )
        )
    small_markdown(
        escape_markdown(
            t(
                "Transit routes, power lines, ports and domestic projects add no trade among the "
                "five by themselves (see How this is computed); projects completed before "
                "{year} are already in the base value.",
                year=base_year,
            )
        )
    )

# --- preset, main settings, summary, projection chart, share (a growth step re-runs the view) ---
page = ScenarioPage(
    data=data,
    goals=goals,
    multiples=multiples,
    settings=settings,
    history=history,
    default_growth=DEFAULT_GROWTH,
    default_goal=DEFAULT_GOAL,
    base_year=base_year,
    base=base,
    base_estimate=start_from.estimate,
    trend=trend,
    presets=presets,
    state=state,
    overrides=overrides,
    disabled_types=frozenset(disabled_types),
    disabled_projects=frozenset(disabled_projects),
)
st.session_state[FULL_RUN] = True
with main_slot:
    choice = main_view(page)
st.session_state[FULL_RUN] = False
params, target_year, delay_years = choice.params, choice.target_year, choice.params.delay_years

# --- charts of the projects ----------------------------------------------------------------------
if charts_box.open:
    contributions = scenario_contributions(params)
    effects_note = None if params.effects_enabled else t("Project effects are switched off.")
    with charts_box:
        show_chart(
            contribution_figure(contributions, names, target_year, empty_note=effects_note),
            key="scenario_contributions",
            filename="scenario-project-contributions",
            data=contribution_table(contributions, names),
            sources=source_line(),
        )
        landings = landing_table(
            effects,
            projects_with_effect(contributions),
            names,
            base_year=base_year,
            delay_years=delay_years,
            target_year=target_year,
        )
        show_chart(
            timeline_figure(landings, target_year, DEFAULT_HORIZON_YEAR, empty_note=effects_note),
            key="scenario_timeline",
            filename="scenario-project-timeline",
            data=landings,
            sources=source_line(),
        )

# --- how this is computed ------------------------------------------------------------------------
# Drawn only when open: two long tables nobody needs on every slider move.
if how_box.open:
    with how_box:
        how_section(
            data,
            params,
            target_year,
            assumptions,
            effects,
            names=names,
            labels=labels,
            country_names=country_names,
            base_source=base_source,
            base_estimate=start_from.estimate,
        )

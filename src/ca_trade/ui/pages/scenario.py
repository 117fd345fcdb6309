"""Scenario page: when is a goal reached, under which growth, and what the projects add."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ca_trade.charts.projects_timeline import short_label
from ca_trade.charts.scenario import projection_figure, projection_table
from ca_trade.charts.scenario_projects import (
    contribution_figure,
    contribution_table,
    landing_table,
    timeline_figure,
)
from ca_trade.format import format_growth, format_month_year, format_number, format_usd_bn
from ca_trade.i18n import localized, t
from ca_trade.present.scenario import (
    applies_to_label,
    format_effect,
    group_label,
    parameter_label,
    parameter_labels,
    section_label,
)
from ca_trade.present.scenario_effects import effect_formula, effect_reason
from ca_trade.present.scenario_method import band_help, kind_lines, model_lines
from ca_trade.progress import Goal
from ca_trade.report_content import ReportScenario
from ca_trade.scenario import (
    DEFAULT_BAND_WIDTH,
    DEFAULT_HORIZON_YEAR,
    GROWTH_STEP_PERCENT,
    PRESET_IDS,
    ObservedTrend,
    Preset,
    PresetId,
    ScenarioParams,
    contribution_by_group,
    gap_at_year,
    goal_reached_year,
    matching_preset,
    observed_cagr,
    projects_with_effect,
    required_growth,
    scenario_presets,
    scenario_settings,
)
from ca_trade.scenario.effects import values_in_force
from ca_trade.ui.cache import (
    headline_figures,
    headline_history,
    model_assumptions,
    scenario_contributions,
    scenario_effects,
    scenario_goal_options,
    scenario_inputs,
    scenario_path,
)
from ca_trade.ui.charts import show_chart
from ca_trade.ui.common import escape_markdown, trade_data_or_stop
from ca_trade.ui.scenario_share import share_scenario
from ca_trade.ui.url_state import write_choice

GROWTH_RANGE_PERCENT = (-5.0, 20.0)
MAX_DELAY_YEARS = 10
HORIZON_YEAR = DEFAULT_HORIZON_YEAR
BAND_WIDTH = DEFAULT_BAND_WIDTH
# Preset settings and the widget keys (URL parameters) that hold them.
SETTING_KEYS = {
    "growth_percent": "growth",
    "goal_usd_bn": "goal",
    "target_year": "target_year",
    "delay_years": "delay",
    "effects_enabled": "effects",
}
SOURCE_LINE = t("Scenario model of the Central Asia Trade Target data package: assumptions.csv")

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
sources = data.sources.set_index("source_id")
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


def trend_for(base_year: int, start: int) -> ObservedTrend:
    """Return the observed trend of the headline series from `start` to `base_year`."""
    return observed_cagr(history, start, base_year)


def base_value(base_year: int) -> float:
    """Return the official total of the base year, USD billion."""
    return float(history.loc[history["year"] == base_year, "value_usd_bn"].iloc[0])


def presets_for(base_year: int, start: int) -> dict[PresetId, Preset]:
    """Return every preset's settings for a base year and a trend window."""
    return scenario_presets(
        base_year=base_year,
        base_value_usd_bn=base_value(base_year),
        trend=trend_for(base_year, start),
        goals=goals,
        multiples=multiples,
        growth_range_percent=GROWTH_RANGE_PERCENT,
        settings=settings,
    )


def preset_label(preset_id: str) -> str:
    """Return a preset's name as shown (and kept in the URL)."""
    deadline = multiples[0].deadline_year if multiples else None
    labels = {
        "recent_trend": t("Recent trend"),
        "roadmap": t("Roadmap to {year}", year=settings.roadmap_end_year),
        "doubling": t("Doubling in five years ({year})", year=deadline)
        if deadline
        else t("Doubling in five years"),
        "projects_delayed": t("Projects delayed"),
        "own": t("Your own"),
    }
    return labels.get(preset_id, preset_id)


DEFAULT_BASE = base_options[-1]
DEFAULT_START = window_starts(DEFAULT_BASE)[-1]
DEFAULT_PRESETS = presets_for(DEFAULT_BASE, DEFAULT_START)
DEFAULT_GROWTH = DEFAULT_PRESETS["recent_trend"].growth_percent or 0.0
open_goals = [value for value in goal_values if value > base_value(DEFAULT_BASE)]
DEFAULT_GOAL = open_goals[0] if open_goals else goal_values[-1]


def current_base_and_start() -> tuple[int, int]:
    """Return the base year and trend start held in the session, falling back to the defaults."""
    base = st.session_state.get("base_year", DEFAULT_BASE)
    base = base if base in base_options else DEFAULT_BASE
    start = st.session_state.get("trend_from", window_starts(base)[-1])
    return base, start if start in window_starts(base) else window_starts(base)[-1]


def write_preset(preset: Preset, keep: frozenset[str] = frozenset()) -> None:
    """Put a preset's settings into the widgets' state, except those whose key is in `keep`."""
    for name, value in preset.settings().items():
        key = SETTING_KEYS[name]
        if key not in keep:
            st.session_state[key] = value


def apply_preset() -> None:
    """Callback of the preset selector: set the widgets to the chosen preset's values.

    The link keeps the preset's code, not its translated label (as for the language and the
    filters). It is written here, on the user's choice only: a URL written by a run while a
    slider moves would carry that run's older slider values.
    """
    chosen = st.session_state.get("preset")
    write_choice("preset", chosen if chosen in PRESET_IDS else None, PRESET_IDS[0])
    if chosen in PRESET_IDS and chosen != "own":
        write_preset(presets_for(*current_base_and_start())[chosen])


def base_year_changed() -> None:
    """Callback of the base year: keep the trend window valid and re-apply a chosen preset."""
    base = st.session_state.get("base_year", DEFAULT_BASE)
    if st.session_state.get("trend_from") not in window_starts(base):
        st.session_state["trend_from"] = window_starts(base)[-1]
    chosen = st.session_state.get("preset", "recent_trend")
    if chosen in PRESET_IDS and chosen != "own":
        write_preset(presets_for(*current_base_and_start())[chosen])


def trend_window_changed() -> None:
    """Callback of the trend window: growth follows the trend over the new window."""
    growth = presets_for(*current_base_and_start())["recent_trend"].growth_percent
    if growth is not None:
        st.session_state["growth"] = growth


def reset_assumptions() -> None:
    """Callback of the reset button: every assumption back to its default value."""
    for spec in scenario_inputs():
        st.session_state[spec.assumption_id] = spec.value


def safe_url(url: str) -> str:
    """Return a URL that cannot end a Markdown link early (brackets and spaces encoded)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def source_link(source_id: str) -> str:
    """Return a Markdown link to a source, titled as written."""
    row = sources.loc[source_id]
    return f"[{escape_markdown(str(row['title']))}]({safe_url(str(row['url']))})"


def small_note(text: str, where: DeltaGenerator | None = None) -> None:
    """Show Markdown `text` in small type in the body colour (captions are too faint to read)."""
    if where is None:
        st.markdown(f":small[{text}]")
    else:
        where.markdown(f":small[{text}]")


def goal_caption(goal: Goal) -> str:
    """Return the caption under a goal's option: when it was announced, or what it doubles."""
    when = format_month_year(goal.announced) if goal.announced else str(goal.announced_year)
    if goal in multiples and goal.base_year is not None:
        return t(
            "×2 the {year} total, by {deadline}",
            year=goal.base_year,
            deadline=goal.deadline_year or "–",
        )
    return t("announced {when}", when=when)


# A link may name only a preset: its settings then fill every setting the link does not give.
if "preset" not in st.session_state:
    linked = st.query_params.get("preset")
    if linked in PRESET_IDS and linked != "own":
        write_preset(DEFAULT_PRESETS[linked], keep=frozenset(st.query_params.keys()))

st.title(t("When is the goal reached? A scenario"))
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

preset_slot, preset_note = st.columns([2, 3], vertical_alignment="bottom")
controls = st.container(border=True)
summary_slot = st.container()
more = st.expander(t("Base year, observed trend, and which projects count"))
charts_slot = st.container()
assumptions_box = st.expander(t("Change the assumptions behind the project effects"))
how_box = st.expander(t("How this is computed"), key="how", on_change="rerun", bind="query-params")

# --- base year and observed trend (script order: needed by the presets) -------------------------
with more:
    base_columns = st.columns(2)
    base_year = int(
        base_columns[0].selectbox(
            t("Base year (latest official total by default)"),
            base_options,
            index=base_options.index(DEFAULT_BASE),
            format_func=str,
            key="base_year",
            bind="query-params",
            on_change=base_year_changed,
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
            key="trend_from",
            bind="query-params",
            on_change=trend_window_changed,
            help=t("Choosing a window sets the growth rate to the trend observed over it."),
        )
        or starts[-1]
    )
base = base_value(base_year)
base_source = headline_figures().get(base_year)
trend = trend_for(base_year, trend_start)
presets = presets_for(base_year, trend_start)

# --- assumptions (script order: the projects counted depend on them) ----------------------------
overrides: dict[str, float] = {}
with assumptions_box:
    small_note(
        escape_markdown(
            t(
                "Each value is a model assumption, not data. 'Sourced' values are printed in the "
                "publication listed under How this is computed; 'illustrative' ones are our own "
                "estimates, with the range the low-high band uses. A change applies at once and "
                "is kept in the link."
            )
        )
    )
    st.button(
        t("Reset every assumption to its default"),
        key="reset_assumptions",
        on_click=reset_assumptions,
        icon=":material/restart_alt:",
    )
    inputs = scenario_inputs()
    sections = list(dict.fromkeys(spec.section for spec in inputs))
    tabs = st.tabs([section_label(section) for section in sections])
    for tab, section in zip(tabs, sections, strict=True):
        columns = tab.columns(3)
        for index, spec in enumerate(s for s in inputs if s.section == section):
            value = columns[index % 3].number_input(
                spec.label,
                min_value=0.0,
                max_value=spec.max_value,
                value=spec.value,
                step=spec.step,
                format=spec.number_format,
                key=spec.assumption_id,
                bind="query-params",
                help=escape_markdown(spec.help),
            )
            if value is not None and not math.isclose(float(value), spec.value, abs_tol=1e-12):
                overrides[spec.assumption_id] = float(value)
override_items = tuple(sorted(overrides.items()))
effects = scenario_effects(override_items)

# --- the main settings ---------------------------------------------------------------------------
with controls:
    top = st.columns(2, gap="large")
    growth_percent = float(
        top[0].slider(
            t("Organic growth, % a year"),
            min_value=GROWTH_RANGE_PERCENT[0],
            max_value=GROWTH_RANGE_PERCENT[1],
            value=DEFAULT_GROWTH,
            step=GROWTH_STEP_PERCENT,
            format="%.1f%%",
            key="growth",
            bind="query-params",
            help=t(
                "Growth of trade without the projects' own effects. The observed trend, "
                "{start}–{end}, is {rate}.",
                start=trend.start_year,
                end=trend.end_year,
                rate=format_growth(trend.cagr),
            ),
        )
    )
    goal_value = st.radio(
        t("Goal, USD billion of trade a year"),
        goal_values,
        index=goal_values.index(DEFAULT_GOAL),
        format_func=lambda value: f"{value:g}",
        horizontal=True,
        key="goal",
        bind="query-params",
    )
    goal_usd_bn = float(goal_value if goal_value is not None else DEFAULT_GOAL)
    small_note(
        escape_markdown(
            " · ".join(
                t("{value}: {caption}", value=f"{goal.value_usd_bn:g}", caption=goal_caption(goal))
                for goal in goals
            )
        )
    )
    target_year = int(
        top[1].slider(
            t("Target year"),
            min_value=firm_years[-1] + 1,
            max_value=HORIZON_YEAR,
            value=max(settings.default_target_year, firm_years[-1] + 1),
            step=1,
            key="target_year",
            bind="query-params",
            help=t(
                "No deadline was stated for the USD goals; the doubling was to take five years. "
                "The year is your choice."
            ),
        )
    )
    bottom = st.columns(2, gap="large")
    delay_years = int(
        bottom[0].slider(
            t("Delay to every project not yet completed, years"),
            min_value=0,
            max_value=MAX_DELAY_YEARS,
            value=0,
            step=1,
            key="delay",
            bind="query-params",
        )
    )
    effects_on = bool(
        bottom[1].toggle(
            t("Count the projects' effects"),
            value=True,
            key="effects",
            bind="query-params",
            help=t(
                "Off: organic growth only. Groups and single projects can be switched off under "
                "'Base year, observed trend, and which projects count'."
            ),
        )
    )

# --- which projects count ------------------------------------------------------------------------
all_on = ScenarioParams(
    base_year=base_year,
    base_value_usd_bn=base,
    growth=growth_percent / 100,
    assumption_overrides=overrides,
)
with_effect = projects_with_effect(scenario_contributions(all_on))
groups_with_effect = sorted({project_types[p] for p in with_effect}, key=lambda g: group_label(g))
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
    st.markdown("**" + escape_markdown(t("Projects counted")) + "**")
    if not groups_with_effect:
        small_note(escape_markdown(t("No project has an effect with these assumptions.")))
    for group in groups_with_effect:
        group_on = st.toggle(
            group_label(group),
            value=True,
            key=f"group_{group}",
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
                key=f"project_{project_id}",
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
        small_note(
            escape_markdown(
                t(
                    "Not counted because no completion year is stated, so the effect cannot be "
                    "placed in time: {projects}.",
                    projects=listed,
                )
            )
        )
    small_note(
        escape_markdown(
            t(
                "Transit routes, power lines, ports and domestic projects add no trade among the "
                "five by themselves (see How this is computed); projects completed before "
                "{year} are already in the base value.",
                year=base_year,
            )
        )
    )

params = ScenarioParams(
    base_year=base_year,
    base_value_usd_bn=base,
    growth=growth_percent / 100,
    effects_enabled=effects_on,
    delay_years=delay_years,
    disabled_types=frozenset(disabled_types),
    disabled_projects=frozenset(disabled_projects),
    assumption_overrides=overrides,
)
path = scenario_path(params)
contributions = scenario_contributions(params)

# --- preset --------------------------------------------------------------------------------------
# The selector is never rewritten by the page once shown: a value set from here while a slider
# is moving races the browser's own copy, which comes back as a change and re-applies the old
# preset. When the settings leave the chosen preset, a note says so instead.
current = {
    "growth_percent": growth_percent,
    "goal_usd_bn": goal_usd_bn,
    "target_year": target_year,
    "delay_years": delay_years,
    "effects_enabled": effects_on,
}
matched = matching_preset(presets, **current)
if "preset" not in st.session_state:
    # First run: the link's preset code, else the preset the settings match.
    linked = st.query_params.get("preset")
    st.session_state["preset"] = linked if linked in PRESET_IDS else matched
with preset_slot:
    chosen = st.selectbox(
        t("Preset"),
        PRESET_IDS,
        format_func=preset_label,
        key="preset",
        on_change=apply_preset,
        help=t(
            "A preset sets growth, goal, target year, delay and effects; project switches "
            "and assumptions are kept."
        ),
    )
chosen_id: PresetId = chosen if chosen in PRESET_IDS else "own"
changed_from = (
    chosen_id if chosen_id != "own" and not presets[chosen_id].matches(**current) else None
)


def preset_explanation(preset_id: str) -> str:
    """Return what the chosen preset means, in one or two sentences."""
    if preset_id in ("recent_trend", "projects_delayed"):
        text = t(
            "Growth continues at the trend observed from {start} to {end}, {rate}.",
            start=trend.start_year,
            end=trend.end_year,
            rate=format_growth(trend.cagr),
        )
        if preset_id == "projects_delayed":
            text += " " + t(
                "Every project due after {year} is completed {delay} years late: an illustrative "
                "assumption, not a forecast.",
                year=base_year,
                delay=settings.delayed_preset_years,
            )
        return text
    if preset_id == "roadmap":
        preset = presets["roadmap"]
        return t(
            "Our reading, an assumption: the Roadmap for regional cooperation to {year}, approved "
            "at the 6th Consultative Meeting (Astana, 9 August 2024), states no trade figure "
            "([report]({url})). The preset asks for the nearest goal, {goal}, by {year}, and sets "
            "growth to what that needs from {base} in {base_year}: {rate}.",
            year=settings.roadmap_end_year,
            url=settings.roadmap_source_url,
            goal=escape_markdown(format_usd_bn(preset.goal_usd_bn or 0.0, 0)),
            base=escape_markdown(format_usd_bn(base)),
            base_year=base_year,
            rate=format_growth((preset.growth_percent or 0.0) / 100),
        )
    if preset_id == "doubling":
        preset = presets["doubling"]
        goal = preset.goal
        if goal is None:
            return t("No doubling goal with a deadline is in the data.")
        return t(
            "{speaker} proposed doubling mutual trade in five years ({source}). Read as twice the "
            "{year} total, {goal} by {deadline}; growth is set to what that needs from {base} in "
            "{base_year}: {rate}.",
            speaker=escape_markdown(goal.speaker),
            source=source_link(goal.source_id),
            year=goal.base_year,
            goal=escape_markdown(format_usd_bn(goal.value_usd_bn, 0)),
            deadline=goal.deadline_year,
            base=escape_markdown(format_usd_bn(base)),
            base_year=base_year,
            rate=format_growth((preset.growth_percent or 0.0) / 100),
        )
    return t("Your own settings: no preset matches them.")


small_note(
    escape_markdown(
        t(
            "Your own settings: you changed those of the preset '{preset}'.",
            preset=preset_label(changed_from),
        )
    )
    if changed_from is not None
    else preset_explanation(chosen_id),
    preset_note,
)

# --- what the projection says --------------------------------------------------------------------
reached = goal_reached_year(path, goal_usd_bn)
reached_low = goal_reached_year(path, goal_usd_bn, column="low")
reached_high = goal_reached_year(path, goal_usd_bn, column="high")
needed = required_growth(base, goal_usd_bn, base_year, target_year)
at_target = path[path["year"] == target_year].iloc[0]
projected = float(at_target["total"])
gap = gap_at_year(path, goal_usd_bn, target_year)
added = float(contribution_by_group(path, target_year).sum())
not_by = t("Not by {year}", year=HORIZON_YEAR)


def year_or_not(year: int | None) -> str:
    """Return a year, or 'not by the horizon'."""
    return str(year) if year is not None else not_by


with summary_slot:
    first_row = st.columns(3)
    first_row[0].metric(
        t("Goal reached"),
        year_or_not(reached),
        help=t("First year the central projection reaches the goal."),
        border=True,
    )
    first_row[1].metric(
        t("Growth needed, {start}–{end}", start=base_year, end=target_year),
        format_growth(needed) if needed > 0 else t("None: goal already met"),
        help=t(
            "Compound growth a year that takes the {year} total to the goal by the target year.",
            year=base_year,
        ),
        border=True,
    )
    first_row[2].metric(
        t("Projected trade in {year}", year=target_year),
        format_usd_bn(projected),
        help=t(
            "USD billion a year, central projection. Band: {low} to {high}.",
            low=format_usd_bn(float(at_target["low"])),
            high=format_usd_bn(float(at_target["high"])),
        ),
        border=True,
    )
    second_row = st.columns(3)
    second_row[0].metric(
        t("Gap to the goal in {year}", year=target_year)
        if gap > 0
        else t("Above the goal in {year}", year=target_year),
        format_usd_bn(abs(gap)),
        help=t("Goal minus the central projection, USD billion a year.")
        if gap > 0
        else t("Central projection minus the goal, USD billion a year: the goal is exceeded."),
        border=True,
    )
    second_row[1].metric(
        t("Projects' contribution in {year}", year=target_year),
        format_usd_bn(added, 2, signed=True) if effects_on else t("Switched off"),
        help=t(
            "Trade the counted projects add in that year, USD billion a year, on top of organic "
            "growth."
        ),
        border=True,
    )
    second_row[2].metric(
        t("Goal reached, low–high band"),
        t("{early} to {late}", early=year_or_not(reached_high), late=year_or_not(reached_low))
        if reached_high != reached_low
        else year_or_not(reached_high),
        help=band_help(params),
        border=True,
    )
    sentence = (
        t(
            "At {rate} and {effects}, trade reaches the {goal} goal in {year}.",
            rate=format_growth(growth_percent / 100),
            effects=t("with the projects' effects") if effects_on else t("without project effects"),
            goal=format_usd_bn(goal_usd_bn, 0),
            year=reached,
        )
        if reached is not None
        else t(
            "At {rate} and {effects}, trade does not reach the {goal} goal by {horizon}.",
            rate=format_growth(growth_percent / 100),
            effects=t("with the projects' effects") if effects_on else t("without project effects"),
            goal=format_usd_bn(goal_usd_bn, 0),
            horizon=HORIZON_YEAR,
        )
    )
    st.markdown(f"**{escape_markdown(sentence)}**")

# --- charts --------------------------------------------------------------------------------------
effects_note = None if effects_on else t("Project effects are switched off.")
with charts_slot:
    show_chart(
        projection_figure(path, history, goals, goal_usd_bn, target_year, reached),
        key="scenario_projection",
        filename="scenario-projection",
        data=projection_table(path, history),
        sources=SOURCE_LINE,
    )
    small_note(
        escape_markdown(
            t(
                "The line after {year} is a projection, not data. The band spans growth ±{width} "
                "point and, for every project parameter, the ends of its range.",
                year=base_year,
                width=format_number(BAND_WIDTH * 100, 0),
            )
        )
    )
    show_chart(
        contribution_figure(contributions, names, target_year, empty_note=effects_note),
        key="scenario_contributions",
        filename="scenario-project-contributions",
        data=contribution_table(contributions, names),
        sources=SOURCE_LINE,
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
        timeline_figure(landings, target_year, HORIZON_YEAR, empty_note=effects_note),
        key="scenario_timeline",
        filename="scenario-project-timeline",
        data=landings,
        sources=SOURCE_LINE,
    )

# --- share and download --------------------------------------------------------------------------
chosen_goal = next(goal for goal in [*goals, *multiples] if goal.value_usd_bn == goal_usd_bn)
st.subheader(t("Share and download"))
share_scenario(
    data,
    goals,
    ReportScenario(params=params, path=path, goal=chosen_goal, target_year=target_year),
)

# --- how this is computed ------------------------------------------------------------------------
# Drawn only when open: two long tables nobody needs on every slider move.
if how_box.open:
    default_assumptions = assumptions[
        assumptions["is_default"].astype("boolean").fillna(False).astype(bool)
    ].reset_index(drop=True)
    with how_box:
        lines = [
            escape_markdown(line)
            for line in model_lines(
                params, target_year, (float(at_target["low"]), float(at_target["high"]))
            )
        ]
        if base_source:
            lines[0] += " " + t("Source: {source}.", source=source_link(base_source.source_id))
        st.markdown("\n".join(f"- {line}" for line in lines))
        st.markdown("**" + escape_markdown(t("The effect of each kind of project")) + "**")
        loss_per_day = values_in_force(assumptions, overrides, "tf.trade_loss_per_day")
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in kind_lines(loss_per_day)))
        st.markdown("**" + escape_markdown(t("The projects counted, with the numbers used")) + "**")
        counted = effects[effects["counted"]]
        for record in counted.to_dict("records"):
            project_id = str(record["project_id"])
            st.markdown(
                escape_markdown(
                    t(
                        "{project} ({group}), completed {year}, full level after {ramp} years:",
                        project=names[project_id],
                        group=group_label(str(record["group"])),
                        year=int(record["completion_year"]),
                        ramp=format_number(float(record["ramp_years"]), 0),
                    )
                )
            )
            st.code(effect_formula(record), language=None, wrap_lines=True)
        st.markdown("**" + escape_markdown(t("Every project, counted or not, and why")) + "**")
        effect_rows = effects.copy()
        effect_rows["project"] = [names[p] for p in effect_rows["project_id"].astype(str)]
        records = effect_rows.to_dict("records")
        st.dataframe(
            pd.DataFrame(
                {
                    t("Project"): effect_rows["project"].tolist(),
                    t("Group"): [group_label(g) for g in effect_rows["group"].astype(str)],
                    t("Completion year"): effect_rows["completion_year"].tolist(),
                    t("Counted"): effect_rows["counted"].tolist(),
                    # Text, so that a negative effect carries a true minus.
                    t("Full effect, USD billion a year"): [
                        "" if math.isnan(v) else format_number(v, 4)
                        for v in effect_rows["formula_effect_usd_bn"].astype(float)
                    ],
                    t("Formula with the numbers used"): [effect_formula(r) for r in records],
                    t("Why"): [effect_reason(r) for r in records],
                }
            ),
            hide_index=True,
            column_config={
                t("Formula with the numbers used"): st.column_config.TextColumn(width="large"),
            },
            key="scenario_effects_table",
        )
        st.markdown("**" + escape_markdown(t("Every assumption used by default")) + "**")
        small_note(
            escape_markdown(
                t(
                    "These are model assumptions, not data. A sourced value is printed in the "
                    "publication linked; an illustrative value has no source and is shown with the "
                    "range the band uses."
                )
            )
        )
        source_urls = data.sources.set_index("source_id")["url"].astype(str)
        st.dataframe(
            pd.DataFrame(
                {
                    t("Parameter"): [
                        parameter_label(p, labels, country_names)
                        for p in default_assumptions["parameter"].astype(str)
                    ],
                    t("Applies to"): [
                        applies_to_label(a, names)
                        for a in default_assumptions["applies_to"].astype(str)
                    ],
                    t("Value used"): [
                        overrides.get(a, v)
                        for a, v in zip(
                            default_assumptions["assumption_id"].astype(str),
                            default_assumptions["value"].astype(float),
                            strict=True,
                        )
                    ],
                    t("Default"): default_assumptions["value"].tolist(),
                    t("Low"): default_assumptions["low"].tolist(),
                    t("High"): default_assumptions["high"].tolist(),
                    t("Unit"): localized(default_assumptions, "unit").tolist(),
                    t("Basis"): [
                        t("sourced") if b == "sourced" else t("illustrative")
                        for b in default_assumptions["basis"].astype(str)
                    ],
                    t("Source"): [
                        source_urls.get(s, None) if isinstance(s, str) else None
                        for s in default_assumptions["source_id"]
                    ],
                    t("Note"): localized(default_assumptions, "note").tolist(),
                    t("Identifier"): default_assumptions["assumption_id"].astype(str).tolist(),
                }
            ),
            hide_index=True,
            column_config={
                t("Source"): st.column_config.LinkColumn(t("Source"), display_text=t("open")),
                t("Note"): st.column_config.TextColumn(width="large"),
            },
            key="scenario_assumptions_table",
        )

"""The Scenario page's main view: preset, settings, what the projection says, its chart, sharing.

It is a fragment: moving the growth slider re-runs this view only, not the 90 assumption inputs,
the project switches and the two project charts, which do not depend on growth. A change to any
other setting here re-runs the whole page (see `scenario_state.needs_page_run`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ca_trade.charts.scenario import projection_figure, projection_table
from ca_trade.data import TradeData
from ca_trade.estimate import ChainEstimate
from ca_trade.format import format_growth, format_month_year, format_number, format_usd_bn
from ca_trade.i18n import t
from ca_trade.present.estimate import base_name
from ca_trade.present.scenario_method import band_help
from ca_trade.progress import Goal, SourcedValue
from ca_trade.report_content import ReportScenario
from ca_trade.scenario import (
    DEFAULT_HORIZON_YEAR,
    GROWTH_STEP_PERCENT,
    PRESET_IDS,
    ObservedTrend,
    Preset,
    PresetId,
    ScenarioParams,
    ScenarioSettings,
    contribution_by_group,
    gap_at_year,
    goal_reached_year,
    matching_preset,
    required_growth,
)
from ca_trade.ui.cache import scenario_path
from ca_trade.ui.charts import show_chart
from ca_trade.ui.common import escape_markdown, small_markdown
from ca_trade.ui.scenario_share import share_scenario
from ca_trade.ui.scenario_state import (
    FULL_RUN,
    GROWTH_RANGE_PERCENT,
    HOW,
    MAX_DELAY_YEARS,
    PAGE_KEYS,
    SEEN,
    PresetState,
    needs_page_run,
    watched,
)

HORIZON_YEAR = DEFAULT_HORIZON_YEAR
SOURCE_LINE = t("Scenario model of the Central Asia Trade Target data package: assumptions.csv")


@dataclass(frozen=True)
class ScenarioPage:
    """What the main view needs from the page's run: data, goals, base, trend and the switches.

    Attributes:
        data: the data package.
        goals: the goals a scenario can aim at; multiples: those stated as a multiple.
        settings: the policy numbers of scenario_settings.csv.
        history: the official headline figures (year, value_usd_bn).
        default_growth: growth the page opens with, percent a year.
        default_goal: goal the page opens with, USD billion.
        base_year: base year chosen; base: its official total (or the estimate), USD billion.
        base_source: where that total comes from, if known.
        base_estimate: the estimate, when it is the base.
        trend: the observed trend chosen.
        presets: every preset's settings for this base year and trend.
        state: the callbacks of the presets.
        overrides: assumption values changed by the user.
        disabled_types: project types switched off; disabled_projects: projects switched off.
    """

    data: TradeData
    goals: Sequence[Goal]
    multiples: Sequence[Goal]
    settings: ScenarioSettings
    history: pd.DataFrame
    default_growth: float
    default_goal: float
    base_year: int
    base: float
    base_source: SourcedValue | None
    trend: ObservedTrend
    presets: Mapping[PresetId, Preset]
    state: PresetState
    overrides: Mapping[str, float]
    disabled_types: frozenset[str]
    disabled_projects: frozenset[str]
    base_estimate: ChainEstimate | None = None

    @property
    def firm_years(self) -> list[int]:
        """The years with a firm official total."""
        return [int(year) for year in self.history["year"]]


def preset_label(preset_id: str, settings: ScenarioSettings, multiples: Sequence[Goal]) -> str:
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


def safe_url(url: str) -> str:
    """Return a URL that cannot end a Markdown link early (brackets and spaces encoded)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def source_link(data: TradeData, source_id: str) -> str:
    """Return a Markdown link to a source, titled as written."""
    row = data.sources.set_index("source_id").loc[source_id]
    return f"[{escape_markdown(str(row['title']))}]({safe_url(str(row['url']))})"


def goal_caption(goal: Goal, multiples: Sequence[Goal]) -> str:
    """Return the caption under a goal's option: when it was announced, or what it doubles."""
    when = format_month_year(goal.announced) if goal.announced else str(goal.announced_year)
    if goal in multiples and goal.base_year is not None:
        return t(
            "×2 the {year} total, by {deadline}",
            year=goal.base_year,
            deadline=goal.deadline_year or "–",
        )
    return t("announced {when}", when=when)


@st.fragment
def main_view(page: ScenarioPage) -> None:
    """Draw the preset, the settings, the summary, the projection chart and the share row."""
    data, goals, multiples, settings, history = (
        page.data,
        page.goals,
        page.multiples,
        page.settings,
        page.history,
    )
    base_year, base, trend, presets = page.base_year, page.base, page.trend, page.presets
    firm_years = page.firm_years
    goal_values = [goal.value_usd_bn for goal in goals]
    DEFAULT_GROWTH, DEFAULT_GOAL = page.default_growth, page.default_goal

    def label_of(preset_id: str) -> str:
        return preset_label(preset_id, settings, multiples)

    preset_slot, preset_note = st.columns([2, 3], vertical_alignment="bottom")
    controls = st.container(border=True)
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
        small_markdown(
            escape_markdown(
                " · ".join(
                    t(
                        "{value}: {caption}",
                        value=f"{goal.value_usd_bn:g}",
                        caption=goal_caption(goal, multiples),
                    )
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

    # Only this view re-ran, and a setting the rest of the page shows has changed: run the page.
    now = dict(
        zip(
            PAGE_KEYS,
            (growth_percent, goal_usd_bn, target_year, delay_years, effects_on),
            strict=True,
        )
    )
    seen = watched(now, bool(st.session_state.get(HOW)))
    if needs_page_run(bool(st.session_state.get(FULL_RUN)), st.session_state.get(SEEN), seen):
        st.rerun(scope="app")
    st.session_state[SEEN] = seen
    params = ScenarioParams(
        base_year=base_year,
        base_value_usd_bn=base,
        growth=growth_percent / 100,
        effects_enabled=effects_on,
        delay_years=delay_years,
        disabled_types=page.disabled_types,
        disabled_projects=page.disabled_projects,
        assumption_overrides=page.overrides,
    )
    path = scenario_path(params)

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
            format_func=label_of,
            key="preset",
            on_change=page.state.apply_preset,
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
                source=source_link(data, goal.source_id),
                year=goal.base_year,
                goal=escape_markdown(format_usd_bn(goal.value_usd_bn, 0)),
                deadline=goal.deadline_year,
                base=escape_markdown(format_usd_bn(base)),
                base_year=base_year,
                rate=format_growth((preset.growth_percent or 0.0) / 100),
            )
        return t("Your own settings: no preset matches them.")

    small_markdown(
        escape_markdown(
            t(
                "Your own settings: you changed those of the preset '{preset}'.",
                preset=label_of(changed_from),
            )
        )
        if changed_from is not None
        else preset_explanation(chosen_id),
        preset_note,
    )

    reached = goal_reached_year(path, goal_usd_bn)
    reached_low = goal_reached_year(path, goal_usd_bn, column="low")
    reached_high = goal_reached_year(path, goal_usd_bn, column="high")
    # The estimate's year can be the first target year: nothing left to grow then.
    needed = (
        required_growth(base, goal_usd_bn, base_year, target_year)
        if target_year > base_year
        else None
    )
    at_target = path[path["year"] == target_year].iloc[0]
    projected = float(at_target["total"])
    gap = gap_at_year(path, goal_usd_bn, target_year)
    added = float(contribution_by_group(path, target_year).sum())
    not_by = t("Not by {year}", year=HORIZON_YEAR)

    def year_or_not(year: int | None) -> str:
        """Return a year, or 'not by the horizon'."""
        return str(year) if year is not None else not_by

    # Two rows of three metrics in one set of columns (a column holds a metric of each row): four
    # elements fewer than two sets of columns, to re-send and redraw on every growth step.
    metric_columns = st.columns(3)
    metric_columns[0].metric(
        t("Goal reached"),
        year_or_not(reached),
        help=t("First year the central projection reaches the goal."),
        border=True,
    )
    metric_columns[1].metric(
        t("Growth needed, {start}–{end}", start=base_year, end=target_year),
        "–"
        if needed is None
        else format_growth(needed)
        if needed > 0
        else t("None: goal already met"),
        help=t(
            "Compound growth a year that takes the {year} total to the goal by the target year.",
            year=base_year,
        ),
        border=True,
    )
    metric_columns[2].metric(
        t("Projected trade in {year}", year=target_year),
        format_usd_bn(projected),
        help=t(
            "USD billion a year, central projection. Band: {low} to {high}.",
            low=format_usd_bn(float(at_target["low"])),
            high=format_usd_bn(float(at_target["high"])),
        ),
        border=True,
    )
    metric_columns[0].metric(
        t("Gap to the goal in {year}", year=target_year)
        if gap > 0
        else t("Above the goal in {year}", year=target_year),
        format_usd_bn(abs(gap)),
        help=t("Goal minus the central projection, USD billion a year.")
        if gap > 0
        else t("Central projection minus the goal, USD billion a year: the goal is exceeded."),
        border=True,
    )
    metric_columns[1].metric(
        t("Projects' contribution in {year}", year=target_year),
        format_usd_bn(added, 2, signed=True) if effects_on else t("Switched off"),
        help=t(
            "Trade the counted projects add in that year, USD billion a year, on top of organic "
            "growth."
        ),
        border=True,
    )
    metric_columns[2].metric(
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

    # The base is named on the chart's exports and under it: an estimate is never official.
    named_base = t("Base: {name}.", name=base_name(base_year, page.base_estimate))
    show_chart(
        projection_figure(path, history, goals, goal_usd_bn, target_year, reached),
        key="scenario_projection",
        filename="scenario-projection",
        data=lambda: projection_table(path, history),
        sources=f"{SOURCE_LINE} · {named_base}",
    )
    small_markdown(
        escape_markdown(
            t(
                "The line after {year} is a projection, not data. The band spans growth ±{width} "
                "point and, for every project parameter, the ends of its range.",
                year=base_year,
                width=format_number(params.band_width * 100, 0),
            )
            + " "
            + named_base
        )
    )

    chosen_goal = next(goal for goal in [*goals, *multiples] if goal.value_usd_bn == goal_usd_bn)
    st.subheader(t("Share and download"))
    share_scenario(
        data,
        goals,
        ReportScenario(
            params=params,
            path=path,
            goal=chosen_goal,
            target_year=target_year,
            base_estimate=page.base_estimate,
        ),
    )

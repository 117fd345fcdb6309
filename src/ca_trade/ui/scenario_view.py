"""The Scenario page's main view: preset, settings, what the projection says, its chart, sharing.

A growth step re-runs only the fragment `growth_view`: the growth slider, the note on the preset,
the four metrics growth changes, the sentence, the projection chart and the share link. The
slider, the note, those metrics and the link sit in places the page's run drew (beside the other
settings, the preset, the two metrics growth does not change and the share text); the other
settings, the chart's downloads and the share files are drawn by the page's run only, and the
files are made on click from the latest view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ca_trade.charts.scenario import projection_figure, projection_table
from ca_trade.data import TradeData
from ca_trade.estimate import ChainEstimate
from ca_trade.export import parameters_json
from ca_trade.format import format_growth, format_month_year, format_number, format_usd_bn
from ca_trade.i18n import t
from ca_trade.present.estimate import base_name
from ca_trade.present.scenario_method import band_help
from ca_trade.progress import Goal
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
from ca_trade.ui.charts import chart_config
from ca_trade.ui.common import escape_markdown, link_target, small_markdown, source_link
from ca_trade.ui.downloads import chart_downloads
from ca_trade.ui.plot_in_place import plot_in_place
from ca_trade.ui.report_download import report_download
from ca_trade.ui.scenario_state import (
    FULL_RUN,
    GROWTH,
    GROWTH_RANGE_PERCENT,
    HOW,
    MAX_DELAY_YEARS,
    PresetState,
    pending_number,
)

# The latest view (figure, scenario, link), read when a download is clicked: one per session.
LATEST = "_scenario_latest"


def source_line() -> str:
    """Return the source line printed on the scenario's exported charts."""
    return t("Scenario model of the Central Asia Trade Target data package: assumptions.csv")


def named_base(page: ScenarioPage) -> str:
    """Return the sentence naming the base: an estimate is never shown as official."""
    # A name may end with an abbreviation's full stop (Russian 'г.'): one full stop only.
    name = base_name(page.base_year, page.base_estimate).removesuffix(".")
    return t("Base: {name}.", name=name)


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
    trend: ObservedTrend
    presets: Mapping[PresetId, Preset]
    state: PresetState
    overrides: Mapping[str, float]
    disabled_types: frozenset[str]
    disabled_projects: frozenset[str]
    base_estimate: ChainEstimate | None = None


@dataclass(frozen=True)
class Choice:
    """The settings drawn by the page's run, and the places the growth view fills.

    Attributes:
        params: the scenario with these settings (its growth is replaced by the slider's).
        goal_usd_bn: the goal chosen; target_year: the year it is to be reached by.
        preset: the preset chosen.
        growth_slot, note_slot: where the slider and the preset's note go.
    """

    params: ScenarioParams
    goal_usd_bn: float
    target_year: int
    preset: PresetId
    growth_slot: DeltaGenerator
    note_slot: DeltaGenerator


def current_link() -> str:
    """Return the address of this view, with every setting in its URL parameters."""
    base = (st.context.url or "").split("?", 1)[0]
    query = urlencode(
        [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    )
    return f"{base}?{query}" if query else base


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


def preset_explanation(page: ScenarioPage, preset_id: str) -> str:
    """Return what the chosen preset means, in one or two sentences (Markdown)."""
    trend, settings, base = page.trend, page.settings, page.base
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
                year=page.base_year,
                delay=settings.delayed_preset_years,
            )
        return escape_markdown(text)
    if preset_id == "roadmap":
        preset = page.presets["roadmap"]
        return t(
            "Our reading, an assumption: the Roadmap for regional cooperation to {year}, approved "
            "at the 6th Consultative Meeting (Astana, 9 August 2024), states no trade figure "
            "([report]({url})). The preset asks for the nearest goal, {goal}, by {year}, and sets "
            "growth to what that needs from {base} in {base_year}: {rate}.",
            year=settings.roadmap_end_year,
            url=settings.roadmap_source_url,
            goal=escape_markdown(format_usd_bn(preset.goal_usd_bn or 0.0, 0)),
            base=escape_markdown(format_usd_bn(base)),
            base_year=page.base_year,
            rate=format_growth((preset.growth_percent or 0.0) / 100),
        )
    if preset_id == "doubling":
        preset = page.presets["doubling"]
        goal = preset.goal
        if goal is None:
            return escape_markdown(t("No doubling goal with a deadline is in the data."))
        return t(
            "{speaker} proposed doubling mutual trade in five years ({source}). Read as twice the "
            "{year} total, {goal} by {deadline}; growth is set to what that needs from {base} in "
            "{base_year}: {rate}.",
            speaker=escape_markdown(goal.speaker),
            source=source_link(page.data, goal.source_id),
            year=goal.base_year,
            goal=escape_markdown(format_usd_bn(goal.value_usd_bn, 0)),
            deadline=goal.deadline_year,
            base=escape_markdown(format_usd_bn(base)),
            base_year=page.base_year,
            rate=format_growth((preset.growth_percent or 0.0) / 100),
        )
    return escape_markdown(t("Your own settings: no preset matches them."))


def settings_view(page: ScenarioPage) -> Choice:
    """Draw the preset and every main setting but growth, with places for the growth view."""
    goal_values = [goal.value_usd_bn for goal in page.goals]
    first_target_year = int(page.history["year"].max()) + 1  # after the latest firm total
    preset_slot, note_slot = st.columns([2, 3], vertical_alignment="bottom")
    with st.container(border=True):
        growth_slot, target_slot = st.columns(2, gap="medium")
        goal_value = st.radio(
            t("Goal, USD billion of trade a year"),
            goal_values,
            index=goal_values.index(page.default_goal),
            format_func=lambda value: f"{value:g}",
            horizontal=True,
            key="goal",
            bind="query-params",
        )
        goal_usd_bn = float(goal_value if goal_value is not None else page.default_goal)
        captions = (
            t(
                "{value}: {caption}",
                value=f"{g.value_usd_bn:g}",
                caption=goal_caption(g, page.multiples),
            )
            for g in page.goals
        )
        small_markdown(escape_markdown(" · ".join(captions)))
        target_year = int(
            target_slot.slider(
                t("Target year"),
                min_value=first_target_year,
                max_value=DEFAULT_HORIZON_YEAR,
                value=max(page.settings.default_target_year, first_target_year),
                step=1,
                key="target_year",
                bind="query-params",
                help=t(
                    "No deadline was stated for the USD goals; the doubling was to take five years. "
                    "The year is your choice."
                ),
            )
        )
        delay_slot, effects_slot = st.columns(2, gap="medium")
        delay_years = int(
            delay_slot.slider(
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
            effects_slot.toggle(
                t("Count the projects' effects"),
                value=True,
                key="effects",
                bind="query-params",
                help=t(
                    "Off: organic growth only. Groups and single projects can be switched off "
                    "under 'Base year, observed trend, and which projects count'."
                ),
            )
        )
    if "preset" not in st.session_state:
        # First run: the link's preset code, else the preset the settings match.
        linked = st.query_params.get("preset")
        st.session_state["preset"] = (
            linked
            if linked in PRESET_IDS
            else matching_preset(
                page.presets,
                growth_percent=pending_number(GROWTH, page.default_growth, GROWTH_RANGE_PERCENT),
                goal_usd_bn=goal_usd_bn,
                target_year=target_year,
                delay_years=delay_years,
                effects_enabled=effects_on,
            )
        )
    chosen = preset_slot.selectbox(
        t("Preset"),
        PRESET_IDS,
        format_func=lambda preset_id: preset_label(preset_id, page.settings, page.multiples),
        key="preset",
        on_change=page.state.apply_preset,
        help=t(
            "A preset sets growth, goal, target year, delay and effects; project switches "
            "and assumptions are kept."
        ),
    )
    params = ScenarioParams(
        base_year=page.base_year,
        base_value_usd_bn=page.base,
        growth=page.default_growth / 100,  # replaced by the slider's in the growth view
        effects_enabled=effects_on,
        delay_years=delay_years,
        disabled_types=page.disabled_types,
        disabled_projects=page.disabled_projects,
        assumption_overrides=page.overrides,
    )
    return Choice(
        params=params,
        goal_usd_bn=goal_usd_bn,
        target_year=target_year,
        preset=chosen if chosen in PRESET_IDS else "own",
        growth_slot=growth_slot,
        note_slot=note_slot,
    )


def share_view(page: ScenarioPage, choice: Choice, latest: dict[str, Any]) -> DeltaGenerator:
    """Draw the chart's downloads, its note and the share section; return the link's place.

    The files are made on click from `latest`, which the growth view keeps up to date.
    """
    chart_downloads(
        lambda: latest["figure"],
        title="scenario-projection",
        data=lambda: projection_table(latest["path"], page.history),
        # The base is named on the chart's exports and under it.
        sources=f"{source_line()} · {named_base(page)}",
        key="scenario_projection_download",
    )
    small_markdown(
        escape_markdown(
            t(
                "The line after {year} is a projection, not data. The band spans growth ±{width} "
                "point and, for every project parameter, the ends of its range.",
                year=page.base_year,
                width=format_number(choice.params.band_width * 100, 0),
            )
            + " "
            + named_base(page)
        )
    )
    st.subheader(t("Share and download"))
    st.markdown(t("**Share this scenario.** The link reproduces every setting on this page:"))
    link_slot = st.container(key="scenario_share_link")
    with st.container(horizontal=True, key="scenario_share_downloads"):
        st.download_button(
            t("Parameters (JSON)"),
            data=lambda: parameters_json(latest["scenario"].params),
            file_name="central-asia-trade-scenario.json",
            mime="application/json",
            key="scenario_json",
            on_click="ignore",
            icon=":material/data_object:",
        )
        report_download(page.data, page.goals, lambda: (latest["scenario"], latest["link"]))
    return link_slot


def main_view(page: ScenarioPage) -> Choice:
    """Draw the settings, the growth view and the share section; return the settings shown."""
    choice = settings_view(page)
    view_slot = st.container()
    latest: dict[str, Any] = st.session_state.setdefault(LATEST, {})
    link_slot = share_view(page, choice, latest)
    with view_slot:
        # Two rows of three metrics in one set of columns (a column holds a metric of each row).
        # The middle column's two do not depend on growth: the page's run draws them, and a
        # growth step re-sends only the other four, not the columns.
        metric_columns = st.columns(3)
        fixed_metrics(page, choice, metric_columns[1])
        growth_view(page, choice, (metric_columns[0], metric_columns[2]), link_slot, latest)
    growth = float(st.session_state.get(GROWTH, page.default_growth))
    return replace(choice, params=replace(choice.params, growth=growth / 100))


def fixed_metrics(page: ScenarioPage, choice: Choice, column: DeltaGenerator) -> None:
    """Draw the metrics growth does not change: the growth needed and the projects' contribution."""
    target_year, goal_usd_bn = choice.target_year, choice.goal_usd_bn
    # The estimate's year can be the first target year: nothing left to grow then.
    needed = (
        required_growth(page.base, goal_usd_bn, page.base_year, target_year)
        if target_year > page.base_year
        else None
    )
    column.metric(
        t("Growth needed, {start}–{end}", start=page.base_year, end=target_year),
        "–"
        if needed is None
        else format_growth(needed)
        if needed > 0
        else t("None: goal already met"),
        help=t(
            "Compound growth a year that takes the {year} total to the goal by the target year.",
            year=page.base_year,
        ),
        border=True,
    )
    # The projects' contributions do not depend on growth: any growth gives the same.
    added = float(contribution_by_group(scenario_path(choice.params), target_year).sum())
    column.metric(
        t("Projects' contribution in {year}", year=target_year),
        format_usd_bn(added, 2, signed=True)
        if choice.params.effects_enabled
        else t("Switched off"),
        help=t(
            "Trade the counted projects add in that year, USD billion a year, on top of organic "
            "growth."
        ),
        border=True,
    )


@st.fragment
def growth_view(
    page: ScenarioPage,
    choice: Choice,
    metric_columns: tuple[DeltaGenerator, DeltaGenerator],
    link_slot: DeltaGenerator,
    latest: dict[str, Any],
) -> None:
    """Draw the growth slider, the preset's note, four metrics, the chart and the share link."""
    trend, goal_usd_bn, target_year = page.trend, choice.goal_usd_bn, choice.target_year
    growth_percent = float(
        choice.growth_slot.slider(
            t("Organic growth, % a year"),
            min_value=GROWTH_RANGE_PERCENT[0],
            max_value=GROWTH_RANGE_PERCENT[1],
            value=page.default_growth,
            step=GROWTH_STEP_PERCENT,
            format="%.1f%%",
            key=GROWTH,
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
    if not st.session_state.get(FULL_RUN) and st.session_state.get(HOW):
        st.rerun(scope="app")  # 'How this is computed' is open and names the growth rate
    params = replace(choice.params, growth=growth_percent / 100)
    effects_on = params.effects_enabled
    path = scenario_path(params)

    chosen = choice.preset
    current = {
        "growth_percent": growth_percent,
        "goal_usd_bn": goal_usd_bn,
        "target_year": target_year,
        "delay_years": params.delay_years,
        "effects_enabled": effects_on,
    }
    if chosen != "own" and not page.presets[chosen].matches(**current):
        note = escape_markdown(
            t(
                "Your own settings: you changed those of the preset '{preset}'.",
                preset=preset_label(chosen, page.settings, page.multiples),
            )
        )
    else:
        note = preset_explanation(page, chosen)
    reached = goal_reached_year(path, goal_usd_bn)
    # The chart is sent first, so the browser can draw it before the texts (which sit above it).
    sentence_slot = st.empty()
    figure = projection_figure(path, page.history, page.goals, goal_usd_bn, target_year, reached)
    plot_in_place(figure, key="scenario_projection", config=chart_config("scenario-projection"))
    small_markdown(note, choice.note_slot)

    reached_low = goal_reached_year(path, goal_usd_bn, column="low")
    reached_high = goal_reached_year(path, goal_usd_bn, column="high")
    at_target = path[path["year"] == target_year].iloc[0]
    gap = gap_at_year(path, goal_usd_bn, target_year)

    def year_or_not(year: int | None) -> str:
        """Return a year, or 'not by the horizon'."""
        return str(year) if year is not None else t("Not by {year}", year=DEFAULT_HORIZON_YEAR)

    left, right = metric_columns
    left.metric(
        t("Goal reached"),
        year_or_not(reached),
        help=t("First year the central projection reaches the goal."),
        border=True,
    )
    right.metric(
        t("Projected trade in {year}", year=target_year),
        format_usd_bn(float(at_target["total"])),
        help=t(
            "USD billion a year, central projection. Band: {low} to {high}.",
            low=format_usd_bn(float(at_target["low"])),
            high=format_usd_bn(float(at_target["high"])),
        ),
        border=True,
    )
    left.metric(
        t("Gap to the goal in {year}", year=target_year)
        if gap > 0
        else t("Above the goal in {year}", year=target_year),
        format_usd_bn(abs(gap)),
        help=t("Goal minus the central projection, USD billion a year.")
        if gap > 0
        else t("Central projection minus the goal, USD billion a year: the goal is exceeded."),
        border=True,
    )
    right.metric(
        t("Goal reached, low–high band"),
        t("{early} to {late}", early=year_or_not(reached_high), late=year_or_not(reached_low))
        if reached_high != reached_low
        else year_or_not(reached_high),
        help=band_help(params),
        border=True,
    )
    rate = format_growth(growth_percent / 100)
    with_effects = t("with the projects' effects") if effects_on else t("without project effects")
    goal_text = format_usd_bn(goal_usd_bn, 0)
    sentence = (
        t(
            "At {rate} and {effects}, trade reaches the {goal} goal in {year}.",
            rate=rate,
            effects=with_effects,
            goal=goal_text,
            year=reached,
        )
        if reached is not None
        else t(
            "At {rate} and {effects}, trade does not reach the {goal} goal by {horizon}.",
            rate=rate,
            effects=with_effects,
            goal=goal_text,
            horizon=DEFAULT_HORIZON_YEAR,
        )
    )
    sentence_slot.markdown(f"**{escape_markdown(sentence)}**")
    link = current_link()
    # A link, not a code block: st.code's highlighter is 1.5 MB more for a new visitor to load.
    link_slot.markdown(f"[{escape_markdown(link)}]({link_target(link)})")
    goal = next(g for g in [*page.goals, *page.multiples] if g.value_usd_bn == goal_usd_bn)
    latest.update(
        figure=figure,
        path=path,
        link=link,
        scenario=ReportScenario(
            params=params,
            path=path,
            goal=goal,
            target_year=target_year,
            base_estimate=page.base_estimate,
        ),
    )

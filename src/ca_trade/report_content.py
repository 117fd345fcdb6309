"""What the PDF report says: where trade stands, the current scenario, and the projects map.

Pure: it takes the data, the scenario and a function that renders a figure to PNG bytes, and
returns the report's sections. The same chart functions as the pages draw the charts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ca_trade.charts.overview import cited_figures, progress_figure
from ca_trade.charts.projects_map import projects_map_figure
from ca_trade.charts.scenario import projection_figure
from ca_trade.data import TradeData
from ca_trade.estimate import ChainEstimate, chain_estimates
from ca_trade.flows import turnover_candidates
from ca_trade.format import format_number, format_percent, format_usd_bn
from ca_trade.i18n import t
from ca_trade.present.common import country_names
from ca_trade.present.cutoff import cutoff_note
from ca_trade.present.estimate import estimate_label, estimate_range, estimate_text
from ca_trade.present.progress import goal_announcement, localized_goals, standing_metrics
from ca_trade.progress import Goal, assess_goal, headline_line
from ca_trade.projects import filter_projects, map_trade, status_counts
from ca_trade.release import data_cutoff
from ca_trade.report import ReportSection, SourceRef
from ca_trade.scenario import ScenarioParams, goal_reached_year

RenderPng = Callable[[go.Figure], bytes]


@dataclass(frozen=True)
class ReportScenario:
    """The scenario the report describes: its parameters, its projected path, and the estimate
    when the base is the estimate rather than an official total."""

    params: ScenarioParams
    path: pd.DataFrame
    goal: Goal
    target_year: int
    base_estimate: ChainEstimate | None = None


def _source(data: TradeData, source_id: str) -> SourceRef:
    """Return the title and URL of one source."""
    row = data.sources.set_index("source_id").loc[source_id]
    return SourceRef(title=str(row["title"]), url=str(row["url"]))


def standing_section(
    data: TradeData, goals: Sequence[Goal], scenario: ReportScenario, render: RenderPng
) -> ReportSection:
    """Where trade stands against the goal: the Overview page's figures and chart."""
    goal = localized_goals([scenario.goal], data.targets)[0]
    target_year = scenario.target_year
    assessment = assess_goal(data.trade_totals, data.sources, goal, target_year)
    estimates = chain_estimates(
        turnover_candidates(data.trade_flows, data.countries),
        data.countries,
        data.trade_totals,
        data.sources,
    )
    cutoff = data_cutoff(data.sources, data.trade_totals)
    figure = progress_figure(
        cited_figures(data.trade_totals, data.sources),
        headline_line(data.trade_totals),
        localized_goals(goals, data.targets),
        assessment,
        data.events,
        estimates,
        cutoff,
    )
    # The report lists the first four figures; the growth needed only while it is defined.
    metrics = standing_metrics(assessment)[: 3 if assessment.required_growth is None else 4]
    figures = [(metric.label, metric.value) for metric in metrics]
    return ReportSection(
        heading=t("Where trade stands"),
        figures=figures,
        paragraphs=[
            goal_announcement(goal, target_year),
            *(estimate_text(estimate, country_names(data.countries)) for estimate in estimates),
        ],
        chart_png=render(figure),
        sources=[_source(data, assessment.latest.source_id), _source(data, goal.source_id)],
    )


def scenario_section(
    data: TradeData, goals: Sequence[Goal], scenario: ReportScenario, render: RenderPng
) -> ReportSection:
    """The scenario: its settings, the year the goal is reached, and the projection chart."""
    params, path = scenario.params, scenario.path
    reached = goal_reached_year(path, scenario.goal.value_usd_bn)
    figure = projection_figure(
        path,
        headline_line(data.trade_totals),
        goals,
        scenario.goal.value_usd_bn,
        scenario.target_year,
        reached,
    )
    at_target = path.loc[path["year"] == scenario.target_year, "total"]
    figures = [
        (
            t("Base: official total in {year}", year=params.base_year)
            if scenario.base_estimate is None
            else t("Base: {name}", name=estimate_label(params.base_year)),
            format_usd_bn(params.base_value_usd_bn)
            if scenario.base_estimate is None
            else t(
                "≈ {amount}, {range}",
                amount=format_usd_bn(params.base_value_usd_bn),
                range=estimate_range(scenario.base_estimate) or "",
            ),
        ),
        (t("Growth assumed"), t("{value} a year", value=format_percent(params.growth))),
        (t("Project effects"), t("on") if params.effects_enabled else t("off")),
        (t("Projects delayed by"), t("{years} years", years=format_number(params.delay_years, 0))),
        (
            t(
                "Year the {amount} goal is reached",
                amount=format_usd_bn(scenario.goal.value_usd_bn, 0),
            ),
            str(reached) if reached is not None else t("Not by {year}", year=params.horizon_year),
        ),
    ]
    if not at_target.empty:
        figures.append(
            (
                t("Projected total in {year}", year=scenario.target_year),
                format_usd_bn(float(at_target.iloc[0])),
            )
        )
        if params.effects_enabled:
            row = path.loc[path["year"] == scenario.target_year].iloc[0]
            # Signed: projects that displace trade among the five make it negative.
            figures.append(
                (
                    t("Projects' contribution in {year}", year=scenario.target_year),
                    format_usd_bn(float(row["total"] - row["organic"]), 2, signed=True),
                )
            )
    return ReportSection(
        heading=t("Scenario"),
        figures=figures,
        paragraphs=[
            t(
                "A projection, not data: the official total grows at the rate assumed, and each "
                "project adds the trade its assumptions imply from its completion year. The "
                "dashboard's Scenario page shows every formula and assumption."
            )
        ],
        chart_png=render(figure),
    )


def projects_section(data: TradeData, year: int, render: RenderPng) -> ReportSection:
    """The projects as they stand in `year`, on the map."""
    shown = filter_projects(data.projects, year=year)
    trade_year, country_trade = map_trade(data.trade_flows, data.countries, year)
    figure = projects_map_figure(
        shown,
        data.project_routes,
        data.countries,
        country_trade,
        trade_year=trade_year,
        title=t("Projects as they stand in {year}", year=year),
    )
    counts = status_counts(shown)
    return ReportSection(
        heading=t("Joint infrastructure projects"),
        figures=[
            (
                t("Operational in {year}", year=year),
                format_number(counts["operational"] + counts["partially_operational"], 0),
            ),
            (
                t("Under construction in {year}", year=year),
                format_number(counts["under_construction"], 0),
            ),
            (
                t("Planned or suspended in {year}", year=year),
                format_number(counts["planned"] + counts["suspended"], 0),
            ),
        ],
        paragraphs=[
            t(
                "Borders are shown for orientation only and imply no view on the legal status of "
                "any territory. Some markers stand at a nearby town; the data say which."
            )
        ],
        chart_png=render(figure),
    )


def report_sections(
    data: TradeData, goals: Sequence[Goal], scenario: ReportScenario, year: int, render: RenderPng
) -> list[ReportSection]:
    """Return the report's sections: standing, scenario, projects, and where the data come from."""
    return [
        standing_section(data, goals, scenario, render),
        scenario_section(data, goals, scenario, render),
        projects_section(data, year, render),
        ReportSection(
            heading=t("About the data"),
            paragraphs=[
                t(
                    "Every figure comes from the dashboard's data package; each row names its "
                    "source with a link ({count} sources in all). Regional totals are the figures "
                    "officials cite; the two sides of a country pair often report different values.",
                    count=format_number(len(data.sources), 0),
                ),
                cutoff_note(data_cutoff(data.sources, data.trade_totals)),
            ],
        ),
    ]

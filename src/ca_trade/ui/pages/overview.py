"""Overview page: where intraregional trade stands against the goals."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ca_trade.charts.overview import cited_figures, progress_figure
from ca_trade.format import format_full_date, format_number
from ca_trade.i18n import localized, t
from ca_trade.present.common import country_names
from ca_trade.present.estimate import estimate_metric, estimate_text, estimates_table
from ca_trade.present.estimate import method_note as estimate_method_note
from ca_trade.present.progress import (
    baseline_note,
    baseline_text,
    cited_figures_table,
    goal_announcement,
    goal_source_note,
    latest_total_note,
    localized_goals,
    method_notes,
    observed_growth_text,
    overview_intro,
    standing_metrics,
)
from ca_trade.progress import (
    assess_goal,
    goal_with_value,
    headline_goals,
    headline_line,
    latest_headline_total,
)
from ca_trade.scenario import scenario_settings
from ca_trade.ui.cache import estimates as cached_estimates
from ca_trade.ui.chart_table import TABLE, chosen_tab
from ca_trade.ui.charts import show_chart
from ca_trade.ui.common import (
    escape_markdown,
    link_target,
    small_note,
    source_column,
    source_link,
    trade_data_or_stop,
    with_number_marks,
)
from ca_trade.ui.data_status import current_cutoff
from ca_trade.ui.figure_cache import cached

TARGET_YEAR_SPAN = 16  # how far past the latest figure the slider reaches, years

data = trade_data_or_stop()
# No deadline was stated for the regional goals: the target year is the user's choice; the one
# the pages open with is in data/scenario_settings.csv (one place, with the reason).
DEFAULT_TARGET_YEAR = scenario_settings(data.scenario_settings).default_target_year
latest = cached("latest", (), lambda: latest_headline_total(data.trade_totals, data.sources))
goals = cached("goals", (), lambda: localized_goals(headline_goals(data.targets), data.targets))
sources = data.sources.set_index("source_id")
cutoff = current_cutoff()


st.title(t("Intraregional trade of Central Asia against its goals"), anchor=False)
st.markdown(escape_markdown(overview_intro(data.countries)))

# The nearest goal not yet reached is shown first; every goal stays one click away.
open_goals = [goal for goal in goals if goal.value_usd_bn > latest.value_usd_bn]
default_goal = open_goals[0] if open_goals else goals[-1]
controls = st.columns([3, 2], gap="medium")
with controls[0]:
    goal_value = st.radio(
        t("Goal, USD billion of trade a year"),
        [goal.value_usd_bn for goal in goals],
        index=goals.index(default_goal),
        format_func=lambda value: format_number(value, 0 if float(value).is_integer() else 1),
        help=t("Goals the presidents announced for trade among the five, in USD billion a year."),
        horizontal=True,
        key="goal",
        bind="query-params",
    )
goal = goal_with_value(goals, default_goal.value_usd_bn if goal_value is None else goal_value)
with controls[1]:
    target_year = st.slider(
        t("Target year"),
        min_value=latest.year + 1,
        max_value=latest.year + TARGET_YEAR_SPAN,
        value=max(DEFAULT_TARGET_YEAR, latest.year + 1),
        step=1,
        key="target_year",
        bind="query-params",
        help=t("No deadline was stated for this goal: the year is your choice."),
    )
small_note(goal_announcement(goal, int(target_year)))

# Pure results and the chart, built once per data version, language, goal and target year.
settings = (goal.value_usd_bn, int(target_year))
assessment = cached(
    "assessment",
    settings,
    lambda: assess_goal(data.trade_totals, data.sources, goal, int(target_year)),
)

metrics = standing_metrics(assessment)
for row in (metrics[:3], metrics[3:]):
    for column, metric in zip(st.columns(3), row, strict=True):
        column.metric(metric.label, metric.value, help=metric.help, border=True)
for text in (observed_growth_text(assessment), baseline_text(assessment)):
    if text is not None:
        st.markdown(escape_markdown(text))

# Years after the latest official total, estimated from partner data: shown apart, never official.
names = country_names(data.countries)
estimates = cached_estimates()
for estimate in estimates:
    with st.container(border=True):
        number, words = st.columns([1, 2], vertical_alignment="center")
        shown = estimate_metric(estimate)
        number.metric(shown.label, shown.value, help=shown.help)
        words.markdown(f":small[{escape_markdown(estimate_text(estimate, names))}]")

figures = cached("cited_figures", (), lambda: cited_figures(data.trade_totals, data.sources))
if chosen_tab("overview_tab") == TABLE:
    small_note(t("Every region-wide figure in the chart"))
    st.dataframe(
        with_number_marks(cited_figures_table(figures), {t("USD billion"): 1}),
        hide_index=True,
        column_config=source_column(),
        key="figures_table",
    )
else:
    chart = cached(
        "overview_chart",
        settings,
        lambda: progress_figure(
            figures,
            headline_line(data.trade_totals),
            goals,
            assessment,
            data.events,
            estimates,
            cutoff,
        ),
    )
    show_chart(
        chart,
        key="overview_chart",
        filename="central-asia-trade-goal",
        data=pd.concat([figures, estimates_table(estimates, names)], ignore_index=True),
        sources=t(
            "Official statements listed in sources.csv (Central Asia Trade Target data package)"
        ),
    )
    chart_note = t(
        "Each marker is a figure cited by an official or an institution; hover over it (or tap "
        "it) to see who said it. Triangles pointing up are 'more than' figures. Numbered stars "
        "mark the Consultative Meetings listed below. The shaded part is a projection, not data; "
        "the green diamond is an estimate from partner data, not an official figure."
    )
    small_note(chart_note)


# Stands for a source's link in a note, so the note can be escaped before the link goes in.
SOURCE_MARK = "\x00"


def with_source(note: str, source_id: str) -> str:
    """Return `note` escaped for Markdown, with the source's link where SOURCE_MARK stands."""
    return escape_markdown(note).replace(SOURCE_MARK, source_link(data, source_id))


st.header(t("Consultative Meetings of the heads of state"))
events = data.events.sort_values("date")
st.markdown(
    "\n".join(
        t(
            "{number}. **{name}**, {place}, {date}. {said} ([source]({url}))",
            number=number,
            name=escape_markdown(localized(event, "name")),
            place=escape_markdown(localized(event, "place")),
            date=format_full_date(pd.Timestamp(event["date"]).date()),
            said=escape_markdown(localized(event, "trade_announcement")),
            url=link_target(str(sources.loc[str(event["source_id"]), "url"])),
        )
        for number, event in enumerate(events.to_dict("records"), start=1)
    )
)

st.header(t("Sources and notes"))

notes = [with_source(latest_total_note(latest, SOURCE_MARK), latest.source_id)]
baseline = assessment.baseline
if baseline is not None:
    notes.append(with_source(baseline_note(goal, baseline, SOURCE_MARK), baseline.source_id))
notes += [with_source(goal_source_note(each, SOURCE_MARK), each.source_id) for each in goals]
notes += [escape_markdown(note) for note in [*method_notes(), estimate_method_note()]]
st.markdown("\n".join(f"- {note}" for note in notes))

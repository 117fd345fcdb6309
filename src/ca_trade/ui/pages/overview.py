"""Overview page: where intraregional trade stands against the goals."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ca_trade.charts.overview import cited_figures, progress_figure
from ca_trade.format import (
    format_full_date,
    format_growth,
    format_number,
    format_percent,
    format_usd_bn,
)
from ca_trade.i18n import localized, t
from ca_trade.progress import (
    LIMITED_PROGRESS_RATIO,
    ON_TRACK_RATIO,
    Status,
    assess_goal,
    goal_with_value,
    headline_goals,
    headline_line,
    latest_headline_total,
    required_path,
)
from ca_trade.ui.charts import show_chart
from ca_trade.ui.common import escape_markdown, trade_data_or_stop, with_number_marks

# No deadline was stated for the regional goals: the target year is the user's choice.
DEFAULT_TARGET_YEAR = 2030
TARGET_YEAR_SPAN = 16  # how far past the latest figure the slider reaches, years

data = trade_data_or_stop()
latest = latest_headline_total(data.trade_totals, data.sources)
goals = headline_goals(data.targets)
sources = data.sources.set_index("source_id")


def small_note(text: str) -> None:
    """Show a note in small type, in the body colour (captions are too faint to read well)."""
    st.markdown(f":small[{escape_markdown(text)}]")


STATUS_TEXT = {
    Status.MET: t("Goal met"),
    Status.ON_TRACK: t("On track"),
    Status.ACCELERATION_NEEDED: t("Acceleration needed"),
    Status.LIMITED_PROGRESS: t("Limited progress"),
    Status.DETERIORATION: t("Deterioration"),
}

QUALIFIER_TEXT = {"exact": t("exact"), "approximate": t("about"), "lower_bound": t("more than")}
SERIES_TEXT = {
    "headline": t("headline series"),
    "headline_soft": t("headline series, softer point"),
    "other": t("other figure, not in the series"),
}

st.title(t("Intraregional trade of Central Asia against its goals"))
st.markdown(
    escape_markdown(
        t(
            "Trade among {countries}, as cited by their officials, against the goals their "
            "presidents announced. Choose a goal and the year by which it should be reached.",
            countries=", ".join(localized(data.countries, "name")),
        )
    )
)

# The nearest goal not yet reached is shown first; every goal stays one click away.
open_goals = [goal for goal in goals if goal.value_usd_bn > latest.value_usd_bn]
default_goal = open_goals[0] if open_goals else goals[-1]
controls = st.columns([3, 2], gap="large")
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
goal = goal_with_value(
    goals, float(goal_value if goal_value is not None else default_goal.value_usd_bn)
)
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
announced = t(
    "The {amount} goal was announced on {date} by {speaker} ({event}).",
    amount=format_usd_bn(goal.value_usd_bn, 0),
    speaker=goal.speaker,
    date=format_full_date(goal.announced) if goal.announced else goal.announced_year,
    event=goal.event or "",
)
deadline = (
    t(
        "No deadline was stated, so the target year is your choice ({year} is shown).",
        year=target_year,
    )
    if goal.deadline_year is None
    else t("The deadline stated is {deadline}.", deadline=goal.deadline_year)
)
small_note(f"{announced} {deadline}")

assessment = assess_goal(data.trade_totals, data.sources, goal, int(target_year))

row_one = st.columns(3)
row_one[0].metric(
    t("Latest official total ({year})", year=latest.year),
    format_usd_bn(latest.value_usd_bn),
    help=t("Trade among the five countries, {year}, USD billion.", year=latest.year),
    border=True,
)
row_one[1].metric(
    t("Share of the {amount} goal reached", amount=format_usd_bn(goal.value_usd_bn, 0)),
    format_percent(assessment.share_reached),
    border=True,
)
row_one[2].metric(
    t("Gap to the goal"),
    format_usd_bn(assessment.gap_usd_bn),
    help=t("Goal minus the latest official total, USD billion."),
    border=True,
)
row_two = st.columns(3)
row_two[0].metric(
    t("Growth needed, {start}–{end}", start=latest.year, end=assessment.target_year),
    format_growth(assessment.required_growth)
    if assessment.required_growth is not None
    else t("None: goal met"),
    help=t("Compound growth a year that takes the latest total to the goal by the target year."),
    border=True,
)
row_two[1].metric(
    t("On-track status"),
    STATUS_TEXT[assessment.status] if assessment.status else t("Not enough data"),
    help=t(
        "Observed growth divided by the growth needed (CAGR ratio): on track from {on_track}, "
        "acceleration needed from {limited}, limited progress from 0, deterioration below 0.",
        on_track=format_number(ON_TRACK_RATIO, 2),
        limited=format_number(LIMITED_PROGRESS_RATIO, 2),
    ),
    border=True,
)
baseline = assessment.baseline
row_two[2].metric(
    t("Progress since the {year} baseline", year=baseline.year)
    if baseline
    else t("Progress since the baseline"),
    format_percent(assessment.progress_since_baseline)
    if assessment.progress_since_baseline is not None
    else t("No baseline"),
    help=t("Share of the increase from the goal's baseline to the goal achieved so far."),
    border=True,
)

if assessment.observed_growth is not None and assessment.window is not None:
    observed = t(
        "Official figures show trade growing {observed} from {start} to {end}.",
        observed=format_growth(assessment.observed_growth),
        start=assessment.window[0],
        end=assessment.window[1],
    )
    if assessment.required_growth is not None and assessment.growth_ratio is not None:
        observed += " " + t(
            "That is {ratio} times the growth needed to reach {amount} by {year}, which decides "
            "the on-track status.",
            ratio=format_number(assessment.growth_ratio, 2),
            amount=format_usd_bn(goal.value_usd_bn, 0),
            year=assessment.target_year,
        )
    if assessment.window[1] - assessment.window[0] == 1:
        observed += " " + t("It rests on a single year of change, so read it with care.")
    st.markdown(escape_markdown(observed))
if baseline is not None and baseline.year == latest.year:
    st.markdown(
        escape_markdown(
            t(
                "The goal was set against {baseline} in {year}, the latest official figure, so "
                "no later figure can show progress towards it yet.",
                baseline=format_usd_bn(baseline.value_usd_bn),
                year=baseline.year,
            )
        )
    )
elif baseline is not None and assessment.progress_since_baseline is not None:
    st.markdown(
        escape_markdown(
            t(
                "The goal was set against {baseline} in {year}; of the {increase} increase it "
                "asks for, {done} has been achieved.",
                baseline=format_usd_bn(baseline.value_usd_bn),
                year=baseline.year,
                increase=format_usd_bn(goal.value_usd_bn - baseline.value_usd_bn),
                done=format_usd_bn(latest.value_usd_bn - baseline.value_usd_bn),
            )
        )
    )

figures = cited_figures(data.trade_totals, data.sources)
path = (
    None
    if assessment.met
    else required_path(latest.year, latest.value_usd_bn, assessment.target_year, goal.value_usd_bn)
)
figure = progress_figure(
    figures,
    headline_line(data.trade_totals),
    goals,
    assessment,
    path,
    data.events,
)
show_chart(
    figure,
    key="overview_chart",
    filename="central-asia-trade-goal",
    data=figures,
    sources=t("Official statements listed in sources.csv (Central Asia Trade Target data package)"),
)
small_note(
    t(
        "Each marker is a figure cited by an official or an institution; hover over it (or tap "
        "it) to see who said it. Triangles pointing up are 'more than' figures. Numbered stars "
        "mark the Consultative Meetings listed below. The shaded part is a projection, not data."
    )
)


def safe_url(url: str) -> str:
    """Return a URL that cannot end a Markdown link early (brackets and spaces encoded)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def source_link(source_id: str) -> str:
    """Return a Markdown link to a source, its title shown as written."""
    row = sources.loc[source_id]
    return f"[{escape_markdown(str(row['title']))}]({safe_url(str(row['url']))})"


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
            url=safe_url(str(sources.loc[str(event["source_id"]), "url"])),
        )
        for number, event in enumerate(events.to_dict("records"), start=1)
    )
)

st.header(t("Sources and notes"))

notes = [
    t(
        "Latest official total: {amount} for {year}, cited by {source}.",
        amount=escape_markdown(format_usd_bn(latest.value_usd_bn)),
        year=latest.year,
        source=source_link(latest.source_id),
    )
]
if baseline is not None:
    notes.append(
        t(
            "Baseline of the {goal} goal: {amount} for {year}, cited by {source}.",
            goal=escape_markdown(format_usd_bn(goal.value_usd_bn, 0)),
            amount=escape_markdown(format_usd_bn(baseline.value_usd_bn)),
            year=baseline.year,
            source=source_link(baseline.source_id),
        )
    )
for each in goals:
    notes.append(
        t(
            "The {amount} goal was announced on {date} by {speaker} ({event}), with no deadline "
            "stated. Source: {source}.",
            amount=escape_markdown(format_usd_bn(each.value_usd_bn, 0)),
            date=format_full_date(each.announced) if each.announced else each.announced_year,
            speaker=escape_markdown(each.speaker),
            event=escape_markdown(each.event or ""),
            source=source_link(each.source_id),
        )
        if each.deadline_year is None
        else t(
            "The {amount} goal was announced on {date} by {speaker} ({event}), to be reached "
            "by {deadline}. Source: {source}.",
            amount=escape_markdown(format_usd_bn(each.value_usd_bn, 0)),
            date=format_full_date(each.announced) if each.announced else each.announced_year,
            speaker=escape_markdown(each.speaker),
            event=escape_markdown(each.event or ""),
            deadline=each.deadline_year,
            source=source_link(each.source_id),
        )
    )
notes += [
    escape_markdown(note)
    for note in (
        t(
            "Mirror asymmetry: the two countries of a pair report different values for the same "
            "trade (timing, valuation, transit, unrecorded trade). The regional figures officials "
            "cite do not say whose statistics they add up; the Trade flows page shows both sides."
        ),
        t(
            "Goods or goods and services: most figures are trade in goods, but some, such as "
            "Uzbekistan's turnover, include services, so figures from different sources are not "
            "strictly comparable."
        ),
        t(
            "Many statements do not name the year they refer to; the year is then inferred "
            "(usually the last full year before the statement) and said so in the table below."
        ),
        t(
            "On-track method: the CAGR ratio used by Open SDG and Statistics Canada compares the "
            "observed compound growth since the goal's baseline year (or, where the baseline is "
            "the latest year, over the latest year with an earlier figure) with the growth needed "
            "from the latest figure to the goal by the target year."
        ),
    )
]
st.markdown("\n".join(f"- {note}" for note in notes))

st.subheader(t("Every region-wide figure in the chart"))
st.dataframe(
    with_number_marks(
        pd.DataFrame(
            {
                t("Year"): figures["year"].astype(int).to_list(),
                t("USD billion"): figures["value_usd_bn"].astype(float).to_list(),
                t("Stated as"): [
                    QUALIFIER_TEXT.get(q, q) for q in figures["qualifier"].astype(str)
                ],
                t("Series"): [SERIES_TEXT.get(s, s) for s in figures["series"].astype(str)],
                t("Who cited it"): figures["speaker"].astype(str).to_list(),
                t("Note"): figures["note"].fillna("").astype(str).to_list(),
                t("Source"): figures["source_url"].astype(str).to_list(),
            }
        ),
        {t("USD billion"): 1},
    ),
    hide_index=True,
    column_config={
        t("Source"): st.column_config.LinkColumn(t("Source"), display_text=t("open")),
    },
    key="figures_table",
)

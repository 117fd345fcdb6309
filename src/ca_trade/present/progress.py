"""Words of where trade stands against a goal: statuses, metrics, sentences, the figures table.

Made from `progress`'s results (Goal, GoalAssessment, SourcedValue) in the current language, for
the Overview page and the report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ca_trade.format import (
    format_full_date,
    format_growth,
    format_number,
    format_percent,
    format_usd_bn,
)
from ca_trade.i18n import localized, t
from ca_trade.present.common import qualifier_label
from ca_trade.progress import (
    LIMITED_PROGRESS_RATIO,
    ON_TRACK_RATIO,
    Goal,
    GoalAssessment,
    SourcedValue,
    Status,
)


@dataclass(frozen=True)
class Metric:
    """A headline figure as shown: its label, its value written out, and a help text."""

    label: str
    value: str
    help: str | None = None


def status_label(status: Status | None) -> str:
    """Return the on-track status in words ('On track'), or 'Not enough data' for None."""
    labels = {
        Status.MET: t("Goal met"),
        Status.ON_TRACK: t("On track"),
        Status.ACCELERATION_NEEDED: t("Acceleration needed"),
        Status.LIMITED_PROGRESS: t("Limited progress"),
        Status.DETERIORATION: t("Deterioration"),
    }
    return labels[status] if status is not None else t("Not enough data")


def series_label(series: str) -> str:
    """Return the series a cited figure belongs to, in words."""
    labels = {
        "headline": t("headline series"),
        "headline_soft": t("headline series, softer point"),
        "other": t("other figure, not in the series"),
    }
    return labels.get(series, series)


def overview_intro(countries: pd.DataFrame) -> str:
    """Return the Overview's introduction, naming the five countries (countries.csv order)."""
    return t(
        "Trade among {countries}, as cited by their officials, against the goals their "
        "presidents announced. Choose a goal and the year by which it should be reached.",
        countries=", ".join(localized(countries, "name")),
    )


def localized_goals(goals: Sequence[Goal], targets: pd.DataFrame) -> list[Goal]:
    """Return `goals` with speaker and event in the current language, where targets.csv has them
    (`speaker_<lang>`, `event_<lang>`); English otherwise. A goal not in targets.csv is kept."""
    rows = {str(row["target_id"]): row for row in targets.to_dict("records")}
    return [
        dataclasses.replace(
            goal,
            speaker=localized(rows[goal.target_id], "speaker"),
            event=localized(rows[goal.target_id], "event") if goal.event else None,
        )
        if goal.target_id in rows
        else goal
        for goal in goals
    ]


def _announced(goal: Goal) -> dict[str, object]:
    """Return the words of who announced a goal of how much, on which day (else year), where."""
    when = format_full_date(goal.announced) if goal.announced else goal.announced_year
    amount = format_usd_bn(goal.value_usd_bn, 0)
    return {"amount": amount, "date": when, "speaker": goal.speaker, "event": goal.event or ""}


def goal_announcement(goal: Goal, target_year: int) -> str:
    """Return who announced the goal, when and where, and its deadline or the year chosen."""
    announced = t(
        "The {amount} goal was announced on {date} by {speaker} ({event}).", **_announced(goal)
    )
    deadline = (
        t(
            "No deadline was stated, so the target year is your choice ({year} is shown).",
            year=target_year,
        )
        if goal.deadline_year is None
        else t("The deadline stated is {deadline}.", deadline=goal.deadline_year)
    )
    return f"{announced} {deadline}"


def goal_source_note(goal: Goal, source: str) -> str:
    """Return the sources note of a goal: who announced it, when, its deadline and `source`
    (a title or link, inserted as given)."""
    words = _announced(goal) | {"source": source}
    if goal.deadline_year is None:
        return t(
            "The {amount} goal was announced on {date} by {speaker} ({event}), with no deadline "
            "stated. Source: {source}.",
            **words,
        )
    return t(
        "The {amount} goal was announced on {date} by {speaker} ({event}), to be reached "
        "by {deadline}. Source: {source}.",
        deadline=goal.deadline_year,
        **words,
    )


def standing_metrics(assessment: GoalAssessment) -> list[Metric]:
    """Return the six headline figures of a goal's assessment, in reading order: latest total,
    share reached, gap, growth needed, on-track status, progress since the baseline."""
    latest, goal, baseline = assessment.latest, assessment.goal, assessment.baseline
    goal_amount = format_usd_bn(goal.value_usd_bn, 0)
    return [
        Metric(
            t("Latest official total ({year})", year=latest.year),
            format_usd_bn(latest.value_usd_bn),
            t("Trade among the five countries, {year}, USD billion.", year=latest.year),
        ),
        Metric(
            t("Share of the {amount} goal reached", amount=goal_amount),
            format_percent(assessment.share_reached),
        ),
        Metric(
            t("Gap to the goal"),
            format_usd_bn(assessment.gap_usd_bn),
            t("Goal minus the latest official total, USD billion."),
        ),
        Metric(
            t("Growth needed, {start}–{end}", start=latest.year, end=assessment.target_year),
            format_growth(assessment.required_growth)
            if assessment.required_growth is not None
            else t("None: goal met"),
            t("Compound growth a year that takes the latest total to the goal by the target year."),
        ),
        Metric(
            t("On-track status"),
            status_label(assessment.status),
            t(
                "Observed growth divided by the growth needed (CAGR ratio): on track from "
                "{on_track}, acceleration needed from {limited}, limited progress from 0, "
                "deterioration below 0.",
                on_track=format_number(ON_TRACK_RATIO, 2),
                limited=format_number(LIMITED_PROGRESS_RATIO, 2),
            ),
        ),
        Metric(
            t("Progress since the {year} baseline", year=baseline.year)
            if baseline
            else t("Progress since the baseline"),
            format_percent(assessment.progress_since_baseline)
            if assessment.progress_since_baseline is not None
            else t("No baseline"),
            t("Share of the increase from the goal's baseline to the goal achieved so far."),
        ),
    ]


def observed_growth_text(assessment: GoalAssessment) -> str | None:
    """Return how fast official figures show trade growing and how that compares with the
    growth needed; None where no growth could be observed."""
    if assessment.observed_growth is None or assessment.window is None:
        return None
    start, end = assessment.window
    text = t(
        "Official figures show trade growing {observed} from {start} to {end}.",
        observed=format_growth(assessment.observed_growth),
        start=start,
        end=end,
    )
    if assessment.required_growth is not None and assessment.growth_ratio is not None:
        text += " " + t(
            "That is {ratio} times the growth needed to reach {amount} by {year}, which decides "
            "the on-track status.",
            ratio=format_number(assessment.growth_ratio, 2),
            amount=format_usd_bn(assessment.goal.value_usd_bn, 0),
            year=assessment.target_year,
        )
    if end - start == 1:
        text += " " + t("It rests on a single year of change, so read it with care.")
    return text


def baseline_text(assessment: GoalAssessment) -> str | None:
    """Return what the goal was set against and how much of the increase it asks for is done;
    None where the goal has no baseline or no progress can be measured."""
    baseline, latest, goal = assessment.baseline, assessment.latest, assessment.goal
    if baseline is None:
        return None
    if baseline.year == latest.year:
        return t(
            "The goal was set against {baseline} in {year}, the latest official figure, so "
            "no later figure can show progress towards it yet.",
            baseline=format_usd_bn(baseline.value_usd_bn),
            year=baseline.year,
        )
    if assessment.progress_since_baseline is None:
        return None
    return t(
        "The goal was set against {baseline} in {year}; of the {increase} increase it "
        "asks for, {done} has been achieved.",
        baseline=format_usd_bn(baseline.value_usd_bn),
        year=baseline.year,
        increase=format_usd_bn(goal.value_usd_bn - baseline.value_usd_bn),
        done=format_usd_bn(latest.value_usd_bn - baseline.value_usd_bn),
    )


def latest_total_note(latest: SourcedValue, source: str) -> str:
    """Return the sources note of the latest official total; `source` is inserted as given."""
    return t(
        "Latest official total: {amount} for {year}, cited by {source}.",
        amount=format_usd_bn(latest.value_usd_bn),
        year=latest.year,
        source=source,
    )


def baseline_note(goal: Goal, baseline: SourcedValue, source: str) -> str:
    """Return the sources note of a goal's baseline; `source` is inserted as given."""
    return t(
        "Baseline of the {goal} goal: {amount} for {year}, cited by {source}.",
        goal=format_usd_bn(goal.value_usd_bn, 0),
        amount=format_usd_bn(baseline.value_usd_bn),
        year=baseline.year,
        source=source,
    )


def method_notes() -> list[str]:
    """Return the notes on how to read the figures: asymmetry, coverage, years, the method."""
    return [
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
            "(usually the last full year before the statement) and said so in the chart's table."
        ),
        t(
            "On-track method: the CAGR ratio used by Open SDG and Statistics Canada compares the "
            "observed compound growth since the goal's baseline year (or, where the baseline is "
            "the latest year, over the latest year with an earlier figure) with the growth needed "
            "from the latest figure to the goal by the target year."
        ),
    ]


def cited_figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Return every region-wide figure of `charts.overview.cited_figures` as the reader sees it:
    Year, USD billion (float), Stated as, Series, Who cited it, Note, Source (URL), in words."""
    return pd.DataFrame(
        {
            t("Year"): figures["year"].astype(int).to_list(),
            t("USD billion"): figures["value_usd_bn"].astype(float).to_list(),
            t("Stated as"): [qualifier_label(q) for q in figures["qualifier"].astype(str)],
            t("Series"): [series_label(s) for s in figures["series"].astype(str)],
            t("Who cited it"): figures["speaker"].astype(str).to_list(),
            t("Note"): figures["note"].fillna("").astype(str).to_list(),
            t("Source"): figures["source_url"].astype(str).to_list(),
        }
    )

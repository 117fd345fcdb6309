"""Scenario charts as pure functions: traces, numbers, labels, units, and what they leave out."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from ca_trade.charts.scenario import (
    GOAL_COLOUR,
    GROUP_COLOURS,
    MUTED,
    projection_figure,
    projection_table,
)
from ca_trade.charts.scenario_projects import (
    contribution_figure,
    contribution_table,
    landing_table,
    timeline_figure,
)
from ca_trade.data import TradeData, load_trade_data
from ca_trade.format import plotly_separators
from ca_trade.i18n import language
from ca_trade.paths import PROJECT_ROOT
from ca_trade.progress import Goal
from ca_trade.scenario import (
    ScenarioParams,
    project_contributions,
    project_effects,
    project_path,
    projects_with_effect,
)

YEARS = list(range(2024, 2031))
HISTORY = pd.DataFrame({"year": [2018, 2023, 2024], "value_usd_bn": [5.7, 11.0, 11.5]})
GOALS = [
    Goal("g15", 15.0, 2024, "Speaker", None, "s1", base_year=2023, announced=date(2024, 8, 9)),
    Goal("g20", 20.0, 2025, "Speaker", None, "s1", base_year=2024, announced=date(2025, 11, 16)),
]
NAMES = {"dam": "Big Dam", "line": "New Line", "hub": "Border Hub"}


def path_frame(effects: bool = True) -> pd.DataFrame:
    """A path of 11.5 growing 5% a year, with a rail effect of 0.1 a year from 2026."""
    organic = np.array([11.5 * 1.05**i for i in range(len(YEARS))])
    rail = np.array([0.0, 0.0, 0.1, 0.2, 0.3, 0.3, 0.3]) if effects else np.zeros(len(YEARS))
    return pd.DataFrame(
        {
            "year": YEARS,
            "organic": organic,
            "effect_hydropower": np.zeros(len(YEARS)),
            "effect_rail": rail,
            "total": organic + rail,
            "low": organic * 0.97,
            "high": organic * 1.03 + rail * 2,
        }
    )


def contributions_frame() -> pd.DataFrame:
    """Two rail projects and a hub; the hub never moves."""
    rows = []
    for project_id, group, values in (
        ("line", "rail", [0.0, 0.0, 0.1, 0.2, 0.3, 0.3, 0.3]),
        ("dam", "hydropower", [0.0, 0.0, 0.0, 0.0, 0.1, 0.2, 0.2]),
        ("hub", "hub", [0.0] * 7),
    ):
        for year, value in zip(YEARS, values, strict=True):
            rows.append(
                {
                    "year": year,
                    "project_id": project_id,
                    "group": group,
                    "contribution_usd_bn": value,
                }
            )
    return pd.DataFrame(rows)


def effects_frame() -> pd.DataFrame:
    """Effects of three counted projects and an uncounted one."""
    return pd.DataFrame(
        {
            "project_id": ["line", "dam", "hub", "field"],
            "group": ["rail", "hydropower", "hub", "gas"],
            "completion_year": pd.array([2026, 2028, 2033, None], dtype="Int64"),
            "counted": [True, True, True, False],
            "ramp_years": [5.0, 4.0, 2.5, 2.0],
            "full_effect_usd_bn": [0.45, 0.3, 0.004, 0.0],
        }
    )


def trace(figure: go.Figure, name: str) -> go.Scatter:
    """The one trace whose name starts with `name`."""
    found = [t for t in figure.data if str(t.name or "").startswith(name)]
    assert len(found) == 1, [t.name for t in figure.data]
    return found[0]


# --- projection ---------------------------------------------------------------------------------


def test_projection_draws_the_path_band_history_and_goals_with_units() -> None:
    path = path_frame()
    figure = projection_figure(path, HISTORY, GOALS, 15.0, 2029, 2029)
    total = trace(figure, "Projected trade")
    assert list(total.x) == YEARS
    np.testing.assert_allclose(total.y, path["total"])
    band = trace(figure, "Low–high band")  # one closed shape: along the high end, back the low
    assert list(band.x) == [*YEARS, *YEARS[::-1]]
    np.testing.assert_allclose(band.y, [*path["high"], *path["low"][::-1]])
    assert band.fill == "toself"
    np.testing.assert_allclose(total.customdata, path[["low", "high"]].to_numpy())
    np.testing.assert_allclose(trace(figure, "Organic growth alone").y, path["organic"])
    official = trace(figure, "Official figures")
    assert list(official.x) == [2018, 2023, 2024]
    assert list(official.y) == [5.7, 11.0, 11.5]
    star = trace(figure, "Goal reached (2029)")
    assert list(star.x) == [2029]
    assert star.y[0] == pytest.approx(float(path.loc[path["year"] == 2029, "total"].iloc[0]))
    assert figure.layout.yaxis.title.text == "USD billion a year, current prices"
    assert figure.layout.xaxis.title.text == "Year"
    assert figure.layout.yaxis.range[0] == 0


def test_projection_sets_margins_that_fit_so_plotly_draws_it_once() -> None:
    layout = projection_figure(path_frame(), HISTORY, GOALS, 15.0, 2030, None).layout
    assert (layout.margin.t, layout.margin.l, layout.margin.b) == (50, 60, 130)
    assert (layout.xaxis.automargin, layout.yaxis.automargin) == (False, False)


def test_projection_marks_the_chosen_goal_and_the_target_year() -> None:
    figure = projection_figure(path_frame(), HISTORY, GOALS, 20.0, 2030, None)
    goal_lines = {s.y0: s for s in figure.layout.shapes if s.type == "line" and s.xref == "paper"}
    assert set(goal_lines) == {15.0, 20.0}
    assert goal_lines[20.0].line.color == GOAL_COLOUR
    assert goal_lines[20.0].line.dash == "dash"
    assert goal_lines[15.0].line.color == MUTED
    assert goal_lines[15.0].line.dash == "dot"  # not by colour alone
    year_lines = [s for s in figure.layout.shapes if s.type == "line" and s.xref == "x"]
    assert [(s.x0, s.x1) for s in year_lines] == [(2030, 2030)]
    texts = [a.text for a in figure.layout.annotations]
    assert "Target year 2030" in texts
    assert "<b>$20bn goal</b>" in texts
    assert "$15bn goal" in texts
    assert not [t for t in figure.data if str(t.name).startswith("Goal reached")]


def test_projection_without_effects_leaves_out_the_organic_line() -> None:
    figure = projection_figure(path_frame(effects=False), HISTORY, GOALS, 15.0, 2030, None)
    assert not [t for t in figure.data if t.name == "Organic growth alone"]


def test_projection_table_has_one_row_per_year_with_units_in_names() -> None:
    table = projection_table(path_frame(), HISTORY)
    assert list(table["year"]) == [2018, 2023, *YEARS]
    assert list(table.columns[:3]) == ["year", "official_usd_bn", "organic_usd_bn"]
    assert {"rail_usd_bn", "total_usd_bn", "low_usd_bn", "high_usd_bn"} <= set(table.columns)
    assert table.loc[table["year"] == 2018, "total_usd_bn"].isna().all()
    assert table.loc[table["year"] == 2024, "official_usd_bn"].iloc[0] == 11.5


# --- contributions ------------------------------------------------------------------------------


def test_contributions_stack_one_named_area_per_moving_project() -> None:
    figure = contribution_figure(contributions_frame(), NAMES, 2029)
    assert [t.name for t in figure.data] == ["New Line", "Big Dam"]  # the hub never moves
    line = trace(figure, "New Line")
    assert line.stackgroup == "projects"
    assert line.legendgroup == "rail"
    assert line.legendgrouptitle.text == "Rail"
    assert line.fillcolor == GROUP_COLOURS["rail"]
    assert list(line.x) == YEARS
    assert list(line.y) == [0.0, 0.0, 0.1, 0.2, 0.3, 0.3, 0.3]
    assert line.hovertext[3] == "New Line (Rail): +$0.20bn"
    (note,) = figure.layout.annotations
    assert note.text == "2029: +$0.50bn added"  # 0.3 + 0.2 in 2029
    assert note.y == pytest.approx(0.5)
    assert figure.layout.yaxis.title.text == "USD billion a year"


def test_a_negative_contribution_carries_a_true_minus_in_its_hover_and_note() -> None:
    frame = contributions_frame()
    frame["contribution_usd_bn"] = -frame["contribution_usd_bn"]
    figure = contribution_figure(frame, NAMES, 2029)
    line = trace(figure, "New Line")
    assert line.hovertext[3] == "New Line (Rail): \u2212$0.20bn"
    assert figure.layout.annotations[0].text == "2029: \u2212$0.50bn added"
    with language("ru"):
        russian = contribution_figure(frame, NAMES, 2029)
    hover = trace(russian, "New Line").hovertext[3].replace("\u00a0", " ")
    assert hover.endswith(": \u22120,20 млрд $")
    assert not any("+-" in h or "$-" in h for t in figure.data for h in t.hovertext)


def test_contributions_of_projects_sharing_a_group_differ_by_pattern() -> None:
    frame = contributions_frame()
    second = frame[frame["project_id"] == "line"].assign(project_id="line2")
    figure = contribution_figure(pd.concat([frame, second]), {**NAMES, "line2": "Other"}, 2030)
    patterns = {t.name: t.fillpattern.shape for t in figure.data}
    assert patterns["New Line"] != patterns["Other"]


def test_contributions_without_any_project_say_so() -> None:
    empty = contributions_frame().iloc[0:0]
    figure = contribution_figure(empty, NAMES, 2030)
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "No project effect is counted with these settings."
    off = contribution_figure(empty, NAMES, 2030, empty_note="Effects are off.")
    assert off.layout.annotations[0].text == "Effects are off."


def test_contribution_table_names_the_projects() -> None:
    table = contribution_table(contributions_frame(), NAMES)
    assert list(table.columns) == ["year", "project_id", "project", "group", "contribution_usd_bn"]
    assert set(table["project"]) == {"New Line", "Big Dam", "Border Hub"}


# --- timeline -----------------------------------------------------------------------------------


def test_landing_table_applies_the_delay_and_the_ramp() -> None:
    table = landing_table(
        effects_frame(),
        ["line", "dam", "hub", "field"],
        NAMES,
        base_year=2024,
        delay_years=2,
        target_year=2030,
    )
    assert list(table["project_id"]) == ["line", "dam", "hub"]  # the uncounted one is left out
    rows = table.set_index("project_id")
    assert rows.loc["line", "start_year"] == 2028
    assert rows.loc["line", "full_year"] == 2032  # five ramp years, the start counted
    assert rows.loc["hub", "full_year"] == 2035 + 2  # 2.5 ramp years round up to 3
    assert list(rows["by_target_year"]) == [True, True, False]


def test_timeline_names_each_project_and_greys_those_after_the_target_year() -> None:
    landings = landing_table(
        effects_frame(),
        ["line", "dam", "hub"],
        NAMES,
        base_year=2024,
        delay_years=0,
        target_year=2030,
    )
    figure = timeline_figure(landings, 2030, 2040)
    notes = [a.text for a in figure.layout.annotations]
    assert {"New Line", "Big Dam", "Border Hub", "Target year 2030"} <= set(notes)
    starts = trace(figure, "Effect starts")
    assert list(starts.x) == [2026, 2028]
    assert starts.marker.symbol == "circle"
    late = trace(figure, "Lands after the target year")
    assert list(late.x) == [2033]
    assert late.marker.symbol == "circle-open"
    assert list(late.marker.color) == [MUTED]
    full = [t for t in figure.data if t.mode == "markers+text"]
    labels = [label for t in full for label in t.text]
    assert labels == ["+$0.45bn", "+$0.30bn", "+$0.004bn"]
    year_lines = [s for s in figure.layout.shapes if s.xref == "x"]
    assert [s.x0 for s in year_lines] == [2030]


def test_timeline_shows_the_stated_completion_when_delayed() -> None:
    landings = landing_table(
        effects_frame(), ["line"], NAMES, base_year=2024, delay_years=3, target_year=2030
    )
    figure = timeline_figure(landings, 2030, 2040)
    stated = trace(figure, "Completion year stated")
    assert list(stated.x) == [2026]
    assert list(trace(figure, "Effect starts").x) == [2029]


def test_timeline_without_projects_says_so() -> None:
    empty = landing_table(
        effects_frame(), [], NAMES, base_year=2024, delay_years=0, target_year=2030
    )
    figure = timeline_figure(empty, 2030, 2040, empty_note="Project effects are switched off.")
    assert len(figure.data) == 0
    assert figure.layout.annotations[0].text == "Project effects are switched off."


@pytest.fixture(scope="module")
def data() -> TradeData:
    return load_trade_data(PROJECT_ROOT / "data")


def test_charts_on_the_real_data_name_the_counted_projects(data: TradeData) -> None:
    params = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.045)
    names = dict(zip(data.projects["project_id"], data.projects["name"], strict=True))
    contributions = project_contributions(params, data.projects, data.assumptions)
    figure = contribution_figure(contributions, names, 2030)
    # Data 0.2.0 dates the CKU railway (2030) and the Kazakh-Kyrgyz complex (2026): both count.
    assert {t.name for t in figure.data} == {
        "Rogun HPP",
        "Darbaza–Maktaaral railway",
        "International Center for Industrial<br>Cooperation 'Central Asia'<br>(Kazakhstan–Uzbekistan)",
        "China–Kyrgyzstan–Uzbekistan railway",
        "Kazakh–Kyrgyz industrial trade and<br>logistics complex (Karasu–Ak-Tilek)",
    }
    path = project_path(params, data.projects, data.assumptions)
    total_2030 = float(path.loc[path["year"] == 2030, "total"].iloc[0])
    organic_2030 = float(path.loc[path["year"] == 2030, "organic"].iloc[0])
    assert figure.layout.annotations[0].y == pytest.approx(total_2030 - organic_2030)
    landings = landing_table(
        project_effects(data.projects, data.assumptions),
        projects_with_effect(contributions),
        names,
        base_year=2024,
        delay_years=0,
        target_year=2030,
    )
    assert list(landings["project_id"]) == [
        "darbaza_maktaaral_railway",
        "kaz_kgz_trade_logistics_complex",
        "icic_central_asia_kaz_uzb",
        "china_kyrgyzstan_uzbekistan_railway",
        "rogun_hpp",
    ]


def test_russian_charts_use_russian_number_marks() -> None:
    with language("ru"):
        figure = projection_figure(path_frame(), HISTORY, GOALS, 15.0, 2030, None)
        expected = plotly_separators()
    assert figure.layout.separators == expected
    assert expected[0] == ","
    assert figure.layout.xaxis.tickformat == "d"  # years never get a group mark


def test_the_projection_built_without_validation_is_a_valid_figure() -> None:
    figure = projection_figure(path_frame(), HISTORY, GOALS, 15.0, 2030, 2029)
    checked = go.Figure(figure.to_dict())  # validates every attribute; raises if one is wrong
    assert checked.to_dict() == figure.to_dict()
    assert figure.layout.template.layout.font is not None  # the project's template applies


def test_year_notes_at_the_right_edge_turn_left_so_they_are_not_cut_off() -> None:
    path = path_frame()
    last = int(path["year"].max())
    early = projection_figure(path, HISTORY, GOALS, 15.0, last - 5, None)
    late = projection_figure(path, HISTORY, GOALS, 15.0, last, None)
    (early_note,) = [a for a in early.layout.annotations if a.text.startswith("Target year")]
    (late_note,) = [a for a in late.layout.annotations if a.text.startswith("Target year")]
    assert (early_note.xanchor, late_note.xanchor) == ("left", "right")
    frame = contributions_frame()
    edge = int(frame["year"].max())
    assert contribution_figure(frame, NAMES, edge).layout.annotations[0].ax < (
        contribution_figure(frame, NAMES, edge - 4).layout.annotations[0].ax
    )

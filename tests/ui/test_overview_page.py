"""The Overview page on the bundled data: the numbers people read, from the URL and the widgets."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

from ca_trade.data import load_trade_data
from ca_trade.paths import DATA_DIR_ENV, data_dir
from ca_trade.progress import FULL_YEAR_MONTHS, HEADLINE_SCOPE, headline_goals
from tests.ui.apptest import figures, metrics, open_page

LATEST_USD_BN = 11.5
LATEST_YEAR = 2024


def required(goal: float, year: int) -> float:
    """The growth a year the issue states: (goal / 11.5)^(1 / (year - 2024)) - 1."""
    return float((goal / LATEST_USD_BN) ** (1 / (year - LATEST_YEAR)) - 1)


def value_of(shown: dict[str, str], starts: str) -> str:
    """The value of the one metric whose label starts with `starts`."""
    (value,) = [value for label, value in shown.items() if label.startswith(starts)]
    return value


def label_of(shown: dict[str, str], starts: str) -> str:
    """The full label of the one metric whose label starts with `starts`."""
    (label,) = [label for label in shown if label.startswith(starts)]
    return label


def traces(figure: dict[str, Any], name_starts: str) -> list[dict[str, Any]]:
    """The traces of a figure whose name starts with `name_starts`."""
    return [tr for tr in figure["data"] if str(tr.get("name", "")).startswith(name_starts)]


def test_default_view_is_15bn_by_2030() -> None:
    at = open_page("overview.py")
    assert not at.exception
    shown = metrics(at)
    assert shown["Latest official total (2024)"] == "$11.5bn"
    assert shown["Share of the $15bn goal reached"] == "76.7%"  # about 77%
    assert shown["Gap to the goal"] == "$3.5bn"
    assert label_of(shown, "Growth needed") == "Growth needed, 2024–2030"
    assert value_of(shown, "Growth needed") == f"+{required(15, 2030) * 100:.1f}% a year"
    assert value_of(shown, "Growth needed") == "+4.5% a year"
    assert shown["On-track status"] == "On track"
    assert shown["Progress since the 2023 baseline"] == "12.5%"


def test_goal_20_from_the_url() -> None:
    at = open_page("overview.py", goal="20", target_year="2030")
    assert not at.exception
    shown = metrics(at)
    assert shown["Latest official total (2024)"] == "$11.5bn"
    assert shown["Share of the $20bn goal reached"] == "57.5%"
    assert shown["Gap to the goal"] == "$8.5bn"
    assert value_of(shown, "Growth needed") == f"+{required(20, 2030) * 100:.1f}% a year"
    assert value_of(shown, "Growth needed") == "+9.7% a year"
    # Set against 2024 itself: nothing of the increase is done yet.
    assert shown["Progress since the 2024 baseline"] == "0.0%"
    assert shown["On-track status"] == "Limited progress"


@pytest.mark.parametrize("year", [2025, 2027, 2035, 2040])
def test_required_growth_follows_the_target_year_in_the_url(year: int) -> None:
    at = open_page("overview.py", target_year=str(year))
    shown = metrics(at)
    assert label_of(shown, "Growth needed") == f"Growth needed, 2024–{year}"
    assert value_of(shown, "Growth needed") == f"+{required(15, year) * 100:.1f}% a year"


def test_widgets_change_the_numbers() -> None:
    at = open_page("overview.py")
    at.slider(key="target_year").set_value(2035).run()
    assert value_of(metrics(at), "Growth needed") == "+2.4% a year"
    at.radio(key="goal").set_value(20.0).run()
    shown = metrics(at)
    assert shown["Gap to the goal"] == "$8.5bn"
    assert label_of(shown, "Growth needed") == "Growth needed, 2024–2035"
    assert value_of(shown, "Growth needed") == f"+{required(20, 2035) * 100:.1f}% a year"


def test_unknown_goal_in_the_url_falls_back_to_15bn() -> None:
    at = open_page("overview.py", goal="17")
    assert not at.exception
    assert "Share of the $15bn goal reached" in metrics(at)


def test_target_year_out_of_range_does_not_break_the_page() -> None:
    at = open_page("overview.py", target_year="2020")
    assert not at.exception
    year = int(label_of(metrics(at), "Growth needed").rsplit("–", 1)[1])
    assert year > LATEST_YEAR


def test_chart_draws_series_goals_path_and_meetings() -> None:
    at = open_page("overview.py")
    (figure,) = figures(at)
    (path,) = traces(figure, "Path needed")
    assert path["x"][0] == LATEST_YEAR
    assert path["x"][-1] == 2030
    assert path["y"][0] == pytest.approx(LATEST_USD_BN)
    assert path["y"][-1] == pytest.approx(15)
    (meetings,) = traces(figure, "Consultative Meeting")
    assert len(meetings["x"]) == len(load_trade_data().events)  # every meeting, none twice
    assert meetings["text"][:7] == [str(n) for n in range(1, 8)]
    (line,) = traces(figure, "Official headline series")
    assert line["x"][-1] == LATEST_YEAR
    assert line["y"][-1] == pytest.approx(LATEST_USD_BN)
    # One marker per distinct value cited (by kind: in the series, softer, other, part-year),
    # each hover naming who said it.
    totals = load_trade_data().trade_totals
    regional = totals[totals["scope"] == HEADLINE_SCOPE]
    kind = regional["series"].where(regional["months"] == FULL_YEAR_MONTHS, "part-year")
    distinct = regional.assign(kind=kind).drop_duplicates(
        ["kind", "year", "value_usd_bn", "qualifier"]
    )
    cited = [
        tr
        for tr in figure["data"]
        if tr.get("mode") == "markers" and not tr["name"].startswith("Estimate")
    ]
    assert sum(len(tr["x"]) for tr in cited) == len(distinct)
    assert all("•" in text for tr in cited for text in tr["hovertext"])
    goal_labels = [a["text"] for a in figure["layout"]["annotations"] if "goal" in a["text"]]
    assert any("$15bn goal" in text for text in goal_labels)
    assert any("$20bn goal" in text for text in goal_labels)
    assert "USD billion" in figure["layout"]["yaxis"]["title"]["text"]
    assert figure["layout"]["xaxis"]["title"]["text"] == "Year"


def test_the_figures_table_replaces_the_chart_when_asked_for() -> None:
    at = open_page("overview.py")
    assert len(at.dataframe) == 0
    assert len(figures(at)) == 1
    at.segmented_control(key="overview_tab").set_value("table").run()
    assert at.query_params["tab"] == "table"
    assert figures(at) == []
    (table,) = at.dataframe
    totals = load_trade_data().trade_totals
    assert len(table.value) == (totals["scope"] == HEADLINE_SCOPE).sum()
    assert len(open_page("overview.py", tab="table").dataframe) == 1
    unknown = open_page("overview.py", tab="tables")
    assert len(figures(unknown)) == 1
    assert "`tab=tables`" in unknown.warning[0].value


def test_2025_is_estimated_apart_from_the_official_figures() -> None:
    at = open_page("overview.py")
    shown = metrics(at)
    assert shown["Estimate for 2025, not official"] == "≈ $12.7bn"
    assert shown["Latest official total (2024)"] == "$11.5bn"
    explained = [m.value for m in at.markdown if "Estimate, not official data: 2025" in m.value]
    assert len(explained) == 1
    assert "Kazakhstan – Kyrgyzstan, Kazakhstan – Uzbekistan" in explained[0]
    (figure,) = figures(at)
    (estimate,) = traces(figure, "Estimate, not official")
    assert estimate["x"] == [2025]
    assert estimate["y"][0] == pytest.approx(11.5 * 6300 / 5700)
    assert estimate["marker"]["symbol"] == "diamond-open"
    assert estimate["error_y"]["array"][0] == pytest.approx(11.5 * 7170 / 5540 - 11.5 * 6300 / 5700)
    assert "Sources up to 21 March 2026" in figure["layout"]["title"]["subtitle"]["text"]
    # The scenario's base and the headline line stay official: the line ends in 2024.
    (line,) = traces(figure, "Official headline series")
    assert line["x"][-1] == LATEST_YEAR


@pytest.fixture
def goal_met_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data with one more firm headline figure: $16bn in 2025."""
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    totals = folder / "trade_totals.csv"
    with totals.open(encoding="utf-8", newline="") as handle:
        source_id = next(csv.DictReader(handle))["source_id"]
    with totals.open("a", encoding="utf-8") as handle:
        handle.write(
            f"ca5_2025_test,2025,12,CA5,16,exact,headline,Test,Тест,{source_id},test row\n"
        )
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.mark.usefixtures("goal_met_package")
def test_goal_already_met_shows_met_and_no_path() -> None:
    at = open_page("overview.py", goal="15", target_year="2030")
    assert not at.exception
    shown = metrics(at)
    assert shown["Latest official total (2025)"] == "$16.0bn"
    assert shown["Gap to the goal"] == "$0.0bn"
    assert shown["On-track status"] == "Goal met"
    assert value_of(shown, "Growth needed") == "None: goal met"
    (figure,) = figures(at)
    assert traces(figure, "Path needed") == []
    # The nearest goal not yet reached becomes the default.
    assert "Share of the $20bn goal reached" in metrics(open_page("overview.py"))


def test_sources_and_notes_name_every_figure_and_caveat() -> None:
    at = open_page("overview.py")
    text = "\n".join(str(block.value) for block in at.markdown)
    assert "Latest official total" in text
    assert "Baseline of the" in text
    assert "Mirror asymmetry" in text
    assert "Goods or goods and services" in text
    undated = [g for g in headline_goals(load_trade_data().targets) if g.deadline_year is None]
    assert text.count("with no deadline stated") == len(undated)
    assert "16 November 2025" in text  # when the 20bn goal followed
    assert "https://" in text
    assert "Cholpon" in text
    assert "Avaza" in text
    assert "Dushanbe" in text

"""Words of where trade stands, made from the core's assessment, in English and in Russian."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ca_trade.i18n import language
from ca_trade.present.progress import (
    baseline_text,
    cited_figures_table,
    goal_announcement,
    goal_source_note,
    localized_goals,
    observed_growth_text,
    series_label,
    standing_metrics,
    status_label,
)
from ca_trade.progress import Goal, GoalAssessment, SourcedValue, Status

NBSP = "\u00a0"
LATEST = SourcedValue(2024, 11.5, "s1", "Source one", "https://example.org/1")
BASELINE = SourcedValue(2023, 10.8, "s1", "Source one", "https://example.org/1")
GOAL = Goal(
    target_id="g15",
    value_usd_bn=15,
    announced_year=2024,
    speaker="Speaker A",
    deadline_year=None,
    source_id="s1",
    base_year=2023,
    announced=date(2024, 8, 9),
    event="Meeting 6",
)
TARGETS = pd.DataFrame(
    {
        "target_id": ["g15"],
        "speaker": ["Speaker A"],
        "speaker_ru": ["Докладчик А"],
        "event": ["Meeting 6"],
        "event_ru": [None],
    }
)


def assessment(**changes: object) -> GoalAssessment:
    """The 15bn goal assessed for 2030 from 11.5 in 2024, with `changes` applied."""
    values: dict[str, object] = {
        "goal": GOAL,
        "latest": LATEST,
        "target_year": 2030,
        "share_reached": 11.5 / 15,
        "gap_usd_bn": 3.5,
        "met": False,
        "required_growth": 0.0453,
        "baseline": BASELINE,
        "progress_since_baseline": 0.7 / 4.2,
        "window": (2023, 2024),
        "observed_growth": 0.0648,
        "growth_ratio": 1.43,
        "status": Status.ON_TRACK,
    }
    values.update(changes)
    return GoalAssessment(**values)  # type: ignore[arg-type]


def test_status_and_series_labels() -> None:
    assert status_label(Status.ON_TRACK) == "On track"
    assert status_label(None) == "Not enough data"
    assert series_label("headline") == "headline series"
    assert series_label("unknown") == "unknown"
    with language("ru"):
        assert status_label(Status.MET) == "Достигнута"
        assert status_label(None) == "Мало данных"


def test_standing_metrics_in_reading_order() -> None:
    metrics = standing_metrics(assessment())
    assert [(m.label, m.value) for m in metrics] == [
        ("Latest official total (2024)", "$11.5bn"),
        ("Share of the $15bn goal reached", "76.7%"),
        ("Gap to the goal", "$3.5bn"),
        ("Growth needed, 2024–2030", "+4.5% a year"),
        ("On-track status", "On track"),
        ("Progress since the 2023 baseline", "16.7%"),
    ]
    assert all(m.help for i, m in enumerate(metrics) if i != 1)
    met = standing_metrics(assessment(required_growth=None, baseline=None, status=None))
    assert [m.value for m in met][3:5] == ["None: goal met", "Not enough data"]
    assert met[5].label == "Progress since the baseline"
    with language("ru"):
        russian = standing_metrics(assessment())
    assert russian[0].value == f"11,5{NBSP}млрд{NBSP}$"
    assert russian[2].label == "До цели осталось"


def test_observed_growth_sentence() -> None:
    text = observed_growth_text(assessment())
    assert text is not None
    assert text.startswith("Official figures show trade growing +6.5% a year from 2023 to 2024.")
    assert "1.43 times the growth needed to reach $15bn by 2030" in text
    assert text.endswith("It rests on a single year of change, so read it with care.")
    assert observed_growth_text(assessment(observed_growth=None)) is None
    with language("ru"):
        russian = observed_growth_text(assessment())
    assert russian is not None
    assert "осторожно" in russian


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "of the $4.2bn increase it asks for, $0.7bn has been achieved"),
        ({"baseline": LATEST}, "the latest official figure, so no later figure can show"),
    ],
)
def test_baseline_sentence(changes: dict[str, object], expected: str) -> None:
    text = baseline_text(assessment(**changes))
    assert text is not None
    assert expected in text


def test_no_baseline_sentence_without_a_baseline() -> None:
    assert baseline_text(assessment(baseline=None, progress_since_baseline=None)) is None


def test_goal_sentences_and_names_in_the_language() -> None:
    assert goal_announcement(GOAL, 2030) == (
        "The $15bn goal was announced on 9 August 2024 by Speaker A (Meeting 6). "
        "No deadline was stated, so the target year is your choice (2030 is shown)."
    )
    assert goal_source_note(GOAL, "[One](https://example.org/1)").endswith(
        "with no deadline stated. Source: [One](https://example.org/1)."
    )
    with language("ru"):
        (russian,) = localized_goals([GOAL], TARGETS)
    assert (russian.speaker, russian.event) == ("Докладчик А", "Meeting 6")
    unknown = Goal("elsewhere", 30, 2026, "Someone", None, "s2")
    assert localized_goals([unknown], TARGETS) == [unknown]


def test_cited_figures_table_in_words() -> None:
    figures = pd.DataFrame(
        {
            "year": [2023],
            "value_usd_bn": [10.8],
            "qualifier": ["approximate"],
            "series": ["headline"],
            "speaker": ["Speaker A"],
            "note": [None],
            "source_url": ["https://example.org/1"],
        }
    )
    table = cited_figures_table(figures)
    assert table.iloc[0].to_list() == [
        2023,
        10.8,
        "about",
        "headline series",
        "Speaker A",
        "",
        "https://example.org/1",
    ]
    with language("ru"):
        assert cited_figures_table(figures).iloc[0, 3] == "основной ряд"

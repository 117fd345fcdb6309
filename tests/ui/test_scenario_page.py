"""The Scenario page on the bundled data: metrics, charts and presets, from the URL and widgets."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.apptest import APP, PAGES, TIMEOUT_S, figures, metrics

DONE_WHEN = {"growth": "5", "goal": "15", "target_year": "2030", "effects": "false"}
HORIZON = 2040


def open_page(page: str, **query: str) -> AppTest:
    """Open `page` as a link to it would: its first run is on that page, with the URL's values.

    The shared `open_page` runs the Overview first; its `goal` and `target_year` widgets would
    claim those URL parameters before the switch, which a browser opening /scenario never does.
    """
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.switch_page(f"{PAGES}/{page}")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def value_of(at: AppTest, starts: str) -> str:
    """The value of the metric labelled `starts`, else of the one whose label starts with it."""
    shown = metrics(at)
    if starts in shown:
        return shown[starts]
    (value,) = [value for label, value in shown.items() if label.startswith(starts)]
    return value


def reached(at: AppTest) -> int:
    """The year the goal is reached, or one past the horizon when it is not."""
    shown = value_of(at, "Goal reached")
    return HORIZON + 1 if shown == f"Not by {HORIZON}" else int(shown)


def chart(at: AppTest, title: str) -> dict[str, Any]:
    """The figure with this title."""
    (found,) = [f for f in figures(at) if f["layout"]["title"]["text"] == title]
    return found


def no_error(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


# --- links that cannot be used ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"growth": "abc"},
        {"target_year": "99999"},
        {"target_year": "-1", "delay": "-3"},
        {"goal": "7"},
        {"goal": "abc", "effects": "maybe"},
        {"preset": "nonsense", "base_year": "1900", "trend_from": "abc"},
        {"hydro.generation_full.rogun_hpp": "abc", "group_rail": "perhaps"},
        {"growth": "1e309", "delay": "999"},
    ],
)
def test_garbage_in_the_link_gives_no_exception(query: dict[str, str]) -> None:
    at = open_page("scenario.py", project_charts="true", **query)
    no_error(at)
    assert value_of(at, "Goal reached")
    assert len(figures(at)) == 3


def test_out_of_range_values_are_refused_and_named() -> None:
    at = open_page("scenario.py", target_year="99999", growth="99", delay="2")
    no_error(at)
    assert at.slider(key="target_year").value == 2030
    assert at.slider(key="growth").value == 4.5
    assert at.slider(key="delay").value == 2  # a usable value next to them is kept
    (notice,) = [w.value for w in at.warning]
    assert "`target_year=99999`" in notice
    assert "`growth=99`" in notice


# --- the check --------------------------------------------------------------------------


def test_five_percent_without_effects_reaches_15bn_in_2030() -> None:
    at = open_page("scenario.py", **DONE_WHEN)
    no_error(at)
    # 11.5 x 1.05^6 = 15.4, while 1.05^5 gives 14.7.
    assert value_of(at, "Goal reached") == "2030"
    assert value_of(at, "Growth needed, 2024–2030") == "+4.5% a year"
    assert value_of(at, "Projected trade in 2030") == "$15.4bn"
    assert value_of(at, "Projects' contribution") == "Switched off"
    assert at.selectbox(key="preset").value == "own"


def test_the_url_sets_the_widgets() -> None:
    at = open_page(
        "scenario.py", growth="7.5", goal="20", target_year="2033", delay="2", effects="false"
    )
    no_error(at)
    assert at.slider(key="growth").value == 7.5
    assert at.radio(key="goal").value == 20.0
    assert at.slider(key="target_year").value == 2033
    assert at.slider(key="delay").value == 2
    assert at.toggle(key="effects").value is False
    assert value_of(at, "Growth needed, 2024–2033") == "+6.3% a year"  # (20/11.5)^(1/9) - 1


def test_moving_the_growth_slider_changes_the_year_the_goal_is_reached() -> None:
    at = open_page("scenario.py")
    no_error(at)
    before = reached(at)
    assert before == 2030
    at.slider(key="growth").set_value(2.0).run()
    no_error(at)
    assert reached(at) > before
    at.slider(key="growth").set_value(9.0).run()
    assert reached(at) < before
    total = chart(at, "Projected trade and the goals")
    (central,) = [t for t in total["data"] if t["name"] == "Projected trade (central)"]
    assert central["y"][1] == pytest.approx(11.5 * 1.09 + 0.0)


@pytest.mark.parametrize("growth", ["1", "3", "4.5", "6", "10"])
def test_effects_never_make_the_goal_later(growth: str) -> None:
    on = open_page("scenario.py", growth=growth)
    off = open_page("scenario.py", growth=growth, effects="false")
    no_error(on)
    no_error(off)
    assert reached(on) <= reached(off)


def test_the_project_charts_are_drawn_only_while_their_section_is_open() -> None:
    closed = open_page("scenario.py")
    no_error(closed)
    assert [f["layout"]["title"]["text"] for f in figures(closed)] == [
        "Projected trade and the goals"
    ]
    opened = open_page("scenario.py", project_charts="true")
    no_error(opened)
    assert [f["layout"]["title"]["text"] for f in figures(opened)] == [
        "Projected trade and the goals",
        "What the projects add to trade",
        "When the projects land",
    ]
    assert opened.expander[1].label == "What the projects add, and when they land"


def test_with_effects_the_contribution_chart_names_the_projects() -> None:
    at = open_page("scenario.py", project_charts="true")
    no_error(at)
    contributions = chart(at, "What the projects add to trade")
    names = {trace["name"].replace("<br>", " ") for trace in contributions["data"]}
    assert names == {
        "Rogun HPP",
        "Darbaza–Maktaaral railway",
        "China–Kyrgyzstan–Uzbekistan railway",
        "International Center for Industrial Cooperation 'Central Asia' (Kazakhstan–Uzbekistan)",
        "Kazakh–Kyrgyz industrial trade and logistics complex (Karasu–Ak-Tilek)",
    }
    groups = {trace["legendgrouptitle"]["text"] for trace in contributions["data"]}
    assert groups == {"Hydropower", "Rail", "Trade hub"}
    # 0.45 (Darbaza) + 0.027 (CKU, its first year) + 0.08 + 0.05 (the hubs)
    assert value_of(at, "Projects' contribution in 2030") == "+$0.61bn"
    timeline = chart(at, "When the projects land")
    notes = {note["text"].replace("<br>", " ") for note in timeline["layout"]["annotations"]}
    assert {"Rogun HPP", "Darbaza–Maktaaral railway", "Target year 2030"} <= notes
    # At the recent trend the projects bring the $15bn goal forward from 2031 to 2030.
    assert value_of(at, "Goal reached") == "2030"
    assert reached(open_page("scenario.py", effects="false")) == 2031


# --- presets ------------------------------------------------------------------------------------


def test_the_default_is_the_recent_trend() -> None:
    at = open_page("scenario.py")
    assert at.selectbox(key="preset").value == "recent_trend"
    assert at.slider(key="growth").value == 4.5  # 11.5 / 11.0 - 1, 2023-2024
    assert at.radio(key="goal").value == 15.0
    assert at.slider(key="target_year").value == 2030


@pytest.mark.parametrize(
    ("preset", "growth", "goal", "year", "delay"),
    [
        ("roadmap", 9.3, 15.0, 2027, 0),
        ("doubling", 13.9, 22.0, 2029, 0),
        ("projects_delayed", 4.5, 15.0, 2030, 3),
        ("recent_trend", 4.5, 15.0, 2030, 0),
    ],
)
def test_a_preset_sets_the_widgets(
    preset: str, growth: float, goal: float, year: int, delay: int
) -> None:
    at = open_page("scenario.py")
    at.selectbox(key="preset").set_value(preset).run()
    no_error(at)
    assert at.selectbox(key="preset").value == preset
    assert at.slider(key="growth").value == pytest.approx(growth)
    assert at.radio(key="goal").value == pytest.approx(goal)
    assert at.slider(key="target_year").value == year
    assert at.slider(key="delay").value == delay
    assert at.toggle(key="effects").value is True
    if preset in ("roadmap", "doubling"):
        assert reached(at) <= year  # growth is what the deadline needs, rounded up


def test_moving_a_slider_after_a_preset_says_the_settings_are_your_own() -> None:
    at = open_page("scenario.py")
    at.selectbox(key="preset").set_value("doubling").run()
    assert not [m for m in at.markdown if "Your own settings" in m.value]
    at.slider(key="growth").set_value(12.0).run()
    no_error(at)
    # The selector itself is left alone (rewriting it races a moving slider in the browser).
    assert at.selectbox(key="preset").value == "doubling"
    notes = [m.value for m in at.markdown if "Your own settings" in m.value]
    assert notes == [
        ":small[Your own settings: you changed those of the preset 'Doubling in five years \\(2029\\)'.]"
    ]
    assert at.radio(key="goal").value == pytest.approx(22.0)  # the rest stays


def test_a_link_naming_only_a_preset_gets_its_settings() -> None:
    at = open_page("scenario.py", preset="doubling")
    no_error(at)
    assert at.selectbox(key="preset").value == "doubling"
    assert at.slider(key="growth").value == pytest.approx(13.9)
    assert at.radio(key="goal").value == pytest.approx(22.0)
    assert at.slider(key="target_year").value == 2029


def test_a_link_with_a_preset_and_other_settings_keeps_the_settings() -> None:
    at = open_page("scenario.py", preset="recent_trend", growth="7")
    no_error(at)
    assert at.slider(key="growth").value == 7.0
    assert [m.value for m in at.markdown if "Your own settings" in m.value]


def test_a_link_with_settings_only_names_the_preset_they_match() -> None:
    assert open_page("scenario.py", growth="5").selectbox(key="preset").value == "own"
    delayed = open_page("scenario.py", delay="3")
    assert delayed.selectbox(key="preset").value == "projects_delayed"
    roadmap = open_page("scenario.py", growth="9.3", target_year="2027")
    assert roadmap.selectbox(key="preset").value == "roadmap"


# --- base year, trend window, projects and assumptions -----------------------------------------


def test_the_trend_window_sets_the_growth_and_the_base_year_the_start() -> None:
    at = open_page("scenario.py")
    at.selectbox(key="trend_from").set_value(2018).run()
    no_error(at)
    assert at.slider(key="growth").value == 12.4  # (11.5 / 5.7)^(1/6) - 1
    assert at.selectbox(key="preset").value == "recent_trend"
    at.selectbox(key="base_year").set_value(2023).run()
    no_error(at)
    assert at.selectbox(key="trend_from").value == 2018
    assert at.slider(key="growth").value == 14.1  # (11.0 / 5.7)^(1/5) - 1, to the step
    assert value_of(at, "Growth needed, 2023–2030") == "+4.5% a year"  # (15/11)^(1/7) - 1


def test_the_project_switches_sit_in_a_popover_opened_from_the_base_section() -> None:
    at = open_page("scenario.py")
    (more,) = [e for e in at.expander if e.label.startswith("Base year")]
    (box,) = [b for b in more.children.values() if b.type == "popover"]
    assert box.proto.popover.label == "Projects counted"
    toggles = [c.key for c in box.children.values() if c.type == "toggle"]
    assert toggles == ["group_hydropower", "group_rail", "group_hub"]
    assert len(box.get("checkbox")) == 5
    assert len(at.checkbox) == 5  # no switch outside it


def test_switching_a_group_or_a_project_off_removes_its_contribution() -> None:
    at = open_page("scenario.py", project_charts="true")
    at.toggle(key="group_rail").set_value(False).run()
    no_error(at)
    assert value_of(at, "Projects' contribution in 2030") == "+$0.13bn"  # the hubs only
    names = {t["name"] for t in chart(at, "What the projects add to trade")["data"]}
    assert "Darbaza–Maktaaral railway" not in names
    assert at.checkbox(key="project_darbaza_maktaaral_railway").disabled
    at.toggle(key="group_rail").set_value(True).run()
    at.checkbox(key="project_icic_central_asia_kaz_uzb").set_value(False).run()
    assert value_of(at, "Projects' contribution in 2030") == "+$0.53bn"  # 0.607 - 0.08


def test_changing_an_assumption_changes_the_effect_and_the_link_can_carry_it() -> None:
    key = "rail.additional_cargo.darbaza_maktaaral_railway"
    at = open_page("scenario.py", assumptions="true")
    at.number_input(key=key).set_value(14.0).run()
    no_error(at)
    # 14 Mt x 0.5 x 0.3 x USD 300/t = USD 630m, full in 2030; plus the others' 0.157.
    assert value_of(at, "Projects' contribution in 2030") == "+$0.79bn"
    assert at.query_params[key] == "14"
    # The link carries it with the inputs' section closed, and the section shows it when opened.
    linked = open_page("scenario.py", **{key: "14"})
    assert value_of(linked, "Projects' contribution in 2030") == "+$0.79bn"
    assert not linked.number_input
    reopened = open_page("scenario.py", assumptions="true", **{key: "14"})
    assert reopened.number_input(key=key).value == 14.0
    at.button(key="reset_assumptions").click().run()
    assert at.number_input(key=key).value == 10.0
    assert key not in at.query_params
    assert value_of(at, "Projects' contribution in 2030") == "+$0.61bn"


def test_a_delay_moves_the_projects_and_the_goal() -> None:
    at = open_page("scenario.py", delay="3", project_charts="true")
    no_error(at)
    assert at.selectbox(key="preset").value == "projects_delayed"
    # Rail from 2029: 2/5 of 0.45; the hubs from 2030: 1/5 of 0.1 each.
    assert value_of(at, "Projects' contribution in 2030") == "+$0.22bn"
    assert reached(at) >= reached(open_page("scenario.py"))
    timeline = chart(at, "When the projects land")
    (stated,) = [t for t in timeline["data"] if t["name"].startswith("Completion year stated")]
    assert sorted(stated["x"]) == [2026, 2026, 2027, 2030, 2033]


def test_how_this_is_computed_shows_the_formulas_with_numbers() -> None:
    closed = open_page("scenario.py")
    assert not [c for c in closed.code if "13.1 bn kWh" in c.value]  # drawn only when open
    at = open_page("scenario.py", how="true")
    no_error(at)
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "organic(t) = B × (1 + g)^(t − 2024), with B = $11.5bn" in text
    assert "Delay: start = completion year + 0 years for projects due after 2024" in text
    codes = [c.value for c in at.code]
    assert any(c.startswith("10 x 13.1 bn kWh x 0.7 x 3.4 US c/kWh") for c in codes)
    assert any(c.startswith("10 Mt x 0.5 intraregional x 0.3 new x 300 USD/t") for c in codes)
    tables = [df.value for df in at.dataframe]
    assumptions = next(t for t in tables if "Basis" in t.columns)
    assert set(assumptions["Basis"]) == {"sourced", "illustrative"}
    assert len(assumptions) == 93  # 84 in assumptions.csv and the 9 pairs with trade data
    projects = next(t for t in tables if "Why" in t.columns)
    assert len(projects) == 47


# --- signs and the method text follow what the user set ----------------------------------------

MINUS = "\u2212"
NO_REGIONAL_SALES = {"effects": "true", "hydro.regional_export_share.rogun_hpp": "0"}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_negative_effect_carries_its_own_minus_everywhere(lang: str) -> None:
    # Rogun selling nothing in the region only displaces trade: its effect is negative.
    at = open_page("scenario.py", lang=lang, target_year="2040", how="true", **NO_REGIONAL_SALES)
    no_error(at)
    contribution = value_of(at, "Projects' contribution" if lang == "en" else "Вклад проектов")
    assert contribution.startswith(("+", MINUS))
    rogun = at.checkbox(key="project_rogun_hpp")
    assert f": {MINUS}" in rogun.help
    effects = next(df.value for df in at.dataframe if len(df.value.columns) == 7)
    full_effect = effects.iloc[:, 4]
    assert any(str(v).startswith(MINUS) for v in full_effect)
    shown = [*metrics(at).values(), rogun.help, *(str(v) for v in full_effect)]
    shown += [m.value for m in at.markdown]
    for figure in figures(at):
        for trace in figure["data"]:
            shown += [str(trace.get("text") or ""), str(trace.get("hovertext") or "")]
        shown += [str(a.get("text") or "") for a in figure["layout"].get("annotations", [])]
    assert not [text for text in shown if "+$-" in text or "$-" in text or "+-" in text]
    assert not [text for text in shown if "+" + MINUS in text]


def test_the_method_names_the_trade_loss_per_day_in_force() -> None:
    def kinds(**query: str) -> str:
        at = open_page("scenario.py", how="true", **query)
        no_error(at)
        return " ".join(m.value for m in at.markdown).replace("\\", "")

    assert "the pair's trade × 1% per day × days saved" in kinds()
    both = kinds(**{"tf.trade_loss_per_day.rail": "2", "tf.trade_loss_per_day.road": "2"})
    assert "the pair's trade × 2% per day × days saved" in both
    assert "1% per day" not in both
    one = kinds(**{"tf.trade_loss_per_day.road": "1.5"})
    assert "the pair's trade × 1% (Rail), 1.5% (Road) per day" in one


def test_english_only_assumption_notes_are_marked_as_english_in_russian() -> None:
    ru = open_page("scenario.py", lang="ru", assumptions="true", how="true")
    no_error(ru)
    rogun = ru.number_input(key="hydro.generation_full.rogun_hpp").help.replace("\\", "")
    assert rogun.startswith("По умолчанию: 13,1 (из источника). Average annual output of Rogun")
    assert rogun.endswith(" (на английском)")
    # Every input's note is English (assumptions.csv has no note_ru): each one says so, once.
    helps = [n.help.replace("\\", "") for n in ru.number_input]
    assert len(helps) == 93
    assert sum(h.endswith(" (на английском)") for h in helps) == 93
    assert sum(h.count("(на английском)") for h in helps) == 93
    table = next(df.value for df in ru.dataframe if "Идентификатор" in df.value.columns)
    assert "Примечание (на английском)" in table.columns
    en = open_page("scenario.py", assumptions="true")
    assert not [n for n in en.number_input if "English" in n.help or "английск" in n.help]

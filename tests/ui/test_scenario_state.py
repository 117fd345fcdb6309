"""The Scenario page's state machine: pure rules first, then old links opened on the page."""

from __future__ import annotations

import pytest

from ca_trade.scenario import Preset
from ca_trade.ui.scenario_state import (
    DELAY,
    GOAL,
    GROWTH,
    TARGET_YEAR,
    preset_writes,
    upgraded_link,
)
from tests.ui.test_scenario_page import no_error, open_page, value_of

ROADMAP = Preset("roadmap", growth_percent=9.3, goal_usd_bn=15.0, target_year=2027, delay_years=0)


def test_a_preset_writes_its_settings_into_their_widgets_except_those_kept() -> None:
    assert preset_writes(ROADMAP) == {GROWTH: 9.3, GOAL: 15.0, TARGET_YEAR: 2027, DELAY: 0}
    assert preset_writes(ROADMAP, keep={"growth", "delay"}) == {GOAL: 15.0, TARGET_YEAR: 2027}
    assert preset_writes(Preset("own")) == {}


def test_an_old_link_is_renamed_and_a_new_one_left_alone() -> None:
    old = {"pair.trade_2023.tjk_uzb.all": ["900"], "growth": ["6"]}
    assert upgraded_link(old) == {"growth": ["6"], "pair.trade.tjk_uzb.all": ["900"]}
    both = {"pair.trade_2023.kaz_uzb.all": ["1"], "pair.trade.kaz_uzb.all": ["2"]}
    assert upgraded_link(both) == {"pair.trade.kaz_uzb.all": ["2"]}
    assert upgraded_link({"growth": ["6"], "pair.trade.kaz_uzb.all": ["2"]}) is None


# Links made before the scenario was split and its pair trade read from the flows.
OLD_LINKS = [
    ({"growth": "6", "goal": "20", "target_year": "2033"}, {"Goal reached": "2033"}),
    ({"preset": "roadmap"}, {"Growth needed, 2024–2027": "+9.3% a year"}),
    ({"delay": "3"}, {"Projects' contribution in 2030": "+$0.22bn"}),
    ({"effects": "false", "growth": "5"}, {"Goal reached": "2030"}),
    ({"group_rail": "false"}, {"Projects' contribution in 2030": "+$0.13bn"}),
]


@pytest.mark.parametrize(("query", "expected"), OLD_LINKS)
def test_old_links_open_the_same_view(query: dict[str, str], expected: dict[str, str]) -> None:
    at = open_page("scenario.py", **query)
    no_error(at)
    for label, value in expected.items():
        assert value_of(at, label) == value


def test_an_old_pair_trade_link_sets_the_renamed_input() -> None:
    at = open_page("scenario.py", **{"pair.trade_2023.tjk_uzb.all": "900"})
    no_error(at)
    assert not at.number_input  # the inputs are drawn only while their section is open
    assert at.query_params["pair.trade.tjk_uzb.all"] == "900"
    assert "pair.trade_2023.tjk_uzb.all" not in at.query_params
    opened = open_page("scenario.py", assumptions="true", **{"pair.trade_2023.tjk_uzb.all": "900"})
    assert opened.number_input(key="pair.trade.tjk_uzb.all").value == 900.0

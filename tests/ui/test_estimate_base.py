"""The scenario's optional estimate base: the projection, the link, the words and the report."""

from __future__ import annotations

import pytest

from ca_trade.data import TradeData
from ca_trade.estimate import ChainEstimate, chain_estimates
from ca_trade.flows import turnover_candidates
from ca_trade.i18n import language
from ca_trade.present.estimate import base_name, base_option, estimate_base_note
from ca_trade.present.scenario_method import model_lines
from ca_trade.progress import headline_goals
from ca_trade.report_content import ReportScenario, scenario_section
from ca_trade.scenario import ScenarioParams, project_path
from ca_trade.ui import estimate_base
from tests.ui.apptest import figures
from tests.ui.test_scenario_page import no_error, open_page, value_of

ESTIMATE_2025 = 11.5 * 6300 / 5700  # official 2024 x matched pairs 2025 / the same in 2024


def newest(data: TradeData) -> ChainEstimate:
    return chain_estimates(
        turnover_candidates(data.trade_flows, data.countries),
        data.countries,
        data.trade_totals,
        data.sources,
    )[-1]


def projection(at: object) -> dict[str, list[float]]:
    """The central projected line of the projection chart: x and y."""
    (line,) = [
        trace
        for figure in figures(at)  # type: ignore[arg-type]
        for trace in figure["data"]
        if trace.get("name") == "Projected trade (central)"
    ]
    return {"x": line["x"], "y": line["y"]}


def test_the_projection_from_the_estimate_starts_at_its_year_and_value(bundled: TradeData) -> None:
    estimate = newest(bundled)
    assert (estimate.year, estimate.value_usd_bn) == (2025, pytest.approx(ESTIMATE_2025))
    assert estimate.value_usd_bn is not None
    params = ScenarioParams(base_year=2025, base_value_usd_bn=estimate.value_usd_bn, growth=0.05)
    path = project_path(params, bundled.projects, bundled.assumptions)
    assert int(path["year"].iloc[0]) == 2025
    assert float(path["total"].iloc[0]) == pytest.approx(ESTIMATE_2025)
    assert float(path["organic"].iloc[1]) == pytest.approx(ESTIMATE_2025 * 1.05)


def test_the_page_opens_on_the_official_total_and_a_link_can_choose_the_estimate() -> None:
    at = open_page("scenario.py")
    no_error(at)
    assert at.radio(key="base").value == "official"
    assert "base" not in at.query_params
    assert projection(at)["x"][0] == 2024
    assert projection(at)["y"][0] == pytest.approx(11.5)
    at.radio(key="base").set_value("estimate").run()
    no_error(at)
    assert at.query_params["base"] == "estimate"
    assert projection(at)["x"][0] == 2025
    assert projection(at)["y"][0] == pytest.approx(ESTIMATE_2025)
    # (15 / 12.71)^(1/5) - 1 from the estimate; (15 / 11.5)^(1/6) - 1 = +4.5% from 2024.
    assert value_of(at, "Growth needed, 2025–2030") == "+3.4% a year"
    linked = open_page("scenario.py", base="estimate", how="true")
    no_error(linked)
    assert linked.radio(key="base").value == "estimate"
    assert projection(linked)["y"][0] == pytest.approx(ESTIMATE_2025)
    text = " ".join(m.value for m in linked.markdown).replace("\\", "")
    assert (
        "with B = $12.7bn, the estimate for 2025, not official (range $11.7bn to $14.9bn)" in text
    )
    at.radio(key="base").set_value("official").run()
    assert "base" not in at.query_params
    assert projection(at)["x"][0] == 2024


def test_without_an_estimate_the_choice_is_disabled_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(estimate_base, "estimates", list)
    at = open_page("scenario.py", base="estimate")
    no_error(at)
    assert at.radio(key="base").disabled
    assert at.radio(key="base").value == "official"
    assert projection(at)["x"][0] == 2024
    notes = " ".join(m.value for m in at.markdown)
    assert "no estimate to start from" in notes


def test_the_choice_and_the_base_speak_russian(bundled: TradeData) -> None:
    estimate = newest(bundled)
    with language("ru"):
        assert (
            base_option("official", 2024, 11.5, estimate)
            == "Официальный итог: 11,5\u00a0млрд\u00a0$ за 2024\u00a0г."
        )
        assert (
            base_option("estimate", 2024, 11.5, estimate)
            == "Оценка за 2025 г., не официальная: ≈ 12,7\u00a0млрд\u00a0$"
        )
        assert base_name(2025, estimate).startswith("оценка за 2025\u00a0г., не официальная")
        assert base_name(2024, estimate) == "официальный итог за 2024\u00a0г."
        assert "не официальная цифра" in estimate_base_note(estimate, 2024)
    ru = open_page("scenario.py", lang="ru", base="estimate")
    no_error(ru)
    assert ru.radio(key="base").options[1].startswith("Оценка за 2025")


def test_the_method_and_the_report_name_the_estimate_base(bundled: TradeData) -> None:
    estimate = newest(bundled)
    assert estimate.value_usd_bn is not None
    params = ScenarioParams(base_year=2025, base_value_usd_bn=estimate.value_usd_bn, growth=0.05)
    first = model_lines(params, 2030, (15.0, 17.0), base_name(2025, estimate))[0]
    assert "B = $12.7bn, the estimate for 2025, not official (range $11.7bn to $14.9bn)" in first
    official = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.05)
    assert "B = $11.5bn, the official total for 2024," in model_lines(official, 2030, (1, 2))[0]
    goal = next(g for g in headline_goals(bundled.targets) if g.value_usd_bn == 15)
    path = project_path(params, bundled.projects, bundled.assumptions)
    scenario = ReportScenario(params, path, goal, 2030, base_estimate=estimate)
    figures_shown = dict(scenario_section(bundled, [goal], scenario, lambda f: b"").figures)
    assert figures_shown["Base: Estimate for 2025, not official"] == (
        "≈ $12.7bn, range $11.7bn to $14.9bn"
    )

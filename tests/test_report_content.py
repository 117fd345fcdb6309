"""The report's content on the bundled data: the right figures, charts and sources."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import pytest

from ca_trade.data import TradeData, load_trade_data
from ca_trade.export import ImageRenderer
from ca_trade.i18n import language
from ca_trade.progress import headline_goals, latest_headline_total
from ca_trade.report import build_report
from ca_trade.report_content import ReportScenario, report_sections
from ca_trade.scenario import ScenarioParams, project_path


@pytest.fixture(scope="module")
def data() -> TradeData:
    return load_trade_data()


def test_sections_carry_the_figures_charts_and_sources(data: TradeData) -> None:
    goals = headline_goals(data.targets)
    fifteen = next(goal for goal in goals if goal.value_usd_bn == 15)
    latest = latest_headline_total(data.trade_totals, data.sources)
    params = ScenarioParams(
        base_year=latest.year,
        base_value_usd_bn=latest.value_usd_bn,
        growth=0.05,
        effects_enabled=False,
    )
    path = project_path(params, data.projects, data.assumptions)
    rendered: list[go.Figure] = []

    def render(figure: go.Figure) -> bytes:
        rendered.append(figure)
        return b"png"

    scenario = ReportScenario(params=params, path=path, goal=fifteen, target_year=2030)
    sections = report_sections(data, goals, scenario, 2026, render)
    standing, projected, projects, about = sections
    assert dict(standing.figures)["Latest official total (2024)"] == "$11.5bn"
    assert standing.paragraphs[0].startswith(
        "The $15bn goal was announced on 9 August 2024 by Kassym-Jomart Tokayev"
    )
    assert dict(standing.figures)["Gap to the goal"] == "$3.5bn"
    assert any("inform.kz" in source.url for source in standing.sources)
    assert dict(projected.figures)["Year the $15bn goal is reached"] == "2030"
    assert len(rendered) == 3
    assert any(trace.type == "scattergeo" for trace in rendered[2].data)
    assert about.chart_png is None
    assert projects.chart_png == b"png"
    # The estimate is stated as such, and the cut-off is on the chart and in the text.
    (estimate,) = [p for p in standing.paragraphs if p.startswith("Estimate, not official data")]
    assert "2025 ≈ $12.7bn" in estimate
    assert "Sources up to 21 March 2026" in rendered[0].layout.title.subtitle.text
    assert "Sources up to 21 March 2026 · latest official regional total: 2024" in about.paragraphs


@pytest.mark.parametrize(
    ("lang", "label", "expected"),
    [
        ("en", "Projects' contribution in 2040", "\u2212$0.02bn"),
        ("ru", "Вклад проектов в 2040\u00a0г.", "\u22120,02\u00a0млрд\u00a0$"),
    ],
)
def test_a_negative_contribution_keeps_its_minus_in_the_report(
    data: TradeData, lang: str, label: str, expected: str
) -> None:
    goals = headline_goals(data.targets)
    params = ScenarioParams(
        base_year=2024,
        base_value_usd_bn=11.5,
        growth=0.05,
        disabled_types=frozenset(set(data.projects["type"]) - {"hydropower"}),
        assumption_overrides={"hydro.regional_export_share.rogun_hpp": 0.0},
    )
    path = project_path(params, data.projects, data.assumptions)
    scenario = ReportScenario(params=params, path=path, goal=goals[0], target_year=2040)
    with language(lang):
        projected = report_sections(data, goals, scenario, 2026, lambda _: b"png")[1]
    assert dict(projected.figures)[label] == expected


@pytest.mark.chromium
def test_report_builds_from_the_sections(data: TradeData) -> None:
    goals = headline_goals(data.targets)
    params = ScenarioParams(base_year=2024, base_value_usd_bn=11.5, growth=0.04)
    scenario = ReportScenario(
        params=params,
        path=project_path(params, data.projects, data.assumptions),
        goal=goals[0],
        target_year=2030,
    )
    renderer = ImageRenderer()
    sections = report_sections(data, goals, scenario, 2026, lambda f: renderer.render(f, "png"))
    pdf = build_report("Central Asia trade", "", sections, date(2026, 11, 28))
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Subtype /Image") == 3  # where trade stands, the scenario, the map

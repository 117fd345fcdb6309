"""Projects page in AppTest: filters change the table and the map, a selection shows its card."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ca_trade.charts import projects_map
from ca_trade.charts.projects_map_layout import VIEWS, WIDE_BOX, fit_frame
from ca_trade.data import TradeData
from ca_trade.format import format_capacity
from ca_trade.present.projects import format_cost
from ca_trade.projects import filter_projects
from tests.ui.apptest import PAGES, figures, metrics, open_page

PAGE = "projects.py"


def table(at: AppTest) -> pd.DataFrame:
    """Return the frame of the page's projects table, switching the map to it if needed."""
    if at.segmented_control(key="projects_tab").value != "table":
        at.segmented_control(key="projects_tab").set_value("table").run()
    (frame,) = [element.value for element in at.dataframe]
    assert isinstance(frame, pd.DataFrame)
    return frame


def maps(at: AppTest) -> list[dict[str, Any]]:
    """Return every figure with geo traces on the page, as dicts."""
    return [f for f in figures(at) if any(trace["type"] == "scattergeo" for trace in f["data"])]


def map_figure(at: AppTest) -> dict[str, Any]:
    """Return the map as a dict."""
    (geo,) = maps(at)
    return geo


def drawn(figure: dict[str, Any], role: str) -> set[str]:
    """Return the project ids drawn by traces of `role` in a figure dict."""
    return {
        pid
        for trace in figure["data"]
        if (trace.get("meta") or {}).get("role") == role
        for pid in trace.get("customdata", [])
        if pid
    }


def card_texts(at: AppTest) -> str:
    """Return the text of every markdown and subheader on the page, joined, unescaped."""
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def test_page_runs_and_shows_every_project_by_default(bundled: TradeData) -> None:
    at = open_page(PAGE)
    assert not at.exception
    total = len(bundled.projects)
    assert metrics(at)["Projects shown"] == f"{total} of {total}"
    geo = map_figure(at)
    assert drawn(geo, "sites")
    assert any(trace["type"] == "choropleth" for trace in geo["data"])
    assert len(at.dataframe) == 0
    assert len(table(at)) == total
    assert at.query_params["tab"] == "table"
    assert figures(at) == []


def test_the_timeline_is_a_view_of_its_own(bundled: TradeData) -> None:
    at = open_page(PAGE, year="2026")
    assert [f["layout"]["title"]["text"] for f in figures(at)] == ["Projects as they stand in 2026"]
    at.segmented_control(key="projects_tab").set_value("timeline").run()
    assert at.query_params["tab"] == "timeline"
    (timeline,) = figures(at)
    assert timeline["layout"]["title"]["text"] == "Projects from start to completion"
    assert len(timeline["data"][0]["y"]) > 0
    assert len(at.dataframe) == 0


def test_type_filter_changes_the_table_and_the_map(bundled: TradeData) -> None:
    at = open_page(PAGE)
    at.multiselect(key="type").set_value(["hydropower"]).run()
    assert not at.exception
    expected = bundled.projects[bundled.projects["type"] == "hydropower"]
    geo = map_figure(at)
    assert drawn(geo, "sites") <= set(expected["project_id"])
    assert drawn(geo, "routes") == set()
    shown = table(at)
    assert len(shown) == len(expected)
    assert set(shown["type"]) == {"Hydropower"}
    assert set(shown["name"]) == set(expected["name"])


def test_status_and_country_filters_change_the_table(bundled: TradeData) -> None:
    at = open_page(PAGE)
    year = at.slider(key="year").value
    at.multiselect(key="status").set_value(["operational"]).run()
    shown = table(at)
    expected = filter_projects(bundled.projects, year=year, statuses=["operational"])
    assert len(shown) == len(expected) > 0
    assert all(status.startswith("Operational") for status in shown["status"])

    at.multiselect(key="country").set_value(["TJK"]).run()
    both = table(at)
    expected_both = filter_projects(
        bundled.projects, year=year, statuses=["operational"], countries=["TJK"]
    )
    assert len(both) == len(expected_both) < len(shown)
    assert all("Tajikistan" in countries for countries in both["countries"])


def test_the_year_slider_changes_the_statuses(bundled: TradeData) -> None:
    at = open_page(PAGE)
    early = int(bundled.projects["start_year"].min())
    at.slider(key="year").set_value(early).run()
    assert not at.exception
    expected = filter_projects(bundled.projects, year=early)
    operational = (expected["status_as_of"].isin(["operational", "partially_operational"])).sum()
    assert metrics(at)[f"Operational in {early}"] == str(operational)
    later = table(open_page(PAGE))
    assert (table(at)["status"] == "Planned").sum() > (later["status"] == "Planned").sum()


def test_selecting_a_project_shows_its_card(bundled: TradeData) -> None:
    at = open_page(PAGE)
    assert "Kambarata HPP-1" not in card_texts(at)
    (pid,) = bundled.projects.loc[bundled.projects["name"] == "Kambarata HPP-1", "project_id"]
    at.selectbox(key="project").set_value(pid).run()
    assert not at.exception
    row = bundled.projects[bundled.projects["project_id"] == pid].to_dict("records")[0]
    assert "Kambarata HPP-1" in card_texts(at)
    shown = metrics(at)
    assert shown["Capacity"] == format_capacity(row["capacity_value"], row["capacity_unit"])
    assert shown["Cost"] == format_cost(row["cost_usd_bn"])
    assert shown["Start"] == str(row["start_year"])
    texts = card_texts(at)
    assert row["description"] in texts
    assert row["trade_relevance"] in texts
    assert "published site" in texts
    sources = bundled.project_sources.loc[bundled.project_sources["project_id"] == pid, "source_id"]
    urls = bundled.sources.loc[bundled.sources["source_id"].isin(list(sources)), "url"]
    assert all(url in texts for url in urls)
    # Each source listed once, under a heading that counts them.
    assert f"Sources ({len(urls)})" in texts
    listed = [line for m in at.markdown for line in m.value.splitlines() if line.startswith("- [")]
    assert len(listed) == len(urls)
    assert pid in drawn(map_figure(at), "sites")
    ring = [
        t for t in map_figure(at)["data"] if (t.get("meta") or {}).get("role") == "selected_site"
    ]
    assert len(ring) == 1


def test_a_selected_route_is_highlighted_on_the_map(bundled: TradeData) -> None:
    name = "China–Kyrgyzstan–Uzbekistan railway"
    (pid,) = bundled.projects.loc[bundled.projects["name"] == name, "project_id"]
    at = open_page(PAGE, project=pid)
    assert not at.exception
    assert at.selectbox(key="project").value == pid
    highlight = [
        t for t in map_figure(at)["data"] if (t.get("meta") or {}).get("role") == "selected_route"
    ]
    assert len(highlight) == 1
    waypoints = bundled.project_routes[bundled.project_routes["project_id"] == pid]
    assert sum(lon is not None for lon in highlight[0]["lon"]) == len(waypoints)
    assert "not the surveyed alignment" in card_texts(at)


def test_url_parameters_set_the_filters(bundled: TradeData) -> None:
    at = open_page(PAGE, type="hydropower", country="KGZ", year="2020")
    assert not at.exception
    assert at.multiselect(key="type").value == ["hydropower"]
    assert at.multiselect(key="country").value == ["KGZ"]
    assert at.slider(key="year").value == 2020
    expected = filter_projects(bundled.projects, year=2020, types=["hydropower"], countries=["KGZ"])
    assert set(table(at)["name"]) == set(expected["name"])
    assert metrics(at)["Projects shown"] == f"{len(expected)} of {len(bundled.projects)}"


def test_the_view_comes_from_the_url_and_the_buttons_zoom() -> None:
    whole = map_figure(open_page(PAGE))["layout"]
    assert whole["meta"]["view"] == "region"
    assert whole["geo"]["lonaxis"]["range"] == list(fit_frame(VIEWS["region"], WIDE_BOX).lon)
    at = open_page(PAGE, view="fergana")
    assert not at.exception
    fergana = map_figure(at)["layout"]
    assert fergana["meta"]["view"] == "fergana"
    assert fergana["geo"]["lonaxis"]["range"] == list(fit_frame(VIEWS["fergana"], WIDE_BOX).lon)
    at.button(key="map_zoom_in").click().run()
    zoomed = map_figure(at)["layout"]["geo"]["lonaxis"]["range"]
    assert zoomed[1] - zoomed[0] == pytest.approx(
        (fergana["geo"]["lonaxis"]["range"][1] - fergana["geo"]["lonaxis"]["range"][0]) / 1.6,
        abs=1e-3,
    )
    at.button(key="map_reset").click().run()
    assert map_figure(at)["layout"]["geo"]["lonaxis"]["range"] == fergana["geo"]["lonaxis"]["range"]


def test_show_on_the_map_picks_the_view_that_holds_the_project() -> None:
    at = open_page(PAGE, project="rogun_hpp", tab="table")
    assert not maps(at)
    at.button(key="project_card_zoom").click().run()
    assert not at.exception
    assert map_figure(at)["layout"]["meta"]["view"] == "TJK"


def test_no_match_says_so(bundled: TradeData) -> None:
    year = int(bundled.projects["completion_year"].max())
    assert filter_projects(bundled.projects, year=year, types=["port"], countries=["TJK"]).empty
    at = open_page(PAGE, type="port", country="TJK", year=str(year), tab="table")
    assert not at.exception
    assert len(at.dataframe) == 0
    assert any("No project matches" in info.value for info in at.info)


def test_a_new_visitor_gets_the_map_built_for_the_same_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_page(PAGE, year="2021")
    built: list[int] = []
    build = projects_map.projects_map_figure

    def counted(*args: Any, **kwargs: Any) -> Any:
        built.append(kwargs["shown_year"])
        return build(*args, **kwargs)

    monkeypatch.setattr(projects_map, "projects_map_figure", counted)
    at = open_page(PAGE, year="2021")
    assert built == []
    assert map_figure(at)["layout"]["title"]["text"] == "Projects as they stand in 2021"
    at.slider(key="year").set_value(2019).run()
    assert built == [2019]


def test_a_table_chosen_on_another_page_does_not_follow_the_reader_here() -> None:
    at = open_page("overview.py", tab="table")
    assert len(at.dataframe) == 1
    at.query_params.clear()  # the navigation opens a page without the last page's parameters
    at.switch_page(f"{PAGES}/{PAGE}").run()
    assert at.segmented_control(key="projects_tab").value == "map"
    assert len(maps(at)) == 1

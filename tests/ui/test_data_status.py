"""Every page states how current the data are: version, cut-off and the release's changes."""

from __future__ import annotations

import pytest

from tests.ui.apptest import open_page


@pytest.mark.parametrize("page", ["overview.py", "flows.py", "scenario.py", "projects.py"])
def test_every_page_shows_version_cutoff_and_changes_above_it(page: str) -> None:
    at = open_page(page)
    assert not at.exception
    assert not at.sidebar.children  # no sidebar: the frame is one row above the page
    bar = at.main.children[0]
    (status,) = [m.value for m in bar.markdown if "Data version" in m.value]
    assert status == (
        ":small[Data version 0.2.0 · "
        "Sources up to 21 March 2026 · latest official regional total: 2024]"
    )
    (data,) = [p for p in bar.get("popover") if p.proto.popover.label == "Data"]
    assert "kaz_uzb_2025_turnover_kaz_1" in data.markdown[-1].value
    assert [b.proto.label for b in data.get("download_button")] == ["Full data (zip)"]


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({}, 3),  # the matrix, the chord, the country totals
        ({"sides": "true"}, 4),  # each side's matrix and the asymmetry in place of the matrix
        ({"series": "true", "coverage": "true"}, 5),  # + pairs over time and the coverage
    ],
)
def test_every_chart_on_the_flows_page_carries_the_cutoff(
    query: dict[str, str], count: int
) -> None:
    charts = open_page("flows.py", **query).get("plotly_chart")
    assert len(charts) == count
    for chart in charts:
        assert "Sources up to 21 March 2026" in chart.proto.spec

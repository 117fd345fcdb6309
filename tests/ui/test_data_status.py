"""Every page states how current the data are: version, cut-off and the release's changes."""

from __future__ import annotations

import pytest

from tests.ui.apptest import open_page


@pytest.mark.parametrize("page", ["overview.py", "flows.py"])
def test_sidebar_shows_version_cutoff_and_changes(page: str) -> None:
    at = open_page(page)
    assert not at.exception
    (status,) = [m.value for m in at.sidebar.markdown if "Data version" in m.value]
    assert status == (
        ":small[Data version 0.2.0  \n"
        "Sources up to 21 March 2026 · latest official regional total: 2024]"
    )
    (changes,) = [e for e in at.sidebar.expander if e.label == "What changed in this data release"]
    assert "kaz_uzb_2025_turnover_kaz_1" in changes.markdown[-1].value


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({}, 5),  # the matrix, the chord, the country totals, pairs over time, the coverage
        ({"sides": "true"}, 6),  # each side's matrix and the asymmetry in place of the matrix
    ],
)
def test_every_chart_on_the_flows_page_carries_the_cutoff(
    query: dict[str, str], count: int
) -> None:
    charts = open_page("flows.py", **query).get("plotly_chart")
    assert len(charts) == count
    for chart in charts:
        assert "Sources up to 21 March 2026" in chart.proto.spec

"""The Trade flows page on the bundled data: the ten pairs, gaps, partial years and sources."""

from __future__ import annotations

import math
from typing import Any

from ca_trade.data import load_trade_data
from ca_trade.flows import pair_values, turnover_candidates
from tests.ui.apptest import figures, metrics, open_page

PAIRS = 10
COUNTRIES = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


def square(values: list[Any]) -> list[list[Any]]:
    """A country x country grid; the page harness flattens 2-D typed arrays, so reshape."""
    if values and not isinstance(values[0], list):
        size = math.isqrt(len(values))
        return [values[i * size : (i + 1) * size] for i in range(size)]
    return values


def titled(at: Any, starts: str) -> dict[str, Any]:
    """The one figure on the page whose title starts with `starts`."""
    (figure,) = [f for f in figures(at) if f["layout"]["title"]["text"].startswith(starts)]
    return figure


def test_2023_shows_the_ten_pairs_values_and_marked_gaps() -> None:
    at = open_page("flows.py", year="2023")
    assert not at.exception
    shown = metrics(at)
    assert shown["Pairs with a full-year value, 2023"] == "9 of 10"
    assert shown["Official regional total, 2023"] == "$11.0bn"
    matrix = titled(at, "Bilateral trade, 2023")
    (heatmap,) = matrix["data"]
    z = square(heatmap["z"])
    assert len(z) == len(COUNTRIES)
    assert all(len(row) == len(COUNTRIES) for row in z)
    cells = {(i, j): z[i][j] for i in range(len(COUNTRIES)) for j in range(len(COUNTRIES)) if i < j}
    assert len(cells) == PAIRS
    filled = [key for key, value in cells.items() if value is not None and not math.isnan(value)]
    assert len(filled) == 9
    # Every cell of the ten pairs has a hover that names the pair.
    hovers = heatmap["hovertext"]
    assert all("2023" in hovers[i][j] for (i, j) in cells)
    # The gap is marked, with the part-year value labelled as such, not put in the colour.
    notes = [a["text"] for a in matrix["layout"]["annotations"]]
    tajik_turkmen = (COUNTRIES.index("TJK"), COUNTRIES.index("TKM"))
    assert tajik_turkmen not in filled
    assert sum("Jan–Nov" in note for note in notes) == 2  # both cells of the pair
    assert "4,400" in notes  # Kazakhstan-Uzbekistan by Kazakh statistics


def test_2025_takes_the_kazakh_side_for_kazakhstan_uzbekistan() -> None:
    at = open_page("flows.py", year="2025")
    assert not at.exception
    shown = metrics(at)
    assert shown["Pairs with a full-year value, 2025"] == "5 of 10"
    assert shown["Sum of these pairs"] == "$8.2bn"  # Kazakh 4,300, not the Uzbek 4,970
    matrix = titled(at, "Bilateral trade, 2025")
    (heatmap,) = matrix["data"]
    kaz, uzb = COUNTRIES.index("KAZ"), COUNTRIES.index("UZB")
    assert square(heatmap["z"])[kaz][uzb] == math.log10(4300)
    assert "Reported by Kazakhstan" in heatmap["hovertext"][kaz][uzb]
    notes = [a["text"] for a in matrix["layout"]["annotations"]]
    assert "4,300" in notes
    assert "4,970" not in notes


def test_default_year_is_the_most_complete_one() -> None:
    at = open_page("flows.py")
    assert at.select_slider(key="year").value == 2023
    assert "Pairs with a full-year value, 2023" in metrics(at)


def test_a_thinner_year_shows_more_gaps() -> None:
    at = open_page("flows.py", year="2024")
    assert not at.exception
    assert metrics(at)["Pairs with a full-year value, 2024"] == "6 of 10"
    notes = [a["text"] for a in titled(at, "Bilateral trade, 2024")["layout"]["annotations"]]
    assert any("no data" in note for note in notes)
    assert any("Jan–Oct" in note for note in notes)


def test_each_side_view_shows_both_reports_and_the_gap() -> None:
    at = open_page("flows.py", year="2023")
    at.toggle(key="sides").set_value(True).run()
    assert not at.exception
    sides = titled(at, "What each country reports, 2023")
    (heatmap,) = sides["data"]
    kaz, kgz = COUNTRIES.index("KAZ"), COUNTRIES.index("KGZ")
    z = square(heatmap["z"])
    assert z[kaz][kgz] != z[kgz][kaz]  # 1,600 against 1,317
    gaps = titled(at, "Mirror asymmetry, 2023")
    names = [trace.get("name") for trace in gaps["data"]]
    assert "Reported by the first-named country" in names
    assert "Reported by the second-named country" in names


def test_sides_toggle_from_the_url() -> None:
    at = open_page("flows.py", year="2023", sides="true")
    assert at.toggle(key="sides").value is True
    titled(at, "Mirror asymmetry, 2023")


def test_the_charts_below_the_first_screen_are_drawn_only_when_their_section_is_open() -> None:
    at = open_page("flows.py", year="2023")
    shown = [f["layout"]["title"]["text"] for f in figures(at)]
    assert [title.split(",")[0] for title in shown] == [
        "Bilateral trade",
        "Trade between the pairs",
        "Trade with the other four",
    ]
    assert [e.label for e in at.expander] == ["Pairs over time", "Data coverage"]
    assert len(at.pills) == 0
    titled(open_page("flows.py", year="2023", coverage="true"), "Values found")
    # A link made before the sections folded, with pairs or the log scale, opens its section.
    old_link = open_page("flows.py", year="2023", pairs="KGZ-TJK")
    (trace,) = titled(old_link, "Trade by pair")["data"]
    assert trace["name"] == "Kyrgyzstan – Tajikistan"
    assert (
        titled(open_page("flows.py", log="true"), "Trade by pair")["layout"]["yaxis"]["type"]
        == "log"
    )


def test_pairs_over_time_follow_the_selection() -> None:
    at = open_page("flows.py", year="2023", series="true")
    series = titled(at, "Trade by pair")
    assert len(series["data"]) == 4
    at.pills(key="pairs").set_value(["KGZ-TJK"]).run()
    series = titled(at, "Trade by pair")
    (trace,) = series["data"]
    assert trace["name"] == "Kyrgyzstan – Tajikistan"
    at.toggle(key="log").set_value(True).run()
    assert titled(at, "Trade by pair")["layout"]["yaxis"]["type"] == "log"


def test_the_values_table_takes_the_matrix_place_only_when_asked_for() -> None:
    at = open_page("flows.py", year="2023")
    assert len(at.dataframe) == 0
    titled(at, "Bilateral trade, 2023")
    at.segmented_control(key="flows_tab").set_value("table").run()
    assert at.query_params["tab"] == "table"
    assert len(at.dataframe) == 1
    assert not [f for f in figures(at) if f["layout"]["title"]["text"].startswith("Bilateral")]
    titled(at, "Trade between the pairs, 2023")


def test_table_lists_every_value_of_the_year_with_its_source() -> None:
    at = open_page("flows.py", year="2023", tab="table")
    (table,) = [frame for frame in at.dataframe if "In the matrix" in frame.value.columns]
    rows = table.value
    data = load_trade_data()
    pairs = pair_values(turnover_candidates(data.trade_flows, data.countries), data.countries, 2023)
    used, partial = (
        {flow for ids in pairs[column].dropna() for flow in str(ids).split(";")}
        for column in ("flow_ids", "partial_flow_ids")
    )
    assert len(rows) == (data.trade_flows["year"] == 2023).sum()
    assert rows["In the matrix"].value_counts().to_dict() == {
        "yes": len(used),
        "no": len(rows) - len(used) - len(partial),
        "shown as part-year": len(partial),
    }
    assert rows["Source"].str.startswith("http").all()
    partial = rows[rows["Period"].str.contains("part of the year")]
    assert not partial.empty
    assert set(partial["In the matrix"]) <= {"no", "shown as part-year"}


def test_coverage_shows_gaps_as_gaps() -> None:
    at = open_page("flows.py", year="2023", coverage="true")
    grid = titled(at, "Values found")
    points = sum(len(trace["x"]) for trace in grid["data"])
    years = {int(x) for trace in grid["data"] for x in trace["x"]}
    assert points < PAIRS * len(years)  # some pair-years have no value and no marker
    assert len({trace["marker"]["symbol"] for trace in grid["data"]}) == len(grid["data"])

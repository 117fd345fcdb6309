"""The reporter rule, mirror values, partial years and coverage: edge cases first, then the fixture."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ca_trade.data import TradeData, load_trade_data
from ca_trade.flows import (
    BOTH_SIDES,
    DERIVED,
    ONE_SIDE,
    PARTIAL_ONLY,
    STATED,
    UNSPECIFIED,
    UNSPECIFIED_ONLY,
    cited_country_totals,
    country_pairs,
    country_totals,
    coverage,
    flow_years,
    mirror_asymmetry,
    most_complete_year,
    pair_matrix,
    pair_series,
    pair_values,
    reporter_choices,
    side_values,
    significant_digits,
    turnover_candidates,
    year_values_table,
)
from ca_trade.paths import PROJECT_ROOT

VALID_FIXTURE = Path(__file__).parent / "data" / "valid"
COUNTRIES = pd.DataFrame(
    {
        "iso3": ["KAZ", "KGZ", "TJK", "TKM", "UZB"],
        "name": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
        "reporter_priority": pd.array([1, 3, 4, None, 2], dtype="Int64"),
    }
)
PRIORITY = {"KAZ": 1, "UZB": 2, "KGZ": 3, "TJK": 4}

Row = tuple[int, int, str, str, str, float, str, str]


def flows_frame(rows: list[Row]) -> pd.DataFrame:
    """Build trade_flows from (year, months, country, partner, flow, USD m, reporter, qualifier)."""
    return pd.DataFrame(
        {
            "flow_id": [f"f{i}" for i in range(len(rows))],
            "year": [r[0] for r in rows],
            "months": [r[1] for r in rows],
            "country": [r[2] for r in rows],
            "partner": [r[3] for r in rows],
            "flow": [r[4] for r in rows],
            "value_usd_m": [r[5] for r in rows],
            "reporter": [r[6] for r in rows],
            "qualifier": [r[7] for r in rows],
            "source_id": [f"s{i}" for i in range(len(rows))],
            "note": [None] * len(rows),
        }
    )


def values_of(rows: list[Row], year: int = 2023) -> pd.DataFrame:
    """The rule's pair values for `year`, indexed by 'A-B'."""
    candidates = turnover_candidates(flows_frame(rows), COUNTRIES)
    values = pair_values(candidates, COUNTRIES, year)
    return values.set_index(values["country_a"] + "-" + values["country_b"])


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> TradeData:
    """The tiny valid package, loaded through the real loader and descriptor."""
    folder = tmp_path_factory.mktemp("package")
    shutil.copytree(VALID_FIXTURE, folder, dirs_exist_ok=True)
    shutil.copy(PROJECT_ROOT / "data" / "datapackage.json", folder / "datapackage.json")
    return load_trade_data(folder)


# --- the rule: negative and edge cases -------------------------------------------------------


def test_no_data_at_all_gives_ten_gaps_and_no_year() -> None:
    candidates = turnover_candidates(flows_frame([]), COUNTRIES)
    values = pair_values(candidates, COUNTRIES, 2023)
    assert len(values) == 10
    assert values["value_usd_m"].isna().all()
    assert values["reporter"].isna().all()
    assert flow_years(candidates) == []
    with pytest.raises(ValueError, match="no bilateral values"):
        most_complete_year(pair_series(candidates, COUNTRIES))


def test_pair_with_no_data_is_a_gap_not_zero() -> None:
    values = values_of([(2023, 12, "KAZ", "UZB", "turnover", 4400, "KAZ", "exact")])
    assert values.loc["KAZ-UZB", "value_usd_m"] == 4400
    assert math.isnan(values.loc["KGZ-TJK", "value_usd_m"])
    assert pd.isna(values.loc["KGZ-TJK", "reporter"])
    assert math.isnan(values.loc["KGZ-TJK", "partial_value_usd_m"])


def test_only_partial_year_data_is_never_a_full_year_value() -> None:
    values = values_of(
        [
            (2023, 11, "TJK", "TKM", "turnover", 40, "TJK", "lower_bound"),
            (2023, 6, "TJK", "TKM", "turnover", 20, "TJK", "exact"),
        ]
    )
    row = values.loc["TJK-TKM"]
    assert math.isnan(row["value_usd_m"])
    assert row["partial_value_usd_m"] == 40  # the longest period
    assert row["partial_months"] == 11
    assert row["partial_reporter"] == "TJK"
    matrix = pair_matrix(values.reset_index(drop=True), COUNTRIES)
    assert math.isnan(matrix.loc["TJK", "TKM"])


def test_full_year_value_hides_partial_ones() -> None:
    values = values_of(
        [
            (2023, 11, "KAZ", "UZB", "turnover", 4100, "KAZ", "exact"),
            (2023, 12, "KAZ", "UZB", "turnover", 4400, "UZB", "exact"),
        ]
    )
    row = values.loc["KAZ-UZB"]
    assert row["value_usd_m"] == 4400  # the partner's full year, not KAZ's eleven months
    assert row["reporter"] == "UZB"
    assert row["first_choice"] is False
    assert math.isnan(row["partial_value_usd_m"])


def test_turkmen_figures_are_never_used_by_the_rule() -> None:
    values = values_of([(2023, 12, "TJK", "TKM", "turnover", 118.36, "TKM", "exact")])
    assert math.isnan(values.loc["TJK-TKM", "value_usd_m"])
    # ... but they are what Turkmenistan reports, shown in the each-side view
    candidates = turnover_candidates(
        flows_frame([(2023, 12, "TJK", "TKM", "turnover", 118.36, "TKM", "exact")]), COUNTRIES
    )
    assert side_values(candidates, COUNTRIES, 2023).loc["TKM", "TJK"] == 118.36


def test_turkmen_pairs_take_the_partner_as_first_choice() -> None:
    values = values_of([(2023, 12, "TKM", "UZB", "turnover", 1094, "UZB", "exact")])
    assert values.loc["TKM-UZB", "reporter"] == "UZB"
    assert values.loc["TKM-UZB", "first_choice"] is True


def test_reporter_choices_follow_priority_whatever_the_order() -> None:
    assert reporter_choices("KAZ", "UZB", PRIORITY) == ["KAZ", "UZB", UNSPECIFIED]
    assert reporter_choices("UZB", "KAZ", PRIORITY) == ["KAZ", "UZB", UNSPECIFIED]
    assert reporter_choices("KGZ", "UZB", PRIORITY) == ["UZB", "KGZ", UNSPECIFIED]
    assert reporter_choices("TJK", "TKM", PRIORITY) == ["TJK", UNSPECIFIED]


def test_higher_priority_reporter_wins_over_partner_and_unspecified() -> None:
    values = values_of(
        [
            (2023, 12, "KGZ", "UZB", "turnover", 1200, UNSPECIFIED, "exact"),
            (2023, 12, "KGZ", "UZB", "turnover", 693.988, "KGZ", "exact"),
            (2023, 12, "KGZ", "UZB", "turnover", 968.3, "UZB", "exact"),
        ]
    )
    assert values.loc["KGZ-UZB", "value_usd_m"] == 968.3
    assert values.loc["KGZ-UZB", "reporter"] == "UZB"
    assert values.loc["KGZ-UZB", "first_choice"] is True


def test_unspecified_is_the_last_resort() -> None:
    values = values_of([(2023, 12, "TJK", "UZB", "turnover", 718.3, UNSPECIFIED, "exact")])
    assert values.loc["TJK-UZB", "reporter"] == UNSPECIFIED
    assert values.loc["TJK-UZB", "first_choice"] is False


def test_turnover_is_derived_from_both_directions_of_one_reporter() -> None:
    rows: list[Row] = [
        (2023, 12, "TJK", "KAZ", "export", 255.8, "TJK", "approximate"),
        (2023, 12, "TJK", "KAZ", "import", 893, "TJK", "exact"),
    ]
    candidates = turnover_candidates(flows_frame(rows), COUNTRIES)
    (derived,) = candidates.to_dict("records")
    assert (derived["country_a"], derived["country_b"]) == ("KAZ", "TJK")
    assert derived["value_usd_m"] == pytest.approx(1148.8)
    assert derived["basis"] == DERIVED
    assert derived["qualifier"] == "approximate"  # the least certain part
    assert set(str(derived["flow_ids"]).split(";")) == {"f0", "f1"}


def test_export_phrased_from_either_side_is_summed_once() -> None:
    # KAZ's export to UZB, and UZB's export to KAZ written as KAZ's import: one reporter.
    rows: list[Row] = [
        (2022, 12, "KAZ", "UZB", "export", 3700, UNSPECIFIED, "exact"),
        (2022, 12, "KAZ", "UZB", "import", 1300, UNSPECIFIED, "exact"),
    ]
    candidates = turnover_candidates(flows_frame(rows), COUNTRIES)
    assert candidates["value_usd_m"].tolist() == [5000]


def test_one_direction_alone_is_not_a_turnover() -> None:
    rows: list[Row] = [(2023, 12, "KAZ", "TJK", "export", 458.7, "KAZ", "exact")]
    assert turnover_candidates(flows_frame(rows), COUNTRIES).empty
    assert math.isnan(values_of(rows).loc["KAZ-TJK", "value_usd_m"])


def test_directions_of_different_reporters_or_periods_are_not_summed() -> None:
    rows: list[Row] = [
        (2023, 12, "KAZ", "UZB", "export", 3100, "KAZ", "exact"),
        (2023, 12, "UZB", "KAZ", "export", 1370, "UZB", "exact"),
        (2023, 10, "KAZ", "UZB", "import", 1000, "KAZ", "exact"),
    ]
    assert turnover_candidates(flows_frame(rows), COUNTRIES).empty


def test_stated_turnover_beats_derived_then_exact_beats_bounds() -> None:
    values = values_of(
        [
            (2023, 12, "KAZ", "KGZ", "export", 1100, "KAZ", "exact"),
            (2023, 12, "KAZ", "KGZ", "import", 495.2, "KAZ", "exact"),
            (2023, 12, "KAZ", "KGZ", "turnover", 1700, "KAZ", "lower_bound"),
            (2023, 12, "KAZ", "KGZ", "turnover", 1600, "KAZ", "exact"),
        ]
    )
    assert values.loc["KAZ-KGZ", "value_usd_m"] == 1600
    assert values.loc["KAZ-KGZ", "basis"] == STATED


def test_precise_figure_beats_rounded_then_file_order() -> None:
    rows: list[Row] = [
        (2017, 12, "KAZ", "TJK", "turnover", 80, "KAZ", "exact"),
        (2017, 12, "KAZ", "TJK", "turnover", 776.3, "KAZ", "exact"),
        (2017, 12, "KAZ", "UZB", "turnover", 1600, "KAZ", "exact"),
        (2017, 12, "KAZ", "UZB", "turnover", 1500, "KAZ", "exact"),
    ]
    values = values_of(rows, year=2017)
    assert values.loc["KAZ-TJK", "value_usd_m"] == 776.3
    assert values.loc["KAZ-UZB", "value_usd_m"] == 1600


@pytest.mark.parametrize(
    ("value", "digits"),
    [(4000, 1), (776.3, 4), (63.546, 5), (0.475, 3), (1340, 3), (0, 0), (12.0, 2)],
)
def test_significant_digits(value: float, digits: int) -> None:
    assert significant_digits(value) == digits


# --- views built on the rule -----------------------------------------------------------------


MIRRORED: list[Row] = [
    (2023, 12, "KAZ", "KGZ", "turnover", 1600, "KAZ", "exact"),
    (2023, 12, "KAZ", "KGZ", "turnover", 1317, "KGZ", "exact"),
    (2023, 12, "KAZ", "UZB", "turnover", 4400, "KAZ", "exact"),
    (2023, 11, "TJK", "TKM", "turnover", 40, "TJK", "lower_bound"),
    (2023, 12, "TJK", "TKM", "turnover", 118.36, "TKM", "exact"),
    (2022, 12, "KAZ", "UZB", "turnover", 5000, "KAZ", "exact"),
    (2022, 12, "TJK", "UZB", "turnover", 674.4, UNSPECIFIED, "exact"),
]


def test_pair_matrix_is_symmetric_with_empty_diagonal() -> None:
    values = values_of(MIRRORED).reset_index(drop=True)
    matrix = pair_matrix(values, COUNTRIES)
    assert list(matrix.index) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert matrix.loc["KAZ", "KGZ"] == matrix.loc["KGZ", "KAZ"] == 1600
    assert all(math.isnan(matrix.loc[c, c]) for c in matrix.index)


def test_mirror_asymmetry_compares_the_two_sides() -> None:
    candidates = turnover_candidates(flows_frame(MIRRORED), COUNTRIES)
    gaps = mirror_asymmetry(candidates, COUNTRIES, 2023)
    gaps = gaps.set_index(gaps["country_a"] + "-" + gaps["country_b"])
    assert gaps.loc["KAZ-KGZ", "by_a_usd_m"] == 1600
    assert gaps.loc["KAZ-KGZ", "by_b_usd_m"] == 1317
    assert gaps.loc["KAZ-KGZ", "difference_usd_m"] == -283
    assert gaps.loc["KAZ-KGZ", "relative_difference"] == pytest.approx(-283 / 1458.5)
    # One side only: no difference is made up.
    assert math.isnan(gaps.loc["KAZ-UZB", "difference_usd_m"])
    # Partial-year values never enter the comparison.
    assert math.isnan(gaps.loc["TJK-TKM", "by_a_usd_m"])
    assert gaps.loc["TJK-TKM", "by_b_usd_m"] == 118.36


def test_country_totals_sum_the_pairs_and_count_the_gaps() -> None:
    values = values_of(MIRRORED).reset_index(drop=True)
    totals = country_totals(values, COUNTRIES).set_index("iso3")
    assert totals.loc["KAZ", "value_usd_m"] == 6000
    assert (totals.loc["KAZ", "pairs_with_data"], totals.loc["KAZ", "pairs"]) == (2, 4)
    assert math.isnan(totals.loc["TJK", "value_usd_m"])
    assert totals.loc["TJK", "pairs_with_data"] == 0


def test_cited_country_totals_read_full_year_country_scopes() -> None:
    totals = pd.DataFrame(
        {
            "total_id": ["a", "b", "c", "d"],
            "year": [2023, 2023, 2023, 2024],
            "months": [12, 11, 12, 12],
            "scope": ["KAZ_CA", "TJK_CA", "CA5", "UZB_CA"],
            "value_usd_bn": [8.0, 1.539, 11.0, 6.9],
            "qualifier": ["exact", "lower_bound", "exact", "exact"],
            "source_id": ["s1", "s2", "s3", "s4"],
        }
    )
    cited = cited_country_totals(totals, COUNTRIES, 2023)
    assert cited.to_dict("records") == [
        {"iso3": "KAZ", "value_usd_m": 8000.0, "qualifier": "exact", "source_id": "s1"}
    ]


def test_coverage_marks_sides_partial_years_and_leaves_gaps_out() -> None:
    candidates = turnover_candidates(flows_frame(MIRRORED), COUNTRIES)
    grid = coverage(candidates, COUNTRIES)
    status = {
        (int(r["year"]), f"{r['country_a']}-{r['country_b']}"): r["status"]
        for r in grid.to_dict("records")
    }
    assert status[(2023, "KAZ-KGZ")] == BOTH_SIDES
    assert status[(2023, "KAZ-UZB")] == ONE_SIDE
    assert status[(2023, "TJK-TKM")] == ONE_SIDE  # Turkmenistan's own figure exists
    assert status[(2022, "TJK-UZB")] == UNSPECIFIED_ONLY
    assert (2023, "KGZ-TJK") not in status  # a gap is no row at all
    partial = coverage(
        turnover_candidates(
            flows_frame([(2019, 9, "KAZ", "UZB", "turnover", 2600, "KAZ", "exact")]), COUNTRIES
        ),
        COUNTRIES,
    )
    assert partial.to_dict("records")[0]["status"] == PARTIAL_ONLY
    assert partial.to_dict("records")[0]["partial_months"] == 9


def test_most_complete_year_prefers_more_pairs_then_later() -> None:
    candidates = turnover_candidates(flows_frame(MIRRORED), COUNTRIES)
    assert most_complete_year(pair_series(candidates, COUNTRIES)) == 2023  # 2 pairs against 2
    assert flow_years(candidates) == [2022, 2023]


def test_pair_series_has_every_pair_every_year_without_partial_values() -> None:
    candidates = turnover_candidates(flows_frame(MIRRORED), COUNTRIES)
    series = pair_series(candidates, COUNTRIES)
    assert len(series) == 20
    assert not any(column.startswith("partial_") for column in series.columns)
    kaz_uzb = series[(series["country_a"] == "KAZ") & (series["country_b"] == "UZB")]
    assert kaz_uzb["value_usd_m"].tolist() == [5000, 4400]


def test_pairs() -> None:
    pairs = country_pairs(COUNTRIES)
    assert len(pairs) == 10
    assert pairs[0] == ("KAZ", "KGZ")


# --- the fixture package ---------------------------------------------------------------------


def test_fixture_year_table_marks_used_and_partial_rows(fixture_data: TradeData) -> None:
    candidates = turnover_candidates(fixture_data.trade_flows, fixture_data.countries)
    values = pair_values(candidates, fixture_data.countries, 2023)
    table = year_values_table(fixture_data.trade_flows, fixture_data.sources, values, 2023)
    by_id = table.set_index("flow_id")
    assert bool(by_id.loc["f1", "used"]) is True  # KAZ reports KAZ-UZB: first choice
    assert bool(by_id.loc["f2", "used"]) is False  # the Uzbek mirror value
    assert bool(by_id.loc["f3", "used"]) is False  # ten months only ...
    assert bool(by_id.loc["f3", "partial_shown"]) is True  # ... shown as such for the gap
    assert by_id.loc["f1", "source_url"] == "https://example.org/a"
    assert list(table["flow_id"]) == ["f1", "f2", "f3"]


def test_fixture_pair_values(fixture_data: TradeData) -> None:
    candidates = turnover_candidates(fixture_data.trade_flows, fixture_data.countries)
    values = pair_values(candidates, fixture_data.countries, 2023)
    assert int(values["value_usd_m"].notna().sum()) == 1
    assert values["partial_value_usd_m"].notna().sum() == 1

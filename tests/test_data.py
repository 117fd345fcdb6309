"""The data package loader: one broken fixture per rule, each with a precise message."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from ca_trade.data import DataError, Problem, load_trade_data
from ca_trade.paths import DATA_DIR_ENV, PROJECT_ROOT, data_dir, files_root

VALID_FIXTURE = Path(__file__).parent / "data" / "valid"
DESCRIPTOR = PROJECT_ROOT / "data" / "datapackage.json"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the tiny valid package, described by the real datapackage.json."""
    folder = tmp_path / "package"
    shutil.copytree(VALID_FIXTURE, folder)
    shutil.copy(DESCRIPTOR, folder / "datapackage.json")
    return folder


def edit(folder: Path, name: str, change: Callable[[str], str]) -> None:
    """Rewrite one CSV of the package through `change`."""
    path = folder / name
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def problems_of(folder: Path) -> tuple[Problem, ...]:
    """Load the package, expecting it to fail, and return the problems."""
    with pytest.raises(DataError) as caught:
        load_trade_data(folder)
    return caught.value.problems


def test_valid_fixture_loads_with_types(package: Path) -> None:
    data = load_trade_data(package)
    assert list(data.trade_totals["year"]) == [2018, 2022, 2023, 2024]
    assert data.trade_totals["year"].dtype == "Int64"
    assert data.trade_totals["value_usd_bn"].dtype == "float64"
    assert data.targets["deadline_year"].isna().sum() == 2
    assert data.sources.loc[1, "published"] is pd.NaT or pd.isna(data.sources.loc[1, "published"])
    assert data.assumptions["is_default"].tolist() == [True, True]
    assert data.trade_totals.loc[1, "note"] == "exceeded, with a comma"


def test_missing_column_is_named(package: Path) -> None:
    edit(package, "trade_totals.csv", lambda text: text.replace(",qualifier,", ",", 1))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("trade_totals.csv", 1, "qualifier")
    assert "missing" in problem.message


def test_extra_column_is_named(package: Path) -> None:
    edit(
        package,
        "sources.csv",
        lambda text: (
            text.replace("language\n", "language,comment\n", 1)
            .replace(",en\n", ",en,x\n")
            .replace(",ru\n", ",ru,y\n")
        ),
    )
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("sources.csv", 1, "comment")
    assert "unexpected column" in problem.message


def test_unknown_country_code(package: Path) -> None:
    edit(package, "trade_flows.csv", lambda text: text.replace("KGZ,TJK", "KGZ,AFG"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("trade_flows.csv", 4, "partner")
    assert "'AFG' is not one of" in problem.message


def test_negative_value(package: Path) -> None:
    edit(package, "trade_flows.csv", lambda text: text.replace(",4300,", ",-4300,"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("trade_flows.csv", 3, "value_usd_m")
    assert "below the minimum 0" in problem.message


def test_unknown_source_id(package: Path) -> None:
    edit(
        package,
        "trade_totals.csv",
        lambda text: text.replace("Докладчик B,src_b", "Докладчик B,src_missing"),
    )
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("trade_totals.csv", 3, "source_id")
    assert "'src_missing' does not exist in sources.csv" in problem.message


def test_route_of_unknown_project(package: Path) -> None:
    edit(package, "project_routes.csv", lambda text: text.replace("rail_b,2,2", "rail_x,2,2"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("project_routes.csv", 5, "project_id")
    assert "does not exist in projects.csv" in problem.message


def test_duplicate_primary_key(package: Path) -> None:
    edit(package, "trade_totals.csv", lambda text: text.replace("t2024,", "t2023,"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("trade_totals.csv", 5, "total_id")
    assert "duplicate key 't2023' (first on row 4)" in problem.message


def test_duplicate_compound_key(package: Path) -> None:
    edit(package, "project_routes.csv", lambda text: text.replace("rail_b,2,2", "rail_b,2,1"))
    (problem,) = problems_of(package)
    assert (problem.row, problem.column) == (5, "project_id, segment, seq")


def test_impossible_year(package: Path) -> None:
    edit(package, "trade_totals.csv", lambda text: text.replace("t2018,2018", "t2018,1800"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("trade_totals.csv", 2, "year")
    assert "below the minimum 1991" in problem.message


def test_non_numeric_value(package: Path) -> None:
    edit(package, "trade_totals.csv", lambda text: text.replace(",11.5,", ",eleven,"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("trade_totals.csv", 5, "value_usd_bn")
    assert "'eleven' is not a number" in problem.message


def test_nan_spelled_out_is_not_a_number(package: Path) -> None:
    edit(package, "trade_totals.csv", lambda text: text.replace(",11.5,", ",nan,"))
    (problem,) = problems_of(package)
    assert problem.column == "value_usd_bn"


def test_bad_date(package: Path) -> None:
    edit(package, "targets.csv", lambda text: text.replace("2025-11-16", "16.11.2025"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("targets.csv", 3, "announced")
    assert "is not a date" in problem.message


def test_required_value_empty(package: Path) -> None:
    edit(package, "sources.csv", lambda text: text.replace("https://example.org/b", ""))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row, problem.column) == ("sources.csv", 3, "url")
    assert "required" in problem.message


def test_empty_file(package: Path) -> None:
    (package / "events.csv").write_bytes(b"")
    (problem,) = problems_of(package)
    assert problem.file == "events.csv"
    assert "empty" in problem.message


def test_missing_file(package: Path) -> None:
    (package / "events.csv").unlink()
    (problem,) = problems_of(package)
    assert (problem.file, problem.message) == ("events.csv", "file is missing")


def test_not_utf8(package: Path) -> None:
    path = package / "countries.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251"))
    (problem,) = problems_of(package)
    assert (problem.file, problem.row) == ("countries.csv", 2)
    assert "not UTF-8" in problem.message


def test_row_with_too_many_cells(package: Path) -> None:
    edit(package, "events.csv", lambda text: text.rstrip("\n") + ",surplus\n")
    (problem,) = problems_of(package)
    assert (problem.file, problem.row) == ("events.csv", 2)
    assert "11 cells, the header has 10" in problem.message


def test_row_numbers_count_multiline_cells(package: Path) -> None:
    edit(
        package,
        "trade_totals.csv",
        lambda text: text.replace('"exceeded, with a comma"', '"two\nlines"').replace(
            "t2024,2024", "t2024,1800"
        ),
    )
    (problem,) = problems_of(package)
    assert (problem.row, problem.column) == (6, "year")


def test_every_problem_is_reported_at_once(package: Path) -> None:
    edit(
        package,
        "trade_totals.csv",
        lambda text: text.replace(",11.5,", ",-1,").replace("t2018,2018", "t2018,1800"),
    )
    edit(package, "trade_flows.csv", lambda text: text.replace("KGZ,TJK", "KGZ,AFG"))
    found = {(p.file, p.row, p.column) for p in problems_of(package)}
    assert found == {
        ("trade_totals.csv", 5, "value_usd_bn"),
        ("trade_totals.csv", 2, "year"),
        ("trade_flows.csv", 4, "partner"),
    }


def test_message_names_file_row_and_column(package: Path) -> None:
    edit(package, "trade_totals.csv", lambda text: text.replace(",11.5,", ",eleven,"))
    with pytest.raises(
        DataError,
        match=r"trade_totals\.csv, row 5, column 'value_usd_bn': 'eleven' is not a number",
    ):
        load_trade_data(package)


def test_loading_never_writes_to_the_folder(package: Path) -> None:
    before = {p.name: p.read_bytes() for p in package.iterdir()}
    load_trade_data(package)
    assert {p.name: p.read_bytes() for p in package.iterdir()} == before


def test_data_dir_follows_environment(monkeypatch: pytest.MonkeyPatch, package: Path) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(package))
    assert data_dir() == package
    assert len(load_trade_data().trade_totals) == 4


def test_files_come_from_the_source_tree_else_from_where_a_wheel_puts_them(
    tmp_path: Path,
) -> None:
    source, share = tmp_path / "clone", tmp_path / "share" / "ca-trade"
    source.mkdir()
    assert files_root(source, share) == share  # installed from a wheel: no data/ beside src/
    (source / "data").mkdir()
    assert files_root(source, share) == source
    assert files_root() == PROJECT_ROOT  # tests run on the clone's own files


def test_missing_package_says_how_to_point_at_one(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path)
    assert (
        problem.message
        == f"not found in {tmp_path}; set {DATA_DIR_ENV} to the folder of the data package"
    )

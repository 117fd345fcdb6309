"""The maintainer's data check (`make data`): row changes, coverage grid, release consistency."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pytest

from ca_trade.data import load_trade_data
from ca_trade.paths import PROJECT_ROOT
from tests.scripts import load_script

VALID_FIXTURE = Path(__file__).parent / "data" / "valid"


@pytest.fixture(scope="module")
def release() -> ModuleType:
    return load_script("data_release")


OLD = "flow_id,year,value_usd_m,note\na,2024,100,\nb,2024,200,x\nc,2024,300,\n"


def test_changes_by_primary_key(release: ModuleType) -> None:
    new = "flow_id,year,value_usd_m,note\na,2024,100,\nb,2024,250,x\nd,2025,400,\n"
    changes = release.table_changes("trade_flows.csv", OLD, new, ["flow_id"])
    assert (changes.added, changes.changed, changes.removed) == (("d",), ("b",), ("c",))


def test_a_new_empty_column_changes_nothing(release: ModuleType) -> None:
    new = "flow_id,year,value_usd_m,note,note_ru\na,2024,100,,\nb,2024,200,x,\nc,2024,300,,y\n"
    changes = release.table_changes("trade_flows.csv", OLD, new, ["flow_id"])
    assert (changes.added, changes.changed, changes.removed) == ((), ("c",), ())


def test_composite_keys_join_their_columns(release: ModuleType) -> None:
    rows = release.rows_by_key("project_id,source_id\np,s1\np,s2\n", ["project_id", "source_id"])
    assert list(rows) == ["p|s1", "p|s2"]


def test_coverage_grid_of_the_fixture(release: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "package"
    shutil.copytree(VALID_FIXTURE, folder)
    shutil.copy(PROJECT_ROOT / "data" / "datapackage.json", folder / "datapackage.json")
    data = load_trade_data(folder)
    grid = release.coverage_grid(data, 2022, 2024)
    assert grid[0] == "pair     22 23 24"
    assert len(grid) == 1 + 10 + 1
    assert all(len(line) == len(grid[1]) for line in grid[1:-1])


def test_release_problems_name_a_wrong_cutoff_and_a_missing_section(
    release: ModuleType,
) -> None:
    data = load_trade_data(PROJECT_ROOT / "data")
    descriptor = {"version": "9.9.9", "cutoff": "2020-01-01"}
    problems = release.release_problems(data, descriptor, "## 0.2.0 (2026-12-07)\n")
    assert len(problems) == 2
    assert "2020-01-01" in problems[0]
    assert "2026-03-21" in problems[0]
    assert "9.9.9" in problems[1]


def test_the_bundled_release_is_consistent(release: ModuleType) -> None:
    data = load_trade_data(PROJECT_ROOT / "data")
    descriptor = {"version": "0.2.0", "cutoff": "2026-03-21"}
    changelog = (PROJECT_ROOT / "data" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert release.release_problems(data, descriptor, changelog) == []

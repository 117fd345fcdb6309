"""Shared test configuration: browser tests are marked, and no test reads beside the repository."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from ca_trade.data import TradeData, load_trade_data
from tests.project_frames import fixture_package

# Property tests: `ci` (the default) is repeatable and quick; `make fuzz` loads `fuzz`.
settings.register_profile("ci", max_examples=30, derandomize=True, deadline=None, print_blob=True)
settings.register_profile("fuzz", max_examples=2_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPOSITORY = Path(__file__).resolve().parents[1]
_BESIDE = str(REPOSITORY.parent) + os.sep
_ALLOWED = tuple(
    str(Path(folder).resolve()) + os.sep
    for folder in (REPOSITORY, tempfile.gettempdir(), sys.prefix, sys.base_prefix)
)
_reads_beside: list[str] = []


def _refuse_reads_beside_the_repository(event: str, args: tuple[Any, ...]) -> None:
    """A user's clone has nothing next to it (no research dossier): tests may not read there."""
    if event != "open" or not isinstance(args[0], str | bytes | os.PathLike):
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    if path.startswith(_BESIDE) and not path.startswith(_ALLOWED):
        _reads_beside.append(path)
        raise PermissionError(f"a test read {path}, outside the repository")


sys.addaudithook(_refuse_reads_beside_the_repository)


_call_failed = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if call.when == "call":
        item.stash[_call_failed] = report.failed
    return report


@pytest.fixture(autouse=True)
def _nothing_read_beside_the_repository(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test whose code swallowed the PermissionError; one that failed is reported once."""
    before = len(_reads_beside)
    yield
    if not request.node.stash.get(_call_failed, False):
        assert _reads_beside[before:] == [], "tests may read only what the repository holds"


# The slowest test modules, slowest first (measured), browser modules together: with
# `--dist loadfile --no-loadscope-reorder` (Makefile) the test processes take modules in this
# order, so the short ones come last and the processes finish together, and a process starts
# Chromium once for its browser modules.
SLOWEST_FIRST = (
    "browser/test_projects_map_views.py",
    "browser/test_russian.py",
    "browser/test_every_page.py",
    "browser/test_scenario_browser.py",
    "browser/test_nginx.py",
    "browser/test_downloads.py",
    "browser/test_overview_flows.py",
    "browser/test_bad_input.py",
    "browser/test_projects_map.py",
    "browser/test_scenario_method_growth.py",
    "test_scenario_properties.py",
    "ui/test_scenario_page.py",
    "loadtest/test_against_server.py",
    "test_estimate.py",
    "charts/test_projects_map.py",
    "test_report_content.py",
)
# tests/browser keeps one Chromium across its modules and leaves here how to stop it: its
# Playwright keeps an event loop running in this thread, where asyncio.run() refuses to start.
STOP_CHROMIUM = pytest.StashKey[Callable[[], None]]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser with `browser`; put the slowest modules first."""
    tests = Path(__file__).parent
    if missing := [name for name in SLOWEST_FIRST if not (tests / name).is_file()]:
        raise pytest.UsageError(f"SLOWEST_FIRST names modules that do not exist: {missing}")
    for item in items:
        if tests / "browser" in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
    rank = {tests / name: place for place, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(Path(str(item.path)), len(rank)))


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Stop the browser modules' Chromium before any other test."""
    stop = item.config.stash.get(STOP_CHROMIUM, None)
    if stop is not None and item.get_closest_marker("browser") is None:
        stop()


@pytest.fixture(scope="module")
def bundled() -> TradeData:
    """The bundled data package in data/, loaded once per test module."""
    return load_trade_data()


@pytest.fixture
def fixture_data(tmp_path: Path) -> TradeData:
    """The tiny valid package, described by the real datapackage.json (a module may narrow it)."""
    return fixture_package(tmp_path)

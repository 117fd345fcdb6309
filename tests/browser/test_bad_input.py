"""Bad input in a real browser: garbage links and a broken data folder never crash the app."""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ca_trade.paths import PROJECT_ROOT
from tests.browser.conftest import Server, Visit, start_server, stop_server, wait_until_idle

DATA = PROJECT_ROOT / "data"
GARBAGE_LINKS = [
    "/scenario?growth=abc",
    "/flows?year=1800",
    "/?goal=-5",
    "/?target_year=99999",
    "/scenario?growth=" + "9" * 500,
    "/?lang=%D0%BA%D0%B0%D0%B7%3Cscript%3Ealert(1)%3C%2Fscript%3E",
]


@pytest.mark.parametrize("link", GARBAGE_LINKS)
def test_garbage_link_shows_a_notice_not_an_exception(
    server: Server, visit: Visit, link: str
) -> None:
    visit.page.goto(server.url + link)
    wait_until_idle(visit.page)
    assert visit.page.locator("[data-testid='stException']").count() == 0
    notice = visit.page.get_by_text("could not be used")
    assert notice.count() == 1, "the refused parameter is not named"
    assert visit.page_errors == []


def test_valid_link_shows_no_notice(server: Server, visit: Visit) -> None:
    visit.page.goto(server.url + "/?goal=20&target_year=2030")
    wait_until_idle(visit.page)
    assert visit.page.get_by_text("could not be used").count() == 0


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on a copy of the data with a non-numeric value in trade_totals.csv, row 3."""
    folder: Path = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(DATA, folder)
    totals = folder / "trade_totals.csv"
    lines = totals.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[2].split(",")
    cells[header.index("year")] = "twenty"
    lines[2] = ",".join(cells)
    totals.write_text("".join(lines), encoding="utf-8")
    running = start_server(env={"CA_TRADE_DATA_DIR": str(folder)})
    yield running
    stop_server(running)


@pytest.mark.parametrize("path", ["/", "/flows", "/projects", "/scenario"])
def test_broken_data_names_file_row_and_column_and_the_app_stays_up(
    broken_server: Server, visit: Visit, path: str
) -> None:
    visit.page.goto(broken_server.url + path)
    wait_until_idle(visit.page)
    error = visit.page.locator("[data-testid='stAlertContentError']")
    assert error.count() == 1
    assert (
        "trade_totals.csv, row 3, column 'year': 'twenty' is not an integer" in error.inner_text()
    )
    assert visit.page.locator("[data-testid='stException']").count() == 0
    with urllib.request.urlopen(f"{broken_server.url}/_stcore/health", timeout=5) as reply:
        assert reply.read() == b"ok"

"""Every page in every language runs without an exception; hostile or missing pieces don't break it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ca_trade.i18n import available_languages
from ca_trade.paths import DATA_DIR_ENV, data_dir
from tests.ui.apptest import open_page

PAGES = ["overview.py", "flows.py", "scenario.py", "projects.py"]
CYRILLIC = re.compile("[а-яА-Я]")


def page_text(at: AppTest) -> str:
    """Every heading, paragraph, caption and alert of the page, as one text."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info")
    return "\n".join(str(el.value) for kind in kinds for el in at.get(kind))


@pytest.mark.parametrize("lang", available_languages())
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_language(page: str, lang: str) -> None:
    at = open_page(page, lang=lang)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    (title,) = at.title
    assert bool(CYRILLIC.search(title.value)) == (lang == "ru"), title.value
    assert len(at.main.get("plotly_chart")) + len(at.metric) > 0, "the page shows nothing"


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A server with no Chromium anywhere: an empty PATH and no BROWSER_PATH."""
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))


@pytest.mark.usefixtures("no_chromium")
@pytest.mark.parametrize("page", ["overview.py", "scenario.py"])
def test_without_chromium_pages_work_and_say_how_to_enable_images(page: str) -> None:
    at = open_page(page)
    assert not at.exception
    labels = [button.label for button in at.get("download_button")]
    assert "PNG" not in labels
    assert "Report (PDF)" not in labels
    assert "HTML (interactive)" in labels
    assert "Data (CSV)" in labels
    text = page_text(at)
    assert "set `BROWSER_PATH` to a Chromium or Chrome program" in text
    if page == "scenario.py":
        assert "The PDF report needs Chromium and the DejaVu fonts" in text


def test_hostile_resource_path_shows_an_error_naming_it_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["resources"][1]["path"] = "../../../../../../etc/passwd"
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = open_page("overview.py")
    assert not at.exception
    (error,) = at.error
    assert "resource 'countries'" in error.value
    assert "root:" not in page_text(at)
    assert not at.metric


GARBAGE_LINKS = [
    ("scenario.py", {"growth": "abc"}),
    ("flows.py", {"year": "1800"}),
    ("overview.py", {"goal": "-5"}),
    ("overview.py", {"target_year": "99999"}),
    ("scenario.py", {"growth": "9" * 500}),
    ("overview.py", {"lang": "каз<script>alert(1)</script>"}),
]


@pytest.mark.parametrize(("page", "query"), GARBAGE_LINKS)
def test_garbage_link_shows_one_notice_not_an_exception(page: str, query: dict[str, str]) -> None:
    at = open_page(page, **query)
    assert not at.exception
    assert page_text(at).count("could not be used") == 1, "the refused parameter is not named"


def test_valid_link_shows_no_notice() -> None:
    at = open_page("overview.py", goal="20", target_year="2030")
    assert "could not be used" not in page_text(at)


@pytest.fixture
def broken_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the data with a non-numeric year in trade_totals.csv, row 3."""
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    totals = folder / "trade_totals.csv"
    lines = totals.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[2].split(",")
    cells[header.index("year")] = "twenty"
    lines[2] = ",".join(cells)
    totals.write_text("".join(lines), encoding="utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))


@pytest.mark.usefixtures("broken_package")
@pytest.mark.parametrize("page", PAGES)
def test_broken_data_names_file_row_and_column_on_every_page(page: str) -> None:
    at = open_page(page)
    assert not at.exception
    (error,) = at.error
    shown = error.value.replace("\\", "")  # Markdown escapes
    assert "trade_totals.csv, row 3, column 'year': 'twenty' is not an integer" in shown
    assert not at.metric

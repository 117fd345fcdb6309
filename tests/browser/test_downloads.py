"""Downloads in a real browser: each click gives a file with the right name and content.

The Scenario's parameters file and report: test_scenario_browser.py (the link they reproduce)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.browser.conftest import CHARTS, Server, Visit, wait_until_drawn

SIGNATURES = {
    "PNG": (".png", b"\x89PNG\r\n\x1a\n"),
    "SVG": (".svg", b"<svg"),
    "PDF": (".pdf", b"%PDF"),
    "HTML (interactive)": (".html", b"<html"),
    "Data (CSV)": (".csv", b"\xef\xbb\xbf"),
}
CHART_MENU = "[data-testid='stPopoverButton']"


def download(visit: Visit, label: str, tmp_path: Path) -> tuple[str, bytes]:
    """Click the first download button with `label`; return the file name and its bytes."""
    with visit.page.expect_download(timeout=60_000) as caught:
        visit.page.get_by_role("button", name=label, exact=True).first.click()
    target = tmp_path / caught.value.suggested_filename
    caught.value.save_as(target)
    return caught.value.suggested_filename, target.read_bytes()


def test_every_chart_format_and_the_full_data_zip(
    server: Server, visit: Visit, tmp_path: Path
) -> None:
    page = visit.page
    page.goto(server.url + "/")
    wait_until_drawn(page, CHARTS["/"])
    menu = page.locator(CHART_MENU).filter(has_text="Download").first
    for label, (extension, signature) in SIGNATURES.items():
        menu.click()
        name, content = download(visit, label, tmp_path)
        assert name == "central-asia-trade-goal" + extension, label
        if label.startswith("HTML"):
            assert signature in content[:200].lower(), label
        else:
            assert content.startswith(signature), label
        page.keyboard.press("Escape")  # close the menu
        page.get_by_role("button", name=label, exact=True).first.wait_for(state="hidden")

    page.locator(f".st-key-data_menu {CHART_MENU}").click()
    name, content = download(visit, "Full data (zip)", tmp_path)
    assert name == "central-asia-trade-data.zip"
    names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    assert {"datapackage.json", "README.md", "trade_flows.csv", "projects.csv"} <= names


def test_map_html_download_works_offline(server: Server, visit: Visit, tmp_path: Path) -> None:
    visit.page.goto(server.url + "/projects")
    wait_until_drawn(visit.page, CHARTS["/projects"])
    visit.page.locator(CHART_MENU).filter(has_text="Download").first.click()
    name, content = download(visit, "HTML (interactive)", tmp_path)
    assert name.endswith(".html")
    html = content.decode("utf-8")
    assert "PlotlyGeoAssets" in html  # the basemap travels inside the file

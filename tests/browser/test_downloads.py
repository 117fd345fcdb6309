"""Downloads in a real browser: each click gives a file with the right name and content."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.browser.conftest import Server, Visit, wait_until_drawn

SIGNATURES = {
    "PNG": (".png", b"\x89PNG\r\n\x1a\n"),
    "SVG": (".svg", b"<svg"),
    "PDF": (".pdf", b"%PDF"),
    "HTML (interactive)": (".html", b"<html"),
    "Data (CSV)": (".csv", b"\xef\xbb\xbf"),
}


def download(visit: Visit, label: str, tmp_path: Path) -> tuple[str, bytes]:
    """Click the first download button with `label`; return the file name and its bytes."""
    with visit.page.expect_download(timeout=60_000) as caught:
        visit.page.get_by_role("button", name=label, exact=True).first.click()
    target = tmp_path / caught.value.suggested_filename
    caught.value.save_as(target)
    return caught.value.suggested_filename, target.read_bytes()


@pytest.mark.parametrize("label", list(SIGNATURES))
def test_chart_download_gives_the_right_file(
    server: Server, visit: Visit, tmp_path: Path, label: str
) -> None:
    visit.page.goto(server.url + "/")
    wait_until_drawn(visit.page)
    visit.page.locator("[data-testid='stPopoverButton']").filter(has_text="Download").first.click()
    name, content = download(visit, label, tmp_path)
    extension, signature = SIGNATURES[label]
    assert name == "central-asia-trade-goal" + extension
    assert (
        signature in content[:200].lower()
        if label.startswith("HTML")
        else content.startswith(signature)
    )


def test_map_html_download_works_offline(server: Server, visit: Visit, tmp_path: Path) -> None:
    visit.page.goto(server.url + "/projects")
    wait_until_drawn(visit.page)
    visit.page.locator("[data-testid='stPopoverButton']").filter(has_text="Download").first.click()
    name, content = download(visit, "HTML (interactive)", tmp_path)
    assert name.endswith(".html")
    html = content.decode("utf-8")
    assert "PlotlyGeoAssets" in html  # the basemap travels inside the file


def test_full_data_zip(server: Server, visit: Visit, tmp_path: Path) -> None:
    visit.page.goto(server.url + "/flows")
    wait_until_drawn(visit.page)
    visit.page.locator(".st-key-data_menu [data-testid='stPopoverButton']").click()
    name, content = download(visit, "Full data (zip)", tmp_path)
    assert name == "central-asia-trade-data.zip"
    names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    assert {"datapackage.json", "README.md", "trade_flows.csv", "projects.csv"} <= names


def test_scenario_parameters_and_report(server: Server, visit: Visit, tmp_path: Path) -> None:
    visit.page.goto(server.url + "/scenario?growth=5&goal=15&target_year=2030&effects=false")
    wait_until_drawn(visit.page)
    name, content = download(visit, "Parameters (JSON)", tmp_path)
    assert name == "central-asia-trade-scenario.json"
    fields = json.loads(content)
    assert (fields["growth"], fields["effects_enabled"]) == (0.05, False)
    share_link = visit.page.locator(".st-key-scenario_share_link a").first.inner_text()
    assert "growth=5" in share_link
    assert "effects=false" in share_link.lower()
    name, content = download(visit, "Report (PDF)", tmp_path)
    assert name.startswith("central-asia-trade-report-")
    assert name.endswith(".pdf")
    assert content.startswith(b"%PDF")
    assert content.count(b"/Subtype /Image") == 3

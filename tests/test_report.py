"""The PDF report: a real PDF, with Cyrillic text, images and source links."""

from __future__ import annotations

import re
from datetime import date

import plotly.graph_objects as go
import pytest

from ca_trade.export import ImageRenderer
from ca_trade.i18n import language
from ca_trade.report import ReportSection, SourceRef, build_report


@pytest.fixture(scope="module")
def chart_png() -> bytes:
    return ImageRenderer().render(go.Figure(go.Bar(x=["a"], y=[1])), "png", 600, 350)


@pytest.mark.chromium
def test_report_is_a_pdf_with_every_section(chart_png: bytes) -> None:
    sections = [
        ReportSection(
            heading="Where trade stands",
            figures=[("Latest official total (2024)", "$11.5bn")],
            paragraphs=["The region traded $11.5bn in 2024."],
            chart_png=chart_png,
            sources=[SourceRef("Kazinform", "https://en.inform.kz/")],
        ),
        ReportSection(heading="Projects", chart_png=chart_png),
    ]
    pdf = build_report(
        "Central Asia trade", "http://localhost/?goal=15", sections, date(2026, 11, 28)
    )
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Subtype /Image") == 1  # the same chart twice is embedded once
    assert b"https://en.inform.kz/" in pdf  # the source is a clickable link
    # Two pages: the chart of the second section does not fit under the first one.
    assert re.findall(rb"/Count (\d+)", pdf) == [b"2"]


def test_report_sets_cyrillic_text() -> None:
    with language("ru"):
        pdf = build_report(
            "Торговля в Центральной Азии", "", [ReportSection(heading="Обзор")], date(2026, 11, 28)
        )
    assert pdf.startswith(b"%PDF")
    assert b"DejaVu" in pdf  # an embedded Unicode font, not a Latin-1 core font

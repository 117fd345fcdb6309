"""The report button: one click builds the PDF of the current view on the server."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from ca_trade.data import TradeData
from ca_trade.export import IMAGE_HEIGHT_PX, IMAGE_WIDTH_PX, chromium_path
from ca_trade.i18n import current_language, language, t
from ca_trade.progress import Goal
from ca_trade.report import build_report, report_fonts_available
from ca_trade.report_content import ReportScenario, report_sections
from ca_trade.ui.common import small_markdown
from ca_trade.ui.downloads import image_renderer


def report_download(
    data: TradeData, goals: Sequence[Goal], current: Callable[[], tuple[ReportScenario, str]]
) -> None:
    """Show the 'Report (PDF)' download; the report is built only when clicked.

    Args:
        data: the data package.
        goals: the regional goals drawn on the charts.
        current: returns the scenario on screen and the address that reproduces the view
            (printed on the report), when the button is clicked.
    """
    if chromium_path() is None or not report_fonts_available():
        small_markdown(
            t(
                "The PDF report needs Chromium and the DejaVu fonts on the server, which are not "
                "installed here. To enable it, install them (Debian: `apt-get install chromium "
                "fonts-dejavu-core`) or set `BROWSER_PATH` to a Chromium or Chrome program, then "
                "restart the app."
            )
        )
        return
    lang = current_language()

    def build() -> bytes:
        scenario, link = current()
        with language(lang):
            renderer = image_renderer()
            sections = report_sections(
                data,
                goals,
                scenario,
                date.today().year,
                lambda figure: renderer.render(figure, "png", IMAGE_WIDTH_PX, IMAGE_HEIGHT_PX),
            )
            return build_report(
                t("Intraregional trade of Central Asia against its goals"),
                link,
                sections,
                date.today(),
            )

    st.download_button(
        t("Report (PDF)"),
        data=build,
        file_name=f"central-asia-trade-report-{date.today().isoformat()}.pdf",
        mime="application/pdf",
        key="report_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help=t(
            "Where trade stands, this scenario and the projects map, with sources and the date."
        ),
    )

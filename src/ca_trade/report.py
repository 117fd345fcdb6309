"""The PDF report: sections of text and chart images, with sources and the date, on A4 pages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fpdf import FPDF

from ca_trade.format import format_full_date
from ca_trade.i18n import t

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
PAGE_WIDTH_MM = 210
MARGIN_MM = 15
INK = (38, 39, 48)
MUTED = (107, 111, 123)
LINK = (0, 114, 178)


@dataclass(frozen=True)
class SourceRef:
    """A cited source: its title and address."""

    title: str
    url: str


@dataclass(frozen=True)
class ReportSection:
    """One part of the report: a heading, paragraphs, key figures, a chart and its sources."""

    heading: str
    paragraphs: Sequence[str] = ()
    figures: Sequence[tuple[str, str]] = ()
    chart_png: bytes | None = None
    sources: Sequence[SourceRef] = field(default_factory=tuple)


def report_fonts_available() -> bool:
    """Whether the fonts that set Latin and Cyrillic text are installed."""
    return FONT_REGULAR.is_file() and FONT_BOLD.is_file()


class _Report(FPDF):
    """An A4 document with the dashboard's footer on every page."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", str(FONT_REGULAR))
        self.add_font("DejaVu", "B", str(FONT_BOLD))
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(auto=True, margin=MARGIN_MM + 5)

    def footer(self) -> None:
        self.set_y(-MARGIN_MM)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} · {self.page_no()}", align="C")


def build_report(
    title: str, subtitle: str, sections: Sequence[ReportSection], as_of: date
) -> bytes:
    """Return the report as PDF bytes: `title`, one line of `subtitle` (e.g. the link that
    reproduces the view), the date `as_of`, then the sections in order.

    Raises:
        FileNotFoundError: where the DejaVu fonts are not installed.
    """
    if not report_fonts_available():
        raise FileNotFoundError(f"report fonts not found in {FONT_DIR}")
    pdf = _Report(t("Central Asia Trade Target, {date}", date=format_full_date(as_of)))
    pdf.set_title(title)
    pdf.set_creator("Central Asia Trade Target")
    pdf.add_page()
    _write(pdf, title, 9, 18, bold=True)
    _write(pdf, subtitle, 5, 10, colour=MUTED)
    _write(pdf, t("As of {date}.", date=format_full_date(as_of)), 5, 10, colour=MUTED)
    for section in sections:
        _write_section(pdf, section)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _write(
    pdf: FPDF,
    text: str,
    line_mm: float,
    size: int,
    *,
    bold: bool = False,
    colour: tuple[int, int, int] = INK,
    link: str | None = None,
) -> None:
    """Write `text` left-aligned across the page, in `size` pt, lines `line_mm` high."""
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, line_mm, text, link=link, align="L", new_x="LMARGIN", new_y="NEXT")


def _write_section(pdf: FPDF, section: ReportSection) -> None:
    """Append one section: heading, figures table, paragraphs, chart, sources."""
    text_width = PAGE_WIDTH_MM - 2 * MARGIN_MM
    pdf.ln(4)
    _write(pdf, section.heading, 7, 13, bold=True)
    pdf.ln(1)
    for label, value in section.figures:
        pdf.set_font("DejaVu", "", 10)
        pdf.set_text_color(*MUTED)
        pdf.cell(text_width * 0.55, 6, label)
        pdf.set_font("DejaVu", "B", 10)
        pdf.set_text_color(*INK)
        pdf.cell(text_width * 0.45, 6, value, new_x="LMARGIN", new_y="NEXT")
    for paragraph in section.paragraphs:
        _write(pdf, paragraph, 5, 10)
        pdf.ln(1)
    if section.chart_png is not None:
        image_height = text_width * 7 / 12
        if pdf.get_y() + image_height > pdf.h - MARGIN_MM - 5:
            pdf.add_page()
        pdf.image(io.BytesIO(section.chart_png), w=text_width)
    if section.sources:
        pdf.ln(2)
        _write(pdf, t("Sources"), 5, 9, bold=True, colour=MUTED)
        for source in section.sources:
            _write(pdf, f"{source.title}: {source.url}", 4, 8, colour=LINK, link=source.url)

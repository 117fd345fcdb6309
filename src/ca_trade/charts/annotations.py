"""The data's cut-off on a chart (a note under the title and, on a time axis, a line at the date),
and margins that fit a chart before it is drawn."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from ca_trade.charts.theme import MUTED, wrap_label

SUBTITLE_SPACE_PX = 22  # extra top margin the subtitle's first line needs under the title
SUBTITLE_LINE_PX = 16  # and each further line
# Plotly does not wrap a subtitle: lines this long still fit a phone-wide chart (375 px).
SUBTITLE_WRAP_CHARS = 52
TITLE_PAD_PX = 12  # space above the title when it is pinned to the top
LINE_PAD_YEARS = 0.3  # room kept right of the cut-off line when the x range is fixed
LINE_LABEL_PX = 16  # extra top margin for the line's label, above the plot


def fit_margins(figure: go.Figure, left: int, bottom: int, right: int = 10) -> None:
    """Set the margins the axis labels and legend need (as plotly's automargin left them at
    1400 px, in both languages), so the chart is drawn once instead of drawn, measured and drawn
    again with wider margins. The top margin is the title's (`with_cutoff` adds to it)."""
    margin = figure.layout.margin
    margin.l, margin.r, margin.b = left, right, bottom


def year_fraction(day: date) -> float:
    """Return a date as a fractional year (1 July 2024 -> about 2024.5), for a year axis."""
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def with_cutoff(
    figure: go.Figure, note: str, line_at: date | None = None, line_label: str = ""
) -> go.Figure:
    """Return a copy of `figure` that states the data's cut-off (`present.cutoff.cutoff_note`).

    The note becomes the title's subtitle, broken into lines that fit a phone-wide chart, so it
    is in the chart on screen and in every file exported from it. On a chart whose x axis is
    years, `line_at` (`DataCutoff.sources_up_to`) also draws a dotted vertical line at that date,
    labelled `line_label` above the plot, where no goal or series label can run into it (inside
    the plot, on a phone-wide chart, it crossed the goals' labels); a fixed x range is widened to
    show the line.
    """
    # Plain attribute assignments: update_layout and add_vline validate the layout again as a
    # whole, which cost 10-70 ms a chart on every re-run of a page.
    stamped = go.Figure(figure)
    title = stamped.layout.title
    existing = title.subtitle.text
    wrapped = wrap_label(note, SUBTITLE_WRAP_CHARS)
    title.subtitle.text = f"{existing}<br>{wrapped}" if existing else wrapped
    title.subtitle.font = {"size": 12, "color": MUTED}
    extra = SUBTITLE_SPACE_PX + SUBTITLE_LINE_PX * wrapped.count("<br>")
    if line_at is not None:
        extra += LINE_LABEL_PX
    stamped.layout.margin.t = (stamped.layout.margin.t or 60) + extra
    if title.y is None:
        # Pinned to the top, so the subtitle stays clear of axis labels drawn above the plot.
        title.yref = "container"
        title.y = 1
        title.yanchor = "top"
        title.pad = {"t": TITLE_PAD_PX}
    if line_at is not None:
        x = year_fraction(line_at)
        line = {"color": MUTED, "width": 1.5, "dash": "dashdot"}
        stamped.add_shape(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain", line=line)
        stamped.add_annotation(
            x=x,
            xref="x",
            y=1,
            yref="y domain",
            text=line_label,
            font={"color": MUTED, "size": 11},
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
        )
        fixed = stamped.layout.xaxis.range
        if fixed is not None and fixed[1] < x + LINE_PAD_YEARS:
            stamped.layout.xaxis.range = [fixed[0], x + LINE_PAD_YEARS]
    return stamped

"""The one chart template, shared by screen and export, and the colour-blind-safe palette."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from ca_trade.format import plotly_separators

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
INK = "#262730"
MUTED = "#6B6F7B"
GRID = "#E4E6EB"
FONT_FAMILY = "Source Sans Pro, DejaVu Sans, Arial, sans-serif"

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 13, "color": INK},
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}},
        xaxis={"gridcolor": GRID, "linecolor": MUTED, "zeroline": False, "automargin": True},
        yaxis={"gridcolor": GRID, "linecolor": MUTED, "zeroline": False, "automargin": True},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        title={"x": 0, "xanchor": "left", "font": {"size": 16}},
    )
)
TEMPLATE_NAME = "ca_trade"

# Plotly's default template: every figure starts from it when it is made. Plotly applies the
# default without validating it again, where assigning a template validates it each time
# (about 5 ms a figure, on every re-run of a page).
pio.templates[TEMPLATE_NAME] = TEMPLATE
pio.templates.default = TEMPLATE_NAME


def styled(figure: go.Figure, title: str) -> go.Figure:
    """Apply the title and the current language's number separators to a figure made with the
    default template (this module sets it)."""
    # Attribute assignment: update_layout validates the whole layout again (~3 ms a figure).
    figure.layout.title.text = title
    figure.layout.separators = plotly_separators()
    return figure


def wrap_label(text: str, width: int) -> str:
    """Break a label or hover text into lines of about `width` characters, joined by <br>;
    words are never split."""
    words = " ".join(text.split())
    lines = textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines)

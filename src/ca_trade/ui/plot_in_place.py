"""A plotly chart that follows a slider: a new figure updates the plot drawn, it does not replace it.

Streamlit 1.67 gives an `st.plotly_chart` a new identity whenever its figure changes, so on every
slider step the browser drops the plot and draws it again from nothing. This element keeps its
plot and hands plotly each new figure (`Plotly.react`), which redraws only what changed: about a
quarter of plotly's work per step on the Scenario page's projection. It uses the plotly.js that
Streamlit ships (the module of its own plotly chart), so a reader's browser loads plotly once.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

STREAMLIT_SCRIPTS = Path(st.__file__).parent / "static" / "static" / "js"


@functools.cache
def plotly_module_name(scripts: Path = STREAMLIT_SCRIPTS) -> str:
    """Return the file name of Streamlit's plotly chart module (hashed per release) in `scripts`
    (looked up once: the installed Streamlit does not change while the app runs).

    Raises:
        RuntimeError: no such module, which a Streamlit release without it would cause.
    """
    modules = sorted(path.name for path in scripts.glob("PlotlyChart.*.js"))
    if len(modules) != 1:
        raise RuntimeError(
            f"expected one PlotlyChart.*.js among Streamlit's scripts in {scripts}, "
            f"found {modules or 'none'}: the chart that follows a slider needs its plotly.js"
        )
    return modules[0]


_JS = """
let plotlyLoaded = null;

// Streamlit's plotly chart module sets window.Plotly when it runs; it is imported once, from
// beside the page's own entry script (which keeps working under a base URL path).
function loadPlotly(moduleName) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (plotlyLoaded === null) {
    const entry = document.querySelector("script[type='module'][src*='static/js/index.']");
    plotlyLoaded = import(new URL(moduleName, entry.src).href).then(() => window.Plotly);
  }
  return plotlyLoaded;
}

export default function (component) {
  const { data, parentElement } = component;
  let plot = parentElement.querySelector(":scope > .ca-plot");
  if (plot === null) {
    plot = document.createElement("div");
    plot.className = "ca-plot";
    parentElement.appendChild(plot);
    // The plot follows its column's width (the page's layout, a phone turned sideways).
    const resized = new ResizeObserver(() => {
      if (window.Plotly && plot._fullLayout) window.Plotly.Plots.resize(plot);
    });
    resized.observe(plot);
    plot.caStop = () => resized.disconnect();
  }
  const figure = JSON.parse(data.figure);
  const drawn = loadPlotly(data.module).then((Plotly) =>
    Plotly.react(plot, figure.data, figure.layout, data.config),
  );
  // Streamlit calls the cleanup of the latest figure once, when the element leaves the page.
  return () => {
    plot.caStop();
    drawn.then(() => window.Plotly.purge(plot));
  };
}
"""

COMPONENT_NAME = "ca_trade_plot_in_place"
_plot = st.components.v2.component(COMPONENT_NAME, js=_JS, isolate_styles=False)


def plot_in_place(figure: go.Figure, key: str, config: dict[str, Any]) -> None:
    """Draw `figure` across its column, updating the plot drawn under `key` in place.

    Args:
        figure: the chart (drawn without Streamlit's theme, as exported).
        key: unique element key; the same key across runs keeps the same plot.
        config: plotly's config (`ui.charts.chart_config`).
    """
    _plot(
        key=key,
        data={"figure": figure.to_json(), "config": config, "module": plotly_module_name()},
    )

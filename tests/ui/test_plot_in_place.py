"""The chart that follows a slider: it finds the plotly.js Streamlit ships, and says so when not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ca_trade.ui.plot_in_place import COMPONENT_NAME, STREAMLIT_SCRIPTS, plotly_module_name
from tests.ui.apptest import figures, open_page


def test_it_uses_the_plotly_module_of_the_installed_streamlit() -> None:
    name = plotly_module_name()
    assert name.startswith("PlotlyChart.")
    # The module brings plotly.js and sets window.Plotly, which the chart's script uses.
    assert "window.Plotly=" in (STREAMLIT_SCRIPTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("files", [[], ["PlotlyChart.a1.js", "PlotlyChart.b2.js"]])
def test_a_streamlit_without_one_plotly_module_is_named_in_the_error(
    tmp_path: Path, files: list[str]
) -> None:
    for name in files:
        (tmp_path / name).write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"expected one PlotlyChart\.\*\.js") as error:
        plotly_module_name(tmp_path)
    assert str(tmp_path) in str(error.value)


def test_the_projection_is_sent_with_its_config_in_russian() -> None:
    at = open_page("scenario.py", lang="ru")
    (element,) = [
        e for e in at.main.get("bidi_component") if e.proto.component_name == COMPONENT_NAME
    ]
    data = json.loads(element.proto.json)
    assert data["module"] == plotly_module_name()
    assert data["config"]["locale"] == "ru"
    assert data["config"]["toImageButtonOptions"]["filename"] == "scenario-projection"
    assert figures(at)[0]["layout"]["title"]["text"] == "Расчётная торговля и цели"

"""The bench's reference page holds as many controls of each kind as /scenario draws at first."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ca_trade.paths import PROJECT_ROOT
from tests.ui.apptest import TIMEOUT_S, open_page

KINDS = (
    "selectbox",
    "slider",
    "radio",
    "toggle",
    "checkbox",
    "metric",
    "expander",
    "popover",
    "download_button",
    "plotly_chart",
)


def counts(at: AppTest) -> dict[str, int]:
    """Return how many elements of each kind in `KINDS` the page's main area holds."""
    return {kind: len(at.main.get(kind)) for kind in KINDS}


def test_the_reference_page_has_the_scenario_pages_controls() -> None:
    scenario = open_page("scenario.py")
    reference = AppTest.from_file(
        str(PROJECT_ROOT / "bench" / "floor_controls_app.py"), default_timeout=TIMEOUT_S
    ).run()
    assert not reference.exception
    expected = counts(scenario)
    # /scenario draws its projection in place (a component), the reference a plotly chart.
    expected["plotly_chart"] += len(scenario.main.get("bidi_component"))
    assert counts(reference) == expected, "bench/floor_controls_app.py no longer mirrors /scenario"

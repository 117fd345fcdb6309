"""Helpers for page tests with Streamlit's AppTest: open a page, read metrics and figures."""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest

from ca_trade.paths import PROJECT_ROOT
from ca_trade.ui.plot_in_place import COMPONENT_NAME as IN_PLACE_COMPONENT

APP = str(PROJECT_ROOT / "app.py")
PAGES = "src/ca_trade/ui/pages"
TIMEOUT_S = 60


def open_page(page: str, **query: str) -> AppTest:
    """Open `page` (file name in ui/pages, e.g. 'overview.py') as a link to it with these URL
    parameters would: its first run is on that page."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.switch_page(f"{PAGES}/{page}")
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def metrics(at: AppTest) -> dict[str, str]:
    """Return label -> value of every st.metric on the page."""
    return {m.label: m.value for m in at.metric}


def _decode_typed_arrays(node: Any) -> Any:
    """Replace plotly's base64 typed arrays ({'dtype', 'bdata'}) with plain lists."""
    if isinstance(node, dict):
        if set(node) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"]).tolist()
        return {k: _decode_typed_arrays(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode_typed_arrays(v) for v in node]
    return node


def figures(at: AppTest) -> list[dict[str, Any]]:
    """Return every plotly figure on the page as a dict (data and layout): the charts that follow
    a slider (`ui.plot_in_place`) first, then the others."""
    specs = [
        json.loads(element.proto.json)["figure"]
        for element in at.main.get("bidi_component")
        if element.proto.component_name == IN_PLACE_COMPONENT
    ]
    specs += [element.proto.spec for element in at.main.get("plotly_chart")]
    return [_decode_typed_arrays(json.loads(spec)) for spec in specs]

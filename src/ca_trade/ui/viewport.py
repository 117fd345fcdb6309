"""Whether the reader's window is narrow (a phone), for charts that must be drawn differently.

A plotly map fills its box only when its frame has the box's shape, and the box of a phone is
taller than wide: the page needs to know which one it draws for. A tiny component reports the
window's width class from the browser (and again when it crosses the threshold); until it has,
the page draws for a wide window.
"""

from __future__ import annotations

import streamlit as st

NARROW_BELOW_PX = 640  # Streamlit stacks columns below this width too
_KEY = "viewport"
_JS = f"""
export default function (component) {{
  const {{ setStateValue }} = component;
  // Every report reruns the page: report only a change from the state the page drew for (a
  // wide window until told otherwise), so a desktop's first run is never cut short.
  let narrow = false;
  const report = () => {{
    const now = window.innerWidth < {NARROW_BELOW_PX};
    if (now !== narrow) {{
      narrow = now;
      setStateValue("narrow", now);
    }}
  }};
  report();
  window.addEventListener("resize", report);
  return () => window.removeEventListener("resize", report);
}}
"""
_probe = st.components.v2.component("ca_trade_viewport", js=_JS)


def is_narrow() -> bool:
    """Return whether the browser window is narrower than `NARROW_BELOW_PX` (False until known)."""
    state = _probe(key=_KEY, default={"narrow": False}, on_narrow_change=lambda: None, height=0)
    return bool(state.get("narrow", False))
